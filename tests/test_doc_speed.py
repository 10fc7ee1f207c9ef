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
