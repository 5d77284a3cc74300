"""Provenance: which well-known original a copy comes from, how sure we are, and what it changed.

A target (a datasheet, a platform card read into a Sheet, a local folder, or one listing of a
platform table) is reduced to the evidence it carries: names, keywords, file names, counts, size,
licence and declared sources. Each reference datasheet (`datasheets/*.yaml`) is compared with it,
and every match becomes an `Evidence` item that says in words what matched and has a weight.

Confidence is a noisy-OR of the weights: 1 - (1 - w1)(1 - w2)... Each item alone is the
probability we would give it on its own; independent items reinforce each other and the total
stays below 1. Only names, file-name patterns and declared sources can *make* a candidate;
counts, sizes and keywords only *support* one, because two unrelated datasets can share a count.

Findings follow from the confident candidates (DS901-DS905; see README "Copycats codes").
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from . import identifiers
from .licenses import license_answer, license_compatibility, license_text
from .answers import count_of, text_of
from .findings import Finding, Severity, clip
from .sheet import Sheet, load, strings
from .splits import SPLIT_SYNONYMS, canonical_split, finding

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
FIND_AT = 0.5  # findings are only drawn from candidates this sure
TIE = 0.05  # candidates this close to the best are equally likely

_YEAR = re.compile(r"(?:19|20)\d\d")
_YEAR_WORD = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")  # in a name: "BCN20000" has no year
_YEARS_AFTER = re.compile(r"^[a-z]{0,12}?((?:19|20)\d\d(?:(?:and|or|to|vs)?(?:19|20)\d\d)*)")
_BYTES_UNITS = {"": 1, "b": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12}


# -------------------------------------------------------------------------------- names

def compact(text: str) -> tuple[str, frozenset[int]]:
    """Lower-case letters and digits only, plus the positions where a word may start or end:
    separators, letter/digit changes and case changes ("SkinCancerHAM10000", "ISICData").
    Matching in this form makes "isic2018", "ISIC_2018" and "ISIC 2018" the same, while
    "googledrive" still does not contain the word "drive"."""
    out: list[str] = []
    bounds = {0}
    previous = ""
    for i, ch in enumerate(text):
        if ch.isalnum():
            following = text[i + 1: i + 2]
            if previous and (ch.isdigit() != previous.isdigit()
                             or (previous.islower() and ch.isupper())
                             # "ISICData": the last capital before a lower-case letter starts a word
                             or (previous.isupper() and ch.isupper() and following.islower())):
                bounds.add(len(out))
            out.append(ch.lower())
            previous = ch
        else:
            bounds.add(len(out))
            previous = ""
    bounds.add(len(out))
    return "".join(out), frozenset(bounds)


def find_words(needle: str, haystack: tuple[str, frozenset[int]]) -> list[int]:
    """Where the compacted `needle` occurs in `haystack` on word boundaries (end offsets)."""
    text, bounds = haystack
    found, start = [], text.find(needle)
    while needle and start >= 0:
        end = start + len(needle)
        if start in bounds and end in bounds:
            found.append(end)
        start = text.find(needle, start + 1)
    return found


def _is_acronym(name: str) -> bool:
    # Short all-capital words ("DRIVE", "STARE") are ordinary words in lower case; Copycats
    # searched Kaggle for DRIVE case-sensitively for the same reason.
    return name.isalpha() and name.isupper() and len(name) <= 5


def mentions(name: str, text: str, packed: tuple[str, frozenset[int]]) -> bool:
    if _is_acronym(name):
        return re.search(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", text) is not None
    return bool(find_words(compact(name)[0], packed))


# ---------------------------------------------------------------------------- references

@dataclass(frozen=True)
class Reference:
    """What a reference datasheet offers for recognising copies of its dataset."""

    id: str
    file: str
    title: str
    names: tuple[str, ...]
    family: str | None  # the name without its year ("isic"), when the names carry a year
    year: str | None
    keywords: frozenset[str]
    patterns: tuple[str, ...]
    num_images: int | None
    split_counts: dict[str, int]
    size_bytes: int | None
    license: dict
    links: frozenset[str]
    pids: frozenset[str]


def _link(url: str) -> str:
    """A URL as compared: no scheme, no www., no query or fragment, no trailing slash."""
    url = url.strip().lower()
    url = re.sub(r"^[a-z]+://", "", url)
    url = re.sub(r"^www\.", "", url)
    return re.split(r"[?#]", url)[0].rstrip("/")


def _split_counts(entries: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("images"), int):
            name = canonical_split(str(entry.get("name", "")))
            counts[name] = counts.get(name, 0) + entry["images"]
    return counts


def _pid(text: str) -> str:
    """A persistent identifier as compared: the shared parser's bare value (no label or
    resolver; a DOI in lower case), else the text as written, in lower case."""
    found = identifiers.parse(text)
    return (found.value if found is not None and found.scheme != "url" else text.strip()).lower()


def _own_links(sheet: Sheet) -> tuple[set[str], set[str]]:
    """Landing page and URL identifiers (compared as links), and persistent identifiers."""
    links, pids = set(), set()
    if isinstance(sheet.get("dataset.landing_page"), str):
        links.add(_link(sheet.get("dataset.landing_page")))
    for ident in sheet.get("dataset.identifiers") or []:
        if isinstance(ident, dict) and isinstance(ident.get("value"), str):
            if ident.get("scheme") in ("url", "other"):
                links.add(_link(ident["value"]))
            else:
                pids.add(_pid(ident["value"]))
    return links, pids


def reference_from_sheet(sheet: Sheet) -> Reference:
    data_id = Path(sheet.file).stem
    title = str(sheet.get("dataset.title") or data_id)
    aliases = [a for a in sheet.get("dataset.aliases") or [] if isinstance(a, str)]
    names = [title, *aliases]
    # The file name ("isic-2019") is a name too, unless it only repeats one in lower case:
    # "drive" must not turn the case-sensitive acronym DRIVE into the everyday word.
    if compact(data_id)[0] not in {compact(n)[0] for n in names}:
        names.append(data_id)
    names = tuple(dict.fromkeys(names))
    family, year = None, None
    for name in names:
        years = _YEAR_WORD.findall(name)
        rest = compact(_YEAR_WORD.sub(" ", name))[0]
        if len(years) == 1 and rest and (family is None or len(rest) < len(family)):
            family, year = rest, years[0]
    keywords = frozenset(compact(k)[0] for k in sheet.get("dataset.keywords") or []
                         if isinstance(k, str))
    links, pids = _own_links(sheet)
    patterns = tuple(p for p in sheet.get("dataset.file_patterns") or [] if isinstance(p, str))
    return Reference(
        id=data_id, file=sheet.file, title=title, names=names, family=family, year=year,
        keywords=keywords, patterns=patterns,
        num_images=count_of(sheet.get("medical_imaging.num_images")),
        split_counts=_split_counts(sheet.get("medical_imaging.split_counts")),
        size_bytes=count_of(sheet.get("dataset.size_bytes")),
        license=license_answer(sheet.get("distribution.license")),
        links=frozenset(links), pids=frozenset(pids))


def default_references() -> Path | None:
    """The reference datasheets: $DATASHEET_REFERENCES, else the copy bundled in the wheel, else
    the project's datasheets/ folder (an editable install from the source tree)."""
    here = Path(__file__).resolve().parent
    for candidate in (os.environ.get("DATASHEET_REFERENCES"), here / "datasheets",
                      here.parent.parent / "datasheets"):
        if candidate and any(Path(candidate).glob("*.yaml")):
            return Path(candidate)
    return None


def load_references(folder: str | Path) -> tuple[list[Reference], list[Finding]]:
    """Every readable datasheet in `folder`; the load problems of the others as findings."""
    references, problems = [], []
    for path in sorted(Path(folder).glob("*.y*ml")):
        sheet = load(path)
        if sheet.fatal:
            problems.extend(sheet.findings)
        else:
            references.append(reference_from_sheet(sheet))
    return references, problems


# -------------------------------------------------------------------------------- targets

@dataclass
class Target:
    """The evidence a copy carries, whatever it was read from."""

    file: str
    kind: str  # datasheet | hf | kaggle | croissant | folder | listing
    title: str = ""
    texts: dict[str, str] = field(default_factory=dict)  # field -> text (subtitle, summary...)
    keywords: list[str] = field(default_factory=list)
    declared: list[dict] = field(default_factory=list)  # provenance.derived_from entries
    license: dict = field(default_factory=dict)
    num_images: int | None = None
    split_counts: dict[str, int] = field(default_factory=dict)
    size_bytes: int | None = None
    file_names: list[str] = field(default_factory=list)  # relative paths of the images
    patterns: list[str] = field(default_factory=list)
    links: set[str] = field(default_factory=set)  # its own landing page and identifiers
    cited: str = ""  # every text of the target, searched for the original's DOI or page
    same_file: str | None = None  # the target's own path, to skip it among the references
    sheet: Sheet | None = None  # where the answers came from, for the line of a finding

    def at(self, *paths: str) -> dict:
        """File, line and column of the first of `paths` the target's sheet has."""
        if self.sheet is None:
            return {"file": self.file}
        for path in paths:
            if self.sheet.get(path) is not None:
                origin = self.sheet.origin(path)
                return {"file": self.file, "line": origin.line, "column": origin.column}
        return {"file": self.file}


def target_from_sheet(sheet: Sheet) -> Target:
    """Any input that `inputs.load_document` turns into a Sheet: datasheets now, cards later."""
    texts = {}
    for path in ("dataset.summary", "motivation.purpose", "composition.instance_count",
                 "collection.direct_or_third_party", "dataset.citation"):
        text = text_of(sheet.get(path))
        if text:
            texts[path] = text
    aliases = [a for a in sheet.get("dataset.aliases") or [] if isinstance(a, str)]
    if aliases:
        texts["dataset.aliases"] = "; ".join(aliases)
    keywords = [k for k in sheet.get("dataset.keywords") or [] if isinstance(k, str)]
    declared = [d for d in sheet.get("provenance.derived_from") or [] if isinstance(d, dict)]
    return Target(
        file=sheet.file, kind=sheet.kind, title=str(sheet.get("dataset.title") or ""),
        texts=texts, keywords=keywords, declared=declared,
        license=license_answer(sheet.get("distribution.license")),
        # A card reader may only have a total count (HF dataset_info) for composition.
        num_images=count_of(sheet.get("medical_imaging.num_images"))
        or count_of(sheet.get("composition.instance_count")),
        split_counts=_split_counts(sheet.get("medical_imaging.split_counts")),
        size_bytes=count_of(sheet.get("dataset.size_bytes")),
        patterns=[p for p in sheet.get("dataset.file_patterns") or [] if isinstance(p, str)],
        links=set().union(*_own_links(sheet)), same_file=str(Path(sheet.file).resolve()),
        # A reader may put the original's DOI in any answer, so every text is searched.
        sheet=sheet, cited=" ".join(text for _, text in strings(sheet.data)))


def target_from_folder(scan: Any, sheet: Sheet | None = None) -> Target:
    """A local copy: its folder name, file names, image counts per split folder and total size,
    plus what its own datasheet declares when it ships one."""
    target = target_from_sheet(sheet) if sheet is not None else Target(scan.root, "folder")
    target.file, target.kind, target.sheet = scan.root, "folder", None
    target.texts["folder name"] = Path(scan.root).name
    images = scan.images
    target.file_names = [e.path for e in images]
    target.num_images = len(images)
    target.split_counts = scan.split_counts()
    target.size_bytes = scan.total_bytes
    return target


# Kaggle licence display names that say nothing about the terms.
NO_LICENSE = frozenset({"unknown", "other (specified in description)", ""})


def target_from_listing(row: dict, file: str = "") -> Target:
    """One row of a platform listing table in the flattened Croissant-like form of the
    duplicate-datasets project (name, alternateName, keywords, license.name, contentSize in MB)."""
    license_name = (row.get("license.name") or "").strip()
    keywords = [k.strip() for k in (row.get("keywords") or "").split(";") if k.strip()]
    texts = {"subtitle": row["alternateName"]} if (row.get("alternateName") or "").strip() else {}
    if (row.get("description") or "").strip():
        texts["description"] = row["description"]
    return Target(
        file=file or row.get("url", ""), kind="listing", title=(row.get("name") or "").strip(),
        texts=texts, keywords=keywords,
        license={} if license_name.lower() in NO_LICENSE else {"name": license_name},
        size_bytes=parse_size(row.get("contentSize") or "", "mb"))


def parse_size(text: str, default_unit: str = "b") -> int | None:
    """'75776.0' (in `default_unit`), '1.2 GB', '595 MB' -> bytes (decimal units)."""
    match = re.fullmatch(r"\s*([\d.]+)\s*([kmgt]?b)?\s*", str(text).lower())
    if not match:
        return None
    try:
        return int(float(match.group(1)) * _BYTES_UNITS[match.group(2) or default_unit])
    except ValueError:
        return None


# ------------------------------------------------------------------------------- matching

@dataclass(frozen=True)
class Evidence:
    kind: str  # name | family | family, other year | declared | link | pattern | ...
    text: str
    weight: float

    @property
    def makes_candidate(self) -> bool:
        return self.kind in ("name", "family", "family, other year", "declared", "link",
                             "pattern")


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
        for pattern, regex in zip(ref.patterns, compiled):
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
                              f"{', '.join(shared[:5])}", round(W_KEYWORD * min(3, len(shared)), 2)))
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


# ------------------------------------------------------------------------------- findings

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
                        severity=Severity.WARNING, message=f"{n:,} images against {ref.num_images:,} in {ref.id}: {what}; declare "
                        "the relationship is_part_of (or the change 'filtered')",
                        path="provenance.derived_from.relationship")]
    if n > 1.02 * ref.num_images and not (
            {"augmented_from", "aggregates", "is_supplemented_by"} & relationships
            or {"augmented", "merged"} & changes):
        return [finding(**target.at("medical_imaging.num_images"), code="DS905",
                        severity=Severity.WARNING, message=f"{n:,} images against {ref.num_images:,} in {ref.id}: the copy adds "
                        f"{n - ref.num_images:,} images (augmented or merged?); declare the "
                        "relationship augmented_from or aggregates",
                        path="provenance.derived_from.relationship")]
    return []


# ------------------------------------------------------------------------------- one target

DATASHEET_NAMES = ("datasheet.yaml", "datasheet.yml")


@dataclass
class Examination:
    target: Target | None
    candidates: list[Candidate]
    findings: list[Finding]
    scan: Any = None  # the FolderScan of a folder target


def examine(path: str | Path, references: list[Reference], hash_list: Any = None,
            perceptual: bool = False, workers: int | None = None, progress: Any = None
            ) -> Examination:
    """Everything `datasheet provenance` says about one file or folder."""
    from .inputs import load_document

    path = Path(path)
    if not path.is_dir():
        sheet = load_document(path)
        if sheet.fatal:
            return Examination(None, [], list(sheet.findings))
        target = target_from_sheet(sheet)
        found = candidates(target, references)
        return Examination(target, found,
                           findings(target, found, is_reference(target, references)))

    from . import folders

    scan = folders.scan(path, algorithm=hash_list.algorithm if hash_list else "sha256",
                        perceptual=perceptual, workers=workers, progress=progress)
    own = next((path / n for n in DATASHEET_NAMES if (path / n).is_file()), None)
    sheet = load_document(own) if own else None
    out: list[Finding] = list(sheet.findings) if sheet is not None and sheet.fatal else []
    target = target_from_folder(scan, sheet if sheet is not None and not sheet.fatal else None)
    found = candidates(target, references)
    out += findings(target, found) + folders.duplicate_findings(scan)
    if hash_list is not None:
        out += folders.comparison_findings(scan, hash_list, folders.compare(scan, hash_list))
    return Examination(target, found, out, scan)
