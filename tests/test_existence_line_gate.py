"""existence's line gate (`_LineGate`): a pattern whose every match is most of one line is tried
only at the starts of lines that can hold a match. The findings are those of the plain search
(COPYDESK_NO_PREFILTER=1), on generated drafts full of what the stray-subhead pattern reads
(capitals, full stops, digits, quotation marks, blank lines with spaces, bylines, colons), and
on patterns of other shapes; patterns the gate cannot read keep the plain search."""

from __future__ import annotations

import functools

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import plain
from lint.drafts.document import Document
from lint.kinds.base import Context
from lint.kinds.generic.existence import Existence, _LineGate
from lint.packs import loader


@functools.lru_cache(maxsize=None)
def _stray_subhead():
    return next(r for r in loader.load_rules() if r.id == "style.stray-subhead")


WORDS = ["The", "threat", "of", "drones", "is", "the", "main", "concern", "By", "Jane", "Smith", "Photo",
         "caption", "Why", "are", "prices", "rising", "É", "état", "Ünal", "said", "x", "2024", "to", "a"]
TAILS = [".", ".", ".", "", "", "?", "”", ":", ",", "1", "  ", "\t"]
MARKS = ["", "", "", "", "", "", ".", ",", ":", ";", "?", "!", "”", "“", "\"", "’", ")", "…", "\u00a0", "\t", "1", "  "]


def _line(words, mark, at, tail):
    text = " ".join(words)
    at = min(at, len(text))
    return text[:at] + mark + text[at:] + tail


# a line: words one space apart (a stray subhead has 7 to 20), perhaps a mark inside it, and at its end
lines = st.builds(
    _line, st.lists(st.sampled_from(WORDS), min_size=4, max_size=23), st.sampled_from(MARKS), st.integers(0, 200),
    st.sampled_from(TAILS),
)
BREAKS = ["\n", "\n\n", "\n\n", "\n\n", "\n \n", "\n\t\n", "\n\n\n", "\r\n\r\n", "\n \u00a0\n"]
drafts = st.lists(st.tuples(lines, st.sampled_from(BREAKS)), min_size=3, max_size=10).map(
    lambda items: "".join(line + brk for line, brk in items)
)


def _rule_hits(text: str):
    rule = _stray_subhead()
    doc = Document.from_text(text)
    return [(h.start, h.end) for h in rule.kind.check(doc, doc.scope_spans(rule.scope or "body"), Context())]


@settings(max_examples=1000, deadline=None)
@given(drafts)
def test_stray_subhead_gated_finds_what_the_plain_search_finds(text):
    assert _rule_hits(text) == plain(_rule_hits, text)


def test_stray_subhead_pattern_has_a_gate_that_refuses_lines_with_a_full_stop():
    gate = _stray_subhead().kind._line_gate
    assert gate is not None
    text = "Head\n\nA sentence with a full stop in it here.\n\nThe threat of drones is the main concern for the military\n\nMore.\n"
    assert [m.end() for m in gate.starts.finditer(text)] == [text.index("The threat")]


def test_stray_subhead_finding_on_a_realistic_draft():
    text = (
        "Drone strikes hit militia sites\n\nThe strikes followed weeks of attacks, officials said.\n\n"
        "The threat of drones is the main concern for the military\n\n"
        "The general told reporters small drones worried him most.\n"
    )
    hits = _rule_hits(text)
    start = text.index("The threat")
    assert hits == [(start, start + len("The threat of drones is the main concern for the military"))]


SHAPES = [
    r"^\p{Lu}[^\n.!?]*[^\s.!?](?=[^\S\n]*\n)",
    r"^(?:Re|Fwd): [^\n\d]+(?=\n)",
    r"^[A-Z][a-z]+(?: [A-Z][a-z]+)*(?=[ \t]*\n)",
    r"^\d+ [^\n.]+(?=\n)",
    r"^(?P<match>\p{Lu}\p{Ll}+)[^\n.]*(?=\n\n)",
]


@settings(max_examples=800, deadline=None)
@given(drafts, st.sampled_from(SHAPES), st.integers(0, 40), st.integers(0, 400))
def test_the_gate_finds_what_finditer_finds(text, source, start, end):
    gate = _LineGate.of(source)
    assert gate is not None, source
    pattern = regex.compile(source, regex.MULTILINE)
    start, end = min(start, len(text)), min(max(start, end), len(text))
    assert [m.span() for m in gate.finditer(pattern, text, start, end, 5.0)] == [
        m.span() for m in pattern.finditer(text, start, end)
    ]


def test_the_gate_refuses_patterns_it_cannot_bound():
    for source in [
        r"\p{Lu}[^\n.]+(?=\n)",  # not held to a line's start
        r"^\p{Lu}[^.]+(?=\n)",  # may run over a line break
        r"^\p{Lu}[^\n.]+",  # no line break read after it
        r"^(\p{Lu})[^\n.]*\1(?=\n)",  # a back reference
        r"(?i)^[a-z][^\n.]+(?=\n)",  # inline flags
        r"^.*(?=\n)",  # nothing rules a line out
        r"^(?=\n)",  # an empty match
        r"\G^[A-Z][^\n.]+(?=\n)",
    ]:
        assert _LineGate.of(source) is None, source


def test_existence_uses_the_gate_only_for_a_single_case_sensitive_pattern():
    shaped = r"^\p{Lu}[^\n.!?]*[^\s.!?](?=[^\S\n]*\n)"
    assert Existence(patterns=[shaped])._line_gate is not None
    assert Existence(patterns=[shaped], ignorecase=True)._line_gate is None
    assert Existence(patterns=[shaped, "TK"])._line_gate is None
    assert Existence(patterns=[shaped], tokens=["TK"])._line_gate is None
    assert Existence(patterns=[shaped], whole_line=True)._line_gate is None


@settings(max_examples=500, deadline=None)
@given(drafts, st.integers(0, 40))
def test_the_gate_of_the_stray_subhead_pattern_finds_what_finditer_finds(text, start):
    kind = _stray_subhead().kind
    start = min(start, len(text))
    assert [m.span() for m in kind._line_gate.finditer(kind._pattern, text, start, len(text), 5.0)] == [
        m.span() for m in kind._pattern.finditer(text, start, len(text))
    ]
