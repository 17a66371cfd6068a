import django_filters
from django.db.models import CharField, Count, Q, Value
from django_countries import countries

from core.filters import FacetedFilterSet, KeywordFilter
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
    country = django_filters.ChoiceFilter(choices=countries, empty_label="Any country")
    # Vocabulary slugs are matched as text: an unknown one lists nothing, and costs no query
    # to validate.
    focus = django_filters.CharFilter(label="DSI focus", method="filter_vocabulary")
    impact = django_filters.CharFilter(label="Area of impact", method="filter_vocabulary")
    technology = django_filters.CharFilter(label="Technology", method="filter_vocabulary")
    tag = django_filters.CharFilter(label="Tagged under", method="filter_tag")
    # The map's city circles link here: the region as written, whatever its case.
    region = django_filters.CharFilter(label="Region or city", method="filter_region")
    state = django_filters.ChoiceFilter(
        label="Live or closed", choices=ProjectState.choices, empty_label="Live or closed"
    )

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
        """For each filter value, how many results it gives together with the other filters."""
        active = self.active
        # Countries and live/closed in one pass: each count applies the other's filter.
        state_q = Q(state=active["state"]) if "state" in active else Q()
        by_country, by_state = {}, dict.fromkeys(ProjectState.values, 0)
        rows = (
            self.queryset_without("country", "state")
            .order_by()
            .values_list("country")
            .annotate(
                n=Count("id", filter=state_q),
                **{state: Count("id", filter=Q(state=state)) for state in ProjectState.values},
            )
        )
        for country, n, *states in rows:
            if country and n:
                by_country[country] = n
            if "country" not in active or country == active["country"]:
                for state, count in zip(ProjectState.values, states, strict=True):
                    by_state[state] += count
        tags = top_links(self.queryset_without("tag"), TopicTaggedProject, TOP_TAGS)
        return {
            "country": sorted(
                ((code, countries.name(code), n) for code, n in by_country.items()),
                key=lambda item: item[1],
            ),
            "state": [(value, label, by_state[value]) for value, label in ProjectState.choices],
            "tag": tags,
            **self.vocabulary_facets(),
        }

    def vocabulary_facets(self):
        """Every entry of the three vocabularies with its count, in one query (a UNION)."""
        parts = []
        for name, (model, _field) in VOCABULARIES.items():
            within = self.queryset_without(name).values("pk")
            parts.append(
                model.objects.order_by()
                .annotate(
                    facet=Value(name, output_field=CharField()),
                    n=Count("projects", filter=Q(projects__in=within)),
                )
                .values_list("facet", "slug", "name", "position", "n")
            )
        rows = parts[0].union(*parts[1:], all=True)
        facets = {name: [] for name in VOCABULARIES}
        # By vocabulary, then in DESIGN.md's order (position).
        for facet, slug, label, _position, n in sorted(rows, key=lambda r: (r[0], r[3], r[2])):
            facets[facet].append((slug, label, n))
        return facets
