"""Round trips: datasheet -> HF card -> read -> datasheet, and datasheet -> Croissant -> read ->
datasheet, keep every field the writer wrote (issue #5, item 7).

The readers come with issue #4 (`datasheet_kit.readers`, reached through inputs.load_document).
On the card, the questions checked are those the crosswalk places there (`hf_heading`); what the
writer adds under a borrowed heading for questions HF has no place for (`hf_card_section`) is
for people and is not read back. "Kept" means: every question whose answer the
writer put into the document reads back with the same status, and for an answer, with its text
contained in what is read back (a heading may hold several answers, so containment, not
equality, is what a heading-level reader can promise).
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, assume, given, settings

from datasheet_kit.answers import Status, status_of, text_of
from datasheet_kit.catalogue import crosswalk
from datasheet_kit.sheet import Sheet, load
from datasheet_kit.validate import validate
from datasheet_kit.writers import answers, generate
from datasheet_kit.writers._text import describe, fold

from .conftest import FIXTURES, datasheet_files

pytest.importorskip("datasheet_kit.readers", reason="readers not available yet")

from datasheet_kit.inputs import load_document  # noqa: E402

from .test_generate_properties import datasheets  # noqa: E402

SHEETS = sorted((FIXTURES / "valid").glob("*.yaml")) + datasheet_files()
PLATFORMS = {"hf-card": ("README.md", "hf_heading"), "croissant": ("croissant.json", "croissant")}


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def written(document: str, kind: str, value, places: tuple[str, ...] = ()) -> bool:
    """Did the writer put this answer into the document? (JSON strings are compared parsed.)

    In Croissant, only the properties the question's crosswalk names count: a short answer such
    as the file format "other" is also a word in other answers' prose, and finding it there
    does not mean the writer wrote the answer (the file format goes only into FileObjects,
    which are written only for files with a checksum). Croissant readers look only at those
    properties, so an answer anywhere else could not be read back in any case.
    """
    if kind == "croissant":
        doc = json.loads(document)
        texts = _strings([doc.get(place.split(".")[0]) for place in places])
    else:
        texts = [document]
    needle = fold(describe(value))
    return any(needle in fold(text) for text in texts)


def assert_round_trip(data: dict, kind: str, tmp_path) -> None:
    name, platform = PLATFORMS[kind]
    document = generate(kind, Sheet(file="<rt>", data=data)).text
    path = tmp_path / name
    path.write_text(document, encoding="utf-8")
    back = answers(load_document(path).data)
    original = answers(data)
    for qid, places in crosswalk(platform).items():
        value = original[qid]
        if status_of(value) not in (Status.ANSWERED, Status.UNKNOWN, Status.NOT_APPLICABLE):
            continue
        if not written(document, kind, value, places):
            continue  # e.g. prose whose crosswalk names only typed Croissant properties
        assert status_of(back[qid]) == status_of(value), (kind, qid, back[qid])
        if status_of(value) is Status.ANSWERED and text_of(value):
            assert fold(text_of(value)) in fold(describe(back[qid])), (kind, qid)


@pytest.mark.parametrize("kind", PLATFORMS)
@pytest.mark.parametrize("path", SHEETS, ids=lambda p: p.name)
def test_round_trip_of_real_datasheets(path, kind, tmp_path):
    assert_round_trip(load(path).data, kind, tmp_path)


@pytest.mark.parametrize("kind", PLATFORMS)
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=datasheets())
def test_round_trip_of_generated_datasheets(data, kind, tmp_path):
    assume(not [f for f in validate(Sheet(file="<h>", data=data)) if f.severity >= 3])
    assert_round_trip(data, kind, tmp_path)


@pytest.mark.parametrize("kind", PLATFORMS)
@pytest.mark.parametrize("text", ["n/a;", "Na b", "nA;"])
def test_round_trip_of_short_answers_with_sources(text, kind, tmp_path):
    """Found by the property test: an answer that opens like "N/A" must not read back as "not
    applicable" because the card's source line follows it."""
    data = load(FIXTURES / "valid" / "complete.yaml").data
    data["uses"]["other"] = {"answer": text, "sources": ["https://doi.org/10.1000/example"]}
    assert status_of(text) is Status.ANSWERED
    assert_round_trip(data, kind, tmp_path)
