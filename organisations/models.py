from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django_countries.fields import CountryField
from taggit.managers import TaggableManager
from taggit.models import ItemBase, TaggedItemBase

from core.fields import RichTextField, WebAddressField
from core.models import NetworkTag, PublicEntity
from core.moderation import Submittable, SubmittableQuerySet
from core.search import SearchableQuerySet
from core.text import plain_text


class OrganisationType(models.TextChoices):
    NON_PROFIT = "non-profit", "Social enterprise, charity, foundation or other non-profit"
    FOR_PROFIT = "for-profit", "For-profit business"
    ACADEMIA = "academia", "Academia/Research organisation"
    GRASSROOTS = "grassroots", "Grassroots organisation or community network"
    GOVERNMENT = "government", "Government/public sector"


class OrganisationSize(models.TextChoices):
    S_0_5 = "0-5", "0-5 people"
    S_6_10 = "6-10", "6-10 people"
    S_11_25 = "11-25", "11-25 people"
    S_26_50 = "26-50", "26-50 people"
    S_51_100 = "51-100", "51-100 people"
    S_101_500 = "101-500", "101-500 people"
    S_501_1000 = "501-1000", "501-1000 people"
    OVER_1000 = "over-1000", "over-1000 people"


class TopicTaggedOrganisation(TaggedItemBase):
    content_object = models.ForeignKey(
        "Organisation", on_delete=models.CASCADE, related_name="topic_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="unique_organisation_topic"
            )
        ]


class NetworkTaggedOrganisation(ItemBase):
    tag = models.ForeignKey(NetworkTag, on_delete=models.CASCADE, related_name="organisation_items")
    content_object = models.ForeignKey(
        "Organisation", on_delete=models.CASCADE, related_name="network_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="unique_organisation_network"
            )
        ]


class OrganisationQuerySet(SearchableQuerySet, SubmittableQuerySet):
    plain_fields = ("name", "short_description", "tags__name")

    def for_listing(self):
        """Just what a card shows, with its tag chips in one extra query."""
        return self.only(
            "slug", "name", "short_description", "country", "region", "logo", "organisation_type"
        ).prefetch_related("tags")

    def for_profile(self):
        return self.prefetch_related("tags", "networks", "links")


class Organisation(Submittable, PublicEntity):
    name = models.CharField(max_length=200)
    short_description = models.CharField(
        "one-line summary", max_length=140, blank=True, help_text="At most 140 characters."
    )
    description = RichTextField(blank=True)
    website = WebAddressField(blank=True)
    organisation_type = models.CharField(
        "type of organisation", max_length=16, choices=OrganisationType, blank=True
    )
    size = models.CharField(max_length=16, choices=OrganisationSize, blank=True)
    country = CountryField(blank=True)
    region = models.CharField("region or city", max_length=120, blank=True)
    address = models.TextField(blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    logo = models.ImageField(upload_to="organisations/logos/", blank=True)
    # Kept current by triggers (organisations/migrations/0003_search.py); PostgreSQL only.
    search_vector = SearchVectorField(null=True, editable=False)
    header_image = models.ImageField(upload_to="organisations/headers/", blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_organisations",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="organisations"
    )

    tags = TaggableManager(
        "tagged under",
        through=TopicTaggedOrganisation,
        blank=True,
        related_name="organisations",
        help_text="Topics, separated by commas.",
    )
    networks = TaggableManager(
        "networks we belong to",
        through=NetworkTaggedOrganisation,
        blank=True,
        related_name="organisations",
        help_text="Networks, separated by commas (e.g. FabLab Network).",
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            # The directory lists published rows A–Z; each filter narrows that same scan.
            models.Index(fields=["status", "name", "id"], name="org_listing_idx"),
            models.Index(fields=["status", "country", "name"], name="org_country_idx"),
            models.Index(fields=["status", "organisation_type", "name"], name="org_type_idx"),
            models.Index(fields=["status", "size", "name"], name="org_size_idx"),
            models.Index(Upper("name"), name="org_name_upper_idx"),
            # The home page's "recently added".
            models.Index(fields=["status", "-created_at", "-id"], name="org_recent_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:detail", kwargs={"slug": self.slug})

    def get_edit_url(self):
        return reverse("organisations:edit", kwargs={"slug": self.slug})

    @property
    def summary(self):
        """One line for cards and meta descriptions, even where no summary was written."""
        if self.short_description:
            return self.short_description
        text = plain_text(self.description)
        return text[:157] + "…" if len(text) > 160 else text

    def published_projects(self):
        """The published projects it is involved with, read through the reverse relation that
        the projects app declares (organisations never import projects)."""
        return self.projects.published()

    def partners(self):
        """Published organisations that share at least one published project with this one."""
        return (
            Organisation.objects.published()
            .filter(projects__in=self.published_projects().values("pk"))
            .exclude(pk=self.pk)
            .distinct()
        )


class SocialLink(models.Model):
    class Kind(models.TextChoices):
        MASTODON = "mastodon", "Mastodon"
        BLUESKY = "bluesky", "Bluesky"
        LINKEDIN = "linkedin", "LinkedIn"
        FACEBOOK = "facebook", "Facebook"
        INSTAGRAM = "instagram", "Instagram"
        X = "x", "X (Twitter)"
        YOUTUBE = "youtube", "YouTube"
        GITHUB = "github", "GitHub"
        OTHER = "other", "Other"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=16, choices=Kind, default=Kind.OTHER)
    url = WebAddressField("address")

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "url"], name="unique_organisation_link")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.url}"
