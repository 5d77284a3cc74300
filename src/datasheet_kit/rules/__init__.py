"""The rule registry: every lint rule, its stable code, and the runner that turns hits into
findings.

A rule is a small function `(sheet, context) -> Iterator[Hit]`, marked with `@rule(...)`; the
context holds what several rules work out about the same sheet in one run. Its docstring is its
user documentation (`datasheet rules CODE` prints it): what it checks, why it matters, and a
failing and a passing example. The runner, not the rule, decides where a hit is reported
(`sheet.origin(path)`) and at which severity, so that configuration can override it.

Codes are stable and never reused; the hundreds say what a rule is about (codes.py, which
also lists the load and schema codes and asks this registry for the rules' entries: `codes()`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from functools import cache, cached_property
from typing import TYPE_CHECKING, NamedTuple

from ..codes import Code
from ..coverage import applicable
from ..findings import Finding, Severity
from ..sheet import Sheet

if TYPE_CHECKING:
    from ..answers import Status
    from ..catalogue import Question

_MODULES = ("completeness", "placement", "text", "consistency", "license", "identifiers",
            "maintenance", "provenance", "medical")


class Hit(NamedTuple):
    """What a rule reports: the dotted path it concerns and a message for the author."""

    path: str
    message: str


class Context:
    """What the rules share about one sheet during one run: worked out once, on first use.

    Several rules ask which questions apply and what their answers' statuses are; working that
    out once a sheet instead of once a rule roughly halves the time lint takes on a file.
    """

    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet

    @cached_property
    def applicable(self) -> list[tuple[Question, Status]]:
        """coverage.applicable of the sheet."""
        return applicable(self.sheet)


Check = Callable[[Sheet, Context], Iterator[Hit]]


class Rule(NamedTuple):
    code: str
    name: str
    section: str
    severity: Severity
    weight: int
    check: Check
    docstring: str  # as written; `doc` is the documentation users read

    @property
    def doc(self) -> str:
        """The docstring without its indentation (worked out when asked: lint never asks)."""
        return _dedent(self.docstring)

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name

    def entry(self) -> Code:
        """The rule's line in the table of codes."""
        return Code(self.code, self.name, self.section, self.severity, self.doc, self.weight)


def rule(code: str, name: str, section: str, severity: str,
         weight: int) -> Callable[[Check], Check]:
    """Mark a rule function `(sheet, context) -> hits` with its stable code and metadata; the
    registry collects the marked functions of the rule modules."""

    def decorate(func: Check) -> Check:
        func.rule = Rule(code, name, section, Severity.parse(severity),  # type: ignore[attr-defined]
                         weight, func, func.__doc__ or "")
        return func

    return decorate


def _dedent(doc: str) -> str:
    """A docstring without its indentation (inspect.cleandoc, without importing inspect)."""
    import textwrap

    first, _, rest = doc.strip("\n").partition("\n")
    return (first.strip() + "\n" + textwrap.dedent(rest)).strip()


@cache
def _collect() -> tuple[Rule, ...]:
    found: dict[str, Rule] = {}
    for name in _MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        for value in vars(module).values():
            entry = getattr(value, "rule", None)
            if not isinstance(entry, Rule) or value.__module__ != module.__name__:
                continue
            if entry.code in found:
                raise ValueError(f"rule code {entry.code} is registered twice")
            found[entry.code] = entry
    return tuple(found[code] for code in sorted(found))


def registry() -> dict[str, Rule]:
    """Every rule by code, in code order: the marked functions of the rule modules."""
    return {entry.code: entry for entry in _collect()}


def codes() -> list[Code]:
    """The entries of every rule for the table of codes (codes.table)."""
    return [entry.entry() for entry in _collect()]


def run(sheet: Sheet, codes: set[str] | None = None) -> list[Finding]:
    """The findings of the lint rules on one sheet (schema findings come from validate.py).

    `codes` limits which rules run; None runs them all. A sheet that could not be loaded has
    nothing to lint.
    """
    if sheet.fatal:
        return []
    findings = []
    context = Context(sheet)
    for entry in _collect():
        if codes is not None and entry.code not in codes:
            continue
        for hit in entry.check(sheet, context):
            origin = sheet.origin(hit.path)
            findings.append(Finding(sheet.file, origin.line, origin.column, entry.code,
                                    entry.name, entry.severity, hit.message, hit.path))
    return findings
