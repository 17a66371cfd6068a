"""Newsletter subscribers, with double opt-in.

A subscriber's confirmation email goes through the site's one outbox (mail.OutboundEmail):
`confirmation_email` is the latest one. A sign-up asks for a new one only when none is on its way
and the last one went out longer than the cool-down ago.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, models, transaction
from django.db.models import Count
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mail.models import OutboundEmail

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

    def sign_up(self, email, *, source, language, consent_text, consent_version):
        """Record a sign-up. Returns (subscriber, due): `due` says whether a confirmation email is
        now due, which is the caller's to queue (newsletter.emails.queue_confirmation).

        The same address again creates no second row and no second email within the cool-down;
        a confirmed address is left alone; an unsubscribed one goes back to pending.
        """
        now = timezone.now()
        consent = {
            "source": source,
            "language": language,
            "consent_text": consent_text,
            "consent_version": consent_version,
        }
        subscriber = self.with_email(email).select_related("confirmation_email").first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = self.create(email=email, confirmation_requested_at=now, **consent)
                return subscriber, True
            except IntegrityError:
                # The same address signed up at the same moment in another request: that one won.
                subscriber = self.with_email(email).select_related("confirmation_email").get()

        Status = Subscriber.Status
        if subscriber.status == Status.CONFIRMED:
            return subscriber, False
        if subscriber.status == Status.UNSUBSCRIBED:
            changes = {
                "status": Status.PENDING,
                "confirmed_at": None,
                "consented_at": None,
                "confirmation_requested_at": now,
                "updated_at": now,
                **consent,
            }
            changed = self.filter(pk=subscriber.pk, status=Status.UNSUBSCRIBED).update(**changes)
        elif subscriber.confirmation_due(now):
            changes = {"confirmation_requested_at": now, "updated_at": now, **consent}
            changed = self.filter(pk=subscriber.pk, status=Status.PENDING).update(**changes)
        else:
            return subscriber, False
        if changed:
            for name, value in changes.items():
                setattr(subscriber, name, value)
        return subscriber, bool(changed)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    class Source(models.TextChoices):
        FOOTER = "footer", _("Footer")
        HOME = "home", _("Home page")
        PAGE = "page", _("Newsletter page")
        MAINTENANCE = "maintenance", _("Submissions-closed page")
        REGISTRATION = "registration", _("Account sign-up")

    email = models.EmailField(max_length=254)
    status = models.CharField(max_length=16, choices=Status, default=Status.PENDING)
    source = models.CharField(max_length=16, choices=Source, default=Source.PAGE)
    language = models.CharField(max_length=16, blank=True)
    consent_text = models.TextField(help_text=_("The wording the person agreed to."))
    consent_version = models.CharField(max_length=32)
    consented_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the person confirmed, by the emailed link.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    confirmation_requested_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("The latest sign-up that asked for a confirmation email."),
    )
    confirmation_email = models.ForeignKey(
        OutboundEmail,
        # Deleting an email row (cancel) is one DELETE: the database empties this column.
        on_delete=models.DB_SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The latest confirmation email, in the outbox."),
    )
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
            self._cancel_unsent_confirmation()
        return bool(changed)

    def unsubscribe(self):
        """Any status → unsubscribed, at once. False if it already was."""
        now = timezone.now()
        changed = (
            Subscriber.objects.filter(pk=self.pk)
            .exclude(status=self.Status.UNSUBSCRIBED)
            .update(status=self.Status.UNSUBSCRIBED, unsubscribed_at=now, updated_at=now)
        )
        if changed:
            self.status, self.unsubscribed_at = self.Status.UNSUBSCRIBED, now
            self._cancel_unsent_confirmation()
        return bool(changed)

    def _cancel_unsent_confirmation(self):
        """A confirmation is for a pending address only: one still waiting in the outbox goes."""
        latest = Subscriber.objects.filter(pk=self.pk).values("confirmation_email")
        OutboundEmail.objects.filter(pk__in=latest).cancel()

    # --- The confirmation email ------------------------------------------------------------------
    def confirmation_due(self, now=None):
        """Whether a sign-up of this pending address should get a new confirmation email: none
        is on its way and the latest went out longer than the cool-down ago (or the outbox gave
        up on it)."""
        latest = self.confirmation_email
        if latest is None or latest.gave_up:
            return True
        if latest.sent_at is None:
            return False  # still on its way
        cool_down = timedelta(seconds=settings.NEWSLETTER_RESEND_COOLDOWN_SECONDS)
        return latest.sent_at < (now or timezone.now()) - cool_down

    def replace_confirmation_email(self, email, previous_id):
        """Make `email` the latest confirmation, unless another one replaced `previous_id` first
        (two sign-ups of the same address at once): one conditional UPDATE, so only one wins.
        Returns whether this one did."""
        changed = Subscriber.objects.filter(
            pk=self.pk, status=self.Status.PENDING, confirmation_email=previous_id
        ).update(confirmation_email=email, updated_at=timezone.now())
        if changed:
            self.confirmation_email = email
        return bool(changed)


def _as_pk(value):
    try:
        return int(value)
    except ValueError:
        raise signing.BadSignature("Not a subscriber id") from None
