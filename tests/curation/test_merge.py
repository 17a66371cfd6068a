"""Duplicates: listed in the admin, merged into one, links carried over, nothing lost; the old
slug and the merged record's old id answer 301 to the survivor."""

import pytest
from django.urls import reverse

from core.models import ModerationStatus
from organisations.models import Organisation, SocialLink
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def palermo():
    """FabLab Palermo three times, as in the 2017 export."""
    first = OrganisationFactory(
        name="FabLab Palermo",
        slug="fablab-palermo",
        legacy_id=1185,
        region="Palermo",
        country="IT",
        website="http://www.fablabpalermo.org",
        tags=["fablab"],
    )
    second = OrganisationFactory(
        name="Fablab Palermo",
        slug="fablab-palermo-2",
        legacy_id=1134,
        region="Palermo",
        country="IT",
        description="",
        tags=["making"],
        networks=["FabLab Network"],
    )
    third = OrganisationFactory(
        name="fablab palermo", slug="fablab-palermo-3", legacy_id=1184, region="", country=""
    )
    return first, second, third


def test_likely_duplicates_are_listed(palermo, client, staff_user):
    # The same name in two countries is two organisations.
    OrganisationFactory(name="Impact Hub", country="SE")
    OrganisationFactory(name="Impact Hub", country="TR")
    OrganisationFactory(name="Waag", website="https://waag.org/")
    OrganisationFactory(name="Waag Futurelab", website="https://www.waag.org")
    OrganisationFactory(name="Polifactory")
    names = sorted(Organisation.objects.likely_duplicates().values_list("name", flat=True))
    assert names == ["FabLab Palermo", "Fablab Palermo", "Waag", "Waag Futurelab", "fablab palermo"]
    client.force_login(staff_user)
    response = client.get(
        reverse("admin:organisations_organisation_changelist"), {"duplicates": "yes"}
    )
    assert response.context["cl"].result_count == 5


def test_staff_merge_three_into_one_and_the_others_redirect(palermo, client, staff_user):
    first, second, third = palermo
    project = ProjectFactory(name="Maker Faire Palermo")
    project.organisations.add(second)
    SocialLink.objects.create(organisation=third, kind="facebook", url="https://facebook.com/flp")
    member = staff_user.__class__.objects.create_user(email="maker@example.org")
    third.members.add(member)

    client.force_login(staff_user)
    changelist = reverse("admin:organisations_organisation_changelist")
    chosen = [first.pk, second.pk, third.pk]
    asked = client.post(changelist, {"action": "merge_selected", "_selected_action": chosen})
    assert asked.status_code == 200 and "The record that stays" in asked.content.decode()
    client.post(
        changelist,
        {"action": "merge_selected", "_selected_action": chosen, "survivor": first.pk},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == third.status == ModerationStatus.MERGED
    assert second.merged_into == third.merged_into == first
    assert first.legacy_id == 1185 and first.slug == "fablab-palermo"  # keeps its own
    assert set(first.tags.names()) == {"fablab", "making"}
    assert set(first.networks.names()) == {"FabLab Network"}
    assert list(first.projects.all()) == [project]
    assert list(first.links.values_list("url", flat=True)) == ["https://facebook.com/flp"]
    assert member in first.members.all()

    client.logout()
    for old in (second, third):
        response = client.get(old.get_absolute_url())
        assert response.status_code == 301 and response["Location"] == first.get_absolute_url()
        response = client.get(f"/org/{old.legacy_id}/fablab-palermo")
        assert response.status_code == 301 and response["Location"] == first.get_absolute_url()
    page = client.get(reverse("organisations:list"), {"q": "palermo"})
    assert [o.name for o in page.context["page"].object_list] == ["FabLab Palermo"]


def test_a_merge_fills_what_the_survivor_left_blank():
    survivor = OrganisationFactory(website="", description="", short_description="Kept.")
    other = OrganisationFactory(website="https://x.example.org", description="<p>Ours</p>")
    other.merge_into(survivor, by=None)
    survivor.refresh_from_db()
    assert survivor.website == "https://x.example.org"
    assert survivor.description == "<p>Ours</p>"
    assert survivor.short_description == "Kept."


def test_merging_into_itself_is_refused():
    organisation = OrganisationFactory()
    with pytest.raises(ValueError, match="another record"):
        organisation.merge_into(organisation, by=None)


def test_a_merged_project_redirects_too(client):
    survivor = ProjectFactory(name="Beehive", legacy_id=10)
    other = ProjectFactory(name="beehive", legacy_id=11)
    other.merge_into(survivor, by=None)
    assert client.get(other.get_absolute_url())["Location"] == survivor.get_absolute_url()
    assert client.get("/project/11/beehive")["Location"] == survivor.get_absolute_url()
    assert client.get("/project/12/none").status_code == 404


def test_only_staff_who_may_change_records_merge(client, user):
    first, second = OrganisationFactory(), OrganisationFactory()
    client.force_login(user)
    client.post(
        reverse("admin:organisations_organisation_changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [first.pk, second.pk],
            "survivor": first.pk,
        },
    )
    second.refresh_from_db()
    assert second.status == ModerationStatus.PUBLISHED
