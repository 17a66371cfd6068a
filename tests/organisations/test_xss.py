"""Script-bearing text shows harmless on every page and in the admin."""

import pytest
from django.urls import reverse

from organisations.models import SocialLink
from tests.html import assert_no_live_script
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
ONERROR = '<img src=x onerror="alert(1)">'
JS_URL = "javascript:alert(1)"


@pytest.fixture
def hostile():
    organisation = OrganisationFactory(
        name=f"Evil {SCRIPT}",
        short_description=f"Summary {ONERROR}",
        description=f"<p>Fine</p>{SCRIPT}<a href='{JS_URL}'>link</a>{ONERROR}",
        region=SCRIPT,
        address=ONERROR,
        website=JS_URL,
        tags=[f"tag {SCRIPT}", "onerror=alert(1)"],
        networks=[f"net {ONERROR}"],
    )
    SocialLink.objects.create(organisation=organisation, kind="other", url=JS_URL)
    return organisation


def test_description_is_cleaned_when_stored(hostile):
    hostile.refresh_from_db()
    assert "<script" not in hostile.description
    assert "onerror" not in hostile.description
    assert "javascript:" not in hostile.description
    assert "<p>Fine</p>" in hostile.description


@pytest.mark.parametrize("where", ["list", "profile", "home", "filtered", "htmx"])
def test_pages_show_hostile_text_harmless(client, hostile, where):
    urls = {
        "list": (reverse("organisations:list"), {}),
        "filtered": (reverse("organisations:list"), {"q": "Evil", "tag": "onerroralert1"}),
        "htmx": (reverse("organisations:list"), {"q": SCRIPT}),
        "profile": (hostile.get_absolute_url(), {}),
        "home": ("/", {}),
    }
    url, query = urls[where]
    headers = {"HX-Request": "true"} if where == "htmx" else {}
    response = client.get(url, query, headers=headers)
    assert response.status_code == 200
    assert_no_live_script(response.content)
    if where == "profile":
        assert b"&lt;script&gt;" in response.content  # the name is shown, as text


def test_json_ld_cannot_close_its_script_element(client, hostile):
    content = client.get(hostile.get_absolute_url()).content.decode()
    start = content.index('<script type="application/ld+json">')
    block = content[start : content.index("</script>", start)]
    assert "<script>alert" not in block
    assert "\\u003Cscript\\u003E" in block
    assert JS_URL not in block  # a javascript: website never becomes sameAs


def test_admin_shows_hostile_text_harmless(admin_client, hostile):
    changelist = admin_client.get(reverse("admin:organisations_organisation_changelist"))
    assert changelist.status_code == 200
    assert_no_live_script(changelist.content)
    change = admin_client.get(reverse("admin:organisations_organisation_change", args=[hostile.pk]))
    assert change.status_code == 200
    assert_no_live_script(change.content)
