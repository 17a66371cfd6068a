"""Faults with the real parts: Redis stopped while digests are made, and a real `celery worker
--beat` subprocess killed with SIGKILL in the middle of a batch of digests. Afterwards every alert
has exactly one digest in the SMTP server, and no record was listed twice."""

import io
import time
from collections import Counter

import pytest
from django.core.management import call_command

from alerts.models import Digest, SentRecord
from mail.models import OutboundEmail
from tests.alerts.factories import AlertFactory
from tests.organisations.factories import OrganisationFactory
from tests.support.fixtures import celery_broker
from tests.support.servers import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

FAST_RECOVERY = {
    "OUTBOX_CLAIM_LEASE_SECONDS": "3",
    "OUTBOX_REQUEUE_AFTER_SECONDS": "2",
    "OUTBOX_REQUEUE_EVERY_SECONDS": "1",
    "CELERY_VISIBILITY_TIMEOUT": "5",
}


def all_sent():
    return (
        OutboundEmail.objects.exists()
        and not OutboundEmail.objects.filter(sent_at__isnull=True).exists()
    )


def assert_one_digest_each(smtp_sink, addresses, worker):
    counts = Counter(smtp_sink.recipients())
    missing = [a for a in addresses if counts[a] == 0]
    twice = {a: n for a, n in counts.items() if n > 1}
    assert not missing, f"never sent: {missing}\n{worker.log()[-3000:]}"
    assert not twice, f"sent more than once: {twice}"
    assert Digest.objects.count() == len(addresses)


def test_redis_down_while_digests_are_made(private_redis, smtp_sink, worker_process):
    addresses = [f"down{n:02d}@example.org" for n in range(20)]
    for address in addresses:
        AlertFactory(email=address, filters={"country": "IT"})
    OrganisationFactory(name="New in Italy", country="IT")
    with celery_broker(private_redis.url):
        private_redis.stop()
        out = io.StringIO()
        started = time.monotonic()
        call_command("send_alerts", stdout=out)  # beat's work, by hand: the broker is down
        took = time.monotonic() - started
    assert "Digests queued: 20" in out.getvalue()
    assert OutboundEmail.objects.filter(sent_at__isnull=True).count() == 20  # kept, unsent
    private_redis.start()
    worker = worker_process(private_redis.url, smtp_sink, extra_env=FAST_RECOVERY).start()
    wait_for(all_sent, timeout=90, message="every digest to be sent once Redis is back")
    time.sleep(3)  # a few more requeue rounds: nothing is sent a second time
    assert_one_digest_each(smtp_sink, addresses, worker)
    print(f"\n20 digests made with the broker down in {took:.1f} s")


def test_worker_killed_mid_batch_of_digests(private_redis, smtp_sink, worker_process):
    addresses = [f"batch{n:02d}@example.org" for n in range(40)]
    for address in addresses:
        AlertFactory(email=address, filters={"country": "IT"})
    for n in range(3):
        OrganisationFactory(name=f"New {n}", country="IT")
    smtp_sink.delay = 0.05  # each SMTP conversation takes a moment
    # Beat runs the digests every second: the worker finds them due on its own.
    worker = worker_process(
        private_redis.url,
        smtp_sink,
        concurrency=1,
        extra_env={**FAST_RECOVERY, "ALERTS_EVERY_SECONDS": "1"},
    ).start()
    wait_for(lambda: len(smtp_sink.messages) >= 8, timeout=90, message="the batch to start")
    smtp_sink.in_conversation.wait(10)
    worker.kill()
    delivered_before_kill = len(smtp_sink.messages)
    assert delivered_before_kill < len(addresses)

    worker.start()  # the same command again
    wait_for(
        lambda: Digest.objects.count() == len(addresses) and all_sent(),
        timeout=120,
        message="every digest after the restart",
    )
    time.sleep(3)
    assert_one_digest_each(smtp_sink, addresses, worker)
    # Each alert listed each of the three records once.
    assert SentRecord.objects.count() == 3 * len(addresses)
    print(f"\nkilled after {delivered_before_kill}/40 digests")
