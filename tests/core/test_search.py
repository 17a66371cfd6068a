"""The full-text search every list and the search page share (core/search.py), on PostgreSQL."""

import pytest

from core.search import raw_tsquery, terms
from organisations.models import Organisation
from projects.models import DsiFocus, Project
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def found(text, model=Organisation):
    return [row.name for row in model.objects.published().search(text)]


@pytest.fixture
def organisations():
    OrganisationFactory(
        name="Polifactory",
        short_description="Makerspace of Politecnico di Milano.",
        description="<p>Design and manufacturing.</p>",
        tags=["digital fabrication"],
        networks=["FabLab Network"],
    )
    OrganisationFactory(
        name="Quiet Lab",
        short_description="A lab.",
        description="<p>We once visited Polifactory in Milan.</p>",
        region="Turin",
    )
    OrganisationFactory(
        name="Café Numérique", short_description="Digital café.", description="", region="Lyon"
    )


def test_terms_keep_only_words():
    assert terms("  Open   DATA ") == ["open", "data"]
    assert terms("%_'\"; DROP TABLE x; --") == ["drop", "table", "x"]
    assert terms("🙂") == []
    assert raw_tsquery(["open", "da"]) == "open & da:*"


def test_a_name_match_ranks_above_a_description_match(organisations):
    assert found("polifactory") == ["Polifactory", "Quiet Lab"]


def test_accents_do_not_matter_either_way(organisations):
    assert found("Polifáctory")[0] == "Polifactory"
    assert found("cafe numerique") == ["Café Numérique"]


def test_the_last_word_matches_as_a_prefix(organisations):
    assert found("digital fabri") == ["Polifactory"]
    assert found("fabri digital") == []  # only the last word is a prefix


def test_tags_networks_and_places_are_searched(organisations):
    assert found("fablab network") == ["Polifactory"]
    assert found("turin") == ["Quiet Lab"]


def test_typos_find_close_names(organisations):
    queryset = Organisation.objects.published()
    assert found("polifactroy") == []
    assert [o.name for o in queryset.search("polifactroy", similar=True)] == ["Polifactory"]


def test_the_lists_fall_back_to_close_names(client, organisations):
    response = client.get("/organisations/", {"q": "polifactroy"})
    assert [o.name for o in response.context["page"].object_list] == ["Polifactory"]


def test_unranked_search_lists_matches_a_to_z(organisations):
    unranked = Organisation.objects.published().search("polifactory", ranked=False)
    assert sorted(o.name for o in unranked) == ["Polifactory", "Quiet Lab"]


def test_close_names_never_crowd_out_real_matches(organisations):
    OrganisationFactory(name="Polyfactory Works")  # close to "polifactory" by name only
    assert found("polifactory") == ["Polifactory", "Quiet Lab"]


@pytest.mark.parametrize(
    "text",
    ["", "   ", "%", "_", "'", '"', "\\", "a & b | !c", "x:*", "()", "🙂", "مرحبا", "x" * 10000],
)
def test_any_text_is_a_safe_query(organisations, text):
    list(Organisation.objects.published().search(text))
    list(Organisation.objects.published().search(text, similar=True))


def test_the_vector_follows_tags_added_removed_and_renamed(organisations):
    from taggit.models import Tag

    lab = Organisation.objects.get(name="Quiet Lab")
    lab.tags.add("Sensors")
    assert found("sensors") == ["Quiet Lab"]
    tag = Tag.objects.get(name="Sensors")
    tag.name = "Air sensors"
    tag.save()
    assert found("air sensors") == ["Quiet Lab"]
    lab.tags.remove(tag)
    assert found("sensors") == []


def test_the_vector_follows_the_rows_own_text(organisations):
    lab = Organisation.objects.get(name="Quiet Lab")
    lab.name = "Loud Lab"
    lab.save()
    assert found("loud") == ["Loud Lab"]
    Organisation.objects.filter(pk=lab.pk).update(short_description="Bulk updated words")
    assert found("bulk updated") == ["Loud Lab"]


def test_project_vocabularies_are_searched_and_follow_renames():
    project = Project.objects.create(name="Mesh", slug="mesh", status="published")
    focus = DsiFocus.objects.get(name="Open networks")
    project.focus.add(focus)
    assert found("open networks", Project) == ["Mesh"]
    focus.name = "Community networks"
    focus.save()
    assert found("community", Project) == ["Mesh"]
