"""The five bugs issue 18 found on the way, each pinned."""

from __future__ import annotations

from lint import api

PACK = """name: desk
description: Desk rules for tests.
rules:
{rules}
"""


def with_examples(rule: str, fail: str, passing: str) -> str:
    return rule + f"    examples:\n      fail:\n        - {fail!r}\n      pass:\n        - {passing!r}\n"


def checker_with(tmp_path, rules):
    pack = tmp_path / "desk.yaml"
    pack.write_text(PACK.format(rules=rules), encoding="utf-8")
    return api.Checker.load(tmp_path, packs=[pack], select=["desk"])


def test_lone_cr_line_ends_put_findings_on_their_lines(tmp_path):
    checker = checker_with(tmp_path, with_examples("  tk:\n    kind: existence\n    level: warning\n    message: left in\n    tokens: [TK]\n", "A TK.", "A vote."))
    assert checker.problems == []
    for ending in ("\r", "\r\n", "\n"):
        text = ending.join(["Council vote", "", "The vote TK was close.", "", "More TK here."]) + ending
        found = checker.check_text(text, "a.txt")
        assert [(f.line, f.column) for f in found] == [(3, 10), (5, 6)], repr(ending)


def test_a_rule_for_html_or_markdown_loads_and_its_examples_run_in_that_format(tmp_path):
    rules = (
        "  bold-tk:\n    kind: existence\n    level: warning\n    message: left in\n    tokens: [TK]\n    formats: [html]\n"
        "    examples:\n      fail:\n        - \"<p>The <b>TK</b> vote.</p>\"\n      pass:\n        - \"<p>The <!-- TK --> vote.</p>\"\n"
        "  md-tk:\n    kind: existence\n    level: warning\n    message: left in\n    tokens: [TK]\n    formats: [markdown]\n"
        "    examples:\n      fail:\n        - \"The **TK** vote.\"\n      pass:\n        - \"The `TK` vote.\"\n"
    )
    checker = checker_with(tmp_path, rules)
    assert checker.problems == []
    assert {r.id for r in checker.rules} == {"desk.bold-tk", "desk.md-tk"}
    assert [f.rule for f in checker.check_text("<p>The TK vote.</p>", "a.html")] == ["desk.bold-tk"]


def test_match_in_a_message_shows_the_source_not_a_placeholder(tmp_path):
    checker = checker_with(
        tmp_path,
        with_examples("  run-on:\n    kind: existence\n    level: warning\n    message: \"“{match}” is a run-on\"\n    patterns: ['\\bsee \\W+ now']\n",
                      "Readers see -- now.", "Readers saw it."),
    )
    assert checker.problems == []
    found = checker.check_text("Readers should see `config.yaml` now.\n", "a.md")
    assert [f.message for f in found] == ["“see `config.yaml` now” is a run-on"]


def test_substitution_with_ignorecase_flags_ios_written_wrong(tmp_path):
    checker = checker_with(tmp_path, with_examples(
        "  ios:\n    kind: substitution\n    level: warning\n    message: \"use {expected}\"\n    ignorecase: true\n    swap: {ios: iOS, ebay: eBay, towards: toward}\n",
        "The IOS app.", "The iOS app."))
    assert checker.problems == []
    found = checker.check_text("The IOS app and the Ebay shop. Towards noon, iOS and eBay.\n", "a.txt")
    assert [(f.match, f.fix.replacement) for f in found] == [("IOS", "iOS"), ("Ebay", "eBay"), ("Towards", "Toward")]


def test_occurrence_places_copydesk_at_the_first_match_over_the_limit_and_vale_at_the_first(tmp_path):
    # copydesk's own occurrence points at the word that broke the limit: that is the one to
    # cut; a Vale rule keeps Vale's place (the scope's first match), as Vale's users expect
    checker = checker_with(tmp_path, with_examples(
        "  commas:\n    kind: occurrence\n    level: warning\n    message: too many\n    tokens: [',']\n    max: 2\n    scope: sentence\n",
        "One, two, three, four.", "One, two."))
    assert checker.problems == []
    found = checker.check_text("One, two, three, four.\n", "a.txt")
    assert [(f.line, f.column) for f in found] == [(1, 16)]
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\nMinAlertLevel = suggestion\n[*]\nBasedOnStyles = Desk\n", encoding="utf-8")
    (tmp_path / "styles" / "Desk").mkdir(parents=True)
    (tmp_path / "styles" / "Desk" / "Commas.yml").write_text("extends: occurrence\nmessage: too many\nscope: sentence\nmax: 2\ntoken: ','\n", encoding="utf-8")
    vale_checker = api.Checker.load(tmp_path, select=["Desk"])
    found = vale_checker.check_text("One, two, three, four.\n", str(tmp_path / "a.txt"))
    assert [(f.line, f.column) for f in found] == [(1, 4)]
