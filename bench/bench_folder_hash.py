"""Folder mode at scale: hashing throughput beside `sha256sum` run two at a time, peak memory,
and a scan interrupted and resumed from its partial hash list.

    python bench/bench_folder_hash.py [--files N] [--kib K] [--runs R] [--folder DIR]

Writes N files of K KiB (random bytes; 1,000 a folder, in train/ and test/) into a temporary
folder, or reuses --folder when it already holds them, then times, round-robin over R runs with
a warm page cache:

- datasheet-kit: `folders.scan` with its default workers, writing the hash list as it goes
  (what `datasheet provenance FOLDER --write-hashes LIST` does before matching references);
- the same forced onto threads (the path small folders and perceptual scans take), which must
  write the same list;
- the anchor: `find -print0 | xargs -0 -P2 -n 512 sha256sum`, two hashing processes at once.

Each is a fresh process; its peak memory is the process's max RSS. Then the scan is started,
killed at about half way, and resumed from LIST.partial: the table says how many files the
second run hashed and whether its list equals an uninterrupted one.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCAN = ("import sys\n"
        "from datasheet_kit import folders\n"
        "mode = sys.argv[3] if len(sys.argv) > 3 else ''\n"
        "if mode == 'threads':\n"
        "    folders.SMALL = 1 << 62  # every folder is 'small': hashed on threads\n"
        "writer = folders.HashListWriter(sys.argv[2], resume=mode == 'resume')\n"
        "found = folders.scan(sys.argv[1], resume=writer.previous, record=writer)\n"
        "writer.close(complete=True)\n"
        "print(len(found.files) - found.resumed, 'hashed,', found.resumed, 'reused')\n")
OURS = "datasheet-kit folders.scan + hash list"
SHA = "find . -type f -print0 | xargs -0 -P2 -n 512 sha256sum > /dev/null"


def build(root: Path, files: int, kib: int) -> None:
    """N files of K KiB, 1,000 a folder; quick to write (one random block, sliced)."""
    block = os.urandom(max(kib * 1024 * 2, 1 << 20))
    made: set[Path] = set()
    for i in range(files):
        folder = root / ("test" if i % 5 == 0 else "train") / f"{i // 1000:04d}"
        if folder not in made:
            folder.mkdir(parents=True, exist_ok=True)
            made.add(folder)
        start = (i * 7919) % (len(block) - kib * 1024)
        # a counter in the first bytes keeps every file different
        (folder / f"{i:07d}.png").write_bytes(i.to_bytes(8, "big")
                                              + block[start + 8:start + kib * 1024])


PEAK = ("import os, resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[2:], cwd=sys.argv[1] or None, capture_output=True,"
        " text=True)\n"
        "took = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(took, peak, (done.stdout + done.stderr).strip().replace(chr(10), ' '))\n")


def measured(cmd: list[str], cwd: Path | None = None) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB, the largest process of the command) and output of one run,
    through a small helper process, so that the benchmark's own memory never counts."""
    done = subprocess.run([sys.executable, "-c", PEAK, str(cwd or ""), *cmd],
                          capture_output=True, text=True, check=True)
    took, peak, out = (done.stdout.strip().split(" ", 2) + [""])[:3]
    return float(took), int(peak) / 1024, out


def interrupted(root: Path, listing: Path, after: float) -> None:
    """Start a scan writing `listing` and kill it after `after` seconds."""
    child = subprocess.Popen([sys.executable, "-c", SCAN, str(root), str(listing)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(after)
    child.send_signal(signal.SIGKILL)
    child.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--kib", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--folder", help="reuse (or create) the files here instead of a temp dir")
    args = parser.parse_args()
    if shutil.which("sha256sum") is None or shutil.which("xargs") is None:
        sys.exit("needs sha256sum and xargs (GNU coreutils/findutils)")
    tmp = tempfile.mkdtemp(prefix="bench-hash-")
    try:
        root = Path(args.folder) if args.folder else Path(tmp) / "copy"
        if not (root.exists() and any(root.iterdir())):
            start = time.perf_counter()
            build(root, args.files, args.kib)
            print(f"wrote {args.files:,} files in {time.perf_counter() - start:.0f} s",
                  file=sys.stderr)
        files = sum(1 for _ in root.rglob("*.png"))
        size = files * args.kib * 1024 / 1e6
        listing = Path(tmp) / "hashes.sha256"
        on_threads = listing.with_name("threads.sha256")
        commands = {
            OURS: ([sys.executable, "-c", SCAN, str(root), str(listing)], None),
            "the same, threads only": (
                [sys.executable, "-c", SCAN, str(root), str(on_threads), "threads"], None),
            "find | xargs -P2 sha256sum": (["bash", "-c", SHA], root),
        }
        for cmd, cwd in commands.values():  # warm the page cache
            subprocess.run(cmd, cwd=cwd, capture_output=True)
        times: dict[str, list[float]] = {name: [] for name in commands}
        peaks: dict[str, float] = {name: 0.0 for name in commands}
        for _ in range(args.runs):
            for name, (cmd, cwd) in commands.items():
                took, peak, _ = measured(cmd, cwd)
                times[name].append(took)
                peaks[name] = max(peaks[name], peak)
        fresh = listing.read_text()
        if on_threads.read_text() != fresh:
            sys.exit("the thread path wrote a different list")
        print(f"{files:,} files of {args.kib} KiB ({size:,.0f} MB), warm page cache; "
              f"Python {platform.python_version()}, {os.cpu_count()} CPUs\n")
        anchor = statistics.median(times["find | xargs -P2 sha256sum"])
        print("| command | median (s) | min (s) | files/s | MB/s | vs. sha256sum | "
              "peak memory (MB) |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name in commands:
            median = statistics.median(times[name])
            print(f"| {name} | {median:.2f} | {min(times[name]):.2f} | {files / median:,.0f} | "
                  f"{size / median:,.0f} | {median / anchor:.2f}x | {peaks[name]:.0f} |")
        # interrupted at about half way, then resumed from LIST.partial
        partial = listing.with_name(listing.name + ".partial")
        listing.unlink()
        interrupted(root, listing, statistics.median(times[OURS]) / 2)
        kept = sum(1 for line in partial.read_text().splitlines() if not line.startswith("#"))
        took, peak, out = measured([sys.executable, "-c", SCAN, str(root), str(listing),
                                    "resume"])
        same = listing.read_text() == fresh
        print(f"\ninterrupted at half time with {kept:,} files in the partial list; the resumed "
              f"run took {took:.2f} s ({out}); its list is "
              f"{'identical to' if same else 'DIFFERENT from'} an uninterrupted run's")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
