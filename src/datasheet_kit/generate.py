"""`datasheet generate`: load, validate, render, and write (or check) each output.

The command-line glue calls `run`; tests and the benchmark call it too. Rendering is in
writers/, safe writing and marker-preserving updates in writers/_files.py.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from .files import write_atomic
from .findings import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, Report, Severity, UsageError
from .inputs import load_document
from .sheet import Sheet
from .validate import validate
from .writers import DEFAULT_NAMES, OUTPUTS, generate
from .writers._files import RefusedError, plan_markdown, plan_whole

_MARKDOWN_KINDS = ("hf-card", "markdown")


class GenerateError(UsageError):
    """A usage problem: wrong combination of options and paths."""


def targets(kind: str, datasheets: list[Path], out: str | None, check: bool = False
            ) -> list[tuple[Path, str, Path | None]]:
    """(datasheet, output kind, file to write or None for stdout) for every output to make.

    `--check` without `-o` compares each output with the file of its default name beside its
    datasheet (README.md for hf-card), which is what the pre-commit hook runs with no args."""
    kinds = list(OUTPUTS) if kind == "all" else [kind]
    if check and not out:
        plan: list[tuple[Path, str, Path | None]] = []
        seen: dict[Path, Path] = {}
        for sheet in datasheets:
            for k in kinds:
                target = sheet.parent / DEFAULT_NAMES[k]
                if target in seen:
                    raise GenerateError(f"{seen[target]} and {sheet} would both be compared with "
                                        f"{target}; give -o for each")
                seen[target] = sheet
                plan.append((sheet, k, target))
        return plan
    if len(datasheets) == 1 and len(kinds) == 1:
        return [(datasheets[0], kinds[0], Path(out) if out and out != "-" else None)]
    if not out or out == "-":
        raise GenerateError("several outputs need -o FOLDER (written as FOLDER/NAME/README.md ...)")
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise GenerateError(f"{out} is a file; several outputs need a folder")
    return [(sheet, k, folder / sheet.stem / DEFAULT_NAMES[k])
            for sheet in datasheets for k in kinds]


def run(kind: str, datasheets: list[Path], *, out: str | None = None, check: bool = False,
        force: bool = False, template: str | None = None, kaggle_owner: str | None = None,
        echo: Callable[[str], None] = print,
        warn: Callable[[str], None] = lambda text: print(text, file=sys.stderr)) -> int:
    """Generate every requested output; return the exit status (see the command's help)."""
    if not datasheets:
        return EXIT_CLEAN
    plan = targets(kind, datasheets, out, check)
    if template and kind == "all":
        raise GenerateError("--template applies to one output (hf-card or markdown), not all")
    sheets = _valid_sheets([source for source, _, _ in plan], warn)
    status = EXIT_CLEAN if len(sheets) == len({source for source, _, _ in plan}) \
        else EXIT_FINDINGS
    for source, output_kind, target in plan:
        if source not in sheets:
            continue
        try:
            result = generate(output_kind, sheets[source], template=template,
                              kaggle_owner=kaggle_owner, source_name=source.name)
        except ImportError as err:
            warn(f"error: {err}")
            return EXIT_USAGE
        for text in [] if check else result.warnings:  # --check runs in hooks: report changes only
            warn(f"{source}: {output_kind}: {text}")
        if target is None:
            echo(result.text.rstrip("\n"))
            continue
        status = max(status, _update(target, result.text, output_kind, source, check, force,
                                     warn))
    return status


def _valid_sheets(sources: list[Path], warn: Callable[[str], None]) -> dict[Path, Sheet]:
    """The sheets that are valid enough to generate from; the errors of the others are told."""
    sheets = {}
    report = Report()
    for path in dict.fromkeys(sources):
        sheet = load_document(path)
        problems = [f for f in validate(sheet) if f.severity >= Severity.ERROR]
        if problems:
            report.add(str(path), problems)
        else:
            sheets[path] = sheet
    for finding in report.findings:
        warn(f"{finding.file}:{finding.line}:{finding.column}: {finding.code} {finding.message}")
    return sheets


def _merge_front_matter(old_yaml: str | None, new_yaml: str) -> str:
    """The writer's merge of an existing README's front matter, once that front matter is known
    to be within the loader's limits: PyYAML's own loader recurses once per level of nesting."""
    import yaml

    from .sheet import limits
    from .writers.hf_card import merge_front_matter

    if old_yaml:
        try:
            broken = limits(old_yaml)
        except yaml.YAMLError as err:
            problem = " ".join(str(getattr(err, "problem", None) or err).split())
            raise RefusedError(f"the existing front matter is not valid YAML ({problem}); fix "
                               "it or use --force") from None
        if broken is not None:
            code, mark, message = broken
            raise RefusedError(f"the existing front matter cannot be merged ({code}, line "
                               f"{mark.line + 2}: {message}); fix it or use --force")
    return merge_front_matter(old_yaml, new_yaml)


def _update(target: Path, text: str, output_kind: str, source: Path, check: bool, force: bool,
            warn: Callable[[str], None]) -> int:
    """Write `text` to `target` when it changes it (or, with `check`, say that it would)."""
    try:
        if output_kind in _MARKDOWN_KINDS:
            change = plan_markdown(target, text, force=force,
                                   merge_front_matter=_merge_front_matter)
        else:
            change = plan_whole(target, text)
    except RefusedError as err:
        warn(f"error: {err}")
        return EXIT_USAGE
    if not change.changed:
        return EXIT_CLEAN
    if check:
        warn(f"{target} would change (run `datasheet generate {output_kind} {source} -o "
             f"{target}` to update it)")
        return EXIT_FINDINGS
    write_atomic(target, change.text)
    return EXIT_CLEAN
