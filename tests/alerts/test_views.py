"""The alert forms and links: the list pages' form, /alerts/new/ with good and bad input, the
confirm, manage and unsubscribe links (forged and expired too), the profile and the feeds."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from alerts.models import Alert
from core.models import ModerationStatus
from mail.models import OutboundEmail
from tests.alerts.factories import AlertFactory
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

NEW = reverse("alerts:new")
GOOD = {"kind": "organisations", "email": "Ada@Example.ORG", "frequency": "weekly", "consent": "on"}


def post(client, data, **extra):
    return client.post(NEW, data, **extra)


def text(response):
    return response.content.decode()


# --- The list pages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "query", "hidden"),
    [
        ("organisations:list", "?country=IT&tag=fablab&type=zzz", ["country", "tag"]),
        ("projects:list", "?focus=open-data&state=live", ["focus", "state"]),
    ],
)
def test_list_pages_offer_the_alert_with_their_filters(
    client, url, query, hidden, django_assert_max_num_queries
):
    OrganisationFactory(country="IT", tags=["fablab"])
    ProjectFactory(focus=["Open data"])
    with django_assert_max_num_queries(8):
        response = client.get(reverse(url) + query)
    content = text(response)
    assert "Email me when new ones match" in content
    assert f'action="{NEW}"' in content
    for name in hidden:
        assert f'<input type="hidden" name="{name}"' in content
    assert 'name="type"' not in content.split("alert-signup")[1]  # garbage is not carried on
    assert reverse("alerts:feed", args=[url.split(":")[0]]) + "?" in content


def test_the_form_page_describes_the_filters_and_notes_garbage(client):
    OrganisationFactory(tags=["fablab"])
    response = client.get(
        NEW, {"kind": "organisations", "country": "IT", "tag": "fablab", "size": "huge"}
    )
    content = text(response)
    assert response.status_code == 200
    assert "in Italy" in content and "tagged under “fablab”" in content
    assert "We left out what this list has no filter for" in content and "size=huge" in content


# --- A new alert ---------------------------------------------------------------------------------


def test_a_new_alert_is_pending_with_its_consent_and_one_confirmation_email(client):
    response = post(client, {**GOOD, "country": "IT", "tag": "fablab"})
    assert response.status_code == 302
    assert response["Location"] == reverse("alerts:sent")
    alert = Alert.objects.get()
    assert alert.email == "Ada@example.org"
    assert alert.status == Alert.Status.PENDING
    assert alert.filters == {"country": "IT", "tag": "fablab"}
    assert alert.frequency == "weekly"
    assert alert.consent_text.startswith("Email me about new records")
    assert alert.consented_at is None and alert.user is None
    email = OutboundEmail.objects.get()
    assert alert.confirmation_email == email
    assert email.to == ["Ada@example.org"]
    # The link's token is signed with its second: read it back rather than sign it again.
    token = re.search(r"/alerts/confirm/([^/\s]+)/", email.body_text).group(1)
    assert Alert.from_confirm_token(token) == alert
    assert "in Italy" in email.body_text
    assert email.headers["List-Unsubscribe"].endswith(
        reverse("alerts:unsubscribe", args=[alert.unsubscribe_token()]) + ">"
    )
    assert "Check your inbox" in text(client.get(response["Location"]))


def test_garbage_filters_are_dropped_with_a_note(client):
    response = post(
        client,
        {**GOOD, "country": "ZZ", "type": "non-profit", "letter": "??", "nonsense": "1"},
        follow=True,
    )
    assert Alert.objects.get().filters == {"type": "non-profit"}
    content = text(response)
    assert "We left out “country=ZZ”" in content
    assert "We left out “letter=??”" in content
    assert "nonsense" not in content  # not a filter of the list at all: not stored, not echoed


def test_a_filter_that_matches_nothing_yet_is_allowed(client):
    assert post(client, {**GOOD, "q": "nothing like this exists"}).status_code == 302
    assert Alert.objects.get().filters == {"q": "nothing like this exists"}
    content = text(client.get(NEW, {"kind": "organisations", "q": "nothing like this exists"}))
    assert "we’ll tell you when one appears" in content


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": ""}, "email", "Enter your email address"),
        ({"email": "not an address"}, "email", "Enter an email address in the correct format"),
        ({"email": "a@example.org\nBcc: b@example.org"}, "email", "on a single line"),
        ({"email": "a" * 250 + "@example.org"}, "email", "254 characters or fewer"),
        ({"consent": ""}, "consent", "Tick the box to agree to these emails"),
        ({"frequency": "hourly"}, "frequency", "Choose weekly or daily"),
    ],
)
def test_bad_input_says_so_at_the_field_and_keeps_what_was_typed(client, changes, field, message):
    data = {**GOOD, "country": "IT", **changes}
    response = post(client, data)
    assert response.status_code == 200
    content = text(response)
    assert "There is a problem" in content
    assert message in content
    assert f'href="#alert-{field}' in content  # the summary links to the field
    assert 'aria-invalid="true"' in content
    if field != "email" and data["email"]:
        assert 'value="Ada@Example.ORG"' in content
    assert '<input type="hidden" name="country" value="IT">' in content
    assert not Alert.objects.exists() and not OutboundEmail.objects.exists()


def test_the_same_alert_twice_is_one_alert_and_one_email(client):
    post(client, {**GOOD, "country": "IT"})
    post(client, {**GOOD, "email": "ada@example.org", "country": "IT"})
    assert Alert.objects.count() == 1
    assert OutboundEmail.objects.count() == 1
    post(client, {**GOOD, "country": "FR"})  # another alert of the same address
    assert Alert.objects.count() == 2


def test_the_same_alert_again_later_gets_a_new_confirmation(client):
    post(client, {**GOOD, "country": "IT"})
    first = OutboundEmail.objects.get()
    first.sent_at = timezone.now() - timedelta(hours=1)  # went out, and was lost
    first.save()
    post(client, {**GOOD, "country": "IT"})
    alert = Alert.objects.get()
    assert OutboundEmail.objects.count() == 2
    assert alert.confirmation_email != first
    alert.confirm()
    post(client, {**GOOD, "country": "IT"})  # on already: nothing more
    assert OutboundEmail.objects.count() == 2


def test_limits_per_address_and_per_ip(client, settings):
    settings.ALERTS_RATE_LIMIT_PER_ADDRESS = (2, 3600)
    for country in ("IT", "FR"):
        assert post(client, {**GOOD, "country": country}).status_code == 302
    response = post(client, {**GOOD, "country": "ES"})
    assert response.status_code == 200
    assert "This address has set up many alerts lately" in text(response)
    assert Alert.objects.count() == 2

    settings.ALERTS_RATE_LIMIT_PER_IP = (3, 3600)
    response = post(client, {**GOOD, "email": "other@example.org"}, REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 302
    for n in range(3):
        response = post(client, {**GOOD, "email": f"x{n}@example.org"}, REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 429
    assert "Too many alerts" in text(response)


def test_an_address_with_many_alerts_is_told_so(client, settings):
    settings.ALERTS_PER_ADDRESS = 2
    AlertFactory(email="ada@example.org", filters={"country": "IT"})
    AlertFactory(email="ADA@example.org", filters={"country": "FR"}, pending=True)
    response = post(client, {**GOOD, "country": "ES"})
    assert "This address has 2 alerts already" in text(response)


def test_a_signed_in_person_owns_the_alert_and_sees_it_on_their_profile(signed_in, user):
    post(signed_in, {**GOOD, "email": user.email, "country": "IT"})
    alert = Alert.objects.get()
    assert alert.user == user
    AlertFactory(email="someone.else@example.org")
    content = text(signed_in.get(reverse("accounts:profile")))
    assert "Your alerts" in content
    assert "in Italy" in content
    assert alert.get_absolute_url() in content
    assert "someone.else" not in content


# --- Confirming ----------------------------------------------------------------------------------


def test_confirming_takes_a_post_and_records_consent(client):
    alert = AlertFactory(pending=True, filters={"country": "IT"})
    url = reverse("alerts:confirm", args=[alert.confirm_token()])
    response = client.get(url)  # a mail scanner opening the link changes nothing
    assert "Confirm the alert" in text(response) and "in Italy" in text(response)
    alert.refresh_from_db()
    assert alert.status == Alert.Status.PENDING
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == alert.get_absolute_url()
    alert.refresh_from_db()
    assert alert.status == Alert.Status.CONFIRMED
    assert alert.consented_at is not None and alert.confirmed_at is not None
    assert client.post(url).status_code == 302  # a second click lands on the same page


@pytest.mark.parametrize("link", ["confirm", "unsubscribe", "manage"])
def test_forged_links_give_a_friendly_page_and_change_nothing(client, link):
    alert = AlertFactory(pending=True)
    token = getattr(alert, f"{link}_token")()
    for bad in [token + "x", "1:forged", str(alert.pk), token.replace(str(alert.pk), "999999", 1)]:
        for method in (client.get, client.post):
            response = method(reverse(f"alerts:{link}", args=[bad]))
            assert response.status_code == 400, (bad, method)
            assert "This link does not work" in text(response)
            assert "Nothing has changed" in text(response)
    alert.refresh_from_db()
    assert alert.status == Alert.Status.PENDING


def test_an_expired_confirmation_link_says_so_and_changes_nothing(client, settings):
    alert = AlertFactory(pending=True)
    token = alert.confirm_token()
    settings.ALERTS_CONFIRM_MAX_AGE_SECONDS = -1
    response = client.post(reverse("alerts:confirm", args=[token]))
    assert response.status_code == 400
    assert "This link has expired" in text(response)
    alert.refresh_from_db()
    assert alert.status == Alert.Status.PENDING


def test_a_confirmation_for_an_ended_alert_does_not_turn_it_on(client):
    alert = AlertFactory(status=Alert.Status.UNSUBSCRIBED)
    response = client.post(reverse("alerts:confirm", args=[alert.confirm_token()]))
    assert response.status_code == 200
    assert "This alert has ended" in text(response)
    alert.refresh_from_db()
    assert alert.status == Alert.Status.UNSUBSCRIBED


# --- Ending alerts --------------------------------------------------------------------------------


def test_one_click_unsubscribe_of_rfc_8058_without_a_csrf_token(client):
    client = type(client)(enforce_csrf_checks=True)
    alert = AlertFactory()
    url = reverse("alerts:unsubscribe", args=[alert.unsubscribe_token()])
    assert "End the alert" in text(client.get(url))
    alert.refresh_from_db()
    assert alert.status == Alert.Status.CONFIRMED
    response = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    alert.refresh_from_db()
    assert alert.status == Alert.Status.UNSUBSCRIBED
    assert alert.unsubscribed_at is not None


def test_ending_an_alert_cancels_its_unsent_confirmation(client):
    post(client, GOOD)
    alert = Alert.objects.get()
    client.post(reverse("alerts:unsubscribe", args=[alert.unsubscribe_token()]))
    assert not OutboundEmail.objects.exists()


def test_the_manage_page_lists_the_address_alerts_and_ends_them(
    client, django_assert_max_num_queries
):
    mine = AlertFactory(email="ada@example.org", filters={"country": "IT"})
    also_mine = AlertFactory(email="ADA@example.org", kind="projects", filters={"state": "live"})
    other = AlertFactory(email="bob@example.org", filters={"country": "FR"})
    url = reverse("alerts:manage", args=[mine.manage_token()])
    with django_assert_max_num_queries(8):
        content = text(client.get(url))
    assert "in Italy" in content and "Live or closed: Live" in content
    assert "in France" not in content

    client.post(url, {"end": other.pk})  # not this address's: nothing happens
    other.refresh_from_db()
    assert other.status == Alert.Status.CONFIRMED
    response = client.post(url, {"end": mine.pk}, follow=True)
    assert "1 alert ended." in text(response)
    mine.refresh_from_db()
    also_mine.refresh_from_db()
    assert (mine.status, also_mine.status) == ("unsubscribed", "confirmed")
    client.post(url, {"end": "all"})
    also_mine.refresh_from_db()
    assert also_mine.status == Alert.Status.UNSUBSCRIBED
    client.post(url, {"end": "garbage"})  # nothing to end, no error
    assert "End all my alerts" not in text(client.get(url))


# --- Feeds ----------------------------------------------------------------------------------------


def test_every_filtered_list_has_a_feed_of_its_newest_matches(
    client, django_assert_max_num_queries
):
    old = OrganisationFactory(name="Old Italian", country="IT")
    type(old).objects.filter(pk=old.pk).update(status=ModerationStatus.DRAFT)
    type(old).objects.filter(pk=old.pk).update(status=ModerationStatus.PUBLISHED)
    OrganisationFactory(name="French", country="FR")
    OrganisationFactory(name="Hidden", country="IT", status=ModerationStatus.PENDING)
    newest = OrganisationFactory(name="New Italian <script>", country="IT")
    url = reverse("alerts:feed", args=["organisations"])
    with django_assert_max_num_queries(8):
        response = client.get(url, {"country": "IT", "size": "garbage"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own response
    assert "New organisations in Italy" in channel.findtext("title")
    self_link = channel.find("{http://www.w3.org/2005/Atom}link").get("href")
    assert self_link.endswith(reverse("alerts:feed", args=["organisations"]) + "?country=IT")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["New Italian <script>", "Old Italian"]
    assert "<script>" not in response.content.decode()  # escaped
    assert channel.find("item").findtext("link").endswith(newest.get_absolute_url())
    assert client.get(reverse("alerts:feed", args=["nothing"])).status_code == 404


def test_project_feed_and_garbage_in_every_parameter(client):
    ProjectFactory(name="Open", focus=["Open data"])
    url = reverse("alerts:feed", args=["projects"])
    response = client.get(url, {"focus": "open-data"})
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    assert [i.findtext("title") for i in root.iter("item")] == ["Open"]
    for value in ["%27", "%00", "a" * 3000, "%FF%FE", "-1"]:
        query = "&".join(f"{n}={value}" for n in ["q", "country", "focus", "tag", "state", "page"])
        assert client.get(f"{url}?{query}").status_code == 200, value


def test_expired_alerts_do_not_matter_to_the_feed(client):
    AlertFactory(created_at=timezone.now() - timedelta(days=400))
    assert signing.Signer(salt="x").sign("1")  # the feed needs no token at all
    assert client.get(reverse("alerts:feed", args=["organisations"])).status_code == 200


def test_a_feed_holds_the_twenty_newest(client, django_assert_max_num_queries):
    for n in range(23):
        OrganisationFactory(name=f"Org {n:02d}")
    with django_assert_max_num_queries(8):
        response = client.get(reverse("alerts:feed", args=["organisations"]))
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    titles = [item.findtext("title") for item in root.iter("item")]
    assert titles == [f"Org {n:02d}" for n in range(22, 2, -1)]
