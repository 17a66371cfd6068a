"""Organisations and projects like this one: the order of the signals, what is never shown, and
what the profile costs. Small rows made for each case (the real data is in test_dsi4eu.py)."""

import pytest
from django.urls import reverse

from core.models import ModerationStatus
from suggestions.engine import organisations_like, projects_like
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def names(suggestions):
    return [s.name for s in suggestions]


def nowhere(**values):
    """An organisation that shares no place and no words with the others by default."""
    return OrganisationFactory(country="", region="", description="", **values)


@pytest.fixture
def polifactory():
    me = OrganisationFactory(
        name="Polifactory",
        country="IT",
        region="Milan",
        tags=["fablab", "makerspace", "making"],
        networks=["FabLab Network"],
        description="<p>The makerspace of Politecnico di Milano.</p>",
    )
    ProjectFactory(name="OpenDot", organisations=[me], focus=["Open hardware"])
    return me


def test_signals_in_their_order_of_weight(polifactory):
    partner = nowhere(name="Partner")
    ProjectFactory(organisations=[polifactory, partner])
    partner_of_partner = nowhere(name="Partner of partner")
    ProjectFactory(organisations=[partner, partner_of_partner])
    network = nowhere(name="Same network", networks=["FabLab Network"])
    tags = nowhere(name="Three tags", tags=["fablab", "makerspace", "making"])
    one_tag = nowhere(name="One tag", tags=["making"])
    focus = nowhere(name="Same focus")
    ProjectFactory(organisations=[focus], focus=["Open hardware"], country="", region="")
    city = OrganisationFactory(name="Same city", country="IT", region="milan ", description="")
    country = OrganisationFactory(name="Same country", country="IT", region="Turin", description="")
    nowhere(name="Nothing in common")

    found = organisations_like(polifactory)
    assert names(found) == [
        "Partner", "Partner of partner", "Same network", "Three tags", "One tag", "Same focus",
    ]  # fmt: skip
    reasons = {s.name: s.reasons for s in found}
    assert reasons["Partner"][0] == "works on 1 project with Polifactory"
    assert reasons["Partner of partner"][0] == "works with 1 partner of Polifactory"
    assert reasons["Same network"][0] == "also in FabLab Network"
    assert reasons["Three tags"][0] == "shares 3 tags: fablab, makerspace, making"
    assert reasons["One tag"][0] == "shares 1 tag: making"
    assert reasons["Same focus"][0] == "same DSI focus: Open hardware"
    assert found[0].url == partner.get_absolute_url()

    # With the stronger ones gone, place comes next: the city, then the country.
    for record in (partner, partner_of_partner, network, tags, one_tag, focus):
        record.unpublish()
    found = organisations_like(polifactory)
    assert names(found)[:2] == ["Same city", "Same country"]
    assert found[0].reasons[0] == "also in Milan"  # places are tidied on save
    assert found[1].reasons[0] == "also in Italy"
    assert city.pk and country.pk


def test_never_itself_never_unpublished_never_a_name_twice(polifactory):
    twin = nowhere(name="polifactory ", tags=["fablab"])  # the same name as itself
    hidden = nowhere(name="Hidden", tags=["fablab", "makerspace", "making"])
    hidden.status = ModerationStatus.PENDING
    hidden.save()
    thin = nowhere(name="FabLab Catania", tags=["fablab", "makerspace", "making"])
    full = OrganisationFactory(
        name="Fablab Catania",
        tags=["fablab"],
        country="IT",
        region="Catania",
        website="https://fablabcatania.example",
        description="<p>" + "A makerspace in Catania. " * 20 + "</p>",
    )
    found = organisations_like(polifactory)
    assert "Polifactory" not in names(found)
    assert twin.name not in names(found)
    assert "Hidden" not in names(found)
    # The better-filled of the two rows with the same name, once.
    assert [s.url for s in found if s.name.lower() == "fablab catania"] == [full.get_absolute_url()]
    assert thin.pk


def test_projects_like_this_one():
    maker = nowhere(name="Maker")
    me = ProjectFactory(
        name="OpenDot", organisations=[maker], tags=["3d printing"], focus=["Open hardware"]
    )
    same_org = ProjectFactory(
        name="Same organisation", organisations=[maker], country="", region=""
    )
    tagged = ProjectFactory(name="Tagged", tags=["3d printing"], country="", region="")
    focus = ProjectFactory(name="Same focus", focus=["Open hardware"], country="FR", region="")
    ProjectFactory(name="Draft one", organisations=[maker], status=ModerationStatus.DRAFT)
    found = projects_like(me)
    assert names(found) == ["Same organisation", "Tagged", "Same focus"]
    assert found[0].reasons[0] == "1 organisation in common"
    assert found[1].reasons[0] == "shares 1 tag: 3d printing"
    assert found[2].reasons[0] == "same DSI focus: Open hardware"
    assert same_org.pk and tagged.pk and focus.pk


def test_profile_shows_them_within_six_queries(client, polifactory, django_assert_max_num_queries):
    for n in range(8):
        partner = nowhere(name=f"Partner {n}", tags=["fablab"])
        ProjectFactory(organisations=[polifactory, partner], tags=["t"], focus=["Open data"])
    # Versions, the organisation with its chips, its links, projects, partners, suggestions.
    with django_assert_max_num_queries(6):
        response = client.get(polifactory.get_absolute_url())
    content = response.content.decode()
    assert "Organisations like this one" in content
    assert content.count("works on 1 project with Polifactory") == 6
    # Seen again, the suggestions come from the cache.
    with django_assert_max_num_queries(5):
        client.get(polifactory.get_absolute_url(), HTTP_IF_NONE_MATCH="other")


def test_project_page_shows_them_within_five_queries(client, django_assert_max_num_queries):
    maker = nowhere(name="Maker")
    project = ProjectFactory(
        organisations=[maker],
        tags=[f"topic {n}" for n in range(5)],
        networks=["n1"],
        focus=["Open hardware", "Open data"],
        areas_of_impact=["Science"],
        technologies=["Robotics", "Big data"],
    )
    for n in range(8):
        ProjectFactory(name=f"Sibling {n}", organisations=[maker])
    # Versions, the project with its chips, its organisations, vocabularies, suggestions.
    with django_assert_max_num_queries(5):
        response = client.get(project.get_absolute_url())
    content = response.content.decode()
    assert "Projects like this one" in content
    chips = content.split("Tagged under")[1].split("</ul>")[0]
    assert [f"topic {n}</a>" in chips for n in range(5)] == [True] * 5
    assert content.count("1 organisation in common") == 6
    # The vocabularies, fetched together, still show in DESIGN.md's order.
    assert content.index("Open hardware") < content.index("Open data")
    assert "Robotics" in content and "Big data" in content and "Science" in content


def test_a_pending_record_seen_by_its_owner_gets_no_suggestions(client, user):
    record = OrganisationFactory(status=ModerationStatus.PENDING, owner=user, tags=["x"])
    OrganisationFactory(tags=["x"])
    client.force_login(user)
    content = client.get(record.get_absolute_url()).content.decode()
    assert "Organisations like this one" not in content


def test_an_organisation_alone_shows_no_empty_section(client):
    record = nowhere(name="Alone")
    content = client.get(record.get_absolute_url()).content.decode()
    assert "like this one" not in content
    assert reverse("organisations:list") in content
