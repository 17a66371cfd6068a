"""What every part of `make bench` shares: where things are, how it talks, how it fails, and the
statistics of a list of timings."""

import math
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO / "bench-results"
PYTHON = sys.executable


class HarnessError(Exception):
    """The harness itself failed (a server, a seeding, a tool): exit status 1."""


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
