"""The readers, `import` and `survey` on the real-document corpus (../shared/corpus)."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from datasheet_kit.answers import is_placeholder
from datasheet_kit.draft import draft, title_hint
from datasheet_kit.inputs import load_document
from datasheet_kit.sheet import loads
from datasheet_kit.validate import validate

pytestmark = pytest.mark.corpus
CARD_KINDS = ("hf", "kaggle", "croissant")


def manifest(corpus):
    with open(corpus / "MANIFEST.tsv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [(row["kind"], corpus / row["kind"] / f"{row['name']}.{_suffix(row['kind'])}")
            for row in rows if row["kind"] in CARD_KINDS]


def _suffix(kind):
    return "md" if kind == "hf" else "json"


def test_every_card_is_read_as_its_kind_and_every_draft_validates(corpus):
    failures = []
    fatal = []
    for kind, path in manifest(corpus):
        sheet = load_document(path)
        if sheet.kind != kind:
            failures.append(f"{path.name}: read as {sheet.kind}")
        if sheet.fatal:
            fatal.append(path.name)
            continue
        problems = validate(loads(draft(sheet, title_hint(sheet)), "draft.yaml"))
        if problems:
            failures.append(f"{path.name}: draft invalid: {problems[0].message}")
    assert not failures, failures[:5]
    # the one file the corpus documents as invalid JSON, and nothing else, cannot be read
    assert fatal == ["huggingface-open-r1-math-raw__v1.0.json"]


def test_survey_gives_every_card_a_row_or_a_one_line_error(corpus, tmp_path):
    files = [str(path) for _, path in manifest(corpus)]
    listing = tmp_path / "cards.txt"
    listing.write_text("\n".join(files) + "\n")
    result = subprocess.run(
        [sys.executable, "-m", "datasheet_kit", "survey", "-j", "2", "-o", str(tmp_path / "out"),
         str(listing)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    payload = json.loads((tmp_path / "out" / "cards.json").read_text())
    assert payload["cards"] == len(files) == 638
    errors = [row for row in payload["per_card"] if row["error"]]
    assert [row["file"].rsplit("/", 1)[-1] for row in errors] == [
        "huggingface-open-r1-math-raw__v1.0.json"]
    assert "DS012" in errors[0]["error"] and "\n" not in errors[0]["error"]
    assert result.stderr.count("\n") == 1  # the error line, and no progress bar when piped
    kinds = {row["kind"] for row in payload["per_card"]}
    assert kinds == set(CARD_KINDS)
    # the array-shaped Croissant export is read through its only element, with a warning
    car = next(r for r in payload["per_card"] if "kaggle-car-price" in r["file"])
    assert not car["error"] and car["questions_answered"] > 0


def _body(text, heading):
    """An independent, cruder reading of one legacy section (regular expressions, not the
    reader): the text up to the next heading of the same or a higher level."""
    match = re.search(r"^(#+) " + re.escape(heading) + r"[ \t]*\n", text, re.M)
    if match is None:
        return None
    level = len(match.group(1))
    end = re.compile(rf"^#{{1,{level}}} ", re.M).search(text, match.end())
    return text[match.end():end.start() if end else len(text)]


def test_survey_section_table_matches_what_the_hf_cards_hold(corpus, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "datasheet_kit", "survey", "-j", "2", "-o", str(tmp_path),
         str(corpus / "hf")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    payload = json.loads((tmp_path / "cards.json").read_text())
    assert payload["cards"] == 559 and payload["errors"] == 0
    share = {row["question"]: row["share"] for row in payload["questions"]}
    # Copycats' finding, on this corpus: licences are given far more often than biases and
    # limitations, and motivation trails composition.
    assert share["distribution.license"] > 2 * share["uses.discouraged"]
    assert share["distribution.license"] > 2 * share["composition.subpopulations"]
    assert share["composition.instance_content"] > share["collection.acquisition"] \
        > share["uses.future_impact"]
    sections = {row["section"]: row for row in payload["sections"]}
    assert sections["composition"]["share"] > sections["maintenance"]["share"]
    assert sections["medical_imaging"]["answered"] == 0  # no HF card maps there

    # Count, independently, the legacy cards whose section body says something: a heading that
    # asks one question answers it exactly when its body holds more than template text (the
    # passage reader may find the answer elsewhere too; that is recorded as such).
    legacy = {row["file"] for row in payload["per_card"] if row["variant"] == "legacy"}
    assert len(legacy) >= 540
    for heading, qid in [("Other Known Limitations", "uses.discouraged"),
                         ("Personal and Sensitive Information", "composition.confidential"),
                         ("Curation Rationale", "motivation.purpose"),
                         ("Dataset Curators", "motivation.creators")]:
        expected, got = set(), set()
        for name in legacy:
            body = _body((corpus / "hf" / name.rsplit("/", 1)[-1]).read_text(), heading)
            if body is not None and not is_placeholder(body):
                expected.add(name)
            found = load_document(name).found.get(qid, {})
            if found.get("how") == "asked" and found.get("place") == heading:
                got.add(name)
        assert got == expected, (heading, sorted(got ^ expected)[:3])
    bodies = [_body((corpus / "hf" / name.rsplit("/", 1)[-1]).read_text(), "Discussion of Biases")
              for name in legacy]
    assert sum(b is not None and not is_placeholder(b) for b in bodies) == 539 - 327 - 45 - 113



def test_lint_over_the_hf_corpus_folder_never_crashes(corpus):
    """`datasheet lint` on a folder of real cards: every card gets its findings at lines of its
    own README, and nothing crashes (exit 1 is findings, not a failure of the tool)."""
    folder = corpus / "hf"
    result = subprocess.run([sys.executable, "-m", "datasheet_kit", "lint", "--format", "json",
                             str(folder)], capture_output=True, text=True)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr[-2000:]
    payload = json.loads(result.stdout)
    cards = sorted(str(p) for p in folder.glob("*.md"))
    assert payload["files"] == cards and payload["summary"]["files"] == len(cards) == 559
    lines = {path: len(Path(path).read_text(encoding="utf-8").splitlines()) or 1
             for path in cards}
    for finding in payload["findings"]:
        assert 1 <= finding["line"] <= lines[finding["file"]], finding
    # Placeholders are found where they are: not every finding sits on line 1.
    assert sum(f["line"] > 1 for f in payload["findings"]) > len(cards)
