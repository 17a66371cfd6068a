"""Sending the outbox: one task sends one email, once; beat runs the requeue task every minute.
A task delivered twice, retried or published again by the requeue finds the row claimed or sent
and does nothing."""

import logging
import smtplib

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from core.tasks import OutboxTask
from mail.models import OutboundEmail

logger = logging.getLogger(__name__)

REQUEUE_BATCH = 500
# The one retry policy of email: the mail server failing is retried, backing off up to ten
# minutes; after that the requeue task tries again, up to OUTBOX_MAX_ATTEMPTS in all.
RETRY_POLICY = {
    "autoretry_for": (smtplib.SMTPException, OSError),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 8,
}


@shared_task(base=OutboxTask, **RETRY_POLICY)
def send_email(email_id):
    """Send one stored email, once."""
    claim = OutboundEmail.claim_for_sending(email_id)
    if claim is None:
        return "nothing to send"
    email = OutboundEmail.objects.get(pk=email_id)
    try:
        email.as_message().send()
    except BaseException as error:
        # Give the row back at once so the retry (or the requeue task) can claim it; a worker
        # killed outright gives it back only when its lease runs out.
        email.release(claim, repr(error))
        raise
    email.mark_sent(claim)
    return "sent"


@shared_task(base=OutboxTask)
def requeue_unsent():
    """Publish again the emails still unsent a while after they were queued: the broker was
    down when they were stored, or their worker died while sending."""
    with transaction.atomic():
        ids = list(
            OutboundEmail.objects.overdue()
            .order_by("queued_at")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:REQUEUE_BATCH]
        )
        if not ids:
            return 0
        OutboundEmail.objects.filter(pk__in=ids).update(queued_at=timezone.now())
    for pk in ids:
        send_email.apply_async((pk,))
    logger.info("Queued %d unsent emails again", len(ids))
    return len(ids)
