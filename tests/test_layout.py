"""The house's rules, read from the code: no import cycle anywhere (counting the imports inside
functions: each module's imports are read from its source, wherever they are written), and the
arrows between rooms point the way DESIGN.md says."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Rooms that no other room imports: they read the others (their models and querysets).
READERS = {"search", "bench", "demo", "dsi4eu", "opendata", "suggestions", "alerts"}
# What a room must never import, besides the readers.
FORBIDDEN = {
    "core": {"*"},  # core depends on nothing of ours
    "organisations": {"projects", "casestudies", "blog", "newsletter"},
    "projects": {"casestudies", "blog", "newsletter"},
    "submissions": {"organisations", "projects", "casestudies", "blog", "newsletter"},
    "mail": {"organisations", "projects", "casestudies", "blog", "newsletter", "submissions"},
    "accounts": {"organisations", "projects", "casestudies", "blog"},
}


def project_modules():
    """{dotted name: path} of every module of the project's own packages."""
    modules = {}
    for package in ROOT.iterdir():
        if not (package / "__init__.py").exists():
            continue
        for path in package.rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def imports_of(path, modules, package=""):
    """The project modules that the module at `path` (in `package`) imports, anywhere in its
    code."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package, one level up per extra dot
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            # `from mail import outbox` imports the module mail.outbox.
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
    return found


def cycles(graph):
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(component)

    for node in graph:
        if node not in index:
            visit(node)
    return found


def import_graph():
    modules = project_modules()
    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = imports_of(path, modules, package) - {name}
    return graph


def test_the_checker_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]


def test_the_checker_sees_imports_inside_functions_and_relative_ones(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from mail.tasks import send_email\n")
    assert imports_of(module, {"mail", "mail.tasks"}) == {"mail.tasks"}
    module.write_text("from . import tasks\n")
    assert imports_of(module, {"mail", "mail.tasks"}, package="mail") == {"mail", "mail.tasks"}


def test_no_import_cycle_anywhere():
    assert [sorted(component) for component in cycles(import_graph())] == []


def rooms_imported_by(room, graph):
    return {
        other.split(".")[0]
        for name, imported in graph.items()
        if name.split(".")[0] == room
        for other in imported
    } - {room}


def test_no_room_imports_the_project_package():
    graph = import_graph()
    rooms = {name.split(".")[0] for name in graph} - {"dsi_directory", "tests", "manage"}
    offenders = {room for room in rooms if "dsi_directory" in rooms_imported_by(room, graph)}
    assert offenders == set()


def test_the_readers_are_read_by_nobody():
    graph = import_graph()
    for room in {name.split(".")[0] for name in graph} - {"dsi_directory", "tests"}:
        assert not (rooms_imported_by(room, graph) & (READERS - {room})), room


@pytest.mark.parametrize("room", sorted(FORBIDDEN))
def test_arrows_point_the_right_way(room):
    imported = rooms_imported_by(room, import_graph())
    forbidden = FORBIDDEN[room]
    if "*" in forbidden:
        assert imported == set()
    else:
        assert imported & forbidden == set()


def test_models_of_the_outbox_import_no_tasks():
    graph = import_graph()
    assert not {name for name in graph["mail.models"] if name.endswith("tasks")}
    assert not {name for name in graph["newsletter.models"] if name.endswith("tasks")}
