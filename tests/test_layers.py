"""The import layering of ARCHITECTURE.md, enforced: read the floors from its table, parse every
module's imports with `ast` (those inside functions too), and fail on an import that runs back
up a floor, on an import cycle at module level, and on a module that is on no floor."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "src" / "datasheet_kit"
ARCHITECTURE = ROOT / "ARCHITECTURE.md"
# Pairs of siblings that must not import each other (ARCHITECTURE.md, under the table).
APART = [("readers/", "writers/"), ("rules/", "score"), ("validate", "rules/")]


def floors() -> dict[str, int]:
    """Unit (a module name, or `package/` for everything in it) -> its floor, from the table."""
    found: dict[str, int] = {}
    for line in ARCHITECTURE.read_text(encoding="utf-8").splitlines():
        row = re.match(r"^\|\s*(\d+)\s*\|[^|]*\|(.*)\|\s*$", line)
        if row:
            for unit in re.findall(r"`([^`]+)`", row.group(2)):
                assert unit not in found, f"{unit} is on two floors of ARCHITECTURE.md"
                found[unit] = int(row.group(1))
    assert found, "ARCHITECTURE.md has no table of floors"
    return found


def modules() -> dict[str, Path]:
    """Dotted name below the package (`readers.hf`, `__init__`) -> file."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        out[".".join(parts)] = path
    return out


def unit_of(module: str) -> str:
    head, _, rest = module.partition(".")
    return f"{head}/" if rest else head


def _resolve(parts: list[str], known: set[str]) -> str | None:
    name = ".".join(parts)
    for candidate in (name, f"{name}.__init__" if name else "__init__"):
        if candidate in known:
            return candidate
    return None


def imports(module: str, path: Path, known: set[str]) -> list[tuple[str, int, bool]]:
    """(imported module, line, at module level) for every import of one of the package's
    modules; `from X import name` counts as an import of X.name when that is a module, else of
    X."""
    package = module.split(".")[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        targets: list[str | None] = []
        if isinstance(node, ast.Import):
            targets = [_resolve(a.name.split(".")[1:], known) for a in node.names
                       if a.name.split(".")[0] == "datasheet_kit"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1] + (node.module or "").split(".")
            elif (node.module or "").split(".")[0] == "datasheet_kit":
                base = (node.module or "").split(".")[1:]
            else:
                continue
            base = [part for part in base if part]
            targets = [_resolve([*base, a.name], known) or _resolve(base, known)
                       for a in node.names]
        for target in targets:
            if target is not None and target != module:
                found.append((target, node.lineno, id(node) in top))
    return found


MODULES = modules()
FLOORS = floors()
GRAPH = {m: imports(m, p, set(MODULES)) for m, p in MODULES.items()}


def test_every_module_is_on_a_floor():
    missing = sorted({unit_of(m) for m in MODULES} - set(FLOORS))
    assert not missing, (f"{missing} on no floor: add them to the table in ARCHITECTURE.md "
                         "(the floor says what they may import)")


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_runs_back_up(module):
    here = FLOORS[unit_of(module)]
    for target, line, _ in GRAPH[module]:
        there = FLOORS[unit_of(target)]
        assert there <= here, (f"{MODULES[module].relative_to(ROOT)}:{line} imports "
                               f"{target} (floor {there}) from floor {here}")


def test_apart_siblings_do_not_import_each_other():
    for one, other in APART:
        for a, b in ((one, other), (other, one)):
            crossing = [(m, t) for m in MODULES if unit_of(m) == a
                        for t, _, _ in GRAPH[m] if unit_of(t) == b]
            assert not crossing, f"{a} imports {b}: {crossing}"


def test_no_import_cycle_at_module_level():
    graph = {m: sorted({t for t, _, top in GRAPH[m] if top}) for m in MODULES}
    state: dict[str, int] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in graph[module]:
            # A package imports its own modules in __init__, and they import it back: that is
            # how a package face works, not a cycle between floors.
            if target.endswith("__init__") and module.startswith(target.removesuffix("__init__")):
                continue
            assert state.get(target) != 1, " -> ".join([*trail, module, target])
            if target not in state:
                visit(target, [*trail, module])
        state[module] = 2

    for module in graph:
        if module not in state:
            visit(module, [])


def test_the_checker_sees_imports(tmp_path):
    """The parser must see relative, absolute and function-level imports, or the tests above
    would pass on anything."""
    known = {"__init__", "cli", "sheet", "rules.__init__", "rules.text"}
    path = tmp_path / "text.py"
    path.write_text("import json\nfrom .. import __version__\nfrom ..sheet import Sheet\n"
                    "from . import Hit\nimport datasheet_kit.sheet\n"
                    "def f():\n    from datasheet_kit import cli\n    from .text import x\n",
                    encoding="utf-8")
    assert sorted(imports("rules.text", path, known)) == [
        ("__init__", 2, True), ("cli", 7, False), ("rules.__init__", 4, True),
        ("sheet", 3, True), ("sheet", 5, True)]
