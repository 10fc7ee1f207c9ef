"""The desk-note kind's shortcuts (searches skipped where they cannot find anything: a desk's name
after a dash only on lines with a dash near their end, brackets only with the alternatives whose
opening character the draft holds, literals after a rare character they hold, plain brackets
judged once) find exactly what the plain path finds (COPYDESK_NO_PREFILTER=1)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHARED, plain
from lint.packs import loader as packs
from lint.engine.runner import Engine

FIXTURES = Path(__file__).parent / "fixtures" / "desk-notes"
RULES = [r for r in packs.load_rules() if r.id in ("hygiene.editor-note", "hygiene.possible-editor-note", "hygiene.run-on-heading")]


def _findings(texts):
    found, errors = Engine(RULES).check_texts(texts, [f"draft-{i}.txt" for i in range(len(texts))])
    assert not errors
    return [(f.path, f.rule, f.line, f.column, f.match, f.message) for f in found]


def _one_block_a_line(text: str) -> str:
    return re.sub(r"\n[ \t]*\n+", "\n", text)


# where a shortcut could go wrong: trailing spaces after a desk's name, a dash far from the end,
# no round brackets but square ones, literals in odd case the plain path finds only beside others
AWKWARD = [
    "Crews were out before dawn, the utility said. -- desk   \t\nMore copy.",
    "Crews were out before dawn, the utility said. —MIKE, desk\n\nThe council met. – Copy Desk",
    "The council met on Monday. — Night Desk\nThe council met on Monday. -- NIGHT DESK  ",
    "A long line with a dash - early and then a great deal of ordinary copy that runs on to its end desk",
    "The storm hit [[Seabrook]] first. [check spelling] {NOTE: times local} <<insert quote>>",
    "The storm hit [Seabrook] first, [ED: confirm] and [TK] and [XXX] and [cq].",
    "[see (CQ) here] and (see [CHECK] this) and ((a [TK] b)) and {x (TK) y} and <<check [this]>> [[a (XX) b]]",
    "((WN)) Did the utility call? ((WN)) And then? (( fix this graf )) ((hi))",
    "(Adds quote from governor in paragraph 4)\nHe said (CQ) it was fine (TBC) and (??).",
    "Crews were out. pLs check figure. Plz check name.",
    "Crews were out. pLs check figure. pls check name.",
    "The count ended. -30\t-\nMore.",
    "The count ended. -30\t-\nMore. 30-",
    "Power is back at ?? p.m. and XX% of homes, xxx people, $XX million. ###",
    "Eds: Adds quote.\nEmbargoed until 00:01 Monday\n  Note to editors: none\nHOLD FOR RELEASE 6 P.M.",
    "Crews were out before dawn, the utility said. JEFF OK’D\nThe tk tk and cq'd names.",
    "UPDATE 2-Storm cuts power\nREFILE-Storm cuts power\nRPT-Storm",
    # a line's verdict: one word in capitals before a sign-off in any case, a lone CQ, a desk word
    # in capitals far from the line's end (the whole draft's runs are read), the same lines again
    "The council voted on the plan late on Tuesday night. DANA ok'd\nThe vote was close. MIKE, desk",
    "Ruth Okonjo CQ said the vote was close.\nThe vote was close. MIKE, desk\nThe vote was close.",
    "CHECK the figures from the council meeting on Tuesday night before this story runs anywhere.",
    "The council voted on the plan late on Tuesday night. DANA ok'd\nRuth Okonjo CQ said so.",
    # plain round brackets, then one a desk wrote, on one line; a line of plain ones alone
    "The agency (RCMP) said on Monday (CHECK THIS FIGURE) that the count rose (in Kamloops).\nThe agency (RCMP) said.",
]

PIECES = [
    "The utility said.", "Crews were out", "-- desk", "—MIKE, desk", " – legal", "[", "]", "[[", "]]", "((", "))",
    "(", ")", "{", "}", "<<", ">>", "CHECK SPELLING OF NAME", "NOTE TO EDS:", "TK", "tktk", "XXX", "XX%", "xxx",
    "??", "###", "-30-", "30 -", "cq", "CQ", "pls check", "PLS CHECK", "Plz", "Eds:", "ED:", "JEFF OK’D", "OK",
    "Embargoed until", "HOLD FOR", "REFILE-", "ENDS", "WHAT HAPPENS NEXT", "NATO", "Super Bowl", "“", "”",
    "WN", "hi", "check this", "Adds quote", "desk", "Note:", "legal", "DANA", "ok'd", ", desk", "CHECK",
]
GAPS = [" ", " ", "", "\n", "\n\n", "  ", "\t", ". ", ", "]
texts = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GAPS)), max_size=40).map(
    lambda items: "".join(p + g for p, g in items)
)


def test_awkward_drafts_find_what_the_plain_path_finds():
    assert _findings(AWKWARD) == plain(_findings, AWKWARD)
    assert _findings(AWKWARD)  # the drafts hold notes: the comparison is not of two empty lists


@pytest.mark.parametrize("paste", ["as written", "one block a line"])
def test_fixture_drafts_find_what_the_plain_path_finds(paste):
    drafts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    if paste == "one block a line":
        drafts = [_one_block_a_line(d) for d in drafts]
    found = _findings(drafts)
    assert found and found == plain(_findings, drafts)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_any_draft_finds_what_the_plain_path_finds(text):
    assert _findings([text]) == plain(_findings, [text])


def test_scraped_pages_find_what_the_plain_path_finds():
    pages = sorted((SHARED / "corpus" / "scraped").glob("*.txt")) if SHARED.is_dir() else []
    if not pages:
        pytest.skip("the shared corpus is not present")
    drafts = [p.read_text(encoding="utf-8") for p in pages]
    drafts += [_one_block_a_line(d) for d in drafts]
    assert _findings(drafts) == plain(_findings, drafts)


ENDS = st.text(alphabet=list("aZ.!?”\"’')] \t\xa0\x1c\u2003-—–x"), max_size=12)


@settings(max_examples=500, deadline=None)
@given(ENDS)
def test_line_end_tests_searched_from_where_a_match_can_start_find_what_a_whole_search_finds(before):
    import regex

    from lint.kinds.newsroom import desk_note

    whole = {
        desk_note._sentence_end: regex.compile(r"[.!?][”\"’')\]]*[^\S\n]+$"),
        desk_note._close_end: regex.compile(r"\p{Ll}[^\S\n]*[)”\"][^\S\n]+$"),
        desk_note._dash_end: regex.compile(r"(?:^|\s)(?:—|–|--?)[^\S\n]*$"),
    }
    for shortcut, pattern in whole.items():
        assert shortcut(before) == (pattern.search(before) is not None), (shortcut.__name__, before)


def test_may_caps_written_as_what_it_leaves_out_holds_every_code_point_the_positive_class_holds():
    # _MAY_CAPS's class is written negated (cheap to compile); it must hold exactly the
    # characters of the positive class it stands for, over every code point
    from lint.kinds.newsroom import desk_note

    positive = "[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u1fff\u2070-\U0010ffff]"
    every = "".join(map(chr, range(0x110000)))
    runs = [m.span() for m in re.finditer(desk_note._MAY_CAPS_CLASS + "+", every)]
    assert runs == [m.span() for m in re.finditer(positive + "+", every)]
    assert runs == [(0x41, 0x5B), (0xC0, 0xD7), (0xD8, 0xDF), (0x100, 0x2000), (0x2070, 0x110000)]
    # and the pattern itself: a capital before a Latin-1 lower-case letter is no start (a
    # Cyrillic capital before its lower case may be, and that lower case too: past U+00FF)
    assert [m.start() for m in desk_note._MAY_CAPS.finditer("Ab AB É\u00e9 \u0410\u0430 Ö1 x")] == [3, 4, 9, 10, 12]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="tkpPlsz30 -#?:Eqc\n’", max_size=400))
def test_a_literal_found_from_its_rare_characters_places_is_a_literal_the_text_holds(text):
    # `_holds` tries the places of a rare character (then, after many, searches): the same
    # answer as `in`, whether the character is seldom or often in the text
    from lint.kinds.newsroom.desk_note import _holds

    for literals in ((("tk", 1),), (("30-", 0), ("30 -", 0)), (("Eds:", 3),), (("###", 0),), (("pls", 0),)):
        rare = literals[0][0][literals[0][1]]
        assert _holds(text, rare, literals) == any(literal in text for literal, _ in literals)
    assert _holds("k" * 100 + "tk", "k", (("tk", 1),)) and not _holds("k" * 100, "k", (("tk", 1),))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abzAZ1 ıſKé-", max_size=5))
def test_a_language_marker_read_without_regex_is_what_the_pattern_reads(content):
    from lint.kinds.newsroom.desk_note import _language

    assert _language(content) == bool(regex.fullmatch(r"[a-z]{2,3}", content))


def test_double_round_brackets_inside_a_line_find_what_the_plain_path_finds():
    # a language marker inside a line is passed over before its line is read; a speaker label
    # or a note in double brackets inside a line is still judged
    texts = ["Interview\n\n((WN)) What is your name? ((hi)) Hindi: नमस्ते। ((en)) Hello.\n",
             "Interview\n\nShe spoke. ((eng)) More ((check name)) and ((Jo Marsh)) and ((HI)) here.\n",
             "Headline here\n\n((hi))\n((WN)) Asked. ((zz)) ((abcd))\n"]
    assert _findings(texts) == plain(lambda: _findings(texts))


def test_brackets_tried_only_where_they_open_find_what_the_plain_path_finds():
    # each bracket group tried at its opening characters: runs of openers, brackets inside
    # brackets, a group's match running over another group's opener
    texts = ["Vote count\n\n(((CHECK))) and ((WN)) ((( x ))) [(TK)] ([CQ]) {[NOTE: ed]} <<(Adds quote)>>\n",
             "Vote count\n\nThe mayor (CQ) said [[check this [with legal]]] and (( (TK) )) then [TK (cq)].\n",
             "Vote count\n\n((Jo Marsh)) Hello ((( ((hi)) (Updates figures) [[ [x] ]] {{TK}} <<check>>\n"]
    assert _findings(texts) == plain(lambda: _findings(texts))
    assert _findings(texts)  # (notes among them)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["[", "]", "[[", "]]", "(", ")", "((", "))", "{", "}", "<<", ">>", "CQ", "cq", "Adds",
                                 "TK", "note", " ", "\n", "x", "é", "“"]), max_size=40).map("".join))
def test_brackets_at_their_openers_are_the_searched_ones(text):
    # `_finditer_at` matches each group at the places of its opening character: what the
    # group's own search finds
    from lint.kinds.newsroom import desk_note

    rule = next(r for r in packs.load_rules() if r.id == "hygiene.editor-note")
    desk = rule.kind._desk
    for opener in "[{(<":
        group = desk.bracket_group(opener)
        expected = [(m.span(), m.lastgroup) for m in group.finditer(text)]
        assert [(m.span(), m.lastgroup) for m in desk_note._finditer_at(group, text, opener)] == expected
