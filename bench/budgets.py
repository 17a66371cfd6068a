"""DESIGN.md's budgets ("Budgets"), checked on the measured pages: PASS or FAIL each."""

from bench.pages import BASELINE, LOAD_TARGETS, PAGES

MAX_RATIO = 2.0  # the large size's median over the small size's, per page
MEDIAN_BUDGET_MS = {"list": 30.0, "detail": 20.0, "search": 60.0}
MAX_QUERIES = 8
# At a million rows (issue 17): every page within 3× its 1k cost, search p95 within 100 ms.
MILLION_MAX_RATIO = 3.0
MILLION_SEARCH_P95_MS = 100.0
QUERY_BUDGETED = {"list", "detail"}


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
        big = runs[large]["pages"][spec.key]
        if small != large:
            little = runs[small]["pages"][spec.key]
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
            measured = [runs[s]["pages"][spec.key] for s in (small, large)]
            if any(m["queries"] is None or m["queries_missing"] for m in measured):
                add(big, f"queries ≤ {MAX_QUERIES}", None, MAX_QUERIES, False, "no header")
                continue
            most = max(m["queries"]["max"] for m in measured)
            fewest = min(m["queries"]["min"] for m in measured)
            shown = str(most) if most == fewest else f"{fewest}–{most}"
            add(big, f"queries ≤ {MAX_QUERIES}", most, MAX_QUERIES, most <= MAX_QUERIES, shown)
    budgets.extend(throughput_budgets(runs[large].get("load") or {}, large))
    return budgets


def throughput_budgets(load, size):
    """Requests per second under wrk as a share of the baseline page's, measured in the same
    run on the same machine: the machine's speed cancels out."""
    base = load.get(BASELINE, {}).get("rps")
    budgets = []
    for key, title, share in LOAD_TARGETS:
        if share is None or key not in load or not base:
            continue
        rps = load[key]["rps"]
        need = base * share
        budgets.append(
            {
                "page": title,
                "budget": f"req/s at {size} ≥ 1/{1 / share:g} of baseline",
                "value": rps,
                "limit": round(need, 1),
                "result": "PASS" if rps >= need else "FAIL",
                "shown": f"{rps:.0f} (≥ {need:.0f})",
            }
        )
    return budgets


def million_budgets(runs, small, million):
    """The third size's budgets: ratio to the small size ≤ 3, search p95 ≤ 100 ms."""
    budgets = []
    for spec in PAGES:
        big = runs[million]["pages"][spec.key]
        ratio = big["latency_ms"]["median"] / runs[small]["pages"][spec.key]["latency_ms"]["median"]
        budgets.append(
            {
                "page": big["label"],
                "budget": f"ratio {million}/{small} ≤ {MILLION_MAX_RATIO:g}",
                "value": round(ratio, 2),
                "limit": MILLION_MAX_RATIO,
                "result": "PASS" if ratio <= MILLION_MAX_RATIO else "FAIL",
                "shown": f"{ratio:.2f}",
            }
        )
        if spec.budget == "search":
            p95 = big["latency_ms"]["p95"]
            budgets.append(
                {
                    "page": big["label"],
                    "budget": f"p95 at {million} ≤ {MILLION_SEARCH_P95_MS:g} ms",
                    "value": p95,
                    "limit": MILLION_SEARCH_P95_MS,
                    "result": "PASS" if p95 <= MILLION_SEARCH_P95_MS else "FAIL",
                    "shown": f"{p95:.1f} ms",
                }
            )
    return budgets
