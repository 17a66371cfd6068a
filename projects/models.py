from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Value
from django.db.models.functions import JSONObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.managers import TaggableManager
from taggit.models import ItemBase, TaggedItemBase

from core.fields import RichTextField, Translations
from core.models import DirectoryRecord, NetworkTag
from core.search import SearchableQuerySet
from core.tagging import card_tag_names, tag_chips
from organisations.models import Organisation
from submissions.models import Submittable, SubmittableQuerySet


class Vocabulary(models.Model):
    """A small list that staff curate in the admin; `position` keeps DESIGN.md's order."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        # In the visitor's language (its translations are in `i18n`), else the English.
        return self.name_i18n


class DsiFocus(Vocabulary):
    description = models.CharField(
        max_length=200, blank=True, help_text=_("One line, shown with the focus on project pages.")
    )
    i18n = Translations(fields=("name", "description"))

    class Meta(Vocabulary.Meta):
        verbose_name = _("DSI focus area")
        verbose_name_plural = _("DSI focus areas")


class AreaOfImpact(Vocabulary):
    i18n = Translations(fields=("name",))

    class Meta(Vocabulary.Meta):
        verbose_name = _("area of impact")
        verbose_name_plural = _("areas of impact")


class Technology(Vocabulary):
    i18n = Translations(fields=("name",))

    class Meta(Vocabulary.Meta):
        verbose_name = _("technology")
        verbose_name_plural = _("technologies")


class ProjectState(models.TextChoices):
    """Whether the work goes on: apart from moderation, which decides who may see it."""

    LIVE = "live", pgettext_lazy("project state", "Live")
    CLOSED = "closed", pgettext_lazy("project state", "Closed")
    # Nothing says whether the work goes on (no end date, nobody has said): shown as such,
    # never as "Live". Owners and staff set it.
    UNKNOWN = "unknown", _("Status unknown")


class TopicTaggedProject(TaggedItemBase):
    content_object = models.ForeignKey(
        "Project", on_delete=models.CASCADE, related_name="topic_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_project_topic")
        ]
        # From a tag to its records (the map, the lists, the facets): read from the index alone.
        indexes = [models.Index(fields=["tag", "content_object"], name="project_topic_tag_idx")]


class NetworkTaggedProject(ItemBase):
    tag = models.ForeignKey(NetworkTag, on_delete=models.CASCADE, related_name="project_items")
    content_object = models.ForeignKey(
        "Project", on_delete=models.CASCADE, related_name="network_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_project_network")
        ]
        # From a tag to its records (the map, the lists, the facets): read from the index alone.
        indexes = [models.Index(fields=["tag", "content_object"], name="project_network_tag_idx")]


# The other projects shown under each organisation on a project's page.
OTHER_PROJECTS = 10


class ProjectQuerySet(SearchableQuerySet, SubmittableQuerySet):
    def for_listing(self):
        """Just what a card shows, its tag chips (names) in the same query."""
        return self.only(
            "slug", "name", "short_description", "description", "language", "country", "region",
            "logo", "state",
        ).annotate(card_tags=card_tag_names(self.model))  # fmt: skip

    def for_profile(self):
        # Each organisation with its published projects (this one among them: the page leaves
        # it out), in the same query: a subquery per row, not a query per organisation.
        their_projects = (
            self.model.objects.published()
            .filter(organisations=OuterRef("pk"))
            .order_by("name", "id")
            .values(json=JSONObject(slug="slug", name="name"))[: OTHER_PROJECTS + 1]
        )
        involved = (
            Organisation.objects.published()
            .only("slug", "name", "short_description", "country", "region", "logo")
            .annotate(their_projects=ArraySubquery(their_projects))
            .order_by("name", "id")
        )
        # The three vocabularies come in one query: Project.prefetch_vocabularies().
        # Its tag and network chips in the project's own query (core.tagging.tag_chips).
        return self.annotate(
            tag_chips=tag_chips(self.model, "tags"),
            network_chips=tag_chips(self.model, "networks"),
        ).prefetch_related(models.Prefetch("organisations", queryset=involved))


class Project(Submittable, DirectoryRecord):
    social_impact = RichTextField(_("social impact"), blank=True)
    state = models.CharField(
        _("live or closed"),
        max_length=8,
        choices=ProjectState,
        default=ProjectState.UNKNOWN,
        help_text=_(
            "Whether the project still runs, if known; who may see it is set by the status."
        ),
    )
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty while ongoing.")
    )
    focus = models.ManyToManyField(
        DsiFocus, blank=True, related_name="projects", verbose_name=_("DSI focus areas")
    )
    areas_of_impact = models.ManyToManyField(
        AreaOfImpact, blank=True, related_name="projects", verbose_name=_("areas of impact")
    )
    technologies = models.ManyToManyField(
        Technology, blank=True, related_name="projects", verbose_name=_("technologies")
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        related_name="projects",
        blank=True,
        verbose_name=_("organisations involved"),
    )

    tags = TaggableManager(
        _("tagged under"),
        through=TopicTaggedProject,
        blank=True,
        related_name="projects",
        help_text=_("Topics, separated by commas."),
    )
    networks = TaggableManager(
        _("networks"),
        through=NetworkTaggedProject,
        blank=True,
        related_name="projects",
        help_text=_("Networks, separated by commas (e.g. FabLab Network)."),
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["name", "id"]
        permissions = [("moderate_project", "Can approve and reject projects")]
        indexes = [
            # The list shows published rows A–Z; each filter on a column narrows that same scan.
            models.Index(fields=["status", "name", "id"], name="project_listing_idx"),
            models.Index(fields=["status", "country", "name"], name="project_country_idx"),
            models.Index(fields=["status", "state", "name"], name="project_state_idx"),
            # The latest change: the version of the list's cached counts.
            models.Index(fields=["updated_at"], name="project_updated_idx"),
            # The map's counts by place (atlas/maps.py) from the index alone.
            models.Index(
                fields=["id"],
                include=["country", "region", "latitude", "longitude"],
                condition=models.Q(status="published"),
                name="project_published_place_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="project_ends_after_it_starts",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    # The vocabulary fields, in the order pages show them.
    vocabulary_fields = ("focus", "areas_of_impact", "technologies")

    def prefetch_vocabularies(self):
        """Its DSI focus areas, areas of impact and technologies in one query (a UNION), kept
        as if prefetched: project.focus.all() and the others then cost nothing."""
        parts = []
        for name in self.vocabulary_fields:
            model = self._meta.get_field(name).related_model
            description = F("description") if hasattr(model, "description") else Value("")
            parts.append(
                model.objects.filter(projects=self)
                .order_by()
                .annotate(field=Value(name), text=description)
                .values_list("field", "pk", "name", "slug", "position", "text", "i18n")
            )
        found = {name: [] for name in self.vocabulary_fields}
        rows = parts[0].union(*parts[1:], all=True)
        for name, pk, label, slug, position, text, i18n in rows:
            model = self._meta.get_field(name).related_model
            entry = model(pk=pk, name=label, slug=slug, position=position, i18n=i18n)
            if hasattr(model, "description"):
                entry.description = text
            found[name].append(entry)
        cache = self.__dict__.setdefault("_prefetched_objects_cache", {})
        for name, entries in found.items():
            entries.sort(key=lambda e: (e.position, e.name))
            queryset = getattr(self, name).all()
            queryset._result_cache = entries
            queryset._prefetch_done = True
            cache[name] = queryset

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    def other_projects_of(self, organisation):
        """The organisation's other published projects (as for_profile() fetched them)."""
        return [p for p in getattr(organisation, "their_projects", []) if p["slug"] != self.slug][
            :OTHER_PROJECTS
        ]

    @property
    def is_ongoing(self):
        return self.end_date is None
