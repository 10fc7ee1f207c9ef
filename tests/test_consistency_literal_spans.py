"""The consistency kind's literal forms are matched only where their text stands
(`_literal_spans`): the same spans as the form's pattern searched over the whole span."""

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.kinds.base import literal_pattern
from lint.kinds.generic.consistency import _literal_spans

FORMS = ["U.S.", "US", "towards", "Iran-backed", "e-mail", "al-Qaida"]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(FORMS), st.booleans(),
       st.lists(st.sampled_from(["U.S.", "US", "USA", "us", "Towards", "towards", "TOWARDS", "e-mail", "E-Mail", "Iran-backed",
                                 "al-Qaida", " ", "-", ".", "x", "é", "\n", "K", "\u212a"]), max_size=14).map("".join),
       st.integers(0, 40), st.integers(0, 40))
def test_literal_spans_are_what_finditer_finds(form, ignorecase, text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    flags = regex.MULTILINE | (regex.IGNORECASE if ignorecase else 0)
    pattern = regex.compile(literal_pattern([form]), flags)
    if ignorecase:
        hay = text.casefold()
        if len(hay) != len(text):
            return  # (the kind then searches the whole span: `folded_text` is None)
        needle = form.casefold()
    else:
        hay, needle = text, form
    expected = [m.span() for m in pattern.finditer(text, start, end)]
    assert _literal_spans(pattern, text, hay, needle, start, end, 5.0) == expected
