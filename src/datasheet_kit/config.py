"""`[tool.datasheet]` in pyproject.toml: which rules run, at which severity, and when to fail.

    [tool.datasheet]
    select = ["DS2", "DS4"]         # codes or code prefixes; default: every rule
    ignore = ["DS212"]
    severity = { DS202 = "info" }
    fail-on = "warning"             # error (default), warning or info
    fail-under = 60                 # the lowest overall score a file may have
    paths = ["datasheets"]          # what a bare `datasheet lint` checks; default: "."

The file is the nearest pyproject.toml from the current directory upward. Anything we do not
understand is an error (exit 2) naming the key and the file: a misspelt `ignore` that silently
ignored nothing would be worse than no configuration.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from .findings import Finding, Severity, UsageError

KEYS = ("select", "ignore", "severity", "fail-on", "fail-under", "paths")


class ConfigError(UsageError):
    """A configuration the user must fix; the message names the key and where it was found."""


class Config(NamedTuple):
    """Which codes are reported, at which severity, and when a run fails. Immutable: options
    on top of a file's configuration make a new one (`_replace`)."""

    select: frozenset[str] | None = None  # None: every rule
    ignore: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = MappingProxyType({})
    fail_on: Severity = Severity.ERROR
    fail_under: float | None = None
    source: str = ""
    paths: tuple[str, ...] = ()  # relative to the folder of `source`

    def default_paths(self) -> list[str]:
        """What a command given no path checks: the configured `paths`, each relative to the
        pyproject.toml that names them (and shown relative to the current folder when it is
        inside it), else the current folder, as ruff does."""
        if not self.paths:
            return ["."]
        base = Path(self.source).parent
        here = Path.cwd().resolve()
        out = []
        for raw in self.paths:
            path = (base / raw).resolve()
            if not path.exists():
                raise ConfigError(f"{self.source}: [tool.datasheet] paths: no such file or "
                                  f"folder: {raw}")
            out.append(str(path.relative_to(here)) if path.is_relative_to(here) else str(path))
        return out

    def enabled(self, code: str) -> bool:
        return (self.select is None or code in self.select) and code not in self.ignore

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """Findings of the enabled codes, at their configured severity."""
        return [f._replace(severity=self.severity.get(f.code, f.severity))
                for f in findings if self.enabled(f.code)]


def _known_codes() -> list[str]:
    """The codes lint reports, which are the codes configuration can select, ignore or tune."""
    from .codes import lint_table

    return list(lint_table())


def expand_codes(patterns: Iterable[Any], where: str) -> frozenset[str]:
    """Codes and prefixes ("DS2") to the codes they name; any that names none is an error."""
    known = _known_codes()
    codes: set[str] = set()
    for pattern in patterns:
        if not isinstance(pattern, str) or not pattern.strip():
            raise ConfigError(f"{where}: {pattern!r} is not a rule code")
        text = pattern.strip().upper()
        matched = [c for c in known if c == text or (text != "DS" and c.startswith(text))]
        if not matched:
            raise ConfigError(f"{where}: unknown rule code {pattern!r} "
                              "(`datasheet rules` lists them)")
        codes.update(matched)
    return frozenset(codes)


def _parse_severity(value: Any, where: str) -> Severity:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected error, warning or info, got {value!r}")
    try:
        return Severity.parse(value)
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _parse_score(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise ConfigError(f"{where}: expected a number from 0 to 100, got {value!r}")
    return float(value)


def from_table(table: Any, source: str) -> Config:
    """A Config from the `[tool.datasheet]` table; every problem names `source` and the key."""
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: [tool.datasheet] must be a table")
    for key in table:
        if key not in KEYS:
            import difflib

            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = (f"; did you mean '{close[0]}'?" if close
                    else f" (known keys: {', '.join(KEYS)})")
            raise ConfigError(f"{source}: unknown key '{key}' in [tool.datasheet]{hint}")
    options: dict[str, Any] = {"source": source}
    for key in ("select", "ignore"):
        if key in table:
            value = table[key]
            if isinstance(value, str) or not isinstance(value, list):
                raise ConfigError(f"{source}: [tool.datasheet] {key} must be a list of codes")
            options[key] = expand_codes(value, f"{source}: [tool.datasheet] {key}")
    if "severity" in table:
        options["severity"] = _severities(table["severity"], source)
    if "fail-on" in table:
        options["fail_on"] = _parse_severity(table["fail-on"],
                                             f"{source}: [tool.datasheet] fail-on")
    if "fail-under" in table:
        options["fail_under"] = _parse_score(table["fail-under"],
                                             f"{source}: [tool.datasheet] fail-under")
    if "paths" in table:
        value = table["paths"]
        if isinstance(value, str) or not isinstance(value, list) or not all(
                isinstance(v, str) and v.strip() for v in value):
            raise ConfigError(f"{source}: [tool.datasheet] paths must be a list of files or "
                              "folders")
        options["paths"] = tuple(value)
    return Config(**options)


def _severities(levels: Any, source: str) -> dict[str, Severity]:
    """`severity = { DS202 = "info" }`: codes or prefixes to the severity they are reported at."""
    if not isinstance(levels, dict):
        raise ConfigError(f"{source}: [tool.datasheet] severity must be a table of "
                          "code = level")
    severity = {}
    for code, level in levels.items():
        where = f"{source}: [tool.datasheet.severity] {code}"
        for expanded in expand_codes([code], where):
            severity[expanded] = _parse_severity(level, where)
    return severity


def configure(select: str | None = None, ignore: str | None = None, fail_on: str | None = None,
              fail_under: float | None = None, start: Path | None = None) -> Config:
    """The configuration of the nearest pyproject.toml with the command line's options on top:
    comma-separated codes or prefixes for `select` and `ignore`, a severity name for `fail_on`."""
    config = load_config(start)
    if select is not None:
        config = config._replace(select=expand_codes(select.split(","), "--select"))
    if ignore is not None:
        config = config._replace(ignore=expand_codes(ignore.split(","), "--ignore"))
    if fail_on is not None:
        config = config._replace(fail_on=Severity.parse(fail_on))
    if fail_under is not None:
        config = config._replace(fail_under=fail_under)
    return config


def find_pyproject(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


# The places a `tool.datasheet` table can be written: a [tool] or [tool.datasheet...] header, or a
# `tool` key (tool.datasheet.select = ..., tool = {datasheet = ...}). A pyproject.toml without
# any of them configures nothing here, and is not parsed: tomllib costs a cold `lint` 3 ms.
_MAY_CONFIGURE = re.compile(r"""^[ \t]*(
    \[ [ \t]* ["']?tool["']? [ \t]* (\] | \.[ \t]*["']?datasheet\b)   # [tool], [tool.datasheet]
    | ["']?tool["']? [ \t]* [.=]                                    # tool.datasheet..., tool = {}
)""", re.MULTILINE | re.VERBOSE)


def load_config(start: Path | None = None) -> Config:
    """The configuration of the nearest pyproject.toml; the defaults when there is none."""
    path = find_pyproject((start or Path.cwd()).resolve())
    if path is None:
        return Config()
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc}") from None
    if not _MAY_CONFIGURE.search(data.decode("utf-8", "replace")):
        return Config(source=str(path))
    import tomllib

    try:
        document = tomllib.loads(data.decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc}") from None
    table = document.get("tool", {}).get("datasheet") if isinstance(document.get("tool"), dict) \
        else None
    return Config(source=str(path)) if table is None else from_table(table, str(path))
