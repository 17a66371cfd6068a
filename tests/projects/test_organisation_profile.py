"""The organisation profile gains its projects and partners (issue 3)."""

import pytest

from core.models import ModerationStatus
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def polifactory():
    poli = OrganisationFactory(name="Polifactory", slug="polifactory")
    wemake = OrganisationFactory(name="WeMake", country="IT", region="Milan")
    fablab = OrganisationFactory(name="Fab Lab Barcelona", country="ES", region="Barcelona")
    draft_org = OrganisationFactory(name="Draft Partner", status=ModerationStatus.DRAFT)
    loner = OrganisationFactory(name="Loner")
    only_in_draft = OrganisationFactory(name="Only In Draft Project")
    ProjectFactory(name="Open Aids Lab", organisations=[poli, wemake, fablab, draft_org])
    ProjectFactory(name="Small Urban Manufacturing", organisations=[poli, wemake])
    ProjectFactory(
        name="Secret Project", status=ModerationStatus.PENDING, organisations=[poli, only_in_draft]
    )
    ProjectFactory(name="Loner's Project", organisations=[loner])
    return poli


def test_partners_share_a_published_project(polifactory):
    partners = list(polifactory.partners().values_list("name", flat=True))
    # Each once, published only, never itself, never through an unpublished project.
    assert partners == ["Fab Lab Barcelona", "WeMake"]


def test_published_projects(polifactory):
    assert sorted(polifactory.published_projects().values_list("name", flat=True)) == [
        "Open Aids Lab",
        "Small Urban Manufacturing",
    ]


def test_profile_lists_projects_and_partners(client, polifactory):
    content = client.get(polifactory.get_absolute_url()).content.decode()
    assert "Polifactory is involved with:" in content
    assert '<a href="/projects/' in content
    assert "Open Aids Lab" in content and "Small Urban Manufacturing" in content
    assert "Secret Project" not in content
    assert "Partners" in content
    assert "WeMake" in content and "Fab Lab Barcelona" in content
    assert "Draft Partner" not in content
    # Only in a draft project, it is no partner (though, in the same city, it may be suggested).
    partners = content.split('id="partners-heading"')[1].split("</section>")[0]
    assert "Only In Draft Project" not in partners
    assert "Loner" not in partners


def test_profile_without_projects_has_no_empty_sections(client):
    organisation = OrganisationFactory(name="Alone")
    content = client.get(organisation.get_absolute_url()).content.decode()
    assert "is involved with" not in content
    assert "Partners" not in content


def test_profile_query_count_is_fixed_with_many_projects_and_partners(
    client, django_assert_max_num_queries
):
    organisation = OrganisationFactory(tags=["a", "b", "c"], networks=["n"])
    for n in range(15):
        partners = [OrganisationFactory(tags=["x"]) for _ in range(3)]
        ProjectFactory(
            name=f"Shared {n}",
            organisations=[organisation, *partners],
            tags=["t1", "t2"],
            focus=["Open data"],
        )
    with django_assert_max_num_queries(8):
        response = client.get(organisation.get_absolute_url())
    content = response.content.decode()
    # The list's links (the neighbourhood drawing links to them again, with a class).
    assert content.count('<a href="/projects/project-') == 15 + content.count(
        '<a href="/projects/project-', content.index('class="related neighbourhood"')
    )
    assert len(response.context["projects"]) == 15
    assert len(response.context["partners"]) == 45


def test_organisations_do_not_import_projects():
    import ast
    from pathlib import Path

    import organisations

    for path in Path(organisations.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("projects"), path
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("projects") for a in node.names), path
