"""The newsletter's emails: HTML and plain text, each with a visible unsubscribe link and the
List-Unsubscribe headers of RFC 8058 (one-click unsubscribe by POST). They are rendered in the
subscriber's language and sent through the site's outbox."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext, override

from mail import outbox
from mail.messages import ListMessage, absolute_url, list_message

# The newsletter's emails are the outbox's list emails (kept under this name for readers).
NewsletterEmail = ListMessage


def unsubscribe_url(subscriber):
    return absolute_url(reverse("newsletter:unsubscribe", args=[subscriber.unsubscribe_token()]))


def newsletter_message(subscriber, subject, template, context=None):
    """An email to one subscriber from `template`.txt and `template`.html."""
    return list_message(
        to=[subscriber.email],
        subject=subject,
        template=template,
        context={**(context or {}), "subscriber": subscriber},
        unsubscribe_url=unsubscribe_url(subscriber),
        language=subscriber.language,
    )


def confirmation_message(subscriber):
    confirm = absolute_url(reverse("newsletter:confirm", args=[subscriber.confirm_token()]))
    days = settings.NEWSLETTER_CONFIRM_MAX_AGE_SECONDS // (24 * 60 * 60)
    with override(subscriber.language or settings.LANGUAGE_CODE):
        subject = gettext("Confirm your subscription to the %(site)s newsletter") % {
            "site": settings.SITE_NAME
        }
    return newsletter_message(
        subscriber,
        subject,
        "newsletter/email/confirm",
        {"confirm_url": confirm, "valid_days": days},
    )


def queue_confirmation(subscriber):
    """Render the confirmation email and store it in the outbox as the subscriber's latest, in
    one transaction; it is sent once that commits. Returns the email, or None when another
    sign-up of the same address queued one first (then this one is never stored)."""
    previous = subscriber.confirmation_email_id
    with transaction.atomic():
        email = outbox.queue(confirmation_message(subscriber))
        if subscriber.replace_confirmation_email(email, previous):
            return email
        transaction.set_rollback(True)  # the email row and its publishing with it
    return None
