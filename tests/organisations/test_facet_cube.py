"""The organisation list's facet cube (organisations/cube.py): the same counts as the live ones,
never read once the data has moved, rebuilt only when it has."""

import random

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from core.models import ModerationStatus
from organisations import cube
from organisations.filters import OrganisationFilter
from organisations.models import FacetCube, Organisation, OrganisationSize, OrganisationType
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/organisations/"


@pytest.fixture
def directory():
    rng = random.Random(3)
    tags = ["open data", "fablab", "health", "civic tech"]
    networks = ["EU network", "Maker net"]
    for n in range(60):
        OrganisationFactory(
            country=rng.choice(["IT", "ES", "GB", ""]),
            organisation_type=rng.choice(OrganisationType.values[:3]),
            size=rng.choice(OrganisationSize.values[:3]),
            tags=rng.sample(tags, rng.randint(0, 3)),
            networks=rng.sample(networks, rng.randint(0, 2)),
            status=ModerationStatus.DRAFT if n % 10 == 0 else ModerationStatus.PUBLISHED,
        )


def get(client, query):
    """The list's response, and whether its counts came from the cube."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST_URL, query)
    counted = [q["sql"] for q in queries.captured_queries if "sum(c.n)" in q["sql"]]
    return response, bool(counted)


def summary(query, *, from_cube):
    request = RequestFactory().get(LIST_URL, query)
    directory = OrganisationFilter(
        QueryDict(request.GET.urlencode()),
        queryset=Organisation.objects.published(),
        request=request,
    )
    directory.uses_cube = from_cube  # a cached_property: set, it is not computed
    return directory._count_and_facets()


QUERIES = [
    {},
    {"country": "IT"},
    {"tag": "open-data"},
    {"country": "ES", "tag": "fablab"},
    {"type": OrganisationType.values[0], "size": OrganisationSize.values[1], "country": "GB"},
    {"network": "eu-network"},
    {"network": "maker-net", "tag": "health", "country": "IT"},
    {"tag": "no-such-tag"},
    {"country": "FR"},
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: "&".join(f"{k}={v}" for k, v in q.items()))
def test_the_cube_counts_what_the_live_counts_give(directory, query):
    assert cube.refresh() is True
    assert summary(query, from_cube=True) == summary(query, from_cube=False)


def test_a_list_reads_the_cube_while_it_is_current_and_the_live_counts_after_a_change(
    client, directory, django_assert_max_num_queries
):
    cube.refresh()
    with django_assert_max_num_queries(10):
        page, from_cube = get(client, {"country": "IT", "tag": "fablab"})
    assert from_cube
    before = page.context["page"].paginator.count

    # A new organisation moves the versions: the cube is stale, the live count shows it at once.
    OrganisationFactory(country="IT", tags=["fablab"])
    page, from_cube = get(client, {"country": "IT", "tag": "fablab"})
    assert not from_cube
    assert page.context["page"].paginator.count == before + 1

    # Rebuilt by beat's task: read again, and it counts the new one too.
    assert cube.refresh() is True
    assert summary({"country": "IT", "tag": "fablab"}, from_cube=True)["count"] == before + 1
    assert get(client, {"country": "IT", "tag": "fablab", "network": "eu-network"})[1]

    # A flushed cache loses the cube's stamp: live counts until the next refresh writes it.
    cache.clear()
    assert not get(client, {"tag": "health"})[1]
    assert cube.refresh() is False
    assert get(client, {"tag": "open-data"})[1]


def test_filters_the_cube_does_not_hold_are_counted_live(client, directory):
    cube.refresh()
    assert get(client, {"country": "IT"})[1]
    for query in ({"q": "organisation"}, {"region": "Milan"}, {"letter": "O", "country": "IT"}):
        assert not get(client, query)[1]


def test_refresh_builds_only_when_the_data_moved(directory):
    assert cube.refresh() is True
    built = FacetCube.objects.get(name=cube.NAME)
    assert built.cells > 0
    assert cube.refresh() is False
    # Any write moves the versions (their triggers fire on every statement: core/versions.py).
    Organisation.objects.filter(pk=Organisation.objects.first().pk).update(country="GB")
    assert cube.refresh() is True
    assert cube.refresh() is False


def test_the_beat_task_refreshes_the_cube(directory):
    from organisations.tasks import refresh_facet_cube

    refresh_facet_cube()
    assert FacetCube.objects.filter(name=cube.NAME).exists()
    assert len(cube.top("tag", {}, 2)) == 2


def test_the_api_counts_its_lists_from_the_cube_too(client, directory):
    query = {"country": "IT", "tag": "fablab"}
    live = client.get("/api/organisations", query).json()["count"]
    cache.clear()
    cube.refresh()
    with CaptureQueriesContext(connection) as queries:
        answer = client.get("/api/organisations", query).json()
    assert answer["count"] == live > 0
    assert not [q for q in queries.captured_queries if "COUNT(*)" in q["sql"]]
    assert [q for q in queries.captured_queries if "sum(c.n)" in q["sql"]]
