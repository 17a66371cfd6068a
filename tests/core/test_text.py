import pytest

from core.text import clean_rich_text, web_url


@pytest.mark.parametrize(
    "text",
    [
        "plain words",
        "We **make** things.\n\n- one\n- two",
        "<p>Already <em>clean</em></p>",
        "<script>alert(1)</script>left over",
        "<div>block</div><span>inline</span>",
        "text <b>bold</b> tail",
        "<p>a</p>\n\ntrailing text",
    ],
)
def test_cleaning_what_is_stored_changes_nothing(text):
    once = clean_rich_text(text)
    assert clean_rich_text(once) == once
    assert "<script" not in once


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_text_stays_empty(text):
    assert clean_rich_text(text) == ""


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org", "https://example.org"),
        (" http://example.org/x ", "http://example.org/x"),
        ("javascript:alert(1)", ""),
        ("JaVaScRiPt:alert(1)", ""),
        ("data:text/html,x", ""),
        ("//evil.example", ""),
    ],
)
def test_only_web_addresses_become_links(url, expected):
    assert web_url(url) == expected
