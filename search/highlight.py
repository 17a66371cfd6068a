"""Matched words wrapped in <mark>, without ever trusting the text.

The text is cut at the matches first and each piece is escaped on its own, so nothing in the
text can become markup, and no query can match inside an escape sequence (a search for "lt" never
marks the "lt" of "&lt;"). Matching compares an unaccented, lower-case copy of the text with the
query's words, as the database does: "Polifáctory" marks "Polifactory" and the other way round.
"""

import re
import unicodedata
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe


@lru_cache(maxsize=4096)
def _fold_char(char):
    """One character for one: lower case, accents dropped (so positions stay aligned)."""
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return (base or char).lower()[:1] or char


def fold(text):
    return "".join(_fold_char(char) for char in text)


@lru_cache(maxsize=256)
def _pattern(words):
    """Whole words, the last one also as the start of a longer word (it is matched as a prefix)."""
    if not words:
        return None
    *whole, last = [fold(w) for w in words]
    alternatives = [rf"(?<!\w){re.escape(w)}(?!\w)" for w in whole if w]
    if last:
        alternatives.append(rf"(?<!\w){re.escape(last)}")
    if not alternatives:
        return None
    # Longest first, so that "fab" never hides "fablab" when both are words of the query.
    alternatives.sort(key=len, reverse=True)
    return re.compile("|".join(alternatives))


def spans(text, words):
    """(start, end) of each match in `text`, merged where they touch or overlap."""
    pattern = _pattern(tuple(words))
    if pattern is None or not text:
        return []
    merged = []
    for match in pattern.finditer(fold(text)):
        start, end = match.span()
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text, words):
    """`text` escaped, with each match of `words` (core.search.terms) in <mark>."""
    text = str(text or "")
    pieces, position = [], 0
    for start, end in spans(text, words):
        pieces.append(escape(text[position:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text above is escaped
