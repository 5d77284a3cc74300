"""JSON text with positions: the value `json` gives, plus the line and column of every key.

Python's `json` module gives values but no positions. `parse` decodes the text once and keeps it;
a second, small scan of the same text (run only when positions are asked for, and only on text
`json` accepted, so it can assume the grammar is valid) records where each key and list item
starts. Every reader of JSON documents (Kaggle metadata, Croissant) and the FAIR checks' JSON-LD
view go through here, so a file is decoded once and positions mean the same everywhere.

    parsed = parse(text)
    parsed.value                 # what json.loads gives (None when the text is not JSON)
    parsed.positions             # "a.b[0].c" -> (line, column), for every key and list item
    parsed.keys_at(1)            # key -> (line, column) of the keys of the top-level object
    open_json(source, file, kind)  # the start of a JSON reader: a Sheet and its document
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from .codes import name as code_name
from .findings import Finding, Severity
from .sheet import MAX_DEPTH, Sheet, decode, join, read_text

# A string (with escapes), one structural character, or a bare scalar (number, true, false, null).
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


@dataclass(frozen=True)
class Key:
    """One key of an object in the text: its full path, how deep its object is nested (1: the
    top-level value), its name, and where it starts."""

    path: str
    depth: int
    name: str
    line: int
    column: int


@dataclass
class _Frame:
    path: str
    is_list: bool
    index: int = 0
    expect_key: bool = True
    key_path: str = ""


@dataclass
class Parsed:
    """JSON text decoded once. `error` is json's message when the text is not JSON (at
    `error_at`), and `too_deep` is set when the nesting is deeper than MAX_DEPTH (at
    `error_at` too): what Python can decode may still be too deep for the readers' walks."""

    text: str
    value: Any = None
    error: str = ""
    error_at: tuple[int, int] = (1, 1)
    too_deep: bool = False

    @property
    def ok(self) -> bool:
        return not self.error and not self.too_deep

    @cached_property
    def _scanned(self) -> tuple[list[Key], dict[str, tuple[int, int]]]:
        return _scan(self.text) if self.ok else ([], {})

    @property
    def positions(self) -> dict[str, tuple[int, int]]:
        """Path -> (line, column) of every key and list item, the first one where a path
        repeats; paths are spelt as sheet.join spells them (`a.b[0].c`)."""
        return self._scanned[1]

    @property
    def keys(self) -> list[Key]:
        """Every key of every object, in the order of the text (repeats included)."""
        return self._scanned[0]

    def keys_at(self, depth: int = 1) -> dict[str, tuple[int, int]]:
        """Name -> (line, column) of the keys of the objects nested `depth` deep (1: the
        top-level object; 2: the objects in a top-level list), the first where a name repeats."""
        found: dict[str, tuple[int, int]] = {}
        for key in self.keys:
            if key.depth == depth:
                found.setdefault(key.name, (key.line, key.column))
        return found


def _scan(text: str) -> tuple[list[Key], dict[str, tuple[int, int]]]:
    """The keys of valid JSON text, and the position of every key path and list item."""
    keys: list[Key] = []
    found: dict[str, tuple[int, int]] = {}
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(offset: int) -> tuple[int, int]:
        row = bisect.bisect_right(line_starts, offset) - 1
        return row + 1, offset - line_starts[row] + 1

    stack: list[_Frame] = []
    for m in _TOKEN.finditer(text):
        token = m.group()
        top = stack[-1] if stack else None
        if token == ",":
            if top and not top.is_list:
                top.expect_key = True
        elif token == ":":
            if top:
                top.expect_key = False
        elif token in "}]":
            stack.pop()
        elif top and not top.is_list and top.expect_key:
            name = json.loads(token)
            top.key_path = join(top.path, name)
            key = Key(top.key_path, len(stack), name, *where(m.start()))
            keys.append(key)
            found.setdefault(key.path, (key.line, key.column))
        else:  # a value starts: in a list it is the next item
            path = ""
            if top and top.is_list:
                path = join(top.path, top.index)
                top.index += 1
                found.setdefault(path, where(m.start()))
            elif top:
                path = top.key_path
            if token in "{[":
                stack.append(_Frame(path, token == "["))
    return keys, found


def parse(text: str) -> Parsed:
    """Decode JSON text. Never raises: a problem is kept in `error` (or `too_deep`)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return Parsed(text, error=exc.msg, error_at=(exc.lineno, exc.colno))
    except RecursionError:
        return Parsed(text, too_deep=True, error_at=_deep_at(text))
    except ValueError as exc:  # a number with more digits than Python converts (4,300)
        long = re.search(r"\d{4000,}", text)
        offset = long.start() if long else 0
        return Parsed(text, error=str(exc).split(";")[0],
                      error_at=(text.count("\n", 0, offset) + 1,
                                offset - text.rfind("\n", 0, offset)))
    if _deeper_than(value, MAX_DEPTH):
        return Parsed(text, too_deep=True, error_at=_deep_at(text))
    return Parsed(text, value)


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether lists and objects nest more than `limit` levels, walked without recursion."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = item.values()
        elif not isinstance(item, list):
            continue
        if depth >= limit:
            return True
        stack.extend((child, depth + 1) for child in item if isinstance(child, (dict, list)))
    return False


_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]')


def _deep_at(text: str) -> tuple[int, int]:
    """Line and column of the bracket that opens level MAX_DEPTH + 1 (strings skipped)."""
    depth = 0
    for m in _BRACKETS.finditer(text):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                offset = m.start()
                return (text.count("\n", 0, offset) + 1,
                        offset - text.rfind("\n", 0, offset))
        elif token in "]}":
            depth -= 1
    return 1, 1


# ------------------------------------------------------------------- the start of a JSON reader

def _finding(sheet: Sheet, code: str, line: int, column: int, message: str,
             severity: Severity = Severity.ERROR) -> None:
    sheet.findings.append(Finding(sheet.file, line, column, code, code_name(code), severity,
                                  message))


def document(sheet: Sheet, parsed: Parsed) -> tuple[dict[str, Any] | None, int]:
    """The top-level object a JSON reader reads and the depth of its keys, or None with the
    reason recorded on the sheet: DS012 (not JSON), DS013 (a list holding one object, which is
    read) or DS010 (not an object)."""
    if parsed.too_deep:
        _finding(sheet, "DS008", *parsed.error_at,
                 f"the nesting goes deeper than the limit of {MAX_DEPTH} levels here; a "
                 "dataset's metadata needs a handful")
        return None, 1
    if parsed.error:
        _finding(sheet, "DS012", *parsed.error_at, f"invalid JSON: {parsed.error}")
        return None, 1
    value = parsed.value
    if isinstance(value, dict):
        return value, 1
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict):
        _finding(sheet, "DS013", 1, 1,
                 "the top level is a list holding one object; reading that object "
                 "(write the object itself, without the surrounding [ ])", Severity.WARNING)
        return value[0], 2
    kind = "a list" if isinstance(value, list) else "a single value"
    _finding(sheet, "DS010", 1, 1, f"the top level is {kind}, not a JSON object")
    return None, 1


def open_json(source: str | bytes | Path, file: str | None,
              kind: str) -> tuple[Sheet, str, dict[str, Any] | None, int]:
    """The start every JSON reader shares: a sheet of `kind`, the text, the top-level object
    (None when the file cannot be read or is not one; the sheet says why) and the depth of its
    keys. The parse is kept on the sheet (`sheet.parsed`) for checks that read the document as
    written, so that nobody decodes the file again."""
    if isinstance(source, Path):
        sheet = Sheet(file or str(source))
        text = read_text(source, sheet)
    else:
        sheet = Sheet(file or "<string>")
        text = decode(source, sheet) if isinstance(source, bytes) else source.removeprefix("\ufeff")
    sheet.kind = kind
    if text is None:
        return sheet, "", None, 1
    sheet.parsed = parse(text)
    top, depth = document(sheet, sheet.parsed)
    return sheet, text, top, depth
