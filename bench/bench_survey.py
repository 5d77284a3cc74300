"""`datasheet survey` over the HF cards of the corpus, beside two parsers of the same cards.

    python bench/bench_survey.py [--runs N] [--cards DIR]

Every command is a whole new process over the same cards (reading every file), timed
round-robin; the table gives the median wall-clock time, cards per second per core (a run with
--jobs 2 uses two cores), and cards per CPU-second, which stays honest on a busy machine.
The anchors only parse: markdown-it-py at block level (the Markdown structure, no inline
parsing) and huggingface_hub.DatasetCard (front matter only). `datasheet survey` reads
front matter and sections, maps them through the crosswalk, judges every answer and writes its
tables and chart.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _timing import tool

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("DATASHEET_CORPUS", ROOT.parent / "shared" / "corpus"))

MARKDOWN_IT = """
import sys
from pathlib import Path
from markdown_it import MarkdownIt
md = MarkdownIt("commonmark")
md.disable("inline")  # block level only
for path in sorted(Path(sys.argv[1]).glob("*.md")):
    md.parse(path.read_text(encoding="utf-8"))
"""
DATASET_CARD = """
import sys
from pathlib import Path
from huggingface_hub import DatasetCard
for path in sorted(Path(sys.argv[1]).glob("*.md")):
    DatasetCard(path.read_text(encoding="utf-8"), ignore_metadata_errors=True)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cards", type=Path, default=CORPUS / "hf")
    args = parser.parse_args()
    cards = sorted(args.cards.glob("*.md"))
    if not cards:
        sys.exit(f"no cards in {args.cards} (set DATASHEET_CORPUS or pass --cards)")
    datasheet = tool("datasheet")
    if datasheet is None:
        sys.exit("datasheet is not installed in this environment (run `make bench`)")
    out = tempfile.mkdtemp(prefix="bench-survey-")
    folder = str(args.cards)
    commands = {
        "datasheet survey --jobs 1": [datasheet, "survey", "-j", "1", "-o", out + "/1", folder],
        "datasheet survey --jobs 2": [datasheet, "survey", "-j", "2", "-o", out + "/2", folder],
        "markdown-it-py, block level": [sys.executable, "-c", MARKDOWN_IT, folder],
        "huggingface_hub DatasetCard": [sys.executable, "-c", DATASET_CARD, folder],
    }
    cores = {name: 2 if "--jobs 2" in name else 1 for name in commands}
    wall, cpu = measure(commands, args.runs)
    print(f"# {len(cards)} cards from {args.cards}, {args.runs} runs each, whole processes, "
          f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f} at the end\n")
    print("| command | wall median (s) | cards/s | cards/s per core | cards per CPU-second |")
    print("|---|---:|---:|---:|---:|")
    for name in commands:
        median = statistics.median(wall[name])
        rate = len(cards) / median
        per_cpu = len(cards) / statistics.median(cpu[name])
        print(f"| {name} | {median:.2f} | {rate:.0f} | {rate / cores[name]:.0f} | {per_cpu:.0f} |")
    one = statistics.median(wall["datasheet survey --jobs 1"])
    two = statistics.median(wall["datasheet survey --jobs 2"])
    print(f"\nspeed-up with 2 jobs: {one / two:.2f}x (wall clock)")


def measure(commands: dict[str, list[str]], runs: int) -> tuple[dict, dict]:
    """Wall-clock and CPU seconds (user + system, all processes) of each command, round-robin.

    CPU seconds do not depend on what else the machine is doing; wall-clock time does.
    """
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    # As _timing.time_commands: the .pyc files are written once and read after, as an installed
    # package has them, even where PYTHONDONTWRITEBYTECODE is set.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for cmd in commands.values():  # warm the file cache and .pyc files once
        subprocess.run(cmd, capture_output=True, env=env)
    for _ in range(runs):
        for name, cmd in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True, env=env)
            wall[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall, cpu

if __name__ == "__main__":
    main()
