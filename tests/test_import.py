"""`datasheet import`: a draft with the origin of every answer and every gap explicit."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from datasheet_kit.cli import main
from datasheet_kit.sheet import loads
from datasheet_kit.validate import validate

from .conftest import FIXTURES

CARDS = FIXTURES / "cards"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("card", sorted(p.name for p in CARDS.iterdir()))
def test_every_fixture_card_imports_to_a_valid_datasheet(card, tmp_path):
    out = tmp_path / "datasheet.yaml"
    result = run("import", CARDS / card, "-o", out)
    assert result.exit_code == 0, result.output
    check = run("validate", out)
    assert check.exit_code == 0, check.output


def test_answers_name_their_origin_and_gaps_are_explicit(tmp_path):
    out = tmp_path / "datasheet.yaml"
    card = CARDS / "hf-current.md"
    assert run("import", card, "-o", out).exit_code == 0
    text = out.read_text()
    lines = text.splitlines()
    # each answer sits under a comment naming the README line and heading it came from
    index = lines.index("  confidential: The films are synthetic; no person is shown.")
    assert lines[index - 1] == f'  # from {card}:72 "Personal and Sensitive Information"'
    assert f"  ethical_review: {{status: todo, reason: not found in {card}}}" in lines
    # a section with only template text is a gap that says so
    assert any(line.startswith("  discouraged: {status: todo, reason: 'only template text at")
               for line in lines)
    # fields without a gap form stay visible as commented lines
    assert f"  # citation:  (todo: not found in {card})" in lines


def test_gate_and_missing_title(tmp_path):
    out = tmp_path / "d.yaml"
    assert run("import", CARDS / "hf-free.md", "-o", out).exit_code == 0
    text = out.read_text()
    # The card's first heading is offered as the name, not taken for an answer the card does
    # not give; the gates stay to do, so that the draft claims nothing the card does not say.
    assert "  title: 'TODO: not found in" in text and "perhaps Knee Phantom Sweeps" in text
    assert "  summary: 'TODO: not found in" in text
    assert "  relates_to_people: {status: todo, reason: 'the card does not say yes or no" in text
    assert validate(loads(text, "d.yaml")) == []


def test_refuses_to_overwrite_without_force(tmp_path):
    out = tmp_path / "datasheet.yaml"
    out.write_text("mine\n")
    result = run("import", CARDS / "kaggle-upload.json", "-o", out)
    assert result.exit_code == 2 and "--force" in result.output
    assert out.read_text() == "mine\n"
    assert run("import", CARDS / "kaggle-upload.json", "-o", out, "--force").exit_code == 0
    assert out.read_text().startswith("# Draft datasheet imported from")
    assert [p.name for p in tmp_path.iterdir()] == ["datasheet.yaml"]  # no temporary left


def test_prints_to_stdout_without_output():
    result = run("import", CARDS / "croissant-1.0.json")
    assert result.exit_code == 0
    assert 'datasheet_version: "1"' in result.output
    assert "  title: fictional-tables" in result.output


def test_unreadable_card_is_a_finding(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": ')
    result = subprocess.run([sys.executable, "-m", "datasheet_kit", "import", str(bad)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "DS012" in result.stdout and "Traceback" not in result.stderr


def test_a_datasheet_is_not_imported():
    result = run("import", FIXTURES / "valid" / "complete.yaml")
    assert result.exit_code == 2 and "already a datasheet" in result.output


def test_an_answer_joined_from_several_places_names_each(tmp_path):
    card = CARDS / "hf-legacy.md"
    result = run("import", card)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("  license:"))
    assert lines[index - 1] == f'  # from {card}:8 "license", :103 "Licensing Information"'
    assert f'  # from {card}:32 "Point of Contact"' in lines


@pytest.mark.parametrize("name", ["ham10000.yaml", "brats-2021.yaml", "isic-2020.yaml",
                                  "complete.yaml", "no-people.yaml"])
def test_a_generated_card_imports_with_the_answers_hf_has_no_place_for(name, tmp_path):
    """Issue #5 item 2: what our writer puts behind labels (hf_card_section), medical imaging
    included, comes back in the draft as the datasheet has it, and the draft validates."""
    from datasheet_kit.answers import Status, count_of, question_status, text_of
    from datasheet_kit.catalogue import crosswalk, questions
    from datasheet_kit.sheet import load

    source = next(p for p in [FIXTURES / "valid" / name,
                              FIXTURES.parent.parent / "datasheets" / name]
                  if p.exists())
    original = load(source)
    card = tmp_path / "README.md"
    assert run("generate", "hf-card", source, "-o", card).exit_code == 0
    out = tmp_path / "datasheet.yaml"
    assert run("import", card, "-o", out).exit_code == 0
    check = run("validate", out)
    assert check.exit_code == 0, check.output
    drafted = load(out)
    catalogue = questions()
    kept = 0
    for qid in crosswalk("hf_card_section"):
        shape, value = catalogue[qid].shape, original.get(qid)
        status = question_status(shape, value)
        if status not in (Status.ANSWERED, Status.UNKNOWN, Status.NOT_APPLICABLE):
            continue
        if qid == "medical_imaging.split_counts":
            continue  # split records are prose on the card (their notes are free text)
        got = drafted.get(qid)
        assert question_status(shape, got) == status, (qid, got)
        kept += 1
        if status is not Status.ANSWERED:
            continue  # a gap: its status is what there is to keep
        if shape == "count":
            assert count_of(got) == count_of(value), qid
        elif shape in ("fact", "enum", "enum_list"):
            flag = value.get("value") if isinstance(value, dict) else value
            assert (got.get("value") if isinstance(got, dict) else got) == flag, qid
        elif shape == "list":
            assert [(i["scheme"], i["value"]) for i in got] == \
                [(i["scheme"], i["value"]) for i in value], qid
        else:
            assert " ".join(text_of(value).split()) in " ".join(text_of(got).split()), qid
    assert kept, "no answer of an hf_card_section question to check"


def test_the_draft_keeps_the_readers_typed_records(tmp_path):
    """Creators and identifiers reach the draft as the reader's records, ORCID and all."""
    import yaml

    out = tmp_path / "datasheet.yaml"
    assert run("import", CARDS / "croissant-creators.json", "-o", out).exit_code == 0
    dataset = yaml.safe_load(out.read_text())["dataset"]
    assert dataset["creators"][0] == {
        "name": "Ada Example", "kind": "person", "affiliation": "Example University",
        "orcid": "0000-0002-1825-0097", "url": "https://example.org/ada"}
    assert dataset["creators"][1]["ror"] == "https://ror.org/02mhbdp94"
    assert dataset["identifiers"] == [{"scheme": "doi", "value": "10.5281/zenodo.1234567"},
                                      {"scheme": "url", "value": "https://example.org/fc"}]
    assert run("validate", out).exit_code == 0
