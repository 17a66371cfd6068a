"""Compile locale/<lang>/LC_MESSAGES/django.po into the .mo files Django reads, with polib, so
that `make run` and `make test` need no GNU gettext (`makemessages` still does, to extract).

    python -m core.catalogues locale/de/LC_MESSAGES/django.po …
"""

import sys
from pathlib import Path

import polib


def compile_catalogue(po_path):
    po_path = Path(po_path)
    catalogue = polib.pofile(str(po_path))
    # Fuzzy entries are guesses: gettext leaves them out of the compiled file, and so do we.
    for entry in catalogue.fuzzy_entries():
        catalogue.remove(entry)
    mo_path = po_path.with_suffix(".mo")
    catalogue.save_as_mofile(str(mo_path))
    return mo_path


if __name__ == "__main__":
    for path in sys.argv[1:]:
        print(compile_catalogue(path))
