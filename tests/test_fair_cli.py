"""`datasheet fair` as users run it: formats, exit codes, --fail-under, zero paths, the JSON
contract."""

from __future__ import annotations

import json

from click.testing import CliRunner

from datasheet_kit.cli import main

from .conftest import DATASHEETS, FIXTURES

COMPLETE = FIXTURES / "valid" / "complete.yaml"
DRIVE = DATASHEETS / "drive.yaml"


def run(*args):
    return CliRunner().invoke(main, ["fair", *map(str, args)])


def test_zero_paths_checks_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run()
    assert result.exit_code == 2 and "nothing to check" in result.output
    (tmp_path / "drive.yaml").write_bytes(DRIVE.read_bytes())
    result = run()
    assert result.exit_code == 0 and "drive.yaml (datasheet): FAIR score" in result.output


def test_table_lists_every_check_with_indicators_evidence_and_scores():
    result = run(DRIVE)
    assert result.exit_code == 0, result.output  # FAIR gaps are warnings: exit 0 by default
    first = result.output.splitlines()[0]
    assert first.startswith(f"{DRIVE} (datasheet): FAIR score ") and "(F " in first
    assert first.endswith("; entry check FAIL")
    assert "FAIL     FAIR-F1-PID" in result.output
    assert "[F; FsF-F1-02D-1; RDA-F1-01M, RDA-F1-01D]" in result.output
    assert f"! {DRIVE}:15:3 dataset.identifiers:" in result.output
    assert "n/a      FAIR-I1-KR       applies to Croissant JSON-LD only" in result.output


def test_text_format_is_lint_style_lines():
    result = run("--format", "text", DRIVE)
    lines = result.output.splitlines()
    # grouped like `datasheet lint`: the file, then `line:col severity message (CODE name)`
    assert lines[0] == str(DRIVE)
    assert any(line.split()[:3] == ["15:3", "warning", "fail:"]
               and line.endswith("(FAIR-F1-PID persistent-identifier)") for line in lines)
    assert lines[-1].startswith(f"{DRIVE}: FAIR score ")


def test_json_is_the_lint_contract_plus_a_versioned_fair_block():
    result = run("--format", "json", DRIVE, COMPLETE)
    payload = json.loads(result.output)
    assert payload["version"] == 1 and payload["files"] == [str(DRIVE), str(COMPLETE)]
    assert {f["code"] for f in payload["findings"]} >= {"FAIR-F1-PID", "FAIR-R1.1-LIC"}
    block = payload["fair"]
    assert block["version"] == 1
    assert {c["id"] for c in block["checks"]} >= {"FAIR-F1-PID", "RAI-NAMES", "FAIR-A1-RESOLVE"}
    drive = block["files"][0]
    assert set(drive["scores"]) == {"F", "A", "I", "R", "overall"}
    assert drive["entry_check"]["status"] == "fail"
    pid = next(r for r in drive["results"] if r["id"] == "FAIR-F1-PID")
    assert pid["status"] == "fail" and pid["evidence"][0]["line"] == 15


def test_fail_on_warning_fails_on_a_failed_check():
    assert run("--fail-on", "warning", DRIVE).exit_code == 1
    assert run("--fail-on", "warning", FIXTURES / "fair" / "croissant-complete.json").exit_code == 0


def test_fail_under():
    payload = json.loads(run("--format", "json", DRIVE).output)
    score = payload["fair"]["files"][0]["scores"]["overall"]
    assert run("--fail-under", score, DRIVE).exit_code == 0
    assert run("--fail-under", score + 1, DRIVE).exit_code == 1
    assert run("--fail-under", 101, DRIVE).exit_code == 2  # out of range: usage error


def test_unreadable_input_is_an_error_finding_and_exit_1(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"\x00\x01binary")
    result = run("--format", "text", bad)
    assert result.exit_code == 1 and "DS003" in result.output and "Traceback" not in result.output


def test_missing_path_is_a_usage_error():
    result = run("no/such/file.yaml")
    assert result.exit_code == 2 and "no such file or folder" in result.output


def test_folder_gives_one_report_per_datasheet():
    result = run("--format", "json", DATASHEETS)
    payload = json.loads(result.output)
    assert len(payload["fair"]["files"]) == len(list(DATASHEETS.glob("*.yaml")))


def test_offline_run_never_loads_the_network_module_or_rdflib():
    """The network lives in resolve.py and is loaded only for --online; rdflib only for JSON-LD."""
    import subprocess
    import sys

    code = (f"import sys; sys.argv = ['datasheet', 'fair', {str(DRIVE)!r}]\n"
            "from datasheet_kit.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print([m for m in ('datasheet_kit.resolve', 'urllib.request', 'rdflib') "
            "if m in sys.modules], file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stderr.strip().splitlines()[-1] == "[]", out.stderr
