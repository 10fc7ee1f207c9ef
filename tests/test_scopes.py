"""Structural scopes (lint/drafts/scopes.py) for copydesk's own kinds, and Vale's selectors."""

from __future__ import annotations

import pytest

from lint import api
from lint.drafts import formats
from lint.drafts.scopes import is_structural, parse_selector, scope_matches

PACK = """name: desk
description: Desk rules for tests.
rules:
  heading-tk:
    kind: existence
    scope: {scope}
    level: error
    message: "“{{match}}” left in"
    tokens: [TK]
    examples:
      fail:
        - text: "{fail}"
          match: TK
      pass:
        - "{passing}"
"""

MARKDOWN = "# Vote TK held\n\nThe vote TK was close.\n\n- Item TK\n\n> Quote TK\n\n| a | b |\n|---|---|\n| Cell TK | x |\n"


def spans(doc, scope):
    return [doc.text[s:e] for s, e in doc.scope_spans(scope)]


def test_markdown_structural_spans():
    doc = formats.parse("a.md", MARKDOWN)
    assert spans(doc, "heading") == ["Vote TK held"]
    assert spans(doc, "heading.h1") == ["Vote TK held"] and spans(doc, "heading.h2") == []
    assert spans(doc, "list") == ["Item TK"]
    assert spans(doc, "blockquote") == ["Quote TK"]
    assert spans(doc, "table.cell") == ["Cell TK", "x"] and spans(doc, "table.header") == ["a", "b"]
    assert spans(doc, "~heading & ~blockquote") == ["The vote TK was close.", "Item TK", "a", "b", "Cell TK", "x"]


def test_html_and_plain_text_structural_spans():
    doc = formats.parse("a.html", "<h2>Vote TK</h2><p>Body TK.</p><ul><li>Item TK</li></ul><blockquote><p>Quote</p></blockquote>")
    assert spans(doc, "heading.h2") == ["Vote TK"] and spans(doc, "list") == ["Item TK"] and spans(doc, "blockquote") == ["Quote"]
    doc = formats.parse("a.txt", "Council TK vote\n\nThe vote was close.\n")
    assert spans(doc, "heading") == ["Council TK vote"]


def test_a_pack_rule_reads_a_structural_scope(tmp_path):
    pack = tmp_path / "desk.yaml"
    pack.write_text(PACK.format(scope="heading", fail="# Vote TK\\n\\nBody.\\n", passing="Vote\\n\\nBody TK.\\n"), encoding="utf-8")
    checker = api.Checker.load(tmp_path, packs=[pack], select=["desk"])
    found = checker.check_text(MARKDOWN, "story.md")
    assert [(f.rule, f.line, f.column) for f in found] == [("desk.heading-tk", 1, 8)]


def test_vale_only_scopes_are_refused_for_copydesk_kinds_with_a_clear_message(tmp_path):
    pack = tmp_path / "desk.yaml"
    pack.write_text(PACK.format(scope="raw", fail="TK", passing="x"), encoding="utf-8")
    checker = api.Checker.load(tmp_path, packs=[pack])
    assert any("unknown scope 'raw'" in p and "for Vale rules" in p for p in checker.problems)


@pytest.mark.parametrize(
    "selector, scope, parent, expected",
    [
        ("heading", "text.heading.h2.md", None, True),
        ("heading.h2", "text.heading.h3.md", None, False),
        ("~heading", "text.md", None, True),
        ("~heading", "raw.md", None, False),
        ("~blockquote & ~heading", "text.blockquote.md", None, False),
        (["heading.h1", "list"], "text.list.md", None, True),
        ("~heading", "link", "text.heading.h1.link.md", False),
        ("text", "sentence.md", None, False),
    ],
)
def test_selectors_as_vale_reads_them(selector, scope, parent, expected):
    assert scope_matches(parse_selector(selector), scope, parent) is expected


def test_is_structural():
    assert is_structural("heading.h2") and is_structural("list & ~blockquote") and is_structural("table.cell")
    assert not is_structural("raw") and not is_structural("headlines") and not is_structural("")
