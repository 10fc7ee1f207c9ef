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
