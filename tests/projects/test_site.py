"""Around the directory: sitemap.xml, robots.txt, navigation."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.utils import timezone

from tests.blog.factories import PostFactory
from tests.casestudies.factories import CaseStudyFactory
from tests.events.factories import EventFactory
from tests.funding.factories import OpportunityFactory
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _locations(client, url):
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    return [loc.text for loc in root.iterfind(".//s:loc", NS)]


def test_sitemap_lists_every_published_page_of_every_type(client, django_assert_max_num_queries):
    published = [
        OrganisationFactory(slug="poli"),
        ProjectFactory(slug="aids"),
        CaseStudyFactory(slug="story"),
        PostFactory(slug="news"),
        EventFactory(slug="meetup"),
        OpportunityFactory(slug="grant"),
    ]
    OrganisationFactory(slug="draft-org", status="draft")
    ProjectFactory(slug="draft-project", status="pending")
    CaseStudyFactory(slug="draft-story", status="rejected")
    PostFactory(slug="scheduled", published_at=timezone.now() + datetime.timedelta(days=1))
    EventFactory(slug="draft-event", status="draft")
    OpportunityFactory(slug="pending-call", status="pending")
    # The index: a count and the latest change of each of the six sections of rows.
    with django_assert_max_num_queries(12):
        sections = _locations(client, "/sitemap.xml")
    assert len(sections) == 7
    # The index too names its sections on SITE_URL, not on the host that asked.
    assert all(s.startswith(settings.SITE_URL + "/sitemap-") for s in sections), sections
    urls = []
    for section in sections:
        with django_assert_max_num_queries(8):
            urls += _locations(client, section.removeprefix(settings.SITE_URL))
    # Pages are addressed on SITE_URL, like their canonical links.
    assert all(u.startswith(settings.SITE_URL) for u in urls)
    paths = sorted(u.removeprefix(settings.SITE_URL) for u in urls)
    english = [obj.get_absolute_url() for obj in published]
    english += ["/", "/organisations/", "/projects/", "/case-studies/", "/blog/"]
    english += ["/events/", "/events/past/", "/funding/", "/funding/closed/"]
    # Each page once per language, English at its unprefixed address.
    others = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    expected = sorted(english + [f"/{code}{path}" for code in others for path in english])
    assert paths == expected


def test_each_sitemap_entry_names_its_alternates_and_x_default(client):
    organisation = OrganisationFactory(slug="poli")
    response = client.get("/sitemap-organisations.xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    xhtml = "{http://www.w3.org/1999/xhtml}link"
    entry = next(u for u in root if u.find("s:loc", NS).text.endswith("/de/organisations/poli/"))
    links = {link.get("hreflang"): link.get("href") for link in entry.iter(xhtml)}
    base = settings.SITE_URL + organisation.get_absolute_url()
    assert links["x-default"] == base
    assert links["en"] == base
    assert links["fr"] == settings.SITE_URL + "/fr/organisations/poli/"
    assert len(links) == len(settings.LANGUAGES) + 1


def test_robots_txt_points_to_the_sitemap(client, settings):
    settings.SITE_URL = "https://dsi.example.eu"
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: https://dsi.example.eu/sitemap.xml" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("/projects/", "Projects"),
        ("/case-studies/", "Case studies"),
        ("/blog/", "News & blogs"),
        ("/organisations/", "Organisations"),
    ],
)
def test_header_marks_the_current_section(client, url, label):
    content = client.get(url).content.decode()
    assert f'aria-current="page">{label}</a>' in content
    assert content.count('aria-current="page">') >= 1
    for other in ("Projects", "Case studies", "News & blogs"):
        assert f">{other}</a>" in content  # in the header and the footer
