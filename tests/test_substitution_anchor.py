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


def test_the_character_before_a_match_is_read_from_the_lookbehind_it_ends_with():
    from lint.kinds.generic.substitution import _lookbehind_ascii

    dateline = (r"(?<=^\p{Lu}[\p{Lu} .,’'-]{2,}(?:,[^\S\n]+[\p{L}\p{N}.]+)?(?:[^\S\n]*\([^)\n]+\))?[^\S\n]+)"
                r"[–-](?=[^\S\n]+\p{Ll})")
    assert _lookbehind_ascii(dateline) == "\t\x0b\x0c\r "  # the `regex` module's \s, not Python's
    assert _lookbehind_ascii(r"(?<=[\p{L}\p{N},;])[ \t]{2,}") == ",0123456789;" + "".join(map(chr, range(65, 91))) + "".join(map(chr, range(97, 123)))
    assert _lookbehind_ascii(r"(?<=a\p{Lu}+)x") == "".join(map(chr, range(65, 91)))
    assert _lookbehind_ascii(r"(?<=a|b)c") == "ab"
    for unknown in (r"(?<=a\s*)x", r"(?<=a.)x", r"x(?<=a)", r"(?<=a(?:b|cd))x", r"(?i)(?<=a)x", r"(?<=a[^\p{L}])x"):
        assert _lookbehind_ascii(unknown) is None, unknown


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["WASHINGTON", "NORFOLK, Va.", " ", "\t", "-", "–", "—", "the", "The", "(AP)", "\n", "5", ","]),
                max_size=14).map("".join))
def test_a_lookbehind_anchored_key_finds_what_finditer_finds(text):
    from lint.engine.prefilter import prefix_literals
    from lint.kinds.generic.substitution import _lookbehind_ascii

    key = (r"(?<=^\p{Lu}[\p{Lu} .,’'-]{2,}(?:,[^\S\n]+[\p{L}\p{N}.]+)?(?:[^\S\n]*\([^)\n]+\))?[^\S\n]+)"
           r"[–-](?=[^\S\n]+(?:\S+[^\S\n]+){0,3}\p{Ll})")
    anchor = _Anchor(prefix_literals(key), None, 0, 0, _lookbehind_ascii(key))
    pattern = regex.compile(key, regex.MULTILINE)
    expected = [m.span() for m in pattern.finditer(text)]
    assert [m.span() for m in _anchored_finditer(pattern, text, 0, len(text), anchor, 5.0)] == expected


@settings(max_examples=400, deadline=None)
@given(st.sampled_from([
    r"(?<=[\p{L}\p{N},;])[ \t\u00a0]{2,}(?=\S)",
    r"(?<=[\p{L}\p{N}])(?:\.\.\.|…)(?=[^\S\n]+\p{Ll})",
    r"(?<=[a ])(?:ab |b )",
    r"(?<=[^a])a ",
    r"(?<=[^ ])  ",
    r"(?<=[\s\S]) \n",
]), st.lists(st.sampled_from(list("ab .,;\t\u00a0é…5\nx") + ["...", "  "]), max_size=30).map("".join),
    st.integers(0, 30), st.integers(0, 30))
def test_a_sieved_anchor_finds_what_finditer_finds(key, text, a, b):
    """An anchor with no run whose lookbehind rules offsets out finds its places with one
    standard `re` pass a string (`_Anchor.sieve`); a string that could hide a place behind
    an overlapping one (`aa` after anything but `a`) keeps the loop."""
    from lint.engine.prefilter import prefix_literals

    start, end = sorted((min(a, len(text)), min(b, len(text))))
    anchor = _Anchor(prefix_literals(key), None, 0, 0, _lookbehind_ascii(key))
    pattern = regex.compile(key, regex.MULTILINE)
    expected = [m.span() for m in pattern.finditer(text, start, end)]
    assert [m.span() for m in _anchored_finditer(pattern, text, start, end, anchor, 5.0)] == expected


def test_which_strings_are_sieved():
    key = r"(?<=[\p{L}\p{N},;])[ \t\u00a0]{2,}(?=\S)"
    anchor = _Anchor({"  ", " \u00a0", "aa"}, None, 0, 0, _lookbehind_ascii(key))
    assert anchor.sieve("  ").pattern.startswith(r"\ \ (?<![")
    assert anchor.sieve(" \u00a0") is None  # (a character beyond ASCII: the loop)
    assert anchor.sieve("aa") is None  # (not ending in white space: `str.find` skips to it fast)
    assert _Anchor({"a "}, None, 0, 0, "a").sieve("a ") is None  # (a place may hide behind another)
    assert _Anchor({"-"}, None, 0, 0, " ").sieve("-") is None  # (a hyphen: the loop)
    assert _Anchor({"  "}, None, 0, 0, None).sieve("  ") is None  # (nothing to rule out: the loop)
    assert [m.start() for m in anchor.sieve("  ").finditer("a  b.  c,   d")] == [1, 9]
