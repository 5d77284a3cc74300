"""How `datasheet fair` prints its results: a table per file, the lint-style text, or JSON.

`text` and the findings inside `json` come from reporters.py, so FAIR findings read like every
other finding; the table and the `fair` block of the JSON add what only FAIR has: every check
(passes too), its F-UJI and RDA indicators, the evidence, and the scores.
"""

from __future__ import annotations

from ..files import json_text
from ..findings import EXIT_FINDINGS, Report, Severity
from .model import CHECKS, PRINCIPLES
from .run import ENTRY_CHECKS, FairReport

FAIR_FORMAT_VERSION = 1
MAX_EVIDENCE = 6  # lines of evidence a table shows per check; the JSON has them all
_LABEL = {"pass": "pass", "partial": "partial", "fail": "FAIL", "not_applicable": "n/a"}


def findings_report(reports: list[FairReport]) -> Report:
    report = Report()
    for fair in reports:
        report.add(fair.file, fair.findings())
    return report


def _score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"


def _scores_line(fair: FairReport) -> str:
    scores = fair.scores()
    parts = ", ".join(f"{p} {_score(scores[p])}" for p in PRINCIPLES)
    entry = _LABEL[fair.entry_check()]
    overall = scores["overall"]
    total = "n/a" if overall is None else f"{overall:g}/100"
    return f"FAIR score {total} ({parts}); entry check {entry}"


def table(reports: list[FairReport]) -> str:
    """Every check of every file: status, id, indicators, message, then the evidence of checks
    that did not pass, as file:line:col so terminals and editors link them."""
    lines: list[str] = []
    for fair in reports:
        lines.append(f"{fair.file} ({fair.kind}): {_scores_line(fair)}")
        if fair.note:
            lines.append(f"  note: {fair.note}")
        for finding in fair.load_findings:
            lines.append(f"  {finding.file}:{finding.line}:{finding.column}: {finding.code} "
                         f"{finding.message}")
        for r in fair.results:
            c = r.check
            lines.append(f"  {_LABEL[r.status]:<8} {c.id:<16} {r.message}")
            if r.status == "not_applicable":
                continue
            lines.append(f"  {'':<8} {'':<16} [{c.principle}; {c.fuji}; {c.rda}]")
            if r.status == "pass" and not c.online:
                continue
            for e in r.evidence[:MAX_EVIDENCE]:
                where = f"{e.origin.file}:{e.origin.line}:{e.origin.column}"
                mark = "!" if e.problem else "-"
                lines.append(f"  {'':<8} {'':<16} {mark} {where} {e.path}: {e.text}")
            if len(r.evidence) > MAX_EVIDENCE:
                lines.append(f"  {'':<8} {'':<16}   ... and {len(r.evidence) - MAX_EVIDENCE} more")
        lines.append("")
    if len(reports) > 1:
        overall = [f.scores()["overall"] for f in reports]
        known = [s for s in overall if s is not None]
        mean = f"{sum(known) / len(known):.1f}" if known else "n/a"
        lines.append(f"{len(reports)} files assessed: mean FAIR score {mean}/100")
    elif not reports:
        lines.append("0 files assessed")
    return "\n".join(lines).rstrip("\n") + "\n"


def text(reports: list[FairReport]) -> str:
    """The lint-style lines (one per failed or partial check), plus each file's score."""
    from ..reporters import text as lint_text

    scores = [f"{fair.file}: {_scores_line(fair)}" + (f" (note: {fair.note})" if fair.note else "")
              for fair in reports]
    return lint_text(findings_report(reports)) + "".join(line + "\n" for line in scores)


def _evidence(e) -> dict:
    return {"path": e.path, "text": e.text, "problem": e.problem, "file": e.origin.file,
            "line": e.origin.line, "column": e.origin.column, "key": e.origin.key}


def as_json(reports: list[FairReport]) -> str:
    """The lint JSON contract (reporters.as_json, unchanged) plus a versioned `fair` block."""
    from ..reporters import payload as findings_payload

    payload = findings_payload(findings_report(reports))
    payload["fair"] = {
        "version": FAIR_FORMAT_VERSION,
        "checks": [{"id": c.id, "principle": c.principle, "fuji": c.fuji, "rda": c.rda,
                    "title": c.title, "name": c.name, "weight": c.weight, "online": c.online}
                   for c in CHECKS.values()],
        "files": [{
            "file": fair.file,
            "kind": fair.kind,
            "note": fair.note,
            "scores": fair.scores(),
            "entry_check": {"status": fair.entry_check(), "checks": list(ENTRY_CHECKS)},
            "results": [{"id": r.check.id, "status": r.status, "message": r.message,
                         "evidence": [_evidence(e) for e in r.evidence]} for r in fair.results],
        } for fair in reports],
    }
    return json_text(payload)


FORMATS = {"table": table, "text": text, "json": as_json}
CHOICES = ("table", "text", "json", "github")


def render(reports: list[FairReport], fmt: str, quiet: bool = False, color: bool = False) -> str:
    """`fmt` of the reports. `github` is the lint-style findings as workflow commands; `quiet`
    keeps the errors (unreadable files) and each file's score line, nothing else."""
    from .. import reporters

    if fmt == "json" or (fmt == "table" and not quiet):
        return FORMATS[fmt](reports)
    scores = "".join(f"{fair.file}: {_scores_line(fair)}"
                     + (f" (note: {fair.note})" if fair.note else "") + "\n" for fair in reports)
    if fmt == "table":  # quiet
        return scores
    shown = reporters.render(findings_report(reports), "github" if fmt == "github" else "text",
                             quiet=quiet, color=color)
    return shown + scores


def exit_code(reports: list[FairReport], fail_on: Severity, fail_under: float | None) -> int:
    """1 when a finding is at least `fail_on` or an overall score is under `fail_under`."""
    code = findings_report(reports).exit_code(fail_on)
    if low_scores(reports, fail_under):
        code = EXIT_FINDINGS
    return code


def low_scores(reports: list[FairReport], fail_under: float | None) -> list[str]:
    """A line for each file whose overall FAIR score is under `fail_under`."""
    if fail_under is None:
        return []
    return [f"{r.file}: overall FAIR score {r.scores()['overall'] or 0:g} is under "
            f"--fail-under {fail_under:g}" for r in reports
            if (r.scores()["overall"] or 0) < fail_under]
