"""What every public entity of the directory shares: moderation, slugs, stamps, network tags;
and what organisations and projects share as directory records."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from taggit.models import TagBase

from core.fields import RichTextField, WebAddressField, header_image_path, logo_path, one_line
from core.slugs import unique_slug
from core.text import plain_text, strip_share_junk, tidy_place

NAME_COLLATION = "directory_names"


class ModerationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Pending review")
    PUBLISHED = "published", pgettext_lazy("moderation status", "Published")
    REJECTED = "rejected", pgettext_lazy("moderation status", "Rejected")
    # Out of every public page, kept for audit: marked by staff.
    SPAM = "spam", _("Spam")
    # Folded into another record by staff (merged_into); its addresses redirect there.
    MERGED = "merged", _("Merged into another")


class PublicEntityQuerySet(models.QuerySet):
    def published(self):
        """What anonymous visitors may see: the one rule every public page goes through."""
        return self.filter(status=ModerationStatus.PUBLISHED)


class TranslatedContent:
    """Editorial content whose title and text may be translated (a modeltrans `i18n` field):
    pages read `title_i18n`, `body_i18n`…, which are the visitor's language where a translation
    exists and the English otherwise; `text_language` says which, for `lang` and the note."""

    @property
    def text_language(self):
        language = get_language() or settings.LANGUAGE_CODE
        if any(key.endswith(f"_{language}") for key in self.i18n or {}):
            return language
        return settings.LANGUAGE_CODE

    @property
    def in_visitors_language(self):
        return self.text_language == (get_language() or settings.LANGUAGE_CODE)


class PublicEntity(models.Model):
    """An organisation, project, case study or post: moderated, addressed by a stable slug."""

    slug = models.SlugField(max_length=220, unique=True, allow_unicode=False)
    status = models.CharField(
        max_length=16, choices=ModerationStatus, default=ModerationStatus.DRAFT, db_index=True
    )
    legacy_id = models.PositiveIntegerField(
        null=True, blank=True, unique=True, help_text=_("Identifier on digitalsocial.eu (DSI4EU).")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = PublicEntityQuerySet.as_manager()

    # The field the slug is made from; subclasses name theirs.
    slug_source = "name"
    # Words a slug must not be, because they are addresses of their own (/organisations/new/).
    reserved_slugs = frozenset({"new", "feed", "edit"})

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug(getattr(self, self.slug_source))
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.status == ModerationStatus.PUBLISHED

    def publish(self, by=None):
        self._moderate(ModerationStatus.PUBLISHED, by)

    def unpublish(self, by=None):
        self._moderate(ModerationStatus.DRAFT, by)

    def mark_spam(self, by=None):
        self._moderate(ModerationStatus.SPAM, by)

    def _moderate(self, status, by):
        self.status = status
        self.updated_by = by
        self.save(update_fields=["status", "updated_by", "updated_at"])

    @classmethod
    def unique_slug(cls, text, taken=None):
        """A slug for `text` that no row (and nothing in `taken`) uses yet: polifactory-2, …"""
        base = slugify(text)[:200].strip("-")
        existing = set(
            cls._default_manager.filter(slug__startswith=base).values_list("slug", flat=True)
        )
        return unique_slug(
            text, existing | (taken or set()) | cls.reserved_slugs, fallback=cls._meta.model_name
        )


class NetworkTag(TagBase):
    """A network an organisation or project belongs to ("FabLab Network"), apart from topics."""

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]


class DirectoryRecord(PublicEntity):
    """What an organisation and a project both are: a name and a one-line summary, a
    description, a website, a place, a start date, a logo and a header image."""

    # Sorted as people expect in their language, whatever the database's locale: "Aalto
    # University" before "AGH", "fablab palermo" beside "FabLab Palermo". NAME_COLLATION is
    # created by organisations' migration 0009: ICU's root collation, case-insensitive.
    name = models.CharField(max_length=200, validators=[one_line], db_collation=NAME_COLLATION)
    short_description = models.CharField(
        _("one-line summary"),
        max_length=140,
        blank=True,
        help_text=_("At most 140 characters."),
        validators=[one_line],
    )
    description = RichTextField(_("description"), blank=True)
    # Organisations and projects stay in the language their authors wrote: pages mark their
    # texts with it (`lang`), whatever language the rest of the page is in.
    language = models.CharField(
        _("language of the texts"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the summary and description are written in."),
    )
    website = WebAddressField(_("website"), blank=True)
    country = CountryField(_("country"), blank=True)
    region = models.CharField(
        _("region or city"), max_length=120, blank=True, validators=[one_line]
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    logo = models.ImageField(_("logo"), upload_to=logo_path, blank=True)
    header_image = models.ImageField(_("header image"), upload_to=header_image_path, blank=True)
    # Kept current by the triggers of each app's search migration.
    search_vector = SearchVectorField(null=True, editable=False)

    # Text fields from which copy-and-paste junk ("#sthash….dpuf") is taken on every save.
    tidied_fields = ("short_description", "description")

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.tidy()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(f"{self._meta.app_label}:detail", kwargs={"slug": self.slug})

    def tidy(self):
        """Places as people expect to read them ("ROME" is Rome), tracking tails taken off."""
        self.region = tidy_place(self.region)
        for name in self.tidied_fields:
            setattr(self, name, strip_share_junk(getattr(self, name)))

    @property
    def summary(self):
        """One line for cards and meta descriptions, even where no summary was written."""
        if self.short_description:
            return self.short_description
        text = plain_text(self.description)
        return text[:157] + "…" if len(text) > 160 else text


class DataVersion(models.Model):
    """A share of the counter of one kind of data: bumped by triggers on every write to its
    tables, the sum of its shares is the version that keys every cache depending on that data
    (core/versions.py reads it).

    Each database session bumps a share of its own (`writer` is its backend pid), so writers
    never wait on each other for this bookkeeping; a periodic task folds the shares of
    sessions gone into `writer` 0. Every commit raises the sum, and folding keeps it."""

    pk = models.CompositePrimaryKey("name", "writer")
    name = models.CharField(max_length=50)
    writer = models.IntegerField(default=0)
    version = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["name", "writer"]

    def __str__(self):
        return f"{self.name} v{self.version} (writer {self.writer})"
