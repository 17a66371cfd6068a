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


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("ROME", "Rome"),
        ("huesca", "Huesca"),
        ("gent", "Gent"),
        ("villanueva del pardillo", "Villanueva del Pardillo"),
        ("LEVALLOIS PERRET", "Levallois Perret"),
        ("saint-denis", "Saint-Denis"),
        ("  rome, ", "Rome"),
        ("NY", "NY"),  # an abbreviation stays
        ("McAllen", "McAllen"),  # capitals of its own are kept
        ("Frankfurt am Main", "Frankfurt am Main"),
        ("", ""),
    ],
)
def test_places_read_as_people_expect(typed, shown):
    from core.text import tidy_place

    assert tidy_place(typed) == shown


def test_share_junk_is_stripped_and_the_rest_kept_as_typed():
    from core.text import strip_share_junk

    assert strip_share_junk("Pujades 102, 8005#sthash.uEWqIjJs.dpuf") == "Pujades 102, 8005"
    assert strip_share_junk("Pujades 102,\n8005") == "Pujades 102,\n8005"
    assert strip_share_junk("") == ""


def test_paragraphs_with_nothing_to_read_are_dropped():
    from core.text import clean_html

    html = (
        "<p>Prototyping.</p>\n<p>&nbsp;</p>\n<p>\xa0</p><p><strong>&nbsp;</strong></p>"
        "<p><br></p>\n<p><strong>Context</strong></p>"
    )
    assert clean_html(html) == "<p>Prototyping.</p>\n<p><strong>Context</strong></p>"
    assert clean_html("<p>a&nbsp;b</p>") == "<p>a&nbsp;b</p>"  # text with a space in it stays
