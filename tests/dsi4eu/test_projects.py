"""`manage.py import_dsi4eu --projects FILE`: the real 2017 export, then the odd cases."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from taggit.models import Tag

from core.models import ModerationStatus
from dsi4eu import importer
from projects.models import Project, ProjectState, TopicTaggedProject
from tests.html import assert_no_live_script
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

DATA = Path(settings.BASE_DIR).parent / "shared/data/dsi4eu-2017"
ORGANISATIONS = DATA / "organisations.json"
PROJECTS = DATA / "projects.json"
needs_export = pytest.mark.skipif(
    not (ORGANISATIONS.exists() and PROJECTS.exists()),
    reason=f"the DSI4EU 2017 export is not in {DATA}",
)

SCRIPT = "<script>alert(1)</script>"
ONERROR = '<img src=x onerror="alert(1)">'


def run(**files):
    out = io.StringIO()
    call_command("import_dsi4eu", stdout=out, **{k: str(v) for k, v in files.items()})
    return out.getvalue()


def write(tmp_path, rows, name="projects.json"):
    path = tmp_path / name
    path.write_text(json.dumps(rows), encoding="utf-8")
    return path


def row(legacy_id, name, **values):
    """A row as the export writes it, every field present and empty unless given."""
    base = {
        "project_id": legacy_id,
        "project_name": name,
        "website": "",
        "short_description": "",
        "long_description": "",
        "social_impact": "",
        "start_date": None,
        "end_date": None,
        "country": "",
        "region": "",
        "latitude": "",
        "longitude": "",
        "linked_organisation_ids": [],
        "who_we_help_tags": [],
        "support_tags": [],
        "focus": [],
        "technology": [],
        "creation_date": "1970-01-01",
    }
    return base | values


def links(project):
    return (
        sorted(project.focus.values_list("name", flat=True)),
        sorted(project.areas_of_impact.values_list("name", flat=True)),
        sorted(project.technologies.values_list("name", flat=True)),
        sorted(project.tags.values_list("name", flat=True)),
        sorted(project.organisations.values_list("legacy_id", flat=True)),
    )


def snapshot():
    """Everything an import writes, to show that a run changed nothing."""
    return (
        sorted(Project.objects.values_list("pk", "slug", "updated_at")),
        sorted(Project.organisations.through.objects.values_list("pk", flat=True)),
        sorted(Project.focus.through.objects.values_list("pk", flat=True)),
        sorted(Project.areas_of_impact.through.objects.values_list("pk", flat=True)),
        sorted(Project.technologies.through.objects.values_list("pk", flat=True)),
        sorted(TopicTaggedProject.objects.values_list("pk", flat=True)),
        Tag.objects.count(),
    )


# --- The real export ------------------------------------------------------------------------------


@needs_export
def test_real_export_imports_every_project_and_link_and_a_second_run_changes_nothing():
    first = run(organisations=ORGANISATIONS, projects=PROJECTS)
    assert Project.objects.count() == 812
    # The essay mills, adverts, loans, cheats and test rows wait for review (curation/spam.py).
    assert Project.objects.published().count() == 812 - 14
    assert Project.objects.exclude(flagged_reason="").count() == 14
    assert "set aside for review as likely spam: 14" in first
    assert "created: 812" in first
    assert Project.organisations.through.objects.count() == 937
    before = snapshot()

    second = run(projects=PROJECTS)
    assert "created: 0" in second
    assert "updated: 0" in second
    assert "unchanged: 812" in second
    assert "skipped: 0" in second
    assert snapshot() == before


@needs_export
def test_real_export_rows_are_mapped(client):
    run(organisations=ORGANISATIONS, projects=PROJECTS)
    # #CampusInwatch: 2013–2017 area names mapped onto today's, lower-case technologies read.
    campus = Project.objects.get(legacy_id=251)
    focus, areas, technologies, tags, organisations = links(campus)
    assert focus == ["Open hardware", "Open knowledge"]
    assert areas == sorted(
        [
            "Culture and arts",
            "Skills and learning",  # Education and skills
            "Finance and economy",
            "Health and care",  # Health and wellbeing
            "Cities and urban development",  # Neighbourhood regeneration
            "Digital democracy",  # Participation and democracy
            "Science",
            "Work and employment",
        ]
    )
    assert "Big data" in technologies and "Sensors and internet of things" in technologies
    assert tags == []
    assert organisations == [368]

    # Open Source Beehives: a stray area-of-impact value is kept as a free tag.
    beehives = Project.objects.get(legacy_id=513)
    _, areas, technologies, tags, _ = links(beehives)
    assert "citizen science" in tags
    assert "Open data" in technologies  # written "open data"
    assert "Food, environment and climate change" not in areas

    # The old technology name.
    age = Project.objects.get(legacy_id=520)
    assert "AI and machine learning" in links(age)[2]

    # who_we_help_tags become free tags.
    student = Project.objects.get(legacy_id=846)
    assert "Essay Writing" in links(student)[3]

    # Dates, and closed once the end has passed.
    clarity = Project.objects.get(legacy_id=744)
    assert clarity.start_date == datetime.date(2016, 3, 1)
    assert clarity.end_date == datetime.date(2018, 2, 28)
    assert clarity.state == ProjectState.CLOSED
    assert links(clarity)[1] == ["Digital democracy"]
    assert Project.objects.filter(start_date=None, end_date=None).count() > 700

    # Every organisation shows its projects and partners, every project its organisations.
    waag = clarity.organisations.get()
    assert waag.partners().exists()
    profile = client.get(waag.get_absolute_url()).content.decode()
    assert f"{waag.name} is involved with:" in profile
    assert clarity.get_absolute_url() in profile
    page = client.get(clarity.get_absolute_url()).content.decode()
    assert waag.get_absolute_url() in page
    assert client.get(f"/project/{clarity.legacy_id}/clarity").status_code == 301


# --- Odd cases ------------------------------------------------------------------------------------


def test_both_export_shapes(tmp_path):
    poli = OrganisationFactory(legacy_id=368)
    rows = [
        row(
            1,
            "Objects",
            focus=[{"id": 3, "name": "Open data"}],
            support_tags=[{"id": 1, "name": "Education and skills"}, {"id": 9, "name": "ngo"}],
            technology=[{"id": 2, "name": "Artificial intelligence and machine learning"}],
            who_we_help_tags=[{"id": 5, "name": "students"}],
            linked_organisation_ids=[{"id": 368, "name": "Polifactory"}],
        ),
        row(
            2,
            "Strings",
            focus=["Open data"],
            support_tags=["Education and skills", "ngo"],
            technology=["Artificial intelligence and machine learning"],
            who_we_help_tags=["students"],
            linked_organisation_ids=["368"],
        ),
    ]
    importer.import_projects(rows)
    objects, strings = Project.objects.get(legacy_id=1), Project.objects.get(legacy_id=2)
    expected = (
        ["Open data"],
        ["Skills and learning"],
        ["AI and machine learning"],
        ["ngo", "students"],
        [poli.legacy_id],
    )
    assert links(objects) == expected
    assert links(strings) == expected


def test_changed_rows_update_fields_and_links_in_place(tmp_path):
    OrganisationFactory(legacy_id=10)
    OrganisationFactory(legacy_id=11)
    first = row(
        7,
        "Before",
        focus=["Open data"],
        technology=["Robotics"],
        linked_organisation_ids=["10"],
        who_we_help_tags=["old tag"],
    )
    result = importer.import_projects([first])
    assert result.created == 1
    project = Project.objects.get(legacy_id=7)
    project.unpublish()
    second = first | {
        "project_name": "After",
        "focus": ["Open knowledge"],
        "linked_organisation_ids": ["11", "10"],
        "who_we_help_tags": ["new tag"],
        "start_date": "2016-01-01",
        "end_date": "2017-01-01",
    }
    result = importer.import_projects([second])
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    project.refresh_from_db()
    assert project.name == "After"
    assert project.status == ModerationStatus.DRAFT  # staff's choice stays
    assert project.state == ProjectState.CLOSED
    assert links(project) == (["Open knowledge"], [], ["Robotics"], ["new tag"], [10, 11])
    assert importer.import_projects([second]).unchanged == 1


def test_dates_end_before_start_and_future_end(tmp_path):
    rows = [
        row(1, "Backwards", start_date="2017-05-01", end_date="2016-01-01"),
        row(2, "Future", start_date="2017-05-01", end_date="2999-01-01"),
        row(3, "Unknown", start_date="1970-01-01", end_date="0000-00-00"),
        row(4, "Garbage", start_date="soon", end_date="2017-02-30"),
    ]
    result = importer.import_projects(rows, today=datetime.date(2020, 1, 1))
    assert result.created == 4
    backwards = Project.objects.get(legacy_id=1)
    assert (backwards.start_date, backwards.end_date) == (datetime.date(2017, 5, 1), None)
    assert ("end date before start date", "2016-01-01") in result.unrecognised
    future = Project.objects.get(legacy_id=2)
    assert future.state == ProjectState.LIVE and future.end_date == datetime.date(2999, 1, 1)
    for legacy_id in (1, 3, 4):
        project = Project.objects.get(legacy_id=legacy_id)
        assert project.end_date is None
        # Nothing says whether it goes on: "status unknown", never "Live · Ongoing".
        assert project.state == ProjectState.UNKNOWN
    for legacy_id in (3, 4):
        project = Project.objects.get(legacy_id=legacy_id)
        assert (project.start_date, project.end_date) == (None, None)


def test_links_to_organisations_not_imported_are_reported(tmp_path):
    OrganisationFactory(legacy_id=1)
    path = write(tmp_path, [row(5, "Half linked", linked_organisation_ids=["1", "404"])])
    out = run(projects=path)
    assert "created: 1" in out
    assert "organisation id (not imported) '404'" in out
    assert links(Project.objects.get(legacy_id=5))[4] == [1]


def test_bad_rows_are_skipped_with_their_reasons(tmp_path):
    rows = [
        row(1, "Good"),
        "not an object",
        row(None, "No id"),
        row("abc", "Bad id"),
        row(2, "   "),
        row(1, "Repeated"),
        row(3, "Also good", focus="Open data", technology=None, support_tags=""),
    ]
    path = write(tmp_path, rows)
    out = run(projects=path)
    assert Project.objects.count() == 2
    assert "skipped: 5" in out
    assert "row 2: not an object but str" in out
    assert "row 3: no project_id" in out
    assert "row 4: bad id 'abc'" in out
    assert "row 5 (project_id 2): no project_name" in out
    assert "row 6 (project_id 1): project_id repeated (first seen at row 1)" in out
    assert links(Project.objects.get(legacy_id=3))[0] == ["Open data"]


def test_script_is_stripped_from_every_text(tmp_path, client):
    rows = [
        row(
            1,
            f"Evil {SCRIPT}",
            short_description=f"Short {ONERROR}",
            long_description=f"<p>Fine</p>{SCRIPT}{ONERROR}<a href='javascript:alert(1)'>x</a>",
            social_impact=f"{SCRIPT} impact",
            region=ONERROR,
            website="javascript:alert(1)",
            who_we_help_tags=[SCRIPT, ONERROR],
            support_tags=[f"Science{SCRIPT}"],
        )
    ]
    importer.import_projects(rows)
    project = Project.objects.get(legacy_id=1)
    for text in [
        project.name,
        project.short_description,
        project.description,
        project.social_impact,
        project.region,
        project.website,
        *project.tags.names(),
    ]:
        assert "<script" not in text and "onerror=" not in text and "javascript:" not in text
    assert "<p>Fine</p>" in project.description
    response = client.get(project.get_absolute_url())
    assert response.status_code == 200
    assert_no_live_script(response.content)


def test_overlong_short_description_is_cut_and_kept():
    long = "word " * 60
    importer.import_projects([row(1, "Long", short_description=long)])
    project = Project.objects.get(legacy_id=1)
    assert len(project.short_description) <= 140
    assert project.short_description.endswith("…")
    assert "word word" in project.description


def test_coordinates_and_country(tmp_path):
    rows = [
        row(1, "Placed", latitude="45.5", longitude=9.15, country="Italy", region="Milan"),
        row(2, "Half", latitude="45.5", longitude="", country="Atlantis"),
    ]
    result = importer.import_projects(rows)
    placed, half = Project.objects.get(legacy_id=1), Project.objects.get(legacy_id=2)
    assert (placed.country.code, placed.region) == ("IT", "Milan")
    assert str(placed.latitude) == "45.500000" and str(placed.longitude) == "9.150000"
    assert half.latitude is None and half.longitude is None and half.country == ""
    assert ("country", "Atlantis") in result.unrecognised
