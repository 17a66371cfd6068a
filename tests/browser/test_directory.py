import re

import pytest
from playwright.sync_api import expect

from demo.showcase import seed_organisations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def showcase():
    seed_organisations()


def test_find_polifactory_by_filtering_on_italy(page, axe, showcase):
    page.goto("/")
    assert "digital social innovation" in page.title()
    axe(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Organisations").click()
    page.wait_for_url("**/organisations/")
    axe(page)

    # With JavaScript, htmx swaps the results in place and puts the filter in the URL.
    page.get_by_label("Country").select_option("IT")
    page.wait_for_url("**/organisations/?*country=IT*")
    results = page.locator(".cards")
    assert results.get_by_role("link", name="Polifactory").is_visible()
    assert results.get_by_role("link", name="Waag Futurelab").count() == 0

    results.get_by_role("link", name="Polifactory").click()
    page.wait_for_url("**/organisations/polifactory/")
    assert page.get_by_text("Polifactory is based in Italy").is_visible()
    assert page.get_by_text("FabLab Network").is_visible()
    axe(page)
    assert page.console_errors == []


def test_filters_work_without_javascript(browser, live_server, showcase):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/organisations/")
    page.get_by_label("Country").select_option("IT")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/organisations/?*country=IT*")
    assert page.locator(".cards").get_by_role("link", name="Polifactory").is_visible()
    context.close()


def test_keyboard_reaches_the_content_first(page, showcase):
    page.goto("/organisations/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_readable_on_a_phone(browser, live_server, axe, showcase):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 740})
    page = context.new_page()
    for url in ["/", "/organisations/", "/organisations/polifactory/"]:
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px"
    axe(page)
    context.close()


def test_htmx_never_writes_inline_style(page, showcase):
    """Issue 10: htmx's settle step copied `style` attributes, which the strict CSP refuses
    (a violation per swap). Configured to settle only classes and sizes, nothing is refused."""
    page.add_init_script(
        "window.cspViolations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.goto("/organisations/")
    settled = page.evaluate("htmx.config.attributesToSettle")
    assert "style" not in settled
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False
    page.get_by_label("Country").select_option("IT")
    page.wait_for_url("**/organisations/?*country=IT*")
    page.get_by_label("Search the directory").fill("poli")
    page.locator("#site-search-results a").first.wait_for()
    assert page.evaluate("window.cspViolations") == []
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


@pytest.mark.parametrize("width", [1280, 360])
def test_a_checkbox_and_its_label_share_one_line(new_page, width):
    """Issue 10: where `.field--checkbox` is used the label broke onto a line of its own."""
    page = new_page(viewport={"width": width, "height": 800})
    page.goto("/accounts/login/")
    field = page.locator(".field--checkbox").first
    # As long as the licence's label on the submission forms.
    field.locator("label").evaluate(
        "label => label.textContent = 'I confirm I may share this information and agree that "
        "it is published under the Creative Commons licence CC BY-NC-SA 4.0.'"
    )
    box = field.locator("input[type=checkbox]").bounding_box()
    label = field.locator("label").bounding_box()
    assert label["x"] > box["x"] + box["width"]  # beside it, not under it
    assert abs(label["y"] - box["y"]) < box["height"]


def test_pushed_addresses_carry_no_empty_parameters_and_the_title_follows(page, showcase):
    page.goto("/organisations/")
    page.get_by_label("Country").select_option("IT")
    page.wait_for_url("**/organisations/?*country=IT*")
    assert page.url.endswith("/organisations/?country=IT")  # no q=&type=&size=…
    expect(page).to_have_title(re.compile(r"^Organisations in Italy"))
    chip = page.locator(".filter-chip", has_text="in Italy")
    chip.get_by_role("link").click()
    expect(page).to_have_title(re.compile(r"^Organisations ·"))
    assert "country" not in page.url
