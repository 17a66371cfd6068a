"""The read API: lists with the list pages' filters and pages, details by slug, the changes feed
with withdrawals, bad input as 400 JSON, the rate limit, CORS, the licence, fixed query counts,
and an OpenAPI document that validates and whose every path answers."""

import datetime

import pytest
from django.utils import timezone
from openapi_spec_validator import validate

from core.models import ModerationStatus
from opendata.records import EXPORT_ID_OFFSET
from tests.blog.factories import PostFactory
from tests.casestudies.factories import CaseStudyFactory
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

LICENCE = '<https://creativecommons.org/licenses/by-nc-sa/4.0/>; rel="license"'


def get(client, path, status=200, **query):
    response = client.get(f"/api{path}", query)
    assert response.status_code == status, (path, query, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


@pytest.fixture
def directory():
    poli = OrganisationFactory(
        name="Polifactory",
        slug="polifactory",
        legacy_id=453,
        country="IT",
        tags=["fablab"],
        networks=["FabLab"],
    )
    waag = OrganisationFactory(name="Waag", slug="waag", country="NL", tags=["open data"])
    OrganisationFactory(name="Pending one", slug="pending-one", status=ModerationStatus.PENDING)
    OrganisationFactory(name="Rejected one", status=ModerationStatus.REJECTED)
    project = ProjectFactory(
        name="Making Sense",
        slug="making-sense",
        focus=["Open data"],
        organisations=[poli, waag],
        tags=["sensors"],
    )
    ProjectFactory(
        name="Hidden project",
        slug="hidden-project",
        status=ModerationStatus.PENDING,
        organisations=[poli],
    )
    case_study = CaseStudyFactory(title="A story", project=project, tags=["story"])
    post = PostFactory(title="News", tags=["news"])
    PostFactory(
        title="Later", slug="later", published_at=timezone.now() + datetime.timedelta(days=2)
    )
    return {"poli": poli, "waag": waag, "project": project, "case_study": case_study, "post": post}


def test_lists_give_published_records_with_their_public_fields(client, directory, user):
    directory["poli"].owner = user
    directory["poli"].save()
    data = get(client, "/organisations")
    assert data["count"] == 2
    assert data["licence"] == "https://creativecommons.org/licenses/by-nc-sa/4.0/"
    assert [o["name"] for o in data["results"]] == ["Polifactory", "Waag"]
    poli = data["results"][0]
    assert poli["id"] == 453
    assert poli["country"] == "IT"
    assert poli["country_name"] == "Italy"
    assert poli["tags"] == ["fablab"]
    assert poli["networks"] == ["FabLab"]
    assert poli["projects"] == ["making-sense"]  # not the pending one
    assert poli["withdrawn"] is False
    assert data["results"][1]["id"] == EXPORT_ID_OFFSET + directory["waag"].pk
    assert user.email not in str(data)
    assert "owner" not in poli
    projects = get(client, "/projects")["results"]
    assert [p["name"] for p in projects] == ["Making Sense"]
    assert projects[0]["organisations"] == ["polifactory", "waag"]
    assert projects[0]["focus"] == ["Open data"]
    stories = get(client, "/case-studies")["results"]
    assert stories[0]["project"] == "making-sense"
    assert stories[0]["tags"] == ["story"]
    posts = get(client, "/posts")["results"]
    assert [p["title"] for p in posts] == ["News"]  # not the one scheduled for later


def test_details_by_slug_and_unpublished_ones_are_not_found(client, directory):
    assert get(client, "/organisations/polifactory")["name"] == "Polifactory"
    assert get(client, "/projects/making-sense")["name"] == "Making Sense"
    assert get(client, f"/case-studies/{directory['case_study'].slug}")["title"] == "A story"
    assert get(client, f"/posts/{directory['post'].slug}")["title"] == "News"
    assert get(client, "/organisations/pending-one", status=404)["detail"]
    assert get(client, "/projects/hidden-project", status=404)
    assert get(client, "/posts/later", status=404)


def test_a_case_study_names_its_project_only_while_it_is_published(client, directory):
    directory["project"].unpublish()
    story = get(client, f"/case-studies/{directory['case_study'].slug}")
    assert story["project"] is None


def test_filters_are_the_list_pages(client, directory):
    assert [o["name"] for o in get(client, "/organisations", country="NL")["results"]] == ["Waag"]
    assert [o["name"] for o in get(client, "/organisations", tag="fablab")["results"]] == [
        "Polifactory"
    ]
    assert get(client, "/organisations", q="waag")["results"][0]["name"] == "Waag"
    assert get(client, "/projects", focus="open-data")["count"] == 1
    assert get(client, "/projects", focus="no-such-focus")["count"] == 0
    assert get(client, "/posts", category="blog")["count"] == 0


@pytest.mark.parametrize(
    ("path", "query", "field"),
    [
        ("/organisations", {"country": "XX"}, "country"),
        ("/organisations", {"type": "spaceship"}, "type"),
        ("/organisations", {"tag": "a\x00b"}, "tag"),
        ("/projects", {"state": "dormant"}, "state"),
        ("/posts", {"category": "gossip"}, "category"),
        ("/organisations", {"page": "abc"}, "page"),
        ("/organisations", {"page": "0"}, "page"),
        ("/organisations", {"page": "99999999999999999999"}, "page"),
        ("/organisations", {"page": "5"}, "page"),
        ("/organisations", {"page_size": "100000"}, "page_size"),
        ("/organisations", {"page_size": "-1"}, "page_size"),
        ("/projects", {"updated_since": "yesterday"}, "updated_since"),
        ("/case-studies", {"updated_since": "2026-13-45"}, "updated_since"),
        ("/posts", {"after": "12"}, "after"),
        ("/organisations", {"updated_since": "2020-01-01", "after": "9" * 20}, "after"),
    ],
)
def test_bad_input_is_a_400_saying_what_is_wrong(client, directory, path, query, field):
    data = get(client, path, status=400, **query)
    assert data["detail"]
    assert field in data["errors"], data


def test_pages_and_their_links(client):
    OrganisationFactory.create_batch(5)
    first = get(client, "/organisations", page_size=2)
    assert first["count"] == 5
    assert first["previous"] is None
    assert "page=2" in first["next"]
    last = get(client, "/organisations", page_size=2, page=3)
    assert len(last["results"]) == 1
    assert last["next"] is None
    assert "page=2" in last["previous"]
    empty = get(client, "/organisations", country="FR")
    assert empty["count"] == 0
    assert empty["results"] == []


def feed(client, path, since, **query):
    """Every change since `since`, following `next` to the end."""
    results, data = [], get(client, path, updated_since=since.isoformat(), **query)
    while True:
        results += data["results"]
        if not data["next"]:
            return results
        data = client.get(data["next"]).json()


def test_the_changes_feed_gives_edits_in_order_and_withdrawals(client, directory):
    start = timezone.now()
    assert feed(client, "/organisations", start) == []
    waag, poli = directory["waag"], directory["poli"]
    waag.short_description = "Edited"
    waag.save()
    poli.save()
    changes = feed(client, "/organisations", start)
    assert [c["slug"] for c in changes] == ["waag", "polifactory"]  # oldest change first
    assert changes[0]["short_description"] == "Edited"

    poli.unpublish()
    changes = feed(client, "/organisations", start)
    assert [(c["slug"], c["withdrawn"]) for c in changes] == [
        ("waag", False),
        ("polifactory", True),
    ]
    assert changes[1]["id"] == 453
    assert set(changes[1]) == {"id", "slug", "updated_at", "withdrawn"}

    poli.publish()  # back: no longer withdrawn, changed again
    changes = feed(client, "/organisations", start)
    assert [(c["slug"], c["withdrawn"]) for c in changes] == [
        ("waag", False),
        ("polifactory", False),
    ]
    pk = waag.pk
    waag.delete()
    changes = feed(client, "/organisations", start)
    assert changes[-1] == {
        "id": EXPORT_ID_OFFSET + pk,
        "slug": "waag",
        "updated_at": changes[-1]["updated_at"],
        "withdrawn": True,
    }
    # A later poll from the last change's time sees nothing older.
    assert feed(client, "/organisations", timezone.now()) == []


@pytest.mark.parametrize("path", ["/projects", "/case-studies", "/posts"])
def test_every_list_has_a_changes_feed(client, directory, path):
    start = timezone.now()
    record = {
        "/projects": directory["project"],
        "/case-studies": directory["case_study"],
        "/posts": directory["post"],
    }[path]
    record.save()
    assert [c["slug"] for c in feed(client, path, start)] == [record.slug]
    record.unpublish()
    assert [(c["slug"], c["withdrawn"]) for c in feed(client, path, start)] == [(record.slug, True)]


def test_the_feed_pages_through_many_changes_without_losing_one(client):
    start = timezone.now()
    organisations = OrganisationFactory.create_batch(7)
    seen = feed(client, "/organisations", start, page_size=3)
    assert [c["slug"] for c in seen] == [o.slug for o in organisations]


def test_a_post_scheduled_for_later_joins_the_feed_when_its_time_comes(client):
    start = timezone.now()
    post = PostFactory(published_at=timezone.now() + datetime.timedelta(hours=1))
    assert feed(client, "/posts", start) == []
    post.published_at = timezone.now() - datetime.timedelta(seconds=1)
    post.save()
    assert [c["slug"] for c in feed(client, "/posts", start)] == [post.slug]


def test_a_date_and_a_time_without_offset_are_understood(client, directory):
    assert get(client, "/organisations", updated_since="2000-01-01")["results"]
    assert get(client, "/organisations", updated_since="2000-01-01T10:00:00")["results"]
    assert get(client, "/organisations", updated_since="2000-01-01T10:00:00+02:00")["results"]


def test_every_answer_states_the_licence_and_is_open_to_other_sites(client, directory):
    for path in ("/organisations", "/organisations/polifactory", "/organisations/nope"):
        response = client.get(f"/api{path}")
        assert response["Link"] == LICENCE
        assert response["Access-Control-Allow-Origin"] == "*"


def test_the_rate_limit_answers_429_with_retry_after(client, settings):
    settings.API_RATE_LIMIT = (3, 60)
    for _ in range(3):
        assert client.get("/api/organisations").status_code == 200
    response = client.get("/api/organisations/anything")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Too many requests" in response.json()["detail"]
    other = client.get("/api/organisations", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200  # per address


@pytest.mark.parametrize("path", ["/organisations", "/projects", "/case-studies", "/posts"])
def test_queries_are_fixed_per_page_whatever_its_size(client, path, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def make(n):
        organisations = OrganisationFactory.create_batch(n, tags=["a", "b"], networks=["n"])
        projects = ProjectFactory.create_batch(
            n, tags=["t"], focus=["Open data"], organisations=organisations[:2]
        )
        CaseStudyFactory.create_batch(n, tags=["s"], project=projects[0])
        PostFactory.create_batch(n, tags=["p"])

    def queries(**query):
        with CaptureQueriesContext(connection) as captured:
            get(client, path, page_size=50, **query)
        return len(captured)

    make(2)
    small, small_feed = queries(), queries(updated_since="2000-01-01")
    make(30)
    assert queries() == small
    assert queries(updated_since="2000-01-01") == small_feed
    with django_assert_max_num_queries(10):
        get(client, path, page_size=50)
    with django_assert_max_num_queries(10):
        get(client, path, page_size=50, updated_since="2000-01-01")


def test_the_openapi_document_validates_and_every_documented_path_answers(client, directory):
    document = client.get("/api/openapi.json").json()
    validate(document)
    slugs = {
        "/api/organisations/{slug}": "polifactory",
        "/api/projects/{slug}": "making-sense",
        "/api/case-studies/{slug}": directory["case_study"].slug,
        "/api/posts/{slug}": directory["post"].slug,
    }
    assert set(slugs) < set(document["paths"])
    for path, operations in document["paths"].items():
        assert set(operations) == {"get"}, path  # read-only
        address = path.replace("{slug}", slugs.get(path, ""))
        response = client.get(address)
        assert response.status_code == 200, (path, response.content[:200])
        documented = operations["get"]["responses"]
        assert {"200", "400", "404", "429"} <= set(documented), path


def test_the_docs_page_is_served_from_our_static_files(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "<script>" not in html  # no inline script: the site's CSP allows none


def test_murmurations_profile(client, directory):
    poli = directory["poli"]
    poli.website = "https://www.polifactory.it/"
    poli.latitude, poli.longitude = "45.502900", "9.156000"
    poli.save()
    response = client.get("/export/organisations/polifactory/murmurations.json")
    assert response.status_code == 200
    assert response["Link"] == LICENCE
    profile = response.json()
    assert profile["linked_schemas"] == ["organizations_schema-v1.0.0"]
    assert profile["name"] == "Polifactory"
    assert profile["primary_url"] == "https://www.polifactory.it/"
    assert profile["tags"] == ["fablab", "FabLab"]
    assert profile["country_iso_3166"] == "IT"
    assert profile["geolocation"] == {"lat": 45.5029, "lon": 9.156}
    assert [r["object_url"] for r in profile["relationships"]] == [
        "http://testserver/projects/making-sense/"
    ]
    assert client.get("/export/organisations/pending-one/murmurations.json").status_code == 404
