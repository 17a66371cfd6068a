"""One HTTP request to the server under test, timed, with what the server says it did: the
number of SQL queries (X-Query-Count) and its own time (Server-Timing), both sent because the
server runs with DJANGO_BENCH_HEADERS=true."""

import http.client
import re
import time
from dataclasses import dataclass, field

TIMING = re.compile(r"(app|db);dur=([0-9.]+)")


@dataclass
class Response:
    status: int  # 0: no response (connection error, timeout)
    ms: float
    queries: int | None = None
    server_ms: float | None = None
    db_ms: float | None = None
    size: int = 0
    error: str = ""
    headers: dict = field(default_factory=dict)  # lower-case names


def fetch(port, path, headers=None, timeout=60):
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        body = response.read()
    except (OSError, http.client.HTTPException) as error:
        return Response(0, (time.perf_counter() - started) * 1000, error=repr(error))
    finally:
        conn.close()
    ms = (time.perf_counter() - started) * 1000
    count = response.getheader("X-Query-Count")
    timings = dict(TIMING.findall(response.getheader("Server-Timing") or ""))
    return Response(
        status=response.status,
        ms=ms,
        queries=int(count) if count and count.isdigit() else None,
        server_ms=float(timings["app"]) if "app" in timings else None,
        db_ms=float(timings["db"]) if "db" in timings else None,
        size=len(body),
        headers={name.lower(): value for name, value in response.getheaders()},
    )
