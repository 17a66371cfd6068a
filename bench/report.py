"""The printed report: latency per page and size, throughput, budgets, and a one-line summary."""

from bench.harness import say
from bench.pages import BASELINE, LOAD_TARGETS, PAGES


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
    _latency(results, labels, small, large)
    _as_seeded(results)
    _exports(results, labels)
    if any(results["runs"][label]["load"] for label in labels):
        _throughput(results, labels)
    say()
    if (small, large) == ("1k", "100k") or (small == "1k" and "100k" in labels):
        say("Budgets (DESIGN.md; with a third size, issue 17's budgets at that size too):")
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


def _latency(results, labels, small, large):
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
    for spec in PAGES:
        line = f"{spec.label:<36}"
        for label in labels:
            page = results["runs"][label]["pages"][spec.key]
            server = (page["server_ms"] or {}).get("median")
            line += (
                f" │ {fmt(page['latency_ms']['median'], 12)} {fmt(page['latency_ms']['p95'], 7)}"
                f" {fmt(server, 7)} {queries_text(page):>5}"
            )
        if len(labels) > 1:
            a = results["runs"][small]["pages"][spec.key]
            b = results["runs"][large]["pages"][spec.key]
            line += f" │ {fmt(b['latency_ms']['median'] / a['latency_ms']['median'], 9, 2)}"
        say(line)


def _throughput(results, labels):
    loads = [results["runs"][x]["load"] for x in labels]
    tool = next(v["tool"] for load in loads for v in load.values())
    say()
    say(f"Throughput: {tool}, {results['args']['load_seconds']} s per target, cycling URLs")
    head = f"{'target':<42}"
    for label in labels:
        head += f" │ {label + ' req/s':>11} {'p50 ms':>7} {'p99 ms':>7} {'URLs':>5} {'÷ base':>7}"
    say(head)
    say("─" * len(head))
    for key, title, _share in LOAD_TARGETS:
        line = f"{title:<42}"
        for label in labels:
            load = results["runs"][label]["load"]
            data = load.get(key)
            if data is None:
                line += f" │ {'–':>11} {'':>7} {'':>7} {'':>5} {'':>7}"
                continue
            base = load.get(BASELINE, {}).get("rps")
            share = f"1/{base / data['rps']:.1f}" if base and data["rps"] else "–"
            line += (
                f" │ {fmt(data['rps'], 11)} {fmt(data['p50_ms'], 7)} "
                f"{fmt(data['p99_ms'], 7)} {data['urls']:>5} {share:>7}"
            )
        say(line)


def _as_seeded(results):
    """Databases seeded in this run were measured twice: as seed_demo left them (it analyses
    what it loads) and after a manual VACUUM ANALYZE. Both medians, side by side."""
    for label, before in results.get("as_seeded", {}).items():
        after = results["runs"][label]["pages"]
        say()
        say(f"{label} right after seeding vs after a manual VACUUM ANALYZE (median ms):")
        for key, page in before["pages"].items():
            seeded, analysed = page["latency_ms"]["median"], after[key]["latency_ms"]["median"]
            say(f"  {page['label']:<34} {seeded:>8.1f}  {analysed:>8.1f}  ×{seeded / analysed:.2f}")


def _exports(results, labels):
    say()
    say("Exports, each downloaded whole once (gunicorn worker memory: before → peak):")
    for label in labels:
        for export in results["runs"][label].get("exports", []):
            say(
                f"  {label:>5} {export['path']:<30} {export['seconds']:>7.2f} s "
                f"{export['megabytes']:>7.1f} MB   {export['rss_mb_before']:.0f} → "
                f"{export['rss_mb_peak']:.0f} MB"
                + (f"   CUT OFF: {export['error']}" if export.get("error") else "")
            )
