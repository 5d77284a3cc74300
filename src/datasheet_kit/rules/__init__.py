"""The rule registry: every lint rule, its stable code, and the runner that turns hits into findings.

A rule is a small function `(sheet) -> Iterator[Hit]`, registered with `@rule(...)`. Its docstring
is its user documentation (`datasheet rules CODE` prints it): what it checks, why it matters, and a
failing and a passing example. The runner, not the rule, decides where a hit is reported
(`sheet.origin(path)`) and at which severity, so that configuration can override it.

Codes are stable and never reused; the hundreds say what a rule is about (codes.py, which
also lists the load and schema codes and asks this registry for the rules' entries: `codes()`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from ..codes import Code
from ..findings import Finding, Severity
from ..sheet import Sheet

# One place for how much an unanswered question weighs in a score. A rule that reports an
# unanswered question weighs the same as the question, so a score never counts a gap twice.
LEVEL_WEIGHT = {"required": 3, "recommended": 1, "optional": 0}

_MODULES = ("completeness", "text", "consistency", "license", "identifiers", "maintenance",
            "provenance", "medical")


class Hit(NamedTuple):
    """What a rule reports: the dotted path it concerns and a message for the author."""

    path: str
    message: str


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    section: str
    severity: Severity
    weight: int
    check: Callable[[Sheet], Iterator[Hit]]
    doc: str

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name

    def entry(self) -> Code:
        """The rule's line in the table of codes."""
        return Code(self.code, self.name, self.section, self.severity, self.doc, self.weight)


_REGISTRY: dict[str, Rule] = {}
# Whether every rule module has been imported: importing one (say completeness, for the scores)
# registers its rules before the others, so an empty registry is not the test.
_loaded = False


def _register(entry: Rule) -> None:
    if entry.code in _REGISTRY:
        raise ValueError(f"rule code {entry.code} is registered twice")
    _REGISTRY[entry.code] = entry


def rule(code: str, name: str, section: str, severity: str, weight: int):
    """Register a rule function under a stable code."""

    def decorate(func: Callable[[Sheet], Iterator[Hit]]):
        _register(Rule(code, name, section, Severity.parse(severity), weight, func,
                       _dedent(func.__doc__ or "")))
        return func

    return decorate


def _dedent(doc: str) -> str:
    """A docstring without its indentation (inspect.cleandoc, without importing inspect)."""
    import textwrap

    first, _, rest = doc.strip("\n").partition("\n")
    return (first.strip() + "\n" + textwrap.dedent(rest)).strip()


def registry() -> dict[str, Rule]:
    """Every rule by code, in code order. Importing the rule modules registers their rules."""
    global _loaded
    if not _loaded:
        _loaded = True
        for module in _MODULES:
            importlib.import_module(f"{__name__}.{module}")
    return dict(sorted(_REGISTRY.items()))


def codes() -> list[Code]:
    """The entries of every rule for the table of codes (codes.table)."""
    return [entry.entry() for entry in registry().values()]


_RUN_CACHE: list[dict] = []  # a dict while `run` is running, for what several rules work out


def run_cache() -> dict | None:
    """A scratch dict that lives for one `run` on one sheet (None outside a run).

    Several rules ask which questions apply and what their answers' statuses are; working that
    out once a sheet instead of once a rule roughly halves the time lint takes on a file.
    """
    return _RUN_CACHE[-1] if _RUN_CACHE else None


def run(sheet: Sheet, codes: set[str] | None = None) -> list[Finding]:
    """The findings of the lint rules on one sheet (schema findings come from validate.py).

    `codes` limits which rules run; None runs them all. A sheet that could not be loaded has
    nothing to lint.
    """
    if sheet.fatal:
        return []
    findings = []
    _RUN_CACHE.append({})
    try:
        for entry in registry().values():
            if codes is not None and entry.code not in codes:
                continue
            for hit in entry.check(sheet):
                origin = sheet.origin(hit.path)
                findings.append(Finding(sheet.file, origin.line, origin.column, entry.code,
                                        entry.name, entry.severity, hit.message, hit.path))
    finally:
        _RUN_CACHE.pop()
    return findings
