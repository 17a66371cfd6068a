"""What a row of the export becomes: an organisation or a project, its fields and its links.

`OrganisationRows().read(row)` and `ProjectRows(today).read(row)` turn one exported row into a
`Record` (the old id, the field values, the keys of its links), or raise `RowError` saying why
the row cannot be imported. Both kinds read the fields they share (name, summary, description,
website, place) the same way; `targets()` says where each kind's links point.

The project mapping:
- `focus`, `support_tags` (areas of impact) and `technology` name today's vocabularies; the
  2013–2017 names are mapped (projects/vocabularies.py), and any other value is kept as a free
  tag rather than dropped;
- `who_we_help_tags` become free tags;
- `linked_organisation_ids` link the project to the organisations imported with those ids;
- a project whose end date has passed is closed; one whose end date is still to come is live;
  one with no end date is "status unknown" (the export says nothing else about it).
"""

from dataclasses import dataclass

from django.utils.html import linebreaks
from taggit.models import Tag

from core.models import NetworkTag
from core.text import strip_share_junk, tidy_place
from curation.spam import likely_spam
from dsi4eu.links import Lookup, Tags, chunks
from dsi4eu.readers import (
    Reader,
    choices_lookup,
    coordinate,
    ids_of,
    legacy_id,
    lines,
    name_of,
    names_of,
    one_line,
    rich_text,
    tag_names,
    truncate,
)
from organisations.models import Organisation, OrganisationSize, OrganisationType
from projects import vocabularies
from projects.models import AreaOfImpact, DsiFocus, Project, ProjectState, Technology

SUMMARY_LENGTH = 140
NAME_LENGTH = 200
REGION_LENGTH = 120


class RowError(Exception):
    """A row that cannot be imported; the message says why."""


@dataclass
class Record:
    """One exported row, read: what the importer writes."""

    legacy_id: int
    fields: dict
    links: dict  # many-to-many field → keys (tag or vocabulary names, old organisation ids)
    # Why it looks like spam ("Likely spam: essay mill"), or "": set aside for review if so.
    spam: str = ""


class Rows:
    """One kind of exported row (organisations, projects): how it is read and where it links."""

    model = None
    id_key = ""  # the row's old id: "organisation_id"
    name_key = ""

    def __init__(self):
        self.values = Reader()

    @property
    def unrecognised(self):
        """Values given but not understood, stored blank: ("country", "Atlantis") → rows."""
        return self.values.unrecognised

    def legacy_id(self, row):
        """The row's old id if it can be one, else None (also for a row that is no object)."""
        return legacy_id(row.get(self.id_key)) if isinstance(row, dict) else None

    def read(self, row):
        """The Record of one exported row; RowError for a row that cannot be imported."""
        if not isinstance(row, dict):
            raise RowError(f"not an object but {type(row).__name__}")
        old_id = self.legacy_id(row)
        if old_id is None:
            given = row.get(self.id_key)
            raise RowError(f"no {self.id_key}" if given in (None, "") else f"bad id {given!r}")
        name = one_line(row.get(self.name_key), max_length=NAME_LENGTH)
        if not name:
            raise RowError(f"no {self.name_key}")
        fields = {"name": name, **self._shared_fields(row), **self.own_fields(row)}
        spam = likely_spam(
            name, fields["short_description"], fields["description"], fields["website"]
        )
        return Record(old_id, fields, self.link_keys(row), spam)

    def _shared_fields(self, row):
        """What organisation and project rows share: summary, description and place."""
        summary = one_line(row.get("short_description"))
        description = name_of(row.get("long_description"))
        if len(summary) > SUMMARY_LENGTH:
            # Keep the whole summary in the description unless that already says it.
            whole = linebreaks(lines(row.get("short_description")), autoescape=True)
            if not description.strip():
                description = whole
            elif " ".join(summary.split()[:12]) not in one_line(description):
                description = f"{whole}\n{rich_text(description)}"
            summary = truncate(summary, SUMMARY_LENGTH)

        latitude = coordinate(row.get("latitude"), 90)
        longitude = coordinate(row.get("longitude"), 180)
        if latitude is None or longitude is None:  # half a position places nothing
            for raw in (row.get("latitude"), row.get("longitude")):
                self.values.note("coordinates", raw, None)
            latitude = longitude = None
        website_field = self.model._meta.get_field("website")
        return {
            "short_description": strip_share_junk(summary),
            "description": strip_share_junk(rich_text(description)),
            "website": self.values.website(row.get("website"), website_field),
            "country": self.values.country(row.get("country")),
            "region": tidy_place(one_line(row.get("region"), max_length=REGION_LENGTH)),
            "latitude": latitude,
            "longitude": longitude,
        }

    def own_fields(self, row):
        """The fields only this kind has."""
        raise NotImplementedError

    def link_keys(self, row):
        """{many-to-many field: keys} of one row."""
        raise NotImplementedError

    def targets(self, records):
        """{many-to-many field: Tags or Lookup} for these records, read once per import."""
        raise NotImplementedError


ORGANISATION_TYPES = choices_lookup(
    OrganisationType,
    # The old platform's list said "Public Sector"; its form said "public sector".
    aliases=[("Government/Public Sector", OrganisationType.GOVERNMENT)],
)
ORGANISATION_SIZES = choices_lookup(OrganisationSize)


class OrganisationRows(Rows):
    model = Organisation
    id_key = "organisation_id"
    name_key = "organisation_name"

    def own_fields(self, row):
        return {
            "organisation_type": self.values.choice(
                "organisation type", row.get("organisation_type"), ORGANISATION_TYPES
            ),
            "size": self.values.choice("size", row.get("organisation_size"), ORGANISATION_SIZES),
            "address": strip_share_junk(lines(row.get("address"))),
            "start_date": self.values.date("start date", row.get("startDate")),
        }

    def link_keys(self, row):
        return {"tags": tag_names(row.get("tags")), "networks": tag_names(row.get("networkTags"))}

    def targets(self, records):
        return {
            "tags": Tags(Tag, [n for r in records for n in r.links["tags"]]),
            "networks": Tags(NetworkTag, [n for r in records for n in r.links["networks"]]),
        }


# The export's vocabulary fields: (its key, vocabulary kind, Project's field, the model).
VOCABULARY_FIELDS = [
    ("focus", vocabularies.FOCUS, "focus", DsiFocus),
    ("support_tags", vocabularies.AREA_OF_IMPACT, "areas_of_impact", AreaOfImpact),
    ("technology", vocabularies.TECHNOLOGY, "technologies", Technology),
]


def project_state(end, today):
    """What the export tells of a project's life: only its end date."""
    if end is None:
        return ProjectState.UNKNOWN
    return ProjectState.CLOSED if end < today else ProjectState.LIVE


class ProjectRows(Rows):
    model = Project
    id_key = "project_id"
    name_key = "project_name"

    def __init__(self, today):
        super().__init__()
        self.today = today

    def own_fields(self, row):
        start = self.values.date("start date", row.get("start_date"))
        end = self.values.date("end date", row.get("end_date"))
        if start and end and end < start:
            self.unrecognised["end date before start date", str(end)] += 1
            end = None
        return {
            "social_impact": rich_text(name_of(row.get("social_impact"))),
            "state": project_state(end, self.today),
            "start_date": start,
            "end_date": end,
        }

    def link_keys(self, row):
        # Vocabulary values by today's name; anything else a free tag.
        keys, free = {}, []
        for export_key, kind, field_name, _model in VOCABULARY_FIELDS:
            keys[field_name] = []
            for value in names_of(row.get(export_key)):
                today = vocabularies.canonical(kind, one_line(value))
                if today:
                    keys[field_name].append(today)
                else:
                    free.append(value)
        free += names_of(row.get("who_we_help_tags"))
        keys["tags"] = tag_names(free)
        keys["organisations"] = ids_of(row.get("linked_organisation_ids"))
        return keys

    def targets(self, records):
        targets = {
            field_name: Lookup(dict(model.objects.values_list("name", "pk")))
            for _key, _kind, field_name, model in VOCABULARY_FIELDS
        }
        wanted = {i for r in records for i in r.links["organisations"]}
        organisations = {}
        for chunk in chunks(sorted(wanted)):
            organisations |= dict(
                Organisation.objects.filter(legacy_id__in=chunk).values_list("legacy_id", "pk")
            )
        for old_id in sorted(wanted - organisations.keys()):
            self.unrecognised["organisation id (not imported)", str(old_id)] += 1
        targets["organisations"] = Lookup(organisations)
        targets["tags"] = Tags(Tag, [n for r in records for n in r.links["tags"]])
        return targets
