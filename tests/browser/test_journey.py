"""Issue journey: home → a featured case study → its project → an organisation involved → back
to the project, in headless Chromium, with axe-core on every page type on the way and on the
lists of projects, case studies and News & blogs."""

import pytest
from playwright.sync_api import expect

from casestudies.models import CaseStudy
from demo.showcase import seed_showcase

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def showcase():
    seed_showcase()


def test_from_a_featured_case_study_to_its_project_and_an_organisation(page, axe, showcase):
    story = CaseStudy.objects.featured().select_related("project").first()
    project = story.project
    organisation = project.organisations.published().first()
    main = page.locator("#main")

    page.goto("/")
    main.get_by_role("link", name=story.title).first.click()
    page.wait_for_url(f"**{story.get_absolute_url()}")
    expect(main.get_by_role("heading", level=1)).to_have_text(story.title)
    axe(page)

    main.get_by_role("link", name=project.name, exact=True).first.click()
    page.wait_for_url(f"**{project.get_absolute_url()}")
    expect(main.get_by_role("heading", level=1)).to_have_text(project.name)
    axe(page)

    main.get_by_role("link", name=organisation.name, exact=True).first.click()
    page.wait_for_url(f"**{organisation.get_absolute_url()}")
    expect(main.get_by_text(f"{organisation.name} is involved with:")).to_be_visible()

    page.go_back()
    page.wait_for_url(f"**{project.get_absolute_url()}")
    expect(main.get_by_role("heading", level=1)).to_have_text(project.name)
    assert page.console_errors == []


@pytest.mark.parametrize("url", ["/projects/", "/case-studies/", "/blog/"])
def test_the_other_lists_pass_axe(page, axe, showcase, url):
    page.goto(url)
    axe(page)


def test_a_post_passes_axe(page, axe, showcase):
    from blog.models import Post

    page.goto(Post.objects.published().first().get_absolute_url())
    axe(page)
