"""`make bench`: the directory's speed at two sizes, measured over HTTP, checked against budgets.

For each size (default 1,000 and 100,000 organisations, and as many projects):

1. a PostgreSQL database of its own (dsi_bench_1k, dsi_bench_100k, …) is created, migrated and
   seeded, or reused when its marker (a COMMENT ON DATABASE) and its row counts match
   (bench/databases.py);
2. gunicorn serves it (2 sync workers, DEBUG off, a Redis database of its own flushed first,
   DJANGO_BENCH_HEADERS=true so every response says how many SQL queries it ran;
   bench/server.py);
3. every page kind (bench/pages.py) is requested on many distinct URLs (different profiles,
   filters, deep pages, search terms; a `bench=<n>` parameter where a page has only one
   address), after a warm-up on other URLs, one request at a time, so that whole-page caching
   cannot hide the database's work (bench/measure.py);
4. a load generator (wrk, else a threaded Python client) measures requests per second on the
   anonymous list and profile (bench/load.py).

Then it prints median/p95 latency, queries per request and the large/small ratio per page, the
throughput, and PASS/FAIL for each budget of DESIGN.md (bench/budgets.py, bench/report.py).
Exit status: 1 when any response was not 2xx (or the harness failed), 2 when a budget failed
under --strict, else 0. Results also go to bench-results/ as JSON.
"""

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
from datetime import UTC, datetime

from bench.budgets import evaluate_budgets, million_budgets
from bench.databases import DB_PREFIX, postgres, prepare_database, vacuum_analyze
from bench.harness import REPO, RESULTS_DIR, HarnessError, say, size_label
from bench.measure import measure_size
from bench.report import report

DEFAULT_POSTGRES = "postgres://postgres:postgres@127.0.0.1:5432/"
DEFAULT_REDIS = "redis://127.0.0.1:6379/12"


def git_revision():
    def git(*args):
        return subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, check=False
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + ("+dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


def parse_size(text):
    """1000, 1_000, 1k or 1m: organisations per database."""
    text = text.strip().lower().replace("_", "")
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(text[:-1] if scale > 1 else text) * scale


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--sizes", default="1k,100k", help="organisations per database, e.g. 1k,100k,1m"
    )
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
    try:
        args.size_list = sorted({parse_size(s) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error(f"--sizes: {args.sizes!r} is not a list of sizes like 1k,100k,1m")
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
    sample_count = max(args.requests + args.warmup, 1000)
    for size in args.size_list:
        label = size_label(size)
        url, sample, status = prepare_database(args, size, sample_count)
        say(f"[{label}] database {DB_PREFIX + label}: {status}")
        if status.endswith("as seeded"):
            # Freshly seeded: measured as seed_demo left it, then after a manual VACUUM ANALYZE.
            as_seeded = measure_size(args, label, url, sample, failures)
            results.setdefault("as_seeded", {})[label] = as_seeded
            vacuum_analyze(args.postgres, DB_PREFIX + label)
            status += ", then VACUUM ANALYZE"
        run = measure_size(args, label, url, sample, failures)
        run.update(database=DB_PREFIX + label, database_status=status, counts=sample["counts"])
        results["runs"][label] = run
    labels = list(results["runs"])
    # DESIGN.md's budgets compare 100k with 1k; a third, larger size has budgets of its own.
    large = "100k" if "100k" in labels else labels[-1]
    budgets = evaluate_budgets(results["runs"], labels[0], large)
    if labels[-1] != large:
        budgets += million_budgets(results["runs"], labels[0], labels[-1])
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
