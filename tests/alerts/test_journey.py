"""The whole alert journey through the real parts: the views store the emails in the outbox and
queue them on the real Redis, Celery's own test worker runs the digests and the outbox's tasks,
and a real SMTP server (aiosmtpd) receives the emails."""

import io
import re
import time

import pytest
from django.core.management import call_command
from django.urls import reverse

from alerts.models import Alert, Digest, SentRecord
from alerts.tasks import send_digest, send_due_digests
from core.models import ModerationStatus
from mail.models import OutboundEmail
from tests.organisations.factories import OrganisationFactory
from tests.support.servers import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"https?://[^\s\"<>]+(/alerts/(?:confirm|unsubscribe|manage)/[^/\s\"<>]+/)")
ADDRESS = "ada@example.org"


def links(text):
    return {re.search(r"/alerts/(\w+)/", path).group(1): path for path in LINK.findall(text)}


def parts(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def all_sent():
    return not OutboundEmail.objects.filter(sent_at__isnull=True).exists()


def settle(seconds=1.5):
    """Give the worker time to do whatever is still queued (so that 'nothing came' means it)."""
    time.sleep(seconds)
    wait_for(all_sent, timeout=20)


def send_alerts(*args):
    out = io.StringIO()
    call_command("send_alerts", *args, stdout=out)
    return out.getvalue()


def test_subscribe_confirm_digest_nothing_new_and_one_click_unsubscribe(
    client, celery_worker, smtp_sink
):
    OrganisationFactory(name="Already there", country="IT")
    response = client.post(
        reverse("alerts:new"),
        {
            "kind": "organisations",
            "email": ADDRESS,
            "frequency": "daily",
            "consent": "on",
            "country": "IT",
            "size": "not-a-size",
        },
    )
    assert response.status_code == 302
    wait_for(lambda: len(smtp_sink.messages) == 1, timeout=20, message="the confirmation")
    [confirmation] = smtp_sink.for_address(ADDRESS)
    assert "Confirm your alert" in confirmation["Subject"]
    text, html = parts(confirmation)
    assert links(text) == links(html)
    assert "in Italy" in text and "in Italy" in html
    assert "not-a-size" not in text

    # The mail scanner opens the link: nothing happens. The person presses the button.
    confirm = links(text)["confirm"]
    client.get(confirm)
    assert Alert.objects.get().status == Alert.Status.PENDING
    client.post(confirm)
    alert = Alert.objects.get()
    assert alert.status == Alert.Status.CONFIRMED and alert.consented_at

    # Beat's task finds nothing new: no email.
    send_due_digests.delay()
    settle()
    assert len(smtp_sink.messages) == 1

    # A matching record is published (and two that do not match): one digest, with it.
    OrganisationFactory(name="Fablab Torino", country="IT", region="Turin")
    OrganisationFactory(name="Fablab Lyon", country="FR")
    draft = OrganisationFactory(name="Fablab Napoli", country="IT", status=ModerationStatus.DRAFT)
    send_due_digests.delay()
    wait_for(lambda: len(smtp_sink.messages) == 2, timeout=20, message="the digest")
    digest = smtp_sink.for_address(ADDRESS)[-1]
    assert "1 new organisation matches your alert" in digest["Subject"]
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, html = parts(digest)
    for body in (text, html):
        assert "Fablab Torino" in body and "Turin, Italy" in body
        assert "Fablab Lyon" not in body and "Fablab Napoli" not in body
        assert "Already there" not in body
    assert digest["List-Unsubscribe"] == f"<http://testserver{links(text)['unsubscribe']}>".replace(
        "http://testserver", re.match(r"<(https?://[^/]+)", digest["List-Unsubscribe"]).group(1)
    )

    # The task delivered twice, send_alerts by hand: nothing new, nothing sent twice.
    send_digest.delay(alert.pk)
    send_due_digests.delay()
    assert "Digests queued: 0" in send_alerts("--now")
    settle()
    assert len(smtp_sink.messages) == 2

    # The draft is published: not due again today, but --now sends it, alone.
    draft.publish()
    send_due_digests.delay()
    settle()
    assert len(smtp_sink.messages) == 2
    assert "Digests queued: 1" in send_alerts("--now")
    wait_for(lambda: len(smtp_sink.messages) == 3, timeout=20, message="the second digest")
    text, _html = parts(smtp_sink.for_address(ADDRESS)[-1])
    assert "Fablab Napoli" in text and "Fablab Torino" not in text
    assert SentRecord.objects.filter(alert=alert).count() == 2

    # The mail client's one-click unsubscribe (RFC 8058), then nothing more.
    response = client.post(
        links(text)["unsubscribe"],
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert Alert.objects.get().status == Alert.Status.UNSUBSCRIBED
    OrganisationFactory(name="After the end", country="IT")
    assert "Digests queued: 0" in send_alerts("--now")
    settle()
    assert len(smtp_sink.messages) == 3
    assert Digest.objects.count() == 2
