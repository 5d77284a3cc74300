"""Wall-clock timing of whole commands, run round-robin so that load on the machine hits all
alike."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def tool(name: str) -> str | None:
    """A console script of this environment, or None when it is not installed."""
    local = BIN / name
    return str(local) if local.exists() else shutil.which(name)


def time_commands(commands: dict[str, list[str]], runs: dict[str, int]) -> dict[str, list[float]]:
    """Time each command runs[name] times, interleaved; slow anchors may get fewer runs."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for cmd in commands.values():  # warm the file cache and .pyc files once
        subprocess.run(cmd, capture_output=True, env=env)
    for round_ in range(max(runs.values())):
        for name, cmd in commands.items():
            if round_ >= runs[name]:
                continue
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, env=env)
            times[name].append(time.perf_counter() - start)
    return times


def table(times: dict[str, list[float]], reference: str) -> str:
    base = statistics.median(times[reference])
    lines = ["| command | median (ms) | min (ms) | vs. " + reference + " |", "|---|---:|---:|---:|"]
    for name, values in times.items():
        median = statistics.median(values)
        lines.append(f"| {name} | {median * 1000:.1f} | {min(values) * 1000:.1f} | "
                     f"{median / base:.2f}x |")
    return "\n".join(lines)
