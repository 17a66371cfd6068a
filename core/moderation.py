"""Moderation of what people submit: transitions on the model, decisions emailed to the owner
through the outbox (so the email is stored in the same transaction as the decision)."""

from django.conf import settings
from django.contrib.postgres.search import TrigramSimilarity
from django.core.mail import EmailMessage
from django.db import models
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.fields import RichTextField
from core.mail import OutboundEmail
from core.models import ModerationStatus, PublicEntityQuerySet
from core.text import clean_rich_text, web_domain


class SubmittableQuerySet(PublicEntityQuerySet):
    def awaiting_review(self):
        """New submissions, and published records whose owner changed what a reviewer checks."""
        return self.filter(
            Q(status=ModerationStatus.PENDING) | Q(review_requested_at__isnull=False)
        )

    def visible_to(self, user):
        """Published rows for everyone; a person's own rows whatever their state; all for staff."""
        if user.is_staff:
            return self.all()
        if not user.is_authenticated:
            return self.published()
        return self.filter(
            Q(status=ModerationStatus.PUBLISHED) | Q(owner=user) | Q(members=user)
        ).distinct()

    def similar_to(self, name, website=""):
        """Records someone may be about to duplicate: a similar name or the same web domain
        (rejected ones aside). Needs `name` and `website` on the model."""
        qs = self.annotate(similarity=TrigramSimilarity("name", name))
        match = Q(name__iexact=name.strip()) | Q(similarity__gt=0.45)
        domain = web_domain(website)
        if domain:
            match |= Q(website__icontains=domain)
        return qs.filter(match).exclude(status=ModerationStatus.REJECTED)


class Submittable(models.Model):
    """Fields and transitions of a record people submit themselves (organisations, projects).
    Needs `owner` and `members` on the concrete model."""

    review_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    rejection_reason = models.TextField(blank=True)

    # Changes to these fields send a published record back to the reviewers.
    reviewed_fields = ("name", "description")

    class Meta:
        abstract = True

    def get_invite_url(self):
        """Where its editors invite another (the app's namespace has an "invite" page)."""
        return reverse(f"{self._meta.app_label}:invite", kwargs={"slug": self.slug})

    def can_edit(self, user):
        if not user.is_authenticated:
            return False
        if user.is_staff or self.owner_id == user.pk:
            return True
        return self.members.filter(pk=user.pk).exists()

    @property
    def awaiting_review(self):
        return self.status == ModerationStatus.PENDING or self.review_requested_at is not None

    def submit(self, by):
        """A new record from a signed-in person: theirs, and waiting for a reviewer."""
        self.status = ModerationStatus.PENDING
        self.owner = self.owner or by
        self.created_by = self.created_by or by
        self.updated_by = by

    def reviewed_values(self):
        """What a reviewer checked, normalised as it will be stored (rich text cleaned)."""
        values = {}
        for name in self.reviewed_fields:
            field, value = self._meta.get_field(name), getattr(self, name)
            values[name] = clean_rich_text(value) if isinstance(field, RichTextField) else value
        return values

    def changed_by_owner(self, by, reviewed_before):
        """After an edit by its owner: a published record whose reviewed fields changed stays
        visible and goes back to the reviewers; a rejected one, once changed, is looked at again."""
        self.updated_by = by
        if self.status == ModerationStatus.PUBLISHED:
            if self.reviewed_values() != reviewed_before:
                self.review_requested_at = timezone.now()
        elif self.status == ModerationStatus.REJECTED:
            self.status = ModerationStatus.PENDING

    def approve(self, by):
        self._decide(ModerationStatus.PUBLISHED, by, reason="")
        notify_owner(self, "approved")

    def reject(self, by, reason):
        self._decide(ModerationStatus.REJECTED, by, reason=reason)
        notify_owner(self, "rejected")

    def _decide(self, status, by, reason):
        self.status = status
        self.rejection_reason = reason
        self.review_requested_at = None
        self.reviewed_at = timezone.now()
        self.reviewed_by = by
        self.updated_by = by
        self.save(
            update_fields=[
                "status", "rejection_reason", "review_requested_at", "reviewed_at",
                "reviewed_by", "updated_by", "updated_at",
            ]
        )  # fmt: skip


def notify_owner(record, decision):
    """Queue the decision email to the record's owner (nothing when it has none)."""
    owner = record.owner
    if owner is None or not owner.email:
        return None
    context = {
        "record": record,
        "kind": record._meta.verbose_name,
        "decision": decision,
        "site_url": settings.SITE_URL,
        "owner": owner,
    }
    subject = render_to_string("moderation/decision_subject.txt", context).strip()
    body = render_to_string("moderation/decision_email.txt", context)
    return OutboundEmail.queue(EmailMessage(subject, body, to=[owner.email]))
