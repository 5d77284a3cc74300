"""The FAIR check model: checks, evidence, results, the target they look at, and the registry.

Check modules register their functions here with `@check(...)`; helpers that several checks share
(walking the sheet, reading lists and types of JSON-LD values) live here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .. import catalogue, coverage, identifiers, jsonld
from ..answers import Status, status_of
from ..codes import Code
from ..findings import Finding, Severity
from ..sheet import Origin, Sheet, join

PASS, PARTIAL, FAIL, NOT_APPLICABLE = "pass", "partial", "fail", "not_applicable"
STATUS_SCORE = {PASS: 1.0, PARTIAL: 0.5, FAIL: 0.0}
PRINCIPLES = {"F": "Findable", "A": "Accessible", "I": "Interoperable", "R": "Reusable"}
# A failed check is a warning and a partial one an info: FAIR gaps are advice, not broken files.
# `datasheet fair` fails on them only when asked (--fail-on warning, --fail-under N).
SEVERITY = {FAIL: Severity.WARNING, PARTIAL: Severity.INFO}


@dataclass(frozen=True)
class Check:
    id: str
    principle: str  # F, A, I or R
    fuji: str
    rda: str
    title: str
    name: str  # the finding name, a slug
    weight: int
    needs: str  # "sheet", "jsonld" or "either": what the check reads
    run: Callable[[Target], Result] | None  # None for the online check
    online: bool = False

    def entry(self) -> Code:
        """The check's line in the table of codes: a failed check is reported as a warning and a
        partial one as an info (SEVERITY); the online check warns of each address that does not
        resolve and notes each one that does."""
        what = (CROISSANT_ONLY_DOC if self.needs == "jsonld" else
                "Read from the datasheet, or from the card read into its shape.")
        if self.online:
            what = "Run by `datasheet fair --online` only: every address tried is reported."
        doc = (f"{self.title}.\n\nPrinciple {self.principle} ({PRINCIPLES[self.principle]}); "
               f"F-UJI {self.fuji}; RDA {self.rda}. {what} A failed check is a warning, a "
               "partial one an info.")
        return Code(self.id, self.name, PRINCIPLES[self.principle].lower(), Severity.WARNING,
                    doc, self.weight, ("fair",), (Severity.INFO,))


@dataclass(frozen=True)
class Evidence:
    """One observation: the field (dotted path), what was seen, and where. `problem` marks the
    observation a finding should point at."""

    path: str
    text: str
    origin: Origin
    problem: bool = False


@dataclass
class Result:
    check: Check
    status: str
    message: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Target:
    """What the checks look at: the Sheet (None when no reader handles this kind of file yet) and
    the raw JSON-LD document (None unless the file is Croissant)."""

    file: str
    kind: str
    sheet: Sheet | None = None
    doc: jsonld.Document | None = None
    load_findings: list[Finding] = field(default_factory=list)
    note: str = ""  # why the sheet checks could not run, if they could not

    def at(self, path: str, text: str, problem: bool = False) -> Evidence:
        """Evidence about a Sheet path."""
        origin = (self.sheet.origin(self.where(path)) if self.sheet
                  else Origin(self.file, 1, 1))
        return Evidence(path, text, origin, problem)

    def at_json(self, path: str, text: str, problem: bool = False) -> Evidence:
        """Evidence about a JSON-LD key path."""
        return Evidence(path, text, self.document.origin(path), problem)

    @property
    def document(self) -> jsonld.Document:
        """The JSON-LD document, for the checks that read it (they run only when there is one:
        run._applicable)."""
        if self.doc is None:
            raise ValueError(f"{self.file}: a JSON-LD check ran on a file without JSON-LD")
        return self.doc

    @property
    def data(self) -> dict[str, Any]:
        """The sheet's answers ({} without a sheet)."""
        return self.sheet.data if self.sheet else {}

    def where(self, path: str) -> str:
        """Where the sheet answers a path: a question answered through another that gives the
        same fact (motivation.creators for dataset.creators) is found there."""
        if self.sheet is None or path not in catalogue.questions():
            return path
        return coverage.answered_at(self.sheet, path)

    def value(self, path: str) -> Any:
        return self.sheet.get(self.where(path)) if self.sheet else None


CHECKS: dict[str, Check] = {}
CROISSANT_ONLY_DOC = "Read from Croissant JSON-LD only (not applicable to other documents)."


def order_checks() -> None:
    """Put CHECKS in the order reports list them: by principle (F, A, I, R), the online check
    last, and in the order their module registers them within a principle."""
    rank = {principle: i for i, principle in enumerate(PRINCIPLES)}
    for entry in sorted(CHECKS.values(), key=lambda c: (c.online, rank[c.principle])):
        CHECKS[entry.id] = CHECKS.pop(entry.id)


def codes() -> list[Code]:
    """The entries of every FAIR check for the table of codes (codes.table)."""
    return [c.entry() for c in CHECKS.values()]


def check(id: str, principle: str, fuji: str, rda: str, title: str, name: str, weight: int,
          needs: str = "sheet", online: bool = False):
    """Register a check function under its id, with the metadata the reports print."""

    def register(fn: Callable[[Target], Result]) -> Callable[[Target], Result]:
        CHECKS[id] = Check(id, principle, fuji, rda, title, name, weight, needs, fn, online)
        return fn

    return register


def make_result(check_id: str, status: str, message: str,
                evidence: list[Evidence] | None = None) -> Result:
    return Result(CHECKS[check_id], status, message, evidence or [])


def graded(check_id: str, good: int, total: int, messages: tuple[str, str, str],
           evidence: list[Evidence]) -> Result:
    """pass when all `total` parts are good, fail when none is, partial in between; `messages`
    are the pass, partial and fail messages, formatted with {good} and {total}."""
    status = PASS if good == total else FAIL if good == 0 else PARTIAL
    message = messages[(PASS, PARTIAL, FAIL).index(status)]
    return make_result(check_id, status, message.format(good=good, total=total), evidence)


def answered(value: Any) -> bool:
    return status_of(value) == Status.ANSWERED


# Subtrees whose identifiers are not this dataset's: `sources` cite evidence for an answer,
# `provenance` names the originals a copy was made from.
_NOT_SELF = {"sources", "provenance"}


def texts(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in the sheet with its path, skipping the subtrees that name other datasets."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, child in node.items():
            if key not in _NOT_SELF:
                yield from texts(child, join(path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from texts(child, join(path, index))


def identifier_items(t: Target) -> Iterator[tuple[str, dict]]:
    """(path, item) for each entry of dataset.identifiers, as the schema's {scheme, value}.

    Datasheets and the card readers (readers.identifier_records) give mappings; a datasheet that
    fails validation may still hold plain strings, whose scheme is read from the identifier.
    """
    for index, item in enumerate(t.value("dataset.identifiers") or []):
        if isinstance(item, str):
            parsed = identifiers.parse(item)
            item = ({"scheme": parsed.scheme, "value": parsed.value} if parsed
                    else {"scheme": "other", "value": item})
        if isinstance(item, dict):
            yield f"dataset.identifiers[{index}]", item


def is_http_iri(text: str) -> bool:
    """An absolute http(s) IRI with a host."""
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return False
    return (parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
            and " " not in text.strip())


def type_is(item: dict, name: str) -> bool:
    """True when the JSON-LD @type is `name` in any spelling (sc:X, cr:X, https://schema.org/X)."""
    types = as_list(item.get("@type"))
    return any(isinstance(x, str) and re.split(r"[:/#]", x)[-1] == name for x in types)


def as_list(value: Any) -> list:
    """A JSON-LD value as a list: JSON-LD writes one value bare and several as a list."""
    return value if isinstance(value, list) else [] if value is None else [value]
