"""Signed-in people submit events through the submission flow: pending until staff approve it,
closed by the switch (with a draft kept), edited by its owner and staff only; and every bad
input answered at its field with what was typed kept."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from core.models import ModerationStatus
from events.models import Event
from submissions.models import SiteSettings, SubmissionDraft
from tests.events.factories import EventFactory
from tests.html import assert_no_live_script
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("events:create")
ROME = ZoneInfo("Europe/Rome")


def event_data(**overrides):
    return {
        "name": "Repair evening",
        "summary": "Bring what is broken; we fix it together.",
        "description": "Tools and **volunteers** provided.",
        "start_date": "2031-03-31",
        "start_time": "18:30",
        "end_date": "",
        "end_time": "21:00",
        "time_zone": "Europe/Rome",
        "attendance": "in-person",
        "venue": "Officina",
        "address": "Via Roma 1",
        "region": "Turin",
        "country": "IT",
        "registration_url": "https://example.org/repair",
        "price": "Free",
        "organiser": "",
        "tags": "repair, makerspace",
        "licence": "on",
        "contact_url": "",
        **overrides,
    }


@pytest.fixture
def people(django_user_model, user, staff_user):
    stranger = django_user_model.objects.create_user(email="stranger@example.org", password="x")
    return {"owner": user, "stranger": stranger, "staff": staff_user}


def test_a_submission_is_pending_in_its_own_time_zone(signed_in, user, client):
    response = signed_in.post(CREATE, event_data())
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert event.status == ModerationStatus.PENDING and event.owner == user
    # 31 March 2031 is summer time in Rome (clocks changed the day before): 18:30 is 16:30 UTC.
    assert event.starts_at == datetime.datetime(2031, 3, 31, 16, 30, tzinfo=datetime.UTC)
    assert event.local_end.strftime("%H:%M") == "21:00"
    assert event.description == "<p>Tools and <strong>volunteers</strong> provided.</p>"
    assert sorted(t.name for t in event.tags.all()) == ["makerspace", "repair"]
    assert "Waiting for approval." in signed_in.get(event.get_absolute_url()).content.decode()
    signed_in.logout()
    assert client.get(event.get_absolute_url()).status_code == 404
    assert "Repair evening" not in client.get(reverse("events:list")).content.decode()


def test_an_all_day_event_needs_no_times_and_the_organiser_is_found_by_name(signed_in):
    organiser = OrganisationFactory(name="Officina Aperta", slug="officina-aperta")
    data = event_data(
        all_day="on",
        start_time="",
        end_time="",
        start_date="2031-06-06",
        end_date="2031-06-07",
        organiser="officina aperta",
    )
    assert signed_in.post(CREATE, data).status_code == 302
    event = Event.objects.get()
    assert event.starts_at == datetime.datetime(2031, 6, 6, tzinfo=ROME)
    assert event.ends_at == datetime.datetime(2031, 6, 8, tzinfo=ROME)
    assert event.organiser == organiser
    # Its profile address works as well, and the edit form shows what was saved.
    edit = signed_in.get(event.get_edit_url()).content.decode()
    assert 'value="2031-06-06"' in edit and 'value="2031-06-07"' in edit
    assert 'value="Officina Aperta"' in edit
    data["organiser"] = "http://127.0.0.1:8000/organisations/officina-aperta/"
    assert signed_in.post(event.get_edit_url(), data).status_code == 302


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end_time": "17:00"}, "end_time", "The end must be after the start."),
        ({"end_time": "18:30"}, "end_time", "The end must be after the start."),
        ({"end_date": "2031-03-28"}, "end_date", "The end must be after the start."),
        (
            {"all_day": "on", "start_time": "", "end_time": "", "end_date": "2031-03-01"},
            "end_date",
            "The end must be after the start.",
        ),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone", "Choose a time zone from the list"),
        ({"time_zone": ""}, "time_zone", "This field is required."),
        ({"start_date": "next friday"}, "start_date", "Enter a valid date."),
        ({"start_time": "25:00"}, "start_time", "Enter a valid time."),
        ({"start_time": ""}, "start_time", "Enter a time, or tick"),
        ({"region": ""}, "region", "Say in which city"),
        ({"country": "ZZ"}, "country", "Select a valid choice."),
        ({"name": ""}, "name", "This field is required."),
        ({"summary": "x" * 201}, "summary", "at most 200 characters"),
        ({"registration_url": "javascript:alert(1)"}, "registration_url", "Enter a valid URL."),
        ({"organiser": "Nobody We Know"}, "organiser", "We found no organisation"),
        ({"licence": ""}, "licence", "Tick the box to agree"),
    ],
)
def test_bad_input_is_refused_at_the_field_and_kept(signed_in, changes, field, message):
    data = event_data(name="Typed <script>alert(1)</script> name") | changes
    if field == "name":
        data["name"] = ""
    response = signed_in.post(CREATE, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field]), form.errors
    content = response.content.decode()
    assert "There is a problem" in content and f'href="#{form[field].auto_id}"' in content
    assert "Tools and **volunteers** provided." in content  # what was typed is kept
    assert_no_live_script(content)
    assert not Event.objects.exists()


def test_an_online_event_needs_no_city(signed_in):
    data = event_data(attendance="online", venue="", address="", region="", country="")
    assert signed_in.post(CREATE, data).status_code == 302


MATRIX = [
    ("anonymous", "published", 302),
    ("anonymous", "pending", 302),
    ("stranger", "published", 403),
    ("stranger", "pending", 404),
    ("owner", "published", 200),
    ("owner", "pending", 200),
    ("owner", "rejected", 200),
    ("staff", "published", 200),
    ("staff", "pending", 200),
]


@pytest.mark.parametrize(("who", "status", "expected"), MATRIX)
def test_edit_permissions(client, people, who, status, expected):
    event = EventFactory(status=status, owner=people["owner"])
    if who in people:
        client.force_login(people[who])
    response = client.get(event.get_edit_url())
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("account_login"))
    response = client.post(event.get_edit_url(), event_data(name="Taken over"))
    event.refresh_from_db()
    if expected == 200:
        assert response.status_code == 302 and event.name == "Taken over"
    else:
        assert response.status_code == expected and event.name != "Taken over"


@pytest.mark.parametrize(
    ("who", "expected"), [("anonymous", 302), ("stranger", 200), ("owner", 200), ("staff", 200)]
)
def test_create_permissions(client, people, who, expected):
    if who in people:
        client.force_login(people[who])
    assert client.get(CREATE).status_code == expected
    response = client.post(CREATE, event_data(name=f"By {who}"))
    if expected == 200:
        event = Event.objects.get(name=f"By {who}")
        assert response.status_code == 302 and event.owner == people[who]
        assert event.status == ModerationStatus.PENDING
    else:
        assert response["Location"].startswith(reverse("account_login"))
        assert not Event.objects.exists()


def test_staff_approve_in_the_admin_and_the_owner_is_told(client, user, staff_user):
    from mail.models import OutboundEmail

    event = EventFactory(status=ModerationStatus.PENDING, owner=user)
    client.force_login(staff_user)
    changelist = reverse("admin:events_event_changelist")
    assert event.name in client.get(changelist, {"queue": "waiting"}).content.decode()
    client.post(changelist, {"action": "approve_selected", "_selected_action": [event.pk]})
    event.refresh_from_db()
    assert event.status == ModerationStatus.PUBLISHED and event.reviewed_by == staff_user
    assert OutboundEmail.objects.count() == 1
    assert client.get(reverse("admin:events_event_change", args=[event.pk])).status_code == 200
    assert client.get(reverse("admin:events_event_add")).status_code == 200


def test_while_closed_the_form_is_kept_as_a_draft(signed_in, user):
    site = SiteSettings.current()
    site.submissions_open = False
    site.save()
    assert signed_in.get(CREATE).status_code == 503
    response = signed_in.post(CREATE, event_data(name="Typed while closed"))
    assert response.status_code == 503
    assert 'value="Typed while closed"' in response.content.decode()
    assert not Event.objects.exists()
    assert SubmissionDraft.objects.filter(user=user, form="event").exists()
    site.submissions_open = True
    site.save()
    resumed = signed_in.get(CREATE).content.decode()
    assert 'value="Typed while closed"' in resumed
    assert signed_in.post(CREATE, event_data(name="Typed while closed")).status_code == 302
    assert not SubmissionDraft.objects.exists()


def test_the_pending_page_query_count(client, user, django_assert_max_num_queries):
    event = EventFactory(status=ModerationStatus.PENDING, owner=user, tags=["a", "b"])
    client.force_login(user)
    with django_assert_max_num_queries(8):
        assert client.get(event.get_absolute_url()).status_code == 200
