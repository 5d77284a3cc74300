"""Look-alike copies among look-alike distractors: datasheet-kit against imagehash and imagededup.

    python bench/bench_images.py [--originals N] [--copies N] [--distractors N] [--seed S]

Writes a seeded folder of procedural lesion pictures (tests/lesions.py): N originals in train/,
and in test/ a copy of `--copies` originals per transformation (resize, JPEG, crop up to 10 %,
brightness and contrast, mirror, quarter turns, grey) plus `--distractors` look-alikes: other
lesions drawn in the same frame as an original (same background, size and colours), which are
different pictures and must not be reported. Every tool hashes the same folder in the same run;
for each transformation, precision and recall are counted over the originals, that
transformation's copies and the distractors (a pair is a hit when it joins an original and its
copy). Tools that are not installed are skipped with a note.

Needs numpy and Pillow; imagehash and imagededup (the `bench` extra) for the peers.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/lesions.py

from tests.lesions import TRANSFORMS, lesion, sibling  # noqa: E402

Pair = tuple[str, str]


def _write(job: tuple[str, int, str, int]) -> None:
    path, seed, kind, extra = job
    if kind == "original":
        picture = lesion(seed)
    elif kind == "distractor":
        picture = sibling(seed, extra)
    else:
        picture = TRANSFORMS[kind](lesion(seed), random.Random(seed * 31 + extra))
    picture.save(path)


def build(root: Path, originals: int, copies: int, distractors: int, seed: int
          ) -> tuple[dict[str, set[Pair]], list[str], list[str]]:
    """The folder, the true pairs per transformation, the originals and the distractors."""
    rng = random.Random(seed)
    (root / "train").mkdir(parents=True)
    (root / "test").mkdir()
    jobs, truth = [], {}
    first = seed * 100_000
    names = [f"train/{first + i:07d}.png" for i in range(originals)]
    jobs += [(str(root / n), first + i, "original", 0) for i, n in enumerate(names)]
    for t, kind in enumerate(TRANSFORMS):
        truth[kind] = set()
        for i in rng.sample(range(originals), copies):
            copy = f"test/{kind}-{first + i:07d}.png"
            jobs.append((str(root / copy), first + i, kind, t))
            truth[kind].add(tuple(sorted((names[i], copy))))
    decoys = []
    for k, i in enumerate(rng.sample(range(originals), distractors)):
        decoy = f"test/lookalike-{first + i:07d}.png"
        jobs.append((str(root / decoy), first + i, "distractor", 1 + k % 3))
        decoys.append(decoy)
    with ProcessPoolExecutor() as pool:
        list(pool.map(_write, jobs, chunksize=16))
    return truth, names, decoys


# ------------------------------------------------------------------------------------- tools

def ours(root: Path) -> set[Pair]:
    from datasheet_kit import folders

    scan = folders.scan(root, perceptual=True)
    pairs = set()
    for group in folders.duplicates(scan):
        pairs |= {tuple(sorted(p)) for p in itertools.combinations(group.paths, 2)}
    return pairs


def _all_pairs_within(hashes: dict[str, int], threshold: int) -> set[Pair]:
    """Every pair of files whose 64-bit hashes are within `threshold` bits (numpy popcount)."""
    import numpy as np

    names = sorted(hashes)
    values = np.array([hashes[n] for n in names], dtype=np.uint64)
    pairs = set()
    for i in range(len(names)):
        close = np.nonzero(np.bitwise_count(values[i + 1:] ^ values[i]) <= threshold)[0]
        pairs |= {(names[i], names[i + 1 + j]) for j in close.tolist()}
    return pairs


def imagehash_tool(method: str, threshold: int) -> Callable[[Path], set[Pair]]:
    def run(root: Path) -> set[Pair]:
        import imagehash
        from PIL import Image

        function = getattr(imagehash, method)
        hashes = {}
        for path in sorted(root.rglob("*.png")):
            with Image.open(path) as image:
                hashes[path.relative_to(root).as_posix()] = int(str(function(image)), 16)
        return _all_pairs_within(hashes, threshold)
    return run


def imagededup_tool(method: str, threshold: int) -> Callable[[Path], set[Pair]]:
    def run(root: Path) -> set[Pair]:
        import logging

        from imagededup import methods

        logging.getLogger("imagededup").setLevel(logging.ERROR)
        hasher = getattr(methods, method)(verbose=False)
        pairs: set[Pair] = set()
        encodings = {}
        for path in sorted(root.rglob("*.png")):
            code = hasher.encode_image(image_file=str(path))
            if code:
                encodings[path.relative_to(root).as_posix()] = code
        found = hasher.find_duplicates(encoding_map=encodings, max_distance_threshold=threshold,
                                       scores=False)
        for name, others in found.items():
            pairs |= {tuple(sorted((name, o))) for o in others}
        return pairs
    return run


def tools() -> dict[str, Callable[[Path], set[Pair]]]:
    out: dict[str, Callable[[Path], set[Pair]]] = {"datasheet-kit (--perceptual)": ours}
    try:
        import imagehash  # noqa: F401

        out["imagehash pHash <= 10"] = imagehash_tool("phash", 10)
        out["imagehash pHash <= 6"] = imagehash_tool("phash", 6)
        out["imagehash dHash <= 10"] = imagehash_tool("dhash", 10)
    except ImportError:
        print("imagehash is not installed: skipped", file=sys.stderr)
    try:
        import imagededup.methods  # noqa: F401

        for method in ("PHash", "DHash", "AHash", "WHash"):
            out[f"imagededup {method} <= 10"] = imagededup_tool(method, 10)
    except ImportError as exc:
        print(f"imagededup cannot be imported ({exc}): skipped", file=sys.stderr)
    return out


# ---------------------------------------------------------------------------------- counting

def score(found: set[Pair], truth: set[Pair], universe: set[str]) -> tuple[float, float]:
    inside = {p for p in found if p[0] in universe and p[1] in universe}
    hits = len(inside & truth)
    precision = hits / len(inside) if inside else 1.0
    return precision, hits / len(truth)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--originals", type=int, default=1000)
    parser.add_argument("--copies", type=int, default=100, help="per transformation")
    parser.add_argument("--distractors", type=int, default=300)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "copy"
        start = time.perf_counter()
        truth, names, decoys = build(root, args.originals, args.copies, args.distractors,
                                     args.seed)
        files = sum(1 for _ in root.rglob("*.png"))
        print(f"{files:,} pictures ({args.originals:,} originals, {args.copies} copies per "
              f"transformation, {args.distractors} look-alike distractors), seed {args.seed}, "
              f"built in {time.perf_counter() - start:.0f} s; Python "
              f"{platform.python_version()}, {os.cpu_count()} CPUs\n")
        results = {}
        for name, run in tools().items():
            start = time.perf_counter()
            found = run(root)
            results[name] = (found, time.perf_counter() - start)
        kinds = list(TRANSFORMS)
        print("| tool | " + " | ".join(kinds) + " | false pairs | seconds |")
        print("|---|" + "---:|" * (len(kinds) + 2))
        cluster = {n: n for n in names}  # an original and all its copies are one picture
        for pairs in truth.values():
            cluster.update({a if a.startswith("test/") else b: b if a.startswith("test/") else a
                            for a, b in pairs})
        for name, (found, took) in results.items():
            cells = []
            for kind in kinds:
                universe = set(names) | set(decoys) | {p for pair in truth[kind] for p in pair}
                precision, recall = score(found, truth[kind], universe)
                cells.append(f"{precision:.2f} / {recall:.2f}")
            false = sum(1 for a, b in found if cluster.get(a, a) != cluster.get(b, b))
            print(f"| {name} | " + " | ".join(cells) + f" | {false:,} | {took:.1f} |")
        print("\ncells: precision / recall over the originals, that transformation's copies and "
              "the distractors; false pairs: every reported pair that is not an original and "
              "its copy")


if __name__ == "__main__":
    main()
