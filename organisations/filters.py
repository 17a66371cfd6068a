import string

import django_filters
from django.db.models import Count, Q
from django_countries import countries

from core.filters import FacetedFilterSet, KeywordFilter
from core.listing import top_links
from organisations.models import (
    NetworkTaggedOrganisation,
    Organisation,
    OrganisationSize,
    OrganisationType,
    TopicTaggedOrganisation,
)

LETTERS = [*string.ascii_uppercase, "#"]
TOP_TAGS = 15


class OrganisationFilter(FacetedFilterSet):
    """The directory's filters. Values that are not valid are ignored, never an error page."""

    versions = ("organisations", "tags")

    q = KeywordFilter()
    country = django_filters.ChoiceFilter(choices=countries, empty_label="Any country")
    type = django_filters.ChoiceFilter(
        field_name="organisation_type",
        label="Type of organisation",
        choices=OrganisationType.choices,
        empty_label="Any type",
    )
    size = django_filters.ChoiceFilter(choices=OrganisationSize.choices, empty_label="Any size")
    tag = django_filters.CharFilter(label="Tagged under", method="filter_tag")
    network = django_filters.CharFilter(label="Network", method="filter_network")
    # The map's city circles link here: the region as written, whatever its case.
    region = django_filters.CharFilter(label="Region or city", method="filter_region")
    letter = django_filters.ChoiceFilter(
        label="First letter", choices=[(c, c) for c in LETTERS], method="filter_letter"
    )

    class Meta:
        model = Organisation
        fields = []

    def filter_tag(self, queryset, name, value):
        return queryset.filter(tags__slug=value[:100])

    def filter_network(self, queryset, name, value):
        return queryset.filter(networks__slug=value[:100])

    def filter_region(self, queryset, name, value):
        return queryset.filter(region__iexact=value[:120])

    def filter_letter(self, queryset, name, value):
        if value == "#":
            return queryset.exclude(name__iregex=r"^[a-z]")
        return queryset.filter(name__istartswith=value)

    def facets(self):
        """For each filter value, how many results it gives together with the other filters."""
        active = self.active
        by_country = dict(
            self.queryset_without("country")
            .exclude(country="")
            .order_by()
            .values_list("country")
            .annotate(n=Count("id"))
        )
        # Type and size in one pass: each count applies the other's filter but not its own.
        base = self.queryset_without("type", "size")
        type_q = Q(organisation_type=active["type"]) if "type" in active else Q()
        size_q = Q(size=active["size"]) if "size" in active else Q()
        aggregates = {
            f"type:{value}": Count("id", filter=Q(organisation_type=value) & size_q)
            for value in OrganisationType.values
        } | {
            f"size:{value}": Count("id", filter=Q(size=value) & type_q)
            for value in OrganisationSize.values
        }
        counts = base.order_by().aggregate(**aggregates)
        tags = top_links(self.queryset_without("tag"), TopicTaggedOrganisation, TOP_TAGS)
        networks = top_links(self.queryset_without("network"), NetworkTaggedOrganisation, TOP_TAGS)
        return {
            "country": sorted(
                ((code, countries.name(code), n) for code, n in by_country.items()),
                key=lambda item: item[1],
            ),
            "type": [
                (value, label, counts[f"type:{value}"]) for value, label in OrganisationType.choices
            ],
            "size": [
                (value, label, counts[f"size:{value}"]) for value, label in OrganisationSize.choices
            ],
            "tag": tags,
            "network": networks,
        }
