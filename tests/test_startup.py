"""The cold path of `datasheet lint`, held to a budget of imported modules.

A cold `datasheet lint` is mostly imports (bench/bench_lint.py, README "Speed of validate and
lint"). Counting modules is deterministic where timing a loaded machine is not, and it catches the
regressions that matter: a heavy library, the licence readers and their table of spellings, the
TOML parser or a command's modules loaded on every run.
"""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import FIXTURES
from .test_schema import HEAVY

# A clean datasheet whose licence is a current SPDX id, as most are.
CLEAN = FIXTURES / "lint" / "clean.yaml"
# 162 modules (interpreter, click, PyYAML and ours) when the budget was set; loading jinja2 adds
# about 25, the licence readers 7, tomllib 5.
BUDGET = 175
# What the lint of such a datasheet never needs.
NOT_ON_THE_LINT_PATH = (*HEAVY, "tomllib", "textwrap", "difflib", "urllib.request",
                        "datasheet_kit.readers", "datasheet_kit.writers", "datasheet_kit.score",
                        "datasheet_kit.fair", "datasheet_kit.jsontext", "datasheet_kit.jsonld",
                        "datasheet_kit.licenses.reading", "datasheet_kit.licenses.copies")


def modules_after_lint(cwd, *paths) -> list[str]:
    code = (f"import json, sys; sys.argv = ['datasheet', 'lint', *{list(map(str, paths))!r}]\n"
            "from datasheet_kit.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(json.dumps(sorted(sys.modules)), file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd)
    return json.loads(out.stderr.strip().splitlines()[-1])


def test_lint_imports_stay_within_budget(tmp_path):
    loaded = modules_after_lint(tmp_path, CLEAN)
    assert "datasheet_kit.rules.license" in loaded  # the rules did run
    assert len(loaded) <= BUDGET, f"{len(loaded)} modules imported, budget {BUDGET}"
    found = [m for m in loaded if m.split(".")[0] in NOT_ON_THE_LINT_PATH
             or any(m == n or m.startswith(n + ".") for n in NOT_ON_THE_LINT_PATH)]
    assert found == []


def test_the_configuration_is_parsed_when_there_is_one(tmp_path):
    """The TOML parser stays out only when pyproject.toml cannot hold [tool.datasheet]."""
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n[tool.ruff]\nline-length = 99\n')
    assert "tomllib" not in modules_after_lint(tmp_path, CLEAN)
    pyproject.write_text('[tool]\ndatasheet.ignore = ["DS212"]\n')
    assert "tomllib" in modules_after_lint(tmp_path, CLEAN)


def test_a_licence_not_written_as_an_spdx_id_still_reads_the_table(tmp_path):
    spelt = tmp_path / "spelt.yaml"
    text = CLEAN.read_text(encoding="utf-8")
    spelt.write_text(text.replace("spdx: CC-BY-4.0", "spdx: cc-by-4.0"), encoding="utf-8")
    assert "datasheet_kit.licenses.reading" in modules_after_lint(tmp_path, spelt)
