"""The API's interactive docs in Chromium: Swagger UI from our own static files, with nothing
requested from another host and no script or style blocked by the site's CSP."""

from urllib.parse import urlsplit

import pytest

from tests.organisations.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_page_loads_everything_from_our_host(page, live_server):
    OrganisationFactory(name="Polifactory", slug="polifactory")
    own = urlsplit(live_server.url).netloc
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/api/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=15_000)  # the operations, drawn
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/organisations" in [p.strip() for p in paths]
    elsewhere = [url for url in requested if urlsplit(url).netloc not in {own, ""}]
    assert elsewhere == []
    assert any(url.endswith("/api/openapi.json") for url in requested)
    assert page.console_errors == []  # a CSP violation shows here
