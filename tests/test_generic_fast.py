"""The shortcuts of the hyphenation and capitalization kinds find exactly what their plain code
finds (COPYDESK_NO_PREFILTER=1 turns them off): generated drafts full of what breaks them (case,
the Kelvin sign and long s, which fold to ASCII, İ, which lowers to two characters, ß, accents,
curly quotes and dashes glued to words, line ends), and realistic drafts with exact findings."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import plain
from lint.drafts.document import Document
from lint.kinds.base import Context
from lint.kinds.generic import hyphenation
from lint.kinds.generic.hyphenation import Hyphenation

# ---- hyphenation ----------------------------------------------------------------------------

WORDS = [
    "well", "Well", "WELL", "known", "Known", "long", "term", "Term", "precision", "guided", "Guided",
    "fire", "fighters", "author", "the", "is", "a", "plan", "munitions", "co", "pilot", "après", "midi",
    "Après", "\u212aey", "key", "ſo", "so", "İstanbul", "istanbul", "straße", "strasse", "café", "re",
    "elected", "highly", "follow", "up", "Smith", "Jones", "x", "5", "ž", "Ł", "two", "toned",
]
JOINS = ["-", " ", "  ", "\n", "\n\n", ", ", ". ", "“", "”", "’", "'", "—", "(", ")", "-5", "--", " - "]
drafts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(JOINS)), max_size=40).map(
    lambda items: "".join(w + j for w, j in items)
)


def _hits(text: str, scope: str = "body"):
    doc = Document.from_text(text)
    return list(Hyphenation().check(doc, doc.scope_spans(scope), Context()))


@settings(max_examples=1500, deadline=None)
@given(drafts, st.sampled_from(["body", "paragraph", "draft", "line"]))
def test_hyphenation_shortcuts_find_what_the_plain_code_finds(text, scope):
    assert _hits(text, scope) == plain(_hits, text, scope)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="aBz09'-’é \nΣж.ⅠŁ_", max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_the_compounds_found_from_their_hyphens_are_the_patterns_matches(text, pos, end):
    # `_hyphenated` searches from each hyphen, reading the first part back
    expected = [(m.group("a"), m.group("b")) + m.span() for m in hyphenation._HYPHENATED.finditer(text, pos, end)]
    assert list(hyphenation._hyphenated(text, pos, end, 5.0)) == expected


def test_the_ascii_classes_are_the_unicode_classes_on_ascii():
    for c in map(chr, range(128)):
        assert bool(regex.match(r"[\p{L}\p{N}’'-]", c)) == bool(regex.match(r"[A-Za-z0-9'-]", c))
        assert bool(regex.match(r"\p{Latin}", c)) == bool(regex.match(r"[A-Za-z]", c))


def test_only_the_kelvin_sign_and_long_s_fold_or_lower_to_ascii_letters():
    # what the hyphenation shortcut's argument rests on (see Hyphenation.check)
    lowers = [c for c in map(chr, range(0x80, 0x110000)) if any(x.isascii() for x in c.lower())]
    assert lowers == ["\u0130", "\u212a"]  # İ lowers to i and a combining dot: two characters
    assert "\u212a".casefold() == "\u212a".lower() == "k"
    # one character folding to one ASCII letter (the others, ß to ss, move offsets: no shortcut)
    folds = [c for c in map(chr, range(0x80, 0x110000)) if len(c.casefold()) == 1 and c.casefold().isascii()]
    assert folds == ["\u017f", "\u212a"]


def test_hyphenation_on_drafts_with_curly_quotes_and_rare_letters():
    text = (
        "Fire crews tackle blaze\n\n"
        "“It was a well-known risk,” said the chief of the fire service.\n\n"
        "Officials said the well known risk had been flagged in 2019 by the co-pilot.\n\n"
        "A second well-known risk — flooding — was ignored, the İzmir office said.\n"
    )
    hits = _hits(text)
    assert [text[h.start : h.end] for h in hits] == ["well known"]
    assert hits[0].values == {"expected": "well-known", "count": 1, "expected_count": 2}
    assert hits == plain(_hits, text)


def test_hyphenation_long_s_folds_to_an_open_form_it_is_not():
    # "ſo called" casefolds to "so called", but lowers to itself: no open form of so-called
    text = "Headline here\n\nThe so-called plan — a “so-called” fix.\n\nThe ſo called plan failed.\n"
    assert _hits(text) == [] == plain(_hits, text)
    text = text.replace("ſo called", "So called")
    assert [text[h.start : h.end] for h in _hits(text)] == ["So called"]


def test_hyphenation_kelvin_sign_lowers_to_k():
    text = "Headline here\n\nA key-worker scheme began. “\u212aey worker pay rose,” she said of the plan.\n"
    # the Kelvin sign lowers to k: "Key worker" is an open form, but "pay" follows... a noun
    hits = _hits(text)
    assert hits == plain(_hits, text)


# ---- capitalization: the ASCII twin of the word pattern -------------------------------------

from lint.kinds.generic import capitalization  # noqa: E402


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_the_ascii_word_pattern_is_the_word_pattern_on_ascii_text(text):
    assert capitalization._WORD_ASCII.findall(text) == capitalization._WORD.findall(text)


def test_the_ascii_word_pattern_reads_every_ascii_character_as_the_word_pattern_does():
    for c in map(chr, range(128)):
        for text in (c, "A" + c, "A" + c + "b", c + "A"):
            assert capitalization._WORD_ASCII.findall(text) == capitalization._WORD.findall(text), repr(text)
