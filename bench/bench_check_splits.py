"""`datasheet check-splits` on a generated table of a million rows (CSV, and Parquet when pyarrow
is installed), as whole new processes, beside the four lines of pandas a user would write instead.

    python bench/bench_check_splits.py [--rows N] [--runs N]

The table has 4 images per patient, patients split 60/20/20 by patient, and one leaking patient in
every 10,000; the command must find exactly those. Files go to a temporary folder. Every command
runs `--runs` times, round-robin; the table gives the median and the least wall time and the
largest peak memory (max RSS of the process). The pandas anchor is:

    import pandas as pd
    table = pd.read_csv(PATH)
    splits = table.groupby("patient_id").split.nunique()
    print((splits > 1).sum())
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _timing import tool


def write_csv(path: Path, rows: int) -> int:
    leaks = 0
    with open(path, "w", newline="") as handle:
        handle.write("image_id,patient_id,split,label\n")
        for i in range(rows):
            patient = i // 4
            split = ("train", "train", "train", "validation", "test")[patient % 5]
            if patient % 10_000 == 7 and i % 4 == 3:
                split = "test" if split != "test" else "train"
                leaks += 1
            handle.write(f"IMG_{i:07d}.jpg,P{patient:07d},{split},{i % 7}\n")
    return leaks


PANDAS = ("import sys, pandas as pd\n"
          "table = pd.read_csv(sys.argv[1])\n"
          "splits = table.groupby('patient_id').split.nunique()\n"
          "print((splits > 1).sum(), 'patients in more than one split')\n")


def once(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB and the first output line of one run."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = child.communicate()
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    lines = out.splitlines() or err.splitlines() or [""]
    return took, peak, next((line for line in lines if "DS9" in line), lines[0])


def peak_of(cmd: list[str]) -> float:
    """Peak RSS (MB) of one run, measured in a fresh helper so that earlier runs do not count."""
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True);"
            " print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True)
    return int(done.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    datasheet = tool("datasheet")
    if datasheet is None:
        sys.exit("datasheet is not installed in this environment")
    with tempfile.TemporaryDirectory() as folder:
        tables = {"csv": Path(folder) / "meta.csv"}
        leaks = write_csv(tables["csv"], args.rows)
        try:
            import pyarrow.csv
            import pyarrow.parquet

            tables["parquet"] = Path(folder) / "meta.parquet"
            pyarrow.parquet.write_table(pyarrow.csv.read_csv(tables["csv"]), tables["parquet"])
        except ImportError:
            print("pyarrow not installed: Parquet skipped", file=sys.stderr)
        print(f"{args.rows:,} rows, {leaks:,} leaking patients planted; "
              f"Python {platform.python_version()} on {platform.machine()}\n")
        commands: dict[str, list[str]] = {}
        for kind, path in tables.items():
            for image in (False, True):
                commands[f"datasheet check-splits, {kind}{', --image-column' * image}"] = [
                    datasheet, "check-splits", str(path), "--patient-column", "patient_id",
                    "--split-column", "split"] + (["--image-column", "image_id"] if image else [])
        try:
            import pandas  # noqa: F401

            commands["pandas read_csv + groupby.nunique, csv"] = [
                sys.executable, "-c", PANDAS, str(tables["csv"])]
        except ImportError:
            print("pandas not installed: the anchor is skipped", file=sys.stderr)
        times: dict[str, list[float]] = {name: [] for name in commands}
        firsts: dict[str, str] = {}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                took, _, first = once(cmd)
                times[name].append(took)
                firsts[name] = first
        anchor = statistics.median(times.get("pandas read_csv + groupby.nunique, csv") or [1.0])
        print("| command | median (s) | min (s) | vs. pandas | peak memory (MB) | first line |")
        print("|---|---:|---:|---:|---:|---|")
        for name, cmd in commands.items():
            median = statistics.median(times[name])
            print(f"| {name} | {median:.2f} | {min(times[name]):.2f} | {median / anchor:.2f}x | "
                  f"{peak_of(cmd):.0f} | {firsts[name].split(': ', 1)[-1][:60]} |")


if __name__ == "__main__":
    main()
