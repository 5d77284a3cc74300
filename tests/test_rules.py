"""Every lint rule against its own documentation: the failing example fails, the passing one passes.

Each rule's docstring shows a failing and a passing datasheet fragment. The test lays each
fragment over tests/fixtures/lint/clean.yaml (a datasheet on which no rule fires), section by
section, and runs the rule alone. So the documentation users read is tested, and a rule that
fires on a thorough datasheet is caught by the clean fixture.
"""

from __future__ import annotations

import copy
import re
import textwrap

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datasheet_kit import catalogue
from datasheet_kit.lint import lint
from datasheet_kit.rules import registry, run
from datasheet_kit.score import score
from datasheet_kit.sheet import load, loads
from datasheet_kit.validate import validate

from .conftest import FIXTURES

CLEAN = FIXTURES / "lint" / "clean.yaml"
RULES = [entry for entry in registry().values() if entry.check is not None]


def example(doc: str, label: str) -> dict | str:
    """The YAML fragment under 'Failing:' or 'Passing:' in a rule's documentation; for a rule
    about cards, the card (Markdown that opens with a heading) as text."""
    match = re.search(rf"^{label}:\n(.*?)(?=^\S|\Z)", doc, re.MULTILINE | re.DOTALL)
    assert match, f"no {label} example"
    text = textwrap.dedent(match.group(1)).strip() + "\n"
    if text.startswith("# "):
        return text
    fragment = yaml.safe_load(text)
    assert isinstance(fragment, dict) and fragment
    return fragment


def overlaid(fragment: dict | str):
    """clean.yaml with the fragment's questions replacing (or adding to) its own; a card
    example is read as the card it is."""
    if isinstance(fragment, str):
        from datasheet_kit.readers import hf

        return hf.read(fragment, "example.yaml")
    data = yaml.safe_load(CLEAN.read_text(encoding="utf-8"))
    for section, questions in copy.deepcopy(fragment).items():
        if isinstance(questions, dict) and isinstance(data.get(section), dict):
            data[section].update(questions)
        else:
            data[section] = questions
    return loads(yaml.safe_dump(data, sort_keys=False), "example.yaml")


def test_clean_fixture_has_no_findings_at_all():
    assert lint(load(CLEAN)) == []


def test_codes_are_unique_and_well_formed():
    codes = list(registry())
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"DS\d{3}", code) for code in codes)
    # The hundreds say what a rule is about (rules/__init__.py).
    area = {"2": "completeness", "3": "composition", "4": "distribution", "5": "dataset",
            "6": "maintenance", "7": "provenance", "8": "medical_imaging"}
    assert all(area[r.code[2]] == r.section for r in RULES)


@pytest.mark.parametrize("entry", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_rule_is_documented(entry):
    assert entry.doc.splitlines()[0].endswith(".")
    assert "Why:" in entry.doc and entry.weight >= 0


@pytest.mark.parametrize("entry", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_failing_example_fails(entry):
    sheet = overlaid(example(entry.doc, "Failing"))
    hits = run(sheet, {entry.code})
    assert hits and {f.code for f in hits} == {entry.code}
    assert all(f.line >= 1 and f.column >= 1 and f.file == "example.yaml" for f in hits)


@pytest.mark.parametrize("entry", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_passing_example_passes(entry):
    sheet = overlaid(example(entry.doc, "Passing"))
    assert run(sheet, {entry.code}) == []


@pytest.mark.parametrize("entry", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_passing_example_is_schema_valid(entry):
    assert validate(overlaid(example(entry.doc, "Passing"))) == []


def test_gate_false_skips_the_questions_about_people():
    sheet = overlaid({"composition": {"relates_to_people": False, "identifiable": None,
                                      "sensitive": None, "subpopulations": None}})
    assert run(sheet, {"DS201", "DS202"}) == []
    sheet = overlaid({"composition": {"identifiable": None}})
    assert [f.path for f in run(sheet, {"DS201"})] == ["composition.identifiable"]


def test_not_applicable_and_unknown_with_reason_count_as_given():
    sheet = overlaid({"uses": {
        "discouraged": {"status": "not_applicable", "reason": "It is a calibration set."},
        "existing": {"status": "unknown", "reason": "The uploader does not say."}}})
    assert run(sheet, {"DS201"}) == []


def test_bare_not_applicable_is_unanswered_with_a_hint():
    sheet = overlaid({"uses": {"discouraged": "N/A"}})
    (finding,) = run(sheet, {"DS201"})
    assert "without a reason" in finding.message


def test_optional_sections_are_only_checked_when_used():
    data = yaml.safe_load(CLEAN.read_text(encoding="utf-8"))
    del data["medical_imaging"]
    sheet = loads(yaml.safe_dump(data), "original.yaml")
    assert lint(sheet) == []


def test_placeholder_in_an_unanswered_question_is_reported_once():
    sheet = overlaid({"motivation": {"purpose": "[More Information Needed]"}})
    codes = [f.code for f in lint(sheet)]
    assert codes == ["DS201"]


def test_schema_and_rule_do_not_report_the_same_missing_field_twice():
    sheet = overlaid({"motivation": {"purpose": None}})
    del sheet.data["motivation"]["purpose"]
    findings = lint(sheet)
    assert [f.code for f in findings] == ["DS101"]


@pytest.mark.parametrize("value, scheme", [
    ("10.5281/zenodo.1234567", "doi"), ("https://doi.org/10.7910/DVN/DBW86T", "doi"),
    ("doi:10.1038/sdata.2018.161", "doi"), ("hdl:20.500.12345/678", "handle"),
    ("ark:/13030/tf5p30086k", "ark"), ("ark:13030/tf5p30086k", "ark"),
    ("https://n2t.net/ark:/13030/tf5p30086k", "ark"),
    ("https://www.kaggle.com/datasets/someone/skin", None), ("zenodo.1234567", None),
])
def test_identifier_syntax(value, scheme):
    from datasheet_kit.identifiers import pid_scheme

    assert pid_scheme(value) == scheme


@pytest.mark.parametrize("text, spdx", [
    ("cc-by-nc-4.0", "CC-BY-NC-4.0"), ("CC BY-NC-SA 4.0", "CC-BY-NC-SA-4.0"),
    ("Creative Commons BY 4.0", "CC-BY-4.0"), ("cc0-1.0", "CC0-1.0"), ("odbl", "ODbL-1.0"),
    ("GPL-3.0", "GPL-3.0-only"), ("apache-2.0", "Apache-2.0"), ("other", None),
    ("Research use only", None),
])
def test_license_spellings_are_normalised(text, spdx):
    from datasheet_kit.licenses import current_spdx

    assert current_spdx(text) == spdx


@pytest.mark.parametrize("copy_license, source_license, changes, conflict", [
    ("CC-BY-NC-4.0", "CC-BY-NC-4.0", ["resized"], False),
    ("CC0-1.0", "CC-BY-NC-4.0", [], True),
    ("CC-BY-NC-ND-4.0", "CC-BY-NC-ND-4.0", ["resized"], True),
    ("CC-BY-NC-ND-4.0", "CC-BY-NC-ND-4.0", [], False),
    ("CC-BY-4.0", "CC-BY-SA-4.0", [], True),
    ("CC-BY-SA-4.0", "CC-BY-SA-4.0", ["cropped"], False),
    ("CC-BY-4.0", "CC0-1.0", ["converted"], False),
])
def test_license_compatibility(copy_license, source_license, changes, conflict):
    sheet = overlaid({
        "distribution": {"license": {"name": copy_license, "spdx": copy_license}},
        "provenance": {"derived_from": [{
            "source_dataset": "Original", "relationship": "derives_from", "changes": changes,
            "source_license": {"name": source_license, "spdx": source_license}}]}})
    assert bool(run(sheet, {"DS704"})) is conflict


_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 500) | st.sampled_from(
        ["", "TBD", "N/A", "[More Information Needed]", "unknown", "other", "cc-by-nc-4.0",
         "10.5281/x", "ark:/1/x", "patient", "image", "not_applicable", "todo", "Some words here"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(["status", "reason", "value", "answer", "name", "spdx", "url", "scheme",
                         "images", "patients", "source_dataset", "source_license", "source_pid",
                         "changes", "split_preserved"]), children, max_size=4),
    max_leaves=8)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(sorted(catalogue.questions())), _values, max_size=8))
def test_rules_never_crash_on_odd_values(answers):
    data = yaml.safe_load(CLEAN.read_text(encoding="utf-8"))
    for qid, value in answers.items():
        section, _, question = qid.partition(".")
        if not isinstance(data.get(section), dict):
            data[section] = {}
        data[section][question] = value
    sheet = loads(yaml.safe_dump(data), "odd.yaml")
    for finding in lint(sheet):
        assert finding.line >= 1 and finding.message
    score(sheet, lint(sheet))


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(catalogue.sections())), _values)
def test_rules_never_crash_when_a_section_is_not_a_mapping(name, value):
    data = yaml.safe_load(CLEAN.read_text(encoding="utf-8"))
    data[name] = value
    sheet = loads(yaml.safe_dump(data), "odd.yaml")
    score(sheet, lint(sheet))


def test_an_explicit_unknown_source_licence_is_valid_and_not_missing():
    sheet = overlaid({"provenance": {"derived_from": [{
        "source_dataset": "HAM10000", "relationship": "derives_from",
        "source_pid": "doi:10.7910/DVN/DBW86T",
        "source_license": {"status": "unknown", "reason": "The copy's page does not say."}}]}})
    codes = {f.code for f in lint(sheet)}
    assert not {"DS101", "DS103", "DS703"} & codes


@pytest.mark.parametrize("spdx, fires", [
    ("other", True), ("unknown", True), ("cc", True), ("us-government-works", True),
    ("copyright-authors", True), ("CC-BY-4.0", False), ("MIT OR Apache-2.0", False),
    ("LicenseRef-isic-terms", False),
])
def test_license_not_spdx_asks_the_licences_module(spdx, fires):
    sheet = overlaid({"distribution": {"license": {"name": "Some licence", "spdx": spdx}}})
    assert bool(run(sheet, {"DS402"})) is fires


@pytest.mark.parametrize("spdx, message", [
    ("GPL-3.0", "write the SPDX id 'GPL-3.0-only' instead of 'GPL-3.0' (GPL-3.0 is deprecated)"),
    ("wxWindows", "'wxWindows' is a deprecated SPDX id; SPDX names no single replacement, so "
                  "check which licence is meant"),
])
def test_deprecated_spdx_ids_are_a_warning(spdx, message):
    sheet = overlaid({"distribution": {"license": {"name": "A licence", "spdx": spdx}}})
    assert [f.message for f in run(sheet, {"DS403"})] == [message]


def test_license_rule_and_provenance_command_give_one_verdict():
    from datasheet_kit.provenance import license_compatibility

    # CC BY asks for credit, CC0 drops it: no longer judged by NC/ND/SA alone.
    copy, source = {"name": "CC0 1.0", "spdx": "CC0-1.0"}, {"name": "CC BY 4.0",
                                                            "spdx": "CC-BY-4.0"}
    sheet = overlaid({"distribution": {"license": copy}, "provenance": {"derived_from": [{
        "source_dataset": "Original", "relationship": "derives_from", "source_license": source}]}})
    (finding,) = run(sheet, {"DS704"})
    verdict, reasons = license_compatibility(source, copy)
    assert verdict == "incompatible" and finding.message.endswith(" ".join(reasons))


@pytest.mark.parametrize("scheme, value, fires", [
    ("doi", "info:doi/10.5281/zenodo.1234567", False),
    ("ark", "https://gallica.bnf.fr/ark:/12148/bpt6k5619759j", False),
    ("handle", "1721.1/12345", False),
    ("doi", "10.5/3", True),
])
def test_declared_identifiers_are_checked_by_the_identifiers_module(scheme, value, fires):
    sheet = overlaid({"dataset": {"identifiers": [{"scheme": scheme, "value": value}]}})
    hits = run(sheet, {"DS502"})
    assert bool(hits) is fires
    if fires:  # the shared module's reason reaches the author
        assert "registrant code of 4 to 9 digits" in hits[0].message


def test_a_bare_handle_is_a_source_pid_but_a_web_address_is_not():
    def source_pid(pid):
        return overlaid({"provenance": {"derived_from": [{
            "source_dataset": "Original", "relationship": "derives_from", "source_pid": pid}]}})

    assert run(source_pid("1721.1/12345"), {"DS502"}) == []
    assert run(source_pid("https://example.org/data"), {"DS502"}) != []
