"""The headline-case kind's one reading of a headline's words (`_sentence_tally`) and its
test of the character before a name (`_sentence_start`) give what the code they replaced gave."""

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.kinds.generic.capitalization import (
    _REGEX_SPACE,
    _SENTENCE_START,
    _WordSet,
    _sentence_start,
    exceptions_pattern,
    sentence_conforms,
)
from lint.kinds.generic.capitalization import _WORD, _WORD_ASCII, _join_exceptions


def _reference(text, indicators, exceptions, threshold):
    """sentence_conforms as it was: every word read again for every set of exceptions."""
    stripped = text.rstrip("?!.:")
    tokens = (_WORD_ASCII if stripped.isascii() else _WORD).findall(stripped)
    if getattr(exceptions, "pattern", None):
        tokens = _join_exceptions(stripped, exceptions) or tokens
    ends = tuple(indicators)
    search = exceptions.search if exceptions is not None else None
    count = words = 0
    previous = ""
    for i, word in enumerate(tokens):
        w = word
        if "-" in w:
            w = w.partition("-")[0]
        elif "'" in w:
            w = w.partition("'")[0]
        elif "’" in w:
            w = w.partition("’")[0]
        if w == w.upper() or previous.endswith(ends) or (search is not None and search(word) is not None):
            count += 1
        elif i == 0 and w != w[:1].upper() + w[1:].lower():
            return False
        elif i == 0 or w == w.lower():
            count += 1
        words += 1
        previous = word
    return words == 0 or count / words > threshold


WORDS = ["Council", "votes", "to", "close", "NATO", "Kamloops", "iPhone", "eBay", "McDonald's", "U.S.",
         "Election:", "What", "well-Known", "Well-known", "O’Brien", "o'neil", "2024", "São", "PAULO", "x",
         "the", "Axon", "Server", "A", "é", "-", "Ω", "said:"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=9), st.sampled_from([(":",), (), (":", "?"), ("",)]),
       st.sampled_from([None, "set", "pattern"]), st.sampled_from([0.8, 0.5, 0.0, 1.0]),
       st.sampled_from(["", ".", "?", " !"]))
def test_sentence_conforms_reads_as_before(words, indicators, exceptions, threshold, end):
    text = " ".join(words) + end
    if exceptions == "set":
        exceptions = _WordSet(["Kamloops", "Axon", "McDonald", "São"])
    elif exceptions == "pattern":
        exceptions = exceptions_pattern(["Axon Server", "iPhone"])
    assert sentence_conforms(text, indicators, exceptions, threshold) == _reference(text, indicators, exceptions, threshold)


def test_the_regex_modules_white_space_is_listed():
    space = regex.compile(r"\s")
    assert {chr(c) for c in range(0x110000) if space.match(chr(c))} == set(_REGEX_SPACE)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list("a.!?:;,\"“‘'([\n \t\u00a0\u2003\x1cZ)”")), max_size=5).map("".join))
def test_sentence_start_reads_as_the_pattern(before):
    assert _sentence_start(before) == (_SENTENCE_START.search(before) is not None)
