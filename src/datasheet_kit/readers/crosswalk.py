"""The crosswalk walk: from the places a reader found in a card to the questions they answer.

Every reader finds the platform's places (a heading, a bullet, a YAML key, a JSON property), and
`fill` decides, question by question, what each place says. The schema's crosswalk gives every
place one of three roles for a question (`Layout`):

- it **asks** the question: a metadata field (`license`, `task_categories`, Kaggle `licenses`,
  Croissant `temporalCoverage`), or a heading named in the question's `asked_by` annotation
  ("Curation Rationale" asks why the dataset was made). Whatever it holds that is not template
  text answers the question.
- it **holds** the question: the question may be answered there, but the place asks something
  else too ("Initial Data Collection and Normalization" holds the collection timeframe). The
  passage reader decides, passage by passage, whether the text answers it.
- it only **hints** at it: closed-list values such as `annotations_creators: crowdsourced` or
  Kaggle's owner. They are kept on the sheet (`Sheet.hints`) and never counted as an answer.

A question no place answers is then looked for in every other passage of the card (a summary that
says how the data was gathered, a free card's own headings, a Kaggle description), at the passage
reader's stricter threshold; such an answer is marked as found elsewhere, and lint says where it
stands and where it belongs.

Labels are the most specific thing a card can say: a paragraph that opens with our label for a
question ("**Consent.** ...") answers that question alone, and nothing else reads it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..answers import Status, question_status
from ..catalogue import Question, crosswalk, questions
from ..sheet import Origin, Sheet
from . import passages as reader
from .passages import Passage
from .records import RECORDS
from .values import Place, flat, is_filled, norm, render, text_of_place

# A convert hook lets a reader read typed values its own way (HF: our labelled counts and flags);
# it returns None to leave the question to `combine`.
Convert = Callable[[Question, list[Place]], "tuple[Any, list[Place]] | None"]

# What `Sheet.found` records for each answer.
FIELD, LABEL_HOW, ASKED, HOME, ELSEWHERE = "field", "label", "asked", "home", "elsewhere"


@dataclass(frozen=True)
class Layout:
    """One platform layout's crosswalk, normalised: where each question lives (in the order the
    reader tries them), which places ask which questions, and which only hint at them."""

    homes: tuple[dict[str, tuple[str, ...]], ...]
    asks: dict[str, frozenset[str]] = field(default_factory=dict)
    hints: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def names(self) -> list[str]:
        """Every place name (normalised) the layout reads, homes first, without repeats."""
        seen: dict[str, None] = {}
        for mapping in (*self.homes, self.hints):
            for names in mapping.values():
                for name in names:
                    seen.setdefault(name, None)
        return list(seen)


@lru_cache(maxsize=None)
def platform_crosswalk(platform: str) -> dict[str, tuple[str, ...]]:
    """catalogue.crosswalk(platform), built once per process (readers must not change it)."""
    return crosswalk(platform)


def normalised(mapping: dict[str, tuple[str, ...]], prefix: str = "") -> dict[str, tuple[str, ...]]:
    return {qid: tuple(prefix + norm(n) for n in names) for qid, names in mapping.items()}


@lru_cache(maxsize=None)
def asked_places(platform: str, prefix: str = "") -> dict[str, frozenset[str]]:
    """Place (normalised, with `prefix`) -> the questions it asks on `platform` (hf, hf_yaml,
    kaggle, croissant), from the schema's `asked_by` annotations."""
    out: dict[str, set[str]] = {}
    for qid, places in platform_crosswalk("asked_by").items():
        for place in places:
            owner, _, name = place.partition(":")
            if owner == platform:
                out.setdefault(prefix + norm(name), set()).add(qid)
    return {name: frozenset(qids) for name, qids in out.items()}


def hint_places(platform: str, prefix: str = "") -> dict[str, tuple[str, ...]]:
    return normalised(platform_crosswalk(f"{platform}_hint"), prefix)


# ------------------------------------------------------------------------------------ labels

# A paragraph, list item or bullet part that opens with a bold label ("**Consent.** ..."), the
# way our writers tell apart several answers that share one place.
LABEL = re.compile(r"^\*\*(?P<label>[^*\n]+?)\.\*\*[ \t]*")


def question_labels(*crosswalks: dict[str, tuple[str, ...]]) -> dict[str, dict[str, str]]:
    """Place (normalised) -> {label (normalised) -> question} for the questions each place
    holds. Only the crosswalks given count: a label of a question the place does not hold is
    not claimed here (the HF reader finds those our writer puts through `hf_card_section` by
    their qualified label, wherever they stand)."""
    catalogue = questions()
    out: dict[str, dict[str, str]] = {}
    for mapping in crosswalks:
        for qid, names in mapping.items():
            for name in names:
                for label in (catalogue[qid].label(), catalogue[qid].label(qualified=True)):
                    out.setdefault(norm(name), {})[norm(label)] = qid
    return out


def split_labelled(parts: list[str], labels: dict[str, str]) -> tuple[list[str], list[tuple[str, str]]]:
    """(the parts with no known label, [(question, text)] for the parts that open with one)."""
    rest: list[str] = []
    claimed: list[tuple[str, str]] = []
    for part in parts:
        match = LABEL.match(part)
        qid = labels.get(norm(match.group("label"))) if match else None
        if qid and match:
            claimed.append((qid, part[match.end():]))
        else:
            rest.append(part)
    return rest, claimed


# ---------------------------------------------------------------------------------- the walk

@dataclass
class _Reading:
    """What one `fill` call has found so far: the passages of the card's prose, each classified
    once, and the answers given."""

    sheet: Sheet
    scored: dict[int, dict[str, float]] = field(default_factory=dict)
    split: dict[int, tuple[Passage, ...]] = field(default_factory=dict)

    def sentences(self, passage: Passage) -> tuple[Passage, ...]:
        key = id(passage)
        if key not in self.split:
            self.split[key] = reader.sentences(passage)
        return self.split[key]

    def scores(self, passage: Passage) -> dict[str, float]:
        key = id(passage)
        if key not in self.scored:
            self.scored[key] = reader.scores(passage.text) if passage.kind != "code" else {}
        return self.scored[key]


def passages_of(place: Place) -> tuple[Passage, ...]:
    if place.passages is not None:
        return place.passages
    if not isinstance(place.value, str):
        return ()
    return tuple(reader.split_text(place.value, place.origin.line))


def fill(sheet: Sheet, layout: Layout, places: dict[str, list[Place]],
         convert: Convert | None = None, loose: Iterable[Place] = ()) -> None:
    """Answer every question from the card's places, as the layout's roles say (module doc).

    `places` maps a normalised place name to what the card holds there; `loose` are prose
    places the crosswalk does not name (a free card's own headings), read only by the passage
    reader. Places named by several crosswalks count once; earlier ones come first, so their
    place gives the origin and, for one-value questions such as the title, the value.
    """
    catalogue = questions()
    reading = _Reading(sheet)
    tried: dict[str, list[Place]] = {}
    for qid, question in catalogue.items():
        found = _found(qid, question, layout, places)
        tried[qid] = found
        if not found:
            continue
        decided = (convert and convert(question, found)) or _decide(question, found, layout,
                                                                    reading)
        value, parts, how, confidence = _unpack(decided, found)
        if value in ("", [], None):
            continue
        _put(sheet, qid, value, parts, how, confidence)
    _record_hints(sheet, layout, places)
    _look_elsewhere(sheet, reading, places, loose, tried)


def _found(qid: str, question: Question, layout: Layout,
           places: dict[str, list[Place]]) -> list[Place]:
    """The places the layout names for a question, labelled ones first (a place labelled with
    a question answers only that question, and a question with a labelled place of its own
    takes only those)."""
    found: list[Place] = []
    for mapping in layout.homes:
        for name in mapping.get(qid, ()):
            for place in places.get(name, ()):
                if place.question in (None, qid) and all(place is not o for o in found):
                    found.append(place)
    own = [p for p in found if p.question == qid]
    if own:
        # A licence keeps its value (the licence itself) beside its labelled terms.
        found = own + [p for p in found if question.shape == "license"
                       and p.question is None and isinstance(p.value, dict)]
    return found


def _unpack(decided: Any, found: list[Place]) -> tuple[Any, list[Place], str, float]:
    if len(decided) == 4:
        return decided
    value, parts = decided
    labelled = any(p.question for p in parts)
    return value, parts, LABEL_HOW if labelled else FIELD, 1.0


def _decide(question: Question, found: list[Place], layout: Layout,
            reading: _Reading) -> tuple[Any, list[Place], str, float]:
    """The answer a question gets from its own places: see the module doc for the roles."""
    labelled = [p for p in found if p.question == question.id]
    if question.shape != "answer" or labelled:
        value, parts = combine(question, found)
        return value, parts, LABEL_HOW if labelled else FIELD, 1.0
    direct = [p for p in found
              if not p.prose or question.id in layout.asks.get(norm(p.name), ())]
    said = [p for p in direct if is_filled(p)]
    if said:
        value, parts = combine(question, said)
        return value, parts, ASKED if any(p.prose for p in said) else FIELD, 1.0
    held = [p for p in found if p not in direct]
    picked = _passages_answering(question.id, held, reading, home=True)
    if picked:
        return _from_passages(picked, HOME)
    quiet = [p for p in found if not is_filled(p)]
    if quiet:  # the template's place is there and empty: a placeholder, not a missing answer
        return render(quiet[0].value).strip() or "", [quiet[0]], FIELD, 1.0
    return "", [], FIELD, 0.0


def _passages_answering(qid: str, candidates: Iterable[Place], reading: _Reading,
                        home: bool) -> list[tuple[Place, Passage, float]]:
    """(place, passage, confidence) of each passage the reader says answers `qid`."""
    model = reader.model()
    if qid not in model.index:
        return []
    at = model.index[qid]
    threshold = (model.home if home else model.away)[at]
    picked = []
    for place in candidates:
        if place.question:
            continue  # a labelled paragraph answers its own question only
        for passage in passages_of(place):
            best = max(((reading.scores(p).get(qid, 0.0), p)
                        for p in (passage, *reading.sentences(passage))),
                       key=lambda item: item[0])
            if best[0] >= threshold:
                picked.append((place, best[1], best[0]))
    return picked


def _from_passages(picked: list[tuple[Place, Passage, float]],
                   how: str) -> tuple[Any, list[Place], str, float]:
    texts: list[str] = []
    parts: list[Place] = []
    for place, passage, _ in picked:
        if passage.text not in texts:
            texts.append(passage.text)
            origin = Origin(place.origin.file, passage.line, 1, place.origin.key)
            parts.append(Place(place.name, passage.text, origin))
    return "\n\n".join(texts), parts, how, round(max(s for _, _, s in picked), 3)


def _put(sheet: Sheet, qid: str, value: Any, parts: list[Place], how: str,
         confidence: float) -> None:
    section, _, slot = qid.partition(".")
    sheet.data.setdefault(section, {})[slot] = value
    sheet.origins[qid] = parts[0].origin
    if len(parts) > 1:
        sheet.sources[qid] = [p.origin for p in parts]
    else:
        sheet.sources.pop(qid, None)
    sheet.found[qid] = {"how": how, "place": parts[0].origin.key or parts[0].name,
                        "confidence": confidence}


def _look_elsewhere(sheet: Sheet, reading: _Reading, places: dict[str, list[Place]],
                    loose: Iterable[Place], tried: dict[str, list[Place]]) -> None:
    """Questions still unanswered, looked for in every other prose passage of the card."""
    model = reader.model()
    prose = [p for group in places.values() for p in group if p.prose and not p.question]
    prose += [p for p in loose if not p.question]
    if not prose:
        return
    catalogue = questions()
    for qid in model.classes:
        question = catalogue[qid]
        if question_status(question.shape, sheet.get(qid)) in (Status.ANSWERED,
                                                                Status.NOT_APPLICABLE,
                                                                Status.UNKNOWN):
            continue
        own = tried.get(qid, [])
        others = [p for p in prose if all(p is not o for o in own)]
        picked = _passages_answering(qid, others, reading, home=False)
        if picked:
            picked.sort(key=lambda item: -item[2])
            _put(sheet, qid, *_from_passages(picked[:3], ELSEWHERE))


def _record_hints(sheet: Sheet, layout: Layout, places: dict[str, list[Place]]) -> None:
    for qid, names in layout.hints.items():
        for name in names:
            for place in places.get(name, ()):
                if is_filled(place):
                    sheet.hints.setdefault(qid, []).append(
                        {"field": place.name, "value": render(place.value),
                         "line": place.origin.line})


_URL = re.compile(r"https?://[^\s<>()\[\]\"']+")


def combine(question: Question, found: list[Place]) -> tuple[Any, list[Place]]:
    """The answer a question gets from the places given, and the places used.

    Prose answers join every place that says something; when none does, the first place's
    template text is kept, so that a placeholder stays a placeholder rather than disappearing.
    """
    said = [p for p in found if is_filled(p)]
    first = (said or found)[0]
    shape = question.shape
    if question.id in RECORDS and said:
        used = [p for p in said if RECORDS[question.id]([p.value])]
        return RECORDS[question.id](p.value for p in used), used or [first]
    if shape in ("text_list", "list"):
        return flat(p.value for p in (said or found)), said or [first]
    if shape == "license":
        return _license(said, first)
    if shape in ("count", "fact", "boolean"):
        for place in said:
            flag = isinstance(place.value, bool)
            if flag if shape != "count" else isinstance(place.value, int) and not flag:
                return place.value, [place]
        # Prose does not say yes, no or how many by itself; only a template left empty is
        # kept, as the placeholder it is.
        return ("", [first]) if said else (text_of_place(first), [first])
    if shape == "uri":
        for place in said:
            match = _URL.search(render(place.value))
            if match:
                return match.group().rstrip(".,;"), [place]
        return ("", [first]) if said else (render(first.value).strip(), [first])
    if shape in ("text", "date", "enum"):
        return render(first.value).strip(), [first]
    texts: list[str] = []
    parts: list[Place] = []
    for place in said or [first]:
        text = text_of_place(place).strip()
        if text and text not in texts:
            texts.append(text)
            parts.append(place)
    return "\n\n".join(texts), parts or [first]


def _license(said: list[Place], first: Place) -> tuple[Any, list[Place]]:
    """The licence: the metadata's licence record, with the body's text as its terms. A body
    that states a licence where the metadata says unknown or a bare `other` is the answer (the
    body's explicit statement wins)."""
    records = [p for p in said if isinstance(p.value, dict)]
    prose = [p for p in said if not isinstance(p.value, dict)]
    if records:
        place = records[0]
        value = dict(place.value)
        others = [p for p in prose
                  if text_of_place(p).strip().lower() != str(value.get("name", "")).lower()]
        if others:
            terms = "\n\n".join(text_of_place(p) for p in others)
            if "status" in value:  # unknown or a bare `other`, explained by the body
                return {"name": terms}, others
            value["terms"] = terms
        return value, [place, *others]
    if prose:
        return {"name": text_of_place(prose[0])}, [prose[0]]
    if isinstance(first.value, dict):
        return dict(first.value), [first]
    return {"name": text_of_place(first)}, [first]

