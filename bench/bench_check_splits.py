"""`datasheet check-splits` on a generated table of a million rows (CSV, and Parquet when pyarrow
is installed), as whole new processes.

    python bench/bench_check_splits.py [--rows N] [--runs N]

The table has 4 images per patient, patients split 60/20/20 by patient, and one leaking patient in
every 10,000; the command must find exactly those. Files go to a temporary folder.
"""

from __future__ import annotations

import argparse
import platform
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


def run(cmd: list[str], runs: int) -> tuple[list[float], str]:
    times, out = [], ""
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        out = done.stdout.splitlines()[0] if done.stdout else done.stderr
    return times, out


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
        print("| table | with --image-column | median (s) | min (s) | first line of the report |")
        print("|---|---|---:|---:|---|")
        for kind, path in tables.items():
            for image in (False, True):
                cmd = [datasheet, "check-splits", str(path), "--patient-column", "patient_id",
                       "--split-column", "split",
                       *(["--image-column", "image_id"] if image else [])]
                times, first = run(cmd, args.runs)
                print(f"| {kind} | {'yes' if image else 'no'} | {statistics.median(times):.2f} | "
                      f"{min(times):.2f} | {first.split(': ', 1)[-1][:70]} |")


if __name__ == "__main__":
    main()
