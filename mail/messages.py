"""The email message that every outbox row is stored from and rebuilt as."""

import email.policy

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

FOLDED_LINE_LENGTH = 78  # RFC 5322's recommended length, and Python's default
LONGEST_LINE_LENGTH = 998  # RFC 5322's limit


class Message(EmailMultiAlternatives):
    """An email whose header lines are folded at `max_line_length`.

    The usual 78 keeps RFC 2047's encoded words short, so it stays the default. A message with a
    header that may be neither folded nor encoded, such as List-Unsubscribe's one long URL
    (RFC 2369), sets 998: the outbox stores the length with the row, so the message rebuilt for
    sending keeps it."""

    max_line_length = FOLDED_LINE_LENGTH

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=self.max_line_length))


class ListMessage(Message):
    """An email people asked for and may stop (the newsletter, alerts): List-Unsubscribe holds
    one long URL, which may be neither folded nor encoded (RFC 2369), so header lines may run to
    RFC 5322's 998 characters."""

    max_line_length = LONGEST_LINE_LENGTH


def list_message(*, to, subject, template, context, unsubscribe_url, language):
    """An email from `template`.txt and `template`.html, rendered in `language`, with a visible
    unsubscribe link (`unsubscribe_url` in the templates) and the List-Unsubscribe headers of
    RFC 8058 (one-click unsubscribe by POST)."""
    context = {
        **context,
        "unsubscribe_url": unsubscribe_url,
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
    }
    with translation.override(language or settings.LANGUAGE_CODE):
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = ListMessage(
        subject=subject,
        body=text,
        to=to,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def absolute_url(path):
    """The address of a page of the site, for emails."""
    return settings.SITE_URL.rstrip("/") + path
