"""Browser tests run in headless Chromium; the fixtures (browser, page, new_page, axe) live in
tests/conftest.py so that every app's browser tests share one browser per session."""
