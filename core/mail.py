"""An outbox for the site's own emails (account emails, moderation decisions).

A message is written to the database first and queued for Celery on commit, so nothing is lost
when Redis is down: the periodic requeue task sends what was not queued. Sending claims the row
with one conditional UPDATE, so two workers never both send it."""

import uuid
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

CLAIM_LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 8


class OutboundEmailQuerySet(models.QuerySet):
    def unsent(self, older_than=timedelta(minutes=2)):
        """Waiting longer than a queued message should: never queued, or its worker died."""
        now = timezone.now()
        return self.filter(
            Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_LEASE),
            sent_at__isnull=True,
            attempts__lt=MAX_ATTEMPTS,
            queued_at__lt=now - older_than,
        )


class OutboundEmail(models.Model):
    to = models.JSONField()
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
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
    def queue(cls, message):
        """Store a rendered EmailMessage and send it through Celery once the transaction commits."""
        from core.tasks import send_outbound_email

        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        email = cls.objects.create(
            to=list(message.to),
            subject=message.subject,
            body_text=message.body,
            body_html=html,
            headers=dict(message.extra_headers),
        )
        send_outbound_email.delay_on_commit(email.pk)
        return email

    @classmethod
    def claim_for_sending(cls, pk):
        now = timezone.now()
        claim = uuid.uuid4()
        won = cls.objects.filter(
            Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_LEASE),
            pk=pk,
            sent_at__isnull=True,
            attempts__lt=MAX_ATTEMPTS,
        ).update(claim=claim, claimed_at=now, attempts=F("attempts") + 1)
        return claim if won else None

    def as_message(self):
        message = EmailMultiAlternatives(
            subject=self.subject, body=self.body_text, to=self.to, headers=self.headers
        )
        if self.body_html:
            message.attach_alternative(self.body_html, "text/html")
        return message

    def mark_sent(self, claim):
        OutboundEmail.objects.filter(pk=self.pk, claim=claim).update(
            sent_at=timezone.now(), claim=None, claimed_at=None, last_error=""
        )

    def release(self, claim, error):
        OutboundEmail.objects.filter(pk=self.pk, claim=claim).update(
            claim=None, claimed_at=None, last_error=error[:2000]
        )
