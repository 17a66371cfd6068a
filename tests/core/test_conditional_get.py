"""Conditional GET: a browser that has the page gets a 304 until the data changes; nobody ever
gets a page made for someone else."""

import pytest
from django.urls import reverse

from organisations.models import Organisation
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def polifactory():
    return OrganisationFactory(name="Polifactory", tags=["fablab"])


@pytest.mark.parametrize("url", ["/", "/organisations/", "/projects/", "/case-studies/", "/blog/"])
def test_unchanged_pages_answer_304_after_one_small_query(
    client, polifactory, url, django_assert_max_num_queries
):
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    with django_assert_max_num_queries(1):
        again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_a_publish_edit_or_unpublish_shows_on_the_next_request(client, polifactory):
    url = reverse("organisations:list")
    etag = client.get(url)["ETag"]
    OrganisationFactory(name="New Lab")  # published
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 200 and "New Lab" in response.content.decode()

    etag = response["ETag"]
    Organisation.objects.filter(name="New Lab").update(status="draft")
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 200 and "New Lab" not in response.content.decode()

    profile = polifactory.get_absolute_url()
    etag = client.get(profile)["ETag"]
    polifactory.tags.add("makerspace")  # a tag alone changes the profile
    response = client.get(profile, headers={"If-None-Match": etag})
    assert response.status_code == 200 and "makerspace" in response.content.decode()


def test_signed_in_people_never_get_a_page_made_for_someone_else(client, user, polifactory):
    url = reverse("organisations:list")
    anonymous_etag = client.get(url)["ETag"]
    client.force_login(user)
    response = client.get(url, headers={"If-None-Match": anonymous_etag})
    assert response.status_code == 200
    assert "Your account" in response.content.decode()
    assert response["ETag"] != anonymous_etag


def test_filters_and_pages_have_etags_of_their_own(client, polifactory):
    etag = client.get("/organisations/")["ETag"]
    response = client.get("/organisations/?country=IT", headers={"If-None-Match": etag})
    assert response.status_code == 200
    htmx = client.get("/organisations/", headers={"HX-Request": "true", "If-None-Match": etag})
    assert htmx.status_code == 200  # the partial is a different document
