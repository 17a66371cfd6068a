import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import ModerationStatus
from projects.models import AreaOfImpact, DsiFocus, Project, Technology
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:projects_project_changelist")


def listed(response):
    return sorted(p.name for p in response.context["cl"].result_list)


def test_changelist_filters_by_vocabulary_and_status(admin_client):
    ProjectFactory(name="Data", focus=["Open data"], areas_of_impact=["Science"])
    ProjectFactory(name="Hardware", focus=["Open hardware"], state="closed")
    ProjectFactory(name="Draft", status=ModerationStatus.DRAFT, technologies=["Robotics"])
    focus = DsiFocus.objects.get(slug="open-data")
    science = AreaOfImpact.objects.get(slug="science")
    assert listed(admin_client.get(CHANGELIST, {"focus__id__exact": focus.pk})) == ["Data"]
    assert listed(admin_client.get(CHANGELIST, {"areas_of_impact__id__exact": science.pk})) == [
        "Data"
    ]
    robotics = Technology.objects.get(slug="robotics")
    assert listed(admin_client.get(CHANGELIST, {"technologies__id__exact": robotics.pk})) == [
        "Draft"
    ]
    assert listed(admin_client.get(CHANGELIST, {"status__exact": "draft"})) == ["Draft"]
    assert listed(admin_client.get(CHANGELIST, {"state__exact": "closed"})) == ["Hardware"]


def test_changelist_query_count_is_fixed(admin_client, django_assert_max_num_queries):
    for n in range(30):
        ProjectFactory(name=f"Project {n}", focus=["Open data"], tags=["a", "b"])
    with django_assert_max_num_queries(12):
        response = admin_client.get(CHANGELIST)
    assert response.status_code == 200


def test_bulk_approve(admin_client, staff_user):
    drafts = [ProjectFactory(status=ModerationStatus.DRAFT) for _ in range(3)]
    response = admin_client.post(
        CHANGELIST,
        {"action": "approve_selected", "_selected_action": [p.pk for p in drafts]},
        follow=True,
    )
    assert response.status_code == 200
    assert "3 approved." in response.content.decode()
    assert set(Project.objects.values_list("status", flat=True)) == {"published"}


def test_changelist_keeps_a_moderation_queue(admin_client):
    ProjectFactory(name="Waiting", status=ModerationStatus.PENDING)
    ProjectFactory(name="Changed", review_requested_at=timezone.now())
    ProjectFactory(name="Settled")
    assert listed(admin_client.get(CHANGELIST, {"queue": "waiting"})) == ["Changed", "Waiting"]
    actions = admin_client.get(CHANGELIST).content.decode()
    assert 'value="approve_selected"' in actions and 'value="reject_selected"' in actions


def test_vocabularies_are_curated_in_the_admin(admin_client):
    for name in ("dsifocus", "areaofimpact", "technology"):
        response = admin_client.get(reverse(f"admin:projects_{name}_changelist"))
        assert response.status_code == 200
    content = admin_client.get(reverse("admin:projects_dsifocus_changelist")).content.decode()
    assert "Capturing, sharing, analysing and using open data" in content


def test_project_admin_links_organisations(admin_client):
    organisation = OrganisationFactory(name="Polifactory")
    project = ProjectFactory(name="Open Aids Lab")
    response = admin_client.get(reverse("admin:projects_project_change", args=[project.pk]))
    assert response.status_code == 200
    assert 'name="organisations"' in response.content.decode()
    data = {
        "name": "Open Aids Lab",
        "slug": project.slug,
        "status": "published",
        "state": "live",
        "short_description": "",
        "description": "",
        "social_impact": "",
        "organisations": [organisation.pk],
        "focus": [DsiFocus.objects.get(slug="open-hardware").pk],
        "tags": "makers, health",
        "networks": "",
    }
    response = admin_client.post(reverse("admin:projects_project_change", args=[project.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(project.organisations.all()) == [organisation]
    assert list(project.focus.values_list("slug", flat=True)) == ["open-hardware"]


def test_organisation_admin_links_projects_from_the_other_side(admin_client):
    organisation = OrganisationFactory(name="Polifactory")
    project = ProjectFactory(name="Open Aids Lab")
    url = reverse("admin:organisations_organisation_change", args=[organisation.pk])
    response = admin_client.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Projects involved with" in content
    prefix = "Project_organisations-"
    assert f'name="{prefix}TOTAL_FORMS"' in content
    data = {
        "name": "Polifactory",
        "slug": organisation.slug,
        "status": "published",
        "short_description": "",
        "description": "",
        "organisation_type": "",
        "size": "",
        "country": "IT",
        "region": "",
        "address": "",
        "website": "",
        "tags": "",
        "networks": "",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
        f"{prefix}TOTAL_FORMS": "1",
        f"{prefix}INITIAL_FORMS": "0",
        f"{prefix}0-project": str(project.pk),
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(organisation.projects.all()) == [project]
