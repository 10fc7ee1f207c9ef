"""Markdown and HTML drafts: only prose is checked, and every position is the source's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lint.drafts import formats
from lint.drafts import reader
from lint.engine.runner import Engine
from lint.drafts.formats.builder import PLACEHOLDER
from lint.packs.loader import load_rules

ROOT = Path(__file__).resolve().parent.parent

MARKDOWN_DRAFT = """---
title: "Drone strikes prompt U.S. raids on militia depots"
date: 2021-06-28
tags: [military, iraq]
---

# Drone strikes prompt U.S. raids on militia depots

BAGHDAD — U.S. warplanes struck two weapons depots used by militias near the border, the Pentagon said Monday.

The strikes followed [a series of drone attacks](https://example.com/news/back-to-top "Back to top") on bases housing U.S. troops, spokeswoman Dana Reyes said.

```text
TK: add casualty figures
Back to top button
```

Officials posted the list at https://example.com/back-to-top/TK for reporters.

- Two depots in Syria were hit, harbor master Ruth Alder said.
- One site in Iraq was hit, the official said. JEFF OK’D

<!-- TK: confirm the depot count with the desk -->

Reporters were told to run `TK` before filing, and to see <https://example.com/TK>.

    indented code TK
"""

HTML_DRAFT = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Drone strikes prompt U.S. raids | The Daily Ledger</title>
<style>.tk { color: red } /* TK */</style>
<script>var note = "TK JEFF OK’D";</script>
</head>
<body>
<noscript>TK enable scripts</noscript>
<h1>Drone strikes prompt U.S. raids on militia depots</h1>
<p>BAGHDAD &mdash; U.S. warplanes struck two weapons depots used by militias near the border,
the Pentagon said Monday.</p>
<p>The strikes followed <a href="https://example.com/news/back-to-top">a series of drone attacks</a>
on bases housing U.S. troops, spokeswoman Dana Reyes said.</p>
<pre><code>TK: add casualty figures
Back to top button
</code></pre>
<p>Officials posted the list at https://example.com/back-to-top/TK for reporters.</p>
<ul>
  <li>Two depots in Syria were hit, harbor master Ruth Alder said.</li>
  <li>One site in Iraq was hit, the official said. JEFF OK’D</li>
</ul>
<!-- TK: confirm the depot count with the desk -->
<p>Reporters were told to run <code>TK</code> before filing.</p>
</body>
</html>
"""


@pytest.fixture(scope="module")
def engine():
    return Engine(load_rules())


def findings_for(engine, path, source):
    doc = formats.parse(path, source)
    findings, errors = engine.run([doc])
    assert not errors
    return doc, findings


def where(source: str, needle: str):
    """1-based (line, column) of the first occurrence of needle in source."""
    offset = source.index(needle)
    line = source.count("\n", 0, offset) + 1
    return line, offset - (source.rfind("\n", 0, offset) + 1) + 1


# ---- Markdown ------------------------------------------------------------------------


def test_markdown_reports_only_the_editor_note_at_its_source_position(engine):
    doc, findings = findings_for(engine, "story.md", MARKDOWN_DRAFT)
    assert [(f.rule, f.line, f.column, f.match) for f in findings] == [
        ("hygiene.editor-note", 21, 48, "JEFF OK’D")
    ]
    assert where(MARKDOWN_DRAFT, "JEFF OK’D") == (21, 48)


def test_markdown_front_matter_is_metadata_and_its_title_the_headline(engine):
    doc = formats.parse("story.md", MARKDOWN_DRAFT)
    assert doc.format == "markdown"
    assert doc.metadata["date"] == "2021-06-28"
    assert doc.metadata["tags"] == ["military", "iraq"]
    assert doc.text[slice(*doc.headline)] == "Drone strikes prompt U.S. raids on militia depots"
    start, end = doc.offsets.span_to_source(*doc.headline)
    assert (start, end) == (12, 12 + len("Drone strikes prompt U.S. raids on militia depots"))
    assert "date" not in doc.text and "tags" not in doc.text
    # the body starts after the headline, with the lede of the story
    assert doc.text[slice(*doc.body_paragraphs[1])].startswith("BAGHDAD")


def test_markdown_title_is_linted_as_the_headline_at_its_source_position(engine):
    source = "---\ntitle: Strikes hit TK sites\ndate: 2021-06-28\n---\n\nThe strikes hit two sites, harbor master Ruth Alder said.\n"
    doc, findings = findings_for(engine, "story.md", source)
    assert [(f.rule, f.line, f.column, f.match) for f in findings] == [("hygiene.editor-note", 2, 20, "TK")]
    assert doc.headline == (0, len("Strikes hit TK sites"))


def test_markdown_headline_key_wins_and_escaped_titles_map_to_the_whole_scalar():
    doc = formats.parse("s.md", '---\ntitle: "Site | Story"\nheadline: "Quote \\"here\\" TK"\n---\nBody text.\n')
    assert doc.text[slice(*doc.headline)] == 'Quote "here" TK'
    start, end = doc.offsets.span_to_source(*doc.headline)
    assert doc.source[start:end] == '"Quote \\"here\\" TK"'


def test_markdown_prose_constructs_are_checked(engine):
    source = (
        "# Heading with TK\n\n"
        "A [link text TK](https://example.com/a) and **bold TK** and _em TK_.\n\n"
        "> A quote with TK\n> on two lines.\n\n"
        "1. An item with TK\n\n"
        "| Place | Status |\n|---|---|\n| Depot | TK pending |\n"
    )
    doc, findings = findings_for(engine, "s.md", source)
    got = [(f.line, f.column, f.match) for f in findings if f.rule == "hygiene.editor-note"]
    lines = source.split("\n")
    expected = []
    for number, line in enumerate(lines, 1):
        column = line.find("TK")
        while column >= 0:
            expected.append((number, column + 1, "TK"))
            column = line.find("TK", column + 1)
    assert got == expected
    assert len(got) == 7


def test_markdown_non_prose_is_never_checked(engine):
    source = (
        "Intro paragraph.\n\n"
        "```\nTK\n```\n\n"
        "~~~python\nJEFF OK'D\n~~~\n\n"
        "    TK indented code\n\n"
        "Inline `TK` code and <span class=\"TK\">html</span> and <!-- TK --> comment.\n\n"
        "<div>\n<!-- TK -->\n</div>\n\n"
        "An image ![TK](https://example.com/TK.png) and a URL www.example.com/TK here.\n\n"
        "[ref]: https://example.com/TK\n\n"
        "See [the ref][ref] and <https://example.com/TK>.\n"
    )
    _, findings = findings_for(engine, "s.md", source)
    assert findings == []


def test_markdown_html_block_prose_is_read_as_html(engine):
    source = "Intro paragraph.\n\n<div class=\"note\">\nThe vote was 5-4. NOTE TO EDS: confirm.\n</div>\n"
    _, findings = findings_for(engine, "s.md", source)
    assert [(f.line, f.column, f.match) for f in findings] == [(4, 19, "NOTE TO EDS")]


def test_markdown_escapes_and_entities_map_to_their_source(engine):
    source = "Para one.\n\nAT&amp;T said \\*TK\\* today.\n"
    doc, findings = findings_for(engine, "s.md", source)
    assert "AT&T said *TK* today." in doc.text
    assert [(f.line, f.column, f.match) for f in findings] == [(3, 17, "TK")]


def test_markdown_blocks_are_paragraphs_and_soft_breaks_are_lines():
    doc = formats.parse("s.md", "# Title\nFirst line\nsecond line\n\n- a\n- b\n")
    texts = [doc.text[s:e] for s, e in doc.paragraphs]
    assert texts == ["Title", "First line\nsecond line", "a", "b"]


def test_markdown_map_is_exact_for_every_verbatim_character():
    doc = formats.parse("story.md", MARKDOWN_DRAFT)
    for start, end in doc.paragraphs:
        for t in range(start, end):
            ch = doc.text[t]
            if ch in (PLACEHOLDER, "\n"):
                continue
            s = doc.offsets.to_source(t)
            assert doc.source[s] == ch, (t, ch, doc.source[s - 5 : s + 5])


# ---- HTML ----------------------------------------------------------------------------


def test_html_reports_only_the_editor_note_at_its_source_position(engine):
    doc, findings = findings_for(engine, "story.html", HTML_DRAFT)
    assert [(f.rule, f.line, f.column, f.match) for f in findings] == [
        ("hygiene.editor-note", where(HTML_DRAFT, "JEFF OK’D</li>")[0], where(HTML_DRAFT, "JEFF OK’D</li>")[1], "JEFF OK’D")
    ]
    assert (findings[0].line, findings[0].column) == (22, 52)


def test_html_headline_is_the_first_h1_and_title_is_metadata():
    doc = formats.parse("story.html", HTML_DRAFT)
    assert doc.text[slice(*doc.headline)] == "Drone strikes prompt U.S. raids on militia depots"
    assert doc.metadata["title"] == "Drone strikes prompt U.S. raids | The Daily Ledger"
    assert "Daily Ledger" not in doc.text
    assert "var note" not in doc.text and "enable scripts" not in doc.text and "color" not in doc.text


def test_html_title_is_the_headline_without_h1_and_goes_first():
    source = "<html><head><title>Budget passes TK</title></head><body><p>The council voted 7-2.</p></body></html>"
    doc = formats.parse("s.htm", source)
    assert doc.text.startswith("Budget passes TK\n\nThe council voted 7-2.")
    assert doc.headline == (0, len("Budget passes TK"))


def test_html_head_without_closing_tag_still_reads_the_body(engine):
    source = "<html><head><title>Vote</title><body><p>The vote was 5-4. NOTE TO EDS: confirm.</p>"
    doc, findings = findings_for(engine, "s.html", source)
    assert [f.match for f in findings] == ["NOTE TO EDS"]


def test_html_entities_are_decoded_but_positions_stay_in_the_source(engine):
    source = "<h1>Vote</h1>\n<p>AT&amp;T&nbsp;said &#8220;TK&#8221; on&#x20;Friday.</p>\n"
    doc, findings = findings_for(engine, "s.html", source)
    assert "AT&T\u00a0said “TK” on Friday." in doc.text
    assert [(f.line, f.column, f.match) for f in findings] == [(2, 30, "TK")]
    paragraph = doc.paragraphs[1]
    start, end = doc.offsets.span_to_source(*paragraph)
    assert doc.source[start:end] == "AT&amp;T&nbsp;said &#8220;TK&#8221; on&#x20;Friday."


def test_html_block_elements_and_br_separate_paragraphs():
    source = "<div>One<br>Two<br/>Three</div><ul><li>Four</li><li>Five <b>bold</b> end</li></ul><blockquote>Six</blockquote>"
    doc = formats.parse("s.html", source)
    assert [doc.text[s:e] for s, e in doc.paragraphs] == ["One", "Two", "Three", "Four", "Five bold end", "Six"]


def test_html_boilerplate_paragraph_is_flagged_at_its_source_line(engine):
    source = "<h1>Strikes hit militia sites</h1>\n<p>Iran retaliated with missile strikes, wounding dozens of soldiers, the ministry said.</p>\n<p>Back to top button</p>\n"
    _, findings = findings_for(engine, "s.html", source)
    assert [(f.rule, f.line, f.column, f.match) for f in findings] == [("hygiene.boilerplate", 3, 4, "Back to top button")]


def test_html_malformed_markup_never_raises():
    for source in ["<p>unclosed <b>bold", "<<<>>> & &; &#xZZ; </p></p>", "<pre>never closed TK", "<code>x", "<!-- open", "<title>only"]:
        doc = formats.parse("s.html", source)
        for start, end in doc.paragraphs:
            s, e = doc.offsets.span_to_source(start, end)
            assert 0 <= s <= e <= len(source)


# ---- plain text and format choice ----------------------------------------------------


@pytest.mark.parametrize(
    "name, expected",
    [("a.md", "markdown"), ("a.MARKDOWN", "markdown"), ("a.html", "html"), ("a.HTM", "html"), ("a.txt", "text"), ("a.rst", "text"), ("noext", "text")],
)
def test_format_by_suffix(name, expected):
    assert formats.format_for(name) == expected


def test_plain_text_keeps_markup_characters_as_prose(engine):
    source = "Title here\n\nThe `TK` code is prose in a text file.\n"
    _, findings = findings_for(engine, "s.txt", source)
    assert [(f.line, f.column, f.match) for f in findings] == [(3, 6, "TK")]


def test_a_parser_failure_falls_back_to_plain_text_with_a_notice(monkeypatch, tmp_path):
    from lint.drafts.formats import markdown

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(markdown, "parse", broken)
    path = tmp_path / "s.md"
    path.write_text("Title\n\nThe mayor will speak at TK p.m.\n", encoding="utf-8")
    notices = []
    doc = reader.read_draft(str(path), notices)
    assert doc.format == "text"
    assert notices and "could not read it as markdown" in notices[0] and "s.md" in notices[0]


def test_stdin_filename_picks_the_format():
    result = subprocess.run(
        [sys.executable, "-m", "lint", "check", "-", "--stdin-filename", "story.md"],
        input="Title\n\n```\nTK\n```\n\nThe mayor said. JEFF OK'D\n".encode(),
        capture_output=True,
        cwd=ROOT,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.decode().splitlines()[0].startswith("story.md:7:17: error hygiene.editor-note")


def test_cli_end_to_end_on_markdown_and_html(tmp_path):
    (tmp_path / "story.md").write_text(MARKDOWN_DRAFT, encoding="utf-8")
    (tmp_path / "story.html").write_text(HTML_DRAFT, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "lint", "check", str(tmp_path)], capture_output=True, cwd=ROOT, text=True)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{tmp_path}/story.html:22:52: error hygiene.editor-note “JEFF OK’D” looks like a note to editors left in the copy: resolve it and delete it before publishing"
    assert lines[1].startswith(f"{tmp_path}/story.md:21:48: error hygiene.editor-note")
    assert lines[2].startswith("Found 2 errors in 2 of 2 drafts.")
    assert "Traceback" not in result.stderr
