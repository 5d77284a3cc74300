"""The `datasheet` command. Glue only: parse arguments, call the library, report, exit.

A problem with what was asked (a path that is not there, options that do not go together, a
configuration or remote target that cannot be used) is a findings.UsageError, raised here or in
the library; `main` reports every one the same way: one line on stderr, exit status 2.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .findings import EXIT_USAGE, Report, UsageError

# What a folder gives each command: validate and generate take datasheets; lint, score and
# fair judge every kind of document (inputs.documents decides what is one).
DATASHEETS_ONLY = ("datasheet",)
ALL_DOCUMENTS = ("datasheet", "hf", "kaggle", "croissant")


def default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


class _Failed(click.ClickException):
    """A UsageError on its way out: its message on one line, exit status 2."""

    exit_code = EXIT_USAGE

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise _Failed(str(exc)) from None


def expand(paths: tuple[str, ...], kinds: tuple[str, ...] = DATASHEETS_ONLY,
           report: Report | None = None, doing: str = "to check") -> list[Path]:
    """Files as given; folders become the documents of `kinds` under them, in a stable order.

    No path at all means the paths of `[tool.datasheet] paths`, else the current folder, as
    ruff does. A folder that gives nothing is a DS017 warning naming it (on `report` when the
    command has one, else on stderr), and a run that would check no file at all is a usage
    error (exit 2): a check of nothing must not pass.
    """
    from .findings import Finding, Severity
    from .inputs import collect, what_is_looked_for

    if not paths:
        from .config import load_config

        paths = tuple(load_config().default_paths())
    gathered = collect(paths, kinds)
    looked_for = what_is_looked_for(kinds)
    for folder in gathered.empty:
        message = f"the folder {folder} holds no {looked_for} {doing}"
        if report is not None:
            report.findings.append(Finding(folder, 1, 1, "DS017", "nothing-to-check",
                                           Severity.WARNING, message))
        else:
            click.echo(f"warning: {message} (DS017)", err=True)
    if not gathered.files:
        named = ", ".join(paths)
        if len(paths) == 1:
            named = f"the folder {named} holds" if Path(paths[0]).is_dir() else f"{named} holds"
        else:
            named += " hold"
        raise UsageError(f"nothing {doing}: {named} no {looked_for}")
    return gathered.files


def emit(report: Report, fmt: str, quiet: bool = False) -> None:
    from .reporters import render, use_color

    color = use_color(sys.stdout)
    # click.echo strips ANSI codes off a stream that is not a terminal unless told otherwise
    click.echo(render(report, fmt, quiet=quiet, color=color), nl=False, color=color)


def quiet_option(command: Any) -> Any:
    """-q/--quiet: errors and the summary line only, for hooks and CI."""
    return click.option("-q", "--quiet", is_flag=True,
                        help="Print only errors and the summary line (for hooks and CI).")(command)


def format_or_default(fmt: str | None, default: str = "text") -> str:
    """The format asked for, else `github` under GitHub Actions, else `default`."""
    return fmt or (default_format() if default == "text" else default)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="datasheet")
def main() -> None:
    """Write, check and publish datasheets for datasets."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "sarif"]),
              default=None, help="How to print the findings [default: text; github under "
              "GitHub Actions].")
@quiet_option
def validate(paths: tuple[str, ...], fmt: str | None, quiet: bool) -> None:
    """Check datasheets against the schema.

    Each problem is reported as FILE:LINE:COL: CODE message. Exit status: 0 when every file is
    valid, 1 when there are findings, 2 for a usage error. Folders are searched for .yaml files.
    """
    from .inputs import load_document
    from .validate import validate as check

    report = Report()
    for path in expand(paths, report=report):
        report.add(str(path), check(load_document(path)))
    # validate keeps its one-line-a-finding output; lint's `text` groups findings by file.
    fmt = format_or_default(fmt)
    emit(report, "concise" if fmt == "text" else fmt, quiet)
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
    from .generate import run

    if not datasheets:
        raise UsageError("give the datasheet (or a folder of datasheets) to generate from")
    sys.exit(run(kind, expand(datasheets, doing="to generate from"), out=out, check=check,
                 force=force, template=template, kaggle_owner=kaggle_owner, echo=click.echo,
                 warn=lambda text: click.echo(text, err=True)))


# lint, score and rules. Exit codes: 0 clean, 1 findings at or above --fail-on or a score under
# --fail-under, 2 usage or configuration error.

LINT_FORMATS = ["text", "concise", "json", "github", "sarif"]
_LEVELS = click.Choice(["error", "warning", "info"], case_sensitive=False)


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
@quiet_option
def lint(paths: tuple[str, ...], fmt: str | None, fail_on: str | None, fail_under: float | None,
         select: str | None, ignore: str | None, quiet: bool) -> None:
    """Check datasheets against the schema and the lint rules.

    HF cards (README.md), Kaggle metadata and Croissant files are read too, and their findings
    point at lines of the card. Folders give every such document under them.
    Settings come from [tool.datasheet] in the nearest pyproject.toml; options override them.
    `datasheet rules` lists the rules.
    """
    from .config import configure
    from .lint import lint_report

    config = configure(select, ignore, fail_on, fail_under)
    empty = Report()
    report, low = lint_report(expand(paths, ALL_DOCUMENTS, empty), config)
    report.findings[:0] = empty.findings
    emit(report, fmt or default_format(), quiet)
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
@quiet_option
def score(paths: tuple[str, ...], fmt: str, fail_under: float | None, select: str | None,
          ignore: str | None, quiet: bool) -> None:
    """Score datasheets per section and overall (0-100), from their lint findings.

    For an HF card, Kaggle or Croissant file, the platform-style score (how many of the
    platform's fields hold anything) is shown beside it. Folders give every such document."""
    from .config import configure
    from .lint import scorecards
    from .score import render_json, render_table

    config = configure(select, ignore, None, fail_under)
    cards, unreadable = scorecards(expand(paths, ALL_DOCUMENTS), config)
    if quiet and fmt == "table":  # one line a file: the overall score, or why there is none
        lines = [f"{f.file}:{f.line}:{f.column}: {f.code} cannot be scored: {f.message}"
                 for f in unreadable]
        lines += [f"{card.file}: overall {card.overall}" for card in cards]
        lines.append(f"{len(cards)} file{'s' * (len(cards) != 1)} scored")
        click.echo("\n".join(lines))
    else:
        render = render_json if fmt == "json" else render_table
        click.echo(render(cards, unreadable), nl=False)
    low = [c for c in cards if config.fail_under is not None and c.overall < config.fail_under]
    for card in low:
        click.echo(f"{card.file}: overall score {card.overall} is under --fail-under "
                   f"{config.fail_under:g}", err=True)
    sys.exit(1 if unreadable or low else 0)


@main.command()
@click.argument("code", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="A list for people, or the versioned JSON contract.")
def rules(code: str | None, fmt: str) -> None:
    """List every code a command reports, or print the documentation of one (datasheet rules
    DS301): load and schema codes, lint rules, Copycats codes and FAIR checks."""
    from .codes import describe, listing, rules_json, table

    known = table()
    if code is not None and code.upper() not in known:
        raise UsageError(f"unknown rule code {code!r} (`datasheet rules` lists them)")
    chosen = [known[code.upper()]] if code else list(known.values())
    if fmt == "json":
        click.echo(rules_json(chosen), nl=False)
    elif code:
        click.echo(describe(chosen[0]))
    else:
        click.echo(listing(chosen), nl=False)


@main.command("check-splits")
@click.argument("table")
@click.option("--patient-column", required=True, help="The column that identifies the patient.")
@click.option("--split-column", required=True, help="The column that names the split.")
@click.option("--image-column", help="The column that identifies the image (checked too).")
@click.option("--examples", default=10, show_default=True, type=click.IntRange(min=0),
              help="How many leaking patients and images to list (0: all).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default=None,
              help="How to print the findings [default: text; github under GitHub Actions].")
@quiet_option
def check_splits(table: str, patient_column: str, split_column: str, image_column: str | None,
                 examples: int, fmt: str | None, quiet: bool) -> None:
    """Find patients and images that appear in more than one split of TABLE (CSV or Parquet).

    Exit status: 0 when every patient is in one split, 1 on leakage, 2 when the table cannot be
    checked (missing column, not a table, not UTF-8). Parquet needs datasheet-kit[splits].
    """
    from .findings import EXIT_USAGE
    from .splits import TableError, check, main_summary

    fmt = format_or_default(fmt)
    report = Report()
    try:
        result = check(table, patient_column, split_column, image_column, examples)
    except TableError as exc:
        report.add(table, [exc.finding])
        emit(report, fmt, quiet)
        sys.exit(EXIT_USAGE)
    report.add(table, result.findings)
    emit(report, fmt, quiet)
    click.echo(main_summary(result), err=True)
    sys.exit(report.exit_code())


PROVENANCE_FORMATS = ["text", "table", "json", "csv", "github"]


@main.command()
@click.argument("targets", nargs=-1)
@click.option("--listings", multiple=True, type=click.Path(dir_okay=False),
              help="A CSV table of platform listings (name, url, licence, keywords, ...): "
                   "each row is a target. Repeatable.")
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
@click.option("--workers", type=click.IntRange(min=1),
              help="Processes (threads for --perceptual) that hash files; default one per CPU.")
@click.option("--timeout", type=click.FloatRange(min=0.01), default=20.0, show_default=True,
              help="Seconds to wait for the Hub or Kaggle (hf: and kaggle: targets).")
@click.option("--format", "fmt", type=click.Choice(PROVENANCE_FORMATS), default=None,
              help="text: the findings; table: one row per target; csv: the rows; json: "
                   "findings, candidates and rows; github: annotations [default: text for one "
                   "target, table for several or --listings].")
@quiet_option
def provenance(targets: tuple[str, ...], listings: tuple[str, ...], references_dir: str | None,
               hashes: str | None, perceptual: bool, write_hashes: str | None, resume: bool,
               workers: int | None, timeout: float, fmt: str | None, quiet: bool) -> None:
    """Find the original behind each TARGET (a datasheet, a card, a dataset folder,
    hf:OWNER/NAME or kaggle:OWNER/SLUG), and behind each listing of a --listings table.

    Prints the likely originals with the evidence for each and a confidence (DS900), then what
    the copy does not say or changes: DS901-DS905, and for folders duplicate images (DS906,
    DS911; look-alikes with --perceptual: DS913, DS914, DS915) and files that cannot be read
    (DS916). With several targets, one row per target: the likely original, confidence,
    declared or not, the licence verdict.
    --format json lists every duplicate group and every row. Exit status: 0 clean, 1 on
    errors, 2 on usage errors.
    """
    from . import provenance as prov
    from .progress import Progress

    if not targets and not listings:
        raise UsageError("give a TARGET (file, folder, hf:OWNER/NAME or kaggle:OWNER/SLUG) or "
                         "--listings TABLE")
    folders = [t for t in targets if Path(t).is_dir()]
    if (hashes or perceptual or write_hashes) and not folders:
        raise UsageError("--hashes, --perceptual and --write-hashes need a folder")
    if write_hashes and len(folders) > 1:
        raise UsageError("--write-hashes writes the list of one folder; give one folder")
    if resume and not write_hashes:
        raise UsageError("--resume continues a --write-hashes run: give --write-hashes FILE")
    folder = Path(references_dir) if references_dir else prov.default_references()
    if folder is None:
        raise UsageError("no reference datasheets found; pass --references DIR")
    references, problems = prov.load_references(folder)
    if not references:
        raise UsageError(f"no readable reference datasheets in {folder}")
    options = {"hashes": hashes, "perceptual": perceptual, "workers": workers,
               "write_hashes": write_hashes, "resume": resume,
               "progress": Progress("hashing", "files"), "timeout": timeout}
    batch = prov.check_targets(list(targets), list(listings), references, options,
                               Progress("checking", "listings"))
    report = batch.report
    report.findings.extend(problems)
    fmt = fmt or ("text" if len(targets) == 1 and not listings else "table")
    fmt = default_format() if fmt == "text" and default_format() == "github" else fmt
    if fmt == "json":
        click.echo(prov.as_json(report, batch.examinations, batch.rows), nl=False)
    elif fmt == "csv":
        click.echo(prov.batch.as_csv(batch.rows), nl=False)
    elif fmt == "table":  # quiet: the rows of targets with errors, under the whole summary
        rows = [r for r in batch.rows if r.errors] if quiet else batch.rows
        click.echo(prov.batch.table(rows, batch.rows), nl=False)
    else:
        emit(report, fmt, quiet)
    sys.exit(report.exit_code())


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["table", "text", "json", "github"]),
              default="table", show_default=True,
              help="table: every check with evidence and scores; text: one line per problem; "
                   "json: findings plus every check and score; github: annotations.")
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
@quiet_option
def fair(paths: tuple[str, ...], fmt: str, fail_on: str, fail_under: float | None, online: bool,
         timeout: float, retries: int, quiet: bool) -> None:
    """Check how FAIR a dataset's documentation is (datasheet, HF card, Kaggle or Croissant file).

    Each check has our id and the F-UJI / RDA indicator it traces to, a status (pass, partial,
    fail, n/a) and the evidence, with file and line. Scores are given per principle (F, A, I, R)
    and overall, 0-100. Offline unless --online. Folders are searched for datasheets (.yaml),
    cards (.md) and Kaggle and Croissant files (.json). Exit status: 0 clean, 1 findings at
    --fail-on or a score under --fail-under, 2 usage error.
    """
    from .fair.report import exit_code, low_scores, render
    from .fair.run import assess_files
    from .findings import Severity
    from .reporters import use_color

    reports = assess_files(expand(paths, ALL_DOCUMENTS), online, timeout, retries)
    color = use_color(sys.stdout)
    click.echo(render(reports, fmt, quiet, color), nl=False, color=color)
    for line in low_scores(reports, fail_under):
        click.echo(line, err=True)
    sys.exit(exit_code(reports, Severity.parse(fail_on), fail_under))



@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the skeleton here (default: print it).")
@click.option("--from", "source", metavar="CARD|hf:ID|kaggle:ID",
              help="Start from what `datasheet import` reads from this card.")
@click.option("--medical", is_flag=True, help="Add the medical-imaging section.")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.option("--timeout", type=float, default=20.0, show_default=True,
              help="Seconds to wait for the Hub or Kaggle (with --from).")
def init(output: str | None, source: str | None, medical: bool, force: bool,
         timeout: float) -> None:
    """Start a datasheet: every question of the schema as a commented prompt.

    Each prompt says what the question asks, whether it is required or recommended, and gives
    an example answer. The gate (does the data concern people?) comes first; every open
    question is a `status: todo` gap, so the skeleton validates as written and `datasheet lint`
    lists what is left. Writes atomically, and never over an existing file without --force.
    """
    from .draft import skeleton
    from .files import write_atomic

    if output and Path(output).exists() and not force:
        raise UsageError(f"{output} exists; use --force to overwrite it")
    sheet = None
    if source:
        from .inputs import load_target

        sheet = load_target(source, timeout)
        if sheet.fatal:
            report = Report()
            report.add(sheet.file, sheet.findings)
            emit(report, "text")
            sys.exit(1)
        if sheet.kind == "datasheet":
            raise UsageError(f"{source} is already a datasheet; start from a card")
    text = skeleton(sheet, medical=medical)
    if not output:
        click.echo(text, nl=False)
        return
    try:
        write_atomic(output, text)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    gaps = text.count("status: todo")
    click.echo(f"wrote {output}: {gaps} questions to answer; `datasheet lint {output}` lists "
               "them", err=True)


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
    from .inputs import load_target

    sheet = load_target(target, timeout)
    if sheet.kind == "datasheet" and not sheet.fatal:
        raise UsageError(f"{target} is already a datasheet; nothing to import")
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
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    gaps = text.count("status: todo") + text.count("(todo:")
    click.echo(f"wrote {output}: a draft from {sheet.file}, {gaps} gaps to fill", err=True)


@main.command()
@click.argument("targets", nargs=-1, required=True)
@click.option("-o", "--output", default="report.html", show_default=True,
              type=click.Path(dir_okay=False), help="The HTML page to write.")
@click.option("--no-provenance", is_flag=True,
              help="Leave out the search for originals (faster on many documents).")
@click.option("--timeout", type=float, default=20.0, show_default=True,
              help="Seconds to wait for the Hub or Kaggle (hf: and kaggle: targets).")
def report(targets: tuple[str, ...], output: str, no_provenance: bool, timeout: float) -> None:
    """One HTML page about documents: datasheets, cards, Kaggle or Croissant files, folders.

    Per document: the section scores as a chart beside the platform-style score, every finding
    with its rule's documentation and a link to its line, where each answer was found, and the
    likely originals with the licence verdict. For several documents, a sortable table and the
    mean per section come first. The page is self-contained (no network) and needs no
    JavaScript.
    """
    from .files import write_atomic
    from .report import build
    from .reporters import html

    files = [t for t in targets if ":" in t and not Path(t).exists()]
    files += [str(p) for p in expand(tuple(t for t in targets if t not in files), ALL_DOCUMENTS)]
    if not files:
        raise UsageError("no documents to report on")
    page = build(files, timeout, provenance=not no_provenance)
    write_atomic(output, html(page))
    click.echo(f"wrote {output}: {len(files)} document{'s' * (len(files) != 1)}", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", "outdir", default="survey", show_default=True,
              type=click.Path(file_okay=False), help="Folder for the tables and the chart.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Parallel processes [default: number of CPUs].")
def survey(paths: tuple[str, ...], outdir: str, jobs: int | None) -> None:
    """Survey many cards: the share answering each datasheet section and question.

    PATHS are cards, folders of cards, or .txt files listing one path per line. Writes
    sections.csv, questions.csv, cards.csv, cards.json, coverage.svg and report.html (the
    table and chart of `datasheet report`) to the output folder.
    Cards that cannot be read are listed on stderr, one line each, and counted as errors.
    """
    from . import survey as surveying
    from .progress import Progress

    files = surveying.targets(paths)
    rows = surveying.run(files, jobs or surveying.default_jobs(), Progress(unit="cards"))
    written = surveying.write(rows, outdir)
    try:  # the same page as `datasheet report`: the sortable table and the section chart
        from .files import write_atomic
        from .report import survey_documents
        from .reporters import html

        write_atomic(Path(outdir) / "report.html", html(survey_documents(rows)))
    except ImportError as exc:
        click.echo(f"report.html not written: {exc}", err=True)
    for line in surveying.iter_errors(rows):
        click.echo(line, err=True)
    click.echo(surveying.summary(rows, Path(written["sections"]).parent), nl=False)
