"""The deployment of docker-compose.yml, run with this machine's own parts: HAProxy (Debian's,
with deploy/haproxy.cfg) in front of two gunicorn web nodes, two Celery workers and beat, one
PostgreSQL cluster and one Redis of the test's own (so restarting them disturbs nobody), and an
SMTP sink for the mail. Static files are collected and served by WhiteNoise, as in production."""

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from tests.support.servers import PrivatePostgres, PrivateRedis, SmtpSink, free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = "prod-check-secret-key-" + "p" * 50
PASSWORD = "correct horse battery staple"


class ProductionShape:
    def __init__(self):
        # Not under pytest's tmp_path: PostgreSQL runs as the postgres user, which cannot enter
        # root's private temporary folders.
        self.folder = Path(tempfile.mkdtemp(prefix="dsi-prod-check-"))
        os.chmod(self.folder, 0o755)  # noqa: S103 - the postgres user must enter it
        self.postgres = PrivatePostgres(self.folder / "postgres")
        self.redis = PrivateRedis()
        self.smtp = SmtpSink()
        self.web_ports = {"web1": free_port(), "web2": free_port()}
        self.proxy_port = free_port()
        self.web = {}
        self.background = []
        self.proxy = None
        self.logs = self.folder / "logs"
        self.logs.mkdir()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.proxy_port}"

    def env(self):
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CACHE_", "EMAIL_"))
        }
        return env | {
            "DATABASE_URL": self.postgres.url(),
            "REDIS_URL": self.redis.url,
            "EMAIL_URL": self.smtp.url,
            "DJANGO_SECRET_KEY": SECRET_KEY,
            "DJANGO_DEBUG": "false",
            "DJANGO_HTTPS": "false",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_STATIC_ROOT": str(self.folder / "static"),
            "DJANGO_MEDIA_ROOT": str(self.folder / "media"),
            "TRUSTED_PROXY_COUNT": "1",
            "RELEASE": "prod-check",  # every node makes the same ETags
            "SITE_URL": self.url,
            "CELERY_BEAT_SCHEDULE_FILENAME": str(self.folder / "celerybeat-schedule"),
        }

    def manage(self, *args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env(),
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        )

    def _spawn(self, name, command, env=None):
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=env or self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start(self):
        self.postgres.start()
        self.postgres.create_database()
        self.redis.start()
        self.smtp.start()
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput")
        for name in self.web_ports:
            self.start_web(name)
        celery = [sys.executable, "-m", "celery", "-A", "dsi_directory"]
        for n in (1, 2):
            worker = [*celery, "worker", "--concurrency", "1", "--hostname", f"prod{n}@%h"]
            self.background.append(self._spawn(f"worker{n}", [*worker, "--loglevel", "info"]))
        self.background.append(self._spawn("beat", [*celery, "beat", "--loglevel", "info"]))
        self.start_proxy()
        wait_for(lambda: self.served_by() == set(self.web_ports), 30, message="both web nodes")
        return self

    def start_web(self, name):
        port = self.web_ports[name]
        command = [
            sys.executable, "-m", "gunicorn", "dsi_directory.wsgi",
            "--bind", f"127.0.0.1:{port}", "--workers", "2",
        ]  # fmt: skip
        self.web[name] = self._spawn(name, command)
        wait_for(lambda: _answers(f"http://127.0.0.1:{port}/robots.txt"), 30, message=name)

    def kill_web(self, name):
        os.killpg(self.web[name].pid, signal.SIGKILL)
        self.web[name].wait(10)

    def start_proxy(self):
        env = {
            "PATH": os.environ["PATH"],
            "LISTEN": f"127.0.0.1:{self.proxy_port}",
            "WEB1": f"127.0.0.1:{self.web_ports['web1']}",
            "WEB2": f"127.0.0.1:{self.web_ports['web2']}",
        }
        haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
        command = [haproxy, "-db", "-f", str(ROOT / "deploy/haproxy.cfg")]
        self.proxy = self._spawn("haproxy", command, env=env)
        wait_for(lambda: _answers(f"{self.url}/robots.txt"), 30, message="HAProxy")

    def served_by(self, tries=8):
        """The names of the nodes that answered `tries` requests through the proxy."""
        names = set()
        for _ in range(tries):
            with contextlib.suppress(requests.RequestException, KeyError):
                names.add(requests.get(f"{self.url}/robots.txt", timeout=5).headers["X-Served-By"])
        return names

    def stop(self):
        for process in [self.proxy, *self.web.values(), *self.background]:
            if process and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in [self.proxy, *self.web.values(), *self.background]:
            if process:
                try:
                    process.wait(20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
        self.smtp.stop()
        self.redis.stop()
        self.postgres.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def log(self, name):
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def create_member(self, email):
        """A person who can sign in (their address verified), made as staff would."""
        code = (
            "from accounts.models import User; from allauth.account.models import EmailAddress; "
            f"u = User.objects.create_user(email={email!r}, password={PASSWORD!r}); "
            f"EmailAddress.objects.create(user=u, email={email!r}, verified=True, primary=True)"
        )
        self.manage("shell", "-c", code)


def _answers(url):
    try:
        return requests.get(url, timeout=2).status_code == 200
    except requests.RequestException:
        return False


def csrf_token(session, url):
    """The CSRF token of the form at `url`, read from the page as a browser would send it."""
    page = session.get(url, timeout=10)
    page.raise_for_status()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1), page


def wait_until(predicate, timeout, step=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False
