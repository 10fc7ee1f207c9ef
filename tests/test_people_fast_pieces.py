"""people's name pieces read off the text (`_ascii_piece`) against the pattern they stand for."""

import random

from lint.kinds.newsroom import people


def _pattern_piece(text, i):
    m = people._NAME_PIECE.match(text, i)
    return (m.lastgroup, m.end()) if m else (None, None)


def test_ascii_piece_agrees_with_the_pattern_where_it_answers():
    rng = random.Random(7)
    alphabet = list("AIJSVrx.'-’é ,2\n") + ["II", "III", "IV", "Jr.", "Sr.", "Ob", "ama", "\u0301", "Ł", "ß"]
    answered = 0
    for _ in range(4000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        for i, c in enumerate(text):
            if c not in people._ASCII_CAPITALS:
                continue
            kind, end = people._ascii_piece(text, i)
            if kind is None:
                continue
            answered += 1
            assert (kind, end) == _pattern_piece(text, i), (text, i)
    assert answered > 1000


def test_ascii_piece_on_names():
    for text, i, expected in [
        ("Barack Obama said", 0, ("word", 6)),
        ("Kenneth F. McKenzie Jr. said", 8, ("init", 10)),
        ("Kenneth F. McKenzie Jr. said", 20, ("suffix", 23)),
        ("Henry III, king", 6, ("suffix", 9)),
        ("Henry IV2 x", 6, ("word", 8)),
        ("Ivan said", 0, ("word", 4)),
        ("O'Neil said", 0, (None, None)),
        ("Zoë said", 0, (None, None)),
    ]:
        assert people._ascii_piece(text, i) == expected
        if expected[0] is not None:
            assert _pattern_piece(text, i) == expected



def test_ascii_spaces_are_what_the_line_space_pattern_matches():
    # (written out in people.py, not computed at import: held here to `_SP` itself)
    import regex

    expected = frozenset(chr(c) for c in range(128) if regex.fullmatch(people._SP, chr(c)))
    assert people._ASCII_SPACES == expected


def test_may_end_with_never_refuses_a_modifier_the_walk_back_finds():
    # `Extractor._modified` skips `_word_before` where `_may_end_with` says no: held here to
    # the walk back itself, over words, cases, separators and characters around them
    rng = random.Random(11)
    words = ("deputy", "vice", "co", "pro", "shadow", "chief", "ß", "straße")
    pieces = [
        "Deputy", "DEPUTY", "deputy", "Vice", "VİCE", "Co", "PRO", "Shadow", "ShAdOw", "Chief",
        "Straße", "STRASSE", "ß", "x", "é", "Ł", "2", "-", "--", " ", "  ", "\t", "\u00a0",
        "\u2003", "\n", ",", ".", "’", "\u0301", "K",
    ]
    refused = 0
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 9))) + "Mayor"
        at = len(text) - 5
        before = people._word_before(text, at)
        if before is not None and before.casefold() in words:
            assert people._may_end_with(text, at, words), text
        elif not people._may_end_with(text, at, words):
            refused += 1
    assert refused > 1000
