"""Hostile files: every one gets a clear verdict from every command, whatever PyYAML is installed.

Each file is checked by a separate `python -m datasheet_kit` process, so that a crash (PyYAML
6.0.3's C composer overflows its stack on 50,000 nested `[`: a segmentation fault, not an
exception) fails one test instead of ending the run. A verdict is an exit status of 0, 1 or 2, no
traceback, within a time limit and an address-space limit.

`make test` runs this module a second time in a small environment with the oldest PyYAML the
project allows (pyyaml==6.0.1) and, when the index has it, with 6.0.3: see the Makefile. The
module imports nothing heavy, so that environment needs only click, pyyaml, jinja2 and pytest.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from datasheet_kit.codes import table
from datasheet_kit.findings import Severity

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 60  # a hung process is killed after this
MEMORY = 1024 * 1024 * 1024  # address space of each process: 1 GiB
DEEP = 50_000


def _deep_block_map(levels: int) -> str:
    return "".join(" " * i + "a:\n" for i in range(levels)) + " " * levels + "a: 1\n"


def _alias_bomb(width: int = 10, levels: int = 9) -> str:
    text = "a0: &a0 [" + ", ".join(["lol"] * width) + "]\n"
    for level in range(1, levels):
        text += (f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]\n")
    return text


# name -> (content, the code the file must be reported with; None when any verdict will do)
HOSTILE: dict[str, tuple[bytes, str | None]] = {
    "deep-flow-open.datasheet.yaml": (b"[" * DEEP, "DS008"),
    "deep-flow-closed.yaml": (b"dataset: " + b"[" * DEEP + b"]" * DEEP + b"\n", "DS008"),
    "deep-flow-map.yaml": (b"dataset: " + b"{a: " * DEEP + b"1" + b"}" * DEEP + b"\n", "DS008"),
    "deep-block-seq.yaml": (b"- " * DEEP + b"x\n", "DS008"),
    "deep-block-map.yaml": (_deep_block_map(1_000).encode(), "DS008"),
    "alias-bomb.yaml": (_alias_bomb().encode(), "DS007"),
    "alias-recursive.yaml": (b"dataset: &a [1, *a]\n", "DS007"),
    "alias-undefined.yaml": (b"dataset: *nowhere\n", "DS005"),
    "merge-bomb.yaml": (("base: &b {" + ", ".join(f"k{i}: {i}" for i in range(500)) + "}\n"
                         + "".join(f"m{i}: {{<<: *b}}\n" for i in range(1_000))).encode(),
                        "DS007"),
    "many-keys.yaml": ("".join(f"k{i}: 1\n" for i in range(300_000)).encode(), "DS016"),
    "too-big.yaml": (b"a: " + b"x" * (5 * 1024 * 1024) + b"\n", "DS004"),
    "long-line.yaml": (b"dataset:\n  title: " + b"x" * (3 * 1024 * 1024) + b"\n", None),
    "huge-int.yaml": (b"dataset:\n  size_bytes: " + b"9" * 5_000 + b"\n", None),
    "control-char.yaml": (b"dataset:\n  title: a\x07b\n", "DS005"),
    "nul.yaml": (b"dataset:\n  title: a\x00b\n", "DS003"),
    "latin1.yaml": ("dataset:\n  title: caf\xe9\n".encode("latin-1"), "DS002"),
    "utf16.yaml": ("dataset:\n  title: x\n".encode("utf-16"), None),
    "two-documents.yaml": (b"dataset: {}\n---\ndataset: {}\n", "DS005"),
    "python-tag.yaml": (b"dataset: !!python/object/apply:os.system [echo hacked]\n", "DS011"),
    "empty.yaml": (b"", "DS009"),
    "whitespace.yaml": (b"   \n\n\t\n", None),
    "card-deep-front-matter.md": (b"---\n" + b"[" * DEEP + b"\n---\n# x\n", "DS014"),
    "card-bomb-front-matter.md": (b"---\n" + _alias_bomb().encode() + b"---\n# x\n", "DS014"),
    "card-headings.md": (b"---\nlicense: mit\n---\n" + b"## Uses\n\ntext\n" * 10_000, None),
    "card-quotes.md": (b"# x\n\n" + b">" * 100_000 + b" deep\n", None),
    "card-lists.md": (b"# x\n\n" + b"".join(b"  " * i + b"- item\n" for i in range(1_000)), None),
    "card-fences.md": (b"# x\n\n" + b"```\n## not a heading\n" * 5_000, None),
    "deep/dataset-metadata.json": (b"[" * DEEP, "DS008"),
    "deep-value/dataset-metadata.json": (b'{"title": ' + b"[" * 500 + b"]" * 500 + b"}", "DS008"),
    "huge-int/dataset-metadata.json": (b'{"title": "x", "n": ' + b"7" * 5_000 + b"}", "DS012"),
    "nan/dataset-metadata.json": (b'{"title": NaN, "id": Infinity, "licenses": -Infinity}', None),
    "wrong-shape/dataset-metadata.json": (
        b'{"title": 12, "id": ["x"], "licenses": "CC0-1.0", "keywords": {"a": 1}, '
        b'"resources": [{"path": 3, "schema": {"fields": "x"}}, 7]}', None),
    "croissant-deep.json": (b'{"@context": {"@vocab": "https://schema.org/"}, '
                            b'"@type": "sc:Dataset", "recordSet": '
                            + b"[" * 400 + b"]" * 400 + b"}", "DS008"),
    "croissant-odd.json": (b'{"@context": 7, "@type": ["sc:Dataset", 3], "@id": {}, '
                           b'"name": {"@value": null}, "conformsTo": [null], '
                           b'"distribution": {"@id": 5}, "creator": [[[]]]}', None),
}


# Run in the child process: every command on one file, in-process through click's test runner,
# which catches what a command raises; a line on stderr names the command before it starts, so
# that a crash (which ends the process) says where it happened. Prints one JSON object.
DRIVER = """
import json, sys, traceback
from click.testing import CliRunner
from datasheet_kit.cli import main
path, out = sys.argv[1], sys.argv[2]
commands = {
    "validate": ["validate", "--format", "json", path],
    "lint": ["lint", "--format", "json", path],
    "score": ["score", path],
    "fair": ["fair", "--format", "json", path],
    "provenance": ["provenance", "--format", "json", path],
    "import": ["import", path, "-o", out],
}
results = {}
for name, args in commands.items():
    print("running: datasheet " + " ".join(args), file=sys.stderr, flush=True)
    result = CliRunner().invoke(main, args)
    error = None
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        error = "".join(traceback.format_exception(*result.exc_info))
    try:
        found = json.loads(result.stdout).get("findings", [])
    except ValueError:
        found = []
    results[name] = {"exit": result.exit_code, "output": result.output[-3000:], "error": error,
                     "codes": sorted({(f["code"], f["severity"]) for f in found})}
print(json.dumps(results))
"""


def _limits() -> None:  # runs in the child, before it starts Python's work
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _child(args: list[str], what: str, cwd: Path | None = None
           ) -> subprocess.CompletedProcess[str]:
    """A child Python held to the time and memory limits; fails the calling test when it is
    killed (a crash) or times out."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), NO_COLOR="1")
    env.pop("GITHUB_ACTIONS", None)
    started = time.monotonic()
    try:
        result = subprocess.run([sys.executable, *args], capture_output=True, text=True,
                                errors="replace", env=env, timeout=SECONDS,
                                preexec_fn=_limits, cwd=cwd)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{what} took more than {SECONDS} s")
    assert result.returncode >= 0, (
        f"{what} was killed by signal {-result.returncode} (a crash) after "
        f"{time.monotonic() - started:.1f} s with PyYAML {yaml.__version__}; last command "
        f"started:\n{result.stderr[-2000:]}")
    return result


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m datasheet_kit ARGS` in its own process; fails the calling test unless it ends
    with a verdict (0, 1 or 2) and no traceback."""
    command = f"datasheet {' '.join(map(str, args))}"
    result = _child(["-m", "datasheet_kit", *map(str, args)], f"`{command}`", cwd)
    assert result.returncode in (0, 1, 2), f"`{command}` exited {result.returncode}:\n" \
        f"{result.stderr[-2000:]}"
    assert "Traceback" not in result.stderr, f"`{command}` raised:\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, (data, _) in HOSTILE.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_every_command_gives_the_file_a_verdict(hostile: Path, name: str, tmp_path: Path
                                                ) -> None:
    """validate, lint, score, fair, provenance and import, one process for the file."""
    child = _child(["-c", DRIVER, str(hostile / name), str(tmp_path / "draft.yaml")],
                   f"the commands on {name}")
    assert child.returncode == 0, child.stderr[-3000:]
    results = json.loads(child.stdout.strip().splitlines()[-1])
    known = table()
    for command, result in results.items():
        assert result["error"] is None, f"`datasheet {command}` on {name}:\n{result['error']}"
        assert result["exit"] in (0, 1, 2), f"`datasheet {command}` on {name}: {result}"
        for code, severity in result["codes"]:  # `datasheet rules` documents what is said
            assert code in known and Severity.parse(severity) in known[code].severities, (
                f"`datasheet {command}` on {name} reports {code} as {severity}")
    code = HOSTILE[name][1]
    if code is not None:
        assert code in {c for c, _ in results["lint"]["codes"]}, results["lint"]["output"]
        assert results["lint"]["exit"] == 1 and results["validate"]["exit"] == 1


def test_the_yaml_limits_are_named_with_their_place(hostile: Path) -> None:
    out = run("validate", hostile / "deep-flow-open.datasheet.yaml",
              hostile / "alias-bomb.yaml", hostile / "many-keys.yaml").stdout
    assert "deeper than the limit of 64 levels" in out
    assert "alias-bomb.yaml:" in out and "more than the limit of 200,000 values" in out
    # 300,000 plain keys are too many values, not an alias bomb
    assert "many-keys.yaml:100000:" in out and "DS016" in out
    assert "alias" not in next(line for line in out.splitlines() if "many-keys" in line)


@pytest.mark.parametrize("data", [
    b"name,url\n\x00\x01\x02,x\n",
    b"name,url\n" + b"x" * 300_000 + b",y\n",
    b'name,url\n"unclosed,x\n',
    "name,url\ncaf\xe9,x\n".encode("latin-1"),
    b"\xff\xfe" + "name,url\n".encode("utf-16-le"),
    b"",
    b"name" + b",x" * 100_000 + b"\n",
], ids=["nul", "huge-field", "open-quote", "latin1", "utf16", "empty", "wide"])
def test_provenance_gives_each_listing_table_a_verdict(tmp_path: Path, data: bytes) -> None:
    table = tmp_path / "listings.csv"
    table.write_bytes(data)
    run("provenance", "--listings", table)


def test_generate_refuses_a_hostile_readme_to_update(hostile: Path, tmp_path: Path) -> None:
    """`generate hf-card -o README.md` merges the README's front matter: a hostile one is a
    refusal (exit 2), not a crash."""
    for name in ("card-deep-front-matter.md", "card-bomb-front-matter.md"):
        readme = tmp_path / "README.md"
        readme.write_bytes(HOSTILE[name][0] + b"<!-- datasheet-kit:begin card -->\n"
                           b"<!-- datasheet-kit:end -->\n")
        result = run("generate", "hf-card", ROOT / "datasheets" / "ham10000.yaml", "-o", readme)
        assert result.returncode == 2, result.stderr


def test_the_raw_composer_is_what_the_walk_guards(tmp_path: Path) -> None:
    """What the guard is for: PyYAML's own composer on the deep file dies (6.0.1-6.0.3 with
    libyaml) or raises (6.0.4 stops at 1,000 levels; pure Python hits the recursion limit).
    Our loader gives a finding in every case (the tests above)."""
    deep = tmp_path / "deep.yaml"
    deep.write_bytes(b"[" * DEEP)
    probe = ("import sys, yaml\n"
             "try:\n"
             "    loader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)\n"
             "    yaml.compose(open(sys.argv[1]).read(), Loader=loader)\n"
             "except (yaml.YAMLError, RecursionError):\n"
             "    sys.exit(3)\n")
    result = subprocess.run([sys.executable, "-c", probe, str(deep)], capture_output=True,
                            timeout=SECONDS)
    if yaml.__version__ in ("6.0.1", "6.0.2", "6.0.3") and yaml.__with_libyaml__:
        assert result.returncode < 0, "this PyYAML was expected to crash on deep nesting"
    else:  # it refuses the file one way or another; it never accepts it
        assert result.returncode != 0
