"""The map's numbers: how many records each country and each place (region or city) holds for
a set of list filters, counted by the database in one grouped query, cached under the data
versions like the lists' counts (core.listing.cached)."""

import math
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Avg, Count, Min
from django.db.models.functions import Upper
from django_countries import countries as country_names

from atlas import geography
from core.listing import cached
from core.models import ModerationStatus
from core.versions import data_versions
from projects.models import Project

# Places drawn at most (the largest first): the rest are still counted in their country.
MAX_PLACES = 400
# Arcs drawn at most (the strongest first), and the pairs of places the table lists.
MAX_ARCS = 300
TABLE_ARCS = 25
# Organisations from which the pairs of places are not counted in a request (the query reads
# all their links: about a second at 10,000): the page asks for a narrower filter instead.
ARC_LIMIT = 3000
# Part of the cache keys: raise it when what grouped_counts() or place_pairs() cache changes.
FORMAT = 3


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
    place: str = ""  # the region as the database groups it: upper case

    @property
    def drawn(self):
        return self.x is not None


def grouped_counts(filters):
    """(by country [(code, n)], by place [(code, region, n, latitude, longitude, place)], total).

    One grouped query, by country and upper-case region (records without either included, in
    groups of their own): the countries' counts are the sums of their places'."""

    def compute():
        groups = list(
            filters.qs.order_by()
            .annotate(place=Upper("region"))
            .values_list("country", "place")
            .annotate(label=Min("region"), n=Count("id"), lat=Avg("latitude"), lon=Avg("longitude"))
            .values_list("country", "label", "n", "lat", "lon", "place")
            .order_by("-n", "country", "place")
        )
        by_country = {}
        for code, _label, n, _lat, _lon, _place in groups:
            by_country[code] = by_country.get(code, 0) + n
        by_place = [group for group in groups if group[0] and group[5]]
        return {
            "countries": sorted(
                ((code, n) for code, n in by_country.items() if code), key=lambda c: (-c[1], c[0])
            ),
            "places": by_place[:MAX_PLACES],
            "more_places": max(0, len(by_place) - MAX_PLACES),
            "total": sum(by_country.values()),
        }

    label = filters.queryset.model._meta.label
    return cached(("map", FORMAT, label, filters.active_key), filters.current_versions, compute)


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


def country_name(code, shape=None):
    """In the page's language (django-countries' catalogues), else the shapes file's English."""
    return str(country_names.name(code) or (shape or {}).get("name") or code)


def country_circles(counts, list_url, active, biggest_r):
    shapes = geography.countries()
    circles = []
    largest = max((n for _code, n in counts["countries"]), default=0)
    for code, n in counts["countries"]:
        shape = shapes.get(code)
        circle = Circle(
            code=code,
            name=country_name(code, shape),
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
    for code, label, n, lat, lon, place in counts["places"]:
        country = country_name(code, shapes.get(code))
        circle = Circle(
            code=code,
            name=f"{label}, {country}",
            count=n,
            region=label,
            place=place,
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


@dataclass
class Arc:
    """Two places whose organisations share projects: `count` projects have at least one of
    the chosen organisations in each."""

    a: Circle
    b: Circle
    count: int
    d: str = ""  # the SVG path, when both places are drawn
    width: float = 0.0  # its stroke, in pixels


Link = Project.organisations.through


def pairs_sql(chosen):
    """(sql, params) of the pairs of places of the organisations `chosen` (a queryset): those
    with a place, the distinct (project, country, place) of their published projects, that
    joined to itself within each country."""
    chosen = chosen.order_by().exclude(region="").annotate(place=Upper("region"))
    try:
        chosen, chosen_params = chosen.values_list("pk", "country", "place").query.sql_with_params()
    except EmptyResultSet:  # filters that can match nothing
        chosen, chosen_params = "SELECT NULL::bigint, NULL::text, NULL::text WHERE false", ()
    sql = f"""
        WITH chosen (id, country, place) AS ({chosen}),
        placed AS (
            SELECT DISTINCT link.project_id, chosen.country, chosen.place
              FROM {Link._meta.db_table} link
              JOIN chosen ON chosen.id = link.organisation_id
              JOIN {Project._meta.db_table} project
                ON project.id = link.project_id AND project.status = %s
        )
        SELECT a.country, a.place, b.place, count(*)
          FROM placed a
          JOIN placed b
            ON b.project_id = a.project_id AND b.country = a.country AND a.place < b.place
         GROUP BY a.country, a.place, b.place
         ORDER BY 4 DESC, 1, 2, 3
    """  # noqa: S608 - the table name is the model's own, the subqueries compiled
    return sql, [*chosen_params, ModerationStatus.PUBLISHED]


def place_pairs(filters):
    """[(place, place, shared projects)] of the filtered organisations in the chosen country,
    by the upper-case region (as grouped_counts() groups places), the pairs sharing most first:
    one grouped query on the link table, cached under the data versions."""
    country = filters.active.get("country")

    def compute(chosen):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(*pairs_sql(chosen))
                return cursor.fetchall()

        return run

    # The filters' versions and the projects': a project's links change the pairs.
    versions = data_versions(*filters.versions, "projects", request=filters.request)
    found = cached(("map-pairs", FORMAT, filters.active_key), versions, compute(filters.qs))
    return [(a, b, n) for code, a, b, n in found if code == country]


def arcs(pairs, places, biggest_width=6.0):
    """The arcs between drawn places (at most MAX_ARCS, the strongest), and every pair as Arcs
    (the table's), their places found among `places` (the country's place circles)."""
    by_place = {c.place: c for c in places}
    found = [
        Arc(by_place[a], by_place[b], n) for a, b, n in pairs if a in by_place and b in by_place
    ]
    largest = max((arc.count for arc in found), default=0)
    drawn = [arc for arc in found if arc.a.drawn and arc.b.drawn][:MAX_ARCS]
    for arc in drawn:
        (x1, y1), (x2, y2) = (arc.a.x, arc.a.y), (arc.b.x, arc.b.y)
        # A gentle curve: the control point a fifth of the distance off the middle.
        cx, cy = (x1 + x2) / 2 - (y2 - y1) / 5, (y1 + y2) / 2 + (x2 - x1) / 5
        arc.d = f"M{x1:.0f} {y1:.0f}Q{cx:.0f} {cy:.0f} {x2:.0f} {y2:.0f}"
        arc.width = round(1 + (biggest_width - 1) * math.sqrt(arc.count / largest), 1)
    return drawn, found
