"""The README's datasheet example validates, and its walk from `init` to a published card works
as written (issue 12): the commands are read from the README and run as a user would run them."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
WALK_HEADING = "### From nothing to a published card"
BIN = Path(sys.executable).parent


def _blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", text, flags=re.S | re.M)


def _section(heading: str) -> str:
    start = README.index(heading)
    end = README.find("\n#", start + len(heading))
    return README[start:end if end > 0 else None]


def _console(block: str) -> list[tuple[str, list[str]]]:
    """(command, the output lines the README shows under it) for each `$ ` line."""
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:].split("  #")[0].strip(), []))
        elif steps and line.strip():
            steps[-1][1].append(line)
    return steps


def _run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    argv = shlex.split(command)
    assert argv[0] == "datasheet", command
    return subprocess.run([str(BIN / "datasheet"), *argv[1:]], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def _answer(text: str, answers: dict) -> str:
    """Replace the skeleton's lines for these questions, as a person editing the file would:
    comments and every other question stay as they are."""
    lines = text.split("\n")
    for section, fields in answers.items():
        start = lines.index(f"{section}:")
        for key, value in fields.items():
            at = next(i for i in range(start + 1, len(lines))
                      if lines[i].startswith(f"  {key}:"))
            end = at + 1
            while end < len(lines) and lines[end].startswith("    "):
                end += 1
            dumped = yaml.safe_dump({key: value}, sort_keys=False, allow_unicode=True,
                                    default_flow_style=False, width=1000).rstrip("\n")
            lines[at:end] = ["  " + line for line in dumped.split("\n")]
    return "\n".join(lines)


def test_the_readme_example_is_a_complete_datasheet_that_validates(tmp_path):
    example = _blocks(_section("## Writing a datasheet"), "yaml")[0]
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    data = yaml.safe_load(example)
    assert {"dataset", "motivation", "composition", "collection", "preprocessing", "uses",
            "distribution", "maintenance", "medical_imaging"} <= set(data)
    result = _run(f"datasheet validate {path}", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "1 file checked: no problems"


def test_the_readme_walk_from_init_to_a_card_that_huggingface_hub_loads(tmp_path):
    huggingface_hub = pytest.importorskip("huggingface_hub")
    walk = _section(WALK_HEADING)
    first, second = (_console(block) for block in _blocks(walk, "console"))
    answers = yaml.safe_load(_blocks(walk, "yaml")[0])
    commands = [command for command, _ in first + second]
    assert [c.split()[1] for c in commands] == ["init", "validate", "validate", "lint",
                                                "generate"]
    for command, shown in first:
        result = _run(command, tmp_path)
        assert result.returncode == 0, (command, result.stderr)
        assert (result.stdout + result.stderr).strip().splitlines() == shown, command
    skeleton = tmp_path / "datasheet.yaml"
    skeleton.write_text(_answer(skeleton.read_text(encoding="utf-8"), answers),
                        encoding="utf-8")
    results = {}
    for command, shown in second:
        result = results[command.split()[1]] = _run(command, tmp_path)
        if shown:
            assert result.stdout.strip().splitlines() == shown, command
    assert results["validate"].returncode == 0
    assert results["lint"].returncode in (0, 1)  # it lists what is left
    assert "DS203" in results["lint"].stdout
    assert results["generate"].returncode == 0, results["generate"].stderr
    card = huggingface_hub.DatasetCard.load(tmp_path / "README.md")
    assert card.data.pretty_name == answers["dataset"]["title"]
    assert card.data.license == "cc-by-4.0"
    assert answers["motivation"]["purpose"] in card.text
