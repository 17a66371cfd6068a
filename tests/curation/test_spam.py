"""Spam: staff mark it (out of every list, search and sitemap, kept for audit); the importer
sets what looks like spam aside for review instead of publishing it."""

import pytest
from django.urls import reverse

from core.models import ModerationStatus
from curation.spam import likely_spam
from dsi4eu import importer
from organisations.models import Organisation
from projects.models import Project
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("High Quality Essay Writing Service In Pakistan", "", "essay mill"),
        ("Dissertationplanet", "", "essay mill"),
        ("5 Things that will make you a Good Student", "we are a Writing company", "essay mill"),
        ("Pak SEO Company", "", "SEO"),
        ("PowerPoint Designing Company in Dubai", "", "design services"),
        ("Registration Loans", "", "loans"),
        ("Aff?rd?bl? Air??rt tr?n?f?r in I?t?nbul", "", "letters hidden"),
        ("Cheap transfers", "Book your airport transfer now", "airport transfer"),
        ("prova2", "", "test entry"),
        ("testing", "", "test entry"),
    ],
)
def test_what_reads_as_spam(name, text, reason):
    assert reason in likely_spam(name, text)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Digital assignment", "Students get an assignment to map their street."),
        ("Pride Of Place", "disabled people being cheats, liars and a burden, they were told"),
        ("MuseomixUK", "museums don?t really love us back"),  # a lost apostrophe
        ("Polifactory", "The makerspace of Politecnico di Milano."),
        ("Testbed Amsterdam", "A test bed for the Internet of Things."),
    ],
)
def test_what_does_not(name, text):
    assert likely_spam(name, text) == ""


def export_row(legacy_id, name, **values):
    return {"organisation_id": legacy_id, "organisation_name": name, **values}


def test_the_importer_sets_likely_spam_aside_and_staff_decide():
    rows = [
        export_row(1, "Assignment Writing Help Pakistan", short_description="Essay help"),
        export_row(2, "Polifactory", short_description="A makerspace in Milan."),
    ]
    result = importer.import_organisations(rows)
    assert [(legacy_id, name) for legacy_id, name, _ in result.flagged] == [
        (1, "Assignment Writing Help Pakistan")
    ]
    spam = Organisation.objects.get(legacy_id=1)
    assert spam.status == ModerationStatus.PENDING
    assert spam.flagged_reason == "Likely spam: essay mill"
    assert Organisation.objects.get(legacy_id=2).status == ModerationStatus.PUBLISHED
    # A second run leaves it as it is; once staff approved it, it is never flagged again.
    assert importer.import_organisations(rows).flagged == []
    spam.approve(by=None)
    Organisation.objects.filter(pk=spam.pk).update(flagged_reason="")
    assert importer.import_organisations(rows).flagged == []
    assert Organisation.objects.get(legacy_id=1).status == ModerationStatus.PUBLISHED


def test_the_2017_export_flags_its_spam():
    import json
    from pathlib import Path

    from django.conf import settings

    data = Path(settings.BASE_DIR).parent / "shared" / "data" / "dsi4eu-2017"
    organisations = json.loads((data / "organisations.json").read_text())
    projects = json.loads((data / "projects.json").read_text())
    flagged_organisations = [
        r["organisation_name"]
        for r in organisations
        if likely_spam(r["organisation_name"], r["short_description"], r["long_description"])
    ]
    flagged_projects = [
        r["project_name"]
        for r in projects
        if likely_spam(r["project_name"], r["short_description"], r["long_description"])
    ]
    assert len(flagged_organisations) == 9 and "Pak SEO Company" in flagged_organisations
    assert len(flagged_projects) == 14 and "Dissertationplanet" in flagged_projects


def test_staff_mark_spam_and_it_leaves_every_public_page(client, staff_user):
    spam = ProjectFactory(name="Cheap Essays Online", short_description="Buy essays")
    kept = ProjectFactory(name="Aria Pulita")
    client.force_login(staff_user)
    client.post(
        reverse("admin:projects_project_changelist"),
        {"action": "mark_spam_selected", "_selected_action": [spam.pk]},
    )
    spam.refresh_from_db()
    assert spam.status == ModerationStatus.SPAM
    assert Project.objects.filter(pk=spam.pk).exists()  # kept for audit
    client.logout()
    assert "Cheap Essays" not in client.get(reverse("projects:list")).content.decode()
    assert "Aria Pulita" in client.get(reverse("projects:list")).content.decode()
    found = client.get(reverse("search:results"), {"q": "essays"}).content.decode()
    assert "Cheap Essays" not in found
    assert client.get(spam.get_absolute_url()).status_code == 404
    sitemap = client.get("/sitemap-projects.xml").content.decode()
    assert spam.slug not in sitemap and kept.slug in sitemap


def test_people_without_the_permission_cannot_mark_spam(client, user):
    organisation = OrganisationFactory()
    client.force_login(user)
    client.post(
        reverse("admin:organisations_organisation_changelist"),
        {"action": "mark_spam_selected", "_selected_action": [organisation.pk]},
    )
    organisation.refresh_from_db()
    assert organisation.status == ModerationStatus.PUBLISHED
