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
for free, and read here in plain Python: no numpy or scikit-learn at run time.
`data/passages.md`, beside the weights, is its model card.
"""

from __future__ import annotations

import json
import math
import re
import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

from ..answers import is_placeholder

MODEL_FILE = Path(__file__).resolve().parent.parent / "data" / "passages.json"
MIN_WORDS = 3


class Passage(NamedTuple):
    """One passage of prose: its text, the line it starts on, and what it is. (A named tuple,
    not a frozen dataclass: a card makes some fifty, and each is a key of judge's cache.)"""

    text: str
    line: int
    kind: str = "prose"  # prose | item | table | code
    # The heading the passage stands under when that heading names no question of its own (a
    # free card's "How the photos were taken", a Kaggle description's "## Content"): it is read
    # with the passage, since it says what the passage is about.
    context: str = ""

    @property
    def judged(self) -> str:
        return f"{self.context}: {self.text}" if self.context else self.text


# ------------------------------------------------------------------------------- splitting

_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+\S")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_ITEM_STARTS = frozenset("-*+0123456789")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)[\s#]*$")
# What template text holds: a long passage without any of it says something, even when it would
# be a placeholder by answers.is_placeholder (a long rule of "=").
_TEMPLATE_MARK = re.compile(r"\{\{|INSERT_|information needed|needs more information|TODO|TBD|"
                            r"FIXME|github-username|choosealicense", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def split(lines: list[tuple[int, str]], context: str = "") -> list[Passage]:
    """Passages of numbered Markdown lines: paragraphs end at a blank line; every list item,
    table and fenced code block is a passage of its own. Placeholders and HTML comments are
    dropped, so an empty result means the text says nothing. A Markdown heading inside the
    text (a Kaggle description's "## Content") is no passage: it becomes the `context` of the
    passages under it, in place of the one given."""
    splitter = _Splitter(context)
    for number, line in lines:
        splitter.feed(number, line)
    splitter.close()
    return splitter.out


class _Splitter:
    """The state of `split` as it walks the lines."""

    def __init__(self, context: str) -> None:
        self.out: list[Passage] = []
        self.current: list[str] = []
        self.start = 0
        self.kind = "prose"
        self.fence = ""
        self.context = context

    def close(self) -> None:
        if self.current:
            text = "\n".join(self.current).strip()
            if "<!--" in text:
                text = _COMMENT.sub(" ", text).strip()
            if text and (self.kind == "code"
                         or not (_says_nothing(text) or _navigation(text))):
                self.out.append(Passage(text, self.start, self.kind, self.context))
        self.current = []

    def feed(self, number: int, line: str) -> None:
        stripped = line.strip()
        if self.fence:
            self.current.append(line)
            if stripped.startswith(self.fence):
                self.close()
                self.fence = ""
            return
        first = stripped[:1]
        opening = _FENCE.match(line) if first in ("`", "~") else None
        heading = _HEADING.match(line) if first == "#" else None
        if opening or heading or not stripped:
            self.close()
            if opening:
                self.fence, self.start, self.kind = opening.group(1)[:3], number, "code"
                self.current = [line]
            elif heading:
                self.context = heading.group(1).strip()
            return
        row = first == "|"
        item = first in _ITEM_STARTS and bool(_ITEM.match(line))
        if item or row != (self.kind == "table"):
            self.close()
        if not self.current:
            self.start = number
            self.kind = "table" if row else "item" if item else "prose"
        self.current.append(line)


_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]][.!?])\s+(?=[A-Z(\"'])")
# What a sentence's end needs, searched first: _SENTENCE_END opens with a look-behind, so the
# regex engine tries it at every position of a text that has no end at all.
_END_MARK = re.compile(r"[.!?]\s")


def sentences(passage: Passage) -> tuple[Passage, ...]:
    """The sentences of a prose passage that holds more than one; () otherwise. A paragraph
    that mixes topics (what the data is, then how it was gathered) is read sentence by
    sentence as well, so that one topic does not drown the other."""
    if passage.kind != "prose" or not _END_MARK.search(passage.text):
        return ()
    parts = [p for p in _SENTENCE_END.split(passage.text) if p.strip()]
    if len(parts) < 2:
        return ()
    out = []
    line = passage.line
    for part in parts:
        out.append(Passage(part.strip(), line, "sentence", passage.context))
        line += part.count("\n")
    return tuple(out)


_ANCHOR_LINK = re.compile(r"\[[^\]\n]*\]\(#[^)\s]*\)")
_LINK_STOP = re.compile(r"[)\s]")


def sub_links(text: str, replace: Callable[[str], str], anchors_only: bool = False) -> str:
    """What `_LINK.sub` (or `_ANCHOR_LINK.sub` with `anchors_only`) gives, in linear time.

    The regular expressions try every "[" and scan to the "]" after it, so a line of many "["
    costs the square of its length (fuzzing found a 19 kB card that took a second). Every "["
    before a given "]" meets the same "]" and the same "(...)" after it, so when the first of
    them fails, all of them do, and the scan goes on after that "]"."""
    out: list[str] = []
    done = start = 0
    stop_at, stop_char = -1, ""  # the last ")" or space found, reused while it lies ahead
    while (i := text.find("[", start)) >= 0:
        close = text.find("]", i + 1)
        if close < 0:
            break
        line_end = text.find("\n", i + 1, close)
        if line_end >= 0:  # the text of a link stays on one line
            start = line_end + 1
            continue
        opening = close + 1
        if text.startswith("(#" if anchors_only else "(", opening):
            if stop_at <= opening:
                stop = _LINK_STOP.search(text, opening + 1)
                stop_at, stop_char = (stop.start(), stop.group()) if stop else (len(text), "")
            if stop_char == ")":
                out.append(text[done:i])
                out.append(replace(text[i + 1:close]))
                done = start = stop_at + 1
                continue
        start = close + 1
    out.append(text[done:])
    return "".join(out)


def _says_nothing(text: str) -> bool:
    # is_placeholder first: it is the faster of the two on long prose (the case-insensitive
    # _TEMPLATE_MARK is tried at every position), and it is false for nearly every passage.
    return is_placeholder(text) and (len(text) <= 300 or _TEMPLATE_MARK.search(text) is not None)


@lru_cache(maxsize=4096)  # the template's table of contents, card after card
def _navigation(text: str) -> bool:
    """A table-of-contents entry: links to headings of the same page, and nothing else."""
    return "](#" in text and not any(c.isalpha()
                                      for c in sub_links(text, lambda _: "", anchors_only=True))


def split_text(text: str, line: int = 1, same_line: bool = False,
               context: str = "") -> list[Passage]:
    """Passages of a text whose first line is `line`. A JSON string holds its line breaks as
    escapes, so all of its passages stand on its key's line (`same_line`)."""
    rows = text.splitlines()
    return split([(line if same_line else line + i, row) for i, row in enumerate(rows)],
                  context)


# -------------------------------------------------------------------------------- features

_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_ASCII_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")  # \d in ASCII text, faster (see _ASCII_WORD)
_WORD = re.compile(r"[^\W\d_]+|_[a-z]+_")
# The same in ASCII text, where a letter is [a-z] once lower-cased: twice as fast to find (the
# engine compares a range instead of looking each character's class up).
_ASCII_WORD = re.compile(r"[a-z]+|_[a-z]+_")


def tokens(text: str) -> list[str]:
    """Lower-case words, with links, addresses, e-mails, years and numbers as their kind."""
    # Each substitution runs only where its mark is there: most passages have no link at all.
    if "](" in text:
        text = sub_links(text, lambda shown: f"{shown} _link_")
    if "http" in text or "www." in text:
        text = _URL.sub(" _url_ ", text)
    if "@" in text:
        text = _EMAIL.sub(" _email_ ", text)
    if _DIGIT.search(text):
        if "18" in text or "19" in text or "20" in text:  # (how a year starts)
            text = _YEAR.sub(" _year_ ", text)
        text = (_ASCII_NUMBER if text.isascii() else _NUMBER).sub(" _num_ ", text)
    lowered = text.lower()
    return (_ASCII_WORD if lowered.isascii() else _WORD).findall(lowered)


# Phrases that say what a sentence is about the way people write it: "was created to ...",
# "collected from ...", "annotated by ...", "is updated weekly". Each is a feature the model
# weighs, and also a cue of its own: a sentence holding one answers the cue's question (see
# data/passages.md for why both, and for what each measures).
@dataclass(frozen=True)
class Cue:
    question: str
    # Each phrase with the words one of which it must hold: a text without any of them is not
    # searched for that phrase (most texts trigger none, which keeps the reader fast); and, for
    # some, a mark it cannot match without ("@" for an address), or "".
    phrases: tuple[tuple[frozenset[str], re.Pattern[str], str], ...]



def _cue(question: str, *phrases: tuple[str, ...]) -> Cue:
    """A cue from (words, pattern) or (words, pattern, mark) phrases."""
    for _, pattern, *_ in phrases:
        letters = re.sub(r"\\.", "", pattern)  # (an escape such as \S is no letter)
        if letters != letters.lower():
            raise ValueError(f"a phrase is written in lower case (see fold): {pattern}")
    return Cue(question, tuple((frozenset(words.split()), re.compile(pattern), "".join(mark))
                               for words, pattern, *mark in phrases))


def fold(text: str) -> str:
    """The text in lower case, every character in its place, for the CUES phrases: a phrase
    in lower case, compiled without re.IGNORECASE, matches the folded text where and only where
    it would match the text with case ignored, and is searched several times faster (a
    case-insensitive pattern is tried letter by letter at every position). str.lower alone
    would not do: it turns U+0130 into two characters and keeps U+0131 and U+017F, which match
    i and s when case is ignored (tests/test_verdicts.py checks every character)."""
    return text.replace("\u0130", "i").lower().replace("\u0131", "i").replace("\u017f", "s")


_FEW = r"\s+(?:[\w-]+\s+){0,3}?"  # up to three words in between
_MADE = ("created built designed developed constructed compiled introduced released assembled "
         "curated made proposed prepared collected")
CUES = {
    "intent": _cue(
        "motivation.purpose",
        (_MADE, r"\b(?:created|built|designed|developed|constructed|compiled|introduced|"
                r"released|assembled|curated|made(?!\s+available)|proposed|prepared|collected)"
                + _FEW + r"(?:to|for the purpose of|in order to|with the (?:aim|goal|purpose))\b"),
        ("aim aims intend intends seek seeks hope hopes wanted want",
         r"\b(?:aims?|intends?|seeks?|hopes?|wanted|want) to\b"),
        # the purpose of the data, not the goal of a task it serves ("the goal is to predict")
        ("goal aim purpose motivation",
         r"\b(?:goal|aim|purpose|motivation)\s+(?:of|behind)\s+(?:this|the|our)\s+(?:dataset|"
         r"corpus|benchmark|collection|resource|work|project|data)\b"),
        ("goal aim purpose motivation",
         r"\b(?:our|its|main|primary)\s+(?:goal|aim|purpose|motivation)\s+(?:is|was)\b"),
        ("further promote foster facilitate encourage enable support advance stimulate spur "
         "accelerate",
         r"\bto (?:further|promote|foster|facilitate|encourage|enable|support|advance|stimulate|"
         r"spur|accelerate) (?:the )?(?:\w+ )?(?:research|progress|development|work|studies)\b"),
        ("benchmark testbed bed", r"\b(?:benchmark|testbed|test bed) (?:for|to)\b"),
        # what the data is meant for, said as its makers' intent ("is meant for data analysis",
        # "a smaller version to be used in unit tests"), not as a possibility ("can be used")
        ("intended meant", r"\b(?:is|are|was|were)\s+(?:[\w-]+\s+)?(?:intended|meant)\s+"
                           r"(?:for|to)\b"),
        ("used", r"\b(?:version|subset|sample|copy|dataset|corpus|resources?|collection|"
                 r"benchmark)(?:\s+[\w-]+){0,3}?(?<!\bis)(?<!\bare)\s+to be used (?:for|in|as)\b"),
        # "created for the PAN shared task", "a benchmark dataset for evaluating ..."
        (_MADE, r"\b(?:created|built|designed|developed|collected|prepared|compiled|introduced|"
                r"released)\s+(?:[\w-]+\s+){0,2}?for\s+(?:[\w@.&-]+\s+){0,6}?(?:task|"
                r"challenge|competition|workshop|benchmark|evaluation|research|study)\b"),
        ("benchmark framework testbed",
         r"\b(?:benchmark|framework|testbed)\b(?:\s+[\w-]+){0,3}\s+for\s+(?:evaluating|"
         r"assessing|measuring|testing|comparing)\b")),
    "creators": _cue(
        "motivation.creators",
        ("created developed curated compiled constructed built prepared assembled introduced "
         "released",
         r"\b(?:created|developed|curated|compiled|constructed|built|prepared|assembled|"
         r"introduced|released) by\b(?!\s+\w+ing\b)")),
    "gather": _cue(
        "collection.acquisition",
        ("collected gathered scraped crawled harvested sourced extracted obtained downloaded "
         "retrieved mined sampled recorded acquired exported captured photographed surveyed "
         "taken shot filmed measured scanned imaged generated synthesized synthesised simulated",
         r"\b(?:collected|gathered|scraped|crawled|harvested|sourced|extracted|obtained|"
         r"downloaded|retrieved|mined|sampled|recorded|acquired|exported|captured|photographed|"
         r"surveyed|taken|shot|filmed|measured|scanned|imaged|generated|synthesi[sz]ed|"
         r"simulated)"
         r"\s+(?:[\w-]+\s+){0,2}?(?:from|via|through|using|with|at|on|in|by|during)\b"),
        # "created by augmenting ...", "built by crawling ...": a method, not a maker
        ("created generated produced built constructed obtained made assembled",
         r"\b(?:created|generated|produced|built|constructed|obtained|made|assembled) by "
         r"\w+ing\b"),
        ("written posed produced generated authored submitted contributed uploaded crowdsourced "
         "asked answered",
         r"\b(?:written|posed|produced|generated|authored|submitted|contributed|uploaded|"
         r"crowdsourced|asked|answered)\s+by\b"),
        ("come comes came originate originates originated derived drawn taken",
         r"\b(?:comes?|came|originates?|originated|derived|drawn|taken) from\b"),
        # "normalised from Wikidata", "a cleaned version of the original X dataset"
        ("normalized normalised converted compiled aggregated merged computed generated built "
         "assembled adapted translated",
         r"\b(?:normali[sz]ed|converted|compiled|aggregated|merged|computed|generated|built|"
         r"assembled|adapted|translated)\s+(?:[\w-]+\s+){0,2}?from\b"),
        ("original",
         r"\b(?:version|copy|subset|mirror|sample|extract|excerpt) of the original\b"),
        # a line of its own that starts "Source:" (not a field named `source` in a list)
        ("source sources",
         r"(?m:^[\s>*_-]{0,4}(?:data\s+)?sources?[*_]{0,2}\s*:[*_]{0,2}\s*\[?\w)")),
    "process": _cue(
        "preprocessing.done",
        ("annotated labeled labelled tagged verified validated transcribed segmented",
         r"\b(?:annotated|labell?ed|tagged|verified|validated|transcribed|segmented)"
         r"\s+(?:[\w-]+\s+){0,4}?(?:by|with|using|according|manually|automatically)\b"),
        ("manually automatically expert",
         r"\b(?:manually|automatically|semi-automatically|expert-?) ?"
         r"(?:annotated|labell?ed|tagged|verified|checked|curated|corrected)\b"),
        ("filtered cleaned deduplicated duplicated normalized normalised tokenized tokenised "
         "anonymized anonymised pseudonymized pseudonymised identified deidentified lowercased "
         "preprocessed processed resampled removed discarded excluded dropped resized",
         r"\b(?:filtered|cleaned|deduplicated|de-duplicated|normali[sz]ed|tokeni[sz]ed|"
         r"anonymi[sz]ed|pseudonymi[sz]ed|de-?identified|lowercased|pre-?processed|resampled|"
         r"removed|discarded|excluded|dropped|resized)\b")),
    "share": _cue(
        "distribution.method",
        ("available distributed released published shared hosted",
         r"\b(?:(?:freely|publicly|openly)\s+)?(?:available|distributed|released|published|"
         r"shared|hosted)\s+(?:for download\s+)?(?:on|at|via|through|from|under)\s+"
         r"(?:the\s+|a\s+)?(?:[\w.-]+\s+){0,3}?(?:licen[cs]e|website|repository|github|zenodo|"
         r"figshare|kaggle|hub|portal|server|page)\b"),
        ("downloaded", r"\bcan be downloaded (?:from|at|via)\b")),
    "use": _cue(
        "uses.other_tasks",
        ("used", r"\b(?:can|could|may|might|to) be used (?:for|to|in|as)\b"),
        ("intended suitable designed meant",
         r"\b(?:intended|suitable|designed|meant) (?:for|to be used)\b"),
        ("used", r"\bshould not be used\b"),
        # "an evaluation benchmark for machine translation": what the data is used to measure
        ("benchmark testbed", r"\b(?:benchmark|testbed)(?:\s+dataset)?\s+for\b")),
    "updates": _cue(
        "maintenance.updates",
        ("updated refreshed maintained appended released rereleased",
         r"\b(?:updated|refreshed|maintained|appended|re-?released)\s+(?:[\w-]+\s+){0,2}?"
         r"(?:daily|weekly|monthly|quarterly|yearly|annually|regularly|periodically|every)\b"),
        ("daily weekly monthly quarterly yearly annual regular",
         r"\b(?:daily|weekly|monthly|quarterly|yearly|annual|regular) updates?\b")),
    "contact": _cue(
        "maintenance.contact",
        # an address in the text, or behind a link ("[email](mailto:...)": tokens keep no URL)
        ("_email_ _link_ email mail", r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b", "@"),
        ("contact reach write email mail",
         r"\b(?:contact|reach out to|write to|e-?mail) "
         r"(?:us|me|the (?:authors?|maintainers?|team))\b")),
}


CUE_QUESTIONS = tuple(dict.fromkeys(cue.question for cue in CUES.values()))


Phrase = tuple[int, int, str, re.Pattern[str], str]


def _phrases_by_word() -> dict[str, tuple[Phrase, ...]]:
    """Word -> the phrases that word lets in, as (the cue's place in CUES, the phrase's place
    in the cue, the cue's name, the phrase, its mark). One intersection with a passage's words
    then names the few phrases worth searching, where each phrase's words were intersected in
    turn."""
    index: dict[str, list[Phrase]] = {}
    for order, (name, cue) in enumerate(CUES.items()):
        for place, (words, pattern, mark) in enumerate(cue.phrases):
            for word in words:
                index.setdefault(word, []).append((order, place, name, pattern, mark))
    return {word: tuple(phrases) for word, phrases in index.items()}


_PHRASES_BY_WORD = _phrases_by_word()
_CUE_WORDS = frozenset(_PHRASES_BY_WORD)


def cue_positions(text: str, words: Iterable[str] | None = None) -> dict[str, int]:
    """Cue name -> where its first phrase starts in the text (`words`: the text's tokens, when
    the caller has them), in the order of CUES."""
    present = _CUE_WORDS.intersection(tokens(text) if words is None else words)
    if not present:
        return {}  # most passages hold none of the words a phrase needs
    found: dict[str, int] = {}
    folded = fold(text)
    # sorted by (cue, phrase), which are unique: the cues come out in CUES order
    for _, _, name, pattern, mark in sorted(
            {p for word in present for p in _PHRASES_BY_WORD[word]}):
        if mark not in folded:
            continue  # ("" is in every text)
        match = pattern.search(folded)
        if match and match.start() < found.get(name, len(text) + 1):
            found[name] = match.start()
    return found


def cues(text: str) -> set[str]:
    """The questions a text answers by its phrasing alone (CUES)."""
    return {CUES[name].question for name in cue_positions(text)}


def features(text: str, words: list[str] | None = None,
             cued: Iterable[str] | None = None) -> set[str]:
    """The passage's features: words, word pairs, the stem and ending of longer words, and the
    cues (CUES) it holds (`words` and `cued`: what the caller has found already). This is what
    the model is trained on and what its weights are keyed by; `Model.scores` looks up the same
    features through `feature_parts`."""
    words = tokens(text) if words is None else words
    unique, pairs, stems = feature_parts(words)
    found = {"w " + w for w in unique}
    found.update("q " + name for name in (cue_positions(text, words) if cued is None else cued))
    found.update("b " + a + " " + b for a, b in pairs)
    found.update("p " + stem for stem in stems)
    return found


def feature_parts(words: list[str]) -> tuple[set[str], set[tuple[str, str]], set[str]]:
    """The words, the word pairs and the stems of longer words of a passage, each without
    repeats: the features (`features`) but for the cues, kept apart and unspelt. No two of them
    spell the same feature (a word holds no space), so their sizes add up to the number of
    features."""
    unique = set(words)
    return (unique, set(zip(words, words[1:], strict=False)),
            {w[:5] for w in unique if len(w) > 5 and w[0] != "_"})


def value_of(feature: str, scale: float) -> float:
    """A feature's value: words count less in a longer passage (1/sqrt of its features); a
    phrase group says what the passage is about however long it is."""
    return 1.0 if feature.startswith("q ") else scale


# ----------------------------------------------------------------------------------- model

Row = tuple[float, ...]

# Scoring adds up, class by class, the weights of the passage's features: some 25 rows of 13
# floats, which column by column costs more than finding them. So each row the model scales is
# packed into one integer, its weights side by side: the weight of class i, in thousandths
# (the precision the training script writes), plus _OFFSET to make it positive, in bits
# 32*i to 32*i+31. One integer sum of n packed rows then adds every column at once, and column
# i is its 32 bits of the sum, less n * _OFFSET. No column overflows into the next: a passage
# has at most one row per feature of the model, far fewer than the 2**16 rows that would take.
_FIELD_BYTES = 4
_OFFSET = 1 << 15  # weights stay within +-32.767 (checked when the model is read)


def _thousandths(weight: float) -> int:
    thousandths = round(weight * 1000)
    if abs(thousandths) >= _OFFSET or abs(weight * 1000 - thousandths) > 1e-6:
        raise ValueError(f"weight {weight} is not in thousandths within +-32.767")
    return thousandths


@dataclass(frozen=True)
class Model:
    classes: tuple[str, ...]
    bias: tuple[float, ...]
    home: tuple[float, ...]  # per class: the probability that answers a question at home
    away: tuple[float, ...]  # ... and the one that answers it anywhere else
    index: dict[str, int] = field(default_factory=dict)  # question -> its position in classes
    # Feature -> its weight for each class, in class order (dense: summing whole rows is what
    # makes scoring fast in plain Python), by kind of feature and keyed as `feature_parts` gives
    # them ("w data" under "data", "b the data" under ("the", "data"), ...), so that scoring
    # looks a passage's features up without spelling each one as a new string first. All
    # packed (see _OFFSET) but the cues'.
    words: dict[str, int] = field(default_factory=dict)
    pairs: dict[tuple[str, str], int] = field(default_factory=dict)
    stems: dict[str, int] = field(default_factory=dict)
    cues: dict[str, Row] = field(default_factory=dict)

    def scores(self, text: str, words: list[str] | None = None,
               cued: Iterable[str] | None = None) -> dict[str, float]:
        """Probability per question that the passage answers it."""
        words = tokens(text) if words is None else words
        unique, pairs, stems = feature_parts(words)
        cues_found = list(cue_positions(text, words) if cued is None else cued)
        count = len(unique) + len(pairs) + len(stems) + len(cues_found)
        if not count:
            return {}
        # (a packed row is positive: filter(None) drops exactly the features it has no row for)
        scaled = [*filter(None, map(self.words.get, unique)),
                  *filter(None, map(self.pairs.get, pairs)),
                  *filter(None, map(self.stems.get, stems))]
        whole = [*filter(None, map(self.cues.get, cues_found))]
        scale = 1.0 / math.sqrt(count)
        totals = list(self.bias)
        if scaled:
            offset = len(scaled) * _OFFSET
            columns = self._unpack(sum(scaled).to_bytes(self._bytes, "little"))
            totals = [t + (c - offset) / 1000 * scale for t, c in zip(totals, columns, strict=True)]
        if whole:
            sums = map(sum, zip(*whole, strict=True))
            totals = [t + c for t, c in zip(totals, sums, strict=True)]
        exp = math.exp  # (the logistic function, written out: 13 calls a passage saved)
        return {qid: 1.0 / (1.0 + exp(-t)) if t > -30 else 0.0
                for qid, t in zip(self.classes, totals, strict=True)}

    @cached_property
    def _bytes(self) -> int:
        return _FIELD_BYTES * len(self.classes)

    @cached_property
    def _unpack(self) -> Callable[[bytes], tuple[int, ...]]:
        return struct.Struct(f"<{len(self.classes)}I").unpack


@lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model, read once per process."""
    return from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))


def from_json(data: dict) -> Model:
    classes = tuple(data["classes"])
    index = {qid: i for i, qid in enumerate(classes)}
    # Packed rows are built from the weights the file lists (a few per feature), on a row of
    # zero weights: every field at _OFFSET.
    zeros = sum(_OFFSET << (8 * _FIELD_BYTES * i) for i in range(len(classes)))
    packed: dict[str, int] = {}
    cues: dict[str, list[float]] = {}
    for qid, table in data["weights"].items():
        at = index[qid]
        for feature, weight in table.items():
            if feature.startswith("q "):
                cues.setdefault(feature[2:], [0.0] * len(classes))[at] = weight
            else:
                packed[feature] = (packed.get(feature, zeros)
                                   + (_thousandths(weight) << (8 * _FIELD_BYTES * at)))
    kinds: dict[str, dict] = {"w": {}, "b": {}, "p": {}}
    for feature, row in packed.items():
        kind, _, name = feature.partition(" ")
        kinds[kind][tuple(name.split(" ")) if kind == "b" else name] = row
    return Model(classes, tuple(data["bias"][q] for q in classes),
                 tuple(data["thresholds"]["home"][q] for q in classes),
                 tuple(data["thresholds"]["away"][q] for q in classes), index,
                 kinds["w"], kinds["b"], kinds["p"], {c: tuple(r) for c, r in cues.items()})


def scores(text: str) -> dict[str, float]:
    return model().scores(text)


@dataclass(frozen=True)
class Judgment:
    """What the reader makes of one passage: the model's probability per question, the
    question it most likely answers, and the questions its phrasing answers, each with the
    sentence that says so."""

    scores: dict[str, float]
    top: str | None
    cued: dict[str, Passage]


@lru_cache(maxsize=65536)  # template text repeats across cards
def judge(passage: Passage) -> Judgment:
    if passage.kind == "code":
        return Judgment({}, None, {})
    probabilities, top, found = _reading(passage.text, passage.judged)
    cued: dict[str, Passage] = {}
    if found:
        units = sentences(passage) or (passage,)
        for name, start in found.items():
            cued.setdefault(CUES[name].question, _unit_at(passage.text, units, start))
    return Judgment(probabilities, top, cued)


@lru_cache(maxsize=65536)  # the same text stands at other lines of other cards
def _reading(text: str, judged: str) -> tuple[dict[str, float], str | None, dict[str, int]]:
    """What `judge` makes of a passage's words alone, wherever it stands: the model's
    probabilities, the likeliest question, and where each cue's phrase starts in `text`."""
    words = tokens(judged)
    found = cue_positions(text, words)
    # A passage of fewer than three words (an image, a bare link, a badge) gives the model
    # nothing to judge; a cue such as an e-mail address still counts.
    probabilities = model().scores(judged, words, found) if _has_words(words) else {}
    top = max(probabilities, key=probabilities.__getitem__) if probabilities else None
    return probabilities, top, found


def _has_words(words: list[str]) -> bool:
    """At least MIN_WORDS of the tokens are words (not a _link_, _url_, _num_ ...)."""
    needed = MIN_WORDS
    for word in words:
        if word[0] != "_":
            needed -= 1
            if needed == 0:
                return True  # (most passages: the rest need not be counted)
    return needed <= 0


def _unit_at(text: str, units: tuple[Passage, ...], position: int) -> Passage:
    """The sentence of `units` that holds the character at `position` of `text`."""
    for unit in units:
        at = text.find(unit.text)
        if at != -1 and at <= position < at + len(unit.text):
            return unit
    return units[0]
