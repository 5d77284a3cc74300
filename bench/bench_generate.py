"""`datasheet generate`: time per datasheet for all four outputs, and the pre-commit cold start.

    python bench/bench_generate.py [--runs N] [--folder DATASHEETS]

1. One `datasheet generate all FOLDER -o TMP` process writes the HF card, Croissant, Kaggle
   metadata and Markdown datasheet for every datasheet in FOLDER; the time is divided by the
   number of datasheets (median of --runs whole runs).
2. `datasheet generate hf-card DATASHEET -o README.md --check` on an up-to-date card, as the
   `datasheet-card` pre-commit hook runs it, beside `yamllint DATASHEET` and
   `python -c "import jinja2"`, round-robin in the same run. The budget is the sum of the two
   anchors' medians: yamllint's cold start plus the Jinja2 import.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _timing import table, time_commands, tool

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--folder", type=Path, default=ROOT / "datasheets")
    args = parser.parse_args()
    sheets = sorted(args.folder.glob("*.yaml"))
    if not sheets:
        sys.exit(f"no datasheets in {args.folder}")
    datasheet, yamllint = tool("datasheet"), tool("yamllint")
    if not datasheet or not yamllint:
        sys.exit("not installed: datasheet and yamllint (run `make bench`)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        batch = {"generate all": [datasheet, "generate", "all", str(args.folder), "-o", str(out),
                                  "--kaggle-owner", "bench"],
                 "generate all, one datasheet": [datasheet, "generate", "all", str(sheets[0]), "-o",
                                                 str(out), "--kaggle-owner", "bench"]}
        batches = time_commands(batch, {name: args.runs for name in batch})
        whole = batches["generate all"]
        per_sheet = statistics.median(whole) / len(sheets)
        # What one more datasheet costs once the process is up (start-up and imports excluded).
        marginal = (statistics.median(whole) - statistics.median(
            batches["generate all, one datasheet"])) / max(1, len(sheets) - 1)
        target = sheets[0]
        card = Path(tmp) / "README.md"
        subprocess.run([datasheet, "generate", "hf-card", str(target), "-o", str(card)], check=True,
                       capture_output=True)
        commands = {
            "datasheet generate hf-card --check": [datasheet, "generate", "hf-card", str(target),
                                                   "-o", str(card), "--check"],
            "yamllint": [yamllint, str(target)],
            "python -c 'import jinja2'": [sys.executable, "-c", "import jinja2"],
        }
        times = time_commands(commands, {name: args.runs for name in commands})
        check = subprocess.run(commands["datasheet generate hf-card --check"], capture_output=True)
        assert check.returncode == 0, "the card should be up to date"
    budget = (statistics.median(times["yamllint"])
              + statistics.median(times["python -c 'import jinja2'"]))
    ours = statistics.median(times["datasheet generate hf-card --check"])
    print(f"# generate, {len(sheets)} datasheets in {args.folder.name}/, {args.runs} runs, "
          f"Python {platform.python_version()}, {platform.machine()}\n")
    print(f"all four outputs, one process: {statistics.median(whole) * 1000:.0f} ms in total, "
          f"{per_sheet * 1000:.1f} ms per datasheet with start-up shared, "
          f"{marginal * 1000:.1f} ms per additional datasheet\n")
    print(f"## pre-commit path, cold start: {target.name}\n")
    print(table(times, "yamllint"))
    verdict = "within" if ours <= budget else "OVER"
    print(f"\nbudget (yamllint + import jinja2): {budget * 1000:.1f} ms; "
          f"generate --check: {ours * 1000:.1f} ms ({verdict} budget)")


if __name__ == "__main__":
    main()
