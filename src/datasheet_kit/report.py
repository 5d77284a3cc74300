"""`datasheet report`: what the other commands say about each document, as data for one page.

For each target (a datasheet, a Hugging Face card, Kaggle metadata or a Croissant file, local or
`hf:` / `kaggle:`), the page shows the per-section scores beside the platform-style presence
score, every finding with its rule's documentation (codes.py) and a link to its line in the
document (the document is carried along, line by line, so that the link works offline), where
each answer was found (the score contract's per-question `origin`, and for cards `found` and
`hints`), and the likely originals with the licence verdict from the provenance checks. The
page itself is drawn by `reporters.html`; this module only gathers the data, so that the same
data could feed another page. `survey_documents` turns `datasheet survey` rows into the same
shape, so that a survey gets the same table and chart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import codes
from .catalogue import questions, sections
from .findings import Finding
from .sheet import Sheet

# A document longer than this is not carried along in the page (its findings still link to the
# file itself): the page must stay small enough to open and share.
MAX_SOURCE_BYTES = 80_000
PAGE_FORMAT_VERSION = 1


def build(targets: list[str], timeout: float = 20.0, provenance: bool = True) -> dict[str, Any]:
    """The page's data for these targets, in the order given."""
    from .inputs import load_target

    references = _references() if provenance else []
    documents = []
    for index, target in enumerate(targets):
        sheet = load_target(target, timeout)
        documents.append(document(sheet, f"d{index}", references, target))
    return {"version": PAGE_FORMAT_VERSION, "documents": documents,
            "sections": [{"id": s.id, "title": s.title} for s in sections().values()]}


def _references() -> list[Any]:
    from . import provenance

    folder = provenance.default_references()
    return provenance.load_references(folder)[0] if folder else []


def document(sheet: Sheet, anchor: str, references: list[Any], target: str = "") -> dict[str, Any]:
    """One document's part of the page."""
    from .lint import lint
    from .score import score

    found = lint(sheet) if not sheet.fatal else list(sheet.findings)
    card = score(sheet, found)
    origins = _provenance(sheet, references) if references and not sheet.fatal else None
    if origins:
        found = found + [f for f in origins.pop("findings") if f not in found]
    elif origins is not None:
        origins.pop("findings")
    source = _source(sheet.file)
    return {
        "id": anchor,
        "target": target or sheet.file,
        "file": sheet.file,
        "kind": sheet.kind,
        "overall": card.overall,
        "presence": card.presence,
        "presence_detail": card.presence_detail,
        "sections": [_section(s.to_dict(), anchor if source else "") for s in card.sections],
        "findings": [_finding(f, anchor if source else "") for f in
                     sorted(found, key=lambda f: (-int(f.severity), f.line, f.column, f.code))],
        "counts": _counts(found),
        "lines": source,
        "provenance": origins,
    }


def _section(data: dict[str, Any], anchor: str) -> dict[str, Any]:
    catalogue = questions()
    for question in data["questions"]:
        q = catalogue[question["id"]]
        question["text"] = q.text
        origin = question.get("origin")
        question["link"] = f"#{anchor}-L{origin['line']}" if anchor and origin else ""
    return data


def _finding(finding: Finding, anchor: str) -> dict[str, Any]:
    entry = codes.table().get(finding.code)
    out = finding.to_dict()
    out["summary"] = entry.summary if entry else ""
    out["doc"] = entry.doc.strip() if entry else ""
    out["link"] = f"#{anchor}-L{finding.line}" if anchor and finding.line else ""
    return out


def _counts(findings: list[Finding]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        counts[str(finding.severity)] = counts.get(str(finding.severity), 0) + 1
    return counts


def _source(file: str) -> list[str]:
    """The document's lines, when it is a local file small enough to carry along."""
    path = Path(file)
    try:
        if not path.is_file() or path.stat().st_size > MAX_SOURCE_BYTES:
            return []
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _provenance(sheet: Sheet, references: list[Any]) -> dict[str, Any] | None:
    """The likely originals, their evidence, the provenance findings and the licence verdict."""
    from .licenses import license_compatibility
    from .provenance.evidence import candidates, is_reference
    from .provenance.targets import target_from_sheet
    from .provenance.verdicts import findings

    target = target_from_sheet(sheet)
    found = candidates(target, references)
    if is_reference(target, references):
        return None
    out: dict[str, Any] = {
        "candidates": [c.to_dict() for c in found[:3]],
        "findings": findings(target, found, False),
        "licence": None,
    }
    if found:
        original = found[0].reference
        if target.license and original.license:
            verdict, reasons = license_compatibility(original.license, target.license)
            out["licence"] = {"original": original.title, "verdict": verdict,
                              "reasons": reasons}
        elif original.license:
            out["licence"] = {"original": original.title, "verdict": "unknown",
                              "reasons": ["the document states no licence"]}
    return out


def survey_documents(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """`datasheet survey` rows as page data: per section, the share of its questions a card
    answers (the survey reads, it does not lint), beside the platform presence score."""
    members = {s.id: set(s.questions) for s in sections().values()}
    documents = []
    for index, row in enumerate(rows):
        answered = set(row.get("answered", ()))
        presence = row.get("presence") or {}
        total = presence.get("total") or 0
        documents.append({
            "id": f"d{index}", "target": row["file"], "file": row["file"], "kind": row["kind"],
            "error": row.get("error", ""),
            "overall": round(100 * len(answered) / len(questions())) if not row["error"] else 0,
            "presence": round(100 * presence.get("filled", 0) / total, 1) if total else None,
            "sections": [{"id": sid, "title": sections()[sid].title,
                          "score": round(100 * len(answered & qids) / len(qids))}
                         for sid, qids in members.items()],
            "findings": [], "counts": {}, "lines": [], "provenance": None,
        })
    return {"version": PAGE_FORMAT_VERSION, "documents": documents, "measure": "answered",
            "sections": [{"id": s.id, "title": s.title} for s in sections().values()]}
