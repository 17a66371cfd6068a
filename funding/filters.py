import django_filters
from django.db import connection
from django.db.models import Count, Q, Value
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.filters import CountryFilter, FacetedFilterSet
from core.languages import translated
from core.listing import ids_sql, top_links
from funding.models import Opportunity, OpportunityType, TaggedOpportunity
from organisations.models import OrganisationType

TOP_TAGS = 15


def open_to(field, value):
    """Calls that name `value` among who can apply, or that name nobody (open to all)."""
    return Q(**{field: []}) | Q(**{f"{field}__contains": [value]})


class OpportunityFilter(FacetedFilterSet):
    """The funding lists' filters: type, country and type of organisation that may apply, tag.
    Values that are not valid are ignored, never an error page. `scope` says which list (open or
    closed, and the minute that splits them), so that each list's counts are cached apart."""

    versions = ("funding", "tags")
    in_default_order = False  # listed by closing date: deep pages use OFFSET

    type = django_filters.CharFilter(label=_("Type"), method="filter_type")
    country = CountryFilter(label=_("Open to applicants in"), method="filter_country")
    org_type = django_filters.ChoiceFilter(
        label=_("Open to"),
        choices=OrganisationType.choices,
        empty_label=_("Any type of organisation"),
        method="filter_org_type",
    )
    tag = django_filters.CharFilter(label=_("Tagged under"), method="filter_tag")

    class Meta:
        model = Opportunity
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, scope=None):
        super().__init__(data, queryset, request=request)
        self.scope = scope

    @property
    def active_key(self):
        """The active filters as (name, value) pairs, the list's scope first."""
        return (("scope", self.scope), *super().active_key)

    def filter_type(self, queryset, name, value):
        return queryset.filter(kind__slug=value[:100])

    def filter_country(self, queryset, name, value):
        return queryset.filter(open_to("eligible_countries", value))

    def filter_org_type(self, queryset, name, value):
        return queryset.filter(open_to("eligible_organisation_types", value))

    def filter_tag(self, queryset, name, value):
        return queryset.filter(tags__slug=value[:100])

    def facets(self):
        """Each facet counted under the other filters and cached under them
        (FacetedFilterSet.cached_facet); names are put in afterwards, in the visitor's
        language."""
        types = self.cached_facet("type", {"type"}, self.count_types)
        org_types = self.cached_facet("org_type", {"org_type"}, self.count_org_types)
        by_country = self.cached_facet("country", {"country"}, self.count_countries)
        everywhere = by_country.get("", 0)
        tags = self.cached_facet(
            "tag",
            {"tag"},
            lambda: top_links(self.queryset_without("tag"), TaggedOpportunity, TOP_TAGS),
        )
        return {
            "type": [(slug, translated(name, i18n), n) for slug, name, n, i18n in types],
            "country": [
                (code, name, by_country.get(code, 0) + everywhere)
                for code, name in countries
                if by_country.get(code, 0) + everywhere
            ],
            "org_type": [
                (value, label, org_types[value]) for value, label in OrganisationType.choices
            ],
            "tag": tags,
        }

    def count_types(self):
        """Every type with its count, in one query (a UNION): each type with 0, and the counts
        of the types the results have. The counts join the calls to the results (a
        semi-join): as COUNT(…) FILTER (WHERE call IN (…)) the check ran per call against a
        list of every result once that list outgrew memory."""
        within = self.queryset_without("type").values("pk")
        columns = ("position", "slug", "name", "i18n", "n")
        every = OpportunityType.objects.order_by().annotate(n=Value(0)).values_list(*columns)
        used = (
            OpportunityType.objects.order_by()
            .filter(opportunities__in=within)
            .annotate(n=Count("opportunities"))
            .values_list(*columns)
        )
        counts, types = {}, {}
        for position, slug, name, i18n, n in every.union(used, all=True):
            counts[slug] = counts.get(slug, 0) + n
            types[slug] = (position, name, i18n)
        return [
            (slug, types[slug][1], counts[slug], types[slug][2])
            for slug in sorted(types, key=lambda slug: types[slug][:2])
        ]

    def count_org_types(self):
        return (
            self.queryset_without("org_type")
            .order_by()
            .aggregate(
                **{
                    value: Count("id", filter=open_to("eligible_organisation_types", value))
                    for value in OrganisationType.values
                }
            )
        )

    def count_countries(self):
        """{code: calls naming it, "": calls open to every country}, in one query."""
        base_sql, params = ids_sql(self.queryset_without("country"))
        table = Opportunity._meta.db_table
        sql = f"""
            SELECT code, count(*) FROM {table} o, unnest(o.eligible_countries) AS code
             WHERE o.id IN ({base_sql}) GROUP BY code
            UNION ALL
            SELECT '', count(*) FROM {table} o
             WHERE o.id IN ({base_sql}) AND cardinality(o.eligible_countries) = 0
        """  # noqa: S608 - the table name comes from the model, values are parameters
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *params])
            return dict(cursor.fetchall())
