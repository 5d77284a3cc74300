"""Sheet: a datasheet as a plain nested mapping, plus where every answer came from.

YAML is read with PyYAML's composer (C-accelerated when available) and turned into Python values
by our own small constructor, which is what lets us keep line and column for every path, report
duplicate keys, and bound the work an alias bomb or a deeply nested file can cause.

Before anything is composed, `limits` walks the parser's flat stream of events once and stops at
the first limit a file breaks: nesting deeper than MAX_DEPTH, more than MAX_VALUES values written
out, more than MAX_EXPANDED values once aliases are expanded, or an alias inside its own anchor.
The composers of PyYAML up to 6.0.3 recurse once per level in C and overflow the stack on some
50,000 nested `[` (a segmentation fault, not an exception); the parser keeps its own stack, so the
walk is safe on any input, whatever PyYAML is installed, and the composer only ever sees a
document within the limits.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple, cast

import yaml

from .codes import FATAL as FATAL  # re-exported: readers look it up here
from .codes import LOAD
from .codes import name as code_name
from .findings import Finding, Severity

MAX_BYTES = 4 * 1024 * 1024
MAX_VALUES = 200_000  # keys, list items and scalars as written in the file
MAX_EXPANDED = 200_000  # values built, counting every expansion of an alias
MAX_NODES = MAX_EXPANDED  # the builder's own guard (the walk in `limits` stops such files first)
MAX_DEPTH = 64

_Loader: type[Any]
try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_TAG = "tag:yaml.org,2002:"
_BOOLS = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}
_SCALARS = yaml.constructor.SafeConstructor()

# Load problems: their names, severities and documentation are in codes.py (FATAL too: the ones
# after which nothing sensible is left to check). LOAD_CODES (code -> (name, summary)) stays for
# the readers that look names up here.
LOAD_CODES = {code: (entry.name, entry.summary) for code, entry in LOAD.items()}


class Origin(NamedTuple):
    """Where a value came from: 1-based line and column, plus the heading or key for non-YAML
    input."""

    file: str
    line: int
    column: int
    key: str = ""


@dataclass
class Sheet:
    """A datasheet, or a card read into the datasheet's shape.

    `kind` says what the input was (datasheet, hf, kaggle, croissant). For cards, `presence` holds
    the platform-style score: which of the platform's own fields are filled, whatever they say:
    {"filled": n, "total": m, "fields": {field: bool}, "variant": "legacy" | "1.1" | ...}.
    """

    file: str
    data: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, Origin] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    kind: str = "datasheet"
    presence: dict[str, Any] | None = None
    # Card sections the crosswalk does not map, kept as text rather than dropped, outside `data`
    # so that the schema never sees them: [{"heading", "level", "line", "text"}].
    unmapped: list[dict[str, Any]] = field(default_factory=list)
    # A card answer joined from several places (a subtitle and a description) keeps them all
    # here, in order; `origins` holds the first, which findings point at.
    sources: dict[str, list[Origin]] = field(default_factory=dict)
    # For a card, how each answer was found (readers/crosswalk.py): {"how": "field" | "label" |
    # "asked" | "home" | "elsewhere", "place": the heading or key, "confidence": 0-1}.
    found: dict[str, dict[str, Any]] = field(default_factory=dict)
    # For a card, metadata that only hints at an answer (a closed-list value such as
    # `annotations_creators: crowdsourced`), by question; shown beside a score, never counted:
    # [{"field", "value", "line"}].
    hints: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # The JSON a reader decoded the card from (a jsontext.Parsed), kept for the checks that read
    # the document as written (FAIR's JSON-LD checks), so that nothing decodes a file twice.
    parsed: Any = field(default=None, repr=False, compare=False)

    @property
    def fatal(self) -> bool:
        return any(f.code in FATAL for f in self.findings)

    def origin(self, path: str) -> Origin:
        """The origin of `path`, or of its nearest ancestor that has one."""
        while path:
            if path in self.origins:
                return self.origins[path]
            path = parent(path)
        return self.origins.get("", Origin(self.file, 1, 1))

    def get(self, path: str, default: Any = None) -> Any:
        value: Any = self.data
        for part in _parts(path):
            if isinstance(value, dict) and isinstance(part, str) and part in value:
                value = value[part]
                continue
            if isinstance(value, list) and isinstance(part, int) and part < len(value):
                value = value[part]
                continue
            return default
        return value


def join(path: str, part: str | int) -> str:
    if isinstance(part, int):
        return f"{path}[{part}]"
    return f"{path}.{part}" if path else part


@lru_cache(maxsize=4096)  # the same question ids, sheet after sheet
def _parts(path: str) -> tuple[str | int, ...]:
    return tuple(split(path))


def split(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for dotted in path.split(".") if path else []:
        name, _, rest = dotted.partition("[")
        if name:
            parts.append(name)
        for index in rest.split("[") if rest else []:
            # A key of a platform file may hold "[" itself ("license[s", a finding's path
            # quotes it as written): what is not a number is kept as a name.
            text = index.rstrip("]")
            parts.append(int(text) if text.isdigit() else text)
    return parts


def strings(value: Any, path: str = "", skip: frozenset[str] = frozenset()
            ) -> Iterator[tuple[str, str]]:
    """(dotted path, text) of every string in a nested answer, in document order; the values of
    keys in `skip` (closed-list fields, say) are left out."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in skip:
                yield from strings(item, join(path, key), skip)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, join(path, index), skip)


def parent(path: str) -> str:
    if path.endswith("]"):
        return path[: path.rindex("[")]
    return path.rpartition(".")[0]


_DEEP = (f"the nesting goes deeper than the limit of {MAX_DEPTH} levels here; a datasheet "
         "needs a handful")
_ALIASES = (f"with this alias the anchors and aliases expand to more than the limit of "
            f"{MAX_EXPANDED:,} values; write the values out instead of repeating anchors")
_VALUES = (f"the file holds more than the limit of {MAX_VALUES:,} values (keys, list items and "
           "scalars) by this point; a datasheet holds a few hundred")
_COLLECTION_START = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_COLLECTION_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def limits(text: str) -> tuple[str, Any, str] | None:
    """The first limit the YAML `text` breaks, as (code, mark, message), or None.

    One pass over the parser's events, before anything is composed: the parser is a state
    machine with its own stack, so nothing here recurses however deep the text nests. Counts:
    the open collections (DS008), the values written (DS016), and the values the builder would
    make with every alias expanded (DS007; an anchor's size is known when it closes, and an
    alias met inside its own anchor would expand forever). Syntax errors propagate as PyYAML
    raises them; `loads` reports them.
    """
    open_: list[tuple[str | None, int]] = []  # (anchor, values expanded before it)
    sizes: dict[str, int] = {}  # anchor -> values it expands to
    values = expanded = 0
    for event in yaml.parse(text, Loader=_Loader):
        kind = type(event)
        if kind is yaml.ScalarEvent or kind in _COLLECTION_START:
            values += 1
            expanded += 1
            if len(open_) > MAX_DEPTH:
                return "DS008", event.start_mark, _DEEP
            if values > MAX_VALUES:
                return "DS016", event.start_mark, _VALUES
            anchor = cast(yaml.NodeEvent, event).anchor
            if kind is not yaml.ScalarEvent:
                open_.append((anchor, expanded - 1))
            elif anchor is not None:
                sizes[anchor] = 1
        elif kind in _COLLECTION_END:
            anchor, before = open_.pop()
            if anchor is not None:
                sizes[anchor] = expanded - before
        elif kind is yaml.AliasEvent:
            anchor = cast(yaml.AliasEvent, event).anchor
            if anchor is not None and anchor not in sizes and any(a == anchor for a, _ in open_):
                return ("DS007", event.start_mark, f"the alias *{anchor} stands inside its own "
                        "anchor, so it would expand without end; write the values out")
            expanded += sizes.get(anchor or "", 1)  # an undefined alias: the composer says so
            if expanded > MAX_EXPANDED:
                return "DS007", event.start_mark, _ALIASES
    return None


class _Abort(Exception):
    """Raised inside construction when a limit is hit; the finding is already recorded."""


class _Builder:
    def __init__(self, sheet: Sheet):
        self.sheet = sheet
        self.nodes = 0

    def finding(self, code: str, mark: Any, message: str, path: str = "",
                severity: Severity = Severity.ERROR) -> None:
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        name = code_name(code)
        self.sheet.findings.append(
            Finding(self.sheet.file, line, column, code, name, severity, message, path))

    def build(self, node: yaml.Node, path: str, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.finding("DS007", node.start_mark, _ALIASES)
            raise _Abort
        if depth > MAX_DEPTH:
            self.finding("DS008", node.start_mark, _DEEP, path)
            raise _Abort
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag not in (_TAG + "seq",):
                self.unsupported(node, path)
            return [self.item(child, join(path, i), depth) for i, child in enumerate(node.value)]
        return self.scalar(cast(yaml.ScalarNode, node), path)

    def item(self, node: yaml.Node, path: str, depth: int) -> Any:
        self.sheet.origins.setdefault(path, _origin(self.sheet.file, node))
        return self.build(node, path, depth + 1)

    def mapping(self, node: yaml.MappingNode, path: str, depth: int) -> dict[str, Any]:
        if node.tag != _TAG + "map":
            self.unsupported(node, path)
        result: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self.finding("DS011", key_node.start_mark,
                             "merge keys ('<<') are not supported; write the keys out", path)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.finding("DS011", key_node.start_mark,
                             "a key must be a plain name, not a list or mapping", path)
                continue
            key = key_node.value
            child = join(path, key)
            if key in seen:
                self.finding("DS006", key_node.start_mark,
                             f"'{key}' is defined twice in this mapping (first on line "
                             f"{seen[key]}); the later value wins", child)
            seen[key] = key_node.start_mark.line + 1
            self.sheet.origins[child] = _origin(self.sheet.file, key_node)
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def scalar(self, node: yaml.ScalarNode, path: str) -> Any:
        tag = node.tag
        if tag == _TAG + "str":
            return node.value
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return _BOOLS[node.value.lower()]
        if tag == _TAG + "int":
            try:
                return _SCALARS.construct_yaml_int(node)
            except ValueError:  # more digits than Python converts (4,300): kept as written
                return node.value
        if tag == _TAG + "float":
            return _SCALARS.construct_yaml_float(node)
        if tag == _TAG + "timestamp":
            return node.value  # dates stay text: the schema checks their form
        self.unsupported(node, path)
        return node.value

    def unsupported(self, node: yaml.Node, path: str) -> None:
        self.finding("DS011", node.start_mark,
                     f"the YAML tag {node.tag!r} is not supported; use plain values", path)


def _origin(file: str, node: yaml.Node) -> Origin:
    return Origin(file, node.start_mark.line + 1, node.start_mark.column + 1)


class _Mark(NamedTuple):
    """A position as PyYAML's marks give it (0-based), for errors that carry only an offset."""

    line: int
    column: int


def _text_position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _character(value: Any) -> str:
    return f"U+{value:04X}" if isinstance(value, int) else repr(value)


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def decode(data: bytes, sheet: Sheet, max_bytes: int = MAX_BYTES, size: int | None = None
           ) -> str | None:
    """Bytes to text, recording why not on the sheet when they are not UTF-8 YAML text."""

    def fail(code: str, line: int, column: int, message: str) -> None:
        sheet.findings.append(Finding(sheet.file, line, column, code, code_name(code),
                                      Severity.ERROR, message))

    if len(data) > max_bytes:
        fail("DS004", 1, 1,
             f"the file is {size or len(data):,} bytes; the limit is {max_bytes:,} bytes")
        return None
    if b"\x00" in data:
        fail("DS003", *_byte_position(data, data.index(b"\x00")),
             "the file contains NUL bytes: it is binary, not YAML text")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        fail("DS002", *_byte_position(data, exc.start),
             f"byte 0x{data[exc.start]:02x} is not valid UTF-8; save the file as UTF-8")
        return None


def loads(text: str, file: str = "<string>") -> Sheet:
    sheet = Sheet(file)
    try:
        broken = limits(text)
        if broken is not None:
            _Builder(sheet).finding(broken[0], broken[1], broken[2])
            return sheet
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        if "maximum nesting depth" in problem:  # PyYAML 6.0.4's scanner stops at 1,000 levels
            _Builder(sheet).finding("DS008", mark, _DEEP)
        else:
            _Builder(sheet).finding("DS005", mark, f"YAML syntax error: {problem}")
        return sheet
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, at an offset
        line, column = _text_position(text, exc.position)
        _Builder(sheet).finding("DS005", _Mark(line - 1, column - 1),
                                f"YAML syntax error: {exc.reason} (character "
                                f"{_character(exc.character)})")
        return sheet
    except yaml.YAMLError as exc:
        _Builder(sheet).finding("DS005", None, f"YAML syntax error: {exc}")
        return sheet
    if root is None:
        _Builder(sheet).finding("DS009", None, "the file is empty: there is no datasheet in it")
        return sheet
    sheet.origins[""] = _origin(file, root)
    try:
        data = _Builder(sheet).build(root, "", 0)
    except _Abort:
        return sheet
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        _Builder(sheet).finding("DS010", root.start_mark,
                                f"the top level is {kind}; a datasheet is a mapping of sections")
        return sheet
    sheet.data = data
    return sheet


def read_text(path: str | Path, sheet: Sheet, max_bytes: int = MAX_BYTES) -> str | None:
    """The text of a file, or None with the reason recorded on the sheet. Every reader uses it."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            # Never more than the limit in memory, and no buffer of the limit's size for a small
            # file: as much as the file says it holds and a byte more, then, if there is more (a
            # pipe says 0, a growing file too little), the rest up to the limit.
            data = handle.read(min(size, max_bytes) + 1)
            if len(data) > size:
                data += handle.read(max_bytes + 1 - len(data))
    except OSError as exc:
        sheet.findings.append(Finding(sheet.file, 1, 1, "DS001", code_name("DS001"),
                                      Severity.ERROR,
                                      f"cannot read the file: {exc.strerror or exc}"))
        return None
    return decode(data, sheet, max_bytes, size)


def load(path: str | Path, max_bytes: int = MAX_BYTES) -> Sheet:
    """Load a datasheet file. Never raises for bad content: problems become findings."""
    name = str(path)
    sheet = Sheet(name)
    text = read_text(path, sheet, max_bytes)
    return sheet if text is None else loads(text, name)
