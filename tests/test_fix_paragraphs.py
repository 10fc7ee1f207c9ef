"""A fix never changes a story's paragraphing (issue: deleting a furniture line that had the
next paragraph straight under it glued two paragraphs together).

Property-style: random drafts, random furniture placed anywhere (its own paragraph, straight
above or below a paragraph, inside one), random line endings; every safe fix applied; the
paragraphs of the result are the draft's paragraphs without the furniture, in order.
"""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lint.fixes import apply as fixer
from lint.drafts import formats
from lint.engine.runner import Engine
from lint.fixes.edit import apply_fixes, keep_paragraphs, select_fixes
from lint.kinds.newsroom.boilerplate import _delete_span as _delete_line  # deletes a run of lines, one line too
from lint.model import Fix
from lint.packs.loader import load_rules

SETTINGS = settings(max_examples=int(os.environ.get("COPYDESK_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

SENTENCES = [
    "The council voted 7-2 on Monday to close the pool, the clerk said.",
    "Crews will inspect the breakwater on Wednesday, the harbor master said.",
    "A spokesman for the Treasury said the plan would cost £12m over two years.",
    "The ferry ran again on Tuesday after a week of storms, the operator said.",
    "Residents packed the hall to hear the mayor speak about the budget.",
    "Nobody was hurt in the fire, which started in a kitchen, the chief said.",
    "The school board put off its vote until March.",
]
FURNITURE = ["Back to top button", "Advertisement", "Share this article", "Load More"]


def paragraphs(text: str, drop=()):
    """The text's paragraphs (blank-line separated), each as its lines, white space collapsed."""
    out = []
    for block in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line and line not in drop]
        if lines:
            out.append(lines)
    return out


# ---- the fixer on its own: any deletion of whole lines ------------------------------------

@st.composite
def texts_and_deletions(draw):
    story = draw(st.lists(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3), min_size=1, max_size=5))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    breaks = draw(st.lists(st.sampled_from([2, 2, 3]), min_size=len(story), max_size=len(story)))
    text, spans = "", []  # spans: (start, end) of each line, in paragraph order
    for i, para in enumerate(story):
        for j, line in enumerate(para):
            if j:
                text += newline
            spans.append((i, len(text), len(text) + len(line)))
            text += line
        if i < len(story) - 1:
            text += newline * breaks[i]
    if draw(st.booleans()):
        text += newline
    chosen = draw(st.sets(st.integers(0, len(spans) - 1)))
    fixes = {}
    for k in sorted(chosen):
        _, start, end = spans[k]
        # as the furniture rule deletes a line (with the space before it), or the bare line
        fixes[k] = _delete_line(text, start, end) if draw(st.booleans()) else Fix(start, end, "", True)
    # one pass applies the fixes that do not overlap (the next pass would get the rest)
    applied = select_fixes(fixes.values())
    doomed = {k for k, fix in fixes.items() if fix in applied}
    kept = [[text[s:e] for n, (p, s, e) in enumerate(spans) if p == i and n not in doomed] for i in range(len(story))]
    return text, applied, [[" ".join(line.split()) for line in para] for para in kept if para]


@given(texts_and_deletions())
@example(("A.\n\nBack to top button\nB.\n", [_delete_line("A.\n\nBack to top button\nB.\n", 4, 22)], [["A."], ["B."]]))
@SETTINGS
def test_deleting_lines_never_glues_splits_or_blanks_paragraphs(case):
    text, fixes, expected = case
    assert paragraphs(apply_fixes(text, fixes)) == expected


def test_a_fix_that_would_add_a_paragraph_break_is_refused():
    text = "The council voted 7-2 on Monday, the clerk said.\n"
    at = text.index(" on ")
    split = Fix(at, at + 4, "\n\nOn ", True)  # text that starts a new paragraph
    assert keep_paragraphs(text, [split]) == ([], [split])
    assert apply_fixes(text, [split]) == text
    # white space made into a blank line keeps the break that stood there: a space
    assert apply_fixes(text, [Fix(at, at + 1, "\n\n", True)]) == text
    same_line = Fix(at + 1, at + 3, "in", True)
    assert keep_paragraphs(text, [same_line]) == ([same_line], [])


# ---- the real rules and the real fixer: every safe fix ------------------------------------

ENGINE = Engine(load_rules())


@st.composite
def drafts_with_furniture(draw):
    headline = "Council closes the pool"
    body = draw(st.lists(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3), min_size=1, max_size=4))
    lines = [[headline]] + [list(p) for p in body]
    for _ in range(draw(st.integers(1, 3))):
        furniture = draw(st.sampled_from(FURNITURE))
        where = draw(st.integers(1, len(lines)))
        how = draw(st.sampled_from(["own", "above", "below"]))
        if how == "own" or where == len(lines):
            lines.insert(where, [furniture])
        elif how == "above":
            lines[where].insert(0, furniture)  # the paragraph straight under it
        else:
            lines[where].append(furniture)  # straight after the paragraph's last line
    # double spaces between some words (a safe fix of their own)
    if draw(st.booleans()):
        lines = [[line.replace(" the ", "  the ", 1) for line in para] for para in lines]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = (newline * 2).join(newline.join(para) for para in lines) + newline
    return text


@given(drafts_with_furniture())
@example("Council closes the pool\n\nThe school board put off its vote until March.\n\nBack to top button\n"
         "Nobody was hurt in the fire, which started in a kitchen, the chief said.\n")
@SETTINGS
def test_every_safe_fix_keeps_the_paragraphs(text):
    doc = formats.parse("story.txt", text)
    findings, _ = ENGINE.run([doc])
    outcome = fixer.fix_document(doc, findings, ENGINE)
    assert paragraphs(outcome.fixed.source, drop=FURNITURE) == paragraphs(text, drop=FURNITURE)
    if any(f.rule == "hygiene.boilerplate" for f in findings):
        assert outcome.changed
