"""Highlighting: matched words in <mark>, everything else escaped (search/highlight.py)."""

from core.search import terms
from search.highlight import highlight


def marked(text, query):
    return str(highlight(text, terms(query)))


def test_a_script_name_shows_escaped_with_only_the_matched_word_marked():
    assert marked("<script>alert(1)</script>", "alert") == (
        "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;"
    )


def test_escape_sequences_are_never_matched():
    # "lt" and "quot" are in the escaped text, not in the text itself.
    assert marked('a < b "c"', "lt quot") == "a &lt; b &quot;c&quot;"
    assert marked("Tom & Jerry", "amp") == "Tom &amp; Jerry"


def test_case_and_accents_do_not_matter_either_way():
    assert marked("Polifactory", "POLIFÁCTORY") == "<mark>Polifactory</mark>"
    assert marked("Café Numérique", "cafe numerique") == "<mark>Café</mark> <mark>Numérique</mark>"


def test_the_last_word_marks_a_prefix_the_others_whole_words():
    assert marked("Polifactory in Milan", "polif") == "<mark>Polif</mark>actory in Milan"
    assert marked("Open data, opening hours", "open da") == (
        "<mark>Open</mark> <mark>da</mark>ta, opening hours"
    )
    assert marked("Fablab", "lab") == "Fablab"  # not the middle of a word


def test_adjacent_or_repeated_words_make_one_mark():
    assert marked("fab fablab", "fablab fab") == "<mark>fab</mark> <mark>fablab</mark>"
    assert marked("data data", "data data") == "<mark>data</mark> <mark>data</mark>"


def test_nothing_to_mark():
    assert marked("Polifactory", "") == "Polifactory"
    assert marked("", "fab") == ""
    assert marked(None, "fab") == ""
    assert marked("<b>", "%_") == "&lt;b&gt;"
