"""Every page type passes axe-core with no violation at all (any impact), on a desktop and on a
phone's width, signed in where the page needs it, and fetches nothing from another host."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings

from tests.pages import closed_submissions_page, every_page_type
from tests.support.axe import violations

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


def signed_in_context(browser, live_server, client, user, viewport):
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    host = urlsplit(live_server.url).hostname
    context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "domain": host,
                "path": "/",
            }
        ]
    )
    return context


@pytest.mark.parametrize(
    ("viewport", "language"),
    # A translated page too: German's long words on a phone's width.
    [(DESKTOP, ""), (PHONE, ""), (PHONE, "de")],
    ids=["desktop", "phone", "phone-de"],
)
def test_every_page_type_has_no_axe_violation(
    browser, live_server, client, user, viewport, language
):
    pages = every_page_type(user)
    anonymous = browser.new_context(base_url=live_server.url, viewport=viewport)
    member = signed_in_context(browser, live_server, client, user, viewport)
    found, elsewhere = {}, set()
    own_host = urlsplit(live_server.url).netloc
    try:
        for context in (anonymous, member):
            context.on(
                "request",
                lambda request: (
                    urlsplit(request.url).netloc not in {own_host, ""}
                    and elsewhere.add(request.url)
                ),
            )
        for page_type in [*pages, None]:
            if page_type is None:
                page_type = closed_submissions_page()
            context = member if page_type.signed_in else anonymous
            page = context.new_page()
            response = page.goto(f"/{language}{page_type.path}" if language else page_type.path)
            assert response.status == page_type.status, (page_type.name, response.status)
            problems = violations(page)
            if problems:
                found[f"{page_type.name} ({page_type.path})"] = problems
            if viewport is PHONE:
                # Readable on a phone: nothing wider than the screen.
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                if overflow > 0:
                    found.setdefault(f"{page_type.name} ({page_type.path})", []).append(
                        f"{overflow}px wider than the phone's screen"
                    )
            page.close()
    finally:
        anonymous.close()
        member.close()
    assert not found, "\n".join(f"{name}: {problems}" for name, problems in found.items())
    assert not elsewhere, sorted(elsewhere)
