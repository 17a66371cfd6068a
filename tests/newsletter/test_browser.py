"""The sign-up form in headless Chromium: in place with htmx, by keyboard alone, and without
JavaScript. Uses the browser fixtures of tests/conftest.py."""

import pytest

from newsletter.models import Subscriber

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_footer_form_by_keyboard_with_htmx(page, axe):
    page.goto("/")
    page.evaluate("window.notReloaded = true")
    footer = page.locator("#newsletter-footer")

    # Keyboard only: focus the address, type a bad one, submit with Enter.
    footer.get_by_label("Email address").focus()
    page.keyboard.type("ada@")
    page.keyboard.press("Enter")
    summary = footer.locator(".error-summary")
    summary.wait_for()
    assert "Enter an email address in the correct format" in summary.inner_text()
    assert "Tick the box" in summary.inner_text()
    assert page.evaluate("window.notReloaded") is True  # swapped in place, no page load
    # The summary takes the focus, so a screen reader announces it; its links lead to fields.
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    field = footer.get_by_label("Email address")
    assert field.input_value() == "ada@"
    assert field.get_attribute("aria-invalid") == "true"
    axe(page)

    summary.get_by_role("link", name="Enter an email address in the correct format").click()
    assert page.evaluate("document.activeElement.id") == "newsletter-footer-email"
    field.fill("ada@example.org")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # tick the consent box
    assert footer.get_by_role("checkbox").is_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the Sign up button
    footer.get_by_text("Check your inbox").wait_for()
    assert page.evaluate("window.notReloaded") is True
    assert Subscriber.objects.get().source == "footer"
    # The home page's own form is untouched.
    assert page.locator("#newsletter-home form").count() == 1


def test_home_form_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/")
        home = page.locator("#newsletter-home")
        home.get_by_role("button", name="Sign up").click()
        page.wait_for_url("**/newsletter/")
        assert "There is a problem" in page.content()
        assert page.title().startswith("Error: ")
        main = page.locator("#newsletter-main")
        main.get_by_label("Email address").fill("grace@example.org")
        main.get_by_role("checkbox").check()
        main.get_by_role("button", name="Sign up").click()
        page.wait_for_url("**/newsletter/thanks/")
        assert page.locator("h1").inner_text() == "Check your inbox"
        assert Subscriber.objects.get().source == "home"
    finally:
        context.close()
