"""The desk-note kind's cheap first tests stand in for a costlier search only where that search
could find something: a line's tail is read for runs of capitals only where a capital not before a
lower-case letter stands (`_MAY_CAPS`), "cq" is tried only where "cq" or "CQ" stands, brackets of
several kinds are merged by one sort when none overlaps; and whole drafts built to hit them find
exactly what the plain path (COPYDESK_NO_PREFILTER=1) finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import plain
from lint.drafts.document import Document
from lint.engine.runner import Engine
from lint.kinds.newsroom import desk_note
from lint.packs import loader as packs


def _compiled():
    """The module's patterns compiled, once (as a draft's first check does)."""
    if not desk_note._compiled:
        desk_note._compile_patterns()


RULES = [r for r in packs.load_rules() if r.id in ("hygiene.editor-note", "hygiene.possible-editor-note", "hygiene.run-on-heading")]

# capitals and lower case of several scripts, title case, digits, apostrophes, hyphens, dashes,
# quotes, the Kelvin sign, long s, dotless i, spaces of several kinds, a surrogate's neighbours
LETTERS = list("AZaz09ÉéÀàÞþßÿØøÖö×÷ΩωДдǅǄǆ'’-–—“”‘ .,:\t\xa0\u2003\u2028KſıİªºⅫⓐⒶ\u0345")


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet=LETTERS, max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_a_run_of_capitals_is_found_only_where_the_first_test_finds_a_place(text, low, high):
    _compiled()
    low, high = min(low, len(text)), min(max(low, high), len(text))
    if desk_note._CAPS_RUN.search(text, low, high) is not None:
        assert desk_note._MAY_CAPS.search(text, low, high) is not None, (text, low, high)


CQ_PIECES = ["cq", "CQ", "CQ'd", "CQ’D", "cqd", "cq'ed", "CQED", "CQed", "acquired", "ed", "d", "D", "E",
             " ", "-", "#", "@", "1", "\n", "cqcq", ".", "/", "x"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(CQ_PIECES), max_size=14).map("".join))
def test_cq_tried_where_its_letters_stand_finds_what_a_search_of_the_draft_finds(text):
    _compiled()
    pattern = next(p for kind, _, p in desk_note._LOWER if kind == "cq")
    analysis = desk_note._Analysis(Document(path="x.txt", source=text), RULES[0].kind._desk)
    expected = [m.span() for m in pattern.finditer(analysis.text)]
    assert [m.span() for m in analysis._at_literals(pattern, ("cq", "CQ"))] == expected


def _findings(texts):
    found, errors = Engine(RULES).check_texts(texts, [f"draft-{i}.txt" for i in range(len(texts))])
    assert not errors
    return [(f.path, f.rule, f.line, f.column, f.match, f.message) for f in found]


# British and wire copy where the first tests decide: an acquisition's "cq" beside a real one,
# a bracket of one kind inside another's, a desk's name after a dash with spaces, tabs or a
# full stop after it, headings in capitals run on at a line's end after a long sentence
DRAFTS = [
    "The bank acquired the lender for £12m on 3 March, a spokesman for the Treasury said (cq).\n\n"
    "Its chief executive, Ruth Okonjo cq, said the acquisition closed on Friday.",
    "The council [which met (CHECK DATE) on Tuesday] voted 7-2. (See [TK] below.) {NOTE: (times local)}",
    "Ministers met in Whitehall on Monday, the Cabinet Office said. -- desk \t\n"
    "The talks ran late. — LEGAL.\nThe talks ran late. – Copy Desk",
    "A spokesman for the Treasury said the figures would be published in the spring, and the "
    "chancellor would set out the plan then. KEY POINTS AT A GLANCE\n\nThe plan follows.",
    "WASHINGTON (Reuters) - The U.S. Senate passed the bill on Tuesday, the majority leader said. "
    "NOTE TO EDS: adds vote tally\nVOTE TALLY: 52-48",
    "Zürich-based ÜBERBANK said ÉCOLE and ΩMEGA deals were off, a spokeswoman told the BBC. ΑΘΗΝΑ ΝΕΑ",
]


def test_drafts_the_first_tests_decide_find_what_the_plain_path_finds():
    found = _findings(DRAFTS)
    assert found == plain(_findings, DRAFTS)
    rules_found = {f[1] for f in found}
    # the drafts hold notes and a heading run on: the comparison is not of two empty lists
    assert {"hygiene.editor-note", "hygiene.run-on-heading"} <= rules_found
