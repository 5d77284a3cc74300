"""The online check (`datasheet fair --online`): do the identifiers and landing page resolve?

The network itself is in resolve.py; this module only decides what to resolve and how to report.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import identifiers
from .model import (
    CHECKS,
    FAIL,
    NOT_APPLICABLE,
    Check,
    Result,
    Target,
    graded,
    identifier_items,
    is_http_iri,
    make_result,
)


def _resolvable(t: Target, url_for: Callable[[identifiers.Identifier], str]
                ) -> list[tuple[str, str, str]]:
    """(sheet path, what it is, URL to try) for each declared identifier and the landing page."""
    out = []
    for path, item in identifier_items(t):
        ident = identifiers.parse(str(item.get("value", "")))
        if ident is not None:
            out.append((path + ".value", str(ident) if ident.scheme != "url" else "URL",
                        url_for(ident)))
    landing = t.value("dataset.landing_page")
    if isinstance(landing, str) and is_http_iri(landing):
        ident = identifiers.parse(landing)
        url = url_for(ident) if ident is not None and ident.scheme != "url" else landing.strip()
        out.append(("dataset.landing_page", "landing page", url))
    unique: dict[str, tuple[str, str, str]] = {}
    for entry in out:  # the landing page is often the DOI itself: resolve each URL once
        unique.setdefault(entry[2], entry)
    return list(unique.values())


RESOLVE = "FAIR-A1-RESOLVE"
# Registered like the others so that reports list its metadata; it has no offline function and runs
# only through online_check().
CHECKS[RESOLVE] = Check(RESOLVE, "A", "FsF-F1-02D-2", "RDA-A1-03M, RDA-A1-03D",
                        "Identifiers and landing page resolve (online)", "resolves", 2,
                        needs="sheet", run=None, online=True)


def online_check(resolver) -> Callable[[Target], list[Result]]:
    """The online check bound to a resolver (resolve.Resolver or a test double with
    `url_for(identifier) -> str` and `resolve(url) -> Resolution`)."""

    def run(t: Target) -> list[Result]:
        if t.sheet is None:
            return [make_result(RESOLVE, NOT_APPLICABLE, t.note)]
        targets = _resolvable(t, resolver.url_for)
        if not targets:
            return [make_result(RESOLVE, FAIL, "there is no identifier or landing page to resolve",
                                [t.at("dataset.identifiers", "nothing to resolve", True)])]
        evidence = []
        for path, label, url in targets:
            resolution = resolver.resolve(url)
            evidence.append(t.at(path, f"{label} {url}: {resolution.describe()}",
                                 not resolution.ok))
        good = sum(not e.problem for e in evidence)
        return [graded(RESOLVE, good, len(evidence), (
            "every identifier and landing page resolves", "{good} of {total} addresses resolve",
            "nothing resolves"), evidence)]

    return run
