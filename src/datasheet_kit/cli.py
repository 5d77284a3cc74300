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



# ---------------------------------------------------------------- generate (issue #5)

GENERATE_KINDS = ("hf-card", "croissant", "kaggle", "markdown", "all")


@main.command()
@click.argument("kind", type=click.Choice(GENERATE_KINDS))
@click.argument("datasheets", nargs=-1)
@click.option("-o", "--output", "out", help="File to write (one datasheet, one output), or a "
              "folder (several datasheets or `all`: FOLDER/NAME/README.md ...). Default: stdout.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a file would change.")
@click.option("--force", is_flag=True, help="Replace a hand-written file that has no markers.")
@click.option("--template", type=click.Path(exists=True, dir_okay=False),
              help="A Jinja2 template to use instead of the bundled one (hf-card, markdown).")
@click.option("--kaggle-owner", help="Kaggle user or organisation for the `id` (OWNER/slug).")
def generate(kind: str, datasheets: tuple[str, ...], out: str | None, check: bool, force: bool,
             template: str | None, kaggle_owner: str | None) -> None:
    """Generate a HF card, Croissant JSON-LD, Kaggle metadata or a Markdown datasheet.

    Answers are placed where the schema's crosswalk says; unanswered questions are written as
    explicit gaps. Updating a README keeps text outside the datasheet-kit markers. Exit status:
    0 done or up to date, 1 invalid datasheet or (with --check) a file would change, 2 usage
    error or a hand-written file that would be overwritten (use --force).
    """
    from .generate import GenerateError, run

    try:
        code = run(kind, expand(datasheets), out=out, check=check, force=force,
                   template=template, kaggle_owner=kaggle_owner,
                   echo=click.echo, warn=lambda text: click.echo(text, err=True))
    except GenerateError as err:
        raise click.UsageError(str(err)) from None
    sys.exit(code)
