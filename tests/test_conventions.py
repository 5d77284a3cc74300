"""Conventions hooks and CI rely on: -q/--quiet, colour (NO_COLOR, FORCE_COLOR), the github
format on every command that reports findings, a versioned `rules --format json`, and generated
Croissant that mlcroissant reads without a warning."""

from __future__ import annotations

import json
import logging

import pytest
from click.testing import CliRunner

from datasheet_kit import codes
from datasheet_kit.cli import main
from datasheet_kit.inputs import load_document
from datasheet_kit.reporters import use_color
from datasheet_kit.writers import generate

from .conftest import DATASHEETS, FIXTURES, ROOT

WARNED = FIXTURES / "lint" / "kaggle-copy.yaml"  # errors and warnings
INVALID = FIXTURES / "invalid" / "DS104-invalid-enum-value.yaml"
CLEAN_ENV = {"GITHUB_ACTIONS": "", "NO_COLOR": "", "FORCE_COLOR": ""}


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env={**CLEAN_ENV, **(env or {})})


def test_quiet_keeps_errors_and_the_summary_of_everything():
    loud = run("lint", "--format", "concise", WARNED)
    quiet = run("lint", "--format", "concise", "-q", WARNED)
    assert loud.exit_code == quiet.exit_code == 1
    summary = loud.output.splitlines()[-1]
    assert quiet.output.splitlines()[-1] == summary and "warning" in summary
    found = json.loads(run("lint", "--format", "json", WARNED).output)["findings"]
    errors = [f"{f['file']}:{f['line']}:{f['column']}: {f['code']} {f['message']}"
              for f in found if f["severity"] == "error"]
    assert errors and len(errors) < len(found)
    assert quiet.output.splitlines()[:-1] == errors


@pytest.mark.parametrize("command", [
    ["validate", INVALID], ["lint", INVALID], ["fair", "--format", "text", INVALID],
    ["provenance", ROOT / "examples" / "skin-lesions-256-copy.yaml"],
    ["check-splits", ROOT / "examples" / "splits.csv", "--patient-column", "patient",
     "--split-column", "split", "--image-column", "image"],
])
def test_quiet_on_every_command_that_reports_findings(command):
    result = run(*command, "--quiet")
    assert result.exit_code in (0, 1, 2), result.output
    assert " warning " not in result.output and "  warning  " not in result.output


@pytest.mark.parametrize("command", [
    ["validate", INVALID], ["lint", INVALID], ["fair", INVALID],
    ["provenance", ROOT / "examples" / "skin-lesions-256-copy.yaml"],
    ["check-splits", ROOT / "examples" / "splits.csv", "--patient-column", "patient",
     "--split-column", "split"],
])
def test_github_format_on_every_command_that_reports_findings(command):
    result = run(*command[:1], "--format", "github", *command[1:])
    assert result.exit_code in (0, 1), result.output
    annotations = [line for line in result.output.splitlines() if line.startswith("::")]
    assert annotations and all(line.split(" ", 1)[0] in ("::error", "::warning", "::notice")
                               for line in annotations)
    assert all("file=" in line and "line=" in line for line in annotations)


def test_github_is_the_default_under_github_actions():
    result = run("validate", INVALID, env={"GITHUB_ACTIONS": "true"})
    assert result.output.startswith("::error file=")


@pytest.mark.parametrize(("env", "tty", "wanted"), [
    ({}, False, False), ({}, True, True),
    ({"NO_COLOR": "1"}, True, False),
    ({"FORCE_COLOR": "1"}, False, True),
    ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),  # NO_COLOR wins, as in pytest
    ({"FORCE_COLOR": "0"}, False, False),
    ({"TERM": "dumb"}, True, False),
])
def test_colour_follows_the_terminal_no_color_and_force_color(monkeypatch, env, tty, wanted):
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    class Stream:
        def isatty(self):
            return tty

    assert use_color(Stream()) is wanted


def test_colour_paints_the_text_and_nothing_else():
    painted = run("lint", INVALID, env={"FORCE_COLOR": "1"}).output
    plain = run("lint", INVALID).output
    assert "\x1b[1;31m" in painted and "\x1b[" not in plain
    assert "\x1b[" not in run("lint", "--format", "json", INVALID,
                              env={"FORCE_COLOR": "1"}).output
    unpainted = painted
    for code in ("\x1b[1;31m", "\x1b[33m", "\x1b[36m", "\x1b[1m", "\x1b[2m", "\x1b[0m"):
        unpainted = unpainted.replace(code, "")
    assert unpainted == plain


def test_rules_json_is_versioned_and_lists_every_code():
    payload = json.loads(run("rules", "--format", "json").output)
    assert payload["version"] == codes.RULES_FORMAT_VERSION
    assert payload["tool"]["name"] == "datasheet-kit" and payload["tool"]["version"]
    listed = {entry["code"]: entry for entry in payload["codes"]}
    assert set(listed) == set(codes.table())
    assert listed["DS016"]["severity"] == "error" and listed["DS017"]["severity"] == "warning"


@pytest.fixture(scope="module")
def mlc():
    return pytest.importorskip("mlcroissant")


@pytest.mark.parametrize("source", [FIXTURES / "valid" / "complete.yaml",
                                    *sorted(DATASHEETS.glob("*.yaml"))],
                         ids=lambda p: p.name)
def test_generated_croissant_raises_no_mlcroissant_warning(mlc, caplog, source):
    doc = json.loads(generate("croissant", load_document(source)).text)
    with caplog.at_level(logging.WARNING):
        dataset = mlc.Dataset(jsonld=doc)
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "not standard" not in logged, logged
    warnings = dataset.metadata.ctx.issues.warnings
    # What mlcroissant may still say is about the data, not the writer: a datasheet without a
    # version or licence, or a version that is not SemVer ("2020 challenge release"). The
    # complete fixture gives everything, so it draws no warning at all.
    assert all("is recommended, but does not exist" in w or "MAJOR.MINOR.PATCH" in w
               for w in warnings), warnings
    if source.name == "complete.yaml":
        assert not warnings
