"""Folder mode: planted duplicates (identical and resized) are found exactly, split by split."""

from __future__ import annotations

import random
import struct
import zlib

import pytest

from datasheet_kit import folders


def png(seed: int, width: int = 8, height: int = 8) -> bytes:
    """A small valid greyscale PNG, written by hand so the test needs no imaging library."""
    rng = random.Random(seed)
    raw = b"".join(b"\x00" + bytes(rng.randrange(256) for _ in range(width)) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


@pytest.fixture
def planted(tmp_path):
    """train/ val/ test/ with distinct images, plus planted copies; returns the expected groups."""
    root = tmp_path / "copy"
    layout = {"train": range(0, 40), "val": range(40, 50), "test": range(50, 60)}
    for split, seeds in layout.items():
        for seed in seeds:
            (root / split / "img").mkdir(parents=True, exist_ok=True)
            (root / split / "img" / f"ISIC_{seed:07d}.png").write_bytes(png(seed))
    # across splits: image 3 re-appears in test under another name; image 45 in train and test
    (root / "test" / "img" / "copy_of_3.png").write_bytes(png(3))
    (root / "train" / "img" / "x45.png").write_bytes(png(45))
    (root / "test" / "img" / "y45.png").write_bytes(png(45))
    # within one split: image 7 twice in train
    (root / "train" / "img" / "ISIC_0000007 (1).png").write_bytes(png(7))
    # noise that must be ignored: hidden files and a non-image duplicate
    (root / ".DS_Store").write_bytes(png(3))
    (root / "train" / "labels.csv").write_text("a\n")
    (root / "test" / "labels.csv").write_text("a\n")
    across = sorted([
        sorted(["train/img/ISIC_0000003.png", "test/img/copy_of_3.png"]),
        sorted(["val/img/ISIC_0000045.png", "train/img/x45.png", "test/img/y45.png"]),
    ])
    within = [sorted(["train/img/ISIC_0000007.png", "train/img/ISIC_0000007 (1).png"])]
    return root, across, within


def test_planted_duplicates_are_found_exactly(planted):
    root, across, within = planted
    found = folders.scan(root, workers=4)
    assert len(found.files) == 66  # 60 + 4 planted + 2 label files; .DS_Store left out
    assert found.split_counts() == {"test": 12, "train": 42, "validation": 10}
    split = {e.path: e.split for e in found.files}
    groups = folders.exact_duplicates(found)
    assert sorted(g for g in groups if len({split[p] for p in g}) > 1) == across
    assert [g for g in groups if len({split[p] for p in g}) == 1] == within
    codes = sorted(f.code for f in folders.duplicate_findings(found))
    assert codes == ["DS906", "DS911"]


def test_order_and_digests_are_stable(planted):
    root, _, _ = planted
    one, two = folders.scan(root, workers=1), folders.scan(root, workers=8)
    assert one.files == two.files
    import hashlib
    first = one.files[0]
    assert first.digest == hashlib.sha256((root / first.path).read_bytes()).hexdigest()


def test_split_folders_are_recognised():
    assert folders.split_of("data/Training/x.png") == "train"
    assert folders.split_of("valid/x.png") == "validation"
    assert folders.split_of("test.png") is None
    assert folders.split_of("images/x.png") is None


def test_hash_list_comparison(planted, tmp_path):
    root, _, _ = planted
    original = tmp_path / "original"
    for seed in range(0, 70):  # the original has 70 images; the copy 60 of them plus extras
        (original / "images").mkdir(parents=True, exist_ok=True)
        (original / "images" / f"ISIC_{seed:07d}.png").write_bytes(png(seed))
    listing = tmp_path / "original.md5"
    listing.write_text(folders.write_hash_list(folders.scan(original, algorithm="md5")))
    hashes = folders.read_hash_list(listing)
    assert hashes.algorithm == "md5"
    copy = folders.scan(root, algorithm=hashes.algorithm)
    result = folders.compare(copy, hashes)
    assert (result.shared, result.missing, result.original) == (60, 10, 70)
    assert result.extra == []
    (root / "test" / "img" / "new.png").write_bytes(png(1000))
    copy = folders.scan(root, algorithm="md5")
    result = folders.compare(copy, hashes)
    assert result.extra == ["test/img/new.png"]
    codes = [f.code for f in folders.comparison_findings(copy, hashes, result)]
    assert codes == ["DS904", "DS912"]


def test_bad_hash_list(tmp_path):
    bad = tmp_path / "list.txt"
    bad.write_text("not a hash\n")
    with pytest.raises(ValueError, match="list.txt:1"):
        folders.read_hash_list(bad)


def test_perceptual_hash_finds_resized_copies(tmp_path):
    Image = pytest.importorskip("PIL.Image")
    root = tmp_path / "copy"
    for split in ("train", "test"):
        (root / split).mkdir(parents=True)

    def picture(seed):
        # Neighbouring cells differ by at least 16 grey levels, so the difference hash is robust.
        r = random.Random(seed)
        cells = [v for _ in range(8) for v in r.sample(range(0, 256, 16), 9)]
        small = Image.new("L", (9, 8))
        small.putdata(cells)
        return small.resize((90, 80), Image.Resampling.NEAREST).convert("RGB")

    for seed in range(12):
        picture(seed).save(root / "train" / f"{seed}.png")
    # planted: image 4 resized and re-encoded as JPEG in test; image 9 resized inside train
    picture(4).resize((45, 40)).save(root / "test" / "small4.jpg", quality=85)
    picture(9).resize((60, 53)).save(root / "train" / "9b.png")
    found = folders.scan(root, perceptual=True)
    assert folders.look_alikes(found) == [["test/small4.jpg", "train/4.png"],
                                          ["train/9.png", "train/9b.png"]]
    assert folders.exact_duplicates(found) == []
    codes = sorted((f.code, str(f.severity)) for f in folders.duplicate_findings(found))
    assert codes == [("DS911", "warning"), ("DS913", "error")]


def test_progress_reports_every_file(planted):
    root, _, _ = planted
    seen = []
    found = folders.scan(root, progress=lambda done, total: seen.append((done, total)))
    total = len(found.files)
    assert seen == [(i, total) for i in range(1, total + 1)]
