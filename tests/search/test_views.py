"""/search/ and /search/overlay/: six groups, tabs, pages, highlights, typos, bad input."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import ModerationStatus
from search import engine
from tests.blog.factories import PostFactory
from tests.casestudies.factories import CaseStudyFactory
from tests.events.factories import EventFactory
from tests.funding.factories import OpportunityFactory
from tests.html import assert_no_live_script
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

URL = reverse("search:results")
OVERLAY_URL = reverse("search:overlay")
HTMX = {"HX-Request": "true"}
SCRIPT = "<script>alert(1)</script>"
HEADINGS = ["News & blogs", "Projects", "Organisations", "Case Studies", "Events", "Funding"]
EMPTY = [
    "No blog posts found",
    "No projects found",
    "No organisations found",
    "No case studies found",
    "No events found",
    "No funding calls found",
]


def text(response):
    """The page's text with tags dropped and white space squashed, as a reader sees it."""
    content = response.content.decode()
    content = re.sub(r"<(script|style)\b.*?</\1>", " ", content, flags=re.S)
    content = re.sub(r"<[^>]+>", "", content)
    content = content.replace("&amp;", "&").replace("&quot;", '"').replace("&#x27;", "'")
    return " ".join(content.split())


def hit_titles(response, key):
    groups = {g.kind.key: g for g in response.context["groups"]}
    return [re.sub(r"</?mark>", "", str(hit.title)) for hit in groups[key].hits]


def ago(**kwargs):
    return timezone.now() - datetime.timedelta(**kwargs)


@pytest.fixture
def directory():
    """Something of every type about making, and a few rows that must never show."""
    OrganisationFactory(
        name="Polifactory",
        short_description="The makerspace of Politecnico di Milano.",
        tags=["digital fabrication", "fablab"],
    )
    OrganisationFactory(
        name="Quiet Lab",
        short_description="A lab in Turin.",
        description="<p>We once visited Polifactory in Milan.</p>",
        region="Turin",
    )
    for n in range(7):
        OrganisationFactory(name=f"Weaver Space {n}", short_description="Tools for everyone.")
    OrganisationFactory(name="Weaver Draft", status=ModerationStatus.DRAFT)
    ProjectFactory(name="Open Aids", short_description="Assistive devices made at Polifactory.")
    ProjectFactory(name="Weaver Faire Rome", short_description="A fair.")
    CaseStudyFactory(title="How Polifactory opened its doors", intro="A story of making.")
    PostFactory(title="Polifactory turns ten", summary="A birthday.", published_at=ago(days=2))
    PostFactory(title="Polifactory scheduled", published_at=ago(days=-1))  # tomorrow
    PostFactory(title="Polifactory draft", status=ModerationStatus.DRAFT)


def test_four_groups_in_order_with_their_counts(client, directory):
    response = client.get(URL, {"q": "polifactory"})
    assert response.status_code == 200
    groups = response.context["groups"]
    assert [g.kind.heading for g in groups] == HEADINGS
    keys = ["posts", "projects", "organisations", "casestudies", "events", "funding"]
    assert [g.kind.key for g in groups] == keys
    assert [g.count for g in groups] == [1, 1, 2, 1, 0, 0]
    page = text(response)
    positions = [page.index(f"{heading} (") for heading in HEADINGS]
    assert positions == sorted(positions)
    assert "News & blogs (1)" in page and "Organisations (2)" in page
    content = response.content.decode()
    for key, heading in zip(keys, HEADINGS, strict=True):
        assert f'<h2 id="search-group-{key}">{heading.replace("&", "&amp;")} ' in content


def test_a_name_match_ranks_above_a_description_match(client, directory):
    response = client.get(URL, {"q": "polifactory"})
    assert hit_titles(response, "organisations") == ["Polifactory", "Quiet Lab"]


def test_unpublished_and_future_posts_never_show(client, directory):
    for url in (URL, OVERLAY_URL):
        for query in ({"q": "polifactory"}, {"q": "polifactory", "type": "posts"}):
            response = client.get(url, query, headers=HTMX if url == OVERLAY_URL else {})
            assert "Polifactory turns ten" in text(response)
            assert "scheduled" not in text(response)
            assert "Polifactory draft" not in text(response)
    assert b"Weaver Draft" not in client.get(URL, {"q": "weaver", "type": "organisations"}).content


def test_empty_states_word_for_word(client):
    OrganisationFactory(name="Alone")
    page = text(client.get(URL, {"q": "zzzz"}))
    for empty in EMPTY:
        assert empty in page
    page = text(client.get(URL, {"q": "alone"}))
    assert "No organisations found" not in page
    assert [e for e in EMPTY if e in page] == [EMPTY[0], EMPTY[1], *EMPTY[3:]]


def test_at_most_five_per_group_and_a_view_all_link(client, directory):
    response = client.get(URL, {"q": "weaver"})
    assert len(hit_titles(response, "organisations")) == 5
    page = text(response)
    assert "View all 7 organisation results" in page
    assert "project results" not in page  # one project: no link
    content = response.content.decode()
    assert 'href="?q=weaver&amp;type=organisations">View all 7 organisation results</a>' in content


def test_view_all_link_wording_for_every_type(client):
    for n in range(6):
        OrganisationFactory(name=f"Delta org {n}")
        ProjectFactory(name=f"Delta project {n}")
        CaseStudyFactory(title=f"Delta case {n}")
        PostFactory(title=f"Delta post {n}")
    page = text(client.get(URL, {"q": "delta"}))
    for noun in ["organisation", "project", "case study", "blog post"]:
        assert f"View all 6 {noun} results" in page
    overlay = text(client.get(OVERLAY_URL, {"q": "delta"}, headers=HTMX))
    for noun in ["organisation", "project", "case study", "blog post"]:
        assert f"View all 6 {noun} results" in overlay


def test_tabs_are_links_with_counts_and_aria_current(client, directory):
    response = client.get(URL, {"q": "weaver", "type": "organisations"})
    content = response.content.decode()
    tabs = content[
        content.index('<nav class="tabs"') : content.index(
            "</nav>", content.index('<nav class="tabs"')
        )
    ]
    assert 'href="?q=weaver"' in tabs  # all results
    assert '<a href="?q=weaver&amp;type=organisations" aria-current="page">Organisations' in tabs
    assert 'href="?q=weaver&amp;type=projects">Projects' in tabs
    assert tabs.count("aria-current") == 1
    nav = text(client.get(URL, {"q": "weaver", "type": "organisations"}))
    assert "News & blogs (0) Projects (1) Organisations (7) Case Studies (0)" in nav
    assert hit_titles(response, "organisations") == [f"Weaver Space {n}" for n in range(7)]
    overview = client.get(URL, {"q": "weaver"}).content.decode()
    assert '<a href="?q=weaver" aria-current="page">All results</a>' in overview


def test_a_type_is_paginated_24_a_page(client):
    for n in range(30):
        OrganisationFactory(name=f"Ocean org {n:02d}")
    first = client.get(URL, {"q": "ocean", "type": "organisations"})
    assert len(hit_titles(first, "organisations")) == 24
    assert "30 organisation results, page 1 of 2" in text(first)
    assert 'href="?q=ocean&amp;type=organisations&amp;page=2"' in first.content.decode()
    second = client.get(URL, {"q": "ocean", "type": "organisations", "page": "2"})
    assert hit_titles(second, "organisations") == [f"Ocean org {n}" for n in range(24, 30)]
    past = client.get(URL, {"q": "ocean", "type": "organisations", "page": "99"})
    assert past.context["page"].number == 2
    for garbage in ["abc", "-1", "0", "1e3", SCRIPT]:
        response = client.get(URL, {"q": "ocean", "type": "organisations", "page": garbage})
        assert response.status_code == 200
        assert response.context["page"].number in {1, 2}
    assert (
        client.get(URL, {"q": "ocean", "type": "organisations", "page": "abc"})
        .context["page"]
        .number
        == 1
    )


def test_htmx_pages_render_just_the_results(client):
    for n in range(30):
        OrganisationFactory(name=f"Ocean org {n:02d}")
    query = {"q": "ocean", "type": "organisations", "page": "2"}
    response = client.get(URL, query, headers=HTMX)
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="search-results"')
    assert "<html" not in content
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_unknown_type_is_no_type(client, directory):
    response = client.get(URL, {"q": "weaver", "type": "people"})
    assert response.status_code == 200
    assert response.context["kind"] is None
    assert "View all 7 organisation results" in text(response)


def test_matches_are_highlighted_in_title_and_summary(client, directory):
    content = client.get(URL, {"q": "polifactory"}).content.decode()
    assert '<a href="/organisations/' in content
    assert "><mark>Polifactory</mark></a>" in content
    assert "Assistive devices made at <mark>Polifactory</mark>." in content


def test_a_script_name_shows_escaped_with_the_matched_word_marked(client):
    OrganisationFactory(name=SCRIPT, short_description=f"Says {SCRIPT}")
    for url in (URL, OVERLAY_URL):
        response = client.get(url, {"q": "alert"}, headers=HTMX if url == OVERLAY_URL else {})
        content = response.content.decode()
        assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in content
        assert_no_live_script(content)


def test_accents_prefixes_and_case_are_forgiven(client, directory):
    for query in ["Polifáctory", "POLIFACTORY", "polif"]:
        response = client.get(URL, {"q": query})
        assert hit_titles(response, "organisations")[0] == "Polifactory", query
        assert "Showing results for names close to" not in text(response)
    assert "<mark>Polif</mark>actory" in client.get(URL, {"q": "polif"}).content.decode()


def test_typos_fall_back_to_similar_names_and_say_so(client, directory):
    response = client.get(URL, {"q": "polifactroy"})
    assert hit_titles(response, "organisations") == ["Polifactory"]
    groups = {g.kind.key: g for g in response.context["groups"]}
    assert groups["organisations"].similar
    assert "Showing results for names close to “polifactroy”" in text(response)
    overlay = client.get(OVERLAY_URL, {"q": "polifactroy"}, headers=HTMX)
    assert "Showing results for names close to “polifactroy”" in text(overlay)
    assert "Polifactory" in text(overlay)


def test_an_exact_match_says_nothing_about_similar_names(client, directory):
    response = client.get(URL, {"q": "quiet lab"})
    assert "names close to" not in text(response)


def test_capped_counts_show_as_a_plus(client, monkeypatch):
    monkeypatch.setattr(engine, "CAP", 6)
    for n in range(8):
        OrganisationFactory(name=f"Zebra org {n}")
    response = client.get(URL, {"q": "zebra"})
    page = text(response)
    assert "Organisations (6+)" in page
    assert "View all 6+ organisation results" in page
    listing = client.get(URL, {"q": "zebra", "type": "organisations", "page": "2"})
    assert listing.context["page"].paginator.count == 6  # pages reach the first CAP rows only
    assert "Only the first 6 results can be browsed" in text(listing)


def test_title_meta_description_and_landmarks(client, directory):
    content = client.get(URL, {"q": "fab"}).content.decode()
    assert "<title>Search results for “fab” · DSI Directory</title>" in content
    assert '<meta name="description" content="Search results for “fab”' in content
    assert '<meta name="robots" content="noindex">' in content
    assert (
        '<main id="main"' in content and '<nav class="tabs" aria-label="Result types">' in content
    )
    content = client.get(URL).content.decode()
    assert "<title>Search · DSI Directory</title>" in content


def test_the_header_box_goes_to_search_and_asks_for_the_overlay(client):
    content = client.get("/").content.decode()
    form = content[
        content.index('<form class="site-search"') : content.index(
            "</form>", content.index('<form class="site-search"')
        )
    ]
    assert 'action="/search/"' in form
    assert 'data-hx-get="/search/overlay/"' in form
    assert 'data-hx-trigger="input changed delay:300ms"' in form
    assert 'aria-live="polite"' in form and 'role="region"' in form
    assert "/static/js/search-overlay.js" in form
    assert_no_live_script(content)
    # On the search page the box keeps what was searched.
    assert 'value="fab"' in client.get(URL, {"q": "fab"}).content.decode()


def test_overlay_groups_and_empty_states(client, directory):
    response = client.get(OVERLAY_URL, {"q": "weaver"}, headers=HTMX)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<html" not in content
    overlay = text(response)
    positions = [overlay.index(f"{heading} (") for heading in HEADINGS]
    assert positions == sorted(positions)
    assert "No blog posts found" in overlay
    assert "View all 7 organisation results" in overlay
    assert 'href="/search/?q=weaver&amp;type=organisations"' in content
    assert 'href="/search/?q=weaver"' in content


@pytest.mark.parametrize("q", ["", " ", "a", " a "])
def test_overlay_is_empty_under_two_characters(client, directory, q, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(OVERLAY_URL, {"q": q}, headers=HTMX)
    assert response.status_code == 200
    assert response.content == b""


def test_empty_search_page_asks_for_words(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(URL)
    assert response.status_code == 200
    assert "Type a name, a place or a topic" in text(response)


BAD_INPUT = [
    "",
    "   ",
    "\t\n",
    "x" * 10_000,
    "%",
    "_",
    "%%__",
    "'",
    '"',
    "\\",
    "\\\\'",
    "'; DROP TABLE organisations_organisation; --",
    "1 OR 1=1",
    "a & b | !c",
    "x:*",
    "()",
    "<->",
    SCRIPT,
    "🙂",
    "🙂 fab",
    "مرحبا بالعالم",
    "שלום",
    "\u202eevil",
    "\x00",
    "polif\x00actory",
]


@pytest.mark.parametrize("q", BAD_INPUT)
@pytest.mark.parametrize("url", [URL, OVERLAY_URL])
def test_bad_input_gives_a_normal_page(client, directory, url, q):
    headers = HTMX if url == OVERLAY_URL else {}
    for query in ({"q": q}, {"q": q, "type": "organisations"}, {"q": q, "type": q}):
        response = client.get(url, query, headers=headers)
        assert response.status_code == 200
        assert_no_live_script(response.content)
        assert b"<script>alert" not in response.content


def test_query_counts(client, django_assert_max_num_queries):
    for n in range(8):
        OrganisationFactory(name=f"Kite org {n}", tags=["kites", "wind"])
        ProjectFactory(name=f"Kite project {n}", tags=["kites"])
        CaseStudyFactory(title=f"Kite case {n}", tags=["kites"])
        PostFactory(title=f"Kite post {n}", tags=["kites"])
        EventFactory(name=f"Kite event {n}", tags=["kites"])
        OpportunityFactory(name=f"Kite call {n}", tags=["kites"])
    # One query counts all six types (capped) and whether each has a real full-text match;
    # one query per type fetches its five rows.
    with django_assert_max_num_queries(7):
        client.get(URL, {"q": "kite"})
    with django_assert_max_num_queries(7):
        client.get(OVERLAY_URL, {"q": "kite"}, headers=HTMX)
    # A type: the same count query (the tabs show every count), then one page of rows.
    with django_assert_max_num_queries(2):
        client.get(URL, {"q": "kite", "type": "organisations", "page": "1"})
    # Nothing found anywhere: the count, then one count of similar names (the typo fallback).
    with django_assert_max_num_queries(2):
        client.get(URL, {"q": "qwertyuiop"})
    # Typos: the count, the similar names' count, then rows for each type that has some.
    with django_assert_max_num_queries(8):
        client.get(URL, {"q": "kiet org"})
    with django_assert_max_num_queries(8):
        client.get(OVERLAY_URL, {"q": "kiet org"}, headers=HTMX)
