"""The HTML report (`--format html`, `copydesk report`): structure, counts, escaping, CSP.

The drafts are tests/fixtures/html-report/ (a desk note, web furniture, one general called
Navy Gen. and Marine Gen. in two drafts, an unattributed figure, a clean draft and a hostile
one), copied to a temporary folder with one more draft whose file name is itself hostile.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lint.cli.main import main

FIXTURES = Path(__file__).parent / "fixtures" / "html-report"
HOSTILE_NAME = '"><img src=x onerror=alert(1)>.txt'
DATA_BLOCK = re.compile(r'<script type="application/json" id="copydesk-data">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html-report") / "drafts"
    shutil.copytree(FIXTURES, folder)
    (folder / HOSTILE_NAME).write_text("Bus fares rise\n\nFares rise by 10p on Monday. TK\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def outputs(drafts, tmp_path_factory, monkeypatch_module):
    """The JSON and the HTML of one check of the drafts, run from their folder."""
    out = tmp_path_factory.mktemp("out")
    monkeypatch_module.chdir(drafts)
    assert main(["check", ".", "--format", "json", "-o", str(out / "findings.json")]) == 1
    assert main(["check", ".", "--format", "html", "-o", str(out / "report.html")]) == 1
    return json.loads((out / "findings.json").read_text(encoding="utf-8")), (out / "report.html").read_text(encoding="utf-8"), out


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def data_of(page: str) -> dict:
    block = DATA_BLOCK.search(page)
    assert block, "no data block"
    assert "<" not in block.group(1) and ">" not in block.group(1)
    return json.loads(block.group(1))


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text under each id'd element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(page: str):
    parser = Tags()
    parser.feed(page)
    return parser.tags


def utf16_slice(text: str, start: int, end: int) -> str:
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def test_every_finding_is_in_the_page_once_at_its_words(outputs):
    stored, page, _ = outputs
    data = data_of(page)
    assert len(data["findings"]) == len(stored["findings"]) == 10
    keys = []
    for row in data["findings"]:
        path, text, _ = data["drafts"][row[0]]
        rule = data["rules"][row[1]][0]
        keys.append((path, row[5], row[6], rule))
        finding = next(f for f in stored["findings"] if (f["path"], f["line"], f["column"], f["rule"]) == keys[-1])
        assert utf16_slice(text, row[3], row[4]) == finding["match"]
        assert row[7] == finding["message"]
        assert data["levels"][row[2]] == finding["severity"]
    assert sorted(keys) == sorted((f["path"], f["line"], f["column"], f["rule"]) for f in stored["findings"])
    assert len(set(keys)) == len(keys)


def test_counts_and_worst_drafts_first(outputs):
    stored, page, _ = outputs
    summary = stored["summary"]
    for level in ("error", "warning", "suggestion"):
        shown = re.search(rf'<a class="count lv-{level}" href="#levels={level}"><b>(\d+)</b>', page)
        assert int(shown.group(1)) == summary[level + "s"]
    assert summary["errors"] == 6 and summary["warnings"] == 4
    assert "<b>8</b> drafts checked, <b>7</b> with findings" in page
    data = data_of(page)
    # council-budget has two errors: first; then drafts with one error, the most warnings first
    assert data["drafts"][0][0] == "council-budget.txt"
    assert data["drafts"][1][0] == "base-visit.txt"  # 1 error and 1 warning
    worst = re.search(r'<table id="worst-drafts">.*?</table>', page, re.S).group(0)
    assert worst.index("council-budget.txt") < worst.index("base-visit.txt") < worst.index("flood-damage.txt")
    # the chart: one bar per rule and level, its count written beside it
    chart = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    assert chart.count("<rect") == len({f["rule"] for f in stored["findings"]})
    assert re.search(r"hygiene\.editor-note: 4 errors</title></rect><text [^>]*>4</text>", chart)


def test_every_draft_is_listed(outputs):
    _, page, _ = outputs
    data = data_of(page)
    flagged = {d[0] for d in data["drafts"]}
    assert flagged == {
        "council-budget.txt", "ferry-strike.txt", "base-visit.txt", "gulf-drones.txt",
        "flood-damage.txt", "hostile.md", HOSTILE_NAME,
    }
    clean = re.search(r'<details id="clean" class="clean"><summary>1 draft without findings</summary><ul>(.*?)</ul>', page)
    assert clean.group(1) == "<li>school-prize.txt</li>"
    options = [a["value"] for tag, a in tags_of(page) if tag == "option" and a.get("value") in flagged]
    assert sorted(options) == sorted(flagged)


def test_rules_that_fired_carry_their_description_and_examples(outputs):
    _, page, _ = outputs
    box = re.search(r'<details class="rule" id="rule-people\.rank-branch">.*?</details>', page, re.S).group(0)
    assert "Flags a rank written after a branch that does not have it" in box
    assert "<b>Flagged:</b>" in box and "<pre>Navy Gen. Kenneth McKenzie, head of U.S. Central Command, spoke Tuesday.</pre>" in box
    assert "<b>Not flagged:</b>" in box
    fired = {a["id"] for tag, a in tags_of(page) if tag == "details" and a.get("class") == "rule"}
    assert fired == {"rule-" + r for r, _ in data_of(page)["rules"]}


def test_fixes_are_shown_before_and_after(outputs):
    _, page, _ = outputs
    data = data_of(page)
    fixes = [row[8] for row in data["findings"] if row[8]]
    assert fixes, "the boilerplate finding has a safe fix"
    before, after, safe = next(f for f in fixes if "Share this article" in (f[0] or ""))
    assert after == "" and safe == 1


def test_people_table_lists_one_general_in_two_forms_and_drafts(outputs):
    _, page, _ = outputs
    table = re.search(r'<details id="people" open>.*?</details>', page, re.S).group(0)
    row = re.search(r'<tr class="flagged"><td>Harold T\. Brandt</td><td>(.*?)</td><td>(.*?)</td></tr>', table)
    assert row, table
    assert row.group(1).split("<br>") == ["Navy Gen. Harold Brandt", "Marine Gen. Harold T. Brandt"]
    assert 'href="#draft=base-visit.txt"' in row.group(2) and 'href="#draft=gulf-drones.txt"' in row.group(2)


def test_hostile_copy_and_file_names_are_text(outputs, drafts):
    _, page, _ = outputs
    outside = DATA_BLOCK.sub("", page)
    # two scripts: the data block and the page's own; nothing from a draft became a tag
    assert page.count("<script") == 2
    assert "__copydeskPwned" not in outside
    assert "<img" not in page and "onerror=" not in outside.replace("onerror=alert(1)&gt;", "")
    assert "javascript:" not in outside
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.txt" in outside  # the hostile file name, escaped
    for tag, attrs in tags_of(page):
        assert tag not in ("img", "iframe", "object", "embed", "textarea")
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    data = data_of(page)
    hostile = next(d for d in data["drafts"] if d[0] == "hostile.md")
    assert hostile[1] == (drafts / "hostile.md").read_text(encoding="utf-8")  # the copy, whole, as data


def test_content_security_policy_allows_only_the_pages_own_script_and_style(outputs):
    _, page, _ = outputs
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1).replace("&#x27;", "'")
    assert policy.startswith("default-src 'none'; ")
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy and "http" not in policy

    def digest(text):
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"

    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    assert f"script-src {digest(script)};" in policy
    assert f"style-src {digest(style)};" in policy
    # nothing is fetched: no src or external href in the page
    for tag, attrs in tags_of(page):
        assert "src" not in attrs
        assert not (attrs.get("href") or "#").lower().startswith(("http:", "//", "data:", "javascript:")), attrs


def test_a_pack_link_that_is_not_http_is_not_a_link(tmp_path, monkeypatch):
    pack = tmp_path / "desk.yaml"
    pack.write_text(
        "name: desk\ndescription: <b>desk</b> rules\nrules:\n  no-gizmo:\n    kind: existence\n    level: warning\n"
        "    tokens: [gizmo]\n    message: 'Avoid “{match}”: say what it is'\n"
        "    description: 'Flags gizmo <script>alert(1)</script>.'\n    link: \"javascript:alert('x')\"\n"
        "    examples:\n      fail:\n        - text: \"A gizmo broke.\\n\"\n          match: gizmo\n      pass:\n        - \"A pump broke.\\n\"\n",
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text("The gizmo failed on Monday.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "a.txt", "--pack", str(pack), "--select", "desk", "--format", "html", "-o", "r.html"]) == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    box = re.search(r'<details class="rule" id="rule-desk\.no-gizmo">.*?</details>', page, re.S).group(0)
    assert "Flags gizmo &lt;script&gt;alert(1)&lt;/script&gt;." in box
    assert "<b>More:</b> javascript:alert(&#x27;x&#x27;)</p>" in box and "href=\"javascript" not in page
    assert '<h3 class="pack">Pack desk</h3><p class="pack-about">&lt;b&gt;desk&lt;/b&gt; rules</p>' in page


def test_spans_count_utf16_units_past_astral_characters(tmp_path, monkeypatch):
    (tmp_path / "emoji.txt").write_text("Fans 🎉🎉 cheered. The result comes at TK on Sunday.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "emoji.txt", "--format", "html", "-o", "r.html"]) == 1
    data = data_of((tmp_path / "r.html").read_text(encoding="utf-8"))
    row = data["findings"][0]
    assert utf16_slice(data["drafts"][0][1], row[3], row[4]) == "TK"


def test_report_renders_the_stored_json_with_copy_people_and_rules(outputs, drafts, monkeypatch):
    stored, page, out = outputs
    monkeypatch.chdir(drafts)
    assert main(["report", str(out / "findings.json"), "-o", str(out / "again.html")]) == 0
    again = (out / "again.html").read_text(encoding="utf-8")
    first, second = data_of(page), data_of(again)
    assert second["drafts"] == first["drafts"]  # the copy read again, every draft in the same order
    assert [row[:8] for row in second["findings"]] == [row[:8] for row in first["findings"]]
    # the stored JSON keeps a fix's replacement, not its span: shown as "replace with"
    assert all(row[8] == 0 or row[8][0] is None for row in second["findings"])
    assert 'id="rule-people.rank-branch"' in again and "Harold T. Brandt" in again
    assert "Rendered from the stored JSON output" in again
    # drafts without findings: counted, not named (the JSON does not name them)
    assert "1 draft without findings" in again and "1 more draft without findings was checked" in again


def test_report_without_the_drafts_shows_findings_without_copy(outputs, tmp_path, monkeypatch):
    stored, _, out = outputs
    monkeypatch.chdir(tmp_path)
    assert main(["report", str(out / "findings.json"), "-o", "r.html"]) == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    data = data_of(page)
    assert all(d[1] is None and "not at hand" in d[2] for d in data["drafts"])
    assert len(data["findings"]) == len(stored["findings"])
    assert all(row[9] for row in data["findings"])  # the flagged words, shown in place of the copy
    assert "7 drafts named in it were not found from" in page


def test_report_says_when_a_draft_changed_since_the_check(outputs, tmp_path, monkeypatch):
    stored, _, _ = outputs
    one = [f for f in stored["findings"] if f["path"] == "council-budget.txt"]
    (tmp_path / "council-budget.txt").write_text("Rewritten since.\n", encoding="utf-8")
    (tmp_path / "f.json").write_text(json.dumps({"version": 1, "findings": one, "summary": {"drafts": 1}}), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["report", "f.json", "-o", "r.html"]) == 0
    draft = data_of((tmp_path / "r.html").read_text(encoding="utf-8"))["drafts"][0]
    assert draft[1] is None and "changed since it was checked" in draft[2]


@pytest.mark.parametrize(
    "content, said",
    [
        ("not json", "not JSON"),
        ('{"version": 2, "findings": []}', "not a copydesk JSON report"),
        ('{"version": 1, "findings": [{"path": "a.txt"}]}', "finding 1 is incomplete or malformed"),
    ],
)
def test_report_refuses_what_is_not_a_json_output(tmp_path, capsys, content, said):
    (tmp_path / "f.json").write_text(content, encoding="utf-8")
    assert main(["report", str(tmp_path / "f.json"), "-o", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert said in err and str(tmp_path / "f.json") in err and "Traceback" not in err
    assert not (tmp_path / "r.html").exists()


def test_an_empty_run_renders_a_page_saying_so(tmp_path, monkeypatch):
    (tmp_path / "fine.txt").write_text("The council met on Tuesday and agreed the budget.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "fine.txt", "--format", "html", "-o", "r.html"]) == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Checked 1 draft: no findings." in page
    assert data_of(page)["findings"] == [] and "<li>fine.txt</li>" in page
