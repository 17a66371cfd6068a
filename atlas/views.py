from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _

from atlas import geography, maps, network
from atlas.directory import COMMON, KINDS, kind_of
from atlas.tasks import lay_out_network
from core.http import conditional_on

# Circle sizes, as a share of the width of the map they are drawn on.
COUNTRY_R = 0.035
PLACE_R = 0.02
WORLD_R = 0.02


def kind_param(kind):
    """?kind= of a link: none for organisations, the default."""
    return "" if kind.name == "organisations" else kind.name


def switch_links(request, current):
    """Organisations | Projects, keeping the filters both lists read."""
    kept = {k: request.GET[k] for k in COMMON if request.GET.get(k)}
    links = []
    for kind in KINDS.values():
        params = {**kept, "kind": kind_param(kind)}
        links.append((kind, maps.list_link(request.path, params), kind is current))
    return links


@conditional_on("organisations", "projects", "tags")
def map_view(request):
    kind = kind_of(request)
    filters = kind.filters(request)
    active = filters.active
    counts = maps.grouped_counts(filters)
    list_url = kind.list_url()
    chosen = geography.countries().get(active.get("country", ""))
    if chosen:
        # A copy named in the page's language (the shapes file's names are English).
        chosen = {**chosen, "name": maps.country_name(active["country"], chosen)}

    main_box = tuple(chosen["box"]) if chosen else geography.EUROPE_BOX
    main_width = max(main_box[2], main_box[3] * 1.4)
    countries = maps.country_circles(counts, list_url, active, geography.EUROPE_BOX[2] * COUNTRY_R)
    places = maps.place_circles(counts, list_url, active, main_width * PLACE_R)
    if chosen:
        # The country alone, its places drawn: no circle for the country hides them.
        on_main = [c for c in places if c.drawn]
        world = []
    else:
        on_main = [c for c in countries if maps.in_box(c, geography.EUROPE_BOX)]
        everywhere = maps.country_circles(
            counts, list_url, active, geography.WORLD_BOX[2] * WORLD_R
        )
        world = [c for c in everywhere if c.drawn and not maps.in_box(c, geography.EUROPE_BOX)]
    # At a country's scale, for organisations: arcs between the places sharing projects.
    arcs, pairs = [], []
    has_arcs = bool(chosen) and kind.name == "organisations"
    too_many_for_arcs = has_arcs and counts["total"] > maps.ARC_LIMIT
    has_arcs = has_arcs and not too_many_for_arcs
    show_arcs = has_arcs and request.GET.get("arcs") != "hide"
    if has_arcs:
        arcs, pairs = maps.arcs(maps.place_pairs(filters), places)
    context = {
        "kind": kind,
        "switch": switch_links(request, kind),
        "filters": active,
        "counts": counts,
        "countries": countries,
        "places": places,
        "on_main": on_main,
        "world": world,
        "chosen": chosen,
        "has_arcs": has_arcs,
        "too_many_for_arcs": too_many_for_arcs,
        "arc_limit": maps.ARC_LIMIT,
        "show_arcs": show_arcs,
        "arcs": arcs if show_arcs else [],
        "pairs": pairs[: maps.TABLE_ARCS],
        "more_pairs": max(0, len(pairs) - maps.TABLE_ARCS),
        "main_view_box": geography.view_box(main_box, pad=0.05, aspect=1.4),
        "world_view_box": geography.view_box(geography.WORLD_BOX),
        "shapes_url": static(geography.SHAPES_FILE),
        "list_url": maps.list_link(list_url, active),
        "network_url": maps.list_link(
            reverse("atlas:network"), {**active, "kind": kind_param(kind)}
        ),
        "label_size": round(geography.EUROPE_BOX[2] * 0.014),
        "place_label_size": round(main_width * 0.014),
        "world_label_size": round(geography.WORLD_BOX[2] * 0.012),
        "unplaced": counts["total"] - sum(c.count for c in countries),
        "heading": _("Map of %(things)s") % {"things": kind.many},
    }
    return render(request, "atlas/map.html", context)


@conditional_on("organisations", "projects", "tags")
def network_view(request):
    kind = kind_of(request)
    filters = kind.filters(request)
    everyone = request.GET.get("show") == "all"
    graph = network.graph_for(
        kind,
        filters,
        everyone,
        lambda: lay_out_network.delay_on_commit(kind.name, dict(request.GET.lists()), everyone),
    )
    context = {
        "kind": kind,
        "switch": switch_links(request, kind),
        "filters": filters.active,
        "everyone": everyone,
        "graph": graph,
        "list_url": maps.list_link(kind.list_url(), filters.active),
        "heading": _("Network of %(things)s") % {"things": kind.many},
    }
    response = render(request, "atlas/network.html", context)
    if graph.stale or graph.positions is None:
        # Not the layout of these data versions: an ETag of its own, which the page's never
        # equals, so the browser gets the new layout as soon as the worker has made it.
        response["ETag"] = '"layout-pending"'
    return response
