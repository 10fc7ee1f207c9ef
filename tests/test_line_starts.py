"""`line_starts` (a `str.find` loop carrying the next line's start) gives the offsets just
after each LF, and after each line end of any kind when the source has a lone CR: the plain
reading of the text, character by character, on texts of line ends, CRs and other widths."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.drafts.document import line_starts


def _reference(source: str):
    lone_cr = any(c == "\r" and source[i + 1 : i + 2] != "\n" for i, c in enumerate(source))
    starts = [0]
    for i, c in enumerate(source):
        if c == "\n" or (lone_cr and c == "\r" and source[i + 1 : i + 2] != "\n"):
            starts.append(i + 1)
    return starts


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=list("ab \n\r’😀"), max_size=40))
def test_line_starts_are_the_plain_readings(source):
    assert line_starts(source) == _reference(source)
