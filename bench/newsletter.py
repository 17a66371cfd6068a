"""`python -m bench.newsletter` (`make bench-newsletter`): the sign-up POST's median latency and
the worker's throughput in confirmation emails per second, through the site's outbox.

Everything outside the database is private to the run, so nobody else's queue or inbox is
touched: a redis-server on a free port as the broker, an aiosmtpd server as the inbox, and a
real `celery worker` subprocess. The rows it creates (…@bench.invalid, and their emails) are
deleted at the end. Run it with the database at DATABASE_URL migrated (the Makefile does).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import django

DOMAIN = "bench.invalid"


class BenchError(Exception):
    pass


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.newsletter",
        description="Benchmark newsletter sign-ups (median POST latency) and sending (emails "
        "per second).",
    )
    parser.add_argument("--signups", type=int, default=300, help="sign-up POSTs to time")
    parser.add_argument("--concurrency", type=int, default=4, help="worker processes")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dsi_directory.settings")
    django.setup()
    try:
        Bench().run(args.signups, args.concurrency)
    except BenchError as error:
        sys.exit(f"bench.newsletter: {error}")


class Bench:
    def run(self, signups, concurrency):
        from celery import current_app
        from django.test import override_settings

        try:
            from tests.support.servers import PrivateRedis, SmtpSink, celery_broker, wait_for
        except ImportError as error:  # aiosmtpd is a development dependency
            raise BenchError(f"Install the development dependencies first: {error}") from error

        self.forget_rows()
        run = uuid.uuid4().hex[:6]
        redis_server = PrivateRedis().start()
        sink = SmtpSink().start()
        worker = None
        try:
            with (
                celery_broker(current_app._get_current_object(), redis_server.url),
                override_settings(
                    ALLOWED_HOSTS=["testserver"],
                    SECURE_SSL_REDIRECT=False,
                    CELERY_TASK_ALWAYS_EAGER=False,
                ),
            ):
                eager, current_app.conf.task_always_eager = (
                    current_app.conf.task_always_eager,
                    False,
                )
                try:
                    latencies = self.time_sign_ups(run, signups)
                finally:
                    current_app.conf.task_always_eager = eager
            print(
                f"sign-up POST /newsletter/ ({signups} sign-ups): "
                f"median {statistics.median(latencies):.1f} ms, "
                f"p95 {_percentile(latencies, 95):.1f} ms"
            )
            if self.rows().count() != signups:
                raise BenchError(f"{self.rows().count()} subscribers stored for {signups} sign-ups")

            worker = self.start_worker(redis_server.url, sink, concurrency)
            wait_for(
                lambda: len(sink.messages) >= signups,
                timeout=300,
                interval=0.1,
                message=f"{signups} emails in the SMTP sink",
            )
            stamps = sorted(stamp for _, _, stamp in sink.messages)
            elapsed = stamps[-1] - stamps[0]
            rate = (len(stamps) - 1) / elapsed if elapsed else float("inf")
            print(
                f"worker throughput ({concurrency} processes, prefork, one SMTP connection per "
                f"email): {rate:.0f} emails/s ({len(stamps)} emails in {elapsed:.2f} s)"
            )
            duplicates = len(sink.recipients()) - len(set(sink.recipients()))
            print(f"duplicates: {duplicates}")
        finally:
            if worker:
                worker.terminate()
                worker.wait(20)
            sink.stop()
            redis_server.stop()
            self.forget_rows()

    def rows(self):
        from newsletter.models import Subscriber

        return Subscriber.objects.filter(email__endswith=f"@{DOMAIN}")

    def forget_rows(self, rows=None):
        """Delete the benchmark's subscribers and their confirmation emails."""
        from mail.models import OutboundEmail

        rows = self.rows() if rows is None else rows
        OutboundEmail.objects.filter(pk__in=rows.values("confirmation_email")).delete()
        rows.delete()

    def time_sign_ups(self, run, count):
        from django.test import Client
        from django.urls import reverse

        client = Client()
        url = reverse("newsletter:subscribe")
        for n in range(5):  # warm up: connections, templates
            client.post(url, {"email": f"warm{n}-{run}@{DOMAIN}", "consent": "yes"})
        self.forget_rows(self.rows().filter(email__startswith="warm"))
        latencies = []
        for n in range(count):
            data = {"email": f"p{n:05d}-{run}@{DOMAIN}", "consent": "yes", "source": "home"}
            started = time.perf_counter()
            response = client.post(
                url, data, REMOTE_ADDR=f"10.{n // 65536}.{n // 256 % 256}.{n % 256}"
            )
            latencies.append((time.perf_counter() - started) * 1000)
            if response.status_code != 302:
                raise BenchError(f"sign-up {n} answered {response.status_code}")
        return latencies

    def start_worker(self, broker_url, sink, concurrency):
        from django.conf import settings

        env = {
            **os.environ,
            "REDIS_URL": broker_url,
            "EMAIL_URL": sink.url,
            "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        }
        log = open(Path(tempfile.gettempdir()) / "bench-newsletter-worker.log", "wb")  # noqa: SIM115
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "dsi_directory",
                "worker",
                "--loglevel",
                "warning",
                "--pool",
                "prefork",
                "--concurrency",
                str(concurrency),
                "--without-mingle",
                "--without-gossip",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def _percentile(values, percent):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(len(ordered) * percent / 100))]


if __name__ == "__main__":
    main()
