"""Alerts' work for Celery: beat runs send_due_digests (every ALERTS_EVERY_SECONDS), which queues
one send_digest per due alert. Each takes an alert id, re-reads and locks the row and checks it
is still due, so a task delivered twice does nothing the second time; the emails themselves go
through the outbox (mail.tasks)."""

from celery import shared_task

from alerts import digests
from core.tasks import OutboxTask


@shared_task(base=OutboxTask)
def send_due_digests():
    ids = digests.due_alert_ids()
    for pk in ids:
        send_digest.delay(pk)
    return len(ids)


@shared_task(base=OutboxTask)
def send_digest(alert_id):
    return digests.send_digest(alert_id)
