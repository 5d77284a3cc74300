"""Scores: how well a datasheet answers its questions, per section and overall, from its findings.

A section starts with as many points as its applicable questions weigh (required 3, recommended
1: coverage.LEVEL_WEIGHT) and loses the weight of each finding in it (each rule's weight, from the
registry). So the score is the findings, weighed; there is no second way of judging answers. A
file that cannot be loaded scores 0.

The statuses beside the score say what the answers are, whatever the rules think of them:
per question answered / not_applicable / unknown / todo / placeholder / missing, and where the
answer is (file, line, column, key); per section:

- answered: every question is given (answered, or not applicable / unknown with a reason) and
  at least one is answered with content;
- partial: at least one question (not counting the optional ones) is answered with content;
- gaps only: nothing is answered, but some questions are deliberately declared unknown or not
  applicable (a card's `license: unknown` says something, but it is no answer);
- placeholder only: the template's places are there and empty, or marked todo;
- absent: nothing at all.

A question still to do (`status: todo`) weighs what a missing one weighs: a draft that only
marks its gaps as todo scores what the card it came from scores, no more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from . import catalogue
from .answers import Status
from .codes import lint_table
from .coverage import LEVEL_WEIGHT, located
from .files import json_text
from .findings import Finding
from .sheet import Sheet, split

SCORE_FORMAT_VERSION = 1
STILL_TO_DO = "DS203"
_GIVEN = (Status.ANSWERED, Status.NOT_APPLICABLE, Status.UNKNOWN)


@dataclass
class QuestionScore:
    id: str
    level: str
    status: Status
    origin: dict[str, Any] | None  # file, line, column, key of the answer; None when there is none
    # For a card: how the answer was found (readers/crosswalk.py: a metadata field, our label,
    # the place that asks it, the passage reader at home or elsewhere) and with what confidence.
    found: dict[str, Any] | None = None
    # For a card: metadata that only hints at an answer, never counted ({field, value, line}).
    hints: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "level": self.level, "status": str(self.status),
                               "origin": self.origin}
        if self.found:
            out["found"] = self.found
        if self.hints:
            out["hints"] = self.hints
        return out


@dataclass
class SectionScore:
    id: str
    title: str
    score: int
    points: float
    max_points: int
    status: str  # answered | partial | gaps only | placeholder only | absent
    questions: list[QuestionScore] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(1 for q in self.questions if q.level != "optional" and q.status in _GIVEN)

    @property
    def expected(self) -> int:
        return sum(1 for q in self.questions if q.level != "optional")

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "score": self.score, "status": self.status,
                "points": self.points, "max_points": self.max_points,
                "answered": self.answered, "expected": self.expected,
                "questions": [q.to_dict() for q in self.questions]}


@dataclass
class Scorecard:
    file: str
    overall: int
    sections: list[SectionScore]
    findings: int
    presence: float | None = None  # the platform-style score: share of platform fields filled
    presence_detail: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON contract (`datasheet score --format json`), version 1."""
        return {
            "file": self.file,
            "overall": self.overall,
            "findings": self.findings,
            "platform_presence": None if self.presence is None else {
                "score": self.presence, "detail": self.presence_detail},
            "sections": [s.to_dict() for s in self.sections],
        }


def presence_percent(presence: dict[str, Any] | None) -> float | None:
    """The platform-style score a card reader left on the sheet, as 0-100.

    Readers may give it as {"score": 0-100}, as {"filled": n, "total": m}, or as one true/false
    per platform field; anything else is not shown.
    """
    if not isinstance(presence, dict) or not presence:
        return None
    if isinstance(presence.get("score"), (int, float)):
        return round(float(presence["score"]), 1)
    filled, total = presence.get("filled"), presence.get("total")
    if isinstance(filled, int) and isinstance(total, int) and total > 0:
        return round(100 * filled / total, 1)
    flags = [v for v in presence.values() if isinstance(v, bool)]
    if flags and len(flags) == len(presence):
        return round(100 * sum(flags) / len(flags), 1)
    return None


def _section_status(questions: list[QuestionScore]) -> str:
    counted = [q for q in questions if q.level != "optional"] or questions
    content = any(q.status is Status.ANSWERED for q in counted)
    if content and all(q.status in _GIVEN for q in counted):
        return "answered"
    if content:
        return "partial"
    if any(q.status in _GIVEN for q in counted):
        return "gaps only"
    if any(q.status in (Status.PLACEHOLDER, Status.TODO) for q in questions):
        return "placeholder only"
    return "absent"


def _origin(sheet: Sheet, qid: str) -> dict[str, Any] | None:
    if qid not in sheet.origins:
        return None
    found = sheet.origins[qid]
    return {"file": found.file, "line": found.line, "column": found.column,
            "key": found.key or qid}


def _section_of(finding: Finding) -> str:
    parts = split(finding.path)
    return parts[0] if parts and isinstance(parts[0], str) else ""


def score(sheet: Sheet, findings: list[Finding]) -> Scorecard:
    """The scorecard of one sheet from the findings reported on it (after configuration)."""
    weights = {code: entry.weight for code, entry in lint_table().items()}
    levels = {qid: q.level for qid, q in catalogue.questions().items()}
    penalty: dict[str, float] = {}
    for finding in findings:
        section = _section_of(finding)
        weight = weights.get(finding.code, 1)
        if finding.code == STILL_TO_DO and finding.path in levels:
            # An answer still to write is as missing as one never started.
            weight = LEVEL_WEIGHT[levels[finding.path]]
        penalty[section] = penalty.get(section, 0) + weight
    by_section: dict[str, list[QuestionScore]] = {}
    for question, status, at in located(sheet):
        found = sheet.found.get(at) if status is not Status.MISSING else None
        by_section.setdefault(question.section, []).append(
            QuestionScore(question.id, question.level, status, _origin(sheet, at),
                          found, sheet.hints.get(question.id, [])))
    sections = []
    for section_id, questions in by_section.items():
        title = catalogue.sections()[section_id].title
        top = sum(LEVEL_WEIGHT[q.level] for q in questions)
        points = 0.0 if sheet.fatal else max(0.0, top - penalty.get(section_id, 0))
        percent = round(100 * points / top) if top else 100
        sections.append(SectionScore(section_id, title, percent, points, top,
                                     _section_status(questions), questions))
    total = sum(s.max_points for s in sections)
    overall = round(100 * sum(s.points for s in sections) / total) if total else 0
    return Scorecard(sheet.file, overall, sections, len(findings),
                     presence_percent(sheet.presence), sheet.presence)


def render_table(cards: list[Scorecard], unreadable: Sequence[Finding] = ()) -> str:
    """The scores for people: one block a file, a row a section, then overall.

    For a platform card, the platform-style score (fields filled) is shown beside ours
    (questions answered): the gap between the two is the point. A file that could not be read
    gets no score, only the reason, at its line.
    """
    lines: list[str] = [f"{f.file}:{f.line}:{f.column}: {f.code} cannot be scored: {f.message}"
                        for f in unreadable]
    for card in cards:
        lines.append(card.file)
        lines.append(f"  {'section':<16} {'score':>5}  {'answered':>8}  status")
        for s in card.sections:
            answered = f"{s.answered}/{s.expected}"
            row = f"  {s.id:<16} {s.score:>5}  {answered:>8}  {s.status}"
            hints = [f"{h['field']}: {h['value']}" for q in s.questions for h in q.hints
                     if q.status is not Status.ANSWERED]
            if hints:  # what the metadata suggests but does not say (never counted)
                row += f"  (hints: {'; '.join(dict.fromkeys(hints))})"
            lines.append(row)
        overall = f"  {'overall':<16} {card.overall:>5}"
        if card.presence is not None:
            overall += f"  (platform-style score, fields filled: {card.presence:g})"
        lines.extend([overall, ""])
    count = len(cards)
    lines.append(f"{count} file{'s' * (count != 1)} scored")
    return "\n".join(lines) + "\n"


def render_json(cards: list[Scorecard], unreadable: Sequence[Finding] = ()) -> str:
    """The versioned JSON contract: add keys, never rename or remove them within a version.
    `unreadable` lists the files that could not be scored, each with the finding that says why."""
    from . import __version__

    payload = {"version": SCORE_FORMAT_VERSION,
               "tool": {"name": "datasheet-kit", "version": __version__},
               "scorecards": [card.to_dict() for card in cards],
               "unreadable": [f.to_dict() for f in unreadable]}
    return json_text(payload)
