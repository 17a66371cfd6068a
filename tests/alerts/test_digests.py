"""Digests without a worker: what is new, what is due, never a record twice, send_alerts."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from alerts.digests import new_matches, send_digest
from alerts.models import Alert, Digest, Frequency, Publication, SentRecord
from core.models import ModerationStatus
from mail.models import OutboundEmail
from tests.alerts.factories import AlertFactory
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def send_alerts(*args):
    out = io.StringIO()
    call_command("send_alerts", *args, stdout=out)
    return out.getvalue()


def digests_of(alert):
    return list(Digest.objects.filter(alert=alert).select_related("email"))


def test_the_publication_log_follows_every_way_of_publishing():
    draft = OrganisationFactory(status=ModerationStatus.DRAFT)
    assert not Publication.objects.filter(record_id=draft.pk).exists()
    draft.publish()
    first = Publication.objects.get(kind="organisations", record_id=draft.pk)
    # An edit of a published record is no new publication.
    draft.name = "Renamed"
    draft.save()
    assert Publication.objects.get(pk=first.pk).published_at == first.published_at
    # Straight SQL through the ORM (the admin's status field does this too).
    project = ProjectFactory(status=ModerationStatus.PENDING)
    type(project).objects.filter(pk=project.pk).update(status=ModerationStatus.PUBLISHED)
    assert Publication.objects.filter(kind="projects", record_id=project.pk).exists()
    born_published = OrganisationFactory()
    assert Publication.objects.filter(kind="organisations", record_id=born_published.pk).exists()


def test_a_digest_lists_what_is_new_and_matches_and_never_twice():
    OrganisationFactory(name="Before the alert", country="IT")
    alert = AlertFactory(filters={"country": "IT"})
    italian = OrganisationFactory(name="New in Italy", country="IT", region="Milan")
    OrganisationFactory(name="New in France", country="FR")
    OrganisationFactory(name="Draft in Italy", country="IT", status=ModerationStatus.DRAFT)
    assert [o.name for o in new_matches(alert)] == ["New in Italy"]

    assert send_digest(alert.pk) == "sent"
    [digest] = digests_of(alert)
    assert digest.count == 1
    assert list(SentRecord.objects.filter(alert=alert).values_list("record_id", flat=True)) == [
        italian.pk
    ]
    email = digest.email
    assert email.to == [alert.email]
    assert "1 new organisation matches your alert" in email.subject
    assert "New in Italy" in email.body_text and "Milan, Italy" in email.body_text
    assert italian.get_absolute_url() in email.body_html
    assert "New in France" not in email.body_text
    assert "Before the alert" not in email.body_text
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/alerts/unsubscribe/" in email.headers["List-Unsubscribe"]
    assert "/alerts/manage/" in email.body_text

    # Not due again this week; forced, nothing new: no second email.
    assert send_digest(alert.pk) == "not due"
    assert send_digest(alert.pk, force=True) == "nothing new"
    # Unpublished and published again: it was listed once, so never again.
    italian.unpublish()
    italian.publish()
    assert send_digest(alert.pk, force=True) == "nothing new"
    later = OrganisationFactory(name="Later in Italy", country="IT")
    assert send_digest(alert.pk, force=True) == "sent"
    newest = digests_of(alert)[0]
    assert "Later in Italy" in newest.email.body_text
    assert "New in Italy" not in newest.email.body_text
    assert later.pk


def test_a_digest_lists_the_first_ones_and_counts_the_rest(settings):
    settings.ALERTS_DIGEST_LISTED = 3
    alert = AlertFactory(kind="projects", filters={"focus": "open-data"})
    for n in range(5):
        ProjectFactory(name=f"Open data {n}", focus=["Open data"])
    ProjectFactory(name="Hardware", focus=["Open hardware"])
    assert send_digest(alert.pk) == "sent"
    [digest] = digests_of(alert)
    assert digest.count == 5
    assert "5 new projects match your alert" in digest.email.subject
    assert len(re.findall(r"^Open data \d$", digest.email.body_text, re.M)) == 3
    assert "And 2 more." in digest.email.body_text
    assert "Hardware" not in digest.email.body_text
    assert SentRecord.objects.filter(alert=alert).count() == 5  # counted ones are sent too


def test_only_confirmed_alerts_get_digests():
    pending = AlertFactory(pending=True)
    ended = AlertFactory(status=Alert.Status.UNSUBSCRIBED)
    OrganisationFactory()
    assert send_digest(pending.pk, force=True) == "not confirmed, or busy"
    assert send_digest(ended.pk, force=True) == "not confirmed, or busy"
    assert not Digest.objects.exists()


@pytest.mark.parametrize(
    ("frequency", "ago", "due"),
    [
        (Frequency.DAILY, timedelta(days=1, hours=1), True),
        (Frequency.DAILY, timedelta(0), False),
        (Frequency.WEEKLY, timedelta(days=8), True),
        (Frequency.WEEKLY, timedelta(0), False),
    ],
)
def test_one_digest_per_period(frequency, ago, due):
    alert = AlertFactory(frequency=frequency, last_digest_at=timezone.now() - ago)
    assert Alert.objects.due().filter(pk=alert.pk).exists() is due


def test_send_alerts_sends_what_is_due_and_now_treats_every_alert_as_due():
    quiet = AlertFactory(filters={"country": "FR"})
    busy = AlertFactory(filters={"country": "IT"}, last_digest_at=timezone.now())
    OrganisationFactory(country="IT")
    output = send_alerts()
    assert "Digests queued: 0" in output  # busy had its digest this week, quiet has nothing
    assert "nothing new: 1" in output
    output = send_alerts("--now")
    assert "Digests queued: 1" in output
    assert len(digests_of(busy)) == 1 and not digests_of(quiet)
    assert "Digests queued: 0" in send_alerts("--now")  # nothing new twice
    assert OutboundEmail.objects.count() == 1
