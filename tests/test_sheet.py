"""Loading YAML into a Sheet: values, origins, and every kind of bad input handled, not crashed
on."""

from __future__ import annotations

import time

import pytest

from datasheet_kit.sheet import MAX_DEPTH, join, load, loads, split


def codes(sheet):
    return [f.code for f in sheet.findings]


def test_values_and_origins_are_kept():
    sheet = loads("a: 1\nb:\n  c: [x, y]\n  d: |\n    text\n  e: 2020-01-02\n  f: yes\n", "f.yaml")
    assert sheet.data == {"a": 1,
                          "b": {"c": ["x", "y"], "d": "text\n", "e": "2020-01-02", "f": True}}
    assert (sheet.origin("b.c").line, sheet.origin("b.c").column) == (3, 3)
    assert (sheet.origin("b.c[1]").line, sheet.origin("b.c[1]").column) == (3, 10)
    assert sheet.origin("b.e").line == 6
    # a path below a scalar falls back to the nearest ancestor that has an origin
    assert sheet.origin("b.d.nothing").line == 4
    assert sheet.get("b.c[1]") == "y" and sheet.get("b.zz") is None
    assert not sheet.findings


def test_paths_round_trip():
    assert split("a.b[2].c[0]") == ["a", "b", 2, "c", 0]
    assert join(join("a", 2), "c") == "a[2].c"


def test_duplicate_key_is_a_finding_at_the_second_key():
    sheet = loads("a: 1\nb: 2\na: 3\n", "d.yaml")
    assert codes(sheet) == ["DS006"]
    finding = sheet.findings[0]
    assert (finding.line, finding.column) == (3, 1)
    assert "first on line 1" in finding.message
    assert sheet.data["a"] == 3 and not sheet.fatal


def test_syntax_error_has_a_location():
    sheet = loads("a: 1\nb: [1, 2\nc: 3\n", "s.yaml")
    assert codes(sheet) == ["DS005"] and sheet.fatal
    assert sheet.findings[0].line >= 2


def test_empty_and_comment_only_files():
    assert codes(loads("", "e.yaml")) == ["DS009"]
    assert codes(loads("# nothing here\n\n", "e.yaml")) == ["DS009"]


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", "42\n"])
def test_top_level_must_be_a_mapping(text):
    assert codes(loads(text, "t.yaml")) == ["DS010"]


def test_alias_bomb_is_bounded_in_time():
    levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    sheet = loads("\n".join(levels) + "\n", "bomb.yaml")
    assert time.perf_counter() - start < 5
    assert codes(sheet) == ["DS007"] and sheet.data == {}


def test_small_aliases_are_fine():
    sheet = loads("a: &x {k: v}\nb: *x\n", "alias.yaml")
    assert sheet.data == {"a": {"k": "v"}, "b": {"k": "v"}} and not sheet.findings


def test_deep_block_nesting_is_a_finding():
    deep = MAX_DEPTH + 5
    text = "".join(f"{'  ' * i}k{i}:\n" for i in range(deep)) + "  " * deep + "v\n"
    sheet = loads(text, "deep.yaml")
    assert codes(sheet) == ["DS008"]


def test_deep_flow_nesting_is_a_finding():
    sheet = loads("a: " + "[" * 50_000 + "]" * 50_000 + "\n", "deep.yaml")
    assert codes(sheet) in (["DS005"], ["DS008"])


def test_unsupported_tags_and_merge_keys():
    sheet = loads("a: !!python/tuple [1, 2]\nb: !custom x\nbase: &b {k: 1}\nc:\n  <<: *b\n",
                  "t.yaml")
    assert codes(sheet).count("DS011") == 3
    assert not sheet.fatal


def test_multiple_documents_are_a_syntax_finding():
    assert codes(loads("a: 1\n---\nb: 2\n", "m.yaml")) == ["DS005"]


def test_bad_files(tmp_path):
    binary = tmp_path / "image.yaml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("title: ok\nsummary: caf\xe9\n".encode("latin-1"))
    large = tmp_path / "large.yaml"
    large.write_bytes(b"a: " + b"x" * 200 + b"\n")
    bom = tmp_path / "bom.yaml"
    bom.write_bytes("\ufeffa: 1\n".encode("utf-8"))
    assert codes(load(binary)) == ["DS003"]
    sheet = load(latin)
    assert codes(sheet) == ["DS002"]
    assert (sheet.findings[0].line, sheet.findings[0].column) == (2, 13)
    sheet = load(large, max_bytes=100)
    assert codes(sheet) == ["DS004"] and "204 bytes" in sheet.findings[0].message
    assert load(bom).data == {"a": 1}
    assert codes(load(tmp_path / "missing.yaml")) == ["DS001"]
    assert codes(load(tmp_path)) == ["DS001"]  # a folder is not a file


def test_a_file_is_read_whole_whatever_size_it_says_it_has(tmp_path):
    """read_text reads as much as the file says it holds and a byte more, then the rest up to
    the limit: a pipe (which says 0) is read whole, and one over the limit is still refused."""
    import os
    import threading

    from datasheet_kit.sheet import Sheet, read_text

    text = "dataset:\n  title: " + "x" * 5000 + "\n"
    fifo = tmp_path / "card.yaml"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_text, args=(text,))
    writer.start()
    assert read_text(fifo, Sheet(str(fifo))) == text
    writer.join()
    over = Sheet("over")
    writer = threading.Thread(target=fifo.write_text, args=(text,))
    writer.start()
    assert read_text(fifo, over, max_bytes=1000) is None
    writer.join()
    assert [f.code for f in over.findings] == ["DS004"]
    plain = tmp_path / "plain.yaml"
    plain.write_text(text)
    assert read_text(plain, Sheet("plain")) == text
    assert read_text(plain, Sheet("plain"), max_bytes=len(text)) == text
    assert read_text(plain, Sheet("plain"), max_bytes=len(text) - 1) is None
