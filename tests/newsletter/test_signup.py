"""Signing up: the page, the form in the footer and on the home page, htmx and no-JS, bad input,
the same address again, the rate limit. Emails are never sent inside the request: the
confirmation is stored in the outbox with the sign-up, and its send task is published on commit."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mail.models import OutboundEmail
from newsletter.consent import CONSENT_TEXT, CONSENT_VERSION
from newsletter.models import Subscriber
from tests.html import assert_no_live_script
from tests.newsletter.factories import SubscriberFactory
from tests.support.servers import free_port

pytestmark = pytest.mark.django_db

URL = reverse("newsletter:subscribe")
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "newsletter-footer"}


def sign_up(client, email="ada@example.org", consent="yes", source="footer", **extra):
    data = {"email": email, "source": source}
    if consent:
        data["consent"] = consent
    return client.post(URL, data, **extra)


def queued(callbacks):
    return [c for c in callbacks if "mail.tasks.send_email" in repr(c)]


# --- The form where it is shown -----------------------------------------------------------------


def test_page_shows_the_form(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="newsletter-main"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert CONSENT_TEXT in html
    # The consent box starts unticked.
    assert 'id="newsletter-main-consent" name="consent" value="yes">' in html
    assert '<label for="newsletter-main-email">Email address</label>' in html
    assert 'aria-describedby="newsletter-main-email-hint"' in html


def test_footer_and_home_page_carry_the_form(client):
    html = client.get(reverse("home")).content.decode()
    assert 'id="newsletter-footer"' in html
    assert 'name="source" value="footer"' in html
    assert 'id="newsletter-home"' in html
    assert 'name="source" value="home"' in html
    assert html.count('data-hx-post="/newsletter/"') == 2


def test_every_page_has_the_footer_form(client):
    for url in [reverse("organisations:list"), "/no-such-page/"]:
        assert 'id="newsletter-footer"' in client.get(url).content.decode()


def test_get_changes_nothing(client):
    client.get(URL, {"email": "ada@example.org", "consent": "yes"})
    assert not Subscriber.objects.exists()


# --- A good sign-up -----------------------------------------------------------------------------


def test_sign_up_without_javascript_redirects_to_check_your_inbox(
    client, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    # Look up, store the row, store its email and link it (with their savepoints).
    with django_capture_on_commit_callbacks() as callbacks, django_assert_max_num_queries(10):
        response = sign_up(client, email="  Ada@Example.ORG ")
    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter:thanks")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "Ada@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.source == Subscriber.Source.FOOTER
    assert subscriber.consent_text == CONSENT_TEXT
    assert subscriber.consent_version == CONSENT_VERSION
    assert subscriber.language == "en"
    assert subscriber.created_at and subscriber.confirmation_requested_at
    assert subscriber.confirmed_at is None
    # The confirmation is a row in the site's one outbox, stored with the sign-up, unsent...
    email = OutboundEmail.objects.get()
    assert subscriber.confirmation_email == email
    assert email.to == ["Ada@example.org"]
    assert email.sent_at is None and email.attempts == 0
    assert "Confirm your subscription" in email.subject
    # The link's token is signed with its second: read it back rather than sign it again.
    token = re.search(r"/newsletter/confirm/([^/\s]+)/", email.body_text).group(1)
    assert Subscriber.pk_from_confirm_token(token) == subscriber.pk
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert email.max_line_length == 998
    # ...and queued after commit, not sent in the request.
    assert len(queued(callbacks)) == 1
    assert mail.outbox == []
    thanks = client.get(response["Location"])
    assert "Check your inbox" in thanks.content.decode()


def test_sign_up_with_htmx_answers_in_place(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = sign_up(client, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith('<div id="newsletter-footer"')
    assert "Check your inbox" in html
    assert "<html" not in html
    assert len(queued(callbacks)) == 1
    assert Subscriber.objects.count() == 1


def test_htmx_answer_keeps_the_form_id_it_was_posted_from(client):
    response = sign_up(
        client, source="home", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="newsletter-home"
    )
    assert 'id="newsletter-home"' in response.content.decode()
    # An id that is not one of ours is not echoed back.
    response = sign_up(
        client, email="b@example.org", HTTP_HX_REQUEST="true", HTTP_HX_TARGET='x"><script>'
    )
    assert 'id="newsletter-footer"' in response.content.decode()


@pytest.mark.parametrize("source", ["home", "footer", "page", "maintenance", "registration"])
def test_source_is_recorded(client, source):
    sign_up(client, source=source)
    assert Subscriber.objects.get().source == source


def test_unknown_source_counts_as_the_newsletter_page(client):
    sign_up(client, source="<b>evil</b>")
    assert Subscriber.objects.get().source == Subscriber.Source.PAGE


# --- The same address again ---------------------------------------------------------------------


@pytest.mark.parametrize("again", ["ada@example.org", "ADA@EXAMPLE.ORG", "  Ada@example.org\t"])
def test_same_address_again_makes_no_second_row_and_sends_nothing(
    client, again, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="ada@example.org", sent=True)
    with django_capture_on_commit_callbacks() as callbacks:
        response = sign_up(client, email=again)
    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter:thanks")
    assert Subscriber.objects.count() == 1
    assert OutboundEmail.objects.count() == 1
    assert queued(callbacks) == []


def test_same_answer_for_new_pending_and_confirmed_addresses(client):
    SubscriberFactory(email="pending@example.org", sent=True)
    SubscriberFactory(email="confirmed@example.org", confirmed=True)
    answers = set()
    for email in ["new@example.org", "pending@example.org", "confirmed@example.org"]:
        response = sign_up(client, email=email, **HTMX)
        answers.add(response.content.decode().replace(email, "EMAIL"))
    assert len(answers) == 1


def test_confirmed_address_is_left_alone(client, django_capture_on_commit_callbacks):
    subscriber = SubscriberFactory(email="ada@example.org", confirmed=True, source="home")
    with django_capture_on_commit_callbacks() as callbacks:
        sign_up(client, email="Ada@Example.org", source="footer")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.source == "home"
    assert queued(callbacks) == []


def test_pending_address_gets_a_new_email_after_the_cool_down(
    client, django_capture_on_commit_callbacks
):
    long_ago = timezone.now() - timedelta(hours=2)
    subscriber = SubscriberFactory(email="ada@example.org", confirmation_sent_at=long_ago)
    first = subscriber.confirmation_email
    with django_capture_on_commit_callbacks() as callbacks:
        sign_up(client)
    subscriber.refresh_from_db()
    assert subscriber.confirmation_email != first  # a new email in the outbox
    assert subscriber.confirmation_email.sent_at is None
    assert OutboundEmail.objects.count() == 2
    assert len(queued(callbacks)) == 1


def test_pending_address_gets_no_new_email_within_the_cool_down(
    client, django_capture_on_commit_callbacks
):
    recently = timezone.now() - timedelta(minutes=5)
    subscriber = SubscriberFactory(email="ada@example.org", confirmation_sent_at=recently)
    with django_capture_on_commit_callbacks() as callbacks:
        sign_up(client, email="ADA@example.org")
    subscriber.refresh_from_db()
    assert OutboundEmail.objects.get() == subscriber.confirmation_email
    assert queued(callbacks) == []


def test_email_the_outbox_gave_up_on_is_replaced(
    client, settings, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory(
        email="ada@example.org", confirmation_attempts=settings.OUTBOX_MAX_ATTEMPTS
    )
    with django_capture_on_commit_callbacks() as callbacks:
        sign_up(client)
    subscriber.refresh_from_db()
    assert OutboundEmail.objects.count() == 2
    assert subscriber.confirmation_email.attempts == 0
    assert len(queued(callbacks)) == 1


def test_two_sign_ups_that_both_see_an_email_due_store_one(client):
    """Of two sign-ups of one address at the same moment, each deciding that an email is due,
    only one stores it: linking it to the subscriber is one conditional UPDATE."""
    from newsletter.emails import queue_confirmation

    long_ago = timezone.now() - timedelta(hours=2)
    SubscriberFactory(email="ada@example.org", confirmation_sent_at=long_ago)
    first, second = Subscriber.objects.get(), Subscriber.objects.get()  # both read the same state
    assert first.confirmation_due() and second.confirmation_due()
    assert queue_confirmation(first) is not None
    assert queue_confirmation(second) is None
    assert OutboundEmail.objects.count() == 2  # the one of the factory, and one new


def test_unsent_pending_address_gets_no_second_email(client, django_capture_on_commit_callbacks):
    SubscriberFactory(email="ada@example.org")
    with django_capture_on_commit_callbacks() as callbacks:
        sign_up(client)
    # Its email is on its way (the requeue task sends it): no second one.
    assert queued(callbacks) == []
    assert Subscriber.objects.count() == 1
    assert OutboundEmail.objects.count() == 1


def test_unsubscribed_address_goes_back_to_pending(client, django_capture_on_commit_callbacks):
    subscriber = SubscriberFactory(email="ada@example.org", unsubscribed=True, source="footer")
    with django_capture_on_commit_callbacks() as callbacks:
        sign_up(client, source="home")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.source == "home"
    assert subscriber.confirmation_email.sent_at is None  # a new one, in the outbox
    assert subscriber.confirmed_at is None
    assert len(queued(callbacks)) == 1
    assert Subscriber.objects.count() == 1
    assert OutboundEmail.objects.count() == 2


# --- Bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Enter your email address"),
        ("not an email", "Enter an email address in the correct format"),
        ("ada@", "Enter an email address in the correct format"),
        ("ada@example", "Enter an email address in the correct format"),
        ("a" * 250 + "@example.org", "254 characters or fewer"),
        ("ada@example.org\nBcc: victim@example.org", "on a single line"),
        ("ada@example.org\r\nSubject: hi", "on a single line"),
        ("ada@exa\x00mple.org", "on a single line"),
        ("ada@example.org, bob@example.org", "Enter an email address in the correct format"),
    ],
)
def test_bad_address_gets_a_clear_message_and_nothing_is_stored(
    client, email, message, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = sign_up(client, email=email)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert 'aria-invalid="true"' in html
    assert "newsletter-main-email-error" in html
    assert html.count(message) == 2  # in the summary at the top and at the field
    assert "<title>Error: " in html
    assert not Subscriber.objects.exists()
    assert not OutboundEmail.objects.exists()
    assert callbacks == []


def test_typed_value_and_ticked_box_are_kept(client):
    html = sign_up(client, email="ada@example").content.decode()
    assert 'value="ada@example"' in html
    assert 'name="consent" value="yes" checked' in html
    assert 'name="source" value="footer"' in html


def test_missing_consent_gets_a_clear_message(client):
    response = sign_up(client, consent=None)
    html = response.content.decode()
    assert "Tick the box to agree to receive the newsletter" in html
    assert 'aria-describedby="newsletter-main-consent-error"' in html
    assert 'value="ada@example.org"' in html
    assert not Subscriber.objects.exists()


def test_bad_input_with_htmx_answers_in_place(client):
    response = sign_up(client, email="nope", **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith('<div id="newsletter-footer"')
    assert "There is a problem" in html
    assert 'value="nope"' in html
    assert not Subscriber.objects.exists()


def test_overlong_address_never_500s(client):
    response = sign_up(client, email="x" * 5000 + "@example.org")
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_script_is_never_echoed_back(client):
    bad = "<script>alert(1)</script>@x.org"
    html = sign_up(client, email=bad).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;@x.org" in html
    assert_no_live_script(html)
    # A quoted local part may hold < and > and is a valid address: it is stored, and escaped.
    quoted = '"<script>alert(1)</script>"@x.org'
    html = sign_up(client, email=quoted, **HTMX).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert_no_live_script(html)
    assert Subscriber.objects.get().email == quoted


def test_post_without_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    response = sign_up(client)
    assert response.status_code == 403
    assert not Subscriber.objects.exists()


def test_post_with_csrf_token_from_the_form_is_accepted():
    client = Client(enforce_csrf_checks=True)
    client.get(URL)
    token = client.cookies["csrftoken"].value
    response = client.post(
        URL, {"email": "ada@example.org", "consent": "yes", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert Subscriber.objects.count() == 1


def test_other_methods_are_refused(client):
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405


# --- Rate limit ---------------------------------------------------------------------------------


def test_rate_limit_per_ip(client, settings):
    settings.NEWSLETTER_RATE_LIMIT = (3, 600)
    for n in range(3):
        assert sign_up(client, email=f"p{n}@example.org").status_code == 302
    response = sign_up(client, email="p3@example.org")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many sign-ups" in page
    # The form is still there, with what was typed, ready to be sent again later.
    assert 'value="p3@example.org"' in page
    assert 'name="consent"' in page
    assert Subscriber.objects.count() == 3
    # With htmx the form comes back in place with the message (htmx swaps only 2xx answers).
    response = sign_up(client, email="p4@example.org", **HTMX)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Too many sign-ups" in page
    assert 'value="p4@example.org"' in page
    assert "<form" in page
    # Another address gets its own allowance.
    response = sign_up(client, email="p5@example.org", REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 302


def test_rate_limit_counts_only_real_sign_ups(client, settings):
    """Typos, a missing consent: corrected attempts cost nothing of the allowance."""
    settings.NEWSLETTER_RATE_LIMIT = (2, 600)
    for _ in range(5):
        response = sign_up(client, email="not an address", **HTMX)
        assert "Too many sign-ups" not in response.content.decode()
        assert sign_up(client, email="ada@example.org", consent="").status_code == 200
    assert sign_up(client, email="ada@example.org").status_code == 302
    assert sign_up(client, email="bob@example.org").status_code == 302
    assert sign_up(client, email="cy@example.org").status_code == 429
    assert Subscriber.objects.count() == 2


def test_rate_limit_behind_a_trusted_proxy(client, settings):
    settings.NEWSLETTER_RATE_LIMIT = (1, 600)
    settings.TRUSTED_PROXY_COUNT = 1
    via_proxy = {"REMOTE_ADDR": "10.9.9.9"}
    # Two visitors behind the same load balancer each get their own allowance...
    for n, visitor in enumerate(["198.51.100.1", "198.51.100.2"]):
        response = sign_up(
            client, email=f"v{n}@example.org", HTTP_X_FORWARDED_FOR=visitor, **via_proxy
        )
        assert response.status_code == 302
    # ...and a forged left-hand entry does not buy a fresh one.
    response = sign_up(
        client,
        email="v3@example.org",
        HTTP_X_FORWARDED_FOR="203.0.113.7, 198.51.100.1",
        **via_proxy,
    )
    assert response.status_code == 429


def test_sign_up_works_with_the_cache_down(client, settings):
    """Redis is a cache, never a reason for a page to fail: no rate limit, but a sign-up."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    response = sign_up(client)
    assert response.status_code == 302
    assert Subscriber.objects.count() == 1
