"""The five catalogues are complete: every string the code marks is there, translated, not fuzzy,
with the same placeholders as the English; and what Django reads is what the .po files say."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
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
    """What makemessages finds in the code today: run on a copy of the code with no catalogues,
    so that ours stay untouched and every string the code marks comes out."""
    if not shutil.which("xgettext"):
        pytest.fail("GNU gettext's xgettext is needed (apt-get install gettext; .ci/run does)")
    copy = tmp_path_factory.mktemp("code") / "site"
    skipped = {".git", ".venv", "node_modules", "locale", "tests", "bench", "media", "staticfiles"}
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        ignore=lambda folder, names: [n for n in names if n in skipped or n == "__pycache__"],
    )
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "de", "--no-location", "-v", "0"],
        cwd=copy,
        check=True,
        timeout=300,
    )
    fresh = polib.pofile(str(copy / "locale" / "de" / "LC_MESSAGES" / "django.po"))
    return {(entry.msgctxt, entry.msgid) for entry in fresh}


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_the_catalogue_holds_every_string_the_code_marks(language, extracted_msgids):
    ours = {(entry.msgctxt, entry.msgid) for entry in _catalogue(language) if not entry.obsolete}
    missing = sorted(extracted_msgids - ours, key=str)
    assert missing == [], f"run `make messages` and translate {len(missing)} new strings"
    # And nothing the code no longer says: a left-over entry hides a string gone untranslated.
    stale = sorted(ours - extracted_msgids, key=str)
    assert stale == [], f"run `make messages`: {len(stale)} entries the code no longer marks"


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
