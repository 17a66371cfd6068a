"""Lists that cost the same at any size: cached counts keyed on data versions, seek pages."""

import pytest
from django.urls import reverse

from core import listing
from organisations.models import Organisation
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("organisations:list")


def names(response):
    return [o.name for o in response.context["page"].object_list]


def test_counts_are_cached_and_any_change_shows_on_the_next_request(
    client, django_assert_max_num_queries
):
    for n in range(30):
        OrganisationFactory(name=f"Lab {n:02d}", country="IT", tags=["open data"])
    first = client.get(LIST_URL, {"country": "IT"})
    assert first.context["page"].paginator.count == 30
    with django_assert_max_num_queries(3):  # versions, rows, their tags: no counting
        again = client.get(LIST_URL, {"country": "IT", "page": "2"})
    assert names(again) == [f"Lab {n:02d}" for n in range(24, 30)]

    # Unpublish one: the count and the rows follow at once.
    Organisation.objects.filter(name="Lab 29").update(status="draft")
    after = client.get(LIST_URL, {"country": "IT", "page": "2"})
    assert after.context["page"].paginator.count == 29
    assert "Lab 29" not in names(after)

    # A tag added (no save of the row at all) shows in the facet counts at once.
    Organisation.objects.get(name="Lab 00").tags.add("robotics")
    facets = client.get(LIST_URL, {"country": "IT"}).context["facets"]
    assert ("robotics", "robotics", 1) in facets["tag"]


def test_deep_pages_seek_to_the_same_rows_as_offset(client, monkeypatch):
    for n in range(130):
        OrganisationFactory(name=f"Org {n % 7} {n:03d}", country="IT" if n % 2 else "FR")
    expected = list(Organisation.objects.published().values_list("name", flat=True))
    monkeypatch.setattr(listing, "OFFSET_LIMIT", 24)  # seek from page 2 on
    monkeypatch.setattr(listing, "BOUNDARY_CHUNK", 2)  # several chunks in the cache
    for page in range(1, 7):
        response = client.get(LIST_URL, {"page": page})
        assert names(response) == expected[(page - 1) * 24 : page * 24], page
    italian = list(
        Organisation.objects.published().filter(country="IT").values_list("name", flat=True)
    )
    response = client.get(LIST_URL, {"country": "IT", "page": 3})
    assert names(response) == italian[48:65]
    response = client.get(LIST_URL, {"country": "IT", "page": "last"})
    assert names(response) == italian[:24]  # garbage: page 1


def test_keyword_results_keep_relevance_order_on_every_page(client, monkeypatch):
    monkeypatch.setattr(listing, "OFFSET_LIMIT", 0)
    OrganisationFactory(name="Zeta Makerspace", short_description="x")
    OrganisationFactory(name="Alpha", short_description="A makerspace somewhere.")
    response = client.get(LIST_URL, {"q": "makerspace"})
    assert names(response) == ["Zeta Makerspace", "Alpha"]  # the name match first


def test_a_facet_is_shared_by_every_value_of_its_own_filter(client):
    """?tag=a and ?tag=b count the tags over the same rows (everything): counted once."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(6):
        OrganisationFactory(country="IT" if n % 2 else "ES", tags=["a", "b"] if n % 3 else ["b"])
    with CaptureQueriesContext(connection) as first:
        client.get(LIST_URL, {"tag": "a"})
    with CaptureQueriesContext(connection) as second:
        shared = client.get(LIST_URL, {"tag": "b"}).context["facets"]
    assert len(second) == len(first) - 1  # no second count of the tags
    cache.clear()
    fresh = client.get(LIST_URL, {"tag": "b"}).context["facets"]
    assert shared == fresh
    # With another filter the tag counts are those of its rows.
    italy = client.get(LIST_URL, {"tag": "b", "country": "IT"}).context["facets"]
    assert {slug: n for slug, _, n in italy["tag"]} == {"b": 3, "a": 2}


@pytest.mark.parametrize(
    ("url", "english", "german"),
    [
        ("/organisations/", "Italy (1)", "Italien (1)"),
        ("/projects/", "Italy (1)", "Italien (1)"),
    ],
)
def test_cached_facets_are_named_in_each_visitors_language(client, url, english, german):
    """The counts are cached once per filters, but the names in them (countries, types,
    vocabularies) are the visitor's: an English visit first does not make German facets
    English."""
    from tests.projects.factories import ProjectFactory

    OrganisationFactory(country="IT")
    ProjectFactory(country="IT")
    assert english in client.get(url).content.decode()
    page = client.get("/de" + url).content.decode()
    assert german in page
    assert english not in page


def test_cached_summaries_hold_no_lazy_translations(client):
    """A lazy string in the cache costs a class per unpickling (about 1 ms each)."""
    from django.utils.functional import Promise

    OrganisationFactory(country="IT")
    facets = client.get(LIST_URL).context["facets"]
    rows = [row for rows in facets.values() for row in rows]
    assert rows
    assert not [row for row in rows if any(isinstance(part, Promise) for part in row)]


def test_the_alert_form_rendered_once_is_in_each_visitors_language(client):
    """The blank "Email me when new ones match" form is rendered once per kind and language."""
    OrganisationFactory()
    assert "How often" in client.get(LIST_URL).content.decode()
    german = client.get("/de" + LIST_URL).content.decode()
    assert "Wie oft" in german
    assert "How often" not in german
    assert "How often" in client.get(LIST_URL, {"country": "IT"}).content.decode()


@pytest.mark.parametrize(
    ("url", "first", "second"),
    [
        (
            "/events/",
            {"country": "IT", "online": "in-person"},
            {"country": "ES", "online": "in-person"},
        ),
        (
            "/funding/",
            {"org_type": "academia", "country": "IT"},
            {"org_type": "academia", "country": "ES"},
        ),
    ],
)
def test_event_and_funding_facets_are_shared_by_every_value_of_their_own_filter(
    client, url, first, second
):
    """Their country facet ignores the country chosen: counted once for both lists, so the
    second list runs one query fewer, with the same country counts."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.events.factories import EventFactory
    from tests.funding.factories import OpportunityFactory

    for country in ("IT", "ES", "IT"):
        EventFactory(country=country)
        OpportunityFactory(eligible_countries=[country])
    with CaptureQueriesContext(connection) as one:
        a = client.get(url, first).context["facets"]["country"]
    with CaptureQueriesContext(connection) as two:
        b = client.get(url, second).context["facets"]["country"]
    assert len(two) == len(one) - 1
    assert a == b
    assert {code: n for code, _, n in a}["IT"] == 2


def test_a_page_past_the_first_reads_the_rows_it_skips_for_their_ids_alone(
    client, django_assert_num_queries, monkeypatch
):
    """The cards' subqueries (tag chips) run for the page's rows, not for every row skipped."""
    monkeypatch.setattr(listing, "FEW_ROWS", 10)  # not a list of few rows
    for n in range(30):
        OrganisationFactory(name=f"Lab {n:02d}", tags=[f"tag {n:02d}"])
    client.get(LIST_URL)  # counts cached
    with django_assert_num_queries(3) as queries:  # versions, the page's ids, its rows
        response = client.get(LIST_URL, {"page": "2"})
    assert names(response) == [f"Lab {n:02d}" for n in range(24, 30)]
    ids, rows = (q["sql"] for q in queries.captured_queries[1:])
    assert "OFFSET 24" in ids and "card_tags" not in ids
    assert "OFFSET" not in rows and "card_tags" in rows
    assert response.context["page"].object_list[0].card_tags == ["tag 24"]


def test_a_list_of_few_rows_is_paged_from_all_its_ids(client, django_assert_num_queries):
    """However the rows of a rare tag lie in the name order, the page comes from their ids."""
    for n in range(40):
        OrganisationFactory(name=f"Lab {n:02d}", tags=["rare"] if n in (3, 38, 39) else [])
    client.get(LIST_URL, {"tag": "rare"})  # counts cached
    with django_assert_num_queries(3) as queries:  # versions, every matching id, the rows
        response = client.get(LIST_URL, {"tag": "rare"})
    assert names(response) == ["Lab 03", "Lab 38", "Lab 39"]
    ids, rows = (q["sql"] for q in queries.captured_queries[1:])
    assert "LIMIT" not in ids and "card_tags" not in ids
    assert "card_tags" in rows
