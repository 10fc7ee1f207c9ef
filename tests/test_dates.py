"""The draft's date for the cross-draft facts (`lint.kinds.newsroom.dates`)."""

import random

from lint.kinds.newsroom import dates


def test_head_agrees_with_a_walk_over_its_lines():
    # `head` takes the first lines with one split: held to finding them one at a time
    def walked(text):
        end = min(len(text), dates.HEAD_CHARS)
        position = 0
        for _ in range(dates.HEAD_LINES):
            i = text.find("\n", position, end)
            if i < 0:
                return text[:end]
            position = i + 1
        return text[:position]

    rng = random.Random(5)
    pieces = ["\n", "\n\n", "a", "Word ", "x" * 150, "x" * 700, "\r\n", "é", "\u2028", ""]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        assert dates.head(text) == walked(text), text
    for n in range(30):
        text = "line\n" * n
        assert dates.head(text) == walked(text)
        text = "\n" * n + "x" * (dates.HEAD_CHARS - 5)
        assert dates.head(text) == walked(text)
