"""The substitution kind's anchored search (`_anchored_finditer`) finds what the pattern's own
`finditer` finds, for keys opening with a run of one class and a literal after it."""

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.kinds.generic.substitution import _Anchor, _anchored_finditer, _lookbehind_ascii, _run_then_literal

RUN_KEYS = (
    r"(?<=[\p{L}\p{N}”’\")])[ \t\u00a0]+([,;:]|\.(?![.\p{N}]))(?=\s|$)",
    r"(?<=x)[ab]+[ab]",
    r"[ab]{1,2}(?=b)ba",
    r"(?<=[\p{L}])[ \t]+(?:,|\.\.)",
    r"[ab]+(?:c|ab)",
    r"b{2,}a{2}",
)


def test_run_then_literal_reads_the_run_and_what_follows():
    assert _run_then_literal(r"(?<=[\p{L}])[ \t]+[,;]") == (
        frozenset({" ,", " ;", "\t,", "\t;"}), frozenset({" ", "\t"}), 1, None)
    assert _run_then_literal(r"[ab]{1,2}(?=b)ba") == (frozenset({"ab", "bb"}), frozenset({"a", "b"}), 1, 2)
    for other in (r"[ \t]+\w", r"[ \t]*,", r"(?i)[ \t]+,", r"\G[ \t]+,", r"a[ \t]+,", r"[ \t]+"):
        assert _run_then_literal(other) is None, other


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(RUN_KEYS), st.lists(st.sampled_from(list("abcx ,.;\t\u00a0é”5\n")), max_size=30).map("".join),
       st.integers(0, 30), st.integers(0, 30))
def test_the_anchored_search_finds_what_finditer_finds(key, text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    strings, chars, low, high = _run_then_literal(key)
    anchor = _Anchor(strings, chars, low, high, _lookbehind_ascii(key))
    pattern = regex.compile(key, regex.MULTILINE)
    expected = [m.span() for m in pattern.finditer(text, start, end)]
    assert [m.span() for m in _anchored_finditer(pattern, text, start, end, anchor, 5.0)] == expected
