"""gunicorn's settings wherever the site runs (gunicorn reads ./gunicorn.conf.py by default:
the Dockerfile, docker-compose.yml and `make bench` all start it from the project folder)."""

from gunicorn.http import wsgi


class _ResponseWithoutServerHeader(wsgi.Response):
    """No "Server: gunicorn": the name and version of the server help nobody but attackers."""

    def default_headers(self):
        return [h for h in super().default_headers() if not h.lower().startswith("server:")]


wsgi.Response = _ResponseWithoutServerHeader

# Request lines and headers stay small: nothing of ours needs more.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
