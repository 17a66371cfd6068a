"""The map, the network and the atlas on other pages, on small made-up data."""

import json
import re
import time
from pathlib import Path

import pytest
from django.conf import settings

from atlas import geography, layout, neighbourhood
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partners():
    """Two Italian organisations sharing a project, a French one alone, a draft one."""
    milan = OrganisationFactory(name="Polifactory", country="IT", region="Milan", tags=["fablab"])
    turin = OrganisationFactory(name="Toolbox", country="IT", region="Torino", tags=["fablab"])
    alone = OrganisationFactory(name="Seul", country="FR", region="Paris")
    OrganisationFactory(name="Draft", country="IT", status="draft")
    shared = ProjectFactory(name="Making Sense", country="IT", organisations=[milan, turin])
    ProjectFactory(name="Solo", country="FR", organisations=[alone])
    return milan, turin, alone, shared


def test_map_counts_published_rows_per_country_and_links_to_the_list(client, partners):
    response = client.get("/map/")
    counts = {c.code: c.count for c in response.context["countries"]}
    assert counts == {"IT": 2, "FR": 1}
    content = response.content.decode()
    assert '<a href="/organisations/?country=IT" class="atlas__circle">' in content
    assert "<title>Italy: 2 organisations</title>" in content
    assert '<use href="/static/atlas/countries.svg#IT"/>' in content


def test_map_follows_the_list_filters_and_switches_to_projects(client, partners):
    response = client.get("/map/", {"tag": "fablab", "country": "IT"})
    assert [(c.region, c.count) for c in response.context["places"]] == [
        ("Milan", 1),
        ("Torino", 1),
    ]
    content = response.content.decode()
    assert "/organisations/?country=IT&amp;tag=fablab&amp;region=Milan" in content
    projects = client.get("/map/", {"kind": "projects", "tag": "fablab"})
    # The project list's filters: no project is tagged fablab.
    assert projects.context["counts"]["total"] == 0
    assert {c.code: c.count for c in client.get("/map/?kind=projects").context["countries"]} == {
        "IT": 1,
        "FR": 1,
    }


def test_region_filter_of_the_lists_ignores_case(client, partners):
    OrganisationFactory(country="IT", region="MILAN")
    response = client.get("/organisations/", {"country": "IT", "region": "milan"})
    assert response.context["page"].paginator.count == 2
    assert 'name="region" value="milan"' in response.content.decode()


def test_list_pages_link_to_the_map_and_network_of_their_filters(client, partners):
    content = client.get("/organisations/", {"country": "IT", "page": "1"}).content.decode()
    assert '<a href="/map/?country=IT">' in content
    assert '<a href="/network/?country=IT">' in content
    content = client.get("/projects/", {"focus": "open-data"}).content.decode()
    assert '<a href="/map/?focus=open-data&amp;kind=projects">' in content


def test_network_shows_only_organisations_that_share_a_project_unless_asked(client, partners):
    milan, turin, alone, shared = partners
    graph = client.get("/network/").context["graph"]
    assert set(graph.organisations) == {milan.pk, turin.pk}
    assert sorted(graph.links) == sorted([(milan.pk, shared.pk), (turin.pk, shared.pk)])
    assert graph.strongest == [(milan.pk, turin.pk, [(shared.slug, shared.name)])]
    everyone = client.get("/network/", {"show": "all"}).context["graph"]
    assert set(everyone.organisations) == {milan.pk, turin.pk, alone.pk}
    assert len(everyone.links) == 3
    # The project list's filters, the other way round: projects and their organisations.
    french = client.get("/network/", {"kind": "projects", "country": "FR", "show": "all"})
    assert set(french.context["graph"].organisations) == {alone.pk}


def test_network_with_nothing_shared_says_so(client):
    OrganisationFactory()
    response = client.get("/network/")
    assert response.status_code == 200
    assert "No shared projects" in response.content.decode()


def test_layout_is_deterministic_and_keeps_nodes_apart():
    nodes = [f"n{i}" for i in range(40)]
    edges = [(f"n{i}", f"n{i + 1}") for i in range(0, 30)] + [("n31", "n32"), ("n33", "n34")]
    first, unit = layout.force_layout(nodes, edges)
    assert layout.force_layout(nodes, edges) == (first, unit)
    assert set(first) == set(nodes)
    points = list(first.values())
    closest = min(
        ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
        for i, a in enumerate(points)
        for b in points[i + 1 :]
    )
    assert closest > unit * 0.2


def test_locator_maps_on_profiles(client, partners):
    milan, _turin, _alone, shared = partners
    milan.latitude, milan.longitude = 45.4642, 9.19
    milan.save()
    content = client.get(milan.get_absolute_url()).content.decode()
    assert '<use href="/static/atlas/countries.svg#IT" class="atlas__chosen"/>' in content
    x, y = geography.project(9.19, 45.4642)
    assert f'cx="{x:.0f}" cy="{y:.0f}"' in content
    assert '<a href="/map/?country=IT">Map of Italy</a>' in content
    content = client.get(shared.get_absolute_url()).content.decode()
    assert '<a href="/map/?kind=projects&amp;country=IT">' in content


def test_project_page_lists_the_other_projects_of_its_organisations(client, partners):
    milan, _turin, _alone, shared = partners
    other = ProjectFactory(name="Other work", organisations=[milan])
    ProjectFactory(name="Hidden work", organisations=[milan], status="draft")
    content = client.get(shared.get_absolute_url()).content.decode()
    assert f'Also involved with: <a href="{other.get_absolute_url()}">Other work</a>' in content
    assert "Hidden work" not in content


def test_shapes_file_and_facts_agree():
    svg = (Path(settings.BASE_DIR) / "static" / geography.SHAPES_FILE).read_text()
    ids = set(re.findall(r'<path id="([A-Z]{2})"', svg))
    facts = json.loads(geography.COUNTRIES_JSON.read_text())
    assert ids == set(facts)
    assert {"IT", "FR", "GB", "DE", "ES", "MT", "LU", "XK"} <= ids
    # Every circle sits inside the world, every zoom box has a size.
    for fact in facts.values():
        assert 0 <= fact["point"][0] <= geography.WIDTH
        assert fact["box"][2] > 0 and fact["box"][3] > 0
    assert "fill" not in svg and "style" not in svg


@pytest.mark.django_db(transaction=True)
def test_big_networks_are_laid_out_by_the_worker(client, partners, celery_worker, settings):
    settings.NETWORK_SYNC_WORK = -1  # every network goes to the worker
    first = client.get("/network/")
    assert first.context["graph"].positions is None
    assert "being laid out" in first.content.decode()
    assert "Strongest links" in first.content.decode()
    for _ in range(100):
        drawn = client.get("/network/")
        if drawn.context["graph"].positions and not drawn.context["graph"].stale:
            break
        time.sleep(0.1)
    assert drawn.context["graph"].positions
    assert not drawn.context["graph"].stale
    # The page without its layout never answered 304 to the browser that had it.
    assert first["ETag"] == '"layout-pending"'
    assert drawn["ETag"] != first["ETag"]
    again = client.get("/network/", headers={"If-None-Match": drawn["ETag"]})
    assert again.status_code == 304
    assert 'class="atlas__node atlas__node--organisation"' in drawn.content.decode()
    # A change: the last layout is shown, marked as such, while the worker lays out the new one.
    milan, turin, _alone, _shared = partners
    ProjectFactory(name="Second", organisations=[milan, turin])
    stale = client.get("/network/")
    assert stale.context["graph"].stale
    assert "is being laid out" in stale.content.decode()
    for _ in range(100):
        fresh = client.get("/network/")
        if not fresh.context["graph"].stale:
            break
        time.sleep(0.1)
    assert len(fresh.context["graph"].projects) == 2


GARBAGE = ["", "zz", "%00", "<script>", "-1", "9" * 40, "'", "IT'--", "é" * 300]


@pytest.mark.parametrize("path", ["/map/", "/network/"])
def test_garbage_in_the_project_filters_answers_a_page(client, partners, path):
    names = ["q", "country", "focus", "impact", "technology", "tag", "state", "region", "show"]
    for value in GARBAGE:
        query = {"kind": "projects"} | dict.fromkeys(names, value)
        assert client.get(path, query).status_code == 200, value


def test_network_page_gives_the_force_script_its_links(client, partners):
    """The force script reads the edges as pairs of node numbers, in the order of the nodes."""
    milan, turin, _alone, shared = partners
    response = client.get("/network/")
    content = response.content.decode()
    drawing = response.context["graph"].drawing
    nodes = re.findall(r'<a href="([^"]+)" class="atlas__node', content)
    pairs = re.search(r'data-links="([\d ]*)"', content).group(1).split()
    drawn = {(nodes[int(a)], nodes[int(b)]) for a, b in zip(pairs[::2], pairs[1::2], strict=True)}
    assert drawn == {
        (milan.get_absolute_url(), shared.get_absolute_url()),
        (turin.get_absolute_url(), shared.get_absolute_url()),
    }
    assert f'data-unit="{drawing.unit}"' in content
    # The scripts are this site's own files; the skip link leads past the drawing.
    for script in ("vendor/d3/d3-force.min.js", "vendor/d3/d3-timer.min.js", "js/network.js"):
        assert f'<script src="/static/{script}" defer></script>' in content
    assert '<a class="atlas__skip" href="#strongest-heading">' in content
    assert content.index('class="atlas__skip"') < content.index('class="atlas__network"')
    assert 'id="strongest-heading" tabindex="-1"' in content


def test_network_without_a_drawing_loads_no_force_script(client):
    OrganisationFactory()
    assert "d3-force" not in client.get("/network/").content.decode()


def test_vendored_d3_modules_are_the_npm_packages_own_files():
    root = Path(settings.BASE_DIR)
    versions = json.loads((root / "package.json").read_text())["devDependencies"]
    readme = (root / "static/vendor/d3/README.md").read_text()
    for module in ("d3-dispatch", "d3-quadtree", "d3-timer", "d3-force"):
        vendored = (root / "static/vendor/d3" / f"{module}.min.js").read_bytes()
        assert vendored.startswith(f"// https://d3js.org/{module}/ v{versions[module]} ".encode())
        assert f"| {module} | {versions[module]} | ISC" in readme
        package = root / "node_modules" / module / "dist" / f"{module}.min.js"
        if package.exists():  # after npm ci
            assert package.read_bytes() == vendored


def test_map_of_a_country_joins_places_that_share_projects_and_can_hide_them(client, partners):
    milan, turin, _alone, _shared = partners
    milan.latitude, milan.longitude = 45.4642, 9.19
    turin.latitude, turin.longitude = 45.0703, 7.6869
    milan.save()
    turin.save()
    ProjectFactory(name="Second", organisations=[milan, turin])
    ProjectFactory(name="Draft together", organisations=[milan, turin], status="draft")
    ProjectFactory(name="Milan alone", organisations=[milan])
    response = client.get("/map/", {"country": "IT"})
    content = response.content.decode()
    [arc] = response.context["arcs"]
    assert (arc.a.region, arc.b.region, arc.count) == ("Milan", "Torino", 2)
    assert '<g class="atlas__arcs" aria-hidden="true"><path d="M' in content
    assert "<title>Milan and Torino: 2 shared projects</title>" in content
    assert '<table class="atlas__table" id="pairs-table">' in content
    assert '<a href="?country=IT&amp;arcs=hide">Hide the links between places</a>' in content
    hidden = client.get("/map/", {"country": "IT", "arcs": "hide"})
    assert not hidden.context["arcs"]
    assert 'class="atlas__arcs"' not in hidden.content.decode()
    assert '<a href="?country=IT">Show the links' in hidden.content.decode()
    # The table stays: it is the drawing's equivalent, not the drawing.
    assert 'id="pairs-table"' in hidden.content.decode()
    # Not at the scale of Europe, nor for projects (their places share organisations instead).
    for query in ({}, {"country": "IT", "kind": "projects"}):
        other = client.get("/map/", query)
        assert not other.context["has_arcs"] and 'class="atlas__arcs"' not in str(other.content)
    # A filter the other place's organisation does not match: no pair.
    assert not client.get("/map/", {"country": "IT", "q": "Polifactory"}).context["pairs"]


def drawn_nodes(content):
    """{profile link} of the nodes of the neighbourhood drawing, and its edges as link pairs."""
    section = content[content.index('class="related neighbourhood"') :]
    section = section[: section.index("</section>")]
    return set(re.findall(r'<a href="([^"]+)" class="atlas__node', section)), section


def test_profile_draws_its_projects_and_the_partners_sharing_them(client, partners):
    milan, turin, alone, shared = partners
    third = OrganisationFactory(name="Third")
    other = ProjectFactory(name="Other work", organisations=[milan, third])
    ProjectFactory(name="Hidden", organisations=[milan, alone], status="draft")
    hidden = OrganisationFactory(name="Hidden partner", status="draft")
    with_draft = ProjectFactory(name="With a draft", organisations=[milan, hidden])
    ProjectFactory(name="Theirs only", organisations=[turin, third])  # three hops from Milan
    content = client.get(milan.get_absolute_url()).content.decode()
    nodes, section = drawn_nodes(content)
    assert nodes == {r.get_absolute_url() for r in (milan, turin, third, shared, other, with_draft)}
    assert (
        f'<a href="{milan.get_absolute_url()}" class="atlas__node atlas__node--organisation'
        ' atlas__node--centre" tabindex="-1">'
    ) in section
    # Out of the tab order: the lists above hold the same links.
    assert section.count('tabindex="-1"') == len(nodes)
    assert 'aria-hidden="true"' in section
    # A project alone with its centre is still drawn; an organisation with nobody is not.
    assert "neighbourhood" not in client.get(alone.get_absolute_url()).content.decode()


def test_project_page_draws_its_organisations_and_their_other_projects(client, partners):
    milan, turin, _alone, shared = partners
    other = ProjectFactory(name="Other work", organisations=[milan])
    both = ProjectFactory(name="Both", organisations=[milan, turin])
    ProjectFactory(name="Hidden", organisations=[turin], status="draft")
    content = client.get(shared.get_absolute_url()).content.decode()
    nodes, section = drawn_nodes(content)
    assert nodes == {r.get_absolute_url() for r in (milan, turin, shared, other, both)}
    assert 'atlas__node--project atlas__node--centre"' in section
    # Both organisations are joined to the project they share: five edges in all.
    assert re.search(r'class="atlas__edges" d="([^"]+)"', section).group(1).count("M") == 5


def test_neighbourhood_is_bounded_and_says_how_many_more(client):
    centre = OrganisationFactory(name="Busy")
    for n in range(15):
        ProjectFactory(name=f"Work {n:02d}", organisations=[centre, OrganisationFactory()])
    content = client.get(centre.get_absolute_url()).content.decode()
    nodes, section = drawn_nodes(content)
    assert len(nodes) == 1 + 12 + 12
    assert "Not drawn:" in section and "3 more projects and 3 more organisations." in section


def test_neighbourhood_is_laid_out_once_per_data_version(client, partners, monkeypatch):
    milan, _turin, _alone, shared = partners
    built = []
    real = neighbourhood.build_for_organisation
    monkeypatch.setattr(
        neighbourhood, "build_for_organisation", lambda *args: built.append(1) or real(*args)
    )
    first = drawn_nodes(client.get(milan.get_absolute_url()).content.decode())
    assert drawn_nodes(client.get(milan.get_absolute_url()).content.decode()) == first
    assert len(built) == 1
    newcomer = OrganisationFactory(name="Newcomer")
    shared.organisations.add(newcomer)
    nodes, _section = drawn_nodes(client.get(milan.get_absolute_url()).content.decode())
    assert newcomer.get_absolute_url() in nodes


def test_map_of_a_country_with_too_many_organisations_asks_for_a_filter(
    client, partners, monkeypatch
):
    from atlas import maps

    monkeypatch.setattr(maps, "ARC_LIMIT", 1)
    monkeypatch.setattr(maps, "place_pairs", lambda filters: pytest.fail("counted"))
    response = client.get("/map/", {"country": "IT"})
    content = response.content.decode()
    assert not response.context["pairs"] and 'class="atlas__arcs"' not in content
    assert "drawn for 1 organisations or fewer: add a filter" in content
    assert "Hide the links" not in content
