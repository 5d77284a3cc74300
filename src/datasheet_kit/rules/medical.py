"""Medical imaging: the facts a reader needs to trust results on the data (only with
`medical_imaging`).

That the required facts (patients, images, split level, de-identification, ethics approval,
modality) are given at all is completeness (DS201); these rules judge what they say.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..answers import Status, status_of
from ..sheet import Sheet
from . import Context, Hit, rule

MI = "medical_imaging"
# CLAIM 2024 expects splits disjoint at patient level or above.
_SAFE_LEVELS = ("patient", "institution")


def _used(sheet: Sheet) -> bool:
    return isinstance(sheet.data.get(MI), dict)


@rule("DS801", "split-below-patient-level", "medical_imaging", "warning", 2)
def split_below_patient_level(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
    """The splits are not disjoint by patient, and `split_assignment` does not explain why.

    Why: when images of one patient are in both training and test sets, a model can recognise
    the patient instead of the disease, and its test results look better than they are. Split
    by patient (or institution), or explain in `split_assignment` why another level is right.

    Failing:

        medical_imaging:
          split_level: image
          split_assignment: {status: unknown, reason: The uploader does not say.}

    Passing:

        medical_imaging:
          split_level: image
          split_assignment: One image per patient, so image and patient level are the same.
    """
    level = sheet.get(f"{MI}.split_level")
    if not _used(sheet) or not isinstance(level, str) or level in _SAFE_LEVELS:
        return
    if status_of(sheet.get(f"{MI}.split_assignment")) is not Status.ANSWERED:
        yield Hit(f"{MI}.split_level",
                  f"the splits are disjoint at {level} level, not by patient; images of one "
                  "patient may be in training and test (explain in split_assignment)")


@rule("DS802", "patient-or-image-count-unknown", "medical_imaging", "warning", 2)
def counts_unknown(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
    """The number of patients or of images is declared unknown.

    Why: without the number of patients nobody can tell how many images each patient has, how
    large the risk of leakage between splits is, or whether the data is a different release.

    Failing:

        medical_imaging:
          num_patients: {status: unknown, reason: Not reported by the uploader.}

    Passing:

        medical_imaging:
          num_patients: {value: 2056, unit: patients}
    """
    if not _used(sheet):
        return
    for key, noun in (("num_patients", "patients"), ("num_images", "images")):
        status = status_of(sheet.get(f"{MI}.{key}"))
        if status in (Status.UNKNOWN, Status.TODO, Status.NOT_APPLICABLE):
            yield Hit(f"{MI}.{key}", f"the number of {noun} is {status}")


@rule("DS803", "modality-unexplained", "medical_imaging", "warning", 1)
def modality_unexplained(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
    """The modality is `other` and `modality_details` does not say what it is.

    Why: "other" tells a reader nothing about how the images were made.

    Failing:

        medical_imaging:
          modality: [other]
          modality_details: {status: todo, reason: Ask the uploader.}

    Passing:

        medical_imaging:
          modality: [other]
          modality_details: Smartphone photographs of the oral cavity.
    """
    modality = sheet.get(f"{MI}.modality")
    if (_used(sheet) and isinstance(modality, list) and "other" in modality
            and status_of(sheet.get(f"{MI}.modality_details")) is not Status.ANSWERED):
        yield Hit(f"{MI}.modality", "the modality is 'other'; say which in modality_details")
