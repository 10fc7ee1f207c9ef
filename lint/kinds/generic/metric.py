"""metric: a measured quantity (sentence length, grade level) against a limit."""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
from typing import Callable, Dict, List, Optional

from lint.kinds.generic import readability
from lint.kinds.base import Kind, OptionError, compile_pattern, strip_span
from lint.engine.prefilter import prefilters_enabled
from lint.model import Hit
from lint.engine.patterns import lazy_compile

_FIRST = operator.itemgetter(0)
_SECOND = operator.itemgetter(1)
_WORD = lazy_compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.-]*")
# ASCII characters a word may hold. A word ends at a character it cannot hold, so a span holds
# at most one word more than it has characters that are not these: each such character keeps
# one byte of the span encoded to ASCII (a non-ASCII one, letters included, becomes "?") once
# these bytes are deleted, so that length + 1 bounds the word count.
_WORD_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.-"


def _most_words(text: str, start: int, end: int) -> int:
    """An upper bound of len(_WORD.findall(text, start, end)), in C-level passes."""
    return len(text[start:end].encode("ascii", "replace").translate(None, _WORD_BYTES)) + 1


def _span_utf8(doc, start: int, end: int) -> bytes:
    """doc.text[start:end] in UTF-8 (surrogatepass), cut from the draft's: UTF-8 encodes each
    character alone, so the span's bytes follow the bytes of the text before it (a body: the
    headline, short) and precede those of the text after it (usually none)."""
    data = doc.utf8
    text = doc.text
    if len(data) == len(text):  # ASCII: a byte is a character
        return data[start:end]
    head = len(text[:start].encode("utf-8", "surrogatepass"))
    tail = len(text[end:].encode("utf-8", "surrogatepass"))
    return data[head : len(data) - tail]


def _words(doc, start, end) -> float:
    return float(len(_WORD.findall(doc.text, start, end)))


# every byte but ASCII letters, digits and the white space bytes.split() splits at
_NOT_ALNUM_NOR_SPACE = bytes(b for b in range(256) if not (chr(b).isascii() and (chr(b).isalnum() or b in b" \t\n\r\x0b\x0c")))


def _has_words(doc, start, end, count) -> bool:
    """Does text[start:end] hold at least `count` words? (stops counting there)"""
    # cheap first: the tokens between ASCII white space of the span's first characters that
    # hold an ASCII letter or digit. Each holds a word (a word has no white space, so one of
    # another token never reaches into it): as many of them are at least as many words
    head = doc.text[start : min(end, start + 12 * count)]
    if len(head.encode("utf-8", "surrogatepass").translate(None, _NOT_ALNUM_NOR_SPACE).split()) >= count:
        return True
    return _words_ahead(count).match(doc.text, start, end) is not None


@functools.lru_cache(maxsize=None)
def _words_ahead(count: int):
    """`count` of _WORD's matches in a row, one regex call: what finditer skips between two
    (characters that cannot start a word), then a word, taken whole (possessive, like
    finditer's greedy match that is never given back)."""
    return lazy_compile(r"(?:[^\p{L}\p{N}]*+[\p{L}\p{N}][\p{L}\p{N}'’.-]*+){%d}" % count)


def _sentences(doc, start, end) -> float:
    starts = [s for s, _ in doc.sentences]
    return float(bisect.bisect_left(starts, end) - bisect.bisect_left(starts, start))


def _flesch_kincaid_grade(doc, start, end) -> float:
    # textstat's number, computed by lint/kinds/generic/readability.py (textstat's own steps, minus its
    # start-up cost); tests/test_readability.py holds the two equal
    return readability.flesch_kincaid_grade(doc.text[start:end])


def _textstat(function_name: str) -> Callable:
    def measure(doc, start, end) -> float:
        # textstat is imported only when a readability rule runs: it is slow to import
        try:
            import textstat
        except ImportError:
            raise readability.textstat_missing() from None

        return float(getattr(textstat, function_name)(doc.text[start:end]))

    return measure


METRICS: Dict[str, Callable] = {
    "words": _words,
    "sentences": _sentences,
    "flesch-kincaid-grade": _flesch_kincaid_grade,
    "flesch-reading-ease": _textstat("flesch_reading_ease"),
    "gunning-fog": _textstat("gunning_fog"),
    "coleman-liau": _textstat("coleman_liau_index"),
}


class Metric(Kind):
    """Options:

    metric      words | sentences | flesch-kincaid-grade | flesch-reading-ease | gunning-fog |
                coleman-liau, measured over each span of the rule's scope
    max / min   the limit; a span above max (or below min) is flagged
    min_words   spans with fewer words are not measured (readability of a one-liner is noise)
    skip        patterns: a span that starts with a match of one is not measured (an interview
                answer opening with its speaker's label, `((Jo Smith))` or `Q:`)
    skip_lists  metric `words`: a span that is a list, a comma or semicolon for every
                `list_words` words or fewer (a squad, a line-up, a round's results), is not
                measured: a list is not a sentence to split
    list_words  see skip_lists (default 4)
    """

    name = "metric"
    message_values = ("value", "limit")
    default_scope = "sentence"

    metric: str = ""
    max: Optional[float] = None
    min: Optional[float] = None
    min_words: int = 0
    skip: List[str] = ()
    skip_lists: bool = False
    list_words: int = 4

    def __post_init__(self):
        skip = "|".join(f"(?:{p})" for p in self.skip)
        self._set("_skip", compile_pattern("skip", skip) if skip else None)
        if self.metric not in METRICS:
            raise OptionError("metric", f"unknown metric {self.metric!r} (use {', '.join(METRICS)})")
        if self.max is None and self.min is None:
            raise OptionError("max", "needs `max` or `min`")

    def prepare(self) -> None:
        if self.metric == "flesch-kincaid-grade":
            readability.prepare()
        if self.min_words:
            _words_ahead(self.min_words)

    def check(self, doc, spans, context):
        if self.metric != "sentences":
            measure = METRICS[self.metric]
        else:
            starts = [s for s, _ in doc.sentences]  # once, not once per span

            def measure(doc, start, end):
                return float(bisect.bisect_left(starts, end) - bisect.bisect_left(starts, start))

            if self.min is None:
                # only a span of more than `max` sentences can be flagged: pick those in C-level
                # passes (the draft's, then each span's count, as `measure` counts)
                if len(starts) <= self.max:
                    return
                spans = spans if isinstance(spans, list) else list(spans)
                firsts = map(bisect.bisect_left, itertools.repeat(starts), map(_FIRST, spans))
                stops = map(bisect.bisect_left, itertools.repeat(starts), map(_SECOND, spans))
                counts = map(operator.sub, stops, firsts)
                spans = list(itertools.compress(spans, map(operator.lt, itertools.repeat(self.max), counts)))

        # a grade surely under `max` needs no exact value (see lint/kinds/generic/readability.py)
        bounded = self.metric == "flesch-kincaid-grade" and self.min is None
        # a word is a letter or digit and whatever follows it up to a character that is none of
        # _WORD's, so words are at least two characters apart: a span of n characters holds at
        # most (n + 1) // 2 words, and a short span is surely under `max`
        short = self.max if self.metric == "words" and self.min is None else None
        bounded_words = short is not None and prefilters_enabled()
        # sentence ends and letters of other scripts are all non-ASCII: an ASCII draft (most
        # of them) has neither, asked once a draft instead of once a span (the ends, the first
        # time a span is measured: most drafts have none to measure)
        other_scripts = self.metric == "words" and not doc.text.isascii()
        other_ends = None
        if short is not None:
            # the spans `(end - start + 1) // 2 <= short` below skips, left out in C-level
            # passes (most sentences of a draft)
            spans = spans if isinstance(spans, list) else list(spans)
            lengths = map(operator.sub, map(_SECOND, spans), map(_FIRST, spans))
            halves = map(operator.floordiv, map(operator.add, lengths, itertools.repeat(1)), itertools.repeat(2))
            spans = list(itertools.compress(spans, map(operator.lt, itertools.repeat(short), halves)))
            if bounded_words:
                # and those of at most `short` words by `_most_words`, over the spans left only
                # (most of a draft's text is in shorter ones)
                text = doc.text
                spans = [span for span in spans if _most_words(text, span[0], span[1]) > short]
        for start, end in spans:
            if end <= start:
                continue
            if short is not None and (end - start + 1) // 2 <= short:
                continue
            if self.min_words and not _has_words(doc, start, end, self.min_words):
                continue
            if self._skip is not None and self._skip.match(doc.text, start, end):
                continue
            if other_scripts:  # metric "words", a draft with non-ASCII characters
                # a sentence end the splitter does not know (Hindi ।, Chinese 。): measure the
                # longest of the sentences it holds
                if other_ends is None:
                    other_ends = any(c in doc.text for c in _OTHER_END_CHARS)
                if other_ends:
                    start, end = _longest_sentence(doc.text, start, end, short)
                    if short is not None and (end - start + 1) // 2 <= short:
                        continue
                if _other_script(doc.text, start, end):
                    continue  # a passage in Hindi or Arabic: not the English desk's to split
            if bounded:
                span_text = doc.text[start:end]
                # (the draft's characters beyond ASCII: read once a draft, shared with the
                # kinds that read them, where the span's own would cost a pass over it)
                around = None if span_text.isascii() else doc.beyond_ascii
                value = readability.flesch_kincaid_grade(span_text, at_most=self.max, encoded=_span_utf8(doc, start, end), around=around)
                if value is None:
                    continue
            else:
                value = measure(doc, start, end)
                if self.skip_lists and self.metric == "words" and _is_list(doc.text, start, end, value, self.list_words):
                    continue
            if self.max is not None and value > self.max:
                limit = self.max
            elif self.min is not None and value < self.min:
                limit = self.min
            else:
                continue
            # point at the span's first line of text (a body span starts at the headline's line
            # end), so editors land on it and the match stays short
            start, end = strip_span(doc.text, start, end)
            line_end = doc.text.find("\n", start, end)
            yield Hit(
                start,
                end if line_end < 0 else line_end,
                {"value": _format(value), "limit": _format(limit)},
            )


def _is_list(text: str, start: int, end: int, words: float, list_words: int) -> bool:
    """Is text[start:end], of `words` words, a list: a comma or semicolon for every
    `list_words` words or fewer?"""
    separators = text.count(",", start, end) + text.count(";", start, end)
    return separators * list_words >= words


_OTHER_ENDS = lazy_compile(r"[।॥。！？؟]+\s*")
_OTHER_END_CHARS = "।॥。！？؟"


def _longest_sentence(text: str, start: int, end: int, short=None):
    """[start, end), or the longest piece of it between sentence ends of other scripts.

    With `short`, a piece of (n + 1) // 2 <= short characters (so of no more than `short`
    words) is returned only when every piece is one; otherwise the longest is sought among
    the others, which hold the longest piece whenever it has more than `short` words."""
    if not any(c in text[start:end] for c in _OTHER_END_CHARS):
        return start, end
    pieces, position = [], start
    for m in _OTHER_ENDS.finditer(text, start, end):
        pieces.append((position, m.start() + 1))
        position = m.end()
    if position < end:
        pieces.append((position, end))
    if short is not None:
        longer = [p for p in pieces if (p[1] - p[0] + 1) // 2 > short]
        if not longer:
            return pieces[0]
        pieces = longer
    if len(pieces) == 1:
        return pieces[0]  # (the longest of one: its words need no count)
    return max(pieces, key=lambda p: len(_WORD.findall(text, p[0], p[1])))


_LATIN = lazy_compile(r"\p{Latin}")
_LETTER = lazy_compile(r"\p{L}")
# the same characters taken in runs: as many in all, in a string a run, not one a character
# (a passage in Hindi: hundreds of letters a sentence, a few dozen words)
_LATIN_RUN = lazy_compile(r"\p{Latin}+")
_LETTER_RUN = lazy_compile(r"\p{L}+")


_NOT_ASCII_LETTER = bytes(b for b in range(256) if not (b < 128 and chr(b).isalpha()))
_NON_ASCII_BYTES = bytes(range(128, 256))


def _other_script(text: str, start: int, end: int) -> bool:
    """Are most of the letters in text[start:end] of a script other than Latin?"""
    piece = text[start:end]
    if piece.isascii():
        return False
    # cheap first: ASCII letters are Latin letters, and the other letters are at most the
    # non-ASCII characters; when those are no more, Latin is no less than half the letters
    encoded = piece.encode("utf-8", "surrogatepass")
    ascii_letters = len(encoded.translate(None, _NOT_ASCII_LETTER))
    if ascii_letters >= len(piece) - len(encoded.translate(None, _NON_ASCII_BYTES)):
        return False
    letters = sum(map(len, _LETTER_RUN.findall(piece)))
    return letters > 0 and sum(map(len, _LATIN_RUN.findall(piece))) < 0.5 * letters


def _format(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
