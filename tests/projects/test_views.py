import datetime

import pytest
from django.urls import reverse

from core.models import ModerationStatus
from projects.models import Project, ProjectState
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("projects:list")


def names(response):
    return [p.name for p in response.context["page"].object_list]


@pytest.fixture
def directory():
    """A few projects with something to tell apart on every filter."""
    return {
        "aids": ProjectFactory(
            name="Open Aids Lab",
            short_description="Makers and patients design assistive devices together.",
            country="IT",
            focus=["Open hardware", "Open knowledge"],
            areas_of_impact=["Health and care"],
            technologies=["Digital fabrication and 3D-printing"],
            tags=["co-design", "makerspace"],
        ),
        "sensors": ProjectFactory(
            name="Air Quality Commons",
            short_description="Citizens measure the air they breathe.",
            country="ES",
            focus=["Open hardware", "Open data"],
            areas_of_impact=["Food, environment and climate change", "Science"],
            technologies=["Sensors and internet of things", "Open data"],
            tags=["citizen science"],
            state="closed",
        ),
        "decide": ProjectFactory(
            name="Decide Together",
            short_description="Participatory budgeting for every neighbourhood.",
            country="ES",
            focus=["Open knowledge"],
            areas_of_impact=["Digital democracy"],
            technologies=["Digital democracy tools"],
            tags=["participation", "civic tech"],
        ),
        "mesh": ProjectFactory(
            name="Village Mesh",
            short_description="A wireless network the village owns.",
            country="DE",
            focus=["Open networks"],
            areas_of_impact=["Cities and urban development"],
            technologies=["Peer-to-peer networks"],
            tags=["community", "wifi"],
            state="closed",
        ),
    }


def test_list_shows_published_only(client):
    ProjectFactory(name="Visible")
    for status in (ModerationStatus.DRAFT, ModerationStatus.PENDING, ModerationStatus.REJECTED):
        ProjectFactory(name=f"Hidden {status}", status=status)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert names(response) == ["Visible"]
    assert b"Hidden" not in response.content
    content = response.content.decode()
    assert "<title>Projects · DSI Directory</title>" in content
    assert '<meta name="description" content="Browse 1 project ' in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"country": "ES"}, ["Air Quality Commons", "Decide Together"]),
        ({"focus": "open-hardware"}, ["Open Aids Lab", "Air Quality Commons"]),
        ({"focus": "open-networks"}, ["Village Mesh"]),
        ({"impact": "health-and-care"}, ["Open Aids Lab"]),
        ({"impact": "science"}, ["Air Quality Commons"]),
        ({"technology": "open-data"}, ["Air Quality Commons"]),
        ({"technology": "digital-democracy-tools"}, ["Decide Together"]),
        ({"tag": "makerspace"}, ["Open Aids Lab"]),
        ({"tag": "civic-tech"}, ["Decide Together"]),
        ({"state": "closed"}, ["Air Quality Commons", "Village Mesh"]),
        ({"state": "live"}, ["Open Aids Lab", "Decide Together"]),
        ({"q": "air"}, ["Air Quality Commons"]),  # part of a name
        ({"q": "neighbourhood"}, ["Decide Together"]),  # the summary
        ({"q": "wifi"}, ["Village Mesh"]),  # a tag only
        ({"q": "open mesh"}, ["Village Mesh"]),  # "open" from its focus, Open networks
        ({"q": "wifi neighbourhood"}, []),  # every word must match
        ({"country": "ES", "state": "live"}, ["Decide Together"]),
        ({"focus": "open-hardware", "impact": "science", "country": "ES"}, ["Air Quality Commons"]),
        ({"focus": "open-knowledge", "technology": "digital-democracy-tools"}, ["Decide Together"]),
    ],
)
def test_each_filter_alone_and_combined(client, directory, query, expected):
    response = client.get(LIST_URL, query)
    assert response.status_code == 200
    assert sorted(names(response)) == sorted(expected)


def test_a_project_in_two_matching_vocabulary_rows_is_listed_once(client, directory):
    ProjectFactory(name="Twice", technologies=["Open data", "Big data"], tags=["a", "b"])
    response = client.get(LIST_URL, {"q": "twice"})
    assert names(response) == ["Twice"]


def test_facet_counts_follow_the_other_active_filters(client, directory):
    response = client.get(LIST_URL, {"country": "ES"})
    facets = response.context["facets"]
    # Countries ignore their own filter: every country is still offered, with its count.
    assert {code: n for code, _, n in facets["country"]} == {"IT": 1, "ES": 2, "DE": 1}
    # The vocabularies count within Spain, and list every entry in DESIGN.md's order.
    focus = [(slug, n) for slug, _, n in facets["focus"]]
    assert focus == [
        ("open-hardware", 1),
        ("open-networks", 0),
        ("open-data", 1),
        ("open-knowledge", 1),
    ]
    impact = {slug: n for slug, _, n in facets["impact"]}
    assert len(impact) == 10
    assert impact["digital-democracy"] == 1 and impact["health-and-care"] == 0
    technology = {slug: n for slug, _, n in facets["technology"]}
    assert len(technology) == 18
    assert technology["open-data"] == 1 and technology["sensors-and-internet-of-things"] == 1
    assert {value: n for value, _, n in facets["state"]} == {"live": 1, "closed": 1, "unknown": 0}
    assert {slug: n for slug, _, n in facets["tag"]}["participation"] == 1
    content = response.content.decode()
    assert "Spain (2)" in content
    assert "Open hardware (1)" in content


def test_a_vocabulary_facet_ignores_its_own_filter_but_applies_the_others(client, directory):
    response = client.get(LIST_URL, {"focus": "open-hardware", "impact": "science"})
    facets = response.context["facets"]
    # Focus counts apply the impact filter (science: only Air Quality Commons)…
    assert {s: n for s, _, n in facets["focus"] if n} == {"open-hardware": 1, "open-data": 1}
    # …and impact counts apply the focus filter (open hardware: Open Aids Lab, Air Quality).
    assert {s: n for s, _, n in facets["impact"] if n} == {
        "health-and-care": 1,
        "food-environment-and-climate-change": 1,
        "science": 1,
    }
    assert names(response) == ["Air Quality Commons"]


def test_pagination_keeps_filters_and_tolerates_garbage(client):
    for n in range(30):
        ProjectFactory(name=f"Italian {n:02d}", country="IT")
    ProjectFactory(name="Elsewhere", country="FR")
    first = client.get(LIST_URL, {"country": "IT"})
    assert len(names(first)) == 24
    assert "?country=IT&amp;page=2" in first.content.decode()
    second = client.get(LIST_URL, {"country": "IT", "page": "2"})
    assert names(second) == [f"Italian {n:02d}" for n in range(24, 30)]
    assert "<title>Projects in Italy (page 2) · DSI Directory</title>" in second.content.decode()
    for page in ["abc", "-1", "0", "999999", "1e9", "", "2'--"]:
        response = client.get(LIST_URL, {"country": "IT", "page": page})
        assert response.status_code == 200, page


@pytest.mark.parametrize(
    "query",
    [
        {"country": "ZZ"},
        {"focus": "<script>alert(1)</script>"},
        {"impact": "no-such-area"},
        {"technology": "x" * 5000},
        {"tag": "no-such-tag"},
        {"state": "maybe"},
        {"q": "x" * 10000},
        {"q": "%_\\'\"; DROP TABLE projects_project; --"},
        {"q": "🙂 مرحبا"},
        {"q": "\x00"},
        {"country": ["IT", "ES"]},
        {"page": "999999", "focus": "open-data"},
    ],
)
def test_garbage_in_the_query_gives_a_normal_page(client, directory, query):
    response = client.get(LIST_URL, query)
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_empty_state(client, directory):
    response = client.get(LIST_URL, {"q": "nothing-matches-this"})
    assert "No projects found" in response.content.decode()


def test_htmx_request_renders_only_the_directory_partial(client, directory):
    response = client.get(LIST_URL, {"country": "ES"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    # The new <title> first (htmx puts it in the tab), then the results.
    title, _, content = content.partition("</title>")
    assert title.startswith("<title>")
    assert content.lstrip().startswith('<div id="directory"')
    assert "<html" not in content
    assert "Decide Together" in content and "Open Aids Lab" not in content


def test_the_filters_work_without_javascript(client, directory):
    content = client.get(LIST_URL).content.decode()
    assert f'<form class="filters" method="get" action="{LIST_URL}"' in content
    assert '<button type="submit">Apply filters</button>' in content
    for name in ["q", "country", "focus", "impact", "technology", "tag", "state"]:
        assert f'name="{name}"' in content


def test_list_query_count_is_fixed(client, django_assert_max_num_queries):
    organisations = [OrganisationFactory() for _ in range(3)]
    for n in range(40):
        ProjectFactory(
            name=f"Project {n:02d}",
            tags=[f"topic {n}", "shared", "more", "and more", "five"],
            networks=[f"net {n % 3}"],
            focus=["Open data", "Open knowledge"],
            areas_of_impact=["Science", "Health and care"],
            technologies=["Open data", "Big data", "Robotics"],
            organisations=organisations,
        )
    queries = [
        {},
        {"page": "2"},
        {
            "country": "IT",
            "tag": "shared",
            "focus": "open-data",
            "impact": "science",
            "technology": "big-data",
            "state": "live",
            "q": "project",
        },
    ]
    for query in queries:
        with django_assert_max_num_queries(8):
            response = client.get(LIST_URL, query)
        assert response.status_code == 200
        assert len(names(response)) >= 16
    with django_assert_max_num_queries(8):
        client.get(LIST_URL, {"focus": "open-data"}, headers={"HX-Request": "true"})


# --- The project page ---------------------------------------------------------------------------


def test_project_page_shows_everything(client, directory):
    project = directory["aids"]
    project.description = "<p>Makers, therapists and patients.</p>"
    project.social_impact = "People get devices that fit their lives."
    project.website = "https://example.org/open-aids"
    project.start_date = datetime.date(2016, 3, 1)
    project.save()
    project.networks.add("FabLab Network")
    poli = OrganisationFactory(name="Polifactory", short_description="Makerspace of PoliMi.")
    hidden = OrganisationFactory(name="Hidden Org", status=ModerationStatus.DRAFT)
    project.organisations.add(poli, hidden)

    response = client.get(project.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Open Aids Lab · DSI Directory</title>" in content
    assert (
        '<meta name="description" content="Makers and patients design assistive devices '
        'together.">' in content
    )
    assert '<meta property="og:title" content="Open Aids Lab">' in content
    assert '"@type": "Project"' in content
    assert "<p>Makers, therapists and patients.</p>" in content
    assert "Social impact" in content and "People get devices that fit their lives." in content
    assert "1 March 2016" in content
    assert "Ongoing" in content
    assert "Live" in content
    # Focus areas with their descriptions, areas of impact, technologies, tags, networks.
    assert "Open hardware" in content and "Open knowledge" in content
    assert "Creating, sharing and using open knowledge" in content
    assert "Health and care" in content
    assert "Digital fabrication and 3D-printing" in content
    assert "co-design" in content and "FabLab Network" in content
    # Organisations involved, linked; an unpublished one is not shown.
    assert f'<a href="{poli.get_absolute_url()}">Polifactory</a>' in content
    assert "Hidden Org" not in content
    assert 'href="https://example.org/open-aids"' in content


def test_project_page_shows_the_end_date_when_there_is_one(client):
    project = ProjectFactory(
        start_date=datetime.date(2015, 1, 10), end_date=datetime.date(2017, 6, 30), state="closed"
    )
    content = client.get(project.get_absolute_url()).content.decode()
    assert "30 June 2017" in content
    assert "Ongoing" not in content
    assert "Closed" in content
    assert '"dissolutionDate": "2017-06-30"' in content


def test_project_page_query_count_is_fixed(client, django_assert_max_num_queries):
    project = ProjectFactory(
        tags=[f"topic {n}" for n in range(20)],
        networks=[f"network {n}" for n in range(5)],
        focus=["Open hardware", "Open networks", "Open data", "Open knowledge"],
        areas_of_impact=["Science", "Health and care", "Digital democracy"],
        technologies=["Open data", "Big data", "Robotics", "VR and AR"],
        organisations=[OrganisationFactory() for _ in range(12)],
    )
    with django_assert_max_num_queries(8):
        response = client.get(project.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    # The list's links (the neighbourhood drawing links to them again: after the list).
    listed = content[: content.index('class="related neighbourhood"')]
    assert listed.count('<a href="/organisations/organisation-') == 12


@pytest.mark.parametrize("status", ["draft", "pending", "rejected"])
def test_page_of_unpublished_project_is_404(client, status):
    project = ProjectFactory(status=status)
    assert client.get(project.get_absolute_url()).status_code == 404


def test_unknown_slug_is_404(client):
    response = client.get("/projects/no-such-thing/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_end_date_before_start_date_is_refused():
    from django.core.exceptions import ValidationError

    project = Project(
        name="Backwards",
        slug="backwards",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2019, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "end_date" in error.value.message_dict


def test_counts_are_cached_per_filter_set_and_follow_any_change(
    client, directory, django_assert_max_num_queries
):
    first = client.get(LIST_URL, {"country": "ES"})
    assert first.context["page"].paginator.count == 2
    # The same filters again, on any page: no counting, only the latest change and the rows.
    with django_assert_max_num_queries(3):
        again = client.get(LIST_URL, {"country": "ES", "page": "1", "utm": "x"})
    assert again.context["facets"] == first.context["facets"]
    assert again.context["page"].paginator.count == 2
    # A saved project shows at once.
    ProjectFactory(name="New in Spain", country="ES", state="closed")
    fresh = client.get(LIST_URL, {"country": "ES"})
    assert fresh.context["page"].paginator.count == 3
    assert "New in Spain" in names(fresh)
    assert {v: n for v, _, n in fresh.context["facets"]["state"]} == {
        "live": 1,
        "closed": 2,
        "unknown": 0,
    }
    directory["decide"].unpublish()
    assert client.get(LIST_URL, {"country": "ES"}).context["page"].paginator.count == 2


def test_a_project_whose_state_nobody_knows_says_so(client):
    """Issue 10: 792 of 812 imported projects said "Live · Ends: Ongoing" for want of an end
    date, EU projects that ended in 2016 among them."""
    project = ProjectFactory(name="Quiet Project", state=ProjectState.UNKNOWN, end_date=None)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Status unknown" in page
    assert "Ongoing" not in page
    assert ">Live<" not in page
    listing = client.get(LIST_URL).content.decode()
    assert "Status unknown" in listing
    only = client.get(LIST_URL, {"state": "unknown"})
    assert names(only) == ["Quiet Project"]


def test_a_new_project_says_nothing_of_its_life_until_told():
    assert Project().state == ProjectState.UNKNOWN
