"""Migrations import no live code of ours: a migration must do tomorrow what it did when it first
ran, so its SQL is written out in the file (core/migration_sql.py writes it) and the only modules
of ours it may name are those of model field classes, which makemigrations refers to."""

import ast
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
ALLOWED = {"core.fields"}
MIGRATIONS = sorted(BASE_DIR.glob("*/migrations/0*.py"))
OUR_PACKAGES = {path.parent.name for path in BASE_DIR.glob("*/__init__.py")}


def imported_modules(path):
    """Every module the file imports, at the top or inside a function (`from a import b` as a.b:
    b may be a module or a name in a, and either way the file depends on a.b)."""
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            yield from (f"{module}.{alias.name}" for alias in node.names)


def is_ours(module):
    """Relative imports (the app's own modules) and absolute ones of our packages."""
    return module.startswith(".") or module.split(".")[0] in OUR_PACKAGES


def is_allowed(module):
    return any(module == allowed or module.startswith(f"{allowed}.") for allowed in ALLOWED)


def forbidden_imports(path):
    return {m for m in imported_modules(path) if is_ours(m) and not is_allowed(m)}


def test_every_app_is_seen():
    assert {"core", "organisations", "projects", "blog", "casestudies"} <= OUR_PACKAGES
    assert len(MIGRATIONS) > 20


@pytest.mark.parametrize("path", MIGRATIONS, ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_migration_imports_no_module_of_ours_but_field_classes(path):
    assert not forbidden_imports(path)


def test_the_check_catches_a_live_import(tmp_path):
    migration = tmp_path / "0009_example.py"
    migration.write_text(
        "import core.fields\n"
        "from core import fields\n"
        "from core.fields import RichTextField\n"
        "from django.db import migrations\n"
        "import core\n"
        "from core.migration_sql import search_sql\n"
        "def forwards(apps, schema_editor):\n"
        "    from organisations import importer\n"
    )
    assert forbidden_imports(migration) == {
        "core",
        "core.migration_sql.search_sql",
        "organisations.importer",
    }
