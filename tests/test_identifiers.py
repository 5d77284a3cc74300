"""Tests for datasheet_kit.identifiers: DOI / Handle / ARK syntax, free text, platforms."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from datasheet_kit.identifiers import (
    SCHEMES,
    Identifier,
    find_all,
    is_persistent,
    parse,
    platform_of,
    validate,
)

# ---------------------------------------------------------------------------
# parse: one identifier in any of its usual forms

@pytest.mark.parametrize(
    "text, scheme, value, url",
    [
        ("10.1234/abc", "doi", "10.1234/abc", "https://doi.org/10.1234/abc"),
        ("doi:10.1234/abc", "doi", "10.1234/abc", "https://doi.org/10.1234/abc"),
        ("DOI: 10.1234/ABC", "doi", "10.1234/abc", "https://doi.org/10.1234/abc"),
        ("https://doi.org/10.1234/abc", "doi", "10.1234/abc", "https://doi.org/10.1234/abc"),
        ("http://dx.doi.org/10.1234/abc", "doi", "10.1234/abc", "https://doi.org/10.1234/abc"),
        ("https://doi.org/10.34970/2020-ds01", "doi", "10.34970/2020-ds01",
         "https://doi.org/10.34970/2020-ds01"),
        ("10.7910/DVN/DBW86T", "doi", "10.7910/dvn/dbw86t", "https://doi.org/10.7910/dvn/dbw86t"),
        ("10.1016/S0140-6736(20)30183-5", "doi", "10.1016/s0140-6736(20)30183-5",
         "https://doi.org/10.1016/s0140-6736(20)30183-5"),
        # early Wiley DOIs fall outside Crossref's character set (croissant_fair.md §5)
        ("10.1002/(SICI)1097-4636(199712)37:4<498::AID-JBM8>3.0.CO;2-K", "doi",
         "10.1002/(sici)1097-4636(199712)37:4<498::aid-jbm8>3.0.co;2-k",
         "https://doi.org/10.1002/(sici)1097-4636(199712)37:4%3C498::aid-jbm8%3E3.0.co;2-k"),
        ("https://doi.org/10.1000/a%2Fb", "doi", "10.1000/a/b", "https://doi.org/10.1000/a/b"),
        ("hdl:20.500.12345/abc", "handle", "20.500.12345/abc",
         "https://hdl.handle.net/20.500.12345/abc"),
        ("hdl:1721.1/12345", "handle", "1721.1/12345", "https://hdl.handle.net/1721.1/12345"),
        ("https://hdl.handle.net/20.500.12345/abc", "handle", "20.500.12345/abc",
         "https://hdl.handle.net/20.500.12345/abc"),
        ("20.500.12345/abc", "handle", "20.500.12345/abc",
         "https://hdl.handle.net/20.500.12345/abc"),
        # every DOI is a Handle; the DOI reading wins
        ("hdl:10.1234/abc", "doi", "10.1234/abc", "https://doi.org/10.1234/abc"),
        ("https://hdl.handle.net/10.1234/abc", "doi", "10.1234/abc", "https://doi.org/10.1234/abc"),
        ("ark:/13030/tf5p30086k", "ark", "13030/tf5p30086k",
         "https://n2t.net/ark:/13030/tf5p30086k"),
        ("ark:13030/tf5p30086k", "ark", "13030/tf5p30086k",
         "https://n2t.net/ark:/13030/tf5p30086k"),
        ("https://n2t.net/ark:/13030/tf5p30086k", "ark", "13030/tf5p30086k",
         "https://n2t.net/ark:/13030/tf5p30086k"),
        ("https://gallica.bnf.fr/ark:/12148/bpt6k5619759j", "ark", "12148/bpt6k5619759j",
         "https://n2t.net/ark:/12148/bpt6k5619759j"),
        ("  <https://doi.org/10.1234/abc>  ", "doi", "10.1234/abc", "https://doi.org/10.1234/abc"),
        ("https://www.kaggle.com/datasets/owner/slug", "url",
         "https://www.kaggle.com/datasets/owner/slug",
         "https://www.kaggle.com/datasets/owner/slug"),
    ],
)
def test_parse(text, scheme, value, url):
    ident = parse(text)
    assert ident is not None
    assert (ident.scheme, ident.value, ident.url) == (scheme, value, url)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "10.5/3", "10.123/abc", "10.1234/", "doi:", "hello world", "1721.1/12345",
     "10.1234/abc and more",
     "ark:/aeiou/x", "kaggle.com/datasets/a/b", "ftp://example.org/x"],
)
def test_parse_rejects(text):
    assert parse(text) is None


def test_parse_offsets_point_into_the_input():
    text = "  doi:10.1234/abc."
    ident = parse(text)
    assert ident is not None and text[ident.start:ident.end] == "doi:10.1234/abc"


def test_str_is_the_compact_form():
    assert str(parse("https://doi.org/10.1234/abc")) == "doi:10.1234/abc"
    assert str(parse("https://hdl.handle.net/20.500.1/x")) == "hdl:20.500.1/x"
    assert str(parse("ark:13030/tf5p30086k")) == "ark:/13030/tf5p30086k"


# ---------------------------------------------------------------------------
# is_persistent

@pytest.mark.parametrize(
    "text, expected",
    [
        ("10.5281/zenodo.1214456", True),
        ("https://doi.org/10.13026/C2JT1Q", True),
        ("hdl:20.500.12345/abc", True),
        ("ark:/13030/tf5p30086k", True),
        ("https://www.kaggle.com/datasets/kmader/skin-cancer-mnist-ham10000", False),
        ("https://huggingface.co/datasets/marmal88/skin_cancer", False),
        ("https://zenodo.org/records/1214456", False),
        ("https://physionet.org/content/mimic-cxr/2.0.0/", False),
        ("", False),
        ("not an identifier", False),
    ],
)
def test_is_persistent(text, expected):
    assert is_persistent(text) is expected


# ---------------------------------------------------------------------------
# find_all: identifiers in free text

def _spans(text: str) -> list[str]:
    return [text[i.start:i.end] for i in find_all(text)]


@pytest.mark.parametrize(
    "text, found",
    [
        # a DOI at the end of a sentence, in parentheses, followed by a comma
        ("The data are at 10.1234/abc.", ["10.1234/abc"]),
        ("See the paper (doi:10.1234/abc) for details.", ["doi:10.1234/abc"]),
        ("Cite https://doi.org/10.1234/abc, please.", ["https://doi.org/10.1234/abc"]),
        ("DOI: 10.1234/abc; archived at hdl:20.500.1/x.", ["DOI: 10.1234/abc", "hdl:20.500.1/x"]),
        # parentheses that belong to the DOI are kept
        ("(see 10.1016/S0140-6736(20)30183-5)", ["10.1016/S0140-6736(20)30183-5"]),
        # markdown link, BibTeX, quoted JSON
        ("[https://doi.org/10.23636/BKHQ-0312](https://doi.org/10.23636/BKHQ-0312)",
         ["https://doi.org/10.23636/BKHQ-0312", "https://doi.org/10.23636/BKHQ-0312"]),
        ("  doi = {10.18653/v1/P19-1043},", ["10.18653/v1/P19-1043"]),
        ('"identifier": "https://doi.org/10.5281/zenodo.123"',
         ["https://doi.org/10.5281/zenodo.123"]),
        # the Copycats melanoma copy names its source like this
        ("SIIM-ISIC 2020 Challenge Dataset, CC-BY-NC 4.0, https://doi.org/10.34970/2020-ds01",
         ["https://doi.org/10.34970/2020-ds01"]),
        ("An ARK (ark:/13030/tf5p30086k) and another: https://n2t.net/ark:/99999/fk4abc/.",
         ["ark:/13030/tf5p30086k", "https://n2t.net/ark:/99999/fk4abc"]),
        # a DOI inside a publisher URL is still that DOI
        ("https://dl.acm.org/doi/10.1145/3292500.3330701", ["10.1145/3292500.3330701"]),
        # several in one text, in order
        ("a 10.1000/1 b 10.1000/2 c 10.1000/3", ["10.1000/1", "10.1000/2", "10.1000/3"]),
        # look-alikes that must not count
        ("Released as version 10.5/3 in 2020.", []),
        ("Python 3.10.12/ubuntu and 10.12/3 and v10.1234/5 and 210.1234/5", []),
        ("IP range 10.123.4.0/24", []),
        ("Remark:12345/abc is not an ARK", []),
        ("No identifier here at all.", []),
        ("", []),
        # a bare numeric handle needs a label: 1721.1/123 alone could be anything
        ("page 1721.1/123", []),
    ],
)
def test_find_all(text, found):
    assert _spans(text) == found


def test_find_all_reports_schemes_and_canonical_urls():
    text = "Data: hdl:10.1234/abc and https://hdl.handle.net/20.500.12345/x?locatt=view."
    ids = find_all(text)
    assert [(i.scheme, i.value, i.url) for i in ids] == [
        ("doi", "10.1234/abc", "https://doi.org/10.1234/abc"),
        ("handle", "20.500.12345/x", "https://hdl.handle.net/20.500.12345/x"),
    ]


def test_find_all_does_not_report_plain_urls():
    assert find_all("https://www.kaggle.com/datasets/a/b and https://example.org") == []


@given(st.text(max_size=300))
@settings(max_examples=400, deadline=None)
def test_find_all_never_raises(text):
    for ident in find_all(text):
        assert ident.scheme in SCHEMES
        assert 0 <= ident.start < ident.end <= len(text)
        assert validate(ident.scheme, ident.value) is None
    parse(text)
    is_persistent(text)
    platform_of(text)


@given(st.lists(st.sampled_from(["10.", "1234", "/", "doi:", "hdl:", "ark:/", "(", ")", ".", ",",
                                 " ", "a", "https://doi.org/"]),
                max_size=15).map("".join))
@settings(max_examples=400, deadline=None)
def test_found_identifiers_reparse_to_themselves(text):
    for ident in find_all(text):
        again = parse(text[ident.start:ident.end])
        assert again is not None and (again.scheme, again.value) == (ident.scheme, ident.value)
        assert not ident.value.endswith((".", ",", ";", ":"))


def _every_pattern(monkeypatch, text):
    """find_all with every pattern tried, whatever literals the text holds."""
    from datasheet_kit import identifiers

    with monkeypatch.context() as patch:
        patch.setattr(identifiers, "_NEEDS", ("",) * len(identifiers._NEEDS))
        return find_all(text)


@pytest.mark.parametrize("text", [
    "See https://DOI.ORG/10.1234/ABC. and HDL: 20.500.12345/x",
    "doi\u0130: 10.5555/xyz", "DO\u0131:10.5555/xyz",  # an I that only ignoring case matches
    "https://n2t.net/AR\u212a:/13030/tf5p30086k",  # the Kelvin sign is a K then too
    "https://hdl.handle.NET/1721.1/123 ark:/13030/q and 20.500.1/z",
])
def test_patterns_left_out_for_a_missing_literal_would_have_found_nothing(monkeypatch, text):
    assert find_all(text) == _every_pattern(monkeypatch, text)
    assert find_all(text)


@given(st.lists(st.sampled_from(["10.", "1234", "/", "doi:", "DOI", "do\u0131", "hdl:", "HDL.",
                                 "handle.net/", "ark:/", "AR\u212a:", "20.500.", "doi.org/", ".",
                                 " ", "https://", "a"]), max_size=12).map("".join))
@settings(max_examples=300, deadline=None)
def test_find_all_finds_what_every_pattern_finds(text):
    with pytest.MonkeyPatch.context() as patch:
        assert find_all(text) == _every_pattern(patch, text)


def test_non_text_input_does_not_raise():
    assert find_all(None) == []  # type: ignore[arg-type]
    assert parse(None) is None  # type: ignore[arg-type]
    assert platform_of(None) is None  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# validate

@pytest.mark.parametrize(
    "scheme, value, reason",
    [
        ("doi", "10.1234/abc", None),
        ("doi", "https://doi.org/10.1234/abc", None),
        ("doi", "10.1002/(SICI)1097-4636(199712)37:4<498::AID-JBM8>3.0.CO;2-K", None),
        ("doi", "10.5/3", "a DOI starts with '10.' followed by a registrant code of 4 to 9 digits"),
        ("doi", "11.1234/abc",
         "a DOI starts with '10.' followed by a registrant code of 4 to 9 digits"),
        ("doi", "10.1234/", "a DOI needs a suffix after the '/'"),
        ("doi", "10.1234/a b", "a DOI suffix may contain only letters, digits and - . _ ; ( ) / :"),
        ("handle", "20.500.12345/abc", None),
        ("handle", "10.1234/abc", None),
        ("handle", "abc/def", "a Handle is a numeric prefix such as 20.500.12345, a '/', "
                              "and a local name without spaces"),
        ("ark", "ark:/13030/tf5p30086k", None),
        ("ark", "13030/tf5p30086k", None),
        ("ark", "ark:/b5072/x", None),
        ("ark", "ark:/aeiou/x",
         "an ARK is 'ark:/' then a NAAN of digits or betanumeric letters (no vowels), a '/', "
                               "and a name"),
        ("url", "https://example.org/x", None),
        ("url", "example.org", "a URL must start with http:// or https:// and name a host"),
        ("isbn", "978-3-16-148410-0", "unknown scheme 'isbn': expected doi, handle, ark or url"),
    ],
)
def test_validate(scheme, value, reason):
    assert validate(scheme, value) == reason


# ---------------------------------------------------------------------------
# platform_of

@pytest.mark.parametrize(
    "url, platform",
    [
        ("https://www.kaggle.com/datasets/kmader/skin-cancer-mnist-ham10000", "kaggle"),
        ("kaggle.com/competitions/siim-isic-melanoma-classification", "kaggle"),
        ("https://huggingface.co/datasets/marmal88/skin_cancer", "huggingface"),
        ("https://hf.co/datasets/x/y", "huggingface"),
        ("https://zenodo.org/records/10519652", "zenodo"),
        ("https://doi.org/10.5281/zenodo.10519652", "zenodo"),
        ("https://physionet.org/content/mimic-cxr/2.0.0/", "physionet"),
        ("https://doi.org/10.13026/C2JT1Q", "physionet"),
        ("https://wiki.cancerimagingarchive.net/display/Public/LIDC-IDRI", "tcia"),
        ("https://www.cancerimagingarchive.net/collection/lidc-idri/", "tcia"),
        ("https://drive.grand-challenge.org/", "grand_challenge"),
        ("https://luna16.grand-challenge.org", "grand_challenge"),
        ("https://osf.io/abcde/", "osf"),
        ("https://dataverse.harvard.edu/dataset.xhtml?persistentId=doi:10.7910/DVN/DBW86T",
         "dataverse"),
        ("10.7910/DVN/DBW86T", "dataverse"),
        ("https://dataverse.nl/dataset.xhtml?persistentId=x", "dataverse"),
        ("https://figshare.com/articles/dataset/x/123", "figshare"),
        ("https://springernature.figshare.com/articles/x", "figshare"),
        ("https://data.mendeley.com/datasets/abc/1", "mendeley_data"),
        ("https://github.com/veronhoxha/duplicate-datasets", "github"),
        ("https://raw.githubusercontent.com/a/b/main/x.csv", "github"),
        # GitHub Pages is a website (CheXpert's home), not a repository
        ("https://stanfordmlgroup.github.io/competitions/chexpert/", None),
        ("https://challenge.isic-archive.com/data/", None),
        ("https://doi.org/10.1000/xyz", None),
        ("https://notkaggle.com/x", None),
        ("http://[::1", None),
        ("", None),
    ],
)
def test_platform_of(url, platform):
    assert platform_of(url) == platform


# ---------------------------------------------------------------------------
# Real documents (../shared/corpus)

def _manifest(corpus: Path, kind: str) -> list[Path]:
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [corpus / kind / f"{r['name']}.md" for r in rows if r["kind"] == kind]


@pytest.mark.corpus
def test_corpus_hf_cards_dois(corpus):
    found: dict[str, list[Identifier]] = {}
    for path in _manifest(corpus, "hf"):
        text = path.read_text(encoding="utf-8")
        ids = find_all(text)
        found[path.stem] = ids
        for ident in ids:
            assert validate(ident.scheme, ident.value) is None
            span = text[ident.start:ident.end]
            # nothing that ends the sentence or the markup stays in the identifier
            assert not re.search(r"[.,;:}\]>\"']$", span), (path.name, span)
            assert span.count(")") <= span.count("("), (path.name, span)
    dois = {i.value for ids in found.values() for i in ids if i.scheme == "doi"}
    # cards cite ACL Anthology papers by DOI; some in BibTeX braces, some as links
    assert {"10.18653/v1/p19-1043", "10.18653/v1/d18-1419", "10.23636/bkhq-0312"} <= dois
    assert sum(1 for ids in found.values() if ids) > 50
    handles = {i.value for ids in found.values() for i in ids if i.scheme == "handle"}
    # CLARIN repositories cite their corpora by hdl.handle.net links
    assert {"11356/1064", "11321/305"} <= handles


@pytest.mark.corpus
def test_corpus_kaggle_copy_names_its_source_by_doi(corpus):
    card = corpus / "kaggle" / "Edgar-Ontiveros__melanoma-triage__1.json"
    doc = json.loads(card.read_text(encoding="utf-8"))
    ids = find_all(doc["description"])
    assert [(i.scheme, i.value) for i in ids] == [("doi", "10.34970/2020-ds01")]
    # the copy's own id is a Kaggle slug: not persistent
    assert not is_persistent(f"https://www.kaggle.com/datasets/{doc['id']}")
    assert platform_of(f"https://www.kaggle.com/datasets/{doc['id']}") == "kaggle"
