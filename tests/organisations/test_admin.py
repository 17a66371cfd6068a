import pytest
from django.urls import reverse

from core.models import ModerationStatus
from organisations.models import Organisation
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:organisations_organisation_changelist")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def test_changelist_has_columns_filters_and_search(staff_client):
    OrganisationFactory(name="Polifactory", country="IT")
    OrganisationFactory(name="Waag", country="NL")
    response = staff_client.get(CHANGELIST, {"q": "poli"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Polifactory" in content and "Waag" not in content
    for column in ["Status", "Type of organisation", "Country"]:
        assert column in content
    for facet in ["By status", "By type of organisation", "By size", "By country"]:
        assert facet in content


def test_bulk_approve_and_unpublish(staff_client, staff_user):
    drafts = OrganisationFactory.create_batch(3, status=ModerationStatus.DRAFT)
    response = staff_client.post(
        CHANGELIST,
        {"action": "approve_selected", "_selected_action": [o.pk for o in drafts]},
        follow=True,
    )
    assert response.status_code == 200
    assert "3 approved." in response.content.decode()
    assert Organisation.objects.published().count() == 3
    assert set(Organisation.objects.values_list("updated_by", flat=True)) == {staff_user.pk}

    staff_client.post(
        CHANGELIST, {"action": "unpublish_selected", "_selected_action": [drafts[0].pk]}
    )
    assert Organisation.objects.published().count() == 2


def empty_inlines(client, url):
    """Management-form data for every inline on the page, each with no rows."""
    formsets = client.get(url).context["inline_admin_formsets"]
    data = {}
    for inline in formsets:
        prefix = inline.formset.prefix
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data


def test_admin_records_who_created_and_who_changed(client, staff_user, django_user_model):
    client.force_login(staff_user)
    add_url = reverse("admin:organisations_organisation_add")
    response = client.post(
        add_url,
        empty_inlines(client, add_url)
        | {
            "name": "New Lab",
            "slug": "new-lab",
            "status": "published",
            "short_description": "A new lab.",
            "tags": "open data, fablab",
            "networks": "FabLab Network",
            "members": [],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    organisation = Organisation.objects.get(slug="new-lab")
    assert organisation.created_by == staff_user
    assert sorted(organisation.tags.names()) == ["fablab", "open data"]
    assert list(organisation.networks.names()) == ["FabLab Network"]

    other = django_user_model.objects.create_user(
        email="editor@example.org", password="x", is_staff=True, is_superuser=True
    )
    client.force_login(other)
    change_url = reverse("admin:organisations_organisation_change", args=[organisation.pk])
    client.post(
        change_url,
        empty_inlines(client, change_url)
        | {
            "name": "New Lab renamed",
            "slug": "new-lab",
            "status": "published",
            "tags": "open data",
            "networks": "",
        },
    )
    organisation.refresh_from_db()
    assert organisation.name == "New Lab renamed"
    assert organisation.created_by == staff_user
    assert organisation.updated_by == other


def test_admin_is_closed_to_people_who_are_not_staff(client, user):
    assert client.get(CHANGELIST).status_code == 302
    client.force_login(user)
    assert client.get(CHANGELIST).status_code == 302
