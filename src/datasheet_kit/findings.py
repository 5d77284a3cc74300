"""Findings, reports and exit codes: the one shape every check reports in."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import NamedTuple

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
MAX_MESSAGE = 1_000  # characters of a finding's message that a report keeps


class UsageError(Exception):
    """What the user asked for cannot be done: a path that is not there, options that do not go
    together, a configuration or a remote target that cannot be used. Every command reports it
    the same way: its message on one line, exit status 2 (EXIT_USAGE)."""


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` with control characters (escape sequences, NUL, line breaks) written as \\xNN, so
    that a value quoted from a hostile file cannot drive the terminal or break a line."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """A count with its noun, in the number it needs: "1 row", "1,500 rows", "2 patients"."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def clip(text: str, limit: int = 40) -> str:
    """A value as quoted in a message: whole when short, else cut to `limit` characters with
    "..." so one long answer does not swamp a report line."""
    return text if len(text) <= limit else text[:limit - 3] + "..."


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            names = ", ".join(s.name.lower() for s in cls)
            raise ValueError(f"unknown severity {text!r} (expected one of {names})") from None

    def __str__(self) -> str:
        return self.name.lower()


class Finding(NamedTuple):
    """One problem at one place. `path` is the dotted question id or field path it concerns.

    A NamedTuple rather than a frozen dataclass: equal, ordered and hashable alike, and a cold
    `datasheet lint` defines it in a fifth of the time."""

    file: str
    line: int
    column: int
    code: str
    name: str
    severity: Severity
    message: str
    path: str = ""

    def to_dict(self) -> dict[str, str | int]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "path": self.path,
        }


@dataclass
class Report:
    """The findings of one run over a batch of files, in a stable order."""

    files: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # Entries of `files` that are folders (provenance), with the number of files in each, so
    # that a folder of 1,500 files is not told as "1 file checked".
    folders: dict[str, int] = field(default_factory=dict)

    def add(self, file: str, findings: list[Finding]) -> None:
        self.files.append(file)
        # A message quotes values cut short; this is the net for any that does not, and for
        # control characters a hostile file could send to a terminal (escape sequences).
        kept = [f if len(f.message) <= MAX_MESSAGE and not _CONTROL.search(f.message)
                else f._replace(message=printable(clip(f.message, MAX_MESSAGE)))
                for f in findings]
        self.findings.extend(sorted(kept, key=lambda f: (f.line, f.column, f.code, f.path)))

    def checked(self) -> str:
        """What was checked, in words: "3 files", "1 folder (1,500 files)", or both."""
        files = len(self.files) - len(self.folders)
        parts = [plural(files, "file")] if files or not self.folders else []
        if self.folders:
            inside = plural(sum(self.folders.values()), "file")
            parts.append(f"{plural(len(self.folders), 'folder')} ({inside})")
        return " and ".join(parts)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def exit_code(self, fail_on: Severity = Severity.ERROR) -> int:
        worst = max((f.severity for f in self.findings), default=None)
        return EXIT_FINDINGS if worst is not None and worst >= fail_on else EXIT_CLEAN
