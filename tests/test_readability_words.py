"""The grade's word list (readability._lowered_words, bytewise) is textstat's list_words:
punctuation deleted, lowered, split at white space, for every character."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from lint.kinds.generic import readability


def _reference(text: str):
    return readability._strip_punctuation(text).lower().split()


@pytest.fixture(params=["by character", "by word"])
def path(request, monkeypatch):
    """Both ways _lowered_words finishes a draft with non-ASCII characters: a pass over the
    text for each of them, or word by word (drafts with many of them)."""
    by_character = request.param == "by character"
    monkeypatch.setattr(readability, "_FEW_OTHERS", 10**9 if by_character else -1)
    monkeypatch.setattr(readability, "_MANY_NON_ASCII_BYTES", 10**9 if by_character else -1)
    monkeypatch.setattr(readability, "_cleaned", {})
    return request.param


@pytest.mark.parametrize(
    "text",
    [
        "",
        "The Council's plan — isn't it? 'Tis O'NEILL'S rock 'n' roll.",
        "“We’ll see,” said Zoë Ångström… İSTANBUL ΟΔΟΣ ΑΣ. K\u212a \u0307x",
        "a\u00a0b\u2009c\x1cd\u2028e \ud800 x",
    ],
)
def test_words_are_textstats(text, path):
    assert readability._lowered_words(text) == _reference(text)


def test_many_non_ascii_characters_go_word_by_word(monkeypatch):
    text = "Сегодня Москва ОТВЕТИЛА — «нет» — Ελλάδα ΟΔΟΣ. “Fine,” he said."
    calls = []
    finish = readability._lowered_by_word
    monkeypatch.setattr(readability, "_lowered_by_word", lambda encoded: calls.append(1) or finish(encoded))
    assert readability._lowered_words(text) == _reference(text)
    assert calls and "—" not in readability._lowered_words(text)
    assert readability._lowered_words("“Fine,” he said — Zoë.") == ["fine", "he", "said", "zoë"] and len(calls) == 2


def test_many_non_ascii_bytes_go_word_by_word_without_counting_the_characters(monkeypatch):
    text = "“Fine,” he said — Zoë. " * 100  # 4 distinct characters, 1,100 bytes beyond ASCII
    calls = []
    finish = readability._lowered_by_word
    monkeypatch.setattr(readability, "_lowered_by_word", lambda encoded: calls.append(1) or finish(encoded))
    monkeypatch.setattr(readability, "_MANY_NON_ASCII_BYTES", 1099)
    assert readability._lowered_words(text) == _reference(text) and len(calls) == 1
    monkeypatch.setattr(readability, "_MANY_NON_ASCII_BYTES", 1100)
    assert readability._lowered_words(text) == _reference(text) and len(calls) == 1


def test_every_character_in_every_place_gives_textstats_words(path):
    # each character after a capital, before a word, after an apostrophe, next to a capital
    # sigma and a dotted capital I (whose lower case holds a combining mark, which is punctuation)
    for code in range(0x80, 0x110000, 7):
        c = chr(code)
        text = "AB" + c + "x Σ" + c + " '" + c + "'s İ" + c + "\u0307 z"
        assert readability._lowered_words(text) == _reference(text), hex(code)


def test_a_lower_case_is_lower_case_already():
    # _lowered_words replaces each character by its lower case in turn: no later replacement
    # may touch an earlier one's output, so every character of any lower case lowers to itself
    for code in range(0x110000):
        for d in chr(code).lower():
            assert d.lower() == d, hex(code)


def test_white_space_bounds_lowering():
    # a capital sigma's final form looks past case-ignorable characters only: white space is
    # never one of them, so lowering a word alone is lowering it in its text
    for code in range(0x110000):
        w = chr(code)
        if w.isspace():
            assert ("AΣ" + w + "B").lower() == "aς" + w + "b", hex(code)
            assert ("A" + w + "ΣB").lower() == "a" + w + "σb", hex(code)


def test_hyphenation_patterns_are_kept_in_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("COPYDESK_NO_CACHE", raising=False)
    first = readability._load_hyphenator()
    assert len(list(tmp_path.glob("pyphen-*.pickle"))) == 1
    monkeypatch.setattr(readability, "_read_patterns", lambda path: pytest.fail("read again"))
    again = readability._load_hyphenator()
    assert isinstance(again, readability._LazyHyphenation)
    assert again._raw == first._raw and again.maxlen == first.maxlen
    assert again.positions("extraordinarily") == first.positions("extraordinarily")


_SOME_CHARACTERS = list("aZ' \n.,-") + list("—–“”’‘…«»Zoë ÅŞİıΣσςΑΔ\u00a0\u2009\u0307\u212aЖж東½\ud800")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_SOME_CHARACTERS), max_size=40),
       st.text(alphabet=st.sampled_from(_SOME_CHARACTERS), max_size=12))
def test_words_with_the_characters_of_a_text_around_are_textstats(text, more):
    # the grade's caller hands over the draft's characters beyond ASCII (a superset of the
    # span's: the headline's, the other paragraphs'), in their order, repeated as they are
    around = "".join(c for c in more + text + more if not c.isascii())
    kept = readability._FEW_OTHERS, readability._MANY_NON_ASCII_CHARACTERS
    try:
        for few, many in ((10**9, 10**9), (-1, 10**9), (10**9, -1)):
            readability._FEW_OTHERS, readability._MANY_NON_ASCII_CHARACTERS = few, many
            assert readability._lowered_words(text, None, around) == _reference(text)
    finally:
        readability._FEW_OTHERS, readability._MANY_NON_ASCII_CHARACTERS = kept
