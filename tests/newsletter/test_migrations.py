"""The move to the one outbox keeps the data: OutboundEmail rows that core held, and each
subscriber's confirmation (sent or still to send), through the migrations and back."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from mail.tasks import send_email
from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("core", "0005_data_versions"), ("mail", None), ("newsletter", "0001_initial")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1]]).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.fixture
def old_schema():
    apps = migrate(BEFORE)
    yield apps
    migrate(latest())


def test_outbox_rows_and_confirmations_survive_the_move(old_schema):
    now = timezone.now()
    hour_ago = now - timedelta(hours=1)
    OldEmail = old_schema.get_model("core", "OutboundEmail")
    OldSubscriber = old_schema.get_model("newsletter", "Subscriber")
    account = OldEmail.objects.create(
        to=["ada@example.org"], subject="Confirm your email", body_text="Hi", attempts=1
    )
    common = {"consent_text": "I agree", "consent_version": "2026-01", "language": "en"}
    waiting = OldSubscriber.objects.create(
        email="waiting@example.org",
        confirmation_queued_at=hour_ago,
        confirmation_attempts=2,
        confirmation_error="SMTPServerDisconnected()",
        **common,
    )
    sent = OldSubscriber.objects.create(
        email="sent@example.org",
        confirmation_queued_at=hour_ago,
        confirmation_attempts=1,
        confirmation_sent_at=hour_ago,
        **common,
    )
    confirmed = OldSubscriber.objects.create(
        email="confirmed@example.org",
        status="confirmed",
        confirmation_queued_at=hour_ago,
        confirmation_attempts=1,
        confirmation_sent_at=hour_ago,
        confirmed_at=now,
        **common,
    )
    never = OldSubscriber.objects.create(
        email="gone@example.org", status="unsubscribed", confirmation_queued_at=hour_ago, **common
    )

    apps = migrate(latest())
    Email = apps.get_model("mail", "OutboundEmail")
    assert Email._meta.db_table == "mail_outboundemail"
    kept = Email.objects.get(pk=account.pk)
    assert (kept.to, kept.subject, kept.attempts) == (["ada@example.org"], "Confirm your email", 1)

    subscribers = {s.email: s for s in Subscriber.objects.select_related("confirmation_email")}
    assert subscribers[never.email].confirmation_email is None  # nothing was, nothing will be
    for old in (sent, confirmed):
        email = subscribers[old.email].confirmation_email
        assert email.sent_at == hour_ago and email.attempts == 1
        assert email.to == [old.email]
    # The one still to send is a real email in the outbox, with working links.
    subscriber = subscribers[waiting.email]
    email = subscriber.confirmation_email
    assert (email.sent_at, email.attempts, email.queued_at) == (None, 2, hour_ago)
    assert email.last_error == "SMTPServerDisconnected()"
    token = re.search(r"/newsletter/confirm/([^/\s]+)/", email.body_text)[1]
    assert Subscriber.pk_from_confirm_token(token) == subscriber.pk
    assert email.headers["List-Unsubscribe"].endswith(
        f"/newsletter/unsubscribe/{subscriber.unsubscribe_token()}/>"
    )
    assert email.max_line_length == 998
    assert send_email(email.pk) == "sent"
    [message] = mail.outbox
    assert message.to == [waiting.email]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # And back: the subscriber's own columns get what the outbox knows.
    apps = migrate(BEFORE)
    back = {s.email: s for s in apps.get_model("newsletter", "Subscriber").objects.all()}
    assert back[waiting.email].confirmation_sent_at is not None
    assert back[waiting.email].confirmation_attempts == 3
    assert back[sent.email].confirmation_sent_at == hour_ago
    assert apps.get_model("core", "OutboundEmail").objects.filter(pk=account.pk).exists()
