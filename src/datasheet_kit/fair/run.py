"""Running the checks on a file: what the file is, which checks apply, the report and its scores."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import jsonld
from ..codes import FATAL
from ..findings import Finding, Severity
from ..sheet import Origin
from .model import (
    CHECKS,
    FAIL,
    NOT_APPLICABLE,
    PASS,
    PRINCIPLES,
    SEVERITY,
    STATUS_SCORE,
    Check,
    Evidence,
    Result,
    Target,
    make_result,
)

CROISSANT_ONLY = "applies to Croissant JSON-LD only"
# What a data administrator checks before accepting a dataset (Copycats, recommendation on
# governance): a licence, a persistent identifier and the core metadata. Reported on its own.
ENTRY_CHECKS = ("FAIR-F1-PID", "FAIR-R1.1-LIC", "FAIR-F2-CORE")


def target_for(path: str | Path) -> Target:
    """Load a file for the FAIR checks: its Sheet through the one input door (inputs.py decides
    what the file is), and for Croissant files the raw JSON-LD as well.

    The JSON-LD view is built from the reader's own parse of the text (`sheet.parsed`): the file
    is read and decoded once. A file that cannot be read gets the reader's load finding (DS012
    for JSON that does not parse, as lint and validate report it) and nothing else: the JSON-LD
    view fails on the same text, and FAIR-I1-KR says so as a check result, not as a second
    finding."""
    from ..inputs import load_document

    path = Path(path)
    sheet = load_document(path)
    target = Target(str(path), sheet.kind)
    if sheet.kind == "croissant":
        target.doc = (jsonld.from_parsed(sheet.parsed, str(path)) if sheet.parsed is not None
                      else jsonld.load(path))
    if sheet.fatal:
        target.load_findings = [f for f in sheet.findings if f.code in FATAL]
        target.note = "the document could not be read"
    else:
        target.sheet = sheet
    return target


def assess_files(files: list[Path], online: bool = False, timeout: float = 10.0,
                 retries: int = 2) -> list[FairReport]:
    """The report of every file; with `online`, identifiers and landing pages are resolved too
    (resolve.py is the only part that touches the network)."""
    check_online = None
    if online:
        from ..resolve import Resolver
        from .online import online_check

        check_online = online_check(Resolver(timeout=timeout, retries=retries))
    return [assess(target_for(path), check_online) for path in files]


def _applicable(check: Check, t: Target) -> str | None:
    """Why `check` cannot run on `t`, or None when it can."""
    root = t.doc.root if t.doc is not None else None
    if check.needs == "jsonld" and t.doc is None:
        return CROISSANT_ONLY
    if check.needs == "sheet" and t.sheet is None:
        return t.note
    if check.needs == "either" and t.sheet is None and root is None:
        return t.note or "the document could not be read"
    if check.needs == "jsonld" and root is None and check.id != "FAIR-I1-KR":
        return "the JSON-LD could not be parsed (see FAIR-I1-KR)"
    return None


@dataclass
class FairReport:
    """All results for one file, with the scores they give."""

    file: str
    kind: str
    results: list[Result]
    load_findings: list[Finding] = field(default_factory=list)
    note: str = ""

    def scores(self) -> dict[str, float | None]:
        """Weighted 0-100 score per principle and "overall"; None where no check applied."""
        out: dict[str, float | None] = {}
        for key in (*PRINCIPLES, "overall"):
            scored = [r for r in self.results if r.status in STATUS_SCORE
                      and (key == "overall" or r.check.principle == key)]
            weight = sum(r.check.weight for r in scored)
            out[key] = (round(100 * sum(r.check.weight * STATUS_SCORE[r.status] for r in scored)
                              / weight, 1) if weight else None)
        return out

    def entry_check(self) -> str:
        """pass when every entry check that ran passed, fail otherwise, n/a when none ran."""
        ran = [r.status for r in self.results
               if r.check.id in ENTRY_CHECKS and r.status != NOT_APPLICABLE]
        if not ran:
            return NOT_APPLICABLE
        return PASS if all(status == PASS for status in ran) else FAIL

    def findings(self) -> list[Finding]:
        """Load problems, then one finding per failed or partial check at the place it concerns.
        Online checks report every URL they tried, since the user asked for them."""
        out = list(self.load_findings)
        for r in self.results:
            if r.check.online:
                for e in r.evidence:
                    out.append(self._finding(r, e, Severity.WARNING if e.problem else Severity.INFO,
                                             e.text))
            elif r.status in SEVERITY:
                where = next((e for e in r.evidence if e.problem), None) or \
                    (r.evidence[0] if r.evidence else None)
                out.append(self._finding(r, where, SEVERITY[r.status], f"{r.status}: {r.message}"))
        return out

    def _finding(self, r: Result, e: Evidence | None, severity: Severity, message: str) -> Finding:
        origin = e.origin if e else Origin(self.file, 1, 1)
        return Finding(self.file, origin.line, origin.column, r.check.id, r.check.name, severity,
                       message, e.path if e else "")


def assess(target: Target, online: Callable[[Target], list[Result]] | None = None) -> FairReport:
    """Run every offline check on `target`, and the online ones when `online` is given (see
    `resolve.py`: the checks themselves never touch the network)."""
    results = []
    for c in CHECKS.values():
        if c.online:
            continue
        reason = _applicable(c, target)
        if reason or c.run is None:
            results.append(make_result(c.id, NOT_APPLICABLE, reason or ""))
        else:
            results.append(c.run(target))
    if online is not None:
        results.extend(online(target))
    return FairReport(target.file, target.kind, results, target.load_findings, target.note)
