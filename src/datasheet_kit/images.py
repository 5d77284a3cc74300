"""Look-alike images: perceptual hashes, a Hamming-distance index, and a verification step.

Copies on community platforms are resized, re-encoded, cropped a little, brightened, mirrored or
rotated, or turned grey. Finding them among pictures that merely look alike (the same disease,
photographed the same way) takes two steps:

1. **Candidates** from a 63-bit perceptual hash: the signs of the 8x8 lowest DCT frequencies of a
   32x32 grey thumbnail, DC left out. Signs do not change when brightness or contrast change
   (linearly), and a mirror or a quarter turn only flips known signs or transposes the block, so
   the 8 flips and rotations of a hash are computed from the hash itself (`orientations`). A crop
   shifts everything, so each picture also gets the hashes of 9 windows covering 93 % of it (3x3
   positions): a copy cropped by up to ~10 % looks like one of the windows of its original.
   Every picture's windows, in all 8 orientations, are looked up in a multi-index hashing table of
   the whole-picture hashes (`HammingIndex`: 5 chunks, each probed at distance 0 and 1, so every
   pair within `CANDIDATE_RADIUS` bits is found without comparing all pairs).
2. **Verification** decides, on the pixels: both pictures are reduced to normalised grey
   thumbnails (mean 0, norm 1, so brightness and contrast drop out). The window of one (the
   whole, or up to ~12 % cut away) and the orientation of the other that correlate best are
   searched on a coarse grid at half size (16x16) and, above `REFINE_AT`, refined at 32x32. A
   pair is a copy when the refined correlation reaches `MATCH_AT` and no block of an 8x8 grid
   differs by more than `DETAIL_AT`: a copy differs a little everywhere, while a look-alike with
   the same framing agrees on the background and differs where the lesions differ (`compare`).
   The thresholds were set on bench/bench_images.py with seed 13 and checked with seed 2027.

Thumbnails of a scan wait in a `ThumbnailStore` (a temporary file, 4 kB a picture), and
verification keeps a bounded cache of prepared pictures, so memory does not grow with the
number of pictures. Against a hash list there are no pixels: `list_pairs` decides by the hashes
alone, within `LIST_RADIUS` bits.

numpy and Pillow come with the `images` extra and are imported by the functions that need them,
so importing this module costs nothing until a picture is hashed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

BITS = 63
SIDE = 32  # the hash and verification thumbnails
BASE = 64  # the thumbnail that views are cut from
WINDOW = 0.93  # windows of 93 % of the width and height catch crops of up to ~10 %
CANDIDATE_RADIUS = 8  # bits; see HammingIndex for the guarantee
REFINE_AT = 0.945  # coarse correlation (at half size) from which an alignment is refined
MATCH_AT = 0.975  # refined correlation of the normalised thumbnails needed for a copy ...
DETAIL_AT = 0.7  # ... and the largest block error allowed (see `compare`)
FLAT = 2.0  # a thumbnail whose grey levels vary less than this has no usable hash
LIST_RADIUS = 4  # against a hash list there are no pixels to verify with: a stricter distance

# (x, y) of the 9 windows, as fractions of the picture
_OFFSETS = tuple((x, y) for y in (0.0, (1 - WINDOW) / 2, 1 - WINDOW)
                 for x in (0.0, (1 - WINDOW) / 2, 1 - WINDOW))


def require() -> None:
    """Fail early, with the install hint, when the `images` extra is missing."""
    try:
        import numpy  # noqa: F401
        import PIL  # noqa: F401
    except ImportError:
        raise RuntimeError("look-alike images need numpy and Pillow: pip install "
                           "'datasheet-kit[images]'") from None


# ----------------------------------------------------------------------------------- hashing

@dataclass(frozen=True)
class Signature:
    """The perceptual hashes of one picture: the whole, and its 9 windows."""

    whole: int
    windows: tuple[int, ...]

    def to_text(self) -> str:
        return f"{self.whole:016x} " + ",".join(f"{w:016x}" for w in self.windows)

    @classmethod
    def from_text(cls, text: str) -> Signature:
        whole, _, windows = text.strip().partition(" ")
        return cls(int(whole, 16), tuple(int(w, 16) for w in windows.split(",") if w))


@lru_cache(maxsize=1)
def _dct_matrix() -> Any:
    import numpy as np

    k = np.arange(SIDE)[:, None]
    i = np.arange(SIDE)[None, :]
    matrix = np.cos(np.pi * (2 * i + 1) * k / (2 * SIDE)) * np.sqrt(2 / SIDE)
    matrix[0] /= np.sqrt(2)
    return matrix[:8].astype(np.float64)  # only the 8 lowest frequencies are ever used


def base_thumbnail(path: str | Path) -> Any:
    """The picture as a BASE x BASE grey float array, or None when it cannot be read. JPEG files
    are decoded at a reduced scale (Pillow's draft mode), which is most of the speed."""
    import numpy as np
    from PIL import Image

    try:
        with Image.open(path) as image:
            image.draft("L", (BASE * 2, BASE * 2))
            grey = image.convert("L") if image.mode not in ("L", "I", "F") else image.convert("F")
            small = grey.resize((BASE, BASE), Image.Resampling.BOX)
            return np.asarray(small, dtype=np.float32)
    except Exception:  # Pillow raises many types for a broken or unknown file; no hash, no crash
        return None


def views(base: Any) -> Any:
    """The whole picture and its 9 windows as SIDE x SIDE thumbnails: an array (10, SIDE, SIDE)."""
    import numpy as np
    from PIL import Image

    picture = Image.fromarray(base, "F")
    out = [base.reshape(SIDE, BASE // SIDE, SIDE, BASE // SIDE).mean(axis=(1, 3))]
    size = WINDOW * BASE
    for x, y in _OFFSETS:
        box = (x * BASE, y * BASE, x * BASE + size, y * BASE + size)
        out.append(np.asarray(picture.resize((SIDE, SIDE), Image.Resampling.BILINEAR, box=box)))
    return np.stack(out)


def _signs(thumbnails: Any) -> Any:
    """Sign bits of the 63 lowest AC frequencies, row by row: bool array (n, 63)."""
    matrix = _dct_matrix()
    blocks = matrix @ thumbnails @ matrix.T  # (n, 8, 8)
    return (blocks.reshape(len(thumbnails), 64) > 0)[:, 1:]


def _pack(bits: Any) -> Any:
    import numpy as np

    weights = (np.uint64(1) << np.arange(BITS - 1, -1, -1, dtype=np.uint64))
    return (bits.astype(np.uint64) * weights).sum(axis=1, dtype=np.uint64)


def signature_of(base: Any) -> Signature | None:
    if base is None or float(base.std()) < FLAT:
        return None
    packed = _pack(_signs(views(base).astype("float64")))
    return Signature(int(packed[0]), tuple(int(v) for v in packed[1:]))


def signature(path: str | Path) -> Signature | None:
    """The perceptual hashes of the picture at `path`; None when it is not a readable picture or
    is flat (every flat picture would match every other)."""
    return signature_of(base_thumbnail(path))


class ThumbnailStore:
    """Base thumbnails kept on disk while a folder is scanned (4 kB each, as bytes 0-255), so
    that verification reads them back instead of decoding the pictures again, and memory does
    not grow with the number of pictures. Thread-safe; the file goes when the store does."""

    SIZE = BASE * BASE

    def __init__(self) -> None:
        import tempfile
        import threading

        self._file = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close())
        self._lock = threading.Lock()
        self._count = 0

    def add(self, base: Any) -> int:
        import numpy as np

        low, high = float(base.min()), float(base.max())
        scaled = (base - low) * (255.0 / max(high - low, 1e-9))  # correlation ignores scale
        data = np.round(scaled).astype(np.uint8).tobytes()
        with self._lock:
            index = self._count
            self._count += 1
        os.pwrite(self._file.fileno(), data, index * self.SIZE)
        return index

    def get(self, index: int) -> Any:
        import numpy as np

        data = os.pread(self._file.fileno(), self.SIZE, index * self.SIZE)
        return np.frombuffer(data, dtype=np.uint8).reshape(BASE, BASE).astype(np.float32)

    def close(self) -> None:
        self._file.close()


# ------------------------------------------------------------------------------ orientations

@lru_cache(maxsize=1)
def _orientation_tables() -> tuple[Any, Any]:
    """For each of the 8 flips/rotations: a permutation of the 63 bits and a mask to XOR.
    Mirroring left-right negates the DCT coefficients of odd horizontal frequency, upside-down
    those of odd vertical frequency; a transpose swaps the two frequencies."""
    import numpy as np

    perms, masks = [], []
    u, v = np.divmod(np.arange(64), 8)
    for transpose in (False, True):
        for flip_h in (False, True):
            for flip_v in (False, True):
                source = (v * 8 + u) if transpose else np.arange(64)
                su, sv = (v, u) if transpose else (u, v)
                negate = ((sv % 2 == 1) & flip_h) ^ ((su % 2 == 1) & flip_v)
                perms.append(source[1:] - 1)
                masks.append(negate[1:])
    return np.array(perms), np.array(masks)


def orientations(hashes: Any) -> Any:
    """The hashes of the 8 flips/rotations of pictures with these hashes: (n,) -> (n, 8)."""
    import numpy as np

    hashes = np.asarray(hashes, dtype=np.uint64)
    shifts = np.arange(BITS - 1, -1, -1, dtype=np.uint64)
    bits = ((hashes[:, None] >> shifts[None, :]) & np.uint64(1)).astype(bool)  # (n, 63)
    perms, masks = _orientation_tables()
    out = np.empty((len(hashes), 8), dtype=np.uint64)
    for k in range(8):
        out[:, k] = _pack(bits[:, perms[k]] ^ masks[k][None, :])
    return out


# ---------------------------------------------------------------------------------- the index

class HammingIndex:
    """Multi-index hashing (Norouzi et al.): the 63 bits are cut into 5 chunks of 12-13 bits and
    each chunk has a direct-address table. Two hashes within 9 bits agree on some chunk in all but
    at most one bit (pigeonhole), so probing each chunk at distance 0 and 1 finds every pair
    within `CANDIDATE_RADIUS` (8) bits; the full distance then filters the candidates. All of it
    runs as numpy array operations, block by block, so memory stays bounded."""

    CHUNKS = 5

    def __init__(self, hashes: Sequence[int] | Any):
        import numpy as np

        self.hashes = np.asarray(hashes, dtype=np.uint64)
        widths = [BITS // self.CHUNKS + (i < BITS % self.CHUNKS) for i in range(self.CHUNKS)]
        self.chunks: list[tuple[int, int, Any, Any, Any]] = []
        shift = BITS
        for width in widths:
            shift -= width
            keys = self._chunk(self.hashes, shift, width)
            order = np.argsort(keys, kind="stable")
            starts = np.zeros((1 << width) + 1, dtype=np.int64)
            np.cumsum(np.bincount(keys, minlength=1 << width), out=starts[1:])
            probes = np.array([0] + [1 << b for b in range(width)], dtype=np.int64)
            self.chunks.append((shift, width, order, starts, probes))

    @staticmethod
    def _chunk(values: Any, shift: int, width: int) -> Any:
        import numpy as np

        return ((values >> np.uint64(shift)) & np.uint64((1 << width) - 1)).astype(np.int64)

    def __len__(self) -> int:
        return len(self.hashes)

    def search(self, queries: Any, radius: int = CANDIDATE_RADIUS, block: int = 4096
               ) -> Iterable[tuple[Any, Any, Any]]:
        """(query numbers, indexed numbers, distances) of every pair within `radius`, block by
        block of queries; a pair may come more than once (from several chunks)."""
        import numpy as np

        queries = np.asarray(queries, dtype=np.uint64)
        for first in range(0, len(queries), block):
            part = queries[first:first + block]
            found_q, found_i = [], []
            for shift, width, order, starts, probes in self.chunks:
                keys = (self._chunk(part, shift, width)[:, None] ^ probes[None, :]).ravel()
                lo, hi = starts[keys], starts[keys + 1]
                counts = hi - lo
                total = int(counts.sum())
                if not total:
                    continue
                owner = np.repeat(np.arange(len(keys)) // len(probes), counts)
                steps = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
                found_q.append(owner)
                found_i.append(order[np.repeat(lo, counts) + steps])
            if not found_q:
                continue
            q, i = np.concatenate(found_q), np.concatenate(found_i)
            distance = np.bitwise_count(part[q] ^ self.hashes[i])
            keep = distance <= radius
            yield q[keep] + first, i[keep], distance[keep]


def candidate_pairs(signatures: Sequence[Signature], radius: int = CANDIDATE_RADIUS
                    ) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """Pairs (i < j) of pictures where some view of one, in some orientation, is within `radius`
    bits of the whole of the other: {pair: (distance, which picture gave the view (i or j), the
    view (0 whole, 1-9 windows), the orientation)}, the closest such match for each pair."""
    import numpy as np

    if len(signatures) < 2:
        return {}
    index = HammingIndex([s.whole for s in signatures])
    per = 1 + len(_OFFSETS)
    views_ = np.array([[s.whole, *s.windows] for s in signatures], dtype=np.uint64)  # (n, 10)
    queries = orientations(views_.ravel()).ravel()  # picture i, view v, orientation k
    best: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for q, i, distance in index.search(queries, radius):
        owner, rest = np.divmod(q, per * 8)
        view, turn = np.divmod(rest, 8)
        for a, b, d, v, k in zip(owner.tolist(), i.tolist(), distance.tolist(), view.tolist(),
                                 turn.tolist(), strict=True):
            if a == b:
                continue
            pair = (a, b) if a < b else (b, a)
            if d < best.get(pair, (BITS + 1,))[0]:
                best[pair] = (d, a, v, k)
    return best


def list_pairs(ours: Sequence[Signature], theirs: Sequence[Signature],
               radius: int = LIST_RADIUS) -> dict[tuple[int, int], int]:
    """Pairs (ours, theirs) within `radius` bits, either way round (a crop of theirs, or theirs
    a crop of ours), for a hash list whose pictures are not at hand."""
    import numpy as np

    best: dict[tuple[int, int], int] = {}
    if not ours or not theirs:
        return best
    per = 1 + len(_OFFSETS)
    for queries_from, indexed, flip in ((ours, theirs, False), (theirs, ours, True)):
        index = HammingIndex([s.whole for s in indexed])
        views_ = np.array([[s.whole, *s.windows] for s in queries_from], dtype=np.uint64)
        for q, i, distance in index.search(orientations(views_.ravel()).ravel(), radius):
            for a, b, d in zip((q // (per * 8)).tolist(), i.tolist(), distance.tolist(),
                               strict=True):
                pair = (b, a) if flip else (a, b)
                if d < best.get(pair, BITS + 1):
                    best[pair] = d
    return best


# ------------------------------------------------------------------------------ verification

def _normalised(thumbnails: Any) -> Any:
    """Each thumbnail as a vector of mean 0 and norm 1: (n, SIDE*SIDE)."""
    import numpy as np

    flat = thumbnails.reshape(len(thumbnails), -1).astype(np.float64)
    flat = flat - flat.mean(axis=1, keepdims=True)
    norm = np.linalg.norm(flat, axis=1, keepdims=True)
    return flat / np.maximum(norm, 1e-9)


def _oriented(thumbnail: Any) -> Any:
    """The 8 flips/rotations of a square thumbnail: (8, SIDE, SIDE)."""
    import numpy as np

    out = []
    for picture in (thumbnail, thumbnail.T):
        out += [picture, picture[:, ::-1], picture[::-1, :], picture[::-1, ::-1]]
    return np.stack(out)


def _boxes(scales: Iterable[float], step: float) -> Any:
    """Windows (x, y, side) of the given sides, placed every `step` inside the picture."""
    import numpy as np

    out = []
    for side in scales:
        places = np.arange(0, 1 - side + 1e-9, step) if side < 1 else np.zeros(1)
        out += [(x, y, side) for y in places for x in places]
    return np.array(out, dtype=np.float64)


@lru_cache(maxsize=1)
def _coarse_boxes() -> Any:
    return _boxes((1.0, 0.95, 0.9), 0.03)


def _sample(base: Any, boxes: Any) -> Any:
    """Bilinear samples of `base` (BASE x BASE) on a SIDE x SIDE grid inside each box: the windows
    as thumbnails, (len(boxes), SIDE, SIDE)."""
    import numpy as np

    t = (np.arange(SIDE) + 0.5) / SIDE
    xs = np.clip((boxes[:, :1] + boxes[:, 2:] * t) * BASE - 0.5, 0, BASE - 1.001)
    ys = np.clip((boxes[:, 1:2] + boxes[:, 2:] * t) * BASE - 0.5, 0, BASE - 1.001)
    x0, y0 = xs.astype(np.int64), ys.astype(np.int64)
    fx, fy = (xs - x0)[:, None, :], (ys - y0)[:, :, None]
    rows, cols = y0[:, :, None], x0[:, None, :]
    return ((base[rows, cols] * (1 - fx) + base[rows, cols + 1] * fx) * (1 - fy)
            + (base[rows + 1, cols] * (1 - fx) + base[rows + 1, cols + 1] * fx) * fy)


def _smoothed(base: Any) -> Any:
    """A 2x2 box blur at the same size: a window of ~half the base is then sampled without
    aliasing."""
    import numpy as np

    padded = np.pad(base, ((0, 1), (0, 1)), mode="edge")
    return (padded[:-1, :-1] + padded[1:, :-1] + padded[:-1, 1:] + padded[1:, 1:]) / 4


@dataclass(frozen=True)
class Prepared:
    """What verification needs of one picture, computed once however many pairs it is in."""

    smooth: Any  # the base thumbnail, smoothed (for refining a window), float32
    windows: Any  # the coarse windows at half size, normalised: (boxes, SIDE*SIDE/4), float32
    targets: Any  # the whole's 8 orientations at half size, normalised: (8, SIDE*SIDE/4)

    @property
    def oriented(self) -> Any:
        return _oriented(self.smooth.reshape(SIDE, 2, SIDE, 2).mean(axis=(1, 3)))


def _half(thumbnails: Any) -> Any:
    n = len(thumbnails)
    return thumbnails.reshape(n, SIDE // 2, 2, SIDE // 2, 2).mean(axis=(2, 4))


def prepare(base: Any) -> Prepared | None:
    """About 50 kB a picture. The coarse search runs at half size (16x16): a quarter of the
    work, and enough to tell which pairs deserve the full-size refinement."""
    import numpy as np

    if base is None:
        return None
    smooth = _smoothed(base).astype(np.float32)
    whole = smooth.reshape(SIDE, 2, SIDE, 2).mean(axis=(1, 3))
    return Prepared(smooth,
                    _normalised(_half(_sample(smooth, _coarse_boxes()))).astype(np.float32),
                    _normalised(_half(_oriented(whole))).astype(np.float32))


def _refine(big: Prepared, small: Prepared, box: Any, k: int) -> tuple[float, Any, Any]:
    """Search finer windows of `big` around `box` for the orientation k of `small`:
    (correlation, window thumbnail, small oriented)."""
    import numpy as np

    oriented = small.oriented
    target = _normalised(oriented[k][None])[0]
    best = (-1.0, None)
    for step in (0.015, 0.0075):
        x, y, side = box
        fine = np.array([(x + dx, y + dy, side + ds) for ds in (-step, 0, step)
                         for dx in (-step, 0, step) for dy in (-step, 0, step)])
        ok = ((fine[:, 2] <= 1) & (fine[:, 0] >= 0) & (fine[:, 1] >= 0)
              & (fine[:, 0] + fine[:, 2] <= 1.0001) & (fine[:, 1] + fine[:, 2] <= 1.0001))
        fine = fine[ok] if ok.any() else np.array([box])
        windows = _sample(big.smooth, fine)
        scores = _normalised(windows) @ target
        w = int(np.argmax(scores))
        if scores[w] >= best[0]:
            best = (float(scores[w]), windows[w])
            box = fine[w]
    return best[0], best[1], oriented[k]


def _coarse(a: Prepared, b: Prepared) -> tuple[float, Prepared, Prepared, Any, int]:
    """The best coarse alignment of two pictures, either way round (a window of `a` against the
    whole of `b`, or the reverse): (correlation, big, small, box, orientation)."""
    import numpy as np

    boxes = _coarse_boxes()
    forward = a.windows @ b.targets.T  # (boxes, 8)
    backward = b.windows @ a.targets.T
    wf, kf = np.unravel_index(int(np.argmax(forward)), forward.shape)
    wb, kb = np.unravel_index(int(np.argmax(backward)), backward.shape)
    if forward[wf, kf] >= backward[wb, kb]:
        return float(forward[wf, kf]), a, b, boxes[wf], int(kf)
    return float(backward[wb, kb]), b, a, boxes[wb], int(kb)


def _decide(coarse: tuple[float, Prepared, Prepared, Any, int]) -> tuple[float, float]:
    import numpy as np

    if coarse[0] < REFINE_AT:
        return max(0.0, coarse[0]), float("inf")
    correlation, window, other = _refine(*coarse[1:])
    one, two = _normalised(window[None])[0], _normalised(other[None])[0]
    blocks = ((one - two) * SIDE).reshape(8, SIDE // 8, 8, SIDE // 8) ** 2
    return max(0.0, correlation), float(np.sqrt(blocks.mean(axis=(1, 3))).max())


def compare(a: Prepared, b: Prepared) -> tuple[float, float]:
    """(correlation, detail error) of two pictures, aligned as well as a crop, a flip or a turn
    allows: the window of one (the whole, or up to ~12 % cut away) and the orientation of the
    other that correlate best, found on a coarse grid of windows and refined around its best.
    The detail error is the largest RMS difference of the normalised thumbnails over an 8x8
    grid of blocks: a copy differs a little everywhere; a look-alike with the same framing
    agrees on the background and differs a lot where the lesions differ. Pairs whose coarse
    correlation is under REFINE_AT are not refined (detail error: infinity)."""
    return _decide(_coarse(a, b))


def is_copy(correlation: float, detail: float) -> bool:
    return correlation >= MATCH_AT and detail <= DETAIL_AT


def similar(a: Prepared, b: Prepared) -> tuple[bool, float]:
    """Whether two pictures are one picture transformed, and their correlation."""
    correlation, detail = compare(a, b)
    return is_copy(correlation, detail), correlation


@dataclass(frozen=True)
class Match:
    first: int
    second: int
    distance: int  # bits between the closest views of the two hashes
    similarity: float  # correlation of the thumbnails (verification)


def verify(pairs: Mapping[tuple[int, int], tuple[int, ...]], load: Any,
           workers: int | None = None,
           cache: int = 2048, block: int = 4096) -> list[Match]:
    """Keep the candidate pairs whose thumbnails agree. `load(i)` gives picture i's base
    thumbnail (or None). Pairs are taken in order, `block` at a time; the pictures a block needs
    are loaded in a thread pool and kept in a cache of about `cache` pictures (~130 kB each),
    so memory stays bounded however many candidates there are."""
    from collections import OrderedDict
    from concurrent.futures import ThreadPoolExecutor

    kept: OrderedDict[int, Prepared | None] = OrderedDict()

    def ready(i: int) -> Prepared | None:
        return prepare(load(i))

    ordered = sorted(pairs.items())
    out = []
    with ThreadPoolExecutor(max_workers=workers or min(8, (os.cpu_count() or 1) * 2)) as pool:
        for first in range(0, len(ordered), block):
            part = ordered[first:first + block]
            wanted = sorted({i for (a, b), _ in part for i in (a, b)} - kept.keys())
            for i, picture in zip(wanted, pool.map(ready, wanted), strict=True):
                kept[i] = picture
            for (a, b), found in part:
                kept.move_to_end(a)
                kept.move_to_end(b)
                one, two = kept[a], kept[b]
                if one is None or two is None:
                    continue
                correlation, detail = _decide(_coarse(one, two))
                if is_copy(correlation, detail):
                    out.append(Match(a, b, found[0], round(correlation, 4)))
            needed_next = {i for (a, b), _ in ordered[first + block:first + 2 * block]
                           for i in (a, b)}
            while len(kept) > cache:
                oldest = next(iter(kept))
                if oldest in needed_next and len(kept) <= 2 * cache:
                    kept.move_to_end(oldest)
                    break
                kept.popitem(last=False)
    return out


def groups_of(matches: Iterable[Match]) -> list[tuple[list[int], int, float]]:
    """Connected groups of matched pictures: (members sorted, largest distance, smallest
    similarity of the matches that hold the group together)."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    matches = list(matches)
    for m in matches:
        parent[root(m.first)] = root(m.second)
    members: dict[int, list[int]] = {}
    for x in list(parent):
        members.setdefault(root(x), []).append(x)
    worst: dict[int, tuple[int, float]] = {}
    for m in matches:
        r = root(m.first)
        d, s = worst.get(r, (0, 1.0))
        worst[r] = (max(d, m.distance), min(s, m.similarity))
    return sorted((sorted(v), *worst[r]) for r, v in members.items())
