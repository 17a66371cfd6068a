"""Funding opportunities (grants, prizes, investment, procurement): open calls until their
closing moment, then an archive. Submitted by signed-in people, moderated like organisations."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from core.fields import (
    RichTextField,
    Translations,
    WebAddressField,
    one_line,
    validate_time_zone,
)
from core.models import PublicEntity
from core.search import SearchableQuerySet
from core.tagging import card_tag_names
from core.text import plain_text
from core.timezones import zone
from organisations.models import OrganisationType
from submissions.models import Submittable, SubmittableQuerySet

CLOSES_BEFORE_OPENING = _("The closing date must be after the opening date.")


class OpportunityType(models.Model):
    """Grant, prize, investment, procurement, other: a small list staff curate in the admin
    (seeded by funding/migrations/0003_seed_types.py)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    # The name in the other five languages (name_de, name_fr…), edited in the admin.
    i18n = Translations(fields=("name",))

    class Meta:
        verbose_name = _("type of opportunity")
        verbose_name_plural = _("types of opportunity")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name_i18n


class TaggedOpportunity(TaggedItemBase):
    content_object = models.ForeignKey(
        "Opportunity", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_opportunity_tag")
        ]


class OpportunityQuerySet(SearchableQuerySet, SubmittableQuerySet):
    def open(self, now=None):
        """Still taking applications, the one closing soonest first."""
        return self.filter(closes_at__gt=now or timezone.now()).order_by("closes_at", "id")

    def closed(self, now=None):
        """Closed, the most recently closed first."""
        return self.filter(closes_at__lte=now or timezone.now()).order_by("-closes_at", "-id")

    def for_listing(self):
        return (
            self.select_related("kind")
            .only(
                "slug", "name", "summary", "funder_name", "amount", "opens_at", "closes_at",
                "time_zone", "eligible_countries", "kind__name", "kind__slug", "kind__i18n",
            )
            .annotate(card_tags=card_tag_names(self.model))
        )  # fmt: skip

    def for_calendar(self):
        return self.only(
            "slug", "name", "summary", "description", "funder_name", "amount", "closes_at",
            "time_zone", "apply_url", "created_at", "updated_at",
        )  # fmt: skip

    def for_page(self):
        return self.select_related("kind", "funder").prefetch_related("tags")


class Opportunity(Submittable, PublicEntity):
    name = models.CharField(_("title"), max_length=200, validators=[one_line])
    summary = models.CharField(
        _("one-line summary"), max_length=200, blank=True, validators=[one_line]
    )
    description = RichTextField(_("description"), blank=True)
    funder_name = models.CharField(_("funder"), max_length=200, validators=[one_line])
    funder_website = WebAddressField(_("funder's website"), blank=True)
    funder = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding_opportunities",
        verbose_name=_("funder's profile in the directory"),
    )
    kind = models.ForeignKey(
        OpportunityType,
        on_delete=models.PROTECT,
        related_name="opportunities",
        verbose_name=_("type"),
    )
    amount = models.CharField(
        _("amount"),
        max_length=120,
        blank=True,
        validators=[one_line],
        help_text=_("As the funder says it: up to €50,000; three prizes of €10,000."),
    )
    eligible_countries = ArrayField(
        models.CharField(max_length=2, choices=countries),
        verbose_name=_("who can apply: countries"),
        blank=True,
        default=list,
        help_text=_("Empty: applicants from any country."),
    )
    eligible_organisation_types = ArrayField(
        models.CharField(max_length=16, choices=OrganisationType),
        verbose_name=_("who can apply: types of organisation"),
        blank=True,
        default=list,
        help_text=_("Empty: any type of organisation."),
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Brussels", validators=[validate_time_zone]
    )
    apply_url = WebAddressField(_("link to apply"), blank=True)
    tags = TaggableManager(
        _("tags"),
        through=TaggedOpportunity,
        blank=True,
        related_name="funding_opportunities",
        help_text=_("Topics, separated by commas."),
    )
    # Kept current by the triggers of funding/migrations/0002_search.py.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = OpportunityQuerySet.as_manager()

    reviewed_fields = ("name", "summary", "description", "funder_name")
    reserved_slugs = PublicEntity.reserved_slugs | {"closed"}  # /funding/closed/

    class Meta:
        verbose_name = _("funding opportunity")
        verbose_name_plural = _("funding opportunities")
        ordering = ["closes_at", "id"]
        permissions = [("moderate_opportunity", "Can approve and reject funding opportunities")]
        indexes = [
            models.Index(fields=["status", "closes_at", "id"], name="opportunity_listing_idx"),
            models.Index(fields=["status", "kind", "closes_at"], name="opportunity_kind_idx"),
            GinIndex(fields=["eligible_countries"], name="opportunity_countries_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="opportunity_closes_after_it_opens",
                violation_error_message=CLOSES_BEFORE_OPENING,
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("funding:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": CLOSES_BEFORE_OPENING})

    @property
    def zone(self):
        return zone(self.time_zone) or timezone.get_default_timezone()

    @property
    def local_closes_at(self):
        return self.closes_at.astimezone(self.zone)

    @property
    def local_opens_at(self):
        return self.opens_at.astimezone(self.zone) if self.opens_at else None

    def is_open(self, now=None):
        return self.closes_at > (now or timezone.now())

    def has_opened(self, now=None):
        return self.opens_at is None or self.opens_at <= (now or timezone.now())

    def days_left(self, now=None):
        """Days from today to its closing day, counted on the calendar of its time zone: 0 on
        its last day (and once closed), 1 the day before."""
        today = (now or timezone.now()).astimezone(self.zone).date()
        return max(0, (self.local_closes_at.date() - today).days)

    @property
    def countries(self):
        return [(code, countries.name(code)) for code in self.eligible_countries]

    @property
    def organisation_types(self):
        labels = dict(OrganisationType.choices)
        return [labels.get(value, value) for value in self.eligible_organisation_types]

    @property
    def card_text(self):
        if self.summary:
            return self.summary
        text = plain_text(self.description)
        return text[:197] + "…" if len(text) > 200 else text
