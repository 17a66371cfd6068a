"""Faults, with the real parts: a private redis-server stopped in the middle of the sign-ups, and
a real `celery worker` subprocess killed with SIGKILL in the middle of a batch. Afterwards every
address has exactly one email in the SMTP server. The emails go through the site's one outbox
(mail/), so these faults cover every email it sends: the killed batch mixes other emails (account,
moderation) with the confirmations. (Fault 3, the same task delivered twice, is in
test_worker.py.)"""

import time
from collections import Counter

import pytest
from django.core.mail import EmailMessage
from django.urls import reverse

from mail import outbox
from mail.models import OutboundEmail
from mail.tasks import send_email
from newsletter.models import Subscriber
from tests.newsletter.factories import SubscriberFactory
from tests.support.fixtures import celery_broker
from tests.support.servers import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

# The worker subprocess gives up a dead worker's claim after 3 s, and its beat re-queues
# emails unsent after 2 s, every second (in production: 5 min, 3 min, every minute).
FAST_RECOVERY = {
    "OUTBOX_CLAIM_LEASE_SECONDS": "3",
    "OUTBOX_REQUEUE_AFTER_SECONDS": "2",
    "OUTBOX_REQUEUE_EVERY_SECONDS": "1",
    "CELERY_VISIBILITY_TIMEOUT": "5",
}


def all_sent():
    return not OutboundEmail.objects.filter(sent_at__isnull=True).exists()


def assert_exactly_one_email_each(smtp_sink, emails, worker):
    counts = Counter(smtp_sink.recipients())
    missing = [e for e in emails if counts[e] == 0]
    twice = {e: n for e, n in counts.items() if n > 1}
    assert not missing, f"never sent: {missing}\n{worker.log()[-3000:]}"
    assert not twice, f"sent more than once: {twice}"
    assert sorted(counts) == sorted(emails)


def test_redis_stopped_during_100_sign_ups(client, private_redis, smtp_sink, worker_process):
    worker = worker_process(private_redis.url, smtp_sink, extra_env=FAST_RECOVERY).start()
    emails = [f"signup{n:03d}@example.org" for n in range(100)]
    latencies = {"up": [], "down": []}
    with celery_broker(private_redis.url):
        for n, email in enumerate(emails):
            if n == 30:
                private_redis.stop()  # the broker dies, and its queue with it (no persistence)
            if n == 70:
                private_redis.start()
            started = time.monotonic()
            response = client.post(
                reverse("newsletter:subscribe"),
                {"email": email, "consent": "yes", "source": "home"},
                REMOTE_ADDR=f"10.0.{n // 250}.{n % 250}",
            )
            latencies["down" if 30 <= n < 70 else "up"].append(time.monotonic() - started)
            assert response.status_code == 302, n
            assert response["Location"] == reverse("newsletter:thanks")

    assert Subscriber.objects.count() == 100  # nothing lost
    # Each sign-up's confirmation is its row in the outbox, stored with it.
    assert OutboundEmail.objects.count() == 100
    assert not Subscriber.objects.filter(confirmation_email__isnull=True).exists()
    assert max(latencies["down"]) < 2.0, latencies["down"]  # the page answered at once

    wait_for(all_sent, timeout=120, message="every confirmation to be sent")
    time.sleep(4)  # a few more requeue rounds: nothing is sent a second time
    assert_exactly_one_email_each(smtp_sink, emails, worker)
    up, down = max(latencies["up"]) * 1000, max(latencies["down"]) * 1000
    print(f"\nsign-up latency, broker up: max {up:.0f} ms; broker down: max {down:.0f} ms")


def test_worker_killed_with_sigkill_mid_batch(private_redis, smtp_sink, worker_process):
    emails = [f"batch{n:03d}@example.org" for n in range(60)]
    queued = []
    with celery_broker(private_redis.url):
        for n, email in enumerate(emails):
            if n % 6 == 5:  # one in six is another of the site's emails
                queued.append(outbox.queue(EmailMessage("Your account", "Hello", to=[email])))
            else:
                queued.append(SubscriberFactory(email=email).confirmation_email)
                send_email.delay(queued[-1].pk)

    smtp_sink.delay = 0.05  # each SMTP conversation takes a moment
    worker = worker_process(
        private_redis.url, smtp_sink, concurrency=1, extra_env=FAST_RECOVERY
    ).start()
    wait_for(lambda: len(smtp_sink.messages) >= 15, timeout=60, message="the batch to start")
    # Kill while an email is being sent: the SMTP conversation is under way.
    smtp_sink.in_conversation.wait(10)
    worker.kill()
    delivered_before_kill = len(smtp_sink.messages)
    assert delivered_before_kill < len(emails)
    claimed = OutboundEmail.objects.filter(claim__isnull=False, sent_at__isnull=True).count()
    assert claimed == 1  # the killed worker's claim stays on its row until the lease runs out

    worker.start()  # the same command again
    wait_for(all_sent, timeout=120, message="every email to be sent after the restart")
    time.sleep(4)
    assert_exactly_one_email_each(smtp_sink, emails, worker)
    assert OutboundEmail.objects.count() == len(queued)
    retried = OutboundEmail.objects.filter(attempts__gt=1).count()
    assert retried >= 1  # the interrupted one was claimed again after its lease
    print(f"\nkilled after {delivered_before_kill}/60 emails; {retried} row(s) sent on a 2nd claim")
