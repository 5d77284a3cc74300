"""What the confident candidates say about a copy, as findings: DS900 for each candidate shown,
DS901 (undeclared copy), DS902 (licence), DS903 (splits), DS904/DS905 (fewer or more images).

Separate from the evidence: matching says which originals are likely; this module decides what
is worth telling the user about them.
"""

from __future__ import annotations

from ..copycats import SPLIT_SYNONYMS, finding
from ..findings import Finding, Severity
from ..licenses import license_compatibility, license_text
from .evidence import Candidate, best
from .targets import Target

FIND_AT = 0.5  # findings are only drawn from candidates this sure


def findings(target: Target, found: list[Candidate], original: bool = False) -> list[Finding]:
    """DS900 for each candidate shown; DS901-DS905 for the confident ones. When several originals
    are equally likely, only what holds for all of them is said. For an `original` (a reference
    datasheet itself) the related originals are shown, but it is nobody's copy."""
    out = []
    for c in found:
        out.append(finding(
            **target.at("provenance.derived_from", "dataset.title"), code="DS900",
            severity=Severity.INFO, message=
            f"likely original: {c.reference.title} ({c.reference.id}), confidence "
            f"{c.confidence:.2f}: " + "; ".join(e.text for e in c.evidence),
            path="provenance.derived_from"))
    sure = [] if original else [c for c in best(found) if c.confidence >= FIND_AT]
    if len(sure) == 1:
        (c,) = sure
        out += _undeclared(target, sure) + _license_findings(target, sure) \
            + _split_findings(target, c) + _size_findings(target, c)
    elif sure:
        out += _undeclared(target, sure) + _license_findings(target, sure)
    return out


def _relationships(target: Target) -> tuple[set[str], set[str]]:
    relationships = {str(d.get("relationship")) for d in target.declared}
    changes = {str(ch) for d in target.declared for ch in d.get("changes") or []}
    return relationships, changes


def _undeclared(target: Target, sure: list[Candidate]) -> list[Finding]:
    if any(c.declared for c in sure):
        return []
    names = " or ".join(f"{c.reference.title} ({c.reference.id})" for c in sure)
    confidence = f"confidence {sure[0].confidence:.2f}"
    if len(sure) > 1:
        confidence += "; the evidence cannot tell these apart"
    if target.declared:
        message = (f"this looks like a copy of {names} ({confidence}), but "
                   "provenance.derived_from does not name it")
        severity = Severity.WARNING
    else:
        message = (f"this looks like a copy of {names} ({confidence}) and does not say so: "
                   "add provenance.derived_from with the original, its identifier and its licence")
        # A bare local folder has nowhere to say it; a published card or datasheet does.
        severity = Severity.WARNING if target.kind == "folder" else Severity.ERROR
    return [finding(**target.at("provenance.derived_from", "dataset.title"), code="DS901",
                    severity=severity, message=message, path="provenance.derived_from")]


def license_verdict(target: Target, sure: list[Candidate]) -> tuple[str, list[str]]:
    """The copy's licence against every equally likely original: "compatible" or "incompatible"
    only when all of them agree, "missing" without a licence, else "unknown"."""
    if not target.license:
        return "missing", []
    if not sure or not all(c.reference.license for c in sure):
        return "unknown", []
    verdicts = [license_compatibility(c.reference.license, target.license) for c in sure]
    kinds = {verdict for verdict, _ in verdicts}
    if len(kinds) != 1:
        return "unknown", []
    return kinds.pop(), sorted({r for _, rs in verdicts for r in rs})


def _license_findings(target: Target, sure: list[Candidate]) -> list[Finding]:
    """DS902 when the copy's licence contradicts the original's (every equally likely one)."""
    verdict, reasons = license_verdict(target, sure)
    if verdict != "incompatible":
        return []
    originals = ", ".join(f"{license_text(c.reference.license)!r} ({c.reference.id})"
                          for c in sure)
    return [finding(
        **target.at("distribution.license"), code="DS902", severity=Severity.ERROR, message=
        f"the licence {license_text(target.license)!r} contradicts the original's {originals}: "
        + "; ".join(reasons), path="distribution.license")]


def _declared_split_change(target: Target) -> bool | None:
    """True when the copy says it changed the splits, False when it says it kept them."""
    relationships, changes = _relationships(target)
    if "resplit" in changes:
        return True
    for entry in target.declared:
        kept = entry.get("split_preserved")
        kept = kept.get("value") if isinstance(kept, dict) else kept
        if isinstance(kept, bool):
            return not kept
    return None


def _split_findings(target: Target, c: Candidate) -> list[Finding]:
    ref = c.reference
    if len(ref.split_counts) < 2 or not set(ref.split_counts) <= set(SPLIT_SYNONYMS.values()):
        return []  # nothing to compare, or splits named in the publisher's own way
    said = _declared_split_change(target)
    if said is True:
        return []  # a documented change is not a finding
    original = ", ".join(f"{s} {n:,}" for s, n in ref.split_counts.items())
    if not target.split_counts:
        if target.kind != "folder":
            return []  # a card that gives no split sizes is lint's business (composition.splits)
        message = (f"the folder has no train/validation/test folders; the original's official "
                   f"splits ({original}) cannot be told apart in this copy")
    elif target.split_counts == ref.split_counts:
        return []
    else:
        ours = ", ".join(f"{s} {n:,}" for s, n in target.split_counts.items())
        message = f"the splits differ from the original's: {ours} here, {original} in {ref.id}"
        if said is False:
            message += "; yet the copy says the official splits were kept"
    return [finding(**target.at("medical_imaging.split_counts"), code="DS903",
                    severity=Severity.WARNING, message=message,
                    path="provenance.derived_from.split_preserved")]


def _size_findings(target: Target, c: Candidate) -> list[Finding]:
    ref, n = c.reference, target.num_images
    if not n or not ref.num_images:
        return []
    relationships, changes = _relationships(target)
    if n < 0.98 * ref.num_images and not ({"is_part_of"} & relationships or "filtered" in changes):
        split = next((s for s, k in ref.split_counts.items() if k == n), None)
        what = f"only the original's {split} split" if split else \
            f"{n / ref.num_images:.0%} of the original"
        return [finding(**target.at("medical_imaging.num_images"), code="DS904",
                        severity=Severity.WARNING,
                        message=f"{n:,} images against {ref.num_images:,} in {ref.id}: {what}; "
                        "declare the relationship is_part_of (or the change 'filtered')",
                        path="provenance.derived_from.relationship")]
    if n > 1.02 * ref.num_images and not (
            {"augmented_from", "aggregates", "is_supplemented_by"} & relationships
            or {"augmented", "merged"} & changes):
        return [finding(**target.at("medical_imaging.num_images"), code="DS905",
                        severity=Severity.WARNING,
                        message=f"{n:,} images against {ref.num_images:,} in {ref.id}: the copy "
                        f"adds {n - ref.num_images:,} images (augmented or merged?); declare the "
                        "relationship augmented_from or aggregates",
                        path="provenance.derived_from.relationship")]
    return []
