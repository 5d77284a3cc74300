"""The passage reader: cut prose into passages and decide which questions each one answers.

A card's prose is rarely where the template says it should be, and one heading's text rarely
answers every question the heading could hold. So prose is read passage by passage (a paragraph,
a list item, a table, a code block) and a small linear model says, for each passage, how likely
it answers each question it has been trained on. Readers combine that with what the crosswalk
says about the place the passage stands in (see `readers.crosswalk`).

The model is logistic regression, one binary classifier per question, over word unigrams and
bigrams and the first and last letters of longer words (a cheap stand-in for character n-grams
that catches "collect/collected/collection"). Its weights are package data
(`data/passages.json`), written by `tools/train_passages.py` from text whose question is known
for free, and read here in plain Python: no numpy or scikit-learn at run time. `MODEL.md`
beside the training script is its model card.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..answers import is_placeholder

MODEL_FILE = Path(__file__).resolve().parent.parent / "data" / "passages.json"


@dataclass(frozen=True)
class Passage:
    """One passage of prose: its text, the line it starts on, and what it is."""

    text: str
    line: int
    kind: str = "prose"  # prose | item | table | code


# ------------------------------------------------------------------------------- splitting

_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+\S")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_TABLE = re.compile(r"^\s*\|")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def split(lines: list[tuple[int, str]]) -> list[Passage]:
    """Passages of numbered Markdown lines: paragraphs end at a blank line; every list item,
    table and fenced code block is a passage of its own. Placeholders and HTML comments are
    dropped, so an empty result means the text says nothing."""
    out: list[Passage] = []
    current: list[str] = []
    start = 0
    kind = "prose"
    fence = ""

    def close() -> None:
        nonlocal current
        if current:
            text = "\n".join(current).strip()
            if "<!--" in text:
                text = _COMMENT.sub(" ", text).strip()
            if text and (kind == "code" or not is_placeholder(text)):
                out.append(Passage(text, start, kind))
        current = []

    for number, line in lines:
        if fence:
            current.append(line)
            if line.strip().startswith(fence):
                close()
                fence = ""
            continue
        opening = _FENCE.match(line)
        if opening:
            close()
            fence, start, kind = opening.group(1)[:3], number, "code"
            current = [line]
            continue
        if not line.strip():
            close()
            continue
        row = bool(_TABLE.match(line))
        if _ITEM.match(line) or (row and kind != "table") or (not row and kind == "table"):
            close()
        if not current:
            start = number
            kind = "table" if row else "item" if _ITEM.match(line) else "prose"
        current.append(line)
    close()
    return out


_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]][.!?])\s+(?=[A-Z(\"'])")


def sentences(passage: Passage) -> tuple[Passage, ...]:
    """The sentences of a prose passage that holds more than one; () otherwise. A paragraph
    that mixes topics (what the data is, then how it was gathered) is read sentence by
    sentence as well, so that one topic does not drown the other."""
    if passage.kind != "prose":
        return ()
    parts = [p for p in _SENTENCE_END.split(passage.text) if p.strip()]
    if len(parts) < 2:
        return ()
    out = []
    line = passage.line
    for part in parts:
        out.append(Passage(part.strip(), line, "sentence"))
        line += part.count("\n")
    return tuple(out)


def split_text(text: str, line: int = 1, same_line: bool = False) -> list[Passage]:
    """Passages of a text whose first line is `line`. A JSON string holds its line breaks as
    escapes, so all of its passages stand on its key's line (`same_line`)."""
    rows = text.splitlines()
    return split([(line if same_line else line + i, row) for i, row in enumerate(rows)])


# -------------------------------------------------------------------------------- features

_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W\d_]+|_[a-z]+_")


def tokens(text: str) -> list[str]:
    """Lower-case words, with links, addresses, e-mails, years and numbers as their kind."""
    text = _LINK.sub(r"\1 _link_", text)
    text = _URL.sub(" _url_ ", text)
    text = _EMAIL.sub(" _email_ ", text)
    text = _YEAR.sub(" _year_ ", text)
    text = _NUMBER.sub(" _num_ ", text)
    return _WORD.findall(text.lower())


def features(text: str) -> set[str]:
    """The passage's features: words, word pairs, and the stem and ending of longer words."""
    words = tokens(text)
    found = {"w " + w for w in words}
    found.update("b " + a + " " + b for a, b in zip(words, words[1:], strict=False))
    for w in words:
        if len(w) > 5 and w[0] != "_":
            found.add("p " + w[:5])
            found.add("s " + w[-3:])
    return found


# ----------------------------------------------------------------------------------- model

@dataclass(frozen=True)
class Model:
    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[tuple[int, float], ...]]
    home: tuple[float, ...]  # per class: the probability that answers a question at home
    away: tuple[float, ...]  # ... and the one that answers it anywhere else
    index: dict[str, int] = field(default_factory=dict)  # question -> its position in classes

    def scores(self, text: str) -> dict[str, float]:
        """Probability per question that the passage answers it."""
        found = features(text)
        if not found:
            return {}
        totals = [0.0] * len(self.classes)
        weights = self.weights
        for feature in found:
            hit = weights.get(feature)
            if hit:
                for index, weight in hit:
                    totals[index] += weight
        scale = 1.0 / math.sqrt(len(found))
        return {qid: _sigmoid(b + t * scale)
                for qid, b, t in zip(self.classes, self.bias, totals, strict=True)}


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x > -30 else 0.0


@lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model, read once per process."""
    return from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))


def from_json(data: dict) -> Model:
    classes = tuple(data["classes"])
    index = {qid: i for i, qid in enumerate(classes)}
    weights: dict[str, list[tuple[int, float]]] = {}
    for qid, table in data["weights"].items():
        for feature, weight in table.items():
            weights.setdefault(feature, []).append((index[qid], weight))
    return Model(classes, tuple(data["bias"][q] for q in classes),
                 {f: tuple(w) for f, w in weights.items()},
                 tuple(data["thresholds"]["home"][q] for q in classes),
                 tuple(data["thresholds"]["away"][q] for q in classes), index)


@lru_cache(maxsize=65536)  # template sentences repeat across cards
def scores(text: str) -> dict[str, float]:
    return model().scores(text)
