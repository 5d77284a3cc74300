"""`datasheet lint` and `datasheet score` as library calls: load, schema and rule findings,
configured, and the scores they give."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .codes import FATAL
from .config import Config
from .findings import Finding, Report
from .inputs import load_document
from .rules import registry, run
from .sheet import Sheet
from .validate import validate

if TYPE_CHECKING:
    from .score import Scorecard


def lint(sheet: Sheet, config: Config | None = None) -> list[Finding]:
    """Every finding on one sheet after `config` (select, ignore, severity) is applied.

    Load errors after which nothing could be checked (a YAML syntax error, a binary file) are
    always reported, whatever the configuration. A rule finding at a path where the schema
    already reported a missing field (DS101) is dropped: the author needs to hear
    "motivation.purpose is missing" once, and the score must not count the same gap twice.
    """
    config = config or Config()
    findings = validate(sheet)
    missing = {f.path for f in findings if f.code == "DS101"}
    enabled = {code for code in registry() if config.enabled(code)}
    findings += [f for f in run(sheet, enabled) if f.path not in missing]
    # A file that cannot be read was checked for nothing: that is never selected away.
    kept = [f for f in findings if f.code in FATAL]
    return kept + config.apply(f for f in findings if f.code not in FATAL)


def lint_files(files: Iterable[Path], config: Config
               ) -> Iterator[tuple[Path, Sheet, list[Finding]]]:
    """(path, sheet, findings) for each file, in order."""
    for path in files:
        sheet = load_document(path)
        yield path, sheet, lint(sheet, config)


def lint_report(files: Iterable[Path], config: Config) -> tuple[Report, list[str]]:
    """The findings of every file, and a line for each file whose overall score is under
    `config.fail_under` (when it is set)."""
    report, low = Report(), []
    for path, sheet, findings in lint_files(files, config):
        report.add(str(path), findings)
        if config.fail_under is not None:
            from .score import score

            card = score(sheet, findings)
            if card.overall < config.fail_under:
                low.append(f"{path}: overall score {card.overall} is under --fail-under "
                           f"{config.fail_under:g}")
    return report, low


def scorecards(files: Iterable[Path], config: Config) -> tuple[list[Scorecard], list[Finding]]:
    """The scorecard of every readable file, and the load findings of the files that could not
    be read (a score of 0 for them would be a lie: the findings say why instead)."""
    from .score import score

    cards: list[Scorecard] = []
    unreadable: list[Finding] = []
    for _, sheet, findings in lint_files(files, config):
        if sheet.fatal:
            unreadable.extend(f for f in findings if f.code in FATAL)
        else:
            cards.append(score(sheet, findings))
    return cards, unreadable
