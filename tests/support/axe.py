"""axe-core (bundled by axe-playwright-python) on a page as it is now."""

from axe_playwright_python.sync_playwright import Axe


def violations(page):
    """Every accessibility violation axe finds, of any impact, one line each."""
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
