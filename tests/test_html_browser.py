"""The HTML report in a real browser: Debian's chromium and chromium-driver, through Selenium.

Opens the report of tests/fixtures/html-report/ from disk and checks what a copy chief sees:
the highlighted spans and their messages, keyboard navigation, a filter and what stays
visible, the view kept in the URL fragment, and that the hostile draft ran nothing. Saves a
screenshot (the README's, docs/img/html-report.png, is made by `python
tests/test_html_browser.py docs/img/html-report.png`). Skipped when selenium, chromium or
chromedriver is missing (`.ci/run` installs them with apt-get).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "html-report"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
DRIVERS = ("chromedriver", "/usr/lib/chromium/chromedriver")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
)


def _found(names):
    for name in names:
        path = shutil.which(name) or (name if os.path.isabs(name) and os.access(name, os.X_OK) else None)
        if path:
            return path
    return None


def browser_missing() -> str:
    """Why the browser tests cannot run here, or "" when they can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (the test extra has it from Python 3.10)"
    if not _found(BROWSERS):
        return "no chromium (apt-get install chromium chromium-driver)"
    if not _found(DRIVERS):
        return "no chromedriver (apt-get install chromium-driver)"
    return ""


@contextmanager
def chromium(width: int = 1280, height: int = 860):
    """A headless chromium driven by the system chromedriver, in a fresh profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _found(BROWSERS)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    profile = tempfile.mkdtemp(prefix="copydesk-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(_found(DRIVERS)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def render_fixture_report(folder: Path) -> Path:
    """The HTML report of the fixture drafts, checked from a copy of them in `folder`."""
    from lint.cli.main import main

    drafts = folder / "drafts"
    shutil.copytree(FIXTURES, drafts)
    here = os.getcwd()
    os.chdir(drafts)
    try:
        assert main(["check", ".", "--format", "html", "-o", str(folder / "report.html")]) == 1
    finally:
        os.chdir(here)
    return folder / "report.html"


def open_report(driver, page: Path, fragment: str = ""):
    driver.get(page.resolve().as_uri() + fragment)
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.documentElement.dataset.ready") == "1")


def section(driver, path: str):
    from selenium.webdriver.common.by import By

    for details in driver.find_elements(By.CSS_SELECTOR, "details.draft"):
        if details.find_element(By.CSS_SELECTOR, "summary .path").text == path:
            return details
    raise AssertionError(f"no draft {path} on the page")


def shown_drafts(driver):
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('details.draft')).filter(d => !d.hidden)"
        ".map(d => d.querySelector('.path').textContent)"
    )


def screenshot(driver, page: Path, target: Path) -> None:
    """The README's view: the first draft's copy with its findings, the first one selected."""
    open_report(driver, page)
    driver.find_element("tag name", "body").send_keys("j")
    driver.execute_script("document.querySelector('details.draft').scrollIntoView({block: 'start'}); window.scrollBy(0, -70)")
    driver.save_screenshot(str(target))


pytestmark = pytest.mark.skipif(bool(browser_missing()), reason=browser_missing() or "browser present")


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    return render_fixture_report(tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="module")
def driver():
    with chromium() as d:
        yield d


def test_copy_shows_each_finding_highlighted_with_its_message(driver, page, tmp_path):
    from selenium.webdriver.common.by import By

    open_report(driver, page)
    council = section(driver, "council-budget.txt")
    marks = council.find_elements(By.CSS_SELECTOR, ".copy mark")
    assert [m.text for m in marks] == ["[check figure with finance office]", "TK"]
    assert all("lv-error" in m.get_attribute("class").split() for m in marks)
    assert marks[0].get_attribute("title").startswith("hygiene.editor-note: “[check figure with finance office]” looks like a note")
    cards = council.find_elements(By.CSS_SELECTOR, "ol.notes li")
    assert len(cards) == 2 and "line 9, column 52" in cards[1].text
    # the copy around the marks is the draft's, word for word
    copy = council.find_element(By.CSS_SELECTOR, ".copy").get_attribute("textContent")
    assert copy == (FIXTURES / "council-budget.txt").read_text(encoding="utf-8")
    # clicking a mark selects its message; j moves to the next finding and keeps it in the URL
    marks[0].click()
    assert "current" in cards[0].get_attribute("class").split()
    driver.find_element(By.TAG_NAME, "body").send_keys("j")
    assert "current" in cards[1].get_attribute("class").split()
    assert driver.execute_script("return location.hash").startswith("#f=")
    # the rule id links to its description and examples, in the page
    cards[1].find_element(By.CSS_SELECTOR, "a.rule-link").click()
    rule = driver.find_element(By.ID, "rule-hygiene.editor-note")
    assert rule.get_attribute("open") == "true" and "Flags notes left in copy" in rule.text
    driver.save_screenshot(str(tmp_path / "report.png"))
    assert (tmp_path / "report.png").stat().st_size > 10_000
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_a_filter_keeps_only_what_matches_and_the_url_keeps_the_view(driver, page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    open_report(driver, page)
    assert len(shown_drafts(driver)) == 6
    Select(driver.find_element(By.ID, "f-rule")).select_by_value("people.title-consistency")
    assert sorted(shown_drafts(driver)) == ["base-visit.txt", "gulf-drones.txt"]
    assert driver.find_element(By.ID, "status").text == "Showing 2 of 9 findings in 2 drafts."
    # in base-visit the rank-branch error is filtered out: its words are no longer marked as it
    base = section(driver, "base-visit.txt")
    visible_cards = [c.text for c in base.find_elements(By.CSS_SELECTOR, "ol.notes li") if c.is_displayed()]
    assert len(visible_cards) == 1 and "people.title-consistency" in visible_cards[0]
    mark = base.find_element(By.CSS_SELECTOR, ".copy mark")
    assert "lv-warning" in mark.get_attribute("class").split()
    fragment = driver.execute_script("return location.hash")
    assert fragment == "#rule=people.title-consistency"
    # a link with the fragment opens the same view; the search box narrows it further
    open_report(driver, page, "#levels=error&q=tk")
    assert sorted(shown_drafts(driver)) == ["council-budget.txt", "hostile.md"]
    assert driver.find_element(By.ID, "f-q").get_attribute("value") == "tk"
    assert not driver.find_element(By.CSS_SELECTOR, "input[value=warning]").is_selected()
    # a link of the overview (a bar of the chart) sets the view and scrolls to the drafts
    open_report(driver, page)
    driver.find_element(By.CSS_SELECTOR, "svg a[href='#rule=hygiene.boilerplate'] rect").click()
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 5).until(lambda d: shown_drafts(d) == ["ferry-strike.txt"])  # hashchange is async
    assert driver.execute_script("return document.getElementById('drafts').getBoundingClientRect().top") < 5
    driver.find_element(By.ID, "f-reset").click()
    assert len(shown_drafts(driver)) == 6 and driver.execute_script("return location.hash") == ""


def test_the_hostile_draft_runs_nothing_and_shows_as_text(driver, page):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    open_report(driver, page)
    hostile = section(driver, "hostile.md")
    driver.execute_script("arguments[0].scrollIntoView()", hostile)
    copy = hostile.find_element(By.CSS_SELECTOR, ".copy").get_attribute("textContent")
    assert copy == (FIXTURES / "hostile.md").read_text(encoding="utf-8")
    assert '<script>window.__copydeskPwned = "script";</script>' in copy
    assert driver.execute_script("return typeof window.__copydeskPwned") == "undefined"
    assert driver.find_elements(By.TAG_NAME, "img") == [] and driver.find_elements(By.TAG_NAME, "textarea") == []
    assert len(driver.find_elements(By.TAG_NAME, "script")) == 2
    assert not any(a.get_attribute("href").startswith("javascript:") for a in driver.find_elements(By.TAG_NAME, "a"))
    try:
        driver.switch_to.alert.text
        raise AssertionError("an alert opened")
    except NoAlertPresentException:
        pass


if __name__ == "__main__":  # python tests/test_html_browser.py docs/img/html-report.png
    if browser_missing():
        sys.exit(f"cannot make the screenshot: {browser_missing()}")
    with tempfile.TemporaryDirectory() as folder:
        report = render_fixture_report(Path(folder))
        with chromium(1200, 900) as d:
            screenshot(d, report, Path(sys.argv[1]))
    print(f"wrote {sys.argv[1]}")
