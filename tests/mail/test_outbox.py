"""The one outbox: queueing in the caller's transaction, the claim-and-lease rule that every step
of sending checks, the attempts limit, the requeue, cancelling. (Its faults, the broker stopped
and a worker killed mid-batch, are in tests/newsletter/test_faults.py.)"""

import logging
import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from dsi_directory.celery import app as celery_app
from mail import outbox
from mail.models import OutboundEmail
from mail.tasks import requeue_unsent, send_email
from tests.support.servers import celery_broker, free_port, wait_for


def message(to="ada@example.org"):
    return EmailMessage("Hello", "Body", to=[to])


def lease_runs_out(email, settings):
    """Move the row's claim back in time, past the end of its lease."""
    past = timezone.now() - timedelta(seconds=settings.OUTBOX_CLAIM_LEASE_SECONDS + 1)
    OutboundEmail.objects.filter(pk=email.pk).update(claimed_at=past)


@pytest.mark.django_db
def test_queue_stores_the_message_and_publishes_on_commit(django_capture_on_commit_callbacks):
    rich = EmailMultiAlternatives(
        "Hello", "Text", to=["ada@example.org", "bob@example.org"], headers={"X-Kind": "test"}
    )
    rich.attach_alternative("<p>HTML</p>", "text/html")
    with django_capture_on_commit_callbacks() as callbacks:
        email = outbox.queue(rich)
    assert OutboundEmail.objects.get() == email
    assert len(callbacks) == 1 and "mail.tasks.send_email" in repr(callbacks[0])
    rebuilt = email.as_message()
    assert (rebuilt.subject, rebuilt.body, rebuilt.to) == (rich.subject, rich.body, rich.to)
    assert rebuilt.alternatives[0].content == "<p>HTML</p>"
    assert rebuilt.extra_headers == {"X-Kind": "test"}


@pytest.mark.django_db
def test_nothing_is_queued_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        outbox.queue(message())
        raise RuntimeError("the page failed")
    assert not OutboundEmail.objects.exists()
    assert callbacks == []


@pytest.mark.django_db
def test_an_email_is_sent_once_however_often_its_task_runs():
    email = outbox.queue(message())
    assert send_email(email.pk) == "sent"
    assert send_email(email.pk) == "nothing to send"
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.sent_at is not None and email.attempts == 1 and email.claim is None


# --- The claim and its lease --------------------------------------------------------------------


@pytest.mark.django_db
def test_a_claim_holds_the_row_until_its_lease_runs_out(settings):
    email = outbox.queue(message())
    first = OutboundEmail.claim_for_sending(email.pk)
    assert first is not None
    assert OutboundEmail.claim_for_sending(email.pk) is None  # the lease still runs
    assert send_email(email.pk) == "nothing to send"
    lease_runs_out(email, settings)
    second = OutboundEmail.claim_for_sending(email.pk)
    assert second not in (None, first)
    email.refresh_from_db()
    assert email.claim == second and email.attempts == 2


@pytest.mark.django_db
def test_a_stale_worker_changes_nothing_once_its_lease_was_taken_over(settings):
    """Worker A claims, stalls past its lease; worker B takes the row over. A's late mark_sent
    and release are refused: they would record a send that B has not made, or free B's row."""
    email = outbox.queue(message())
    stale = OutboundEmail.claim_for_sending(email.pk)
    lease_runs_out(email, settings)
    current = OutboundEmail.claim_for_sending(email.pk)

    assert email.mark_sent(stale) is False
    assert email.release(stale, "timed out") is False
    email.refresh_from_db()
    assert email.sent_at is None
    assert email.claim == current and email.claimed_at is not None
    assert email.last_error == ""
    assert OutboundEmail.claim_for_sending(email.pk) is None  # still B's

    assert email.mark_sent(current) is True
    email.refresh_from_db()
    assert email.sent_at is not None and email.claim is None


@pytest.mark.django_db
def test_release_gives_the_row_back_at_once_with_its_error():
    email = outbox.queue(message())
    claim = OutboundEmail.claim_for_sending(email.pk)
    assert email.release(claim, "SMTPServerDisconnected()") is True
    email.refresh_from_db()
    assert email.claim is None and email.claimed_at is None
    assert email.last_error == "SMTPServerDisconnected()"
    assert OutboundEmail.claim_for_sending(email.pk) is not None  # the retry may claim it


@pytest.mark.django_db
def test_a_claim_without_its_token_is_refused():
    email = outbox.queue(message())
    OutboundEmail.claim_for_sending(email.pk)
    assert email.mark_sent(uuid.uuid4()) is False
    assert email.mark_sent(None) is False


@pytest.mark.django_db
def test_the_attempts_limit(settings):
    email = outbox.queue(message())
    OutboundEmail.objects.filter(pk=email.pk).update(
        attempts=settings.OUTBOX_MAX_ATTEMPTS - 1, queued_at=timezone.now() - timedelta(hours=1)
    )
    assert OutboundEmail.objects.overdue().get() == email
    claim = OutboundEmail.claim_for_sending(email.pk)
    email.release(claim, "421 try later")
    email.refresh_from_db()
    assert email.attempts == settings.OUTBOX_MAX_ATTEMPTS and email.gave_up
    assert OutboundEmail.claim_for_sending(email.pk) is None
    assert not OutboundEmail.objects.overdue().exists()
    assert send_email(email.pk) == "nothing to send"


# --- The requeue --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_overdue_is_what_waited_too_long_and_no_live_worker_holds(settings):
    settings.OUTBOX_REQUEUE_AFTER_SECONDS = 60
    long_ago = timezone.now() - timedelta(minutes=10)
    waiting = outbox.queue(message("waiting@example.org"))
    fresh = outbox.queue(message("fresh@example.org"))
    sent = outbox.queue(message("sent@example.org"))
    held = outbox.queue(message("held@example.org"))
    abandoned = outbox.queue(message("abandoned@example.org"))
    OutboundEmail.objects.exclude(pk=fresh.pk).update(queued_at=long_ago)
    send_email(sent.pk)
    OutboundEmail.claim_for_sending(held.pk)
    OutboundEmail.claim_for_sending(abandoned.pk)
    lease_runs_out(abandoned, settings)
    assert set(OutboundEmail.objects.overdue()) == {waiting, abandoned}


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_the_page_goes_on_and_the_requeue_sends_later(
    celery_worker, smtp_sink, settings, caplog
):
    dead_broker = f"redis://127.0.0.1:{free_port()}/0"
    with celery_broker(celery_app, dead_broker), caplog.at_level(logging.WARNING):
        email = outbox.queue(message("later@example.org"))  # commits at once: no transaction
    assert "Broker unavailable" in caplog.text
    assert OutboundEmail.objects.filter(pk=email.pk, sent_at__isnull=True).exists()

    settings.OUTBOX_REQUEUE_AFTER_SECONDS = 0
    requeue_unsent.delay()  # what beat runs every minute, once the broker is back
    wait_for(lambda: len(smtp_sink.messages) == 1, timeout=20, message="the requeued email")
    wait_for(lambda: OutboundEmail.objects.get().sent_at is not None, timeout=5)
    assert smtp_sink.recipients() == ["later@example.org"]


# --- Cancelling ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_cancel_takes_out_what_no_worker_is_sending(settings):
    waiting = outbox.queue(message("waiting@example.org"))
    sent = outbox.queue(message("sent@example.org"))
    held = outbox.queue(message("held@example.org"))
    abandoned = outbox.queue(message("abandoned@example.org"))
    send_email(sent.pk)
    OutboundEmail.claim_for_sending(held.pk)
    OutboundEmail.claim_for_sending(abandoned.pk)
    lease_runs_out(abandoned, settings)
    assert OutboundEmail.objects.all().cancel() == 2
    assert set(OutboundEmail.objects.all()) == {sent, held}
    assert send_email(waiting.pk) == "nothing to send"
