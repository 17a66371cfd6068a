import datetime
import re

import django_filters
from django import forms
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.filters import CountryFilter, FacetedFilterSet
from core.listing import top_links
from events.models import Attendance, Event, TaggedEvent

TOP_TAGS = 15

ONLINE_CHOICES = [
    ("online", _("Online (or both)")),
    ("in-person", _("In person (or both)")),
]
ONLINE_VALUES = {
    "online": [Attendance.ONLINE, Attendance.BOTH],
    "in-person": [Attendance.IN_PERSON, Attendance.BOTH],
}
_MONTH = re.compile(r"(\d{4})-(\d{2})")


class MonthField(forms.CharField):
    """A month as YYYY-MM ("2026-12"): anything else is not a month, and so not a filter."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        match = _MONTH.fullmatch(value.strip())
        if not match or not (1 <= int(match[2]) <= 12) or not (1900 <= int(match[1]) <= 9998):
            raise forms.ValidationError(_("Choose a month such as 2026-12."), code="invalid")
        return match[0]


class MonthFilter(django_filters.Filter):
    field_class = MonthField


def month_bounds(value):
    """The first moment of the month "YYYY-MM" and of the month after, in the site's zone."""
    year, month = (int(part) for part in value.split("-"))
    first = datetime.datetime(year, month, 1, tzinfo=timezone.get_current_timezone())
    after = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, after


def month_label(day):
    return formats.date_format(day, "YEAR_MONTH_FORMAT")


class EventFilter(FacetedFilterSet):
    """The event lists' filters: country, online or in person, tag, month. Values that are not
    valid are ignored, never an error page. `scope` says which list (upcoming or past, and the
    minute that splits them), so that each list's counts are cached apart."""

    versions = ("events", "tags", "organisations")
    # Listed by time, not by name: deep pages use OFFSET (events are few, next to organisations).
    in_default_order = False

    country = CountryFilter(label=_("Country"))
    online = django_filters.ChoiceFilter(
        label=_("Online or in person"),
        choices=ONLINE_CHOICES,
        empty_label=_("Online or in person"),
        method="filter_online",
    )
    tag = django_filters.CharFilter(label=_("Tagged under"), method="filter_tag")
    month = MonthFilter(label=_("Month"), method="filter_month")

    class Meta:
        model = Event
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, scope=None):
        super().__init__(data, queryset, request=request)
        self.scope = scope

    @property
    def active_key(self):
        """The active filters as (name, value) pairs, the list's scope first."""
        return (("scope", self.scope), *super().active_key)

    def filter_online(self, queryset, name, value):
        return queryset.filter(attendance__in=ONLINE_VALUES[value])

    def filter_tag(self, queryset, name, value):
        return queryset.filter(tags__slug=value[:100])

    def filter_month(self, queryset, name, value):
        first, after = month_bounds(value)
        return queryset.filter(starts_at__gte=first, starts_at__lt=after)

    def facets(self):
        """Each facet counted under the other filters and cached under them
        (FacetedFilterSet.cached_facet): ?country=IT&online=online and ?country=ES&online=online
        share one count of the countries."""
        by_country = self.cached_facet("country", {"country"}, self.count_countries)
        attendance = self.cached_facet("online", {"online"}, self.count_attendance)
        months = self.cached_facet("month", {"month"}, self.count_months)
        tags = self.cached_facet(
            "tag", {"tag"}, lambda: top_links(self.queryset_without("tag"), TaggedEvent, TOP_TAGS)
        )
        month_rows = [(m.strftime("%Y-%m"), month_label(m), n) for m, n in months]
        if self.scope and self.scope[0] == "past":
            month_rows.reverse()
        return {
            "country": sorted(
                ((code, countries.name(code), n) for code, n in by_country.items()),
                key=lambda item: item[1],
            ),
            "online": [(value, label, attendance[value]) for value, label in ONLINE_CHOICES],
            "month": month_rows,
            "tag": tags,
        }

    def count_countries(self):
        return dict(
            self.queryset_without("country")
            .exclude(country="")
            .order_by()
            .values_list("country")
            .annotate(n=Count("id"))
        )

    def count_attendance(self):
        return (
            self.queryset_without("online")
            .order_by()
            .aggregate(
                **{
                    value: Count("id", filter=Q(attendance__in=kinds))
                    for value, kinds in ONLINE_VALUES.items()
                }
            )
        )

    def count_months(self):
        return list(
            self.queryset_without("month")
            .order_by()
            .annotate(month=TruncMonth("starts_at"))
            .values_list("month")
            .annotate(n=Count("id"))
            .order_by("month")
        )
