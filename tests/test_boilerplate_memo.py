"""hygiene.boilerplate keeps each short block's and line's own verdict by its text (blocks repeat
across drafts). A verdict that hangs on the draft (does it repeat the line?) is never kept as the
answer: the same line must be furniture in a draft that repeats it and not in one that does not,
whichever draft is read first, and every draft finds what the plain path (no shortcuts, no
memo: COPYDESK_NO_PREFILTER=1) finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHARED, plain
from lint.engine.runner import Engine
from lint.packs import loader as packs

RULES = [r for r in packs.load_rules() if r.id == "hygiene.boilerplate"]

STORY = (
    "Harbour dues rise for the first time in a decade\n\n"
    "The port authority will raise harbour dues by 4% from April, its first rise in ten years, "
    "the board said on Thursday after a meeting that ran late into the evening.\n\n"
    "Fishing crews said the rise would cost a small trawler about £900 a year, and some skippers "
    "warned they would moor elsewhere along the coast if the board did not think again.\n\n"
)
# a line the draft repeats, between prose: furniture only next to other evidence or after the story
TWICE = STORY + "Latest from the coast\n\nPrint\n\nLatest from the coast\n\nShare\n\nThe board meets again in May.\n"
ONCE = STORY + "Latest from the coast\n\nPrint\n\nShare\n\nThe board meets again in May.\n"
AFTER = STORY + "Latest from the coast\nPrint\nLatest from the coast\nEmail\n"


def _findings(texts):
    found, errors = Engine(RULES).check_texts(texts, [f"draft-{i}.txt" for i in range(len(texts))])
    assert not errors
    return [(f.path, f.rule, f.line, f.column, f.end_line, f.match, f.message) for f in found]


def _fresh():
    for rule in RULES:
        for name in ("_block_memo_cache", "_line_memo_cache"):
            rule.kind.__dict__.pop(name, None)


@pytest.mark.parametrize("order", [(TWICE, ONCE, AFTER), (ONCE, TWICE, AFTER), (AFTER, ONCE, TWICE)])
def test_a_repeated_line_is_judged_by_each_draft_whichever_comes_first(order):
    _fresh()
    first = _findings(list(order))
    again = _findings(list(order))  # every verdict known now
    assert first == again == plain(_findings, list(order))
    twice = [f for f in first if f[0] == f"draft-{order.index(AFTER)}.txt"]
    assert twice, "the repeated line and the link words after the story are furniture"


def test_the_repeated_line_is_furniture_only_where_the_draft_repeats_it():
    _fresh()
    _findings([ONCE])
    found = _findings([AFTER, ONCE])
    assert any(f[0] == "draft-0.txt" and "Latest from the coast" in f[6] for f in found)
    assert not any(f[0] == "draft-1.txt" and "Latest from the coast" in f[6] for f in found)


def test_scraped_pages_find_what_the_plain_path_finds_twice_over():
    pages = sorted((SHARED / "corpus" / "scraped").glob("*.txt")) if SHARED.is_dir() else []
    if not pages:
        pytest.skip("the shared corpus is not present")
    drafts = [p.read_text(encoding="utf-8") for p in pages]
    drafts += [re.sub(r"\n[ \t]*\n+", "\n", d) for d in drafts]
    _fresh()
    expected = plain(_findings, drafts)
    assert expected
    assert _findings(drafts) == expected
    assert _findings(drafts) == expected  # with every verdict kept


def test_a_short_sentence_read_as_prose_by_its_first_eight_words_is_what_is_prose_reads():
    # assess reads a block of at most 300 characters that ends a sentence as prose when it has
    # eight words or more (split at most seven times), which is `is_prose` on such a block
    from lint.drafts.document import is_prose
    from lint.kinds.newsroom.furniture import ends_sentence

    blocks = ["One two three four five six seven eight.", "One two three four five six seven.",
              "One two three four five six seven eight nine ten eleven twelve.»", "A\u00a0b c d e f g h?",
              "It fell. Then it rose again and again and again”", "Short one.", "x " * 7 + "y…",
              "Ends with colon one two three four five six seven:", "One, two: three; four. five six seven eight!"]
    for block in blocks:
        if ends_sentence(block):
            assert (len(block.split(None, 7)) == 8) == is_prose(block), block


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab .!?…:;\"”’')]»\u00a0\t\n", max_size=300))
def test_any_short_block_ending_a_sentence_reads_as_prose_as_is_prose_reads_it(block):
    from lint.drafts.document import is_prose
    from lint.kinds.newsroom.furniture import ends_sentence

    block = block.strip()
    if block and ends_sentence(block):
        assert (len(block.split(None, 7)) == 8) == is_prose(block)


# drafts whose paragraphs each stand on one line (the shortcut's case), and drafts where they
# do not (hard-wrapped, one block a line, white space that is no paragraph break)
_SHAPES = [
    "",
    "   \n\n",
    STORY,
    TWICE,
    "Headline\n\n  Lede with spaces around it.\t \n\n\n\u00a0\nSecond\u2003paragraph.\n",
    "Headline\nFirst line of a block\ngoes on in lower case.\n\nNext.\n",
    "One\nblock\na\nline\nno\nblank\n",
    "Para one.\n\u3000\nPara two.\n\n\x1cPara three.\x1c\n",
    "Wrapped text that runs on to the margin of the page and on\n"
    "to the next line of the same paragraph, and then it goes on\n"
    "again for a while until the paragraph finally ends here.\n\n"
    "Another paragraph that wraps at the same margin as the one\n"
    "before it, since the draft was hard-wrapped by its editor.\n",
]


@pytest.mark.parametrize("text", _SHAPES)
def test_the_blocks_read_off_one_line_paragraphs_are_the_documents_blocks(text):
    from lint.drafts.document import Document
    from lint.kinds.newsroom.boilerplate import _blocks_and_lines

    doc = Document(path="draft.txt", source=text)
    blocks, lines = _blocks_and_lines(doc)
    assert blocks == doc.blocks
    assert lines == doc._content_lines


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=" \t\n\u00a0\u3000\u2003\x1cab.", max_size=12), max_size=8))
def test_any_draft_gets_the_documents_blocks(pieces):
    from lint.drafts.document import Document
    from lint.kinds.newsroom.boilerplate import _blocks_and_lines

    doc = Document(path="draft.txt", source="\n".join(pieces))
    blocks, lines = _blocks_and_lines(doc)
    assert (blocks, lines) == (doc.blocks, doc._content_lines)
