"""Every page type passes the W3C Nu HTML Checker with no error.

The checker is npm's vnu-jar (package.json), run on Java: `make test` installs it, .ci/run
installs Java and npm where they are missing. All pages go through one run of the checker.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.pages import closed_submissions_page, every_page_type

pytestmark = pytest.mark.django_db

VNU = Path(__file__).resolve().parent.parent / "node_modules/vnu-jar/build/dist/vnu.jar"


def check_html(files):
    """{file name: [error messages]} from the Nu HTML Checker, for every file given."""
    if not shutil.which("java"):
        pytest.fail("Java is needed for the Nu HTML Checker (.ci/run installs it with apt)")
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: `make test` installs it with npm ci")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = {Path(f).name: [] for f in files}
    for message in messages:
        name = Path(message.get("url", "")).name
        where = f"line {message.get('lastLine', '?')}"
        errors.setdefault(name, []).append(f"{where}: {message['message']}")
    return errors


def test_every_page_type_has_no_html_error(client, user, tmp_path):
    pages = every_page_type(user)
    client.force_login(user)
    files = {}
    for number, page in enumerate([*pages, None]):
        if page is None:
            page = closed_submissions_page()
        response = client.get(page.path) if page.signed_in else anonymous_get(client, page.path)
        assert response.status_code == page.status, (page.name, response.status_code)
        assert response["Content-Type"].startswith("text/html"), page.name
        path = tmp_path / f"page-{number:02d}.html"
        path.write_bytes(response.content)
        files[path.name] = page
    errors = check_html(sorted(tmp_path.glob("*.html")))
    found = {
        f"{files[name].name} ({files[name].path})": messages
        for name, messages in errors.items()
        if messages
    }
    assert not found, json.dumps(found, indent=2, ensure_ascii=False)


def anonymous_get(client, path):
    """The page as a visitor who is not signed in sees it, without signing `client` out."""
    from django.test import Client

    return Client().get(path)


def test_the_checker_does_find_errors(tmp_path):
    """The check above can fail: a page with a known error is reported."""
    page = tmp_path / "broken.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head><body>'
        '<p hx-get="/">x</p><time datetime="2026-12-03T06:30:45.951337+00:00">x</time>'
        "</body></html>"
    )
    errors = check_html([page])["broken.html"]
    assert any("hx-get" in e for e in errors), errors
    assert any("datetime" in e for e in errors), errors


def test_moments_are_written_in_whole_seconds_and_dates_as_iso():
    from datetime import UTC, date, datetime

    from core.templatetags.directory import machine_time

    moment = datetime(2026, 12, 3, 6, 30, 45, 951337, tzinfo=UTC)
    assert machine_time(moment) == "2026-12-03T07:30:45+01:00"  # the site's time zone
    assert machine_time(date(2016, 3, 1)) == "2016-03-01"
    assert machine_time(None) == ""
