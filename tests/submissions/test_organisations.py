"""What only organisations have; what they share with projects is tested once for both in
test_submitting.py."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from organisations.models import Organisation
from tests.submissions.kinds import KINDS, organisation_data
from tests.submissions.test_submitting import assert_refused_at_the_field

pytestmark = pytest.mark.django_db

CREATE = reverse("organisations:create")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("organisation_type", "", "This field is required."),
        ("organisation_type", "cartel", "Select a valid choice."),
        ("size", "huge", "Select a valid choice."),
    ],
)
def test_bad_organisation_input_is_refused_at_the_field(signed_in, field, value, message):
    data = organisation_data(name="Typed <script>alert(1)</script> name") | {field: value}
    response = signed_in.post(CREATE, data)
    assert_refused_at_the_field(response, KINDS[0], field, message)


def test_a_submission_keeps_its_tags_and_networks(signed_in):
    assert signed_in.post(CREATE, organisation_data()).status_code == 302
    organisation = Organisation.objects.get()
    assert sorted(organisation.tags.names()) == ["makerspace", "repair"]
    assert list(organisation.networks.names()) == ["FabLab Network"]


def test_an_organisation_cannot_start_in_the_future(signed_in):
    """Issue 10: a start date in the future was accepted. Today is fine."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = signed_in.post(
        reverse("organisations:create"), organisation_data(start_date=tomorrow.isoformat())
    )
    assert response.status_code == 200
    assert "The start date cannot be in the future." in response.content.decode()
    assert tomorrow.isoformat() in response.content.decode()  # what was typed is kept
    assert not Organisation.objects.exists()
    today = timezone.localdate().isoformat()
    response = signed_in.post(reverse("organisations:create"), organisation_data(start_date=today))
    assert response.status_code == 302
