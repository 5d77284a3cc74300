"""Schema validation: the compiled JSON Schema applied to a Sheet, problems as findings.

We interpret the JSON Schema ourselves rather than through `jsonschema`: it keeps a cold
`datasheet validate` fast, and lets every message speak of the datasheet's fields in plain words.
Only the keywords that `make schema` emits are supported (SUPPORTED_KEYWORDS); a test fails when
the compiled schema uses another one, and another test checks that `jsonschema` agrees with us on
which documents are valid.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from .codes import SCHEMA
from .findings import Finding, clip
from .sheet import Sheet, join

SUPPORTED_KEYWORDS = frozenset({
    "$defs", "$id", "$ref", "$schema", "additionalProperties", "allOf", "anyOf", "const",
    "description", "enum", "format", "if", "items", "metamodel_version", "minItems", "minimum",
    "pattern", "properties", "required", "then", "title", "type", "version",
})


_TYPE_WORDS = {
    "string": "text", "integer": "a whole number", "number": "a number",
    "boolean": "true or false", "array": "a list", "object": "a mapping", "null": "nothing",
}
# The patterns of the schema, said the way an author would want to hear them.
_FORMAT_HINTS = {
    r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$":
        "a date written YYYY, YYYY-MM or YYYY-MM-DD (for example 2020-08-24)",
    r"^1$": 'the datasheet format version "1"',
    r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$": "an ORCID iD such as 0000-0002-1825-0097",
    r"^https://ror\.org/0[a-z0-9]{6}\d{2}$": "a ROR id such as https://ror.org/05gq02987",
    r"^[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*$":
        "an SPDX licence id or expression such as CC-BY-NC-4.0",
}
COMPILED = Path(__file__).parent / "_compiled"
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")


class Problem(NamedTuple):
    path: str
    code: str
    message: str


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object" if isinstance(value, dict) else type(value).__name__


def _has_type(value: Any, expected: str) -> bool:
    actual = json_type(value)
    return actual == expected or (expected == "number" and actual == "integer")


def _shown(value: Any) -> str:
    return clip(json.dumps(value, ensure_ascii=False, default=str))


def _closest(word: str, choices: list[str]) -> str | None:
    import difflib  # only needed when something is wrong

    found = difflib.get_close_matches(word, choices, n=1)
    return found[0] if found else None


def _where(path: str) -> str:
    return path or "the datasheet"


class Validator:
    def __init__(self, schema: dict[str, Any]):
        self.schema = schema
        self.defs = schema.get("$defs", {})

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = self.defs[node["$ref"].rsplit("/", 1)[-1]]
        return node

    def problems(self, value: Any) -> list[Problem]:
        return list(self.check(self.schema, value, ""))

    def is_valid(self, node: dict[str, Any], value: Any) -> bool:
        return next(iter(self.check(node, value, "")), None) is None

    def check(self, node: dict[str, Any], value: Any, path: str) -> Iterator[Problem]:
        node = self.resolve(node)
        if "anyOf" in node:
            yield from self.check_any_of(node, value, path)
            return
        expected = node.get("type")
        if expected and not _has_type(value, expected):
            yield Problem(path, "DS103",
                          f"{_where(path)}: expected {_TYPE_WORDS[expected]}, "
                          f"got {_TYPE_WORDS.get(json_type(value), json_type(value))} "
                          f"({_shown(value)})")
            return
        yield from self.check_value(node, value, path)
        if isinstance(value, list):
            if len(value) < node.get("minItems", 0):
                yield Problem(path, "DS107", f"{_where(path)}: give at least one value")
            if "items" in node:
                for index, item in enumerate(value):
                    yield from self.check(node["items"], item, join(path, index))
        if isinstance(value, dict):
            yield from self.check_object(node, value, path)

    def check_value(self, node: dict[str, Any], value: Any, path: str) -> Iterator[Problem]:
        """The keywords about the value itself: const, enum, pattern, format, minimum."""
        if "const" in node and (value != node["const"]
                                or json_type(value) != json_type(node["const"])):
            yield Problem(path, "DS104", f"{_where(path)}: expected {_shown(node['const'])}")
        if "enum" in node and value not in node["enum"]:
            yield self.enum_problem(node["enum"], value, path)
        if "pattern" in node and isinstance(value, str) and not re.search(node["pattern"], value):
            hint = _FORMAT_HINTS.get(node["pattern"], f"text matching {node['pattern']}")
            yield Problem(path, "DS105", f"{_where(path)}: {_shown(value)} is not {hint}")
        if node.get("format") == "uri" and isinstance(value, str) and not _URI.match(value):
            yield Problem(path, "DS105",
                          f"{_where(path)}: {_shown(value)} is not an absolute URL "
                          "(such as https://example.org/data)")
        if "minimum" in node and _has_type(value, "number") and value < node["minimum"]:
            yield Problem(path, "DS106",
                          f"{_where(path)}: {value} is below the minimum of {node['minimum']}")

    def check_object(self, node: dict[str, Any], value: dict[str, Any],
                     path: str) -> Iterator[Problem]:
        properties = node.get("properties", {})
        for key in node.get("required", []):
            if key not in value:
                yield self.missing(properties.get(key, {}), key, path)
        for rule in [node, *node.get("allOf", [])]:
            if "if" in rule and self.is_valid(rule["if"], value):
                yield from self.required_by_rule(rule, properties, value, path)
        for key, item in value.items():
            child = join(path, key)
            if key in properties:
                yield from self.check(properties[key], item, child)
            elif node.get("additionalProperties") is False:
                hint = _closest(key, list(properties))
                suggestion = f"; did you mean '{hint}'?" if hint else (
                    f"; the fields here are: {', '.join(properties)}")
                yield Problem(child, "DS102",
                              f"{_where(path)}: unknown field '{key}'{suggestion}")

    def required_by_rule(self, rule: dict[str, Any], properties: dict[str, Any],
                         value: dict[str, Any], path: str) -> Iterator[Problem]:
        """What a rule whose condition holds makes required: fields of this mapping, or of a
        section below it (a gate in one section making a question of another required)."""
        reason = " and ".join(f"{k} is {json.dumps(t)}" for k, t in _conditions(rule["if"]))
        for key in rule["then"].get("required", []):
            if key not in value:
                yield self.missing(properties.get(key, {}), key, path, reason)
        for section, then in rule["then"].get("properties", {}).items():
            inner = value.get(section)
            if not isinstance(inner, dict):
                continue
            fields = self.resolve(properties.get(section, {})).get("properties", {})
            for key in then.get("required", []):
                if key not in inner:
                    yield self.missing(fields.get(key, {}), key, join(path, section), reason)

    def missing(self, prop: dict[str, Any], key: str, path: str, because: str = "") -> Problem:
        what = prop.get("description", "")
        text = f"{_where(path)}: '{key}' is required"
        if because:
            text += f" because {because}"
        if what:
            text += f" ({what.rstrip('.')})"
        if any(self.resolve(b).get("title") == "Gap" for b in prop.get("anyOf", [])):
            text += "; answer it, or give a status (unknown, not_applicable, todo) and a reason"
        return Problem(join(path, key), "DS101", text)

    def enum_problem(self, allowed: list[Any], value: Any, path: str) -> Problem:
        hint = _closest(str(value), [str(a) for a in allowed])
        suggestion = f"; did you mean '{hint}'?" if hint else ""
        return Problem(path, "DS104",
                       f"{_where(path)}: {_shown(value)} is not one of "
                       f"{', '.join(map(str, allowed))}{suggestion}")

    def check_any_of(self, node: dict[str, Any], value: Any, path: str) -> Iterator[Problem]:
        branches = [self.resolve(b) for b in node["anyOf"]]
        for branch in branches:
            if self.is_valid(branch, value):
                return
        actual = json_type(value)
        same_type = [b for b in branches if b.get("type") and _has_type(value, b["type"])]
        if actual == "object" and same_type:
            # Report against the shape the author most likely meant: the one whose fields
            # the mapping uses most.
            best = max(same_type, key=lambda b: len(set(b.get("properties", {})) & set(value)))
            yield from self.check(best, value, path)
        elif same_type:
            yield from self.check(same_type[0], value, path)
        else:
            words = [_describe(b) for b in branches]
            yield Problem(path, "DS103",
                          f"{_where(path)}: expected {', or '.join(words)}; got "
                          f"{_TYPE_WORDS.get(actual, actual)} ({_shown(value)})")


def _conditions(node: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted field, value) of each `const` in a rule's condition, nested sections included."""
    for key, test in node.get("properties", {}).items():
        if "const" in test:
            yield prefix + key, test["const"]
        yield from _conditions(test, f"{prefix}{key}.")


def _describe(branch: dict[str, Any]) -> str:
    if branch.get("type") == "object" and branch.get("required"):
        return "a mapping with " + " and ".join(branch["required"])
    return _TYPE_WORDS.get(branch.get("type", ""), "a value")


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    text = COMPILED.joinpath("datasheet.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@lru_cache(maxsize=1)
def validator() -> Validator:
    return Validator(schema())


def validate(sheet: Sheet) -> list[Finding]:
    """Load findings plus schema findings for one sheet, each at the line of the field."""
    findings = list(sheet.findings)
    if sheet.fatal or sheet.kind != "datasheet":
        # A platform card read into the datasheet's shape is a partial draft by nature: holding it
        # to the schema would only list every question the platform has no place for. For cards,
        # validation is whether the card itself can be read; `datasheet import` makes a draft
        # that the schema does apply to.
        return findings
    for problem in validator().problems(sheet.data):
        origin = sheet.origin(problem.path)
        entry = SCHEMA[problem.code]
        findings.append(Finding(sheet.file, origin.line, origin.column, problem.code,
                                entry.name, entry.severity, problem.message, problem.path))
    return findings
