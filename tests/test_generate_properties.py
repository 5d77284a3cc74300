"""Property-based: over datasheets built from the catalogue, generation never raises and every
output stays valid (DatasetCard loads it, mlcroissant and our checks accept it, answers sit under
the heading the crosswalk names)."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from datasheet_kit.answers import Status, status_of
from datasheet_kit.catalogue import questions
from datasheet_kit.sheet import Sheet, load
from datasheet_kit.validate import validate

from .conftest import FIXTURES
from .test_generate import assert_valid_outputs

BASE = load(FIXTURES / "valid" / "complete.yaml").data
# Prose without Markdown structure of its own: a "#" or "- **x:**" at the start of an answer
# would be a heading or bullet in any Markdown card, which is not what these properties test.
PROSE = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGH0123456789 .,;()'é-"),
                min_size=3, max_size=60).map(str.strip).filter(
    lambda s: len(s) >= 3 and status_of(s) is Status.ANSWERED)
GAP = st.builds(lambda status, reason: {"status": status, "reason": reason},
                st.sampled_from(["unknown", "not_applicable", "todo"]), PROSE)
ANSWER = st.one_of(PROSE, GAP, st.builds(lambda a, s: {"answer": a, "sources": [s]}, PROSE,
                                          st.just("https://doi.org/10.1000/example")))
SPDX = st.sampled_from(["CC-BY-4.0", "CC0-1.0", "MIT", "ODbL-1.0", "GPL-3.0-or-later",
                        "Elastic-2.0", "CC-BY-NC-SA-4.0 OR CC0-1.0"])


@st.composite
def datasheets(draw) -> dict:
    """The complete fixture with its prose answers, title, licence and counts redrawn."""
    data = copy.deepcopy(BASE)
    for qid, question in questions().items():
        section, _, name = qid.partition(".")
        if question.shape != "answer" or section not in data:
            continue
        choice = draw(st.sampled_from(["keep", "answer", "drop"] if question.level != "required"
                                      else ["keep", "answer"]))
        if choice == "answer":
            data[section][name] = draw(ANSWER)
        elif choice == "drop":
            data[section].pop(name, None)
    data["dataset"]["title"] = draw(PROSE)
    data["dataset"]["summary"] = draw(PROSE)
    data["distribution"]["license"]["spdx"] = draw(SPDX)
    data["medical_imaging"]["num_images"] = draw(st.integers(0, 10**12))
    return data


@pytest.fixture(scope="module")
def mlc():
    return pytest.importorskip("mlcroissant")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=datasheets())
def test_generation_never_raises_and_stays_valid(data, mlc):
    assume(not [f for f in validate(Sheet(file="<h>", data=data)) if f.severity >= 3])
    assert_valid_outputs(data, mlc)
