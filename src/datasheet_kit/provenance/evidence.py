"""Matching a target against the references: each match is an `Evidence` item that says in words
what matched and has a weight, and a `Candidate`'s confidence is the noisy-OR of its weights.

This is the module to read when a confidence looks wrong: the weights, the thresholds and every
kind of evidence are here, and nothing else is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import clip
from .names import _YEAR, _YEARS_AFTER, compact, find_words, mentions
from .references import Reference, _link, _pid
from .targets import Target

# Weights of single pieces of evidence (see the module docstring for how they combine).
W_DECLARED = 0.9  # the copy names the original as its source, or cites its DOI
W_LINK = 0.6  # the copy cites the original's landing page (shared by every year of a challenge)
W_NAME_TITLE = 0.7  # the title carries a name or alias of the original
W_NAME_TEXT = 0.5  # another text field (subtitle, summary, keywords) does
W_FAMILY_TITLE = 0.3  # the title names the family ("ISIC") but no year of a reference
W_FAMILY_TEXT = 0.2
W_PATTERN = 0.6  # times the share of files whose names follow the original's patterns
W_SAME_PATTERN = 0.3  # the copy's datasheet declares one of the original's file-name patterns
W_COUNT_TOTAL = 0.5  # as many images as the original
W_COUNT_SPLIT = 0.4  # as many images as one official split
W_COUNT_SPLITS = 0.5  # every split the same size as the original's
W_COUNT_NEAR = 0.25  # within 1% of the original
W_SIZE = 0.2  # size within 5% of the original's
W_KEYWORD = 0.05  # per shared keyword, at most three
REPORT_AT = 0.25  # candidates below this are not shown
TIE = 0.05  # candidates this close to the best are equally likely


@dataclass(frozen=True)
class Evidence:
    kind: str  # name | family | family, other year | declared | link | pattern | ...
    text: str
    weight: float

    @property
    def makes_candidate(self) -> bool:
        return self.kind in ("name", "family", "family, other year", "declared", "link",
                             "pattern")

    def to_dict(self) -> dict:
        """The JSON form (`datasheet provenance --format json`); `detail` is the same sentence
        the DS900 message shows, so the two outputs cannot disagree."""
        return {"kind": self.kind, "detail": self.text, "weight": self.weight}


@dataclass
class Candidate:
    reference: Reference
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def confidence(self) -> float:
        remaining = 1.0
        for item in self.evidence:
            remaining *= 1.0 - item.weight
        return round(1.0 - remaining, 2)

    @property
    def declared(self) -> bool:
        return any(e.kind in ("declared", "link") for e in self.evidence)

    def to_dict(self) -> dict:
        """The JSON form; `confidence` is the value the DS900 message prints."""
        return {"reference": self.reference.id, "title": self.reference.title,
                "confidence": self.confidence, "declared": self.declared,
                "evidence": [e.to_dict() for e in self.evidence]}


def _fields(target: Target) -> list[tuple[str, str]]:
    out = [("title", target.title)] if target.title else []
    out += list(target.texts.items())
    if target.keywords:
        out.append(("keywords", "; ".join(target.keywords)))
    return out


def _name_evidence(ref: Reference, target: Target, family_years: set[str]) -> list[Evidence]:
    """Names and aliases; for a family with years (ISIC 2016..2020), the year decides. The
    strongest match over all text fields counts once."""
    found: list[Evidence] = []
    for where, text in _fields(target):
        packed = compact(text)
        in_title = where in ("title", "folder name")
        name = next((n for n in ref.names if mentions(n, text, packed)), None)
        if name:
            found.append(Evidence("name", f"{where} {_quote(text)} matches "
                                  f"{'the name' if name == ref.title else 'alias'} {_quote(name)}",
                                  W_NAME_TITLE if in_title else W_NAME_TEXT))
            continue
        if ref.family is None:
            continue
        years = set()
        # A year glued to the family name ("dataisic2018") is read even inside a word; without
        # one, the name must stand alone, so that "Cyclisic" is not ISIC.
        hits = sorted(set(find_words(ref.family, packed)) | {
            m.end() for m in re.finditer(re.escape(ref.family) + r"(?=(?:19|20)\d\d(?!\d))",
                                         packed[0])})
        for end in hits:
            after = _YEARS_AFTER.match(packed[0][end:])
            if after:
                years.update(_YEAR.findall(after.group(1)))
        if ref.year in years:
            found.append(Evidence("name", f"{where} {_quote(text)} names {ref.family.upper()} "
                                  f"with the year {ref.year}",
                                  W_NAME_TITLE if in_title else W_NAME_TEXT))
        elif hits and not (years & family_years):
            said = f" with the year {', '.join(sorted(years))}, which no reference covers" \
                if years else " without a year"
            found.append(Evidence("family" if not years else "family, other year",
                                  f"{where} {_quote(text)} names "
                                  f"{ref.family.upper()}{said}",
                                  W_FAMILY_TITLE if in_title else W_FAMILY_TEXT))
    return [max(found, key=lambda e: e.weight)] if found else []


def _declared_evidence(ref: Reference, target: Target) -> list[Evidence]:
    found = []
    for i, entry in enumerate(target.declared):
        where = f"provenance.derived_from[{i}]"
        source = str(entry.get("source_dataset") or "")
        packed = compact(source)
        url = _link(str(entry.get("source_url") or ""))
        pid = _pid(str(entry.get("source_pid") or ""))
        if (source and (any(mentions(n, source, packed) for n in ref.names)
                        or (ref.family and ref.year and find_words(ref.family, packed)
                            and ref.year in source))) \
                or (url and url in ref.links) or (pid and pid in ref.pids):
            found.append(Evidence("declared", f"{where} declares {_quote(source or url or pid)}",
                                  W_DECLARED))
    everything = " ".join([target.cited] + [text for _, text in _fields(target)]).lower()
    for pid in sorted(ref.pids):
        if pid and pid in everything:
            found.append(Evidence("declared", f"the text cites the original's identifier {pid}",
                                  W_DECLARED))
    for link in sorted(ref.links):
        if link and link in everything:
            found.append(Evidence("link", f"the text cites the original's page {link}", W_LINK))
    return found


def _pattern_evidence(ref: Reference, target: Target) -> list[Evidence]:
    found = []
    if target.file_names and ref.patterns:
        compiled = [re.compile(rf"(?:^|/)(?:{p})$") for p in ref.patterns]
        for pattern, regex in zip(ref.patterns, compiled, strict=True):
            n = sum(1 for name in target.file_names if regex.search(name))
            share = n / len(target.file_names)
            if n and share >= 0.1:
                found.append(Evidence("pattern", f"file names match {pattern} "
                                      f"({n:,} of {len(target.file_names):,} images)",
                                      round(W_PATTERN * share, 2)))
                break
    shared = sorted(set(target.patterns) & set(ref.patterns))
    if shared:
        # Supporting only: a whole family of releases shares a pattern such as ISIC_\d{7}\.jpg.
        found.append(Evidence("declared pattern",
                              f"declares the original's file-name pattern {shared[0]}",
                              W_SAME_PATTERN))
    return found


def _count_evidence(ref: Reference, target: Target) -> list[Evidence]:
    found = []
    n = target.num_images
    if n:
        split = next((s for s, c in ref.split_counts.items() if c == n), None)
        if ref.num_images and n == ref.num_images:
            found.append(Evidence("count", f"{n:,} images vs {n:,} in the original",
                                  W_COUNT_TOTAL))
        elif split:
            found.append(Evidence("count", f"{n:,} images, as many as the original's {split} "
                                  "split", W_COUNT_SPLIT))
        elif ref.num_images and abs(n - ref.num_images) <= 0.01 * ref.num_images:
            found.append(Evidence("count", f"{n:,} images vs {ref.num_images:,} in the original",
                                  W_COUNT_NEAR))
        elif ref.num_images:
            found.append(Evidence("count", f"{n:,} images vs {ref.num_images:,} in the original "
                                  f"({n / ref.num_images:.0%})", 0.0))
    if target.split_counts and ref.split_counts and target.split_counts == ref.split_counts:
        found.append(Evidence("count", "every split has the original's size ("
                              + ", ".join(f"{s} {c:,}" for s, c in ref.split_counts.items())
                              + ")", W_COUNT_SPLITS))
    if target.size_bytes and ref.size_bytes:
        share = target.size_bytes / ref.size_bytes
        found.append(Evidence("size", f"{_bytes(target.size_bytes)} vs {_bytes(ref.size_bytes)} "
                              f"for the original ({share:.0%})",
                              W_SIZE if abs(share - 1) <= 0.05 else 0.0))
    shared = sorted(ref.keywords & {compact(k)[0] for k in target.keywords})
    if shared:
        found.append(Evidence("keyword", f"keywords shared with the original: "
                              f"{', '.join(shared[:5])}",
                              round(W_KEYWORD * min(3, len(shared)), 2)))
    return found


def candidates(target: Target, references: Iterable[Reference]) -> list[Candidate]:
    """The likely originals of `target`, most likely first, with their evidence."""
    references = list(references)
    family_years: dict[str, set[str]] = {}
    for ref in references:
        if ref.family and ref.year:
            family_years.setdefault(ref.family, set()).add(ref.year)
    found = []
    for ref in references:
        if _is_same(target, ref):
            continue
        evidence = (_declared_evidence(ref, target)
                    + _name_evidence(ref, target, family_years.get(ref.family or "", set()))
                    + _pattern_evidence(ref, target))
        if not any(e.makes_candidate and e.weight > 0 for e in evidence):
            continue
        candidate = Candidate(ref, evidence + _count_evidence(ref, target))
        if candidate.confidence >= REPORT_AT:
            found.append(candidate)
    return sorted(found, key=lambda c: (-c.confidence, c.reference.id))


def _is_same(target: Target, ref: Reference) -> bool:
    """The target is this reference: the same file, or the same title and the same page or
    identifier (a copy may borrow the title, but then it lives at another address)."""
    if target.same_file and Path(ref.file).resolve() == Path(target.same_file):
        return True
    return bool(target.title and target.title == ref.title
                and target.links & (ref.links | ref.pids))


def is_reference(target: Target, references: Iterable[Reference]) -> bool:
    """True when the target is one of the reference datasheets: an original, not a copy."""
    return any(_is_same(target, ref) for ref in references)


def best(found: list[Candidate]) -> list[Candidate]:
    """The candidates that are as likely as the most likely one (several for a tie)."""
    if not found:
        return []
    top = found[0].confidence
    return [c for c in found if top - c.confidence <= TIE]


def _quote(text: str) -> str:
    # Names and titles may span lines in YAML; a finding is one line.
    return repr(clip(" ".join(text.split()), 60))


def _bytes(n: int) -> str:
    for unit, size in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n} bytes"
