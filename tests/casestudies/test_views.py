import datetime

import pytest
from django.urls import reverse

from core.models import ModerationStatus
from tests.casestudies.factories import CaseStudyFactory
from tests.html import assert_no_live_script
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("casestudies:list")
SCRIPT = "<script>alert(1)</script>"
ONERROR = "<img src=x onerror=alert(1)>"
JS_URL = "javascript:alert(1)"


def titles(response):
    return [c.title for c in response.context["page"].object_list]


def test_list_shows_published_only_newest_first(client):
    CaseStudyFactory(title="Older")
    CaseStudyFactory(title="Newer")
    for status in (ModerationStatus.DRAFT, ModerationStatus.PENDING, ModerationStatus.REJECTED):
        CaseStudyFactory(title=f"Hidden {status}", status=status)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert titles(response) == ["Newer", "Older"]
    content = response.content.decode()
    assert b"Hidden" not in response.content
    assert "<title>Case studies · DSI Directory</title>" in content
    assert '<meta name="description" content="Case studies of digital social innovation' in content


def test_list_is_paginated_and_tolerates_garbage(client, django_assert_max_num_queries):
    for n in range(30):
        CaseStudyFactory(title=f"Story {n:02d}", areas_of_impact=["Science"], tags=["a", "b"])
    with django_assert_max_num_queries(8):
        first = client.get(LIST_URL)
    assert len(titles(first)) == 24
    with django_assert_max_num_queries(8):
        second = client.get(LIST_URL, {"page": "2"})
    assert len(titles(second)) == 6
    assert "<title>Case studies (page 2) · DSI Directory</title>" in second.content.decode()
    for page in ["abc", "-1", "0", "999999", "", "2'--"]:
        assert client.get(LIST_URL, {"page": page, "x": "<script>"}).status_code == 200, page
    htmx = client.get(LIST_URL, {"page": "2"}, headers={"HX-Request": "true"})
    assert htmx.content.decode().lstrip().startswith('<div id="results"')


def test_empty_state(client):
    assert "No case studies found" in client.get(LIST_URL).content.decode()


def test_case_study_page_links_its_project_and_organisation(client):
    organisation = OrganisationFactory(name="Polifactory")
    project = ProjectFactory(name="Open Aids Lab", organisations=[organisation])
    case_study = CaseStudyFactory(
        title="Making aids that fit",
        intro="How makers and patients designed together.",
        body="**Bold** work.",
        project=project,
        organisation=organisation,
        country="IT",
        region="Milan",
        start_date=datetime.date(2016, 5, 1),
        call_to_action_url="https://example.org/join",
        call_to_action_label="Join the lab",
        areas_of_impact=["Health and care"],
        tags=["co-design"],
    )
    response = client.get(case_study.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Making aids that fit · DSI Directory</title>" in content
    assert (
        '<meta name="description" content="How makers and patients designed together.">' in content
    )
    assert '<meta property="og:type" content="article">' in content
    assert '"@type": "Article"' in content
    assert "<strong>Bold</strong>" in content
    assert f'<a href="{project.get_absolute_url()}">Open Aids Lab</a>' in content
    assert f'<a href="{organisation.get_absolute_url()}">Polifactory</a>' in content
    assert 'href="https://example.org/join"' in content and "Join the lab" in content
    assert "Health and care" in content and "co-design" in content
    assert "Milan, Italy" in content and "May 2016" in content


def test_unpublished_project_and_organisation_are_not_linked(client):
    project = ProjectFactory(name="Secret Project", status=ModerationStatus.DRAFT)
    organisation = OrganisationFactory(name="Secret Org", status=ModerationStatus.PENDING)
    case_study = CaseStudyFactory(project=project, organisation=organisation)
    content = client.get(case_study.get_absolute_url()).content.decode()
    assert "Secret Project" not in content and "Secret Org" not in content


def test_case_study_page_query_count_is_fixed(client, django_assert_max_num_queries):
    case_study = CaseStudyFactory(
        project=ProjectFactory(),
        organisation=OrganisationFactory(),
        areas_of_impact=["Science", "Health and care", "Digital democracy"],
        tags=[f"tag {n}" for n in range(10)],
    )
    with django_assert_max_num_queries(8):
        response = client.get(case_study.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("status", ["draft", "pending", "rejected"])
def test_unpublished_case_study_is_404(client, status):
    case_study = CaseStudyFactory(status=status)
    assert client.get(case_study.get_absolute_url()).status_code == 404


def test_hostile_text_is_harmless_everywhere(client, admin_client):
    case_study = CaseStudyFactory(
        title=f"Evil {SCRIPT}",
        intro=f"Intro {ONERROR}",
        body=f"<p>Fine</p>{SCRIPT}<a href='{JS_URL}'>x</a>",
        region=SCRIPT,
        call_to_action_url=JS_URL,
        call_to_action_label=SCRIPT,
        tags=[f"tag {SCRIPT}"],
        featured=True,
    )
    case_study.refresh_from_db()
    assert "<script" not in case_study.body and "javascript:" not in case_study.body
    for url in [LIST_URL, case_study.get_absolute_url(), "/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert_no_live_script(response.content)
        assert b"Evil &lt;script&gt;" in response.content
    content = client.get(case_study.get_absolute_url()).content.decode()
    block = content[content.index('<script type="application/ld+json">') :]
    assert "<script>alert" not in block[: block.index("</script>")]
    changelist = admin_client.get(reverse("admin:casestudies_casestudy_changelist"))
    assert changelist.status_code == 200
    assert_no_live_script(changelist.content)
    change = admin_client.get(reverse("admin:casestudies_casestudy_change", args=[case_study.pk]))
    assert_no_live_script(change.content)


def test_admin_orders_featured_and_bulk_publishes(admin_client):
    drafts = [CaseStudyFactory(status=ModerationStatus.DRAFT) for _ in range(2)]
    url = reverse("admin:casestudies_casestudy_changelist")
    response = admin_client.post(
        url,
        {"action": "publish_selected", "_selected_action": [c.pk for c in drafts]},
        follow=True,
    )
    assert "2 published." in response.content.decode()
    response = admin_client.get(url, {"featured__exact": "1"})
    assert response.status_code == 200
    response = admin_client.get(url, {"areas_of_impact__id__exact": "1", "status__exact": "draft"})
    assert response.status_code == 200
