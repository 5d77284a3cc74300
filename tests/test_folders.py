"""Folder mode: planted duplicates (identical and resized) are found exactly, split by split."""

from __future__ import annotations

import json
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


def test_hash_lists_in_every_shape_sha256sum_writes(tmp_path):
    """Text and binary mode ('*'), CRLF line ends, trailing blanks, a name that is a blank."""
    a, b = "ab" * 32, "CD" * 32
    listing = tmp_path / "list.sha256"
    listing.write_bytes(f"# comment\r\n{a}  x y.png  \r\n{b} *bin.png\n\n{a}   \n".encode())
    found = folders.read_hash_list(listing)
    assert found.paths == {"x y.png": a, "bin.png": b.lower(), " ": a}
    assert found.digests == {a: "x y.png", b.lower(): "bin.png"}
    listing.write_text(f"{a}  ok.png\n{a[:60]}  short.png\n")
    with pytest.raises(ValueError, match="list.sha256:2"):
        folders.read_hash_list(listing)


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
    # called as batches finish: counts rise, every call knows the total, the last one is all
    assert seen and seen[-1] == (total, total)
    assert all(t == total for _, t in seen)
    assert [d for d, _ in seen] == sorted({d for d, _ in seen})


# ------------------------------------------------------------------- threads and processes

@pytest.fixture
def many(tmp_path):
    """300 small files over nested split folders, a few of them identical, plus one empty."""
    root = tmp_path / "many"
    for i in range(300):
        folder = root / ("test" if i % 4 == 0 else "train") / f"{i % 7}" / ("deep" * (i % 2))
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i:04d}.png").write_bytes(b"%d" % (i % 250) * (1 + i % 50))
    (root / "train" / "empty.png").write_bytes(b"")
    return root


def spied(monkeypatch, name):
    """Record the calls of folders.<name> (the thread or the process path)."""
    calls = []
    real = getattr(folders, name)

    def spy(*args, **kwargs):
        calls.append(name)
        return real(*args, **kwargs)

    monkeypatch.setattr(folders, name, spy)
    return calls


def scanned(root, **kwargs):
    """A scan with its hash list, as --write-hashes writes it."""
    import io

    out = io.StringIO()
    found = folders.scan(root, record=out, **kwargs)
    return found, out.getvalue()


def os_walk_order(root):
    """Files as os.walk lists them with sorted names, hidden ones left out."""
    import os

    out = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        prefix = os.path.relpath(folder, root).replace(os.sep, "/")
        out += [f if prefix == "." else f"{prefix}/{f}" for f in sorted(files)
                if not f.startswith(".")]
    return out


def test_small_folders_hash_on_threads_large_ones_on_processes(many, monkeypatch):
    threads, processes = spied(monkeypatch, "_on_threads"), spied(monkeypatch, "_on_processes")
    on_threads, text = scanned(many)
    assert (threads, processes) == (["_on_threads"], [])
    monkeypatch.setattr(folders, "SMALL", 50)  # 301 files are many now
    on_processes, same = scanned(many, workers=3)
    assert processes == ["_on_processes"]
    # one result either way: the same records, in walk order, and the same hash list
    assert on_processes.files == on_threads.files
    assert same == text
    assert [e.path for e in on_processes.files] == folders.list_files(many) == os_walk_order(many)
    import hashlib

    for entry in on_processes.files[::37]:
        data = (many / entry.path).read_bytes()
        assert (entry.size, entry.digest) == (len(data), hashlib.sha256(data).hexdigest())
    assert folders.exact_duplicates(on_processes) == folders.exact_duplicates(on_threads) != []


def test_processes_start_by_spawn_too(many, monkeypatch):
    """The start method of Windows and macOS: workers get nothing but what they are sent."""
    monkeypatch.setattr(folders, "SMALL", 10)  # spawned workers wait for 8 times as many
    monkeypatch.setattr(folders, "_start_method", lambda: "spawn")
    processes = spied(monkeypatch, "_on_processes")
    spawned, text = scanned(many, algorithm="md5", workers=2)
    monkeypatch.setattr(folders, "SMALL", 10_000)
    on_threads, same = scanned(many, algorithm="md5")
    assert processes == ["_on_processes"]
    assert spawned.files == on_threads.files and text == same
    assert spawned.algorithm == "md5" and len(text.splitlines()) == 301


def test_perceptual_scans_stay_on_threads(many, monkeypatch):
    pytest.importorskip("PIL")
    pytest.importorskip("numpy")
    monkeypatch.setattr(folders, "SMALL", 50)
    processes = spied(monkeypatch, "_on_processes")
    found = folders.scan(many, perceptual=True)
    assert processes == [] and len(found.files) == 301


def test_batches_follow_the_file_sizes(tmp_path):
    sink = folders._Sink(folders.FolderScan(str(tmp_path), "sha256"), None, None, 0)
    assert sink.batch_size() == 16  # nothing hashed yet: a few files per task
    sink.rows(["a"] * 4, [None] * 4, {}, [1024] * 4, ["0" * 64] * 4, "")
    assert sink.batch_size() == folders.ROWS  # small files: full batches
    sink.rows(["b"] * 4, [None] * 4, {}, [100 << 20] * 4, ["0" * 64] * 4, "")
    assert sink.batch_size() == 1  # big files: one per task, so that they spread over workers


def test_resume_on_processes_gives_the_same_list(many, monkeypatch, tmp_path):
    monkeypatch.setattr(folders, "SMALL", 50)
    _, fresh = scanned(many)
    lines = fresh.splitlines(keepends=True)
    partial = tmp_path / "list.txt.partial"
    partial.write_text(folders.HASH_LIST_HEADER + "".join(lines[:120]) + lines[120][:20])
    writer = folders.HashListWriter(tmp_path / "list.txt", resume=True)
    found = folders.scan(many, resume=writer.previous, record=writer, workers=1)
    writer.close(complete=True)
    assert found.resumed == 120 and len(found.files) == 301
    assert (tmp_path / "list.txt").read_text() == folders.HASH_LIST_HEADER + fresh
    assert found.files == scanned(many)[0].files  # sizes and digests of reused files too


def test_an_interrupt_stops_every_worker(many, monkeypatch):
    import multiprocessing

    monkeypatch.setattr(folders, "SMALL", 50)
    monkeypatch.setattr(folders, "ROWS", 8)

    def interrupted(done, total):
        if done > 40:
            raise KeyboardInterrupt

    import io

    out = io.StringIO()
    with pytest.raises(KeyboardInterrupt):
        folders.scan(many, progress=interrupted, record=out, workers=2)
    assert multiprocessing.active_children() == []
    # what was written is whole lines of files hashed, in order: a list to resume from
    lines = out.getvalue().splitlines(keepends=True)
    assert 40 < len(lines) < 301 and all(line.endswith("\n") for line in lines)
    assert "".join(lines) == scanned(many)[1][:len(out.getvalue())]


@pytest.mark.parametrize("small", [50, 10_000], ids=["processes", "threads"])
def test_a_file_that_cannot_be_read_is_reported_not_raised(many, monkeypatch, small):
    """A link to nothing (or a file gone since the walk) is left out and named with its
    reason, on either path; the rest of the folder is hashed as before."""
    import multiprocessing
    import os

    if not hasattr(os, "symlink"):
        pytest.skip("no symbolic links here")
    monkeypatch.setattr(folders, "SMALL", small)
    whole, whole_list = scanned(many)
    link = many / "train" / "dangling.png"
    os.symlink(many / "nowhere", link)
    try:
        found, listed = scanned(many, workers=2)
    finally:
        link.unlink()
    assert multiprocessing.active_children() == []
    assert found.unreadable == [folders.Unreadable("train/dangling.png",
                                                   "No such file or directory")]
    assert found.files == whole.files and listed == whole_list
    (message,) = [f.message for f in folders.duplicate_findings(found) if f.code == "DS916"]
    assert "1 file could not be read" in message and "train/dangling.png (No such file" in message


def test_provenance_on_a_folder_with_an_unreadable_file_is_a_warning(tmp_path):
    import os

    from click.testing import CliRunner

    from datasheet_kit.cli import main

    if not hasattr(os, "symlink"):
        pytest.skip("no symbolic links here")
    (tmp_path / "a.png").write_bytes(b"a")
    os.symlink(tmp_path / "nowhere", tmp_path / "b.png")
    result = CliRunner().invoke(main, ["provenance", str(tmp_path), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 0, result.output
    codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
    assert "DS916" in codes


@pytest.fixture(scope="module")
def thousands(tmp_path_factory):
    """4,000 small files: enough for full batches, whose answers fill a pipe."""
    root = tmp_path_factory.mktemp("thousands")
    for i in range(4000):
        folder = root / "train" / f"{i // 1000}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i:04d}.png").write_bytes(b"%d" % i)
    return root


@pytest.mark.parametrize("how", ["ctrl-c", "kill -9"])
def test_workers_leave_with_their_parent(thousands, how):
    """Ctrl-C (SIGINT to the whole process group) while the parent is busy: workers ignore it,
    the parent stops them and is the only one to report it. kill -9 of the parent (no chance to
    stop anything) with full batches in flight: workers notice within about a second and leave,
    instead of waiting for work, or to hand over answers, forever."""
    import os
    import signal
    import subprocess
    import sys
    import time

    if os.name != "posix":
        pytest.skip("POSIX signals")
    script = ("import multiprocessing, signal, sys, time\n"
              "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
              "from datasheet_kit import folders\n"
              "def slow(done, total):\n"
              "    if done < 1000:\n"
              "        return\n"
              "    print(*[p.pid for p in multiprocessing.active_children()], flush=True)\n"
              "    try:\n"
              "        time.sleep(60)\n"
              "    except KeyboardInterrupt:\n"
              "        time.sleep(1)  # still busy when Ctrl-C comes\n"
              "        raise\n"
              "folders.scan(sys.argv[1], progress=slow)\n")
    parent = subprocess.Popen([sys.executable, "-c", script, str(thousands)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              start_new_session=True)
    try:
        workers = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(workers) == (os.cpu_count() or 1)
        time.sleep(0.5)  # the workers answer what is in flight, and block on the full pipe
        assert all(_ignores_ctrl_c(pid) for pid in workers)
    finally:
        if how == "ctrl-c":
            os.killpg(parent.pid, signal.SIGINT)
        else:
            parent.send_signal(signal.SIGKILL)
        _, err = parent.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_running(pid) for pid in workers)
    if how == "ctrl-c":
        assert parent.returncode != 0
        assert err.count("Traceback") == 1 and err.rstrip().endswith("KeyboardInterrupt"), err


def _ignores_ctrl_c(pid: int) -> bool:
    """Whether a process ignores SIGINT (Linux tells in /proc; elsewhere taken as yes)."""
    import signal
    from pathlib import Path

    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        return True
    ignored = next(line for line in status.read_text().splitlines() if line.startswith("SigIgn"))
    return bool(int(ignored.split()[1], 16) >> (signal.SIGINT - 1) & 1)


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's zombie waits for init, which may not reap here)."""
    import os
    from pathlib import Path

    if Path("/proc/self/stat").exists():
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except FileNotFoundError:
            return False
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
