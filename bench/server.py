"""The site under test, run as production runs it: manage.py and gunicorn in processes of their
own, with an environment that nothing of the caller's can change."""

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import time

from bench.client import fetch
from bench.harness import PYTHON, REPO, HarnessError

THROWAWAY_SECRET = "bench-only-" + secrets.token_urlsafe(40)


def django_env(database_url, redis_url="", **extra):
    """The environment for manage.py and gunicorn: production-like, nothing inherited that could
    change the settings (every DJANGO_* variable of the caller is dropped)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("CACHE_KEY_PREFIX", None)
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        DJANGO_SETTINGS_MODULE="dsi_directory.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=THROWAWAY_SECRET,
        DJANGO_HTTPS="false",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_STATIC_FROM_FINDERS="true",
        DJANGO_LOG_LEVEL="WARNING",
        # As deployed (docker-compose.yml): every worker makes the same ETags, so a 304 does
        # not depend on which worker answers.
        RELEASE="bench",
        PYTHONUNBUFFERED="1",
        **extra,
    )
    return env


def manage(*args, env, capture=True, timeout=3600):
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=capture,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        output = (result.stdout or "") + (result.stderr or "") if capture else ""
        raise HarnessError(f"manage.py {' '.join(args)} failed:\n{output[-3000:]}")
    return result.stdout


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def flush_redis(redis_url):
    import redis

    client = redis.Redis.from_url(redis_url, socket_connect_timeout=2)
    try:
        client.flushdb()
    finally:
        client.close()


@contextlib.contextmanager
def gunicorn(env, port, log_path):
    """gunicorn on 127.0.0.1:port in its own process group, always stopped on the way out."""
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "dsi_directory.wsgi:application",
                "--workers=2",
                "--worker-class=sync",
                f"--bind=127.0.0.1:{port}",
                "--timeout=60",
                "--graceful-timeout=5",
                "--no-control-socket",
                "--log-level=warning",
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    raise HarnessError(f"gunicorn exited ({process.returncode}); see {log_path}")
                if fetch(port, "/robots.txt", timeout=5).status:
                    break
                if time.monotonic() > deadline:
                    raise HarnessError(f"gunicorn did not answer within 60 s; see {log_path}")
                time.sleep(0.2)
            yield process
        finally:
            stop_process_group(process)


def stop_process_group(process):
    for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        if process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(wait)
