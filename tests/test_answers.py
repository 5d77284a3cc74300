"""Answer statuses and placeholder detection, shared by every reader, rule and writer."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from datasheet_kit.answers import Status, is_placeholder, sources_of, status_of, text_of
from datasheet_kit.catalogue import GEBRU_SECTIONS, crosswalk, questions, sections


@pytest.mark.parametrize("text", [
    "", "   ", "[More Information Needed]", "[Needs More Information]", "TBD", "N/A", "n/a.",
    "<!-- Provide a longer summary. -->\n\n[More Information Needed]",
    "Users should be made aware of the risks, biases and limitations of the dataset. "
    "More information needed for further recommendations.",
    "- **Homepage:**\n- **Repository:**\n- **Paper:**",
    "{{ pretty_name | default(\"Dataset Name\", true) }}",
    "Dataset Card for [Dataset Name]",
    "Thanks to [@github-username](https://github.com/<github-username>) for adding this dataset.",
    "[More Information Needed]\n\n[More Information Needed]",
    "INSERT_TITLE_HERE", "### Context\n\n### Content\n",
    "TODO: write a one-paragraph summary (not found in README.md)",
    "[More Information Needed](https://github.com/huggingface/datasets/blob/master/CONTRIBUTING.md)",
    "https://choosealicense.com/licenses/undefined/",
])
def test_placeholders(text):
    assert is_placeholder(text)
    assert status_of(text) == Status.PLACEHOLDER


@pytest.mark.parametrize("text", [
    "To compare classifiers.", "Images were resized to 224 pixels.", "No.",
    "Unknown licence terms apply",
    "- **Homepage:** https://example.org",
    "See [the paper](https://example.org/paper).",
])
def test_real_answers(text):
    assert not is_placeholder(text)
    assert status_of(text) == Status.ANSWERED


def test_shapes():
    assert status_of(None) == Status.MISSING
    assert status_of({"status": "unknown", "reason": "not stated"}) == Status.UNKNOWN
    assert status_of({"status": "todo", "reason": "later"}) == Status.TODO
    assert status_of({"answer": "TBD", "sources": []}) == Status.PLACEHOLDER
    assert status_of({"value": 10}) == Status.ANSWERED and status_of(0) == Status.ANSWERED
    assert status_of(False) == Status.ANSWERED
    assert status_of({"name": "CC BY 4.0", "spdx": "CC-BY-4.0"}) == Status.ANSWERED
    assert status_of([]) == Status.PLACEHOLDER and status_of(["dermoscopy"]) == Status.ANSWERED
    assert status_of("N/A: the data holds no people.") == Status.NOT_APPLICABLE
    sourced = {"answer": "x", "sources": ["s"]}
    assert text_of(sourced) == "x" and sources_of(sourced) == ["s"]


@given(st.text())
def test_status_never_raises(text):
    assert status_of(text) in set(Status)


def test_catalogue_views():
    qs = questions()
    assert list(qs)[0].startswith("dataset.")
    assert set(GEBRU_SECTIONS) <= set(sections())
    assert qs["composition.identifiable"].gate == "composition.relates_to_people"
    assert "Out-of-Scope Use" in crosswalk("hf_heading")["uses.discouraged"]


def test_closed_list_values_are_answers_even_when_they_look_like_placeholders():
    from datasheet_kit.answers import question_status

    assert question_status("enum", "none") == Status.ANSWERED  # split_level: no splits given
    assert question_status("enum", "unknown") == Status.UNKNOWN
    assert question_status("enum_list", ["dermoscopy"]) == Status.ANSWERED
    assert question_status("enum_list", []) == Status.PLACEHOLDER
    assert question_status("answer", "none") == Status.PLACEHOLDER  # prose "none" says nothing


_PIECES = ["[More Information Needed]", "more information needed", "N/A", "na", "TBD", "?", "…",
           "Dataset Name", "unknown", "Not specified", "- **Homepage:**", "# Title 2", "---",
           "<!-- note 7 -->", "[more information needed](https://x.org/v1)", "Kaggle_Username",
           " ", ", ", ".", "\n", "\n\n", "v", "J", "3", "(", "'", "\u0130", "\u03a3", "\t-\t"]


@given(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join))
def test_a_text_told_apart_early_is_no_placeholder_by_its_words_either(text):
    """is_placeholder answers False as soon as a line that is not scaffolding holds a character
    that no placeholder text has; the full reading (cleaned text against the placeholder texts)
    must then agree."""
    from itertools import filterfalse

    from datasheet_kit import answers

    lines = answers._visible(text).splitlines()  # what is_placeholder reads the lines of
    if not answers._says_more_than_placeholders(lines):
        return
    body = answers.clean("\n".join(filterfalse(answers._EMPTY_LINE.match, lines)))
    assert body and body not in answers.PLACEHOLDER_TEXTS
    assert answers._ONLY_KNOWN.fullmatch(body) is None
