"""Where things are drawn: the map's projection and the country shapes built from Natural Earth.

The shapes live in static/atlas/countries.svg (one <path id="IT"> per country, drawn by every
map through <use>), and what the server needs to know about them (a point for each country's
circle, the box to zoom to) in atlas/countries.json: both written by
`manage.py build_atlas_shapes` from the npm package world-atlas (static/atlas/README.md).

Map units: the world is WIDTH units wide (Miller cylindrical projection, 60°S to 84°N), in whole
units, so a path is short integers.
"""

import json
import math
from functools import cache
from pathlib import Path

WIDTH = 10000
NORTH, SOUTH = 84.0, -60.0
SCALE = WIDTH / (2 * math.pi)
SHAPES_FILE = "atlas/countries.svg"  # a static file
COUNTRIES_JSON = Path(__file__).with_name("countries.json")

# The map of Europe (the page's main map), in map units: 25°W to 45°E, 72°N to 34°N.
EUROPE = (-25.0, 34.0, 45.0, 72.0)


def _miller(latitude):
    phi = math.radians(max(SOUTH, min(NORTH, latitude)))
    return 1.25 * math.log(math.tan(math.pi / 4 + 0.4 * phi))


TOP = _miller(NORTH) * SCALE
HEIGHT = round(TOP - _miller(SOUTH) * SCALE)


def project(longitude, latitude):
    """(x, y) in map units of a place given in degrees."""
    x = (float(longitude) + 180) / 360 * WIDTH
    y = TOP - _miller(float(latitude)) * SCALE
    return x, y


def box_of(west, south, east, north):
    """(x, y, width, height) in map units of a box given in degrees."""
    x0, y0 = project(west, north)
    x1, y1 = project(east, south)
    return (x0, y0, x1 - x0, y1 - y0)


EUROPE_BOX = box_of(*EUROPE)
WORLD_BOX = (0.0, 0.0, float(WIDTH), float(HEIGHT))


@cache
def countries():
    """{alpha-2 code: {"name", "point": [x, y], "box": [x, y, w, h]}} of every shape."""
    return json.loads(COUNTRIES_JSON.read_text())


def view_box(box, pad=0.0, aspect=None):
    """An SVG viewBox string around `box`, padded by a share of its size, widened or heightened
    to `aspect` (width / height) so that the shape is centred."""
    x, y, w, h = box
    w, h = max(w, 1.0), max(h, 1.0)
    x, y, w, h = x - w * pad, y - h * pad, w * (1 + 2 * pad), h * (1 + 2 * pad)
    if aspect:
        if w / h < aspect:
            x -= (h * aspect - w) / 2
            w = h * aspect
        else:
            y -= (w / aspect - h) / 2
            h = w / aspect
    return f"{x:.0f} {y:.0f} {w:.0f} {h:.0f}"
