"""The `datasheet` command. Glue only: parse arguments, call the library, report, exit."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .findings import Report

# What a folder gives each command: validate and generate take datasheets; lint, score and
# fair judge every kind of document (inputs.documents decides what is one).
DATASHEETS_ONLY = ("datasheet",)
ALL_DOCUMENTS = ("datasheet", "hf", "kaggle", "croissant")


def default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def expand(paths: tuple[str, ...], kinds: tuple[str, ...] = DATASHEETS_ONLY) -> list[Path]:
    """Files as given; folders become the documents of `kinds` under them, in a stable order."""
    from .inputs import documents

    try:
        return documents(paths, kinds)
    except FileNotFoundError as exc:
        raise click.UsageError(f"no such file or folder: {exc.args[0]}") from None


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
    # validate keeps its one-line-a-finding output; lint's `text` groups findings by file.
    emit(report, "concise" if fmt == "text" else fmt)
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


# lint, score and rules. Exit codes: 0 clean, 1 findings at or above --fail-on or a score under
# --fail-under, 2 usage or configuration error.

LINT_FORMATS = ["text", "concise", "json", "github", "sarif"]
_LEVELS = click.Choice(["error", "warning", "info"], case_sensitive=False)


def _usage_error(message: str) -> None:
    click.echo(f"datasheet: {message}", err=True)
    sys.exit(2)


def _configure(select: str | None, ignore: str | None, fail_on: str | None,
               fail_under: float | None):
    """The pyproject.toml configuration with the command line's options on top."""
    from dataclasses import replace

    from .config import ConfigError, expand_codes, load_config
    from .findings import Severity

    try:
        config = load_config()
        if select is not None:
            config = replace(config, select=expand_codes(select.split(","), "--select"))
        if ignore is not None:
            config = replace(config, ignore=expand_codes(ignore.split(","), "--ignore"))
    except ConfigError as exc:
        _usage_error(str(exc))
    if fail_on is not None:
        config = replace(config, fail_on=Severity.parse(fail_on))
    if fail_under is not None:
        config = replace(config, fail_under=fail_under)
    return config


def _scored(paths: tuple[str, ...], config):
    """(path, sheet, findings) for each file, in order."""
    from .inputs import load_document
    from .lint import lint as lint_sheet

    for path in expand(paths, ALL_DOCUMENTS):
        sheet = load_document(path)
        yield path, sheet, lint_sheet(sheet, config)


def _under(card, fail_under: float | None) -> bool:
    return fail_under is not None and card.overall < fail_under


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(LINT_FORMATS), default=None,
              help="How to print the findings [default: text; github under GitHub Actions].")
@click.option("--fail-on", type=_LEVELS, default=None,
              help="Exit 1 on findings at or above this severity [default: error].")
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None,
              help="Exit 1 when a file's overall score is below this.")
@click.option("--select", default=None, help="Only these rule codes or prefixes (DS2,DS401).")
@click.option("--ignore", default=None, help="Not these rule codes or prefixes.")
def lint(paths: tuple[str, ...], fmt: str | None, fail_on: str | None, fail_under: float | None,
         select: str | None, ignore: str | None) -> None:
    """Check datasheets against the schema and the lint rules.

    HF cards (README.md), Kaggle metadata and Croissant files are read too, and their findings
    point at lines of the card. Folders give every such document under them.
    Settings come from [tool.datasheet] in the nearest pyproject.toml; options override them.
    `datasheet rules` lists the rules.
    """
    config = _configure(select, ignore, fail_on, fail_under)
    report, low = Report(), []
    for path, sheet, findings in _scored(paths, config):
        report.add(str(path), findings)
        if config.fail_under is not None:
            from .score import score as score_sheet

            card = score_sheet(sheet, findings)
            if _under(card, config.fail_under):
                low.append(f"{path}: score {card.overall} is under {config.fail_under:g}")
    emit(report, fmt or default_format())
    for line in low:
        click.echo(line, err=True)
    sys.exit(1 if low else report.exit_code(config.fail_on))


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="A table for people, or the versioned JSON contract.")
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None,
              help="Exit 1 when a file's overall score is below this.")
@click.option("--select", default=None, help="Score with only these rule codes or prefixes.")
@click.option("--ignore", default=None, help="Score without these rule codes or prefixes.")
def score(paths: tuple[str, ...], fmt: str, fail_under: float | None, select: str | None,
          ignore: str | None) -> None:
    """Score datasheets per section and overall (0-100), from their lint findings.

    For an HF card, Kaggle or Croissant file, the platform-style score (how many of the
    platform's fields hold anything) is shown beside it. Folders give every such document."""
    from .score import render_json, render_table
    from .score import score as score_sheet
    from .sheet import FATAL as FATAL_CODES

    config = _configure(select, ignore, None, fail_under)
    cards, unreadable = [], []
    for _, sheet, findings in _scored(paths, config):
        if sheet.fatal:  # nothing was read, so a score of 0 would be a lie: say why instead
            unreadable.extend(f for f in findings if f.code in FATAL_CODES)
        else:
            cards.append(score_sheet(sheet, findings))
    render = render_json if fmt == "json" else render_table
    click.echo(render(cards, unreadable), nl=False)
    failed = unreadable or any(_under(card, config.fail_under) for card in cards)
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("code", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def rules(code: str | None, fmt: str) -> None:
    """List the rules, or print the documentation of one (datasheet rules DS301)."""
    import json

    from .rules import registry

    known = registry()
    if code is not None and code.upper() not in known:
        _usage_error(f"unknown rule code {code!r} (`datasheet rules` lists them)")
    chosen = [known[code.upper()]] if code else list(known.values())
    if fmt == "json":
        click.echo(json.dumps([{"code": r.code, "name": r.name, "section": r.section,
                                "severity": str(r.severity), "weight": r.weight, "doc": r.doc}
                               for r in chosen], indent=2, ensure_ascii=False))
    elif code:
        entry = chosen[0]
        click.echo(f"{entry.code} {entry.name}  (section {entry.section}, default "
                   f"{entry.severity}, weight {entry.weight})\n\n{entry.doc}")
    else:
        for entry in chosen:
            click.echo(f"{entry.code}  {entry.name:<30} {str(entry.severity):<8} "
                       f"{entry.section:<16} {entry.summary}")

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


def _hash_list_writer(write_hashes: str | None, resume: bool):
    if not write_hashes:
        return None
    from .folders import HashListWriter

    try:
        return HashListWriter(write_hashes, resume)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise click.UsageError(f"cannot resume from the hash list: {exc}") from None


@main.command()
@click.argument("target")
@click.option("--references", "references_dir", type=click.Path(file_okay=False),
              help="Folder of reference datasheets (default: the bundled datasheets/).")
@click.option("--hashes", type=click.Path(dir_okay=False),
              help="Hash list of a known original (sha256sum or md5sum format); folders only.")
@click.option("--perceptual", is_flag=True,
              help="Also compare images by a perceptual hash (needs datasheet-kit[images]).")
@click.option("--write-hashes", type=click.Path(dir_okay=False),
              help="Write the folder's hash list (sha256sum format, plus perceptual hashes with "
                   "--perceptual) to this file, as FILE.partial while hashing.")
@click.option("--resume", is_flag=True,
              help="Reuse the hashes of an interrupted --write-hashes run (FILE.partial).")
@click.option("--workers", type=click.IntRange(min=1), help="Threads that hash files.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to print the findings.")
def provenance(target: str, references_dir: str | None, hashes: str | None, perceptual: bool,
               write_hashes: str | None, resume: bool, workers: int | None, fmt: str) -> None:
    """Find the original behind TARGET (a datasheet, a card, or a dataset folder).

    Prints the likely originals with the evidence for each and a confidence (DS900), then what
    the copy does not say or changes: DS901-DS905, and for folders duplicate images (DS906,
    DS911; look-alikes with --perceptual: DS913, DS914, DS915). --format json lists every
    duplicate group. Exit status: 0 clean, 1 on errors, 2 on usage errors.
    """
    from . import provenance as prov

    path = Path(target)
    if not path.exists():
        raise click.UsageError(f"no such file or folder: {target}")
    if (hashes or perceptual or write_hashes) and not path.is_dir():
        raise click.UsageError("--hashes, --perceptual and --write-hashes need a folder")
    if resume and not write_hashes:
        raise click.UsageError("--resume continues a --write-hashes run: give --write-hashes FILE")
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
    writer = _hash_list_writer(write_hashes, resume)
    try:
        result = prov.examine(path, references, hash_list, perceptual, workers, _progress_bar(),
                              writer.previous if writer else None, writer)
    except BaseException as exc:
        if writer is not None:
            writer.close(complete=False)  # FILE.partial stays for --resume
        if isinstance(exc, RuntimeError):  # an optional extra is missing
            raise click.UsageError(str(exc)) from None
        raise
    if writer is not None:
        writer.close(complete=True)
    report = Report()
    report.add(str(path), result.findings + problems)
    if fmt == "json":
        click.echo(prov.as_json(report, {str(path): result}), nl=False)
    else:
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
    and overall, 0-100. Offline unless --online. Folders are searched for datasheets (.yaml),
    cards (.md) and Kaggle and Croissant files (.json). Exit status: 0 clean, 1 findings at --fail-on or a
    score under --fail-under, 2 usage error.
    """
    from .fair import assess, online_check, target_for
    from .fair.report import FORMATS, findings_report
    from .findings import EXIT_FINDINGS, Severity

    check_online = None
    if online:
        from .resolve import Resolver

        check_online = online_check(Resolver(timeout=timeout, retries=retries))
    reports = [assess(target_for(path), check_online) for path in expand(paths, ALL_DOCUMENTS)]
    click.echo(FORMATS[fmt](reports), nl=False)
    code = findings_report(reports).exit_code(Severity.parse(fail_on))
    if fail_under is not None and any((r.scores()["overall"] or 0) < fail_under for r in reports):
        code = EXIT_FINDINGS
    sys.exit(code)



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
