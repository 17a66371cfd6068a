"""The "Email me when new ones match" form in headless Chromium: opened from a filtered list by
keyboard, bad input answered at the field with what was typed kept, then the alert set up; axe
finds nothing on the open form, the error page or the answer."""

import pytest

from alerts.models import Alert
from tests.organisations.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_alert_from_a_filtered_list(page, axe):
    OrganisationFactory(name="Polifactory", country="IT", tags=["fablab"])
    page.goto("/organisations/?country=IT")
    summary = page.get_by_text("Email me when new ones match")
    summary.focus()
    page.keyboard.press("Enter")  # opens the <details>
    form = page.locator(".alert-signup form")
    form.get_by_label("Email address").wait_for()
    axe(page)

    form.get_by_label("Email address").fill("ada@")
    form.get_by_role("button", name="Set up the alert").click()
    page.locator(".error-summary").wait_for()
    assert "Enter an email address in the correct format" in page.inner_text(".error-summary")
    assert "Tick the box to agree to these emails" in page.inner_text(".error-summary")
    main = page.locator("main")
    assert main.get_by_label("Email address").input_value() == "ada@"
    assert "in Italy" in main.inner_text()
    axe(page)

    main.get_by_label("Email address").fill("ada@example.org")
    main.get_by_label("Daily").check()
    main.get_by_role("checkbox").check()
    main.get_by_role("button", name="Set up the alert").click()
    page.get_by_role("heading", name="Check your inbox").wait_for()
    axe(page)
    alert = Alert.objects.get()
    assert (alert.email, alert.filters, alert.frequency) == (
        "ada@example.org",
        {"country": "IT"},
        "daily",
    )
