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


@main.command("check-splits")
@click.argument("table")
@click.option("--patient-column", required=True, help="The column that identifies the patient.")
@click.option("--split-column", required=True, help="The column that names the split.")
@click.option("--image-column", help="The column that identifies the image (checked too).")
@click.option("--examples", default=10, show_default=True, type=click.IntRange(min=0),
              help="How many leaking patients and images to list (0: all).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to print the findings.")
def check_splits(table: str, patient_column: str, split_column: str, image_column: str | None,
                 examples: int, fmt: str) -> None:
    """Find patients and images that appear in more than one split of TABLE (CSV or Parquet).

    Exit status: 0 when every patient is in one split, 1 on leakage, 2 when the table cannot be
    checked (missing column, not a table, not UTF-8). Parquet needs datasheet-kit[splits].
    """
    from .findings import EXIT_USAGE
    from .splits import TableError, check, main_summary

    report = Report()
    try:
        result = check(table, patient_column, split_column, image_column, examples)
    except TableError as exc:
        report.add(table, [exc.finding])
        emit(report, fmt)
        sys.exit(EXIT_USAGE)
    report.add(table, result.findings)
    emit(report, fmt)
    click.echo(main_summary(result), err=True)
    sys.exit(report.exit_code())


def _progress_bar():
    """A progress callback for long scans: a bar on a terminal, nothing when piped."""
    if not sys.stderr.isatty():
        return None
    state: dict = {}

    def advance(done: int, total: int) -> None:
        if "bar" not in state:
            state["bar"] = click.progressbar(length=total, label="hashing", file=sys.stderr)
            state["bar"].__enter__()
        state["bar"].update(1)
        if done == total:
            state["bar"].__exit__(None, None, None)

    return advance


@main.command()
@click.argument("target")
@click.option("--references", "references_dir", type=click.Path(file_okay=False),
              help="Folder of reference datasheets (default: the bundled datasheets/).")
@click.option("--hashes", type=click.Path(dir_okay=False),
              help="Hash list of a known original (sha256sum or md5sum format); folders only.")
@click.option("--perceptual", is_flag=True,
              help="Also compare images by a perceptual hash (needs datasheet-kit[images]).")
@click.option("--write-hashes", type=click.Path(dir_okay=False),
              help="Write the folder's hash list (sha256sum format) to this file.")
@click.option("--workers", type=click.IntRange(min=1), help="Threads that hash files.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to print the findings.")
def provenance(target: str, references_dir: str | None, hashes: str | None, perceptual: bool,
               write_hashes: str | None, workers: int | None, fmt: str) -> None:
    """Find the original behind TARGET (a datasheet, a card, or a dataset folder).

    Prints the likely originals with the evidence for each and a confidence (DS900), then what
    the copy does not say or changes: DS901-DS905, and for folders duplicate images (DS906,
    DS911). Exit status: 0 clean, 1 on errors, 2 on usage errors.
    """
    from . import provenance as prov

    path = Path(target)
    if not path.exists():
        raise click.UsageError(f"no such file or folder: {target}")
    if (hashes or perceptual or write_hashes) and not path.is_dir():
        raise click.UsageError("--hashes, --perceptual and --write-hashes need a folder")
    folder = Path(references_dir) if references_dir else prov.default_references()
    if folder is None:
        raise click.UsageError("no reference datasheets found; pass --references DIR")
    references, problems = prov.load_references(folder)
    if not references:
        raise click.UsageError(f"no readable reference datasheets in {folder}")
    hash_list = None
    if hashes:
        from .folders import read_hash_list

        try:
            hash_list = read_hash_list(hashes)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise click.UsageError(f"cannot use the hash list: {exc}") from None
    try:
        result = prov.examine(path, references, hash_list, perceptual, workers, _progress_bar())
    except RuntimeError as exc:  # an optional extra is missing
        raise click.UsageError(str(exc)) from None
    if write_hashes and result.scan is not None:
        from .folders import write_hash_list

        Path(write_hashes).write_text(write_hash_list(result.scan), encoding="utf-8")
    report = Report()
    report.add(str(path), result.findings + problems)
    emit(report, fmt)
    sys.exit(report.exit_code())
