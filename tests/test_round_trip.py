"""Round trips: datasheet -> HF card -> read -> datasheet, and datasheet -> Croissant -> read ->
datasheet, keep every field the writer wrote (issue #5, item 7).

The readers come with issue #4 (`datasheet_kit.readers`, reached through inputs.load_document).
On the card, the questions checked are those the crosswalk places there (`hf_heading`) and those
the writer puts, behind their labels, where HF has no place for them (`hf_card_section`, issue
#5 item 2). "Kept" means: every question whose answer the writer put into the document reads
back with the same status, and for an answer, with its text contained in what is read back (a
heading may hold several answers, so containment, not equality, is what a heading-level reader
can promise); a typed answer (count, fact, closed-list values) reads back as the same value.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from datasheet_kit.answer_text import brief, describe, fold
from datasheet_kit.answers import Status, count_of, question_status, status_of, text_of
from datasheet_kit.catalogue import crosswalk, enum_values, questions
from datasheet_kit.sheet import Sheet, load
from datasheet_kit.validate import validate
from datasheet_kit.writers import answers, generate

from .conftest import FIXTURES, datasheet_files

pytest.importorskip("datasheet_kit.readers", reason="readers not available yet")

from datasheet_kit.inputs import load_document  # noqa: E402

from .test_generate_properties import datasheets  # noqa: E402

SHEETS = sorted((FIXTURES / "valid").glob("*.yaml")) + datasheet_files()
PLATFORMS = {"hf-card": ("README.md", ("hf_heading", "hf_card_section")),
             "croissant": ("croissant.json", ("croissant",))}


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
    if len(needle) < 8:
        # A short answer ("000") is also part of other values (a Zenodo DOI): it counts as
        # written only as a whole value or a whole paragraph of one.
        return any(needle in (fold(text), *map(fold, text.split("\n\n"))) for text in texts)
    return any(needle in fold(text) for text in texts)


def assert_round_trip(data: dict, kind: str, tmp_path) -> None:
    name, platform = PLATFORMS[kind]
    document = generate(kind, Sheet(file="<rt>", data=data)).text
    path = tmp_path / name
    path.write_text(document, encoding="utf-8")
    back = answers(load_document(path).data)
    original = answers(data)
    catalogue = questions()
    places_of = {qid: places for key in platform for qid, places in crosswalk(key).items()}
    for qid, places in places_of.items():
        value, shape = original[qid], catalogue[qid].shape
        status = question_status(shape, value)
        if status not in (Status.ANSWERED, Status.UNKNOWN, Status.NOT_APPLICABLE):
            continue
        if kind == "croissant" and not written(document, kind, value, places):
            continue  # e.g. prose whose crosswalk names only typed Croissant properties
        assert question_status(shape, back[qid]) == status, (kind, qid, back[qid])
        if kind == "hf-card" and shape in TYPED and status is Status.ANSWERED:
            assert typed(shape, back[qid]) == typed(shape, value), (qid, back[qid], value)
        elif status is Status.ANSWERED and text_of(value):
            # Its prose, or (a list of records on the card) the line the writer made of it.
            shown = (text_of(value), describe(value), brief(value)) if kind == "hf-card" \
                else (text_of(value),)
            assert any(fold(t) in fold(describe(back[qid])) for t in shown), (kind, qid)


TYPED = ("count", "fact", "boolean", "enum", "enum_list")


def typed(shape: str, value):
    """What a typed answer says, without its bookkeeping (sources and notes are not typed)."""
    if shape == "count":
        return count_of(value), value.get("unit") if isinstance(value, dict) else None
    if isinstance(value, dict):
        return value.get("value")
    return value


@pytest.mark.parametrize("kind", PLATFORMS)
@pytest.mark.parametrize("path", SHEETS, ids=lambda p: p.name)
def test_round_trip_of_real_datasheets(path, kind, tmp_path):
    assert_round_trip(load(path).data, kind, tmp_path)


REASON = st.sampled_from(["The release notes do not say.", "Nobody recorded it."])
GAP = st.builds(lambda status, reason: {"status": status, "reason": reason},
                st.sampled_from(["unknown", "not_applicable"]), REASON)
UNIT = st.sampled_from(["images", "patients", "series", "slides"])
COUNT = st.one_of(st.integers(0, 10**9),
                  st.builds(lambda n, unit: {"value": n, "unit": unit}, st.integers(0, 10**9),
                            UNIT),
                  GAP)
FACT = st.one_of(st.booleans(), st.builds(lambda v: {"value": v}, st.booleans()), GAP)


@st.composite
def typed_datasheets(draw) -> dict:
    """`datasheets()` with the typed questions HF has no place for redrawn too: counts, facts
    and closed-list values, each in its short form, its long form or as a gap."""
    data = draw(datasheets())
    for qid, question in questions().items():
        section, _, name = qid.partition(".")
        if section not in data or "hf_card_section" not in question.crosswalk:
            continue
        if question.shape == "count":
            data[section][name] = draw(COUNT)
        elif question.shape == "fact":
            data[section][name] = draw(FACT)
        elif question.shape == "enum":
            data[section][name] = draw(st.sampled_from(enum_values(question.enum)))
        elif question.shape == "enum_list":
            data[section][name] = draw(st.lists(st.sampled_from(enum_values(question.enum)),
                                                min_size=1, max_size=3, unique=True))
    return data


@pytest.mark.parametrize("kind", PLATFORMS)
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=datasheets())
def test_round_trip_of_generated_datasheets(data, kind, tmp_path):
    assume(not [f for f in validate(Sheet(file="<h>", data=data)) if f.severity >= 3])
    assert_round_trip(data, kind, tmp_path)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=typed_datasheets())
def test_round_trip_of_typed_answers_on_the_card(data, tmp_path):
    """The card only: what it writes behind labels where HF has no place (hf_card_section),
    typed answers included, reads back as the same values."""
    assume(not [f for f in validate(Sheet(file="<h>", data=data)) if f.severity >= 3])
    assert_round_trip(data, "hf-card", tmp_path)


@pytest.mark.parametrize("kind", PLATFORMS)
@pytest.mark.parametrize("text", ["n/a;", "Na b", "nA;"])
def test_round_trip_of_short_answers_with_sources(text, kind, tmp_path):
    """Found by the property test: an answer that opens like "N/A" must not read back as "not
    applicable" because the card's source line follows it."""
    data = load(FIXTURES / "valid" / "complete.yaml").data
    data["uses"]["other"] = {"answer": text, "sources": ["https://doi.org/10.1000/example"]}
    assert status_of(text) is Status.ANSWERED
    assert_round_trip(data, kind, tmp_path)
