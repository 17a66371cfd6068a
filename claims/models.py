"""Claiming a record nobody owns: the organisations and projects of 2017 came without owners,
and bringing their people back to complete them is the point of the relaunch.

A signed-in person asks for an owner-less published record. When one of their verified email
addresses is at the record's website domain ("ada@polimi.it" for polifactory.polimi.it) the
claim is granted at once; otherwise it waits for staff, who grant or refuse it in the admin
with a reason. Each decision is emailed through the outbox. Once granted, the person is the
record's owner: they edit it (through the usual review) and invite co-editors."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.text import email_text, web_domain
from mail import outbox

# Addresses anyone can have: they prove nothing about an organisation.
FREE_MAIL = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.fr", "yahoo.it", "yahoo.es",
    "yahoo.co.uk", "hotmail.com", "hotmail.it", "hotmail.fr", "hotmail.co.uk", "outlook.com",
    "live.com", "msn.com", "icloud.com", "me.com", "aol.com", "gmx.de", "gmx.net", "web.de",
    "libero.it", "tiscali.it", "virgilio.it", "orange.fr", "free.fr", "laposte.net",
    "protonmail.com", "proton.me", "mail.ru", "yandex.ru", "seznam.cz", "wp.pl", "o2.pl",
})  # fmt: skip
# Websites many records share: a page there says nothing about who runs the record.
SHARED_HOSTS = frozenset({
    "facebook.com", "wordpress.com", "blogspot.com", "github.io", "github.com", "google.com",
    "wixsite.com", "medium.com", "twitter.com", "x.com", "linkedin.com", "tumblr.com",
    "weebly.com", "squarespace.com", "eventbrite.com", "meetup.com", "youtube.com",
})  # fmt: skip


def domains_match(email_domain, site_domain):
    """Whether an address at `email_domain` speaks for the website at `site_domain`: the same
    domain, or one inside the other (polimi.it and polifactory.polimi.it)."""
    email_domain, site_domain = email_domain.lower(), site_domain.lower()
    if not email_domain or not site_domain or email_domain in FREE_MAIL:
        return False
    if any(site_domain == host or site_domain.endswith(f".{host}") for host in SHARED_HOSTS):
        return False
    return (
        site_domain == email_domain
        or site_domain.endswith(f".{email_domain}")
        or email_domain.endswith(f".{site_domain}")
    )


def verified_domain_match(user, record):
    """The verified address of `user` at the record's website domain, or ""."""
    site = web_domain(record.website)
    if not site:
        return ""
    for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
        "email", flat=True
    ):
        if domains_match(email.rpartition("@")[2], site):
            return email
    return ""


class ClaimError(Exception):
    """A claim that cannot be granted as things stand; the message says why."""


class ClaimQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Claim.Status.PENDING)

    def for_record(self, record):
        return self.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )


class Claim(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for staff")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claims"
    )
    note = models.TextField(
        _("how you are connected to it"),
        blank=True,
        max_length=2000,
        help_text=_("For the staff who look at the claim."),
    )
    status = models.CharField(max_length=8, choices=Status, default=Status.PENDING)
    # The verified address whose domain matched the website, when that granted the claim.
    matched_email = models.EmailField(blank=True, editable=False)
    reason = models.TextField(_("reason given"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="claim_record_idx"),
            models.Index(fields=["status", "-created_at"], name="claim_queue_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"],
                condition=models.Q(status="pending"),
                name="one_pending_claim_per_person_and_record",
            )
        ]

    def __str__(self):
        return f"{self.user} claims {self.record}"

    @classmethod
    def ask(cls, user, record, note=""):
        """`user` claims `record`: granted at once when a verified address of theirs is at the
        record's website domain, else waiting for staff. Their pending claim if they have one."""
        if record.owner_id is not None:
            raise ClaimError(gettext("This record has an owner already."))
        mine = cls.objects.for_record(record).pending().filter(user=user).first()
        if mine is not None:
            return mine
        claim = cls.objects.create(record=record, user=user, note=note)
        matched = verified_domain_match(user, record)
        if matched:
            claim.matched_email = matched
            claim.grant(by=None)
        return claim

    def grant(self, by):
        """The claimant becomes the record's owner, unless someone owns it meanwhile."""
        with transaction.atomic():
            model = self.content_type.model_class()
            record = model.objects.select_for_update().get(pk=self.object_id)
            if record.owner_id not in (None, self.user_id):
                raise ClaimError(gettext("“%(record)s” has an owner already.") % {"record": record})
            record.owner_id = self.user_id
            record.updated_by = by
            record.save(update_fields=["owner", "updated_by", "updated_at"])
            self._decide(self.Status.GRANTED, by, reason="")

    def refuse(self, by, reason):
        with transaction.atomic():
            self._decide(self.Status.REFUSED, by, reason=reason)

    def _decide(self, status, by, reason):
        self.status = status
        self.reason = reason
        self.decided_at = timezone.now()
        self.decided_by = by
        self.save(update_fields=["status", "reason", "decided_at", "decided_by", "matched_email"])
        self.notify()

    def notify(self):
        """The decision, emailed to the claimant in the decision's transaction."""
        record = self.record
        context = {
            "claim": self,
            "record": record,
            "record_name": email_text(str(record), 60),
            "kind": record._meta.verbose_name,
            "site_url": settings.SITE_URL,
            "name": email_text(self.user.name),
        }
        # In the language of the record's texts: the nearest we know to the claimant's.
        with translation.override(getattr(record, "language", "") or settings.LANGUAGE_CODE):
            context["kind"] = str(context["kind"])
            subject = render_to_string("claims/emails/decision_subject.txt", context).strip()
            body = render_to_string("claims/emails/decision.txt", context)
        return outbox.queue(EmailMessage(subject, body, to=[self.user.email]))
