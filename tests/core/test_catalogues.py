"""The five catalogues are complete: every string the code marks is there, translated, not fuzzy,
with the same placeholders as the English; and what Django reads is what the .po files say."""

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
LOCALE = Path(settings.BASE_DIR) / "locale"
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\w*\}")


def _catalogue(language):
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def _placeholders(text):
    return sorted(_PLACEHOLDER.findall(text)) if text else []


@pytest.fixture(scope="module")
def extracted_msgids(tmp_path_factory):
    """What makemessages finds in the code today, in a catalogue of its own (ours untouched)."""
    if not shutil.which("xgettext"):
        pytest.fail("GNU gettext's xgettext is needed (apt-get install gettext; .ci/run does)")
    locale = tmp_path_factory.mktemp("locale")
    with override_settings(LOCALE_PATHS=[locale]):
        call_command(
            "makemessages",
            locale=["de"],
            ignore_patterns=[".venv/*", "node_modules/*", "tests/*", "bench/*", "locale/*"],
            no_location=True,
            verbosity=0,
        )
    fresh = polib.pofile(str(locale / "de" / "LC_MESSAGES" / "django.po"))
    return {(entry.msgctxt, entry.msgid) for entry in fresh}


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_the_catalogue_holds_every_string_the_code_marks(language, extracted_msgids):
    ours = {(entry.msgctxt, entry.msgid) for entry in _catalogue(language) if not entry.obsolete}
    missing = sorted(extracted_msgids - ours, key=str)
    assert missing == [], f"run `make messages` and translate {len(missing)} new strings"


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(language):
    catalogue = _catalogue(language)
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    assert catalogue.percent_translated() == 100


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_translations_keep_the_placeholders_of_the_english(language):
    wrong = []
    for entry in _catalogue(language).translated_entries():
        expected = _placeholders(entry.msgid)
        if entry.msgid_plural:
            for index, text in entry.msgstr_plural.items():
                # Some languages' singular form names no number ("un seul"): the plural's set.
                source = entry.msgid if index == 0 else entry.msgid_plural
                got = _placeholders(text)
                if got != _placeholders(source) and got != _placeholders(entry.msgid_plural):
                    wrong.append((entry.msgid, text))
        elif _placeholders(entry.msgstr) != expected:
            wrong.append((entry.msgid, entry.msgstr))
    assert wrong == []


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_the_compiled_catalogue_is_the_one_django_reads(language):
    assert (LOCALE / language / "LC_MESSAGES" / "django.mo").exists(), "make compiles it"
    with translation.override(language):
        assert translation.gettext("Skip to main content") != "Skip to main content"
