"""Where a card's text comes from, and how a reader reports a problem with it. (JSON documents
and the line of each key come from `jsontext`, the one JSON reader of the package.)"""

from __future__ import annotations

from pathlib import Path

from ..findings import Finding, Severity
from ..sheet import LOAD_CODES, Sheet, decode, read_text


def source_text(source: str | bytes | Path, file: str | None) -> tuple[Sheet, str | None]:
    """A fresh sheet and the document's text (None when it cannot be read; the sheet says why)."""
    if isinstance(source, Path):
        sheet = Sheet(file or str(source))
        return sheet, read_text(source, sheet)
    sheet = Sheet(file or "<string>")
    if isinstance(source, bytes):
        return sheet, decode(source, sheet)
    return sheet, source.removeprefix("\ufeff")


def add_finding(sheet: Sheet, code: str, line: int, column: int, message: str,
                severity: Severity = Severity.ERROR, path: str = "") -> None:
    sheet.findings.append(Finding(sheet.file, line, column, code, LOAD_CODES[code][0], severity,
                                  message, path))
