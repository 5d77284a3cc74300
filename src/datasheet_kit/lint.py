"""`datasheet lint` as a library call: load findings, schema findings and rule findings, configured."""

from __future__ import annotations

from .config import Config
from .findings import Finding
from .rules import run
from .sheet import FATAL, Sheet
from .validate import validate


def lint(sheet: Sheet, config: Config | None = None) -> list[Finding]:
    """Every finding on one sheet after `config` (select, ignore, severity) is applied.

    Load errors after which nothing could be checked (a YAML syntax error, a binary file) are
    always reported, whatever the configuration. A rule finding at a path where the schema
    already reported a missing field (DS101) is dropped: the author needs to hear "motivation.purpose is missing" once, and the score must
    not count the same gap twice.
    """
    config = config or Config()
    findings = validate(sheet)
    missing = {f.path for f in findings if f.code == "DS101"}
    enabled = {code for code in _rule_codes() if config.enabled(code)}
    findings += [f for f in run(sheet, enabled) if f.path not in missing]
    # A file that cannot be read was checked for nothing: that is never selected away.
    kept = [f for f in findings if f.code in FATAL]
    return kept + config.apply(f for f in findings if f.code not in FATAL)


def _rule_codes() -> list[str]:
    from .rules import registry

    return list(registry())
