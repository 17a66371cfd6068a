from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import ItemBase, TaggedItemBase

from core.fields import WebAddressField
from core.models import DirectoryRecord, NetworkTag
from core.search import SearchableQuerySet
from core.tagging import card_tag_names, tag_chips
from submissions.models import Submittable, SubmittableQuerySet


class OrganisationType(models.TextChoices):
    NON_PROFIT = "non-profit", _("Social enterprise, charity, foundation or other non-profit")
    FOR_PROFIT = "for-profit", _("For-profit business")
    ACADEMIA = "academia", _("Academia/Research organisation")
    GRASSROOTS = "grassroots", _("Grassroots organisation or community network")
    GOVERNMENT = "government", _("Government/public sector")


class OrganisationSize(models.TextChoices):
    S_0_5 = "0-5", _("0-5 people")
    S_6_10 = "6-10", _("6-10 people")
    S_11_25 = "11-25", _("11-25 people")
    S_26_50 = "26-50", _("26-50 people")
    S_51_100 = "51-100", _("51-100 people")
    S_101_500 = "101-500", _("101-500 people")
    S_501_1000 = "501-1000", _("501-1000 people")
    OVER_1000 = "over-1000", _("over-1000 people")


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
        # From a tag to its records (the map, the lists, the facets): read from the index alone.
        indexes = [models.Index(fields=["tag", "content_object"], name="org_topic_tag_idx")]


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
        # From a tag to its records (the map, the lists, the facets): read from the index alone.
        indexes = [models.Index(fields=["tag", "content_object"], name="org_network_tag_idx")]


class OrganisationQuerySet(SearchableQuerySet, SubmittableQuerySet):
    def for_listing(self):
        """Just what a card shows, its tag chips (names) in the same query."""
        return self.only(
            "slug", "name", "short_description", "language", "country", "region", "logo",
            "organisation_type",
        ).annotate(card_tags=card_tag_names(self.model))  # fmt: skip

    def for_profile(self):
        """The profile with its tag and network chips in the same query, and its links."""
        return self.annotate(
            tag_chips=tag_chips(self.model, "tags"),
            network_chips=tag_chips(self.model, "networks"),
        ).prefetch_related("links")


class Organisation(Submittable, DirectoryRecord):
    organisation_type = models.CharField(
        _("type of organisation"), max_length=16, choices=OrganisationType, blank=True
    )
    size = models.CharField(_("size"), max_length=16, choices=OrganisationSize, blank=True)
    address = models.TextField(_("address"), blank=True)

    tags = TaggableManager(
        _("tagged under"),
        through=TopicTaggedOrganisation,
        blank=True,
        related_name="organisations",
        help_text=_("Topics, separated by commas."),
    )
    networks = TaggableManager(
        _("networks we belong to"),
        through=NetworkTaggedOrganisation,
        blank=True,
        related_name="organisations",
        help_text=_("Networks, separated by commas (e.g. FabLab Network)."),
    )

    objects = OrganisationQuerySet.as_manager()

    tidied_fields = (*DirectoryRecord.tidied_fields, "address")

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "id"]
        permissions = [("moderate_organisation", "Can approve and reject organisations")]
        indexes = [
            # The directory lists published rows A–Z; each filter narrows that same scan.
            models.Index(fields=["status", "name", "id"], name="org_listing_idx"),
            models.Index(fields=["status", "country", "name"], name="org_country_idx"),
            models.Index(fields=["status", "organisation_type", "name"], name="org_type_idx"),
            models.Index(fields=["status", "size", "name"], name="org_size_idx"),
            models.Index(Upper("name"), name="org_name_upper_idx"),
            # The home page's "recently added".
            models.Index(fields=["status", "-created_at", "-id"], name="org_recent_idx"),
            # The map's counts by place (atlas/maps.py) from the index alone, not from the wide
            # rows: one small lookup per record a filter matches.
            models.Index(
                fields=["id"],
                include=["country", "region", "latitude", "longitude"],
                condition=models.Q(status="published"),
                name="org_published_place_idx",
            ),
        ]

    def clean(self):
        super().clean()
        if self.start_date and self.start_date > timezone.localdate():
            raise ValidationError({"start_date": _("The start date cannot be in the future.")})

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
        OTHER = "other", _("Other")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.OTHER)
    url = WebAddressField(_("address"))

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "url"], name="unique_organisation_link")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.url}"


class FacetCell(models.Model):
    """One cell of the organisation list's facet cube (organisations/cube.py): how many published
    organisations have this country, type and size, and this topic tag and network (0: counted
    once whatever their tags, or networks). Rebuilt in the background; read only while built
    from the data versions the list shows."""

    country = models.CharField(max_length=2, blank=True)
    organisation_type = models.CharField(max_length=16, blank=True)
    size = models.CharField(max_length=16, blank=True)
    tag = models.IntegerField(default=0)
    network = models.IntegerField(default=0)
    n = models.PositiveIntegerField()

    class Meta:
        indexes = [
            # Every read names the tag and the network (0 where unset): the rest is a few
            # thousand cells at most.
            models.Index(
                fields=["tag", "network", "country"],
                name="facetcell_lookup_idx",
                include=["organisation_type", "size", "n"],
            ),
            models.Index(
                fields=["network", "country"],
                name="facetcell_tags_idx",
                include=["tag", "organisation_type", "size", "n"],
            ),
        ]

    def __str__(self):
        return (
            f"{self.country or '–'} {self.organisation_type} {self.size} {self.tag}/{self.network}"
        )


class FacetCube(models.Model):
    """When the facet cube was last built, and from which data versions (core/versions.py)."""

    name = models.CharField(max_length=40, primary_key=True)
    versions = models.CharField(max_length=200)
    built_at = models.DateTimeField()
    seconds = models.FloatField()
    cells = models.PositiveIntegerField()

    def __str__(self):
        return f"{self.name} facet cube, built {self.built_at:%Y-%m-%d %H:%M}"
