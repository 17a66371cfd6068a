"""Newsletter subscribers, with double opt-in.

A Subscriber row is also the outbox of its confirmation email: it is saved before anything is
queued, `confirmation_sent_at` stays empty until the email has gone, and a worker claims the row
(`confirmation_claim`, `confirmation_claimed_at`) for a limited lease before sending, so two
workers never both send and a worker that dies leaves the row to be sent again once its lease has
run out.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, models, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Lower
from django.utils import timezone

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"


class SubscriberQuerySet(models.QuerySet):
    def with_email(self, email):
        """The row for `email` in any letter case (uses the case-insensitive unique index)."""
        return self.alias(email_lower=Lower("email")).filter(email_lower=email.lower())

    def confirmed(self):
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def counts(self):
        """{status: number of rows}, every status present, in one query."""
        counts = dict.fromkeys(Subscriber.Status.values, 0)
        for row in self.order_by().values("status").annotate(n=Count("id")):
            counts[row["status"]] = row["n"]
        return counts

    def unsent_confirmations(self, now=None):
        """Pending rows whose confirmation has not gone out, was last queued a while ago and is
        claimed by no live worker: what the periodic task queues again."""
        now = now or timezone.now()
        queued_before = now - timedelta(seconds=settings.NEWSLETTER_REQUEUE_AFTER_SECONDS)
        lease_start = now - timedelta(seconds=settings.NEWSLETTER_CLAIM_LEASE_SECONDS)
        return self.filter(
            Q(confirmation_claimed_at__isnull=True) | Q(confirmation_claimed_at__lt=lease_start),
            status=Subscriber.Status.PENDING,
            confirmation_sent_at__isnull=True,
            confirmation_queued_at__lt=queued_before,
            confirmation_attempts__lt=settings.NEWSLETTER_MAX_SEND_ATTEMPTS,
        )

    def sign_up(self, email, *, source, language, consent_text, consent_version):
        """Record a sign-up. Returns (subscriber, queue): `queue` says whether a confirmation
        email is now due, which is the caller's to queue once the transaction has committed.

        The same address again creates no second row and sends nothing within the cool-down;
        a confirmed address is left alone; an unsubscribed one goes back to pending.
        """
        now = timezone.now()
        consent = {
            "source": source,
            "language": language,
            "consent_text": consent_text,
            "consent_version": consent_version,
        }
        subscriber = self.with_email(email).first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = self.create(
                        email=email,
                        confirmation_requested_at=now,
                        confirmation_queued_at=now,
                        **consent,
                    )
                return subscriber, True
            except IntegrityError:
                # The same address signed up at the same moment in another request: that one won.
                subscriber = self.with_email(email).get()

        Status = Subscriber.Status
        fresh_cycle = {
            "confirmation_requested_at": now,
            "confirmation_queued_at": now,
            "confirmation_sent_at": None,
            "confirmation_claim": None,
            "confirmation_claimed_at": None,
            "confirmation_attempts": 0,
            "confirmation_error": "",
            "updated_at": now,
        }
        if subscriber.status == Status.CONFIRMED:
            return subscriber, False
        if subscriber.status == Status.UNSUBSCRIBED:
            changed = self.filter(pk=subscriber.pk, status=Status.UNSUBSCRIBED).update(
                status=Status.PENDING,
                confirmed_at=None,
                consented_at=None,
                **fresh_cycle,
                **consent,
            )
            return subscriber, bool(changed)
        if subscriber.confirmation_sent_at is None:
            # Still in the outbox: queueing it again is harmless (the send claims the row).
            return subscriber, True
        cooled_down = now - timedelta(seconds=settings.NEWSLETTER_RESEND_COOLDOWN_SECONDS)
        changed = self.filter(
            pk=subscriber.pk, status=Status.PENDING, confirmation_sent_at__lt=cooled_down
        ).update(**fresh_cycle, **consent)
        return subscriber, bool(changed)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    class Source(models.TextChoices):
        FOOTER = "footer", "Footer"
        HOME = "home", "Home page"
        PAGE = "page", "Newsletter page"
        MAINTENANCE = "maintenance", "Submissions-closed page"
        REGISTRATION = "registration", "Account sign-up"

    email = models.EmailField(max_length=254)
    status = models.CharField(max_length=16, choices=Status, default=Status.PENDING)
    source = models.CharField(max_length=16, choices=Source, default=Source.PAGE)
    language = models.CharField(max_length=16, blank=True)
    consent_text = models.TextField(help_text="The wording the person agreed to.")
    consent_version = models.CharField(max_length=32)
    consented_at = models.DateTimeField(
        null=True, blank=True, help_text="When the person confirmed, by the emailed link."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    confirmation_requested_at = models.DateTimeField(
        null=True, blank=True, help_text="The latest sign-up that asked for a confirmation email."
    )
    confirmation_queued_at = models.DateTimeField(null=True, blank=True)
    confirmation_claimed_at = models.DateTimeField(null=True, blank=True)
    confirmation_claim = models.UUIDField(null=True, blank=True)
    confirmation_attempts = models.PositiveSmallIntegerField(default=0)
    confirmation_error = models.CharField(max_length=500, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_ci_unique"),
        ]
        indexes = [
            models.Index(fields=["status", "source"], name="newsletter_status_source_idx"),
            models.Index(
                fields=["confirmation_queued_at"],
                condition=Q(status="pending", confirmation_sent_at__isnull=True),
                name="newsletter_outbox_idx",
            ),
        ]

    def __str__(self):
        return self.email

    # --- Links -----------------------------------------------------------------------------------
    def confirm_token(self):
        return signing.TimestampSigner(salt=CONFIRM_SALT).sign(str(self.pk))

    def unsubscribe_token(self):
        return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(self.pk))

    @classmethod
    def pk_from_confirm_token(cls, token):
        """The subscriber id in a confirmation token. Raises signing.SignatureExpired for a link
        older than NEWSLETTER_CONFIRM_MAX_AGE_SECONDS and signing.BadSignature for a bad one."""
        value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(
            token, max_age=settings.NEWSLETTER_CONFIRM_MAX_AGE_SECONDS
        )
        return _as_pk(value)

    @classmethod
    def pk_from_unsubscribe_token(cls, token):
        return _as_pk(signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token))

    # --- Steps -----------------------------------------------------------------------------------
    def confirm(self):
        """Pending → confirmed; records when consent was given. False if it was not pending."""
        now = timezone.now()
        changed = Subscriber.objects.filter(pk=self.pk, status=self.Status.PENDING).update(
            status=self.Status.CONFIRMED, confirmed_at=now, consented_at=now, updated_at=now
        )
        if changed:
            self.status, self.confirmed_at, self.consented_at = self.Status.CONFIRMED, now, now
        return bool(changed)

    def unsubscribe(self):
        """Any status → unsubscribed, at once. False if it already was."""
        now = timezone.now()
        changed = (
            Subscriber.objects.filter(pk=self.pk)
            .exclude(status=self.Status.UNSUBSCRIBED)
            .update(
                status=self.Status.UNSUBSCRIBED,
                unsubscribed_at=now,
                confirmation_claim=None,
                confirmation_claimed_at=None,
                updated_at=now,
            )
        )
        if changed:
            self.status, self.unsubscribed_at = self.Status.UNSUBSCRIBED, now
        return bool(changed)

    # --- Sending the confirmation (the outbox) ---------------------------------------------------
    @classmethod
    def claim_confirmation(cls, pk):
        """Claim the row for sending its confirmation, atomically: one conditional UPDATE, so of
        two workers only one wins. Returns the claim token, or None if there is nothing to send
        (not pending, already sent, or claimed by a worker whose lease still runs)."""
        now = timezone.now()
        lease_start = now - timedelta(seconds=settings.NEWSLETTER_CLAIM_LEASE_SECONDS)
        claim = uuid.uuid4()
        won = (
            cls.objects.filter(
                Q(confirmation_claimed_at__isnull=True)
                | Q(confirmation_claimed_at__lt=lease_start),
                pk=pk,
                status=cls.Status.PENDING,
                confirmation_sent_at__isnull=True,
            )
            .filter(confirmation_attempts__lt=settings.NEWSLETTER_MAX_SEND_ATTEMPTS)
            .update(
                confirmation_claim=claim,
                confirmation_claimed_at=now,
                confirmation_attempts=F("confirmation_attempts") + 1,
            )
        )
        return claim if won else None

    @classmethod
    def mark_confirmation_sent(cls, pk):
        cls.objects.filter(pk=pk).update(
            confirmation_sent_at=timezone.now(),
            confirmation_claim=None,
            confirmation_claimed_at=None,
            confirmation_error="",
        )

    @classmethod
    def release_confirmation(cls, pk, claim, error):
        """Give the claim back after a failed send, so that a retry can claim it at once."""
        cls.objects.filter(pk=pk, confirmation_claim=claim).update(
            confirmation_claim=None,
            confirmation_claimed_at=None,
            confirmation_error=str(error)[:500],
        )


def _as_pk(value):
    try:
        return int(value)
    except ValueError:
        raise signing.BadSignature("Not a subscriber id") from None
