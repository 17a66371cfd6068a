"""digitalsocial.eu's old addresses: /org/<id>/… and /project/<id>/… answer 301 to today's page."""

import pytest

from core.models import ModerationStatus
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/org/368/polifactory", "/org/368/", "/org/368", "/org/368/anything/else?x=1"]
)
def test_old_organisation_links_redirect_permanently(client, path):
    organisation = OrganisationFactory(legacy_id=368, slug="polifactory")
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == organisation.get_absolute_url()


@pytest.mark.parametrize("path", ["/project/251/campusinwatch", "/project/251", "/project/251/"])
def test_old_project_links_redirect_permanently(client, path):
    project = ProjectFactory(legacy_id=251, slug="campusinwatch")
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == "/projects/campusinwatch/"
    assert client.get(response["Location"]).status_code == 200
    assert project.get_absolute_url() == response["Location"]


@pytest.mark.parametrize(
    "path",
    [
        "/org/999/unknown",
        "/project/999/unknown",
        "/org/77/draft",  # known, but not published
        "/project/77/draft",
        "/org/99999999999999999999/x",
        "/org/abc/x",
        "/project/-1/x",
    ],
)
def test_unknown_or_unpublished_old_links_are_404(client, path):
    OrganisationFactory(legacy_id=77, status=ModerationStatus.DRAFT)
    ProjectFactory(legacy_id=77, status=ModerationStatus.DRAFT)
    response = client.get(path)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
