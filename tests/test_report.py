"""`datasheet report` (issue 12): one self-contained page, and what a person sees of it in a real
browser (headless Chromium, driven through chromedriver; skipped with the reason when absent)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from datasheet_kit.cli import main
from datasheet_kit.report import build

from .conftest import FIXTURES, ROOT

CARD = FIXTURES / "cards" / "hf-current.md"
COPY = ROOT / "examples" / "skin-lesions-256-copy.yaml"


def write_report(tmp_path: Path, *targets: Path, name: str = "report.html") -> Path:
    out = tmp_path / name
    result = CliRunner().invoke(main, ["report", *map(str, targets), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_the_page_data_says_where_each_answer_was_found_and_what_the_copy_breaks():
    page = build([str(CARD), str(COPY)])
    card, copy = page["documents"]
    assert card["kind"] == "hf" and card["presence"] is not None
    questions = {q["id"]: q for s in card["sections"] for q in s["questions"]}
    title = questions["dataset.title"]
    assert title["origin"]["line"] == 5 and title["found"]["how"] == "field"
    assert title["link"] == f"#d0-L{title['origin']['line']}"
    assert any(q.get("hints") for q in questions.values())
    assert all(f["doc"] and f["link"].startswith("#d0-L") for f in card["findings"])
    licence = copy["provenance"]["licence"]
    assert licence["verdict"] == "incompatible" and licence["original"].startswith("ISIC 2019")
    assert {"DS901", "DS902"} <= {f["code"] for f in copy["findings"]}


def test_the_page_is_self_contained_and_small(tmp_path):
    page = write_report(tmp_path, CARD).read_text(encoding="utf-8")
    assert len(page.encode("utf-8")) < 200_000
    # nothing is fetched: no external script, style sheet, font, frame or picture
    assert not re.search(r"<(script|img|iframe|link)[^>]*\b(src|href)=", page)
    assert "@import" not in page and "url(" not in page
    assert page.count("<svg") == 1 and "<noscript" not in page
    # each rule's documentation once; later findings of the rule link to it
    assert page.count("About DS201:") == 1
    assert 'href="#d0-about-DS201"' in page and 'id="d0-about-DS201"' in page


def test_a_target_that_is_not_there_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["report", str(tmp_path / "nothing.md"), "-o",
                                       str(tmp_path / "r.html")])
    assert result.exit_code == 2


# ---------------------------------------------------------------------------- in a browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture
def browser(tmp_path):
    """A headless Chromium started for the test, with a fresh profile and no network."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("Chromium and chromedriver are not installed (Debian: apt-get install "
                    "chromium chromium-driver; make test does it when run as root)")
    from selenium.webdriver.chrome.service import Service

    def start(javascript: bool = True):
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        profile = tmp_path / f"profile-{len(started)}"
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--disable-quic", "--window-size=1280,1000",
                     f"--user-data-dir={profile}"):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        if not javascript:
            options.add_experimental_option(
                "prefs", {"profile.managed_default_content_settings.javascript": 2})
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        started.append(driver)
        return driver

    started: list = []
    yield start
    for driver in started:
        driver.quit()


def _errors(driver) -> list[dict]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_a_card_report_reads_in_chromium(browser, tmp_path):
    from selenium.webdriver.common.by import By

    page = write_report(tmp_path, CARD)
    driver = browser()
    driver.get(page.as_uri())
    assert driver.title.startswith("Datasheet report")
    doc = driver.find_element(By.ID, "d0")
    assert doc.find_element(By.TAG_NAME, "h2").text.endswith("hf-current.md")
    # the sections, as a chart: one labelled bar per section, drawn with a width
    chart = doc.find_element(By.CSS_SELECTOR, "svg.chart")
    bars = chart.find_elements(By.CSS_SELECTOR, "g.bar")
    labels = [b.find_element(By.TAG_NAME, "text").text for b in bars]
    assert labels[:3] == ["Identity", "Motivation", "Composition"]
    assert chart.size["width"] > 300 and chart.is_displayed()
    # our score beside the platform's
    tiles = [t.text for t in doc.find_elements(By.CSS_SELECTOR, ".tile")]
    assert "our score" in tiles[0] and "platform-style score" in tiles[1]
    # the findings, each with its rule's documentation a click away
    rows = doc.find_elements(By.CSS_SELECTOR, "table.findings tbody tr")
    assert len(rows) == len(build([str(CARD)], provenance=False)["documents"][0]["findings"])
    about = rows[0].find_element(By.TAG_NAME, "summary")
    about.click()
    assert rows[0].find_element(By.CSS_SELECTOR, "pre.doc").is_displayed()
    # a link to a line goes to that line of the document, shown in the page
    link = next(a for a in doc.find_elements(By.CSS_SELECTOR, "table.findings td:first-child a")
                if a.text != "1:1")
    line = link.text.split(":")[0]
    driver.execute_script("arguments[0].scrollIntoView()", link)
    link.click()
    target = driver.execute_script("return document.querySelector(':target')")
    assert target.get_attribute("id") == f"d0-L{line}" and target.is_displayed()
    assert target.text.startswith(line)
    driver.save_screenshot(str(tmp_path / "card-report.png"))
    assert (tmp_path / "card-report.png").stat().st_size > 10_000
    assert _errors(driver) == []


def test_the_table_of_many_documents_sorts_and_reads_without_javascript(browser, tmp_path):
    from selenium.webdriver.common.by import By

    page = write_report(tmp_path, COPY, FIXTURES / "cards", name="many.html")
    driver = browser()
    driver.get(page.as_uri())
    table = driver.find_element(By.ID, "table")

    def ours():
        return [int(r.find_elements(By.TAG_NAME, "td")[2].text)
                for r in table.find_elements(By.CSS_SELECTOR, "tbody tr")]

    assert len(ours()) == 12
    table.find_elements(By.CSS_SELECTOR, "th button")[2].click()
    assert ours() == sorted(ours(), reverse=True)
    table.find_elements(By.CSS_SELECTOR, "th button")[2].click()
    assert ours() == sorted(ours())
    driver.save_screenshot(str(tmp_path / "many.png"))
    assert _errors(driver) == []
    plain = browser(javascript=False)
    plain.get(page.as_uri())
    assert len(plain.find_elements(By.CSS_SELECTOR, "#table tbody tr")) == 12
    assert len(plain.find_elements(By.CSS_SELECTOR, "section.doc")) == 12
    assert plain.find_element(By.CSS_SELECTOR, "#overview svg.chart").is_displayed()
