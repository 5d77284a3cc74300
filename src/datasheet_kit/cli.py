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



def load_target(target: str, timeout: float):
    """A card or datasheet from a path, or from `hf:OWNER/NAME` / `kaggle:OWNER/SLUG`.

    Remote failures print one line and exit 2; they are input errors, not findings.
    """
    from .inputs import load_document
    from .remote import RemoteError, fetch, is_remote

    if is_remote(target):
        try:
            return fetch(target, timeout=timeout)
        except RemoteError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
    if not Path(target).exists():
        raise click.UsageError(f"no such file or folder: {target}")
    return load_document(target)


@main.command("import")
@click.argument("target")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the draft here (default: print it).")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.option("--timeout", type=float, default=20.0, show_default=True,
              help="Seconds to wait for the Hub or Kaggle.")
def import_(target: str, output: str | None, force: bool, timeout: float) -> None:
    """Draft a datasheet from a card: README.md, Kaggle JSON, Croissant, hf:OWNER/NAME or
    kaggle:OWNER/SLUG.

    Every answer gets a comment saying where in the card it came from; every question the card
    does not answer is left as a `status: todo` gap. The draft passes `datasheet validate`.
    """
    from .draft import draft, title_hint, write

    sheet = load_target(target, timeout)
    if sheet.kind == "datasheet" and not sheet.fatal:
        raise click.UsageError(f"{target} is already a datasheet; nothing to import")
    if sheet.fatal:
        report = Report()
        report.add(sheet.file, sheet.findings)
        emit(report, "text")
        sys.exit(1)
    text = draft(sheet, title_hint(sheet))
    if not output:
        click.echo(text, nl=False)
        return
    try:
        write(output, text, force=force)
    except FileExistsError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"error: cannot write {output}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    gaps = text.count("status: todo") + text.count("(todo:")
    click.echo(f"wrote {output}: a draft from {sheet.file}, {gaps} gaps to fill", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", "outdir", default="survey", show_default=True,
              type=click.Path(file_okay=False), help="Folder for the tables and the chart.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Parallel processes [default: number of CPUs].")
def survey(paths: tuple[str, ...], outdir: str, jobs: int | None) -> None:
    """Survey many cards: the share answering each datasheet section and question.

    PATHS are cards, folders of cards, or .txt files listing one path per line. Writes
    sections.csv, questions.csv, cards.csv, cards.json and coverage.svg to the output folder.
    Cards that cannot be read are listed on stderr, one line each, and counted as errors.
    """
    from . import survey as surveying

    files = surveying.targets(paths)
    rows = surveying.run(files, jobs or surveying.default_jobs(), surveying.Progress())
    written = surveying.write(rows, outdir)
    for line in surveying.iter_errors(rows):
        click.echo(line, err=True)
    section_rows, _ = surveying.tables(rows)
    readable = section_rows[0]["cards"] if section_rows else 0
    click.echo(f"{len(rows)} cards, {readable} read, {len(rows) - readable} errors")
    for row in section_rows:
        click.echo(f"{row['share'] * 100:6.1f}%  {row['title']}")
    click.echo(f"tables and chart in {Path(written['sections']).parent}")
