"""Train the passage reader's model: which questions a passage of prose answers.

    python tools/train_passages.py [--corpus DIR] [--out FILE] [--report FILE]

Writes src/datasheet_kit/data/passages.json (the weights, read in plain Python by
readers/passages.py) and prints its measured quality. Needs scikit-learn (a development
dependency only). Deterministic: inputs are read in sorted order, folds come from hashes of
document names, and the solver's seed is fixed, so the same inputs give the same file.

Training text is text whose question is known for free (data/passages.md has the details):

1. passages of the real-document corpus's Hugging Face cards and Croissant files, under the
   places the schema's crosswalk says ask one question ("Curation Rationale" asks why the data
   was made; `rai:dataCollection` asks how it was gathered). A passage is a positive example for
   the question its place asks, is left out for the questions its place only holds (it may or
   may not answer them), and is a negative example for every other question. Text under a
   summary and Contributions-style thanks are handled as data/passages.md says;
2. the prose answers of the reference datasheets in datasheets/, each a positive example for
   its question and a negative one for the questions of other sections.

Every document of the hand-labelled evaluation set (corpus/labels/sections-dev.json) is left out
by its sha256, and so is every other version of a labelled Croissant dataset: those labels are
how the model is judged, never what it learns from.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from datasheet_kit.catalogue import questions, sections  # noqa: E402
from datasheet_kit.readers import croissant, hf  # noqa: E402
from datasheet_kit.readers.passages import cues, features, split_text, value_of  # noqa: E402
from datasheet_kit.sheet import load  # noqa: E402

CORPUS = Path(os.environ.get("DATASHEET_CORPUS", ROOT.parent / "shared" / "corpus"))
OUT = ROOT / "src" / "datasheet_kit" / "data" / "passages.json"
MIN_POSITIVES = 20  # a question with fewer examples is left to the crosswalk alone
MIN_DOCUMENTS = 2  # a feature must occur in this many training documents
C_GRID = (4.0, 16.0, 64.0)
KEEP = 1500  # the largest weights kept per question (the rest are dropped to keep the file small)
FOLDS = 5
HOLDOUT = 5  # one document in HOLDOUT (by name hash) is kept out to measure the model
AWAY_PRECISION = 0.9  # reported: the threshold at which held-out precision reaches this
SEED = 0


def prose_questions() -> dict[str, str]:
    """Question id -> section, for the questions answered in prose (not counts, flags, lists)."""
    return {qid: q.section for qid, q in questions().items()
            if q.shape == "answer" and q.kind == "question"}


# ------------------------------------------------------------------------------ examples

class Example:
    __slots__ = ("doc", "text", "positive", "skip")

    def __init__(self, doc: str, text: str, positive: set[str], skip: set[str]):
        self.doc, self.text, self.positive, self.skip = doc, text, positive, skip


def _bucket(name: str) -> int:
    return int(hashlib.sha256(name.encode()).hexdigest()[:8], 16)


def evaluation_set(labels: Path) -> tuple[set[str], set[str]]:
    """sha256 of every labelled document, and the dataset stems of labelled Croissant files."""
    documents = json.loads(labels.read_text(encoding="utf-8"))["documents"]
    hashes = {d["sha256"] for d in documents}
    stems = {d["name"].split("__v")[0] for d in documents if d["kind"] == "croissant"}
    return hashes, stems


def _card_examples(doc: str, places: dict, layout, prose: dict[str, str]) -> list[Example]:
    homes: dict[str, set[str]] = defaultdict(set)
    for mapping in layout.homes:
        for qid, names in mapping.items():
            for name in names:
                homes[name].add(qid)
    out = []
    for name, group in sorted(places.items()):
        asked = {q for q in layout.asks.get(name, ()) if q in prose}
        held = {q for q in homes.get(name, ()) if q in prose} - asked
        answered_here = homes.get(name, set())
        if "dataset.summary" in answered_here and not asked:
            continue  # a summary may say anything: it teaches nothing either way
        for place in group:
            if not place.prose or place.question or not place.pieces:
                continue
            for passage in place.pieces:
                if passage.kind != "code":
                    out.append(Example(doc, passage.text, asked, held))
    return out


def hf_examples(corpus: Path, hashes: set[str], prose: dict[str, str]) -> list[Example]:
    out = []
    for path in sorted((corpus / "hf").glob("*.md")):
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() in hashes:
            continue
        sheet, card, layout = hf.places_of(data, str(path))
        if card is None or sheet.fatal:
            continue
        doc = "hf/" + path.stem
        out += _card_examples(doc, card.places, layout, prose)
        for place in card.loose:
            # Thanks for adding a dataset to a library answer no question about the data.
            if place.name.strip().lower() == "contributions":
                out += [Example(doc, p.text, set(), set()) for p in place.pieces
                        if p.kind != "code"]
    return out


def croissant_examples(corpus: Path, hashes: set[str], stems: set[str],
                       prose: dict[str, str]) -> list[Example]:
    out = []
    for path in sorted((corpus / "croissant").glob("*.json")):
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() in hashes or path.stem.split("__v")[0] in stems:
            continue
        sheet, found = croissant.places_of(data, str(path))
        if found is None:
            continue
        out += _card_examples("croissant/" + path.stem, found.places, croissant.layout(), prose)
    return out


def datasheet_examples(folder: Path, prose: dict[str, str]) -> list[Example]:
    out = []
    for path in sorted(folder.glob("*.yaml")):
        sheet = load(path)
        for qid, section in prose.items():
            value = sheet.get(qid)
            text = value.get("answer") if isinstance(value, dict) else value
            if not isinstance(text, str) or not text.strip():
                continue
            same_section = {q for q, s in prose.items() if s == section and q != qid}
            for passage in split_text(text):
                out.append(Example("datasheets/" + path.stem, passage.text, {qid}, same_section))
    return out


# ------------------------------------------------------------------------------- training

def vectorise(examples: list[Example], vocabulary: dict[str, int] | None = None):
    from scipy.sparse import csr_matrix

    found = [features(e.text) for e in examples]
    if vocabulary is None:
        documents: dict[str, set[str]] = defaultdict(set)
        for example, feats in zip(examples, found, strict=True):
            for f in feats:
                documents[f].add(example.doc)
        vocabulary = {f: i for i, f in enumerate(sorted(
            f for f, docs in documents.items() if len(docs) >= MIN_DOCUMENTS))}
    rows, cols, values = [], [], []
    for row, feats in enumerate(found):
        scale = 1.0 / math.sqrt(len(feats)) if feats else 0.0
        for f in feats:
            if f in vocabulary:
                rows.append(row)
                cols.append(vocabulary[f])
                values.append(value_of(f, scale))
    matrix = csr_matrix((values, (rows, cols)), shape=(len(examples), len(vocabulary)))
    return matrix, vocabulary


def targets(examples: list[Example], qid: str):
    """(row indices with a known answer for qid, 1/0 for each)."""
    import numpy as np

    keep = [i for i, e in enumerate(examples) if qid not in e.skip]
    y = np.array([1 if qid in examples[i].positive else 0 for i in keep])
    return np.array(keep), y


def fit(matrix, y, c: float):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(l1_ratio=0.0, C=c, solver="liblinear", random_state=SEED,
                               max_iter=1000)
    model.fit(matrix, y)
    return model


def folds_of(examples: list[Example], rows) -> list[int]:
    return [_bucket(examples[i].doc) % FOLDS for i in rows]


def out_of_fold(matrix, y, folds: list[int], c: float):
    import numpy as np

    scores = np.zeros(len(y))
    for k in range(FOLDS):
        test = np.array([f == k for f in folds])
        train = ~test
        if not test.any():
            continue
        if y[train].sum() == 0 or y[train].sum() == train.sum():
            scores[test] = y[train].mean()
            continue
        scores[test] = fit(matrix[train], y[train], c).predict_proba(matrix[test])[:, 1]
    return scores


def choose(examples: list[Example], matrix, qid: str) -> dict:
    """C by grouped cross-validation (average precision), and the two thresholds."""
    from sklearn.metrics import average_precision_score

    rows, y = targets(examples, qid)
    sub = matrix[rows]
    folds = folds_of(examples, rows)
    best = None
    for c in C_GRID:
        scores = out_of_fold(sub, y, folds, c)
        ap = average_precision_score(y, scores)
        if best is None or ap > best[0] + 1e-9:
            best = (ap, c, scores)
    ap, c, scores = best
    # Elsewhere the reader also asks that the question be the passage's likeliest one, so the
    # same "more likely than not" floor serves there. The threshold that reaches 0.9 precision
    # against the heading-derived labels is recorded, not used: those labels call every passage
    # under another heading a negative, though many do answer the question (data/passages.md).
    home = _best_f1(y, scores)
    return {"C": c, "ap": round(float(ap), 4), "home": home, "away": home,
            "away_at_0.9_precision": _precise(y, scores, AWAY_PRECISION)}


def _best_f1(y, scores) -> float:
    """The threshold with the best F1 out of fold, never below 0.5."""
    order = sorted(zip(scores, y, strict=True), key=lambda t: -t[0])
    positives = sum(y)
    best, threshold, tp = 0.0, 0.5, 0
    for k, (score, label) in enumerate(order, 1):
        tp += label
        f1 = 2 * tp / (k + positives) if positives else 0.0
        if f1 > best:
            best, threshold = f1, float(score)
    return round(max(0.5, threshold), 4)


def _precise(y, scores, precision: float) -> float:
    """The lowest threshold whose predictions above it reach `precision` out of fold (at least
    ten of them), never below 0.5; 1.0 (never) when no threshold does."""
    order = sorted(zip(scores, y, strict=True), key=lambda t: -t[0])
    tp, threshold = 0, 1.0
    for k, (score, label) in enumerate(order, 1):
        tp += label
        if k >= 10 and tp / k >= precision:
            threshold = float(score)
    return round(max(0.5, threshold), 4)


_SHARED: dict = {}  # what each worker process trains from (set before the pool starts)


def _train_one(qid: str) -> tuple[str, dict, dict, float]:
    examples, matrix, names = _SHARED["examples"], _SHARED["matrix"], _SHARED["names"]
    chosen = choose(examples, matrix, qid)
    rows, y = targets(examples, qid)
    model = fit(matrix[rows], y, chosen["C"])
    coef = model.coef_[0]
    strongest = sorted(range(len(coef)), key=lambda i: (-abs(coef[i]), i))[:KEEP]
    weights = {names[i]: round(float(coef[i]), 3) for i in sorted(strongest)
               if abs(coef[i]) >= 1e-3}
    return qid, chosen, weights, round(float(model.intercept_[0]), 4)


def train(examples: list[Example], classes: list[str]) -> tuple[dict, dict]:
    """One classifier per question, trained in parallel processes (each fit is seeded and
    single-threaded, so the result does not depend on how many there are)."""
    import multiprocessing

    matrix, vocabulary = vectorise(examples)
    _SHARED.update(examples=examples, matrix=matrix,
                   names=sorted(vocabulary, key=vocabulary.get))
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and (os.cpu_count() or 1) > 1:
        with multiprocessing.get_context("fork").Pool(os.cpu_count()) as pool:
            results = pool.map(_train_one, classes)
    else:
        results = [_train_one(qid) for qid in classes]
    settings = {qid: chosen for qid, chosen, _, _ in results}
    weights = {qid: table for qid, _, table, _ in results}
    bias = {qid: value for qid, _, _, value in results}
    return {"weights": weights, "bias": bias}, settings


def measure(train_set: list[Example], test_set: list[Example], classes: list[str]) -> dict:
    """Precision and recall per question on documents the model never saw, at its thresholds."""
    from datasheet_kit.readers.passages import from_json

    trained, settings = train(train_set, classes)
    model = from_json({"classes": classes, **trained, "thresholds": {
        "home": {q: settings[q]["home"] for q in classes},
        "away": {q: settings[q]["away"] for q in classes}}})
    out = {}
    for i, qid in enumerate(classes):
        counts: Counter = Counter()
        for example in test_set:
            if qid in example.skip:
                continue
            score = model.scores(example.text).get(qid, 0.0)
            truth = qid in example.positive
            # "model": the model alone at its threshold; "reader": with the phrase cues too,
            # as the reader decides at a question's home.
            for name, hit in (("model", score >= model.home[i]),
                              ("reader", score >= model.home[i] or qid in cues(example.text))):
                counts[name, "tp"] += hit and truth
                counts[name, "fp"] += hit and not truth
                counts[name, "fn"] += (not hit) and truth
        row = {"positives": counts["model", "tp"] + counts["model", "fn"]}
        for name in ("model", "reader"):
            tp, fp, fn = counts[name, "tp"], counts[name, "fp"], counts[name, "fn"]
            row[name] = {"precision": round(tp / (tp + fp), 3) if tp + fp else None,
                         "recall": round(tp / (tp + fn), 3) if tp + fn else None}
        out[qid] = row
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--no-holdout", action="store_true",
                        help="skip the held-out measurement (faster; the file keeps no metrics)")
    args = parser.parse_args(argv)
    labels = args.corpus / "labels" / "sections-dev.json"
    if not labels.is_file():
        print(f"no corpus at {args.corpus} (set DATASHEET_CORPUS)", file=sys.stderr)
        return 2
    hashes, stems = evaluation_set(labels)
    prose = prose_questions()
    examples = (hf_examples(args.corpus, hashes, prose)
                + croissant_examples(args.corpus, hashes, stems, prose)
                + datasheet_examples(ROOT / "datasheets", prose))
    positives = Counter(q for e in examples for q in e.positive)
    # A question is modelled when real cards give enough examples of it: our own datasheets add
    # clean examples, but two dozen medical-imaging datasheets are not a sample of how people
    # write, and optional sections (medical imaging) are never guessed from prose.
    from_cards = Counter(q for e in examples if not e.doc.startswith("datasheets/")
                         for q in e.positive)
    documents: dict[str, set[str]] = defaultdict(set)
    for e in examples:
        for q in e.positive:
            documents[q].add(e.doc)
    required = {s.id for s in sections().values() if s.required}
    classes = [q for q in prose if from_cards[q] >= MIN_POSITIVES
               and len(documents[q]) >= MIN_DOCUMENTS and prose[q] in required]
    print(f"{len(examples)} passages from {len({e.doc for e in examples})} documents; "
          f"{len(classes)} questions with at least {MIN_POSITIVES} examples from real cards",
          file=sys.stderr)
    metrics = None
    if not args.no_holdout:
        held = [e for e in examples if _bucket(e.doc) % HOLDOUT == 0]
        rest = [e for e in examples if _bucket(e.doc) % HOLDOUT != 0]
        metrics = measure(rest, held, classes)
    trained, settings = train(examples, classes)
    model = {
        "version": 1,
        "about": "Passage reader weights written by tools/train_passages.py; see data/passages.md.",
        "features": "words, word pairs, first five letters of longer words, phrase cues; "
                    "binary, words scaled by 1/sqrt(number of features)",
        "training": {
            "passages": len(examples),
            "documents": len({e.doc for e in examples}),
            "positives": {q: positives[q] for q in classes},
            "left_out": "every document of corpus/labels/sections-dev.json (by sha256) and "
                        "every version of a labelled Croissant dataset",
        },
        "classes": classes,
        "settings": settings,
        "thresholds": {"home": {q: settings[q]["home"] for q in classes},
                       "away": {q: settings[q]["away"] for q in classes}},
        "heldout": metrics,
        **trained,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(model, indent=None, sort_keys=True, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(text) // 1024} KiB)", file=sys.stderr)
    if metrics:
        print(f"{'question':<34} {'n':>4}  model P/R    reader P/R      C   AP(cv)")
        for qid, row in metrics.items():
            def pr(m):
                return (f"{m['precision'] if m['precision'] is not None else '-':>5}/"
                        f"{m['recall'] if m['recall'] is not None else '-':<5}")
            print(f"{qid:<34} {row['positives']:>4}  {pr(row['model'])}  {pr(row['reader'])}"
                  f"  {settings[qid]['C']:>5} {settings[qid]['ap']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
