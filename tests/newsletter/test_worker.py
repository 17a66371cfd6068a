"""Confirmation emails through the real parts: the views store them in the outbox and queue them
on the real Redis, Celery's own test worker runs the outbox's tasks, and a real SMTP server
(aiosmtpd) receives the emails."""

import re
import threading

import pytest
from django.urls import reverse
from django.utils import timezone

from mail.models import OutboundEmail
from mail.tasks import requeue_unsent, send_email
from newsletter.models import Subscriber
from newsletter.tasks import sync_subscriber
from tests.newsletter.factories import SubscriberFactory
from tests.newsletter.fakes import InMemoryListProvider
from tests.support.servers import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"https?://[^\s\"<>]+/newsletter/(confirm|unsubscribe)/([^/\s\"<>]+)/")


def links(text):
    return dict(LINK.findall(text))


def confirmation(subscriber):
    """The subscriber's latest confirmation email, as the outbox has it now."""
    return OutboundEmail.objects.get(pk=subscriber.confirmation_email_id)


def sent():
    """Whether the one subscriber's confirmation has gone out."""
    return OutboundEmail.objects.filter(
        pk=Subscriber.objects.get().confirmation_email_id, sent_at__isnull=False
    ).exists()


def parts(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def test_sign_up_to_inbox_to_confirmed(client, celery_worker, smtp_sink, settings):
    response = client.post(
        reverse("newsletter:subscribe"),
        {"email": " Ada@Example.org ", "consent": "yes", "source": "home"},
    )
    assert response.status_code == 302
    wait_for(lambda: len(smtp_sink.messages) == 1, timeout=20, message="the confirmation email")
    wait_for(sent, timeout=5)

    [message] = smtp_sink.for_address("Ada@example.org")
    assert message["To"] == "Ada@example.org"
    assert "Confirm your subscription" in message["Subject"]
    assert message.get_content_type() == "multipart/alternative"
    text, html = parts(message)
    text_links, html_links = links(text), links(html)
    assert text_links == html_links
    assert set(text_links) == {"confirm", "unsubscribe"}
    assert "Unsubscribe" in html  # visible, not only in the headers
    # RFC 8058 one-click unsubscribe.
    unsubscribe = reverse("newsletter:unsubscribe", args=[text_links["unsubscribe"]])
    assert message["List-Unsubscribe"].startswith("<http")
    assert message["List-Unsubscribe"].endswith(f"{unsubscribe}>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # On the wire, the URL is neither folded nor encoded (mail clients read it as it is).
    raw = smtp_sink.raw[0].decode()
    assert f"\r\nList-Unsubscribe: <{settings.SITE_URL}{unsubscribe}>\r\n" in raw
    assert "\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in raw

    # The mail scanner opens the link: nothing happens. The person presses the button.
    confirm = reverse("newsletter:confirm", args=[text_links["confirm"]])
    assert client.get(confirm).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert client.post(confirm).status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.source == "home"
    assert confirmation(subscriber).attempts == 1

    # The mail client's one-click unsubscribe.
    response = client.post(
        unsubscribe,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


def test_same_address_twice_gets_one_email(client, celery_worker, smtp_sink):
    for email in ["ada@example.org", "ADA@example.org"]:
        client.post(reverse("newsletter:subscribe"), {"email": email, "consent": "yes"})
    wait_for(sent, timeout=20)
    send_email.delay(Subscriber.objects.get().confirmation_email_id)  # once more for good measure
    requeue_unsent.delay()
    _drain(celery_worker)
    assert smtp_sink.recipients() == ["ada@example.org"]
    assert OutboundEmail.objects.count() == 1


def test_same_task_delivered_twice_sends_one_email(celery_worker, smtp_sink):
    """Fault 3: the broker delivers one task twice (same id), and a duplicate is queued too."""
    subscriber = SubscriberFactory(email="twice@example.org")
    email_id = subscriber.confirmation_email_id
    send_email.apply_async((email_id,), task_id="same-task-id")
    send_email.apply_async((email_id,), task_id="same-task-id")
    send_email.delay(email_id)
    wait_for(lambda: len(smtp_sink.messages) >= 1, timeout=20)
    _drain(celery_worker)
    assert smtp_sink.recipients() == ["twice@example.org"]
    email = confirmation(subscriber)
    assert email.sent_at is not None
    assert email.attempts == 1


def test_two_workers_at_once_send_one_email(smtp_sink):
    """The claim is one conditional UPDATE: of two concurrent sends, exactly one wins."""
    subscriber = SubscriberFactory(email="race@example.org")
    smtp_sink.delay = 0.3  # a slow server, so the two sends overlap
    start = threading.Barrier(4)
    results = []

    def run():
        start.wait()
        results.append(send_email.apply((subscriber.confirmation_email_id,)).get())

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(results) == ["nothing to send"] * 3 + ["sent"]
    assert smtp_sink.recipients() == ["race@example.org"]


def test_smtp_errors_are_retried_with_backoff(celery_worker, smtp_sink):
    smtp_sink.failures_left = 2  # 451 twice, then accepted
    subscriber = SubscriberFactory(email="retry@example.org")
    send_email.delay(subscriber.confirmation_email_id)
    wait_for(lambda: len(smtp_sink.messages) == 1, timeout=30, message="the retried email")
    wait_for(sent, timeout=5)
    email = confirmation(subscriber)
    assert email.attempts == 3
    assert email.last_error == ""
    assert email.claim is None
    assert smtp_sink.recipients() == ["retry@example.org"]


def test_smtp_server_down_keeps_the_row_for_later(smtp_sink, settings):
    smtp_sink.stop()
    subscriber = SubscriberFactory(email="later@example.org")
    result = send_email.apply((subscriber.confirmation_email_id,), retries=send_email.max_retries)
    assert result.failed()
    email = confirmation(subscriber)
    assert email.sent_at is None
    assert email.claim is None  # given back: the requeue task may claim it
    assert "Connection refused" in email.last_error
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_requeue_sends_what_was_never_queued(celery_worker, smtp_sink, settings):
    """A sign-up saved while the broker was down is sent by the periodic task."""
    settings.OUTBOX_REQUEUE_AFTER_SECONDS = 0
    settings.OUTBOX_CLAIM_LEASE_SECONDS = 60
    never_queued = SubscriberFactory(email="lost@example.org")
    sent = SubscriberFactory(email="sent@example.org", sent=True)
    confirmed = SubscriberFactory(email="confirmed@example.org", confirmed=True)
    gone = SubscriberFactory(email="gone@example.org")
    gone.unsubscribe()  # before its confirmation went out: the outbox forgets that one
    being_sent = SubscriberFactory(email="busy@example.org", confirmation_claimed_at=timezone.now())
    assert set(OutboundEmail.objects.overdue()) == {confirmation(never_queued)}
    requeue_unsent.delay()
    wait_for(lambda: len(smtp_sink.messages) == 1, timeout=20)
    _drain(celery_worker)
    assert smtp_sink.recipients() == ["lost@example.org"]
    assert confirmation(being_sent).sent_at is None  # its worker's lease still runs
    assert {confirmation(s).sent_at is not None for s in (sent, confirmed)} == {True}


def test_requeue_takes_over_an_expired_claim(celery_worker, smtp_sink, settings):
    settings.OUTBOX_REQUEUE_AFTER_SECONDS = 0
    settings.OUTBOX_CLAIM_LEASE_SECONDS = 60
    dead = SubscriberFactory(
        email="dead-worker@example.org",
        confirmation_claimed_at=timezone.now() - timezone.timedelta(minutes=5),
        confirmation_attempts=1,
    )
    requeue_unsent.delay()
    wait_for(lambda: len(smtp_sink.messages) == 1, timeout=20)
    wait_for(sent, timeout=5)
    assert smtp_sink.recipients() == ["dead-worker@example.org"]
    assert confirmation(dead).attempts == 2


def test_list_provider_sync(client, celery_worker, smtp_sink, settings):
    settings.NEWSLETTER_LIST_PROVIDER = "tests.newsletter.fakes.InMemoryListProvider"
    InMemoryListProvider.reset()
    subscriber = SubscriberFactory(email="Ada@example.org", sent=True)
    client.post(reverse("newsletter:confirm", args=[subscriber.confirm_token()]))
    wait_for(lambda: "ada@example.org" in InMemoryListProvider.members, timeout=20)
    client.post(reverse("newsletter:unsubscribe", args=[subscriber.unsubscribe_token()]))
    wait_for(lambda: "ada@example.org" not in InMemoryListProvider.members, timeout=20)
    assert InMemoryListProvider.calls == [
        ("subscribe", "Ada@example.org"),
        ("unsubscribe", "Ada@example.org"),
    ]
    # Delivered twice: the provider is told the same thing again, which it must take calmly.
    assert sync_subscriber(subscriber.pk) == "unsubscribed"


def test_list_provider_off_by_default(client, settings, django_capture_on_commit_callbacks):
    assert settings.NEWSLETTER_LIST_PROVIDER == ""
    subscriber = SubscriberFactory(sent=True)
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(reverse("newsletter:confirm", args=[subscriber.confirm_token()]))
    assert callbacks == []
    assert sync_subscriber(subscriber.pk) == "subscribed"  # the no-op provider


def _drain(worker, settle=1.0):
    """Give the worker time to take whatever is still queued (duplicates included)."""
    import time

    time.sleep(settle)
