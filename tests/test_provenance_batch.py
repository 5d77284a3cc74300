"""`datasheet provenance` over many targets and listing tables: one row per target, with the
likely original, the confidence, whether the copy declares it and the licence verdict."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from datasheet_kit import provenance as prov
from datasheet_kit.cli import main

from .conftest import FIXTURES
from .test_folders import png

REFERENCES = FIXTURES / "copycats" / "references"
COPIES = FIXTURES / "copycats" / "copies"
ENV = {"GITHUB_ACTIONS": "", "NO_COLOR": "", "FORCE_COLOR": ""}


def run(*args):
    return CliRunner().invoke(main, ["provenance", "--references", str(REFERENCES),
                                     *map(str, args)], env=ENV)


def listing_table(tmp_path, rows, header=("name", "url", "license.name", "keywords")):
    path = tmp_path / "listings.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_many_targets_give_one_row_each(tmp_path):
    folder = tmp_path / "lsc-2021-copy"
    for split in ("train", "test"):
        (folder / split).mkdir(parents=True)
        for seed in range(3):
            (folder / split / f"LSC_{seed + (10 if split == 'test' else 0):06d}.png"
             ).write_bytes(png(seed + (10 if split == "test" else 0)))
    targets = [COPIES / "DS901-undeclared-copy.yaml", COPIES / "clean.yaml",
               COPIES / "DS902-license-contradicts-source.yaml", folder]
    result = run("--format", "csv", *targets)
    assert result.exit_code == 1, result.output  # DS901 and DS902 are errors
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["target"] for r in rows] == [str(t) for t in targets]
    assert list(rows[0]) == list(prov.COLUMNS)
    undeclared, clean, contradicting, copy = rows
    assert undeclared["original"] == "lsc-2022" and undeclared["declared"] == "no"
    assert int(undeclared["errors"]) >= 1
    assert clean["declared"] == "yes" and clean["errors"] == "0"
    assert contradicting["verdict"] == "incompatible"
    assert copy["kind"] == "folder" and copy["original"].startswith(("lsc-2021", "several"))
    # the table for people: a header, the rows, and the summary of them
    table = run(*targets).output.splitlines()
    assert table[0].split()[:4] == ["target", "name", "kind", "original"]
    assert len(table) == 1 + len(targets) + 1
    assert table[-1].startswith("4 targets checked: ")


def test_json_rows_match_the_findings_and_candidates():
    targets = [COPIES / "DS901-undeclared-copy.yaml", COPIES / "clean.yaml"]
    payload = json.loads(run("--format", "json", *targets).output)
    assert [row["target"] for row in payload["targets"]] == [str(t) for t in targets]
    for row in payload["targets"]:
        mine = [f for f in payload["findings"] if f["file"] == row["target"]]
        assert row["errors"] == sum(f["severity"] == "error" for f in mine)
        top = payload["candidates"][row["target"]]
        assert row["originals"][0] == top[0]["reference"]
        assert row["confidence"] == round(top[0]["confidence"], 4)


def test_a_listing_table_is_a_target_per_row(tmp_path):
    table = listing_table(tmp_path, [
        ["LSC 2022 resized to 256px", "https://example.org/a", "CC0: Public Domain", "skin"],
        ["Lumen Skin 2021 photos", "https://example.org/b", "CC BY-NC 4.0", ""],
        ["Bicycle trips of 2019", "https://example.org/c", "Unknown", "bikes"],
        ["", "https://example.org/no-name", "MIT", ""],  # no name: not a listing
    ])
    result = run("--listings", table, "--format", "csv")
    rows = {r["target"]: r for r in csv.DictReader(io.StringIO(result.output))}
    assert list(rows) == ["https://example.org/a", "https://example.org/b",
                          "https://example.org/c"]
    assert rows["https://example.org/a"]["original"] == "lsc-2022"
    # CC0 over an original under CC BY-NC: the copy lets anyone sell what may not be sold
    assert rows["https://example.org/a"]["verdict"] == "incompatible"
    assert rows["https://example.org/b"]["original"] == "lsc-2021"
    assert rows["https://example.org/c"]["original"] == prov.batch.NOT_RECOGNISED
    assert rows["https://example.org/c"]["verdict"] == "missing"
    assert result.exit_code == 1  # the listings that copy without saying so are errors


def test_listing_columns_may_have_their_usual_other_names(tmp_path):
    table = listing_table(tmp_path, [["LSC 2022 photos", "CC0-1.0", "https://example.org/a"]],
                          header=("Title", "Licence", "Link"))
    row = next(csv.DictReader(io.StringIO(run("--listings", table, "--format", "csv").output)))
    assert (row["target"], row["original"], row["licence"]) == (
        "https://example.org/a", "lsc-2022", "CC0-1.0")


def test_a_table_that_cannot_be_read_is_a_usage_error(tmp_path):
    no_name = listing_table(tmp_path, [["x", "y"]], header=("url", "size"))
    result = run("--listings", no_name)
    assert result.exit_code == 2 and "needs a 'name' (or 'title') column" in result.output
    latin = tmp_path / "latin.csv"
    latin.write_bytes("name,url\ncaf\xe9,x\n".encode("latin-1"))
    result = run("--listings", latin)
    assert result.exit_code == 2 and "is not UTF-8" in result.output
    empty = listing_table(tmp_path, [])
    result = run("--listings", empty)
    assert result.exit_code == 2 and "nothing to check" in result.output
    result = run()
    assert result.exit_code == 2 and "give a TARGET" in result.output
    result = run(COPIES / "clean.yaml", tmp_path / "missing.yaml")
    assert result.exit_code == 2 and "no such file or folder" in result.output


def test_quiet_table_shows_the_rows_with_errors_under_the_whole_summary():
    targets = [COPIES / "DS901-undeclared-copy.yaml", COPIES / "clean.yaml"]
    loud = run(*targets).output.splitlines()
    quiet = run("-q", *targets).output.splitlines()
    assert quiet[-1] == loud[-1]
    assert len(quiet) == len(loud) - 1 and not any("clean.yaml" in line for line in quiet)


def test_one_target_keeps_the_findings_output():
    result = run(COPIES / "DS901-undeclared-copy.yaml")
    assert " DS901 " in result.output or "(DS901 undeclared-copy)" in result.output
    assert result.output.splitlines()[-1].startswith("1 file checked")
