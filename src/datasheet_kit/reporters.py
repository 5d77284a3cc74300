"""Reporters: each turns a Report into the text a user or a machine reads. Pure functions."""

from __future__ import annotations

import json

from . import __version__
from .findings import Report, Severity

JSON_FORMAT_VERSION = 1


def _summary(report: Report) -> str:
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    files = len(report.files)
    noun = "file" if files == 1 else "files"
    if not report.findings:
        return f"{files} {noun} checked: no problems"
    return (f"{files} {noun} checked: {errors} error{'s' * (errors != 1)}, "
            f"{warnings} warning{'s' * (warnings != 1)}")


def text(report: Report) -> str:
    """One line a finding, `file:line:col: CODE message`, which editors and terminals link."""
    lines = [f"{f.file}:{f.line}:{f.column}: {f.code} {f.message}" for f in report.findings]
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> str:
    """A stable, versioned contract: add keys, never rename or remove them within a version."""
    payload = {
        "version": JSON_FORMAT_VERSION,
        "tool": {"name": "datasheet-kit", "version": __version__},
        "files": report.files,
        "findings": [f.to_dict() for f in report.findings],
        "summary": {
            "files": len(report.files),
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "infos": report.count(Severity.INFO),
        },
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


REPORTERS = {"text": text, "json": as_json}
