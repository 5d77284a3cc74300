"""Many targets at once: one row per target, for auditing the hundreds of copies of one original.

A target is a file (datasheet or card), a folder, an `hf:`/`kaggle:` id, or one listing of a
platform table (a CSV of listings: name, URL, licence, keywords, as the ISIC-on-Kaggle table of
the corpus has them). Each becomes a `Row`: the likely original (or the group it falls in when
the evidence cannot choose), the confidence, whether the copy declares it, the copy's licence
and whether it keeps the original's terms, and how many errors and warnings its findings hold.

`bench/eval_isic_table.py` counts these rows per original; `datasheet provenance` prints them
(`--format table|csv|json`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..findings import Finding, Severity, UsageError, plural, printable
from ..licenses import license_text
from .evidence import Candidate, best
from .targets import Target, target_from_listing
from .verdicts import license_verdict

COLUMNS = ("target", "name", "kind", "original", "confidence", "declared", "licence", "verdict",
           "errors", "warnings")
NOT_RECOGNISED = "not recognised"
# Column names a listing table may use for each field target_from_listing reads.
_LISTING_COLUMNS = {
    "name": ("name", "title"),
    "url": ("url", "link", "landing_page", "homepage"),
    "license.name": ("license.name", "license", "licence", "license_name", "licenses"),
    "keywords": ("keywords", "tags"),
    "alternateName": ("alternateName", "subtitle"),
    "description": ("description",),
    "contentSize": ("contentSize", "size"),
}


@dataclass
class Row:
    """What `datasheet provenance` says about one target, in one line."""

    target: str
    name: str
    kind: str
    original: str  # a reference id, or the group (NOT_RECOGNISED, "several originals (...)")
    originals: list[str]  # the equally likely references behind `original`
    confidence: float
    declared: bool
    licence: str  # as the copy states it; "" when it states none
    verdict: str  # compatible | incompatible | missing | unknown
    errors: int = 0
    warnings: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"target": self.target, "name": self.name, "kind": self.kind,
                "original": self.original, "originals": list(self.originals),
                "confidence": round(self.confidence, 4), "declared": self.declared,
                "licence": self.licence, "verdict": self.verdict, "errors": self.errors,
                "warnings": self.warnings}

    def cells(self) -> list[str]:
        """The row as text, in the order of COLUMNS."""
        return [self.target, self.name, self.kind, self.original,
                f"{self.confidence:.2f}" if self.originals else "",
                "yes" if self.declared else "no", self.licence or "-", self.verdict,
                str(self.errors), str(self.warnings)]


def classify(found: list[Candidate]) -> str:
    """The original a target most likely copies, or the group it falls in when the evidence
    names only a family ("ISIC, no year named") or cannot tell several originals apart."""
    top = best(found)
    if not top:
        return NOT_RECOGNISED
    if len(top) == 1:
        return top[0].reference.id
    kinds = {e.kind for c in top for e in c.evidence if e.makes_candidate}
    family = top[0].reference.family or ""
    if kinds == {"family"}:
        return f"{family.upper()}, no year named"
    if kinds == {"family, other year"}:
        return f"{family.upper()}, a year without a reference (e.g. 2023)"
    if kinds <= {"family", "family, other year"}:
        return f"{family.upper()}, year unclear"
    return "several originals (" + " + ".join(sorted(c.reference.id for c in top)) + ")"


def row_of(label: str, target: Target | None, found: list[Candidate],
           findings: list[Finding], kind: str = "") -> Row:
    """The row of one target from what `examine` found; `target` None for a file that could not
    be read (its findings say why)."""
    top = best(found)
    verdict = license_verdict(target, top)[0] if target is not None else "unknown"
    return Row(
        target=label, name=target.title if target is not None else "",
        kind=target.kind if target is not None else kind,
        original=classify(found) if target is not None else "unreadable",
        originals=[c.reference.id for c in top],
        confidence=top[0].confidence if top else 0.0,
        declared=any(c.declared for c in top),
        licence=license_text(target.license) if target is not None and target.license else "",
        verdict=verdict,
        errors=sum(1 for f in findings if f.severity == Severity.ERROR),
        warnings=sum(1 for f in findings if f.severity == Severity.WARNING))


def listing_row(raw: dict[str, Any]) -> dict[str, str]:
    """A listing table's row with the column names target_from_listing reads (name, url,
    license.name, keywords, alternateName, description, contentSize), whichever of their usual
    spellings the table uses."""
    folded = {str(k).strip().lower(): ("" if v is None else str(v)) for k, v in raw.items()}
    row = {}
    for field, spellings in _LISTING_COLUMNS.items():
        row[field] = next((folded[s.lower()] for s in spellings if folded.get(s.lower())), "")
    return row


def read_listings(path: str | Path) -> Iterator[tuple[int, dict[str, str], Target]]:
    """(line, the row in listing_row's columns, Target) for every listing of a CSV table that
    has a name. Raises UsageError when the table cannot be read or has no name column."""
    file = str(path)
    try:
        handle = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise UsageError(f"cannot read the listing table {file}: {exc.strerror or exc}") from None
    with handle:
        reader = csv.DictReader(handle, strict=True)
        try:
            header = [h.strip().lower() for h in reader.fieldnames or []]
            if not set(header) & {"name", "title"}:
                raise UsageError(f"{file}: a listing table needs a 'name' (or 'title') column; "
                                 f"its columns are: {', '.join(header) or '(none)'}")
            for raw in reader:
                row = listing_row(raw)
                if row["name"].strip():
                    yield (reader.line_num, row,
                           target_from_listing(row, row["url"] or row["name"]))
        except csv.Error as exc:
            raise UsageError(f"{file}:{reader.line_num}: not a readable CSV table: {exc}"
                             ) from None
        except UnicodeDecodeError as exc:
            raise UsageError(f"{file}: byte 0x{exc.object[exc.start]:02x} is not UTF-8; save the "
                             "table as UTF-8") from None


def table(rows: list[Row], of: list[Row] | None = None) -> str:
    """The rows for people: aligned columns, long names cut, then what the rows `of` the whole
    run add up to (all of them when `rows` is a selection, as with --quiet)."""
    # a long path keeps its end (the file name), a long name its start
    shown = [[_cut(printable(cell), 60, keep_end=i == 0) for i, cell in enumerate(row.cells())]
             for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in shown]) for i, c in enumerate(COLUMNS)]
    numeric = {"confidence", "errors", "warnings"}

    def line(cells: list[str]) -> str:
        return "  ".join(cell.rjust(w) if name in numeric else cell.ljust(w)
                         for cell, w, name in zip(cells, widths, COLUMNS, strict=True)).rstrip()

    lines = [line(list(COLUMNS))] + [line(cells) for cells in shown]
    return "\n".join(lines) + "\n" + summary(rows if of is None else of) + "\n"


def _cut(text: str, limit: int, keep_end: bool = False) -> str:
    if len(text) <= limit:
        return text
    return "..." + text[-(limit - 3):] if keep_end else text[:limit - 3] + "..."


def summary(rows: list[Row]) -> str:
    """One line: how many targets, how many tied to an original, declared, and licences that
    break the original's terms."""
    recognised = [r for r in rows if r.originals]
    undeclared = sum(1 for r in recognised if not r.declared)
    incompatible = sum(1 for r in rows if r.verdict == "incompatible")
    return (f"{plural(len(rows), 'target')} checked: {len(recognised):,} with a likely original "
            f"({undeclared:,} not declaring it), {plural(incompatible, 'licence')} breaking the "
            "original's terms")


def as_csv(rows: list[Row]) -> str:
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        data = row.to_dict()
        writer.writerow(["yes" if data[c] is True else "no" if data[c] is False else data[c]
                         for c in COLUMNS])
    return out.getvalue()


@dataclass
class Batch:
    """Everything a run over many targets found: the findings report (each target an entry),
    each target's examination by its label, and one row per target in the order given."""

    report: Any
    examinations: dict[str, Any]
    rows: list[Row]


def check_targets(targets: list[str], listings: list[str], references: list[Any],
                  options: dict[str, Any] | None = None, progress: Any = None) -> Batch:
    """Examine every target (file, folder, `hf:`/`kaggle:` id) and every listing of every
    listing table. `options` are the folder options of `examine_folder_options` (hashes,
    perceptual, workers, write_hashes, resume, progress) and `timeout` for remote targets.
    Raises UsageError for a target that does not exist, a table that cannot be read, or a run
    that has nothing to check."""
    from ..findings import Report
    from ..inputs import load_document
    from ..remote import fetch, is_remote
    from .run import examine_folder_options, examine_listing, examine_sheet

    options = dict(options or {})
    timeout = options.pop("timeout", 20.0)
    batch = Batch(Report(), {}, [])

    def record(label: str, exam: Any, kind: str = "") -> None:
        batch.report.add(label, exam.findings)
        if exam.scan is not None:
            batch.report.folders[label] = len(exam.scan.files)
        batch.examinations[label] = exam
        batch.rows.append(row_of(label, exam.target, exam.candidates, exam.findings, kind))

    for target in targets:
        if is_remote(target):
            record(target, examine_sheet(fetch(target, timeout=timeout), references))
            continue
        path = Path(target)
        if not path.exists():
            raise UsageError(f"no such file or folder: {target}")
        if path.is_dir():
            record(target, examine_folder_options(path, references, **options), "folder")
        else:
            sheet = load_document(path)
            record(target, examine_sheet(sheet, references), sheet.kind)
    listed = [item for table in listings for item in read_listings(table)]
    if not targets and not listed:
        raise UsageError(f"nothing to check: {', '.join(listings)} "
                         f"{'holds' if len(listings) == 1 else 'hold'} no listing with a name")
    for done, (_, _, listing) in enumerate(listed, 1):
        record(listing.file, examine_listing(listing, references), "listing")
        if progress is not None:
            progress(done, len(listed))
    return batch
