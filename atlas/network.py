"""Who works with whom: organisations and the projects they share, as a graph laid out on the
server once per data version and set of filters.

Nodes are the organisations and projects the list filters give; a link joins an organisation to
a project it is involved with. By default only organisations that share a project (with another
organisation of the same filters) are drawn, with those projects; `everyone` adds the others.

A graph whose layout costs little (sync_work(): the sum of the squares of its connected parts'
sizes) is laid out in the request, in a tenth of a second; a bigger one by a Celery task,
while the page shows the last layout of the same filters (or the
list of the strongest links alone, the first time).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext

from atlas import layout
from core.listing import cache_key
from core.versions import data_versions
from organisations.models import Organisation
from projects.models import Project

VERSIONS = ("organisations", "projects", "tags")
STRONGEST = 50
LAYOUT_SECONDS = 24 * 3600
LAST_SECONDS = 30 * 24 * 3600
LOCK_SECONDS = 300
# Part of the cache keys: raise it when Graph or Drawing change, so no old pickle is read.
FORMAT = 3
Link = Project.organisations.through


def sync_work():
    """The most work (layout.work) done in a request: about a tenth of a second."""
    return getattr(settings, "NETWORK_SYNC_WORK", 100_000)


@dataclass
class Graph:
    organisations: dict = field(default_factory=dict)  # id → (slug, name)
    projects: dict = field(default_factory=dict)  # id → (slug, name)
    links: list = field(default_factory=list)  # [(organisation id, project id)]
    positions: dict | None = None  # "o12" / "p34" → (x, y); None while being laid out
    unit: float = 1.0  # the length of an ideal link in the layout
    drawing: "Drawing | None" = None  # what the page draws, made once with the layout
    stale: bool = False  # an older layout of the same filters, shown while a new one is made
    strongest: list = field(default_factory=list)  # [(a, b, [projects])] of organisations

    @property
    def size(self):
        return len(self.organisations) + len(self.projects)

    def nodes_and_edges(self):
        nodes = [f"o{pk}" for pk in self.organisations] + [f"p{pk}" for pk in self.projects]
        return nodes, [(f"o{o}", f"p{p}") for o, p in self.links]

    def work(self):
        nodes, edges = self.nodes_and_edges()
        index = {node: i for i, node in enumerate(nodes)}
        return layout.work(len(nodes), [(index[a], index[b]) for a, b in edges])


def links_of(kind, filters, everyone):
    """The graph's links [(organisation id, project id)], and its isolated organisations."""
    chosen = filters.qs.order_by().values("pk")
    pairs = Link.objects.filter(
        organisation__status="published", project__status="published"
    ).order_by()
    if kind.name == "organisations":
        pairs = pairs.filter(organisation__in=chosen)
    else:
        pairs = pairs.filter(project__in=chosen)
    pairs = list(pairs.values_list("organisation_id", "project_id"))
    by_project = defaultdict(set)
    for organisation, project in pairs:
        by_project[project].add(organisation)
    if not everyone:
        pairs = [(o, p) for o, p in pairs if len(by_project[p]) > 1]
    return sorted(set(pairs))


def strongest_links(pairs, names, project_names, limit=STRONGEST):
    """The pairs of organisations sharing the most projects, with those projects."""
    by_project = defaultdict(list)
    for organisation, project in pairs:
        by_project[project].append(organisation)
    shared = defaultdict(list)
    for project, organisations in by_project.items():
        for a, b in combinations(sorted(organisations), 2):
            shared[a, b].append(project)
    ranked = sorted(
        shared.items(), key=lambda item: (-len(item[1]), names[item[0][0]][1], names[item[0][1]][1])
    )
    return [
        (a, b, sorted(project_names[p] for p in projects)) for (a, b), projects in ranked[:limit]
    ]


def build(kind, filters, everyone):
    """The graph without its layout: three queries (links, organisations, projects)."""
    pairs = links_of(kind, filters, everyone)
    organisation_ids = {o for o, _p in pairs}
    if everyone and kind.name == "organisations":
        organisation_ids |= set(filters.qs.order_by().values_list("pk", flat=True))
    project_ids = {p for _o, p in pairs}
    if everyone and kind.name == "projects":
        project_ids |= set(filters.qs.order_by().values_list("pk", flat=True))
    graph = Graph(links=pairs)
    graph.organisations = {
        pk: (slug, name)
        for pk, slug, name in Organisation.objects.filter(pk__in=organisation_ids)
        .order_by("name", "pk")
        .values_list("pk", "slug", "name")
    }
    graph.projects = {
        pk: (slug, name)
        for pk, slug, name in Project.objects.filter(pk__in=project_ids)
        .order_by("name", "pk")
        .values_list("pk", "slug", "name")
    }
    graph.strongest = strongest_links(pairs, graph.organisations, graph.projects)
    return graph


def lay_out(graph):
    nodes, edges = graph.nodes_and_edges()
    graph.positions, graph.unit = layout.force_layout(nodes, edges)
    graph.drawing = drawing(graph)
    return graph


def keys(kind, filters, everyone, versions):
    # The language too: the drawing's hover texts are translated when it is made.
    parts = ("network", FORMAT, kind.name, filters.active_key, everyone, get_language())
    return cache_key(*parts, versions), cache_key(*parts, "last")


def graph_for(kind, filters, everyone, lay_out_later):
    """The laid-out graph of these filters: from the cache, laid out now when small, or the
    last layout while lay_out_later() has a task lay out the new one."""
    versions = data_versions(*VERSIONS, request=filters.request)
    key, last_key = keys(kind, filters, everyone, versions)
    graph = cache.get(key)
    if graph is not None:
        return graph
    graph = build(kind, filters, everyone)
    if graph.work() <= sync_work():
        lay_out(graph)
        cache.set_many({key: graph, last_key: graph}, LAYOUT_SECONDS)
        return graph
    if cache.add(key + ":lock", 1, LOCK_SECONDS):
        lay_out_later()
    last = cache.get(last_key)
    if last is not None:
        last.stale = True
        return last
    return graph  # no positions yet: the page shows the strongest links alone


def store_layout(kind, filters, everyone):
    """What the task does: build, lay out and cache the graph of these filters."""
    versions = data_versions(*VERSIONS)
    key, last_key = keys(kind, filters, everyone, versions)
    graph = lay_out(build(kind, filters, everyone))
    cache.set(key, graph, LAYOUT_SECONDS)
    cache.set(last_key, graph, LAST_SECONDS)
    cache.delete(key + ":lock")
    return graph.size


@dataclass
class Drawing:
    """What the template draws: nodes with their links and sizes, the edges as one path, and
    the nodes' markup, written once with the layout (escaped by format_html)."""

    nodes: list
    edges: str
    view_box: str
    markup: str = ""
    # The edges again for the force script (static/js/network.js): pairs of node numbers, in
    # the order the nodes are drawn, "0 5 1 5 …".
    links: str = ""
    unit: float = 1.0  # the length of an ideal link, in the drawing's units


NODE_MARKUP = {
    "organisation": '<a href="{url}" class="atlas__node atlas__node--organisation{centre}"'
    '{tabindex}><title>{title}</title><circle cx="{x}" cy="{y}" r="{r}"/></a>',
    "project": '<a href="{url}" class="atlas__node atlas__node--project{centre}"{tabindex}>'
    '<title>{title}</title><rect x="{left}" y="{top}" width="{side}" height="{side}"/></a>',
}
CENTRE = mark_safe(" atlas__node--centre")
UNFOCUSABLE = mark_safe(' tabindex="-1"')


def drawing(graph, centre=None, focusable=True):
    """The Drawing of a laid-out graph; `centre` (a node, "o12") is marked as such; with
    focusable=False the nodes are out of the tab order (where the same links are listed)."""
    if not graph.positions:
        return None
    degree = defaultdict(int)
    for o, p in graph.links:
        degree[f"o{o}"] += 1
        degree[f"p{p}"] += 1
    nodes = []
    for prefix, records, url_name in (
        ("o", graph.organisations, "organisations:detail"),
        ("p", graph.projects, "projects:detail"),
    ):
        for pk, (slug, name) in records.items():
            node = f"{prefix}{pk}"
            x, y = graph.positions[node]
            r = round(graph.unit * (0.25 + 0.04 * min(degree[node], 10)), 1)
            links = degree[node]
            if prefix == "o":
                what = ngettext(
                    "organisation, %(n)d project", "organisation, %(n)d projects", links
                )
            else:
                what = ngettext(
                    "project, %(n)d organisation", "project, %(n)d organisations", links
                )
            nodes.append(
                {
                    "id": node,
                    "kind": "organisation" if prefix == "o" else "project",
                    "title": f"{name} ({what % {'n': links}})",
                    "url": reverse(url_name, kwargs={"slug": slug}),
                    "name": name,
                    "links": degree[node],
                    "x": x,
                    "y": y,
                    "r": r,
                    "left": round(x - r * 0.9, 1),
                    "top": round(y - r * 0.9, 1),
                    "side": round(r * 1.8, 1),
                }
            )
    edges = "".join(
        "M{:.0f} {:.0f}L{:.0f} {:.0f}".format(*graph.positions[f"o{o}"], *graph.positions[f"p{p}"])
        for o, p in graph.links
    )
    number = {node["id"]: i for i, node in enumerate(nodes)}
    pairs = " ".join(f"{number[f'o{o}']} {number[f'p{p}']}" for o, p in graph.links)
    xs = [x for x, _y in graph.positions.values()]
    ys = [y for _x, y in graph.positions.values()]
    pad = graph.unit
    box = (min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad, max(ys) - min(ys) + 2 * pad)
    for node in nodes:
        node["centre"] = CENTRE if node["id"] == centre else ""
        node["tabindex"] = "" if focusable else UNFOCUSABLE
    markup = "".join(format_html(NODE_MARKUP[node["kind"]], **node) for node in nodes)
    return Drawing(
        nodes=nodes,
        edges=edges,
        view_box="{:.0f} {:.0f} {:.0f} {:.0f}".format(*box),
        markup=markup,
        links=pairs,
        unit=round(graph.unit, 2),
    )
