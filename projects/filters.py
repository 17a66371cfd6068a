import django_filters
from django.db.models import CharField, Count, Value
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from core.filters import CountryFilter, FacetedFilterSet, KeywordFilter
from core.languages import translated
from core.listing import top_links
from projects.models import (
    AreaOfImpact,
    DsiFocus,
    Project,
    ProjectState,
    Technology,
    TopicTaggedProject,
)

TOP_TAGS = 15

# Filter name → (vocabulary model, the Project field that links to it).
VOCABULARIES = {
    "focus": (DsiFocus, "focus"),
    "impact": (AreaOfImpact, "areas_of_impact"),
    "technology": (Technology, "technologies"),
}


class ProjectFilter(FacetedFilterSet):
    """The project list's filters. Values that are not valid are ignored, never an error page."""

    versions = ("projects", "tags")

    q = KeywordFilter()
    country = CountryFilter()
    # Vocabulary slugs are matched as text: an unknown one lists nothing, and costs no query
    # to validate.
    focus = django_filters.CharFilter(label=_("DSI focus"), method="filter_vocabulary")
    impact = django_filters.CharFilter(label=_("Area of impact"), method="filter_vocabulary")
    technology = django_filters.CharFilter(label=_("Technology"), method="filter_vocabulary")
    tag = django_filters.CharFilter(label=_("Tagged under"), method="filter_tag")
    # The map's city circles link here: the region as written, whatever its case.
    region = django_filters.CharFilter(label=_("Region or city"), method="filter_region")
    state = django_filters.ChoiceFilter(
        label=_("Live or closed"), choices=ProjectState.choices, empty_label=_("Live or closed")
    )

    # After the list's name: "Projects on open data in Italy".
    phrases = {
        "q": pgettext_lazy("list title: Projects matching “…”", "matching “%(value)s”"),
        "state": "· %(value)s",
        "focus": pgettext_lazy("list title: Projects on a DSI focus", "on %(value)s"),
        "impact": pgettext_lazy("list title: Projects for an area of impact", "for %(value)s"),
        "technology": pgettext_lazy("list title: Projects using a technology", "using %(value)s"),
        "country": pgettext_lazy("list title: Projects in a country", "in %(value)s"),
        "tag": pgettext_lazy("list title: Projects tagged …", "tagged %(value)s"),
    }

    class Meta:
        model = Project
        fields = []

    def filter_vocabulary(self, queryset, name, value):
        field = VOCABULARIES[name][1]
        return queryset.filter(**{f"{field}__slug": value[:100]})

    def filter_region(self, queryset, name, value):
        return queryset.filter(region__iexact=value[:120])

    def filter_tag(self, queryset, name, value):
        return queryset.filter(tags__slug=value[:100])

    def facets(self):
        """For each filter value, how many results it gives together with the other filters
        (each facet cached under those other filters: FacetedFilterSet.cached_facet)."""
        # Countries and live/closed from one count of their pairs: each applies the other's
        # filter only.
        pairs = self.cached_facet("country-state", {"country", "state"}, self.count_pairs)
        active = self.active
        by_country, by_state = {}, {}
        for (country, state), n in pairs.items():
            if country and active.get("state") in (None, state):
                by_country[country] = by_country.get(country, 0) + n
            if active.get("country") in (None, country):
                by_state[state] = by_state.get(state, 0) + n
        tags = self.cached_facet(
            "tag",
            {"tag"},
            lambda: top_links(self.queryset_without("tag"), TopicTaggedProject, TOP_TAGS),
        )
        return {
            "country": sorted(
                ((code, countries.name(code), n) for code, n in by_country.items()),
                key=lambda item: item[1],
            ),
            "state": [
                (value, label, by_state.get(value, 0)) for value, label in ProjectState.choices
            ],
            "tag": tags,
            **self.vocabulary_facets(),
        }

    def count_pairs(self):
        """{(country, state): count}, every filter but those two applied."""
        rows = (
            self.queryset_without("country", "state")
            .order_by()
            .values_list("country", "state")
            .annotate(n=Count("id"))
        )
        return {(country, state): n for country, state, n in rows}

    def vocabulary_facets(self):
        """Every entry of the three vocabularies with its count, in one query (a UNION): for
        each vocabulary its entries with 0, and the counts of the entries the results use.

        The counts join the links to the results (a semi-join, linear in the links). Counted
        as COUNT(…) FILTER (WHERE project IN (…)), the check ran per link against a list of
        every result once that list outgrew memory: past 20 s at 1,000,000 projects."""
        parts = []
        columns = ("facet", "slug", "name", "position", "n", "i18n")
        for name, (model, _field) in VOCABULARIES.items():
            within = self.queryset_without(name).values("pk")
            facet = Value(name, output_field=CharField())
            parts.append(
                model.objects.order_by().annotate(facet=facet, n=Value(0)).values_list(*columns)
            )
            parts.append(
                model.objects.order_by()
                .filter(projects__in=within)
                .annotate(facet=facet, n=Count("projects"))
                .values_list(*columns)
            )
        counts, entries = {}, {}
        for facet, slug, label, position, n, i18n in parts[0].union(*parts[1:], all=True):
            counts[facet, slug] = counts.get((facet, slug), 0) + n
            entries[facet, slug] = (position, label, i18n)
        facets = {name: [] for name in VOCABULARIES}
        # By vocabulary, then in DESIGN.md's order (position).
        for facet, slug in sorted(entries, key=lambda key: (key[0], *entries[key][:2])):
            _position, label, i18n = entries[facet, slug]
            facets[facet].append((slug, translated(label, i18n), counts[facet, slug]))
        return facets
