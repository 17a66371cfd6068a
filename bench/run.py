"""`make bench`: the directory's speed at two sizes, measured over HTTP, checked against budgets.

For each size (default 1,000 and 100,000 organisations, plus as many projects when `seed_demo`
has `--projects`):

1. a PostgreSQL database of its own (dsi_bench_1k, dsi_bench_100k, …) is created, migrated and
   seeded, or reused when its marker (a COMMENT ON DATABASE) and its row counts match;
2. gunicorn serves it (2 sync workers, DEBUG off, a Redis database of its own flushed first,
   DJANGO_BENCH_HEADERS=true so every response says how many SQL queries it ran);
3. every page kind is requested on many distinct URLs (different profiles, filters, deep pages,
   search terms; a `bench=<n>` parameter where a page has only one address), after a warm-up on
   other URLs, one request at a time, so that whole-page caching cannot hide the database's work;
4. a load generator (wrk, else a threaded Python client) measures requests per second on the
   anonymous list and profile.

Then it prints median/p95 latency, queries per request and the large/small ratio per page, the
throughput, and PASS/FAIL for each budget of DESIGN.md. Exit status: 1 when any response was not
2xx (or the harness failed), 2 when a budget failed under --strict, else 0. Results also go to
bench-results/ as JSON.
"""

import argparse
import contextlib
import hashlib
import http.client
import json
import math
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote_plus

REPO = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO / "bench-results"
PYTHON = sys.executable
DEFAULT_POSTGRES = "postgres://postgres:postgres@127.0.0.1:5432/"
DEFAULT_REDIS = "redis://127.0.0.1:6379/12"
DB_PREFIX = "dsi_bench_"
MARKER_FORMAT = 1

# --- What is measured: one line per page kind ---------------------------------------------------
# {placeholders} are filled from the seeded data (bench/sample.py), a different value per request.
SEARCH_URL = "/search/?q={q}"  # the cross-type search page (issue 4)
SEARCH_FALLBACK_URL = "/organisations/?q={q}"  # used while /search/ answers 404
OVERLAY_URL = "/search/overlay/?q={q}"  # skipped while it answers 404
OVERLAY_HEADERS = {"HX-Request": "true"}


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    budget: str  # home, list, detail or search: which budgets of DESIGN.md apply
    url: str
    headers: dict = field(default_factory=dict)


PAGES = [
    Page("home", "home", "home", "/"),
    Page("list", "organisation list, page 1", "list", "/organisations/"),
    Page("filtered", "list, country + tag", "list", "/organisations/?country={country}&tag={tag}"),
    Page("deep", "list, deepest pages", "list", "/organisations/?page={page}"),
    Page("profile", "organisation profile", "detail", "/organisations/{slug}/"),
    Page("projects", "project list, page 1", "list", "/projects/"),
    Page("project", "project page", "detail", "/projects/{slug}/"),
    Page("search_rare", "search, rare term", "search", SEARCH_URL),
    Page("search_common", "search, common term", "search", SEARCH_URL),
    Page("overlay", "search overlay", "search", OVERLAY_URL, OVERLAY_HEADERS),
]
LOAD_TARGETS = [("list", "organisation list (anonymous)"), ("profile", "organisation profile")]

# --- Budgets (DESIGN.md, "Budgets") -------------------------------------------------------------
MAX_RATIO = 2.0
MEDIAN_BUDGET_MS = {"list": 30.0, "detail": 20.0, "search": 60.0}
MAX_QUERIES = 8
QUERY_BUDGETED = {"list", "detail"}


# --- Small helpers ------------------------------------------------------------------------------
def say(text=""):
    print(text, flush=True)


def size_label(size):
    for unit, suffix in ((1_000_000, "m"), (1000, "k")):
        if size >= unit and size % unit == 0:
            return f"{size // unit}{suffix}"
    return str(size)


def percentile(values, pct):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def summary(values):
    if not values:
        return None
    return {
        "median": round(statistics.median(values), 2),
        "p95": round(percentile(values, 95), 2),
        "min": round(min(values), 2),
        "max": round(max(values), 2),
    }


def git_revision():
    def git(*args):
        return subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, check=False
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + ("+dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HarnessError(Exception):
    pass


# --- Environments -------------------------------------------------------------------------------
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
        PYTHONUNBUFFERED="1",
        **extra,
    )
    return env


THROWAWAY_SECRET = "bench-only-" + secrets.token_urlsafe(40)


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


# --- Databases ----------------------------------------------------------------------------------
def postgres(server_url, dbname="postgres"):
    import psycopg

    return psycopg.connect(server_url + dbname, autocommit=True)


def read_marker(server_url, name):
    """(exists, marker dict or None) for database `name`."""
    with postgres(server_url) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
    if row is None:
        return False, None
    try:
        marker = json.loads(row[0] or "")
    except ValueError:
        return True, None
    return True, marker if isinstance(marker, dict) else None


def write_marker(server_url, name, marker):
    from psycopg import sql

    with postgres(server_url) as conn:
        conn.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(name), sql.Literal(json.dumps(marker, sort_keys=True))
            )
        )


def recreate_database(server_url, name):
    from psycopg import sql

    assert name.startswith(DB_PREFIX)
    with postgres(server_url) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def vacuum_analyze(server_url, name):
    with postgres(server_url, name) as conn:
        conn.execute("VACUUM (ANALYZE)")


def seed_fingerprint():
    """Seeding code changed → the seeded data may differ → reseed."""
    digest = hashlib.sha256()
    files = sorted(REPO.glob("*/demo.py")) + sorted(REPO.glob("*/management/commands/seed_demo.py"))
    for path in files:
        digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def seed_supports_projects(env):
    return "--projects" in manage("seed_demo", "--help", env=env)


def sample_database(env, count):
    output = subprocess.run(
        [PYTHON, "-m", "bench.sample", "--count", str(count)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    for line in output.stdout.splitlines():
        if line.startswith("BENCH_SAMPLE "):
            return json.loads(line.removeprefix("BENCH_SAMPLE "))
    raise HarnessError(f"bench.sample failed:\n{(output.stdout + output.stderr)[-3000:]}")


def prepare_database(args, size, with_projects, sample_count):
    """Create, migrate and seed dsi_bench_<size>, or reuse it; return (url, sample, status)."""
    label = size_label(size)
    name = DB_PREFIX + label
    url = args.postgres + name
    env = django_env(url)  # no REDIS_URL: tasks run in-process, the cache is local memory
    want = {
        "format": MARKER_FORMAT,
        "organisations": size,
        "projects": size if with_projects else 0,
    }
    fingerprint = seed_fingerprint()
    exists, marker = read_marker(args.postgres, name)
    reason = "--reseed" if args.reseed else None
    if not reason:
        if not exists:
            reason = "new database"
        elif not marker or {k: marker.get(k) for k in want} != want:
            reason = f"marker {marker and {k: marker.get(k) for k in want}} ≠ wanted {want}"
        elif marker.get("fingerprint") != fingerprint and not args.keep_data:
            reason = "the seeding code changed (use --keep-data to reuse anyway)"
    if not reason:
        try:
            manage("migrate", "--noinput", "-v", "0", env=env)
        except HarnessError as error:  # e.g. a migration rewritten since it was applied here
            reason = f"migrate failed on the existing database ({str(error)[-300:].strip()})"
    if not reason:
        sample = sample_database(env, sample_count)
        if sample["counts"] == marker.get("counts"):
            vacuum_analyze(args.postgres, name)
            return url, sample, f"reused (seeded {marker.get('seeded_at', '?')})"
        reason = f"row counts {sample['counts']} ≠ marker {marker.get('counts')}"
    say(f"[{label}] seeding {name}: {reason}")
    started = time.monotonic()
    recreate_database(args.postgres, name)
    manage("migrate", "--noinput", "-v", "0", env=env)
    seed = ["seed_demo", "--organisations", str(size)]
    if with_projects:
        seed += ["--projects", str(size)]
    manage(*seed, env=env, capture=False)
    say("")
    vacuum_analyze(args.postgres, name)
    sample = sample_database(env, sample_count)
    seconds = round(time.monotonic() - started, 1)
    write_marker(
        args.postgres,
        name,
        {
            **want,
            "fingerprint": fingerprint,
            "counts": sample["counts"],
            "seeded_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "seed_seconds": seconds,
        },
    )
    return url, sample, f"seeded in {seconds:.0f} s"


# --- The server ---------------------------------------------------------------------------------
@dataclass
class Response:
    status: int  # 0: no response (connection error, timeout)
    ms: float
    queries: int | None = None
    server_ms: float | None = None
    db_ms: float | None = None
    size: int = 0
    error: str = ""


TIMING = re.compile(r"(app|db);dur=([0-9.]+)")


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
    )


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


# --- URLs ---------------------------------------------------------------------------------------
def common_terms(sample):
    """Words that match many records: the most used tags, cities, and words of names."""
    names = sample["organisation_names"]
    words = Counter(w for name in names for w in set(name.split()) if w.isalpha() and len(w) > 2)
    frequent = [w for w, n in words.most_common() if n >= max(2, len(names) // 50)]
    candidates = [t[1] for t in sample["tags"]] + [r for r, _ in sample["regions"]] + frequent
    seen, terms = set(), []
    for term in candidates:
        if term.lower() not in seen:
            seen.add(term.lower())
            terms.append(term)
    return terms


def pools(sample, rng):
    """For each page kind, the distinct values its URL pattern is filled with."""
    pairs = [{"country": c, "tag": t} for c, t, _ in sample["country_tag_pairs"]]
    rng.shuffle(pairs)
    last = max(1, math.ceil(sample["published_organisations"] / sample["page_size"]))
    deep = [{"page": p} for p in range(last, max(1, math.ceil(last * 0.75)) - 1, -1)]
    rare = [{"q": name} for name in sample["organisation_names"]]
    common = common_terms(sample)
    rng.shuffle(common)
    typed = []
    for i, name in enumerate(sample["organisation_names"]):
        typed.append(name[: max(2, len(name) - 2)].rstrip())
        if i < len(common):
            typed.append(common[i][: 3 + i % 3])
    typed = list(dict.fromkeys(typed))
    return {
        "home": [{}],
        "list": [{}],
        "filtered": pairs,
        "deep": deep,
        "profile": [{"slug": s} for s in sample["organisation_slugs"]],
        "projects": [{}],
        "project": [{"slug": s} for s in sample["project_slugs"]],
        "search_rare": rare,
        "search_common": [{"q": t} for t in common],
        "overlay": [{"q": t} for t in typed],
    }


def render(pattern, values):
    return pattern.format(**{k: quote_plus(str(v)) for k, v in values.items()})


def distinct_urls(pattern, pool, count):
    """`count` distinct URLs: the pool first, then `bench=<n>` keeps repeats distinct."""
    urls = []
    for i in range(count):
        url = render(pattern, pool[i % len(pool)])
        if i >= len(pool):
            url += ("&" if "?" in url else "?") + f"bench={i}"
        urls.append(url)
    return urls


def load_paths(sample, count=1000):
    last = max(1, math.ceil(sample["published_organisations"] / sample["page_size"]))
    lists = ["/organisations/"]
    lists += [f"/organisations/?country={c}" for c, _ in sample["countries"]]
    lists += [f"/organisations/?tag={quote_plus(t[0])}" for t in sample["tags"]]
    lists += [f"/organisations/?page={p}" for p in range(2, min(last, 30) + 1)]
    profiles = [f"/organisations/{s}/" for s in sample["organisation_slugs"][:count]]
    return {"list": lists, "profile": profiles}


# --- Measuring ----------------------------------------------------------------------------------
def measure_size(args, label, database_url, sample, failures):
    """Serve one database and measure it: {"pages": …, "load": …, "notes": […]}."""
    flush_redis(args.redis)
    port = free_port()
    env = django_env(
        database_url,
        args.redis,
        DJANGO_BENCH_HEADERS="true",
        CACHE_KEY_PREFIX=f"bench-{label}",
        SITE_URL=f"http://127.0.0.1:{port}",
    )
    RESULTS_DIR.mkdir(exist_ok=True)
    log_path = RESULTS_DIR / f"gunicorn-{label}.log"
    notes = []
    with gunicorn(env, port, log_path):
        say(f"[{label}] gunicorn (2 sync workers) on 127.0.0.1:{port}, log {log_path.name}")
        kinds = plan(args, port, sample, notes)
        total = args.requests + args.warmup
        urls = {page.key: distinct_urls(page.url, pool, total) for page, pool in kinds}
        say(
            f"[{label}] warm-up: {args.warmup} URLs per page kind; then {args.requests} other "
            f"distinct URLs per kind, one request at a time, kinds interleaved"
        )
        for i in range(args.requests, total):
            for page, _ in kinds:
                check(fetch(port, urls[page.key][i], page.headers), label, page, urls, i, failures)
        responses = {page.key: [] for page, _ in kinds}
        started = time.monotonic()
        shown = started
        for i in range(args.requests):
            for page, _ in kinds:
                response = fetch(port, urls[page.key][i], page.headers)
                check(response, label, page, urls, i, failures)
                responses[page.key].append(response)
            if time.monotonic() - shown > 30:
                shown = time.monotonic()
                say(f"[{label}]   {i + 1}/{args.requests} URLs per kind, {shown - started:.0f} s")
        elapsed = time.monotonic() - started
        count = sum(len(r) for r in responses.values())
        say(f"[{label}] {count:,} measured requests in {elapsed:.0f} s")
        pages = {}
        for page, pool in kinds:
            got = responses[page.key]
            queries = [r.queries for r in got if r.queries is not None]
            pages[page.key] = {
                "label": page.label,
                "budget": page.budget,
                "url_pattern": page.url,
                "distinct_urls": args.requests,
                "distinct_values": len(pool),
                "examples": urls[page.key][:3],
                "latency_ms": summary([r.ms for r in got]),
                "server_ms": summary([r.server_ms for r in got if r.server_ms is not None]),
                "db_ms": summary([r.db_ms for r in got if r.db_ms is not None]),
                "queries": (
                    {"min": min(queries), "max": max(queries), "median": statistics.median(queries)}
                    if queries
                    else None
                ),
                "queries_missing": len(got) - len(queries),
                "bytes_median": statistics.median([r.size for r in got]),
                "non2xx": sum(1 for r in got if not 200 <= r.status < 300),
                "samples_ms": [round(r.ms, 2) for r in got],
            }
            if pages[page.key]["queries"] and pages[page.key]["queries"]["median"] == 0:
                notes.append(
                    f"{page.label}: most responses ran no SQL at all (served from a cache?): "
                    f"these timings do not show the database's work"
                )
        load = {}
        if args.load_seconds > 0:
            for key, paths in load_paths(sample).items():
                say(f"[{label}] load: {key}, {len(paths)} URLs, {args.load_seconds} s")
                load[key] = run_load(args, port, paths)
                if load[key]["non2xx"] or load[key]["failed_connections"]:
                    failures.append(
                        {"size": label, "page": f"load:{key}", "url": "(wrk)", "detail": load[key]}
                    )
    return {"pages": pages, "load": load, "notes": notes, "port": port}


def plan(args, port, sample, notes):
    """The page kinds to measure on this server, with their value pools; notes for the rest."""
    rng = random.Random(7)
    values = pools(sample, rng)
    kinds = []
    search_missing = fetch(port, render(SEARCH_URL, {"q": "bench probe"})).status == 404
    if search_missing:
        notes.append(
            f"{SEARCH_URL.split('?')[0]} answers 404: search measured on the list's "
            f"keyword filter {SEARCH_FALLBACK_URL}"
        )
    for page in PAGES:
        if page.key in ("projects", "project") and not sample["published_projects"]:
            notes.append(f"{page.label}: skipped, no published projects in this database")
            continue
        if page.key == "overlay":
            status = fetch(port, render(page.url, {"q": "bench"}), page.headers).status
            if status == 404:
                notes.append(f"{page.label}: skipped, {page.url.split('?')[0]} answers 404")
                continue
        if page.budget == "search" and page.url == SEARCH_URL and search_missing:
            page = Page(page.key, page.label + " (list ?q=)", page.budget, SEARCH_FALLBACK_URL)
        if not values[page.key]:
            notes.append(f"{page.label}: skipped, nothing in the database to fill {page.url}")
            continue
        kinds.append((page, values[page.key]))
    return kinds


def check(response, label, page, urls, i, failures):
    if not 200 <= response.status < 300:
        failures.append(
            {
                "size": label,
                "page": page.key,
                "url": urls[page.key][i],
                "status": response.status,
                "error": response.error,
            }
        )


def run_load(args, port, paths):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", prefix="bench-paths-") as file:
        file.write("\n".join(paths) + "\n")
        file.flush()
        wrk = shutil.which("wrk")
        if wrk:
            return run_wrk(wrk, args, port, file.name, len(paths))
    return run_python_load(args, port, paths)


def run_wrk(wrk, args, port, paths_file, count):
    connections = args.load_connections
    result = subprocess.run(
        [
            wrk,
            f"--threads={min(2, connections)}",
            f"--connections={connections}",
            f"--duration={args.load_seconds}s",
            "--timeout=30s",
            f"--script={REPO / 'bench' / 'cycle.lua'}",
            f"http://127.0.0.1:{port}",
            "--",
            paths_file,
        ],
        capture_output=True,
        text=True,
        timeout=args.load_seconds + 60,
        check=False,
    )
    line = next((x for x in result.stdout.splitlines() if x.startswith("BENCH_WRK ")), None)
    if result.returncode != 0 or line is None:
        raise HarnessError(f"wrk failed:\n{result.stdout}\n{result.stderr}")
    data = json.loads(line.removeprefix("BENCH_WRK "))
    return {
        "tool": f"wrk, {min(2, connections)} threads, {connections} connections",
        "urls": count,
        "seconds": round(data["duration_us"] / 1e6, 2),
        "requests": data["requests"],
        "rps": round(data["requests"] / (data["duration_us"] / 1e6), 1),
        "p50_ms": round(data["p50_us"] / 1000, 2),
        "p99_ms": round(data["p99_us"] / 1000, 2),
        "non2xx": data["non2xx"],
        "failed_connections": data["connect_errors"] + data["timeouts"],
        "socket_errors": {k: data[k] for k in ("read_errors", "write_errors")},
    }


def run_python_load(args, port, paths):
    """Fallback when wrk is missing: N threads, each one request at a time."""
    deadline = time.monotonic() + args.load_seconds
    latencies, statuses, lock = [], Counter(), threading.Lock()

    def worker(offset):
        i = offset
        while time.monotonic() < deadline:
            response = fetch(port, paths[i % len(paths)])
            i += 1
            with lock:
                latencies.append(response.ms)
                statuses[response.status] += 1

    started = time.monotonic()
    threads = [
        threading.Thread(target=worker, args=(n * 997,)) for n in range(args.load_connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - started
    return {
        "tool": f"python threads, {args.load_connections} connections",
        "urls": len(paths),
        "seconds": round(seconds, 2),
        "requests": len(latencies),
        "rps": round(len(latencies) / seconds, 1),
        "p50_ms": round(percentile(latencies, 50), 2) if latencies else None,
        "p99_ms": round(percentile(latencies, 99), 2) if latencies else None,
        "non2xx": sum(n for s, n in statuses.items() if s and not 200 <= s < 300),
        "failed_connections": statuses.get(0, 0),
        "socket_errors": {},
    }


# --- Budgets and report -------------------------------------------------------------------------
def evaluate_budgets(runs, small, large):
    budgets = []

    def add(page, budget, value, limit, ok, shown):
        budgets.append(
            {
                "page": page["label"],
                "budget": budget,
                "value": value,
                "limit": limit,
                "result": "PASS" if ok else "FAIL",
                "shown": shown,
            }
        )

    for spec in PAGES:
        big = runs[large]["pages"].get(spec.key)
        if big is None:
            continue
        little = runs[small]["pages"].get(spec.key) if small != large else None
        if little is not None:
            ratio = big["latency_ms"]["median"] / little["latency_ms"]["median"]
            add(
                big,
                f"ratio {large}/{small} ≤ {MAX_RATIO:g}",
                round(ratio, 2),
                MAX_RATIO,
                ratio <= MAX_RATIO,
                f"{ratio:.2f}",
            )
        if spec.budget in MEDIAN_BUDGET_MS:
            limit = MEDIAN_BUDGET_MS[spec.budget]
            median = big["latency_ms"]["median"]
            add(
                big,
                f"median at {large} ≤ {limit:g} ms",
                median,
                limit,
                median <= limit,
                f"{median:.1f} ms",
            )
        if spec.budget in QUERY_BUDGETED:
            measured = [runs[s]["pages"].get(spec.key) for s in (small, large)]
            measured = [m for m in measured if m is not None]
            if any(m["queries"] is None or m["queries_missing"] for m in measured):
                add(big, f"queries ≤ {MAX_QUERIES}", None, MAX_QUERIES, False, "no header")
                continue
            most = max(m["queries"]["max"] for m in measured)
            fewest = min(m["queries"]["min"] for m in measured)
            shown = str(most) if most == fewest else f"{fewest}–{most}"
            add(big, f"queries ≤ {MAX_QUERIES}", most, MAX_QUERIES, most <= MAX_QUERIES, shown)
    return budgets


def fmt(value, width, digits=1):
    return f"{value:>{width}.{digits}f}" if isinstance(value, float | int) else f"{'–':>{width}}"


def queries_text(page):
    q = page["queries"]
    if q is None:
        return "?"
    return str(q["min"]) if q["min"] == q["max"] else f"{q['min']}–{q['max']}"


def report(results, budgets, failures):
    labels = list(results["runs"])
    small, large = labels[0], labels[-1]
    say()
    say(f"DSI Directory benchmark · commit {results['commit']} · {results['started_at']}")
    say(
        f"{results['machine']} · PostgreSQL {results['postgres_version']} · gunicorn 2 sync "
        f"workers · DEBUG off · Redis cache flushed before each size"
    )
    say(
        f"Machine load average (1 min): {results['load_average_at_start']} at start, "
        f"{results['load_average_at_end']} at end (other work on the machine adds noise)"
    )
    for label in labels:
        run = results["runs"][label]
        c = run["counts"]
        say(
            f"  {label}: {run['database']} — {c.get('organisations', 0):,} organisations, "
            f"{c.get('projects', 0):,} projects, {c.get('organisation_tag_links', 0):,} "
            f"organisation tags; {run['database_status']}"
        )
    for label in labels:
        for note in results["runs"][label]["notes"]:
            say(f"  note [{label}]: {note}")
    say()
    say(
        f"Latency in ms at the client (wall clock, one request at a time, a new connection each), "
        f"{results['args']['requests']} distinct URLs per page after "
        f"{results['args']['warmup']} warm-up URLs; srv = server time (Server-Timing), "
        f"q = SQL queries per request (X-Query-Count)"
    )
    head = f"{'page':<36}"
    for label in labels:
        head += f" │ {label + ' median':>12} {'p95':>7} {'srv':>7} {'q':>5}"
    if len(labels) > 1:
        head += f" │ {large + '/' + small:>9}"
    say(head)
    say("─" * len(head))
    keys = [p.key for p in PAGES if any(p.key in results["runs"][x]["pages"] for x in labels)]
    for key in keys:
        first = next(
            results["runs"][x]["pages"][key] for x in labels if key in results["runs"][x]["pages"]
        )
        line = f"{first['label']:<36}"
        for label in labels:
            page = results["runs"][label]["pages"].get(key)
            if page is None:
                line += f" │ {'skipped':>12} {'':>7} {'':>7} {'':>5}"
                continue
            server = (page["server_ms"] or {}).get("median")
            line += (
                f" │ {fmt(page['latency_ms']['median'], 12)} {fmt(page['latency_ms']['p95'], 7)}"
                f" {fmt(server, 7)} {queries_text(page):>5}"
            )
        if len(labels) > 1:
            a = results["runs"][small]["pages"].get(key)
            b = results["runs"][large]["pages"].get(key)
            ratio = b["latency_ms"]["median"] / a["latency_ms"]["median"] if a and b else None
            line += f" │ {fmt(ratio, 9, 2)}"
        say(line)
    loads = [results["runs"][x]["load"] for x in labels]
    if any(loads):
        tool = next(v["tool"] for load in loads for v in load.values())
        say()
        say(f"Throughput: {tool}, {results['args']['load_seconds']} s per target, cycling URLs")
        head = f"{'target':<36}"
        for label in labels:
            head += f" │ {label + ' req/s':>11} {'p50 ms':>7} {'p99 ms':>7} {'URLs':>5}"
        say(head)
        say("─" * len(head))
        for key, title in LOAD_TARGETS:
            line = f"{title:<36}"
            for label in labels:
                data = results["runs"][label]["load"].get(key)
                if data is None:
                    line += f" │ {'–':>11} {'':>7} {'':>7} {'':>5}"
                    continue
                line += (
                    f" │ {fmt(data['rps'], 11)} {fmt(data['p50_ms'], 7)} "
                    f"{fmt(data['p99_ms'], 7)} {data['urls']:>5}"
                )
            say(line)
    say()
    if (small, large) == ("1k", "100k"):
        say("Budgets (DESIGN.md):")
    elif small == large:
        say(f"Budgets (DESIGN.md, defined at 100k; applied here to {large}; one size, no ratio):")
    else:
        say(f"Budgets (DESIGN.md, defined at 100k vs 1k; applied here to {large} vs {small}):")
    for b in budgets:
        say(f"  {b['result']}  {b['page']:<36} {b['budget']:<24} {b['shown']}")
    passed = sum(1 for b in budgets if b["result"] == "PASS")
    say()
    if failures:
        say(f"{len(failures)} request(s) failed (not 2xx):")
        for f in failures[:15]:
            status = f"{f.get('status', '')} {f.get('error', '')}".strip()
            say(f"  [{f['size']}] {f['page']} {f['url']} → {status}")
    total = sum(
        len(p["samples_ms"]) for run in results["runs"].values() for p in run["pages"].values()
    )
    say(
        f"SUMMARY: {'FAIL' if failures or passed < len(budgets) else 'PASS'} — "
        f"{passed} of {len(budgets)} budgets met, {len(budgets) - passed} FAIL; "
        f"{total:,} measured requests, {len(failures)} non-2xx; results in "
        f"{results['json_path']}"
    )


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--sizes", default="1000,100000", help="organisations per database")
    parser.add_argument("--requests", type=int, default=100, help="distinct URLs per page kind")
    parser.add_argument("--warmup", type=int, default=10, help="warm-up URLs per page kind")
    parser.add_argument("--load-seconds", type=int, default=10, help="0 skips the load test")
    parser.add_argument("--load-connections", type=int, default=4)
    parser.add_argument("--strict", action="store_true", help="a failed budget fails the exit code")
    parser.add_argument("--reseed", action="store_true", help="drop and reseed the databases")
    parser.add_argument(
        "--keep-data", action="store_true", help="reuse databases even if seeding code changed"
    )
    parser.add_argument(
        "--postgres", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--redis", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS))
    args = parser.parse_args(argv)
    args.postgres = args.postgres.rstrip("/") + "/"
    args.size_list = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    if not args.size_list or args.requests < 1 or args.warmup < 0:
        parser.error("need at least one size and one request")
    return args


def main(argv=None):
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind: servers get stopped
    started = datetime.now(UTC)
    RESULTS_DIR.mkdir(exist_ok=True)
    json_path = RESULTS_DIR / f"bench-{started:%Y%m%dT%H%M%SZ}.json"
    with postgres(args.postgres) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
    results = {
        "started_at": started.isoformat(timespec="seconds"),
        "commit": git_revision(),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "postgres_version": version.split()[0],
        "load_average_at_start": round(os.getloadavg()[0], 2),
        "args": {k: v for k, v in vars(args).items() if k not in ("postgres", "redis")},
        "redis": args.redis,
        "json_path": str(json_path.relative_to(REPO)),
        "runs": {},
    }
    failures = []
    with_projects = seed_supports_projects(django_env(args.postgres + "postgres"))
    if not with_projects:
        say("note: seed_demo has no --projects option yet: organisations only")
    sample_count = max(args.requests + args.warmup, 1000)
    for size in args.size_list:
        label = size_label(size)
        url, sample, status = prepare_database(args, size, with_projects, sample_count)
        say(f"[{label}] database {DB_PREFIX + label}: {status}")
        run = measure_size(args, label, url, sample, failures)
        run.update(database=DB_PREFIX + label, database_status=status, counts=sample["counts"])
        results["runs"][label] = run
    labels = list(results["runs"])
    budgets = evaluate_budgets(results["runs"], labels[0], labels[-1])
    results.update(
        finished_at=datetime.now(UTC).isoformat(timespec="seconds"),
        load_average_at_end=round(os.getloadavg()[0], 2),
        budgets=budgets,
        failures=failures,
    )
    json_path.write_text(json.dumps(results, indent=2) + "\n")
    shutil.copyfile(json_path, RESULTS_DIR / "latest.json")
    report(results, budgets, failures)
    if failures:
        return 1
    if args.strict and any(b["result"] == "FAIL" for b in budgets):
        return 2
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except HarnessError as error:
        say(f"bench: {error}")
        sys.exit(1)
