"""Consistency: counts stated in one place agree with counts stated in another."""

from __future__ import annotations

from collections.abc import Iterator

from ..answers import count_of
from ..sheet import Sheet, join
from . import Context, Hit, rule

_MI = "medical_imaging"


@rule("DS301", "split-sizes-disagree", "composition", "error", 2)
def split_sizes_disagree(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
    """The sizes of the official splits do not add up to the total.

    Why: when the images (or patients) of train, validation and test do not sum to the number
    of images (or patients) of the dataset, one of the numbers is wrong, or some images are in
    no split or in several, which is how patients leak from training into test. The check runs
    only when every split gives the count.

    Failing:

        medical_imaging:
          num_images: 200
          split_counts:
            - {name: train, images: 160}
            - {name: test, images: 50}

    Passing:

        medical_imaging:
          num_images: 200
          split_counts:
            - {name: train, images: 160}
            - {name: test, images: 40}
    """
    splits = sheet.get(f"{_MI}.split_counts")
    if not isinstance(splits, list) or not splits:
        return
    for key, total_key in (("images", "num_images"), ("patients", "num_patients")):
        total = count_of(sheet.get(f"{_MI}.{total_key}"))
        parts = [s.get(key) if isinstance(s, dict) else None for s in splits]
        counts = [p for p in parts if isinstance(p, int)]
        if total is None or len(counts) != len(parts):
            continue
        if sum(counts) != total:
            shown = " + ".join(str(p) for p in counts)
            yield Hit(f"{_MI}.split_counts",
                      f"the splits hold {shown} = {sum(counts)} {key}, but "
                      f"{_MI}.{total_key} is {total}")


@rule("DS302", "counts-contradict", "composition", "error", 2)
def counts_contradict(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
    """Counts that cannot both be true: fewer images (or studies) than patients.

    Why: every patient in an imaging dataset has at least one study and one image; a smaller
    number means a count was copied from somewhere else (often a different release).

    Failing:

        medical_imaging:
          num_patients: 300
          num_images: 200

    Passing:

        medical_imaging:
          num_patients: 100
          num_images: 200
    """
    patients = count_of(sheet.get(f"{_MI}.num_patients"))
    if patients is None:
        return
    for key, noun in (("num_images", "images"), ("num_studies", "studies")):
        count = count_of(sheet.get(join(_MI, key)))
        if count is not None and count < patients:
            yield Hit(join(_MI, key), f"{_MI}.{key} is {count}, fewer {noun} than the "
                                      f"{patients} patients of {_MI}.num_patients")
