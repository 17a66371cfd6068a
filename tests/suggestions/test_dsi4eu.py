"""Suggestions on the real DSI4EU 2017 export (1,219 organisations, 812 projects), imported once
for the module with the dsi4eu importer."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Q

from organisations.models import Organisation
from projects.models import Project
from suggestions.engine import organisations_like, projects_like

DATA = Path(settings.BASE_DIR).parent / "shared/data/dsi4eu-2017"
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not (DATA / "projects.json").exists(), reason=f"no export in {DATA}"),
]


@pytest.fixture(scope="module", autouse=True)
def dsi4eu(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command(
            "import_dsi4eu",
            organisations=str(DATA / "organisations.json"),
            projects=str(DATA / "projects.json"),
            stdout=io.StringIO(),
        )
        yield
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE organisations_organisation, projects_project, taggit_tag, "
                "core_networktag CASCADE"
            )


def partners_of(organisation):
    return set(organisation.partners().values_list("name", flat=True))


def test_an_organisation_with_shared_projects_gets_its_partners_first():
    waag = Organisation.objects.get(name="Waag Society")
    partners = partners_of(waag)
    assert len(partners) >= 6
    found = organisations_like(waag)
    assert len(found) == 6
    assert {s.name for s in found} <= partners
    for suggestion in found:
        assert suggestion.reasons[0].startswith("works on ")
        assert suggestion.reasons[0].endswith(" with Waag Society")
    # The most shared projects first.
    counts = [int(s.reasons[0].split()[2]) for s in found]
    assert counts == sorted(counts, reverse=True)


def test_partners_come_before_everything_else_for_every_organisation_with_few():
    organisations = (
        Organisation.objects.published()
        .annotate(n=Count("projects", filter=Q(projects__status="published")))
        .filter(n__gte=1)
        .order_by("pk")[:40]
    )
    for organisation in organisations:
        partners = partners_of(organisation)
        found = [s.name for s in organisations_like(organisation)]
        leading = found[: len(partners)]
        # Partners whose name it shares (the export's duplicates) are not suggested.
        expected = {p for p in partners if p.strip().lower() != organisation.name.strip().lower()}
        assert set(leading) <= expected | {n for n in found if n in expected}, organisation
        assert set(found[: min(len(expected), 6)]) <= expected, organisation


def test_a_fablab_gets_fablabs_with_reasons():
    palermo = Organisation.objects.filter(name="FabLab Palermo").first()
    found = organisations_like(palermo)
    assert len(found) == 6
    assert all("FabLab Network" in s.reasons[0] for s in found)
    assert any(r.startswith("shares ") for s in found for r in s.reasons)


def test_never_itself_never_twice_across_the_export():
    for organisation in Organisation.objects.published().order_by("pk")[::25]:
        found = organisations_like(organisation)
        lowered = [s.name.strip().lower() for s in found]
        assert len(lowered) == len(set(lowered)), organisation
        assert organisation.name.strip().lower() not in lowered, organisation
        assert organisation.get_absolute_url() not in {s.url for s in found}
        assert all(s.reasons for s in found)


def test_the_export_duplicates_show_once_the_better_filled():
    duplicated = (
        Organisation.objects.values("name")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .order_by("name")
        .first()
    )
    assert duplicated is not None
    rows = list(Organisation.objects.filter(name=duplicated["name"]))
    seen = 0
    for other in Organisation.objects.published().exclude(name=duplicated["name"])[:400]:
        urls = {s.url for s in organisations_like(other)}
        shown = [r for r in rows if r.get_absolute_url() in urls]
        assert len(shown) <= 1
        seen += len(shown)
    assert seen


def test_unpublished_ones_go_at_once():
    waag = Organisation.objects.get(name="Waag Society")
    first = organisations_like(waag)[0]
    Organisation.objects.get(name=first.name).unpublish()
    assert first.name not in {s.name for s in organisations_like(waag)}


def test_projects_like_this_one_on_the_real_data():
    project = (
        Project.objects.published()
        .annotate(n=Count("organisations"))
        .filter(n__gte=2)
        .order_by("-n", "pk")
        .first()
    )
    found = projects_like(project)
    assert len(found) == 6
    assert all("in common" in s.reasons[0] for s in found)
    assert project.name not in {s.name for s in found}


def test_profiles_on_the_real_data_stay_within_six_queries(client, django_assert_max_num_queries):
    waag = Organisation.objects.get(name="Waag Society")
    with django_assert_max_num_queries(6):
        response = client.get(waag.get_absolute_url())
    assert "Organisations like this one" in response.content.decode()
    project = Project.objects.published().filter(organisations=waag).first()
    with django_assert_max_num_queries(5):
        response = client.get(project.get_absolute_url())
    assert "Projects like this one" in response.content.decode()
