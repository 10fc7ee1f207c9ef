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

