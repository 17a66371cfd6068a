import django_filters
from django import forms
from django.db.models import CharField, Count, Q, Value
from django_countries import countries
from taggit.models import Tag

from core.filters import FacetedFilterSet
from projects.models import AreaOfImpact, DsiFocus, Project, ProjectState, Technology

TOP_TAGS = 15

# Filter name → (vocabulary model, the Project field that links to it).
VOCABULARIES = {
    "focus": (DsiFocus, "focus"),
    "impact": (AreaOfImpact, "areas_of_impact"),
    "technology": (Technology, "technologies"),
}


class ProjectFilter(FacetedFilterSet):
    """The project list's filters. Values that are not valid are ignored, never an error page."""

    q = django_filters.CharFilter(
        label="Keywords",
        method="filter_keywords",
        widget=forms.TextInput(attrs={"type": "search", "maxlength": 200}),
    )
    country = django_filters.ChoiceFilter(choices=countries, empty_label="Any country")
    # Vocabulary slugs are matched as text: an unknown one lists nothing, and costs no query
    # to validate.
    focus = django_filters.CharFilter(label="DSI focus", method="filter_vocabulary")
    impact = django_filters.CharFilter(label="Area of impact", method="filter_vocabulary")
    technology = django_filters.CharFilter(label="Technology", method="filter_vocabulary")
    tag = django_filters.CharFilter(label="Tagged under", method="filter_tag")
    state = django_filters.ChoiceFilter(
        label="Live or closed", choices=ProjectState.choices, empty_label="Live or closed"
    )

    class Meta:
        model = Project
        fields = []

    def filter_keywords(self, queryset, name, value):
        return queryset.matching(value[:200]) if value.strip() else queryset

    def filter_vocabulary(self, queryset, name, value):
        field = VOCABULARIES[name][1]
        return queryset.filter(**{f"{field}__slug": value[:100]})

    def filter_tag(self, queryset, name, value):
        return queryset.filter(tags__slug=value[:100])

    def facets(self):
        """For each filter value, how many results it gives together with the other filters."""
        by_country = dict(
            self.queryset_without("country")
            .exclude(country="")
            .order_by()
            .values_list("country")
            .annotate(n=Count("id"))
        )
        by_state = dict(
            self.queryset_without("state").order_by().values_list("state").annotate(n=Count("id"))
        )
        tags = (
            Tag.objects.filter(projects__in=self.queryset_without("tag"))
            .annotate(n=Count("id"))
            .order_by("-n", "name")[:TOP_TAGS]
        )
        return {
            "country": sorted(
                ((code, countries.name(code), n) for code, n in by_country.items()),
                key=lambda item: item[1],
            ),
            "state": [
                (value, label, by_state.get(value, 0)) for value, label in ProjectState.choices
            ],
            "tag": [(t.slug, t.name, t.n) for t in tags],
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
