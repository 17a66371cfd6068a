"""The invitation form is not a mail relay: only published records, few emails, and nothing
of the sender's choosing that reads as a link or breaks a header."""

import pytest
from django.core import mail

from core.models import ModerationStatus
from tests.organisations.factories import OrganisationFactory
from tests.submissions.kinds import KINDS, queued_email_count, send_queued_emails

pytestmark = pytest.mark.django_db
organisations = KINDS[0]


@pytest.fixture
def owner(client, user):
    client.force_login(user)
    return user


def invite(client, record, email):
    return client.post(organisations.invite_url(record), {"email": email}, follow=True)


def test_a_pending_record_sends_no_invitation(client, owner):
    record = OrganisationFactory(owner=owner, status=ModerationStatus.PENDING)
    page = invite(client, record, "friend@example.org").content.decode()
    assert "once it is published" in page
    assert not queued_email_count()


def test_the_same_address_is_invited_once_while_the_invitation_is_open(client, owner):
    record = OrganisationFactory(owner=owner)
    invite(client, record, "friend@example.org")
    again = invite(client, record, "FRIEND@example.org").content.decode()
    assert "is invited already" in again
    assert queued_email_count() == 1


def test_an_address_gets_at_most_three_invitations_a_day(client, owner):
    records = OrganisationFactory.create_batch(5, owner=owner)
    pages = [invite(client, r, "target@example.org").content.decode() for r in records]
    assert queued_email_count() == 3
    assert "a lot of invitations today" in pages[3]


def test_a_person_sends_at_most_twenty_invitations_a_day(client, owner):
    records = OrganisationFactory.create_batch(3, owner=owner)
    for n in range(25):
        invite(client, records[n % 3], f"person{n}@example.org")
    # Ten per record a day as well: three records reach twenty in all.
    assert queued_email_count() == 20


def test_a_record_sends_at_most_ten_invitations_a_day(client, owner):
    record = OrganisationFactory(owner=owner)
    for n in range(12):
        invite(client, record, f"person{n}@example.org")
    assert queued_email_count() == 10


def test_names_in_the_email_carry_no_link_and_no_markup(client, owner):
    owner.name = "Action required: log in at https://phish.example/login"
    owner.save()
    record = OrganisationFactory(
        owner=owner, name="O'Brien & <Sons> see www.phish.example/verify " + "x" * 80
    )
    invite(client, record, "friend@example.org")
    send_queued_emails()
    message = mail.outbox[0]
    assert "phish" not in message.subject and "phish" not in message.body
    assert "[link removed]" in message.body
    assert message.subject.startswith("You are invited to edit “O'Brien & <Sons>")
    assert "&amp;" not in message.subject and "&#x27;" not in message.subject
    assert len(message.subject) < 120
    links = [word for word in message.body.split() if "://" in word]
    assert links and all(link.startswith("http://127.0.0.1:8000/") for link in links)


@pytest.mark.parametrize("name", ["Line one\r\nBcc: victim@example.org", "Tab\there", "Nul\x00"])
def test_names_with_control_characters_are_refused_at_the_field(signed_in, name):
    data = organisations.valid_data(name=name)
    response = signed_in.post(organisations.create_url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors["name"]
    assert errors and ("one line" in errors[0] or "Null characters" in errors[0])
    assert not organisations.model.objects.exists()


def test_decision_subjects_are_plain_text(client, user, staff_user):
    record = OrganisationFactory(
        name="It's <b>Fab</b> & co", status=ModerationStatus.PENDING, owner=user
    )
    client.force_login(staff_user)
    approve = {"action": "approve_selected", "_selected_action": [record.pk]}
    client.post(organisations.changelist_url, approve)
    send_queued_emails()
    assert mail.outbox[0].subject == "It's <b>Fab</b> & co is now in the DSI Directory"


def test_an_invitation_that_could_not_be_sent_is_never_reported_as_sent(client, owner, monkeypatch):
    from submissions.models import Invitation

    record = OrganisationFactory(owner=owner)
    original = Invitation.email_message

    def broken_header(self):
        message = original(self)
        message.subject = "Two lines\r\nBcc: victim@example.org"  # as a name once could
        return message

    monkeypatch.setattr(Invitation, "email_message", broken_header)
    page = invite(client, record, "friend@example.org").content.decode()
    assert "could not send this invitation" in page
    assert "Invitation sent" not in page
    assert not queued_email_count() and not Invitation.objects.exists()
