"""`datasheet init` (issue 12): a skeleton with every question, that validates as written."""

from __future__ import annotations

import yaml
from click.testing import CliRunner

from datasheet_kit.catalogue import questions, sections
from datasheet_kit.cli import main
from datasheet_kit.lint import lint
from datasheet_kit.sheet import load
from datasheet_kit.validate import validate

from .conftest import FIXTURES


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_the_skeleton_holds_every_question_in_schema_order_and_validates(tmp_path):
    out = tmp_path / "datasheet.yaml"
    result = run("init", "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    sheet = load(out)
    assert validate(sheet) == []
    data = yaml.safe_load(text)
    assert list(data) == ["datasheet_version", *[s for s in sections()
                                                 if s not in ("provenance", "medical_imaging")]]
    for qid, question in questions().items():
        section, _, slot = qid.partition(".")
        if section in ("provenance", "medical_imaging"):
            continue
        # each question is there: answered as todo, or (optional ones) as a commented key
        assert f"  {slot}:" in text or f"  # {slot}:" in text, qid
        assert " ".join(question.text.split()[:6]) in " ".join(text.replace("#", "").split()), qid
    # every required or recommended question that takes a gap is a todo, so lint lists it
    todo = {f.path for f in lint(sheet) if f.code == "DS203"}
    assert "motivation.purpose" in todo and "collection.timeframe" in todo
    assert data["composition"]["relates_to_people"]["status"] == "todo"


def test_the_gate_comes_first_and_is_explained():
    text = run("init").stdout
    composition = text[text.index("\ncomposition:"):]
    first_key = next(line for line in composition.splitlines()[1:]
                     if line.startswith("  ") and not line.startswith("  #") and line.strip())
    assert first_key.startswith("  relates_to_people:")
    header = text[:text.index("datasheet_version")]
    assert "composition.relates_to_people" in header and "maintenance.retention" in header
    assert "GATE (required)" in composition


def test_prompts_give_the_level_and_an_example():
    text = run("init").stdout
    purpose = text[:text.index("  purpose:")].rsplit("\n\n", 1)[1]
    assert "(required)" in purpose and "# e.g. " in purpose
    retention = text[:text.index("  retention:")].rsplit("\n\n", 1)[1]
    assert "about people: not asked when composition.relates_to_people is false" in " ".join(
        retention.replace("#", "").split())


def test_medical_adds_the_medical_imaging_section_and_still_validates(tmp_path):
    out = tmp_path / "medical.yaml"
    assert run("init", "--medical", "-o", out).exit_code == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["medical_imaging"]["split_level"]["status"] == "todo"
    assert data["medical_imaging"]["modality"]["status"] == "todo"
    assert validate(load(out)) == []


def test_init_refuses_to_overwrite_without_force(tmp_path):
    out = tmp_path / "datasheet.yaml"
    out.write_text("mine\n", encoding="utf-8")
    refused = run("init", "-o", out)
    assert refused.exit_code == 2 and "--force" in refused.output
    assert out.read_text(encoding="utf-8") == "mine\n"
    assert run("init", "-o", out, "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# A datasheet skeleton")


def test_init_from_a_card_keeps_what_import_reads(tmp_path):
    card = FIXTURES / "cards" / "hf-current.md"
    out = tmp_path / "from.yaml"
    assert run("init", "--from", card, "-o", out).exit_code == 0
    imported = tmp_path / "imported.yaml"
    assert run("import", card, "-o", imported).exit_code == 0
    skeleton, draft = load(out), load(imported)
    assert validate(skeleton) == []
    # one code path: the answers are the draft's, the prompts come on top
    from datasheet_kit.answers import Status, status_of

    given = {qid for qid in questions() if status_of(draft.get(qid)) is Status.ANSWERED}
    assert len(given) > 10
    assert {qid: skeleton.get(qid) for qid in given} == {qid: draft.get(qid) for qid in given}
    assert "# from " in out.read_text(encoding="utf-8")


def test_init_from_a_datasheet_is_a_usage_error():
    result = run("init", "--from", FIXTURES / "valid" / "complete.yaml")
    assert result.exit_code == 2
