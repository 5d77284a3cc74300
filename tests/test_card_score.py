"""A generated HF card scores as its datasheet does (issue #5, item 2).

Each datasheet becomes a card, the card is read back through the same door `datasheet score`
uses (inputs.load_document, lint.lint, score.score), and the two scorecards must agree per
section and overall. Two things are set aside, on both sides alike, because the card cannot
carry them by design:

- the provenance section's findings: the card shows each original (a Derivation record) as one
  line of prose under "Source Data" so that people can read it; its fields (source_url,
  source_license, relationship, changes), which the provenance rules check one by one, are not
  parsed back from that line (a note or a licence's terms may hold the separators);
- findings on a question the datasheet marks `status: todo`: a note to the author is not
  published, so every writer shows such a question as HF's own placeholder, which reads back as
  unanswered (DS201/DS202) where the datasheet is only still to do (DS203).
"""

from __future__ import annotations

import pytest

from datasheet_kit.answers import Status, status_of
from datasheet_kit.catalogue import crosswalk
from datasheet_kit.inputs import load_document
from datasheet_kit.lint import lint
from datasheet_kit.readers import hf
from datasheet_kit.score import score
from datasheet_kit.writers import answers, generate

from .conftest import FIXTURES, datasheet_files

SHEETS = sorted((FIXTURES / "valid").glob("*.yaml")) + datasheet_files()


def _set_aside(sheet) -> set[str]:
    """The paths whose findings the card cannot reproduce (see the module's docstring)."""
    todo = {qid for qid, value in answers(sheet.data).items()
            if status_of(value) is Status.TODO}
    return todo


def _kept(findings, aside: set[str]):
    return [f for f in findings if not f.path.startswith("provenance.")
            and f.path.split("[")[0] not in aside]


def _scores(card) -> dict[str, int]:
    return {"overall": card.overall, **{s.id: s.score for s in card.sections}}


@pytest.mark.parametrize("path", SHEETS, ids=lambda p: p.name)
def test_a_generated_card_scores_as_its_datasheet(path, tmp_path):
    sheet = load_document(path)
    readme = tmp_path / "README.md"
    readme.write_text(generate("hf-card", sheet).text, encoding="utf-8")
    back = load_document(readme)
    assert back.kind == "hf"
    aside = _set_aside(sheet)
    expected = score(sheet, _kept(lint(sheet), aside))
    got = score(back, _kept(lint(back), aside))
    assert _scores(got) == _scores(expected)
    # The statuses of the questions the card has a place for agree too, except that a missing
    # answer may come back as HF's placeholder. (Optional questions with no place on the card,
    # such as dataset.aliases, weigh nothing in the score and are not on the card.)
    on_card = {qid for key in ("hf_heading", "hf_card_section", "hf_yaml")
               for qid in crosswalk(key)}
    unanswered = (Status.MISSING, Status.PLACEHOLDER)
    for mine, theirs in zip(expected.sections, got.sections, strict=True):
        for q, r in zip(mine.questions, theirs.questions, strict=True):
            assert q.id == r.id
            if q.id in on_card and q.id not in aside and not (
                    q.status in unanswered and r.status in unanswered):
                assert r.status == q.status, (q.id, q.status, r.status)


def test_a_third_party_card_gets_nothing_for_questions_it_does_not_label():
    """Free text under "More Information" (or any heading we borrow) is not an answer to the
    questions we write there behind their labels: other cards do not carry our labels."""
    card = ("---\nlicense: mit\n---\n# Dataset Card for Birds\n\n"
            "## Dataset Structure\n\n200 images of 120 birds from 3 sites.\n\n"
            "## More Information\n\nWe update the dataset every year and keep old versions on "
            "request. Contributions are welcome through pull requests. Errata are listed in the "
            "changelog.\n\n**Updates.** Yearly.\n")
    sheet = hf.read(card, "README.md")
    borrowed = hf.names().borrowed.values()
    assert borrowed
    assert {qid for qid in borrowed if sheet.get(qid) is not None} == set()
    assert "medical_imaging" not in sheet.data
    assert "updates" not in sheet.data.get("maintenance", {})


def test_a_labelled_answer_keeps_its_origin_in_a_bullet_and_under_a_heading(tmp_path):
    """A finding on a read-back answer points at the line of its label and names the place."""
    readme = tmp_path / "README.md"
    readme.write_text(generate("hf-card", load_document(FIXTURES / "valid" / "complete.yaml")).text,
                      encoding="utf-8")
    lines = readme.read_text(encoding="utf-8").splitlines()
    back = load_document(readme)
    for qid, place, label in [("dataset.landing_page", "Repository",
                               "**Landing page (identity).**"),
                              ("medical_imaging.num_patients", "Dataset Structure",
                               "**Num patients (medical imaging).**")]:
        origin = back.origin(qid)
        assert origin.key == place, qid
        assert label in lines[origin.line - 1], qid
    assert back.get("dataset.landing_page") == "https://example.org/lesion-photos"
    assert back.get("medical_imaging.num_patients") == 100
