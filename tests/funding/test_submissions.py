"""Funding calls go through the submission flow: pending until approved, the switch closes it,
owners and staff edit; a closing date in the past or before the opening is refused at its field."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import ModerationStatus
from funding.models import Opportunity
from submissions.models import SiteSettings, SubmissionDraft
from tests.funding.factories import OpportunityFactory, kind
from tests.html import assert_no_live_script

pytestmark = pytest.mark.django_db

CREATE = reverse("funding:create")


def next_year():
    return str(timezone.now().year + 1)


def call_data(**overrides):
    return {
        "name": "Grants for repair cafés",
        "kind": str(kind("grant").pk),
        "summary": "Small grants for groups that repair things together.",
        "description": "Up to **€5,000** for tools and rent.",
        "amount": "Up to €5,000",
        "funder_name": "Repair Fund",
        "funder_website": "https://example.org/fund",
        "funder": "",
        "eligible_countries": ["IT", "ES"],
        "eligible_organisation_types": ["grassroots"],
        "opens_date": "",
        "opens_time": "",
        "closes_date": f"{next_year()}-05-15",
        "closes_time": "17:00",
        "time_zone": "Europe/Rome",
        "apply_url": "https://example.org/apply",
        "tags": "repair",
        "licence": "on",
        "contact_url": "",
        **overrides,
    }


def test_a_submitted_call_is_pending_and_closes_in_its_time_zone(signed_in, user):
    assert signed_in.post(CREATE, call_data()).status_code == 302
    call = Opportunity.objects.get()
    assert call.status == ModerationStatus.PENDING and call.owner == user
    closes = datetime.datetime(int(next_year()), 5, 15, 17, 0, tzinfo=ZoneInfo("Europe/Rome"))
    assert call.closes_at == closes
    assert call.eligible_countries == ["IT", "ES"]
    assert call.eligible_organisation_types == ["grassroots"]
    edit = signed_in.get(call.get_edit_url()).content.decode()
    assert f'value="{next_year()}-05-15"' in edit and 'value="17:00"' in edit


def test_no_closing_time_means_the_end_of_the_day(signed_in):
    signed_in.post(CREATE, call_data(closes_time=""))
    assert Opportunity.objects.get().local_closes_at.strftime("%H:%M") == "23:59"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"closes_date": "2020-01-01"}, "closes_date", "The closing date has passed"),
        (
            {"opens_date": f"{next_year()}-06-01"},
            "closes_date",
            "The closing date must be after the opening date.",
        ),
        ({"closes_date": ""}, "closes_date", "This field is required."),
        ({"closes_date": "soon"}, "closes_date", "Enter a valid date."),
        ({"time_zone": "Europe/Atlantis"}, "time_zone", "Choose a time zone from the list"),
        ({"kind": "999999"}, "kind", "Select a valid choice."),
        ({"eligible_countries": ["ZZ"]}, "eligible_countries", "Select a valid choice."),
        ({"funder_name": ""}, "funder_name", "This field is required."),
        ({"apply_url": "javascript:alert(1)"}, "apply_url", "Enter a valid URL."),
        ({"funder": "No such funder"}, "funder", "We found no organisation"),
    ],
)
def test_bad_input_is_refused_at_the_field_and_kept(signed_in, changes, field, message):
    response = signed_in.post(CREATE, call_data(name="Typed <script>x</script>") | changes)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field]), form.errors
    content = response.content.decode()
    assert f'href="#{form[field].auto_id}"' in content
    assert "Up to **€5,000** for tools and rent." in content
    assert_no_live_script(content)
    assert not Opportunity.objects.exists()


def test_a_closed_call_can_still_be_edited_without_moving_its_date(client, user):
    call = OpportunityFactory(owner=user, days=-10)
    client.force_login(user)
    local = call.local_closes_at
    data = call_data(
        name="Renamed",
        closes_date=local.date().isoformat(),
        closes_time=local.strftime("%H:%M"),
        time_zone=call.time_zone,
    )
    call.closes_at = call.closes_at.replace(second=0)
    call.save()
    assert client.post(call.get_edit_url(), data).status_code == 302
    call.refresh_from_db()
    assert call.name == "Renamed"


@pytest.mark.parametrize(
    ("who", "status", "expected"),
    [
        ("anonymous", "published", 302),
        ("stranger", "published", 403),
        ("stranger", "pending", 404),
        ("owner", "pending", 200),
        ("owner", "published", 200),
        ("staff", "pending", 200),
    ],
)
def test_edit_permissions(client, django_user_model, user, staff_user, who, status, expected):
    people = {
        "owner": user,
        "staff": staff_user,
        "stranger": django_user_model.objects.create_user(email="s@example.org", password="x"),
    }
    call = OpportunityFactory(status=status, owner=user)
    if who in people:
        client.force_login(people[who])
    assert client.get(call.get_edit_url()).status_code == expected
    response = client.post(call.get_edit_url(), call_data(name="Taken over"))
    call.refresh_from_db()
    if expected == 200:
        assert response.status_code == 302 and call.name == "Taken over"
    else:
        assert call.name != "Taken over"


def test_anonymous_people_are_asked_to_sign_in(client):
    response = client.get(CREATE)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.post(CREATE, call_data())
    assert not Opportunity.objects.exists()


def test_approval_in_the_admin(client, user, staff_user):
    call = OpportunityFactory(status=ModerationStatus.PENDING, owner=user)
    client.force_login(staff_user)
    changelist = reverse("admin:funding_opportunity_changelist")
    client.post(changelist, {"action": "approve_selected", "_selected_action": [call.pk]})
    call.refresh_from_db()
    assert call.status == ModerationStatus.PUBLISHED
    assert (
        client.get(reverse("admin:funding_opportunity_change", args=[call.pk])).status_code == 200
    )
    assert client.get(reverse("admin:funding_opportunitytype_changelist")).status_code == 200


def test_closed_submissions_keep_a_draft(signed_in, user):
    site = SiteSettings.current()
    site.submissions_open = False
    site.save()
    assert signed_in.get(CREATE).status_code == 503
    assert signed_in.post(CREATE, call_data()).status_code == 503
    assert SubmissionDraft.objects.filter(user=user, form="opportunity").exists()
    assert not Opportunity.objects.exists()
