"""Signing in: strangers' guesses lock only themselves out, and Redis down locks nobody out."""

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from tests.support.servers import PrivateRedis

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
BLOCKED = "Too many failed login attempts"


def sign_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def from_address(ip):
    return Client(REMOTE_ADDR=ip)


def test_wrong_passwords_from_one_address_do_not_lock_the_owner_out(user):
    attacker = from_address("203.0.113.9")
    pages = [sign_in(attacker, user.email, "wrong").content.decode() for _ in range(6)]
    assert BLOCKED in pages[-1]
    assert BLOCKED in sign_in(attacker, user.email, PASSWORD).content.decode()
    owner = from_address("198.51.100.4")
    response = sign_in(owner, user.email, PASSWORD)
    assert response.status_code == 302  # signed in, from their own address


def test_many_addresses_together_still_hit_a_limit_per_account(user, settings):
    from accounts import adapters

    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "100/m/ip"}
    limit = adapters.FAILED_LOGINS_PER_ACCOUNT_HOUR
    adapters.FAILED_LOGINS_PER_ACCOUNT_HOUR = 8
    try:
        for n in range(8):
            sign_in(from_address(f"203.0.113.{n}"), user.email, "wrong")
        response = sign_in(from_address("198.51.100.4"), user.email, PASSWORD)
        assert BLOCKED in response.content.decode()
    finally:
        adapters.FAILED_LOGINS_PER_ACCOUNT_HOUR = limit


@pytest.mark.parametrize("password", ["short", "elevenchars"])
def test_passwords_under_twelve_characters_are_refused(client, password, django_user_model):
    response = client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": password, "password2": password},
    )
    assert "at least 12 characters" in response.content.decode()
    assert not django_user_model.objects.filter(email="new@example.org").exists()


@pytest.fixture
def redis_that_stops(settings):
    """The cache on a redis-server of the test's own, which the test then stops."""
    server = PrivateRedis().start()
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    caches._settings = None  # forget the connections built from the old setting
    yield server
    server.stop()
    caches._settings = None


def test_with_redis_down_people_sign_in_sign_up_and_reset_passwords(client, user, redis_that_stops):
    assert sign_in(client, user.email, PASSWORD).status_code == 302
    client.logout()
    redis_that_stops.stop()

    assert sign_in(client, user.email, PASSWORD).status_code == 302
    client.logout()
    signup = client.post(
        reverse("account_signup"),
        {"email": "newcomer@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert signup.status_code == 302
    reset = client.post(reverse("account_reset_password"), {"email": user.email})
    assert reset.status_code == 302


def test_the_429_page_says_when_to_try_again(client, user, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "reset_password": "1/m/ip"}
    client.post(reverse("account_reset_password"), {"email": user.email})
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 429
    assert response["Retry-After"] == "300"
    content = response.content.decode()
    assert "Too many attempts" in content and "5 minutes" in content
    assert "<footer" in content  # the site's layout
