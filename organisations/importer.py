"""Organisations from the DSI4EU open-data export (digitalsocial.eu, 2016–2019).

`manage.py import_dsi4eu --organisations FILE` hands the rows of the export to
`import_organisations()`. Each row is matched on `legacy_id` (the old `organisation_id`):
a new one is created and published; a known one is updated in place where the export differs
(its moderation status stays as staff left it); one that matches what is stored is left alone,
so a second run changes nothing.

Every row is written in its own savepoint: a row that cannot be read or saved is skipped, with
its reason, and the others go on. The first half of this module reads single values of the
export (both shapes: a plain string or an {"id", "name"} object) and can serve the projects
importer as well.
"""

import html
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import nh3
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.dateparse import parse_date
from django.utils.html import linebreaks
from django_countries import countries
from taggit.models import Tag

from core.models import ModerationStatus, NetworkTag
from core.text import clean_rich_text, web_url
from organisations.models import (
    NetworkTaggedOrganisation,
    Organisation,
    OrganisationSize,
    OrganisationType,
    TopicTaggedOrganisation,
)

# --- Reading single values of the export ---------------------------------------------------------

UNKNOWN_DATES = {"", "1970-01-01", "0000-00-00"}
TAG_MAX_LENGTH = 100  # taggit's Tag.name
MAX_LEGACY_ID = 2_147_483_647  # PositiveIntegerField on PostgreSQL

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Script vectors that could still do harm if some later template forgot to escape plain text.
_SCRIPT_SCHEME = re.compile(r"\b((?:java|vb)script)\s*:", re.IGNORECASE)
_EVENT_HANDLER = re.compile(r"\b(on[a-z]+)\s*=", re.IGNORECASE)
_BARE_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)*\.[a-z]{2,}(:\d+)?([/?#]\S*)?$", re.IGNORECASE)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_validate_url = URLValidator(schemes=["http", "https"])


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


def website(value):
    """An http(s) address, "http://" added to a bare domain; anything else becomes ""."""
    text = name_of(value).strip()
    if _BARE_DOMAIN.match(text):
        text = f"http://{text}"
    text = web_url(text)
    if not text or len(text) > Organisation._meta.get_field("website").max_length:
        return ""
    try:
        _validate_url(text)
    except ValidationError:
        return ""
    return text


def _folded(text):
    """Lower case without accents: "Côte d'Ivoire" and "cote d'ivoire" read the same."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


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
    key = _folded(text)
    if key in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[key]
    if key in PROVISIONAL_COUNTRIES:
        code = PROVISIONAL_COUNTRIES[key]
        return code if code in countries else ""
    if len(text) == 2 and text.upper() in countries:
        return text.upper()
    return ""


def _choices_lookup(choices, aliases=()):
    lookup = {_folded(label): value for value, label in choices.choices}
    lookup |= {_folded(value): value for value in choices.values}
    lookup |= {_folded(alias): value for alias, value in aliases}
    return lookup


ORGANISATION_TYPES = _choices_lookup(
    OrganisationType,
    # The old platform's list said "Public Sector"; its form said "public sector".
    aliases=[("Government/Public Sector", OrganisationType.GOVERNMENT)],
)
ORGANISATION_SIZES = _choices_lookup(OrganisationSize)


# --- One organisation -----------------------------------------------------------------------------


class RowError(Exception):
    """A row that cannot become an organisation; the message says why."""


@dataclass
class Skipped:
    row: int  # position in the file, counted from 1
    legacy_id: int | None
    reason: str

    def __str__(self):
        where = f"row {self.row:,}"
        if self.legacy_id is not None:
            where += f" (organisation_id {self.legacy_id})"
        return f"{where}: {self.reason}"


@dataclass
class ImportResult:
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    # Values given but not understood, stored blank: ("country", "Atlantis") → rows.
    unrecognised: Counter = field(default_factory=Counter)


def legacy_id_of(row, key="organisation_id"):
    """The row's id (`key`) if it can be one (a whole number that fits), else None."""
    legacy_id = id_of(row.get(key)) if isinstance(row, dict) else None
    return legacy_id if legacy_id is not None and 0 <= legacy_id <= MAX_LEGACY_ID else None


class _Reader:
    """Reads rows of the export, remembering the values it could not place."""

    def __init__(self):
        self.unrecognised = Counter()
        self._countries = {}  # by_name() walks every country: once per distinct name is enough

    def _note(self, field_name, raw, result):
        text = one_line(raw)
        if text and not result and not (field_name == "start date" and text in UNKNOWN_DATES):
            self.unrecognised[field_name, text] += 1
        return result

    def country(self, raw):
        text = one_line(raw)
        if text not in self._countries:
            self._countries[text] = country_code(text)
        return self._note("country", raw, self._countries[text])

    def choice(self, field_name, raw, lookup):
        return self._note(field_name, raw, lookup.get(_folded(one_line(raw)), ""))

    def common_fields(self, row, id_key, name_key):
        """What organisation and project rows share: id, name, summary, description and place,
        read and checked the same way. Raises RowError for a row that cannot be imported."""
        if not isinstance(row, dict):
            raise RowError(f"not an object but {type(row).__name__}")
        legacy_id = legacy_id_of(row, id_key)
        if legacy_id is None:
            given = row.get(id_key)
            raise RowError(f"no {id_key}" if given in (None, "") else f"bad id {given!r}")
        name = one_line(row.get(name_key), max_length=200)
        if not name:
            raise RowError(f"no {name_key}")

        summary = one_line(row.get("short_description"))
        description = name_of(row.get("long_description"))
        if len(summary) > 140:
            # Keep the whole summary in the description unless that already says it.
            whole = linebreaks(lines(row.get("short_description")), autoescape=True)
            if not description.strip():
                description = whole
            elif " ".join(summary.split()[:12]) not in one_line(description):
                description = f"{whole}\n{rich_text(description)}"
            summary = truncate(summary, 140)

        latitude = coordinate(row.get("latitude"), 90)
        longitude = coordinate(row.get("longitude"), 180)
        if latitude is None or longitude is None:  # half a position places nothing
            for raw in (row.get("latitude"), row.get("longitude")):
                self._note("coordinates", raw, None)
            latitude = longitude = None
        return legacy_id, {
            "name": name,
            "short_description": summary,
            "description": rich_text(description),
            "website": self._note("website", row.get("website"), website(row.get("website"))),
            "country": self.country(row.get("country")),
            "region": one_line(row.get("region"), max_length=120),
            "latitude": latitude,
            "longitude": longitude,
        }

    def organisation(self, row):
        """(legacy id, field values, topic tag names, network tag names) of one exported row."""
        legacy_id, fields = self.common_fields(row, "organisation_id", "organisation_name")
        fields |= {
            "organisation_type": self.choice(
                "organisation type", row.get("organisation_type"), ORGANISATION_TYPES
            ),
            "size": self.choice("size", row.get("organisation_size"), ORGANISATION_SIZES),
            "address": lines(row.get("address")),
            "start_date": self._note(
                "start date", row.get("startDate"), known_date(row.get("startDate"))
            ),
        }
        return legacy_id, fields, tag_names(row.get("tags")), tag_names(row.get("networkTags"))


# --- Tags -----------------------------------------------------------------------------------------


class _Tags:
    """Tag rows of one model by lower-case name (taggit is case-insensitive here), made on demand.

    Tags made inside a row's savepoint are forgotten again if that row is rolled back.
    """

    def __init__(self, model, names):
        self.model = model
        self.by_name = {}
        lowered = {n.lower() for n in names}
        for chunk in _chunks(sorted(lowered), 5000):
            rows = model.objects.annotate(lower=Lower("name")).filter(lower__in=chunk)
            for tag in rows.order_by("-pk"):
                self.by_name[tag.lower] = tag
        self.made = []

    def ids(self, names):
        return {self._get(name).pk for name in names}

    def _get(self, name):
        key = name.lower()
        if key not in self.by_name:
            tag = self.model.objects.filter(name__iexact=name).order_by("pk").first()
            if tag is None:
                tag = self.model.objects.create(name=name, slug=self._free_slug(name))
                self.made.append(key)
            self.by_name[key] = tag
        return self.by_name[key]

    def _free_slug(self, name):
        base = self.model(name=name).slugify(name)[:90].strip("-_") or "tag"
        taken = set(self.model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        slug, n = base, 1
        while slug in taken:
            slug, n = f"{base}_{n}", n + 1
        return slug

    def forget_made(self):
        for name in self.made:
            self.by_name.pop(name, None)
        self.made = []


def _chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _current_tags(through, organisation_ids):
    current = {}
    for chunk in _chunks(list(organisation_ids), 5000):
        for org_id, tag_id in through.objects.filter(content_object_id__in=chunk).values_list(
            "content_object_id", "tag_id"
        ):
            current.setdefault(org_id, set()).add(tag_id)
    return current


def _set_tags(through, organisation, wanted, current):
    """Make the organisation's tags in `through` exactly `wanted`; True if anything changed."""
    add, remove = wanted - current, current - wanted
    if remove:
        through.objects.filter(content_object=organisation, tag_id__in=remove).delete()
    if add:
        through.objects.bulk_create(
            through(content_object=organisation, tag_id=tag_id) for tag_id in sorted(add)
        )
    return bool(add or remove)


# --- The whole file -------------------------------------------------------------------------------


def _compare_value(organisation, name):
    value = getattr(organisation, name)
    return value.code if name == "country" else value


def import_organisations(rows, progress=None):
    """Create, update or leave each exported organisation; returns an ImportResult.

    `progress(done, total)` is called after every row.
    """
    reader = _Reader()
    result = ImportResult(total=len(rows))
    parsed = []  # (row number, legacy id, fields, topics, networks)
    first_seen = {}
    for number, row in enumerate(rows, start=1):
        try:
            legacy_id, fields, topics, networks = reader.organisation(row)
        except Exception as exc:  # an odd value must not stop the other rows
            lid = legacy_id_of(row)
            reason = str(exc) if isinstance(exc, RowError) else f"{type(exc).__name__}: {exc}"
            result.skipped.append(Skipped(number, lid, reason))
            continue
        if legacy_id in first_seen:
            reason = f"organisation_id repeated (first seen at row {first_seen[legacy_id]:,})"
            result.skipped.append(Skipped(number, legacy_id, reason))
            continue
        first_seen[legacy_id] = number
        parsed.append((number, legacy_id, fields, topics, networks))
    result.unrecognised = reader.unrecognised

    done = len(rows) - len(parsed)
    with transaction.atomic():
        existing = Organisation.objects.in_bulk(list(first_seen), field_name="legacy_id")
        known_ids = [o.pk for o in existing.values()]
        topic_tags = _Tags(Tag, [n for *_, topics, _networks in parsed for n in topics])
        network_tags = _Tags(NetworkTag, [n for *_, networks in parsed for n in networks])
        current_topics = _current_tags(TopicTaggedOrganisation, known_ids)
        current_networks = _current_tags(NetworkTaggedOrganisation, known_ids)

        for number, legacy_id, fields, topics, networks in parsed:
            organisation = existing.get(legacy_id)
            try:
                with transaction.atomic():
                    outcome = _write(
                        organisation,
                        legacy_id,
                        fields,
                        topic_tags.ids(topics),
                        network_tags.ids(networks),
                        current_topics.get(organisation.pk, set()) if organisation else set(),
                        current_networks.get(organisation.pk, set()) if organisation else set(),
                    )
            except Exception as exc:  # rolled back to the savepoint; the other rows go on
                topic_tags.forget_made()
                network_tags.forget_made()
                result.skipped.append(Skipped(number, legacy_id, f"{type(exc).__name__}: {exc}"))
            else:
                topic_tags.made, network_tags.made = [], []
                setattr(result, outcome, getattr(result, outcome) + 1)
            done += 1
            if progress:
                progress(done, len(rows))
    if progress and not parsed:
        progress(len(rows), len(rows))
    result.skipped.sort(key=lambda s: s.row)
    return result


def _write(organisation, legacy_id, fields, topics, networks, current_topics, current_networks):
    """Save one organisation and its tags; "created", "updated" or "unchanged"."""
    if organisation is None:
        organisation = Organisation(
            legacy_id=legacy_id, status=ModerationStatus.PUBLISHED, **fields
        )
        organisation.save()
        _set_tags(TopicTaggedOrganisation, organisation, topics, set())
        _set_tags(NetworkTaggedOrganisation, organisation, networks, set())
        return "created"
    changed = [
        name for name, value in fields.items() if _compare_value(organisation, name) != value
    ]
    for name in changed:
        setattr(organisation, name, fields[name])
    tags_changed = _set_tags(TopicTaggedOrganisation, organisation, topics, current_topics)
    networks_changed = _set_tags(
        NetworkTaggedOrganisation, organisation, networks, current_networks
    )
    if not (changed or tags_changed or networks_changed):
        return "unchanged"
    organisation.save(update_fields=[*changed, "updated_at"])
    return "updated"
