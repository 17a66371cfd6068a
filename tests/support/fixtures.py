"""Fixtures of real parts for the outbox and newsletter tests: an SMTP server (aiosmtpd), Celery's
own test worker on the real Redis, a private redis-server that the fault tests may stop, and a
worker subprocess that they may kill. Nothing is mocked. A conftest imports the ones it uses."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings as django_settings
from django.db import connection

from dsi_directory.celery import app as celery_app
from tests.support import servers
from tests.support.servers import PrivateRedis, SmtpSink

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on a free localhost port; Django's default mailer points at it."""
    sink = SmtpSink().start()
    settings.MAILERS = sink.mailer_settings()
    yield sink
    sink.stop()


def purge_queue(app=celery_app):
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(app.conf.task_default_queue)


@pytest.fixture
def celery_worker(smtp_sink):
    """Celery's own embedded test worker (a thread in this process) on the real Redis at
    REDIS_URL. Tests that use it need django_db(transaction=True): it has its own connection."""
    purge_queue()
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30) as w:
        yield w


@pytest.fixture
def private_redis():
    server = PrivateRedis().start()
    yield server
    server.stop()


def celery_broker(url):
    """Point this process's Celery app (what the views publish with) at another broker."""
    return servers.celery_broker(celery_app, url)


class WorkerProcess:
    """`celery -A dsi_directory worker --beat` as a real subprocess, on the test database."""

    def __init__(self, redis_url, smtp_sink, tmp_path, concurrency=2, extra_env=None):
        db = connection.settings_dict
        host = db["HOST"] or "127.0.0.1"
        if host.startswith("/"):  # a Unix socket (the embedded server): passed as ?host=
            database_url = f"postgres://{db['USER']}@/{db['NAME']}?host={quote(host, safe='')}"
        else:
            database_url = (
                f"postgres://{db['USER']}:{db['PASSWORD']}@{host}:{db['PORT'] or 5432}/{db['NAME']}"
            )
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "EMAIL_URL": smtp_sink.url,
            "DJANGO_SECRET_KEY": django_settings.SECRET_KEY,
            "DJANGO_DEBUG": "false",
            "DJANGO_CONN_MAX_AGE": "0",
            "CELERY_BEAT_SCHEDULE_FILENAME": str(tmp_path / "celerybeat-schedule"),
            **(extra_env or {}),
        }
        self.concurrency = concurrency
        self.tmp_path = tmp_path
        self.process = None
        self.runs = 0

    def start(self):
        self.runs += 1
        log = open(self.tmp_path / f"worker-{self.runs}.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "dsi_directory",
                "worker",
                "--beat",
                "--loglevel",
                "info",
                "--pool",
                "prefork",
                "--concurrency",
                str(self.concurrency),
                "--hostname",
                f"faulttest{self.runs}@%h",
                "--without-mingle",
                "--without-gossip",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so kill -9 reaches the children
        )
        return self

    def kill(self):
        """SIGKILL the worker and its pool processes at once: no chance to clean up."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self):
        return "\n".join(
            (self.tmp_path / f"worker-{n}.log").read_text(errors="replace")
            for n in range(1, self.runs + 1)
        )


@pytest.fixture
def worker_process(tmp_path):
    workers = []

    def make(redis_url, smtp_sink, **kwargs):
        worker = WorkerProcess(redis_url, smtp_sink, tmp_path, **kwargs)
        workers.append(worker)
        return worker

    yield make
    for worker in workers:
        worker.kill()
    time.sleep(0.2)  # let PostgreSQL notice the closed connections before the flush
