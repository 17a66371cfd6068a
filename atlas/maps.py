"""The map's numbers: how many records each country and each place (region or city) holds for
a set of list filters, counted by the database in one grouped query, cached under the data
versions like the lists' counts (core.listing.cached)."""

import math
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Avg, Count, Min
from django.db.models.functions import Upper
from django_countries import countries as country_names

from atlas import geography
from core.listing import cached

# Places drawn at most (the largest first): the rest are still counted in their country.
MAX_PLACES = 400


@dataclass
class Circle:
    code: str  # the country
    name: str
    count: int
    url: str
    x: float | None = None
    y: float | None = None
    r: float = 0.0
    region: str = ""

    @property
    def drawn(self):
        return self.x is not None


def grouped_counts(filters):
    """(by country [(code, n)], by place [(code, region, n, latitude, longitude)], total)."""

    def compute():
        results = filters.qs.order_by()
        by_country = list(results.values_list("country").annotate(n=Count("id")))
        by_place = list(
            results.exclude(country="")
            .exclude(region="")
            .annotate(place=Upper("region"))
            .values_list("country", "place")
            .annotate(label=Min("region"), n=Count("id"), lat=Avg("latitude"), lon=Avg("longitude"))
            .values_list("country", "label", "n", "lat", "lon")
            .order_by("-n", "country", "place")
        )
        return {
            "countries": [(code, n) for code, n in by_country if code],
            "places": by_place[:MAX_PLACES],
            "more_places": max(0, len(by_place) - MAX_PLACES),
            "total": sum(n for _code, n in by_country),
        }

    label = filters.queryset.model._meta.label
    return cached(("map", label, filters.active_key), filters.current_versions, compute)


def list_link(list_url, active, **changes):
    """The list with the same filters (and the changes): where a circle leads."""
    params = {k: v for k, v in active.items() if k != "page"} | changes
    params = {k: v for k, v in params.items() if v not in (None, "")}
    return list_url + ("?" + urlencode(params) if params else "")


def radius(count, largest, biggest_r):
    """Area in proportion to the count; never smaller than a fifth of the biggest."""
    if not largest:
        return 0.0
    return max(biggest_r / 5, biggest_r * math.sqrt(count / largest))


def country_circles(counts, list_url, active, biggest_r):
    shapes = geography.countries()
    circles = []
    largest = max((n for _code, n in counts["countries"]), default=0)
    for code, n in counts["countries"]:
        shape = shapes.get(code)
        circle = Circle(
            code=code,
            name=shape["name"] if shape else str(country_names.name(code) or code),
            count=n,
            url=list_link(list_url, active, country=code),
        )
        if shape:
            circle.x, circle.y = shape["point"]
            circle.r = radius(n, largest, biggest_r)
        circles.append(circle)
    # Largest first, so that small circles are drawn on top and stay reachable.
    return sorted(circles, key=lambda c: (-c.count, c.name))


def place_circles(counts, list_url, active, biggest_r):
    """A circle per region or city, at the mean of its records' coordinates: DSI4EU's are the
    city's centre, so that is all the precision there is. Places with no coordinates are only
    in the table."""
    shapes = geography.countries()
    largest = max((row[2] for row in counts["places"]), default=0)
    circles = []
    for code, label, n, lat, lon in counts["places"]:
        country = shapes.get(code, {}).get("name") or str(country_names.name(code) or code)
        circle = Circle(
            code=code,
            name=f"{label}, {country}",
            count=n,
            region=label,
            url=list_link(list_url, active, country=code, region=label),
        )
        if lat is not None and lon is not None:
            circle.x, circle.y = geography.project(lon, lat)
            circle.r = radius(n, largest, biggest_r)
        circles.append(circle)
    return circles


def in_box(circle, box):
    x, y, w, h = box
    return circle.drawn and x <= circle.x <= x + w and y <= circle.y <= y + h
