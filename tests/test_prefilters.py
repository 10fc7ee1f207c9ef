"""Shortcuts taken for speed find exactly what the full scans find.

Several kinds try their patterns only where a match can start (found by a cheap literal
search) instead of at every position. Each shortcut is held here to the plain scan it replaces,
on awkward texts and, when present, the shared corpus.
"""

from __future__ import annotations

import os

import pytest

from lint.kinds.newsroom import people

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


# ---- sourcing.said-verb ----------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from lint.packs import loader as packs  # noqa: E402

RULES = {r.id: r for r in packs.load_rules()}

SAID_TEXTS = [
    "Kirby noted in his statement that the strikes worked.",
    "“We did nothing wrong,” insisted Ruiz. “No,” she insisted. “Yes!” Mayor Ana Ruiz claimed, later.",
    "The group claimed responsibility. A noted author. He was admitted to hospital. As noted above.",
    "Kirby,\n\nnoted that it rained. Kirby, noted: yes. Ruiz pointed  out that, Lee points\nout on Monday.",
    "(Kirby noted that. 5Ruiz claimed that. Ruiz’s aide admitted, Ruiz-Lee conceded to reporters that",
    "?” Gen. J. Smith Jr. declared. !\" declared Ruiz said, “x,” US Army Col. Al Bo admitted, then",
    "noted noted, noted that noted. claimed: claimed",
]
SAID_WORDS = ["Kirby", "he", "she", "noted", "claimed", "pointed", "out", "that", ",", ".", "?", "!",
              "”", "\"", "“", " ", "\n", "in", "a", "statement", "to", "reporters", "on", "Monday",
              "was", "Gen.", "J.", "said", ":", "’s", "-", "Ruiz", "insisted", "admits"]


def _words_of(text):
    """The draft's words (`folded_words`), which let the shortcuts skip what a draft lacks."""
    from lint.drafts.document import Document
    from lint.kinds.newsroom.sourcing_base import folded_words

    doc = Document.from_text(text)
    return folded_words(doc) if doc.text == text else None


def _said_same(text, kind):
    words = _words_of(text)
    for lo in (0, len(text) // 3):  # and inside a span that cuts the text
        full = [m.span() for m in kind._pattern.finditer(text, lo, len(text))]
        assert [m.span() for m in kind._matches(text, lo, len(text), 10.0)] == full
        assert [m.span() for m in kind._matches(text, lo, len(text), 10.0, words)] == full


@pytest.mark.parametrize("text", SAID_TEXTS)
def test_said_verb_is_tried_wherever_it_can_start(text):
    _said_same(text, RULES["sourcing.said-verb"].kind)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(SAID_WORDS), max_size=40))
def test_said_verb_shortcut_on_random_texts(words):
    _said_same("".join(w if w in ",.?!:”\"“ \n’s-" else " " + w for w in words), RULES["sourcing.said-verb"].kind)


def test_said_verb_shortcut_on_the_corpus():
    texts = _corpus_texts()
    if not texts:
        pytest.skip("the shared corpus is not present")
    for text in texts:
        _said_same(text, RULES["sourcing.said-verb"].kind)


# ---- style.hyphenation -----------------------------------------------------------------------

from lint.kinds.generic import hyphenation  # noqa: E402

HYPHEN_TEXTS = [
    "The precision-guided munitions and precision guided munitions, Precision Guided bombs.",
    "a well-known author; the author is well known. well-known-ish, x-well-known, -well-known",
    "long-term\nplans, long term plans,long-term plans\tlong-term-plans long term\nplans ΣΑΣ-ΣΑΣ",
    "naïve-looking café-style x-ray X-Ray x-rays 3-D e-mail co-op’s co-op's anti-war\u00a0anti war protests",
    "-", "a-", "-b", "ab-cd", "ab-cd ab cd ef", "ab cd ef ab-cd",
]
HYPHEN_WORDS = ["well", "known", "-", " ", "\n", "author", "Well", "the", "ab", "cd", "x", "’", "'",
                ",", ".", "naïve", "3", "\t", "long", "term", "ⅠⅡ", "é", "_", "—"]


def _hyphen_same(text):
    kind = RULES["style.hyphenation"].kind
    for lo in (0, len(text) // 3):
        full = [m.span() for m in hyphenation._HYPHENATED.finditer(text, lo, len(text))]
        assert [(start, end) for _, _, start, end in hyphenation._hyphenated(text, lo, len(text), 10.0)] == full
        keys = {(m.group("a").lower(), m.group("b").lower()): [] for m in hyphenation._HYPHENATED.finditer(text, lo, len(text))}
        by_words = kind._open_forms_by_words(text, lo, len(text), keys, 10.0)
        assert kind._open_forms(text, text.lower(), lo, len(text), keys) == by_words


@pytest.mark.parametrize("text", HYPHEN_TEXTS)
def test_hyphenation_shortcuts_find_what_the_full_scan_finds(text):
    _hyphen_same(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(HYPHEN_WORDS), max_size=40))
def test_hyphenation_shortcuts_on_random_texts(words):
    _hyphen_same("".join(words))


def test_hyphenation_shortcuts_on_the_corpus():
    texts = _corpus_texts()
    if not texts:
        pytest.skip("the shared corpus is not present")
    for text in texts:
        _hyphen_same(text)


# ---- sourcing.unattributed-figure ------------------------------------------------------------

from lint.drafts.document import Document  # noqa: E402
from lint.kinds.newsroom import figures  # noqa: E402
from lint.kinds.base import Context  # noqa: E402

FIGURE_TEXTS = [
    "Storm\n\nAt least 14 people were killed. Five drone strikes hit. Wounding dozens of soldiers.",
    "Storm\n\nThe death toll rose to 40. The  Death   Toll rose to forty. TOLL of 3. tolls 4",
    "Storm\n\nIt cost US$5 million, CDN$11,000, $4, €3 and ¥ 7; A$ 5; ABCD$6; 300 million euros.",
    "Storm\n\nUnemployment fell to 4.2% in March; 40 percent of voters; five per  cent of them; per-cent",
    "Storm\n\nMore than ten were injured; as many as  a dozen died. Tens of thousands of protests.",
    "Storm\n\nThe ſaid KILLED 5; 5 KILLED; ﬁve Killed; five killed in Straße; İstanbul 4 killed.",
    "Storm\n\nThe new stadium will cost taxpayers $450 million over a decade.",
    "Storm\n\nOne Two THREE four-five 6,000 7.5 8th 1999 Flight 17, No. 5, no one was hurt.",
]
FIGURE_WORDS = ["at", "least", "14", "5", "five", "Five", "people", "were", "killed", "KILLED", "death",
                "toll", "$", "US$", "4", "million", "euros", "%", "percent", "per", "cent", "a", "dozen",
                "strikes", "attacks", "of", "dozens", " ", "  ", "\n", "\n\n", ".", ",", "said", "-"]


def _figure_hits(text, monkeypatch=None):
    kind = RULES["sourcing.unattributed-figure"].kind
    doc = Document.from_text(text)
    return [(h.start, h.end, h.values) for h in kind.check(doc, doc.scope_spans("body"), Context())]


def _figures_same(text, monkeypatch):
    kind = RULES["sourcing.unattributed-figure"].kind
    fast = _figure_hits(text)
    with monkeypatch.context() as patch:
        # no folded text: every pattern scans every position and no shape is left out
        patch.setattr(figures, "folded_text", lambda doc: None)
        assert _figure_hits(text) == fast
    with monkeypatch.context() as patch:
        # no prefilters: no draft words, every number tried with every shape its draft holds
        patch.setenv("COPYDESK_NO_PREFILTER", "1")
        assert _figure_hits(text) == fast
    words = _words_of(text)
    for index, (what, pattern) in enumerate(kind._scanning):
        for lo in (0, len(text) // 3):
            full = [m.span() for m in pattern.finditer(text, lo, len(text))]
            folded = text.casefold() if len(text.casefold()) == len(text) else None
            assert [m.span() for m in kind._scan(index, pattern, text, folded, lo, len(text), 10.0)] == full
            if folded is not None:
                assert [m.span() for m in kind._scan(index, pattern, text, folded, lo, len(text), 10.0, words)] == full
            full = [m.span() for m in kind._start.finditer(text, lo, len(text))]
            assert [m.span() for m in kind._number_places(text, folded, lo, len(text), 10.0)] == full
            if folded is not None:
                assert [m.span() for m in kind._number_places(text, folded, lo, len(text), 10.0, words)] == full


@pytest.mark.parametrize("text", FIGURE_TEXTS)
def test_figures_shortcuts_find_what_the_full_scans_find(text, monkeypatch):
    _figures_same(text, monkeypatch)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FIGURE_WORDS), max_size=40))
def test_figures_shortcuts_on_random_texts(words):
    with pytest.MonkeyPatch.context() as patch:
        _figures_same("Storm\n\n" + " ".join(words), patch)


def test_figures_shortcuts_on_the_corpus(monkeypatch):
    texts = _corpus_texts()
    if not texts:
        pytest.skip("the shared corpus is not present")
    for text in texts:
        _figures_same(text, monkeypatch)


# ---- sourcing.anonymous ----------------------------------------------------------------------

ANON_TEXTS = [
    "The jets returned, a defense official told the Times. Two  senior U.S. military officials said so.",
    "A person familiar with the talks said it. According to a senior European diplomat, it ended.",
    "U.S.-an official said; x-a source told; ’a source said; 'a source said; A.source said",
    "Said a senior official. Told an aide. An official, speaking on Monday, said. One official who was there said",
    "officials said; the official said; some officials\nsaid; several  people close to the mayor said",
]
ANON_WORDS = ["a", "A", "an", "two", "Two", "some", "senior", "defense", "U.S.", "official",
              "officials", "source", "said", "told", "according", "to", "person", "familiar",
              "with", "the", "talks", ",", ".", " ", "\n", "-", "who", "Kirby", "aide"]


def _anon_same(text):
    kind = RULES["sourcing.anonymous"].kind
    for words in (None, _words_of(text)):
        for lo in (0, len(text) // 3):
            for pattern, starts in zip(kind._patterns, kind._starts(text, lo, len(text), words)):
                full = [m.span() for m in pattern.finditer(text, lo, len(text))]
                assert [m.span() for m in figures.finditer_at(pattern, text, starts, lo, len(text), 10.0)] == full


@pytest.mark.parametrize("text", ANON_TEXTS)
def test_anonymous_is_tried_wherever_it_can_start(text):
    _anon_same(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(ANON_WORDS), max_size=40))
def test_anonymous_shortcut_on_random_texts(words):
    _anon_same(" ".join(words))


def test_anonymous_shortcut_on_the_corpus():
    texts = _corpus_texts()
    if not texts:
        pytest.skip("the shared corpus is not present")
    for text in texts:
        _anon_same(text)


def _anon_same_by_sentence(text):
    """With the draft's sentences, `_starts` keeps only starts whose match can end in their
    own sentence (a citing phrase before an anchor there, a speech verb after a first-pattern
    start): the matches, sentence by sentence, are still every sentence's full scan."""
    from lint.drafts.document import Document

    kind = RULES["sourcing.anonymous"].kind
    doc = Document.from_text(text)
    text = doc.text
    for words in (None, _words_of(text)):
        for lo in (0, len(text) // 3):
            hi = len(text)
            starts = kind._starts(text, lo, hi, words, None, doc)
            for pattern, at in zip(kind._patterns, starts):
                full = [
                    m.span()
                    for s_start, s_end in doc.sentences
                    if max(lo, s_start) < min(hi, s_end)
                    for m in pattern.finditer(text, max(lo, s_start), min(hi, s_end))
                ]
                assert [m.span() for m in kind._sentence_matches(doc, pattern, at, lo, hi, 10.0)] == full


ANON_SENTENCES = ANON_TEXTS + [
    "U.S.-official. The jets, said a senior official. Two aides, a U.S.-official and more, said so.",
    "A source close to the club. Said. According to people. Familiar with the talks, a source said",
    "People close to the mayor told. an official\n\nsaid; several officials familiar with it; x",
]


@pytest.mark.parametrize("text", ANON_SENTENCES)
def test_anonymous_by_sentence_is_tried_wherever_it_can_start(text):
    _anon_same_by_sentence("Headline\n\n" + text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(ANON_WORDS + ["people", "close", "People", "says", "citing", "?", "\n\n"]), max_size=40))
def test_anonymous_by_sentence_on_random_texts(words):
    _anon_same_by_sentence("Headline\n\n" + " ".join(words))


def test_anonymous_by_sentence_on_the_corpus():
    texts = _corpus_texts()
    if not texts:
        pytest.skip("the shared corpus is not present")
    for text in texts:
        _anon_same_by_sentence(text)


# ---- style.acronym ---------------------------------------------------------------------------

from lint.kinds.newsroom import acronym  # noqa: E402

ACRONYM_WORDS = ["the", "Baghdad", "Support", "Center", "(", ")", "BDSC", "NATO", ",", "or", "known",
                 "as", "called", "“", "”", "for", "short", "AB", "A&B", "UN", " ", "\n", "stands", "is"]


def _introduced_by_full_scan(text):
    introduced = set()
    for pattern in (acronym._IN_PARENS, acronym._BEFORE_PARENS, acronym._OR_FORM):
        for m in pattern.finditer(text):
            introduced.update(g for g in m.groups() if g)
    return introduced


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(ACRONYM_WORDS), max_size=40))
def test_acronym_introductions_on_random_texts(words):
    text = " ".join(words)
    assert acronym._introduced(text, 10.0) == _introduced_by_full_scan(text)


def test_acronym_introductions_on_the_corpus():
    texts = _corpus_texts()
    if not texts:
        pytest.skip("the shared corpus is not present")
    for text in texts:
        assert acronym._introduced(text, 10.0) == _introduced_by_full_scan(text)


# ---- readability.sentence-length ---------------------------------------------------------------

from lint.kinds.generic import metric  # noqa: E402


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 .-'’é\n,") + ["\u0301", "\u00a0"]), max_size=60))
def test_a_span_holds_at_most_half_its_length_in_words(text):
    # metric.py skips counting spans too short to pass `max`
    assert len(metric._WORD.findall(text)) <= (len(text) + 1) // 2


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 .-'’é\n,") + ["\u0301", "\u00a0", "\ud800", "東", "Ⅻ", "½"]), max_size=80),
       st.integers(0, 80), st.integers(0, 80))
def test_the_byte_bound_never_undercounts_words(text, start, end):
    # metric.py skips counting a long sentence whose bound is within the limit
    assert len(metric._WORD.findall(text, start, end)) <= metric._most_words(text, start, end)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 .-'’é\n,") + ["\u0301", "東", "Ⅻ", "½"]), max_size=60),
       st.integers(1, 12), st.integers(0, 60), st.integers(0, 60))
def test_has_words_counts_as_finditer_does(text, count, start, end):
    doc = Document.from_text(text)
    expected = len(metric._WORD.findall(doc.text, start, end)) >= count
    assert metric._has_words(doc, start, end, count) == expected


def test_the_switch_is_seen_the_moment_it_changes(monkeypatch):
    """COPYDESK_NO_PREFILTER is read from os.environ's own store (a dict look-up, not a 2 µs
    `os.environ.get`): setting or removing it mid-run must still turn the fast paths off and
    on at once, or every plain-against-fast test here would compare the fast path to itself."""
    from lint.engine.prefilter import prefilters_enabled

    monkeypatch.delenv("COPYDESK_NO_PREFILTER", raising=False)
    assert prefilters_enabled()
    monkeypatch.setenv("COPYDESK_NO_PREFILTER", "1")
    assert not prefilters_enabled()
    monkeypatch.setenv("COPYDESK_NO_PREFILTER", "0")
    assert prefilters_enabled()
    os.environ["COPYDESK_NO_PREFILTER"] = "yes"
    assert not prefilters_enabled()
    del os.environ["COPYDESK_NO_PREFILTER"]
    assert prefilters_enabled()
    monkeypatch.setenv("COPYDESK_NO_PREFILTER", "")
    assert prefilters_enabled()
