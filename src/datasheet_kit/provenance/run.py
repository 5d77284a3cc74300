"""One target from end to end, as `datasheet provenance` runs it: read the file or scan the
folder, find the candidates, and collect the findings (with the folder checks of `folders`).

This is the glue between the steps; `inputs` and `folders` are imported only when a target
needs them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..findings import Finding
from .evidence import Candidate, candidates, is_reference
from .references import Reference
from .targets import Target, target_from_folder, target_from_sheet
from .verdicts import findings

DATASHEET_NAMES = ("datasheet.yaml", "datasheet.yml")


@dataclass
class Examination:
    target: Target | None
    candidates: list[Candidate]
    findings: list[Finding]
    scan: Any = None  # the FolderScan of a folder target
    duplicates: list[Any] = field(default_factory=list)  # every DuplicateGroup of a folder


def as_json(report: Any, examinations: dict[str, Examination], rows: list[Any] | None = None
            ) -> str:
    """The findings JSON contract (reporters.as_json, unchanged) plus a top-level `candidates`
    mapping: for each file of the report, its likely originals, most likely first, built from
    the same `Candidate` objects that wrote the DS900 messages; and `targets`, one row per
    target (batch.Row), in the order given."""
    from ..files import json_text
    from ..reporters import payload as findings_payload

    payload = findings_payload(report)
    payload["targets"] = [row.to_dict() for row in rows or []]
    payload["candidates"] = {file: [c.to_dict() for c in examinations[file].candidates]
                             if file in examinations else [] for file in report.files}
    # Every duplicate group of every folder examined (the findings only show examples).
    payload["duplicates"] = [dict(g.to_dict(), folder=file) for file in report.files
                             if file in examinations for g in examinations[file].duplicates]
    return json_text(payload)


def examine(path: str | Path, references: list[Reference], hash_list: Any = None,
            perceptual: bool = False, workers: int | None = None, progress: Any = None,
            resume: Any = None, record: Any = None) -> Examination:
    """Everything `datasheet provenance` says about one file or folder. For a folder, `resume`
    (a partial hash list) and `record` (where hash list lines go as files are hashed) are passed
    to `folders.scan`."""
    from ..inputs import load_document

    path = Path(path)
    if not path.is_dir():
        return examine_sheet(load_document(path), references)

    from .. import folders

    algorithm = hash_list.algorithm if hash_list else resume.algorithm if resume else "sha256"
    scan = folders.scan(path, algorithm=algorithm, perceptual=perceptual, workers=workers,
                        progress=progress, resume=resume, record=record)
    own = next((path / n for n in DATASHEET_NAMES if (path / n).is_file()), None)
    sheet = load_document(own) if own else None
    out: list[Finding] = list(sheet.findings) if sheet is not None and sheet.fatal else []
    target = target_from_folder(scan, sheet if sheet is not None and not sheet.fatal else None)
    found = candidates(target, references)
    groups = folders.duplicates(scan, hash_list, workers)
    out += findings(target, found) + folders.duplicate_findings(scan, found_groups=groups)
    if hash_list is not None:
        out += folders.comparison_findings(scan, hash_list,
                                           folders.compare(scan, hash_list, groups))
    return Examination(target, found, out, scan, groups)


def examine_sheet(document: Any, references: list[Reference]) -> Examination:
    """Everything `datasheet provenance` says about a document already read (a file, or a card
    fetched for an `hf:` or `kaggle:` id)."""
    if document.fatal:
        return Examination(None, [], list(document.findings))
    target = target_from_sheet(document)
    found = candidates(target, references)
    return Examination(target, found, findings(target, found, is_reference(target, references)))


def examine_listing(target: Target, references: list[Reference]) -> Examination:
    """One listing of a platform table (batch.read_listings)."""
    found = candidates(target, references)
    return Examination(target, found, findings(target, found))


def examine_folder_options(path: str | Path, references: list[Reference], hashes: str | None,
                           perceptual: bool, workers: int | None, write_hashes: str | None,
                           resume: bool, progress: Any = None) -> Examination:
    """`examine` with the folder options of `datasheet provenance`: the original's hash list to
    compare with (`hashes`), and the hash list of this folder to write (`write_hashes`), kept
    as FILE.partial while the scan runs so that `resume` can continue an interrupted one.
    Raises UsageError for a hash list that cannot be read or a missing optional extra."""
    from ..findings import UsageError
    from ..folders import HashListWriter, read_hash_list

    hash_list = None
    if hashes:
        try:
            hash_list = read_hash_list(hashes)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot use the hash list: {exc}") from None
    writer = None
    if write_hashes:
        try:
            writer = HashListWriter(write_hashes, resume)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot resume from the hash list: {exc}") from None
    try:
        result = examine(path, references, hash_list, perceptual, workers, progress,
                         writer.previous if writer else None, writer)
    except BaseException as exc:
        if writer is not None:
            writer.close(complete=False)  # FILE.partial stays for --resume
        if isinstance(exc, RuntimeError):  # an optional extra is missing
            raise UsageError(str(exc)) from None
        raise
    if writer is not None:
        writer.close(complete=True)
    return result
