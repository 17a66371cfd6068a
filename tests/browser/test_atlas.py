"""The network's force layout in Chromium: the script runs on the server's drawing, nodes can be
dragged, the keyboard moves between nodes from one tab stop, nothing comes from another host."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def network():
    """Two clusters: six organisations around two projects, and a pair sharing a third."""
    cities = [("Milan", 45.46, 9.19), ("Torino", 45.07, 7.69), ("Roma", 41.9, 12.5)]
    people = [
        OrganisationFactory(
            name=f"Maker {n}",
            country="IT",
            region=cities[n % 3][0],
            latitude=cities[n % 3][1],
            longitude=cities[n % 3][2],
        )
        for n in range(8)
    ]
    ProjectFactory(name="Making Sense", organisations=people[:4])
    ProjectFactory(name="Fab City", organisations=people[2:6])
    ProjectFactory(name="Open Farm", organisations=people[6:])
    return people


def positions(page):
    return page.eval_on_selector_all(
        "a.atlas__node",
        """links => links.map(a => {
            const shape = a.firstElementChild.nextElementSibling;
            return shape.tagName === "circle"
                ? [+shape.getAttribute("cx"), +shape.getAttribute("cy")]
                : [+shape.getAttribute("x"), +shape.getAttribute("y")];
        })""",
    )


def test_the_network_runs_the_force_layout_from_the_servers_drawing(
    page, live_server, axe, network
):
    own = urlsplit(live_server.url).netloc
    elsewhere = []
    page.on(
        "request",
        lambda request: urlsplit(request.url).netloc != own and elsewhere.append(request.url),
    )
    page.goto("/network/")
    drawn = page.locator("svg[data-network]")
    nodes = 11  # eight organisations, three projects
    assert drawn.locator("a.atlas__node").count() == nodes
    expect(drawn).to_have_attribute("data-force", "settled", timeout=20_000)
    assert page.locator("[data-network-hint]").is_visible()
    axe(page)

    # A node dragged moves, and its edges with it; the drag is no click on its link.
    before = positions(page)
    edges_before = drawn.locator(".atlas__edges").get_attribute("d")
    node = drawn.locator("a.atlas__node").first
    box = node.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 80, box["y"] + 60, steps=8)
    page.mouse.up()
    page.wait_for_timeout(300)
    assert page.url.endswith("/network/")
    assert positions(page)[0] != before[0]
    assert drawn.locator(".atlas__edges").get_attribute("d") != edges_before

    # One tab stop for the whole drawing; the arrow keys go from node to node.
    assert drawn.locator('a.atlas__node[tabindex="0"]').count() == 1
    drawn.locator('a.atlas__node[tabindex="0"]').focus()
    first = page.evaluate("document.activeElement.getAttribute('data-node')")
    for key in ("ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp", "End"):
        page.keyboard.press(key)
    last = page.evaluate("document.activeElement.getAttribute('data-node')")
    assert last == str(nodes - 1) != first
    assert drawn.locator('a.atlas__node[tabindex="0"]').count() == 1
    assert page.evaluate("document.activeElement.closest('svg') !== null")
    page.keyboard.press("Tab")  # out of the drawing at once
    assert page.evaluate("document.activeElement.closest('svg') === null")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.getAttribute('data-node')") == last
    page.keyboard.press("Enter")
    page.wait_for_url("**/projects/**")

    assert page.console_errors == []
    assert not elsewhere, elsewhere


def test_without_javascript_the_skip_link_leads_past_the_drawing(browser, live_server, network):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/network/")
    page.keyboard.press("Tab")  # the site's own skip link
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.className") == "atlas__skip":
            break
    assert page.evaluate("document.activeElement.textContent") == (
        "Skip the graph, go to the list of links"
    )
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "strongest-heading"
    # Every node is still a link, in the tab order.
    assert page.locator('a.atlas__node:not([tabindex="-1"])').count() == 11
    context.close()


def test_map_arcs_and_neighbourhoods_pass_axe_and_stay_on_the_site(page, live_server, axe, network):
    own = urlsplit(live_server.url).netloc
    elsewhere = []
    page.on(
        "request",
        lambda request: urlsplit(request.url).netloc != own and elsewhere.append(request.url),
    )
    page.goto("/map/?country=IT")
    assert page.locator(".atlas__arcs path").count() == 3  # Milan, Torino and Roma, pairwise
    assert page.locator("#pairs-table tbody tr").count() == 3
    axe(page)
    page.get_by_role("link", name="Hide the links between places").click()
    page.wait_for_url("**arcs=hide**")
    assert page.locator(".atlas__arcs").count() == 0
    for path in ("/organisations/", "/projects/"):
        page.goto(path)
        page.locator(".cards a").first.click()
        page.wait_for_load_state()
        assert page.locator(".neighbourhood svg a.atlas__node").count() >= 3
        axe(page)
    assert page.console_errors == []
    assert not elsewhere, elsewhere
