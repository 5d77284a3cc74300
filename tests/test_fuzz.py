"""Fuzzing as a habit: real corpus documents, mutated (truncated, bytes flipped, lines shuffled,
brackets broken, spans repeated into deep nesting, bytes that are not UTF-8), must each get a
clear verdict from every command: an exit status of 0, 1 or 2, no traceback, a bounded time,
and only codes `datasheet rules` documents at the severity they are reported at.

A few dozen mutants run in-process here (fast); a handful run in their own process, so that a
crash fails the test instead of the run. bench/fuzz_documents.py runs the same on 10,000
mutants (README, "Hostile input and fuzzing").
"""

from __future__ import annotations

import importlib.util
import json
import random
import re
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from datasheet_kit.cli import main
from datasheet_kit.codes import table
from datasheet_kit.findings import Severity
from datasheet_kit.readers import passages

from .conftest import CORPUS, ROOT

SEED = 2026
MUTANTS = 36  # in-process
IN_A_PROCESS = 4
SECONDS = 20.0


def _bench():
    spec = importlib.util.spec_from_file_location("fuzz_documents",
                                                  ROOT / "bench" / "fuzz_documents.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def mutated(tmp_path_factory):
    if not (CORPUS / "MANIFEST.tsv").is_file():
        pytest.skip(f"real-document corpus not found at {CORPUS}")
    bench = _bench()
    folder = tmp_path_factory.mktemp("fuzz")
    made = bench.mutants(MUTANTS + IN_A_PROCESS, SEED, bench.sources())
    for name, _, data in made:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return bench, folder, made


def test_every_kind_of_mutation_is_exercised(mutated):
    bench, _, made = mutated
    used = {step for _, done, _ in made for step in done.split(": ")[1].split("+")}
    assert set(bench.MUTATORS) <= used


@pytest.mark.corpus
def test_mutated_documents_get_a_verdict_in_process(mutated):
    bench, folder, made = mutated
    known = table()
    for name, done, _ in made[:MUTANTS]:
        path = str(folder / name)
        for command, args in {**bench.COMMANDS, **bench.BATCHED}.items():
            started = time.perf_counter()
            result = CliRunner().invoke(main, [*args, path], env={"NO_COLOR": "1"})
            took = time.perf_counter() - started
            where = f"`datasheet {command}` on {name} ({done})"
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                f"{where} raised {result.exception!r}")
            assert result.exit_code in (0, 1, 2), f"{where} exited {result.exit_code}"
            assert took < SECONDS, f"{where} took {took:.1f} s"
            for finding in bench._findings(result.stdout):
                entry = known.get(finding["code"])
                assert entry is not None, f"{where}: {finding['code']} is not in codes.py"
                assert Severity.parse(finding["severity"]) in entry.severities, (
                    f"{where}: {finding['code']} as {finding['severity']}")


@pytest.mark.corpus
def test_mutated_documents_get_a_verdict_in_their_own_process(mutated):
    bench, folder, made = mutated
    names = [name for name, _, _ in made[MUTANTS:]]
    results = bench.run_batch(str(folder), names, SECONDS, 2048)
    assert [r["name"] for r in results] == names
    for record in results:
        assert not record["problems"], record
        assert set(record["exits"]) == {*bench.COMMANDS, *bench.BATCHED}


def test_a_crash_in_a_batch_is_found_and_named(tmp_path, monkeypatch):
    """The bench's crash isolation: a worker that dies has its batch rerun one document a
    process, and the one that killed it is named with the command it was in."""
    bench = _bench()
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text("dataset: {title: x}\n", encoding="utf-8")
    (tmp_path / "kill.yaml").write_text("dataset: {title: x}\n", encoding="utf-8")
    real = subprocess.run

    def run(args, **kwargs):  # the child dies (SIGSEGV) when its batch holds kill.yaml
        if "kill.yaml" in args[-2]:
            args = [sys.executable, "-c", "import os, signal, sys; "
                    "print('kill.yaml lint', file=sys.stderr); os.kill(os.getpid(), 11)"]
        return real(args, **kwargs)

    monkeypatch.setattr(bench.subprocess, "run", run)
    results = bench.run_batch(str(tmp_path), ["a.yaml", "kill.yaml", "b.yaml"], SECONDS, 2048)
    by_name = {r["name"]: r for r in results}
    assert not by_name["a.yaml"]["problems"] and not by_name["b.yaml"]["problems"]
    (problem,) = by_name["kill.yaml"]["problems"]
    assert "died (exit -11)" in problem and "kill.yaml lint" in problem


def test_the_linear_link_reader_matches_the_regular_expression():
    """passages.sub_links replaces the link regexes, which fuzzing found quadratic; it must
    give exactly what they gave, so that no card reads differently."""
    link = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice("[]()#\n a.x/") for _ in range(rng.randint(0, 20)))
        assert passages.sub_links(text, lambda shown: f"{shown} _link_") == \
            link.sub(r"\1 _link_", text), repr(text)
        assert passages.sub_links(text, lambda _: "", anchors_only=True) == \
            passages._ANCHOR_LINK.sub("", text), repr(text)
    started = time.perf_counter()
    passages.sub_links("[a](b" * 100_000 + "[" * 100_000, lambda shown: shown)
    assert time.perf_counter() - started < 1.0


def test_the_bench_reports_its_figure(tmp_path):
    """bench/fuzz_documents.py end to end on a few mutants: the lines the README quotes."""
    if not (CORPUS / "MANIFEST.tsv").is_file():
        pytest.skip(f"real-document corpus not found at {CORPUS}")
    out = tmp_path / "fuzz.json"
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "fuzz_documents.py"),
                             "--documents", "6", "--jobs", "1", "--seed", "3", "--json",
                             str(out)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 mutated documents from" in result.stdout
    assert "failures (crash, traceback" in result.stdout and ": 0" in result.stdout
    assert len(json.loads(out.read_text())["results"]) == 6


def test_a_hung_command_is_stopped_and_named(tmp_path):
    """A command that never returns (a regular expression stuck in C holds the GIL, so no
    Python handler could run) ends its process by SIGALRM's default action, and the document
    is named with the time it was given."""
    bench = _bench()
    code = ("import sys, time; sys.path.insert(0, sys.argv[1]); import fuzz_documents as f; "
            "import click.testing as t; t.CliRunner.invoke = lambda *a, **k: time.sleep(60); "
            "f._verdict('lint', [], ['stuck.md'], 0.2)")
    started = time.perf_counter()
    child = subprocess.run([sys.executable, "-c", code, str(ROOT / "bench")],
                           capture_output=True, text=True, timeout=60)
    assert child.returncode == -bench.signal.SIGALRM
    assert time.perf_counter() - started < 30
    assert child.stderr.strip().splitlines()[-1] == "stuck.md lint"


def test_the_linear_brace_reader_matches_the_regular_expression():
    """hf._typed_in_braces replaces a regex that fuzzing found taking minutes on a card with
    a "{{" and no "}}"; it must give exactly what that regex gave."""
    from datasheet_kit.readers.hf import _typed_in_braces

    braces = re.compile(
        r"\{\{\s*[\w.]+\s*\|(?!\s*default\()\s*([^{}|]*?[^\s{}|][^{}|]*?)\s*\}\}"
        r"|\{\{(?!\s*[\w.]+\s*(?:\||\}\}))\s*([^{}]*?[^\s{}][^{}]*?)\s*\}\}")
    atoms = ["{{", "}}", "{", "}", "|", " ", "x", "a.b", "default(", "\n", "\u2003", "yes no"]
    rng = random.Random(5)
    for _ in range(30_000):
        text = "".join(rng.choice(atoms) for _ in range(rng.randint(0, 12)))
        assert _typed_in_braces(text) == braces.sub(lambda m: m.group(1) or m.group(2),
                                                    text), repr(text)
    started = time.perf_counter()
    _typed_in_braces("{{ x | " + "word " * 200_000 + "{{ and more " * 50_000)
    assert time.perf_counter() - started < 1.0
