"""Shortcuts taken for speed find exactly what the full scans find.

Several kinds try their patterns only where a match can start (found by a cheap literal
search) instead of at every position. Each shortcut is held here to the plain scan it replaces,
on awkward texts and, when present, the shared corpus.
"""

from __future__ import annotations

import pytest

from lint import people

AWKWARD = [
    "",
    "President Biden met Gen. Mark Milley and then-Sen. Kamala Harris.",
    "_President Joe Biden; X-Gen. Ann Lee; 1st Lt. John Smith; 2nd Lt. Mary Ng; 1st Sgt. Al Roy.",
    "U.S. Army Gen. Kenneth F. McKenzie Jr. and US Navy Adm. Jo Park, former Defense Secretary Mark Esper.",
    "Colorado Col. Ann Reyes; Generally General Ann Reyes; ex-President Donald Trump; now-retired Col. Al Bo",
    "Pentagon press secretary John Kirby said President-elect Joe Biden would visit.",
    "Army Army Gen. Al Bo. Navy\nGen. Al Bo. Marine Corps Reserve Maj. Gen. Al Bo.",
    "Gen.Gen. Al Bo, Gen.  Al Bo, Gen.\u00a0Al Bo, Gen. al-Bashir, Gen. de Gaulle, Gen. van Dyk",
]


def _corpus_texts():
    from conftest import CORPUS

    return [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))] if CORPUS.is_dir() else []


@pytest.fixture(scope="module")
def extractor():
    return people.extractor_for(*people.default_tables())


@pytest.mark.parametrize("text", AWKWARD)
def test_titled_mentions_are_tried_wherever_they_can_start(extractor, text):
    assert extractor._first_runs is not None
    full = [m.span() for m in extractor._titled.finditer(text)]
    assert [m.span() for m in extractor._titled_matches(text, 10.0)] == full


def test_titled_shortcut_on_the_corpus(extractor):
    texts = _corpus_texts()
    if not texts:
        pytest.skip("the shared corpus is not present")
    for text in texts:
        full = [m.span() for m in extractor._titled.finditer(text)]
        assert [m.span() for m in extractor._titled_matches(text, 10.0)] == full
