"""quote-balance: quotation marks that do not pair up, paragraph by paragraph, the AP way.

A quotation of full sentences may run on over several paragraphs: each paragraph but the
last ends with no closing mark, and the next one opens with a quote mark (correct style, never
flagged). Flagged, each once, where the desk must act:

- a paragraph that carries a quotation on but does not open with a quote mark, when a closing
  mark further on shows the quotation goes on (reported at that paragraph's first word: the
  mark to add goes there, and the message says where the quotation opened and closes);
- a partial quotation (opening on a lower-case word, mid-sentence) carried into the next
  paragraph: AP lets only full-sentence quotes run on;
- a quotation that never closes (at its opening mark, saying what comes next);
- a closing mark with nothing open;
- an opening mark `“` written where a quotation closes (`decision.“ However`).

Marks are read in context, not from doc.quotes: a straight `"` opens after a space or at a
paragraph's start and closes after a word or punctuation; `„` opens (German and Central
European style, closed by `“` or `”`); a `”` standing before a word after a space opens
(Scandinavian style); a straight mark after a digit with nothing open is inches (5'10").
"""

from __future__ import annotations

import bisect
import functools
import operator
from typing import List, Optional, Tuple

from lint.drafts.document import literal_starts
from lint.kinds.base import Kind
from lint.model import Fix, Hit

_MARKS = "“”\"„"
_OPENS_AFTER = "([{—–-/‘'"
_CLOSES_BEFORE = ",.;:!?)]}’'…—–-"
# how many mark-free paragraphs a quotation may run over, unreopened, before a closing mark
_MAX_GAP = 2
_FIRST = operator.itemgetter(0)  # a span's start, read in C


class QuoteBalance(Kind):
    """No options."""

    name = "quote-balance"
    message_values = ("problem",)
    default_scope = "draft"

    def check(self, doc, spans, context):
        text = doc.text
        if not any(m in text for m in _MARKS):
            return
        if len(spans) == 1:
            # the paragraphs starting in the span: a slice, found by bisection of their starts
            # (sorted: the paragraphs are disjoint and in order)
            (s, e), = spans
            starts = doc._paragraph_starts
            paragraphs = doc.paragraphs[bisect.bisect_left(starts, s) : bisect.bisect_left(starts, e)]
        else:
            paragraphs = [p for p in doc.paragraphs if any(s <= p[0] < e for s, e in spans)]
        if not paragraphs:
            return
        yield from _Balance(doc, text).run(paragraphs)


def _kind(text: str, i: int, start: int, end: int, is_open: bool) -> Optional[str]:
    """'open', 'close', 'turned' (a closing quotation written with “) or None (not a
    quotation mark here) for the mark at `i` of a paragraph [start, end)."""
    mark = text[i]
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    spaced_before = before.isspace() or before in _OPENS_AFTER
    spaced_after = after.isspace() or after in _CLOSES_BEFORE
    if mark == "„":
        return "open"
    if mark == "“":
        # with a quotation open, before a space or the paragraph's end: a closing mark
        # turned the wrong way ("decision.“ However", "decision. “ However")
        if is_open and (after.isspace() or i + 1 >= end):
            return "turned"
        return "open"
    if mark == "”":
        if not is_open and spaced_before and after.isalpha():
            return "open"  # ”Quote” (Swedish, Finnish)
        return "close"
    # a straight mark: its neighbours say which way it faces; when they do not, the count does
    if before.isdigit() and not is_open:
        return None  # inches: a 12" pipe, 6'2"
    if spaced_before and not spaced_after:
        return "open"
    if spaced_after and not spaced_before:
        # `said," The` with nothing open: an opening mark typed before its space
        return "close" if is_open or before not in ",:" else "open"
    return "close" if is_open else "open"


class _Open:
    __slots__ = ("at", "mark", "partial", "paragraph")

    def __init__(self, at: int, mark: str, partial: Optional[bool], paragraph: int):
        self.at, self.mark, self.partial, self.paragraph = at, mark, partial, paragraph


class _Balance:
    def __init__(self, doc, text: str):
        self.doc = doc
        self.text = text
        self._every: Optional[List[int]] = None

    def where(self, offset: int) -> str:
        line, column = self.doc.position(offset)
        return f"line {line}, column {column}"

    def marks(self, start: int, end: int) -> List[int]:
        """The marks in text[start:end] (found once for the whole draft, one `str.find`
        loop a mark: a memchr scan)."""
        every = self._every
        if every is None:
            every = self._every = literal_starts(self.text, _MARKS)
        return every[bisect.bisect_left(every, start) : bisect.bisect_left(every, end)]

    def run(self, paragraphs: List[Tuple[int, int]]):
        text = self.text
        quote: Optional[_Open] = None  # a quotation carried over from the paragraph before
        # paragraphs a carried quotation crossed without reopening: [(start, end)]
        unopened: List[Tuple[int, int]] = []
        every = self.marks(0, len(text))
        after = bisect.bisect_left
        count = len(paragraphs)
        # the paragraphs a mark may stand in (the last starting at or before it), in order: with
        # no quotation carried over, a paragraph without a mark is passed over, so only these
        # and the ones a carried quotation runs into are visited (one bisection a mark, in C)
        marked = sorted(set(map(functools.partial(bisect.bisect_right, list(map(_FIRST, paragraphs))), every)))
        next_marked = 0  # index into `marked`
        index = -1
        while True:
            if quote is not None:
                index += 1
            else:
                # (`marked` holds bisect_right's answers, one past the paragraph's index: 0 for
                # a mark before the first paragraph, which stands in none)
                while next_marked < len(marked) and marked[next_marked] <= index + 1:
                    next_marked += 1
                if next_marked == len(marked):
                    break
                index = marked[next_marked] - 1
            if index >= count:
                break
            start, end = paragraphs[index]
            m_lo = after(every, start)
            m_hi = after(every, end, m_lo)
            if m_lo == m_hi and quote is None:
                continue
            marks = every[m_lo:m_hi]
            stack: List[_Open] = []  # quotations open in this paragraph (a nested one on top)
            if quote is not None:
                first = marks[0] if marks else None
                kind = _kind(text, first, start, end, True) if first is not None else None
                if first == start and kind == "open" and not unopened:
                    # the reopening mark of a quotation that runs on: correct style
                    if quote.partial is None:
                        quote.partial = _partial(text, quote.at)
                    if quote.partial:
                        yield self.partial_runs_on(quote)
                        quote.partial = False  # said once
                    stack.append(quote)
                    marks = marks[1:]
                elif kind in ("close", "turned"):
                    # the quotation goes on here, but this paragraph (and any mark-free one
                    # before it) does not open with a mark
                    yield self.not_reopened(quote, (unopened or [(start, end)])[0], first)
                    marks = marks[1:]
                elif not marks and index + 1 < len(paragraphs) and _interruption(text, start, end):
                    continue  # a caption or a subhead pasted inside the quotation: read past it
                elif not marks and len(unopened) < _MAX_GAP and index + 1 < len(paragraphs):
                    unopened.append((start, end))
                    continue
                else:
                    yield self.never_closes(quote, "it is still open at the end of its paragraph and the next paragraph does not carry it on")
                quote = None
                unopened = []
            for i in marks:
                mark = text[i]
                # the two commonest cases, as _kind decides them: “ with nothing open opens, ”
                # with a quotation open closes
                if mark == "“" and not stack:
                    kind = "open"
                elif mark == "”" and stack:
                    kind = "close"
                else:
                    kind = _kind(text, i, start, end, bool(stack))
                    if kind in ("open", "turned") and mark == "“" and stack and stack[-1].mark == "„":
                        kind = "close"  # „...“: German quotation marks
                    if kind is None:
                        continue
                if kind == "open":
                    # (partial or not: read only if it runs on)
                    stack.append(_Open(i, text[i], None, index))
                elif kind == "turned":
                    yield Hit(i, i + 1, {"problem": "“ opens a quotation, but this one closes the quotation "
                                         f"opened at {self.where(stack[-1].at)}: turn it round (”)"},
                              Fix(i, i + 1, "”", safe=False))
                    stack.pop()
                elif not stack:
                    yield Hit(i, i + 1, {"problem": "a closing mark with no quotation open: add the opening "
                                         "mark where the quoted words begin, or delete this one"})
                else:
                    stack.pop()
            if len(stack) == 1:
                quote = stack[0]  # may run on into the next paragraph
            elif stack:
                yield self.never_closes(stack[0], "its paragraph ends with more quotations open than closed")
        if quote is not None:
            yield self.never_closes(quote, "nothing after it closes it")

    def never_closes(self, quote: _Open, why: str) -> Hit:
        return Hit(quote.at, quote.at + 1, {
            "problem": f"the quotation opened here never closes ({why}): add the closing mark where the quoted words end"
        })

    def partial_runs_on(self, quote: _Open) -> Hit:
        return Hit(quote.at, quote.at + 1, {
            "problem": "a partial quotation runs on into the next paragraph: close it at the end of "
                       "this paragraph (AP lets only full-sentence quotes run on)"
        })

    def not_reopened(self, quote: _Open, paragraph: Tuple[int, int], closing: int) -> Hit:
        text = self.text
        start = paragraph[0]
        end = start
        while end < paragraph[1] and not text[end].isspace():
            end += 1
        opening = "“" if quote.mark in "“„”" else '"'
        return Hit(start, end, {
            "problem": f"this paragraph carries on the quotation opened at {self.where(quote.at)} "
                       f"(it closes at {self.where(closing)}) but does not open with a quote mark: "
                       f"add {opening} before “{text[start:end]}”, as every paragraph of a quotation that runs on opens with one"
        }, Fix(start, end, opening + text[start:end], safe=False))


def _interruption(text: str, start: int, end: int) -> bool:
    """Is the paragraph [start, end) a short line with no closing full stop (an image caption,
    a crosshead) that a page put between two paragraphs of one quotation?"""
    piece = text[start:end]
    return "\n" not in piece and len(piece.split()) <= 20 and piece[-1] not in ".!?…"


def _partial(text: str, mark: int) -> bool:
    """Does the quotation opening at `mark` start on a lower-case word (a partial quote)?"""
    i = mark + 1
    while i < len(text) and text[i] in " .…":
        i += 1
    return i < len(text) and text[i].islower()
