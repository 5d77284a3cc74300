"""Folder mode: how fast `datasheet provenance FOLDER` hashes a copy, one thread against the pool.

    python bench/bench_folder_hash.py [--files N] [--kib K]

Writes N random files of K KiB into train/ and test/ of a temporary folder (with a few planted
cross-split duplicates) and times folders.scan with 1 worker and with the default pool.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

from datasheet_kit import folders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--kib", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        planted = os.urandom(args.kib * 1024)
        for i in range(args.files):
            folder = root / ("train" if i % 5 else "test")
            folder.mkdir(exist_ok=True)
            # file 1 (train) and every 1000th file (test) share their bytes: one leaking group
            data = planted if i == 1 or (i and i % 1000 == 0) else os.urandom(args.kib * 1024)
            (folder / f"{i:04d}.jpg").write_bytes(data)
        size = sum(p.stat().st_size for p in root.rglob("*.jpg")) / 1e6
        print(f"{args.files:,} files, {size:,.0f} MB; Python {platform.python_version()}, "
              f"{os.cpu_count()} CPUs\n")
        print("| workers | seconds | files/s | MB/s | cross-split duplicate groups |")
        print("|---|---:|---:|---:|---:|")
        for workers in (1, None):
            start = time.perf_counter()
            scan = folders.scan(root, workers=workers)
            took = time.perf_counter() - start
            groups = [g for g in folders.exact_duplicates(scan)
                      if len({folders.split_of(p) for p in g}) > 1]
            print(f"| {workers or 'default'} | {took:.2f} | {args.files / took:,.0f} | "
                  f"{size / took:,.0f} | {len(groups)} |")


if __name__ == "__main__":
    main()
