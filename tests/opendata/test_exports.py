"""/export/organisations.json|csv|xml and /export/projects.json|csv|xml: DSI4EU's field names and
shapes, parsed back; only published records and public fields; the list filters; headers."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from core.models import ModerationStatus
from opendata.records import EXPORT_ID_OFFSET
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

LICENCE = '<https://creativecommons.org/licenses/by-nc-sa/4.0/>; rel="license"'

ORGANISATION_KEYS = [
    "organisation_id", "organisation_name", "website", "short_description", "long_description",
    "country", "region", "latitude", "longitude", "address", "organisation_type",
    "organisation_size", "startDate", "linked_project_ids", "tags", "networkTags", "created",
]  # fmt: skip
PROJECT_KEYS = [
    "project_id", "project_name", "website", "short_description", "long_description",
    "social_impact", "start_date", "end_date", "country", "region", "latitude", "longitude",
    "linked_organisation_ids", "who_we_help_tags", "support_tags", "focus", "technology",
    "creation_date",
]  # fmt: skip
ORGANISATION_LABELS = [
    "Organisation ID", "Organisation name", "Website", "Short description", "Long description",
    "Country", "Region", "Latitude", "Longitude", "Address", "Organisation type",
    "Organisation size", "Start date", "Linked project IDs", "Tags", "Network tags", "Created",
]  # fmt: skip
PROJECT_LABELS = [
    "Project Id", "Project name", "Website", "Short description", "Long description",
    "Social impact", "Start date", "End date", "Country", "Region", "Latitude", "Longitude",
    "Linked Organisation IDs", "Who we help tags", "Support tags", "Focus", "Technology",
    "Creation date",
]  # fmt: skip


def url(dataset, fmt, **query):
    address = reverse("opendata:export", kwargs={"dataset": dataset, "fmt": fmt})
    if query:
        address += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return address


def parse_xml(text):
    """Our own export, parsed (it declares no entity: nothing for an XML attack to use)."""
    return ET.fromstring(text.encode())  # noqa: S314


def body(response):
    assert response.status_code == 200
    assert response.streaming, "the export is streamed, never built whole in memory"
    return b"".join(response.streaming_content).decode()


def get_json(client, dataset, **query):
    return json.loads(body(client.get(url(dataset, "json", **query))))


@pytest.fixture
def directory():
    poli = OrganisationFactory(
        name="Polifactory",
        legacy_id=453,
        website="https://www.polifactory.it/",
        country="IT",
        region="Milan",
        latitude="45.502900",
        longitude="9.156000",
        address="Via Durando 10\n20158 Milano",
        organisation_type="academia",
        size="11-25",
        tags=["fablab", "makerspace"],
        networks=["FabLab Network"],
    )
    waag = OrganisationFactory(name="Waag", country="NL", tags=["open data"])
    hidden = [
        OrganisationFactory(name=f"Hidden {status}", status=status, owner=None)
        for status in (ModerationStatus.PENDING, ModerationStatus.REJECTED, ModerationStatus.DRAFT)
    ]
    project = ProjectFactory(
        name="Making Sense",
        legacy_id=251,
        start_date="2016-01-01",
        tags=["sensors"],
        focus=["Open hardware", "Open data"],
        areas_of_impact=["Health and care"],
        technologies=["Sensors and internet of things"],
        organisations=[poli, waag, hidden[0]],
    )
    pending = ProjectFactory(
        name="Pending project", status=ModerationStatus.PENDING, organisations=[poli]
    )
    return {"poli": poli, "waag": waag, "hidden": hidden, "project": project, "pending": pending}


def test_organisations_json_has_dsi4eu_field_names_and_shapes(client, directory):
    rows = get_json(client, "organisations")
    assert [row["organisation_name"] for row in rows] == ["Polifactory", "Waag"]
    poli, waag = rows
    assert list(poli) == ORGANISATION_KEYS
    assert poli["organisation_id"] == 453  # the DSI4EU id
    assert waag["organisation_id"] == EXPORT_ID_OFFSET + directory["waag"].pk  # ours
    assert poli["country"] == "Italy"
    assert poli["latitude"] == pytest.approx(45.5029)
    assert waag["latitude"] == ""
    assert poli["organisation_type"] == {
        "id": "academia",
        "name": "Academia/Research organisation",
    }
    assert poli["organisation_size"] == "11-25 people"
    assert poli["startDate"] == ""
    assert poli["linked_project_ids"] == ["251"]  # strings, as the old export wrote them
    assert poli["tags"] == ["fablab", "makerspace"]
    assert [tag["name"] for tag in poli["networkTags"]] == ["FabLab Network"]
    assert set(poli["networkTags"][0]) == {"id", "name"}
    assert len(poli["created"]) == 10  # Y-m-d
    assert waag["linked_project_ids"] == ["251"]


def test_projects_json_has_dsi4eu_field_names_and_shapes(client, directory):
    rows = get_json(client, "projects")
    assert [row["project_name"] for row in rows] == ["Making Sense"]  # the pending one is absent
    (project,) = rows
    assert list(project) == PROJECT_KEYS
    assert project["project_id"] == 251
    assert project["start_date"] == "2016-01-01"
    assert project["end_date"] is None
    # Only published organisations: the pending one is not named.
    waag_id = str(EXPORT_ID_OFFSET + directory["waag"].pk)
    assert project["linked_organisation_ids"] == ["453", waag_id]
    assert project["who_we_help_tags"] == ["sensors"]
    assert [t["name"] for t in project["focus"]] == ["Open hardware", "Open data"]
    assert [t["name"] for t in project["support_tags"]] == ["Health and care"]
    assert [t["name"] for t in project["technology"]] == ["Sensors and internet of things"]
    assert all(set(t) == {"id", "name"} for t in project["focus"])


def test_no_private_field_and_no_unpublished_record_anywhere(client, directory, user):
    directory["poli"].owner = user
    directory["poli"].rejection_reason = "secret moderation note"
    directory["poli"].save()
    for dataset in ("organisations", "projects"):
        for fmt in ("json", "csv", "xml"):
            text = body(client.get(url(dataset, fmt)))
            assert user.email not in text
            assert "secret moderation note" not in text
            assert "Hidden" not in text
            assert "Pending project" not in text


def test_csv_is_parsed_back_with_the_old_labels(client, directory):
    rows = list(csv.reader(io.StringIO(body(client.get(url("organisations", "csv"))))))
    assert rows[0] == ORGANISATION_LABELS
    poli = dict(zip(rows[0], rows[1], strict=True))
    assert poli["Organisation ID"] == "453"
    assert poli["Organisation type"] == "Academia/Research organisation"
    assert poli["Tags"] == "fablab, makerspace"
    assert poli["Network tags"] == "FabLab Network"
    assert poli["Address"] == "Via Durando 10\n20158 Milano"  # quoted, kept whole
    projects = list(csv.reader(io.StringIO(body(client.get(url("projects", "csv"))))))
    assert projects[0] == PROJECT_LABELS
    project = dict(zip(projects[0], projects[1], strict=True))
    assert project["Focus"] == "Open hardware, Open data"
    assert project["Linked Organisation IDs"].startswith("453, ")


def test_xml_is_parsed_with_the_old_shape(client, directory):
    root = parse_xml(body(client.get(url("organisations", "xml"))))
    assert root.tag == "xml"
    assert root.get("license") == "https://creativecommons.org/licenses/by-nc-sa/4.0/"
    poli = root.findall("organisation")[0]
    assert poli.findtext("organisation_id") == "453"
    assert poli.findtext("start_date") == ""
    assert poli.find("organisation_type").findtext("name") == "Academia/Research organisation"
    assert [p.text for p in poli.find("linked_project_ids")] == ["251"]
    assert [t.text for t in poli.find("tags").findall("tag")] == ["fablab", "makerspace"]
    network = poli.find("networkTags").find("tag")
    assert network.findtext("name") == "FabLab Network"
    assert network.findtext("id").isdigit()
    project = parse_xml(body(client.get(url("projects", "xml")))).find("project")
    assert [t.findtext("name") for t in project.find("focus")] == ["Open hardware", "Open data"]
    assert project.find("linked_organisation_ids").findtext("organisation") == "453"


def test_xml_survives_characters_xml_cannot_hold(client):
    OrganisationFactory(name="Odd & <strange>", address="bell \x07 and <b>bold</b>")
    root = parse_xml(body(client.get(url("organisations", "xml"))))
    record = root.find("organisation")
    assert record.findtext("organisation_name") == "Odd & <strange>"
    assert record.findtext("address") == "bell  and <b>bold</b>"


def test_list_filters_apply_and_garbage_is_ignored(client, directory):
    assert [r["organisation_name"] for r in get_json(client, "organisations", country="NL")] == [
        "Waag"
    ]
    assert [r["organisation_name"] for r in get_json(client, "organisations", tag="fablab")] == [
        "Polifactory"
    ]
    assert len(get_json(client, "organisations", country="ZZ")) == 2  # not valid: ignored
    assert get_json(client, "projects", focus="open-hardware")[0]["project_name"] == "Making Sense"
    assert get_json(client, "projects", state="closed") == []
    text = body(client.get(url("organisations", "csv", country="IT", q="%00")))
    assert "Polifactory" in text


def test_download_is_an_attachment_and_every_export_states_its_licence(client, directory):
    for dataset in ("organisations", "projects"):
        for fmt, kind in (("json", "application/json"), ("csv", "text/csv"), ("xml", "text/xml")):
            response = client.get(url(dataset, fmt))
            assert response["Content-Type"].startswith(kind)
            assert response["Link"] == LICENCE
            assert response["Access-Control-Allow-Origin"] == "*"
            assert "Content-Disposition" not in response
            download = client.get(url(dataset, fmt, download=""))
            assert download["Content-Disposition"] == f'attachment; filename="dsi-{dataset}.{fmt}"'


def test_etag_answers_304_until_the_data_changes(client, directory):
    first = client.get(url("organisations", "csv"))
    etag = first["ETag"]
    again = client.get(url("organisations", "csv"), headers={"If-None-Match": etag})
    assert again.status_code == 304
    other = client.get(url("organisations", "csv", country="IT"), headers={"If-None-Match": etag})
    assert other.status_code == 200  # another set of filters, another ETag
    directory["waag"].unpublish()
    changed = client.get(url("organisations", "csv"), headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert "Waag" not in body(changed)


def test_unknown_format_is_not_found(client):
    assert client.get("/export/organisations.pdf").status_code == 404
    assert client.get("/export/people.json").status_code == 404


@pytest.mark.parametrize("dataset", ["organisations", "projects"])
def test_queries_are_fixed_per_batch_whatever_the_size(
    client, dataset, django_assert_max_num_queries, settings
):
    def queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            body(client.get(url(dataset, "json")))
        return len(captured)

    organisations = OrganisationFactory.create_batch(3, tags=["a", "b"], networks=["n"])
    ProjectFactory.create_batch(3, tags=["t"], focus=["Open data"], organisations=organisations)
    small = queries()
    more = OrganisationFactory.create_batch(40, tags=["c"], networks=["m"])
    ProjectFactory.create_batch(40, tags=["u"], focus=["Open data"], organisations=more[:5])
    assert queries() == small
    with django_assert_max_num_queries(12):
        body(client.get(url(dataset, "json")))


def test_batches_read_every_row_once_in_order(client, monkeypatch):
    from opendata import records

    monkeypatch.setattr(records, "BATCH_SIZE", 3)
    names = [f"Org {n:02d}" for n in range(10)]
    for name in reversed(names):
        OrganisationFactory(name=name)
    OrganisationFactory(name="Org 05")  # the same name twice: the id tells them apart
    rows = get_json(client, "organisations")
    assert [r["organisation_name"] for r in rows] == sorted([*names, "Org 05"])
    assert len({r["organisation_id"] for r in rows}) == 11


@pytest.mark.parametrize("dataset", ["organisations", "projects"])
def test_each_list_page_links_to_the_export_of_what_it_shows(client, directory, dataset):
    response = client.get(reverse(f"{dataset}:list"), {"country": "IT", "page": "1", "x": "y"})
    html = response.content.decode()
    assert f'href="/export/{dataset}.csv?country=IT&amp;download="' in html
    assert f'href="/export/{dataset}.json?country=IT&amp;download="' in html
    assert f'href="/export/{dataset}.xml?country=IT&amp;download="' in html
    plain = client.get(reverse(f"{dataset}:list")).content.decode()
    assert f'href="/export/{dataset}.csv?download="' in plain
