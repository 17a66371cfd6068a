import string

import django_filters
from django.db.models import Count
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from core.filters import CountryFilter, FacetedFilterSet, KeywordFilter
from core.listing import top_links
from organisations import cube
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
    country = CountryFilter()
    type = django_filters.ChoiceFilter(
        field_name="organisation_type",
        label=_("Type of organisation"),
        choices=OrganisationType.choices,
        empty_label=_("Any type"),
    )
    size = django_filters.ChoiceFilter(choices=OrganisationSize.choices, empty_label=_("Any size"))
    tag = django_filters.CharFilter(label=_("Tagged under"), method="filter_tag")
    network = django_filters.CharFilter(label=_("Network"), method="filter_network")
    # The map's city circles link here: the region as written, whatever its case.
    region = django_filters.CharFilter(label=_("Region or city"), method="filter_region")
    letter = django_filters.ChoiceFilter(
        label=_("First letter"), choices=[(c, c) for c in LETTERS], method="filter_letter"
    )

    # After the list's name: "Organisations in Italy tagged fablab".
    phrases = {
        "q": pgettext_lazy("list title: Organisations matching “…”", "matching “%(value)s”"),
        "type": pgettext_lazy(
            "list title: Organisations of the type “…”", "of the type “%(value)s”"
        ),
        "size": pgettext_lazy("list title: Organisations of 6-10 people", "of %(value)s"),
        "country": pgettext_lazy("list title: Organisations in a country", "in %(value)s"),
        "tag": pgettext_lazy("list title: Organisations tagged …", "tagged %(value)s"),
        "network": pgettext_lazy("list title: Organisations in a network", "in %(value)s"),
        "letter": pgettext_lazy(
            "list title: Organisations starting with a letter", "starting with %(value)s"
        ),
    }

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

    @cached_property
    def uses_cube(self):
        """The facet cube (organisations/cube.py) where it can answer: filters it holds, and
        built from the versions this list shows. Else False: live counts."""
        if not cube.holds(self.active) or self.current_versions is None:
            return False
        return cube.current(self.current_versions)

    def _count_and_facets(self):
        if not self.uses_cube:
            return super()._count_and_facets()
        return {"count": self.result_count(), "facets": self.facets(), "similar": False}

    def result_count(self):
        """How many results. From the cube: the cells of the chosen type and size among the
        pairs of type and size (counted under every other filter) add up to it, with no query
        of their own."""
        if not self.uses_cube:
            return super().result_count()
        pairs = self.cached_facet("type-size", {"type", "size"}, self.count_types_and_sizes)
        active = self.active
        return sum(
            n
            for (kind, size), n in pairs.items()
            if active.get("type") in (None, kind) and active.get("size") in (None, size)
        )

    def facets(self):
        """For each filter value, how many results it gives together with the other filters
        (each facet cached under those other filters: FacetedFilterSet.cached_facet), read from
        the facet cube where it can answer."""
        by_country = self.cached_facet("country", {"country"}, self.count_countries)
        # Type and size from one count of their pairs: each applies the other's filter only.
        pairs = self.cached_facet("type-size", {"type", "size"}, self.count_types_and_sizes)
        active = self.active
        by_type, by_size = {}, {}
        for (kind, size), n in pairs.items():
            if active.get("size") in (None, size):
                by_type[kind] = by_type.get(kind, 0) + n
            if active.get("type") in (None, kind):
                by_size[size] = by_size.get(size, 0) + n
        tags = self.cached_facet("tag", {"tag"}, lambda: self.top("tag", TopicTaggedOrganisation))
        networks = self.cached_facet(
            "network", {"network"}, lambda: self.top("network", NetworkTaggedOrganisation)
        )
        return {
            "country": sorted(
                ((code, countries.name(code), n) for code, n in by_country.items()),
                key=lambda item: item[1],
            ),
            "type": [
                (value, label, by_type.get(value, 0)) for value, label in OrganisationType.choices
            ],
            "size": [
                (value, label, by_size.get(value, 0)) for value, label in OrganisationSize.choices
            ],
            "tag": tags,
            "network": networks,
        }

    def others(self, *names):
        return {name: value for name, value in self.active.items() if name not in names}

    def top(self, name, link_model):
        if self.uses_cube:
            return cube.top(name, self.others(name), TOP_TAGS)
        return top_links(self.queryset_without(name), link_model, TOP_TAGS)

    def count_countries(self):
        if self.uses_cube:
            return cube.countries(self.others("country"))
        return dict(
            self.queryset_without("country")
            .exclude(country="")
            .order_by()
            .values_list("country")
            .annotate(n=Count("id"))
        )

    def count_types_and_sizes(self):
        """{(type, size): count}, every filter but those two applied."""
        if self.uses_cube:
            return cube.types_and_sizes(self.others("type", "size"))
        rows = (
            self.queryset_without("type", "size")
            .order_by()
            .values_list("organisation_type", "size")
            .annotate(n=Count("id"))
        )
        return {(kind, size): n for kind, size, n in rows}
