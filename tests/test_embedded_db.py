"""The embedded PostgreSQL of `make run` (dsi_directory/embedded_db.py): a command run through it
gets a server with the extensions our migrations create, and the server stops with it, also
when the command is stopped by a signal."""

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from urllib.parse import quote

import environ
import psutil
import pytest
from django.conf import settings

from dsi_directory import embedded_db

WRAPPER = [sys.executable, "-m", "dsi_directory.embedded_db"]
ENV = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}

# Run under the wrapper: connect where the settings point, say which server answered.
PROBE = """
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "dsi_directory.settings"
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SELECT pg_backend_pid(), string_agg(name, ',' ORDER BY name) "
                   "FROM pg_available_extensions WHERE name IN ('pg_trgm', 'unaccent')")
    backend, extensions = cursor.fetchone()
print(psutil.Process(backend).ppid(), extensions, connection.settings_dict["HOST"])
""".replace("import django, os", "import django, os, psutil")


def others_using_the_server():
    """Processes other than ours already using the embedded server (a `make run` in another
    terminal, or this suite under `make test`'s fallback): then it rightly keeps running."""
    path = embedded_db.DATA_DIR / ".handle_pids.json"
    try:
        return [pid for pid in json.loads(path.read_text()) if psutil.pid_exists(pid)]
    except (OSError, ValueError):
        return []


def test_the_default_url_is_the_socket_in_the_checkout():
    config = environ.Env.db_url_config(embedded_db.url())
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "dsi_directory"
    assert config["HOST"].startswith("/")


def test_answers_tells_a_running_server_from_none():
    host, port = settings.DATABASES["default"]["HOST"], settings.DATABASES["default"]["PORT"]
    if host.startswith("/"):  # the suite runs on the embedded server
        here = f"postgres://u@/{quote(host, safe='')}/x"
    else:
        here = f"postgres://u@{host or 'localhost'}:{port or 5432}/x"
    assert embedded_db.answers(here)
    assert not embedded_db.answers("postgres://u@127.0.0.1:9/x", timeout=1)


def test_a_command_gets_the_server_and_the_server_stops_after_it():
    others = others_using_the_server()
    result = subprocess.run(
        [*WRAPPER, sys.executable, "-c", PROBE],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    postmaster, extensions, host = result.stdout.split()
    assert extensions == "pg_trgm,unaccent"
    assert host.startswith("/")  # a socket folder, never a port
    if not others:
        with contextlib.suppress(psutil.NoSuchProcess):
            psutil.Process(int(postmaster)).wait(timeout=10)


def test_sigterm_stops_the_command_and_the_server():
    if others_using_the_server():
        pytest.skip("another process uses the embedded server")
    wrapper = subprocess.Popen(
        [*WRAPPER, sys.executable, "-c", "import time; time.sleep(120)"],
        env=ENV,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Started once it names its data folder (stderr), and the sleeping command is its child.
    assert "PostgreSQL (embedded)" in wrapper.stderr.readline()
    for _ in range(50):
        children = psutil.Process(wrapper.pid).children()
        if children:
            break
        time.sleep(0.1)
    server = psutil.Process(int((embedded_db.DATA_DIR / "postmaster.pid").read_text().split()[0]))
    wrapper.send_signal(signal.SIGTERM)
    assert wrapper.wait(timeout=30) == 128 + signal.SIGTERM
    assert not any(child.is_running() for child in children)
    server.wait(timeout=10)
    assert not server.is_running()


def test_sigterm_while_the_server_starts_leaves_nothing_running():
    if others_using_the_server():
        pytest.skip("another process uses the embedded server")
    wrapper = subprocess.Popen(
        [*WRAPPER, sys.executable, "-c", "import time; time.sleep(120)"],
        env=ENV,
        stderr=subprocess.DEVNULL,
    )
    # The wrapper is in the server's list of users before the command starts.
    for _ in range(300):
        if wrapper.pid in others_using_the_server():
            break
        time.sleep(0.01)
    wrapper.send_signal(signal.SIGTERM)
    assert wrapper.wait(timeout=30) == 128 + signal.SIGTERM
    assert not others_using_the_server()
    pid_file = embedded_db.DATA_DIR / "postmaster.pid"
    for _ in range(100):
        if not pid_file.exists():
            break
        time.sleep(0.1)
    assert not pid_file.exists()
