"""The admin signs in through allauth (its limits, its second factor); superusers can be held to
a second factor before any admin page."""

import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def current_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_the_admin_sign_in_page_is_allauths(client, staff_user):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    # A password posted to the admin's own form signs nobody in: it has no form any more.
    client.post("/admin/login/", {"username": staff_user.email, "password": PASSWORD})
    assert client.get("/admin/").status_code == 302


def test_guessing_passwords_for_the_admin_is_throttled(client, staff_user):
    blocked = 0
    for _ in range(12):
        response = client.post(
            reverse("account_login") + "?next=/admin/",
            {"login": staff_user.email, "password": "wrong"},
        )
        blocked += "Too many failed login attempts" in response.content.decode()
    assert blocked >= 6
    right = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": staff_user.email, "password": PASSWORD},
    )
    assert "Too many failed login attempts" in right.content.decode()
    assert client.get("/admin/").status_code == 302  # still not in


def test_a_superuser_without_a_second_factor_is_sent_to_set_one_up(client, staff_user, settings):
    settings.MFA_REQUIRED_FOR_SUPERUSERS = True
    client.force_login(staff_user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # Setting one up asks for the password again first.
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(
        reverse("account_reauthenticate")
    )

    TOTP.activate(staff_user, generate_totp_secret())
    assert client.get("/admin/").status_code == 200


def test_without_the_setting_superusers_choose(client, staff_user, settings):
    settings.MFA_REQUIRED_FOR_SUPERUSERS = False
    client.force_login(staff_user)
    assert client.get("/admin/").status_code == 200


def test_signing_in_with_a_second_factor_asks_for_the_code(client, staff_user):
    EmailAddress.objects.create(
        user=staff_user, email=staff_user.email, verified=True, primary=True
    )
    secret = generate_totp_secret()
    TOTP.activate(staff_user, secret)
    response = client.post(
        reverse("account_login"), {"login": staff_user.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/admin/").status_code == 302  # the password alone is not enough
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert client.get("/admin/").status_code == 200
