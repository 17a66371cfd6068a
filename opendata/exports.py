"""The bulk exports in DSI4EU's formats: the field names, shapes and order of digitalsocial.eu's
`/export/organisations.json|csv|xml` and `/export/projects.json|csv|xml`, so that its consumers
(and `manage.py import_dsi4eu`) read ours unchanged.

- JSON: a list of objects. `organisation_type` is `{"id", "name"}`; `networkTags`, and a project's
  `support_tags` (areas of impact), `focus` and `technology`, are lists of `{"id", "name"}`; tags
  are lists of strings; linked ids are lists of strings, as the old platform wrote them.
  Unknown values are "" (a project's dates: null), latitude and longitude numbers or "".
- CSV: the old header row of human labels; lists joined with ", ".
- XML: root `<xml>`, one `<organisation>` / `<project>` each, lists nested as the old one did
  (`<tags><tag>…</tag></tags>`, `<networkTags><tag><id/><name/></tag></networkTags>`).

Every format is written as a stream, one batch of records at a time (opendata/records.py).
"""

import csv
import functools
import io
import json
import re
from xml.sax.saxutils import escape

from django.utils import timezone, translation
from django_countries import countries

from opendata import records
from organisations.models import OrganisationSize, OrganisationType

LICENCE_URL = "https://creativecommons.org/licenses/by-nc-sa/4.0/"
LICENCE_NAME = "CC BY-NC-SA 4.0"
CREDIT = "DSI Directory (continuing digitalsocial.eu, DSI4EU)"

# Characters XML 1.0 cannot hold at all.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# In English whatever the page's language: the exports are a machine format (labels are lazy).
TYPE_NAMES = {value: str(label) for value, label in OrganisationType.choices}
SIZE_NAMES = {value: str(label) for value, label in OrganisationSize.choices}


@functools.lru_cache(maxsize=512)
def _country(code):
    """The English name of a country (exports are written in English only): looked up once."""
    return str(countries.name(code)) if code else ""


def _coordinate(value):
    return float(value) if value is not None else ""


def _date(value, unknown=""):
    return value.isoformat() if value else unknown


def _day(moment):
    """The day of a moment, in the site's time zone, as Y-m-d."""
    return timezone.localtime(moment).date().isoformat()


def _tags(pairs):
    return [{"id": pk, "name": name} for pk, name in pairs]


def organisation_row(organisation, links):
    """One organisation (a dict of records.ORGANISATION_FIELDS) as DSI4EU's JSON export wrote it."""
    pk = organisation["id"]
    return {
        "organisation_id": records.export_id(pk, organisation["legacy_id"]),
        "organisation_name": organisation["name"],
        "website": organisation["website"],
        "short_description": organisation["short_description"],
        "long_description": organisation["description"],
        "country": _country(organisation["country"]),
        "region": organisation["region"],
        "latitude": _coordinate(organisation["latitude"]),
        "longitude": _coordinate(organisation["longitude"]),
        "address": organisation["address"],
        "organisation_type": {
            "id": organisation["organisation_type"] or None,
            "name": TYPE_NAMES.get(organisation["organisation_type"], ""),
        },
        "organisation_size": SIZE_NAMES.get(organisation["size"], ""),
        "startDate": _date(organisation["start_date"]),
        "linked_project_ids": [str(i) for i, _slug in links.partners[pk]],
        "tags": links.tags[pk],
        "networkTags": _tags(links.networks[pk]),
        "created": _day(organisation["created_at"]),
    }


def project_row(project, links):
    """One project (a dict of records.PROJECT_FIELDS) as DSI4EU's JSON export wrote it."""
    pk = project["id"]
    return {
        "project_id": records.export_id(pk, project["legacy_id"]),
        "project_name": project["name"],
        "website": project["website"],
        "short_description": project["short_description"],
        "long_description": project["description"],
        "social_impact": project["social_impact"],
        "start_date": _date(project["start_date"], None),
        "end_date": _date(project["end_date"], None),
        "country": _country(project["country"]),
        "region": project["region"],
        "latitude": _coordinate(project["latitude"]),
        "longitude": _coordinate(project["longitude"]),
        "linked_organisation_ids": [str(i) for i, _slug in links.partners[pk]],
        "who_we_help_tags": links.tags[pk],
        "support_tags": _tags(links.impact[pk]),
        "focus": _tags(links.focus[pk]),
        "technology": _tags(links.technology[pk]),
        "creation_date": _day(project["created_at"]),
    }


class Dataset:
    """One exported kind: how its rows are read and written in each format."""

    def __init__(self, name, singular, read, links, fields, row, csv_header, xml):
        self.name = name  # "organisations": the file's name
        self.singular = singular  # "organisation": the XML element of a record
        self.read = read  # queryset → the published rows to export
        self.links = links  # ids → records.Links
        self.fields = fields  # what row() reads of each record
        self.row = row  # (record, links) → the JSON object
        self.csv_header = csv_header  # [(label, key)]
        self.xml = xml  # [(element, key, shape)]

    def rows(self, queryset):
        """Every row of `queryset` as a JSON object, batch by batch."""
        with translation.override("en"):  # country names as the old platform wrote them
            batches = records.batches(self.read(queryset), self.links, self.fields)
            for batch, links in batches:
                for record in batch:
                    yield self.row(record, links)


ORGANISATIONS = Dataset(
    "organisations",
    "organisation",
    records.organisations,
    records.organisation_links,
    records.ORGANISATION_FIELDS,
    organisation_row,
    csv_header=[
        ("Organisation ID", "organisation_id"),
        ("Organisation name", "organisation_name"),
        ("Website", "website"),
        ("Short description", "short_description"),
        ("Long description", "long_description"),
        ("Country", "country"),
        ("Region", "region"),
        ("Latitude", "latitude"),
        ("Longitude", "longitude"),
        ("Address", "address"),
        ("Organisation type", "organisation_type"),
        ("Organisation size", "organisation_size"),
        ("Start date", "startDate"),
        ("Linked project IDs", "linked_project_ids"),
        ("Tags", "tags"),
        ("Network tags", "networkTags"),
        ("Created", "created"),
    ],
    # The old XML's order and names (it wrote start_date, and the type after the size).
    xml=[
        ("organisation_id", "organisation_id", "text"),
        ("organisation_name", "organisation_name", "text"),
        ("website", "website", "text"),
        ("short_description", "short_description", "text"),
        ("long_description", "long_description", "text"),
        ("country", "country", "text"),
        ("region", "region", "text"),
        ("latitude", "latitude", "text"),
        ("longitude", "longitude", "text"),
        ("address", "address", "text"),
        ("organisation_size", "organisation_size", "text"),
        ("start_date", "startDate", "text"),
        ("organisation_type", "organisation_type", "object"),
        ("linked_project_ids", "linked_project_ids", "project"),
        ("tags", "tags", "tag"),
        ("networkTags", "networkTags", "objects"),
        ("created", "created", "text"),
    ],
)

PROJECTS = Dataset(
    "projects",
    "project",
    records.projects,
    records.project_links,
    records.PROJECT_FIELDS,
    project_row,
    csv_header=[
        ("Project Id", "project_id"),
        ("Project name", "project_name"),
        ("Website", "website"),
        ("Short description", "short_description"),
        ("Long description", "long_description"),
        ("Social impact", "social_impact"),
        ("Start date", "start_date"),
        ("End date", "end_date"),
        ("Country", "country"),
        ("Region", "region"),
        ("Latitude", "latitude"),
        ("Longitude", "longitude"),
        ("Linked Organisation IDs", "linked_organisation_ids"),
        ("Who we help tags", "who_we_help_tags"),
        ("Support tags", "support_tags"),
        ("Focus", "focus"),
        ("Technology", "technology"),
        ("Creation date", "creation_date"),
    ],
    xml=[
        ("project_id", "project_id", "text"),
        ("project_name", "project_name", "text"),
        ("website", "website", "text"),
        ("short_description", "short_description", "text"),
        ("long_description", "long_description", "text"),
        ("social_impact", "social_impact", "text"),
        ("start_date", "start_date", "text"),
        ("end_date", "end_date", "text"),
        ("country", "country", "text"),
        ("region", "region", "text"),
        ("latitude", "latitude", "text"),
        ("longitude", "longitude", "text"),
        ("linked_organisation_ids", "linked_organisation_ids", "organisation"),
        ("who_we_help_tags", "who_we_help_tags", "tag"),
        ("support_tags", "support_tags", "objects"),
        ("focus", "focus", "objects"),
        ("technology", "technology", "objects"),
        ("creation_date", "creation_date", "text"),
    ],
)

DATASETS = {dataset.name: dataset for dataset in (ORGANISATIONS, PROJECTS)}


# --- Formats: each turns rows into chunks of text ----------------------------------------------


def as_json(rows):
    yield "["
    first = True
    for row in rows:
        yield ("" if first else ",") + json.dumps(row, ensure_ascii=False)
        first = False
    yield "]"


def _csv_value(value):
    if isinstance(value, list):
        return ", ".join(v["name"] if isinstance(v, dict) else str(v) for v in value)
    if isinstance(value, dict):
        return value["name"]
    return "" if value is None else value


def as_csv(rows, dataset):
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush():
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow([label for label, _key in dataset.csv_header])
    yield flush()
    for row in rows:
        writer.writerow([_csv_value(row[key]) for _label, key in dataset.csv_header])
        yield flush()


def _xml_text(value):
    return escape(_NOT_XML.sub("", "" if value is None else str(value)))


def _xml_record(row, dataset):
    parts = [f"<{dataset.singular}>"]
    for element, key, shape in dataset.xml:
        value = row[key]
        if shape == "text":
            parts.append(f"<{element}>{_xml_text(value)}</{element}>")
        elif shape == "object":
            parts.append(
                f"<{element}><id>{_xml_text(value['id'])}</id>"
                f"<name>{_xml_text(value['name'])}</name></{element}>"
            )
        elif shape == "objects":
            inner = "".join(
                f"<tag><id>{_xml_text(v['id'])}</id><name>{_xml_text(v['name'])}</name></tag>"
                for v in value
            )
            parts.append(f"<{element}>{inner}</{element}>")
        else:  # a list of texts, each in an element named `shape`
            inner = "".join(f"<{shape}>{_xml_text(v)}</{shape}>" for v in value)
            parts.append(f"<{element}>{inner}</{element}>")
    parts.append(f"</{dataset.singular}>\n")
    return "".join(parts)


def as_xml(rows, dataset):
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<!-- {CREDIT}. Licence: {LICENCE_NAME}, {LICENCE_URL} -->\n"
        f'<xml license="{LICENCE_URL}">\n'
    )
    for row in rows:
        yield _xml_record(row, dataset)
    yield "</xml>\n"


FORMATS = {
    # format → (content type, writer(rows, dataset))
    "json": ("application/json", lambda rows, dataset: as_json(rows)),
    "csv": ("text/csv; charset=utf-8", as_csv),
    "xml": ("text/xml; charset=utf-8", as_xml),
}
