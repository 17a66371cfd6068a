"""Visitors report a record (no account needed, rate limited); reports queue in the admin with
the record and staff resolve them."""

import pytest
from django.urls import reverse

from core.models import ModerationStatus
from curation.models import Report
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def report_url(record, kind="organisations"):
    return reverse("curation:report", args=[kind, record.slug])


def test_anyone_reports_a_record_from_its_page(client, django_assert_max_num_queries):
    organisation = OrganisationFactory(name="Fablab Palermo")
    assert report_url(organisation) in client.get(organisation.get_absolute_url()).content.decode()
    with django_assert_max_num_queries(3):
        assert client.get(report_url(organisation)).status_code == 200
    response = client.post(
        report_url(organisation),
        {
            "kind": "duplicate",
            "duplicate_of": "https://dsi.example.org/organisations/fablab-palermo/",
            "note": "Twice",
        },
    )
    assert response.status_code == 302 and response["Location"] == organisation.get_absolute_url()
    report = Report.objects.get()
    assert report.record == organisation and report.kind == Report.Kind.DUPLICATE
    assert report.resolved_at is None


def test_projects_can_be_reported_too(client):
    project = ProjectFactory()
    assert (
        report_url(project, "projects") in client.get(project.get_absolute_url()).content.decode()
    )
    client.post(report_url(project, "projects"), {"kind": "closed"})
    assert Report.objects.get().record == project


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": ""}, "kind", "Choose what the problem is."),
        ({"kind": "nonsense"}, "kind", "Select a valid choice."),
        ({"kind": "duplicate", "duplicate_of": ""}, "duplicate_of", "Give the address"),
        ({"kind": "wrong", "email": "not an email"}, "email", "Enter a valid email address."),
        ({"kind": "wrong", "note": "x" * 2001}, "note", "at most 2000 characters"),
    ],
)
def test_bad_input_is_refused_at_the_field_and_kept(client, data, field, message):
    organisation = OrganisationFactory()
    response = client.post(report_url(organisation), {"note": "typed <b>text</b>", **data})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert f'href="#id_{field}' in response.content.decode()
    if "note" not in data:
        assert "typed &lt;b&gt;text&lt;/b&gt;" in response.content.decode()
    assert not Report.objects.exists()


def test_hidden_records_cannot_be_reported(client):
    hidden = OrganisationFactory(status=ModerationStatus.SPAM)
    assert client.get(report_url(hidden)).status_code == 404
    assert client.get(reverse("curation:report", args=["people", "x"])).status_code == 404


def test_reports_are_rate_limited_and_scripts_refused(client):
    organisation = OrganisationFactory()
    assert (
        client.post(report_url(organisation), {"kind": "spam", "website_url": "x"}).status_code
        == 400
    )
    for _ in range(10):
        client.post(report_url(organisation), {"kind": "spam"})
    assert client.post(report_url(organisation), {"kind": "spam"}).status_code == 429
    assert Report.objects.count() == 10


def test_staff_see_the_queue_and_resolve(client, staff_user, user):
    report = Report.objects.create(record=OrganisationFactory(name="Pak SEO Company"), kind="spam")
    changelist = reverse("admin:curation_report_changelist")
    client.force_login(user)
    assert client.get(changelist).status_code == 302  # not staff: the admin's sign-in
    client.force_login(staff_user)
    page = client.get(changelist, {"open": "yes"}).content.decode()
    assert "Pak SEO Company" in page
    client.post(changelist, {"action": "resolve_selected", "_selected_action": [report.pk]})
    report.refresh_from_db()
    assert report.resolved_at is not None and report.resolved_by == staff_user
