"""check-splits: patients (and images) that sit in more than one split of a metadata table.

A model evaluated on patients it was trained on looks better than it is (Copycats §2.1), and
copies of medical datasets often redraw splits at image level. This module reads a metadata table
once, row by row, and keeps only two counters keyed by (id, split): a million rows take a few
seconds with the standard library alone. CSV is read with `csv`; Parquet needs the optional
`pyarrow` (the `splits` extra), imported only when a Parquet file is given.

Problems that stop the check (a column that is not there, a file that is not a table) raise
`TableError`, which carries a finding with its location; the command reports it and exits 2.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .copycats import CODES, SPLIT_SYNONYMS, canonical_split, finding
from .findings import Finding, Severity, plural

__all__ = ["CODES", "SPLIT_SYNONYMS", "SplitCheck", "TableError", "canonical_split", "check",
           "finding", "main_summary", "read_rows"]

# "17.0" is how pandas writes an integer id once the column has held a missing value.
_INTEGRAL_FLOAT = re.compile(r"^(-?\d+)\.0+$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
MAX_FIELD = 1 << 20  # a field over 1 MiB means the file is not the table it claims to be


class TableError(Exception):
    """The table cannot be checked; `finding` says why and where."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


@dataclass
class SplitCheck:
    """What one pass over the table found. Mappings are complete; findings show examples."""

    file: str
    rows: int = 0
    rows_per_split: Counter = field(default_factory=Counter)
    # patient -> {split: rows}, only for patients found in more than one split
    leaked_patients: dict[str, dict[str, int]] = field(default_factory=dict)
    # image -> {split: rows}, only for images found in more than one split
    shared_images: dict[str, dict[str, int]] = field(default_factory=dict)
    patients: int = 0
    findings: list[Finding] = field(default_factory=list)


# ------------------------------------------------------------------------------------ reading

def _columns_error(file: str, wanted: list[str], header: list[str], line: int = 1) -> TableError:
    missing = [c for c in wanted if c not in header]
    shown = ", ".join(repr(c) for c in header) or "(none)"
    noun = "column" if len(missing) == 1 else "columns"
    return TableError(finding(
        file, "DS908", Severity.ERROR,
        f"no {noun} {', '.join(repr(c) for c in missing)} in the table; its columns are: {shown}",
        line))


def _csv_rows(path: Path, columns: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(line, [values of `columns`]) for every data row of a UTF-8 CSV file."""
    file = str(path)
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed by the with below)
    except OSError as exc:
        raise TableError(finding(file, "DS908", Severity.ERROR,
                                 f"cannot read the table: {exc.strerror or exc}")) from None
    with handle:
        head = handle.read(8192)
        if b"\x00" in head:
            raise TableError(finding(file, "DS908", Severity.ERROR,
                                     "the file contains NUL bytes: it is binary, not a CSV table"))
    # Tab- and semicolon-separated tables are common (spreadsheets in many locales): the
    # separator is the one the header line uses most.
    first = head.split(b"\n", 1)[0]
    delimiter = max(",;\t", key=lambda d: first.count(d.encode()))
    csv.field_size_limit(MAX_FIELD)
    # newline="" as the csv module wants; the C decoder keeps a million rows fast.
    with open(path, encoding="utf-8-sig", newline="") as text:
        # strict: a stray quote must not silently swallow the rest of the file
        reader = csv.reader(text, delimiter=delimiter, strict=True)
        try:
            header = next(reader, None)
            if header is None or not any(h.strip() for h in header):
                raise TableError(finding(file, "DS908", Severity.ERROR,
                                         "the table is empty: there is no header row"))
            header = [h.strip() for h in header]
            if not all(c in header for c in columns):
                raise _columns_error(file, columns, header)
            where = [header.index(c) for c in columns]
            width = max(where) + 1
            for row in reader:
                if not row:
                    continue  # blank lines carry no data
                if len(row) < width:
                    row = row + [""] * (width - len(row))
                yield reader.line_num, [row[i] for i in where]
        except csv.Error as exc:
            raise TableError(finding(file, "DS908", Severity.ERROR,
                                     f"not a readable CSV table: {exc}", reader.line_num)) from None
        except UnicodeDecodeError:
            line, byte = _bad_byte(path)
            raise TableError(finding(file, "DS908", Severity.ERROR,
                                     f"byte 0x{byte:02x} on line {line:,} is not valid UTF-8; "
                                     "save the table as UTF-8", line)) from None


def _bad_byte(path: Path) -> tuple[int, int]:
    """Line and value of the first byte that is not UTF-8 (only run once decoding has failed;
    the decoder works in blocks, so its own position does not give the line)."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                return number, raw[exc.start]
    return 1, 0


def _parquet_rows(path: Path, columns: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(row number, [values as text]) from a Parquet file, one record batch at a time."""
    file = str(path)
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise TableError(finding(file, "DS908", Severity.ERROR,
                                 "reading Parquet needs pyarrow: pip install "
                                 "'datasheet-kit[splits]'")) from None
    try:
        table = pq.ParquetFile(path)
        header = list(table.schema_arrow.names)
    except Exception as exc:  # pyarrow raises several unrelated types for a bad file
        raise TableError(finding(file, "DS908", Severity.ERROR,
                                 f"not a readable Parquet file: {exc}")) from None
    if not all(c in header for c in columns):
        raise _columns_error(file, columns, header)
    number = 0
    for batch in table.iter_batches(columns=columns, batch_size=65536):
        values = [batch.column(i).to_pylist() for i in range(len(columns))]
        for row in zip(*values, strict=True):
            number += 1
            yield number, ["" if v is None else str(v) for v in row]


def read_rows(path: str | Path, columns: list[str]) -> Iterator[tuple[int, list[str]]]:
    path = Path(path)
    if path.suffix.lower() in (".parquet", ".pq"):
        return _parquet_rows(path, columns)
    return _csv_rows(path, columns)


# ------------------------------------------------------------------------------------ checking

def _integral(value: str) -> str | None:
    match = _INTEGRAL_FLOAT.match(value)
    return match.group(1) if match else None


class _Tally:
    """Rows per (id, split), kept cheaply: most ids live in one split, so each id stores its first
    split and a count, and only ids seen in a second split get a per-split entry."""

    def __init__(self) -> None:
        self.first: dict[str, list] = {}  # id -> [split, rows, line]
        self.more: dict[tuple[str, str], list] = {}  # (id, other split) -> [rows, line]

    def add(self, key: str, split: str, line: int) -> None:
        entry = self.first.get(key)
        if entry is None:
            self.first[key] = [split, 1, line]
        elif entry[0] == split:
            entry[1] += 1
        else:
            other = self.more.get((key, split))
            if other is None:
                self.more[(key, split)] = [1, line]
            else:
                other[0] += 1

    def spread(self) -> dict[str, dict[str, tuple[int, int]]]:
        """Ids in more than one split -> {split: (rows, first line)}, sorted for stable output."""
        out: dict[str, dict[str, tuple[int, int]]] = {}
        for (key, split), (rows, line) in self.more.items():
            if key not in out:
                split0, rows0, line0 = self.first[key]
                out[key] = {split0: (rows0, line0)}
            out[key][split] = (rows, line)
        return {k: dict(sorted(out[k].items())) for k in sorted(out)}


def check(path: str | Path, patient_column: str, split_column: str,
          image_column: str | None = None, examples: int = 10, engine: str = "auto"
          ) -> SplitCheck:
    """Read the table once and report leakage. Raises TableError when it cannot be checked.

    With `engine="auto"` and pyarrow and numpy installed, a plain CSV file (no quotes, no
    blank lines, so that row n is line n + 1) or a Parquet file of text columns is counted on
    whole columns (`splits_arrow`); anything else, and any table pyarrow stumbles on, goes
    through the row reader, which also writes the findings for broken tables. Both give the
    same result (a test compares them)."""
    if engine in ("auto", "arrow"):
        from . import splits_arrow

        fast = splits_arrow.check(path, patient_column, split_column, image_column)
        if fast is not None:
            result, leaked, shared, empty, first_empty, forms = fast
            _report(result, leaked, shared, empty, first_empty, forms, patient_column,
                    image_column, examples)
            return _checked(result, patient_column, split_column)
    return _checked(_check_rows(path, patient_column, split_column, image_column, examples),
                    patient_column, split_column)


def _checked(result: SplitCheck, patient_column: str, split_column: str) -> SplitCheck:
    """The result, unless it checked nothing: a table with a header and no rows, or whose rows
    all lack a patient or a split, cannot show leakage and must not pass as clean."""
    if not result.rows:
        raise TableError(finding(result.file, "DS908", Severity.ERROR,
                                 "the table has a header but no rows: there is nothing to check"))
    if not result.patients:
        raise TableError(finding(
            result.file, "DS908", Severity.ERROR,
            f"no row has both a {patient_column!r} and a {split_column!r} value "
            f"({plural(result.rows, 'row')} read): there is nothing to check", 2))
    return result


def _check_rows(path: str | Path, patient_column: str, split_column: str,
                image_column: str | None, examples: int) -> SplitCheck:
    file = str(path)
    columns = [patient_column, split_column] + ([image_column] if image_column else [])
    result = SplitCheck(file)
    patients, images = _Tally(), _Tally()
    empty: Counter = Counter()
    first_empty: dict[str, int] = {}
    decimals = 0
    splits: dict[str, str] = {}  # raw label -> canonical, so each label is folded once
    for line, values in read_rows(path, columns):
        result.rows += 1
        split = splits.get(values[1])
        if split is None:
            split = splits[values[1]] = canonical_split(values[1])
        if not split:
            empty[split_column] += 1
            first_empty.setdefault(split_column, line)
            continue
        result.rows_per_split[split] += 1
        patient = values[0].strip()
        if not patient:
            empty[patient_column] += 1
            first_empty.setdefault(patient_column, line)
        else:
            if "." in patient:  # rare: only ids that pandas wrote as floats pay for the regex
                whole = _integral(patient)
                if whole is not None:
                    patient, decimals = whole, decimals + 1
            patients.add(patient, split, line)
        if image_column:
            image = values[2].strip()
            if image:
                images.add(image, split, line)
            else:
                empty[image_column] += 1
                first_empty.setdefault(image_column, line)

    leaked, shared = patients.spread(), images.spread()
    result.leaked_patients = {k: {s: n for s, (n, _) in v.items()} for k, v in leaked.items()}
    result.shared_images = {k: {s: n for s, (n, _) in v.items()} for k, v in shared.items()}
    result.patients = len(patients.first)
    numeric = sum(1 for key in patients.first if key.lstrip("-").isdigit())
    _report(result, leaked, shared, empty, first_empty,
            (numeric, len(patients.first) - numeric, decimals),
            patient_column, image_column, examples)
    return result


def _report(result: SplitCheck, leaked: dict, shared: dict, empty: Counter,
            first_empty: dict, forms: tuple[int, int, int], patient_column: str,
            image_column: str | None, examples: int) -> None:
    file, out = result.file, result.findings
    if leaked:
        pairs = Counter(" + ".join(per) for per in leaked.values())
        spread = "; ".join(f"{combo}: {n:,}" for combo, n in pairs.most_common())
        out.append(finding(
            file, "DS907", Severity.ERROR,
            f"{len(leaked):,} of {plural(result.patients, 'patient')} "
            f"{'appears' if len(leaked) == 1 else 'appear'} in more than one split "
            f"({spread}); split by patient so that no patient is in two splits",
            path=patient_column))
        for patient, per in _first(leaked, examples):
            # Point at the first row of the patient in its second split: the row that leaks.
            line = sorted(first for _, first in per.values())[1]
            out.append(finding(file, "DS907", Severity.ERROR,
                               f"patient {patient!r} is in {len(per)} splits: {_rows(per)}",
                               line, path=patient_column))
    if shared:
        out.append(finding(
            file, "DS906", Severity.ERROR,
            ("1 image appears" if len(shared) == 1 else f"{len(shared):,} images appear")
            + " in more than one split; an image must be in one split only",
            path=image_column or ""))
        for image, per in _first(shared, examples):
            line = sorted(first for _, first in per.values())[1]
            out.append(finding(file, "DS906", Severity.ERROR,
                               f"image {image!r} is in {len(per)} splits: {_rows(per)}",
                               line, path=image_column or ""))
    for column, n in sorted(empty.items()):
        out.append(finding(
            file, "DS909", Severity.WARNING,
            f"{plural(n, 'row')} {'has' if n == 1 else 'have'} no value in column {column!r} "
            f"(first on line {first_empty[column]:,}); "
            f"{'it was' if n == 1 else 'they were'} left out of the check", first_empty[column],
            path=column))
    numeric, text, decimals = forms
    if numeric and text:
        out.append(finding(
            file, "DS910", Severity.WARNING,
            f"column {patient_column!r} mixes numeric ids ({plural(numeric, 'patient')}) and "
            f"text ids ({plural(text, 'patient')}); check that each patient is always written "
            "the same way",
            path=patient_column))
    if decimals:
        out.append(finding(
            file, "DS910", Severity.WARNING,
            f"{plural(decimals, 'value')} in column {patient_column!r} "
            f"{'is' if decimals == 1 else 'are'} written as decimals ('17.0'); compared as "
            "whole numbers ('17')", path=patient_column))


def _first(spread: dict, examples: int) -> list:
    items = list(spread.items())
    return items[:examples] if examples > 0 else items


def _rows(per_split: dict[str, tuple[int, int]]) -> str:
    return ", ".join(f"{split} {plural(n, 'row')}" for split, (n, _) in per_split.items())


def main_summary(result: SplitCheck) -> str:
    """One line for people: rows, splits and patients checked (the findings say the rest)."""
    splits = ", ".join(f"{s} {n:,}" for s, n in sorted(result.rows_per_split.items()))
    return (f"{plural(result.rows, 'row')}, {plural(result.patients, 'patient')}; rows per "
            f"split: {splits or 'none'}")


