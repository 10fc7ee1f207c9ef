"""The hygiene pack on realistic drafts, and its precision over real articles."""

from __future__ import annotations

import random

from lint.packs import loader as packs
from lint.drafts.document import Document
from lint.engine.runner import Engine

HYGIENE = [r for r in packs.load_rules() if r.pack == "hygiene"]
ERRORS = ("hygiene.editor-note", "hygiene.boilerplate")

DRAFT = """\
Militia drones hit coalition base in northern Iraq

BAGHDAD — A drone attack damaged a coalition base in northern Iraq on Monday, the U.S.-led coalition said. Two contractors were treated for minor injuries, a coalition spokesman said. MARK OK’D

Col. Dana Whitfield, a coalition spokeswoman, said the attack was “troubling.” She said investigators were at the site.

((WN)) Did the base have warning?

((Dana Whitfield)) We had a few minutes, no more.

The strike followed an attack in [[February]] that wounded three troops. The the base was rebuilt in 2019.

Sirhan Sirhan was not mentioned.  Two spaces after a full stop are fine.

Advertisement

Read more about the coalition in our special report.

Share this article
Facebook Twitter Email
"""


def check(text, rules=HYGIENE, paths=None):
    findings, errors = Engine(rules).check_texts([text] if isinstance(text, str) else text, paths)
    assert not errors
    return [(f.line, f.column, f.rule, f.match) for f in findings]


def test_realistic_draft_exact_findings():
    assert check(DRAFT) == [
        (3, 185, "hygiene.editor-note", "MARK OK’D"),
        (11, 34, "hygiene.possible-editor-note", "[[February]]"),  # wiki-link markup or a note
        (11, 74, "hygiene.repeated-word", "The the"),
        (15, 1, "hygiene.boilerplate", "Advertisement"),
        # the share bar after the story is one run: one finding spanning both lines
        (19, 1, "hygiene.boilerplate", "Share this article\nFacebook Twitter Email"),
    ]


def test_editor_note_needs_capitals():
    assert check("Headline\n\nThe plan was ok’d by the board. Tk. The tkt office opened.\n") == []


def test_furniture_phrase_inside_prose_is_not_boilerplate():
    text = "Headline\n\nShe said readers should scroll to top of the page, then load more comments.\n\nComments\nwere closed.\n"
    assert [f for f in check(text) if f[2] == "hygiene.boilerplate"] == []


def test_subheads_are_not_boilerplate():
    text = "Fan expo draws crowds\n\nThousands came.\n\nDisney\n\nThe Disney booth was busy.\n\nSuperheroes\n\nCapes everywhere.\n"
    assert check(text) == []


def test_repeated_line_across_different_stories_is_boilerplate_but_not_across_versions():
    stories = [
        f"Story {i} headline\n\nLede number {i} is different.\n\nMore From Our Network\n" for i in range(3)
    ]
    flagged = check(stories, paths=["a.txt", "b.txt", "c.txt"])
    assert [f[:3] for f in flagged] == [(5, 1, "hygiene.boilerplate")] * 3
    versions = ["Same story\n\nSame lede.\n\nWhat comes next\n"] * 3
    assert check(versions, paths=["v1.txt", "v2.txt", "v3.txt"]) == []


def test_no_hygiene_errors_on_real_articles(corpus_files):
    """Every hygiene error on the corpus must be one a copy editor agrees with: today, none."""
    engine = Engine(HYGIENE)
    docs = [Document(path=str(p), source=p.read_text(encoding="utf-8")) for p in corpus_files]
    findings, errors = engine.run(docs)
    assert not errors
    wrong = [f"{f.path}:{f.line}:{f.column} {f.rule} {f.match!r}" for f in findings if f.rule in ERRORS]
    assert wrong == []


def test_injected_notes_and_furniture_are_found_in_real_articles(corpus_files):
    """Recall on real copy: a note glued to a random paragraph and furniture at the end."""
    rng = random.Random(7)
    engine = Engine(HYGIENE)
    for path in rng.sample(corpus_files, 25):
        lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
        paragraphs = [i for i, l in enumerate(lines) if i > 1 and l.rstrip().endswith(".")]
        if not paragraphs:
            continue
        target = rng.choice(paragraphs)
        column = len(lines[target]) + 2
        lines[target] += " JEFF OK’D"
        lines += ["", "In Other News", "Load More"]
        findings, _ = engine.check_texts(["\n".join(lines) + "\n"])
        got = {(f.line, f.column, f.rule) for f in findings if f.rule in ERRORS}
        assert got == {
            (target + 1, column, "hygiene.editor-note"),
            (len(lines) - 1, 1, "hygiene.boilerplate"),  # one run: In Other News, Load More
        }, path.name
