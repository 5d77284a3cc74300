"""How often the per-section verdicts of `datasheet score` agree with careful human readers.

    python bench/eval_sections.py [--labels FILE] [--corpus DIR] [--json FILE] [--disagreements]

The labels (../shared/corpus/labels/sections-dev.json, 110 documents x 7 sections) say for each
of the seven Gebru sections whether a person reading the whole document found it answered. The
tool's verdict is the score contract's section status: `answered` or `partial` count as answered;
`placeholder only` and `absent` do not (labels/README.md, "How to compare"). The script prints
agreement overall, per platform, per section x platform, a confusion table, and how often the
licence the tool reads has the SPDX id of the label.

The labels are the evaluation set: nothing in the project is trained on them (tools/
train_passages.py leaves every labelled document out of its training data, by sha256).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

from datasheet_kit.catalogue import GEBRU_SECTIONS
from datasheet_kit.inputs import load_document
from datasheet_kit.lint import lint
from datasheet_kit.score import score

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("DATASHEET_CORPUS", ROOT.parent / "shared" / "corpus"))
SUFFIX = {"hf": ".md", "kaggle": ".json", "croissant": ".json"}
ANSWERED = ("answered", "partial")


def tool_verdicts(path: Path) -> tuple[dict[str, bool], str | None]:
    """Section -> answered?, and the SPDX id of the licence the tool read (None: none read)."""
    sheet = load_document(path)
    card = score(sheet, lint(sheet))
    verdicts = {s.id: s.status in ANSWERED for s in card.sections if s.id in GEBRU_SECTIONS}
    return verdicts, _spdx(sheet.get("distribution.license"))


def _spdx(value: object) -> str | None:
    """The SPDX id of the licence answer the tool read, or None."""
    from datasheet_kit.licenses import license_answer, license_text, normalize

    answer = license_answer(value)
    if not answer:
        return None
    found = normalize(license_text(answer))
    return found.spdx if found.kind == "spdx" else ("other" if found.kind in (
        "custom", "other", "family", "research_only", "proprietary", "public_domain") else None)


def evaluate(labels: dict, corpus: Path) -> dict:
    rows = []
    for doc in labels["documents"]:
        path = corpus / doc["kind"] / (doc["name"] + SUFFIX[doc["kind"]])
        if hashlib.sha256(path.read_bytes()).hexdigest() != doc["sha256"]:
            raise SystemExit(f"{path}: the file differs from the labelled one (sha256)")
        verdicts, spdx = tool_verdicts(path)
        for section in GEBRU_SECTIONS:
            truth = doc["sections"][section] == "answered"
            rows.append({"kind": doc["kind"], "name": doc["name"], "section": section,
                         "label": doc["sections"][section], "truth": truth,
                         "tool": verdicts.get(section, False)})
        doc_licence = doc["license_spdx"]
        rows[-1]["licence"] = (doc_licence, spdx)
    return summarise(rows)


def _rate(rows: list[dict]) -> dict:
    agree = sum(r["truth"] == r["tool"] for r in rows)
    rate = round(agree / len(rows), 3) if rows else None
    return {"agree": agree, "total": len(rows), "rate": rate}


def summarise(rows: list[dict]) -> dict:
    by_kind: dict[str, list] = defaultdict(list)
    by_cell: dict[tuple[str, str], list] = defaultdict(list)
    for row in rows:
        by_kind[row["kind"]].append(row)
        by_cell[(row["section"], row["kind"])].append(row)
    confusion = Counter((r["label"], "answered" if r["tool"] else "not answered") for r in rows)
    licences = [r["licence"] for r in rows if "licence" in r]
    # A label of "none" or "unknown" matches a tool that read no SPDX id.
    matched = sum(1 for want, got in licences
                  if (got or "").lower() == want.lower()
                  or (want in ("none", "unknown") and got is None))
    return {
        "overall": _rate(rows),
        "platforms": {k: _rate(v) for k, v in sorted(by_kind.items())},
        "cells": {f"{s} x {k}": _rate(v) for (s, k), v in sorted(by_cell.items())},
        "confusion": {f"{label} -> {tool}": n for (label, tool), n in sorted(confusion.items())},
        "licence": {"match": matched, "total": len(licences),
                    "rate": round(matched / len(licences), 3) if licences else None},
        "disagreements": [{k: r[k] for k in ("kind", "name", "section", "label", "tool")}
                          for r in rows if r["truth"] != r["tool"]],
    }


def render(result: dict) -> str:
    out = [f"agreement: {result['overall']['rate']:.3f} "
           f"({result['overall']['agree']}/{result['overall']['total']} verdicts)", ""]
    kinds = list(result["platforms"])
    out.append("| section | " + " | ".join(f"{k} ({result['platforms'][k]['total'] // 7})"
                                         for k in kinds) + " |")
    out.append("|---|" + "---:|" * len(kinds))
    for section in GEBRU_SECTIONS:
        cells = [result["cells"][f"{section} x {k}"] for k in kinds]
        out.append(f"| {section} | " + " | ".join(
            f"{c['agree']}/{c['total']} ({c['rate']:.2f})" for c in cells) + " |")
    out.append("| **all** | " + " | ".join(
        f"**{result['platforms'][k]['rate']:.3f}**" for k in kinds) + " |")
    out += ["", "| label | tool: answered | tool: not answered |", "|---|---:|---:|"]
    for label in ("answered", "placeholder", "absent"):
        out.append(f"| {label} | {result['confusion'].get(f'{label} -> answered', 0)} | "
                   f"{result['confusion'].get(f'{label} -> not answered', 0)} |")
    lic = result["licence"]
    out += ["", f"licence SPDX id matches the label: {lic['match']}/{lic['total']} "
                f"({lic['rate']:.3f})"]
    return "\n".join(out)


def _cut_down(part: str) -> None:
    """Replace the passage reader's judgment for this process, for the ablations in the README."""
    from datasheet_kit.readers import passages

    whole = passages.judge

    def judge(passage: passages.Passage) -> passages.Judgment:
        if part == "reader":
            return passages.Judgment({}, None, {})
        found = whole(passage)
        return passages.Judgment(found.scores, found.top, {})

    passages.judge = judge  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=Path, default=CORPUS / "labels" / "sections-dev.json")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", type=Path, help="also write the full result as JSON here")
    parser.add_argument("--disagreements", action="store_true",
                        help="list every verdict that differs from the label")
    parser.add_argument("--without", choices=("cues", "reader"),
                        help="measure a reader cut down: no phrase cues answering (the model "
                             "alone), or no passage reader at all (fields and asking places only)")
    args = parser.parse_args(argv)
    if args.without:
        _cut_down(args.without)
    if not args.labels.is_file():
        print(f"no labels at {args.labels} (set DATASHEET_CORPUS)", file=sys.stderr)
        return 2
    result = evaluate(json.loads(args.labels.read_text(encoding="utf-8")), args.corpus)
    print(render(result))
    if args.disagreements:
        print()
        for d in result["disagreements"]:
            print(f"{d['kind']:<9} {d['name']:<45} {d['section']:<14} label={d['label']:<11} "
                  f"tool={'answered' if d['tool'] else 'not answered'}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    import signal

    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends the output quietly
    sys.exit(main())
