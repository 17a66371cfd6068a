"""What is measured: one line per page kind, and the many distinct URLs that fill each pattern.

{placeholders} in a pattern are filled from the seeded data (bench/sample.py), a different value
per request; where a page has only one address, a `bench=<n>` parameter keeps the URLs distinct,
so that whole-page caching cannot hide the database's work.
"""

import itertools
import math
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote_plus

SEARCH_URL = "/search/?q={q}"
OVERLAY_URL = "/search/overlay/?q={q}"
OVERLAY_HEADERS = {"HX-Request": "true"}


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    budget: str  # home, list, detail or search: which budgets of DESIGN.md apply
    url: str
    headers: dict = field(default_factory=dict)


PAGES = [
    Page("home", "home", "home", "/"),
    Page("list", "organisation list, page 1", "list", "/organisations/"),
    Page("filtered", "list, country + tag", "list", "/organisations/?country={country}&tag={tag}"),
    Page(
        "type_size_country",
        "list, type + size + country",
        "list",
        "/organisations/?type={type}&size={size}&country={country}",
    ),
    Page(
        "keyword_filtered",
        "list, keyword + country + tag",
        "list",
        "/organisations/?q={q}&country={country}&tag={tag}",
    ),
    Page("deep", "list, deepest pages", "list", "/organisations/?page={page}"),
    Page("profile", "organisation profile", "detail", "/organisations/{slug}/"),
    Page("projects", "project list, page 1", "list", "/projects/"),
    Page("project", "project page", "detail", "/projects/{slug}/"),
    Page("search_rare", "search, rare term", "search", SEARCH_URL),
    Page("search_common", "search, common term", "search", SEARCH_URL),
    Page("overlay", "search overlay", "search", OVERLAY_URL, OVERLAY_HEADERS),
    Page("map", "map, by tag", "list", "/map/?tag={tag}"),
    Page("map_country", "map of a country", "list", "/map/?country={country}"),
    Page("network", "network, by country", "list", "/network/?country={country}"),
    Page(
        "api", "API list, country + tag", "list", "/api/organisations?country={country}&tag={tag}"
    ),
    Page("events", "events, upcoming", "list", "/events/"),
    Page(
        "events_filtered",
        "events, country + online",
        "list",
        "/events/?country={country}&online={online}",
    ),
    Page("events_past", "events, past, page N", "list", "/events/past/?page={page}"),
    Page("event", "event page", "detail", "/events/{slug}/"),
    Page("funding", "funding calls, open", "list", "/funding/"),
    Page(
        "funding_filtered",
        "funding calls, type + country",
        "list",
        "/funding/?type={type}&country={country}",
    ),
    Page("funding_call", "funding call page", "detail", "/funding/{slug}/"),
]
# Throughput (wrk): (the key of load_paths(), its title in the report, the share of the
# baseline's requests per second it must reach: None for no goal).
BASELINE = "baseline"
LOAD_TARGETS = [
    ("robots", "/robots.txt (no query)", None),
    (BASELINE, "baseline: a plain Django page, 3 queries", None),
    ("list", "organisation list pages (anonymous)", 1 / 6),
    ("profile", "organisation profiles", 1 / 6),
    ("filtered", "lists, country + tag", 1 / 12),
    ("search", "search", 1 / 12),
    ("not_modified", "list pages answered 304 (If-None-Match)", 1 / 1.25),
]


def common_terms(sample):
    """Words that match many records: the most used tags, cities, and words of names."""
    names = sample["organisation_names"]
    words = Counter(w for name in names for w in set(name.split()) if w.isalpha() and len(w) > 2)
    frequent = [w for w, n in words.most_common() if n >= max(2, len(names) // 50)]
    candidates = [t[1] for t in sample["tags"]] + [r for r, _ in sample["regions"]] + frequent
    seen, terms = set(), []
    for term in candidates:
        if term.lower() not in seen:
            seen.add(term.lower())
            terms.append(term)
    return terms


def pools(sample, rng):
    """For each page kind, the distinct values its URL pattern is filled with."""
    pairs = [{"country": c, "tag": t} for c, t, _ in sample["country_tag_pairs"]]
    rng.shuffle(pairs)
    last = last_page(sample)
    deep = [{"page": p} for p in range(last, max(1, math.ceil(last * 0.75)) - 1, -1)]
    rare = [{"q": name} for name in sample["organisation_names"]]
    common = common_terms(sample)
    rng.shuffle(common)
    typed = []
    for i, name in enumerate(sample["organisation_names"]):
        typed.append(name[: max(2, len(name) - 2)].rstrip())
        if i < len(common):
            typed.append(common[i][: 3 + i % 3])
    typed = list(dict.fromkeys(typed))
    return {
        "home": [{}],
        "list": [{}],
        "filtered": pairs,
        "deep": deep,
        "profile": [{"slug": s} for s in sample["organisation_slugs"]],
        "projects": [{}],
        "project": [{"slug": s} for s in sample["project_slugs"]],
        "search_rare": rare,
        "search_common": [{"q": t} for t in common],
        "overlay": [{"q": t} for t in typed],
        "map": [{"tag": t} for t in dict.fromkeys(p["tag"] for p in pairs)],
        "map_country": [{"country": c} for c in dict.fromkeys(p["country"] for p in pairs)],
        "network": [{"country": c} for c in dict.fromkeys(p["country"] for p in pairs)],
        "api": pairs,
        "type_size_country": [
            {"type": t, "size": z, "country": c}
            for c, _ in sample["countries"]
            for t in sample["organisation_types"]
            for z in sample["organisation_sizes"]
        ],
        "keyword_filtered": [
            {"q": q, "country": p["country"], "tag": p["tag"]}
            for q, p in zip(itertools.cycle(common[:20] or ["a"]), pairs)
        ],
        "events": [{}],
        "events_filtered": [
            {"country": c, "online": o}
            for c in sample["event_countries"]
            for o in ("", "online", "in-person")
        ],
        "events_past": [{"page": p} for p in range(1, 40)],
        "event": [{"slug": s} for s in sample["event_slugs"]],
        "funding": [{}],
        "funding_filtered": [
            {"type": t, "country": c}
            for c, _ in sample["countries"]
            for t in sample["funding_types"]
        ],
        "funding_call": [{"slug": s} for s in sample["funding_slugs"]],
    }


def last_page(sample):
    return max(1, math.ceil(sample["published_organisations"] / sample["page_size"]))


def render(pattern, values):
    return pattern.format(**{k: quote_plus(str(v)) for k, v in values.items()})


def distinct_urls(pattern, pool, count):
    """`count` distinct URLs: the pool first, then `bench=<n>` keeps repeats distinct."""
    urls = []
    for i in range(count):
        url = render(pattern, pool[i % len(pool)])
        if i >= len(pool):
            url += ("&" if "?" in url else "?") + f"bench={i}"
        urls.append(url)
    return urls


def load_paths(sample, count=100):
    """The URLs the load generator cycles through, `count` distinct ones per LOAD_TARGETS key
    (the 304 target's are the list pages, sent again with their ETags: bench/measure.py; not
    the profiles, whose ETags change every minute for the events they show)."""
    lists = ["/organisations/"]
    lists += [f"/organisations/?country={c}" for c, _ in sample["countries"]]
    lists += [f"/organisations/?tag={quote_plus(t[0])}" for t in sample["tags"]]
    lists += [f"/organisations/?page={p}" for p in range(2, last_page(sample) + 1)]
    pairs = [(c, t) for c, t, _ in sample["country_tag_pairs"]]
    terms = common_terms(sample) + sample["organisation_names"]
    profiles = [f"/organisations/{s}/" for s in sample["organisation_slugs"][:count]]
    return {
        "robots": [f"/robots.txt?n={n}" for n in range(count)],
        BASELINE: [f"/bench/baseline/?n={n}" for n in range(count)],
        "list": lists[:count],
        "profile": profiles,
        "filtered": [f"/organisations/?country={c}&tag={quote_plus(t)}" for c, t in pairs[:count]],
        "search": [SEARCH_URL.format(q=quote_plus(q)) for q in terms[:count]],
        "not_modified": lists[:count],
    }
