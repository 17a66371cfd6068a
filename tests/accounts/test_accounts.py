import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from PIL import Image

from mail.models import OutboundEmail
from mail.tasks import send_email
from tests.html import assert_no_live_script
from tests.organisations.factories import OrganisationFactory
from tests.uploads import image_bytes

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase 42"


def send_outbox():
    for email in OutboundEmail.objects.filter(sent_at__isnull=True):
        send_email(email.pk)


def test_sign_up_needs_a_verified_email(
    client, django_user_model, django_capture_on_commit_callbacks
):
    response = client.post(
        reverse("account_signup"),
        {"email": "New.Person@Example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = django_user_model.objects.get(email__iexact="new.person@example.org")
    # The verification email waits in the outbox; the request sent nothing itself.
    assert mail.outbox == []
    email = OutboundEmail.objects.get()
    assert email.to == ["new.person@example.org"]

    # Not verified yet: signing in asks for the verification first.
    client.logout()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")

    send_outbox()
    assert len(mail.outbox) == 1
    # The site is named, never "Hello from !" (there is no django.contrib.sites row to read).
    assert "Hello from DSI Directory!" in mail.outbox[0].body
    assert "Thank you for using DSI Directory!" in mail.outbox[0].body
    assert "from !" not in mail.outbox[0].body
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", mail.outbox[0].body)[1]
    assert client.get(link).status_code == 200  # a page with a button: GET changes nothing
    assert not user.emailaddress_set.get().verified
    client.post(link)
    assert user.emailaddress_set.get().verified
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_sign_up_with_bad_input_keeps_what_was_typed(client, django_user_model):
    response = client.post(
        reverse("account_signup"),
        {"email": "not-an-email<script>", "password1": "short", "password2": "other"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert 'value="not-an-email&lt;script&gt;"' in content
    assert_no_live_script(content)
    assert not django_user_model.objects.exists()


def test_failed_logins_are_rate_limited(client, user):
    pages = [
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
        for _ in range(6)
    ]
    blocked = "Too many failed login attempts"
    assert [blocked in page.content.decode() for page in pages] == [False] * 5 + [True]
    # Even the right password waits now: the limit counts in the shared (Redis) cache.
    right = client.post(
        reverse("account_login"), {"login": user.email, "password": "correct horse battery"}
    )
    assert blocked in right.content.decode()


def test_profile_needs_sign_in(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_profile_saves_good_input_and_reencodes_the_picture(client, user):
    client.force_login(user)
    upload = io.BytesIO(image_bytes("JPEG"))
    upload.name = "me.jpeg"
    response = client.post(
        reverse("accounts:profile"),
        {
            "name": "Ada",
            "bio": "Maker.",
            "location": "Milan, Italy",
            "website": "https://ada.example.org",
            "links": "https://github.com/ada\n\nhttps://mastodon.social/@ada",
            "avatar": upload,
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.name == "Ada"
    assert user.link_list == ["https://github.com/ada", "https://mastodon.social/@ada"]
    assert user.avatar.name.endswith(".jpg")
    with Image.open(user.avatar) as image:
        assert image.format == "JPEG"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("website", "javascript:alert(1)", "Enter a valid URL."),
        ("links", "ftp://example.org", "is not a web address"),
        (
            "avatar",
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "Upload a PNG, JPEG or WebP image",
        ),
        ("avatar", b"GIF89a" + b"\x00" * 50, "Upload a PNG, JPEG or WebP image"),
    ],
)
def test_profile_bad_input_is_refused_at_the_field(client, user, field, value, message):
    client.force_login(user)
    data = {"name": "Typed name <b>kept</b>", "bio": "", "location": "", "website": "", "links": ""}
    if field == "avatar":
        upload = io.BytesIO(value)
        upload.name = "picture.png"
        data["avatar"] = upload
    else:
        data[field] = value
    response = client.post(reverse("accounts:profile"), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert 'value="Typed name &lt;b&gt;kept&lt;/b&gt;"' in content
    assert_no_live_script(content)
    user.refresh_from_db()
    assert user.name == "" and not user.avatar


def test_oversized_picture_is_refused(client, user):
    client.force_login(user)
    upload = io.BytesIO(image_bytes("PNG") + b"\x00" * (5 * 1024 * 1024))
    upload.name = "big.png"
    response = client.post(reverse("accounts:profile"), {"name": "x", "avatar": upload})
    assert "5 MB or smaller" in response.content.decode()


def test_deleting_an_account_keeps_what_it_added(client, user, django_user_model):
    organisation = OrganisationFactory(owner=user, created_by=user)
    client.force_login(user)
    response = client.post(reverse("accounts:delete"), {"password": "wrong"})
    assert "That is not your password." in response.content.decode()
    assert django_user_model.objects.filter(pk=user.pk).exists()

    response = client.post(reverse("accounts:delete"), {"password": "correct horse battery"})
    assert response.status_code == 302
    assert not django_user_model.objects.filter(pk=user.pk).exists()
    organisation.refresh_from_db()
    assert organisation.owner is None and organisation.is_published


def test_account_pages_look_like_the_site(client):
    content = client.get(reverse("account_login")).content.decode()
    assert '<a class="skip-link" href="#main">' in content
    assert "<title>Sign In · DSI Directory</title>" in content


def test_sign_up_can_subscribe_to_the_newsletter(client, django_capture_on_commit_callbacks):
    from newsletter.models import Subscriber

    response = client.get(reverse("account_signup"))
    assert "I agree to receive the DSI Directory newsletter" in response.content.decode()
    assert 'name="newsletter"' in response.content.decode()
    client.post(
        reverse("account_signup"),
        {
            "email": "reader@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "newsletter": "on",
        },
    )
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.org"
    assert subscriber.source == Subscriber.Source.REGISTRATION
    assert subscriber.status == Subscriber.Status.PENDING  # double opt-in still applies


def test_sign_up_without_the_box_subscribes_nobody(client):
    from newsletter.models import Subscriber

    client.post(
        reverse("account_signup"),
        {"email": "quiet@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert not Subscriber.objects.exists()
