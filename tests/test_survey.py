"""`datasheet survey`: tables, chart, determinism across job counts, progress only on a terminal."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

from click.testing import CliRunner

from datasheet_kit import survey
from datasheet_kit.cli import main

from .conftest import FIXTURES, ROOT

CARDS = FIXTURES / "cards"
OUTPUTS = ("sections.csv", "questions.csv", "cards.csv", "cards.json", "coverage.svg",
           "report.html")


def rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_output_does_not_depend_on_job_count(tmp_path):
    for jobs in (1, 3):
        result = CliRunner().invoke(main, ["survey", "-j", str(jobs), "-o",
                                           str(tmp_path / str(jobs)), str(CARDS)])
        assert result.exit_code == 0, result.output
    for name in OUTPUTS:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "3" / name).read_bytes(), name


def test_tables_and_chart(tmp_path):
    listing = tmp_path / "cards.txt"
    listing.write_text(f"# two cards\n{CARDS / 'hf-current.md'}\n{CARDS / 'hf-free.md'}\n")
    result = CliRunner().invoke(main, ["survey", "-j", "1", "-o", str(tmp_path / "out"),
                                       str(listing)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    sections = {row["section"]: row for row in rows(out / "sections.csv")}
    # hf-current answers uses (Direct Use); hf-free answers distribution (its licence)
    assert sections["uses"]["answered"] == "1" and sections["uses"]["share"] == "0.5"
    assert sections["distribution"]["answered"] == "2"
    assert sections["medical_imaging"]["answered"] == "0"
    questions = {row["question"]: row for row in rows(out / "questions.csv")}
    assert questions["uses.discouraged"]["answered"] == "0"  # placeholder only
    cards = rows(out / "cards.csv")
    assert [c["variant"] for c in cards] == ["current", "current"]
    assert int(cards[0]["presence_filled"]) > int(cards[1]["presence_filled"])
    payload = json.loads((out / "cards.json").read_text())
    assert payload["version"] == 1 and payload["cards"] == 2 and payload["errors"] == 0
    svg = ET.parse(out / "coverage.svg").getroot()
    assert svg.tag.endswith("svg")
    assert len([e for e in svg.iter() if e.tag.endswith("rect")]) == 2 * len(sections)


def test_unreadable_cards_are_counted_and_listed(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    result = subprocess.run([sys.executable, "-m", "datasheet_kit", "survey", "-j", "2", "-o",
                             str(tmp_path / "out"), str(bad), str(CARDS / "kaggle-info.json")],
                            capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stderr == f"{bad}: 1:1: DS010 the top level is a list, not a JSON object\n"
    assert "2 cards, 1 read, 1 errors" in result.stdout


def test_reading_cards_loads_no_heavy_library():
    code = ("import sys\nfrom datasheet_kit import survey\n"
            f"survey.survey_card({str(CARDS / 'hf-current.md')!r})\n"
            f"survey.survey_card({str(CARDS / 'croissant-1.0.json')!r})\n"
            "print([m for m in ('huggingface_hub', 'kaggle', 'markdown_it', 'jinja2', "
            "'mlcroissant') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "[]", out.stderr


def test_local_cards_never_load_the_http_client():
    """The remote module (and urllib behind it) loads only for an `hf:` or `kaggle:` target."""
    code = ("import sys\nfrom datasheet_kit import survey\n"
            f"row = survey.survey_card({str(CARDS / 'hf-current.md')!r})\n"
            "print(row['error'] == '', 'urllib.request' in sys.modules)\n"
            "survey.survey_card('hf:lab/chest-films')\n"
            "print('urllib.request' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "DATASHEET_OFFLINE": "1"})
    assert out.stdout.split() == ["True", "False", "True"], out.stderr


def test_a_remote_target_that_cannot_be_fetched_is_a_row_with_its_platform(monkeypatch):
    monkeypatch.setenv("DATASHEET_OFFLINE", "1")
    row = survey.survey_card("hf:lab/chest-films")
    assert row["kind"] == "hf"
    assert "offline mode is on" in row["error"]
    # a local path holding a colon is a file, read as one (here: one that is not there)
    missing = survey.survey_card("no-such:card.md")
    assert missing["kind"] != "no-such" and missing["error"]


def test_reading_cards_leaves_no_reference_cycles_and_the_collector_is_set_back():
    """survey.run lets the cyclic garbage collector run less often while it reads, which is
    free only as long as reading leaves no cycles behind."""
    import gc

    before = gc.get_threshold()
    survey.run(sorted(str(p) for p in CARDS.iterdir()), 1)  # (warm the caches first)
    gc.collect()
    gc.disable()
    try:
        rows = survey.run(sorted(str(p) for p in CARDS.iterdir()), 1)
        assert gc.collect() == 0
    finally:
        gc.enable()
    assert gc.get_threshold() == before
    assert all(not row["error"] for row in rows)
