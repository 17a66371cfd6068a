"""One search across the public types: News & blogs, projects, organisations, case studies,
events and funding calls.

Each type's own queryset does the matching (core.search: full text, then similar names when
full text finds nothing). This module decides what a search page costs in queries:
- one query counts every type at once (each count capped, so a common word never counts
  100,000 rows; beyond the cap results are listed A–Z rather than ranked, since ranking reads
  every match), and one more counts similar names for the types where full text found nothing;
- one query per type that has something to show fetches its rows, just the columns shown.
"""

from dataclasses import dataclass, field

from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from blog.models import Post
from casestudies.models import CaseStudy
from core.search import RANK_LIMIT, terms
from events.models import Event
from funding.models import Opportunity
from organisations.models import Organisation
from projects.models import Project
from search.highlight import highlight

# Counts are exact up to CAP; beyond it a type shows "1,000+" and pages stop at CAP rows. It is
# also the most core.search ranks best first: a word matching more is listed A–Z.
CAP = RANK_LIMIT
GROUP_SIZE = 5


def count_rows(entries):
    """{key: number of rows, counting at most `limit`} for {key: (queryset, limit)}, all in one
    query: SELECT (SELECT COUNT(*) FROM (… LIMIT n)), (…), …"""
    counts = dict.fromkeys(entries, 0)
    selects, params, keys, using = [], [], [], None
    for key, (queryset, limit) in entries.items():
        rows = queryset.order_by().values("pk")[:limit]
        try:
            sql, sql_params = rows.query.get_compiler(using=rows.db).as_sql()
        except EmptyResultSet:
            continue  # .none(): nothing to count
        using = using or rows.db
        # The compiler's own SQL, with every value left in params: nothing typed is pasted in.
        selects.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted_{len(keys)})")  # noqa: S608
        params.extend(sql_params)
        keys.append(key)
    if selects:
        with connections[using].cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(selects), params)
            counts.update(zip(keys, cursor.fetchone(), strict=True))
    return counts


def capped_counts(querysets, cap=None):
    """{key: number of rows} for several querysets in one query; a number above `cap` is
    `cap + 1` (read it as "more than cap"), since each count stops after cap + 1 rows."""
    cap = CAP if cap is None else cap
    return count_rows({key: (queryset, cap + 1) for key, queryset in querysets.items()})


def count_label(count, cap=None):
    """1,234 — or "1,000+" for a capped count."""
    cap = CAP if cap is None else cap
    return f"{intcomma(cap)}+" if count > cap else intcomma(count)


def _place(row):
    country = row.country.name if row.country else ""
    return ", ".join(part for part in (row.region, country) if part)


@dataclass(frozen=True)
class Hit:
    """One result as the page and the overlay show it: title and summary already highlighted."""

    title: str
    url: str
    summary: str
    meta: str = ""
    date: object = None


@dataclass(frozen=True)
class Kind:
    key: str  # the ?type= value
    heading: str
    noun: str  # "View all N <noun> results"; "N <noun> results"
    empty: str
    model: type
    columns: tuple

    def published(self):
        return self.model.objects.published()

    def hit(self, row, words):
        if self.model is Post:
            return Hit(
                title=highlight(row.title_i18n, words),
                url=row.get_absolute_url(),
                summary=highlight(row.description, words),
                meta=row.get_category_display(),
                date=row.published_at,
            )
        if self.model is Event:
            return Hit(
                title=highlight(row.name, words),
                url=row.get_absolute_url(),
                summary=highlight(row.card_text, words),
                meta=row.place,
                date=row.starts_at,
            )
        if self.model is Opportunity:
            return Hit(
                title=highlight(row.name, words),
                url=row.get_absolute_url(),
                summary=highlight(row.card_text, words),
                meta=row.funder_name,
                date=row.closes_at,
            )
        return Hit(
            title=highlight(str(row), words),
            url=row.get_absolute_url(),
            summary=highlight(row.summary, words),
            meta=_place(row),
        )


_PLACE = ("country", "region")
KINDS = (
    Kind(
        "posts",
        _("News & blogs"),
        pgettext_lazy("search: the kind of results in View all N … results", "blog post"),
        _("No blog posts found"),
        Post,
        ("slug", "title", "summary", "body", "i18n", "category", "published_at"),
    ),
    Kind(
        "projects",
        _("Projects"),
        pgettext_lazy("search: the kind of results in View all N … results", "project"),
        _("No projects found"),
        Project,
        ("slug", "name", "short_description", "description", *_PLACE),
    ),
    Kind(
        "organisations",
        _("Organisations"),
        pgettext_lazy("search: the kind of results in View all N … results", "organisation"),
        _("No organisations found"),
        Organisation,
        ("slug", "name", "short_description", "description", *_PLACE),
    ),
    Kind(
        "casestudies",
        _("Case Studies"),
        pgettext_lazy("search: the kind of results in View all N … results", "case study"),
        _("No case studies found"),
        CaseStudy,
        ("slug", "title", "intro", "body", "i18n", *_PLACE),
    ),
    Kind(
        "events",
        _("Events"),
        pgettext_lazy("search: the kind of results in View all N … results", "event"),
        _("No events found"),
        Event,
        ("slug", "name", "summary", "description", "attendance", "venue", "starts_at", *_PLACE),
    ),
    Kind(
        "funding",
        _("Funding"),
        pgettext_lazy("search: the kind of results in View all N … results", "funding"),
        _("No funding calls found"),
        Opportunity,
        ("slug", "name", "summary", "description", "funder_name", "closes_at"),
    ),
)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


@dataclass
class Group:
    """One type's results for a query."""

    kind: Kind
    words: list
    queryset: object
    count: int  # capped: CAP + 1 means more than CAP
    similar: bool = False  # names close to the query, since full text found nothing
    hits: list = field(default_factory=list)

    @property
    def count_label(self):
        return count_label(self.count)

    @property
    def has_more(self):
        return self.count > GROUP_SIZE

    @property
    def browsable_count(self):
        """How many rows its pages reach: all of them, or the first CAP."""
        return min(self.count, CAP)

    def rows(self):
        return self.queryset.only(*self.kind.columns)

    def fetch(self, start=0, stop=GROUP_SIZE):
        """Its hits from start to stop (one query, none when it has nothing)."""
        rows = self.rows()[start:stop] if self.count else []
        self.hits = [self.kind.hit(row, self.words) for row in rows]
        return self.hits


def find(text):
    """The groups for `text`, counted (one query, two when some type needs the typo
    fallback) but with no rows fetched yet."""
    words = terms(text)
    groups = [Group(kind, words, kind.published().search(text), 0) for kind in KINDS]
    counts = capped_counts({g.kind.key: g.queryset for g in groups})
    for group in groups:
        group.count = counts[group.kind.key]
        if group.count > CAP:
            # Too many to rank (ranking reads every match): the first CAP, A–Z.
            group.queryset = (
                group.kind.published()
                .search(text, ranked=False)
                .order_by(*group.kind.model._meta.ordering)
            )
    # Where full text finds nothing, names close to what was typed (typos).
    missing = [g for g in groups if not g.count and words]
    if missing:
        similar = {g.kind.key: g.kind.published().search(text, similar=True) for g in missing}
        counts = capped_counts(similar)
        for group in missing:
            if counts[group.kind.key]:
                group.queryset = similar[group.kind.key]
                group.count = counts[group.kind.key]
                group.similar = True
    return groups
