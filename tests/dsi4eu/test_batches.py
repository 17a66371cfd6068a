"""The import writes in batches, one transaction each: what it has done is committed as it goes,
and an edit made meanwhile waits for one batch at most, never for the whole import."""

import threading
import time

import pytest
from django.db import connection

from dsi4eu import importer
from organisations.models import Organisation, TopicTaggedOrganisation
from projects.models import Project
from tests.dsi4eu.test_organisations import row
from tests.dsi4eu.test_projects import row as project_row
from tests.organisations.factories import OrganisationFactory

WAIT = 30  # seconds: a bound on every wait, so a broken import fails the test, never hangs it


class Worker(threading.Thread):
    """`target()` in a thread of its own, so on a database connection of its own (closed at the
    end); what it returned or raised is kept for the test."""

    def __init__(self, target):
        super().__init__(daemon=True)
        self.target, self.result, self.error = target, None, None
        self.start()

    def run(self):
        try:
            self.result = self.target()
        except BaseException as exc:  # re-raised by outcome() in the test's thread
            self.error = exc
        finally:
            connection.close()

    def outcome(self):
        self.join(WAIT)
        assert not self.is_alive(), "still running"
        if self.error:
            raise self.error
        return self.result


def committed(query):
    """What `query()` returns on another connection: only what is committed."""
    return Worker(query).outcome()


@pytest.mark.django_db(transaction=True)
def test_every_batch_is_committed_before_the_next_one_starts():
    rows = [row(i, f"Organisation {i}", tags=[f"tag {i}"]) for i in range(1, 8)]
    seen = []

    def progress(done, total):
        seen.append((done, total, committed(Organisation.objects.count)))

    result = importer.import_organisations(rows, progress=progress, batch_size=3)
    assert result.created == 7
    assert seen == [(3, 7, 3), (6, 7, 6), (7, 7, 7)]


@pytest.mark.django_db(transaction=True)
def test_an_edit_made_during_an_import_waits_for_one_batch_not_for_the_import(monkeypatch):
    """Staff save another organisation while the import is in the middle of its second batch
    (of three), which holds its locks: the edit commits as soon as that batch does."""
    staff_edit = OrganisationFactory(name="Edited by staff", legacy_id=None)
    rows = [row(i, f"Imported {i}") for i in range(1, 7)]
    in_second_batch, go_on, edited = threading.Event(), threading.Event(), threading.Event()
    events = []

    save = Organisation.save

    def save_then_wait(self, *args, **kwargs):
        save(self, *args, **kwargs)
        if self.name == "Imported 3":  # the second batch has written a row: it holds locks
            in_second_batch.set()
            go_on.wait(WAIT)

    monkeypatch.setattr(Organisation, "save", save_then_wait)

    def progress(done, total):
        events.append(f"import committed {done}/{total}")
        if done == 4:  # let the edit finish before the third batch begins, if it can
            edited.wait(5)

    def edit():
        connection.ensure_connection()
        backend.append(connection.connection.info.backend_pid)
        organisation = Organisation.objects.get(pk=staff_edit.pk)
        organisation.short_description = "Changed while the import ran."
        organisation.save()  # autocommit: committed on return
        events.append("edit committed")
        edited.set()

    backend = []
    importing = Worker(lambda: importer.import_organisations(rows, progress, batch_size=2))
    assert in_second_batch.wait(WAIT)
    editing = Worker(edit)
    # The edit is under way: committed already, or waiting for a lock the batch holds.
    deadline = time.monotonic() + WAIT
    while not edited.is_set() and _wait_event(backend) != "Lock":
        assert time.monotonic() < deadline, "the edit neither waits for a lock nor commits"
        time.sleep(0.02)
    go_on.set()
    editing.outcome()
    assert importing.outcome().created == 6

    assert events.index("edit committed") < events.index("import committed 6/6")
    staff_edit.refresh_from_db()
    assert staff_edit.short_description == "Changed while the import ran."


def _wait_event(backend):
    if not backend:
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", backend)
        found = cursor.fetchone()
    return found[0] if found else None


@pytest.mark.django_db
def test_a_link_to_an_organisation_deleted_meanwhile_skips_only_its_row():
    """Foreign keys are checked row by row, not when the batch commits."""
    OrganisationFactory(legacy_id=1)
    deleted = OrganisationFactory(legacy_id=2)
    rows = [
        project_row(9, "First batch", linked_organisation_ids=["2"]),
        project_row(10, "First batch too", linked_organisation_ids=["1"]),
        project_row(11, "Links the deleted one", linked_organisation_ids=["1", "2"]),
        project_row(12, "Same batch, fine", linked_organisation_ids=["1"]),
    ]

    def progress(done, total):
        if done == 2:  # staff delete an organisation between two batches
            deleted.delete()

    result = importer.import_projects(rows, progress=progress, batch_size=2)
    assert result.created == 3
    assert [s.row for s in result.skipped] == [3]
    assert str(result.skipped[0]).startswith("row 3 (project_id 11): IntegrityError: ")
    assert sorted(Project.objects.values_list("legacy_id", flat=True)) == [9, 10, 12]


@pytest.mark.django_db(transaction=True)
def test_the_loaded_tables_are_analysed():
    """The planner's row counts follow the import (ANALYZE), autovacuum or not."""

    def estimated(model):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table]
            )
            return cursor.fetchone()[0]

    importer.import_organisations([row(i, f"First {i}", tags=["a", "b"]) for i in range(1, 4)])
    assert estimated(Organisation) == Organisation.objects.count() == 3
    assert estimated(TopicTaggedOrganisation) == 6

    importer.import_organisations([row(i, f"More {i}", tags=["a"]) for i in range(10, 20)])
    assert estimated(Organisation) == 13
    assert estimated(TopicTaggedOrganisation) == 16
