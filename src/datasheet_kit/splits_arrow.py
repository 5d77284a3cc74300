"""check-splits with pyarrow: the same counts as `splits`, computed by pyarrow's CSV reader and
group-by instead of a Python loop over rows.

Only used for plain CSV files (no quote characters, no blank lines), where data row n is line
n + 1, so the lines in the findings are the same as the standard library reader gives. Returns
None whenever it cannot answer exactly (pyarrow missing, a quote or blank line in the file, a
row pyarrow rejects, a column that is not there): the caller then reads the table row by row,
which also reports why a broken table cannot be checked.
"""

from __future__ import annotations

import mmap
from collections import Counter
from pathlib import Path
from typing import Any

from .copycats import canonical_split

LINE = 2  # data row 0 is line 2: the header is line 1


def _plain(path: Path) -> bytes | None:
    """The separator of a CSV file whose rows are its lines, else None."""
    try:
        with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0,
                                                   access=mmap.ACCESS_READ) as data:
            if data.find(b'"') >= 0 or data.find(b"\n\n") >= 0 or data.find(b"\n\r\n") >= 0 \
                    or data.find(b"\x00") >= 0 or data[:3] == b"\xef\xbb\xbf":
                return None
            first = data[:data.find(b"\n")] if data.find(b"\n") >= 0 else data[:]
    except (OSError, ValueError):  # unreadable, or empty (mmap of 0 bytes)
        return None
    if not first.strip():
        return None
    return max((b",", b";", b"\t"), key=first.count)


def check(path: str | Path, patient_column: str, split_column: str,
          image_column: str | None) -> tuple | None:
    """(SplitCheck, leaked, shared, empty, first_empty, forms) as `splits._report` takes them,
    or None when the row-by-row reader must answer."""
    try:
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.csv as pcsv
    except ImportError:
        return None
    path = Path(path)
    delimiter = _plain(path)
    if delimiter is None:
        return None
    columns = [patient_column, split_column] + ([image_column] if image_column else [])
    try:
        table = pcsv.read_csv(
            path, parse_options=pcsv.ParseOptions(delimiter=delimiter.decode()),
            convert_options=pcsv.ConvertOptions(
                include_columns=columns, column_types={c: pa.string() for c in columns},
                strings_can_be_null=False))
    except (pa.ArrowInvalid, pa.ArrowKeyError, KeyError, UnicodeDecodeError):
        return None
    from .splits import SplitCheck

    result = SplitCheck(str(path), rows=table.num_rows)
    rows = pa.array(np.arange(table.num_rows, dtype=np.int64))
    empty: Counter = Counter()
    first_empty: dict[str, int] = {}

    # splits: fold each distinct label once
    labels = table[split_column].combine_chunks().dictionary_encode()
    folded = [canonical_split(str(v)) for v in labels.dictionary.to_pylist()]
    names = sorted({f for f in folded if f})
    code = pa.array([names.index(f) if f else -1 for f in folded], type=pa.int32())
    split = pc.take(code, labels.indices)
    has_split = pc.not_equal(split, -1)
    _count_empty(pc.invert(has_split), split_column, empty, first_empty)
    per_split = pc.value_counts(split.filter(has_split)).to_pylist()
    result.rows_per_split.update({names[d["values"]]: d["counts"] for d in per_split})

    patient = pc.utf8_trim_whitespace(table[patient_column].combine_chunks())
    integral = pc.match_substring_regex(patient, r"^-?\d+\.0+$")
    decimals = int(pc.sum(pc.and_(integral, has_split)).as_py() or 0)
    if decimals:
        patient = pc.replace_substring_regex(patient, r"^(-?\d+)\.0+$", r"\1")
    leaked, ids = _spread(patient, split, rows, has_split, names, patient_column, empty,
                          first_empty)
    result.patients = len(ids)
    numeric = int(pc.sum(pc.match_substring_regex(ids, r"^-*\d+$")).as_py() or 0)
    shared: dict = {}
    if image_column:
        image = pc.utf8_trim_whitespace(table[image_column].combine_chunks())
        shared, _ = _spread(image, split, rows, has_split, names, image_column, empty,
                            first_empty)
    result.leaked_patients = {k: {s: n for s, (n, _) in v.items()} for k, v in leaked.items()}
    result.shared_images = {k: {s: n for s, (n, _) in v.items()} for k, v in shared.items()}
    return result, leaked, shared, empty, first_empty, (numeric, len(ids) - numeric, decimals)


def _count_empty(missing: Any, column: str, empty: Counter, first_empty: dict) -> None:
    import pyarrow.compute as pc

    n = int(pc.sum(missing).as_py() or 0)
    if n:
        empty[column] += n
        first_empty[column] = int(pc.index(missing, True).as_py()) + LINE


def _spread(ids: Any, split: Any, rows: Any, has_split: Any, names: list[str], column: str,
            empty: Counter, first_empty: dict) -> tuple[dict, Any]:
    """Ids in more than one split -> {split: (rows, first line)}, sorted as the row-by-row reader
    sorts them; and the distinct ids."""
    import pyarrow as pa
    import pyarrow.compute as pc

    blank = pc.and_(pc.equal(ids, ""), has_split)
    _count_empty(blank, column, empty, first_empty)
    keep = pc.and_(has_split, pc.invert(blank))
    table = pa.table({"id": ids, "split": split, "row": rows}).filter(keep)
    pairs = table.group_by(["id", "split"]).aggregate([("row", "count"), ("row", "min")])
    per_id = pairs.group_by("id").aggregate([("split", "count")])
    many = per_id.filter(pc.greater(per_id["split_count"], 1))["id"]
    out: dict[str, dict[str, tuple[int, int]]] = {}
    if len(many):
        spread = pairs.filter(pc.is_in(pairs["id"], value_set=many))
        for key, s, n, first in zip(*(spread[c].to_pylist() for c in
                                      ("id", "split", "row_count", "row_min")), strict=True):
            out.setdefault(key, {})[names[s]] = (n, first + LINE)
    return ({k: dict(sorted(out[k].items())) for k in sorted(out)}, per_id["id"])
