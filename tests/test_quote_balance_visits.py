"""quote-balance visits only the paragraphs that hold a mark, and those a carried quotation runs
into, and takes the paragraphs of its span by bisection: the findings are those of the plain
reading, which visits every paragraph of the span (`_reference_run`, the earlier loop, kept here
as the reference), on drafts of many short paragraphs of marks, words and blank lines."""

from __future__ import annotations

import bisect
from typing import List, Optional, Tuple

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.drafts.document import Document
from lint.kinds.base import Context
from lint.kinds.newsroom import quote_balance
from lint.kinds.newsroom.quote_balance import QuoteBalance, _Balance, _interruption, _kind, _Open, _partial
from lint.model import Fix, Hit


def _reference_run(self: _Balance, paragraphs: List[Tuple[int, int]]):
    text = self.text
    quote: Optional[_Open] = None
    unopened: List[Tuple[int, int]] = []
    every = self.marks(0, len(text))
    after = bisect.bisect_left
    for index, (start, end) in enumerate(paragraphs):
        m_lo = after(every, start)
        m_hi = after(every, end, m_lo)
        if m_lo == m_hi and quote is None:
            continue
        marks = every[m_lo:m_hi]
        stack: List[_Open] = []
        if quote is not None:
            first = marks[0] if marks else None
            kind = _kind(text, first, start, end, True) if first is not None else None
            if first == start and kind == "open" and not unopened:
                if quote.partial is None:
                    quote.partial = _partial(text, quote.at)
                if quote.partial:
                    yield self.partial_runs_on(quote)
                    quote.partial = False
                stack.append(quote)
                marks = marks[1:]
            elif kind in ("close", "turned"):
                yield self.not_reopened(quote, (unopened or [(start, end)])[0], first)
                marks = marks[1:]
            elif not marks and index + 1 < len(paragraphs) and _interruption(text, start, end):
                continue
            elif not marks and len(unopened) < quote_balance._MAX_GAP and index + 1 < len(paragraphs):
                unopened.append((start, end))
                continue
            else:
                yield self.never_closes(quote, "it is still open at the end of its paragraph and the next paragraph does not carry it on")
            quote = None
            unopened = []
        for i in marks:
            mark = text[i]
            if mark == "“" and not stack:
                kind = "open"
            elif mark == "”" and stack:
                kind = "close"
            else:
                kind = _kind(text, i, start, end, bool(stack))
                if kind in ("open", "turned") and mark == "“" and stack and stack[-1].mark == "„":
                    kind = "close"
                if kind is None:
                    continue
            if kind == "open":
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
            quote = stack[0]
        elif stack:
            yield self.never_closes(stack[0], "its paragraph ends with more quotations open than closed")
    if quote is not None:
        yield self.never_closes(quote, "nothing after it closes it")


def _reference_check(doc, spans):
    text = doc.text
    if not any(m in text for m in quote_balance._MARKS):
        return []
    paragraphs = [p for p in doc.paragraphs if any(s <= p[0] < e for s, e in spans)]
    if not paragraphs:
        return []
    return list(_reference_run(_Balance(doc, text), paragraphs))


def _hits(hits):
    return [(h.start, h.end, h.values, h.fix) for h in hits]


_PIECES = ["“", "”", "\"", "„", "'", "’", "word", "Word", "said", " ", " ", ".", ",", "5", "\n", "\n\n", "\n\n", " \n\n"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60), st.integers(0, 30), st.integers(0, 40))
def test_visits_give_the_plain_readings_findings(pieces, cut, length):
    text = "".join(pieces)
    doc = Document.from_text(text)
    rule = QuoteBalance()
    for spans in ([(0, len(text))], [(min(cut, len(text)), min(cut + length, len(text)))], [doc.body]):
        assert _hits(rule.check(doc, spans, Context())) == _hits(_reference_check(doc, spans))
