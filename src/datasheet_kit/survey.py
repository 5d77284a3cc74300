"""Survey many cards: which datasheet sections and questions they answer, as in the Copycats study.

A question counts as answered when the card gives it content (answers.question_status: not a
placeholder, not a declared gap), as the scores count it; a section counts as answered when at
least one of its questions is. Cards
are read in parallel processes; results are sorted by file, so the output never depends on the
number of jobs or on which finished first.

Outputs in OUTDIR: sections.csv and questions.csv (share of cards answering each), cards.csv
and cards.json (one row per card), and coverage.svg (a bar chart of the section shares).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from html import escape
from pathlib import Path
from types import ModuleType

from .answers import Status, question_status
from .catalogue import questions, sections
from .codes import FATAL
from .inputs import documents

CARD_KINDS = ("hf", "kaggle", "croissant")  # a survey is of platform cards, not datasheets
LIST_SUFFIXES = (".txt", ".lst", ".list")
FORMAT_VERSION = 1


def targets(paths: Iterable[str]) -> list[str]:
    """Files to survey: folders give their cards (recursively), list files give their lines;
    hf:OWNER/NAME and kaggle:OWNER/SLUG are fetched."""
    found: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(str(p) for p in documents([path], CARD_KINDS))
        elif path.suffix.lower() in LIST_SUFFIXES and path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            found.extend(line.strip() for line in lines
                         if line.strip() and not line.lstrip().startswith("#"))
        else:
            found.append(raw)
    return sorted(dict.fromkeys(found))


def survey_card(path: str) -> dict:
    """One card's row: its kind, which questions it answers, its platform presence or its error."""
    from .inputs import load_document

    remote = _remote(path)
    try:
        # (the survey reports no finding but those that keep a card from being read)
        sheet = remote.fetch(path) if remote else load_document(path, answers_only=True)
    except Exception as exc:
        if remote and isinstance(exc, remote.RemoteError):
            return {"file": path, "kind": path.split(":", 1)[0], "error": str(exc)}
        # a reader bug must cost one row, not the survey
        return {"file": path, "kind": "", "error": f"internal error: {type(exc).__name__}: {exc}"}
    fatal = [f for f in sheet.findings if f.code in FATAL]
    if fatal:
        first = fatal[0]
        return {"file": path, "kind": sheet.kind,
                "error": f"{first.line}:{first.column}: {first.code} {first.message}"}
    # Answered means what the scores mean by it: content, judged by the question's shape (a
    # card's `license: unknown` is a deliberate gap, not an answer). The values are read off
    # the sheet's sections (every question id is "section.slot", what sheet.get walks), and a
    # question with no value at all is missing: its status need not be asked.
    given = {f"{section}.{slot}": value for section, values in sheet.data.items()
             if isinstance(values, dict) for slot, value in values.items() if value is not None}
    answered = [qid for qid, q in questions().items()
                if qid in given and question_status(q.shape, given[qid]) is Status.ANSWERED]
    presence = sheet.presence or {}
    return {"file": path, "kind": sheet.kind, "variant": presence.get("variant", ""),
            "error": "", "answered": answered,
            "presence": {"filled": presence.get("filled", 0), "total": presence.get("total", 0)}}


def _remote(path: str) -> ModuleType | None:
    """The remote module when `path` is a remote target (`hf:OWNER/NAME`). Such a target names
    its platform before a colon: a survey of local files never loads the HTTP client."""
    if ":" not in path:
        return None
    from . import remote

    return remote if remote.is_remote(path) else None


def run(paths: list[str], jobs: int = 1,
        progress: Callable[[int, int], None] | None = None) -> list[dict]:
    """Survey every path, `jobs` processes at a time; rows sorted by file."""
    rows: list[dict] = []
    total = len(paths)
    with _fewer_collections():
        if jobs <= 1 or total < 2:
            for done, path in enumerate(paths, 1):
                rows.append(survey_card(path))
                if progress:
                    progress(done, total)
        else:
            import multiprocessing

            _warm()
            chunk = max(1, min(64, total // (jobs * 8) or 1))
            with multiprocessing.get_context(_start_method()).Pool(jobs) as pool:
                for done, row in enumerate(pool.imap_unordered(survey_card, paths, chunk), 1):
                    rows.append(row)
                    if progress:
                        progress(done, total)
    rows.sort(key=lambda r: r["file"])
    return rows


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """The cyclic garbage collector runs after 50,000 new objects instead of 700 while cards
    are read (workers forked meanwhile inherit it): reading a card leaves no reference cycle
    behind (the 559 corpus cards: none), yet every run of the collector walks whatever the
    readers hold, and a survey paid some 3% of its time for nothing."""
    import gc

    before = gc.get_threshold()
    gc.set_threshold(max(before[0], 50_000), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _warm() -> None:
    """Load the readers, the passage model and the catalogue before forking, so no worker pays
    for it again."""
    from . import inputs  # noqa: F401
    from .readers import croissant, hf, kaggle, passages, platform_crosswalk  # noqa: F401

    passages.model()
    hf.names()
    for platform in ("kaggle", "croissant"):
        platform_crosswalk(platform)
    questions()


def _start_method() -> str:
    # fork starts workers without re-importing anything; elsewhere use the platform default.
    import multiprocessing

    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def tables(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """Per-section and per-question shares over the cards that could be read."""
    readable = [r for r in rows if not r["error"]]
    count = len(readable)
    answered_sets = [set(r["answered"]) for r in readable]
    question_rows = []
    for qid, question in questions().items():
        n = sum(qid in s for s in answered_sets)
        question_rows.append({"question": qid, "section": question.section, "cards": count,
                              "answered": n, "share": _share(n, count)})
    section_rows = []
    for section in sections().values():
        ids = set(section.questions)
        n = sum(bool(ids & s) for s in answered_sets)
        section_rows.append({"section": section.id, "title": section.title, "cards": count,
                             "answered": n, "share": _share(n, count)})
    return section_rows, question_rows


def _share(n: int, total: int) -> float:
    return round(n / total, 4) if total else 0.0


def card_table(rows: list[dict]) -> list[dict]:
    ids = [s.id for s in sections().values()]
    members = {s.id: set(s.questions) for s in sections().values()}
    table = []
    for row in rows:
        answered = set(row.get("answered", ()))
        presence = row.get("presence", {})
        entry = {"file": row["file"], "kind": row["kind"], "variant": row.get("variant", ""),
                 "error": row["error"], "questions_answered": len(answered),
                 "presence_filled": presence.get("filled", ""),
                 "presence_total": presence.get("total", "")}
        for sid in ids:
            entry[sid] = len(answered & members[sid]) if not row["error"] else ""
        table.append(entry)
    return table


def write(rows: list[dict], outdir: str | Path) -> dict[str, Path]:
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    section_rows, question_rows = tables(rows)
    cards = card_table(rows)
    written = {
        "sections": _csv(out / "sections.csv", section_rows),
        "questions": _csv(out / "questions.csv", question_rows),
        "cards_csv": _csv(out / "cards.csv", cards),
    }
    payload = {
        "version": FORMAT_VERSION,
        "cards": len(rows),
        "errors": sum(1 for r in rows if r["error"]),
        "sections": section_rows,
        "questions": question_rows,
        "per_card": [dict(c, answered=r.get("answered", []), presence=r.get("presence", {}))
                     for c, r in zip(cards, rows, strict=True)],
    }
    written["cards_json"] = out / "cards.json"
    written["cards_json"].write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n",
                                     encoding="utf-8")
    written["chart"] = out / "coverage.svg"
    written["chart"].write_text(chart(section_rows), encoding="utf-8")
    return written


def _csv(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        if rows:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return path


def chart(section_rows: list[dict]) -> str:
    """A horizontal bar chart of section coverage, as a self-contained SVG (no plotting library)."""
    bar_height, gap, label_width, bar_width = 22, 8, 260, 420
    top = 40
    height = top + len(section_rows) * (bar_height + gap) + 30
    width = label_width + bar_width + 80
    cards = section_rows[0]["cards"] if section_rows else 0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13">',
        f'<title>Share of {cards} cards answering each datasheet section</title>',
        f'<text x="10" y="22" font-size="15" font-weight="bold">Share of {cards} cards answering '
        "each datasheet section</text>",
    ]
    for index, row in enumerate(section_rows):
        y = top + index * (bar_height + gap)
        length = round(row["share"] * bar_width, 1)
        parts += [
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">'
            f"{escape(row['title'])}</text>",
            f'<rect x="{label_width}" y="{y}" width="{bar_width}" height="{bar_height}" '
            'fill="#eeeeee"/>',
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" '
            'fill="#3b75af"/>',
            f'<text x="{label_width + bar_width + 6}" y="{y + 15}">'
            f'{row["share"] * 100:.1f}%</text>',
        ]
    axis_y = top + len(section_rows) * (bar_height + gap) + 14
    for tick in (0, 25, 50, 75, 100):
        x = label_width + bar_width * tick / 100
        parts.append(f'<text x="{x}" y="{axis_y}" text-anchor="middle" font-size="11">'
                     f"{tick}%</text>")
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def default_jobs() -> int:
    return os.cpu_count() or 1


def summary(rows: list[dict], folder: Path) -> str:
    """What `datasheet survey` prints: the counts, the share of each section, where to look."""
    section_rows, _ = tables(rows)
    readable = section_rows[0]["cards"] if section_rows else 0
    lines = [f"{len(rows)} cards, {readable} read, {len(rows) - readable} errors"]
    lines += [f"{row['share'] * 100:6.1f}%  {row['title']}" for row in section_rows]
    lines.append(f"tables and chart in {folder}")
    return "\n".join(lines) + "\n"


def iter_errors(rows: list[dict]) -> Iterator[str]:
    for row in rows:
        if row["error"]:
            yield f"{row['file']}: {row['error']}"
