"""quote-balance: quotation marks that do not pair up, paragraph by paragraph, the AP way.

AP lets a quotation of full sentences run on into the next paragraph: the first paragraph
ends with no closing mark, and the next one opens with a quote mark. A partial quotation (one
that opens on a lower-case word, in the middle of a sentence) may not: it must close before
its paragraph ends. Flagged: a quote that never closes, a partial quote carried into the next
paragraph, and a closing mark with nothing open. Uses the document's quote spans.
"""

from __future__ import annotations


from lint.kinds.base import Kind
from lint.model import Hit


class QuoteBalance(Kind):
    """No options."""

    name = "quote-balance"
    message_values = ("problem",)
    default_scope = "draft"

    def check(self, doc, spans, context):
        text = doc.text
        for quote in doc.quotes:
            if not any(s <= quote.start < e for s, e in spans):
                continue
            mark = quote.start
            if quote.end - quote.start == 1 and text[mark] == "”":
                yield Hit(mark, mark + 1, {"problem": "a closing quote mark with no opening one: delete it or add the opening mark"})
                continue
            if _is_inches(text, mark):
                continue
            if not quote.closed:
                yield Hit(mark, mark + 1, {"problem": "this quotation never closes: add the closing quote mark"})
                continue
            if quote.paragraphs > 1 and _partial(text, mark):
                yield Hit(
                    mark,
                    mark + 1,
                    {"problem": "a partial quotation runs on into the next paragraph: close it at the end of this paragraph (AP lets only full-sentence quotes run on)"},
                )


def _partial(text: str, mark: int) -> bool:
    """Does the quotation opening at `mark` start on a lower-case word (a partial quote)?"""
    i = mark + 1
    while i < len(text) and text[i] in " .…":
        i += 1
    return i < len(text) and text[i].islower()


def _is_inches(text: str, mark: int) -> bool:
    """A straight double mark after a digit is a measure (5'10", a 12" pipe), not a quote."""
    return text[mark] == '"' and mark > 0 and text[mark - 1].isdigit()
