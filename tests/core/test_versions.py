"""Data versions: every committed write changes the version of its kind of data, and writers
never wait on each other for that bookkeeping (each session bumps a share of its own)."""

import threading

import pytest
from django.db import connection, transaction

from core.models import DataVersion
from core.versions import data_versions, fold_shares
from tests.dsi4eu.test_batches import Worker
from tests.organisations.factories import OrganisationFactory
from tests.submissions.kinds import organisation_data

pytestmark = pytest.mark.django_db(transaction=True)


def held_open_write(ready, release, make):
    """In a thread of its own: write in a transaction, say so, and commit only when told."""

    def target():
        with transaction.atomic():
            make()
            ready.set()
            assert release.wait(30)

    return Worker(target)


def no_waiting():
    """Any wait for a lock fails at once instead of hanging."""
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '2s'")


def test_two_transactions_writing_organisations_both_commit_without_waiting():
    ready, release = threading.Event(), threading.Event()
    before = data_versions("organisations")
    other = held_open_write(ready, release, lambda: OrganisationFactory(name="Held open"))
    assert ready.wait(30)
    no_waiting()
    OrganisationFactory(name="Committed meanwhile")  # would time out on the old single row
    meanwhile = data_versions("organisations")
    assert meanwhile != before
    release.set()
    other.outcome()
    assert data_versions("organisations") != meanwhile  # the other commit shows too


def test_a_submission_is_not_blocked_by_an_import_batch(client, user):
    from dsi4eu import importer
    from tests.dsi4eu.test_organisations import row

    ready, release = threading.Event(), threading.Event()
    rows = [row(i, f"Imported {i}", tags=[f"tag {i}"]) for i in range(1, 30)]

    def one_big_batch():
        importer.import_organisations(rows, batch_size=100)

    importing = held_open_write(ready, release, one_big_batch)
    assert ready.wait(30)
    client.force_login(user)
    no_waiting()
    response = client.post("/organisations/new/", organisation_data(name="Sent during the import"))
    assert response.status_code == 302
    release.set()
    importing.outcome()


def test_every_commit_raises_the_version_and_folding_keeps_it():
    versions = [data_versions("organisations")[0]]
    for n in range(3):
        OrganisationFactory(name=f"Organisation {n}")
        versions.append(data_versions("organisations")[0])
    assert versions == sorted(set(versions))

    # Shares of sessions that are gone are folded into share 0; the sum stays.
    DataVersion.objects.create(name="organisations", writer=2_000_000_001, version=5)
    total = data_versions("organisations")[0]
    fold_shares()
    assert data_versions("organisations")[0] == total
    writers = set(DataVersion.objects.filter(name="organisations").values_list("writer", flat=True))
    assert 2_000_000_001 not in writers and 0 in writers


def test_folding_never_waits_for_a_writer():
    ready, release = threading.Event(), threading.Event()
    other = held_open_write(ready, release, lambda: OrganisationFactory(name="Still writing"))
    assert ready.wait(30)
    no_waiting()
    fold_shares()  # the writer's share is locked: skipped, not waited for
    release.set()
    other.outcome()
