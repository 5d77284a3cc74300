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
from functools import cache, cached_property
from typing import Any

from ..answers import Status, question_status
from ..catalogue import Question, asks, crosswalk, questions, sections
from ..sheet import Origin, Sheet
from . import passages as reader
from .passages import Passage
from .records import RECORDS
from .values import Place, flat, is_filled, norm, render, text_of_place

# A convert hook lets a reader read values its own way (HF: our labelled counts and flags): it
# returns the answer and the places used, a narrower list of places to decide from, or None to
# leave the question to the walk.
Convert = Callable[[Question, list[Place]], "tuple[Any, list[Place]] | list[Place] | None"]

# What `Sheet.found` records for each answer: how it was found, and by what.
FIELD, LABEL_HOW, ASKED, HOME, ELSEWHERE = "field", "label", "asked", "home", "elsewhere"
PHRASE, MODEL = "phrase", "model"


@dataclass(frozen=True, eq=False)
class Layout:
    """One platform layout's crosswalk, normalised: where each question lives (in the order the
    reader tries them), which places ask which questions, and which only hint at them."""

    homes: tuple[dict[str, tuple[str, ...]], ...]
    asks: dict[str, frozenset[str]] = field(default_factory=dict)
    hints: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @cached_property
    def names_of(self) -> dict[str, tuple[str, ...]]:
        """Question -> the places (normalised) that hold it, in the order they are tried."""
        out: dict[str, tuple[str, ...]] = {}
        for mapping in self.homes:
            for qid, names in mapping.items():
                out[qid] = tuple(dict.fromkeys((*out.get(qid, ()), *names)))
        return out

    @cached_property
    def questions_at(self) -> dict[str, frozenset[str]]:
        """Place (normalised) -> the questions it may hold: a card's places name the few
        questions worth looking for (`fill`)."""
        out: dict[str, set[str]] = {}
        for qid, names in self.names_of.items():
            for name in names:
                out.setdefault(name, set()).add(qid)
        return {name: frozenset(qids) for name, qids in out.items()}

    @cached_property
    def prose_homes(self) -> frozenset[str]:
        """The places that hold at least one question answered in prose: only their text (and
        loose prose) is read for answers that stand elsewhere. A title, an id or a citation
        names things; it says nothing about how the data was made."""
        catalogue = questions()
        return frozenset(name for qid, names in self.names_of.items()
                         if catalogue[qid].shape == "answer" for name in names)

    def names(self) -> list[str]:
        """Every place name (normalised) the layout reads, homes first, without repeats."""
        seen: dict[str, None] = {}
        for mapping in (*self.homes, self.hints):
            for names in mapping.values():
                for name in names:
                    seen.setdefault(name, None)
        return list(seen)


@cache
def platform_crosswalk(platform: str) -> dict[str, tuple[str, ...]]:
    """catalogue.crosswalk(platform), built once per process (readers must not change it)."""
    return crosswalk(platform)


def normalised(mapping: dict[str, tuple[str, ...]], prefix: str = "") -> dict[str, tuple[str, ...]]:
    return {qid: tuple(prefix + norm(n) for n in names) for qid, names in mapping.items()}


@cache
def asked_places(platform: str, prefix: str = "") -> dict[str, frozenset[str]]:
    """catalogue.asks(platform) with the place names normalised (and given `prefix`)."""
    return {prefix + norm(name): qids for name, qids in asks(platform).items()}


def hint_places(platform: str, prefix: str = "") -> dict[str, tuple[str, ...]]:
    return normalised(platform_crosswalk(f"{platform}_hint"), prefix)


@cache
def platform_layout(platform: str) -> Layout:
    """The layout of a platform with one set of places (Kaggle, Croissant): its crosswalk, the
    places that ask, and those that only hint."""
    return Layout((normalised(platform_crosswalk(platform)),), asked_places(platform),
                  hint_places(platform))


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


def split_labelled(parts: list[str],
                   labels: dict[str, str]) -> tuple[list[str], list[tuple[str, str]]]:
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

def passages_of(place: Place) -> tuple[Passage, ...]:
    return place.pieces


def fill(sheet: Sheet, layout: Layout, places: dict[str, list[Place]],
         convert: Convert | None = None, loose: Iterable[Place] = (),
         answers_only: bool = False) -> None:
    """Answer every question from the card's places, as the layout's roles say (module doc).

    `places` maps a normalised place name to what the card holds there; `loose` are prose
    places the crosswalk does not name (a free card's own headings), read only by the passage
    reader. Places named by several crosswalks count once; earlier ones come first, so their
    place gives the origin and, for one-value questions such as the title, the value.
    `answers_only` leaves out the hints and the prose no question takes (Sheet.hints and
    Sheet.unmapped), which change no answer.
    """
    catalogue = questions()
    tried: dict[str, list[Place]] = {}
    held = {qid for name in places for qid in layout.questions_at.get(name, ())}
    for qid, question in catalogue.items():
        found = _found(qid, question, layout, places) if qid in held else []
        tried[qid] = found
        if not found:
            continue
        decided = convert(question, found) if convert else None
        if isinstance(decided, list):  # the reader narrowed the places down
            found, decided = decided, None
        if decided is None:
            decided = _decide(question, found, layout)
        value, parts, how, confidence, by = _unpack(decided, found)
        if value in ("", [], None):
            continue
        _put(sheet, qid, value, parts, how, confidence, by)
    if not answers_only:
        _record_hints(sheet, layout, places)
    _look_elsewhere(sheet, {k: v for k, v in places.items() if k in layout.prose_homes}, loose,
                    tried)
    if not answers_only:
        _keep_unread(sheet, places)
    _drop_empty_optional_sections(sheet)


def _found(qid: str, question: Question, layout: Layout,
           places: dict[str, list[Place]]) -> list[Place]:
    """The places the layout names for a question, labelled ones first (a place labelled with
    a question answers only that question, and a question with a labelled place of its own
    takes only those)."""
    found: list[Place] = []
    seen: set[int] = set()  # by identity: a card may repeat one heading 10,000 times
    for name in layout.names_of.get(qid, ()):
        for place in places.get(name, ()):
            if place.question in (None, qid) and id(place) not in seen:
                seen.add(id(place))
                found.append(place)
    own = [p for p in found if p.question == qid]
    if own:
        # A licence keeps its value (the licence itself) beside its labelled terms.
        found = own + [p for p in found if question.shape == "license"
                       and p.question is None and isinstance(p.value, dict)]
    return found


def _unpack(decided: Any, found: list[Place]) -> tuple[Any, list[Place], str, float, str]:
    if len(decided) == 5:
        return decided
    if len(decided) == 4:
        return (*decided, "")
    value, parts = decided
    labelled = any(p.question for p in parts)
    return value, parts, LABEL_HOW if labelled else FIELD, 1.0, ""


def _decide(question: Question, found: list[Place],
            layout: Layout) -> tuple[Any, ...]:
    """The answer a question gets from its own places: see the module doc for the roles."""
    labelled = [p for p in found if p.question == question.id]
    if not labelled and not sections()[question.section].required and not any(
            question.id in layout.asks.get(norm(p.name), ()) for p in found):
        # An optional section (provenance, medical imaging) opens only where the card says
        # something towards it: our label, or a place that asks it (`prov:wasDerivedFrom`), not
        # a generic field such as a Croissant file's encoding format.
        return "", [], FIELD, 0.0
    if question.shape != "answer" or labelled:
        value, parts = combine(question, found)
        return value, parts, LABEL_HOW if labelled else FIELD, 1.0
    direct = [p for p in found
              if not p.prose or question.id in layout.asks.get(norm(p.name), ())]
    said = [p for p in direct if is_filled(p)]
    if said:
        value, parts = combine(question, said)
        return value, parts, ASKED if any(p.prose for p in said) else FIELD, 1.0
    # by identity: `direct` is a filter of `found`, and comparing places field by field made a
    # card repeating one heading 20,000 times take minutes
    direct_ids = {id(p) for p in direct}
    held = [p for p in found if id(p) not in direct_ids]
    picked = _passages_answering(question.id, held, home=True)
    if picked:
        return _from_passages(picked, HOME)
    quiet = [p for p in found if not is_filled(p)]
    if quiet:  # the template's place is there and empty: a placeholder, not a missing answer
        return render(quiet[0].value).strip() or "", [quiet[0]], FIELD, 1.0
    return "", [], FIELD, 0.0


def _passages_answering(qid: str, candidates: Iterable[Place],
                        home: bool) -> list[tuple[Place, Passage, float, str]]:
    """(place, passage, confidence, by) of each passage that answers `qid`: by its phrasing
    (`by` "phrase": a sentence such as "was collected from ..."), or by the model ("model": at
    home when it is likely enough, elsewhere when it is also the passage's likeliest question)."""
    model = reader.model()
    at = model.index.get(qid)
    if at is None and qid not in reader.CUE_QUESTIONS:
        return []  # nothing in the reader can answer it: no passage need be judged
    threshold = None if at is None else (model.home if home else model.away)[at]
    picked = []
    for place in candidates:
        if place.question:
            continue  # a labelled paragraph answers its own question only
        for passage in passages_of(place):
            judgment = reader.judge(passage)
            if qid in judgment.cued:
                picked.append((place, judgment.cued[qid], 1.0, PHRASE))
            elif threshold is not None and (home or judgment.top == qid):
                score = judgment.scores.get(qid, 0.0)
                if score >= threshold:
                    picked.append((place, passage, score, MODEL))
    return picked


def _from_passages(picked: list[tuple[Place, Passage, float, str]],
                   how: str) -> tuple[Any, list[Place], str, float, str]:
    texts: list[str] = []
    parts: list[Place] = []
    for place, passage, _, _ in picked:
        if passage.text not in texts:
            texts.append(passage.text)
            origin = Origin(place.origin.file, passage.line, 1, place.origin.key)
            parts.append(Place(place.name, passage.text, origin))
    best = max(picked, key=lambda item: item[2])
    return "\n\n".join(texts), parts, how, round(best[2], 3), best[3]


def _put(sheet: Sheet, qid: str, value: Any, parts: list[Place], how: str,
         confidence: float, by: str = "") -> None:
    section, _, slot = qid.partition(".")
    sheet.data.setdefault(section, {})[slot] = value
    sheet.origins[qid] = parts[0].origin
    if len(parts) > 1:
        sheet.sources[qid] = [p.origin for p in parts]
    else:
        sheet.sources.pop(qid, None)
    sheet.found[qid] = {"how": how, "place": parts[0].origin.key or parts[0].name,
                        "confidence": confidence}
    if by:
        sheet.found[qid]["by"] = by


def _look_elsewhere(sheet: Sheet, places: dict[str, list[Place]], loose: Iterable[Place],
                    tried: dict[str, list[Place]]) -> None:
    """Questions still unanswered, looked for in every other prose passage of the card: each
    passage is judged once, and offers itself to the questions its phrasing or the model name."""
    model = reader.model()
    catalogue = questions()
    open_questions = {qid for qid in (*model.classes, *reader.CUE_QUESTIONS)
                      if sections()[catalogue[qid].section].required
                      and question_status(catalogue[qid].shape, sheet.get(qid)) not in _GIVEN}
    if not open_questions:
        return  # every question the reader could find is answered already
    prose = [p for group in places.values() for p in group if p.prose and not p.question]
    prose += [p for p in loose if not p.question]
    offers: dict[str, list[tuple[Place, Passage, float, str]]] = {}
    for place in prose:
        for passage in passages_of(place):
            judgment = reader.judge(passage)
            for qid, sentence in judgment.cued.items():
                offers.setdefault(qid, []).append((place, sentence, 1.0, PHRASE))
            top = judgment.top
            if top is not None and top not in judgment.cued:
                score = judgment.scores[top]
                if score >= model.away[model.index[top]]:
                    offers.setdefault(top, []).append((place, passage, score, MODEL))
    catalogue = questions()
    for qid, picked in offers.items():
        question = catalogue[qid]
        if not sections()[question.section].required:
            continue  # optional sections open only where the card says so (see _decide)
        if question_status(question.shape, sheet.get(qid)) in _GIVEN:
            continue
        own = tried.get(qid, [])
        picked = [item for item in picked if all(item[0] is not o for o in own)]
        if picked:
            picked.sort(key=lambda item: (-item[2], item[1].line))
            _put(sheet, qid, *_from_passages(picked[:3], ELSEWHERE))


_GIVEN = (Status.ANSWERED, Status.NOT_APPLICABLE, Status.UNKNOWN)


def _drop_empty_optional_sections(sheet: Sheet) -> None:
    """An optional section (provenance, medical imaging) applies to a card only where the card
    says something towards it: an empty "Source Data" heading does not make the card a copy."""
    catalogue = questions()
    for section in sections().values():
        data = sheet.data.get(section.id)
        if section.required or not isinstance(data, dict):
            continue
        if not any(question_status(catalogue[f"{section.id}.{slot}"].shape, value)
                   in _GIVEN for slot, value in data.items()):
            del sheet.data[section.id]
            for slot in data:
                sheet.origins.pop(f"{section.id}.{slot}", None)
                sheet.found.pop(f"{section.id}.{slot}", None)


def _keep_unread(sheet: Sheet, places: dict[str, list[Place]]) -> None:
    """Prose of a named place that answers no question (a Kaggle description that says nothing
    the reader recognises) is kept beside the answers, as unmapped headings are, so that what
    reads every word of a card (provenance looking for a DOI) still sees it."""
    used = {o for origins in sheet.sources.values() for o in origins} | set(sheet.origins.values())
    for group in places.values():
        for place in group:
            if not place.prose or place.question or not isinstance(place.value, str):
                continue
            if place.origin in used or not is_filled(place):
                continue
            if any(Origin(place.origin.file, p.line, 1, place.origin.key) in used
                   for p in passages_of(place)):
                continue
            sheet.unmapped.append({"heading": place.name, "level": 0,
                                   "line": place.origin.line, "text": place.value})


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
    if shape in ("count", "fact", "boolean", "uri"):
        return _typed(shape, said, first)
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


def _typed(shape: str, said: list[Place], first: Place) -> tuple[Any, list[Place]]:
    """A count, a yes/no or a web address. Prose does not say yes, no or how many by itself,
    and an address is taken from the first place that holds one; when nothing does, only a
    template left empty is kept, as the placeholder it is."""
    for place in said:
        if shape == "uri":
            match = _URL.search(render(place.value))
            if match:
                return match.group().rstrip(".,;"), [place]
            continue
        flag = isinstance(place.value, bool)
        if flag if shape != "count" else isinstance(place.value, int) and not flag:
            return place.value, [place]
    if said:
        return "", [first]
    return (render(first.value).strip() if shape == "uri" else text_of_place(first)), [first]


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

