"""The links in the emails: confirm (signed, expiring, POST to confirm) and unsubscribe (signed,
not expiring, one-click POST without a CSRF token). A GET never changes anything."""

from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mail.models import OutboundEmail
from mail.tasks import send_email
from newsletter.models import CONFIRM_SALT, Subscriber
from tests.html import assert_no_live_script
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def confirm_url(subscriber):
    return reverse("newsletter:confirm", args=[subscriber.confirm_token()])


def unsubscribe_url(subscriber):
    return reverse("newsletter:unsubscribe", args=[subscriber.unsubscribe_token()])


def expired_token(subscriber, settings):
    """A token signed longer ago than the links live."""
    age = settings.NEWSLETTER_CONFIRM_MAX_AGE_SECONDS + 60

    class Past(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(signing.time.time()) - age)

    return Past(salt=CONFIRM_SALT).sign(str(subscriber.pk))


# --- Confirm ------------------------------------------------------------------------------------


def test_confirm_link_shows_a_button_and_changes_nothing(client, django_assert_max_num_queries):
    subscriber = SubscriberFactory(sent=True)
    with django_assert_max_num_queries(1):
        response = client.get(confirm_url(subscriber))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Confirm subscription</button>" in html
    assert 'method="post"' in html
    assert "csrfmiddlewaretoken" in html
    assert subscriber.email in html
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.confirmed_at is None


def test_head_and_repeated_gets_change_nothing(client):
    subscriber = SubscriberFactory(sent=True)
    for _ in range(3):
        client.get(confirm_url(subscriber))
        client.head(confirm_url(subscriber))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_confirm_by_post_records_consent(client, django_assert_max_num_queries):
    subscriber = SubscriberFactory(sent=True, source="home")
    # Read, confirm, and cancel a confirmation still waiting in the outbox (none here).
    with django_assert_max_num_queries(3):
        response = client.post(confirm_url(subscriber))
    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter:confirmed")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None
    assert subscriber.consented_at == subscriber.confirmed_at
    assert subscriber.consent_text and subscriber.consent_version
    assert subscriber.source == "home"
    assert "You’re subscribed" in client.get(response["Location"]).content.decode()


def test_confirm_twice_is_harmless(client):
    subscriber = SubscriberFactory(sent=True)
    client.post(confirm_url(subscriber))
    first = Subscriber.objects.get().confirmed_at
    response = client.post(confirm_url(subscriber))
    assert response.status_code == 302
    assert Subscriber.objects.get().confirmed_at == first
    assert "You’re subscribed" in client.get(confirm_url(subscriber)).content.decode()


def test_confirm_needs_a_csrf_token():
    subscriber = SubscriberFactory(sent=True)
    client = Client(enforce_csrf_checks=True)
    assert client.post(confirm_url(subscriber)).status_code == 403
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_confirm_link_after_unsubscribing_does_not_subscribe(client):
    subscriber = SubscriberFactory(unsubscribed=True)
    response = client.post(confirm_url(subscriber))
    assert response.status_code == 200
    assert "sign up again" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_expired_confirm_link_gets_a_clear_page(client, settings):
    subscriber = SubscriberFactory(sent=True)
    url = reverse("newsletter:confirm", args=[expired_token(subscriber, settings)])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        html = response.content.decode()
        assert "This link has expired" in html
        assert 'id="newsletter-main"' in html  # sign up again, right there
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


@pytest.mark.parametrize(
    "token",
    [
        "1:abc:def",
        "nonsense",
        "1",
        "x" * 2000,
        "<script>alert(1)",
    ],
)
def test_tampered_confirm_link_gets_a_clear_page(client, token):
    subscriber = SubscriberFactory(sent=True)
    url = f"/newsletter/confirm/{token}/"
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        html = response.content.decode()
        assert "This link does not work" in html
        assert_no_live_script(html)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_token_of_another_kind_or_edited_id_is_refused(client):
    subscriber = SubscriberFactory(sent=True)
    # An unsubscribe token is not a confirm token (different salt).
    url = reverse("newsletter:confirm", args=[subscriber.unsubscribe_token()])
    assert client.post(url).status_code == 400
    # Another id with the original signature.
    token = subscriber.confirm_token().replace(str(subscriber.pk), str(subscriber.pk + 1), 1)
    assert client.post(reverse("newsletter:confirm", args=[token])).status_code == 400
    # A well-signed id whose row is gone.
    gone = SubscriberFactory(sent=True)
    url = confirm_url(gone)
    gone.delete()
    assert client.post(url).status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


# --- Unsubscribe --------------------------------------------------------------------------------


def test_unsubscribe_link_shows_a_button_and_changes_nothing(client, django_assert_max_num_queries):
    subscriber = SubscriberFactory(confirmed=True)
    with django_assert_max_num_queries(1):
        response = client.get(unsubscribe_url(subscriber))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Unsubscribe</button>" in html
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_one_click_unsubscribe_without_csrf_token(django_assert_max_num_queries):
    """RFC 8058: the mail client POSTs List-Unsubscribe=One-Click, with no cookie or token."""
    subscriber = SubscriberFactory(confirmed=True)
    client = Client(enforce_csrf_checks=True)
    with django_assert_max_num_queries(3):  # read, unsubscribe, cancel an unsent confirmation
        response = client.post(
            unsubscribe_url(subscriber),
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None


def test_unsubscribe_button_and_again_is_harmless(client):
    subscriber = SubscriberFactory(confirmed=True)
    response = client.post(unsubscribe_url(subscriber))
    assert response.status_code == 200
    assert "You have unsubscribed" in response.content.decode()
    first = Subscriber.objects.get().unsubscribed_at
    assert client.post(unsubscribe_url(subscriber)).status_code == 200
    assert Subscriber.objects.get().unsubscribed_at == first
    assert "Sign up again" in client.get(unsubscribe_url(subscriber)).content.decode()


def test_unsubscribing_a_pending_address_stops_its_confirmation():
    subscriber = SubscriberFactory()
    email_id = subscriber.confirmation_email_id
    Client().post(unsubscribe_url(subscriber))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.confirmation_email is None
    assert not OutboundEmail.objects.filter(pk=email_id).exists()  # taken out of the outbox
    assert send_email(email_id) == "nothing to send"


def test_confirming_cancels_a_newer_confirmation_still_unsent(client):
    """Confirmed by the link of a first email while a second (asked for after the cool-down)
    still waits: the second is not sent."""
    subscriber = SubscriberFactory()
    client.post(confirm_url(subscriber))
    assert not OutboundEmail.objects.exists()
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_a_confirmation_being_sent_is_not_cancelled(client):
    subscriber = SubscriberFactory(sent=True)
    sent = subscriber.confirmation_email
    client.post(unsubscribe_url(subscriber))
    assert OutboundEmail.objects.get() == sent  # what went out stays on record
    busy = SubscriberFactory(email="busy@example.org", confirmation_claimed_at=timezone.now())
    client.post(unsubscribe_url(busy))
    assert OutboundEmail.objects.filter(pk=busy.confirmation_email_id).exists()


def test_unsubscribe_link_never_expires(client, settings):
    subscriber = SubscriberFactory(confirmed=True)
    url = unsubscribe_url(subscriber)
    settings.NEWSLETTER_CONFIRM_MAX_AGE_SECONDS = 0
    assert client.post(url).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


@pytest.mark.parametrize("token", ["1:abc", "nonsense", "x" * 2000])
def test_tampered_unsubscribe_link_gets_a_clear_page(client, token):
    subscriber = SubscriberFactory(confirmed=True)
    url = reverse("newsletter:unsubscribe", args=[token])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_subscribing_again_after_unsubscribing(client, django_capture_on_commit_callbacks):
    subscriber = SubscriberFactory(email="ada@example.org", confirmed=True)
    client.post(unsubscribe_url(subscriber))
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(reverse("newsletter:subscribe"), {"email": "ada@example.org", "consent": "yes"})
    assert len(callbacks) == 1
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    client.post(confirm_url(subscriber))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_pages_query_counts(client, django_assert_max_num_queries):
    for url in [reverse("newsletter:thanks"), reverse("newsletter:confirmed")]:
        with django_assert_max_num_queries(0):
            assert client.get(url).status_code == 200


def test_expired_token_helper_is_really_expired(settings):
    subscriber = SubscriberFactory()
    with pytest.raises(signing.SignatureExpired):
        Subscriber.pk_from_confirm_token(expired_token(subscriber, settings))
    assert Subscriber.pk_from_confirm_token(subscriber.confirm_token()) == subscriber.pk
    assert timedelta(seconds=settings.NEWSLETTER_CONFIRM_MAX_AGE_SECONDS) == timedelta(days=7)
