"""The site as gunicorn serves it with DEBUG off: uploaded images are served, safely, and the
server does not name itself."""

import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from django.conf import settings

from tests.support.servers import free_port, wait_for
from tests.uploads import image_bytes


@pytest.fixture(scope="module")
def production_site(tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    (media / "organisations" / "logos").mkdir(parents=True)
    (media / "organisations" / "logos" / "logo.png").write_bytes(image_bytes("PNG"))
    (media / "evil.html").write_text("<script>alert(1)</script>")
    port = free_port()
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_DEBUG": "false",
        "DJANGO_HTTPS": "false",
        "DJANGO_SECRET_KEY": "a-long-random-production-like-value-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_MEDIA_ROOT": str(media),
        "DJANGO_STATIC_FROM_FINDERS": "true",
        "DATABASE_URL": os.environ["DATABASE_URL"],
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "dsi_directory.wsgi", "--bind", f"127.0.0.1:{port}"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"

    def answers():
        try:
            urllib.request.urlopen(f"{base}/robots.txt", timeout=1)  # noqa: S310
            return True
        except OSError:
            return process.poll() is not None

    wait_for(answers, timeout=30, message="gunicorn to answer")
    assert process.poll() is None, process.stderr.read().decode()
    yield base
    process.terminate()
    process.wait(10)


def fetch(url):
    try:
        return urllib.request.urlopen(url, timeout=5)  # noqa: S310
    except urllib.error.HTTPError as error:
        return error


def test_an_uploaded_logo_is_served_with_debug_off(production_site):
    response = fetch(f"{production_site}/media/organisations/logos/logo.png")
    assert response.status == 200
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert response.read() == image_bytes("PNG")


def test_anything_else_in_media_is_a_download_never_a_page(production_site):
    response = fetch(f"{production_site}/media/evil.html")
    assert response.status == 200
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert response.headers["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize("path", ["../settings.py", "%2e%2e/%2e%2e/etc/passwd", "missing.png"])
def test_nothing_outside_media_and_nothing_missing(production_site, path):
    assert fetch(f"{production_site}/media/{path}").status in (400, 404)


def test_the_server_does_not_name_itself(production_site):
    response = fetch(f"{production_site}/robots.txt")
    assert response.status == 200
    assert "Server" not in response.headers
    assert "Permissions-Policy" in response.headers
