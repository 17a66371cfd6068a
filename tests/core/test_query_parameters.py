"""Whatever a query parameter holds, every page answers a normal page: never a 500.

The keyword box once answered 500 to a query with no usable word: a `.none()` queryset reached
the facet SQL. Each list is tried with every parameter it reads, alone and together with the
others, holding each kind of garbage people (and robots) send.
"""

import pytest
from django.urls import reverse

from blog.filters import PostFilter
from events.filters import EventFilter
from funding.filters import OpportunityFilter
from organisations.filters import OrganisationFilter
from projects.filters import ProjectFilter
from tests.blog.factories import PostFactory
from tests.events.factories import EventFactory
from tests.funding.factories import OpportunityFactory
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

# Raw query-string values (already percent-encoded where they must be).
GARBAGE = [
    "%27",  # '
    "%22",  # "
    "%25",  # %
    "*",
    "_",
    "%5C",  # \
    "%23",  # #
    "-",
    "%26",  # &
    "%3F",  # ?
    "%E2%82%AC",  # €
    "%F0%9F%A6%8A",  # an emoji
    "%FF%FE",  # invalid UTF-8
    "%E4%B8%AD%E6%96%87",  # 中文
    "%CE%B1",  # α
    "qx",
    "%00",
    "a" * 3000,
    "",
    "-1",
    "99999999999999999999",
]

LISTS = {
    "organisations:list": [*OrganisationFilter.base_filters, "page"],
    "projects:list": [*ProjectFilter.base_filters, "page"],
    "blog:list": [*PostFilter.base_filters, "page"],
    "casestudies:list": ["page"],
    "events:list": [*EventFilter.base_filters, "page"],
    "events:past": [*EventFilter.base_filters, "page"],
    "events:calendar": [*EventFilter.base_filters],
    "events:feed": [*EventFilter.base_filters],
    "funding:list": [*OpportunityFilter.base_filters, "page"],
    "funding:closed": [*OpportunityFilter.base_filters, "page"],
    "funding:deadlines": [*OpportunityFilter.base_filters],
    "funding:feed": [*OpportunityFilter.base_filters],
    "search:results": ["q", "type", "page"],
    "search:overlay": ["q"],
    "alerts:new": ["kind", *OrganisationFilter.base_filters, *ProjectFilter.base_filters],
    "atlas:map": ["kind", *OrganisationFilter.base_filters, *ProjectFilter.base_filters],
    "atlas:network": [
        "kind",
        "show",
        *OrganisationFilter.base_filters,
        *ProjectFilter.base_filters,
    ],
}


@pytest.fixture
def some_rows():
    OrganisationFactory(name="Polifactory", country="IT", tags=["fab lab"])
    ProjectFactory(name="Making Sense", tags=["sensors"])
    PostFactory(title="A post")
    EventFactory(name="Maker night", country="IT", tags=["fab lab"])
    EventFactory(name="Old fair", days=-30)
    OpportunityFactory(name="Open call", eligible_countries=["IT"], tags=["fab lab"])
    OpportunityFactory(name="Closed call", days=-3)


@pytest.mark.parametrize("url_name", LISTS)
def test_every_parameter_alone_answers_a_page(client, some_rows, url_name):
    url = reverse(url_name)
    for name in LISTS[url_name]:
        for value in GARBAGE:
            response = client.get(f"{url}?{name}={value}")
            assert response.status_code == 200, (name, value, response.status_code)


@pytest.mark.parametrize("url_name", LISTS)
def test_garbage_with_other_filters_and_htmx_answers_a_page(client, some_rows, url_name):
    url = reverse(url_name)
    for value in GARBAGE:
        query = "&".join(f"{name}={value}" for name in LISTS[url_name])
        assert client.get(f"{url}?{query}").status_code == 200, value
        htmx = client.get(f"{url}?{query}", headers={"HX-Request": "true"})
        assert htmx.status_code == 200, value


@pytest.mark.parametrize("url_name", ["organisations:list", "projects:list"])
def test_a_keyword_with_no_usable_word_finds_nothing_and_says_so(client, some_rows, url_name):
    response = client.get(reverse(url_name), {"q": "'", "country": "IT"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0


# The exports (opendata/) read the lists' filters and answer files, not pages: garbage in any
# of them still answers the export (invalid values ignored), never a 500.
EXPORTS = {
    "/export/organisations.json": [*OrganisationFilter.base_filters, "download"],
    "/export/organisations.csv": [*OrganisationFilter.base_filters, "download"],
    "/export/organisations.xml": [*OrganisationFilter.base_filters, "download"],
    "/export/projects.json": [*ProjectFilter.base_filters, "download"],
    "/export/projects.csv": [*ProjectFilter.base_filters, "download"],
    "/export/projects.xml": [*ProjectFilter.base_filters, "download"],
}


@pytest.mark.parametrize("path", EXPORTS)
def test_every_export_parameter_with_garbage_answers_the_export(client, some_rows, path):
    for value in GARBAGE:
        for name in EXPORTS[path]:
            response = client.get(f"{path}?{name}={value}")
            assert response.status_code == 200, (name, value, response.status_code)
            b"".join(response.streaming_content)  # the stream itself must not fail either
        query = "&".join(f"{name}={value}" for name in EXPORTS[path])
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, value
        b"".join(response.streaming_content)


# The API (opendata/api.py) answers garbage with a 400 and a JSON body, never a 500.
API_LISTS = {
    "/api/organisations": [*OrganisationFilter.base_filters, "page", "page_size", "updated_since"],
    "/api/projects": [*ProjectFilter.base_filters, "page", "page_size", "updated_since"],
    "/api/case-studies": ["page", "page_size", "updated_since", "after"],
    "/api/posts": [*PostFilter.base_filters, "page", "page_size", "updated_since"],
}


@pytest.mark.parametrize("path", API_LISTS)
def test_every_api_parameter_with_garbage_answers_200_or_a_400_in_json(client, some_rows, path):
    for value in GARBAGE:
        for name in API_LISTS[path]:
            response = client.get(f"{path}?{name}={value}")
            assert response.status_code in (200, 400), (name, value, response.status_code)
            assert response["Content-Type"].startswith("application/json")
            if response.status_code == 400:
                assert response.json()["detail"]
        query = "&".join(f"{name}={value}" for name in API_LISTS[path])
        assert client.get(f"{path}?{query}").status_code in (200, 400), value
    assert client.get(f"{path}/{GARBAGE[-4]}").status_code == 404
