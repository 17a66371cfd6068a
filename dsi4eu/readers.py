"""Single values of the DSI4EU export, read into what our fields hold.

The export writes a value either as a plain string or as an {"id", "name"} object (and numbers
as ints, floats or numeric strings); every reader here accepts both shapes. Text never keeps
markup or anything that could run as script, whatever a template later does with it.
"""

import html
import math
import re
import unicodedata
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import nh3
from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_date
from django_countries import countries

from core.text import clean_rich_text, web_url

UNKNOWN_DATES = {"", "1970-01-01", "0000-00-00"}
TAG_MAX_LENGTH = 100  # taggit's Tag.name
MAX_LEGACY_ID = 2_147_483_647  # PositiveIntegerField on PostgreSQL

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Script vectors that could still do harm if some later template forgot to escape plain text.
_SCRIPT_SCHEME = re.compile(r"\b((?:java|vb)script)\s*:", re.IGNORECASE)
_EVENT_HANDLER = re.compile(r"\b(on[a-z]+)\s*=", re.IGNORECASE)
_BARE_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)*\.[a-z]{2,}(:\d+)?([/?#]\S*)?$", re.IGNORECASE)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# --- Both shapes ----------------------------------------------------------------------------------


def name_of(value):
    """The text of a value given as a plain string or as an {"id", "name"} object."""
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float | Decimal):
        return str(value)
    return value if isinstance(value, str) else ""


def names_of(values):
    """The texts of a list of strings or {"id", "name"} objects; a lone value is a list of one."""
    if values is None or values == "":
        return []
    if not isinstance(values, list | tuple):
        values = [values]
    return [name for name in map(name_of, values) if name.strip()]


def id_of(value):
    """The whole number of a value given as 12, "12" or {"id": 12, …}; None when there is none."""
    if isinstance(value, dict):
        value = value.get("id")
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdecimal():
        return int(value.strip())
    return None


def ids_of(values):
    """The whole numbers of a list such as ["345", 12, {"id": 7}], unreadable ones left out."""
    if not isinstance(values, list | tuple):
        values = [] if values in (None, "") else [values]
    return [i for i in map(id_of, values) if i is not None]


def legacy_id(value):
    """An old id (`organisation_id`, `project_id`) if it can be ours: a whole number that fits."""
    number = id_of(value)
    return number if number is not None and 0 <= number <= MAX_LEGACY_ID else None


# --- Text -----------------------------------------------------------------------------------------


def defuse(text):
    """Break what could run as script if this text ever reached a page unescaped."""
    return _EVENT_HANDLER.sub(r"\1", _SCRIPT_SCHEME.sub(r"\1", text))


def plain(value):
    """Text with every tag taken out and entities read, keeping its line breaks.

    Runs until nothing changes, so "&lt;script&gt;" does not come back as a live tag.
    """
    text = _CONTROL_CHARACTERS.sub("", name_of(value))
    for _ in range(5):
        stripped = html.unescape(nh3.clean(text, tags=set()))
        if stripped == text:
            break
        text = stripped
    else:  # still changing: no angle bracket at all is the safe answer
        text = text.replace("<", "").replace(">", "")
    return defuse(_CONTROL_CHARACTERS.sub("", text))


def one_line(value, max_length=None):
    """Plain text on one line with single spaces, shortened at a word if it is too long."""
    text = " ".join(plain(value).split())
    return truncate(text, max_length) if max_length else text


def lines(value):
    """Plain text whose lines are kept (an address), each trimmed, without empty ends."""
    kept = [" ".join(line.split()) for line in plain(value).splitlines()]
    return "\n".join(kept).strip()


def truncate(text, max_length):
    """`text` cut at a word boundary with "…" so that it fits in `max_length` characters."""
    if len(text) <= max_length:
        return text
    cut = text[: max_length - 1]
    if " " in cut and not text[max_length - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + "…"


def rich_text(text):
    """What a RichTextField stores for `text`, cleaned until stable (so re-imports compare)."""
    text = _CONTROL_CHARACTERS.sub("", text)
    for _ in range(5):
        cleaned = defuse(clean_rich_text(text))
        if cleaned == text:
            break
        text = cleaned
    return text


def tag_names(values):
    """Tag names: plain text, trimmed, at most 100 characters, empty and repeated ones dropped."""
    names = {}
    for value in names_of(values):
        name = one_line(value)[:TAG_MAX_LENGTH].strip()
        if name:
            names.setdefault(name.lower(), name)
    return list(names.values())


def folded(text):
    """Lower case without accents: "Côte d'Ivoire" and "cote d'ivoire" read the same."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


# --- Numbers, dates, addresses --------------------------------------------------------------------


def coordinate(value, limit):
    """A latitude (limit 90) or longitude (limit 180) from a float, int or numeric string."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or abs(number) > limit:
        return None
    return number.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


def known_date(value):
    """A date from "2016-01-01" (a time after it is ignored); "" and "1970-01-01" are unknown."""
    text = name_of(value).strip()
    found = _DATE.match(text)
    if not found or found.group() in UNKNOWN_DATES:
        return None
    try:
        return parse_date(found.group())
    except ValueError:  # well formed but no such day
        return None


def website(value, field):
    """An address that the model's `field` (a WebAddressField: http or https) accepts,
    "http://" added to a bare domain; anything else becomes ""."""
    text = name_of(value).strip()
    if _BARE_DOMAIN.match(text):
        text = f"http://{text}"
    text = web_url(text)
    if not text:
        return ""
    try:
        field.run_validators(text)
    except ValidationError:
        return ""
    return text


# --- Countries and choices ------------------------------------------------------------------------

# The export's English names that django-countries spells differently (today's ISO names).
COUNTRY_ALIASES = {
    "bolivia": "BO",
    "cape verde": "CV",
    "congo, the democratic republic of the": "CD",
    "cote d'ivoire": "CI",
    "czech republic": "CZ",
    "holy see (vatican city state)": "VA",
    "iran, islamic republic of": "IR",
    "korea, republic of": "KR",
    "korea, democratic people's republic of": "KP",
    "macedonia": "MK",
    "macedonia, the former yugoslav republic of": "MK",
    "micronesia, federated states of": "FM",
    "moldova": "MD",
    "moldova, republic of": "MD",
    "palestine": "PS",
    "palestinian territory, occupied": "PS",
    "reunion": "RE",
    "russia": "RU",
    "russian federation": "RU",
    "swaziland": "SZ",
    "syria": "SY",
    "syrian arab republic": "SY",
    "taiwan, province of china": "TW",
    "tanzania, united republic of": "TZ",
    "turkey": "TR",
    "united states": "US",
    "usa": "US",
    "uk": "GB",
    "venezuela": "VE",
    "venezuela, bolivarian republic of": "VE",
    "viet nam": "VN",
    "virgin islands, british": "VG",
    "virgin islands, u.s.": "VI",
}
# Not in ISO 3166: used only where django-countries has been told about it (COUNTRIES_OVERRIDE).
PROVISIONAL_COUNTRIES = {"kosovo": "XK"}


def country_code(value):
    """The ISO code of an English country name (or of a code itself); "" when unknown."""
    text = one_line(value)
    if not text:
        return ""
    code = countries.by_name(text)
    if code:
        return code
    key = folded(text)
    if key in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[key]
    if key in PROVISIONAL_COUNTRIES:
        code = PROVISIONAL_COUNTRIES[key]
        return code if code in countries else ""
    if len(text) == 2 and text.upper() in countries:
        return text.upper()
    return ""


def choices_lookup(choices, aliases=()):
    """Folded label, value and alias → the value of a TextChoices: what `Reader.choice` reads."""
    lookup = {folded(label): value for value, label in choices.choices}
    lookup |= {folded(value): value for value in choices.values}
    lookup |= {folded(alias): value for alias, value in aliases}
    return lookup


# --- Reading a file's values, remembering what was not understood ---------------------------------


class Reader:
    """Reads values of one file, counting those given but not understood (stored blank), so the
    import can say which ones: ("country", "Atlantis") → rows."""

    def __init__(self):
        self.unrecognised = Counter()
        self._countries = {}  # by_name() walks every country: once per distinct name is enough

    def note(self, field_name, raw, result):
        """`result`, counting `raw` as not understood when it said something but gave nothing."""
        text = one_line(raw)
        if text and not result and not (field_name == "start date" and text in UNKNOWN_DATES):
            self.unrecognised[field_name, text] += 1
        return result

    def country(self, raw):
        text = one_line(raw)
        if text not in self._countries:
            self._countries[text] = country_code(text)
        return self.note("country", raw, self._countries[text])

    def choice(self, field_name, raw, lookup):
        return self.note(field_name, raw, lookup.get(folded(one_line(raw)), ""))

    def date(self, field_name, raw):
        return self.note(field_name, raw, known_date(raw))

    def website(self, raw, field):
        return self.note("website", raw, website(raw, field))
