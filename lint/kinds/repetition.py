"""repetition: the same word twice in a row (`the the`)."""

from __future__ import annotations

import bisect
import itertools
import operator
from dataclasses import dataclass
from typing import List, Optional

import regex

from lint.kinds.base import Kind, OptionError, compile_pattern, finditer, match
from lint.kinds.required import prefilters_enabled
from lint.model import Fix, Hit
from lint.patterns import lazy_compile

# Tokens that are letter runs joined by apostrophes. For these, a cheap C-level pass finds
# every place a doubled word can start (two equal adjacent words), and the rule's exact
# pattern runs only there: the regex tries a match at every position of the text otherwise,
# which made this rule the slowest of the hygiene pack (about 3 MB/s).
_WORD_TOKENS = frozenset({r"\p{L}+(?:['’]\p{L}+)?", r"\p{Latin}+(?:['’]\p{Latin}+)?"})
# Letter runs joined by apostrophes. A doubled word of either token above is two whole such
# runs in a row: the pattern's edges (no word character, apostrophe or hyphen) end a run.
_SPLIT = lazy_compile(r"(\p{L}+(?:['’]\p{L}+)*)")
# Latin-script characters that are not letters (`Ⅰ`, Roman numerals): a `\p{Latin}` token may
# hold them, the runs above do not; a draft with any of them takes the plain search.
_LATIN_NOT_LETTER = lazy_compile(r"[\p{Latin}--\p{L}]", regex.V1)


@dataclass(frozen=True)
class Repetition(Kind):
    """Options:

    token       pattern for one token (default: a word of letters)
    ignorecase  `The the` counts (default true)
    second      `any` (default) or `lower`: with `lower`, a repeat whose second word starts
                with a capital is a name (`Sirhan Sirhan`) and is left alone
    exceptions  repeated pairs that are good English (`had had`, `that that`), any case
    """

    name = "repetition"
    default_scope = "paragraph"

    token: str = r"\p{L}+(?:['’]\p{L}+)?"
    ignorecase: bool = True
    exceptions: List[str] = ()
    second: str = "any"

    def __post_init__(self):
        if self.second not in ("any", "lower"):
            raise OptionError("second", f"`second` is `any` or `lower`, not {self.second!r}")
        compile_pattern("token", self.token)
        # only spaces between the two: a repeat across a line break is usually a wrapped title
        pattern = rf"(?<![\w'’-])({self.token})[^\S\n]+(\1)(?![\w'’-])"
        self._set("_pattern", compile_pattern("token", pattern, self.ignorecase))
        self._set("_exceptions", frozenset(e.lower() for e in self.exceptions))
        self._set("_prefilter", self.token in _WORD_TOKENS and self.ignorecase)

    def check(self, doc, spans, context):
        text = doc.text
        timeout = context.timeout_for(text)
        for m in self._matches(text, spans, timeout):
            pair = " ".join(m.group().split()).lower()
            if pair in self._exceptions:
                continue
            if self.second == "lower" and not m.group(2)[:1].islower():
                continue
            # delete the second word and the space before it
            fix = Fix(m.end(1), m.end(2), "", safe=False)
            yield Hit(m.start(), m.end(), {}, fix)

    def _matches(self, text, spans, timeout):
        """The pattern's matches in each span, left to right, as `finditer` over each span finds them."""
        starts = self._candidate_starts(text) if self._prefilter and prefilters_enabled() else None
        if starts is not None and "Latin" in self.token and _has_latin_non_letters(text):
            starts = None
        if starts is None:
            for span_start, span_end in spans:
                yield from finditer(self._pattern, text, span_start, span_end, timeout)
            return
        if not starts:
            return
        span_starts = [s for s, _ in spans]
        last_end = -1
        for pos in starts:
            i = bisect.bisect_right(span_starts, pos) - 1
            if i < 0 or pos >= spans[i][1] or pos < last_end:
                continue
            m = match(self._pattern, text, pos, spans[i][1], timeout)
            if m is not None:
                last_end = m.end()
                yield m

    @staticmethod
    def _candidate_starts(text: str) -> Optional[List[int]]:
        """Offsets of every word followed (across spaces, not a line end) by the same word,
        compared case-folded; None when case folding changes the text's length (`ß`), where
        offsets would not line up and the plain search runs instead."""
        folded = text.casefold()
        if len(folded) != len(text):
            return None
        parts = _SPLIT.split(folded)  # [between, word, between, word, ..., between]
        words = parts[1::2]
        same = list(itertools.compress(itertools.count(), map(operator.eq, words, itertools.islice(words, 1, None))))
        if not same:
            return []
        offsets = list(itertools.accumulate(map(len, parts)))  # offsets[k] = where parts[k + 1] starts
        return [offsets[2 * i] for i in same if "\n" not in parts[2 * i + 2]]


def _has_latin_non_letters(text: str) -> bool:
    if text.isascii():
        return False
    return any(_LATIN_NOT_LETTER.match(c) for c in set(text) if c > "\x7f")
