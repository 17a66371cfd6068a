"""The deployment contract: settings from the environment, safe defaults, security headers."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

MANAGE = [sys.executable, str(settings.BASE_DIR / "manage.py")]
PRODUCTION_ENV = {
    "PATH": os.environ["PATH"],
    "DJANGO_SECRET_KEY": "a-long-random-production-like-value-" + "x" * 40,
    "DJANGO_ALLOWED_HOSTS": "directory.example.org",
    "EMAIL_URL": "smtp://mail.example.org:25",
}


def run_manage(*args, env):
    return subprocess.run(
        [*MANAGE, *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_secret_key_is_a_clear_start_up_error():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


@pytest.mark.django_db
def test_security_headers_on_every_response(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000  # as in production (the suite speaks plain HTTP)
    for url in ["/", "/organisations/", "/no-such-page/"]:
        response = client.get(url, secure=True)
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Strict-Transport-Security"].startswith("max-age=31536000")
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp


def test_social_sign_in_appears_only_when_its_keys_are_set():
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print('github' in ' '.join(settings.INSTALLED_APPS), "
        "'google' in ' '.join(settings.INSTALLED_APPS))"
    )
    env = {**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "dsi_directory.settings"}
    without = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    assert without.stdout.split() == ["False", "False"]
    keyed = {**env, "GITHUB_CLIENT_ID": "id", "GITHUB_SECRET": "secret"}
    with_github = subprocess.run(
        [sys.executable, "-c", script],
        env=keyed,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    assert with_github.stdout.split() == ["True", "False"]
