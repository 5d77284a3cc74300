"""The table of codes against what the commands really report.

Every command runs over the fixtures, the bundled datasheets, files made to trigger each load
problem, a folder and a table with planted copies, and (when present) the real-document corpus;
each finding's code must be in codes.table() with the same name, a severity the table documents
and the command among those it lists. So `datasheet rules` cannot drift from what is reported.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from datasheet_kit import codes, splits
from datasheet_kit.cli import main
from datasheet_kit.findings import Severity
from datasheet_kit.rules import registry

from .conftest import DATASHEETS, FIXTURES, ROOT
from .test_folders import png

TABLE = codes.table()


def findings_of(command: str, *args: str | Path) -> list[dict]:
    """The findings of `datasheet COMMAND --format json ARGS`, each checked against the table."""
    result = CliRunner().invoke(main, [command, "--format", "json", *map(str, args)])
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    found = json.loads(result.stdout)["findings"]
    reported = {(f["code"], f["name"], f["severity"]) for f in found}
    for code, name, severity in sorted(reported):
        assert code in TABLE, f"`datasheet {command}` reports {code}, which codes.py lacks"
        entry = TABLE[code]
        assert name == entry.name, f"{code} is reported as {name!r}, listed as {entry.name!r}"
        assert Severity.parse(severity) in entry.severities, (
            f"`datasheet {command}` reports {code} as {severity}; codes.py documents "
            f"{', '.join(map(str, sorted(entry.severities)))}")
        assert command in entry.commands, f"{code} is reported by `datasheet {command}` too"
    return found


def broken_files(folder: Path) -> list[Path]:
    """One file for each load problem a file (not the disk) can cause."""
    cases = {
        "binary.yaml": b"dataset:\x00\n",
        "latin1.yaml": "dataset: caf\xe9\n".encode("latin-1"),
        "syntax.yaml": b"dataset: [unclosed\n",
        "duplicate.yaml": b"dataset: {}\ndataset: {}\n",
        "bomb.yaml": ("a: &a [" + ",".join(["x"] * 50) + "]\n" + "".join(
            f"{k}: &{k} [" + ",".join([f"*{p}"] * 50) + "]\n"
            for p, k in zip("abcd", "bcde", strict=True))).encode(),
        "deep.yaml": ("a:\n" + "".join("  " * i + "- \n" for i in range(1, 80))).encode(),
        "empty.yaml": b"# nothing here\n",
        "many-values.yaml": "".join(f"k{i}: {i}\n" for i in range(100_001)).encode(),
        "list.yaml": b"- a\n- b\n",
        "tagged.yaml": b"dataset: !custom value\n",
        "big.yaml": b"a: " + b"x" * (4 * 1024 * 1024 + 10) + b"\n",
        "bad.json": b'{"title": "x",,}',
        "one-item-list.json": b'[{"title": "A dataset", "licenses": [{"name": "CC0-1.0"}]}]',
        "scalar.json": b'"just text"',
        "no-version-croissant.json": b'{"@context": {"@vocab": "https://schema.org/"}, '
                                     b'"@type": "sc:Dataset", "name": "x"}',
        "odd-version-croissant.json": b'{"@context": {"@vocab": "https://schema.org/"}, '
                                      b'"@type": "sc:Dataset", "name": "x", '
                                      b'"conformsTo": "http://mlcommons.org/croissant/9.9"}',
        "bad-front-matter.md": b"---\nlicense: [unclosed\n---\n# A\n\n## Dataset Summary\n\nx\n",
        "empty-front-matter.md": b"---\n# nothing\n---\n# A\n\n## Dataset Summary\n\nText.\n",
        "open-front-matter.md": b"---\nlicense: mit\n# A\n\n## Dataset Summary\n\nText.\n",
        "dataset-metadata.json": b'{"title": 12, "id": ["x"], "licenses": "CC0-1.0", '
                                 b'"keywords": {"a": 1}, "resources": [{"schema": 3}]}',
        "hub-shape.md": b"---\nlicense: CC BY 4.0\ntask_categories: [skin-things]\n"
                        b"configs:\n- config_name: a\n  data_files: 7\n---\n# A\n",
        "croissant-shape.json": b'{"@context": {"@vocab": "https://schema.org/"}, '
                                b'"@type": "sc:Thing", "@id": 5, "distribution": [7], '
                                b'"conformsTo": "http://mlcommons.org/croissant/1.1"}',
    }
    paths = []
    for name, data in cases.items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    (folder / "a-folder.datasheet.yaml").mkdir()  # a path that gives nothing to check
    return paths + [folder / "a-folder.datasheet.yaml"]


def test_every_load_problem_is_reported_as_the_table_says(tmp_path):
    files = broken_files(tmp_path)
    for command in ("validate", "lint"):
        findings_of(command, *files)
    findings_of("fair", *files)
    reported = {f["code"] for f in findings_of("lint", *files)}
    # Every load code a file can cause (DS001 needs a disk that refuses to read).
    assert reported >= set(codes.LOAD) - {"DS001"}


def test_fixtures_and_datasheets():
    for command in ("validate", "lint"):
        findings_of(command, FIXTURES / "invalid", FIXTURES / "valid", FIXTURES / "lint")
    findings_of("lint", FIXTURES / "cards", FIXTURES / "fair", DATASHEETS, ROOT / "examples")
    findings_of("fair", FIXTURES / "cards", FIXTURES / "fair", FIXTURES / "valid", DATASHEETS)


def test_provenance_files_and_folders(tmp_path):
    references = FIXTURES / "copycats" / "references"
    for copy in sorted((FIXTURES / "copycats" / "copies").glob("*.yaml")):
        findings_of("provenance", "--references", references, copy)
    findings_of("provenance", ROOT / "examples" / "skin-lesions-256-copy.yaml")
    original, copy = tmp_path / "original", tmp_path / "copy"
    for split, seeds in {"train": range(0, 30), "test": range(30, 40)}.items():
        for root in (original, copy):
            (root / split).mkdir(parents=True, exist_ok=True)
            for seed in seeds:
                (root / split / f"LSC_{seed:06d}.png").write_bytes(png(seed))
    (copy / "test" / "LSC_000030.png").unlink()  # missing from the copy
    (copy / "test" / "LSC_000031.png").write_bytes(png(999))  # changed in the copy
    (copy / "test" / "again.png").write_bytes(png(3))  # across splits
    (copy / "train" / "twice.png").write_bytes(png(4))  # within a split
    (copy / "train" / "wide.png").write_bytes(png(5, width=16, height=16))  # a look-alike?
    listing = tmp_path / "original.sha256"
    result = CliRunner().invoke(main, ["provenance", "--references", str(references),
                                       "--write-hashes", str(listing), str(original)])
    assert listing.is_file(), result.output
    found = findings_of("provenance", "--references", references, "--hashes", listing,
                        "--perceptual", copy)
    assert {"DS904", "DS906", "DS911", "DS912"} <= {f["code"] for f in found}


def test_check_splits(tmp_path):
    table = tmp_path / "meta.csv"
    table.write_text("image,patient,split\na,1,train\nb,1,test\nc,2.0,train\nc,3,test\n"
                     "d,,train\ne,x7,train\n", encoding="utf-8")
    found = findings_of("check-splits", table, "--patient-column", "patient",
                        "--split-column", "split", "--image-column", "image")
    assert {"DS906", "DS907", "DS909", "DS910"} <= {f["code"] for f in found}
    found = findings_of("check-splits", table, "--patient-column", "nobody",
                        "--split-column", "split")
    assert {f["code"] for f in found} == {"DS908"}


@pytest.mark.corpus
def test_the_corpus(corpus):
    folders = [corpus / "hf", corpus / "kaggle", corpus / "croissant"]
    findings_of("lint", *folders)
    findings_of("fair", *folders)


def test_the_table_is_well_formed():
    assert all(re.fullmatch(r"DS\d{3}|(FAIR|RAI)-[A-Z0-9.-]+", code) for code in TABLE)
    assert all(entry.doc.strip() and entry.summary.endswith(".") for entry in TABLE.values())
    assert all(entry.severity not in entry.also for entry in TABLE.values())
    # Every lint rule, every Copycats code and every FAIR check is in the one table.
    assert set(registry()) | set(splits.CODES) <= set(TABLE)
    assert {code: TABLE[code].name for code in splits.CODES} == splits.CODES
    from datasheet_kit.fair import CHECKS

    assert set(CHECKS) <= set(TABLE)
    assert set(codes.lint_table()) < set(TABLE)


def test_rules_command_shows_the_severities_that_are_reported():
    runner = CliRunner()
    listing = runner.invoke(main, ["rules"]).output
    lines = {line.split()[0]: line.split() for line in listing.splitlines()}
    assert lines["DS013"][2] == "warning" and lines["DS015"][2] == "warning"
    assert {"DS906", "DS911", "FAIR-R1.1-LIC"} <= set(lines)
    one = runner.invoke(main, ["rules", "ds901"]).output
    assert one.startswith("DS901 undeclared-copy") and "also warning" in one
    assert {"DS913", "DS914", "DS915"} <= set(lines)
    payload = json.loads(runner.invoke(main, ["rules", "--format", "json"]).output)
    assert payload["version"] == codes.RULES_FORMAT_VERSION
    by_code = {entry["code"]: entry for entry in payload["codes"]}
    assert list(by_code) == list(TABLE)
    assert by_code["DS014"]["severities"] == ["error", "warning"]
    assert by_code["FAIR-F1-PID"]["commands"] == ["fair"]
