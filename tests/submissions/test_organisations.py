"""What only organisations have; what they share with projects is tested once for both in
test_submitting.py."""

import pytest
from django.urls import reverse

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
