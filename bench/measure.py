"""Measuring one database: serve it, warm up, request every page kind on distinct URLs one at a
time (kinds interleaved), then the throughput of the list and the profile."""

import random
import statistics
import time

from bench.client import fetch
from bench.exports import EXPORTS, measure_exports
from bench.harness import RESULTS_DIR, HarnessError, say, summary
from bench.load import run_load
from bench.pages import PAGES, distinct_urls, load_paths, pools
from bench.server import django_env, flush_redis, free_port, gunicorn, manage


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
    # The Redis cache was flushed: its copy of the facet cube's stamp with it. Beat writes it
    # again within a minute in production; here, at once (organisations/cube.py).
    manage("refresh_facet_cube", env=env)
    RESULTS_DIR.mkdir(exist_ok=True)
    log_path = RESULTS_DIR / f"gunicorn-{label}.log"
    notes = []
    with gunicorn(env, port, log_path) as server:
        say(f"[{label}] gunicorn (2 sync workers) on 127.0.0.1:{port}, log {log_path.name}")
        kinds = plan(sample)
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
            pages[page.key] = page_result(page, pool, responses[page.key], urls, args)
            if pages[page.key]["queries"] and pages[page.key]["queries"]["median"] == 0:
                notes.append(
                    f"{page.label}: most responses ran no SQL at all (served from a cache?): "
                    f"these timings do not show the database's work"
                )
        say(f"[{label}] exports: {', '.join(EXPORTS)}, each downloaded whole once")
        exports = measure_exports(port, server)
        for export in exports:
            if export["error"]:
                failures.append(
                    {"size": label, "page": "export", "url": export["path"], "error": export}
                )
        load = {}
        if args.load_seconds > 0:
            for key, paths in load_paths(sample).items():
                if key == "not_modified":
                    paths = with_etags(port, paths)
                say(f"[{label}] load: {key}, {len(paths)} URLs, {args.load_seconds} s")
                load[key] = run_load(args, port, paths)
                answered = load[key].get("not_modified", 0)
                if key == "not_modified" and answered < load[key]["requests"]:
                    notes.append(
                        f"304 target: only {answered} of {load[key]['requests']} answers were "
                        "304 (do the workers make different ETags?)"
                    )
                if load[key]["non2xx"] or load[key]["failed_connections"]:
                    failures.append(
                        {"size": label, "page": f"load:{key}", "url": "(wrk)", "detail": load[key]}
                    )
    return {"pages": pages, "load": load, "exports": exports, "notes": notes, "port": port}


def with_etags(port, paths):
    """Each path with the ETag it is served with now ("path<TAB>etag"): sent back as
    If-None-Match, the site answers 304 after one small query."""
    lines = []
    for path in paths:
        etag = fetch(port, path).headers.get("etag")
        if not etag:
            raise HarnessError(f"{path} sends no ETag: the 304 throughput can't be measured")
        lines.append(f"{path}\t{etag}")
    return lines


def plan(sample):
    """Every page kind, with the distinct values its URL pattern is filled with."""
    values = pools(sample, random.Random(7))
    for page in PAGES:
        if not values[page.key]:
            raise HarnessError(f"{page.label}: nothing in the database to fill {page.url}")
    return [(page, values[page.key]) for page in PAGES]


def page_result(page, pool, got, urls, args):
    """What the report and bench-results/*.json say about one page kind at one size."""
    queries = [r.queries for r in got if r.queries is not None]
    return {
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
