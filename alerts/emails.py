"""The alerts' emails, HTML and plain text, through the site's one outbox: the confirmation of a
new alert, and the digests. Each carries its alert's one-click unsubscribe (RFC 8058) and a link
to the page of every alert of the address (mail.messages.list_message)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from alerts.kinds import KINDS, describe
from core.text import email_text
from mail import outbox
from mail.messages import absolute_url, list_message


def _links(alert):
    return {
        "unsubscribe_url": absolute_url(
            reverse("alerts:unsubscribe", args=[alert.unsubscribe_token()])
        ),
        "manage_url": absolute_url(reverse("alerts:manage", args=[alert.manage_token()])),
    }


def _message(alert, subject, template, context):
    links = _links(alert)
    kind = KINDS[alert.kind]
    return list_message(
        to=[alert.email],
        subject=subject,
        template=template,
        context={
            **context,
            "alert": alert,
            "kind": kind,
            "filters": describe(kind, alert.filters),
            "list_url": absolute_url(kind.list_path(alert.filters)),
            "manage_url": links["manage_url"],
        },
        unsubscribe_url=links["unsubscribe_url"],
        language=alert.language,
    )


def queue_confirmation(alert):
    """Store the confirmation email in the outbox as the alert's latest (sent once the caller's
    transaction commits)."""
    confirm = absolute_url(reverse("alerts:confirm", args=[alert.confirm_token()]))
    days = settings.ALERTS_CONFIRM_MAX_AGE_SECONDS // (24 * 60 * 60)
    with override(alert.language or settings.LANGUAGE_CODE):
        subject = _("Confirm your alert for new %(kind)s in the %(site)s") % {
            "kind": KINDS[alert.kind].many,
            "site": settings.SITE_NAME,
        }
    message = _message(
        alert, subject, "alerts/email/confirm", {"confirm_url": confirm, "valid_days": days}
    )
    email = outbox.queue(message)
    type(alert).objects.filter(pk=alert.pk).update(confirmation_email=email)
    alert.confirmation_email = email
    return email


def digest_message(alert, records, total):
    """The digest: the new records (name, one line, place, link), `total` of them in all."""
    kind = KINDS[alert.kind]
    items = [
        {
            "name": email_text(record.name, 120),
            "summary": email_text(record.summary, 200),
            "place": ", ".join(
                part
                for part in [record.region, record.country.name if record.country else ""]
                if part
            ),
            "url": absolute_url(record.get_absolute_url()),
        }
        for record in records
    ]
    with override(alert.language or settings.LANGUAGE_CODE):
        subject = ngettext(
            "%(n)d new %(one)s matches your alert",
            "%(n)d new %(many)s match your alert",
            total,
        ) % {"n": total, "one": kind.one, "many": kind.many}
    return _message(
        alert,
        f"{subject} · {settings.SITE_NAME}",
        "alerts/email/digest",
        {"items": items, "total": total, "more": total - len(items)},
    )
