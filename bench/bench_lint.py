"""`datasheet lint` from a cold start beside yamllint, and files per second over a large batch.

    python bench/bench_lint.py [--runs N] [--file DATASHEET] [--generated 200]

1. One complete datasheet: `datasheet lint FILE` and `yamllint FILE`, each a whole new process,
   timed round-robin; the table shows the median. yamllint checks YAML style only; lint does
   the schema and every rule.
2. One call over datasheets/ (when present) plus N generated datasheets: files per second.
   The generated files are the test fixtures with their answers varied (a seeded random subset
   of questions left out, counts changed), so that the rules have something to find.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import tempfile
from pathlib import Path

import yaml

from _timing import table, time_commands, tool

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def default_file() -> Path:
    real = ROOT / "datasheets" / "ham10000.yaml"
    return real if real.exists() else FIXTURES / "lint" / "clean.yaml"


def generate(folder: Path, count: int, seed: int = 1) -> None:
    """`count` datasheets made from the fixtures, each different from the others."""
    rng = random.Random(seed)
    bases = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in
             (FIXTURES / "lint" / "clean.yaml", FIXTURES / "lint" / "kaggle-copy.yaml",
              FIXTURES / "valid" / "complete.yaml", FIXTURES / "valid" / "no-people.yaml")]
    for index in range(count):
        data = yaml.safe_load(yaml.safe_dump(rng.choice(bases)))
        data["dataset"]["title"] = f"Generated dataset {index}"
        for section in ("motivation", "composition", "collection", "uses", "maintenance"):
            questions = [q for q in data.get(section, {}) if q != "relates_to_people"]
            for question in rng.sample(questions, k=min(len(questions), rng.randint(0, 2))):
                data[section][question] = rng.choice(["[More Information Needed]", "TBD"])
        if "medical_imaging" in data:
            data["medical_imaging"]["num_patients"] = rng.randint(50, 400)
        (folder / f"generated-{index:03}.yaml").write_text(
            yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--file", type=Path, default=default_file())
    parser.add_argument("--generated", type=int, default=200)
    args = parser.parse_args()
    datasheet, yamllint = tool("datasheet"), tool("yamllint")
    if not datasheet or not yamllint:
        sys.exit("not installed: datasheet and yamllint (run `make bench`)")

    target = str(args.file)
    cold = time_commands({"datasheet lint": [datasheet, "lint", target],
                          "yamllint": [yamllint, target]},
                         {"datasheet lint": args.runs, "yamllint": args.runs})
    print(f"# lint, cold start: {args.file.name}, {args.runs} runs, "
          f"Python {platform.python_version()}, {platform.machine()}\n")
    print(table(cold, "yamllint"))

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        generate(folder, args.generated)
        paths = [str(folder)]
        if (ROOT / "datasheets").is_dir():
            paths.insert(0, str(ROOT / "datasheets"))
        files = sum(len(list(Path(p).rglob("*.yaml"))) for p in paths)
        runs = max(3, args.runs // 4)
        batch = time_commands({"datasheet lint": [datasheet, "lint", "--format", "json", *paths],
                               "yamllint": [yamllint, *paths]},
                              {"datasheet lint": runs, "yamllint": runs})
    print(f"\n# lint, one call over {files} files "
          f"({'datasheets/ + ' if len(paths) == 2 else ''}{args.generated} generated), "
          f"{runs} runs\n")
    print("| command | median (s) | files per second |")
    print("|---|---:|---:|")
    for name, values in batch.items():
        median = statistics.median(values)
        print(f"| {name} | {median:.2f} | {files / median:.0f} |")


if __name__ == "__main__":
    main()
