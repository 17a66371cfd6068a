"""What every record people submit shares (organisations, projects, and what comes next):
moderation as model transitions, owner and co-editors, invitations, the drafts kept while
submissions are closed, and the switch that closes them (SiteSettings)."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import TrigramSimilarity
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html, mark_safe
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import ItemBase

from core.fields import RichTextField
from core.models import ModerationStatus, PublicEntityQuerySet
from core.text import clean_rich_text, email_text, web_domain
from mail import outbox

SETTINGS_CACHE_KEY = "site-settings:v1"
SETTINGS_CACHE_SECONDS = 5
INVITATION_LIFETIME = timedelta(days=14)

# Stored as written in English (it is the field's default, and operators may reword it); shown
# in the page's language for as long as nobody has changed it. Translations keep {contact_email}.
DEFAULT_CLOSED_MESSAGE = gettext_noop(
    "Thank you for your interest in joining Europe's network of digital social innovation. "
    "We regret to inform you that, due to a technical issue, we can't currently accept new "
    "projects and organisations. We're working as quickly as we can to get this fixed and look "
    "forward to seeing your work on the platform soon! In the meantime, please do sign up to our "
    "newsletter through the homepage, and if you have any questions drop us a line at "
    "{contact_email}."
)


class SiteSettings(models.Model):
    """One row, edited in the admin. SUBMISSIONS_OPEN=false in the environment closes
    submissions whatever the row says. Read through the cache for a few seconds at most, so
    every web process and worker follows a change within seconds."""

    submissions_open = models.BooleanField(
        default=True,
        help_text=_(
            "Untick to close every submission form at once. Browsing, search and "
            "newsletter sign-ups go on working. SUBMISSIONS_OPEN=false in the environment wins."
        ),
    )
    closed_message = models.TextField(
        default=DEFAULT_CLOSED_MESSAGE,
        help_text=_(
            "Shown instead of every submission form while they are closed. "
            "{contact_email} becomes a link to the contact address."
        ),
    )
    contact_email = models.EmailField(default="hello@digitalsocial.eu")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = _("site settings")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="site_settings_one_row")
        ]

    def __str__(self):
        return gettext("Site settings")

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(SETTINGS_CACHE_KEY)  # this process and every other sharing the cache see it

    @classmethod
    def current(cls):
        site = cache.get(SETTINGS_CACHE_KEY)
        if site is None:
            site, _created = cls.objects.get_or_create(pk=1)
            cache.set(SETTINGS_CACHE_KEY, site, SETTINGS_CACHE_SECONDS)
        return site

    @property
    def accepting_submissions(self):
        return self.submissions_open and settings.SUBMISSIONS_OPEN

    def closed_message_html(self):
        """The message, escaped, with the contact address as a mailto link."""
        link = format_html('<a href="mailto:{0}">{0}</a>', self.contact_email)
        message = self.closed_message
        if message == DEFAULT_CLOSED_MESSAGE:
            message = gettext(DEFAULT_CLOSED_MESSAGE)
        parts = [format_html("{}", part) for part in message.split("{contact_email}")]
        return mark_safe(link.join(parts))  # noqa: S308 - every part is escaped above


class SubmissionDraft(models.Model):
    """What a signed-in person typed into a submission form that could not be accepted
    (submissions were closed), kept so they can finish it later."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    form = models.CharField(max_length=50)
    data = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "form"], name="one_draft_per_form")]

    def __str__(self):
        return f"{self.form} draft of {self.user}"

    @classmethod
    def keep(cls, user, form, post_data):
        data = {key: post_data.getlist(key) for key in post_data if key != "csrfmiddlewaretoken"}
        cls.objects.update_or_create(user=user, form=form, defaults={"data": data})

    @classmethod
    def take(cls, user, form):
        """The saved values as initial form data, or None."""
        draft = cls.objects.filter(user=user, form=form).first()
        if draft is None:
            return None
        return {key: values if len(values) > 1 else values[0] for key, values in draft.data.items()}

    @classmethod
    def discard(cls, user, form):
        cls.objects.filter(user=user, form=form).delete()


def staff_may(user, action, model):
    """Whether a staff member holds the admin permission `action` ("view", "change",
    "moderate") on `model`: staff powers on the site are the admin's, no wider."""
    meta = model._meta
    return user.is_staff and user.has_perm(f"{meta.app_label}.{action}_{meta.model_name}")


class SubmittableQuerySet(PublicEntityQuerySet):
    def merged_target(self, **lookup):
        """The record that the merged one found by `lookup` now lives in (following merges of
        merges), published; or None."""
        record = self.filter(status=ModerationStatus.MERGED, **lookup).only("merged_into").first()
        for _hop in range(10):  # a chain of merges, never a loop
            if record is None or record.merged_into_id is None:
                return None
            record = self.model._default_manager.filter(pk=record.merged_into_id).first()
            if record is not None and record.status != ModerationStatus.MERGED:
                return record if record.is_published else None
        return None

    def likely_duplicates(self):
        """Records that look like another one: the same name once case, accents, spaces and
        punctuation are set aside, where their countries do not differ (one may be blank:
        "fablab palermo" with no place is FabLab Palermo, Italy); or the same website. Rejected,
        spam and merged records aside."""
        table = self.model._meta.db_table
        sql = f"""
            WITH keyed AS (
              SELECT id, country,
                regexp_replace(lower(unaccent(name)), '[^a-z0-9]+', '', 'g') AS name_key,
                nullif(rtrim(regexp_replace(lower(website), '^[a-z]+://(www[0-9]?\\.)?', ''),
                  '/'), '') AS site
              FROM {table}
              WHERE status NOT IN ('rejected', 'spam', 'merged')
            )
            SELECT a.id FROM keyed a JOIN keyed b
              ON a.name_key = b.name_key AND a.id <> b.id
              AND (a.country = b.country OR a.country = '' OR b.country = '')
            UNION
            SELECT a.id FROM keyed a JOIN keyed b ON a.site = b.site AND a.id <> b.id
        """  # noqa: S608 - the table name is the model's own
        return self.filter(pk__in=models.expressions.RawSQL(sql, []))  # noqa: S611

    def awaiting_review(self):
        """New submissions, and published records whose owner changed what a reviewer checks."""
        return self.filter(
            Q(status=ModerationStatus.PENDING) | Q(review_requested_at__isnull=False)
        )

    def visible_to(self, user):
        """Published rows for everyone; a person's own rows whatever their state; all for staff
        who may view or change them in the admin."""
        if staff_may(user, "view", self.model) or staff_may(user, "change", self.model):
            return self.all()
        if not user.is_authenticated:
            return self.published()
        return self.filter(
            Q(status=ModerationStatus.PUBLISHED) | Q(owner=user) | Q(members=user)
        ).distinct()

    def similar_to(self, name, website=""):
        """Records someone may be about to duplicate: a similar name (trigram) or the same web
        domain, rejected ones aside. Needs `name` and `website` on the model."""
        match = Q(name__iexact=name.strip()) | Q(similarity__gt=0.45)
        domain = web_domain(website)
        if domain:
            match |= Q(website__icontains=domain)
        return (
            self.annotate(similarity=TrigramSimilarity("name", name))
            .filter(match)
            .exclude(status=ModerationStatus.REJECTED)
        )


class Submittable(models.Model):
    """A record people submit themselves: its owner and co-editors, and the transitions of
    its moderation. Mixed into a PublicEntity (which holds `status`)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_%(class)ss",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="%(class)ss"
    )
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
    # Why the importer (or staff) set it aside for a look: "Likely spam: essay writing".
    flagged_reason = models.CharField(max_length=200, blank=True)
    # The record it was merged into: its slug and old id redirect there.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_records",
        editable=False,
    )

    # Changes to these fields send a published record back to the reviewers.
    reviewed_fields = ("name", "description")

    class Meta:
        abstract = True

    def get_edit_url(self):
        return reverse(f"{self._meta.app_label}:edit", kwargs={"slug": self.slug})

    def get_invite_url(self):
        return reverse(f"{self._meta.app_label}:invite", kwargs={"slug": self.slug})

    def invitations(self):
        return Invitation.objects.filter(
            content_type=ContentType.objects.get_for_model(self), object_id=self.pk
        )

    def can_edit(self, user):
        """Its owner and co-editors; staff who may change it in the admin."""
        if not user.is_authenticated:
            return False
        if self.owner_id == user.pk or staff_may(user, "change", type(self)):
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

    # Fields a merge never copies from the merged record to the survivor.
    kept_by_survivor = frozenset({
        "id", "slug", "status", "legacy_id", "created_at", "updated_at", "created_by",
        "updated_by", "search_vector", "review_requested_at", "reviewed_at", "reviewed_by",
        "rejection_reason", "flagged_reason", "merged_into",
    })  # fmt: skip

    def merge_into(self, survivor, by):
        """Fold this record into `survivor`, nothing lost: what the survivor leaves blank is
        taken from this one, every link (tags, networks, members, projects or organisations,
        social links) is carried over, and this one stays, marked merged, so that its slug and
        old id redirect to the survivor. The survivor keeps its own slug and `legacy_id`."""
        if survivor.pk == self.pk or type(survivor) is not type(self):
            raise ValueError("A record merges into another record of its kind.")
        with transaction.atomic():
            changed = []
            for field in self._meta.concrete_fields:
                if field.name in self.kept_by_survivor or field.primary_key:
                    continue
                mine, theirs = getattr(self, field.attname), getattr(survivor, field.attname)
                if theirs in (None, "") and mine not in (None, ""):
                    setattr(survivor, field.attname, mine)
                    changed.append(field.name)
            survivor.updated_by = by
            survivor.save()
            for field in self._meta.get_fields():
                if isinstance(field, TaggableManager) or (
                    field.many_to_many and not field.auto_created
                ):
                    getattr(survivor, field.name).add(*getattr(self, field.name).all())
                elif field.many_to_many and field.auto_created and field.related_model:
                    accessor = field.get_accessor_name()
                    if accessor and hasattr(survivor, accessor):
                        getattr(survivor, accessor).add(*getattr(self, accessor).all())
                elif field.one_to_many and field.auto_created and field.field.name != "merged_into":
                    self._move_rows(field, survivor)  # merges of this one: just below
            type(self).objects.filter(merged_into=self).update(merged_into=survivor)
            self.status = ModerationStatus.MERGED
            self.merged_into = survivor
            self.updated_by = by
            self.save(update_fields=["status", "merged_into", "updated_by", "updated_at"])
        return changed

    def _move_rows(self, relation, survivor):
        """Rows pointing at this record (social links) point at the survivor, unless it has
        the same one already (a unique constraint): then this record keeps its copy."""
        if issubclass(relation.related_model, ItemBase):
            return  # tags: carried over by their managers
        for row in relation.related_model._default_manager.filter(**{relation.field.name: self}):
            setattr(row, relation.field.name, survivor)
            try:
                with transaction.atomic():
                    row.save(update_fields=[relation.field.name])
            except IntegrityError:
                pass

    def approve(self, by):
        self._decide(ModerationStatus.PUBLISHED, by, reason="")
        self.notify_owner("approved")

    def reject(self, by, reason):
        self._decide(ModerationStatus.REJECTED, by, reason=reason)
        self.notify_owner("rejected")

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

    def notify_owner(self, decision):
        """Queue the decision email to the owner, in the decision's transaction (nothing when
        the record has no owner)."""
        owner = self.owner
        if owner is None or not owner.email:
            return None
        context = {
            "record": self,
            "record_name": email_text(self.name, 60),
            "kind": self._meta.verbose_name,
            "decision": decision,
            "site_url": settings.SITE_URL,
            "owner_name": email_text(owner.name),
        }
        # In the language the owner wrote the record in, not the reviewer's admin's.
        with translation.override(getattr(self, "language", "") or settings.LANGUAGE_CODE):
            context["kind"] = str(context["kind"])
            subject = render_to_string("submissions/emails/decision_subject.txt", context).strip()
            body = render_to_string("submissions/emails/decision.txt", context)
        return outbox.queue(EmailMessage(subject, body, to=[owner.email]))


class InvitationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(
            accepted_at__isnull=True, created_at__gte=timezone.now() - INVITATION_LIFETIME
        )


class Invitation(models.Model):
    """An invitation, sent by email, to help edit a record (an organisation or a project)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    email = models.EmailField()
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="invitation_record_idx")]

    def __str__(self):
        return f"{self.email} → {self.record}"

    def get_absolute_url(self):
        return reverse("submissions:invitation", kwargs={"token": self.token})

    @property
    def is_open(self):
        return self.accepted_at is None and timezone.now() - self.created_at < INVITATION_LIFETIME

    def email_message(self):
        """The invitation email. The record's and the inviter's names are chosen by people:
        on one line, short, and with anything that reads as a link taken out."""
        record = email_text(str(self.record), 60)
        context = {
            "invitation": self,
            "record_name": record,
            "inviter_name": email_text(self.invited_by.get_short_name() if self.invited_by else ""),
            "site_url": settings.SITE_URL,
        }
        return EmailMessage(
            gettext("You are invited to edit “%(record)s” in the DSI Directory")
            % {"record": record},
            render_to_string("submissions/emails/invitation.txt", context),
            to=[self.email],
        )

    def accept(self, user):
        """The invited person joins the record's editors; the invitation cannot be used again."""
        updated = Invitation.objects.filter(pk=self.pk, accepted_at__isnull=True).update(
            accepted_at=timezone.now(), accepted_by=user
        )
        if updated:
            self.record.members.add(user)
        return bool(updated)
