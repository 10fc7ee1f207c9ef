"""occurrence: a token may appear at most (or at least) so many times in a scope."""

from __future__ import annotations

from typing import List, Optional

from lint.kinds.base import (
    Kind,
    OptionError,
    compile_pattern,
    finditer,
    literal_pattern,
    may_occur,
)
from lint.engine.prefilter import requirement
from lint.model import Hit


class Occurrence(Kind):
    """Options:

    tokens / patterns   what to count (literal phrases / regular expressions)
    max                 more than this in one scope span is flagged, at the first one too many
    min                 fewer than this in one scope span is flagged, at the span's start
    ignorecase          count regardless of case
    """

    name = "occurrence"
    message_values = ("count", "limit")
    default_scope = "sentence"

    tokens: List[str] = ()
    patterns: List[str] = ()
    max: Optional[int] = None
    min: Optional[int] = None
    ignorecase: bool = False

    def __post_init__(self):
        if not self.tokens and not self.patterns:
            raise OptionError("tokens", "needs `tokens` or `patterns` (what to count)")
        if self.max is None and self.min is None:
            raise OptionError("max", "needs `max` or `min`")
        parts = [literal_pattern(list(self.tokens))] if self.tokens else []
        parts += [f"(?:{p})" for p in self.patterns]
        self._set("_pattern", compile_pattern("patterns", "|".join(parts), self.ignorecase))
        self._set("_requirement", requirement("|".join(parts), self.ignorecase))

    def check(self, doc, spans, context):
        text = doc.text
        timeout = context.timeout_for(text)
        # a token list the draft has none of: every span counts 0 (still checked against `min`)
        absent = not self.patterns and not any(may_occur(t, doc, self.ignorecase) for t in self.tokens if t)
        absent = absent or (self._requirement is not None and not self._requirement.may_match(doc))
        for span_start, span_end in spans:
            matches = [] if absent else list(finditer(self._pattern, text, span_start, span_end, timeout))
            count = len(matches)
            if self.max is not None and count > self.max:
                extra = matches[self.max]
                yield Hit(extra.start(), extra.end(), {"count": count, "limit": self.max})
            if self.min is not None and count < self.min and span_end > span_start:
                end = text.find("\n", span_start, span_end)
                yield Hit(span_start, span_end if end < 0 else end, {"count": count, "limit": self.min})
