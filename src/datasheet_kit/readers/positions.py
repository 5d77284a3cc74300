"""Where a card's text comes from, and JSON documents with the line of each key.

(One JSON-with-positions module for the whole package is on its way; until it lands, the
readers keep theirs here, in one place.)
"""

from __future__ import annotations

import json
import re
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


_JSON_TOKENS = re.compile(r'"(?:[^"\\\n]|\\.)*"\s*:?|[{}\[\]]|\n')


def key_lines(text: str, depth: int = 1) -> dict[str, tuple[int, int]]:
    """Line and column of each key of the JSON objects at `depth` (1 = the top-level object).

    The json module keeps no positions; one regular-expression pass over the text does.
    """
    found: dict[str, tuple[int, int]] = {}
    level, line, line_start = 0, 1, 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token == "\n":
            line += 1
            line_start = match.end()
        elif token in "{[":
            level += 1
        elif token in "}]":
            level -= 1
        elif token.endswith(":") and level == depth:
            try:
                key = json.loads(token[:-1].rstrip())
            except ValueError:
                continue
            found.setdefault(key, (line, match.start() - line_start + 1))
    return found


def open_json(source: str | bytes | Path, file: str | None,
              kind: str) -> tuple[Sheet, str, dict | None, int]:
    """The start every JSON reader shares: a sheet of `kind`, the text, the top-level object (None
    when the file cannot be read or is not one; the sheet says why) and the depth of its keys."""
    sheet, text = source_text(source, file)
    sheet.kind = kind
    if text is None:
        return sheet, "", None, 1
    document, depth = load_json(sheet, text)
    return sheet, text, document, depth


def load_json(sheet: Sheet, text: str) -> tuple[dict | None, int]:
    """The document's top-level object and the depth of its keys, or None with a finding."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        add_finding(sheet, "DS012", exc.lineno, exc.colno, f"invalid JSON: {exc.msg}")
        return None, 1
    except RecursionError:
        add_finding(sheet, "DS012", 1, 1, "invalid JSON: the nesting is too deep")
        return None, 1
    if isinstance(value, dict):
        return value, 1
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict):
        add_finding(sheet, "DS013", 1, 1,
                    "the top level is a list holding one object; reading that object "
                    "(write the object itself, without the surrounding [ ])", Severity.WARNING)
        return value[0], 2
    kind = "a list" if isinstance(value, list) else "a single value"
    add_finding(sheet, "DS010", 1, 1, f"the top level is {kind}, not a JSON object")
    return None, 1
