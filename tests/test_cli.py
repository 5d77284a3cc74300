"""The `datasheet validate` command as users run it: exit codes, formats, folders, no path."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from datasheet_kit.cli import main

from .conftest import FIXTURES

VALID = FIXTURES / "valid" / "complete.yaml"
INVALID = FIXTURES / "invalid" / "DS104-invalid-enum-value.yaml"


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_zero_paths_checks_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 2 and "nothing to check: the folder . holds no" in result.output
    (tmp_path / "sheets").mkdir()
    (tmp_path / "sheets" / "a.yaml").write_bytes(VALID.read_bytes())
    result = run("validate")
    assert result.exit_code == 0 and "1 file checked: no problems" in result.output


def test_valid_file_exits_0():
    result = run("validate", str(VALID))
    assert result.exit_code == 0, result.output


def test_findings_exit_1_with_file_line_col():
    result = run("validate", str(INVALID))
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.startswith(f"{INVALID}:61:3: DS104 ")


def test_missing_path_is_a_usage_error():
    result = run("validate", "no/such/file.yaml")
    assert result.exit_code == 2 and "no such file or folder" in result.output


def test_unknown_option_is_a_usage_error():
    assert run("validate", "--nope").exit_code == 2


def test_folder_expands_to_yaml_files_in_stable_order():
    result = run("validate", "--format", "json", str(FIXTURES / "invalid"))
    payload = json.loads(result.output)
    assert payload["version"] == 1
    assert payload["files"] == sorted(payload["files"]) and len(payload["files"]) >= 10
    assert payload["summary"]["errors"] == len(payload["findings"])
    assert {"file", "line", "column", "code", "name", "severity", "message", "path"} <= set(
        payload["findings"][0])


def test_binary_input_is_a_finding_not_a_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"\x00\x01\x02")
    result = subprocess.run([sys.executable, "-m", "datasheet_kit", "validate", str(bad)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "DS003" in result.stdout and "Traceback" not in result.stderr


def test_every_usage_error_is_one_line_and_exit_2(tmp_path):
    """A usage error raised by the command line or by the library reads the same everywhere."""
    existing = tmp_path / "draft.yaml"
    existing.write_text("mine\n")
    cases = [
        (("validate", "no/such/file.yaml"), "no such file or folder"),
        (("lint", "--select", "DS999", str(VALID)), "unknown rule code 'DS999'"),
        (("rules", "DS999"), "unknown rule code 'DS999'"),
        (("generate", "all", str(VALID)), "several outputs need -o FOLDER"),
        (("import", str(VALID)), "already a datasheet"),
        (("import", str(FIXTURES / "cards" / "kaggle-upload.json"), "-o", str(existing)),
         "use --force"),
        (("provenance", "--hashes", "x.sha256", str(VALID)), "need a folder"),
        (("import", "hf:not-a-name"), "expected hf:OWNER/NAME"),
    ]
    for args, message in cases:
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stdout == "" and result.stderr.startswith("error: "), (args, result.stderr)
        assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
