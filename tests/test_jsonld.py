"""The JSON-LD loader: values from json, key positions from a scan of the same text."""

from __future__ import annotations

from datasheet_kit import jsonld


def test_positions_of_keys_and_list_items():
    doc = jsonld.loads('{"a": 1,\n "b": [1, {"c": "x"},\n   [2, 3]],\n "d": {"e": null}}')
    assert doc.positions["a"] == (1, 2)
    assert doc.positions["b[1].c"] == (2, 12)
    assert doc.positions["b[2][1]"] == (3, 8)
    assert doc.positions["d.e"] == (4, 8)


def test_origin_of_a_missing_key_falls_back_to_its_parent():
    doc = jsonld.loads('{\n  "distribution": [\n    {"name": "x"}\n  ]\n}')
    origin = doc.origin("distribution[0].sha256")
    assert (origin.line, origin.column, origin.key) == (3, 5, "distribution[0].sha256")


def test_strings_with_braces_and_escapes_do_not_confuse_the_scan():
    doc = jsonld.loads('{"a": "{[\\"x\\": 1]}", "b": {"c": 2}}')
    assert doc.root == {"a": '{["x": 1]}', "b": {"c": 2}}
    assert doc.positions["b.c"] == (1, 29)


def test_array_shaped_file_takes_the_dataset_object():
    doc = jsonld.loads('[\n  {"@type": "sc:Dataset", "name": "x"}\n]')
    assert doc.root["name"] == "x" and doc.base == "[0]"
    assert doc.origin("name").line == 2 and doc.origin("name").key == "[0].name"


def test_problems_are_kept_not_raised():
    assert jsonld.loads('{"a": 1,}').error.startswith("invalid JSON")
    assert jsonld.loads('{"a": 1,}').error_at == (1, 9)
    assert jsonld.loads("[1, 2]").error == "the top level is a list without a dataset object"
    assert jsonld.loads('"text"').error == "the top level is not a JSON object"
    assert jsonld.loads("[" * 100_000).error  # nesting too deep, not a RecursionError


def test_context_merges_a_list_and_skips_remote_contexts():
    doc = jsonld.loads('{"@context": ["https://x.org/ctx", {"a": "http://a/"}, {"b": "http://b/"}]}')
    assert doc.context == {"a": "http://a/", "b": "http://b/"}
