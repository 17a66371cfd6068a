"""Celery work shared by every app: the outbox task base and the site's own emails."""

import functools
import logging
import smtplib

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

SMTP_ERRORS = (smtplib.SMTPException, OSError)
REQUEUE_BATCH = 500
# How every email task retries when the mail server fails: backing off up to ten minutes.
EMAIL_RETRIES = {
    "autoretry_for": SMTP_ERRORS,
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 8,
}


class OutboxTask(DjangoTask):
    """A task whose work is first written to a row (the outbox), so publishing is best effort:
    with the broker down, delay_on_commit() logs and returns, and a periodic requeue task
    publishes the row's work once the broker is back. A page never fails for it."""

    def delay_on_commit(self, *args, **kwargs):
        transaction.on_commit(functools.partial(self._publish_or_log, args, kwargs))

    def _publish_or_log(self, args, kwargs):
        try:
            self.apply_async(args, kwargs)
        except (OperationalError, OSError) as error:
            logger.warning(
                "Broker unavailable, %s%r left for the requeue task: %s", self.name, args, error
            )
        except Exception:
            # Whatever else went wrong in publishing, the row is saved: never fail the page.
            logger.exception("Could not queue %s%r; left for the requeue task", self.name, args)


@shared_task(base=OutboxTask, **EMAIL_RETRIES)
def send_outbound_email(email_id):
    """Send one stored email, once: a repeat finds it claimed or sent and does nothing."""
    from core.mail import OutboundEmail

    claim = OutboundEmail.claim_for_sending(email_id)
    if claim is None:
        return "nothing to send"
    email = OutboundEmail.objects.get(pk=email_id)
    try:
        email.as_message().send()
    except BaseException as error:
        email.release(claim, repr(error))
        raise
    email.mark_sent(claim)
    return "sent"


@shared_task(base=OutboxTask)
def requeue_outbound_emails():
    """Queue again what is still unsent a while after it was stored (run by beat)."""
    from core.mail import OutboundEmail

    with transaction.atomic():
        ids = list(
            OutboundEmail.objects.unsent()
            .order_by("queued_at")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:REQUEUE_BATCH]
        )
        OutboundEmail.objects.filter(pk__in=ids).update(queued_at=timezone.now())
    for pk in ids:
        send_outbound_email.apply_async((pk,))
    return len(ids)
