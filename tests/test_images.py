"""Look-alike images: planted transformed copies are found, look-alike distractors are not, every
group reaches the JSON, hash lists round-trip and scans resume. Small generated pictures only."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")
pytest.importorskip("PIL")

from click.testing import CliRunner  # noqa: E402

from datasheet_kit import folders, images  # noqa: E402
from datasheet_kit.cli import main  # noqa: E402

from .lesions import TRANSFORMS, lesion, sibling  # noqa: E402

REFERENCES = Path(__file__).parent / "fixtures" / "copycats" / "references"
SIZE = 128


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """train/ holds 16 originals; test/ one copy per transformation (of originals 0-6), one
    look-alike of each of originals 7-12 (same frame, another lesion), and an exact copy of 15."""
    root = tmp_path_factory.mktemp("images") / "copy"
    (root / "train").mkdir(parents=True)
    (root / "test").mkdir()
    for seed in range(16):
        lesion(seed, SIZE).save(root / "train" / f"{seed:02d}.png")
    rng = random.Random(5)
    copies = {}
    for seed, (kind, transform) in enumerate(TRANSFORMS.items()):
        name = f"test/{kind}.png"
        transform(lesion(seed, SIZE), rng).save(root / name)
        copies[kind] = (f"train/{seed:02d}.png", name)
    for seed in range(7, 13):
        sibling(seed, 1, SIZE).save(root / "test" / f"lookalike-{seed:02d}.png")
    (root / "test" / "exact-15.png").write_bytes((root / "train" / "15.png").read_bytes())
    return root, copies


def test_every_planted_transformation_is_found_and_no_look_alike_distractor(planted):
    root, copies = planted
    found = folders.scan(root, perceptual=True, workers=2)
    groups = folders.duplicates(found)
    look = {tuple(g.paths) for g in groups if g.kind == "look-alike"}
    assert look == {tuple(sorted(pair)) for pair in copies.values()}
    assert not any("lookalike" in p for g in groups for p in g.paths)
    exact = [g for g in groups if g.kind == "exact"]
    assert [g.paths for g in exact] == [["test/exact-15.png", "train/15.png"]]
    for group in groups:
        assert group.scope == "across-splits"
        if group.kind == "look-alike":
            assert group.similarity >= images.MATCH_AT
            assert 0 <= group.distance <= images.CANDIDATE_RADIUS


def test_findings_count_leakage_without_patient_ids(planted):
    root, copies = planted
    found = folders.scan(root, perceptual=True)
    by_code = {f.code: f for f in folders.duplicate_findings(found, examples=2)}
    assert set(by_code) == {"DS906", "DS913"}
    leak = by_code["DS913"]
    assert str(leak.severity) == "error"
    assert leak.message.startswith(f"{len(copies)} groups of look-alike images "
                                   f"({2 * len(copies)} files) sit in more than one split")
    assert f"test + train: {len(copies)}" in leak.message
    assert leak.message.count(" = ") == 2  # two examples shown, every group counted


def test_json_carries_every_group(planted):
    root, copies = planted
    result = CliRunner().invoke(main, ["provenance", "--references", str(REFERENCES),
                                       "--perceptual", "--format", "json", str(root)])
    assert result.exit_code == 1, result.output
    payload = json.loads(result.output)
    groups = payload["duplicates"]
    assert len(groups) == len(copies) + 1
    for group in groups:
        assert set(group) == {"kind", "scope", "distance", "similarity", "files", "folder"}
        assert group["folder"] == str(root)
        assert all(set(f) == {"path", "split"} for f in group["files"])
    pairs = {tuple(f["path"] for f in g["files"]) for g in groups if g["kind"] == "look-alike"}
    assert pairs == {tuple(sorted(p)) for p in copies.values()}
    splits = {f["split"] for g in groups for f in g["files"]}
    assert splits == {"train", "test"}
    # the text output keeps a few examples, not every group
    text = CliRunner().invoke(main, ["provenance", "--references", str(REFERENCES),
                                     "--perceptual", str(root)]).output
    assert "DS913" in text and "look-alike" in text


def test_orientations_are_exact_for_flips_and_turns():
    rng = np.random.default_rng(3)
    base = np.asarray(lesion(3, 96).convert("L").resize((64, 64)), dtype=np.float32)
    base = base + rng.normal(0, 1, base.shape).astype(np.float32)
    whole = images.signature_of(base).whole
    variants = set(images.orientations([whole])[0].tolist())
    for turned in (base[:, ::-1], base[::-1, :], base.T, np.rot90(base), np.rot90(base, 2),
                   np.rot90(base, 3), base.T[::-1, ::-1]):
        assert images.signature_of(np.ascontiguousarray(turned)).whole in variants


def test_index_finds_every_pair_within_the_radius():
    rng = random.Random(11)
    hashes = [rng.getrandbits(images.BITS) for _ in range(400)]
    for i in range(0, 400, 4):  # plant neighbours at 1..8 bits
        flipped = hashes[i]
        for bit in rng.sample(range(images.BITS), 1 + i % 8):
            flipped ^= 1 << bit
        hashes[i + 1] = flipped
    index = images.HammingIndex(hashes)
    found = set()
    for q, i, _ in index.search(hashes, images.CANDIDATE_RADIUS):
        found |= {(a, b) for a, b in zip(q.tolist(), i.tolist(), strict=True) if a < b}
    brute = {(a, b) for a in range(400) for b in range(a + 1, 400)
             if bin(hashes[a] ^ hashes[b]).count("1") <= images.CANDIDATE_RADIUS}
    assert found == brute and len(brute) >= 100


def test_hash_list_round_trip_and_look_alikes_of_an_original(planted, tmp_path):
    root, copies = planted
    original = tmp_path / "original"
    (original / "images").mkdir(parents=True)
    for seed in range(16):
        lesion(seed, SIZE).save(original / "images" / f"{seed:02d}.png")
    listing = tmp_path / "original.list"
    scanned = folders.scan(original, perceptual=True)
    listing.write_text(folders.write_hash_list(scanned))
    back = folders.read_hash_list(listing)
    assert back.algorithm == "sha256"
    assert back.paths == {e.path: e.digest for e in scanned.files}
    assert back.signatures == {e.path: e.signature for e in scanned.files}
    # the copy against the list: exact files, transformed copies, and the rest
    copy = folders.scan(root, perceptual=True)
    groups = folders.duplicates(copy, back)
    mine = [g for g in groups if g.scope == "original"]
    exact = {p for g in mine if g.kind == "exact" for p in g.paths}
    assert len(exact) == 17  # 16 originals in train/ plus the byte copy in test/
    transformed = {p for g in mine if g.kind == "look-alike" for p in g.paths}
    assert transformed == {c for _, c in copies.values()}
    assert all(g.similarity is None and g.original for g in mine if g.kind == "look-alike")
    result = folders.compare(copy, back, groups)
    codes = [f.code for f in folders.comparison_findings(copy, back, result)]
    assert codes == ["DS914", "DS912"]
    assert result.extra == [f"test/lookalike-{s:02d}.png" for s in range(7, 13)]


def test_sha256sum_can_check_our_list(planted, tmp_path):
    import shutil
    import subprocess

    if shutil.which("sha256sum") is None:
        pytest.skip("sha256sum is not installed")
    root, _ = planted
    listing = tmp_path / "list.sha256"
    listing.write_text(folders.write_hash_list(folders.scan(root, perceptual=True)))
    done = subprocess.run(["sha256sum", "--strict", "-c", str(listing)], cwd=root,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_resume_from_a_partial_list(planted, tmp_path, monkeypatch):
    root, _ = planted
    target = tmp_path / "hashes.txt"
    fresh = folders.write_hash_list(folders.scan(root, perceptual=True))
    lines = fresh.splitlines(keepends=True)
    # an interrupted run: the header, the first files, and half a line
    partial = target.with_name("hashes.txt.partial")
    partial.write_text("".join(lines[:11]) + lines[11][:30])
    hashed = []
    real = folders._Hasher.entry

    def counting(self, rel, split=None):
        hashed.append(rel)
        return real(self, rel, split)

    monkeypatch.setattr(folders._Hasher, "entry", counting)
    result = CliRunner().invoke(main, ["provenance", "--references", str(REFERENCES),
                                       "--perceptual", "--write-hashes", str(target),
                                       "--resume", str(root)])
    assert result.exit_code == 1, result.output
    assert target.read_text() == fresh
    assert not partial.exists()
    total = len([line for line in lines if not line.startswith("#")])
    assert len(hashed) == total - 5  # the five complete files of the partial list were reused


def test_resume_needs_write_hashes(planted):
    root, _ = planted
    result = CliRunner().invoke(main, ["provenance", "--references", str(REFERENCES),
                                       "--resume", str(root)])
    assert result.exit_code == 2 and "--write-hashes" in result.output


def test_bad_images_are_a_finding_not_a_traceback(tmp_path):
    root = tmp_path / "copy"
    (root / "train").mkdir(parents=True)
    lesion(1, 64).save(root / "train" / "good.png")
    (root / "train" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    (root / "train" / "empty.jpg").write_bytes(b"")
    (root / "train" / "flat.png").write_bytes(_flat_png(tmp_path))
    result = CliRunner().invoke(main, ["provenance", "--references", str(REFERENCES),
                                       "--perceptual", str(root)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "DS915" in result.output
    assert "2 image files could not be decoded" in result.output
    assert "train/broken.png" in result.output and "train/empty.jpg" in result.output


def _flat_png(tmp_path) -> bytes:
    from PIL import Image

    path = tmp_path / "flat.png"
    Image.new("L", (32, 32), 128).save(path)
    return path.read_bytes()


def test_flat_pictures_have_no_hash_and_match_nothing(tmp_path):
    from PIL import Image

    root = tmp_path / "flat"
    root.mkdir()
    for i, grey in enumerate((10, 128, 250)):
        Image.new("L", (40, 40), grey).save(root / f"{i}.png")
    found = folders.scan(root, perceptual=True)
    assert all(e.signature is None and not e.unreadable for e in found.files)
    assert folders.duplicates(found) == []
