"""gunicorn's settings wherever the site runs (gunicorn reads ./gunicorn.conf.py by default:
the Dockerfile, docker-compose.yml and `make bench` all start it from the project folder)."""

import os

from gunicorn.http import wsgi

# A web request's queries give up after 20 s (settings.py), well before gunicorn's worker timeout
# kills the worker: the person gets an error page and the worker goes on serving. The timeout is
# 60 s, not 30, because the open-data exports stream the whole directory in one response (about
# 20 s for 100,000 organisations here).
os.environ.setdefault("DJANGO_STATEMENT_TIMEOUT_MS", "20000")
timeout = 60


class _ResponseWithoutServerHeader(wsgi.Response):
    """No "Server: gunicorn": the name and version of the server help nobody but attackers."""

    def default_headers(self):
        return [h for h in super().default_headers() if not h.lower().startswith("server:")]


wsgi.Response = _ResponseWithoutServerHeader

# Request lines and headers stay small: nothing of ours needs more.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
