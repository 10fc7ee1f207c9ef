"""CI output formats: github, sarif, junit, gitlab, rdjson (and --output, auto-github)."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from clitools import run

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-2.1.0.json"

# Line 3: an editor note after curly quotes and an en dash (multi-byte in UTF-8);
# line 7: web furniture. Line 5 is clean.
DRAFT = (
    "Storm damages harbor\n"
    "\n"
    "“It’s bad – really bad,” the harbor master said, 100% sure. JEFF OK’D\n"
    "\n"
    "The storm hit the harbor Tuesday, harbor master Ruth Alder said.\n"
    "\n"
    "Back to top button\n"
)
CLEAN = "Budget passes\n\nThe council voted 7-2 on Monday, the clerk said.\n"




@pytest.fixture
def repo(tmp_path):
    (tmp_path / ".git").mkdir()  # the repository root: CI paths are relative to it
    (tmp_path / "news" / "local").mkdir(parents=True)
    (tmp_path / "news" / "local" / "storm, harbor.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "news" / "local" / "budget.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def check(repo, fmt, cwd=None, env=None):
    # run from a subfolder: paths in the output must still be relative to the repo root
    result = run(cwd or repo / "news", "check", "--format", fmt, "local", env=env)
    assert result.returncode == 1, result.stderr
    return result.stdout


def test_github_annotations_are_well_formed_and_escaped(repo):
    lines = check(repo, "github").splitlines()
    assert lines[0] == (
        "::error file=news/local/storm%2C harbor.txt,line=3,col=61,endLine=3,endColumn=70,"
        "title=hygiene.editor-note::“JEFF OK’D” looks like a note to editors left in the copy: "
        "resolve it and delete it before publishing"
    )
    assert lines[1].startswith("::error file=news/local/storm%2C harbor.txt,line=7,col=1,endLine=7,endColumn=19,title=hygiene.boilerplate::")
    assert lines[2] == "Found 2 errors in 1 of 2 drafts."
    from lint.report.github import escape_data, escape_property

    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_github_is_automatic_in_actions_and_writes_a_step_summary(repo):
    summary = repo / "summary.md"
    out = run(repo / "news", "check", "local", env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert out.stdout.startswith("::error file=news/local/")
    table = summary.read_text(encoding="utf-8")
    assert "| Draft | Line | Level | Rule | Message |" in table
    assert "| `news/local/storm, harbor.txt` | 3 | error | `hygiene.editor-note` |" in table
    # an explicit format wins
    assert run(repo / "news", "check", "--format", "text", "local", env={"GITHUB_ACTIONS": "true"}).stdout.startswith("local/")


def test_sarif_validates_and_has_what_github_code_scanning_needs(repo):
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip(f"no SARIF schema at {SCHEMA}")
    document = json.loads(check(repo, "sarif"))
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(document)
    run_ = document["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "copydesk"
    assert run_["columnKind"] == "unicodeCodePoints"
    rules = {r["id"]: r for r in driver["rules"]}
    for rule in rules.values():
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results = run_["results"]
    assert [r["ruleId"] for r in results] == ["hygiene.editor-note", "hygiene.boilerplate"]
    first = results[0]
    assert first["level"] == "error" and first["message"]["text"].startswith("“JEFF OK’D”")
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "news/local/storm%2C%20harbor.txt"
    assert location["region"] == {"startLine": 3, "startColumn": 61, "endLine": 3, "endColumn": 70, "snippet": {"text": "JEFF OK’D"}}
    assert driver["rules"][first["ruleIndex"]]["id"] == "hygiene.editor-note"
    fingerprint = first["partialFingerprints"]["copydesk/v1"]

    # stable: lines inserted above the finding leave the fingerprint as it was
    path = repo / "news" / "local" / "storm, harbor.txt"
    path.write_text("Storm damages harbor\n\nA new first paragraph.\n\n" + DRAFT.split("\n", 2)[2], encoding="utf-8")
    again = json.loads(check(repo, "sarif"))["runs"][0]["results"][0]
    assert again["locations"][0]["physicalLocation"]["region"]["startLine"] == 5
    assert again["partialFingerprints"]["copydesk/v1"] == fingerprint


def test_junit_one_testcase_per_draft(repo):
    root = ET.fromstring(check(repo, "junit"))
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == ["local/budget.txt", "local/storm, harbor.txt"]
    assert cases[0].find("failure") is None
    failure = cases[1].find("failure")
    assert failure.get("message") == "2 findings at or above error"
    assert "local/storm, harbor.txt:3:61: error hygiene.editor-note" in failure.text
    assert root.get("tests") == "2" and root.get("failures") == "1"


def test_gitlab_code_quality(repo):
    issues = json.loads(check(repo, "gitlab"))
    assert [i["check_name"] for i in issues] == ["hygiene.editor-note", "hygiene.boilerplate"]
    assert issues[0]["location"] == {
        "path": "news/local/storm, harbor.txt",
        "positions": {"begin": {"line": 3, "column": 61}, "end": {"line": 3, "column": 70}},
    }
    assert issues[0]["severity"] == "major"
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprints_unique_for_repeated_identical_findings(repo):
    (repo / "news" / "local" / "twice.txt").write_text("Headline\n\nIt fell. CHECK\n\nIt fell. CHECK\n", encoding="utf-8")
    issues = json.loads(run(repo, "check", "--format", "gitlab", "news/local/twice.txt").stdout)
    assert len(issues) == 2 and issues[0]["fingerprint"] != issues[1]["fingerprint"]


def test_rdjson_columns_count_utf8_bytes(repo):
    document = json.loads(check(repo, "rdjson"))
    first = document["diagnostics"][0]
    line = DRAFT.splitlines()[2]
    start = line.index("JEFF")
    assert first["location"]["range"]["start"] == {"line": 3, "column": len(line[:start].encode("utf-8")) + 1}
    assert first["location"]["range"]["start"]["column"] == 61 + 8  # “ ’ – ” are 3 bytes each: 4 x 2 extra
    assert first["location"]["range"]["end"]["column"] == len(line.encode("utf-8")) + 1
    assert first["code"] == {"value": "hygiene.editor-note"} and first["severity"] == "ERROR"
    assert document["source"]["name"] == "copydesk"
    from lint.report.rdjson import byte_column

    assert byte_column("a’b", 3) == 5


def test_output_file(repo, tmp_path):
    target = tmp_path / "out.sarif"
    result = run(repo / "news", "check", "--format", "sarif", "--output", str(target), "local")
    assert result.returncode == 1 and result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_every_format_renders_an_empty_run(repo):
    for fmt in ("text", "json", "github", "sarif", "junit", "gitlab", "rdjson"):
        result = run(repo, "check", "--format", fmt, "news/local/budget.txt")
        assert result.returncode == 0, (fmt, result.stderr)
        assert result.stdout.strip()


def test_only_the_formats_that_read_flagged_lines_get_the_drafts_text():
    """Pool workers send a draft's text back only when the output reads flagged lines
    (report.NEEDS_SOURCES): every other format must render the same without it."""
    from lint.engine.runner import Engine
    from lint.packs.loader import load_rules
    from lint.report import FORMAT_NAMES, NEEDS_SOURCES, RunReport, formats

    findings, _ = Engine(load_rules()).check_texts([DRAFT])
    assert findings
    renderers = formats()
    for name in FORMAT_NAMES:
        with_text = RunReport(findings=list(findings), drafts=1, sources={findings[0].path: DRAFT}, root=ROOT)
        without = RunReport(findings=list(findings), drafts=1, sources={}, root=ROOT)
        same = renderers[name](with_text) == renderers[name](without)
        assert same == (name not in NEEDS_SOURCES), name
