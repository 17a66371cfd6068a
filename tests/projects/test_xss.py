"""Script-bearing text shows harmless on every page that shows a project, and in the admin."""

import pytest
from django.urls import reverse

from tests.html import assert_no_live_script
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
ONERROR = "<img src=x onerror=alert(1)>"
JS_URL = "javascript:alert(1)"


@pytest.fixture
def hostile():
    organisation = OrganisationFactory(name=f"Org {SCRIPT}", short_description=ONERROR)
    return ProjectFactory(
        name=f"Evil {SCRIPT}",
        short_description=f"Summary {ONERROR}",
        description=f"<p>Fine</p>{SCRIPT}<a href='{JS_URL}'>link</a>{ONERROR}",
        social_impact=f"{ONERROR} [x]({JS_URL})",
        region=SCRIPT,
        website=JS_URL,
        tags=[f"tag {SCRIPT}", "onerror=alert(1)"],
        networks=[f"net {ONERROR}"],
        focus=["Open data"],
        organisations=[organisation],
    )


def test_rich_text_is_cleaned_when_stored(hostile):
    hostile.refresh_from_db()
    for field in (hostile.description, hostile.social_impact):
        assert "<script" not in field
        assert "onerror" not in field
        assert "javascript:" not in field
    assert "<p>Fine</p>" in hostile.description


@pytest.mark.parametrize("where", ["list", "filtered", "htmx", "detail", "home", "org"])
def test_pages_show_hostile_text_harmless(client, hostile, where):
    urls = {
        "list": (reverse("projects:list"), {}),
        "filtered": (reverse("projects:list"), {"q": "Evil", "tag": "onerroralert1"}),
        "htmx": (reverse("projects:list"), {"q": SCRIPT, "focus": SCRIPT}),
        "detail": (hostile.get_absolute_url(), {}),
        "home": ("/", {}),
        "org": (hostile.organisations.get().get_absolute_url(), {}),
    }
    url, query = urls[where]
    headers = {"HX-Request": "true"} if where == "htmx" else {}
    response = client.get(url, query, headers=headers)
    assert response.status_code == 200
    assert_no_live_script(response.content)
    if where in ("detail", "list", "org"):
        assert b"&lt;script&gt;" in response.content  # the name is shown, as text


def test_json_ld_cannot_close_its_script_element(client, hostile):
    content = client.get(hostile.get_absolute_url()).content.decode()
    start = content.index('<script type="application/ld+json">')
    block = content[start : content.index("</script>", start)]
    assert "<script>alert" not in block
    assert "\\u003Cscript\\u003E" in block
    assert JS_URL not in block  # a javascript: website never becomes sameAs


def test_admin_shows_hostile_text_harmless(admin_client, hostile):
    changelist = admin_client.get(reverse("admin:projects_project_changelist"))
    assert changelist.status_code == 200
    assert_no_live_script(changelist.content)
    assert b"Evil &lt;script&gt;" in changelist.content
    change = admin_client.get(reverse("admin:projects_project_change", args=[hostile.pk]))
    assert change.status_code == 200
    assert_no_live_script(change.content)
