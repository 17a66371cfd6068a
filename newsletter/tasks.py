"""Newsletter work for Celery. Each task takes an id, re-reads the row and guards on its state,
so a task delivered twice, retried or queued again by the periodic task does no harm."""

import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from core.tasks import EMAIL_RETRIES, OutboxTask
from newsletter.emails import confirmation_message
from newsletter.models import Subscriber
from newsletter.providers import get_list_provider

logger = logging.getLogger(__name__)

REQUEUE_BATCH = 500


@shared_task(base=OutboxTask, **EMAIL_RETRIES)
def send_confirmation(subscriber_id):
    """Send the double opt-in email to a pending subscriber, once."""
    claim = Subscriber.claim_confirmation(subscriber_id)
    if claim is None:
        return "nothing to send"  # not pending, already sent, or another worker is sending it
    try:
        subscriber = Subscriber.objects.get(pk=subscriber_id)
        confirmation_message(subscriber).send()
    except BaseException as error:
        # Give the row back at once so the retry (or the requeue task) can claim it; a worker
        # killed outright gives it back only when its lease runs out.
        Subscriber.release_confirmation(subscriber_id, claim, repr(error))
        raise
    Subscriber.mark_confirmation_sent(subscriber_id)
    return "sent"


@shared_task(base=OutboxTask)
def requeue_unsent_confirmations():
    """Queue again the confirmations that are still unsent a while after they were queued: the
    broker was down when the sign-up queued them, or the worker died while sending. Run by beat
    every minute."""
    with transaction.atomic():
        ids = list(
            Subscriber.objects.unsent_confirmations()
            .order_by("confirmation_queued_at")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:REQUEUE_BATCH]
        )
        if not ids:
            return 0
        Subscriber.objects.filter(pk__in=ids).update(confirmation_queued_at=timezone.now())
    for pk in ids:
        send_confirmation.apply_async((pk,))
    logger.info("Queued %d unsent newsletter confirmations again", len(ids))
    return len(ids)


@shared_task(
    base=OutboxTask,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def sync_subscriber(subscriber_id):
    """Tell the list provider about a subscriber's current status (no-op unless one is set)."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return "gone"
    provider = get_list_provider()
    if subscriber.status == Subscriber.Status.CONFIRMED:
        provider.subscribe(subscriber)
        return "subscribed"
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        provider.unsubscribe(subscriber)
        return "unsubscribed"
    return "pending"
