"""How big the HTML report gets and how it behaves in a browser at 2,000 drafts.

    python benchmarks/html_report.py            # 2,000 drafts, prints a Markdown table
    python benchmarks/html_report.py --drafts 500

Copies the articles of ../shared/corpus/wikinews/ (relative to the repo root) under new names
until there are --drafts of them, checks them with `copydesk check --format html` (one whole
process, timed), then opens the page in headless chromium (tests/test_html_browser.py's
driver: Debian's chromium and chromedriver) and measures, with the page's own clock
(performance.now), what a reader waits for: the page ready (navigation start to the script's
end), a rule filter, a level filter, a search, and a jump to the last finding (k from the
top: that draft drawn, scrolled to and focused). Each browser number is the median of
--runs page loads. Timings live here and in docs/performance.md; no test asserts them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews"
sys.path.insert(0, str(ROOT / "tests"))

FILTER = """
const t0 = performance.now();
const box = document.getElementById(arguments[0]);
box.value = arguments[1];
box.dispatchEvent(new Event('change', {bubbles: true}));
document.body.offsetHeight;  // the layout the change causes
return [performance.now() - t0, document.getElementById('status').textContent];
"""
LEVEL = """
const t0 = performance.now();
const box = document.querySelector('input[name=level][value=suggestion]');
box.checked = false;
box.dispatchEvent(new Event('change', {bubbles: true}));
document.body.offsetHeight;
return [performance.now() - t0, document.getElementById('status').textContent];
"""
LAST = """
const t0 = performance.now();
document.body.dispatchEvent(new KeyboardEvent('keydown', {key: 'k', bubbles: true}));
document.body.offsetHeight;
return [performance.now() - t0, location.hash];
"""


def make_corpus(folder: Path, count: int) -> None:
    articles = sorted(p for p in CORPUS.glob("*.txt"))
    if not articles:
        sys.exit(f"no articles in {CORPUS}: this benchmark needs the shared corpus")
    folder.mkdir(parents=True)
    for i in range(count):
        source = articles[i % len(articles)]
        shutil.copyfile(source, folder / f"{i // len(articles):02d}-{source.name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from test_html_browser import browser_missing, chromium, open_report

    with tempfile.TemporaryDirectory() as tmp:
        drafts = Path(tmp) / "drafts"
        make_corpus(drafts, args.drafts)
        page = Path(tmp) / "report.html"
        env = dict(os.environ, COPYDESK_CACHE_DIR=os.environ.get("COPYDESK_CACHE_DIR", str(Path(tmp) / "cache")))
        command = [sys.executable, "-m", "lint", "check", str(drafts), "--format", "html", "-o", str(page)]
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        render = time.perf_counter() - start
        if done.returncode not in (0, 1):
            sys.exit(f"copydesk failed ({done.returncode}): {done.stderr[-2000:]}")
        json_start = time.perf_counter()
        done = subprocess.run(command[:5] + ["--format", "json", "-o", os.devnull], cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode not in (0, 1):
            sys.exit(f"copydesk --format json failed ({done.returncode}): {done.stderr[-2000:]}")
        as_json = time.perf_counter() - json_start
        size = page.stat().st_size
        rows = [
            ("drafts", f"{args.drafts:,}"),
            ("file size", f"{size / 1e6:.1f} MB"),
            ("`copydesk check --format html` (whole process)", f"{render:.1f} s (`--format json`: {as_json:.1f} s)"),
        ]
        missing = browser_missing()
        if missing:
            print(f"no browser numbers: {missing}", file=sys.stderr)
        else:
            numbers = {"ready": [], "drawn": [], "rule": [], "level": [], "search": [], "last": []}
            status = {}
            with chromium() as driver:
                for _ in range(args.runs):
                    open_report(driver, page)
                    # the page's own clock: navigation start to DOMContentLoaded (the data parsed,
                    # the script run) and to the first drafts drawn (the next frames)
                    numbers["ready"].append(driver.execute_script(
                        "return performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"
                    ))
                    numbers["drawn"].append(driver.execute_async_script(
                        "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())))"
                    ))
                    rule = driver.execute_script("return document.querySelector('#f-rule option:nth-child(2)').value")
                    ms, status["rule"] = driver.execute_script(FILTER, "f-rule", rule)
                    numbers["rule"].append(ms)
                    driver.execute_script(FILTER, "f-rule", "")
                    ms, status["level"] = driver.execute_script(LEVEL)
                    numbers["level"].append(ms)
                    ms, status["search"] = driver.execute_script(FILTER, "f-q", "said")
                    numbers["search"].append(ms)
                    driver.execute_script(FILTER, "f-q", "")
                    ms, _ = driver.execute_script(LAST)
                    numbers["last"].append(ms)
            med = {k: statistics.median(v) for k, v in numbers.items()}
            rows += [
                ("page ready (navigation start to DOMContentLoaded, the script run)", f"{med['ready']:.0f} ms"),
                ("first drafts drawn (navigation start to two frames later)", f"{med['drawn']:.0f} ms"),
                (f"filter by one rule ({status['rule']})", f"{med['rule']:.0f} ms"),
                (f"level filter: suggestions off ({status['level']})", f"{med['level']:.0f} ms"),
                (f"search “said” ({status['search']})", f"{med['search']:.0f} ms"),
                ("jump to the last finding (k)", f"{med['last']:.0f} ms"),
            ]
    print("| what | measured |")
    print("| --- | --- |")
    for what, value in rows:
        print(f"| {what} | {value} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
