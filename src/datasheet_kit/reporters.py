"""Reporters: each turns a Report into the text a user or a machine reads. Pure functions.

    text     findings grouped by file, `line:col severity message (CODE name)`, a summary line
    concise  one line a finding, `file:line:col: CODE message` (what `datasheet validate` prints)
    json     a stable, versioned contract
    github   workflow commands that GitHub Actions shows as annotations on the changed lines
    sarif    SARIF 2.1.0, for code scanning and editors

`render` adds the two conventions of the human formats: `quiet` (only errors, and the summary
line of the whole report, for hooks and CI) and `color` (ANSI colours; the command decides,
from the terminal, NO_COLOR and FORCE_COLOR: `use_color`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from . import __version__
from .files import json_text
from .findings import Report, Severity

JSON_FORMAT_VERSION = 1
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


_STYLE = {Severity.ERROR: "1;31", Severity.WARNING: "33", Severity.INFO: "36"}
_BOLD, _DIM = "1", "2"


def _paint(text: str, style: str, color: bool) -> str:
    return f"\x1b[{style}m{text}\x1b[0m" if color else text


def _summary(report: Report, color: bool = False) -> str:
    files = report.checked()
    if not report.findings:
        return f"{files} checked: no problems"
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    counted = [_paint(_plural(n, str(level)), _STYLE[level], color and n > 0)
               for n, level in ((errors, Severity.ERROR), (warnings, Severity.WARNING))]
    text = f"{files} checked: {', '.join(counted)}"
    infos = report.count(Severity.INFO)
    return text + (f", {_plural(infos, 'info')}" if infos else "")


def concise(report: Report, color: bool = False, summary: str | None = None) -> str:
    """One line a finding, `file:line:col: CODE message`, which editors and terminals link."""
    lines = [f"{_paint(f'{f.file}:{f.line}:{f.column}:', _BOLD, color)} "
             f"{_paint(f.code, _STYLE[f.severity], color)} {f.message}" for f in report.findings]
    lines.append(summary if summary is not None else _summary(report, color))
    return "\n".join(lines) + "\n"


def text(report: Report, color: bool = False, summary: str | None = None) -> str:
    """Findings under the name of their file, as yamllint prints them; files without any are
    left out."""
    lines: list[str] = []
    by_file: dict[str, list] = {}
    for finding in report.findings:
        by_file.setdefault(finding.file, []).append(finding)
    for file in [*report.files, *by_file]:  # a finding on no checked file (DS017) comes last
        findings = by_file.pop(file, [])
        if not findings:
            continue
        lines.append(_paint(file, _BOLD, color))
        width = max(len(f"{f.line}:{f.column}") for f in findings)
        for f in findings:
            place = f"{f.line}:{f.column}".ljust(width)
            level = _paint(f"{str(f.severity):<7}", _STYLE[f.severity], color)
            lines.append(f"  {place}  {level}  {f.message}  "
                         f"{_paint(f'({f.code} {f.name})', _DIM, color)}")
        lines.append("")
    lines.append(summary if summary is not None else _summary(report, color))
    return "\n".join(lines) + "\n"


def payload(report: Report) -> dict[str, Any]:
    """The report as data: what `json` prints, for commands that add their own keys to it."""
    return {
        "version": JSON_FORMAT_VERSION,
        "tool": {"name": "datasheet-kit", "version": __version__},
        "files": list(report.files),
        "findings": [f.to_dict() for f in report.findings],
        "summary": {
            "files": len(report.files),
            "folders": len(report.folders),
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "infos": report.count(Severity.INFO),
        },
    }


def as_json(report: Report) -> str:
    """A stable, versioned contract: add keys, never rename or remove them within a version."""
    return json_text(payload(report))


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(report: Report, summary: str | None = None) -> str:
    """`::error file=…,line=…,col=…,title=…::message`, one per finding, then the summary."""
    lines = []
    for f in report.findings:
        props = ",".join(f"{key}={_escape_property(str(value))}" for key, value in (
            ("file", f.file), ("line", f.line), ("col", f.column), ("title", f"{f.code} {f.name}")))
        lines.append(f"::{_GITHUB_LEVEL[f.severity]} {props}::{_escape_data(f.message)}")
    lines.append(summary if summary is not None else _summary(report))
    return "\n".join(lines) + "\n"


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    """SARIF artifactLocation.uri: a file: URI for an absolute path, else a relative reference."""
    from pathlib import Path

    if Path(path).is_absolute():
        return Path(path).as_uri()
    return quote(path.replace("\\", "/"), safe="/._-~")


def sarif(report: Report) -> str:
    """SARIF 2.1.0: one run, the rules that were reported, one result per finding."""
    from .codes import entries

    codes = sorted({f.code for f in report.findings})
    known = entries(set(codes))
    rules = []
    for code in codes:
        entry = known.get(code)
        descriptor: dict[str, Any] = {"id": code, "name": entry.name if entry else code}
        if entry:
            descriptor.update({
                "shortDescription": {"text": entry.summary},
                "defaultConfiguration": {"level": _SARIF_LEVEL[entry.severity]},
                "help": {"text": entry.doc},
                "properties": {"section": entry.section, "weight": entry.weight},
            })
        rules.append(descriptor)
    index = {code: i for i, code in enumerate(codes)}
    results = [{
        "ruleId": f.code,
        "ruleIndex": index[f.code],
        "level": _SARIF_LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": _uri(f.file)},
            "region": {"startLine": f.line, "startColumn": f.column},
        }}],
        **({"properties": {"path": f.path}} if f.path else {}),
    } for f in report.findings]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "datasheet-kit", "version": __version__,
                                "rules": rules}},
            "artifacts": [{"location": {"uri": _uri(file)}} for file in report.files],
            "results": results,
        }],
    }
    return json_text(log)


REPORTERS = {"text": text, "concise": concise, "json": as_json, "github": github, "sarif": sarif}
HUMAN = ("text", "concise", "github")  # the formats `quiet` and `color` apply to


def render(report: Report, fmt: str, *, quiet: bool = False, color: bool = False) -> str:
    """The report in `fmt`. With `quiet`, the human formats list the errors only, under the
    summary line of the whole report (so "2 warnings" still shows); the machine formats (json,
    sarif) are always whole. `color` paints text and concise."""
    if fmt not in HUMAN:
        return REPORTERS[fmt](report)
    shown = report
    if quiet:
        shown = Report(report.files, [f for f in report.findings if f.severity >= Severity.ERROR],
                       report.folders)
    summary = _summary(report, color and fmt != "github")
    if fmt == "github":
        return github(shown, summary)
    return (text if fmt == "text" else concise)(shown, color, summary)


def use_color(stream: Any) -> bool:
    """Colour for a stream: never with NO_COLOR set (and not empty), always with FORCE_COLOR set
    (and not empty, "0" or "false"), else only on a terminal that is not "dumb". NO_COLOR wins
    over FORCE_COLOR, as pytest has it."""
    import os

    if os.environ.get("NO_COLOR"):
        return False
    force = os.environ.get("FORCE_COLOR", "")
    if force and force.lower() not in ("0", "false"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


# The HTML page of `datasheet report` (templates/report.html.j2). Its data is report.build's
# (findings, scores, origins and provenance of each document), not a Report, so it is not in
# REPORTERS; like them, it is a pure function: data in, one self-contained page out.
HTML_KINDS = {"datasheet": "datasheet", "hf": "Hugging Face card", "kaggle": "Kaggle metadata",
              "croissant": "Croissant file"}
HTML_HOWS = {"field": "a metadata field", "label": "its own label",
             "asked": "the place that asks it", "home": "read in its own place",
             "elsewhere": "read elsewhere in the card"}


def html(page: dict[str, Any], title: str = "") -> str:
    """The report page: one file, no network (inline CSS and SVG, one small sorting script)."""
    try:
        import jinja2
    except ImportError:
        raise ImportError("the HTML report needs Jinja2: pip install 'datasheet-kit[report]'") \
            from None
    from .writers._templates import templates_dir

    documents = page["documents"]
    # Each document's score per section, looked up once for the mean and the overview table.
    by_section = {d["id"]: {s["id"]: s["score"] for s in d["sections"]} for d in documents}
    mean: dict[str, list[dict[str, Any]]] = {"sections": []}  # over the documents it applies to
    for section in page["sections"]:
        scores = [s for d in documents
                  if (s := by_section[d["id"]].get(section["id"])) is not None]
        if scores:
            mean["sections"].append({"id": section["id"], "title": section["title"],
                                     "score": round(sum(scores) / len(scores))})
    _names(documents)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir())),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    name = documents[0]["target"] if len(documents) == 1 else f"{len(documents)} documents"
    return env.get_template("report.html.j2").render(
        title=title or f"Datasheet report: {name}", version=__version__, documents=documents,
        sections=page["sections"], measure=page.get("measure", "score"), mean=mean,
        by_section=by_section, kinds=HTML_KINDS, hows=HTML_HOWS, short=HTML_SHORT)


# Column titles of the overview table (each column's title attribute and the legend name it).
HTML_SHORT = {"dataset": "ID", "motivation": "Mot", "composition": "Comp", "collection": "Coll",
              "preprocessing": "Prep", "uses": "Uses", "distribution": "Dist",
              "maintenance": "Maint", "provenance": "Prov", "medical_imaging": "Med"}


def _names(documents: list[dict[str, Any]]) -> None:
    """A short name for each document in the table: its path below the folder all share."""
    import os.path

    paths = [d["target"] for d in documents]
    local = [p for p in paths if "/" in p and ":" not in p.split("/")[0]]
    common = os.path.commonpath(local) if len(local) > 1 else ""
    common = common if common not in paths else os.path.dirname(common)
    for document in documents:
        target = document["target"]
        short = os.path.relpath(target, common) if common and target in local else target
        document.setdefault("name", short)


