"""Fuzzing: real documents, mutated, and every command must still give a clear verdict.

    python bench/fuzz_documents.py [--documents 10000] [--seed 11] [--jobs 2] [--json FILE]

Takes the real documents of the corpus (../shared/corpus: Hugging Face cards, Kaggle metadata,
Croissant files) and the reference datasheets of datasheets/, and mutates each copy one to
three times: truncation, byte flips, shuffled lines, broken brackets and quotes, a span
repeated (nesting that runs deep), bytes that are not UTF-8, control characters, two documents
spliced. Each mutant goes through `datasheet lint`, `validate`, `score`, `fair` and
`provenance`, in-process through click's test runner, in worker processes that each hold a
batch: a verdict is an exit status of 0, 1 or 2, no exception (a traceback), at most
--seconds per command and a worker's memory under --memory MB. A worker that dies (a crash)
has its batch rerun one document a process, so the document that killed it is named. Every
code reported must be in `datasheet rules` with the severity it was reported at.

Prints the tally and the failures; exit status 1 when any document failed. tests/test_fuzz.py
runs a few dozen mutants of the same kinds in `make test`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("DATASHEET_CORPUS", ROOT.parent / "shared" / "corpus"))
# Run on each document alone; provenance takes a whole batch in one call (it loads the
# reference datasheets each time it starts), and a batch that fails is retried one by one.
COMMANDS = {
    "lint": ["lint", "--format", "json"],
    "validate": ["validate", "--format", "json"],
    "score": ["score", "--format", "json"],
    "fair": ["fair", "--format", "json"],
}
# A command still running after HARD_LIMIT times its time budget ends the child process: the
# batch is then run again one document per process, to name the document.
HARD_LIMIT = 3
BATCHED = {"provenance": ["provenance", "--format", "json"]}


# ------------------------------------------------------------------------------ the mutators

def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(len(data) + 1)]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def shuffle_lines(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    if len(lines) > 2:
        start = rng.randrange(len(lines))
        window = lines[start:start + rng.randint(2, 40)]
        rng.shuffle(window)
        lines[start:start + len(window)] = window
    return b"\n".join(lines)


_STRUCTURE = [b"{", b"}", b"[", b"]", b":", b",", b'"', b"'", b"---\n", b"- ", b"&a ", b"*a",
              b"!!python/object ", b"<<: ", b"\t", b"\n  ", b"#", b"|", b">", b"%YAML 1.1\n"]


def break_brackets(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(out) + 1)
        if rng.random() < 0.3 and out:
            del out[min(at, len(out) - 1)]
        else:
            out[at:at] = rng.choice(_STRUCTURE)
    return bytes(out)


def repeat_span(data: bytes, rng: random.Random) -> bytes:
    """A span (or an opening bracket) repeated many times: deep nesting, long lines."""
    at = rng.randrange(len(data) + 1)
    span = rng.choice([b"[", b"{", b"- ", b"  a:\n" + b" " * 2, data[at:at + rng.randint(1, 64)]])
    return data[:at] + span * rng.choice([10, 100, 1_000, 20_000]) + data[at:]


def bad_encoding(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    junk = rng.choice([b"\xff\xfe", b"\x00", b"\xc3", b"\xe2\x82", b"\xef\xbb\xbf", b"\x1b[2J",
                       "\u202e\u0000\ufffe".encode("utf-8", "surrogatepass"), b"\r", b"\x85"])
    return data[:at] + junk + data[at:]


def splice(data: bytes, rng: random.Random, other: bytes = b"") -> bytes:
    cut, cut_other = rng.randrange(len(data) + 1), rng.randrange(len(other) + 1)
    return data[:cut] + other[cut_other:]


MUTATORS = {f.__name__: f for f in (truncate, flip_bytes, shuffle_lines, break_brackets,
                                    repeat_span, bad_encoding)}


def sources() -> list[Path]:
    """The documents to mutate: the corpus's cards, Kaggle and Croissant files, and the
    reference datasheets (names kept, so that each mutant is read as its kind)."""
    found = sorted((ROOT / "datasheets").glob("*.yaml"))
    for folder in ("hf", "kaggle", "croissant"):
        found += sorted(p for p in (CORPUS / folder).glob("*") if p.is_file())
    return found


def mutants(count: int, seed: int, pool: list[Path]) -> list[tuple[str, str, bytes]]:
    """(name, what was done, bytes) for `count` mutants, the same for the same seed."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        source = pool[rng.randrange(len(pool))]
        data = source.read_bytes()
        done = []
        for _ in range(rng.randint(1, 3)):
            if rng.random() < 0.1:
                other = pool[rng.randrange(len(pool))].read_bytes()
                data, name = splice(data, rng, other), "splice"
            else:
                name = rng.choice(list(MUTATORS))
                data = MUTATORS[name](data, rng)
            done.append(name)
        suffix = "".join(source.suffixes[-1:]) or ".txt"
        # Kaggle metadata is recognised by its name; the others by suffix and content.
        stem = "dataset-metadata" if source.parent.name == "kaggle" else f"m{i:05d}"
        out.append((f"{i:05d}/{stem}{suffix}", f"{source.name}: {'+'.join(done)}", data))
    return out


# ------------------------------------------------------------------------ one batch, in a child

def _verdict(command: str, args: list[str], paths: list[str], seconds: float
             ) -> tuple[int, list[str], float]:
    """(exit status, problems, seconds) of one command on `paths`, in this process."""
    from click.testing import CliRunner

    from datasheet_kit.cli import main
    from datasheet_kit.codes import table
    from datasheet_kit.findings import Severity

    print(f"{paths[0] if len(paths) == 1 else 'a batch'} {command}", file=sys.stderr,
          flush=True)  # the last line on stderr names what a crash happened in
    started = time.perf_counter()
    # A hard limit the child cannot miss: SIGALRM's default action ends the process even while
    # a regular expression holds the GIL in C (a Python-level handler would wait for it).
    signal.setitimer(signal.ITIMER_REAL, seconds * HARD_LIMIT * max(1, len(paths) // 10))
    try:
        result = CliRunner().invoke(main, [*args, *paths], env={"NO_COLOR": "1"})
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    took = time.perf_counter() - started
    problems = []
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        problems.append(f"{command}: raised {type(result.exception).__name__}: "
                        f"{str(result.exception)[:200]}")
    elif result.exit_code not in (0, 1, 2):
        problems.append(f"{command}: exit {result.exit_code}")
    if took > seconds * len(paths):
        problems.append(f"{command}: took {took:.1f} s")
    known = table()
    for finding in _findings(result.stdout):
        entry = known.get(finding["code"])
        if entry is None:
            problems.append(f"{command}: {finding['code']} is not in codes.py")
        elif Severity.parse(finding["severity"]) not in entry.severities:
            problems.append(f"{command}: {finding['code']} reported as {finding['severity']}, "
                            "documented otherwise")
    return result.exit_code, problems, took


def check_batch(folder: str, names: list[str], seconds: float) -> list[dict]:
    """Run every command on every file of the batch, in this process (the child)."""
    paths = {name: str(Path(folder) / name) for name in names}
    records = {name: {"name": name, "problems": [], "exits": {}, "seconds": 0.0}
               for name in names}
    for name, path in paths.items():
        record = records[name]
        for command, args in COMMANDS.items():
            code, problems, took = _verdict(command, args, [path], seconds)
            record["exits"][command] = code
            record["problems"] += problems
            record["seconds"] = max(record["seconds"], took)
    for command, args in BATCHED.items():
        code, problems, _ = _verdict(command, args, list(paths.values()), seconds)
        if problems and len(names) > 1:  # find the document it was
            for name, path in paths.items():
                code, problems, _ = _verdict(command, args, [path], seconds)
                records[name]["exits"][command] = code
                records[name]["problems"] += problems
        else:
            for record in records.values():
                record["exits"][command] = code
                record["problems"] += problems
    return list(records.values())


def _findings(stdout: str) -> list[dict]:
    """The findings of a command's JSON output (`unreadable` for score)."""
    try:
        payload = json.loads(stdout)
    except ValueError:
        return []
    if not isinstance(payload, dict):
        return []
    out: list[dict] = []
    for key in ("findings", "unreadable"):
        items = payload.get(key)
        if isinstance(items, list):
            out += [f for f in items if isinstance(f, dict) and "code" in f]
    return out


def _limit_memory(megabytes: int) -> None:
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def run_batch(folder: str, names: list[str], seconds: float, memory: int) -> list[dict]:
    """One child process for the batch; when it dies, one process per document of it."""
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]); import fuzz_documents as f; "
            "print(json.dumps(f.check_batch(sys.argv[2], json.loads(sys.argv[3]), "
            "float(sys.argv[4]))))")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    child = subprocess.run(
        [sys.executable, "-c", code, str(Path(__file__).parent), folder, json.dumps(names),
         str(seconds)], capture_output=True, text=True, env=env,
        preexec_fn=lambda: _limit_memory(memory),
        timeout=seconds * HARD_LIMIT * len(COMMANDS) * len(names) + 60)
    if child.returncode == 0:
        records: list[dict] = json.loads(child.stdout.strip().splitlines()[-1])
        return records
    if len(names) > 1:
        return [r for name in names for r in run_batch(folder, [name], seconds, memory)]
    last = (child.stderr.strip().splitlines() or ["?"])[-1]
    how = (f"was stopped after {seconds * HARD_LIMIT:g} s" if child.returncode == -signal.SIGALRM
           else f"died (exit {child.returncode})")
    return [{"name": names[0], "exits": {}, "seconds": 0.0,
             "problems": [f"the process {how} during `{last}`: "
                          f"{child.stderr.strip()[-300:]}"]}]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=20.0, help="per command and document")
    parser.add_argument("--memory", type=int, default=2048, help="MB of address space a worker")
    parser.add_argument("--json", type=Path, help="write every result here")
    args = parser.parse_args()
    pool = sources()
    if not pool:
        sys.exit(f"no documents to mutate: is the corpus at {CORPUS}?")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        made = mutants(args.documents, args.seed, pool)
        what = {}
        for name, done, data in made:
            path = Path(folder) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            what[name] = done
        names = [name for name, _, _ in made]
        batches = [names[i:i + args.batch] for i in range(0, len(names), args.batch)]
        with ThreadPoolExecutor(args.jobs) as pool_:
            results = [r for batch in pool_.map(
                lambda b: run_batch(folder, b, args.seconds, args.memory), batches) for r in batch]
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # kB on Linux
    failed = [r for r in results if r["problems"]]
    exits = Counter(f"{c} {e}" for r in results for c, e in r["exits"].items()
                    if c not in BATCHED)
    kinds = Counter(what[r["name"]].split(": ")[1].split("+")[0] for r in results)
    slowest = max((r["seconds"] for r in results), default=0.0)
    print(f"{len(results):,} mutated documents from {len(pool)} real ones (seed {args.seed}), "
          f"{len(COMMANDS) + len(BATCHED)} commands each "
          f"({', '.join([*COMMANDS, *BATCHED])}), {elapsed:.0f} s with {args.jobs} workers")
    print(f"failures (crash, traceback, exit outside 0-2, over {args.seconds:g} s, a code "
          f"codes.py lacks): {len(failed)}")
    print(f"slowest command on one document: {slowest:.2f} s; peak memory of a worker "
          f"process: {peak:.0f} MB (limit {args.memory:,} MB)")
    print("first mutation: " + ", ".join(f"{k} {v:,}" for k, v in sorted(kinds.items())))
    print("exit statuses: " + ", ".join(f"{k}: {v:,}" for k, v in sorted(exits.items())))
    for record in failed[:20]:
        print(f"  {record['name']} ({what[record['name']]}): {'; '.join(record['problems'])}")
    if args.json:
        args.json.write_text(json.dumps({"results": results, "what": what}, indent=1),
                             encoding="utf-8")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
