"""Provenance: which well-known original a copy comes from, how sure we are, and what it changed.

A target (a datasheet, a platform card read into a Sheet, a local folder, or one listing of a
platform table) is reduced to the evidence it carries: names, keywords, file names, counts, size,
licence and declared sources. Each reference datasheet (`datasheets/*.yaml`) is compared with it,
and every match becomes an `Evidence` item that says in words what matched and has a weight.

Confidence is a noisy-OR of the weights: 1 - (1 - w1)(1 - w2)... Each item alone is the
probability we would give it on its own; independent items reinforce each other and the total
stays below 1. Only names, file-name patterns and declared sources can *make* a candidate;
counts, sizes and keywords only *support* one, because two unrelated datasets can share a count.

Findings follow from the confident candidates (DS901-DS905; see README "Copycats codes").

The package, in the order a target goes through it:

- ``names``: compacted text with word boundaries, and the years names carry;
- ``references``: loading the reference datasheets into `Reference` values;
- ``targets``: the evidence a copy carries (`Target`), read from a sheet, a folder or a listing;
- ``evidence``: weights, `Evidence`, `Candidate` and :func:`candidates`;
- ``verdicts``: the findings DS900-DS905 drawn from the confident candidates;
- ``run``: :func:`examine`, one file or folder from end to end, and :func:`as_json`, the JSON
  report with the candidates;
- ``batch``: many targets and listing tables, one :class:`Row` each (the likely original, the
  confidence, declared or not, the licence verdict).

Everything public is re-exported here, so ``datasheet_kit.provenance.examine`` and the other
names keep working where they were used.
"""

from __future__ import annotations

# Re-exported because they were importable from the single module: the licence answers
# (provenance.license_compatibility) and the finding types (provenance.Severity).
from ..findings import Finding, Severity
from ..licenses import license_answer, license_compatibility, license_text
from . import batch
from .batch import COLUMNS, Batch, Row, check_targets, classify, read_listings, row_of
from .evidence import (
                       REPORT_AT,
                       TIE,
                       W_COUNT_NEAR,
                       W_COUNT_SPLIT,
                       W_COUNT_SPLITS,
                       W_COUNT_TOTAL,
                       W_DECLARED,
                       W_FAMILY_TEXT,
                       W_FAMILY_TITLE,
                       W_KEYWORD,
                       W_LINK,
                       W_NAME_TEXT,
                       W_NAME_TITLE,
                       W_PATTERN,
                       W_SAME_PATTERN,
                       W_SIZE,
                       Candidate,
                       Evidence,
                       best,
                       candidates,
                       is_reference,
)
from .names import compact, find_words, mentions
from .references import Reference, default_references, load_references, reference_from_sheet
from .run import (
                       DATASHEET_NAMES,
                       Examination,
                       as_json,
                       examine,
                       examine_folder_options,
                       examine_listing,
                       examine_sheet,
)
from .targets import (
                       NO_LICENSE,
                       Target,
                       parse_size,
                       target_from_folder,
                       target_from_listing,
                       target_from_sheet,
)
from .verdicts import FIND_AT, findings, license_verdict

__all__ = ["COLUMNS", "DATASHEET_NAMES", "FIND_AT", "Batch", "Row", "batch", "check_targets",
           "classify", "examine_listing",
           "examine_sheet", "read_listings", "row_of", "NO_LICENSE", "REPORT_AT", "TIE",
           "W_COUNT_NEAR",
           "W_COUNT_SPLIT", "W_COUNT_SPLITS", "W_COUNT_TOTAL", "W_DECLARED", "W_FAMILY_TEXT",
           "W_FAMILY_TITLE", "W_KEYWORD", "W_LINK", "W_NAME_TEXT", "W_NAME_TITLE", "W_PATTERN",
           "W_SAME_PATTERN", "W_SIZE", "Candidate", "Evidence", "Examination", "Finding",
           "Reference", "Severity", "Target", "as_json", "best", "candidates", "compact",
           "default_references", "examine", "examine_folder_options", "find_words", "findings",
           "is_reference",
           "license_answer", "license_compatibility", "license_text", "license_verdict",
           "load_references", "mentions", "parse_size", "reference_from_sheet",
           "target_from_folder",
           "target_from_listing", "target_from_sheet"]
