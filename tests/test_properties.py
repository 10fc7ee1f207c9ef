"""Property-based tests: for any draft in any format copydesk never raises, every finding
points inside the file at exactly its `match`, and fixing leaves nothing safe to fix."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.fixes import apply as fixer
from lint.drafts import formats
from lint.engine.runner import Engine
from lint.packs.loader import load_rules

ENGINE = Engine(load_rules())
# COPYDESK_EXAMPLES=2000 for a long hunt; the suite keeps it small and fast
SETTINGS = settings(max_examples=int(os.environ.get("COPYDESK_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow])

# pieces of real drafts and of the markup they arrive in
PIECES = [
    "The", "strikes", "hit", "three", "sites", "officials", "said", "Monday", "U.S.", "Gen.",
    "TK", "TKTK", "JEFF OK’D", "OK'D", "[cq]", "XXX", "NOTE TO EDS:", "CHECK", "((need source))",
    "Back to top button", "In Other News", "Load More", "Advertisement",
    " ", " ", " ", "  ", " , ", ".", ". ", ",", "“", "”", "\"", "’", "–", "\n", "\n", "\n\n", "\r\n", "\r", "\t",
    "# ", "## ", "- ", "* ", "1. ", "> ", "**", "_", "`", "```\n", "~~~\n", "    ", "---\n", "|", "|---|\n",
    "[", "]", "(", ")", "](https://example.com/back-to-top)", "<https://example.com/TK>",
    "https://example.com/TK", "www.example.com/TK", "![alt TK](img.png)", "\\*", "\\",
    "<p>", "</p>", "<b>", "</b>", "<br>", "<li>", "<h1>", "</h1>", "<title>", "</title>",
    "<script>", "</script>", "<pre>", "</pre>", "<code>", "</code>", "<!-- TK -->", "<!--", "-->",
    "&amp;", "&nbsp;", "&#8220;", "&#x2019;", "&bogus;", "&", "<", ">",
    "---\ntitle: Strikes hit TK sites\ndate: 2021-06-28\n---\n", "---\ntitle: \"Quote \\\"TK\\\" here\"\n---\n",
    "Title\n=====\n", "[ref]: https://example.com/TK \"TK\"\n", "\tTK tabbed", "<div>\nTK in div\n</div>\n",
]

drafts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=30).map("".join),
)
suffixes = st.sampled_from(["story.txt", "story.md", "story.html"])


def offset_of(source: str, line: int, column: int) -> int:
    # lines end at LF; a lone CR (old Mac line ends) ends a line too, once a file has one
    lone_cr = any(c == "\r" and source[i + 1 : i + 2] != "\n" for i, c in enumerate(source))
    ends = "\n\r" if lone_cr else "\n"
    starts = [0] + [i + 1 for i, c in enumerate(source) if c in ends and not (c == "\r" and source[i + 1 : i + 2] == "\n")]
    assert 1 <= line <= len(starts)
    return starts[line - 1] + column - 1


def check(path, source):
    doc = formats.parse(path, source)
    findings, errors = ENGINE.run([doc])
    assert errors == [], errors
    return doc, findings


@SETTINGS
@given(drafts, suffixes)
def test_findings_lie_in_the_file_and_match_the_source(source, path):
    doc, findings = check(path, source)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(source)
        assert offset_of(source, f.line, f.column) == f.start
        assert offset_of(source, f.end_line, f.end_column) == f.end
        assert source[f.start : f.end] == f.match
        if f.fix is not None:
            assert 0 <= f.fix.start <= f.fix.end <= len(source)
    # the headline and every paragraph map inside the source, in order
    for start, end in doc.paragraphs:
        s, e = doc.offsets.span_to_source(start, end)
        assert 0 <= s <= e <= len(source)


@SETTINGS
@given(drafts, suffixes)
def test_fixing_leaves_nothing_safe_to_fix(source, path):
    doc, findings = check(path, source)
    outcome = fixer.fix_document(doc, findings, ENGINE)
    fixed = outcome.fixed
    assert fixed.format == doc.format
    after, errors = ENGINE.run([formats.parse(path, fixed.source)])
    assert errors == []
    if outcome.passes < fixer.MAX_PASSES:
        assert fixer.allowed_fixes(fixed, after, unsafe=False) == []
    # fixes never reach into markup: every tag, code span and link in the source survives
    markup = {"story.md": ["`", "**", "](", "<!--"], "story.html": ["<p>", "</p>", "<b>", "</b>", "<br>", "<li>", "<h1>", "</h1>", "<code>", "</code>", "<!--", "-->"]}
    for token in markup.get(path, []):
        assert fixed.source.count(token) == source.count(token), token


# ---- Markdown and HTML: what is prose and what is not --------------------------------

words = st.lists(st.sampled_from(["the", "strikes", "hit", "sites", "officials", "said", "today"]), min_size=1, max_size=6).map(" ".join)
NOT_PROSE_MD = [
    "`TK`", "``TK and TK``", "<!-- TK -->", "<span title=\"TK\">", "https://example.com/TK", "www.example.com/TK/x",
    "[the report](https://example.com/TK \"TK\")", "<https://example.com/TK>", "![TK](https://example.com/TK.png)",
]
# (indented code is left out: after a list item, an indented block continues the item)
NOT_PROSE_BLOCKS_MD = ["```\nTK\n```", "~~~\nJEFF OK’D\n~~~", "<!--\nTK\n-->", "[ref]: https://example.com/TK"]
PROSE_MD = ["TK", "**TK**", "_TK_", "[TK](https://example.com/a)", "*TK*"]
BLOCK_PREFIX_MD = ["", "# ", "- ", "> ", "1. "]


@st.composite
def markdown_drafts(draw):
    """A Markdown draft and the source offsets where a TK note stands in prose."""
    blocks, expected = [], []
    length = 0
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            block = draw(st.sampled_from(NOT_PROSE_BLOCKS_MD))
        else:
            prefix = draw(st.sampled_from(BLOCK_PREFIX_MD))
            parts = [prefix, draw(words)]
            for _ in range(draw(st.integers(0, 3))):
                if draw(st.booleans()):
                    piece = draw(st.sampled_from(PROSE_MD))
                    at = length + sum(len(p) for p in parts) + 1 + piece.index("TK")
                    expected.append(at)
                else:
                    piece = draw(st.sampled_from(NOT_PROSE_MD))
                parts += [" ", piece, " ", draw(words)]
            block = "".join(parts)
        blocks.append(block)
        length += len(block) + 2
    return "\n\n".join(blocks) + "\n", expected


@SETTINGS
@given(markdown_drafts(), st.sampled_from(["\n", "\r\n"]))
def test_markdown_notes_are_found_in_prose_only_and_exactly_where_they_stand(draft, newline):
    source, expected = draft
    if newline == "\r\n":
        # each LF before an offset adds one character
        expected = [at + source.count("\n", 0, at) for at in expected]
        source = source.replace("\n", "\r\n")
    _, findings = check("story.md", source)
    notes = [f for f in findings if f.rule == "hygiene.editor-note"]
    assert [(f.start, f.match) for f in notes] == [(at, "TK") for at in expected]


NOT_PROSE_HTML = ["<code>TK</code>", "<!-- TK -->", "<a href=\"https://example.com/TK\">", "https://example.com/TK", "<span class=\"TK\">"]
NOT_PROSE_BLOCKS_HTML = ["<pre>TK</pre>", "<script>var TK = 1;</script>", "<style>.TK {}</style>", "<noscript>TK</noscript>"]
PROSE_HTML = ["TK", "<b>TK</b>", "<a href=\"https://example.com/a\">TK</a>", "<em>TK</em>"]


@st.composite
def html_drafts(draw):
    blocks, expected = [], []
    length = 0
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            block = draw(st.sampled_from(NOT_PROSE_BLOCKS_HTML))
        else:
            tag = draw(st.sampled_from(["p", "li", "div", "h2", "blockquote"]))
            parts = [f"<{tag}>", draw(words)]
            for _ in range(draw(st.integers(0, 3))):
                if draw(st.booleans()):
                    piece = draw(st.sampled_from(PROSE_HTML))
                    expected.append(length + sum(len(p) for p in parts) + 1 + piece.index("TK"))
                else:
                    piece = draw(st.sampled_from(NOT_PROSE_HTML))
                parts += [" ", piece, " ", draw(words)]
            parts.append(f"</{tag}>")
            block = "".join(parts)
        blocks.append(block)
        length += len(block) + 1
    return "\n".join(blocks) + "\n", expected


@SETTINGS
@given(html_drafts())
def test_html_notes_are_found_in_prose_only_and_exactly_where_they_stand(draft):
    source, expected = draft
    _, findings = check("story.html", source)
    notes = [f for f in findings if f.rule == "hygiene.editor-note"]
    assert [(f.start, f.match) for f in notes] == [(at, "TK") for at in expected]
