"""quote-balance finds every quotation mark of a draft once, by splitting the text at each mark
and summing the pieces' lengths: the offsets are exactly where the marks stand, in order, in
text of any width (Latin-1, curly quotes, emoji past the BMP)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.kinds.newsroom import quote_balance


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=list("“”\"„'’ ab\né😀\t"), max_size=40))
def test_the_marks_are_where_they_stand(text):
    balance = quote_balance._Balance(None, text)
    expected = [i for i, c in enumerate(text) if c in quote_balance._MARKS]
    assert balance.marks(0, len(text)) == expected
    # and a stretch of the draft gives the marks inside it only
    assert balance.marks(3, 9) == [i for i in expected if 3 <= i < 9]
