"""Scores from findings and weights: per section, overall, statuses, origins, platform presence."""

from __future__ import annotations

import yaml

from datasheet_kit.config import Config
from datasheet_kit.lint import lint
from datasheet_kit.score import presence_percent, render_table, score
from datasheet_kit.sheet import load, loads

from .conftest import FIXTURES

CLEAN = FIXTURES / "lint" / "clean.yaml"


def card_of(changes: dict | None = None, drop: tuple[str, ...] = (), config=None):
    data = yaml.safe_load(CLEAN.read_text(encoding="utf-8"))
    for section, questions in (changes or {}).items():
        data[section].update(questions)
    for path in drop:
        section, _, question = path.partition(".")
        if question:
            del data[section][question]
        else:
            del data[section]
    sheet = loads(yaml.safe_dump(data, sort_keys=False), "x.yaml")
    return score(sheet, lint(sheet, config))


def section(card, name):
    return next(s for s in card.sections if s.id == name)


def test_clean_datasheet_scores_100_everywhere():
    card = card_of()
    assert card.overall == 100
    assert all(s.score == 100 and s.status == "answered" for s in card.sections)


def test_required_weighs_more_than_recommended():
    required = section(card_of({"uses": {"discouraged": "TBD"}}), "uses").score
    recommended = section(card_of({"uses": {"other_tasks": "TBD"}}), "uses").score
    assert required < recommended < 100


def test_a_gap_with_a_reason_costs_nothing_but_a_todo_does():
    gap = {"status": "unknown", "reason": "The clinic did not record it."}
    assert section(card_of({"collection": {"mechanisms": gap}}), "collection").score == 100
    todo = {"status": "todo", "reason": "Ask the clinic."}
    assert section(card_of({"collection": {"mechanisms": todo}}), "collection").score < 100


def test_gated_questions_leave_the_score():
    card = card_of({"composition": {"relates_to_people": False}},
                   drop=("composition.identifiable", "composition.sensitive",
                         "composition.subpopulations"))
    ids = [q.id for q in section(card, "composition").questions]
    assert "composition.identifiable" not in ids and section(card, "composition").score == 100


def test_section_statuses():
    placeholders = {q: "[More Information Needed]" for q in
                    ("existing", "repository", "other_tasks", "future_impact", "discouraged")}
    card = card_of({"uses": placeholders}, drop=("preprocessing",))
    assert section(card, "uses").status == "placeholder only"
    assert section(card, "preprocessing").status == "absent"
    assert section(card, "preprocessing").score == 0
    assert section(card_of({"uses": {"other_tasks": "TBD"}}), "uses").status == "partial"


def test_ignored_rules_cost_no_points():
    card = card_of({"uses": {"other_tasks": "TBD"}}, config=Config(ignore=frozenset({"DS202"})))
    assert section(card, "uses").score == 100


def test_optional_sections_count_only_when_used():
    assert "provenance" not in [s.id for s in card_of().sections]
    assert "medical_imaging" not in [s.id for s in card_of(drop=("medical_imaging",)).sections]


def test_unreadable_file_scores_zero(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("dataset: [\n", encoding="utf-8")
    sheet = load(bad)
    assert score(sheet, lint(sheet)).overall == 0


def test_each_question_says_where_its_answer_is():
    card = card_of()
    title = section(card, "dataset").questions[0]
    assert title.id == "dataset.title"
    assert title.origin == {"file": "x.yaml", "line": 3, "column": 3, "key": "dataset.title"}
    missing = card_of(drop=("motivation.funding",))
    funding = next(q for q in section(missing, "motivation").questions
                   if q.id == "motivation.funding")
    assert funding.origin is None and str(funding.status) == "missing"


def test_platform_presence_is_shown_beside_the_score():
    sheet = load(FIXTURES / "valid" / "no-people.yaml")
    sheet.presence = {"filled": 9, "total": 10}
    card = score(sheet, lint(sheet))
    assert card.presence == 90.0
    assert card.to_dict()["platform_presence"]["score"] == 90.0
    assert "fields filled: 90" in render_table([card])
    assert card.overall < 90  # the point of showing both


def test_presence_shapes():
    assert presence_percent(None) is None
    assert presence_percent({"score": 72}) == 72
    assert presence_percent({"license": True, "title": True, "description": False,
                             "keywords": False}) == 50
    assert presence_percent({"odd": "shape"}) is None
