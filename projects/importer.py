"""Projects from the DSI4EU open-data export (digitalsocial.eu, 2016–2019).

`manage.py import_dsi4eu --projects FILE` (after `--organisations FILE`, in the same run or an
earlier one) hands the rows of the export to `import_projects()`. It works as the organisations
importer does (organisations/importer.py, whose value readers it shares): each row is matched on
`legacy_id` (the old `project_id`); a new one is created and published; a known one is updated in
place where the export differs; one that matches what is stored is left alone, so a second run
changes nothing. Every row is written in its own savepoint: a row that cannot be read or saved is
skipped, with its reason, and the others go on.

The mapping:
- `focus`, `support_tags` (areas of impact) and `technology` name today's vocabularies; the
  2013–2017 names are mapped (projects/vocabularies.py), and any other value is kept as a free
  tag rather than dropped;
- `who_we_help_tags` become free tags;
- `linked_organisation_ids` link the project to the organisations imported with those ids;
- a project whose end date has passed is closed, any other is live.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from taggit.models import Tag

from core.models import ModerationStatus
from organisations.importer import (
    ImportResult,
    RowError,
    Skipped,
    _chunks,
    _Reader,
    _Tags,
    ids_of,
    known_date,
    legacy_id_of,
    name_of,
    names_of,
    one_line,
    rich_text,
    tag_names,
)
from organisations.models import Organisation
from projects import vocabularies
from projects.models import (
    AreaOfImpact,
    DsiFocus,
    Project,
    ProjectState,
    Technology,
    TopicTaggedProject,
)

# The export's vocabulary fields: (field, vocabulary kind, model, Project's relation).
VOCABULARY_FIELDS = [
    ("focus", vocabularies.FOCUS, DsiFocus, "focus"),
    ("support_tags", vocabularies.AREA_OF_IMPACT, AreaOfImpact, "areas_of_impact"),
    ("technology", vocabularies.TECHNOLOGY, Technology, "technologies"),
]


@dataclass
class ProjectSkipped(Skipped):
    def __str__(self):
        where = f"row {self.row:,}"
        if self.legacy_id is not None:
            where += f" (project_id {self.legacy_id})"
        return f"{where}: {self.reason}"


@dataclass
class ParsedProject:
    legacy_id: int
    fields: dict
    vocabularies: dict  # relation name → set of vocabulary names
    tags: list
    organisation_ids: list  # legacy ids of the organisations involved


class _ProjectReader(_Reader):
    def __init__(self, today):
        super().__init__()
        self.today = today

    def project(self, row):
        legacy_id, fields = self.common_fields(row, "project_id", "project_name")
        start = self._note("start date", row.get("start_date"), known_date(row.get("start_date")))
        end = self._note("end date", row.get("end_date"), known_date(row.get("end_date")))
        if start and end and end < start:
            self.unrecognised["end date before start date", str(end)] += 1
            end = None

        fields |= {
            "social_impact": rich_text(name_of(row.get("social_impact"))),
            "state": ProjectState.CLOSED if end and end < self.today else ProjectState.LIVE,
            "start_date": start,
            "end_date": end,
        }

        # Vocabulary values by today's name; anything else a free tag.
        chosen, free = {}, []
        for field_name, kind, _model, relation in VOCABULARY_FIELDS:
            chosen[relation] = set()
            for value in names_of(row.get(field_name)):
                today = vocabularies.canonical(kind, one_line(value))
                if today:
                    chosen[relation].add(today)
                else:
                    free.append(value)
        free += names_of(row.get("who_we_help_tags"))
        organisation_ids = ids_of(row.get("linked_organisation_ids"))
        return ParsedProject(legacy_id, fields, chosen, tag_names(free), organisation_ids)


# --- Links ------------------------------------------------------------------------------------


@dataclass
class _Relation:
    """One many-to-many of Project, read and written through its link table."""

    through: type
    project_field: str  # the link table's column naming the project
    target_field: str  # … and the row it points to

    def current(self, project_ids):
        found = {}
        for chunk in _chunks(list(project_ids), 5000):
            rows = self.through.objects.filter(**{f"{self.project_field}__in": chunk})
            for project_id, target_id in rows.values_list(self.project_field, self.target_field):
                found.setdefault(project_id, set()).add(target_id)
        return found

    def set(self, project, wanted, current):
        """Make the project's links exactly `wanted`; True if anything changed."""
        add, remove = wanted - current, current - wanted
        if remove:
            self.through.objects.filter(
                **{self.project_field: project.pk, f"{self.target_field}__in": remove}
            ).delete()
        if add:
            self.through.objects.bulk_create(
                self.through(**{self.project_field: project.pk, self.target_field: target})
                for target in sorted(add)
            )
        return bool(add or remove)


def _relations():
    return {
        "focus": _Relation(Project.focus.through, "project_id", "dsifocus_id"),
        "areas_of_impact": _Relation(
            Project.areas_of_impact.through, "project_id", "areaofimpact_id"
        ),
        "technologies": _Relation(Project.technologies.through, "project_id", "technology_id"),
        "organisations": _Relation(Project.organisations.through, "project_id", "organisation_id"),
        "tags": _Relation(TopicTaggedProject, "content_object_id", "tag_id"),
    }


# --- The whole file ---------------------------------------------------------------------------


def _compare_value(project, name):
    value = getattr(project, name)
    return value.code if name == "country" else value


def import_projects(rows, progress=None, today=None):
    """Create, update or leave each exported project and its links; returns an ImportResult.

    `progress(done, total)` is called after every row.
    """
    reader = _ProjectReader(today or datetime.date.today())
    result = ImportResult(total=len(rows))
    parsed = []  # (row number, ParsedProject)
    first_seen = {}
    for number, row in enumerate(rows, start=1):
        try:
            project = reader.project(row)
        except Exception as exc:  # an odd value must not stop the other rows
            reason = str(exc) if isinstance(exc, RowError) else f"{type(exc).__name__}: {exc}"
            result.skipped.append(ProjectSkipped(number, legacy_id_of(row, "project_id"), reason))
            continue
        if project.legacy_id in first_seen:
            reason = f"project_id repeated (first seen at row {first_seen[project.legacy_id]:,})"
            result.skipped.append(ProjectSkipped(number, project.legacy_id, reason))
            continue
        first_seen[project.legacy_id] = number
        parsed.append((number, project))
    result.unrecognised = reader.unrecognised

    done = len(rows) - len(parsed)
    with transaction.atomic():
        existing = Project.objects.in_bulk(list(first_seen), field_name="legacy_id")
        known_ids = [p.pk for p in existing.values()]
        vocabulary = {
            relation: dict(model.objects.values_list("name", "pk"))
            for _field, _kind, model, relation in VOCABULARY_FIELDS
        }
        wanted_organisations = {i for _, p in parsed for i in p.organisation_ids}
        organisations = {}
        for chunk in _chunks(sorted(wanted_organisations), 5000):
            organisations |= dict(
                Organisation.objects.filter(legacy_id__in=chunk).values_list("legacy_id", "pk")
            )
        for legacy_id in sorted(wanted_organisations - organisations.keys()):
            result.unrecognised["organisation id (not imported)", str(legacy_id)] += 1
        topic_tags = _Tags(Tag, [n for _, p in parsed for n in p.tags])
        relations = _relations()
        current = {name: relation.current(known_ids) for name, relation in relations.items()}

        for number, data in parsed:
            project = existing.get(data.legacy_id)
            wanted = {
                relation: {vocabulary[relation][n] for n in names if n in vocabulary[relation]}
                for relation, names in data.vocabularies.items()
            }
            wanted["organisations"] = {
                organisations[i] for i in data.organisation_ids if i in organisations
            }
            try:
                with transaction.atomic():
                    wanted["tags"] = topic_tags.ids(data.tags)
                    outcome = _write(project, data, wanted, relations, current)
            except Exception as exc:  # rolled back to the savepoint; the other rows go on
                topic_tags.forget_made()
                reason = f"{type(exc).__name__}: {exc}"
                result.skipped.append(ProjectSkipped(number, data.legacy_id, reason))
            else:
                topic_tags.made = []
                setattr(result, outcome, getattr(result, outcome) + 1)
            done += 1
            if progress:
                progress(done, len(rows))
    if progress and not parsed:
        progress(len(rows), len(rows))
    result.skipped.sort(key=lambda s: s.row)
    return result


def _write(project, data, wanted, relations, current):
    """Save one project and its links; "created", "updated" or "unchanged"."""
    if project is None:
        project = Project(
            legacy_id=data.legacy_id, status=ModerationStatus.PUBLISHED, **data.fields
        )
        project.save()
        for name, relation in relations.items():
            relation.set(project, wanted[name], set())
        return "created"
    changed = [
        name for name, value in data.fields.items() if _compare_value(project, name) != value
    ]
    for name in changed:
        setattr(project, name, data.fields[name])
    links_changed = [
        relation.set(project, wanted[name], current[name].get(project.pk, set()))
        for name, relation in relations.items()
    ]
    if not (changed or any(links_changed)):
        return "unchanged"
    project.save(update_fields=[*changed, "updated_at"])
    return "updated"
