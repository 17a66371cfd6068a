"""The home page: counters, featured case studies in staff's order, latest News & blogs."""

import datetime

import pytest
from django.utils import timezone

from core.models import ModerationStatus
from tests.blog.factories import PostFactory
from tests.casestudies.factories import CaseStudyFactory
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_home_counts_organisations_and_projects(client):
    for _ in range(3):
        OrganisationFactory()
    OrganisationFactory(status=ModerationStatus.DRAFT)
    for _ in range(2):
        ProjectFactory()
    ProjectFactory(status=ModerationStatus.PENDING)
    content = client.get("/").content.decode()
    assert "Join the community of 3 organisations and 2 projects" in content
    assert "digital social innovation · DSI Directory</title>" in content
    assert 'role="search"' in content


def test_featured_case_studies_in_the_order_staff_set(client):
    CaseStudyFactory(title="Third", featured=True, position=3)
    CaseStudyFactory(title="First", featured=True, position=1)
    CaseStudyFactory(title="Second", featured=True, position=2)
    CaseStudyFactory(title="Not featured", featured=False)
    CaseStudyFactory(title="Draft featured", featured=True, position=0, status="draft")
    response = client.get("/")
    assert [c.title for c in response.context["featured_case_studies"]] == [
        "First",
        "Second",
        "Third",
    ]
    content = response.content.decode()
    assert content.index("First") < content.index("Second") < content.index("Third")
    assert "Not featured" not in content and "Draft featured" not in content


def test_latest_posts_only_those_whose_time_has_come(client):
    now = timezone.now()
    PostFactory(title="Yesterday", published_at=now - datetime.timedelta(days=1))
    PostFactory(title="Last week", published_at=now - datetime.timedelta(days=7))
    PostFactory(title="Tomorrow", published_at=now + datetime.timedelta(days=1))
    PostFactory(title="Draft post", status="draft", published_at=now - datetime.timedelta(days=1))
    content = client.get("/").content.decode()
    assert "Yesterday" in content and "Last week" in content
    assert content.index("Yesterday") < content.index("Last week")
    assert "Tomorrow" not in content and "Draft post" not in content


def test_home_query_count_is_fixed(client, django_assert_max_num_queries):
    for n in range(8):
        CaseStudyFactory(featured=True, position=n, tags=["a"], areas_of_impact=["Science"])
        PostFactory(tags=["b"], summary="")
        OrganisationFactory(tags=["c", "d"])
        ProjectFactory(tags=["e"])
    with django_assert_max_num_queries(8):
        response = client.get("/")
    assert response.status_code == 200


def test_home_journey_links_exist(client):
    """home → a featured case study → its project → an organisation involved."""
    organisation = OrganisationFactory(name="Polifactory")
    project = ProjectFactory(name="Open Aids Lab", organisations=[organisation])
    case_study = CaseStudyFactory(title="Aids that fit", featured=True, project=project)
    home = client.get("/").content.decode()
    assert f'href="{case_study.get_absolute_url()}"' in home
    story = client.get(case_study.get_absolute_url()).content.decode()
    assert f'href="{project.get_absolute_url()}"' in story
    page = client.get(project.get_absolute_url()).content.decode()
    assert f'href="{organisation.get_absolute_url()}"' in page
    profile = client.get(organisation.get_absolute_url()).content.decode()
    assert f'href="{project.get_absolute_url()}"' in profile


def test_counters_are_cached_until_the_data_changes(client, django_assert_max_num_queries):
    ProjectFactory()
    assert "and 1 project " in client.get("/").content.decode()
    with django_assert_max_num_queries(6):  # no counting while nothing changed
        assert "and 1 project " in client.get("/").content.decode()
    ProjectFactory()
    assert "and 2 projects " in client.get("/").content.decode()  # the next request
