"""check-splits with pyarrow and numpy: the same counts as `splits`, computed on whole columns
instead of in a Python loop over rows.

pyarrow's CSV reader parses the needed columns (single-threaded: on small machines the thread
start-up costs more than it saves), each id column is dictionary-encoded once, and numpy counts
rows per (id, split) with one `bincount`. Only ids found in more than one split come back into
Python. Used for plain CSV files (no quote character, no blank line, no byte-order mark: data
row n is then line n + 1, and the findings point at the same lines as the standard-library
reader) and for Parquet files whose columns are text without nulls. Returns None whenever it
cannot answer exactly (pyarrow or numpy missing, a quote, a row pyarrow rejects, a column that
is not there): the caller then reads the table row by row, which also explains why a broken
table cannot be checked.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from .copycats import canonical_split

LINE = 2  # data row 0 is line 2: the header is line 1
CHUNK = 1 << 20


def _plain(path: Path) -> str | None:
    """The separator of a CSV file whose rows are its lines, else None. Read in chunks, so the
    file goes through the page cache without growing the process."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(CHUNK)
            if not head.strip() or b"\x00" in head[:8192] or head.startswith(b"\xef\xbb\xbf"):
                return None
            chunk = head
            while chunk:
                if b'"' in chunk:
                    return None
                chunk = handle.read(CHUNK)
    except OSError:
        return None
    first = head.split(b"\n", 1)[0]
    return max(",;\t", key=lambda d: first.count(d.encode()))


def _read(path: Path, delimiter: str, columns: list[str]) -> Any:
    import pyarrow as pa
    import pyarrow.csv as pcsv

    try:
        return pcsv.read_csv(
            path, read_options=pcsv.ReadOptions(use_threads=False, block_size=1 << 22),
            # a blank line is then a short row, which pyarrow rejects: the row reader takes over
            parse_options=pcsv.ParseOptions(delimiter=delimiter, ignore_empty_lines=False),
            convert_options=pcsv.ConvertOptions(
                include_columns=columns, column_types={c: pa.string() for c in columns},
                strings_can_be_null=False))
    except (pa.ArrowInvalid, pa.ArrowKeyError, KeyError, UnicodeDecodeError):
        return None


def _read_parquet(path: Path, columns: list[str]) -> Any:
    """The columns of a Parquet file when all of them hold text without nulls (other types are
    turned into text by the row reader, whose spelling of numbers must not change)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path, columns=columns)
    except Exception:  # pyarrow raises several unrelated types for a bad file or column
        return None
    if not all(pa.types.is_string(table[c].type) and table[c].null_count == 0 for c in columns):
        return None
    return table


def check(path: str | Path, patient_column: str, split_column: str,
          image_column: str | None) -> tuple | None:
    """(SplitCheck, leaked, shared, empty, first_empty, forms) as `splits._report` takes them,
    or None when the row-by-row reader must answer."""
    try:
        import numpy as np
        import pyarrow.compute as pc
    except ImportError:
        return None
    path = Path(path)
    columns = [patient_column, split_column] + ([image_column] if image_column else [])
    first_line = LINE  # the line (CSV) or row number (Parquet) of the first data row
    if path.suffix.lower() in (".parquet", ".pq"):
        table, first_line = _read_parquet(path, columns), 1  # rows are numbered from 1
    else:
        delimiter = _plain(path)
        table = _read(path, delimiter, columns) if delimiter is not None else None
    if table is None:
        return None
    from .splits import SplitCheck

    result = SplitCheck(str(path), rows=table.num_rows)
    empty: Counter = Counter()
    first_empty: dict[str, int] = {}

    # splits: fold each distinct label once, then one small integer per row (-1: no split)
    labels = table[split_column].combine_chunks().dictionary_encode()
    folded = [canonical_split(str(v)) for v in labels.dictionary.to_pylist()]
    names = sorted({f for f in folded if f})
    codes = np.array([names.index(f) if f else -1 for f in folded] or [-1], dtype=np.int64)
    split = codes[_numpy(labels.indices)] if len(labels) else \
        np.zeros(0, dtype=np.int64)
    has_split = split >= 0
    _count_empty(~has_split, split_column, empty, first_empty, first_line)
    per_split = np.bincount(split[has_split], minlength=len(names))
    result.rows_per_split.update({n: int(c) for n, c in zip(names, per_split, strict=True) if c})

    patient = pc.utf8_trim_whitespace(table[patient_column].combine_chunks())
    decimals = 0
    if pc.any(pc.match_substring(patient, ".")).as_py():  # rare: ids that pandas wrote as 17.0
        integral = _numpy(pc.match_substring_regex(patient, r"^-?\d+\.0+$"))
        decimals = int((integral & has_split).sum())
        if decimals:
            patient = pc.replace_substring_regex(patient, r"^(-?\d+)\.0+$", r"\1")
    leaked, result.patients, numeric = _spread(patient, split, has_split, names, patient_column,
                                               empty, first_empty, first_line)
    shared: dict = {}
    if image_column:
        image = pc.utf8_trim_whitespace(table[image_column].combine_chunks())
        shared, _, _ = _spread(image, split, has_split, names, image_column, empty, first_empty,
                               first_line)
    result.leaked_patients = {k: {s: n for s, (n, _) in v.items()} for k, v in leaked.items()}
    result.shared_images = {k: {s: n for s, (n, _) in v.items()} for k, v in shared.items()}
    return (result, leaked, shared, empty, first_empty,
            (numeric, result.patients - numeric, decimals))


def _numpy(array: Any) -> Any:
    """A pyarrow integer or boolean array without nulls as a numpy array, straight from its
    buffer (pyarrow's to_numpy imports pandas, which costs a quarter of a second)."""
    import numpy as np
    import pyarrow as pa

    boolean = pa.types.is_boolean(array.type)
    if boolean:
        array = array.cast(pa.uint8())
    kind = "uint" if pa.types.is_unsigned_integer(array.type) else "int"
    data = np.frombuffer(array.buffers()[1], dtype=np.dtype(f"{kind}{array.type.bit_width}"))
    values = data[array.offset:array.offset + len(array)]
    return values.astype(bool) if boolean else values


def _count_empty(missing: Any, column: str, empty: Counter, first_empty: dict,
                 first_line: int) -> None:
    import numpy as np

    n = int(missing.sum())
    if n:
        empty[column] += n
        first_empty[column] = int(np.argmax(missing)) + first_line


def _spread(values: Any, split: Any, has_split: Any, names: list[str], column: str,
            empty: Counter, first_empty: dict, first_line: int) -> tuple[dict, int, int]:
    """Ids in more than one split -> {split: (rows, first line)}, sorted as the row-by-row reader
    sorts them; the number of distinct ids in rows that have a split; how many of those are
    numeric (digits after an optional minus)."""
    import numpy as np
    import pyarrow.compute as pc

    encoded = values.dictionary_encode()
    index = _numpy(encoded.indices).astype(np.int64)
    dictionary = encoded.dictionary
    # (a Python value such as "" in a pyarrow call imports pandas: lengths avoid it)
    empties = np.nonzero(_numpy(pc.utf8_length(dictionary)) == 0)[0]
    blank = int(empties[0]) if len(empties) else -1
    missing = has_split & (index == blank)
    _count_empty(missing, column, empty, first_empty, first_line)
    keep = has_split & ~missing
    n_splits = max(len(names), 1)
    rows = np.nonzero(keep)[0]
    key = index[rows] * n_splits + split[rows]
    counts = np.bincount(key, minlength=len(dictionary) * n_splits).reshape(-1, n_splits)
    spread = (counts > 0).sum(axis=1)
    digits = _numpy(pc.match_substring_regex(dictionary, r"^-*\d+$"))
    numeric = int((digits & (spread > 0)).sum())
    out: dict[str, dict[str, tuple[int, int]]] = {}
    many = np.nonzero(spread > 1)[0]
    if len(many):
        first = np.full(len(dictionary) * n_splits, -1, dtype=np.int64)
        first[key[::-1]] = rows[::-1]  # the last write wins: the smallest row of each key
        for i in many.tolist():
            out[dictionary[i].as_py()] = {
                names[s]: (int(counts[i, s]), int(first[i * n_splits + s]) + first_line)
                for s in range(n_splits) if counts[i, s]}
    return ({k: dict(sorted(out[k].items())) for k in sorted(out)}, int((spread > 0).sum()),
            numeric)
