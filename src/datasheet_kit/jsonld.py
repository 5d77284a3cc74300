"""A Croissant JSON-LD document as written: the dataset object, its @context, each key's line.

The FAIR checks need what the datasheet shape has no place for (FileObjects, checksums,
`conformsTo`, the namespaces of `@context`, `rai:` names), so they read the raw JSON, with the
position of each key path from jsontext so that evidence points at a line. A Croissant card that
the reader has already decoded is not decoded again: `from_parsed` takes the reader's parse.

PREFIXES is the one table of how Croissant files spell the vocabularies they use; the Croissant
reader brings keys to one form with it, and `Document.get` finds a property however it is spelt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import jsontext
from .sheet import MAX_BYTES, Origin, parent

# How Croissant files spell the terms of the vocabularies they use, and the compact form they are
# read as: schema.org and Croissant terms bare, Dublin Core terms bare, RAI terms as `rai:`.
# (The RAI namespace sits inside Croissant's, so it must come first.)
PREFIXES = (
    ("https://schema.org/", ""), ("http://schema.org/", ""), ("sc:", ""), ("schema:", ""),
    ("http://purl.org/dc/terms/", ""), ("dct:", ""),
    ("http://mlcommons.org/croissant/RAI/", "rai:"), ("http://mlcommons.org/croissant/", ""),
    ("cr:", ""),
)
# The short spellings of a bare term, in the order `Document.get` tries them.
_BARE = tuple(prefix for prefix, compact in PREFIXES if not compact and prefix.endswith(":"))


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
        for name in (key, *(prefix + key for prefix in _BARE)):
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
    return from_parsed(jsontext.parse(text), file)


def from_parsed(parsed: jsontext.Parsed, file: str) -> Document:
    """The Document of JSON text already decoded (by a reader, say)."""
    doc = Document(file)
    if parsed.too_deep:
        doc.error = "the JSON is nested too deeply"
        return doc
    if parsed.error:
        doc.error, doc.error_at = f"invalid JSON: {parsed.error}", parsed.error_at
        return doc
    value = parsed.value
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
    doc.positions = parsed.positions
    return doc
