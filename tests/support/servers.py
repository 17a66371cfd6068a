"""Real parts for the tests and the newsletter benchmark: an SMTP server that keeps what it
receives (aiosmtpd), a private redis-server, a free port, and a wait. Not used by the site."""

import asyncio
import contextlib
import email
import logging
import os
import shutil
import socket
import subprocess
import threading
import time
from email import policy
from pathlib import Path

import redis
from aiosmtpd.controller import Controller

logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every SMTP command


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout=30.0, interval=0.05, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise TimeoutError(f"Timed out after {timeout}s waiting for {message}")


class _Handler:
    def __init__(self, sink):
        self.sink = sink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.sink.delay:
            # Before the message is accepted: a client killed now has delivered nothing.
            self.sink.in_conversation.set()
            await asyncio.sleep(self.sink.delay)
            self.sink.in_conversation.clear()
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.sink.lock:
            if self.sink.failures_left > 0:
                self.sink.failures_left -= 1
                return "451 4.3.0 Temporary failure, try again later"
            message = email.message_from_bytes(envelope.original_content, policy=policy.default)
            self.sink.messages.append((list(envelope.rcpt_tos), message, time.monotonic()))
            self.sink.raw.append(envelope.original_content)
        return "250 Message accepted for delivery"


class SmtpSink:
    """A real SMTP server on localhost that collects every message it accepts.

    `failures_left`: answer the next N messages with a temporary failure (451).
    `delay`: seconds to wait before accepting each recipient (a slow server).
    """

    def __init__(self, port=None):
        self.port = port or free_port()
        self.messages = []
        self.raw = []  # the bytes as received, for checks on the exact header lines
        self.lock = threading.Lock()
        self.failures_left = 0
        self.delay = 0.0
        self.in_conversation = threading.Event()  # set while a recipient waits out the delay
        self.running = False
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()
        self.running = True
        return self

    def stop(self):
        if self.running:
            self.controller.stop()
            self.running = False

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"

    def mailer_settings(self):
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": self.port, "timeout": 10},
            }
        }

    def recipients(self):
        """Every recipient of every accepted message, one entry per message and address."""
        with self.lock:
            return [to.lower() for tos, _, _ in self.messages for to in tos]

    def for_address(self, address):
        with self.lock:
            return [m for tos, m, _ in self.messages if address.lower() in [t.lower() for t in tos]]

    def clear(self):
        with self.lock:
            self.messages.clear()


class PrivateRedis:
    """A redis-server of the test's own, so that stopping it disturbs nobody else."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        wait_for(lambda: _pings(client), timeout=10, message="redis-server to start")
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self.process = None


def _pings(client):
    try:
        return client.ping()
    except redis.RedisError:
        return False


@contextlib.contextmanager
def celery_broker(app, url):
    """Point `app` (what this process publishes tasks with) at another broker for a while."""
    saved = app.conf.broker_url
    _forget_pools(app)
    app.conf.broker_url = url
    try:
        yield
    finally:
        _forget_pools(app)
        app.conf.broker_url = saved


def _forget_pools(app):
    # Only forget the app's pools: kombu keeps one per broker URL and hands it back later.
    app._pool = None
    app.amqp._producer_pool = None


class PrivatePostgres:
    """A PostgreSQL cluster of the test's own (Debian's binaries, a temporary folder, a free
    port, trust auth), so that restarting it disturbs nobody else. The server runs as the
    `postgres` system user when we are root, as PostgreSQL refuses to run as root."""

    def __init__(self, folder):
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()
        self.bin = self._binaries()

    @staticmethod
    def _binaries():
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: p.parts)
        if not versions:
            raise RuntimeError(
                "Debian's PostgreSQL server binaries are needed (.ci/run installs them)"
            )
        return versions[-1].parent

    def url(self, database="dsi"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *command, check=True):
        prefix = []
        if os.geteuid() == 0:
            prefix = ["runuser", "-u", "postgres", "--"]
        return subprocess.run(
            [*prefix, *command], check=check, capture_output=True, text=True, timeout=120
        )

    def start(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        if not self.data.exists():
            self._run(
                str(self.bin / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "--auth=trust",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            )
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} -c fsync=off "
            "-c max_connections=60"
        )
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-w",
            "-l",
            str(self.folder / "server.log"),
            "start",
        )
        return self

    def restart(self):
        """A fast restart: every connection is cut, as when the server is updated or fails over."""
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w",
                  "-l", str(self.folder / "server.log"), "restart")  # fmt: skip

    def stop(self):
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-m",
            "immediate",
            "-w",
            "stop",
            check=False,
        )

    def create_database(self, name="dsi"):
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
