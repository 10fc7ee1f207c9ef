"""Every shortcut a kind takes for speed finds exactly what its plain search finds.

Each fast path is compared with the straightforward code on generated drafts full of the
cases that break shortcuts: case, apostrophes, digits, `ß` and `ſ`, line ends, odd spaces.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import plain
from lint.drafts.document import Document
from lint.kinds.base import Context
from lint.kinds.newsroom.boilerplate import Boilerplate
from lint.kinds.generic.repetition import Repetition

PIECES = [
    "the", "The", "THE", "tHe", "don’t", "Don’t", "don't", "rock’n’roll", "ſo", "so", "So",
    "Straße", "STRASSE", "ß", "had", "Had", "café", "cafe\u0301", "the²", "²the", "Ⅰ", "ζ", "İ",
    "x", "5", "the5", "-", "—", "’", "'", ".", ",", "(", ")", "“", "”",
]
GAPS = [" ", "  ", "\t", "\u00a0", "\n", "\n\n", "", " - "]

texts = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GAPS)), max_size=40).map(
    lambda items: "".join(p + g for p, g in items)
)
# and runs longer than the repetition shortcut reads at once (64 characters)
LONG_PIECES = PIECES + ["ж" * 64, "Ж" * 64, "ж" * 65, "Ж" * 65, "x" * 70, "の" * 66, "’" * 65]
long_texts = st.lists(st.tuples(st.sampled_from(LONG_PIECES), st.sampled_from(GAPS)), max_size=30).map(
    lambda items: "".join(p + g for p, g in items)
)


def _slow(kind, doc, spans):
    """The kind with its shortcut turned off."""
    plain = Repetition(token=kind.token, ignorecase=kind.ignorecase, exceptions=kind.exceptions, second=kind.second)
    object.__setattr__(plain, "_prefilter", False)
    return list(plain.check(doc, spans, Context()))


@settings(max_examples=600, deadline=None)
@given(long_texts, st.sampled_from(["paragraph", "line", "draft", "sentence"]), st.sampled_from(["any", "lower"]),
       st.sampled_from([r"\p{L}+(?:['’]\p{L}+)?", r"\p{Latin}+(?:['’]\p{Latin}+)?"]))
def test_repetition_prefilter_finds_what_the_plain_search_finds(text, scope, second, token):
    kind = Repetition(token=token, second=second, exceptions=["had had"])
    assert kind._prefilter
    doc = Document.from_text(text)
    spans = doc.scope_spans(scope)
    assert list(kind.check(doc, spans, Context())) == _slow(kind, doc, spans)


def test_repetition_prefilter_on_a_draft():
    kind = Repetition(token=r"\p{Latin}+(?:['’]\p{Latin}+)?", second="lower", exceptions=["that that"])
    text = "The the vote.\n\nShe said that that was that. Were were\nwere they? ſo so, Sirhan Sirhan.\n"
    doc = Document.from_text(text)
    hits = list(kind.check(doc, doc.paragraphs, Context()))
    assert _texts(text, hits) == ["The the", "Were were", "ſo so"]
    assert hits == _slow(kind, doc, doc.paragraphs)
    # case folding `ß` changes the length: the plain search runs, and still finds it
    text = "Die Straße straße.\n"
    doc = Document.from_text(text)
    assert _texts(text, kind.check(doc, doc.paragraphs, Context())) == ["Straße straße"]
    # runs of more than 64 characters (CJK text has no spaces) take the plain search
    long = "Ⅻ" * 70
    text = f"東京{'の' * 80} {long} {long.lower()} and the the end\n"
    doc = Document.from_text(text)
    hits = list(kind.check(doc, doc.paragraphs, Context()))
    assert _texts(text, hits) == [f"{long} {long.lower()}", "the the"]
    assert hits == _slow(kind, doc, doc.paragraphs)


def _texts(text, hits):
    return [text[h.start:h.end] for h in hits]


WORDISH = st.lists(st.sampled_from(["U", "S", "p", "m", "Gen", "a", ".", "..", " ", "5", "é", "ß", "(", "’", "\n", "Lt"]), max_size=25).map("".join)


@settings(max_examples=500, deadline=None)
@given(WORDISH, st.integers(0, 40))
def test_word_before_a_full_stop_is_what_the_regex_finds(prefix, back):
    from lint.drafts.document import _WORD_BEFORE, _word_before

    text = prefix + "."
    dot = len(text) - 1
    low = max(0, dot - back)
    found = _WORD_BEFORE.search(text, low, dot + 1)
    assert _word_before(text, low, dot) == (found.group() if found else "")


def test_sentences_of_a_draft_with_abbreviations():
    doc = Document.from_text(
        "Navy Cmdr. Jane Ruiz spoke at 3 p.m. Friday. The U.S. Embassy said so. It was Gen. Alan Ross.\n"
        "\n"
        "He left the U.S. After that, nobody spoke... Then she did.\n"
    )
    assert [doc.text[s:e] for s, e in doc.sentences] == [
        "Navy Cmdr. Jane Ruiz spoke at 3 p.m. Friday.",
        "The U.S. Embassy said so.",
        "It was Gen. Alan Ross.",
        "He left the U.S.",
        "After that, nobody spoke...",
        "Then she did.",
    ]


def test_prefilter_fold_keeps_every_case_insensitive_match_of_ascii_letters():
    import regex

    from lint.drafts.document import prefilter_fold

    patterns = [(chr(i), regex.compile(regex.escape(chr(i)), regex.IGNORECASE)) for i in range(0x20, 0x7F)]
    # Latin, Greek, Cyrillic, letter-like symbols (the Kelvin sign), ligatures, full-width forms
    blocks = [range(0x80, 0x2200), range(0xFB00, 0xFB07), range(0xFF01, 0xFF5F)]
    for i in (i for block in blocks for i in block):
        c = chr(i)
        for a, pattern in patterns:
            if pattern.fullmatch(c):
                assert prefilter_fold(a) in prefilter_fold(c), (a, hex(i))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["US", "us", "U.S.", "İstanbul", "istanbul", "ISTANBUL", "ıstanbul", "ſtop", "stop",
                                 "KELVIN", "\u212aelvin", "kelvin", " ", ", ", "\n", "Straße", "strasse"]),
                max_size=12).map("".join),
       st.booleans())
def test_substitution_prefilter_finds_what_the_plain_search_finds(text, ignorecase):
    from lint.kinds.generic.substitution import Substitution

    kind = Substitution(swap={"US": "U.S.", "istanbul": "Istanbul", "stop": "halt", "kelvin": "K", "strasse": "Straße"},
                        ignorecase=ignorecase)
    doc = Document.from_text(text)
    plain = Substitution(swap=kind.swap, ignorecase=ignorecase)
    object.__setattr__(plain, "_swaps", [(p, r, None) for p, r, _ in plain._swaps])
    for scope in ("draft", "line"):
        spans = doc.scope_spans(scope)
        assert sorted(kind.check(doc, spans, Context()), key=repr) == sorted(plain.check(doc, spans, Context()), key=repr)


LINE_PIECES = ["Back to top", "button", "Share", "Facebook", "Twitter", "|", "•", ":", "© 1998", "©2024", "Sign up for our",
               "newsletter", "Advertisement", "Advertisements", "ADVERTISEMENT", "İn Other News", "In Other News", "Load More",
               "Related:", "the council voted", "Straße", "x" * 210, " ", "  ", "\u00a0", "’", "Don’t Miss", "Editor's Picks"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINE_PIECES), min_size=1, max_size=8).map(" ".join))
def test_boilerplate_quick_reject_agrees_with_the_full_check(line):
    from lint.packs import loader as packs

    kind = next(r.kind for r in packs.load_rules() if r.id == "hygiene.boilerplate")
    assert kind._firsts is not None
    plain = Boilerplate(phrases=kind.phrases, parts=kind.parts, prefixes=kind.prefixes)
    object.__setattr__(plain, "_firsts", None)
    assert kind._known_furniture(line) == plain._known_furniture(line)


# ---- the sourcing pack: draft words, reach, phrase starts --------------------------------------

import sys  # noqa: E402

import regex  # noqa: E402

from lint.packs import loader as packs  # noqa: E402
from lint.kinds.newsroom import figures  # noqa: E402
from lint.kinds.newsroom.sourcing_base import PatternStarts, finditer_at, folded_text, folded_words  # noqa: E402

SOURCING = {r.id: r for r in packs.load_rules() if r.id.startswith("sourcing.")}


def test_no_character_outside_word_edges_folds_to_a_to_z():
    """`folded_words`: what stands next to a whole word (not `\\w`) never folds into a-z, and
    what `(?i)` matches with an ASCII letter is a letter (figures' reach)."""
    letters = regex.compile(r"(?i)[a-z]")
    word, letter = regex.compile(r"\w"), regex.compile(r"\p{L}")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF or char.isascii():
            continue
        folded = char.casefold()
        if any("a" <= c <= "z" for c in folded):
            assert word.match(char), hex(code)
        if letters.match(char):
            assert letter.match(char), hex(code)


SOURCING_PIECES = [
    "said", "Said", "SAID", "told", "according to", "According  to", "reportedly", "Reportedly",
    "it is believed", "It was\nwidely thought", "is said to be", "were rumoured to have",
    "reports say", "sources\tclaimed", "the government says", "officials said", "two officials said",
    "a defense official", "A senior official", "an aide", "a person familiar with", "spokesman",
    "noted", "claimed", "insisted", "pointed out", "Kirby", "Ana Ruiz", "he", "“", "”", "\"", "’",
    "killed", "KILLED", "Killed", "wounding", "dead", "deaths", "death toll", "toll", "atoll",
    "strikes", "air strikes", "attacks", "people", "were", "at least", "more than", "about",
    "five", "Five", "dozens of", "tens of thousands of", "someone", "14", "3.5", "1,200", "2020",
    "12-year-old", "F-15", "9:30", "5%", "40 percent", "5 millionpercent", "per cent", "per-cent",
    "$4 million", "US$5", "€3", "300 million euros", "pounds", "damage", "cost", "No.", "Flight",
    "ſaid", "K", "ß", "İ", "café", "x", "_", "5", "½", "²", "Ⅻ", "ﬁve", "(", ")", ";", ":", "-",
    "—", ",", ".", "?", "!",
]
SOURCING_GAPS = [" ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "", ", ", ". ", "\u2009"]

sourcing_drafts = st.lists(
    st.tuples(st.sampled_from(SOURCING_PIECES), st.sampled_from(SOURCING_GAPS)), max_size=40
).map(lambda items: "Headline\n\n" + "".join(p + g for p, g in items))


def _hits(rule, text):
    doc = Document.from_text(text)
    return [(h.start, h.end, h.values, h.fix) for h in rule.kind.check(doc, doc.scope_spans(rule.scope), Context())]


@settings(max_examples=300, deadline=None)
@given(sourcing_drafts)
def test_sourcing_rules_find_the_same_with_and_plain(text):
    with pytest.MonkeyPatch.context() as patch:
        for rule in SOURCING.values():
            fast = _hits(rule, text)
            patch.setenv("COPYDESK_NO_PREFILTER", "1")
            assert _hits(rule, text) == fast, rule.id
            patch.delenv("COPYDESK_NO_PREFILTER")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "5", " ", "\n", ".", ",", ";", "’", "-", "%", "é", "½", "(", "\u00a0"]),
                max_size=30).map("".join), st.data())
def test_reach_back_agrees_with_reach(text, data):
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    for q in range(lo, hi):
        back = figures._reach_back(text, lo, q)
        for p in range(lo, q + 1):
            assert (figures._REACH.match(text, p, hi).end() >= q) == (p >= back), (p, q)


PHRASE_PATTERNS = [
    r"\breportedly\b",
    r"\bit\s+(?:is|was|has\s+been)\s+(?:widely\s+)?(?:believed|understood|rumou?red)\b",
    r"\b(?:is|are|was|were)\s+(?:said|believed)\s+to\s+(?:be|have)\b",
    r"\bthe\s+government\s+(?:says|claims)\b",
    r"(?<!\b(?:two|\d+)[ \t]+(?:[\p{L}.’'-]+[ \t]+){0,3})officials\s+(?:have\s+)?(?:said|told)\b",
    r"(?i:noted)\s*that",  # an optional space, a scoped flag
    r"said it|\bsays\b|told[ \t]me|ab\b",  # a literal space, a class of spaces, a word edge after a non-word end
    r"x?y\bz|[ab]c",
    r"\bInterior\s+ministry\b|\bIS\s+said",  # capital Is: under (?i) they match the dotless ı
]
PHRASE_WORDS = ["it", "is", "was", "has", "been", "widely", "believed", "rumored", "rumoured", "are",
                "said", "to", "be", "have", "the", "government", "says", "reportedly", "two", "5",
                "officials", "told", "noted", "NOTED", "that", "me", "ab", "xyz", "yz", "ac", "bc",
                "IT", "Is", "ſaid", "K", "ß", "ınterior", "ministry", "ıs", "İs"]
PHRASE_GAPS = [" ", "  ", "\n", "\t", "", "-", ".", "\u00a0", "\x1c", "_"]


@pytest.mark.parametrize("ignorecase", [True, False])
@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.tuples(st.sampled_from(PHRASE_WORDS), st.sampled_from(PHRASE_GAPS)), max_size=30))
def test_phrase_patterns_are_tried_wherever_they_can_start(ignorecase, words):
    text = "".join(w + g for w, g in words)
    doc = Document.from_text(text)
    if doc.text != text:
        return
    for patterns in ([p] for p in PHRASE_PATTERNS):
        starts_of = PatternStarts.build(patterns, ignorecase)
        assert starts_of is not None, patterns
        for lo in (0, len(text) // 3):
            tried, full = _tried_at_starts(patterns, starts_of, doc, lo)
            if tried is None:
                assert starts_of.ignorecase and folded_text(doc) is None
                continue
            assert tried == full


def _tried_at_starts(patterns, starts_of, doc, lo):
    """(the patterns' matches from `lo` tried only at `starts_of`'s starts, or None when it
    gives none; their matches found by a whole search), as spans."""
    text = doc.text
    pattern = regex.compile("|".join(f"(?:{p})" for p in patterns), regex.IGNORECASE if starts_of.ignorecase else 0)
    full = [m.span() for m in pattern.finditer(text, lo, len(text))]
    starts = starts_of.starts(text, folded_text(doc), lo, len(text), folded_words(doc))
    if starts is None:
        return None, full
    return [m.span() for m in finditer_at(pattern, text, starts, lo, len(text), 10.0)], full


@pytest.mark.parametrize("pattern", [
    r"\w+ said", r"\ssaid", r"(said)\1", r"sa.d", r"said{2}", r"(?:said)*", r"\bsa[^x]d",
    r"", r"\b", r"said|\d", r"[[:alpha:]]", r"(?r)said",
])
def test_patterns_that_are_not_phrases_get_no_shortcut(pattern):
    assert PatternStarts.build([r"\breportedly\b", pattern], True) is None


def test_non_ascii_phrases_get_no_shortcut_when_case_is_ignored():
    assert PatternStarts.build([r"\bcafé\b"], True) is None
    assert PatternStarts.build([r"\bcafé\b"], False) is not None
    assert PatternStarts.build([r"(?i)café"], False) is None


def test_vague_patterns_are_phrases():
    """The shipped vague rule takes the shortcut (a rewrite that loses it shows up here)."""
    kind = SOURCING["sourcing.vague"].kind
    assert kind._always_starts is not None and kind._unless_named_starts is not None
# ---- people: where titled mentions, initials and appositives are looked for ---------------------

PEOPLE_PIECES = [
    "Navy", "Army", "Marine Corps", "Air Force", "National Guard", "Gen.", "Adm.", "Lt.", "Col.", "Capt.", "Sgt.", "1st",
    "Kenneth", "F.", "McKenzie", "Jr.", "Sr.", "Jr", "III", "J.", "H.W.", "É.", "Ž.", "Élodie", "Zoë", "Müller", "ǅa",
    "spokeswoman", "Spokesman", "press secretary", "chairman", "a", "the", "former", "then-", "ex-", "retired", "general",
    "President", "Biden", "Joe", "U.S.", "US", "one", "now", "someone", "known", "_", "e\u0301", "\u0301", "de", "van",
    "who", "said", "of", "for", "’s", "'s", "Dr.", "Sen.", "Ａrmy", "spokes\u2028man", "\udcff", "x5", "5",
]
PEOPLE_GAPS = [" ", " ", ", ", ",", "  ", "\t", "\u00a0", "\n", "\n\n", "", "-", ". ", "\u2028", "\x1c", "(", "“", ";"]
people_texts = st.lists(st.tuples(st.sampled_from(PEOPLE_PIECES), st.sampled_from(PEOPLE_GAPS)), max_size=50).map(
    lambda items: "".join(p + g for p, g in items)
)


def _extractor():
    from lint.kinds.newsroom import people

    return people.extractor_for(*people.default_tables())


@settings(max_examples=400, deadline=None)
@given(people_texts)
def test_people_shortcuts_find_the_mentions_the_plain_search_finds(text):
    extractor = _extractor()
    assert extractor._first_runs_ascii is not None and extractor._appositive_runs is not None
    assert extractor.extract(text) == plain(extractor.extract, text)


def test_people_shortcuts_on_a_draft():
    extractor = _extractor()
    text = (
        "Navy Gen. Kenneth F. McKenzie Jr., a retired Army general, spoke.\n"
        "Lisa Perez, a White House spokeswoman, said so; Mary K. Ortiz agreed.\n"
        "\n"
        "Nothing here, nor here.\n"
        "Then-President Joe Biden met Élodie Ž. Marchand in Ohio.\n"
        "Ann Lee Sr. spoke, and so did Tom Ruiz Jr. today.\n"
        "The award went to President\tJoe Ruiz and one-time Sen.\x0bAnn Lee, not to someone.\n"
    )
    found = extractor.extract(text)
    assert [m.text for m in found] == [
        "Navy Gen. Kenneth F. McKenzie Jr.",
        "Kenneth F. McKenzie Jr., a retired Army general",
        "Lisa Perez, a White House spokeswoman",
        "Mary K. Ortiz",
        "Then-President Joe Biden",
        "Élodie Ž. Marchand",
        "Ann Lee Sr.",
        "Tom Ruiz Jr.",
        "President Joe Ruiz",
        "one-time Sen. Ann Lee",
    ]
    assert found == plain(extractor.extract, text)


def test_people_shortcuts_on_the_corpus():
    from conftest import CORPUS

    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is not present")
    extractor = _extractor()
    for path in sorted(CORPUS.glob("*.txt")):
        text = Document.from_text(path.read_text(encoding="utf-8")).text
        assert extractor.extract(text) == plain(extractor.extract, text), path.name


# ---- style.acronym: introductions looked for only near the acronyms in question -----------------

ACRONYM_PIECES = [
    "the", "Baghdad", "Support", "Center", "(", ")", "[", "]", "BDSC", "NATO", ",", "or", "known as", "called", "“", "”",
    "\"", "for", "short", "AB", "A&B", "UN", "UNs", "AB’s", "ABs", "ABC.", "stands", "stood", "is short", ".", "xor",
    "Full", "Name", "full", "name", "-", "/", ";", "ÜB", "ǅ", "5", "é", "\u00a0", "WASHINGTON —", "II", "KM",
    "Austin, TX", "NG:", "JEFF OK’D", "TOGETHER", "कोरोना", "DOWN", "WN", "5AB", "xAB", "the AB", "(AB)", "OR",
]
ACRONYM_GAPS = ["", " ", " ", "\n", "\n\n", "  ", ".", ",", ". "]
acronym_texts = st.lists(st.tuples(st.sampled_from(ACRONYM_PIECES), st.sampled_from(ACRONYM_GAPS)), max_size=50).map(
    lambda items: "".join(p + g for p, g in items)
)


@settings(max_examples=400, deadline=None)
@given(acronym_texts)
def test_acronym_introductions_near_the_acronyms_are_the_full_scans(text):
    import regex

    from lint.kinds.newsroom import acronym

    needed = {m.group() for m in regex.finditer(r"\p{Lu}[\p{Lu}&]*\p{Lu}", text)}
    full = acronym._introduced(text, 10.0)
    near = acronym._introduced_among(text, needed, 10.0)
    assert near & needed == full & needed and near <= full


@settings(max_examples=300, deadline=None)
@given(acronym_texts, st.sampled_from(["body", "draft", "sentence"]))
def test_acronym_fast_path_finds_what_the_plain_check_finds(text, scope):
    from lint.packs import loader as packs

    kind = next(r.kind for r in packs.load_rules() if r.id == "style.acronym")
    doc = Document.from_text(text)
    spans = doc.scope_spans(scope)
    assert list(kind.check(doc, spans, Context())) == plain(lambda: list(kind.check(doc, spans, Context())))


def test_acronym_introductions_on_a_draft():
    from lint.kinds.newsroom import acronym

    text = (
        "The Baghdad Diplomatic Support Center (BDSC) was hit. The unmanned aerial vehicle, or UAV, fell.\n"
        "CENTCOM (Central Command) said the XYZ stands for nothing. It hit the QRS. AB, CD, EF.\n"
        "Tested on 5XY (extra yield) units. The DOWN button, or WN, and xWN.\n"
    )
    needed = {"BDSC", "UAV", "CENTCOM", "XYZ", "QRS", "CD", "EF", "XY", "WN"}
    introduced = {"BDSC", "UAV", "CENTCOM", "XYZ", "CD", "XY", "WN"}
    assert acronym._introduced_among(text, needed, 10.0) & needed == introduced
    assert acronym._introduced(text, 10.0) & needed == introduced


def test_loose_pair_classes_hold_for_every_character():
    # repetition._LOOSE_PAIR is searched in case-folded text with `re`: every character a
    # token can hold must fold (to one character) into its run class, every space the rule's
    # pattern allows must still be a `re` space, and a folded character in its edge class must
    # come from one the rule's edges refuse (`[\w'’-]`), for a draft without a loose pair to
    # have no doubled word
    import re

    import regex

    from lint.kinds.generic import repetition

    token_char = regex.compile(r"[\p{L}\p{Latin}'’]")
    rule_space = regex.compile(r"[^\S\n]")
    rule_edge = regex.compile(r"[\w'’-]")
    run = re.compile(repetition._RUN)
    edge = re.compile(repetition._EDGE)
    space = re.compile(r"[^\S\n]")
    for code in range(0x110000):
        c = chr(code)
        folded = c.casefold()
        assert folded, hex(code)
        if len(folded) != 1:
            continue  # a draft holding it takes the plain search (its folded length differs)
        if token_char.match(c):
            assert run.match(folded), hex(code)
        if rule_space.match(c):
            assert folded == c and space.match(c), hex(code)
        if edge.match(folded):
            assert rule_edge.match(c), hex(code)


@settings(max_examples=400, deadline=None)
@given(long_texts, st.sampled_from(["any", "lower"]), st.sampled_from([r"\p{L}+(?:['’]\p{L}+)?", r"\p{Latin}+(?:['’]\p{Latin}+)?"]))
def test_a_draft_without_a_loose_pair_has_no_doubled_word(text, second, token):
    from lint.kinds.generic import repetition

    kind = Repetition(token=token, second=second)
    folded = text.casefold()
    if len(folded) == len(text) and repetition._LOOSE_PAIR.search(folded) is None:
        assert kind._pattern.search(text) is None


# ---- existence: an alternation searched one alternative at a time ----------------------------

from lint.kinds.generic.existence import Existence  # noqa: E402

NOTE_PIECES = [
    "JEFF", "OK’D", "OKD", "OK'D", "DESK", "OK", "TK", "TKTK", "[cq]", "[CQ]", "XXX", "XXXX", "###",
    "[[x]]", "((need source))", "(((x)))", "((WN))", "((hi))", "NOTE TO EDS", "EDS:", "CHECK",
    "said.", "said.”", "U.S.", "The", "the", "Super Bowl", "Corps", "ab", "abc", "bc", "c",
]
NOTE_GAPS = [" ", "  ", "\n", "\n\n", "", ". ", "\t"]
note_texts = st.lists(st.tuples(st.sampled_from(NOTE_PIECES), st.sampled_from(NOTE_GAPS)), max_size=30).map(
    lambda items: "".join(p + g for p, g in items)
)
# overlapping alternatives: which one wins at an offset, and where the next search starts
ALTERNATIVES = ["ab", "abc", "b+c", r"(?<=a)b", r"^c", r"c$", r"\p{Lu}+", r"(?i:ok)d?", r"X{3,}", r"c\s+ab"]


def _plain_hits(kind, doc, spans):
    """The kind's hits with every prefilter and shortcut off (COPYDESK_NO_PREFILTER=1)."""
    return plain(lambda: list(kind.check(doc, spans, Context())))


@settings(max_examples=300, deadline=None)
@given(note_texts, st.sampled_from(["draft", "paragraph", "sentence"]))
def test_editor_note_split_finds_what_the_whole_alternation_finds(text, scope):
    # the editor-note rule as it was an `existence` rule: a realistic alternation of patterns
    kind = Existence(patterns=EDITOR_NOTE_PATTERNS, exceptions=EDITOR_NOTE_EXCEPTIONS)
    assert kind._parts is not None  # the shortcut applies to this rule
    doc = Document.from_text(text)
    spans = doc.scope_spans(scope)
    assert list(kind.check(doc, spans, Context())) == _plain_hits(kind, doc, spans)


EDITOR_NOTE_PATTERNS = [
    r"(?:(?<![\p{L}’'])\p{Lu}[\p{Lu}.’'-]+[^\S\n]+){0,2}(?<![\p{L}’'])OK[’']?D(?![\p{L}])",
    r"(?<![\p{L}\p{N}])(?:TK)+(?![\p{L}\p{N}])",
    r"\[(?i:cq)\]",
    r"(?<![\p{L}\p{N}])X{3,}(?![\p{L}\p{N}])",
    r"(?<![#\w])#{3,}(?![#\w])",
    r"\[\[[^\]\n]{1,120}\]\]",
    r"(?<!\()\(\([^()\n]{1,120}\)\)(?!\))",
    r"(?<![\p{L}])(?:ED NOTE|EDS? NOTE|NOTE TO EDS?|NOTE TO EDITORS|EDS:|HOLD FOR LEGAL|CHECK|VERIFY|CONFIRM)(?![\p{L}])",
    r"(?<=[.!?][”\"’)]?[^\S\n]+)(?P<match>\p{Lu}[\p{Lu}’'.]+(?:[^\S\n]+\p{Lu}[\p{Lu}’'.]*){0,3})[^\S\n]*$",
]
EDITOR_NOTE_EXCEPTIONS = [r"^\(\([^()\n]+\)\)", r"\(\([a-z]{2,3}\)\)", r"\p{Lu}\p{Ll}+ X{3,}", r"X{3,} (?:Corps|Olympiad)"]


@settings(max_examples=300, deadline=None)
@given(note_texts, st.lists(st.sampled_from(ALTERNATIVES), min_size=2, max_size=5), st.booleans(),
       st.lists(st.sampled_from(["OK", "TK", "XXX"]), max_size=2))
def test_existence_split_finds_what_the_whole_alternation_finds(text, patterns, ignorecase, tokens):
    kind = Existence(patterns=patterns, ignorecase=ignorecase, tokens=tokens)
    doc = Document.from_text(text)
    for spans in (doc.scope_spans("draft"), doc.scope_spans("paragraph")):
        assert list(kind.check(doc, spans, Context())) == _plain_hits(kind, doc, spans)


def test_existence_keeps_alternations_whole_when_splitting_would_change_them():
    for patterns in (["(a)b", r"(c)\1"], ["(?i)ab", "cd"], ["a", "b*"], [r"\Ga", "b"], ["(?P<x>a)(?P=x)", "b"],
                     ["(?:abc){e<=3}", "x"], ["[[:alpha:]]", "x"]):
        assert Existence(patterns=patterns)._parts is None, patterns
    assert Existence(patterns=["ab", "(?i:cd)"])._parts is not None


def test_ascii_non_letters_fold_only_from_themselves():
    # existence._Needs looks for them in the unfolded text before folding it
    from lint.drafts.document import prefilter_fold

    for code in range(0x110000):
        c = chr(code)
        for x in prefilter_fold(c):
            if x.isascii() and not x.isalpha():
                assert x == c, hex(code)


@settings(max_examples=400, deadline=None)
@given(long_texts, st.integers(0, 200), st.integers(0, 200))
def test_loose_pair_search_after_a_separator_is_the_same_search(text, pos, end):
    from lint.kinds.generic import repetition

    for folded in (text, text.casefold()):
        expected = repetition._LOOSE_PAIR.search(folded, pos, end)
        expected = None if expected is None else (expected.start(), expected.group(1) is not None)
        assert repetition._next_loose(folded, pos, end) == expected


# ==== speed-hyg2: capitals digest, loose-pair skip ==========================================

CAPS_PIECES = ["OK", "O", "K", "ÖK", "OＫ", "HOLD", "FOR", "LEGAL", "HOLD FOR LEGAL", "NOTE TO ED", "EDS:", " NOTE",
               "Corps", "XXX", "ab", "\udc80", "ſ", "İ", "é", "ok", "\n"]
caps_texts = st.lists(st.tuples(st.sampled_from(CAPS_PIECES), st.sampled_from(["", " ", "\n"])), max_size=20).map(
    lambda items: "".join(p + g for p, g in items)
)


@settings(max_examples=500, deadline=None)
@given(caps_texts, st.lists(st.sampled_from(["OK", "HOLD FOR LEGAL", " NOTE", "EDS:", "XXX Corps", "K", "O K", "((",
                                             "LEGAL", "ok"]), min_size=1, max_size=4))
def test_needs_with_capitals_digest_is_a_plain_substring_test(text, strings):
    from lint.kinds.generic.existence import _Needs
    from lint.engine.prefilter import Requirement

    needs = _Needs(Requirement(frozenset(strings), False))
    doc = Document.from_text(text)
    plain = any(s in doc.text for s in needs.strings)
    assert needs.present(doc) == plain
    assert needs.present(doc) == plain  # the cached digest gives the same answer


def test_repetition_searches_spans_from_the_drafts_first_loose_pair():
    # paragraphs before the first doubled word are not searched again, and hits are unchanged
    text = "Officials said it.\n\nThe base was hit.\n\nThe the militia fired.\n\nIt was was late.\n"
    kind = Repetition(second="lower")
    doc = Document.from_text(text)
    spans = doc.scope_spans("paragraph")
    hits = [(h.start, h.end) for h in kind.check(doc, spans, Context())]
    assert hits == [(text.index("The the"), text.index("The the") + 7), (text.index("was was"), text.index("was was") + 7)]
    assert [(h.start, h.end) for h in _slow(kind, doc, spans)] == hits


FORM_PIECES = ["a", "b", "ab", "Gen.", "Gen", "General", "Lt. Gen.", " ", "-", "é", "(", "."]
forms_lists = st.lists(st.lists(st.sampled_from(FORM_PIECES), min_size=0, max_size=3).map("".join), max_size=8)


@settings(max_examples=500, deadline=None)
@given(forms_lists, st.lists(st.sampled_from(FORM_PIECES + ["x", "y", "\n"]), max_size=25).map("".join))
def test_people_trie_alternation_matches_as_the_longest_first_alternation(forms, text):
    import regex

    from lint.kinds.newsroom.people import _alternation

    flat = "|".join(regex.escape(f) for f in sorted(set(forms), key=len, reverse=True))
    # what follows forces backtracking into the alternation: the order forms are tried in shows
    for tail in ("", "a", "(?:b|x)y", "(?=[ .])", r"\.?\s"):
        old = regex.compile(f"(?P<f>{flat}){tail}")
        new = regex.compile(f"(?P<f>{_alternation(forms)}){tail}")
        assert [(m.span(), m.span("f")) for m in old.finditer(text)] == [
            (m.span(), m.span("f")) for m in new.finditer(text)
        ]
        for i in range(len(text) + 1):
            a, b = old.match(text, i), new.match(text, i)
            assert (a and (a.span(), a.span("f"))) == (b and (b.span(), b.span("f")))


FOLD_PIECES = ["[", "]", "[cq]", "[CQ]", "[Cq", "c", "q", "C", "Q", "İ", "ı", "\u0307", "ß", "SS", "ﬀ", "\u212a", "ſ",
               "st", "ﬆ", "(", "((", "x", " ", "\n", "é", "e\u0301"]
fold_texts = st.lists(st.sampled_from(FOLD_PIECES), max_size=25).map("".join)


@settings(max_examples=600, deadline=None)
@given(fold_texts, st.lists(st.sampled_from(["[cq]", "[st]", "[ss]", "[k", "(i)", "[i", "((x", "cq]", "[", "[ffx"]),
                            min_size=1, max_size=3))
def test_folded_needs_looked_for_at_their_anchor_are_a_folded_substring_test(text, strings):
    from lint.drafts.document import prefilter_fold
    from lint.kinds.generic.existence import _Needs
    from lint.engine.prefilter import Requirement

    needs = _Needs(Requirement(frozenset(strings), True))
    expected = any(s in prefilter_fold(text) for s in needs.strings)
    assert needs.present(Document.from_text(text)) == expected
    doc = Document.from_text(text)
    doc.folded_text  # already folded: the plain test
    assert needs.present(doc) == expected


def test_only_the_combining_dot_folds_to_nothing():
    # existence._folded_at_anchor counts on every other character folding to one or more
    from lint.drafts.document import prefilter_fold

    assert [hex(c) for c in range(0x110000) if not prefilter_fold(chr(c))] == ["0x307"]


# ---- speed round 2 (consistency, boilerplate lines, attribution cues) ---------------------------

from lint.kinds.base import strip_span  # noqa: E402
from lint.kinds.generic.consistency import Consistency  # noqa: E402
from lint.kinds.newsroom.sourcing_base import Attribution, phrases_pattern  # noqa: E402

ALL_RULES = {r.id: r for r in packs.load_rules()}


VARIANT_PIECES = [
    "US", "U.S.", "u.s.", "USA", "US$5", "U.S.A.", "LET US GO", "us", "Iran-backed", "IRANIAN-BACKED",
    "Iranian-backed", "iran-backedx", "al-Qaida", "al Qaeda", "al\nQaeda", "AL-QAIDA", "Kyiv", "Kiev", "KIEV",
    "kievan", "email", "e-mail", "E-Mail", "emails", "toward", "towards", "OK", "okay", "OKAY", "Ok’d",
    "the AP", "AP", "(AP)", "AP Photo", "AP-NORC", "Shiite", "Shi'ite", "Shi’ite", "per cent", "percent",
    "ſhiite", "\u212aiev", "İ", "ß", "café", "“", "”", "\"", "5", "_", "x", ".", ",", "-",
]
variant_texts = st.lists(st.tuples(st.sampled_from(VARIANT_PIECES), st.sampled_from(GAPS)), max_size=30).map(
    lambda items: "Headline here\n\n" + "".join(p + g for p, g in items)
)


@settings(max_examples=300, deadline=None)
@given(variant_texts)
def test_consistency_word_prefilter_finds_what_the_plain_search_finds(text):
    for rule_id in ("style.variants", "style.us-form"):
        rule = ALL_RULES[rule_id]

        def hits():
            doc = Document.from_text(text)  # (a fresh draft: folded_words is cached per draft)
            return list(rule.kind.check(doc, doc.scope_spans(rule.scope), Context()))

        assert hits() == plain(hits), rule_id


def test_consistency_forms_words_are_their_a_to_z_runs():
    kind = Consistency(groups=[["Shi'ite", "Shiite"], ["al-Qaeda", "al Qaida"], ["U.S.", "US"], ["5G", "café"]],
                       ignorecase=True)
    assert kind._form_words == [
        [frozenset({b"shi", b"ite"}), frozenset({b"shiite"})],
        [frozenset({b"al", b"qaeda"}), frozenset({b"al", b"qaida"})],
        [frozenset({b"u", b"s"}), frozenset({b"us"})],
        [frozenset({b"g"}), frozenset({b"caf"})],
    ]


LINE_TEXT_PIECES = ["Back to top button", "In Other News", "Load More", "the council voted", "Share: Facebook",
                    "x" * 210, " ", "\t", "\u00a0", "\u2003", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\n", "\n\n",
                    "\r\n", "word.", "Headline", "one two three four five six seven", "©2024", "—"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINE_TEXT_PIECES), max_size=25).map("".join))
def test_boilerplate_lines_are_the_stripped_lines_of_the_scope(text):
    from lint.kinds.newsroom import boilerplate

    doc = Document.from_text(text)
    kind = ALL_RULES["hygiene.boilerplate"].kind
    for spans in (doc.scope_spans("body"), doc.scope_spans("paragraph"), [doc.body], [(0, len(doc.text))], [(3, 9)]):
        expected = []
        for span_start, span_end in spans:
            for start, end in doc.lines:
                if end <= span_start or start >= span_end:
                    continue
                start, end = strip_span(doc.text, start, end)
                if end > start and not (doc.headline and doc.headline[0] <= start < doc.headline[1]):
                    expected.append((start, end))
        assert list(kind._candidate_lines(doc, spans)) == expected
    for start, end, _ in doc._content_lines:
        line = doc.text[start:end]
        assert bool(kind._too_long.match(line)) == (len(boilerplate._WORD.findall(line)) > kind.shape_max_words)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(SOURCING_PIECES), st.sampled_from(GAPS)), max_size=40).map(
    lambda items: "".join(p + g for p, g in items)))
def test_attribution_cue_words_find_what_the_whole_alternation_finds(text):
    cues = tuple(figures_kind_cues()) + ("U.S.", "x-ray", "–said", "put the toll", "€", "o’clock")
    pattern = phrases_pattern(cues)
    doc = Document.from_text(text)
    fast = Attribution(doc, pattern, 5.0, cues)
    whole = Attribution(Document.from_text(text), pattern, 5.0)
    for i in range(len(doc.sentences)):
        assert fast.sentence(i) == whole.sentence(i), doc.sentences[i]
    for i in range(len(doc.paragraphs)):
        assert fast.paragraph(i) == whole.paragraph(i), doc.paragraphs[i]
    # with prefilters off, the fast one is the plain one
    off = plain(lambda: Attribution(Document.from_text(text), pattern, 5.0, cues))
    assert off._index is None


def figures_kind_cues():
    return SOURCING["sourcing.unattributed-figure"].kind.cues


def test_figures_reach_the_corpus_findings_with_and_plain():
    import glob

    paths = sorted(glob.glob("/work/shared/corpus/wikinews/*.txt"))[:60]
    if not paths:
        pytest.skip("corpus absent")
    for rule_id in ("sourcing.unattributed-figure", "style.variants", "style.us-form", "hygiene.boilerplate"):
        rule = ALL_RULES[rule_id]
        for path in paths:
            source = open(path, encoding="utf-8").read()

            def hits():
                doc = Document(path=path, source=source)
                return list(rule.kind.check(doc, doc.scope_spans(rule.scope), Context()))

            assert hits() == plain(hits), (rule_id, path)


TRANSCRIPT_PIECES = SOURCING_PIECES + ["((WN))", "((Jo Smith))", "Q:", "A:", "Q: ", "A:\t", "((", "))", "q:", "\n\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(TRANSCRIPT_PIECES), st.sampled_from(GAPS)), max_size=40).map(
    lambda items: "Headline\n\n" + "".join(p + g for p, g in items)))
def test_figures_transcript_shortcut_finds_what_the_plain_code_finds(text):
    rule = SOURCING["sourcing.unattributed-figure"]

    def hits():
        doc = Document.from_text(text)
        return figures._transcript_start(doc), list(rule.kind.check(doc, doc.scope_spans(rule.scope), Context()))

    assert hits() == plain(hits)


# ---- speed-doc2: document structure and anchored substitution (one pass, str.find) ---------
#
# Reference implementations below are the straightforward versions the fast paths replaced.

DOC2_ATOMS = st.sampled_from(
    ["U", "S", "p", "m", "Gen", "Mr", "Inc", "a", "A", "The", "he", "said", "x" * 33, "é", "ß", "ǅ", "Sen", "v", "vs",
     "Co", "Calif", "etc", "Ft", "Jr",
     ".", "..", "...", "…", "!", "?", " ", "  ", "\t", "\u00a0", "\n", "\n\n", "\n \n", "\x1c",
     "“", "”", '"', "’", "(", ")", "]", ",", ";", ":", "-", "–", "5", "WASHINGTON", " (AP)"]
)
DOC2_TEXT = st.lists(DOC2_ATOMS, max_size=60).map("".join)


def _doc2_reference_sentences(text, start, end):
    import regex

    from lint.packs import tables
    from lint.drafts.document import _word_before

    never_end, may_end, openers = tables.abbreviations()
    ends = regex.compile(r"[.!?]+[\"”’')\]]*(?=\s)")
    opening = regex.compile(r"\s+[\"“‘(\[]*(\S+?)[\s,.;:!?’”\"]")
    spans, sentence_start = [], start
    for m in ends.finditer(text, start, end):
        stop = m.end()
        if m.group().startswith(".") and not m.group().startswith(".."):
            word = _word_before(text, max(start, m.start() - 30), m.start())
            if word:
                if len(word) == 2 and word[0].isupper():
                    continue
                if word in never_end:
                    continue
                if word in may_end:
                    nxt = opening.match(text, stop, end)
                    if not nxt or nxt.group(1) not in openers:
                        continue
        following = stop
        while following < end and text[following].isspace():
            following += 1
        if following == end or text[following].islower():
            continue
        spans.append((sentence_start, stop))
        sentence_start = following
    if sentence_start < end:
        spans.append((sentence_start, end))
    return spans


def _doc2_reference_quotes(text, paragraphs):
    import regex

    from lint.drafts.document import Quote

    quotes, open_at, spanned = [], None, 1
    for index, (p_start, p_end) in enumerate(paragraphs):
        continuing = open_at is not None
        for m in regex.finditer(r"[“”\"]", text[:p_end]):
            if m.start() < p_start:
                continue
            mark, at = m.group(), m.start()
            if continuing and at == p_start:
                continuing = False
                continue
            continuing = False
            if open_at is None:
                if mark == "”":
                    quotes.append(Quote(at, at + 1, closed=False))
                    continue
                open_at, spanned = at, 1
            elif mark == "“":
                quotes.append(Quote(open_at, at, closed=False, paragraphs=spanned))
                open_at, spanned = at, 1
            else:
                quotes.append(Quote(open_at, at + 1, closed=True, paragraphs=spanned))
                open_at = None
        if open_at is not None:
            nxt = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            if nxt is not None and text[nxt] in "“\"":
                spanned += 1
                continue
            quotes.append(Quote(open_at, p_end, closed=False, paragraphs=spanned))
            open_at = None
    return quotes


@settings(max_examples=400, deadline=None)
@given(DOC2_TEXT)
def test_doc2_sentences_and_quotes_match_the_per_paragraph_versions(text):
    from lint.drafts.document import split_sentences

    doc = Document.from_text(text)
    expected = [s for a, b in doc.paragraphs for s in _doc2_reference_sentences(doc.text, a, b)]
    assert doc.sentences == expected
    assert doc.quotes == _doc2_reference_quotes(doc.text, doc.paragraphs)
    n = len(doc.text)
    for a, b in ((0, n), (1, n - 1), (2, n // 2)):
        assert split_sentences(doc.text, a, b) == _doc2_reference_sentences(doc.text, a, b)


@settings(max_examples=300, deadline=None)
@given(DOC2_TEXT, st.lists(st.integers(0, 60), max_size=8))
def test_doc2_quotes_over_any_disjoint_spans(text, cuts):
    from lint.drafts.document import find_quotes

    points = sorted({c for c in cuts if c <= len(text)})
    spans = [(points[i], points[i + 1]) for i in range(0, len(points) - 1, 2) if points[i] < points[i + 1]]
    assert find_quotes(text, spans) == _doc2_reference_quotes(text, spans)


def test_doc2_prefix_literals():
    from lint.engine.prefilter import prefix_literals

    assert prefix_literals(r"(?<=[\p{L}\p{N}])(?:\.\.\.|…)(?=[^\S\n]+\p{Ll})") == {"...", "…"}
    assert prefix_literals(r"(?<=[,;])[ \t]{2,}(?=\S)") == {"  ", " \t", "\t ", "\t\t"}
    assert prefix_literals(r"\bfoo(?=x)bar") == {"foo"}
    assert prefix_literals(r"a{0}b") == {"b"}
    for unknown in (r"(?i)abc", r"\w+x", r"a?b", r"\Gab", r"(?x) a b", r"(?:a|\w)b"):
        assert prefix_literals(unknown) is None, unknown


DOC2_RULES = ("hygiene.double-space", "hygiene.space-before-punctuation", "ap.ellipsis", "ap.dateline")


@settings(max_examples=300, deadline=None)
@given(DOC2_TEXT)
def test_doc2_anchored_substitution_finds_what_the_plain_search_finds(text):
    import os

    from lint.packs import loader as packs

    rules = [r for r in packs.load_rules() if r.id in DOC2_RULES]
    assert len(rules) == len(DOC2_RULES)
    doc = Document.from_text("Headline here\n\n" + text)

    def run():
        return [(h.start, h.end, h.values, h.fix) for r in rules for h in r.kind.check(doc, doc.scope_spans(r.scope), Context())]

    fast = run()
    os.environ["COPYDESK_NO_PREFILTER"] = "1"
    try:
        plain = run()
    finally:
        del os.environ["COPYDESK_NO_PREFILTER"]
    assert fast == plain


def test_doc2_anchored_substitution_on_dense_and_sparse_prefixes():
    from lint.packs import loader as packs

    rule = next(r for r in packs.load_rules() if r.id == "hygiene.double-space")
    for text in ("a  b,  c\t\u00a0d.  E" * 40 + "\n", "word " * 200 + "x  y\n", "  lead\n", "é  x;\u00a0\u00a0y\n"):
        doc = Document.from_text(text)
        hits = [(h.start, h.end) for h in rule.kind.check(doc, doc.scope_spans(rule.scope), Context())]
        # the rule's own pattern (it leaves a table's column gaps alone), searched plainly
        (key,) = rule.kind.swap
        plain = [m.span() for m in regex.finditer(key, doc.text, regex.M)]
        assert hits == plain


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(list('.!?"”’\')] \n\tab5\x1c\x0b') + ["\u2028", "\u0085", "\u00a0", "é", "..."]), max_size=25).map("".join), st.integers(0, 30), st.integers(0, 30))
def test_doc2_sentence_ends_are_what_the_regex_finds(text, a, b):
    # the splitter's own search for ends (written out in its loop) against the reference,
    # whose ends are the regex's, over white space and closing marks of every kind
    from lint.drafts.document import split_sentences

    start, end = sorted((min(a, len(text)), min(b, len(text))))
    assert split_sentences(text, start, end) == _doc2_reference_sentences(text, start, end)


# ---- end speed-doc2 ----------------------------------------------------------------------


def test_a_lazy_pattern_takes_the_compiled_methods_as_its_own():
    """After first use a stand-in's search/finditer/... are the compiled pattern's own bound
    methods (a slot read, not a __getattr__ call each time), and it still pickles as its source."""
    import pickle

    from lint.engine.patterns import lazy_compile

    lazy = lazy_compile(r"\bfoo(\d+)")
    assert lazy.search("a foo12").group(1) == "12"  # first use compiles through __getattr__
    for name in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"):
        assert getattr(lazy, name).__self__ is lazy._compiled
    assert [m.group(1) for m in lazy.finditer("foo1 foo2")] == ["1", "2"]
    assert lazy.pattern == r"\bfoo(\d+)"  # other attributes still reach the compiled pattern
    again = pickle.loads(pickle.dumps(lazy))
    assert again.findall("foo7") == ["7"]


# ==== speed-read: the bytewise doubled-word search of repetition ==============================

BYTE_PIECES = PIECES + ["Ⅰ", "ⅰ", "²", "«", "»", "‘", "×", "٣", "Σ", "ς", "ǅ", "ǆ", "µ", "Ω", "K", "ł", "Ł",
                        "\u200d", "\u0301", "the\u200d", "ж", "Ж", "の", "a", "A", "é", "É", "x'y", "’s"]
BYTE_GAPS = GAPS + ["\u2009", "\u3000", "\u202f", "\r", "\x0b", "\x1c", "", "—", "…", ". ", "'"]
byte_texts = st.lists(st.tuples(st.sampled_from(BYTE_PIECES), st.sampled_from(BYTE_GAPS)), max_size=30).map(
    lambda items: "".join(p + g for p, g in items)
)


@settings(max_examples=1500, deadline=None)
@given(byte_texts, st.sampled_from(["paragraph", "line", "draft", "sentence"]), st.sampled_from(["any", "lower"]),
       st.sampled_from([r"\p{L}+(?:['’]\p{L}+)?", r"\p{Latin}+(?:['’]\p{Latin}+)?"]))
def test_repetition_bytewise_offsets_find_what_the_plain_search_finds(text, scope, second, token):
    found, plain = _repetition_both_ways(text, scope, second, token)
    assert found == plain


def _repetition_both_ways(text, scope, second, token):
    """(the repeated-word kind's findings, those of its plain search) over the scope's spans."""
    kind = Repetition(token=token, second=second)
    doc = Document.from_text(text)
    spans = doc.scope_spans(scope)
    return list(kind.check(doc, spans, Context())), _slow(kind, doc, spans)


def test_repetition_bytewise_classes_hold_for_every_character():
    # a character a word may hold folds (to one character) into one that stays; one the
    # pattern's edges or gap allow is blanked (ASCII: a space) and unchanged by folding
    import regex

    from lint.kinds.generic import repetition

    token_char = regex.compile(r"[\p{L}\p{Latin}'’]")
    rule_edge = regex.compile(r"[\w'’-]")
    for code in range(0x110000):
        c = chr(code)
        folded = c.casefold()
        if len(folded) != 1:
            continue  # a draft holding it that needs folding is left to the loose pair's search
        kept = repetition._KEPT.match(folded) is not None if code >= 0x80 else repetition._WORD_BYTES_TABLE[ord(folded)] != 0x20
        if token_char.match(c):
            assert kept, hex(code)
        if not rule_edge.match(c):  # an edge or gap character: a separator, unchanged by folding
            assert folded == c and not kept, hex(code)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([b"the", b"a", b"ab", b"b", b"'", b"\xc3\xa9", b" ", b"  ", b"x"]), max_size=30).map(b"".join))
def test_doubled_bytes_pattern_is_the_same_without_possessive_quantifiers(data):
    # Python 3.9's re has no possessive quantifiers: the lookahead form it compiles finds the same
    import re

    from lint.kinds.generic import repetition

    word = repetition._WORD_BYTE_CLASS
    looked_ahead = re.compile(rb" (?=(" + word + rb"+))\1 +\1(?!" + word + rb")")
    assert [m.start() for m in repetition._DOUBLED_BYTES.finditer(data)] == [m.start() for m in looked_ahead.finditer(data)]


# ---- paragraph breaks in the standard `re` --------------------------------------------------


PARAGRAPH_ATOMS = st.sampled_from(
    ["Word", " ", "  ", "\t", "\u00a0", "\n", "\n\n", "\n \n", "\n\t\u00a0\n", "\x1c", "\x1f", "\u2028",
     "\u3000", "\r", "\x85", ".", "é"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(PARAGRAPH_ATOMS, max_size=40).map("".join))
def test_paragraph_breaks_and_spans_are_the_regex_ones(text):
    import regex

    from lint.drafts.document import _paragraph_breaks

    _PARAGRAPH_BREAK = regex.compile(r"\n[ \t\u00a0]*\n\s*")  # the break as `regex` reads it

    # each break starts where the regex one does (it leaves out the white space after it)
    starts = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    assert set(starts) <= {m.start() for m in _paragraph_breaks()(text)}
    doc = Document.from_text(text)
    text = doc.text  # (line ends made LF)
    # the paragraphs: between breaks, stripped of what `isspace` calls space, empty ones left out
    cuts = [0] + [x for m in _PARAGRAPH_BREAK.finditer(text) for x in m.span()] + [len(text)]
    expected = []
    for start, end in zip(cuts[::2], cuts[1::2]):
        piece = text[start:end]
        if piece.strip():
            first = start + len(piece) - len(piece.lstrip())
            expected.append((first, first + len(piece.strip())))
    assert doc._blank_line_paragraphs == expected


@settings(max_examples=400, deadline=None)
@given(st.lists(PARAGRAPH_ATOMS, max_size=40).map("".join))
def test_content_lines_are_the_stripped_lines_with_text(text):
    doc = Document.from_text(text)
    expected, blank, position = [], True, 0
    for line in doc.text.split("\n"):
        if line.strip():
            start = position + len(line) - len(line.lstrip())
            expected.append((start, start + len(line.strip()), blank))
            blank = False
        else:
            blank = True
        position += len(line) + 1
    assert doc._content_lines == expected


def test_folded_text_by_bytes_is_prefilter_fold_for_every_character():
    # Document.folded_text lowers the draft's UTF-8 when every non-ASCII character folds to
    # itself (and they are few): for each character (surrogates too), that is prefilter_fold,
    # or it is refused
    from lint.drafts.document import _fold_by_bytes, prefilter_fold

    refused = []
    for i in range(0x80, 0x110000):
        text = "Ab " + chr(i) + " CD" + chr(i) + " and some ASCII words after them, as in a draft"
        folded = _fold_by_bytes(text.encode("utf-8", "surrogatepass"))
        if folded is None:
            refused.append(i)
        else:
            assert folded == prefilter_fold(text), hex(i)
    assert 0x130 in refused and 0x131 in refused and 0x307 in refused and 0xDF in refused and 0x41A in refused
    assert 0x2019 not in refused and 0xE9 not in refused and 0xA0 not in refused


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ .’“”—éÉßİıŁł\u0307\u00a0жЖ\ud800😀\t\n"), max_size=40))
def test_folded_text_is_prefilter_fold(text):
    doc = Document.from_text(text)
    assert doc.folded_text == prefilter_fold_of(text)


def prefilter_fold_of(text):
    from lint.drafts.document import prefilter_fold

    return prefilter_fold(text)


def test_folded_text_of_a_draft_in_another_script_and_of_one_with_many_kinds_of_character():
    from lint.drafts.document import prefilter_fold

    greek = "Η κυβέρνηση ανακοίνωσε νέα μέτρα. " * 40 + "Athens, “the capital”."
    mixed = "".join(chr(c) for c in range(0xE0, 0x100)) + " Café “Noël” — naïve façade. " * 30
    for text in (greek, mixed, "ASCII ONLY Text.", "Ünïcödé ÜBER"):
        assert Document.from_text(text).folded_text == prefilter_fold(text)


def test_headline_shape_is_decided_by_a_full_stop_before_the_words():
    from lint.drafts.document import headline_shaped

    assert not headline_shaped("A lede that runs on and on, " * 4 + "ending in a full stop.")
    assert not headline_shaped("Short one.”")
    assert not headline_shaped("Twenty-six words " * 13)
    assert headline_shaped("Council votes to close two libraries")
    assert headline_shaped("Will the council close the libraries?")
    assert not headline_shaped("...")
    assert not headline_shaped("“”")
    assert headline_shaped("“Now”")


def test_format_for_is_the_suffix_splitext_reads():
    import os

    from lint.drafts.formats import format_for

    for path in ("a.md", "A.MD", "x.markdown", ".md", "dir.md/f", "f.htm", "f.HTML", "f.txt", "f", "", "a.b.md",
                 "x/.html", "x/..md", "notes.md.txt", "x.Markdown", "y.mdx"):
        suffix = os.path.splitext(path)[1].lower()
        assert format_for(path) == {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}.get(suffix, "text"), path


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ9 '.-’,é!?…”\"”"), max_size=60))
def test_headline_shape_of_ascii_lines_counts_the_words_the_regex_counts(line):
    from lint.drafts.document import _WORDS, _ascii_words

    if line.isascii():
        assert _ascii_words()(line) == _WORDS.findall(line)


LONG_WORD = "a" * 70
ASCII_PIECES = ["the", "The", "THE", "a", "it's", "It's", "x'y", LONG_WORD, LONG_WORD.upper(), LONG_WORD + "'s",
                "b" * 64, "b" * 65, "B" * 65, "abc" * 30, "ABC" * 30, "_", "-", "9"]
ASCII_GAPS = [" ", "  ", "\t", "\n", "\n\n", ". ", ", ", "-", "'", "", " - ", "\r\n", "\x0b"]
ascii_texts = st.lists(st.tuples(st.sampled_from(ASCII_PIECES), st.sampled_from(ASCII_GAPS)), max_size=20).map(
    lambda items: "".join(p + g for p, g in items)
)


@settings(max_examples=600, deadline=None)
@given(ascii_texts, st.sampled_from(["paragraph", "line", "draft"]), st.sampled_from(["any", "lower"]),
       st.sampled_from([r"\p{L}+(?:['’]\p{L}+)?", r"\p{Latin}+(?:['’]\p{Latin}+)?"]))
def test_repetition_bytewise_offsets_hold_words_of_any_length_in_ascii(text, scope, second, token):
    # an ASCII draft is read bytewise whatever the length of its words (no 64-character bound)
    found, plain = _repetition_both_ways(text, scope, second, token)
    assert found == plain


@pytest.mark.parametrize("text", ["The ınterior ministry said so.\n", "Officials: IS said to be ready; ıs said to be.\n"])
def test_a_capital_i_phrase_is_tried_at_a_dotless_i(text):
    # under (?i) `regex` matches a capital I with the dotless ı (Turkish copy, or a name such as
    # Işık), which folds to itself: the folded text makes it i, or a house pack's phrase with a
    # capital I would never be tried there with prefilters on (found by the sourcing helper)
    patterns = [r"\bInterior\s+ministry\b", r"\bIS\s+said"]
    tried, full = _tried_at_starts(patterns, PatternStarts.build(patterns, True), Document.from_text(text), 0)
    assert full and tried == full
