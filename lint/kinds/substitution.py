"""substitution: a word or phrase that should be another; produces a fix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict

from lint.kinds.base import (
    Kind,
    OptionError,
    compile_pattern,
    finditer,
    literal_pattern,
    may_occur,
)
from lint.kinds.required import requirement
from lint.model import Fix, Hit


@dataclass(frozen=True)
class Substitution(Kind):
    """Options:

    swap        mapping of what is written to what should be written; a replacement with
                alternatives (`a|b`) is suggested but never applied
    regex       the keys of `swap` are regular expressions (default: literal phrases)
    ignorecase  match regardless of case; the fix keeps a capital first letter
    nonword     do not hold literal keys to word edges
    safe        --fix may apply these replacements without --unsafe-fixes (default true)
    """

    name = "substitution"
    message_values = ("expected",)

    swap: Dict[str, str] = None  # type: ignore[assignment]
    regex: bool = False
    ignorecase: bool = False
    nonword: bool = False
    safe: bool = True

    def __post_init__(self):
        if not self.swap:
            raise OptionError("swap", "needs `swap`, a mapping of wrong: right")
        compiled = []
        for key, replacement in self.swap.items():
            source = key if self.regex else literal_pattern([key], not self.nonword)
            # a literal key: skip it on drafts that lack it (kept per key, not one alternation:
            # the regex module scans for one literal far faster than for an alternation)
            literal = None if self.regex or not key else key
            compiled.append((compile_pattern("swap", source, self.ignorecase), replacement, literal))
        # regular-expression keys: skip a key on drafts that lack text its every match needs
        self._set("_requirements", [requirement(key, self.ignorecase) if self.regex else None for key in self.swap])
        self._set("_swaps", compiled)

    def check(self, doc, spans, context):
        text = doc.text
        timeout = context.timeout_for(text)
        swaps = [
            s
            for s, needs in zip(self._swaps, self._requirements)
            if (s[2] is None or may_occur(s[2], doc, self.ignorecase)) and (needs is None or needs.may_match(doc))
        ]
        for span_start, span_end in spans:
            for pattern, replacement, _ in swaps:
                for m in finditer(pattern, text, span_start, span_end, timeout):
                    if m.end() <= m.start():
                        continue
                    fix = None
                    if "|" not in replacement:
                        expanded = m.expand(replacement) if self.regex else replacement
                        if self.ignorecase and m.group()[:1].isupper() and expanded[:1].islower():
                            expanded = expanded[:1].upper() + expanded[1:]
                        if expanded == m.group():
                            continue
                        fix = Fix(m.start(), m.end(), expanded, safe=self.safe)
                        expected = expanded
                    else:
                        expected = " or ".join(replacement.split("|"))
                    yield Hit(m.start(), m.end(), {"expected": expected}, fix)
