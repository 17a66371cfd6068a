"""Building digests. One alert's digest is one transaction: the alert row locked, its new
matches read, the digest, the records it lists and its email in the outbox written together,
so a worker killed half-way leaves nothing (the next run does it all again) and a digest that
committed is sent exactly once by the outbox. The records listed are never listed again by the
same alert (SentRecord's unique constraint says so even to two runs at once)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from alerts.emails import digest_message
from alerts.kinds import KINDS
from alerts.models import Alert, Digest, SentRecord
from mail import outbox


def new_matches(alert):
    """What the alert's next digest lists: matches published since the alert was made that
    no digest of it listed yet, newest first."""
    sent = SentRecord.objects.filter(alert=alert).values("record_id")
    return KINDS[alert.kind].newest(alert.filters, since=alert.created_at, exclude=sent)


def send_digest(alert_id, force=False):
    """Queue the alert's digest if it is due (or `force`) and something new matches. Returns
    what happened, in a word."""
    with transaction.atomic():
        alert = (
            Alert.objects.select_for_update(skip_locked=True)
            .filter(pk=alert_id, status=Alert.Status.CONFIRMED)
            .first()
        )
        if alert is None:
            return "not confirmed, or busy"
        if not force and not Alert.objects.due().filter(pk=alert.pk).exists():
            return "not due"
        matches = list(new_matches(alert).values_list("pk", flat=True))
        if not matches:
            return "nothing new"
        listed = settings.ALERTS_DIGEST_LISTED
        records = list(new_matches(alert).filter(pk__in=matches[:listed]).select_related(None))
        digest = Digest.objects.create(alert=alert, count=len(matches))
        SentRecord.objects.bulk_create(
            [SentRecord(alert=alert, digest=digest, record_id=pk) for pk in matches]
        )
        digest.email = outbox.queue(digest_message(alert, records, len(matches)))
        digest.save(update_fields=["email"])
        Alert.objects.filter(pk=alert.pk).update(last_digest_at=timezone.now())
    return "sent"


def due_alert_ids(force=False):
    alerts = Alert.objects.confirmed() if force else Alert.objects.due()
    return list(alerts.order_by("pk").values_list("pk", flat=True))
