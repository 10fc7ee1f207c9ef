"""The sourcing kinds' speed shortcuts find what the plain searches find.

Each test compares a shortcut with the search it stands for, over drafts built from words that
make the shortcut matter (phrases split across lines, glued to letters, in capitals, cut by the
edge of the stretch searched).
"""

import pickle
import random
import sys

import pytest
import regex

from lint.drafts.document import Document, prefilter_fold
from lint.kinds.newsroom.figures import _YEAR, _years
from lint.kinds.newsroom import sourcing_base
from lint.kinds.newsroom.sourcing_base import (
    _FOLD_DIFFERS,
    AskedWords,
    PhraseStarts,
    folded_letters,
    folded_text,
    folded_words,
)


def test_prefilter_folding_is_casefold_but_for_three_characters():
    # folded_text reuses Document.folded_text when the text holds none of _FOLD_DIFFERS
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char in _FOLD_DIFFERS or 0xD800 <= code <= 0xDFFF:
            continue
        assert prefilter_fold(char) == char.casefold(), hex(code)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Police said FIVE people died.\n", "police said five people died.\n"),
        ("Straße closed; 3 hurt\n", None),  # ß folds to ss: offsets move
        ("İzmir: 4 dead\n", None),
        # a dotless i is made i: `(?i)I` matches it
        ("Kırıkkale: 4 dead\n", "kirikkale: 4 dead\n"),
        ("a\u0307 4 dead\n", "a\u0307 4 dead\n"),
    ],
)
def test_folded_text_is_the_casefold_that_keeps_offsets(text, expected):
    doc = Document.from_text(text)
    assert folded_text(doc) == expected


def test_folded_words_are_the_asked_words_among_the_folded_letters():
    doc = Document.from_text("Officials’ figures: 5,000 HOMES were flooded (résumé)\n")
    AskedWords([b"homes", b"officials", b"flooded", b"evacuated"])
    letters = folded_letters(doc)
    assert len(letters) == len(doc.text)
    words = folded_words(doc)
    assert words == frozenset(letters.split()) & sourcing_base.asked_words()
    assert {b"homes", b"officials", b"flooded"} <= words and b"evacuated" not in words
    # (`sum` of `résumé` is a run of a-z too, but no kind asks about it)
    assert b"sum" in letters.split() and b"sum" not in words


def test_a_word_asked_later_is_answered_for_a_draft_read_before():
    doc = Document.from_text("The zxqvbanner fell\n")
    assert b"zxqvbanner" not in folded_words(doc)
    AskedWords([b"zxqvbanner"])  # (a rule built after the draft's words were read)
    assert b"zxqvbanner" in folded_words(doc)


def test_asked_words_register_again_when_unpickled():
    # (a rule loaded from the pack cache, in a process where no rule was built)
    dumped = pickle.dumps(AskedWords([b"zxqvsignpost"]))
    sourcing_base._asked = sourcing_base.asked_words() - {b"zxqvsignpost"}
    assert b"zxqvsignpost" not in sourcing_base.asked_words()
    loaded = pickle.loads(dumped)
    assert type(loaded) is AskedWords and loaded == {b"zxqvsignpost"}
    assert b"zxqvsignpost" in sourcing_base.asked_words()


def test_the_asked_words_stay_the_same_set_until_a_new_word_is_asked():
    # (folded_words keeps a draft's words while the union is the same object)
    before = sourcing_base.asked_words()
    AskedWords(sorted(before)[:3])  # words asked already
    assert sourcing_base.asked_words() is before
    doc = Document.from_text("The zxqvgantry fell\n")
    first = folded_words(doc)
    assert folded_words(doc) is first
    AskedWords([b"zxqvgantry"])
    assert sourcing_base.asked_words() is not before and b"zxqvgantry" in sourcing_base.asked_words()
    assert b"zxqvgantry" in folded_words(doc)


_WORDS = (
    "death toll tolls the people close to aware of percent per cent per-cent two-thirds two "
    "thirds break-ins break ins said to be is was Said reportedly one in five killed xkilled "
    "killedx K\u212a \u017fo".split()
)
_GAPS = (" ", "  ", "\n", "\n\n", "-", "", ".", ", ")


def _draft(rng, size=60):
    return "".join(rng.choice(_WORDS) + rng.choice(_GAPS) for _ in range(size))


@pytest.mark.parametrize("ignorecase", [True, False])
@pytest.mark.parametrize("whole_words", [True, False])
def test_phrase_starts_hold_every_phrase_found_in_the_stretch(ignorecase, whole_words):
    phrases = [
        "death toll", "toll", "percent", "per cent", "per-cent", "two-thirds", "break-ins",
        "people close to", "people aware of", "is said to be", "was said to be", "one in five",
        "killed", "reportedly",
    ]
    finder = PhraseStarts(phrases, ignorecase, whole_words)
    # the pattern such a finder serves: the phrases, white space between words, held to word
    # edges when `whole_words`
    body = "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    if whole_words:
        body = rf"(?<![\w])(?:{body})(?![\w])"
    pattern = regex.compile(body, regex.IGNORECASE if ignorecase else 0)
    rng = random.Random(7)
    for _ in range(300):
        doc = Document.from_text(_draft(rng))
        text = doc.text
        folded = folded_text(doc)
        if folded is None:
            continue
        words = folded_words(doc)
        # a stretch ends at white space, as sentences and paragraphs do (a word cut by its
        # end is no word to the finder, which reads the character after it)
        edges = [0] + [i for i, c in enumerate(text) if c.isspace()] + [len(text)]
        lo = rng.choice(edges[: len(edges) // 2])
        hi = rng.choice([i for i in edges if i >= lo])
        found = set()
        finder.starts(text, folded, lo, hi, found, words)
        expected = {m.start() for m in pattern.finditer(text, lo, hi, overlapped=True)}
        assert expected <= found, (text, lo, hi, sorted(expected - found))


def test_every_regex_white_space_is_python_white_space():
    # PhraseStarts skips an anchor whose phrases all go on after it when the character after
    # it is not `str.isspace`: no phrase's `\s` can match there
    space = regex.compile(r"\s")
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if space.match(c) and not c.isspace()] == []


def _starts_cover_every_match(phrases, pieces, gaps, ignorecase, seed, drafts):
    """PhraseStarts finds (at least) every place the phrases' whole-word pattern matches, in
    drafts of the pieces joined by the gaps (white space of every kind, and none)."""
    finder = PhraseStarts(phrases, ignorecase, True)
    body = "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    pattern = regex.compile(rf"(?<![\w])(?:{body})(?![\w])", regex.IGNORECASE if ignorecase else 0)
    rng = random.Random(seed)
    for _ in range(drafts):
        doc = Document.from_text("".join(rng.choice(pieces) + rng.choice(gaps) for _ in range(40)))
        text = doc.text
        folded = folded_text(doc)
        if folded is None:
            continue
        found = set()
        finder.starts(text, folded, 0, len(text), found, folded_words(doc))
        expected = {m.start() for m in pattern.finditer(text, overlapped=True)}
        assert expected <= found, (text, sorted(expected - found))


@pytest.mark.parametrize("ignorecase", [True, False])
def test_phrase_starts_read_the_next_word_across_any_white_space(ignorecase):
    _starts_cover_every_match(
        ["is said to be", "the government says", "news sources said", "people close to", "dozens of"],
        "is said to be The Government says news sources Said people close to dozens of sayso tox".split(),
        (" ", "  ", "\t", "\n", " \n", "\u00a0", " \u2003", "\x1c", ",", ""),
        ignorecase, seed=11, drafts=400,
    )


@pytest.mark.parametrize("ignorecase", [True, False])
def test_phrase_starts_read_the_rest_of_a_phrase_across_any_white_space(ignorecase):
    _starts_cover_every_match(
        [
            "according to reports", "according to local media reports", "according to news sources",
            "people familiar with the talks", "one in five",
        ],
        "according to Reports local media news sources people familiar with the talks one in five x".split(),
        (" ", " ", " ", "  ", "\t", "\n", "\u00a0", "\u200b", "\x1c", ",", ""),
        ignorecase, seed=13, drafts=600,
    )


def test_digit_at_is_the_digit_pattern():
    from lint.kinds.newsroom.figures import _DIGIT, _compiled, _digit_at

    text = "".join(map(chr, range(0x3000))) + "\U00010d40\U000116d0x"
    assert [i for i in range(len(text) + 1) if _digit_at(text, i, _compiled())] == [
        i for i in range(len(text) + 1) if _DIGIT.match(text, i)
    ]


def test_years_are_what_the_year_pattern_finds():
    rng = random.Random(3)
    pieces = ["1999", "2020", "1820-1900", ",1950", "19٢٣", "x2001", "20011", "1919", " ", "\n", "a", "٢", "-"]
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(20))
        lo = rng.randrange(0, len(text) + 1)
        hi = rng.randrange(lo, len(text) + 1)
        assert _years(text, lo, hi) == _YEAR.findall(text, lo, hi), text


def test_reach_ascii_twin_reads_as_far_as_reach():
    from lint.kinds.newsroom.figures import _REACH, _REACH_ASCII

    # every ASCII text, one character and a few characters around a dot or comma
    chars = [chr(c) for c in range(128)]
    for c in chars:
        for text in (c, c + "5", "a" + c + "b", "7" + c + ".5x"):
            assert _REACH_ASCII.match(text).end() == _REACH.match(text).end(), repr(text)
    rng = random.Random(11)
    pool = "ab Z9 ,.\n\t'-()\"%$:;" + "\x0b\x0c\r\x1c\x1f"
    for _ in range(2000):
        text = "".join(rng.choice(pool) for _ in range(rng.randrange(1, 30)))
        start = rng.randrange(len(text))
        assert _REACH_ASCII.match(text, start).end() == _REACH.match(text, start).end(), repr(text)


def test_said_verb_places_find_what_its_pattern_finds():
    # `_matches` skips a verb followed by nothing its shapes allow after one (a letter, a
    # bracket, the end): the matches stay those of a scan of the whole stretch
    from lint.packs import loader

    kind = next(r.kind for r in loader.load_rules() if r.id == "sourcing.said-verb")
    pieces = (
        "Kirby noted claimed Claims insisted pointed out the police he said That that to in on "
        "reporters a bank , : . ” \" ! ?"
    ).split() + ["in a statement,", "to reporters.", "on Monday that", "on Twitter,", "in the"]
    gaps = (" ", "  ", "\n", "\t", "\u00a0", "", ", ", ". ", "\u2003")
    rng = random.Random(5)
    for _ in range(600):
        text = "".join(rng.choice(pieces) + rng.choice(gaps) for _ in range(30))
        doc = Document.from_text(text)
        text = doc.text
        for words in (folded_words(doc), None):
            got = [m.span() for m in kind._matches(text, 0, len(text), None, words)]
            assert got == [m.span() for m in kind._pattern.finditer(text)], text


def test_may_hold_in_is_never_false_where_the_word_pattern_matches():
    from lint.kinds.newsroom.figures import _COURT_KEYS, _COURT_WORDS, _may_hold_in

    pieces = "He was SENTENCED jailed Convicted xcharged chargedx guilty ſentenced the court , . \n".split(" ")
    rng = random.Random(17)
    for _ in range(400):
        doc = Document.from_text(" ".join(rng.choice(pieces) for _ in range(25)))
        text = doc.text
        words = folded_words(doc)
        if words is None:
            continue
        # (a sentence or paragraph, which starts and ends at white space or the draft's ends)
        edges = [0] + [i for i, c in enumerate(text) if c.isspace()] + [len(text)]
        lo = rng.choice(edges)
        hi = rng.choice([i for i in edges if i >= lo])
        if _COURT_WORDS.search(text, lo, hi):
            assert _may_hold_in(doc, _COURT_KEYS, words, lo, hi), (text, lo, hi)


def test_anonymous_phrase_matches_are_the_patterns_matches():
    # reasons and words of anonymity, looked for from their anchors (`_phrase_matches`)
    from lint.kinds.newsroom.anonymous import _phrase_matches
    from lint.packs import loader

    kind = next(r.kind for r in loader.load_rules() if r.id == "sourcing.anonymous")
    pieces = (
        "not authorized to|wasn't authorised to|for fear of|sensitivity of|on condition of|anonymity|"
        "declined to be|named|asked not|to be identified|Not Authorized\nTo|xfor fear of|spoke anonymously|"
        "the official|said|, |. |\n\n"
    ).split("|")
    rng = random.Random(19)
    for _ in range(300):
        doc = Document.from_text(" ".join(rng.choice(pieces) for _ in range(30)))
        text = doc.text
        for start, end in doc.paragraphs:
            for pattern, finder in ((kind._reasons, kind._reasons_starts), (kind._anonymity, kind._anonymity_starts)):
                got = [m.span() for m in _phrase_matches(doc, pattern, finder, start, end)]
                assert got == [m.span() for m in pattern.finditer(text, start, end)], text


def test_digit_start_ascii_twin_finds_what_digit_start_finds():
    from lint.kinds.newsroom.figures import _DIGIT_START, _DIGIT_START_ASCII

    rng = random.Random(23)
    chars = [chr(c) for c in range(128)]
    for _ in range(2000):
        text = "".join(rng.choice(chars if rng.random() < 0.3 else "a1 9x.,-Z0_") for _ in range(12))
        lo = rng.randrange(0, len(text) + 1)
        hi = rng.randrange(lo, len(text) + 1)
        assert [m.start() for m in _DIGIT_START_ASCII.finditer(text, lo, hi)] == [
            m.start() for m in _DIGIT_START.finditer(text, lo, hi)
        ], (text, lo, hi)


def test_only_three_characters_beyond_ascii_fold_into_a_to_z():
    # `_az_letters` reads the letters off the UTF-8 unless the draft holds one of these: the
    # characters beyond ASCII that `folded_text` makes one a-z letter (each alone in a draft)
    into_az = [
        chr(code)
        for code in range(0x80, sys.maxunicode + 1)
        if not 0xD800 <= code <= 0xDFFF and any("a" <= c <= "z" for c in folded_text(Document.from_text(chr(code))) or "")
    ]
    assert sorted(into_az) == sorted(sourcing_base._FOLDS_INTO_AZ)


_LETTER_PIECES = [
    "Said", "POLICE", "x", "a", " ", "  ", "\n", "\r\n", "\t", "5", "_", "-", "’", "“", "”", "—", "…",
    "\u00a0", "é", "É", "café", "Straße", "ß", "İzmir", "ı", "a\u0307", "ſ", "\u212a", "K", "Ω",
    "ﬁ", "Ⅻ", "½", "Привет", "中文", "😀", "\ud800", "\udfff", "\x00", "\x7f", "\x80", "ÿ", "Ÿ",
]


def test_folded_letters_read_off_the_utf8_are_the_folded_texts():
    # the reference: the folded text encoded to ASCII (`?` past it) and translated
    rng = random.Random(20261207)
    for _ in range(3000):
        text = "".join(rng.choice(_LETTER_PIECES) for _ in range(rng.randint(0, 12)))
        doc = Document.from_text(text)
        folded = folded_text(doc)
        letters = folded_letters(doc)
        if folded is None:
            assert letters is None
            continue
        expected = folded.encode("ascii", "replace").translate(sourcing_base._NOT_AZ)
        assert letters == expected, repr(text)
        assert len(letters) == len(doc.text)
