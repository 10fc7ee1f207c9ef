"""The library API (lint/api.py) is the path the command line takes: a text checked from Python
and the same draft checked with `copydesk check` give the same findings, in every draft format,
under a config that selects, ignores (per-file too) and meets inline suppressions."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from lint import api
from lint.cli.main import main

CONFIG = """\
# a local paper's desk: wire style, sourcing and hygiene; no people checks yet
select: [ap, hygiene, sourcing, style, copydesk]
ignore: [style.acronym]
per-file-ignores:
  "web/*.html": [ap.dateline]
"""

WIRE = """\
Harbour pilots vote to strike over night shifts

PORTSMOUTH, England (AP) – Harbour pilots at the port voted on Tuesday to strike over new night-shift rotas, their union said.

Officials close to the talks said  the port could lose trade to Southampton within a week.

"We have been left with no choice," said Mark Ellis, who has piloted ships into the harbour for 22 years. The NPA will meet the port on Friday.

Navy Gen. Ruth Kaplan said the naval base beside the port would not be affected.
"""

DESK = """\
# Harbour pilots vote to strike over night shifts

PORTSMOUTH, England (AP) – Harbour pilots at the port voted on Tuesday to strike over new night-shift rotas, their union said.

<!-- copydesk-disable-next-line sourcing.anonymous -->
Officials close to the talks said  the port could lose trade to Southampton within a week.

"We have been left with no choice," said Mark Ellis, who has piloted ships into the harbour for 22 years.

<!-- copydesk-disable-next-line hygiene.double-space -->
The NPA will meet the port on Friday.
"""

WEB = """\
<html><body>
<h1>Harbour pilots vote to strike over night shifts</h1>
<p>PORTSMOUTH, England (AP) – Harbour pilots at the port voted on Tuesday to strike over new night-shift rotas, their union said.</p>
<!-- copydesk-disable-next-line hygiene -->
<p>Officials close to the talks said  the port could lose trade to Southampton within a week.</p>
<p>"We have been left with no choice," said Mark Ellis, who has piloted ships into the harbour for 22 years.</p>
</body></html>
"""

DRAFTS = {"wire/pilots.txt": WIRE, "desk/pilots.md": DESK, "web/pilots.html": WEB}

# what the config leaves of each draft: (rule, line, column)
EXPECTED = {
    # style.acronym ignored (NPA), people not selected (Navy Gen.)
    "wire/pilots.txt": [("ap.dateline", 3, 26), ("sourcing.anonymous", 5, 1), ("hygiene.double-space", 5, 34)],
    # the anonymous source suppressed; the double-space suppression on line 10 hides nothing
    "desk/pilots.md": [("ap.dateline", 3, 26), ("hygiene.double-space", 6, 34), ("copydesk.unused-suppression", 10, 1)],
    # ap.dateline off for web/ (per-file-ignores); double space suppressed by its pack's prefix
    "web/pilots.html": [("sourcing.anonymous", 5, 4)],
}


@pytest.fixture
def newsroom(tmp_path, monkeypatch):
    """A newsroom repo: copydesk.yaml at the top, the same story as wire copy, a Markdown
    draft and a web page; the working folder is its top, as for a user at a terminal."""
    (tmp_path / "copydesk.yaml").write_text(CONFIG, encoding="utf-8")
    for path, text in DRAFTS.items():
        (tmp_path / path).parent.mkdir(exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def cli_findings(capsys, *args):
    """`copydesk check ARGS --format json`, run in this process: (exit status, findings as JSON)."""
    status = main(["check", *args, "--format", "json"])
    out = capsys.readouterr().out
    return status, json.loads(out)["findings"]


def places(findings):
    return [(f.rule, f.line, f.column) for f in findings]


@pytest.mark.parametrize("path", list(DRAFTS))
def test_a_text_checked_through_the_api_gives_what_the_cli_prints(newsroom, capsys, path):
    checker = api.Checker.load(newsroom)
    findings = checker.check_text(DRAFTS[path], path)  # the format from the suffix, as the CLI reads it
    assert places(findings) == EXPECTED[path]
    status, printed = cli_findings(capsys, path)
    assert status == 0  # warnings and suggestions only
    assert [f.to_json() for f in findings] == printed


def test_the_format_can_be_named_for_a_buffer_without_a_suffix(newsroom):
    checker = api.Checker.load(newsroom)
    as_markdown = checker.check_text(DESK, "desk/unsaved", format="markdown")
    assert [(f.rule, f.line) for f in as_markdown] == [t[:2] for t in EXPECTED["desk/pilots.md"]]
    # read as plain text the comments are text: nothing is suppressed (and no unused one reported)
    as_text = checker.check_text(DESK, "desk/unsaved", format="text")
    assert ("sourcing.anonymous", 6) in [(f.rule, f.line) for f in as_text]


def test_check_paths_gives_what_the_cli_prints_for_a_folder(newsroom, capsys):
    run = api.Checker.load(newsroom).check_paths(["."], jobs=1)
    assert run.errors == []
    assert sorted(run.paths) == sorted(DRAFTS)
    assert [(f.path, f.rule, f.line) for f in run.findings] == [
        (path, rule, line) for path in sorted(EXPECTED) for rule, line, _ in EXPECTED[path]
    ]
    _, printed = cli_findings(capsys, ".")
    assert [f.to_json() for f in run.findings] == printed


def test_flags_beat_the_config_as_on_the_command_line(newsroom, capsys):
    checker = api.Checker.load(newsroom, select=["people"])
    findings = checker.check_text(WIRE, "wire/pilots.txt")
    assert places(findings) == [("people.rank-branch", 9, 1)]
    assert findings[0].severity == api.Severity.ERROR
    status, printed = cli_findings(capsys, "wire/pilots.txt", "--select", "people")
    assert status == 1
    assert [f.to_json() for f in findings] == printed


def test_load_finds_the_config_of_the_folder_it_starts_from(newsroom, tmp_path_factory, monkeypatch):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(elsewhere)  # the working folder has no config: `start` decides
    checker = api.Checker.load(newsroom / "wire" / "pilots.txt")  # a draft: its folder, then up
    assert checker.config.file.resolve() == (newsroom / "copydesk.yaml").resolve()
    assert {r.pack for r in checker.rules} == {"ap", "hygiene", "sourcing", "style"}
    assert "style.acronym" not in [r.id for r in checker.rules]
    # and with no config anywhere above: every built-in pack, people included
    plain = api.Checker.load(elsewhere)
    assert plain.config.file is None
    assert "people.rank-branch" in [r.id for r in plain.rules]


def test_a_broken_config_is_an_error_naming_file_and_line(tmp_path):
    (tmp_path / "copydesk.yaml").write_text("select: [hygeine]\n", encoding="utf-8")
    with pytest.raises(api.CopydeskError, match=r"copydesk.yaml:1: no rule matches 'hygeine' \(did you mean 'hygiene'"):
        api.Checker.load(tmp_path)


# ---- cross-draft rules ---------------------------------------------------------------------

CAMP = """\
Marines open new training range in North Carolina

CAMP LEJEUNE, N.C. (AP) — The Marine Corps opened a live-fire training range on Thursday, Marine Gen. Daniel Whitcombe told reporters at the base.

Whitcombe said the range would let units train at night for the first time.
"""

FLEET = """\
Navy orders review of shipyard spending

NORFOLK, Va. (AP) — The Navy has ordered a review of repair spending at its East Coast shipyards, Navy Adm. Daniel Whitcombe said on Friday.

Whitcombe said the review would take about six months.
"""


@pytest.fixture
def two_stories(tmp_path, monkeypatch):
    (tmp_path / "camp.txt").write_text(CAMP, encoding="utf-8")
    (tmp_path / "fleet.txt").write_text(FLEET, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_paths_judges_cross_draft_rules_over_every_draft(two_stories):
    run = api.Checker.load(two_stories, select=["people"]).check_paths(["camp.txt", "fleet.txt"], jobs=1)
    assert [(f.path, f.rule, f.line) for f in run.findings] == [
        ("camp.txt", "people.title-consistency", 3),
        ("fleet.txt", "people.title-consistency", 3),
    ]
    assert "“Marine Gen. Daniel Whitcombe” here, but “Navy Adm. Daniel Whitcombe” in fleet.txt:3" in run.findings[0].message


def test_check_text_compares_with_other_drafts_given(two_stories):
    checker = api.Checker.load(two_stories, select=["people"])
    camp = checker.check_document(checker.read("camp.txt"))  # phase 1 of a draft on disk
    findings = checker.check_text(FLEET, "fleet.txt", others=[camp])
    assert places(findings) == [("people.title-consistency", 3, 99)]  # only the text's own
    assert "but “Marine Gen. Daniel Whitcombe” in camp.txt:3: the branch and rank differ" in findings[0].message
    assert checker.check_text(FLEET, "fleet.txt") == []  # alone, nothing to compare with
    # an editor passes its whole workspace, this draft's result from before the edit included
    workspace = [camp, checker.check_document(checker.read("fleet.txt"))]
    edited = FLEET.replace("Navy Adm. Daniel Whitcombe", "Marine Gen. Daniel Whitcombe")
    assert checker.check_text(edited, "fleet.txt", others=workspace) == []


def test_phase_one_results_travel_between_processes(two_stories):
    import pickle

    checker = api.Checker.load(two_stories, select=["people"])
    camp = pickle.loads(pickle.dumps(checker.check_document(checker.read("camp.txt"))))
    fleet = checker.check_document(checker.read("fleet.txt", FLEET))
    findings, errors = checker.judge([camp, fleet], report_on=["camp.txt"])
    assert errors == []
    assert [(f.path, f.rule) for f in findings] == [("camp.txt", "people.title-consistency")]


# ---- fixes -------------------------------------------------------------------------------

FERRY = """\
Ferry fares to rise by a tenth in April

Fares between the mainland and the island will rise by a tenth in April, the operator said on Monday.

Advertisement

The operator blamed the cost of fuel and said timetables would not change.

Share this article
"""


def test_fix_text_removes_furniture_and_keeps_the_paragraphs(tmp_path):
    checker = api.Checker.load(tmp_path)
    before = checker.check_text(FERRY, "ferry.txt")
    assert places(before) == [("hygiene.boilerplate", 5, 1), ("hygiene.boilerplate", 9, 1)]
    fixed = checker.fix_text(FERRY, "ferry.txt")
    assert fixed.changed and fixed.applied == 2 and fixed.unfixable == []
    assert fixed.text == textwrap.dedent(
        """\
        Ferry fares to rise by a tenth in April

        Fares between the mainland and the island will rise by a tenth in April, the operator said on Monday.

        The operator blamed the cost of fuel and said timetables would not change.
        """
    )
    assert checker.check_text(fixed.text, "ferry.txt") == []
    again = checker.fix_text(fixed.text, "ferry.txt")
    assert not again.changed and again.text == fixed.text


# ---- rules, explain, test-pack ---------------------------------------------------------------


def test_rules_are_there_for_a_hover_and_an_explain_page(newsroom, capsys):
    checker = api.Checker.load(newsroom)
    finding = checker.check_text(WIRE, "wire/pilots.txt")[0]
    rule = checker.rule(finding.rule)
    assert rule.id == "ap.dateline" and rule.description.startswith("Flags a dateline")
    assert rule.fail and rule.passing  # examples to show
    assert checker.rule("copydesk.unused-suppression").severity == api.Severity.WARNING
    assert checker.rule("people.rank-branch") is None  # not run under this config

    rules = api.load_rules()
    assert rules.problems == []
    page = api.explain(rules.find("ap.dateline"))
    assert main(["explain", "ap.dateline"]) == 0
    assert capsys.readouterr().out == page + "\n"
    with pytest.raises(api.CopydeskError, match=r"no rule 'people.rank' \(did you mean people.rank-branch\?\)"):
        rules.find("people.rank")


def test_check_pack_runs_a_packs_examples(tmp_path):
    pack = tmp_path / "desk.yaml"
    pack.write_text(
        textwrap.dedent(
            """\
            name: desk
            description: The city desk's own words.
            rules:
              presser:
                kind: existence
                level: warning
                message: "“{match}” is newsroom slang: write news conference"
                description: Flags presser, slang for a news conference.
                tokens: [presser]
                examples:
                  fail: ["The mayor held a presser on Monday."]
                  pass: ["The mayor held a news conference on Monday.", "The mayor held a presser on Monday."]
            """
        ),
        encoding="utf-8",
    )
    result = api.check_pack(pack)
    assert (result.name, result.rules, result.examples, result.broken) == ("desk", 1, 3, [])
    assert not result.passed
    assert len(result.failures) == 1 and "pass example was flagged at 1:18 ('presser')" in result.failures[0]


# ---- the documented examples run ---------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def _python_blocks(text: str):
    return re.findall(r"^```python\n(.*?)^```", text, re.M | re.S)


def test_the_readme_example_prints_what_it_says(monkeypatch, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Use it from Python") :]
    (code,) = _python_blocks(section)[:1]
    expected = re.search(r"^prints\n\n```text\n(.*?)^```", section, re.M | re.S).group(1)
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out == expected


@pytest.mark.parametrize("number", range(3))
def test_the_api_docs_examples_run(monkeypatch, capsys, number):
    blocks = _python_blocks((ROOT / "docs" / "api.md").read_text(encoding="utf-8"))
    assert len(blocks) == 3
    monkeypatch.chdir(ROOT)
    namespace: dict = {}
    exec(compile(blocks[number], "docs/api.md", "exec"), namespace)
    out = capsys.readouterr().out
    if number == 0:
        assert "9 1 people.rank-branch error “Navy Gen.”" in out
        assert "4 findings in 2 drafts; 0 errors" in out
    elif number == 1:
        assert [(f.path, f.rule) for f in namespace["findings"]][0] == ("examples/drafts/harbor-strike.txt", "hygiene.editor-note")
        assert namespace["errors"] == []
    else:
        assert out.startswith("hygiene.double-space  (suggestion, kind substitution, scope draft)")
