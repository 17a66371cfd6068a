import pytest
from django.urls import reverse

from core.models import ModerationStatus
from organisations.models import SocialLink
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("organisations:list")


def names(response):
    return [o.name for o in response.context["page"].object_list]


@pytest.fixture
def directory():
    """A small directory with something to tell apart on every filter."""
    return {
        "poli": OrganisationFactory(
            name="Polifactory",
            short_description="The makerspace of Politecnico di Milano.",
            country="IT",
            region="Milan",
            organisation_type="academia",
            size="11-25",
            tags=["digital fabrication", "fablab", "makerspace", "making"],
            networks=["FabLab Network"],
        ),
        "wemake": OrganisationFactory(
            name="WeMake",
            short_description="Makerspace and fab lab in Milan.",
            country="IT",
            organisation_type="grassroots",
            size="6-10",
            tags=["makerspace"],
            networks=["FabLab Network"],
        ),
        "mysociety": OrganisationFactory(
            name="mySociety",
            short_description="Digital tools for active citizens.",
            country="GB",
            region="London",
            organisation_type="non-profit",
            size="26-50",
            tags=["civic tech", "open data"],
        ),
        "waag": OrganisationFactory(
            name="Waag",
            short_description="Technology and society lab.",
            country="NL",
            organisation_type="non-profit",
            size="51-100",
            tags=["open data"],
        ),
    }


def test_list_shows_published_only(client):
    OrganisationFactory(name="Visible")
    for status in (ModerationStatus.DRAFT, ModerationStatus.PENDING, ModerationStatus.REJECTED):
        OrganisationFactory(name=f"Hidden {status}", status=status)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert names(response) == ["Visible"]
    assert b"Hidden" not in response.content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"country": "IT"}, ["Polifactory", "WeMake"]),
        ({"type": "non-profit"}, ["mySociety", "Waag"]),
        ({"size": "6-10"}, ["WeMake"]),
        ({"tag": "open-data"}, ["mySociety", "Waag"]),
        ({"network": "fablab-network"}, ["Polifactory", "WeMake"]),
        ({"letter": "W"}, ["Waag", "WeMake"]),
        ({"letter": "m"}, []),  # letters are upper case in the URL; a lower one is ignored…
        ({"q": "makerspace"}, ["Polifactory", "WeMake"]),  # summary and tag
        ({"q": "polifact"}, ["Polifactory"]),  # part of a name
        ({"q": "civic"}, ["mySociety"]),  # a tag only
        ({"q": "civic fabrication"}, []),  # every word must match
        ({"country": "IT", "type": "academia"}, ["Polifactory"]),
        ({"country": "GB", "tag": "open-data", "q": "citizens"}, ["mySociety"]),
    ],
)
def test_each_filter_alone_and_combined(client, directory, query, expected):
    response = client.get(LIST_URL, query)
    assert response.status_code == 200
    if query == {"letter": "m"}:
        # …so the full list shows, and the page does not fail.
        assert len(names(response)) == 4
    else:
        assert sorted(names(response)) == sorted(expected)


def test_letter_hash_lists_names_not_starting_with_a_letter(client):
    OrganisationFactory(name="#3DPM (#3DPrinting Network Manchester)")
    OrganisationFactory(name="42 Lab")
    OrganisationFactory(name="Alpha")
    response = client.get(LIST_URL, {"letter": "#"})
    assert sorted(names(response)) == ["#3DPM (#3DPrinting Network Manchester)", "42 Lab"]


def test_facet_counts_follow_the_other_active_filters(client, directory):
    response = client.get(LIST_URL, {"country": "IT"})
    facets = response.context["facets"]
    # Countries ignore their own filter, so every other country is still offered with its count.
    assert {code: n for code, _, n in facets["country"]} == {"IT": 2, "GB": 1, "NL": 1}
    # Types and sizes count within Italy.
    assert {v: n for v, _, n in facets["type"] if n} == {"academia": 1, "grassroots": 1}
    assert {v: n for v, _, n in facets["size"] if n} == {"11-25": 1, "6-10": 1}
    assert {slug: n for slug, _, n in facets["tag"]}["makerspace"] == 2
    assert {slug: n for slug, _, n in facets["network"]} == {"fablab-network": 2}
    assert "Italy (2)" in response.content.decode()


def test_type_and_size_counts_apply_each_other(client, directory):
    response = client.get(LIST_URL, {"type": "non-profit", "size": "26-50"})
    facets = response.context["facets"]
    assert {v: n for v, _, n in facets["type"]}["non-profit"] == 1
    assert {v: n for v, _, n in facets["size"]}["51-100"] == 1  # Waag, within non-profits


def test_pagination_keeps_filters_and_tolerates_garbage(client):
    for n in range(30):
        OrganisationFactory(name=f"Italian {n:02d}", country="IT")
    OrganisationFactory(name="Elsewhere", country="FR")
    first = client.get(LIST_URL, {"country": "IT"})
    assert len(names(first)) == 24
    content = first.content.decode()
    assert "?country=IT&amp;page=2" in content
    second = client.get(LIST_URL, {"country": "IT", "page": "2"})
    assert names(second) == [f"Italian {n:02d}" for n in range(24, 30)]
    for page in ["abc", "-1", "0", "999999", "1e9", "", "2'--"]:
        response = client.get(LIST_URL, {"country": "IT", "page": page})
        assert response.status_code == 200, page


@pytest.mark.parametrize(
    "query",
    [
        {"country": "ZZ"},
        {"type": "<script>alert(1)</script>"},
        {"size": "huge"},
        {"tag": "no-such-tag"},
        {"network": "x" * 5000},
        {"letter": "ÄÖ"},
        {"q": "x" * 10000},
        {"q": "%_\\'\"; DROP TABLE organisations_organisation; --"},
        {"q": "🙂 مرحبا"},
        {"q": "\x00"},
        {"country": ["IT", "GB"]},
    ],
)
def test_garbage_in_the_query_gives_a_normal_page(client, directory, query):
    response = client.get(LIST_URL, query)
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_empty_state(client, directory):
    response = client.get(LIST_URL, {"q": "nothing-matches-this"})
    assert "No organisations found" in response.content.decode()


def test_htmx_request_renders_only_the_directory_partial(client, directory):
    response = client.get(LIST_URL, {"country": "IT"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    # The new <title> first (htmx puts it in the tab), then the results.
    title, _, content = content.partition("</title>")
    assert title.startswith("<title>")
    assert content.lstrip().startswith('<div id="directory"')
    assert "<html" not in content
    assert "Polifactory" in content


def test_list_query_count_is_fixed(client, django_assert_max_num_queries):
    for n in range(40):
        OrganisationFactory(
            name=f"Org {n:02d}", tags=[f"topic {n}", "shared"], networks=[f"net {n % 3}"]
        )
    for query in [{}, {"country": "IT", "tag": "shared", "network": "net-1", "q": "org"}]:
        with django_assert_max_num_queries(8):
            response = client.get(LIST_URL, query)
        assert response.status_code == 200


def test_profile_shows_what_digitalsocial_showed(client, directory):
    poli = directory["poli"]
    poli.description = "<p>Politecnico di Milano's makerspace.</p>"
    poli.website = "https://www.polifactory.polimi.it/"
    poli.save()
    SocialLink.objects.create(organisation=poli, kind="linkedin", url="https://linkedin.com/x")
    response = client.get(poli.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Polifactory · DSI Directory</title>" in content
    assert "Polifactory is based in Italy" in content
    assert "Milan" in content
    assert "Tagged under" in content and "digital fabrication" in content
    assert "Networks we belong to" in content and "FabLab Network" in content
    assert 'href="https://www.polifactory.polimi.it/"' in content
    assert 'href="https://linkedin.com/x"' in content
    assert '<meta name="description" content="The makerspace of Politecnico di Milano.">' in content
    assert '<meta property="og:title" content="Polifactory">' in content
    assert '"@type": "Organization"' in content
    assert '"addressCountry": "IT"' in content


def test_profile_query_count_is_fixed(client, django_assert_max_num_queries):
    organisation = OrganisationFactory(
        tags=[f"topic {n}" for n in range(20)], networks=[f"network {n}" for n in range(5)]
    )
    for n in range(5):
        SocialLink.objects.create(organisation=organisation, url=f"https://example.org/{n}")
    with django_assert_max_num_queries(8):
        response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("status", ["draft", "pending", "rejected"])
def test_profile_of_unpublished_is_404(client, status):
    organisation = OrganisationFactory(status=status)
    assert client.get(organisation.get_absolute_url()).status_code == 404


def test_profile_of_unknown_slug_is_404_with_a_friendly_page(client):
    response = client.get("/organisations/no-such-thing/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_home_page(client, directory, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/")
    assert response.status_code == 200
    assert "Join the community of 4 organisations" in response.content.decode()


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")


def test_places_are_tidied_on_save_and_addresses_kept_as_typed():
    """Issue 10: "ROME", "huesca", "gent" read Rome, Huesca, Gent; an address keeps its form,
    without the "#sthash….dpuf" that copy and paste brought."""
    organisation = OrganisationFactory(
        region="ROME", address="Pujades 102, 8005#sthash.uEWqIjJs.dpuf"
    )
    organisation.refresh_from_db()
    assert organisation.region == "Rome"
    assert organisation.address == "Pujades 102, 8005"
    organisation.region = "huesca"
    organisation.save()
    organisation.refresh_from_db()
    assert organisation.region == "Huesca"


def test_names_sort_as_people_expect(client):
    """Issue 10: byte order put "AGH" before "Aalto University" and "fablab palermo" after Z.
    Names use the ICU collation directory_names (root locale, strength 2: case ignored)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT collprovider FROM pg_collation WHERE collname = 'directory_names'")
        if cursor.fetchone()[0] != "i":
            pytest.skip("this PostgreSQL was built without ICU: names sort in byte order")
    for name in ["AGH", "Zeta Lab", "fablab palermo", "Aalto University", "FabLab Palermo"]:
        OrganisationFactory(name=name)
    listed = names(client.get(LIST_URL))
    assert listed[:2] == ["Aalto University", "AGH"]
    assert set(listed[2:4]) == {"fablab palermo", "FabLab Palermo"}  # side by side
    assert listed[4] == "Zeta Lab"


def test_a_filtered_list_says_what_it_shows(client, directory):
    """Issue 10: the <title> and a heading name the filters, each filter is a chip with a link
    that removes it, and empty parameters are left out of those links."""
    response = client.get(LIST_URL, {"country": "IT", "tag": "fablab", "q": ""})
    page = response.content.decode()
    assert "<title>Organisations in Italy tagged fablab · DSI Directory</title>" in page
    assert '<h2 class="results__title">Organisations in Italy tagged fablab</h2>' in page
    assert 'in Italy <a href="?tag=fablab"' in page
    assert 'tagged fablab <a href="?country=IT"' in page
    # htmx gets the new title with the results.
    swapped = client.get(LIST_URL, {"country": "IT"}, HTTP_HX_REQUEST="true").content.decode()
    assert swapped.startswith("<title>Organisations in Italy · DSI Directory</title>")
    # No filter: no chips, the plain title.
    plain = client.get(LIST_URL).content.decode()
    assert "<title>Organisations · DSI Directory</title>" in plain and "filter-chip" not in plain


def test_a_tag_outside_the_top_15_stays_selected(client):
    for n in range(16):  # sixteen tags on two organisations each: the rare one is not shown
        OrganisationFactory(tags=[f"common {n:02d}"])
        OrganisationFactory(tags=[f"common {n:02d}"])
    OrganisationFactory(name="Rare One", tags=["rare-topic"])
    shown = client.get(LIST_URL).content.decode()
    assert 'value="rare-topic"' not in shown
    page = client.get(LIST_URL, {"tag": "rare-topic"}).content.decode()
    assert '<option value="rare-topic" selected>' in page
    assert "Rare One" in page


def test_letter_links_keep_the_filters_and_go_back_to_page_one(client):
    OrganisationFactory(name="Alpha", country="IT")
    page = client.get(LIST_URL, {"country": "IT", "page": "1", "letter": "B"}).content.decode()
    assert 'href="?country=IT&amp;letter=M"' in page
    assert 'href="?country=IT&amp;letter=%23"' in page  # "#" is escaped
    assert 'href="?country=IT&amp;page=1' not in page
    assert '<a href="?country=IT&amp;letter=B" data-hx-get="?country=IT&amp;letter=B"' in page


def test_a_card_shows_its_first_four_tags_a_to_z_read_in_the_lists_own_query(
    client, django_assert_max_num_queries
):
    OrganisationFactory(name="Zeta", tags=["wearables", "Open data", "civic tech", "Making", "art"])
    OrganisationFactory(name="Alpha", tags=[])
    with django_assert_max_num_queries(12) as queries:
        response = client.get(LIST_URL)
    assert not any("prefetch" in q["sql"] for q in queries.captured_queries)
    card = response.content.decode().split(">Zeta</a>")[1].split("</article>")[0]
    chips = [part.split("</li>")[0] for part in card.split('<li class="chip">')[1:]]
    assert chips == ["art", "civic tech", "Making", "Open data"]  # case ignored
    alpha = response.content.decode().split(">Alpha</a>")[1].split("</article>")[0]
    assert "chips" not in alpha  # no empty list of chips


@pytest.mark.parametrize(
    ("country", "kept"), [("IT", True), ("it", False), ("XX", False), ("<script>", False)]
)
def test_the_country_filter_keeps_a_known_code_and_drops_anything_else(client, country, kept):
    OrganisationFactory(name="Polifactory", country="IT")
    OrganisationFactory(name="mySociety", country="GB")
    response = client.get(LIST_URL, {"country": country})
    assert response.status_code == 200
    assert names(response) == (["Polifactory"] if kept else ["mySociety", "Polifactory"])
    assert "<script>" not in response.content.decode()
