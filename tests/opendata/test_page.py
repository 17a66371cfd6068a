"""/open-data/: every dataset with its row count and latest change, the formats, the API, the
changes feed and the licence."""

import pytest
from django.urls import reverse

from core.models import ModerationStatus
from tests.blog.factories import PostFactory
from tests.casestudies.factories import CaseStudyFactory
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

URL = reverse("opendata:page")


def test_the_page_explains_the_datasets_with_their_counts(client):
    OrganisationFactory.create_batch(3, country="IT")
    OrganisationFactory(status=ModerationStatus.PENDING)
    ProjectFactory.create_batch(2)
    CaseStudyFactory()
    PostFactory()
    response = client.get(URL)
    assert response.status_code == 200
    counts = response.context["counts"]
    assert counts["organisations"]["rows"] == 3  # published only
    assert counts["projects"]["rows"] == 2
    assert counts["casestudies"]["rows"] == 1
    assert counts["posts"]["rows"] == 1
    html = response.content.decode()
    for text in (
        "/export/organisations.json?download",
        "/export/projects.xml?download",
        "/export/organisations.csv?country=IT",
        "/api/docs",
        "/api/openapi.json",
        "updated_since",
        "CC BY-NC-SA 4.0",
        'rel="license"',
        "murmurations.json",
        "<time datetime=",
    ):
        assert text in html, text


def test_counts_follow_the_data_and_queries_stay_few(client, django_assert_max_num_queries):
    OrganisationFactory.create_batch(2)
    with django_assert_max_num_queries(8):
        assert client.get(URL).context["counts"]["organisations"]["rows"] == 2
    OrganisationFactory.create_batch(20)
    with django_assert_max_num_queries(8):
        assert client.get(URL).context["counts"]["organisations"]["rows"] == 22
    with django_assert_max_num_queries(3):  # counted once per data version
        client.get(URL)


def test_an_empty_directory_has_a_page_too(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["counts"]["organisations"]["rows"] == 0


def test_the_footer_links_here(client):
    assert f'href="{URL}"' in client.get(reverse("home")).content.decode()
