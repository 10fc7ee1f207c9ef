"""Vale styles run as they are: configuration, rule semantics, comments, ignores, output.

The newsroom fixture (tests/fixtures/vale/newsroom) is a desk's repo with a `.vale.ini`,
a `Google` style and a `House` style of its own, and two drafts.
"""

from __future__ import annotations

import json
import os

import pytest

from conftest import ROOT, run_cli
from lint import api
from lint.model import CopydeskError, Severity
from lint.packs import vale, vale_ini

NEWSROOM = ROOT / "tests" / "fixtures" / "vale" / "newsroom"


def findings_of(tmp_path, ini, styles, drafts, *, select=None):
    """Write a repo (a .vale.ini, styles {Style/Rule: yaml}, drafts {name: text}) and check it."""
    (tmp_path / ".vale.ini").write_text(ini, encoding="utf-8")
    for name, text in styles.items():
        path = tmp_path / "styles" / f"{name}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name, text in drafts.items():
        with open(tmp_path / name, "w", encoding="utf-8", newline="") as handle:  # line ends as given
            handle.write(text)
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        checker = api.Checker.load(".", select=select or ())
        ids = {r.id for r in checker.rules if r.kind.name == "vale"}
        run = checker.check_paths(sorted(drafts), jobs=1)
    finally:
        os.chdir(old)
    return [f for f in run.findings if f.rule in ids]


def cli(args, cwd=NEWSROOM):
    return run_cli(*args, cwd=cwd)


def lines(findings):
    return [f"{f.path}:{f.line}:{f.column}:{f.rule}:{f.message}" for f in findings]


INI = "StylesPath = styles\nMinAlertLevel = suggestion\n\n[*]\nBasedOnStyles = Desk\n"


# ---- configuration ---------------------------------------------------------------------------


def test_vale_ini_is_found_upwards_and_read_as_vale_reads_it(tmp_path):
    (tmp_path / "_vale.ini").write_text(
        "StylesPath = st\nVocab = A, B\n[formats]\nmdx = md\n[*.{md,txt}]\nBasedOnStyles = X, Y\nX.Rule = NO\nY.Other = error\n"
        "[docs/*.md]\nBasedOnStyles = Z\n",
        encoding="utf-8",
    )
    (tmp_path / "a" / "b").mkdir(parents=True)
    found = vale_ini.find_vale_config(tmp_path / "a" / "b")
    assert found == tmp_path / "_vale.ini"
    cfg = vale_ini.read_vale_config(found)
    assert cfg.styles_path == tmp_path / "st"
    assert cfg.min_level == "warning"  # Vale's default
    assert cfg.vocab == ["A", "B"]
    settings = cfg.for_file(str(tmp_path / "story.mdx"))  # [formats] makes it .md
    assert settings.styles == ["X", "Y"]
    assert settings.enabled("X.Rule") == (False, None)
    assert settings.enabled("Y.Other") == (True, "error")
    assert settings.enabled("Y.Any") == (True, None)
    assert cfg.for_file(str(tmp_path / "docs" / "a.md")).styles == ["Z"]  # a later section replaces
    assert cfg.for_file(str(tmp_path / "a.html")).styles == []


def test_a_bad_rule_setting_names_file_and_line(tmp_path):
    (tmp_path / ".vale.ini").write_text("[*]\nBasedOnStyles = X\nX.Rule = maybe\n", encoding="utf-8")
    with pytest.raises(CopydeskError, match=r"\.vale\.ini:3: X\.Rule = maybe"):
        vale_ini.read_vale_config(tmp_path / ".vale.ini")


def test_a_broken_rule_file_is_a_problem_and_the_others_still_run(tmp_path):
    found = findings_of(
        tmp_path,
        INI,
        {"Desk/Broken": "extends: existence\nmessage: [unclosed\n", "Desk/Hedge": "extends: existence\nmessage: \"Cut '%s'.\"\ntokens: [perhaps]\n"},
        {"a.txt": "It was perhaps late.\n"},
    )
    assert lines(found) == ["a.txt:1:8:Desk.Hedge:Cut 'perhaps'."]
    loaded = vale.load_vale_rules(tmp_path / ".vale.ini")
    assert any("Broken.yml" in p and "not valid YAML" in p for p in loaded.problems)


def test_min_alert_level_and_per_glob_levels(tmp_path):
    rule = "extends: existence\nmessage: \"'%s'\"\nlevel: suggestion\ntokens: [perhaps]\n"
    assert findings_of(tmp_path, "StylesPath = styles\n[*]\nBasedOnStyles = Desk\n", {"Desk/Hedge": rule}, {"a.txt": "perhaps\n"}) == []
    found = findings_of(tmp_path, "StylesPath = styles\n[*]\nBasedOnStyles = Desk\nDesk.Hedge = error\n", {"Desk/Hedge": rule}, {"a.txt": "perhaps\n"})
    assert [(f.rule, f.severity) for f in found] == [("Desk.Hedge", Severity.ERROR)]


# ---- rule semantics ----------------------------------------------------------------------------


def test_substitution_longest_key_first_messages_in_vales_order_and_unsafe_fix(tmp_path):
    found = findings_of(
        tmp_path,
        INI,
        {"Desk/Words": "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\naction:\n  name: replace\nswap:\n  spokes: x\n  spokesman: spokesperson\n"},
        {"a.txt": "A spokesman said so.\n"},
    )
    assert lines(found) == ["a.txt:1:3:Desk.Words:Use 'spokesperson' instead of 'spokesman'."]
    assert found[0].fix.replacement == "spokesperson" and found[0].fix.safe is False


def test_substitution_with_ignorecase_flags_a_wrong_capital_inside_the_word(tmp_path):
    found = findings_of(
        tmp_path,
        INI,
        {"Desk/Terms": "extends: substitution\nmessage: \"Use '%s', not '%s'.\"\nignorecase: true\nswap:\n  ios: iOS\n"},
        {"a.txt": "Built for IOS and for iOS.\n"},
    )
    assert lines(found) == ["a.txt:1:11:Desk.Terms:Use 'iOS', not 'IOS'."]


def test_existence_exception_drops_a_hit_it_contains_and_dollar_captures(tmp_path):
    found = findings_of(
        tmp_path,
        INI,
        {"Desk/Caps": "extends: existence\nmessage: \"Spell out '$1'.\"\nraw: ['\\b([A-Z]{3,})\\b']\nexceptions: [BBC]\n"},
        {"a.txt": "The BBC and the NHS agreed.\n"},
    )
    assert lines(found) == ["a.txt:1:17:Desk.Caps:Spell out 'NHS'."]


def test_occurrence_repetition_consistency_conditional(tmp_path):
    styles = {
        "Desk/Long": "extends: occurrence\nmessage: Too many commas.\nscope: sentence\nmax: 2\ntoken: ','\n",
        "Desk/Spelling": "extends: consistency\nmessage: \"Spell '%s' one way.\"\nignorecase: true\neither:\n  organise: organize\n",
        "Desk/Define": "extends: conditional\nmessage: \"'%s' has no definition.\"\nfirst: '\\b([A-Z]{3,5})\\b'\nsecond: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'\n",
    }
    text = (
        "Officials organise the count, the audit, the checks, and the report.\n\n"
        "The Office for National Statistics (ONS) said the the figures, which the NHS gave, were organize late.\n"
    )
    found = findings_of(tmp_path, INI + "Vale.Repetition = YES\n", styles, {"a.txt": text})
    assert lines(found) == [
        # Vale places an occurrence alert at the scope's first match
        "a.txt:1:29:Desk.Long:Too many commas.",
        "a.txt:3:47:Vale.Repetition:'the' is repeated!",
        "a.txt:3:74:Desk.Define:'NHS' has no definition.",
        "a.txt:3:89:Desk.Spelling:Spell 'organize' one way.",
    ]


def test_capitalization_and_metric(tmp_path):
    styles = {
        "Desk/Heads": "extends: capitalization\nmessage: \"'%s' should be in sentence case.\"\nscope: heading\nmatch: $sentence\nexceptions: [Treasury]\n",
        "Desk/Length": "extends: metric\nmessage: 'Average sentence is %s words.'\nformula: words / sentences\ncondition: '> 6'\n",
    }
    drafts = {"a.md": "# Treasury sets out plans\n\n## Spending Plans Published Today\n\nThe plans came out late on a quiet Friday afternoon.\n"}
    assert lines(findings_of(tmp_path, INI, styles, drafts)) == [
        "a.md:1:1:Desk.Length:Average sentence is 10.00 words.",
        "a.md:3:4:Desk.Heads:'Spending Plans Published Today' should be in sentence case.",
    ]


def test_vocabularies_become_vale_terms_and_vale_avoid(tmp_path):
    vocab = tmp_path / "styles" / "config" / "vocabularies" / "Desk"
    vocab.mkdir(parents=True)
    (vocab / "accept.txt").write_text("# comment\nWhitehall\nTfL\n", encoding="utf-8")
    (vocab / "reject.txt").write_text("Brexit means Brexit\n", encoding="utf-8")
    found = findings_of(
        tmp_path,
        "StylesPath = styles\nVocab = Desk\n[*]\nBasedOnStyles = Vale\n",
        {},
        {"a.txt": "In whitehall they said Brexit means Brexit, and TFL agreed.\n"},
    )
    assert lines(found) == [
        "a.txt:1:4:Vale.Terms:Use 'Whitehall' instead of 'whitehall'.",
        "a.txt:1:24:Vale.Avoid:Avoid using 'Brexit means Brexit'.",
        "a.txt:1:49:Vale.Terms:Use 'TfL' instead of 'TFL'.",
    ]


# ---- scopes, comments, ignores -----------------------------------------------------------------

TODO = "extends: existence\nmessage: \"'%s' left in.\"\nlevel: error\nscope: {scope}\ntokens: [TK]\n"


MARKDOWN = (
    "# Council TK vote\n\nThe vote TK was close.\n\n## When TK\n\n- Item TK\n\n> Quote TK\n\n"
    "Read [more TK](https://example.com).\n\n| h | b |\n|----|---|\n| TK | x |\n\nUse `code TK`.\n\n![Alt is TK](p.png)\n"
)


@pytest.mark.parametrize(
    "scope, expected",
    [
        ("heading", ["1:11", "5:9"]),
        ("heading.h2", ["5:9"]),
        ("list", ["7:8"]),
        ("table.cell", ["15:3"]),
        ("blockquote", ["9:9"]),
        ("link", ["11:12"]),
        ("code", ["17:11"]),  # inline code, read on its own (in the prose it is masked)
        ("alt", ["19:10"]),
        # every block not a heading or a quote, as Vale reads `~`: inline code and alt text too
        ("~heading & ~blockquote", ["3:10", "7:8", "11:12", "15:3", "17:11", "19:10"]),
        ("text", ["1:11", "3:10", "5:9", "7:8", "9:9", "11:12", "15:3", "19:10"]),
        ("raw", ["1:11", "3:10", "5:9", "7:8", "9:9", "11:12", "15:3", "17:11", "19:10"]),
    ],
)
def test_structural_scopes_in_markdown(tmp_path, scope, expected):
    found = findings_of(tmp_path, INI, {"Desk/Todo": TODO.format(scope=scope)}, {"a.md": MARKDOWN})
    assert [f"{f.line}:{f.column}" for f in found] == expected


def test_structural_scopes_in_html(tmp_path):
    draft = "<h1>Vote TK</h1>\n<p>Body TK &amp; more.</p>\n<ul><li>Item TK</li></ul>\n<table><tr><td>Cell TK</td></tr></table>\n<img alt=\"Alt TK\" src=\"a.png\">\n<pre>code TK</pre>\n"
    for scope, expected in [("heading.h1", ["a.html:1:10"]), ("list", ["a.html:3:14"]), ("table.cell", ["a.html:4:21"]),
                            ("alt", ["a.html:5:15"]), ("text", ["a.html:1:10", "a.html:2:9", "a.html:3:14", "a.html:4:21", "a.html:5:15"])]:
        found = findings_of(tmp_path, INI, {"Desk/Todo": TODO.format(scope=scope)}, {"a.html": draft})
        assert [f"{f.path}:{f.line}:{f.column}" for f in found] == expected, scope


def test_plain_text_has_a_headline_and_paragraphs(tmp_path):
    draft = "Council TK vote\n\nThe vote TK was close.\n"
    found = findings_of(tmp_path, INI, {"Desk/Todo": TODO.format(scope="heading")}, {"a.txt": draft})
    assert [f"{f.line}:{f.column}" for f in found] == ["1:9"]
    found = findings_of(tmp_path, INI, {"Desk/Todo": TODO.format(scope="paragraph")}, {"a.txt": draft})
    assert [f"{f.line}:{f.column}" for f in found] == ["1:9", "3:10"]


def test_vale_comments_in_markdown_and_html(tmp_path):
    styles = {"Desk/Todo": TODO.format(scope="text"), "Desk/Hedge": "extends: existence\nmessage: \"'%s'\"\nlevel: error\ntokens: [perhaps]\n"}
    md = "TK one, perhaps.\n\n<!-- vale off -->\n\nTK two, perhaps.\n\n<!-- vale on -->\n\n<!-- vale Desk.Todo = NO -->\n\nTK three, perhaps.\n\n<!-- vale Desk.Todo = YES -->\n\nTK four.\n"
    html = "<p>TK one</p>\n<!-- vale off -->\n<p>TK two</p>\n<!-- vale on -->\n<p>TK three</p>\n"
    found = findings_of(tmp_path, INI, styles, {"a.md": md, "b.html": html})
    assert [f"{f.path}:{f.line}:{f.rule}" for f in found] == [
        "a.md:1:Desk.Todo", "a.md:1:Desk.Hedge", "a.md:11:Desk.Hedge", "a.md:15:Desk.Todo",
        "b.html:1:Desk.Todo", "b.html:5:Desk.Todo",
    ]


def test_token_and_block_ignores(tmp_path):
    ini = INI + "TokenIgnores = (\\{\\{[^}]+\\}\\}), (:[A-Za-z]+:)\nBlockIgnores = (?s)(\\{% raw %\\}.*?\\{% endraw %\\})\n"
    md = "A {{ TK }} token and :TK: here, TK there.\n\n{% raw %}\nTK hidden\n{% endraw %}\n\nTK last.\n"
    found = findings_of(tmp_path, ini, {"Desk/Todo": TODO.format(scope="text").replace("tokens: [TK]", "ignorecase: true\ntokens: [TK]")}, {"a.md": md})
    assert [f"{f.line}:{f.column}" for f in found] == ["1:33", "7:1"]


def test_crlf_and_lone_cr_line_ends(tmp_path):
    rule = {"Desk/Todo": TODO.format(scope="text")}
    text = "First line.\n\nSecond TK line.\n\nThird TK.\n"
    for name, ending in (("crlf.md", "\r\n"), ("cr.md", "\r")):
        found = findings_of(tmp_path, INI, rule, {name: text.replace("\n", ending)})
        assert [f"{f.line}:{f.column}" for f in found] == ["3:8", "5:7"], name


# ---- a newsroom repo: Vale's rules and copydesk's packs together -------------------------------


def test_newsroom_repo_gets_both_in_every_format():
    from lint.report import FORMAT_NAMES

    for name in FORMAT_NAMES:
        result = cli(["check", "drafts", "--format", name])
        assert result.returncode == 1, (name, result.stderr)
        assert "Google.WordList" in result.stdout, name
        assert "hygiene.editor-note" in result.stdout, name
    out = json.loads(cli(["check", "drafts", "--format", "json"]).stdout)
    rules = {f["rule"] for f in out["findings"]}
    assert {"Google.WordList", "Google.Headings", "Google.Exclamation", "House.Spokesperson", "House.ListTodo"} <= rules
    assert "House.Hedge" not in {f["rule"] for f in out["findings"] if f["path"].endswith(".md")}  # House.Hedge = NO for *.md


def test_select_takes_a_vale_style_as_a_prefix():
    out = json.loads(cli(["check", "drafts", "--format", "json", "--select", "Google"]).stdout)
    assert {f["rule"] for f in out["findings"]} == {"Google.WordList", "Google.Headings", "Google.Exclamation"}
    out = json.loads(cli(["check", "drafts", "--format", "json", "--ignore", "Google,House,Vale,hygiene,style,sourcing"]).stdout)
    assert not any(f["rule"].startswith(("Google", "House")) for f in out["findings"])


def test_vale_config_flag_and_config_key(tmp_path):
    (tmp_path / "draft.txt").write_text("A spokesman said so.\n", encoding="utf-8")
    result = cli(["check", "draft.txt", "--format", "json", "--vale-config", str(NEWSROOM / ".vale.ini"), "--select", "House"], cwd=tmp_path)
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["House.Spokesperson"]
    (tmp_path / "copydesk.yaml").write_text(f"vale: {NEWSROOM / '.vale.ini'}\n", encoding="utf-8")
    result = cli(["check", "draft.txt", "--format", "json", "--select", "House"], cwd=tmp_path)
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["House.Spokesperson"]
    result = cli(["check", "draft.txt", "--vale-config", "missing.ini"], cwd=tmp_path)
    assert result.returncode == 2 and "missing.ini: no such file" in result.stderr


def test_rules_lists_vale_rules_without_examples():
    result = cli(["rules"])
    line = next(l for l in result.stdout.splitlines() if l.startswith("Google.WordList"))
    assert "warning" in line and "no examples" in line
    assert "House.Spelling" in result.stderr and "does not run" in result.stderr


def test_explain_shows_a_vale_rules_definition():
    result = cli(["explain", "Google.WordList"])
    assert result.returncode == 0, result.stderr
    assert "Message: Use '%s' instead of '%s'." in result.stdout
    assert "extends: substitution" in result.stdout and "IOS: iOS" in result.stdout


def test_copydesk_comments_silence_vale_rules_too(tmp_path):
    draft = "Talks resume\n\n<!-- copydesk-disable-next-line Google.WordList -->\nSend an e-mail now.\n\nOr an e-mail later.\n"
    (tmp_path / "a.md").write_text(draft, encoding="utf-8")
    result = cli(["check", str(tmp_path / "a.md"), "--select", "Google", "--format", "json"])
    assert [(f["rule"], f["line"]) for f in json.loads(result.stdout)["findings"]] == [("Google.WordList", 6)]


def test_a_pattern_that_backtracks_without_end_fails_its_rule_not_the_run(tmp_path):
    (tmp_path / ".vale.ini").write_text(INI, encoding="utf-8")
    (tmp_path / "styles" / "Desk").mkdir(parents=True)
    (tmp_path / "styles" / "Desk" / "Slow.yml").write_text("extends: existence\nmessage: slow\nnonword: true\nraw: ['(a|aa)+$']\n", encoding="utf-8")
    (tmp_path / "styles" / "Desk" / "Hedge.yml").write_text("extends: existence\nmessage: \"'%s'\"\ntokens: [perhaps]\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("perhaps " + "a" * 60 + "b\n", encoding="utf-8")
    checker = api.Checker.load(tmp_path, timeout=0.2)
    run = checker.check_paths([str(tmp_path / "a.txt")], jobs=1)
    assert [f.rule for f in run.findings if f.rule.startswith("Desk")] == ["Desk.Hedge"]
    assert any("Desk.Slow" in e and "took longer" in e for e in run.errors)


def test_metric_formulas_with_math_and_block_counts(tmp_path):
    styles = {
        "Desk/Smog": "extends: metric\nmessage: 'SMOG grade %s.'\nformula: 1.0430 * math.sqrt((polysyllabic_words * 30.0) / sentences) + 3.1291\ncondition: '> 1'\n",
        "Desk/Heads": "extends: metric\nmessage: '%s headings.'\nformula: heading.h2 + heading.h3\ncondition: '>= 2'\n",
        "Desk/Bad": "extends: metric\nmessage: x\nformula: __import__('os')\ncondition: '> 1'\n",
    }
    draft = "# Budget\n\n## Spending\n\nThe government published extraordinary expenditure projections.\n\n### Detail\n\nMore.\n"
    assert lines(findings_of(tmp_path, INI, styles, {"a.md": draft})) == ["a.md:1:1:Desk.Heads:2.00 headings.", "a.md:1:1:Desk.Smog:SMOG grade 11.21."]
    assert any("Bad.yml" in p and "math functions only" in p for p in vale.load_vale_rules(tmp_path / ".vale.ini").problems)
