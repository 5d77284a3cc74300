"""Which Kaggle ISIC listings `datasheet provenance` recognises, and what they declare.

    python bench/eval_isic_table.py [--table CSV] [--references DIR] [--out FILE] [--listings FILE]

Reads the ISIC-on-Kaggle metadata table of the real-document corpus (602 listings whose title
contains "ISIC"; ../shared/corpus/aux/isic_kaggle_metadata.csv), turns each row into a provenance
target, and matches it against the reference datasheets. Prints a Copycats-style table per
recognised original: listings, how many cite the original (a link or DOI), how many state a
licence, and whether that licence is compatible with the original's.

What the table can and cannot show: it holds the title, subtitle, keywords, licence display name
and size of each listing, but its `description` is empty in every row and it has no provenance
field, so "cites the original" is a lower bound (a listing may name its source in the page text
we cannot see). Nothing is written into the repository unless --out or --listings is given.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

from datasheet_kit import provenance as prov

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("DATASHEET_CORPUS", ROOT.parent / "shared" / "corpus"))
COLUMNS = ("listings", "cite the original", "licence stated", "compatible", "incompatible",
           "unknown or none")


def evaluate(table: Path, references: list[prov.Reference]) -> tuple[dict, list[dict]]:
    """The counts per original (the rows of the table printed) and one dict per listing. Each
    listing goes through the library exactly as `datasheet provenance --listings TABLE` takes
    it (provenance.batch: read_listings, examine_listing, row_of, classify)."""
    rows: dict[str, Counter] = defaultdict(Counter)
    listings = []
    for _, raw, target in prov.read_listings(table):
        exam = prov.examine_listing(target, references)
        row = prov.row_of(target.file, target, exam.candidates, exam.findings, "listing")
        # "Other (specified in description)" counts as stated, though it cannot be judged.
        stated = (raw["license.name"] or "Unknown").strip() != "Unknown"
        counts = rows[row.original]
        counts["listings"] += 1
        counts["cite the original"] += row.declared
        counts["licence stated"] += stated
        verdict = row.verdict
        counts[verdict if verdict in ("compatible", "incompatible") else "unknown or none"] += 1
        listings.append({"name": raw["name"], "url": raw["url"], "group": row.original,
                         "licence": raw["license.name"], "verdict": verdict,
                         "cites": row.declared, "confidence": row.confidence})
    return rows, listings


def markdown(rows: dict[str, Counter]) -> str:
    def order(name: str) -> tuple:
        return (name.startswith(("not", "ISIC,", "several")), name.startswith("not"), name)

    lines = ["| original | " + " | ".join(COLUMNS) + " |",
             "|---|" + "---:|" * len(COLUMNS)]
    total: Counter = Counter()
    for name in sorted(rows, key=order):
        total.update(rows[name])
        lines.append(f"| {name} | " + " | ".join(str(rows[name][c]) for c in COLUMNS) + " |")
    recognised = total["listings"] - rows.get("not recognised", Counter())["listings"]
    lines.append("| **all listings** | " + " | ".join(f"**{total[c]}**" for c in COLUMNS) + " |")
    lines.append("")
    lines.append(f"Recognised as ISIC-derived: {recognised} of {total['listings']} listings.")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", type=Path, default=CORPUS / "aux" / "isic_kaggle_metadata.csv")
    parser.add_argument("--references", type=Path, default=None,
                        help="reference datasheets (default: the project's datasheets/)")
    parser.add_argument("--out", type=Path, help="also write the Markdown table here")
    parser.add_argument("--listings", type=Path, help="write one CSV row per listing here")
    args = parser.parse_args()
    if not args.table.is_file():
        sys.exit(f"table not found: {args.table} (set DATASHEET_CORPUS or pass --table)")
    folder = args.references or prov.default_references()
    if folder is None:
        sys.exit("no reference datasheets found; pass --references DIR")
    references, problems = prov.load_references(folder)
    for problem in problems:
        print(f"skipped {problem.file}: {problem.message}", file=sys.stderr)
    rows, listings = evaluate(args.table, references)
    text = markdown(rows)
    print(text, end="")
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    if args.listings:
        with open(args.listings, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(listings[0]))
            writer.writeheader()
            writer.writerows(listings)


if __name__ == "__main__":
    main()
