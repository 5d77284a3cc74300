"""The `datasheet` command. Glue only: parse arguments, call the library, report, exit."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .findings import Report

DATASHEET_SUFFIXES = (".yaml", ".yml")


def default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def expand(paths: tuple[str, ...]) -> list[Path]:
    """Files as given; folders become the datasheets under them, in a stable order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*")
                                if p.suffix in DATASHEET_SUFFIXES and p.is_file()))
        elif path.exists():
            files.append(path)
        else:
            raise click.UsageError(f"no such file or folder: {raw}")
    return files


def emit(report: Report, fmt: str) -> None:
    from .reporters import REPORTERS

    click.echo(REPORTERS[fmt](report), nl=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="datasheet")
def main() -> None:
    """Write, check and publish datasheets for datasets."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to print the findings.")
def validate(paths: tuple[str, ...], fmt: str) -> None:
    """Check datasheets against the schema.

    Each problem is reported as FILE:LINE:COL: CODE message. Exit status: 0 when every file is
    valid, 1 when there are findings, 2 for a usage error. Folders are searched for .yaml files.
    """
    from .inputs import load_document
    from .validate import validate as check

    report = Report()
    for path in expand(paths):
        report.add(str(path), check(load_document(path)))
    emit(report, fmt)
    sys.exit(report.exit_code())



@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["table", "text", "json"]), default="table",
              show_default=True,
              help="table: every check with evidence and scores; text: one line per problem; "
                   "json: findings plus every check and score.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error",
              show_default=True,
              help="Exit 1 when a finding is this severe. A failed check is a warning, a partial "
                   "one an info, an unreadable file an error.")
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None,
              help="Exit 1 when a file's overall FAIR score (0-100) is below this.")
@click.option("--online", is_flag=True,
              help="Also resolve identifiers and landing pages over the network.")
@click.option("--timeout", type=click.FloatRange(min=0.01), default=10.0, show_default=True,
              help="Seconds to wait for each answer (with --online).")
@click.option("--retries", type=click.IntRange(0, 5), default=2, show_default=True,
              help="Retries after a timeout or server error (with --online).")
def fair(paths: tuple[str, ...], fmt: str, fail_on: str, fail_under: float | None, online: bool,
         timeout: float, retries: int) -> None:
    """Check how FAIR a dataset's documentation is (datasheet, HF card, Kaggle or Croissant file).

    Each check has our id and the F-UJI / RDA indicator it traces to, a status (pass, partial,
    fail, n/a) and the evidence, with file and line. Scores are given per principle (F, A, I, R)
    and overall, 0-100. Offline unless --online. Folders are searched for datasheets (.yaml);
    name card and Croissant files one by one. Exit status: 0 clean, 1 findings at --fail-on or a
    score under --fail-under, 2 usage error.
    """
    from .fair import assess, online_check, target_for
    from .fair.report import FORMATS, findings_report
    from .findings import EXIT_FINDINGS, Severity

    check_online = None
    if online:
        from .resolve import Resolver

        check_online = online_check(Resolver(timeout=timeout, retries=retries))
    reports = [assess(target_for(path), check_online) for path in expand(paths)]
    click.echo(FORMATS[fmt](reports), nl=False)
    code = findings_report(reports).exit_code(Severity.parse(fail_on))
    if fail_under is not None and any((r.scores()["overall"] or 0) < fail_under for r in reports):
        code = EXIT_FINDINGS
    sys.exit(code)
