"""repetition: the same word twice in a row (`the the`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import List

from lint.kinds.base import Kind, OptionError, compile_pattern, finditer
from lint.model import Fix, Hit


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

    def check(self, doc, spans, context):
        text = doc.text
        timeout = context.timeout_for(text)
        for span_start, span_end in spans:
            for m in finditer(self._pattern, text, span_start, span_end, timeout):
                pair = " ".join(m.group().split()).lower()
                if pair in self._exceptions:
                    continue
                if self.second == "lower" and not m.group(2)[:1].islower():
                    continue
                # delete the second word and the space before it
                fix = Fix(m.end(1), m.end(2), "", safe=False)
                yield Hit(m.start(), m.end(), {}, fix)
