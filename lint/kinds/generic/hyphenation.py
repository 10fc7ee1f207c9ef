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

from typing import List

from lint.kinds.base import Kind, finditer
from lint.kinds.newsroom.sourcing_base import folded_text
from lint.engine.prefilter import prefilters_enabled
from lint.model import Fix, Hit
from lint.engine.patterns import lazy_compile

_HYPHENATED = lazy_compile(
    r"(?<![\p{L}\p{N}’'-])(?P<a>\p{Latin}{2,})-(?P<b>\p{Latin}{2,})(?![\p{L}\p{N}’']|-[\p{L}\p{N}])"
)
# _HYPHENATED found from its hyphen, the first part read back (`_hyphenated`)
_FROM_HYPHEN = lazy_compile(
    r"-(?<=(?<![\p{L}\p{N}’'-])(?P<a>\p{Latin}{2,})-)(?P<b>\p{Latin}{2,})(?![\p{L}\p{N}’']|-[\p{L}\p{N}])"
)
_WORD = lazy_compile(r"\p{L}+")
_LETTER = lazy_compile(r"\p{L}")
_PARTICLES = frozenset("up down in out off on over back away by about through around along".split())
_FUNCTION_WORDS = frozenset(
    """the a an of in on at to for with by from into onto and or nor but as is are was were be
    been being that which who whom whose this these those it its his her their our my your than
    then so if when while after before because since until unless although though where there
    here not no also only just even still very too all any each every some such both either
    neither has have had do does did will would can could may might must shall should per""".split()
)


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
        lowered = aligned = fast = None
        for span_start, span_end in spans:
            hyphenated = {}
            for a, b, start, end in _hyphenated(text, span_start, span_end, timeout):
                low_a, low_b = a.lower(), b.lower()
                if low_a.endswith("ly") or low_b in _PARTICLES or low_a == low_b:
                    continue
                if a[0].isupper() and b[0].isupper():
                    continue
                hyphenated.setdefault((low_a, low_b), []).append((start, end))
            if not hyphenated:
                continue
            if fast is None:
                fast = prefilters_enabled()
            if fast:
                # A key is flagged only with an open form: its "a b " found in the lowered text
                # (or, a word at a time, words lowering to a and b, one space apart, one space
                # after). Where that holds for an ASCII "a b ", each character there lowers to
                # one ASCII character (İ lowers to two, one of them not ASCII), and so casefolds
                # to the same one (beyond ASCII only K, the Kelvin sign, lowers to ASCII; it
                # folds to k too): the draft's casefolded text (`folded_text`, the trigger
                # scan's, which only drops U+0307 and turns ı into i besides) holds "a b " as
                # well. So a key whose ASCII "a b " it lacks has no open form (most drafts: they
                # skip lowering the text).
                folded = doc.folded_text
                keys = [key for key in hyphenated if _may_open(key, folded)]
                if not keys:
                    continue
                if len(keys) < len(hyphenated):
                    hyphenated = {key: hyphenated[key] for key in keys}
            if fast and aligned is None and not text.isascii():
                aligned = folded_text(doc) or ""
            if fast and aligned and all(key[0].isascii() and key[1].isascii() for key in hyphenated):
                # The draft's casefolded text with its offsets (a long text with rare letters
                # in it, lowered, costs more than all the rest): no İ in the draft, so lowering
                # keeps the length, and every ASCII "a b " the lowered text holds at an offset,
                # the folded text holds there too (above); the folded one may hold more (ſ
                # folds to s, but lowers to itself): `_open_forms` keeps only the offsets where
                # the text, lowered, reads "a b ".
                open_forms = self._open_forms(text, aligned, span_start, span_end, hyphenated, verify=True)
            else:
                if lowered is None:
                    lowered = text.lower()
                if len(lowered) == len(text):
                    open_forms = self._open_forms(text, lowered, span_start, span_end, hyphenated)
                else:  # lowering changed offsets (rare letters): walk every word instead
                    open_forms = self._open_forms_by_words(text, span_start, span_end, hyphenated, timeout)
            for key, opened in sorted(open_forms.items(), key=lambda item: item[1][0]):
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

    def _open_forms(self, text, lowered, span_start, span_end, hyphenated, verify=False):
        """{(a, b): [(start, end)]}: the open pairs `a b` that modify a following word.

        Finds each pair "a b " in the lowercased text (same offsets: lowering kept the
        length) instead of walking every word; the checks are those of `_open_forms_by_words`,
        on the words around each hit (a word is a run of letters inside the span). With
        `verify`, `lowered` may hold "a b " at more offsets than the lowered text: each is
        checked on the text.
        """
        found = {}
        for key in hyphenated:
            needle = key[0] + " " + key[1] + " "
            a_start = lowered.find(needle, span_start, span_end)
            while a_start >= 0:
                at = a_start
                a_start = lowered.find(needle, at + 1, span_end)
                if verify and text[at : at + len(needle)].lower() != needle:
                    continue
                a_end = at + len(key[0])
                b_end = a_end + 1 + len(key[1])
                if at > span_start and _LETTER.match(text, at - 1):
                    continue  # not the start of a word
                if not _letters(text, at, a_end) or not _letters(text, a_end + 1, b_end):
                    continue
                if at > 0 and text[at - 1] in "-’'":
                    continue  # part of a longer compound or a contraction
                nxt = _WORD.match(text, b_end + 1, span_end)
                if nxt is None:
                    continue  # punctuation or the end follows: not a modifier before a noun
                nxt = nxt.group()
                if not nxt[0].islower() or nxt.lower() in self._function:
                    continue
                found.setdefault(key, []).append((at, b_end))
        return found

    def _open_forms_by_words(self, text, span_start, span_end, hyphenated, timeout):
        open_forms = {}
        # one pass over the words: two neighbours separated by one space are an open pair
        words = [m.span() for m in finditer(_WORD, text, span_start, span_end, timeout)]
        for i in range(len(words) - 1):
            (a_start, a_end), (b_start, b_end) = words[i], words[i + 1]
            if b_start != a_end + 1 or text[a_end] != " ":
                continue
            key = (text[a_start:a_end].lower(), text[b_start:b_end].lower())
            if key not in hyphenated:
                continue
            if (a_start > 0 and text[a_start - 1] in "-’'") or text[b_end : b_end + 1] in ("-", "’", "'"):
                continue  # part of a longer compound or a contraction
            if i + 2 >= len(words) or words[i + 2][0] != b_end + 1 or text[b_end] != " ":
                continue  # punctuation or the end follows: not a modifier before a noun
            nxt = text[slice(*words[i + 2])]
            if not nxt[0].islower() or nxt.lower() in self._function:
                continue
            open_forms.setdefault(key, []).append((a_start, b_end))
        return open_forms


def _hyphenated(text, span_start, span_end, timeout):
    """(a, b, start, end) for each match of finditer(_HYPHENATED, text, span_start, span_end),
    in order: its two parts and its span, found by one search of `_FROM_HYPHEN` from each
    hyphen (the `regex` module skips to the pattern's opening literal, the hyphen; no loop of
    ours a hyphen).

    The same matches: a match of _HYPHENATED is a hyphen between two runs of Latin letters,
    each the whole run on its side (a shorter first part has a letter before it, which the
    lookbehind refuses; a shorter second part has a letter after it, which the lookahead
    refuses), with the same tests on the characters around it; _FROM_HYPHEN tests exactly
    these from the hyphen, reading the first part back in its lookbehind. Two such compounds
    never overlap (one would start inside the other, after a letter or its hyphen), so
    finditer's next match, from where the last ended, is the next compound either way; only
    a compound whose first part starts before `span_start` is _FROM_HYPHEN's alone (a match
    of _HYPHENATED starts in the span): it is dropped. The pattern is fixed and reads each
    run once: no timeout (two clock system calls a call).
    """
    for m in _FROM_HYPHEN.finditer(text, span_start, span_end):
        start = m.start("a")
        if start >= span_start:
            a, b = m.group("a", "b")
            yield a, b, start, m.end()


def _may_open(key, folded: str) -> bool:
    """Can the draft hold `key`'s open form (see `check`)? False only when it cannot.

    (Looked for without the space after: as sure, and `str.find` skips ahead faster on a
    needle that ends in a letter than on one that ends in a space, the commonest character.)"""
    needle = key[0] + " " + key[1]
    return not needle.isascii() or needle in folded


def _letters(text, start, end) -> bool:
    """Is text[start:end] one whole run of letters?"""
    m = _WORD.match(text, start, end)
    return m is not None and m.end() == end
