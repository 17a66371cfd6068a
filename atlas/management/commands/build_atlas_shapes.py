"""Builds the map's country shapes from the npm package world-atlas (Natural Earth, 1:50m):

- static/atlas/countries.svg: every country as one projected, simplified <path id="IT">, in a
  <g id="world">, with no fill or stroke of its own (the maps style them through <use>);
- atlas/countries.json: per country, its name, the point its circle sits on and the box a map
  zooms to.

Run it again only when world-atlas or the projection changes (the files are committed):
    npm ci && .venv/bin/python manage.py build_atlas_shapes
"""

import json
import math
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django_countries import countries as country_names

from atlas import geography

SOURCE = "node_modules/world-atlas/countries-50m.json"
# Map units (the world is 10,000 wide): about half a pixel on the map of Europe.
TOLERANCE = 1.5
# Natural Earth shapes that have no ISO 3166 number.
UNNUMBERED = {"Kosovo": "XK"}
# Below the map's southern edge (60°S): left out.
LEFT_OUT = {"AQ"}


class Command(BaseCommand):
    help = "Build static/atlas/countries.svg and atlas/countries.json from world-atlas."

    def add_arguments(self, parser):
        parser.add_argument("--source", default=str(Path(settings.BASE_DIR) / SOURCE))

    def handle(self, *args, source, **options):
        topology = json.loads(Path(source).read_text())
        arcs = [simplify(arc) for arc in decode_arcs(topology)]
        paths, facts = [], {}
        for geometry in topology["objects"]["countries"]["geometries"]:
            polygons = polygons_of(geometry, arcs)
            if not polygons:
                continue
            code = code_of(geometry)
            if code in LEFT_OUT:
                continue
            d = "".join(ring_path(ring) for polygon in polygons for ring in polygon)
            paths.append(f'<path id="{code}" d="{d}"/>' if code else f'<path d="{d}"/>')
            if code:
                facts[code] = {
                    "name": str(country_names.name(code) or geometry["properties"]["name"]),
                    "point": label_point(polygons),
                    "box": zoom_box(polygons),
                }
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="0 0 {geography.WIDTH} {geography.HEIGHT}">'
            '<g id="world">' + "".join(paths) + "</g></svg>\n"
        )
        out = Path(settings.BASE_DIR) / "static" / geography.SHAPES_FILE
        out.write_text(svg)
        geography.COUNTRIES_JSON.write_text(
            json.dumps(dict(sorted(facts.items())), separators=(",", ":")) + "\n"
        )
        self.stdout.write(f"{out}: {len(paths)} shapes, {len(svg):,} bytes; {len(facts)} codes")


def code_of(geometry):
    number = geometry.get("id")
    if number is None:
        return UNNUMBERED.get(geometry["properties"]["name"])
    return country_names.alpha2(int(number)) or None


def decode_arcs(topology):
    """Every arc of the topology as a list of projected (x, y) points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append(geography.project(x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def simplify(points, tolerance=TOLERANCE):
    """Douglas–Peucker, keeping both ends (arcs are shared by neighbours: they still meet)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, None
        for i in range(first + 1, last):
            distance = segment_distance(points[i], points[first], points[last])
            if distance > worst:
                worst, index = distance, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def segment_distance(p, a, b):
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def polygons_of(geometry, arcs):
    """[[ring, …], …]: rings of whole-unit points, tiny ones dropped."""
    if geometry["type"] == "Polygon":
        shapes = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        shapes = geometry["arcs"]
    else:
        return []
    polygons = []
    for shape in shapes:
        rings = [r for r in (ring_of(indices, arcs) for indices in shape) if len(r) >= 3]
        if rings:
            polygons.append(rings)
    return polygons


def ring_of(indices, arcs):
    points = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    ring = []
    shift, last = 0, None
    for x, y in points:
        # A ring that crosses the 180th meridian (Russia, Fiji) goes on past the edge instead
        # of drawing a line across the whole world.
        if last is not None and abs(x + shift - last) > geography.WIDTH / 2:
            shift += geography.WIDTH if x + shift < last else -geography.WIDTH
        last = x + shift
        point = (round(last), round(y))
        if not ring or ring[-1] != point:
            ring.append(point)
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring.pop()
    return ring


def ring_path(ring):
    """M x y then relative steps: the shortest text for whole-unit points."""
    (x, y), parts = ring[0], [f"M{ring[0][0]} {ring[0][1]}l"]
    steps = []
    for px, py in ring[1:]:
        steps.append(f"{px - x} {py - y}")
        x, y = px, py
    return parts[0] + " ".join(steps).replace(" -", "-") + "z"


def area(ring):
    return (
        sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))
        / 2
    )


def bbox(ring):
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


def inside(point, ring):
    x, y = point
    result = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
            result = not result
    return result


def edge_distance(point, ring):
    return min(
        segment_distance(point, a, b) for a, b in zip(ring, ring[1:] + ring[:1], strict=True)
    )


def largest(polygons):
    return max(polygons, key=lambda polygon: abs(area(polygon[0])))[0]


def label_point(polygons):
    """Where the country's circle goes: inside its largest piece, well away from its coast
    (the best of a grid of candidates, so a crescent such as Croatia still holds it)."""
    ring = largest(polygons)
    x0, y0, x1, y1 = bbox(ring)
    best, best_distance = ((x0 + x1) / 2, (y0 + y1) / 2), -1.0
    steps = 16
    for i in range(steps + 1):
        for j in range(steps + 1):
            candidate = (x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * j / steps)
            if inside(candidate, ring):
                distance = edge_distance(candidate, ring)
                if distance > best_distance:
                    best, best_distance = candidate, distance
    return [round(best[0]), round(best[1])]


def zoom_box(polygons):
    """[x, y, w, h] of the largest piece and those near it (Northern Ireland with Great Britain,
    Corsica with France; not French Guiana)."""
    main = bbox(largest(polygons))
    reach = max(main[2] - main[0], main[3] - main[1])
    x0, y0, x1, y1 = main
    for polygon in polygons:
        a, b, c, d = bbox(polygon[0])
        gap = max(main[0] - c, a - main[2], main[1] - d, b - main[3], 0)
        if gap <= reach / 2:
            x0, y0, x1, y1 = min(x0, a), min(y0, b), max(x1, c), max(y1, d)
    return [x0, y0, x1 - x0, y1 - y0]
