"""The outbox of every email the site sends: account emails, moderation decisions, invitations,
newsletter confirmations.

A message is stored as a row in the transaction that asks for it, and its send task is published
once that commits (`mail.outbox.queue`), so nothing is lost when the broker is down: the periodic
requeue task publishes what waited too long.

One rule for every change of a row's sending state: a worker claims the row with one conditional
UPDATE (a fresh claim token, for a lease of OUTBOX_CLAIM_LEASE_SECONDS), so two workers never both
send it; it marks the row sent, or gives it back, only while the claim is still its own, so a
worker whose lease ran out and was taken over changes nothing; nobody cancels a row that a live
claim holds. A row is tried OUTBOX_MAX_ATTEMPTS times at most, retries and requeues together.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mail.messages import FOLDED_LINE_LENGTH, Message


def _lease_start(now):
    return now - timedelta(seconds=settings.OUTBOX_CLAIM_LEASE_SECONDS)


class OutboundEmailQuerySet(models.QuerySet):
    def unclaimed(self, now=None):
        """Unsent, and held by no worker whose lease still runs."""
        now = now or timezone.now()
        return self.filter(
            Q(claimed_at__isnull=True) | Q(claimed_at__lt=_lease_start(now)),
            sent_at__isnull=True,
        )

    def claimable(self, now=None):
        """What a worker may claim for sending: unclaimed, with attempts left."""
        return self.unclaimed(now).filter(attempts__lt=settings.OUTBOX_MAX_ATTEMPTS)

    def overdue(self, now=None):
        """Claimable and queued longer ago than a queued email should wait (the broker was down,
        or its worker died): what the requeue task publishes again."""
        now = now or timezone.now()
        queued_before = now - timedelta(seconds=settings.OUTBOX_REQUEUE_AFTER_SECONDS)
        return self.claimable(now).filter(queued_at__lt=queued_before)

    def cancel(self):
        """Delete the emails among these that are no longer wanted, unless sent or being sent.
        Returns how many went."""
        count, _ = self.unclaimed().delete()
        return count


class OutboundEmail(models.Model):
    to = models.JSONField()
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    max_line_length = models.PositiveSmallIntegerField(
        default=FOLDED_LINE_LENGTH,
        help_text=_("Where header lines are folded: 998 for a header that may not be folded."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(default=timezone.now)
    claim = models.UUIDField(null=True, blank=True, editable=False)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    objects = OutboundEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["queued_at"], condition=Q(sent_at__isnull=True), name="outbound_unsent_idx"
            )
        ]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"

    @classmethod
    def from_message(cls, message):
        """An unsaved row holding a rendered EmailMessage: its text, its HTML alternative, its
        extra headers and where its header lines may be folded."""
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        return cls(
            to=list(message.to),
            subject=message.subject,
            body_text=message.body,
            body_html=html,
            headers=dict(message.extra_headers),
            max_line_length=getattr(message, "max_line_length", FOLDED_LINE_LENGTH),
        )

    def as_message(self):
        message = Message(
            subject=self.subject, body=self.body_text, to=self.to, headers=self.headers
        )
        message.max_line_length = self.max_line_length
        if self.body_html:
            message.attach_alternative(self.body_html, "text/html")
        return message

    @property
    def gave_up(self):
        """Unsent, and tried as often as the outbox tries anything."""
        return self.sent_at is None and self.attempts >= settings.OUTBOX_MAX_ATTEMPTS

    # --- Sending: every step checks the claim ---------------------------------------------------
    @classmethod
    def claim_for_sending(cls, pk):
        """Claim the row for sending, atomically: of two workers only one wins. Returns the claim
        token, or None when there is nothing to send (sent, cancelled, out of attempts, or held
        by a worker whose lease still runs)."""
        now = timezone.now()
        claim = uuid.uuid4()
        won = (
            cls.objects.filter(pk=pk)
            .claimable(now)
            .update(claim=claim, claimed_at=now, attempts=F("attempts") + 1)
        )
        return claim if won else None

    def mark_sent(self, claim):
        """Record the send, if `claim` still holds the row. Returns whether it did."""
        return bool(
            OutboundEmail.objects.filter(pk=self.pk, claim=claim).update(
                sent_at=timezone.now(), claim=None, claimed_at=None, last_error=""
            )
        )

    def release(self, claim, error):
        """Give the row back after a failed send, if `claim` still holds it, so that a retry may
        claim it at once. Returns whether it did."""
        return bool(
            OutboundEmail.objects.filter(pk=self.pk, claim=claim).update(
                claim=None, claimed_at=None, last_error=str(error)[:2000]
            )
        )
