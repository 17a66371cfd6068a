"""The map and the network on the real DSI4EU 2017 export: what they count and link is what the
database and the lists say, for the same filters."""

import json
import re
from collections import Counter, defaultdict
from html import unescape
from itertools import combinations
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count
from django.db.models.functions import Upper
from taggit.models import Tag

from core.models import NetworkTag
from organisations.filters import OrganisationFilter
from organisations.models import Organisation
from projects.filters import ProjectFilter
from projects.models import Project

# Beside the repository, or beside the folder of its git worktrees (/work/wt/<name>).
EXPORT = next(
    (
        folder / "shared/data/dsi4eu-2017"
        for folder in Path(settings.BASE_DIR).parents
        if (folder / "shared/data/dsi4eu-2017/organisations.json").exists()
    ),
    Path(settings.BASE_DIR).parent / "shared/data/dsi4eu-2017",
)
pytestmark = [
    pytest.mark.skipif(
        not (EXPORT / "organisations.json").exists(), reason=f"no DSI4EU export at {EXPORT}"
    ),
    pytest.mark.django_db,
]

# Filter sets of both lists, from none to several at once.
ORGANISATION_FILTERS = [
    {},
    {"country": "IT"},
    {"tag": "fablab"},
    {"country": "IT", "tag": "fablab"},
    {"type": "grassroots"},
    {"q": "open data"},
    {"network": "fablab-network", "size": "0-5"},
    {"country": "GB", "letter": "S"},
]
PROJECT_FILTERS = [
    {"kind": "projects"},
    {"kind": "projects", "focus": "open-data"},
    {"kind": "projects", "country": "ES", "state": "live"},
    {"kind": "projects", "technology": "open-data", "q": "city"},
]


@pytest.fixture(scope="module", autouse=True)
def dsi4eu(django_db_setup, django_db_blocker):
    """The real export, imported once for the module and removed after it."""
    with django_db_blocker.unblock():
        call_command(
            "import_dsi4eu",
            organisations=str(EXPORT / "organisations.json"),
            projects=str(EXPORT / "projects.json"),
            stdout=open("/dev/null", "w"),  # noqa: SIM115
        )
        yield
        Project.objects.all().delete()
        Organisation.objects.all().delete()
        Tag.objects.all().delete()
        NetworkTag.objects.all().delete()


def table_rows(content, table_id):
    """[(link, label, count)] of a table of the map."""
    table = re.search(rf'<table class="atlas__table" id="{table_id}">(.*?)</table>', content, re.S)
    assert table, table_id
    rows = re.findall(
        r'<tr><th scope="row"><a href="([^"]+)">([^<]+)</a></th><td class="numeric">([\d,]+)</td>',
        table.group(1),
    )
    return [(unescape(link), unescape(label), int(n.replace(",", ""))) for link, label, n in rows]


def svg_circles(content, group="atlas__countries"):
    """{link: count} of the circles drawn in the SVGs' groups of that class."""
    found = {}
    for block in re.findall(rf'<g class="{group}">(.*?)</g>', content, re.S):
        for link, title in re.findall(
            r'<a href="([^"]+)" class="atlas__circle"><title>([^<]+)</title>', block
        ):
            found[unescape(link)] = int(re.search(r": ([\d,]+) ", title).group(1).replace(",", ""))
    return found


def list_count(client, link):
    response = client.get(link)
    assert response.status_code == 200
    return response.context["page"].paginator.count


def results(params):
    """The list's results for these parameters, through the list's own filter set."""
    kind = "projects" if params.get("kind") == "projects" else "organisations"
    model, filterset = (
        (Project, ProjectFilter) if kind == "projects" else (Organisation, OrganisationFilter)
    )
    filters = {k: v for k, v in params.items() if k != "kind"}
    return filterset(filters, queryset=model.objects.published()).qs, f"/{kind}/", filters


def expected_by_country(client, params):
    """What the list finds, country by country, and its count as the list page says it."""
    qs, list_url, filters = results(params)
    counts = dict(qs.exclude(country="").order_by().values_list("country").annotate(n=Count("id")))
    return counts, list_count(client, list_url + "?" + urlencode(filters))


@pytest.mark.parametrize("params", ORGANISATION_FILTERS + PROJECT_FILTERS)
def test_counts_per_country_are_the_lists_and_the_table_is_the_svg(client, params):
    response = client.get("/map/", params)
    assert response.status_code == 200
    content = response.content.decode()
    expected, total = expected_by_country(client, params)
    assert response.context["counts"]["total"] == total

    rows = table_rows(content, "countries-table")
    if "country" not in params:  # a country alone is drawn as its places
        assert {link: n for link, _label, n in rows} == svg_circles(content) | {
            c.url: c.count for c in response.context["countries"] if not c.drawn
        }
    by_code = {}
    for link, _label, n in rows:
        code = re.search(r"country=([A-Z]{2})", link).group(1)
        by_code[code] = n
    assert by_code == expected
    # Every drawn country's shape is a link to the same list.
    for c in response.context["countries"]:
        if c.drawn:
            assert f'<a href="{c.url.replace("&", "&amp;")}" tabindex="-1">' in content


@pytest.mark.parametrize(
    "params", [{}, {"tag": "fablab"}, {"kind": "projects"}, {"type": "academia"}]
)
def test_links_land_on_the_list_of_the_same_number(client, params):
    response = client.get("/map/", params)
    rows = table_rows(response.content.decode(), "countries-table")
    assert rows
    for link, _label, n in rows[:12]:  # the largest
        assert list_count(client, link) == n, link
        for name, value in params.items():
            if name != "kind":
                assert f"{name}={value}" in link


@pytest.mark.parametrize(
    "params",
    [
        {"country": "GB"},
        {"country": "IT"},
        {"country": "ES", "kind": "projects"},
        {"country": "FR", "tag": "fablab"},
    ],
)
def test_counts_per_place_are_the_databases_and_lead_to_their_list(client, params):
    response = client.get("/map/", params)
    content = response.content.decode()
    qs, _list_url, _filters = results(params)
    expected = dict(
        qs.exclude(region="")
        .order_by()
        .annotate(place=Upper("region"))
        .values_list("place")
        .annotate(n=Count("id"))
    )
    rows = table_rows(content, "places-table")
    assert {label.upper(): n for _link, label, n in rows} == expected
    drawn = svg_circles(content, "atlas__places")
    assert drawn == {c.url: c.count for c in response.context["places"] if c.drawn}
    assert set(drawn) <= {link for link, _label, _n in rows}
    for link, _label, n in rows[:8]:
        assert list_count(client, link) == n, link


def expected_pairs(params):
    """{(place, place): projects} for the organisations of these filters: a published project
    counts once for each pair of places (upper-case regions) where some of its organisations are."""
    qs, _list_url, _filters = results(params)
    place_of = dict(
        qs.exclude(region="").order_by().annotate(place=Upper("region")).values_list("pk", "place")
    )
    places_of_project = defaultdict(set)
    for organisation, project in Project.organisations.through.objects.filter(
        organisation__in=list(place_of), project__status="published"
    ).values_list("organisation_id", "project_id"):
        places_of_project[project].add(place_of[organisation])
    pairs = Counter()
    for places in places_of_project.values():
        for a, b in combinations(sorted(places), 2):
            pairs[a, b] += 1
    return pairs


@pytest.mark.parametrize(
    "params",
    [{"country": "GB"}, {"country": "IT"}, {"country": "ES"}, {"country": "IT", "tag": "fablab"}],
)
def test_arcs_between_places_are_the_projects_their_organisations_share(client, params):
    expected = expected_pairs(params)
    if params == {"country": "GB"}:
        assert len(expected) > 20  # the case worth testing: many pairs, some sharing several
        assert max(expected.values()) > 2
    response = client.get("/map/", params)
    content = response.content.decode()
    context = response.context
    # The table: the strongest pairs, with the right numbers, and how many more there are.
    table = {(arc.a.place, arc.b.place): arc.count for arc in context["pairs"]}
    assert table.items() <= expected.items()
    assert (
        sorted(table.values(), reverse=True)
        == sorted(expected.values(), reverse=True)[: len(table)]
    )
    assert len(table) + context["more_pairs"] == len(expected)
    rows = re.findall(
        r'<tr><th scope="row"><a href="([^"]+)">[^<]+</a> and <a href="([^"]+)">[^<]+</a></th>'
        r'<td class="numeric">(\d+)</td>',
        content,
    )
    assert [int(n) for _a, _b, n in rows] == [arc.count for arc in context["pairs"]]
    for a, b, _n in rows[:5]:  # each place's link is its list
        assert list_count(client, unescape(a)) > 0 and list_count(client, unescape(b)) > 0
    # The drawing: an arc for every pair of drawn places, with its number in its title.
    drawn = {c.place for c in context["places"] if c.drawn}
    assert {(arc.a.place, arc.b.place): arc.count for arc in context["arcs"]} == {
        pair: n for pair, n in expected.items() if set(pair) <= drawn
    }
    titles = re.findall(r'<path d="M[^"]+" stroke-width="[\d.]+"><title>([^<]+)</title>', content)
    assert len(titles) == len(context["arcs"])
    for arc, title in zip(context["arcs"], titles, strict=True):
        assert unescape(title).endswith(f": {arc.count} shared project" + "s" * (arc.count > 1))


def export_links():
    organisations = json.loads((EXPORT / "organisations.json").read_text())
    return {
        (int(row["organisation_id"]), int(project))
        for row in organisations
        for project in row["linked_project_ids"]
    }


def graph_links(graph):
    legacy_o = dict(Organisation.objects.values_list("pk", "legacy_id"))
    legacy_p = dict(Project.objects.values_list("pk", "legacy_id"))
    return {(legacy_o[o], legacy_p[p]) for o, p in graph.links}


def test_the_network_has_exactly_the_links_of_the_data(client):
    links = export_links()
    by_project = defaultdict(set)
    for organisation, project in links:
        by_project[project].add(organisation)
    shared = {(o, p) for o, p in links if len(by_project[p]) > 1}

    graph = client.get("/network/").context["graph"]
    assert graph_links(graph) == shared
    in_shared = {o for o, _p in shared}
    legacy = dict(Organisation.objects.values_list("pk", "legacy_id"))
    assert {legacy[pk] for pk in graph.organisations} == in_shared
    assert graph.positions is not None and len(graph.positions) == graph.size

    everyone = client.get("/network/", {"show": "all"}).context["graph"]
    assert graph_links(everyone) == links
    # Organisations with no shared project appear only when asked for.
    alone = Organisation.objects.published().exclude(legacy_id__in=in_shared)  # spam is held back
    assert alone.exists()
    assert set(alone.values_list("pk", flat=True)) <= set(everyone.organisations)
    assert not set(alone.values_list("pk", flat=True)) & set(graph.organisations)


def test_every_node_of_the_network_links_to_its_profile(client):
    response = client.get("/network/", {"country": "GB"})
    content = response.content.decode()
    graph = response.context["graph"]
    assert graph.organisations
    for slug, _name in graph.organisations.values():
        assert (
            f'<a href="/organisations/{slug}/" class="atlas__node atlas__node--organisation">'
            in content
        )
    for slug, _name in graph.projects.values():
        assert f'<a href="/projects/{slug}/" class="atlas__node atlas__node--project">' in content
    # Only British organisations, each sharing a project with another British one.
    assert set(
        Organisation.objects.filter(pk__in=graph.organisations).values_list("country", flat=True)
    ) == {"GB"}


def test_strongest_links_are_the_pairs_sharing_most_projects(client):
    graph = client.get("/network/").context["graph"]
    links = export_links()
    by_project = defaultdict(set)
    for organisation, project in links:
        by_project[project].add(organisation)
    pairs = defaultdict(int)
    for organisations in by_project.values():
        for a in organisations:
            for b in organisations:
                if a < b:
                    pairs[a, b] += 1
    best = max(pairs.values())
    a, b, projects = graph.strongest[0]
    assert len(projects) == best
    counts = [len(projects) for _a, _b, projects in graph.strongest]
    assert counts == sorted(counts, reverse=True)


@pytest.mark.parametrize(
    "path",
    [
        "/map/",
        "/map/?country=GB",
        "/map/?country=GB&arcs=hide",
        "/map/?kind=projects&focus=open-data",
        "/network/",
        "/network/?show=all",
        "/network/?kind=projects&country=ES",
    ],
)
def test_query_count_is_fixed(client, django_assert_max_num_queries, path):
    with django_assert_max_num_queries(6):  # nothing cached yet
        assert client.get(path).status_code == 200
    with django_assert_max_num_queries(1):  # the data versions alone
        assert client.get(path + ("&" if "?" in path else "?") + "page=2").status_code == 200


def test_profiles_draw_exactly_their_projects_and_partners(client):
    """The busiest organisations small enough to be drawn whole (12 projects, 24 partners):
    their published projects and the published organisations sharing them, nothing else."""
    checked = 0
    for organisation in (
        Organisation.objects.published().annotate(n=Count("projects")).order_by("-n", "name")[:40]
    ):
        projects = set(organisation.published_projects().values_list("slug", flat=True))
        partners = set(organisation.partners().values_list("slug", flat=True))
        if not partners or len(projects) > 12 or len(partners) > 24:
            continue
        content = client.get(organisation.get_absolute_url()).content.decode()
        section = content[content.index('class="related neighbourhood"') :]
        section = section[: section.index("</section>")]
        drawn = set(re.findall(r'<a href="/(\w+)/([^/"]+)/" class="atlas__node', section))
        assert drawn == {("organisations", organisation.slug)} | {
            ("organisations", s) for s in partners
        } | {("projects", s) for s in projects}, organisation.slug
        assert "Not drawn" not in section
        checked += 1
    assert checked >= 10
