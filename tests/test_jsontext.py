"""jsontext: JSON decoded once, with the line and column of every key and list item."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from datasheet_kit import jsonld, jsontext
from datasheet_kit.fair import target_for

from .conftest import FIXTURES


def test_positions_of_keys_and_items():
    parsed = jsontext.parse('{"a": 1,\n "b": [1, {"c": "x"},\n   [2, 3]],\n "d": {"e": null}}')
    assert parsed.ok and parsed.value["b"][1] == {"c": "x"}
    assert parsed.positions == {
        "a": (1, 2), "b": (2, 2), "b[0]": (2, 8), "b[1]": (2, 11), "b[1].c": (2, 12),
        "b[2]": (3, 4), "b[2][0]": (3, 5), "b[2][1]": (3, 8), "d": (4, 2), "d.e": (4, 8)}


def test_a_line_that_ends_in_a_string_still_counts():
    """A string value at the end of a line (the last item of a list) must not swallow the line
    break: every key after it would be reported a line too early."""
    parsed = jsontext.parse('{"a": [\n  "x"\n],\n "b": "y"\n,\n "c": 1}')
    assert parsed.keys_at(1) == {"a": (1, 2), "b": (4, 2), "c": (6, 2)}


def test_keys_at_a_depth_take_the_first_of_a_repeated_name():
    parsed = jsontext.parse('[{"title": "A", "info": {"title": "B"}},\n {"title": "C"}]')
    assert parsed.keys_at(1) == {}
    assert parsed.keys_at(2) == {"title": (1, 3), "info": (1, 17)}
    assert parsed.keys_at(3) == {"title": (1, 26)}
    assert [k.path for k in parsed.keys] == ["[0].title", "[0].info", "[0].info.title",
                                             "[1].title"]


def test_strings_that_look_like_structure_are_skipped():
    parsed = jsontext.parse('{"a": "{[\\"x\\": 1]}", "b\\"": {"c": 2}}')
    assert parsed.positions == {"a": (1, 2), 'b"': (1, 23), 'b".c': (1, 31)}


def test_bad_text_is_an_error_not_an_exception():
    bad = jsontext.parse('{"a": 1,}')
    assert not bad.ok and bad.error.startswith("Expecting") and bad.error_at == (1, 9)
    assert bad.positions == {} and bad.keys_at(1) == {}
    deep = jsontext.parse("[" * 100_000)
    assert deep.too_deep and not deep.ok


@pytest.mark.parametrize(("text", "code", "severity", "depth"), [
    ('{"title": "x",,}', "DS012", "error", None),
    ("[" * 100_000, "DS008", "error", None),
    ("[" * 65 + "]" * 65, "DS008", "error", None),
    ('[{"title": "x"}]', "DS013", "warning", 2),
    ('[{"title": "x"}, {"title": "y"}]', "DS010", "error", None),
    ('"text"', "DS010", "error", None),
])
def test_open_json_says_why_a_document_cannot_be_read(text, code, severity, depth):
    sheet, _, top, found_depth = jsontext.open_json(text, "x.json", "kaggle")
    assert sheet.kind == "kaggle" and sheet.parsed is not None
    assert [(f.code, str(f.severity)) for f in sheet.findings] == [(code, severity)]
    assert (top is not None) == (depth is not None)
    if depth:
        assert top == {"title": "x"} and found_depth == depth


def test_open_json_reads_bytes_and_paths(tmp_path):
    path = tmp_path / "a.json"
    path.write_bytes(b'\xef\xbb\xbf{"title": "x"}')
    for source in (path, path.read_bytes()):
        sheet, text, top, depth = jsontext.open_json(source, str(path), "kaggle")
        assert top == {"title": "x"} and depth == 1 and not sheet.findings
        assert text == '{"title": "x"}' and sheet.file == str(path)
    sheet, text, top, _ = jsontext.open_json(b"\xff{}", "b.json", "kaggle")
    assert top is None and text == "" and [f.code for f in sheet.findings] == ["DS002"]


def test_fair_reads_and_decodes_a_croissant_file_once(monkeypatch):
    path = FIXTURES / "fair" / "croissant-complete.json"
    text = path.read_text(encoding="utf-8")
    calls = []
    real = json.loads

    def counting(value, *args, **kwargs):
        if value == text:
            calls.append(value)
        return real(value, *args, **kwargs)

    def never(path):
        raise AssertionError("the JSON-LD view must come from the reader's parse")

    monkeypatch.setattr(json, "loads", counting)
    monkeypatch.setattr(jsonld, "load", never)
    target = target_for(path)
    assert target.doc is not None and target.doc.root is not None and target.sheet is not None
    assert len(calls) == 1
    assert target.doc.positions == jsonld.loads(text, str(path)).positions


# Any JSON value: the positions scan must agree with where json says each key is.
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                max_size=3),
    max_leaves=12)


@settings(max_examples=150, deadline=None)
@given(JSON, st.sampled_from([None, 1, 2]))
def test_every_key_is_found_where_it_is_written(value, indent):
    text = json.dumps(value, indent=indent)
    parsed = jsontext.parse(text)
    assert parsed.value == value
    lines = text.splitlines()
    for key in parsed.keys:
        written = lines[key.line - 1][key.column - 1:]
        assert written.startswith(json.dumps(key.name))
