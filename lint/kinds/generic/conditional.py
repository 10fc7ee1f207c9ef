"""conditional: if the first pattern appears, the second must too (acronym definitions)."""

from __future__ import annotations

from typing import List

from lint.engine.rx import regex
from lint.kinds.base import Kind, OptionError, compile_pattern, finditer, search
from lint.engine.prefilter import requirement
from lint.model import Hit


class Conditional(Kind):
    """Options:

    first       pattern whose first group is the thing that needs introducing (`\\b([A-Z]{3,})\\b`)
    second      pattern that introduces it, with `$1` standing for what `first` captured
                (`\\(\\s*$1\\s*\\)`: the acronym in brackets after its full name)
    exceptions  captured values that need no introduction (FBI, NATO, ...)
    ignorecase  match regardless of case

    Only the first use of each unintroduced value is reported.
    """

    name = "conditional"

    first: str = ""
    second: str = ""
    exceptions: List[str] = ()
    ignorecase: bool = False

    def __post_init__(self):
        if not self.first or not self.second:
            raise OptionError("first", "needs both `first` and `second` patterns")
        pattern = compile_pattern("first", self.first, self.ignorecase)
        if pattern.groups < 1:
            raise OptionError("first", "`first` needs a group, (...), around what must be introduced")
        if "$1" not in self.second:
            raise OptionError("second", "`second` must use $1 for what `first` captured")
        compile_pattern("second", self.second.replace("$1", "X"), self.ignorecase)
        self._set("_first", pattern)
        self._set("_requirement", requirement(self.first, self.ignorecase))
        self._set("_exceptions", frozenset(self.exceptions))

    def check(self, doc, spans, context):
        text = doc.text
        timeout = context.timeout_for(text)
        seen = set()
        if self._requirement is not None and not self._requirement.may_match(doc):
            return  # text every match of `first` needs is not in the draft
        for span_start, span_end in spans:
            for m in finditer(self._first, text, span_start, span_end, timeout):
                value = m.group(1)
                if not value or value in seen or value in self._exceptions:
                    continue
                seen.add(value)
                second = compile_pattern(
                    "second", self.second.replace("$1", regex.escape(value)), self.ignorecase
                )
                if search(second, text, span_start, span_end, timeout) is None:
                    yield Hit(m.start(1), m.end(1))
