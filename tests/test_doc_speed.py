"""The s9 speed changes to documents, desk-note, boilerplate and repeated words hold to the
code they replaced (kept here as the reference)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.kinds.generic import repetition

CHARACTERS = st.sampled_from(["’", "“", "”", "—", "–", "é", "ж", "の", "\u00a0", "…", "Ω", "\U0001f600"])


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.lists(CHARACTERS, max_size=200).map("".join), st.text(max_size=300)))
def test_distinct_characters_are_the_set_of_them(characters):
    assert repetition._distinct(characters) == set(characters)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="plszPLSZ zx\u017f", max_size=40))
def test_desk_note_request_gate_is_either_folded_literal(folded):
    from lint.kinds.newsroom import desk_note

    either = any(literal in folded for literal in desk_note._PLS_FOLDED)
    assert (desk_note._PLS_FOLDED_SEARCH(folded) is not None) == either


PARAGRAPH_PIECES = st.sampled_from(["the", "The", "x", "’", "“", "—", "5", ".", "ж", "'", "-"])
PARAGRAPH_GAPS = st.sampled_from([" ", "\n", "\n\n", "\n \n", "\n\u00a0\n", "\u00a0", "\u2003", "\u3000", "\x85",
                                  "\x1c", "\t", "\r\n", "\n\u2003\n", "\n\n\u2009", ""])


def _edges_reference(text, spans):
    # the edges' test as it was: each span's two neighbours, looked at
    edges = {text[end] for _, end in spans if end < len(text)} | {text[start - 1] for start, _ in spans if start > 0}
    return edges <= repetition._SEPARATORS


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(PARAGRAPH_PIECES, PARAGRAPH_GAPS), max_size=30).map(lambda items: "".join(p + g for p, g in items)))
def test_paragraphs_stand_apart_as_their_edges_say(text):
    from lint.drafts.document import Document

    doc = Document.from_text(text)
    others = repetition._distinct(doc.beyond_ascii) if not doc.text.isascii() else ()
    for spans in (doc.paragraphs, list(doc.paragraphs), doc.sentences, doc.scope_spans("line")):
        assert repetition._apart(doc.text, spans, doc, others) == _edges_reference(doc.text, spans)
