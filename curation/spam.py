"""What reads as spam in a directory of digital social innovation: essay mills, SEO and
design-agency adverts, loans and game cheats, airport transfers typed with "?" for letters,
and the test rows people left behind. Used by the importer to set such rows aside for review
(pending, with the reason) rather than publish them; staff decide, nothing is deleted.

The rules look for the trade, not for a word: "assignment" alone is a project about
assignments; "assignment writing service" is an essay mill."""

import re

_ACADEMIC = (
    r"(?:essays?|assignments?|dissertations?|thesis|theses|homework|coursework|term papers?"
    r"|research papers?)"
)
RULES = [
    (
        "essay mill",
        re.compile(
            rf"\b{_ACADEMIC}\W+(?:\w+\W+)?(?:writ\w*|help|service|experts?)\b"
            rf"|\b(?:academic|essay|assignment)\s+writ\w*"
            r"|\bwriting\s+(?:company|service|help)\b|\bdissertation\w+",
            re.IGNORECASE,
        ),
    ),
    (
        "advert for SEO or design services",
        re.compile(
            r"\bseo\b|\bbacklinks?\b|\b(?:flyer|brochure|powerpoint|ppt|logo|website)\s+"
            r"design\w*\s+(?:company|agency)|\bdigital advertising\b",
            re.IGNORECASE,
        ),
    ),
    ("airport transfer", re.compile(r"\bair\W{0,2}port\W+transfer", re.IGNORECASE)),
]
# Looked for in the name alone: in a description these words have honest uses.
NAME_RULES = [
    (
        "loans, cheats or clinics",
        re.compile(
            r"\bloans?\b|\bcheats?\b|\bresource generator\b"
            r"|\baesthetic clinic\b|\bdermatology (?:centre|center|clinic)\b",
            re.IGNORECASE,
        ),
    ),
    # "Aff?rd?bl? Air??rt tr?n?f?r": letters swapped for "?" to slip past filters.
    ("a name with letters hidden", re.compile(r"(?:\w\?+\w?.*){3}")),
]
TEST_NAME = re.compile(r"^(?:test\w*|testing|prova\s*\d*|project prova|xx+|asdf\w*)$", re.I)


def likely_spam(name, *texts):
    """Why a record with this name and texts looks like spam, or "" when it does not."""
    name = " ".join((name or "").split())
    if TEST_NAME.match(name):
        return "Likely spam: a test entry"
    for reason, pattern in NAME_RULES:
        if pattern.search(name):
            return f"Likely spam: {reason}"
    haystack = " ".join([name, *(t or "" for t in texts)])
    for reason, pattern in RULES:
        if pattern.search(haystack):
            return f"Likely spam: {reason}"
    return ""
