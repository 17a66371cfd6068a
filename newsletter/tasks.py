"""Newsletter work for Celery (its confirmation emails go through the outbox, mail.tasks). Each
task takes an id, re-reads the row and guards on its state, so a task delivered twice or retried
does no harm."""

from celery import shared_task

from core.tasks import OutboxTask
from newsletter.models import Subscriber
from newsletter.providers import get_list_provider


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
