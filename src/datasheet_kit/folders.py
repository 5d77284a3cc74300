"""Folder mode: hash every file of a local dataset copy, group its duplicates, compare it with the
hash list of a known original.

Exact duplicates are found by content hash (sha256 by default, or whatever a given hash list
uses, such as the MD5 lists of the duplicate-datasets project). A folder of many files is hashed
by worker processes fed batches of paths while this process walks the folder: on small files the
cost is per-file Python work, which threads would serialise on the GIL. Small folders and
perceptual scans hash on threads (see `scan`). Files are streamed: only a bounded number are in
flight, each finished file leaves one small record, and a hash list can be written as the scan
goes (and a scan resumed from it).

With `perceptual=True` (the `images` extra) every picture also gets the perceptual hashes of
`images`, and look-alikes (resized, re-encoded, cropped, brightened, flipped, turned or grey
copies) are grouped after a verification step that keeps out pictures that only look alike.

A file's split is the outermost folder on its path whose name is a split name (train, val,
valid, validation, test, ... with the same folding as check-splits).
"""

from __future__ import annotations

import functools
import gc
import hashlib
import itertools
import os
import re
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from .copycats import SPLIT_SYNONYMS, canonical_split, finding
from .findings import Finding, Severity, clip
from .images import Signature

IMAGE_SUFFIXES = (
    ".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff", ".webp", ".dcm", ".dicom",
    ".nii", ".nii.gz", ".mha", ".mhd", ".nrrd", ".npy", ".npz", ".svs", ".ppm", ".pgm",
)
# Suffixes that Pillow can open for a perceptual hash.
RASTER_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff", ".webp",
                             ".ppm", ".pgm"})
CHUNK = 1 << 20
_HEX_LENGTHS = {32: "md5", 40: "sha1", 64: "sha256", 128: "blake2b"}
_HASH_LINE = re.compile(r"([0-9a-fA-F]{32,128})\s+\*?(.*\S|\s)\s*\Z")


class FileEntry:
    """One file of a scan. Four slots, the perceptual fields read from the class: a million
    records are a third of a GB, and each slot is 8 MB of it. Pictures of a perceptual scan
    are `PictureEntry`, which has its own."""

    __slots__ = ("path", "size", "digest", "split")
    signature: Signature | None = None  # perceptual hashes, when asked for and readable
    unreadable: bool = False  # a picture Pillow could not decode (perceptual mode only)
    thumbnail: int = -1  # where its base thumbnail sits in the scan's ThumbnailStore

    def __init__(self, path: str, size: int, digest: str, split: str | None) -> None:
        self.path = path  # relative to the folder, with forward slashes
        self.size = size
        self.digest = digest  # hex
        self.split = split

    def _fields(self) -> tuple[Any, ...]:
        return (self.path, self.size, self.digest, self.split, self.signature, self.unreadable,
                self.thumbnail)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FileEntry):
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it was

    def __repr__(self) -> str:
        names = ("path", "size", "digest", "split", "signature", "unreadable", "thumbnail")
        return "FileEntry(" + ", ".join(f"{n}={v!r}" for n, v in zip(names, self._fields(),
                                                                      strict=True)) + ")"


class PictureEntry(FileEntry):
    """A picture of a perceptual scan, with its perceptual hashes (None for a flat or unreadable
    picture), whether Pillow could not decode it, and its thumbnail's place in the store."""

    __slots__ = ("signature", "unreadable", "thumbnail")

    def __init__(self, path: str, size: int, digest: str, split: str | None,
                 signature: Signature | None, unreadable: bool = False,
                 thumbnail: int = -1) -> None:
        super().__init__(path, size, digest, split)
        self.signature = signature
        self.unreadable = unreadable
        self.thumbnail = thumbnail


class Unreadable(NamedTuple):
    """A file the walk listed but that could not be read (gone since, a link to nothing, no
    permission): left out of the records and the hash list, and reported (DS916)."""

    path: str
    reason: str


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


@dataclass
class FolderScan:
    root: str
    algorithm: str
    files: list[FileEntry] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)
    perceptual: bool = False
    resumed: int = 0  # entries taken from a partial hash list instead of hashed again
    thumbnails: Any = None  # images.ThumbnailStore of a perceptual scan

    def base(self, entry: FileEntry) -> Any:
        """The base thumbnail of a picture: from the store, else decoded again."""
        from .images import base_thumbnail

        if entry.thumbnail >= 0 and self.thumbnails is not None:
            return self.thumbnails.get(entry.thumbnail)
        return base_thumbnail(Path(self.root) / entry.path)

    @property
    def images(self) -> list[FileEntry]:
        return [f for f in self.files if is_image(f.path)]

    def split_counts(self) -> dict[str, int]:
        """Images per split folder; empty when the copy has no split folders."""
        counts = Counter(f.split for f in self.images if f.split)
        return dict(sorted(counts.items()))

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)


def is_image(path: str) -> bool:
    return path.lower().endswith(IMAGE_SUFFIXES)


def split_of(relative: str) -> str | None:
    for part in relative.split("/")[:-1]:
        name = _split_name(part)
        if name:
            return name
    return None


def iter_files(root: Path) -> Iterator[str]:
    """Relative paths of every regular file, hidden files and folders (.git, .DS_Store) left out,
    in a stable order, one folder at a time (nothing is listed ahead)."""
    for rel, _ in walk(root):
        yield rel


def walk(root: str | Path) -> Iterator[tuple[str, str | None]]:
    """(relative path, split) of every file, as `iter_files` orders them: a folder's files by
    name, then its subfolders by name, depth first (as os.walk goes)."""
    return _files(listings(root))


def _files(listed: Iterable[tuple[str, list[str], str | None]]
           ) -> Iterator[tuple[str, str | None]]:
    for prefix, names, split in listed:
        for name in names:
            yield f"{prefix}{name}", split


def listings(root: str | Path) -> Iterator[tuple[str, list[str], str | None]]:
    """(prefix, file names, split) of every folder that holds files, in `walk` order: the
    prefix is the folder's relative path with a slash (empty for the root), the names are
    sorted, and the split is worked out once per folder. Plain strings and os.scandir (whose
    entries know whether they are folders without a stat): pathlib costs more than hashing a
    small file."""
    stack: list[tuple[str, str, str | None]] = [(os.fspath(root), "", None)]
    while stack:
        folder, prefix, split = stack.pop()
        names: list[str] = []
        below: list[str] = []
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    if not _is_folder(entry):
                        names.append(entry.name)
                    elif not entry.is_symlink():  # os.walk does not follow links by default
                        below.append(entry.name)
        except OSError:
            continue
        if names:
            names.sort()
            yield prefix, names, split
        below.sort(reverse=True)
        stack.extend((os.path.join(folder, name), f"{prefix}{name}/", split or _split_name(name))
                     for name in below)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _split_name(folder: str) -> str | None:
    name = canonical_split(folder)
    return name if name in _SPLITS else None


_SPLITS = frozenset(SPLIT_SYNONYMS.values())


def list_files(root: Path) -> list[str]:
    return list(iter_files(root))


def count_files(root: str | Path) -> int:
    return sum(len(names) for _, names, _ in listings(root))


def file_digest(path: str | Path, algorithm: str) -> str:
    return _read_digest(os.fspath(path), _constructor(algorithm))[1]


def _constructor(algorithm: str) -> Callable[..., Any]:
    new = getattr(hashlib, algorithm, None)
    return new if new is not None else functools.partial(hashlib.new, algorithm)


_READ = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def _read_digest(path: str, new: Callable[..., Any]) -> tuple[int, str]:
    """(size, hex digest) with one open and as few reads as the size allows; hashlib releases
    the GIL on large buffers, so threads hash big files in parallel."""
    digest = new()
    fd = os.open(path, _READ)
    try:
        size = os.fstat(fd).st_size
        left = size
        # ask for what the file holds: os.read allocates the size asked for, and a 1 MiB
        # buffer for a 1 KiB file costs more than hashing it
        want = size if 0 < size < CHUNK else CHUNK
        while chunk := os.read(fd, want):
            digest.update(chunk)
            left -= len(chunk)
            if left <= 0 and size < CHUNK:
                break  # all of a small file: no second read to find the end
            want = CHUNK
    finally:
        os.close(fd)
    return size, digest.hexdigest()


@dataclass(frozen=True)
class _Hasher:
    root: str
    algorithm: str
    perceptual: bool
    store: Any = None
    known: dict[str, str] = field(default_factory=dict)  # path -> digest of a partial list
    signatures: dict[str, Signature] = field(default_factory=dict)

    def entry(self, rel: str, split: str | None = None) -> FileEntry:
        path = f"{self.root}/{rel}"
        size, digest = _read_digest(path, _constructor(self.algorithm))
        if not (self.perceptual and _is_raster(rel)):
            return FileEntry(rel, size, digest, split)
        from .images import base_thumbnail, signature_of

        base = base_thumbnail(path)
        signature, thumbnail = signature_of(base), -1
        if signature is not None and self.store is not None:
            thumbnail = self.store.add(base)
        return PictureEntry(rel, size, digest, split, signature, base is None, thumbnail)

    def reused(self, rel: str) -> bool:
        """Whether a partial list already has all this file needs."""
        return rel in self.known and (rel in self.signatures
                                      or not (self.perceptual and _is_raster(rel)))

    def batch(self, items: list[tuple[str, str | None]]
              ) -> list[tuple[FileEntry | Unreadable, bool]]:
        """Entries of a batch of files, with whether each was hashed now (True) or taken from
        the partial list (False); a file that cannot be read is an Unreadable."""
        out: list[tuple[FileEntry | Unreadable, bool]] = []
        for rel, split in items:
            try:
                if self.reused(rel):
                    size = os.stat(os.path.join(self.root, rel)).st_size
                    signature = self.signatures.get(rel)
                    out.append((FileEntry(rel, size, self.known[rel], split)
                                if signature is None
                                else PictureEntry(rel, size, self.known[rel], split, signature),
                                False))
                else:
                    out.append((self.entry(rel, split), True))
            except OSError as exc:
                out.append((Unreadable(rel, _reason(exc)), True))
        return out


def _thumbnail_store() -> Any:
    from .images import ThumbnailStore, require

    require()  # fail before hashing thousands of files, not after
    return ThumbnailStore()


BATCH = 64  # files per thread task: one future per file costs more than hashing a small file
ROWS = 512  # files per process task at most: a task costs a round trip through two pipes
BATCH_BYTES = 16 << 20  # bytes per process task
SMALL = 2048  # fewer files than this hash on threads: starting processes would cost more


@dataclass
class _Sink:
    """Where finished files go, in walk order: the scan's records, the hash list being written,
    the progress callback."""

    result: FolderScan
    record: TextIO | None
    progress: Callable[[int, int], None] | None
    total: int
    hashed: int = 0  # files and bytes the workers hashed, which sizes their batches
    hashed_bytes: int = 0

    def batch_size(self) -> int:
        """Files per process task: about BATCH_BYTES (so that big files spread over the workers
        and the progress bar moves), at most ROWS, and a few until the sizes are known."""
        if not self.hashed:
            return 16
        mean = max(self.hashed_bytes // self.hashed, 1)
        return max(1, min(ROWS, BATCH_BYTES // mean))

    def entries(self, done: list[tuple[FileEntry | Unreadable, bool]]) -> None:
        for entry, fresh in done:
            if isinstance(entry, Unreadable):
                self.result.unreadable.append(entry)
                continue
            self.result.files.append(entry)
            if fresh:
                if self.record is not None:
                    self.record.write(hash_list_lines(entry))
            else:
                self.result.resumed += 1
        if self.progress:
            self.progress(len(self.result.files), self.total)

    def rows(self, rels: list[str], splits: list[str | None], known: dict[int, str],
             sizes: list[int], digests: list[str], lines: str) -> None:
        """A batch hashed by a worker process: sizes and digests (empty for the files in
        `known`, by index, whose digests come from the partial list), and the hash list lines
        of the files hashed now."""
        for i, digest in known.items():
            if sizes[i] >= 0:
                digests[i] = digest
        if min(sizes, default=0) < 0:  # files that could not be read: size -1, the reason
            self.result.unreadable += [Unreadable(rel, digests[i])
                                       for i, rel in enumerate(rels) if sizes[i] < 0]
            keep = [i for i, size in enumerate(sizes) if size >= 0]
            known = {i: d for i, d in known.items() if sizes[i] >= 0}
            rels, sizes = [rels[i] for i in keep], [sizes[i] for i in keep]
            digests, splits = [digests[i] for i in keep], [splits[i] for i in keep]
        self.result.files.extend(map(FileEntry, rels, sizes, digests, splits))
        self.result.resumed += len(known)
        self.hashed += len(sizes)
        self.hashed_bytes += sum(sizes)
        if self.record is not None and lines:
            self.record.write(lines)
        if self.progress:
            self.progress(len(self.result.files), self.total)


def scan(root: str | Path, algorithm: str = "sha256", perceptual: bool = False,
         workers: int | None = None, progress: Callable[[int, int], None] | None = None,
         resume: HashList | None = None, record: TextIO | None = None) -> FolderScan:
    """Hash every file under `root`, streamed in batches with a bounded number in flight.
    `progress(done, total)` is called as batches finish (the files are counted first, only
    when a progress callback is given). Files listed in `resume` (a partial hash list of an
    earlier run) are not hashed again; every other file's lines go to `record` as soon as it is
    done, so an interrupted scan can be resumed from what it wrote."""
    store = _thumbnail_store() if perceptual else None
    hasher = _Hasher(os.fspath(root), algorithm, perceptual, store,
                     resume.paths if resume is not None else {},
                     resume.signatures if resume is not None else {})
    total = count_files(Path(root)) if progress and getattr(progress, "enabled", True) else 0
    result = FolderScan(str(root), algorithm, perceptual=perceptual, thumbnails=store)
    sink = _Sink(result, record, progress, total)
    jobs = workers or (os.cpu_count() or 1)
    listed = listings(root)
    # A million records are a million objects that live to the end: the cyclic garbage
    # collector would walk them again and again (a second per million files) and find no
    # cycles, since the records hold none. (Decoding pictures may make some: a perceptual
    # scan, slower per file anyway, leaves the collector on.)
    paused = gc.isenabled() and not perceptual
    if paused:
        gc.disable()
    try:
        # Processes for plain scans of many files: faster than threads on 1 KiB files (per-file
        # work holds the GIL) and no slower on 100 KiB ones (bench/bench_folder_hash.py).
        # Threads for perceptual scans (Pillow and numpy release the GIL, and the thumbnail
        # store lives in this process) and for folders of fewer than SMALL files, where
        # starting processes costs more than the hashing.
        # Where the paths meet, measured on 2 CPUs: about 2,000 files of 1 KiB when workers
        # are forked, 8 times that when each starts a fresh interpreter (spawn: Windows, macOS).
        small = SMALL if _start_method() == "fork" else SMALL * 8
        head = [] if perceptual else _first(listed, small)
        if perceptual or sum(len(names) for _, names, _ in head) < small:
            _on_threads(_files(itertools.chain(head, listed)), hasher, sink, jobs)
        else:
            _on_processes(itertools.chain(head, listed), hasher, sink, jobs)
    finally:
        if paused:
            gc.enable()
    return result


def _first(listed: Iterator[tuple[str, list[str], str | None]], files: int
           ) -> list[tuple[str, list[str], str | None]]:
    """The first folders of a walk, until they hold `files` files or the walk ends."""
    head = []
    count = 0
    for listing in listed:
        head.append(listing)
        count += len(listing[1])
        if count >= files:
            break
    return head


def _on_threads(items: Iterator[tuple[str, str | None]], hasher: _Hasher, sink: _Sink,
                threads: int) -> None:
    """Threads: hashlib releases the GIL on large buffers, and Pillow while decoding, so
    pictures and big files hash in parallel without starting processes."""
    window: deque[Future] = deque()
    batch: list[tuple[str, str | None]] = []
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for item in items:
            batch.append(item)
            if len(batch) == BATCH:
                window.append(pool.submit(hasher.batch, batch))
                batch = []
                if len(window) >= threads * 2:
                    sink.entries(window.popleft().result())
        if batch:
            window.append(pool.submit(hasher.batch, batch))
        while window:
            sink.entries(window.popleft().result())


def _on_processes(listed: Iterator[tuple[str, list[str], str | None]], hasher: _Hasher,
                  sink: _Sink, jobs: int) -> None:
    """Worker processes: on small files the time goes to per-file Python work (open, read, a
    record), which threads serialise on the GIL. The walk stays here, overlapped with the
    hashing; tasks are batches of relative paths, answers compact rows, taken in order, with
    at most three batches per worker in flight."""
    pool = _Pool(jobs, hasher.root, hasher.algorithm)
    pending: deque[tuple[list[str], list[str | None], dict[int, str]]] = deque()
    try:
        for rels, splits in _batches(listed, sink.batch_size):
            known = _known(rels, hasher.known)
            pool.submit(rels, known)
            pending.append((rels, splits, known))
            if len(pending) >= jobs * 3:
                sink.rows(*pending.popleft(), *pool.next())
        while pending:
            sink.rows(*pending.popleft(), *pool.next())
        pool.close()
    finally:
        pool.stop()


def _batches(listed: Iterable[tuple[str, list[str], str | None]], size: Callable[[], int]
             ) -> Iterator[tuple[list[str], list[str | None]]]:
    """(paths, splits) of consecutive files, `size()` of them at a time, cut from the folder
    listings of a walk."""
    rels: list[str] = []
    splits: list[str | None] = []
    want = size()
    for prefix, names, split in listed:
        start = 0
        while start < len(names):
            taken = names[start:start + want - len(rels)]
            rels += [f"{prefix}{name}" for name in taken]
            splits += [split] * len(taken)
            start += len(taken)
            if len(rels) >= want:
                yield rels, splits
                rels, splits = [], []
                want = size()
    if rels:
        yield rels, splits


def _known(rels: list[str], known: dict[str, str]) -> dict[int, str]:
    if not known:
        return {}
    return {i: digest for i, rel in enumerate(rels) if (digest := known.get(rel)) is not None}


class _Pool:
    """A few worker processes fed batches through one queue, answering through another; answers
    are put back in the order the batches went out. Workers ignore Ctrl-C (the parent stops
    them) and leave on their own when the parent dies without stopping them."""

    def __init__(self, jobs: int, root: str, algorithm: str) -> None:
        import multiprocessing

        context: Any = multiprocessing.get_context(_start_method())
        self.tasks: Any = context.Queue()
        self.answers: Any = context.Queue()
        self.sent = 0
        self.taken = 0
        self.early: dict[int, Any] = {}
        self.workers = [context.Process(target=_work, daemon=True,
                                        args=(self.tasks, self.answers, root, algorithm,
                                              os.getpid()))
                        for _ in range(jobs)]
        try:
            for worker in self.workers:
                worker.start()
        except BaseException:
            self.stop()
            raise

    def submit(self, rels: list[str], known: dict[int, str]) -> None:
        self.tasks.put((self.sent, rels, list(known)))
        self.sent += 1

    def next(self) -> tuple[list[int], list[str], str]:
        """The answer to the oldest batch not taken yet: (sizes, digests, lines)."""
        import queue

        while self.taken not in self.early:
            try:
                number, answer, error = self.answers.get(timeout=1.0)
            except queue.Empty:
                if any(w.exitcode is not None for w in self.workers):
                    raise RuntimeError("a hashing process stopped unexpectedly") from None
                continue
            if error is not None:
                raise error
            self.early[number] = answer
        self.taken += 1
        rows: tuple[list[int], list[str], str] = self.early.pop(self.taken - 1)
        return rows

    def close(self) -> None:
        for _ in self.workers:
            self.tasks.put(None)
        for worker in self.workers:
            worker.join()

    def stop(self) -> None:
        """Stop what still runs (an interrupt, an error) and release the queues."""
        started = [worker for worker in self.workers if worker.pid is not None]
        for worker in started:
            if worker.is_alive():
                worker.terminate()
        for worker in started:
            worker.join()
        self.tasks.cancel_join_thread()  # batches nobody will read must not hold up the exit
        self.tasks.close()
        self.answers.close()


def _start_method() -> str:
    # fork starts workers without importing anything again; elsewhere (Windows, and macOS
    # where fork is unsafe) the platform default.
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin":
        return "fork"
    return multiprocessing.get_start_method(allow_none=False)


def _work(tasks: Any, answers: Any, root: str, algorithm: str, parent: int) -> None:
    """A worker process: hash batches until told to stop (None) or the parent is gone."""
    import queue
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent, which stops us
    orphaned = _orphan_test(parent)
    new = _constructor(algorithm)
    while True:
        try:
            task = tasks.get(timeout=1.0)
        except queue.Empty:
            if orphaned():
                # killed without stopping us: leave at once, without waiting to hand over
                # answers that nobody will read
                os._exit(0)
            continue
        if task is None:
            return
        number, rels, known = task
        try:
            answers.put((number, _hash_rows(root, new, rels, known), None))
        except Exception as exc:  # sent back as an error the parent can raise
            answers.put((number, None, _portable(exc)))


def _orphan_test(parent: int) -> Callable[[], bool]:
    """Whether the parent (its process id) is gone. On POSIX the parent id changes when it dies
    (a forked sibling may hold the parent's end of our liveness pipe, so the pipe could wait
    for it); elsewhere the parent's process handle tells."""
    if os.name == "posix":
        return lambda: os.getppid() != parent
    import multiprocessing

    handle = multiprocessing.parent_process()
    return lambda: handle is not None and not handle.is_alive()


def _portable(exc: Exception) -> Exception:
    if isinstance(exc, OSError):
        return OSError(exc.errno, exc.strerror, exc.filename)
    return RuntimeError(f"{type(exc).__name__}: {exc}")


def _hash_rows(root: str, new: Callable[..., Any], rels: list[str], known: list[int]
               ) -> tuple[list[int], list[str], str]:
    """Sizes and digests of a batch (files at the `known` indexes are only measured: the
    partial list has their digests), and the hash list lines of the files hashed."""
    skip = set(known)
    sizes = []
    digests = []
    lines = []
    for i, rel in enumerate(rels):
        path = f"{root}/{rel}"
        try:
            if i in skip:
                sizes.append(os.stat(path).st_size)
                digests.append("")
                continue
            size, digest = _read_digest(path, new)
        except OSError as exc:  # size -1 and the reason: the parent reports it (DS916)
            sizes.append(-1)
            digests.append(_reason(exc))
            continue
        sizes.append(size)
        digests.append(digest)
        lines.append(f"{digest}  {rel}\n")
    return sizes, digests, "".join(lines)


def _is_raster(rel: str) -> bool:
    return os.path.splitext(rel.lower())[1] in RASTER_SUFFIXES


# ------------------------------------------------------------------------------- duplicates

@dataclass
class DuplicateGroup:
    """Files that hold one picture: byte for byte (`exact`) or transformed (`look-alike`)."""

    kind: str  # "exact" or "look-alike"
    files: list[tuple[str, str | None]]  # (path, split), sorted
    distance: int = 0  # bits between the closest perceptual hashes (0 for exact)
    similarity: float | None = 1.0  # correlation of the aligned thumbnails; None: not verified
    original: list[str] = field(default_factory=list)  # matching files of a hash list

    @property
    def paths(self) -> list[str]:
        return [p for p, _ in self.files]

    @property
    def splits(self) -> list[str]:
        return sorted({s for _, s in self.files if s})

    @property
    def scope(self) -> str:
        if self.original:
            return "original"
        return "across-splits" if len(self.splits) > 1 else "within"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "scope": self.scope, "distance": self.distance,
                               "similarity": self.similarity,
                               "files": [{"path": p, "split": s} for p, s in self.files]}
        if self.original:
            out["original"] = self.original
        return out


def groups(entries: Iterable[FileEntry], key: Callable[[FileEntry], object]) -> list[list[str]]:
    """Paths that share a key (a digest, a perceptual hash), groups of two or more, sorted."""
    by_key: dict[object, list[str]] = {}
    for entry in entries:
        k = key(entry)
        if k is not None:
            by_key.setdefault(k, []).append(entry.path)
    return sorted(sorted(paths) for paths in by_key.values() if len(paths) > 1)


def exact_duplicates(found: FolderScan) -> list[list[str]]:
    return groups(found.images, lambda e: e.digest)


def _pictures(entries: Iterable[FileEntry]) -> tuple[list[FileEntry], dict[str, list[FileEntry]]]:
    """One entry per distinct picture (by digest) that has a perceptual hash, and every file of
    each digest: byte-identical files are compared once."""
    by_digest: dict[str, list[FileEntry]] = {}
    for entry in entries:
        if entry.signature is not None:
            by_digest.setdefault(entry.digest, []).append(entry)
    return [files[0] for files in by_digest.values()], by_digest


def look_alike_groups(found: FolderScan, workers: int | None = None) -> list[DuplicateGroup]:
    """Groups of two or more different files (by bytes) that hold one picture transformed:
    candidates from the perceptual hashes, then verified on the pictures themselves."""
    from . import images

    pictures, by_digest = _pictures(found.images)
    pairs = images.candidate_pairs([p.signature for p in pictures])  # type: ignore[misc]
    matches = images.verify(pairs, lambda i: found.base(pictures[i]), workers)
    out = []
    for members, distance, similarity in images.groups_of(matches):
        files = sorted((e.path, e.split) for i in members for e in by_digest[pictures[i].digest])
        out.append(DuplicateGroup("look-alike", files, distance, similarity))
    return out


def look_alikes(found: FolderScan) -> list[list[str]]:
    """Paths of each look-alike group (all files of the pictures in it)."""
    return [g.paths for g in look_alike_groups(found)]


def duplicates(found: FolderScan, original: HashList | None = None, workers: int | None = None
               ) -> list[DuplicateGroup]:
    """Every group of duplicate images: exact ones, look-alikes (when the scan is perceptual), and
    files that match the hash list of an original, byte for byte or as look-alikes."""
    files = found.images
    by_digest: dict[str, list[FileEntry]] = {}
    for entry in files:
        by_digest.setdefault(entry.digest, []).append(entry)
    out = [DuplicateGroup("exact", sorted((e.path, e.split) for e in same))
           for same in by_digest.values() if len(same) > 1]
    if found.perceptual:
        out += look_alike_groups(found, workers)
    if original is not None:
        out += _original_groups(by_digest, original)
    return sorted(out, key=lambda g: (g.kind, g.scope, g.files))


def _original_groups(by_digest: dict[str, list[FileEntry]], original: HashList
                     ) -> list[DuplicateGroup]:
    from . import images

    out = [DuplicateGroup("exact", sorted((e.path, e.split) for e in same),
                          original=sorted(original.by_digest.get(digest, [])))
           for digest, same in by_digest.items() if digest in original.by_digest]
    if not original.signatures:
        return out
    ours, _ = _pictures(e for same in by_digest.values() for e in same
                        if e.digest not in original.by_digest)
    theirs = sorted(original.signatures.items())
    pairs = images.list_pairs([e.signature for e in ours],  # type: ignore[misc]
                              [s for _, s in theirs])
    matched: dict[int, tuple[list[int], int]] = {}
    for (mine, other), distance in pairs.items():
        seen, best = matched.get(other, ([], images.BITS))
        matched[other] = (seen + [mine], min(best, distance))
    for other, (indices, distance) in matched.items():
        files = sorted((e.path, e.split) for i in indices for e in by_digest[ours[i].digest])
        out.append(DuplicateGroup("look-alike", files, distance, None, [theirs[other][0]]))
    return out


def duplicate_findings(found: FolderScan, examples: int = 10,
                       found_groups: list[DuplicateGroup] | None = None) -> list[Finding]:
    """DS906 for identical images in more than one split, DS913 for look-alikes there (leakage
    that no patient id shows), DS911 for either inside one split, DS915 for pictures that could
    not be decoded, DS916 for files that could not be read at all. Every group is counted;
    `examples` of them are shown."""
    if found_groups is None:
        found_groups = duplicates(found)
    out: list[Finding] = []
    for kind, code, name in (("exact", "DS906", "identical"),
                             ("look-alike", "DS913", "look-alike")):
        across = [g for g in found_groups if g.kind == kind and g.scope == "across-splits"]
        within = [g for g in found_groups if g.kind == kind and g.scope == "within"]
        if across:
            combos = Counter(" + ".join(g.splits) for g in across)
            spread = "; ".join(f"{c}: {n:,}" for c, n in combos.most_common())
            what = (" (the same picture resized, re-encoded, cropped, recoloured, flipped or "
                    "turned: leakage that no patient id reveals)" if kind == "look-alike" else "")
            out.append(finding(
                found.root, code, Severity.ERROR,
                f"{_groups(len(across))} of {name} images ({sum(len(g.files) for g in across):,}"
                f" files) {'sit' if len(across) > 1 else 'sits'} in more than one split{what}; "
                f"{spread}; e.g. " + "; ".join(_group(g) for g in across[:examples])))
        if within:
            out.append(finding(
                found.root, "DS911", Severity.WARNING,
                f"{_groups(len(within))} of {name} images inside the folder "
                f"({sum(len(g.files) for g in within):,} files), e.g. "
                + "; ".join(_group(g) for g in within[:examples])))
    if found.unreadable:
        out.append(finding(
            found.root, "DS916", Severity.WARNING,
            f"{len(found.unreadable):,} file{'s' * (len(found.unreadable) != 1)} could not be "
            "read and "
            f"{'were' if len(found.unreadable) != 1 else 'was'} left out of every comparison "
            "and of the hash list, e.g. "
            + ", ".join(f"{clip(u.path, 200)} ({u.reason})"
                        for u in found.unreadable[:examples])))
    unreadable = [e.path for e in found.files if e.unreadable]
    if unreadable:
        out.append(finding(
            found.root, "DS915", Severity.WARNING,
            f"{len(unreadable):,} image files could not be decoded (damaged, truncated or not "
            f"what their suffix says) and were left out of the look-alike search, e.g. "
            + ", ".join(unreadable[:examples])))
    return out


def _groups(n: int) -> str:
    return f"{n:,} group{'s' * (n != 1)}"


def _group(group: DuplicateGroup) -> str:
    text = " = ".join(f"{p} [{s}]" if s else p for p, s in group.files)
    if group.kind == "look-alike" and group.similarity is not None:
        text += f" (similarity {group.similarity:.2f})"
    return text


# ------------------------------------------------------------------------------- hash lists

HASH_LIST_HEADER = ("# datasheet-kit hash list 1: '<digest>  <path>' lines as sha256sum writes "
                    "them; '#~ <hash> <window hashes>  <path>' lines add perceptual hashes\n")
_PERCEPTUAL_LINE = re.compile(r"^#~ ([0-9a-f]{16}) ((?:[0-9a-f]{16},){8}[0-9a-f]{16})  (.+?)\s*$")


@dataclass
class HashList:
    file: str
    algorithm: str
    digests: dict[str, str]  # digest -> first path in the original
    paths: dict[str, str] = field(default_factory=dict)  # path -> digest
    signatures: dict[str, Signature] = field(default_factory=dict)  # path -> perceptual hashes

    @property
    def by_digest(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for path, digest in self.paths.items():
            out.setdefault(digest, []).append(path)
        return out


def read_hash_list(path: str | Path, partial: bool = False) -> HashList:
    """A `sha256sum`/`md5sum`-style list ("<hex>  <path>" per line), with the perceptual lines
    datasheet-kit adds ("#~ ..."; other "#" lines are comments). Raises ValueError with the line of
    the first line that is neither. A `partial` list (an interrupted scan) may end in a torn
    line, which is left out."""
    digests: dict[str, str] = {}
    paths: dict[str, str] = {}
    signatures: dict[str, Signature] = {}
    lengths = set()
    with open(path, encoding="utf-8", newline="") as handle:
        lines = handle.read().split("\n")
    last = len(lines)
    for number, line in enumerate(lines, 1):
        if number == last and (partial or not line.strip()):
            break  # after the final newline; or torn by an interrupted write
        match = _HASH_LINE.match(line)  # most lines are: tried first
        if match is not None:
            hexadecimal, name = match.groups()
            if len(hexadecimal) not in _HEX_LENGTHS:
                raise ValueError(f"{path}:{number}: not a hash list line "
                                 "('<hex digest>  <path>')")
            lengths.add(len(hexadecimal))
            digest = hexadecimal.lower()
            digests.setdefault(digest, name)
            paths[name] = digest
            continue
        line = line.rstrip("\r")
        if line.startswith("#~"):
            match = _PERCEPTUAL_LINE.match(line)
            if not match:
                raise ValueError(f"{path}:{number}: not a perceptual hash line "
                                 "('#~ <hash> <9 window hashes>  <path>')")
            signatures[match.group(3)] = Signature.from_text(f"{match.group(1)} {match.group(2)}")
        elif line.strip() and not line.startswith("#"):
            raise ValueError(f"{path}:{number}: not a hash list line ('<hex digest>  <path>')")
    if len(lengths) > 1 or (not lengths and not partial):
        raise ValueError(f"{path}: the list is empty or mixes hash lengths")
    algorithm = _HEX_LENGTHS[lengths.pop()] if lengths else "sha256"
    return HashList(str(path), algorithm, digests, paths, signatures)


def hash_list_lines(entry: FileEntry) -> str:
    line = f"{entry.digest}  {entry.path}\n"
    if entry.signature is not None:
        line += f"#~ {entry.signature.to_text()}  {entry.path}\n"
    return line


def write_hash_list(found: FolderScan) -> str:
    return HASH_LIST_HEADER + "".join(hash_list_lines(e) for e in found.files)


class HashListWriter:
    """The hash list of a scan, written as the scan goes to FILE.partial and moved to FILE when
    the scan is complete (so FILE is never half written). With `resume`, an earlier partial file
    is read first (its torn last line dropped) and extended."""

    def __init__(self, target: str | Path, resume: bool = False):
        self.target = Path(target)
        self.partial = self.target.with_name(self.target.name + ".partial")
        self.previous: HashList | None = None
        if resume and self.partial.exists():
            self.previous = read_hash_list(self.partial, partial=True)
            text = self.partial.read_bytes()
            keep = text[:text.rfind(b"\n") + 1]  # drop a torn last line
            self.partial.write_bytes(keep)
        elif resume and self.target.exists():
            self.previous = read_hash_list(self.target)
            self.partial.write_bytes(self.target.read_bytes())
        else:
            self.partial.parent.mkdir(parents=True, exist_ok=True)
            self.partial.write_text(HASH_LIST_HEADER, encoding="utf-8")
        self.handle: TextIO = open(self.partial, "a", encoding="utf-8", newline="")  # noqa: SIM115

    def write(self, text: str) -> None:
        self.handle.write(text)

    def close(self, complete: bool) -> None:
        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
        finally:
            self.handle.close()
        if complete:
            os.replace(self.partial, self.target)


@dataclass
class HashComparison:
    shared: int  # distinct files of the copy that are byte-identical to files of the original
    extra: list[str]  # files of the copy that are not in the original
    missing: int  # files of the original that the copy lacks
    original: int
    transformed: list[str] = field(default_factory=list)  # extra files that are look-alikes


def compare(found: FolderScan, original: HashList,
            found_groups: list[DuplicateGroup] | None = None) -> HashComparison:
    ours = {e.digest for e in found.images}
    alike = {p for g in found_groups or [] if g.scope == "original" and g.kind == "look-alike"
             for p in g.paths}
    extra = sorted(e.path for e in found.images if e.digest not in original.digests)
    return HashComparison(len(ours & original.digests.keys()),
                          [p for p in extra if p not in alike],
                          len(original.digests.keys() - ours), len(original.digests),
                          [p for p in extra if p in alike])


def comparison_findings(found: FolderScan, original: HashList, result: HashComparison
                        ) -> list[Finding]:
    out = []
    name = Path(original.file).name
    if result.missing and result.shared:
        out.append(finding(
            found.root, "DS904", Severity.WARNING,
            f"the folder holds {result.shared:,} of the {result.original:,} files listed in {name};"
            f" {result.missing:,} are missing: a subset of the original"))
    if result.transformed:
        out.append(finding(
            found.root, "DS914", Severity.INFO,
            f"{len(result.transformed):,} images are transformed copies of files in {name} "
            f"(their perceptual hashes match: resized, re-encoded, cropped, recoloured, flipped "
            f"or turned), e.g. {', '.join(result.transformed[:5])}"))
    if result.extra:
        what = ("neither byte-identical to nor a look-alike of" if original.signatures
                else "not byte-identical to")
        out.append(finding(
            found.root, "DS912", Severity.WARNING,
            f"{len(result.extra):,} images are {what} any file in {name} (added, "
            f"re-encoded or augmented), e.g. {', '.join(result.extra[:5])}"))
    return out
