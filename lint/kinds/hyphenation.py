"""hyphenation: a compound written both hyphenated and open in one draft, learned from the draft.

`precision-guided munitions` in one paragraph and `precision guided munitions` in another: the
form used less (or, on a tie, later) is flagged. Only pairs the draft really writes both ways
count, and only like for like: an open pair counts when it modifies a following word
(`precision guided munitions`), not when it stands after the noun or before a function word
(`the author is well known`, `in the long term`, `worked full time at`), since AP hyphenates a
compound modifier only before a noun. Adverbs in -ly (`highly regarded`), phrasal verbs
(`follow up` / `follow-up`), names in capitals on both halves, and words broken across a line
are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List

import regex

from lint.kinds.base import Kind, finditer
from lint.model import Fix, Hit

_HYPHENATED = regex.compile(
    r"(?<![\p{L}\p{N}’'-])(?P<a>\p{Latin}{2,})-(?P<b>\p{Latin}{2,})(?![\p{L}\p{N}’']|-[\p{L}\p{N}])"
)
_OPEN_PAIR = regex.compile(
    r"(?<![\p{L}\p{N}’'-])(?P<a>\p{L}{2,}) (?P<b>\p{L}{2,})(?![\p{L}\p{N}’'-])(?P<next>[ ]+\p{Ll}[\p{L}’'-]*)?"
)
_PARTICLES = frozenset("up down in out off on over back away by about through around along".split())
_FUNCTION_WORDS = frozenset(
    """the a an of in on at to for with by from into onto and or nor but as is are was were be
    been being that which who whom whose this these those it its his her their our my your than
    then so if when while after before because since until unless although though where there
    here not no also only just even still very too all any each every some such both either
    neither has have had do does did will would can could may might must shall should per""".split()
)


@dataclass(frozen=True)
class Hyphenation(Kind):
    """Options:

    function_words  extra words after which an open pair is not a modifier (added to the
                    built-in list: the, of, and, is, ...)
    """

    name = "hyphenation"
    message_values = ("expected", "count", "expected_count")
    default_scope = "body"

    function_words: List[str] = ()

    def __post_init__(self):
        self._set("_function", _FUNCTION_WORDS | {w.lower() for w in self.function_words})

    def check(self, doc, spans, context):
        text = doc.text
        timeout = context.timeout_for(text)
        for span_start, span_end in spans:
            hyphenated = {}
            for m in finditer(_HYPHENATED, text, span_start, span_end, timeout):
                a, b = m.group("a"), m.group("b")
                if a.lower().endswith("ly") or b.lower() in _PARTICLES or a.lower() == b.lower():
                    continue
                if a[0].isupper() and b[0].isupper():
                    continue
                hyphenated.setdefault((a.lower(), b.lower()), []).append(m.span())
            if not hyphenated:
                continue
            open_forms = {}
            # one pass over every word pair; overlapping pairs need two passes (even, odd)
            for m in _overlapping_pairs(text, span_start, span_end, timeout):
                key = (m.group("a").lower(), m.group("b").lower())
                if key not in hyphenated:
                    continue
                nxt = m.group("next")
                if not nxt or nxt.strip().lower() in self._function:
                    continue  # not a modifier before a noun
                open_forms.setdefault(key, []).append(m.span("a")[0:1] + m.span("b")[1:2])
            for key, opened in open_forms.items():
                joined = hyphenated[key]
                # the majority wins; on a tie, the form the draft used first
                hyphen_wins = (len(joined), -joined[0][0]) > (len(opened), -opened[0][0])
                losers, winners = (opened, joined) if hyphen_wins else (joined, opened)
                for start, end in losers:
                    found = text[start:end]
                    expected = found.replace(" ", "-") if hyphen_wins else found.replace("-", " ")
                    yield Hit(
                        start,
                        end,
                        {"expected": expected, "count": len(losers), "expected_count": len(winners)},
                        Fix(start, end, expected, safe=False),
                    )


def _overlapping_pairs(text, start, end, timeout):
    """Every pair of adjacent words `a b` in text[start:end], overlapping ones included."""
    seen = set()
    position = start
    while True:
        m = _OPEN_PAIR.search(text, position, end, timeout=timeout)
        if m is None:
            return
        if m.start() not in seen:
            seen.add(m.start())
            yield m
        # restart at the second word, so "a b c" yields "a b" and "b c"
        position = m.start("b")
