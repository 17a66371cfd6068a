import email.policy
import re

import pytest

from mail.models import OutboundEmail
from newsletter.emails import confirmation_message
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def test_confirmation_email_on_the_wire(settings):
    settings.SITE_URL = "https://directory.digitalsocial.example.eu"
    subscriber = SubscriberFactory(email="ada@example.org")
    message = confirmation_message(subscriber)
    raw = message.message(policy=email.policy.SMTP).as_bytes().decode()
    unsubscribe = f"{settings.SITE_URL}/newsletter/unsubscribe/{subscriber.unsubscribe_token()}/"
    # RFC 2369/8058: the URL in angle brackets, as it is: not folded, not encoded.
    assert f"\r\nList-Unsubscribe: <{unsubscribe}>\r\n" in raw
    assert "\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in raw
    assert "=?utf-8?" not in raw.split("\r\n\r\n")[0]
    assert max(len(line) for line in raw.split("\r\n")) <= 998
    confirm = f"{settings.SITE_URL}/newsletter/confirm/{subscriber.confirm_token()}/"
    text = message.body
    html = message.alternatives[0].content
    for body in (text, html):
        assert confirm in body
        assert unsubscribe in body
    assert message.to == ["ada@example.org"]
    assert message.subject == "Confirm your subscription to the DSI Directory newsletter"


def test_address_with_markup_is_escaped_in_the_html_part():
    subscriber = SubscriberFactory(email='"<b>x</b>"@example.org')
    html = confirmation_message(subscriber).alternatives[0].content
    assert "<b>x</b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_the_email_rebuilt_from_its_outbox_row_keeps_its_long_header_line(settings):
    """The outbox stores the rendered email and rebuilds it for sending: the rebuilt message
    still lets List-Unsubscribe's long URL run unfolded on one header line."""
    settings.SITE_URL = "https://directory.digitalsocial.example.eu" + "/deep" * 20
    subscriber = SubscriberFactory(email="ada@example.org")
    row = OutboundEmail.objects.get(pk=subscriber.confirmation_email_id)
    assert row.max_line_length == 998
    rebuilt = row.as_message()
    raw = rebuilt.message(policy=email.policy.SMTP).as_bytes().decode()
    header = raw.split("\r\n\r\n")[0]
    unsubscribe = f"{settings.SITE_URL}/newsletter/unsubscribe/{subscriber.unsubscribe_token()}/"
    line = f"List-Unsubscribe: <{unsubscribe}>"
    assert len(line) > 78  # longer than a folded line may be
    assert f"\r\n{line}\r\n" in raw
    assert "=?utf-8?" not in header
    # Rendered again a second later, its signed link carries another timestamp: compare the rest.
    rendered = confirmation_message(subscriber)
    assert without_tokens(rebuilt.body) == without_tokens(rendered.body)
    assert without_tokens(rebuilt.alternatives[0].content) == without_tokens(
        rendered.alternatives[0].content
    )


def without_tokens(text):
    return re.sub(r"/[^/\s]+:[^/\s]+:[^/\s]+/", "/TOKEN/", text)


def test_other_emails_keep_folding_at_78(settings):
    """Only a message that asks for long header lines gets them: others keep RFC 2047's short
    encoded words."""
    from django.core.mail import EmailMessage

    subject = "Ünïcödé " * 20
    row = OutboundEmail.from_message(EmailMessage(subject, "Body", to=["ada@example.org"]))
    assert row.max_line_length == 78
    raw = row.as_message().message(policy=email.policy.SMTP).as_bytes().decode()
    assert max(len(line) for line in raw.split("\r\n")) <= 78
