from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from core.fields import RichTextField, Translations, WebAddressField, one_line
from core.models import PublicEntity, PublicEntityQuerySet, TranslatedContent
from core.search import SearchableQuerySet
from core.text import plain_text
from organisations.models import Organisation
from projects.models import AreaOfImpact, Project


class TaggedCaseStudy(TaggedItemBase):
    content_object = models.ForeignKey(
        "CaseStudy", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_casestudy_tag")
        ]


class CaseStudyQuerySet(SearchableQuerySet, PublicEntityQuerySet):
    trigram_field = "title"

    def for_listing(self):
        return self.only(
            "slug", "title", "intro", "i18n", "country", "region", "card_image", "created_at"
        )

    def featured(self):
        """What the home page shows, in the order staff set."""
        return self.published().filter(featured=True).order_by("position", "id")

    def for_page(self):
        """The case study with its project and organisation (visible only when published)."""
        return self.select_related("project", "organisation").prefetch_related(
            "areas_of_impact", "tags"
        )


class CaseStudy(TranslatedContent, PublicEntity):
    title = models.CharField(max_length=200, validators=[one_line])
    # Kept current by triggers (casestudies/migrations/0002_search.py); PostgreSQL only.
    search_vector = SearchVectorField(null=True, editable=False)
    intro = models.TextField(
        max_length=300, blank=True, help_text=_("A few sentences, shown on cards and in previews.")
    )
    body = RichTextField(blank=True)
    # Translations of the title, intro and body (title_de, body_fr…), edited in the admin;
    # a page shows the visitor's language where there is one, else the English.
    i18n = Translations(fields=("title", "intro", "body"))
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_studies",
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_studies",
    )
    country = CountryField(blank=True)
    region = models.CharField(_("region or city"), max_length=120, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    call_to_action_url = WebAddressField(_("call-to-action address"), blank=True)
    call_to_action_label = models.CharField(
        _("call-to-action label"), max_length=80, blank=True, help_text=_("e.g. Visit the project")
    )
    card_image = models.ImageField(upload_to="casestudies/cards/", blank=True)
    header_image = models.ImageField(upload_to="casestudies/headers/", blank=True)
    areas_of_impact = models.ManyToManyField(AreaOfImpact, blank=True, related_name="case_studies")
    featured = models.BooleanField(_("featured on the home page"), default=False)
    position = models.PositiveSmallIntegerField(
        default=0, help_text=_("Order on the home page: lower numbers first.")
    )

    tags = TaggableManager(
        through=TaggedCaseStudy,
        blank=True,
        related_name="case_studies",
        help_text=_("Topics, separated by commas."),
    )

    objects = CaseStudyQuerySet.as_manager()

    slug_source = "title"

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-created_at", "-id"], name="casestudy_listing_idx"),
            models.Index(fields=["status", "featured", "position"], name="casestudy_featured_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="casestudy_ends_after_it_starts",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self):
        return self.title_i18n

    def get_absolute_url(self):
        return reverse("casestudies:detail", kwargs={"slug": self.slug})

    @property
    def summary(self):
        text = " ".join(self.intro_i18n.split()) or plain_text(self.body_i18n)
        return text[:157] + "…" if len(text) > 160 else text
