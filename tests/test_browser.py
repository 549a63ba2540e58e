"""The HTML report in headless Chromium: highlights, filters, provenance, no console errors, no script from text.

Needs Debian's chromium and chromium-driver (``/usr/bin/chromium``, ``/usr/bin/chromedriver``);
selenium is always given that driver, so selenium-manager never downloads anything.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from lawqa.model import Document, EncodingInfo, FileResult, Finding, LineKind, Provenance, Severity
from lawqa.report.html import render_file

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ROOT = Path(__file__).resolve().parents[1]
SAMPLE_002 = ROOT / "tests" / "corpus" / "002_dcdaca7f04dbe387.txt"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "hostile.txt"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        message = "headless Chromium not installed: apt-get install chromium chromium-driver (.ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)  # in CI a missing browser is a broken setup, not a reason to skip
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    with tempfile.TemporaryDirectory(prefix="lawqa-chromium-") as profile:
        for arg in (
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            f"--user-data-dir={profile}",
            "--window-size=1280,1000",
        ):
            options.add_argument(arg)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        try:
            yield driver
        finally:
            driver.quit()


def open_page(driver, page: str, folder: Path, name: str = "report.html") -> None:
    path = folder / name
    path.write_text(page, encoding="utf-8")
    driver.get(path.resolve().as_uri())
    driver.get_log("browser")  # nothing from earlier pages


def severe_logs(driver) -> list[dict]:
    return [entry for entry in driver.get_log("browser") if entry.get("level") in ("SEVERE", "ERROR")]


def highlighted(driver, mark) -> bool:
    background = driver.execute_script("return getComputedStyle(arguments[0]).backgroundColor", mark)
    return background not in ("rgba(0, 0, 0, 0)", "transparent")


def choose(driver, select_id: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", select_id)).select_by_value(value)


def synthetic_result() -> FileResult:
    lines = ("利用D组会、局务会深入学习", "XX局", "2023 年")
    data = "\n".join(lines).encode("utf-8")
    sha = hashlib.sha256(data).hexdigest()
    doc = Document(
        path="x.txt",
        sha256=sha,
        size=len(data),
        encoding=EncodingInfo("gb18030", 0.9, False),
        newline="\n",
        lines=lines,
        decoded_lines=lines,
        kinds=(LineKind.BODY,) * 3,
    )
    findings = (
        Finding("censored-term", Severity.ERROR, 1, 3, 1, 5, "'D组' looks censored", "D组", "党组"),
        Finding("redaction-placeholder", Severity.WARNING, 1, 4, 1, 7, "overlapping span", "组会、", None),
        Finding("redaction-placeholder", Severity.WARNING, 2, 1, 2, 3, "'XX' placeholder", "XX", None),
        Finding("cjk-spacing", Severity.INFO, 3, 5, 3, 6, "stray space", " ", ""),
    )
    prov = Provenance(sha, len(data), "gb18030", 0.9, False, "\n")
    return FileResult("x.txt", "fail", prov, findings, document=doc)


def test_sample_002_report(browser, tmp_path: Path) -> None:
    from lawqa.pipeline import check_path
    from lawqa.rules import registry

    result = check_path(str(SAMPLE_002))
    open_page(browser, render_file(result, registry()), tmp_path)

    censored = browser.find_elements("css selector", '#L6 mark[data-rule~="censored-term"]')
    expected = sum(f.rule == "censored-term" and f.line == 6 for f in result.findings)
    assert expected >= 2, "the censored-term rule should flag D对/D组/D政 on line 6 of sample 002"
    assert len(censored) >= expected
    assert {m.text for m in censored} >= {"D组", "D对"}
    assert all(m.get_attribute("data-severity") == "error" and highlighted(browser, m) for m in censored)

    others = [r for r in sorted({f.rule for f in result.findings}) if r != "censored-term"]
    assert others, "sample 002 has findings of several rules"
    choose(browser, "f-rule", "censored-term")
    rows = browser.find_elements("css selector", "#findings tbody tr[data-id]")
    assert rows
    for row in rows:
        assert row.is_displayed() == (row.get_attribute("data-rule") == "censored-term")
    for mark in browser.find_elements("css selector", "mark.hl"):
        rules = mark.get_attribute("data-rule").split()
        assert highlighted(browser, mark) == ("censored-term" in rules), rules
    assert all(highlighted(browser, m) for m in censored)

    assert browser.find_element("id", "prov-encoding").text == "utf-8"
    assert browser.find_element("id", "provenance-panel").is_displayed()
    assert severe_logs(browser) == []


def test_highlights_popup_and_filters_on_a_synthetic_report(browser, tmp_path: Path) -> None:
    from lawqa.rules import registry

    open_page(browser, render_file(synthetic_result(), registry()), tmp_path)
    marks = browser.find_elements("css selector", "#L1 mark.hl")
    assert [m.get_attribute("data-rule") for m in marks] == [
        "censored-term",
        "censored-term redaction-placeholder",
        "redaction-placeholder",
    ]
    assert all(highlighted(browser, m) for m in marks)

    marks[0].click()
    popup = browser.find_element("id", "popup")
    assert popup.is_displayed()
    assert "censored-term" in popup.text and "'D组' looks censored" in popup.text and "党组" in popup.text
    browser.find_element("id", "popup-close").click()
    assert not popup.is_displayed()

    choose(browser, "f-severity", "warning")
    shown = [r.get_attribute("data-rule") for r in browser.find_elements("css selector", "#findings tr[data-id]")]
    visible = [
        r.get_attribute("data-rule")
        for r in browser.find_elements("css selector", "#findings tr[data-id]")
        if r.is_displayed()
    ]
    assert len(shown) == 4 and visible == ["redaction-placeholder", "redaction-placeholder"]
    assert [highlighted(browser, m) for m in marks] == [False, True, True]  # the overlap stays lit
    assert not highlighted(browser, browser.find_element("css selector", '#L3 mark[data-rule="cjk-spacing"]'))
    assert browser.find_element("id", "f-count").text == "2 / 4"

    choose(browser, "f-severity", "")
    assert all(highlighted(browser, m) for m in browser.find_elements("css selector", "mark.hl"))

    browser.find_element("css selector", 'a[href="#rule-censored-term"]').click()
    assert browser.find_element("id", "rule-censored-term").get_attribute("open") is not None
    assert browser.find_element("id", "prov-encoding").text == "gb18030"
    assert severe_logs(browser) == []


def test_hostile_report_runs_no_script(browser, tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    text = HOSTILE.read_text(encoding="utf-8")
    lines = tuple(text.splitlines())
    data = text.encode("utf-8")
    sha = hashlib.sha256(data).hexdigest()
    doc = Document(
        path="hostile.txt",
        sha256=sha,
        size=len(data),
        encoding=EncodingInfo("utf-8", 1.0, False),
        newline="\n",
        lines=lines,
        decoded_lines=lines,
    )
    findings = tuple(
        Finding("censored-term", Severity.ERROR, n, m.start() + 1, n, m.end() + 1, f"{m.group()}", m.group(), m.group())
        for n, line in enumerate(lines, start=1)
        for m in re.finditer(r"<[^>]*>", line)
    )
    prov = Provenance(sha, len(data), "utf-8<script>alert(2)</script>", 1.0, False, "\n", title="<script>x</script>")
    result = FileResult("<img src=x onerror=alert(3)>.txt", "fail", prov, findings, document=doc)
    from lawqa.rules import registry

    open_page(browser, render_file(result, registry()), tmp_path, "hostile.html")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - reading it is the check
    assert browser.title == "lawqa report"
    assert browser.execute_script("return window.__pwned === undefined")
    assert browser.find_elements("css selector", ".text img, .text svg, .text script, .text a[href^=javascript]") == []
    for number, line in enumerate(lines, start=1):
        assert browser.find_element("css selector", f"#L{number} > span").text == line.strip()
    for mark in browser.find_elements("css selector", "mark.hl")[:3]:
        mark.click()
    assert browser.execute_script("return window.__pwned === undefined")
    assert severe_logs(browser) == []
