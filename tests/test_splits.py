"""check-splits: planted leakage is found exactly; bad tables give a clear message, never a
traceback."""

from __future__ import annotations

import csv
import json
import random
import subprocess
import sys

import pytest
from click.testing import CliRunner

from datasheet_kit.cli import main
from datasheet_kit.splits import TableError, canonical_split, check


def write_table(path, rows, header=("image", "patient", "split")):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def planted(tmp_path, n_patients=300, seed=7):
    """Patients with 1-5 images each, split by patient; then a few planted leaks."""
    rng = random.Random(seed)
    rows, image = [], 0
    leaked = {}
    for p in range(n_patients):
        split = rng.choice(["train", "train", "train", "val", "test"])
        count = rng.randint(1, 5)
        splits = [split] * count
        if p % 37 == 5 and count > 1:  # plant: move the last image to another split
            other = "test" if split != "test" else "train"
            splits[-1] = other
            leaked[f"P{p:04d}"] = {canonical_split(split): count - 1, other: 1}
        for s in splits:
            rows.append((f"IMG_{image:06d}.jpg", f"P{p:04d}", s))
            image += 1
    rng.shuffle(rows)
    shared = {}
    # plant: the same image file listed under two splits (a copy that mixed its folders)
    rows.append(("IMG_000003.jpg", "P9999", "test"))
    first = next(r for r in rows if r[0] == "IMG_000003.jpg")
    if canonical_split(first[2]) != "test":
        shared["IMG_000003.jpg"] = {canonical_split(first[2]): 1, "test": 1}
    return write_table(tmp_path / "meta.csv", rows), {k: dict(sorted(v.items())) for k, v in
                                                       leaked.items()}, shared


def test_planted_leakage_is_found_exactly(tmp_path):
    path, leaked, shared = planted(tmp_path)
    assert leaked, "the fixture must plant leakage"
    result = check(path, "patient", "split", "image")
    assert result.leaked_patients == leaked
    assert result.shared_images == shared
    assert result.patients == 301
    codes = [f.code for f in result.findings]
    assert codes.count("DS907") == 1 + min(10, len(leaked))


def test_clean_table_has_no_findings(tmp_path):
    rows = [(f"i{i}", f"p{i // 3}", ["train", "test"][(i // 3) % 2]) for i in range(60)]
    result = check(write_table(tmp_path / "ok.csv", rows), "patient", "split", "image")
    assert result.findings == [] and result.rows == 60 and result.patients == 20


def test_split_names_are_folded_not_counted_as_leakage(tmp_path):
    rows = [("a", "p1", "Train"), ("b", "p1", "training"), ("c", "p1", " TRAIN ")]
    result = check(write_table(tmp_path / "t.csv", rows), "patient", "split")
    assert result.leaked_patients == {} and dict(result.rows_per_split) == {"train": 3}


def test_million_rows(tmp_path):
    path = tmp_path / "big.csv"
    leaks = {f"P{p:06d}" for p in range(0, 250_000, 25_000)}
    with open(path, "w", newline="") as handle:
        handle.write("image,patient,split\n")
        for i in range(1_000_000):
            p = i // 4
            split = "train" if p % 5 else "test"
            if i % 4 == 3 and f"P{p:06d}" in leaks:
                split = "validation"
            handle.write(f"I{i:07d},P{p:06d},{split}\n")
    result = check(path, "patient", "split", "image")
    assert result.rows == 1_000_000 and result.patients == 250_000
    assert set(result.leaked_patients) == leaks
    assert all(v["validation"] == 1 for v in result.leaked_patients.values())
    assert result.shared_images == {}


def test_parquet(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table({"patient": [1, 1, 2, 3, 3],
                      "split": ["train", "test", "train", "test", "test"]})
    pq.write_table(table, tmp_path / "m.parquet")
    result = check(tmp_path / "m.parquet", "patient", "split")
    assert result.leaked_patients == {"1": {"test": 1, "train": 1}}


def test_empty_values_and_decimal_ids_are_warnings(tmp_path):
    rows = [("a", "17", "train"), ("b", "17.0", "test"), ("c", "", "train"), ("d", "P3", ""),
            ("e", "P4", "test")]
    result = check(write_table(tmp_path / "t.csv", rows), "patient", "split")
    assert result.leaked_patients == {"17": {"test": 1, "train": 1}}
    by_code = {}
    for f in result.findings:
        by_code.setdefault(f.code, []).append(f)
    assert {f.path for f in by_code["DS909"]} == {"patient", "split"}
    assert any("decimals" in f.message for f in by_code["DS910"])
    assert any("mixes numeric ids" in f.message for f in by_code["DS910"])


@pytest.mark.parametrize("content, expected", [
    (b"", "the table is empty"),
    (b"\n\n", "the table is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary, not a CSV"),
    (b"patient,split\np1,train\n\xe9t\xe9,test\n", "byte 0xe9 on line 3 is not valid UTF-8"),
    (b'patient,split\n"p1,train\n', "not a readable CSV"),
    (b"image,name\n1,2\n",
     "no columns 'patient', 'split' in the table; its columns are: 'image', 'name'"),
])
def test_bad_tables_raise_table_error(tmp_path, content, expected):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(TableError) as caught:
        check(path, "patient", "split")
    assert expected in caught.value.finding.message
    assert caught.value.finding.code == "DS908"


def test_cli_exit_codes(tmp_path):
    path, leaked, _ = planted(tmp_path)
    runner = CliRunner()
    args = ["check-splits", str(path), "--patient-column", "patient", "--split-column", "split"]
    leaky = runner.invoke(main, args + ["--format", "json", "--examples", "0"])
    assert leaky.exit_code == 1
    payload = json.loads(leaky.stdout)
    assert sum(f["code"] == "DS907" for f in payload["findings"]) == 1 + len(leaked)
    missing = runner.invoke(main, ["check-splits", str(path), "--patient-column", "pid",
                                   "--split-column", "split"])
    assert missing.exit_code == 2
    assert "no column 'pid'" in missing.output and "'patient'" in missing.output
    clean = write_table(tmp_path / "ok.csv", [("a", "p1", "train"), ("b", "p2", "test")])
    assert runner.invoke(main, ["check-splits", str(clean), "--patient-column", "patient",
                                "--split-column", "split"]).exit_code == 0


def test_cli_bad_table_no_traceback(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"\xff\xfe\x00garbage")
    missing = tmp_path / "nope.csv"
    for target in (path, missing):
        out = subprocess.run([sys.executable, "-m", "datasheet_kit", "check-splits", str(target),
                              "--patient-column", "p", "--split-column", "s"],
                             capture_output=True, text=True)
        assert out.returncode == 2 and "DS908" in out.stdout
        assert "Traceback" not in out.stderr


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_separator_is_taken_from_the_header(tmp_path, separator):
    path = tmp_path / "t.csv"
    path.write_text(separator.join(["patient", "split"]) + "\n"
                    + "\n".join(separator.join(r) for r in [("p1", "train"),
                                                            ("p1", "test")]) + "\n")
    assert check(path, "patient", "split").leaked_patients == {"p1": {"test": 1, "train": 1}}


def _table(tmp_path, name: str, rows: list[tuple[str, str, str]], sep: str = ","):
    path = tmp_path / name
    lines = [sep.join(("patient", "split", "image"))] + [sep.join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _same(a, b) -> None:
    assert (a.rows, dict(a.rows_per_split), a.patients) == (b.rows, dict(b.rows_per_split),
                                                            b.patients)
    assert a.leaked_patients == b.leaked_patients
    assert a.shared_images == b.shared_images
    assert [(f.line, f.code, f.message) for f in a.findings] == \
        [(f.line, f.code, f.message) for f in b.findings]


@pytest.mark.parametrize("seed", range(6))
def test_arrow_and_row_readers_agree(tmp_path, seed):
    pytest.importorskip("pyarrow")
    from datasheet_kit import splits_arrow

    rng = random.Random(seed)
    labels = ["train", "Train", "training", "val", "valid", "test", " Test", "", "holdout"]
    rows = []
    for i in range(3000):
        patient = rng.choice([f"P{i // 3:05d}", str(i // 4), f"{i // 5}.0", "",
                              f" P{i // 3:05d} "])
        rows.append((patient, rng.choice(labels), rng.choice([f"img{i}.png", f"img{i // 2}.png",
                                                               ""])))
    path = _table(tmp_path, "meta.csv", rows, sep=rng.choice([",", ";", "\t"]))
    assert splits_arrow.check(path, "patient", "split", "image") is not None  # the fast path ran
    for image in (None, "image"):
        _same(check(path, "patient", "split", image, engine="arrow"),
              check(path, "patient", "split", image, engine="python"))


def test_quoted_tables_go_row_by_row_with_the_same_lines(tmp_path):
    pytest.importorskip("pyarrow")
    from datasheet_kit import splits_arrow

    path = tmp_path / "quoted.csv"
    path.write_text('patient,split,note\nP1,train,"two\nlines"\nP1,test,x\n\nP2,test,y\n')
    assert splits_arrow.check(path, "patient", "split", None) is None
    result = check(path, "patient", "split")
    assert [f.line for f in result.findings if f.code == "DS907"] == [1, 4]


def test_an_empty_table_is_a_finding_not_a_traceback(tmp_path):
    # no header; a header and no rows; rows without a patient or a split: nothing is checked,
    # and a check of nothing must not pass (DS908, exit 2), whichever reader runs
    for text, says in (("", "no header row"), ("patient,split\n", "a header but no rows"),
                       ("patient,split\n,train\n3,\n", "no row has both")):
        path = tmp_path / "empty.csv"
        path.write_text(text)
        for engine in ("auto", "python"):
            with pytest.raises(TableError) as error:
                check(path, "patient", "split", engine=engine)
            assert error.value.finding.code == "DS908" and says in error.value.finding.message


def test_arrow_and_row_readers_agree_on_parquet(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    from datasheet_kit import splits_arrow

    rng = random.Random(9)
    rows = [(f"P{i // 3}", rng.choice(["train", "Test", "val", ""]), f"i{i // 2}")
            for i in range(2000)]
    path = tmp_path / "meta.parquet"
    pq.write_table(pa.table({"patient": [r[0] for r in rows], "split": [r[1] for r in rows],
                             "image": [r[2] for r in rows]}), path)
    assert splits_arrow.check(path, "patient", "split", "image") is not None
    _same(check(path, "patient", "split", "image", engine="arrow"),
          check(path, "patient", "split", "image", engine="python"))
    # numbers are spelled by the row reader: the whole-column path leaves such files to it
    numbers = tmp_path / "numbers.parquet"
    pq.write_table(pa.table({"patient": [1, 2, 1], "split": ["train", "test", "test"]}), numbers)
    assert splits_arrow.check(numbers, "patient", "split", None) is None
    assert list(check(numbers, "patient", "split").leaked_patients) == ["1"]
