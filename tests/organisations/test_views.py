import pytest
from django.urls import reverse

from core.models import ModerationStatus
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("organisations:list")


def names(response):
    return [o.name for o in response.context["page"].object_list]


def test_list_shows_published_only(client):
    OrganisationFactory(name="Visible")
    for status in (ModerationStatus.DRAFT, ModerationStatus.PENDING, ModerationStatus.REJECTED):
        OrganisationFactory(name=f"Hidden {status}", status=status)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert names(response) == ["Visible"]


@pytest.mark.parametrize("status", ["draft", "pending", "rejected"])
def test_profile_of_unpublished_is_404(client, status):
    organisation = OrganisationFactory(status=status)
    assert client.get(organisation.get_absolute_url()).status_code == 404


def test_profile_of_unknown_slug_is_404(client):
    assert client.get("/organisations/no-such-thing/").status_code == 404
