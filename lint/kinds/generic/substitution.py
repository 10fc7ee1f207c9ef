"""substitution: a word or phrase that should be another; produces a fix."""

from __future__ import annotations

from typing import Dict, List, Optional

import regex

from lint.kinds.base import (
    Kind,
    OptionError,
    compile_pattern,
    finditer,
    literal_pattern,
    match,
    may_occur,
)
from lint.engine.prefilter import prefilters_enabled, prefix_literals, requirement
from lint.model import Fix, Hit


def house_turns_off(house_off: Dict[str, List[str]], context) -> bool:
    """Does one of the run's `house:` choices turn the rule off (`{ellipsis: [unspaced]}`)?"""
    return any(str(context.house.get(key)) in [str(v) for v in values]
               for key, values in house_off.items() if key in context.house)


class Substitution(Kind):
    """Options:

    swap        mapping of what is written to what should be written; a replacement with
                alternatives (`a|b`) is suggested but never applied
    regex       the keys of `swap` are regular expressions (default: literal phrases)
    ignorecase  match regardless of case; the fix keeps a capital first letter
    nonword     do not hold literal keys to word edges
    safe        --fix may apply these replacements without --unsafe-fixes (default true)
    house_off   house choices under which the rule says nothing: a mapping of a `house:` key
                to the values that turn it off (`{ellipsis: [unspaced]}`)
    """

    name = "substitution"
    message_values = ("expected",)

    swap: Dict[str, str] = None  # type: ignore[assignment]
    regex: bool = False
    ignorecase: bool = False
    nonword: bool = False
    safe: bool = True
    house_off: Dict[str, List[str]] = None  # type: ignore[assignment]

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
        # regular-expression keys: strings every match starts with (None: unknown), so the key
        # is tried only where one of them occurs (`_anchored_finditer`)
        prefixes = []
        for key in self.swap:
            strings = prefix_literals(key) if self.regex and not self.ignorecase else None
            prefixes.append(None if strings is None else (strings, _lookbehind_ascii(key)))
        self._set("_prefixes", prefixes)

    def check(self, doc, spans, context):
        if self.house_off and house_turns_off(self.house_off, context):
            return
        text = doc.text
        timeout = context.timeout_for(text)
        anchored = prefilters_enabled()
        swaps = [
            (pattern, replacement, prefixes if anchored else None)
            for (pattern, replacement, literal), needs, prefixes in zip(self._swaps, self._requirements, self._prefixes)
            if (literal is None or may_occur(literal, doc, self.ignorecase)) and (needs is None or needs.may_match(doc))
        ]
        for span_start, span_end in spans:
            for pattern, replacement, prefixes in swaps:
                if prefixes is None:
                    found = finditer(pattern, text, span_start, span_end, timeout)
                else:
                    found = _anchored_finditer(pattern, text, span_start, span_end, prefixes, timeout)
                for m in found:
                    if m.end() <= m.start():
                        continue
                    fix = None
                    if "|" not in replacement:
                        expanded = m.expand(replacement) if self.regex else replacement
                        # a capital first letter is kept, unless the replacement has its own
                        # capitals after the first letter (`iOS`, `eBay`): it is spelled so
                        if (self.ignorecase and m.group()[:1].isupper() and expanded[:1].islower()
                                and expanded[1:] == expanded[1:].lower()):
                            expanded = expanded[:1].upper() + expanded[1:]
                        if expanded == m.group():
                            continue
                        fix = Fix(m.start(), m.end(), expanded, safe=self.safe)
                        expected = expanded
                    else:
                        expected = " or ".join(replacement.split("|"))
                    yield Hit(m.start(), m.end(), {"expected": expected}, fix)


# a pattern opening with a lookbehind of one character class: `(?<=[\p{L}\p{N},;])`
_LOOKBEHIND_CLASS = regex.compile(r"\(\?<=(\[(?:\\.|[^\]\\])*\])\)")


def _lookbehind_ascii(pattern: str) -> Optional[str]:
    """For a pattern opening with `(?<=[...])`: the ASCII characters the class accepts (the
    regex module itself tells, character by character), so an offset after any other ASCII
    character is ruled out without a call into the regex module; None for other patterns."""
    m = _LOOKBEHIND_CLASS.match(pattern)
    if m is None:
        return None
    try:
        cls = regex.compile(m.group(1))
    except regex.error:
        return None
    return "".join(chr(c) for c in range(128) if cls.fullmatch(chr(c)))


def _anchored_finditer(pattern, text: str, start: int, end: int, prefixes, timeout: float):
    """finditer(pattern, text, start, end), trying the pattern only at offsets where one of
    `prefixes` (non-empty strings every match starts with) occurs, found by `str.find`.

    Exact: finditer's next match is the first offset at or after the last match's end where the
    pattern matches, and a match at an offset does not depend on where the search began
    (lookbehinds and `^` see the whole text; `prefix_literals` refuses `\\G`); no match is
    empty. A pattern opening with a lookbehind otherwise makes the regex module test the
    lookbehind at every offset. Where the prefixes are common (a space) the plain search runs.
    `prefixes` is (strings, ASCII characters an opening one-class lookbehind accepts or None).
    """
    prefixes, after = prefixes
    # a quick test per character first: most drafts lack a tab or a no-break space
    prefixes = [p for p in prefixes if len(p) == 1 or all(c in text for c in p)]
    # a C-level count first: where the prefixes are common, the plain search is cheaper
    limit = (end - start) // 16
    count = 0
    for prefix in prefixes:
        count += text.count(prefix, start, end)
        if count > limit:
            yield from finditer(pattern, text, start, end, timeout)
            return
    offsets = set()
    find = text.find
    for prefix in prefixes:
        i = find(prefix, start, end)
        while i >= 0:
            offsets.add(i)
            i = find(prefix, i + 1, end)
    position = start
    for offset in sorted(offsets):
        if offset < position:
            continue
        if after is not None:
            # the lookbehind needs one character before the offset, of its class
            if offset == 0:
                continue
            before = text[offset - 1]
            if before < "\x80" and before not in after:
                continue
        m = match(pattern, text, offset, end, timeout)
        if m is not None:
            yield m
            position = m.end()
