"""Search in a real browser: the header box's overlay (htmx), the keyboard, the results page."""

import pytest

from demo.showcase import seed_showcase

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADINGS = ["News & blogs", "Projects", "Organisations", "Case Studies", "Events", "Funding"]


@pytest.fixture
def showcase():
    seed_showcase()


def focused_inside(page, selector):
    return page.evaluate(
        "selector => document.querySelector(selector).contains(document.activeElement)", selector
    )


def test_type_see_the_overlay_then_the_full_page(page, axe, showcase):
    page.goto("/")
    box = page.get_by_role("searchbox", name="Search the directory")
    box.press_sequentially("fab", delay=40)
    panel = page.get_by_role("region", name="Search results as you type")
    panel.get_by_role("heading", name="Organisations").wait_for()
    headings = panel.get_by_role("heading").all_inner_texts()
    assert [h.split(" (")[0] for h in headings] == HEADINGS
    assert panel.get_by_role("link", name="Fab Lab Barcelona").is_visible()
    assert panel.locator("mark").first.inner_text().lower() == "fab"
    axe(page)

    # Tab reaches the overlay's links (after the Search button); Escape closes it and the focus
    # goes back to the box, with what was typed still there.
    box.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused_inside(page, "#site-search-results")
    page.keyboard.press("Escape")
    assert panel.locator("a").count() == 0
    assert not panel.is_visible()
    assert page.evaluate("document.activeElement.id") == "site-search-q"
    assert box.input_value() == "fab"

    # Typing again opens it again; Enter opens the full results page.
    box.press("Backspace")
    box.press_sequentially("b")
    panel.get_by_role("heading", name="Projects").wait_for()
    box.press("Enter")
    page.wait_for_url("**/search/?q=fab")
    assert page.title().startswith("Search results for “fab”")
    main = page.get_by_role("main")
    for heading in HEADINGS:
        assert main.get_by_role("heading", name=heading, level=2).is_visible()
    assert main.get_by_role("link", name="Fab Lab Barcelona").is_visible()
    assert main.locator("mark").first.inner_text().lower() == "fab"
    axe(page)

    tabs = page.get_by_role("navigation", name="Result types")
    tabs.get_by_role("link", name="Organisations").click()
    page.wait_for_url("**/search/?q=fab&type=organisations")
    current = tabs.locator("[aria-current=page]")
    assert current.inner_text().startswith("Organisations (")
    assert main.get_by_role("link", name="Fablab Torino").is_visible()
    assert main.get_by_role("link", name="Polifactory").is_visible()  # tagged fablab
    axe(page)
    assert page.console_errors == []


def test_the_overlay_stays_shut_under_two_characters(page, showcase):
    page.goto("/")
    box = page.get_by_role("searchbox", name="Search the directory")
    with page.expect_response("**/search/overlay/?q=f") as reply:
        box.press_sequentially("f")
    assert reply.value.status == 200
    assert page.locator("#site-search-results").inner_html() == ""
    assert not page.locator("#site-search-results").is_visible()


def test_search_works_without_javascript(new_page, showcase):
    page = new_page(java_script_enabled=False)
    page.goto("/organisations/")
    box = page.get_by_role("searchbox", name="Search the directory")
    box.fill("polifáctory")
    box.press("Enter")
    page.wait_for_url("**/search/?q=polif%C3%A1ctory")
    assert page.get_by_role("main").get_by_role("link", name="Polifactory").first.is_visible()
    page.get_by_role("navigation", name="Result types").get_by_role(
        "link", name="Organisations"
    ).click()
    page.wait_for_url("**/search/?q=*&type=organisations")
    assert page.get_by_role("main").get_by_role("link", name="Polifactory").is_visible()
