"""Schema validation: fixtures on disk, exact codes and lines, and jsonschema as an oracle."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datasheet_kit.sheet import load, parent, split
from datasheet_kit.validate import SUPPORTED_KEYWORDS, schema, validate, validator

from .conftest import FIXTURES, datasheet_files

VALID = sorted((FIXTURES / "valid").glob("*.yaml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))


@pytest.mark.parametrize("path", VALID + datasheet_files(), ids=lambda p: p.name)
def test_valid_documents_have_no_findings(path):
    assert validate(load(path)) == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_fixture_gives_exactly_the_code_in_its_name(path):
    expected = path.name.split("-")[0]
    findings = validate(load(path))
    assert [f.code for f in findings] == [expected]
    finding = findings[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    reported = lines[finding.line - 1]
    # The finding points at the field it is about: a missing field at its parent mapping,
    # anything else at the field itself.
    parts = split(parent(finding.path) if expected == "DS101" else finding.path)
    named = [p for p in parts if isinstance(p, str)]
    assert named and reported[finding.column - 1:].startswith(named[-1]), (finding, reported)


def test_messages_say_what_was_expected():
    by_code = {p.name.split("-")[0]: validate(load(p))[0].message for p in INVALID}
    assert "did you mean 'patient'" in by_code["DS104"]
    assert "YYYY-MM-DD" in by_code["DS105"] or "absolute URL" in by_code["DS105"]
    assert "label_count" in by_code["DS102"]


def test_compiled_schema_uses_only_supported_keywords():
    used = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                used.add(key)
                if key in ("properties", "$defs"):
                    for child in value.values():
                        walk(child)
                else:
                    walk(value)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(schema())
    assert used <= SUPPORTED_KEYWORDS, used - SUPPORTED_KEYWORDS


# With the format checker, "uri" means an absolute URI (rfc3987), as our validator reads it.
ORACLE = jsonschema.Draft201909Validator(
    schema(), format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER)


def _documents():
    for path in VALID + INVALID + datasheet_files():
        sheet = load(path)
        if not sheet.fatal:
            yield path.name, sheet.data


@pytest.mark.parametrize("name,data", list(_documents()),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_jsonschema_agrees_on_every_fixture(name, data):
    assert ORACLE.is_valid(data) == (validator().problems(data) == [])


BASE = load(FIXTURES / "valid" / "complete.yaml").data
_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=5),
                    st.lists(st.text(max_size=3), max_size=2),
                    st.dictionaries(st.sampled_from(["status", "reason", "answer", "value", "x"]),
                                    st.text(max_size=3), max_size=2))


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, prefix + (index,))


PATHS = [p for p in _paths(BASE) if p]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(PATHS), leaf=_LEAVES, delete=st.booleans())
def test_jsonschema_agrees_on_mutated_datasheets(path, leaf, delete):
    data = copy.deepcopy(BASE)
    node = data
    for part in path[:-1]:
        node = node[part]
    if delete and isinstance(node, dict):
        del node[path[-1]]
    else:
        node[path[-1]] = leaf
    ours = validator().problems(data)
    assert ORACLE.is_valid(data) == (ours == []), json.dumps(data)[:300]
