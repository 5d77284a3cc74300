"""A Croissant JSON-LD document as written: the dataset object, its @context, each key's line.

The FAIR checks need what the datasheet shape has no place for (FileObjects, checksums,
`conformsTo`, the namespaces of `@context`, `rai:` names), so they read the raw JSON. Python's
`json` module gives values but no positions; a second, tiny scan of the same text records where
each key path starts, so evidence points at a line. The scan runs only on text `json` accepted,
so it can assume the grammar is valid.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .sheet import MAX_BYTES, Origin, join, parent

# A string (with escapes), one structural character, or a bare scalar (number, true, false, null).
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


@dataclass
class Document:
    """One JSON-LD file. `root` is the dataset object (or None), `base` its path in the file."""

    file: str
    root: dict | None = None
    base: str = ""
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    error: str = ""
    error_at: tuple[int, int] = (1, 1)

    def origin(self, path: str = "") -> Origin:
        """Where a key path (relative to the dataset object) starts; the JSON path is the key."""
        full = (f"{self.base}.{path}" if not path.startswith("[") else self.base + path) \
            if self.base and path else (path or self.base)
        probe = full
        while probe and probe not in self.positions:
            probe = parent(probe)
        line, column = self.positions.get(probe, (1, 1))
        return Origin(self.file, line, column, key=full)

    def get(self, key: str, default: Any = None) -> Any:
        """A dataset property by its compact name, or spelt `sc:`, `schema:`, `dct:`, `cr:`."""
        if self.root is None:
            return default
        for name in (key, f"sc:{key}", f"schema:{key}", f"dct:{key}", f"cr:{key}"):
            if name in self.root:
                return self.root[name]
        return default

    @property
    def context(self) -> dict:
        """The inline @context as one mapping (a list is merged; remote contexts are skipped)."""
        raw = self.root.get("@context") if self.root else None
        merged: dict = {}
        for part in raw if isinstance(raw, list) else [raw]:
            if isinstance(part, dict):
                merged.update(part)
        return merged


@dataclass
class _Frame:
    path: str
    is_list: bool
    index: int = 0
    expect_key: bool = True
    key_path: str = ""


def _positions(text: str) -> dict[str, tuple[int, int]]:
    """Key path -> (line, column) for every key and list item of valid JSON text."""
    found: dict[str, tuple[int, int]] = {}
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(offset: int) -> tuple[int, int]:
        row = bisect.bisect_right(line_starts, offset) - 1
        return row + 1, offset - line_starts[row] + 1

    stack: list[_Frame] = []
    for m in _TOKEN.finditer(text):
        token, offset = m.group(), m.start()
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
            top.key_path = join(top.path, json.loads(token))
            found.setdefault(top.key_path, where(offset))
        else:  # a value starts: in a list it is the next item
            path = ""
            if top and top.is_list:
                path = join(top.path, top.index)
                top.index += 1
                found.setdefault(path, where(offset))
            elif top:
                path = top.key_path
            if token in "{[":
                stack.append(_Frame(path, token == "["))
    return found


def load(path: str | Path) -> Document:
    """Read a JSON-LD file. Never raises: a problem is kept in `error` with its line and column."""
    doc = Document(str(path))
    try:
        data = Path(path).read_bytes()[: MAX_BYTES + 1]
        if len(data) > MAX_BYTES:
            doc.error = f"the file is larger than {MAX_BYTES:,} bytes"
            return doc
        text = data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        doc.error = f"cannot read the file: {exc}"
        return doc
    return loads(text, str(path))


def loads(text: str, file: str = "<string>") -> Document:
    doc = Document(file)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        doc.error, doc.error_at = f"invalid JSON: {exc.msg}", (exc.lineno, exc.colno)
        return doc
    except RecursionError:
        doc.error = "the JSON is nested too deeply"
        return doc
    # Some exporters (Kaggle's) wrap the one dataset in a list; take the dataset object.
    if isinstance(value, list):
        index = next((i for i, v in enumerate(value) if isinstance(v, dict)), None)
        if index is None:
            doc.error = "the top level is a list without a dataset object"
            return doc
        doc.root, doc.base = value[index], f"[{index}]"
    elif isinstance(value, dict):
        doc.root = value
    else:
        doc.error = "the top level is not a JSON object"
        return doc
    doc.positions = _positions(text)
    return doc

