"""Folder mode: hash every file of a local dataset copy, find duplicates, compare with a hash list.

Exact duplicates are found by content hash (sha256 by default, or whatever a given hash list
uses, such as the MD5 lists of the duplicate-datasets project). Hashing runs in a thread pool:
hashlib releases the GIL on large buffers, so threads keep the disks busy without the start-up
cost and pickling of processes. Perceptual hashes (a difference hash of our own) find resized or
re-encoded copies; they need Pillow (the `images` extra) and are off unless asked for.

A file's split is the outermost folder on its path whose name is a split name (train, val,
valid, validation, test, ... with the same folding as check-splits).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .findings import Finding, Severity
from .copycats import SPLIT_SYNONYMS, canonical_split, finding

IMAGE_SUFFIXES = (
    ".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff", ".webp", ".dcm", ".dicom",
    ".nii", ".nii.gz", ".mha", ".mhd", ".nrrd", ".npy", ".npz", ".svs", ".ppm", ".pgm",
)
# Suffixes that Pillow can open for a perceptual hash.
RASTER_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff", ".webp",
                             ".ppm", ".pgm"})
CHUNK = 1 << 20
_HEX_LENGTHS = {32: "md5", 40: "sha1", 64: "sha256", 128: "blake2b"}
_HASH_LINE = re.compile(r"^([0-9a-fA-F]{32,128})\s+\*?(.+?)\s*$")


@dataclass(frozen=True)
class FileEntry:
    path: str  # relative to the folder, with forward slashes
    size: int
    digest: str
    split: str | None
    phash: int | None = None


@dataclass
class FolderScan:
    root: str
    algorithm: str
    files: list[FileEntry] = field(default_factory=list)

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
    for part in PurePosixPath(relative).parts[:-1]:
        name = canonical_split(part)
        if name in SPLIT_SYNONYMS.values():
            return name
    return None


def list_files(root: Path) -> list[str]:
    """Relative paths of every regular file, hidden files and folders (.git, .DS_Store) left out,
    in a stable order."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder).relative_to(root)
        for name in sorted(files):
            if not name.startswith("."):
                found.append((base / name).as_posix())
    return found


def file_digest(path: Path, algorithm: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, algorithm).hexdigest()


def difference_hash(path: Path) -> int | None:
    """A 64-bit difference hash: shrink to 9x8 grey, compare neighbours. Resizing and JPEG
    re-encoding keep it; a flat image (no gradients) gets None because every flat image would
    collide with every other."""
    from PIL import Image  # the `images` extra; only imported when perceptual hashes are asked for

    try:
        with Image.open(path) as image:
            small = image.convert("L").resize((9, 8), Image.Resampling.LANCZOS)
            pixels = small.tobytes()  # one byte a pixel in mode L
    except Exception:  # a file with an image suffix that is not an image: no hash, no crash
        return None
    bits = 0
    for row in range(8):
        for col in range(8):
            bits = (bits << 1) | (pixels[row * 9 + col] > pixels[row * 9 + col + 1])
    return bits or None


def scan(root: str | Path, algorithm: str = "sha256", perceptual: bool = False,
         workers: int | None = None, progress: Callable[[int, int], None] | None = None
         ) -> FolderScan:
    """Hash every file under `root`. `progress(done, total)` is called as files finish."""
    root = Path(root)
    if perceptual:
        try:  # fail before hashing thousands of files, not after
            import PIL  # noqa: F401
        except ImportError:
            raise RuntimeError("perceptual hashes need Pillow: pip install "
                               "'datasheet-kit[images]'") from None
    relative = list_files(root)

    def one(rel: str) -> FileEntry:
        path = root / rel
        phash = None
        if perceptual and PurePosixPath(rel.lower()).suffix in RASTER_SUFFIXES:
            phash = difference_hash(path)
        return FileEntry(rel, path.stat().st_size, file_digest(path, algorithm), split_of(rel),
                         phash)

    result = FolderScan(str(root), algorithm)
    with ThreadPoolExecutor(max_workers=workers or min(32, (os.cpu_count() or 1) * 4)) as pool:
        for entry in pool.map(one, relative):  # map keeps the stable order of `relative`
            result.files.append(entry)
            if progress:
                progress(len(result.files), len(relative))
    return result


# ------------------------------------------------------------------------------- duplicates

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


def look_alikes(found: FolderScan) -> list[list[str]]:
    """Images with the same perceptual hash but different bytes: resized or re-encoded copies.
    Byte-identical files count once, so a group here always holds at least two different files."""
    by_hash: dict[int, dict[str, str]] = {}
    for entry in found.images:
        if entry.phash is not None:
            by_hash.setdefault(entry.phash, {}).setdefault(entry.digest, entry.path)
    return sorted(sorted(d.values()) for d in by_hash.values() if len(d) > 1)


def duplicate_findings(found: FolderScan, examples: int = 10) -> list[Finding]:
    """DS906 for copies that straddle splits (leakage), DS911 for copies inside one split."""
    split = {e.path: e.split for e in found.files}
    out: list[Finding] = []
    kinds = [("identical", exact_duplicates(found), Severity.ERROR)]
    if any(e.phash is not None for e in found.files):
        kinds.append(("look-alike", look_alikes(found), Severity.WARNING))
    for kind, found_groups, severity in kinds:
        across = [g for g in found_groups if len({split[p] for p in g if split[p]}) > 1]
        within = [g for g in found_groups if g not in across]
        if across:
            out.append(finding(
                found.root, "DS906", severity,
                f"{_groups(len(across))} of {kind} images {'sit' if len(across) > 1 else 'sits'}"
                " in more than one split, e.g. "
                + "; ".join(_group(g, split) for g in across[:examples])))
        if within:
            out.append(finding(
                found.root, "DS911", Severity.WARNING,
                f"{_groups(len(within))} of {kind} images inside the folder "
                f"({sum(len(g) for g in within):,} files), e.g. "
                + "; ".join(_group(g, split) for g in within[:examples])))
    return out


def _groups(n: int) -> str:
    return f"{n:,} group{'s' * (n != 1)}"


def _group(paths: list[str], split: dict[str, str | None]) -> str:
    return " = ".join(f"{p} [{split[p]}]" if split[p] else p for p in paths)


# ------------------------------------------------------------------------------- hash lists

@dataclass
class HashList:
    file: str
    algorithm: str
    digests: dict[str, str]  # digest -> path in the original


def read_hash_list(path: str | Path) -> HashList:
    """A `sha256sum`/`md5sum`-style list ("<hex>  <path>" per line). Raises ValueError with the
    line of the first line that is not one."""
    digests: dict[str, str] = {}
    lengths = set()
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip() or line.startswith("#"):
                continue
            match = _HASH_LINE.match(line)
            if not match or len(match.group(1)) not in _HEX_LENGTHS:
                raise ValueError(f"{path}:{number}: not a hash list line ('<hex digest>  <path>')")
            lengths.add(len(match.group(1)))
            digests.setdefault(match.group(1).lower(), match.group(2))
    if len(lengths) != 1:
        raise ValueError(f"{path}: the list is empty or mixes hash lengths")
    return HashList(str(path), _HEX_LENGTHS[lengths.pop()], digests)


def write_hash_list(found: FolderScan) -> str:
    return "".join(f"{e.digest}  {e.path}\n" for e in found.files)


@dataclass
class HashComparison:
    shared: int  # distinct files of the copy that are byte-identical to files of the original
    extra: list[str]  # files of the copy that are not in the original
    missing: int  # files of the original that the copy lacks
    original: int


def compare(found: FolderScan, original: HashList) -> HashComparison:
    ours = {e.digest for e in found.images}
    extra = sorted(e.path for e in found.images if e.digest not in original.digests)
    return HashComparison(len(ours & original.digests.keys()), extra,
                          len(original.digests.keys() - ours), len(original.digests))


def comparison_findings(found: FolderScan, original: HashList, result: HashComparison
                        ) -> list[Finding]:
    out = []
    name = Path(original.file).name
    if result.missing and result.shared:
        out.append(finding(
            found.root, "DS904", Severity.WARNING,
            f"the folder holds {result.shared:,} of the {result.original:,} files listed in {name};"
            f" {result.missing:,} are missing: a subset of the original"))
    if result.extra:
        out.append(finding(
            found.root, "DS912", Severity.WARNING,
            f"{len(result.extra):,} images are not byte-identical to any file in {name} (added, "
            f"re-encoded or augmented), e.g. {', '.join(result.extra[:5])}"))
    return out
