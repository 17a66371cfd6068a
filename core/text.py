"""Rich text: whatever people or imports send, only harmless HTML is ever stored or shown."""

import html
import re

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "a", "ul", "ol", "li",
    "blockquote", "h2", "h3", "h4", "code", "pre", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

_LOOKS_LIKE_HTML = re.compile(r"<(p|br|a|ul|ol|li|div|strong|em|b|i|h\d)\b", re.IGNORECASE)
# A paragraph with nothing to read (spaces, &nbsp;, <br>, an empty <strong>): the 2017 editor
# left runs of them, drawn as tall blank gaps. nh3's output is regular, so a pattern reads it.
_BLANK = r"(?:\s|&nbsp;|\xa0|<br>)"
_EMPTY_PARAGRAPH = re.compile(
    rf"<p>(?:{_BLANK}|<(strong|b|em|i|u)>{_BLANK}*</\1>)*</p>\s*", re.IGNORECASE
)


def clean_html(html):
    """Keep a small set of formatting tags; drop scripts, handlers and javascript: links."""
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
    return _EMPTY_PARAGRAPH.sub("", cleaned).strip()


def clean_rich_text(text):
    """HTML is cleaned as it is; anything else is read as Markdown first, then cleaned."""
    if not text or not text.strip():
        return ""
    if not _LOOKS_LIKE_HTML.search(text):
        text = markdown.markdown(text)
    cleaned = clean_html(text)
    # Always leave HTML that reads as HTML, so cleaning what is stored changes nothing.
    if cleaned and not _LOOKS_LIKE_HTML.match(cleaned):
        cleaned = f"<p>{cleaned}</p>"
    return cleaned


def plain_text(markup):
    """Text only, for meta descriptions and cards: tags out, entities read ("&amp;" is "&"),
    so that the template escapes it once, as it does any text."""
    return " ".join(html.unescape(nh3.clean(markup or "", tags=set())).split())


def web_url(value):
    """Only http(s) addresses become links: a javascript: or data: URL yields ""."""
    value = (value or "").strip()
    return value if value.lower().startswith(("http://", "https://")) else ""


def web_domain(url):
    """The host of a web address without "www.", lower case: "polifactory.polimi.it"."""
    from urllib.parse import urlsplit

    url = web_url(url) or (f"http://{url.strip()}" if url and "." in url else "")
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.")


_LINK_LIKE = re.compile(
    r"(?i)\b(?:[a-z][a-z0-9+.-]*://|(?:mailto|javascript|data|tel):|www\.)\S*"
    r"|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,24}\b\S*"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def email_text(text, max_length=80):
    """Text someone chose (a record's name, a person's name) made fit to stand in an email we
    send: on one line, at most `max_length` characters, and with nothing that reads as a
    link, so that our emails never carry a link but ours."""
    text = " ".join(_CONTROL.sub(" ", text or "").split())
    text = _LINK_LIKE.sub("[link removed]", text)
    return text if len(text) <= max_length else text[: max_length - 1].rstrip() + "…"


# What sharing widgets of the 2010s appended to copied text: "…#sthash.uEWqIjJs.dpuf".
_SHARE_JUNK = re.compile(r"#sthash\.[0-9A-Za-z]+\.(?:dpuf|dpbs|mjjo)\b|\s*-\s*See more at:\s*\S*")
# Words of a place name that stay in lower case after the first ("Villanueva del Pardillo").
_PLACE_PARTICLES = frozenset({
    "a", "am", "an", "and", "aan", "auf", "bei", "da", "das", "de", "dei", "del", "dela",
    "della", "der", "des", "di", "die", "do", "dos", "du", "e", "el", "en", "et", "i", "im",
    "in", "la", "las", "le", "les", "lo", "los", "of", "on", "op", "sur", "sul", "upon", "van",
    "von", "y", "zu", "zum", "zur",
})  # fmt: skip


def strip_share_junk(text):
    """Text without the tracking tails that copy and paste brought along."""
    if not text or ("sthash" not in text and "See more at" not in text):
        return text
    return _SHARE_JUNK.sub("", text).strip()


def tidy_place(text):
    """A place as people write it: "ROME", "huesca", "gent" become Rome, Huesca, Gent; a name
    typed with capitals of its own ("McAllen", "NY", "'s-Hertogenbosch") is kept as it is."""
    text = " ".join(strip_share_junk(text or "").split()).strip(" ,;")
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return text
    all_upper, all_lower = all(c.isupper() for c in letters), all(c.islower() for c in letters)
    if not (all_upper or all_lower) or (all_upper and len(letters) <= 3):
        return text
    words = re.split(r"(\s+|-|/|\()", text.lower())
    tidied, first = [], True
    for word in words:
        if word and word[0].isalpha():
            keep_lower = not first and word in _PLACE_PARTICLES
            word = word if keep_lower else word[0].upper() + word[1:]
            first = False
        tidied.append(word)
    return "".join(tidied)
