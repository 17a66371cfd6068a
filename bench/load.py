"""Throughput: requests per second on a list of URLs for a few seconds, with wrk (and
bench/cycle.lua) where it is installed, else a small threaded Python client."""

import json
import shutil
import subprocess
import tempfile
import threading
import time
from collections import Counter

from bench.client import fetch
from bench.harness import REPO, HarnessError, percentile


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
        "not_modified": data["not_modified"],
        "failed_connections": data["connect_errors"] + data["timeouts"],
        "socket_errors": {k: data[k] for k in ("read_errors", "write_errors")},
    }


def run_python_load(args, port, paths):
    """Where wrk is missing: N threads, each one request at a time."""
    deadline = time.monotonic() + args.load_seconds
    latencies, statuses, lock = [], Counter(), threading.Lock()

    def worker(offset):
        i = offset
        while time.monotonic() < deadline:
            path, _, etag = paths[i % len(paths)].partition("\t")
            response = fetch(port, path, {"If-None-Match": etag} if etag else None)
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
        "non2xx": sum(n for s, n in statuses.items() if s and not (200 <= s < 300 or s == 304)),
        "failed_connections": statuses.get(0, 0),
        "socket_errors": {},
    }
