"""The LinkML source, the compiled artefacts, and the catalogue's promises."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import ROOT

COMPILED = ROOT / "src" / "datasheet_kit" / "_compiled"
GEBRU_SECTIONS = {  # question headings per section in Gebru et al. v7 (see questions.md)
    # collection: its people questions hang on the one gate, asked once in composition
    "motivation": 4, "composition": 17, "collection": 12, "preprocessing": 4,
    "uses": 6, "distribution": 7, "maintenance": 8,
}


def catalogue():
    return json.loads((COMPILED / "catalogue.json").read_text(encoding="utf-8"))


def test_compiled_artefacts_are_fresh(tmp_path):
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from compile_schema import compile_to
    finally:
        sys.path.pop(0)
    for written in compile_to(tmp_path):
        committed = COMPILED / written.name
        assert written.read_text() == committed.read_text(), (
            f"{committed} is stale: run `make schema` and commit the result")


def test_every_gebru_question_is_a_slot_in_its_section():
    cat = catalogue()
    for section, count in GEBRU_SECTIONS.items():
        ids = next(s["questions"] for s in cat["sections"] if s["id"] == section)
        assert len(ids) == count, section
        assert all(i.startswith(section + ".") for i in ids)
    gates = [q for q, d in cat["questions"].items() if d["kind"] == "gate"]
    assert gates == ["composition.relates_to_people"]  # one gate, asked once
    others = [q for q, d in cat["questions"].items() if d["kind"] == "other"]
    assert len(others) == 7


def test_gated_questions_name_their_gate():
    cat = catalogue()["questions"]
    gated = {q for q, d in cat.items() if d["gate"]}
    assert gated == {
        "composition.subpopulations", "composition.identifiable", "composition.sensitive",
        "collection.direct_or_third_party", "collection.notification", "collection.consent",
        "collection.consent_revocation", "collection.impact_analysis", "maintenance.retention",
        "medical_imaging.demographics_available", "medical_imaging.demographics_notes",
        "medical_imaging.demographics_removed", "medical_imaging.deidentification",
    }
    assert all(cat[q]["gate"] == "composition.relates_to_people" for q in gated)


def _compile_with(tmp_path, old, new):
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        pass
    finally:
        sys.path.pop(0)
    text = (ROOT / "schema" / "datasheet.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    source = tmp_path / "datasheet.yaml"
    source.write_text(text.replace(old, new), encoding="utf-8")
    return subprocess.run([sys.executable, "-c", (
        "import sys; sys.path.insert(0, sys.argv[1]); import compile_schema, pathlib; "
        "compile_schema.catalogue(pathlib.Path(sys.argv[2]))"),
        str(ROOT / "tools"), str(source)], capture_output=True, text=True)


def test_the_compiler_refuses_a_question_about_people_without_the_gate(tmp_path):
    ungated = _compile_with(tmp_path, "          gated_by: composition.relates_to_people\n"
                            "          hf_card_section: \"More Information\"\n",
                            "          hf_card_section: \"More Information\"\n")
    assert ungated.returncode != 0
    assert "maintenance.retention asks about people" in ungated.stderr
    reason = '          not_about_people: "Asks who made the dataset, not who is in it."\n'
    unexplained = _compile_with(tmp_path, reason, "")
    assert unexplained.returncode != 0
    assert "motivation.creators asks about people" in unexplained.stderr


def test_the_compiler_refuses_a_second_form_of_a_fact_that_is_asked_again(tmp_path):
    asked = _compile_with(tmp_path, "        any_of: *answer\n        annotations:\n"
                          "          same_fact: collection.timeframe\n",
                          "        recommended: true\n        any_of: *answer\n"
                          "        annotations:\n          same_fact: collection.timeframe\n")
    assert asked.returncode != 0
    assert "same fact as collection.timeframe" in asked.stderr


def test_crosswalk_is_on_the_slots():
    cat = catalogue()["questions"]
    assert cat["distribution.license"]["crosswalk"]["hf_yaml"][0] == "license"
    assert cat["distribution.license"]["crosswalk"]["kaggle"] == ["licenses"]
    assert "rai:dataCollection" in cat["collection.acquisition"]["crosswalk"]["croissant"]
    assert "Out-of-Scope Use" in cat["uses.discouraged"]["crosswalk"]["hf_heading"]
    assert "Other Known Limitations" in cat["uses.discouraged"]["crosswalk"]["hf_legacy_heading"]
    # every crosswalk value is a non-empty, trimmed string
    for entry in cat.values():
        for values in entry["crosswalk"].values():
            assert values and all(v and v == v.strip() for v in values)


def test_medical_imaging_required_fields():
    cat = catalogue()["questions"]
    required = {q for q, d in cat.items()
                if q.startswith("medical_imaging.") and d["level"] == "required"}
    assert required == {f"medical_imaging.{n}" for n in (
        "num_patients", "num_images", "patient_id_available", "split_level", "modality",
        "deidentification", "ethics_approval")}


HEAVY = ("linkml", "linkml_runtime", "jsonschema", "mlcroissant", "huggingface_hub", "kaggle",
         "jinja2", "markdown_it", "pandas", "requests", "pyarrow", "PIL", "numpy")


def test_cli_import_is_light():
    code = ("import sys, datasheet_kit.cli; "
            f"print([m for m in {HEAVY!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_validate_path_is_light(tmp_path):
    code = ("import sys; sys.argv=['datasheet','validate',%r]\n"
            "from datasheet_kit.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print([m for m in {HEAVY!r} if m in sys.modules], file=sys.stderr)"
            % str(ROOT / "tests" / "fixtures" / "valid" / "complete.yaml"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stderr.strip().splitlines()[-1] == "[]"
