"""The benchmark databases: dsi_bench_<size> on the PostgreSQL server, created, migrated and
seeded (`seed_demo --organisations N --projects N --events N/10 --funding-calls N/10`), or
reused when the marker stored on the database (COMMENT ON DATABASE), the seeding code and the
row counts still match."""

import hashlib
import json
import subprocess
import time
from datetime import UTC, datetime

from bench.harness import PYTHON, REPO, HarnessError, say, size_label
from bench.server import django_env, manage

DB_PREFIX = "dsi_bench_"
MARKER_FORMAT = 2
SEEDING_CODE = REPO / "demo"  # seed_demo, its generator and its data files


def calendar_rows(size):
    """Events and funding calls seeded beside `size` organisations: a tenth as many, as the
    2017 directory had about one event per ten organisations."""
    return max(10, size // 10)


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
    """Seeding code or data changed → the seeded data may differ → reseed."""
    digest = hashlib.sha256()
    files = sorted(
        p for p in SEEDING_CODE.rglob("*") if p.is_file() and p.suffix in {".py", ".json"}
    )
    for path in files:
        digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def sample_database(env, count):
    """bench/sample.py on the database of `env`: its row counts and what fills the URLs."""
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


def prepare_database(args, size, sample_count):
    """Create, migrate and seed dsi_bench_<size>, or reuse it; return (url, sample, status)."""
    label = size_label(size)
    name = DB_PREFIX + label
    url = args.postgres + name
    env = django_env(url)  # no REDIS_URL: tasks run in-process, the cache is local memory
    calendar = calendar_rows(size)
    want = {
        "format": MARKER_FORMAT,
        "organisations": size,
        "projects": size,
        "events": calendar,
        "funding_calls": calendar,
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
            manage("refresh_facet_cube", env=env)  # built for the current data, if it is not
            return url, sample, f"reused (seeded {marker.get('seeded_at', '?')})"
        reason = f"row counts {sample['counts']} ≠ marker {marker.get('counts')}"
    say(f"[{label}] seeding {name}: {reason}")
    started = time.monotonic()
    recreate_database(args.postgres, name)
    manage("migrate", "--noinput", "-v", "0", env=env)
    manage(
        "seed_demo",
        *("--organisations", str(size), "--projects", str(size)),
        *("--events", str(calendar), "--funding-calls", str(calendar)),
        env=env,
        capture=False,
        timeout=4 * 3600,
    )
    say("")
    # As beat does within a minute of a change in production (organisations/cube.py).
    say(f"[{label}] " + manage("refresh_facet_cube", env=env).strip())
    # Not analysed again here: the first measurement shows the database as seed_demo leaves
    # it (it analyses what it loaded); bench.run then runs VACUUM ANALYZE and measures again.
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
    return url, sample, f"seeded in {seconds:.0f} s, as seeded"
