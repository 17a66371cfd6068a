import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dsi4eu.importer import import_organisations, import_projects

# What the export holds, in the order it is imported (projects link to organisations):
# (option and label, function taking the file's rows and a progress callback).
IMPORTS = [
    ("organisations", import_organisations),
    ("projects", import_projects),
]
UNRECOGNISED_SHOWN = 20


def read_rows(path):
    """The list of rows in an exported JSON file, or a CommandError saying what is wrong."""
    try:
        with Path(path).open(encoding="utf-8-sig") as file:
            data = json.load(file)
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CommandError(f"{path} is not a JSON file: {exc}") from exc
    if not isinstance(data, list):
        raise CommandError(f"{path} holds a JSON {type(data).__name__}, not a list of rows.")
    return data


class Command(BaseCommand):
    help = (
        "Import the DSI4EU open-data export (digitalsocial.eu, 2017). Rows are matched on their "
        "old id, so running it again updates what changed and creates nothing twice."
    )

    def add_arguments(self, parser):
        for kind, _ in IMPORTS:
            parser.add_argument(
                f"--{kind}", type=Path, metavar="FILE", help=f"the export's {kind}.json"
            )

    def handle(self, *args, **options):
        jobs = [(kind, run, Path(options[kind])) for kind, run in IMPORTS if options[kind]]
        if not jobs:
            wanted = " and/or ".join(f"--{kind} FILE" for kind, _ in IMPORTS)
            raise CommandError(f"Nothing to import: give {wanted}.")
        # Every file is read before anything is written, so a bad file changes nothing.
        loaded = [(kind, run, path, read_rows(path)) for kind, run, path in jobs]
        for kind, run, path, rows in loaded:
            started = time.monotonic()
            result = run(rows, progress=self._progress(kind))
            self._summary(kind, path, result, time.monotonic() - started)

    def _progress(self, kind):
        """Rows done after each committed batch: counting up in place on a terminal, a line
        each in a log."""
        tty = self.stdout.isatty()

        def show(done, total):
            if tty:
                ending = "\n" if done == total else ""
                self.stdout.write(f"\r{kind}: {done:,}/{total:,}", ending=ending)
                self.stdout.flush()
            else:
                self.stdout.write(f"{kind}: {done:,}/{total:,}")

        return show

    def _summary(self, kind, path, result, seconds):
        self.stdout.write(
            self.style.SUCCESS(f"{kind}: {result.total:,} rows of {path.name} in {seconds:.1f} s")
        )
        for label in ("created", "updated", "unchanged"):
            self.stdout.write(f"  {label}: {getattr(result, label):,}")
        self.stdout.write(f"  skipped: {len(result.skipped):,}")
        self.stdout.write(f"  set aside for review as likely spam: {len(result.flagged):,}")
        for legacy_id, name, reason in result.flagged:
            self.stdout.write(f"    {legacy_id} {name!r}: {reason}")
        for skipped in result.skipped:
            self.stdout.write(self.style.WARNING(f"    {skipped}"))
        if result.unrecognised:
            shown = result.unrecognised.most_common(UNRECOGNISED_SHOWN)
            self.stdout.write(f"  not recognised, left blank: {result.unrecognised.total():,}")
            for (field_name, value), count in shown:
                self.stdout.write(f"    {field_name} {value!r}: {count:,}")
            if len(result.unrecognised) > len(shown):
                more = len(result.unrecognised) - len(shown)
                self.stdout.write(f"    … and {more:,} other values")
