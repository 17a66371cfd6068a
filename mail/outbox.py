"""Queueing an email: the one way the site sends mail."""

from mail.models import OutboundEmail
from mail.tasks import send_email


def queue(message):
    """Store a rendered EmailMessage in the outbox, in the current transaction, and publish its
    send task once that commits. With the broker down, publishing logs a warning and the requeue
    task sends the email later: a page never fails for it. Returns the stored row.

    The message is built once here, so that one which could never be sent (a line break in a
    header, say) raises now, where the caller can tell the person, instead of failing later in
    the worker while the page said "sent"."""
    message.message()  # raises ValueError for a header that cannot be sent
    email = OutboundEmail.from_message(message)
    email.save()
    send_email.delay_on_commit(email.pk)
    return email
