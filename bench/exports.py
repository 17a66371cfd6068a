"""The open-data exports at each size: the whole organisations CSV and JSON downloaded once, its
time, size and the gunicorn workers' memory while it streams (it must stay flat: the export is
streamed, never built in memory)."""

import http.client
import threading
import time
import urllib.request

import psutil

EXPORTS = ["/export/organisations.csv", "/export/organisations.json", "/export/projects.csv"]


def measure_exports(port, server):
    """[{path, seconds, megabytes, rss_mb_before, rss_mb_peak}] for each export."""
    workers = psutil.Process(server.pid).children()
    results = []
    for path in EXPORTS:
        before = _rss_mb(workers)
        peak = [before]
        done = threading.Event()

        def watch(peak=peak, done=done):
            while not done.wait(0.1):
                peak[0] = max(peak[0], _rss_mb(workers))

        watcher = threading.Thread(target=watch)
        watcher.start()
        started = time.monotonic()
        size, error = 0, None
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=120) as answer:
                while chunk := answer.read(1 << 16):
                    size += len(chunk)
        except (OSError, http.client.HTTPException) as failure:
            # Cut off (a worker killed at gunicorn's timeout, say): a failure of the run, with
            # how far it got; the other measurements go on.
            error = f"{type(failure).__name__}: {failure}"[:200]
        seconds = time.monotonic() - started
        done.set()
        watcher.join()
        results.append(
            {
                "path": path,
                "seconds": round(seconds, 2),
                "megabytes": round(size / 1e6, 1),
                "rss_mb_before": round(before, 1),
                "rss_mb_peak": round(peak[0], 1),
                "error": error,
            }
        )
    return results


def _rss_mb(processes):
    total = 0
    for process in processes:
        try:
            total = max(total, process.memory_info().rss)
        except psutil.Error:
            continue
    return total / 1e6
