"""Saved-filter alerts: a person's filters on a list (organisations, projects), confirmed by email
(double opt-in), and the digests of what is new that matches them.

What is "new" comes from `Publication`, a log that PostgreSQL triggers keep (alerts/migrations):
each time a record becomes published, however that happens (a moderator's approval, the admin's
status field, an import), its row says when. A digest lists the matches published since the alert
was made that no earlier digest of the alert listed (`SentRecord`), so nothing is sent twice.
"""

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mail.models import OutboundEmail

CONFIRM_SALT = "alerts.confirm"
UNSUBSCRIBE_SALT = "alerts.unsubscribe"
MANAGE_SALT = "alerts.manage"


class Kind(models.TextChoices):
    """The lists an alert can follow: each is a name in alerts.kinds.KINDS."""

    ORGANISATIONS = "organisations", _("Organisations")
    PROJECTS = "projects", _("Projects")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    DAILY = "daily", _("Daily")


class Publication(models.Model):
    """When a record last became published: written by triggers only, read by digests and
    feeds. One row per record."""

    kind = models.CharField(max_length=32, choices=Kind)
    record_id = models.BigIntegerField()
    published_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "record_id"], name="one_publication_per_record")
        ]
        indexes = [models.Index(fields=["kind", "-published_at"], name="publication_newest_idx")]

    def __str__(self):
        return f"{self.kind} {self.record_id} published {self.published_at:%Y-%m-%d %H:%M}"


class AlertQuerySet(models.QuerySet):
    def with_email(self, email):
        return self.alias(email_lower=Lower("email")).filter(email_lower=email.lower())

    def confirmed(self):
        return self.filter(status=Alert.Status.CONFIRMED)

    def active(self):
        """What a person sees on their pages: pending or confirmed."""
        return self.exclude(status=Alert.Status.UNSUBSCRIBED)

    def due(self, now=None):
        """Confirmed alerts with no digest yet in their current period (a day, or a week
        from Monday), in the site's time zone."""
        now = timezone.localtime(now or timezone.now())
        day = now.replace(hour=0, minute=0, second=0, microsecond=0)
        week = day - timezone.timedelta(days=day.weekday())
        return self.confirmed().filter(
            models.Q(last_digest_at__isnull=True)
            | models.Q(frequency=Frequency.DAILY, last_digest_at__lt=day)
            | models.Q(frequency=Frequency.WEEKLY, last_digest_at__lt=week)
        )


class Alert(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("On")
        UNSUBSCRIBED = "unsubscribed", _("Ended")

    email = models.EmailField(max_length=254)
    kind = models.CharField(max_length=32, choices=Kind)
    filters = models.JSONField(
        default=dict, blank=True, help_text=_("The list's filters, checked: {name: value}.")
    )
    frequency = models.CharField(max_length=8, choices=Frequency, default=Frequency.WEEKLY)
    status = models.CharField(max_length=16, choices=Status, default=Status.PENDING)
    language = models.CharField(max_length=16, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="alerts",
        help_text=_("Who was signed in when it was made, if anyone."),
    )
    consent_text = models.TextField(help_text=_("The wording the person agreed to."))
    consent_version = models.CharField(max_length=32)
    consented_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the person confirmed, by the emailed link.")
    )
    confirmation_email = models.ForeignKey(
        OutboundEmail, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(Lower("email"), name="alert_email_idx"),
            models.Index(fields=["status", "frequency", "last_digest_at"], name="alert_due_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} alert for {self.email}"

    def get_absolute_url(self):
        return reverse("alerts:manage", args=[self.manage_token()])

    # --- Links -----------------------------------------------------------------------------------
    def confirm_token(self):
        return signing.TimestampSigner(salt=CONFIRM_SALT).sign(str(self.pk))

    def unsubscribe_token(self):
        return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(self.pk))

    def manage_token(self):
        """The page of every alert of this address (any of its alerts' tokens opens it)."""
        return signing.Signer(salt=MANAGE_SALT).sign(str(self.pk))

    @classmethod
    def from_confirm_token(cls, token):
        """Raises signing.SignatureExpired for a link older than ALERTS_CONFIRM_MAX_AGE_SECONDS,
        signing.BadSignature for a forged one, Alert.DoesNotExist for one of a deleted alert."""
        pk = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(
            token, max_age=settings.ALERTS_CONFIRM_MAX_AGE_SECONDS
        )
        return cls.objects.get(pk=_as_pk(pk))

    @classmethod
    def from_unsubscribe_token(cls, token):
        return cls.objects.get(pk=_as_pk(signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)))

    @classmethod
    def from_manage_token(cls, token):
        return cls.objects.get(pk=_as_pk(signing.Signer(salt=MANAGE_SALT).unsign(token)))

    # --- Steps -----------------------------------------------------------------------------------
    def confirm(self):
        """Pending → confirmed, with the moment consent was given. False if it was not pending."""
        now = timezone.now()
        changed = Alert.objects.filter(pk=self.pk, status=self.Status.PENDING).update(
            status=self.Status.CONFIRMED, confirmed_at=now, consented_at=now, updated_at=now
        )
        if changed:
            self.status, self.confirmed_at, self.consented_at = self.Status.CONFIRMED, now, now
        return bool(changed)

    def confirmation_due(self, now=None):
        """Pending, and no confirmation on its way: none yet, the outbox gave up on it, or it
        went out longer than ALERTS_RESEND_COOLDOWN_SECONDS ago."""
        if self.status != self.Status.PENDING:
            return False
        latest = self.confirmation_email
        if latest is None or latest.gave_up:
            return True
        if latest.sent_at is None:
            return False  # still on its way
        cool_down = timezone.timedelta(seconds=settings.ALERTS_RESEND_COOLDOWN_SECONDS)
        return latest.sent_at < (now or timezone.now()) - cool_down

    def unsubscribe(self):
        """Any status → ended, at once; a confirmation still waiting in the outbox goes."""
        now = timezone.now()
        changed = (
            Alert.objects.filter(pk=self.pk)
            .exclude(status=self.Status.UNSUBSCRIBED)
            .update(status=self.Status.UNSUBSCRIBED, unsubscribed_at=now, updated_at=now)
        )
        if changed:
            self.status, self.unsubscribed_at = self.Status.UNSUBSCRIBED, now
            OutboundEmail.objects.filter(
                pk__in=Alert.objects.filter(pk=self.pk).values("confirmation_email")
            ).cancel()
        return bool(changed)


class Digest(models.Model):
    """One email of an alert: what it listed, and the email in the outbox."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="digests")
    created_at = models.DateTimeField(auto_now_add=True)
    email = models.ForeignKey(
        OutboundEmail, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    count = models.PositiveIntegerField(help_text=_("How many new records it listed."))

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Digest of {self.alert} ({self.count})"


class SentRecord(models.Model):
    """A record a digest of the alert listed: never listed again by the same alert."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="+")
    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="records")
    record_id = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["alert", "record_id"], name="alert_record_once")
        ]

    def __str__(self):
        return f"{self.record_id} in {self.digest}"


def _as_pk(value):
    try:
        return int(value)
    except ValueError:
        raise signing.BadSignature("Not an alert id") from None
