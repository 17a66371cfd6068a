"""Every word people read in our templates goes through the translation catalogue.

The template's own tokens are read with Django's lexer: text outside {% translate %} and
{% blocktranslate %} (and outside comments, scripts and styles) must hold no words once the
markup is taken away, and the attributes people read (alt, title, placeholder, aria-label,
a meta description's content) must not hold a literal word either.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

TEMPLATES = Path(settings.BASE_DIR) / "templates"

# Machines read these, not people; or they are names that no language translates.
NOT_FOR_PEOPLE = {
    "robots.txt",
    "ninja/swagger.html",
}
# Names, codes and symbols that read the same in every language.
SAME_IN_EVERY_LANGUAGE = {
    "DSI",
    "Directory",  # the brand, DSI Directory, in the header
    "RSS",
    "JSON",
    "CSV",
    "XML",
    "iCal",
    "API",
    "OpenAPI",
    "CC BY-NC-SA 4.0",
    "digitalsocial.eu",
    "DSI4EU",
    "GitHub",
    "Google",
    "Murmurations",
    "ID",
    "URL",
    "N/A",
    "OK",
    ".ics",
}

_READ_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "aria-description"}
_ENTITY = re.compile(r"&[#\w]+;")
_WORD = re.compile(r"[^\W\d_]{2,}")
# What a template tag or variable leaves in the text: something, but no word of ours.
_HOLE = "\x00"
_MARKUP_LEFT = re.compile(r'[\w:-]+="[^"]*"?|</?[a-z]+\b|\x00[a-z]+\b')


def _words(text):
    text = _ENTITY.sub(" ", text)
    for word in SAME_IN_EVERY_LANGUAGE:
        text = text.replace(word, " ")
    return _WORD.findall(text)


def _with_holes(source):
    """The template's literal text, each tag, variable and translated block a hole."""
    parts = []
    skip_until = None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if skip_until:
                if name == skip_until:
                    skip_until = None
                continue
            if name in ("blocktranslate", "blocktrans", "comment", "verbatim"):
                skip_until = {"blocktrans": "endblocktrans", "comment": "endcomment"}.get(
                    name, "end" + name
                )
            parts.append(_HOLE)
        elif skip_until:
            continue
        elif token.token_type == TokenType.TEXT:
            parts.append(token.contents)
        else:
            parts.append(_HOLE)
    return "".join(parts)


class _ReadText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.found = []
        self._code = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._code += 1
        for name, value in attrs:
            if name in _READ_ATTRIBUTES and value and _words(value):
                self.found.append((self.getpos()[0], f"{name}={value!r}"))
            described = dict(attrs).get("name") in ("description", "twitter:description")
            described = described or dict(attrs).get("property", "").endswith(
                ("title", "description")
            )
            if name == "content" and tag == "meta" and described and value and _words(value):
                self.found.append((self.getpos()[0], f"content={value!r}"))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._code = max(0, self._code - 1)

    def handle_data(self, data):
        # A tag whose name or attributes a template tag writes is not taken for a tag by the
        # parser: what is left of it is markup, not words.
        data = _MARKUP_LEFT.sub(" ", data)
        if not self._code and _words(data):
            self.found.append((self.getpos()[0], " ".join(data.split())))


def _untranslated(source):
    """(line, text) of each piece of text people would read in English whatever the language."""
    parser = _ReadText()
    parser.feed(_with_holes(source))
    parser.close()
    return parser.found


def _templates():
    for path in sorted(TEMPLATES.rglob("*")):
        relative = path.relative_to(TEMPLATES).as_posix()
        if path.is_file() and path.suffix in (".html", ".txt") and relative not in NOT_FOR_PEOPLE:
            yield relative


@pytest.mark.parametrize("template", list(_templates()))
def test_every_word_people_read_is_marked_for_translation(template):
    source = (TEMPLATES / template).read_text()
    assert _untranslated(source) == []
