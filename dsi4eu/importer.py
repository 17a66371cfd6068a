"""The DSI4EU export (digitalsocial.eu, 2016–2019) into the directory: one loop for both files.

`manage.py import_dsi4eu --organisations FILE --projects FILE` hands each file's rows to
`import_organisations()`, then `import_projects()` (projects link to organisations imported in
the same run or an earlier one). Each row is matched on `legacy_id` (its old id): a new one is
created and published; a known one is updated in place where the export differs (its moderation
status stays as staff left it); one that matches what is stored is left alone, so a second run
changes nothing. A row that looks like spam (curation/spam.py) is set aside for review, pending
with the reason in `flagged_reason`, rather than published, unless staff have reviewed it.

Every row is read first: a row that cannot be read, or repeats an id, is skipped with its
reason before anything is written. Then the rows are written in batches, one transaction each
(BATCH_SIZE rows), so the import never holds its locks for long: a submission or an admin edit
made meanwhile waits for one batch at most, not for the whole file. Within a batch, each row has
a savepoint of its own: a row the database refuses is rolled back and skipped, with its reason,
and the others go on. A run that stops half way leaves whole batches behind; running it again
finishes the work. At the end the loaded tables are analysed (once committed: an import called
inside a transaction of its caller's writes its batches as savepoints and leaves that out).
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection, transaction

from core.bulk import analyse
from core.models import ModerationStatus
from dsi4eu.links import Relation, Tags
from dsi4eu.rows import OrganisationRows, ProjectRows, RowError

# Rows per transaction. A writer waits at most one batch: about half a second of organisations
# and two seconds of projects (their links fire the search and data-version triggers) here.
BATCH_SIZE = 100

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass
class Skipped:
    row: int  # position in the file, counted from 1
    legacy_id: int | None
    reason: str
    id_key: str  # what the export calls the id: "organisation_id", "project_id"

    def __str__(self):
        where = f"row {self.row:,}"
        if self.legacy_id is not None:
            where += f" ({self.id_key} {self.legacy_id})"
        return f"{where}: {self.reason}"


@dataclass
class ImportResult:
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    # Values given but not understood, stored blank: ("country", "Atlantis") → rows.
    unrecognised: Counter = field(default_factory=Counter)
    # Rows set aside for review as likely spam: (legacy id, name, reason).
    flagged: list = field(default_factory=list)


def import_organisations(rows, progress=None, batch_size=BATCH_SIZE):
    """Create, update or leave each exported organisation; returns an ImportResult."""
    return import_rows(OrganisationRows(), rows, progress, batch_size)


def import_projects(rows, progress=None, today=None, batch_size=BATCH_SIZE):
    """Create, update or leave each exported project and its links; returns an ImportResult.
    A project whose end date is before `today` is closed."""
    return import_rows(ProjectRows(today or datetime.date.today()), rows, progress, batch_size)


def import_rows(kind, rows, progress=None, batch_size=BATCH_SIZE):
    """Import the rows of one file as `kind` (a dsi4eu.rows.Rows).

    `progress(done, total)` is called after every batch, once it is committed.
    """
    result = ImportResult(total=len(rows))
    records = []  # (row number, Record)
    first_seen = {}
    for number, row in enumerate(rows, start=1):
        try:
            record = kind.read(row)
        except Exception as exc:  # an odd value must not stop the other rows
            reason = str(exc) if isinstance(exc, RowError) else _reason(exc)
            result.skipped.append(Skipped(number, kind.legacy_id(row), reason, kind.id_key))
            continue
        if record.legacy_id in first_seen:
            reason = f"{kind.id_key} repeated (first seen at row {first_seen[record.legacy_id]:,})"
            result.skipped.append(Skipped(number, record.legacy_id, reason, kind.id_key))
            continue
        first_seen[record.legacy_id] = number
        records.append((number, record))

    targets = kind.targets([record for _, record in records])
    relations = {name: Relation(kind.model, name) for name in targets}
    result.unrecognised = kind.unrecognised
    done = len(rows) - len(records)
    for start in range(0, len(records), batch_size):
        batch = records[start : start + batch_size]
        with transaction.atomic():
            _write_batch(kind, batch, relations, targets, result)
        done += len(batch)
        if progress:
            progress(done, len(rows))
    if progress and not records:
        progress(len(rows), len(rows))
    analyse(kind.model, *(r.through for r in relations.values()), *_tag_models(targets))
    result.skipped.sort(key=lambda s: s.row)
    return result


def _write_batch(kind, batch, relations, targets, result):
    """Write one batch of (row number, Record), each row in a savepoint of its own."""
    # Foreign keys are checked as each statement ends rather than at commit, so a row that
    # breaks one (an organisation deleted meanwhile) fails in its savepoint, not the batch.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    existing = kind.model.objects.in_bulk(
        [record.legacy_id for _, record in batch], field_name="legacy_id"
    )
    known = [row.pk for row in existing.values()]
    current = {name: relation.current(known) for name, relation in relations.items()}
    for number, record in batch:
        row = existing.get(record.legacy_id)
        try:
            with transaction.atomic():
                wanted = {name: targets[name].ids(record.links[name]) for name in relations}
                now = {name: current[name].get(row.pk, set()) if row else set() for name in current}
                outcome = _write(kind.model, row, record, relations, wanted, now)
                if record.spam and _flag(kind.model, record):
                    result.flagged.append((record.legacy_id, record.fields["name"], record.spam))
        except Exception as exc:  # rolled back to the savepoint; the other rows go on
            for target in targets.values():
                target.rolled_back()
            result.skipped.append(Skipped(number, record.legacy_id, _reason(exc), kind.id_key))
        else:
            for target in targets.values():
                target.kept()
            setattr(result, outcome, getattr(result, outcome) + 1)


def _write(model, row, record, relations, wanted, current):
    """Save one row and its links; CREATED, UPDATED or UNCHANGED."""
    if row is None:
        row = model(legacy_id=record.legacy_id, status=ModerationStatus.PUBLISHED, **record.fields)
        row.save()
        for name, relation in relations.items():
            relation.set(row.pk, wanted[name], set())
        return CREATED
    changed = [name for name, value in record.fields.items() if _stored(row, name) != value]
    for name in changed:
        setattr(row, name, record.fields[name])
    links_changed = [
        relation.set(row.pk, wanted[name], current[name]) for name, relation in relations.items()
    ]
    if not (changed or any(links_changed)):
        return UNCHANGED
    row.save(update_fields=[*changed, "updated_at"])
    return UPDATED


def _flag(model, record):
    """Set a row that looks like spam aside for review (pending, with the reason) unless staff
    have looked at it already; whether it is set aside now."""
    return bool(
        model.objects.filter(
            legacy_id=record.legacy_id, reviewed_at__isnull=True, flagged_reason=""
        )
        .exclude(status__in=[ModerationStatus.SPAM, ModerationStatus.MERGED])
        .update(status=ModerationStatus.PENDING, flagged_reason=record.spam[:200])
    )


def _stored(row, name):
    """A field's value as the export reads it (a country is its code)."""
    value = getattr(row, name)
    return value.code if name == "country" else value


def _reason(exc):
    return f"{type(exc).__name__}: {exc}"


def _tag_models(targets):
    return [target.model for target in targets.values() if isinstance(target, Tags)]
