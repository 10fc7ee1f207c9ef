"""existence: flag every occurrence of a literal token or a pattern."""

from __future__ import annotations

from dataclasses import dataclass
from typing import List

from lint.kinds.base import (
    Kind,
    OptionError,
    compile_pattern,
    finditer,
    line_span,
    literal_pattern,
    may_occur,
    strip_span,
)
from lint.kinds.required import requirement
from lint.model import Hit


@dataclass(frozen=True)
class Existence(Kind):
    """Options:

    tokens      literal phrases, held to word edges unless `nonword`
    patterns    regular expressions (the `regex` module); a group named `match` narrows the hit
    ignorecase  match regardless of case (default false: `TK` is a note, `tk` is not)
    nonword     do not hold tokens to word edges
    whole_line  the token or pattern must be the whole line, white space aside
    exceptions  patterns: a hit inside a match of one of these, on the same line, is not reported
    """

    name = "existence"
    default_scope = "draft"

    tokens: List[str] = ()
    patterns: List[str] = ()
    ignorecase: bool = False
    nonword: bool = False
    whole_line: bool = False
    exceptions: List[str] = ()

    def __post_init__(self):
        if not self.tokens and not self.patterns:
            raise OptionError("tokens", "needs `tokens` or `patterns` (a list of what to flag)")
        alternatives = []
        if self.tokens:
            alternatives.append(literal_pattern(list(self.tokens), not self.nonword))
        for i, pattern in enumerate(self.patterns):
            compile_pattern("patterns", pattern, self.ignorecase)  # say which one is bad
            alternatives.append(f"(?:{pattern})")
        combined = "|".join(alternatives)
        if self.whole_line:
            combined = rf"^[^\S\n]*(?:{combined})[^\S\n]*$"
        self._set("_pattern", compile_pattern("patterns", combined, self.ignorecase))
        self._set("_requirement", requirement(combined, self.ignorecase))
        self._set(
            "_exceptions",
            [compile_pattern("exceptions", e, self.ignorecase) for e in self.exceptions],
        )

    def check(self, doc, spans, context):
        text = doc.text
        timeout = context.timeout_for(text)
        if not self.patterns and not any(may_occur(t, doc, self.ignorecase) for t in self.tokens if t):
            return  # a token list the draft has none of
        if self._requirement is not None and not self._requirement.may_match(doc):
            return  # text every match needs is not in the draft
        excepted_on_line = {}  # line start -> the exceptions' match spans on that line
        for span_start, span_end in spans:
            for m in finditer(self._pattern, text, span_start, span_end, timeout):
                start, end = m.span("match") if "match" in m.re.groupindex and m.start("match") >= 0 else m.span()
                if self.whole_line:
                    start, end = strip_span(text, start, end)  # the words, not the space
                if end <= start:
                    continue
                if self._excepted(text, start, end, timeout, excepted_on_line):
                    continue
                yield Hit(start, end)

    def _excepted(self, text, start, end, timeout, cache) -> bool:
        if not self._exceptions:
            return False
        line_start, line_end = line_span(text, start)
        # a paragraph is one line in most drafts and may hold many hits: scan it once
        spans = cache.get(line_start)
        if spans is None:
            spans = cache[line_start] = [
                m.span() for exception in self._exceptions for m in finditer(exception, text, line_start, line_end, timeout)
            ]
        return any(s <= start and end <= e for s, e in spans)
