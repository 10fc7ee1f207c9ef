"""substitution: a word or phrase that should be another; produces a fix."""

from __future__ import annotations

from typing import Dict, List, Optional

from lint.engine.rx import regex
from lint.kinds.base import (
    Kind,
    OptionError,
    compile_pattern,
    finditer,
    literal_pattern,
    matches_at,
    may_occur,
)
from lint.drafts.document import literal_starts
from lint.engine.patterns import lazy_compile, lazy_std_compile
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
        # regular-expression keys: where a match can start, found with `str.find` (None:
        # unknown), so the key is tried only there (`_anchored_finditer`): the strings every
        # match starts with, or, for a key opening with a run of one class and a literal after
        # it (`[ \t]+[,;:.]`), the class's characters before that literal
        prefixes = []
        for key, needs in zip(self.swap, self._requirements):
            anchor = None
            if self.regex and not self.ignorecase:
                strings = prefix_literals(key)
                after = _lookbehind_ascii(key) if strings is not None or key.startswith("(?<=") else None
                run = _run_then_literal(key)
                if run is not None and (strings is None or all(len(s) == 1 for s in strings)):
                    anchor = _Anchor(run[0], run[1], run[2], run[3], after)
                elif strings is not None:
                    anchor = _Anchor(strings, None, 0, 0, after)
                if anchor is not None and needs is not None and not needs.folded and needs.strings == anchor.strings:
                    # the key's requirement is that one of these strings occurs: the search
                    # for them tests that itself (no place found, no match)
                    anchor.covers_requirement = True
            prefixes.append(anchor)
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
            if (literal is None or may_occur(literal, doc, self.ignorecase))
            and (needs is None or (anchored and prefixes is not None and prefixes.covers_requirement)
                 or needs.may_match(doc))
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
                        expanded = expand(m, replacement) if self.regex else replacement
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
# template -> its pieces (literal text, and group numbers), or None: see `expand`
_TEMPLATES: Dict[str, Optional[List[object]]] = {}
_SIMPLE_TEMPLATE = lazy_std_compile(r"(?:[^\\]|\\[1-9](?![0-9]))*")
_GROUP_REFERENCE = lazy_std_compile(r"\\([1-9])")


def expand(m, template: str) -> str:
    """m.expand(template). A template of literal text and references `\\1`-`\\9` (the
    shipped packs' kind: `\\1`) is put together here: `Match.expand` hands every template to
    the `regex` module's Python part, whose import costs a run 10 ms that it otherwise does
    without (lint/engine/rx.py). Anything else (escapes, `\\g<name>`, two digits) is
    expand's own."""
    pieces = _TEMPLATES.get(template, False)
    if pieces is False:
        pieces = None
        if _SIMPLE_TEMPLATE.fullmatch(template):
            parts = _GROUP_REFERENCE.split(template)
            pieces = [part if i % 2 == 0 else int(part) for i, part in enumerate(parts)]
        _TEMPLATES[template] = pieces
    if pieces is None or any(isinstance(p, int) and p > m.re.groups for p in pieces):
        return m.expand(template)
    return "".join(p if isinstance(p, str) else (m.group(p) or "") for p in pieces)


_LOOKBEHIND_CLASS = lazy_compile(r"\(\?<=(\[(?:\\.|[^\]\\])*\])\)")


def _lookbehind_ascii(pattern: str) -> Optional[str]:
    """For a pattern opening with `(?<=[...])`: the ASCII characters the class accepts (the
    regex module itself tells, character by character), so an offset after any other ASCII
    character is ruled out without a call into the regex module; None for other patterns."""
    m = _LOOKBEHIND_CLASS.match(pattern)
    cls = compiled_class(m.group(1) if m is not None else _lookbehind_last_class(pattern))
    if cls is None:
        return None
    return "".join(chr(c) for c in range(128) if cls.fullmatch(chr(c)))


def compiled_class(source: Optional[str]):
    """A character class's source compiled by the `regex` module (the module itself then tells
    which characters it accepts), or None: no source, or one the module refuses."""
    if source is None:
        return None
    try:
        return regex.compile(source)
    except regex.error:
        return None


_PROPERTY_TEXT = lazy_compile(r"\\[pP](?:\{[^}]*\}|[A-Za-z])")
_MARKS = 0xE000  # private-use code points that stand for the pattern's \p{..} classes while it is parsed


def marked_tree(pattern: str):
    """(the standard parser's tree of a case-sensitive pattern, its `\\p{..}` classes read as
    private-use characters; the classes' source, the n-th standing for U+E000 + n), or None for
    a pattern the standard parser cannot read as `regex` does (inline flags, `regex`-only
    syntax). `_class_source` writes an item of the tree back as `regex` source."""
    from lint.engine.prefilter import _UNSAFE, _has_inline_i, _sre_parse
    import re as _re

    if _UNSAFE.search(pattern) or _has_inline_i(pattern) or any(0xE000 <= ord(c) < 0xF900 for c in pattern):
        return None
    # the \p{..} classes become private-use characters the parser reads as literals, each
    # mapped back to its text by `_class_source` (escapes are read two characters at a time, as written)
    properties: List[str] = []
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "\\" and i + 1 < len(pattern):
            m = _PROPERTY_TEXT.match(pattern, i)
            if m is not None:
                if len(properties) >= 0x1000:
                    return None
                out.append("\\u%04x" % (_MARKS + len(properties)))
                properties.append(m.group())
                i = m.end()
                continue
            out.append(pattern[i : i + 2])
            i += 2
            continue
        out.append(pattern[i])
        i += 1
    try:
        tree = _sre_parse.parse("".join(out))
    except Exception:  # noqa: BLE001 -- syntax the standard parser does not know: none
        return None
    if tree.state.flags & ~_re.UNICODE:
        return None  # (inline flags: none is read here)
    return tree, properties


def _lookbehind_last_class(pattern: str) -> Optional[str]:
    """For a case-sensitive pattern whose opening zero-width items hold a lookbehind that
    ends (zero-width items aside) with one character, of a class, a literal or a repeat of
    one at least once (`(?<=...[^\\S\\n]+)`): that character's class, as `regex` source;
    None for any other pattern. The character before every match is one of the class."""
    from lint.engine.prefilter import _REPEATS, _ZERO_WIDTH, _sre

    parsed = marked_tree(pattern)
    if parsed is None:
        return None
    tree, properties = parsed
    for op, av in tree:
        if op not in _ZERO_WIDTH:
            return None  # (no lookbehind before the match's first character)
        if op is _sre.ASSERT and av[0] < 0:
            items = [item for item in av[1] if item[0] not in _ZERO_WIDTH]
            if not items:
                continue
            op, av = items[-1]
            if op in _REPEATS:
                if av[0] < 1 or len(av[2]) != 1:
                    continue
                op, av = list(av[2])[0]
            source = _class_source(op, av, properties)
            if source is not None:
                return source
    return None


_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
}


def _class_source(op, av, properties: List[str]) -> Optional[str]:
    """`regex` source for one parsed item matching one character (a literal or a class), the
    stand-ins of `_lookbehind_last_class` put back; None for anything else."""
    from lint.engine.prefilter import _sre

    def literal(code: int) -> Optional[str]:
        if _MARKS <= code < _MARKS + len(properties):
            return properties[code - _MARKS]
        return "\\U%08x" % code

    if op is _sre.LITERAL:
        return "[" + literal(av) + "]"
    if op is not _sre.IN:
        return None
    parts = []
    for index, (kind, value) in enumerate(av):
        if kind is _sre.NEGATE and index == 0:
            parts.append("^")
        elif kind is _sre.LITERAL:
            parts.append(literal(value))
        elif kind is _sre.RANGE:
            if any(_MARKS <= v < _MARKS + len(properties) for v in value):
                return None
            parts.append("\\U%08x-\\U%08x" % value)
        elif kind is _sre.CATEGORY and getattr(value, "name", None) in _CATEGORIES:
            parts.append(_CATEGORIES[value.name])  # (the constant's name, in every Python 3)
        else:
            return None
    return "[" + "".join(parts) + "]" if parts and parts != ["^"] else None


class _Anchor:
    """Where a regular-expression key's matches can start (`_anchored_finditer`).

    strings  non-empty strings found with `str.find`;
    run      None: every match starts with one of `strings`; else a set of single characters
             (a class): every match opens with `low` or more of them (at most `high`, or any
             number when `high` is None) and one of `strings` holds the last of them and what
             follows it, so a match starts inside the run of those characters that ends where
             such a string starts;
    after    ASCII characters an opening one-class lookbehind accepts before a match, or None.
    """

    __slots__ = ("strings", "run", "low", "high", "after", "covers_requirement", "_chars", "_by_char", "_sieves")

    def __init__(self, strings, run, low, high, after):
        self.strings = frozenset(strings)
        self.run, self.low, self.high, self.after = run, low, high, after
        self.covers_requirement = False
        # each distinct character of the strings, tested once a draft (most drafts lack a tab
        # or a no-break space, and a string holding an absent character is absent)
        self._chars = tuple(sorted({c for s in self.strings for c in s}))
        self._by_char = tuple((s, frozenset(s)) for s in sorted(self.strings))
        # each string's `sieve`, compiled with the rule (so kept, compiled, in the pack cache)
        self._sieves = {s: self._sieve(s) for s in sorted(self.strings)}

    def sieve(self, s: str):
        """The `_sieve` of one of the anchor's strings (see there)."""
        return self._sieves.get(s)

    def _sieve(self, s: str):
        """For an anchor without a run, whose `after` rules out offsets: a pattern whose finditer
        gives exactly the offsets where `s` starts, not at the text's start, after a character
        that is not ASCII or is one of `after`: the places the loop of `_anchored_finditer`
        keeps, found in one C-level pass (the pattern opens with `s`'s literal, which the
        `regex` module skips to, and is fixed: no timeout). None when finditer could miss such
        a place: a match of `s` at q hides any place p with q < p < q + len(s), where the
        character before p is one of `s`'s; so every character of a longer `s` must be ASCII
        and not one of `after`. Offset 0 (the negative lookbehind finds nothing before it) is
        the caller's to drop."""
        if self.run is not None or self.after is None or len(s) < 2 or not s[-1].isspace():
            # (a sieve pays where `str.find` is slow: a string ending in white space, which it
            # stops at every space of the prose to try; a hyphen, a dash or an ellipsis it
            # skips to at once, faster than the `regex` module's pass)
            return None
        if not all(c < "\x80" and c not in self.after for c in s):
            return None
        refused = "".join(chr(c) for c in range(128) if chr(c) not in self.after)
        behind = "(?<![%s]%s)" % (_ascii_class(refused), regex.escape(s)) if refused else ""
        return regex.compile(regex.escape(s) + behind)

    def present(self, text: str):
        """The strings whose characters all occur in `text`."""
        chars = self._chars
        if len(chars) == 1:
            return [s for s, _ in self._by_char] if chars[0] in text else []
        absent = {c for c in chars if c not in text}
        if not absent:
            return [s for s, _ in self._by_char]
        return [s for s, needed in self._by_char if absent.isdisjoint(needed)]


def _ascii_class(chars: str) -> str:
    """ASCII characters, written for the inside of a class."""
    return "".join("\\x%02x" % ord(c) for c in chars)


def _run_then_literal(pattern: str):
    """For a case-sensitive pattern that opens (after zero-width items) with a repeat of one
    character class, `X{m,n}` with m >= 1, followed (zero-width items aside) by an item of a
    few fixed strings T: (the strings x + t for x in X and t in T, X's characters, m, n or
    None). Every match holds x + t where its run of X ends; None for any other pattern."""
    from lint.engine.prefilter import _REPEATS, _ZERO_WIDTH, MAX_STRINGS, _exact, _exact_item, _sre_parse, case_sensitive_tree

    tree = case_sensitive_tree(pattern)
    if tree is None:
        return None
    items = [(op, av) for op, av in tree if op not in _ZERO_WIDTH]
    # (a zero-width item consumes nothing, so between the run and what follows it the text
    # runs on unbroken; `_neutralize`'s \w stands for a property class, which no exact set holds)
    if len(items) < 2 or items[0][0] not in _REPEATS:
        return None
    low, high, unit = items[0][1]
    chars = _exact(list(unit))
    if low < 1 or not chars or any(len(c) != 1 for c in chars):
        return None
    op, av = items[1]
    following = _exact_item(op, av)
    if following is None and op in _REPEATS and av[0] >= 1:
        following = _exact(list(av[2]))  # (at least one: it starts with one of these)
    if not following or not all(following) or len(chars) * len(following) > MAX_STRINGS:
        return None
    return (frozenset(c + t for c in chars for t in following), frozenset(chars), low,
            None if high == _sre_parse.MAXREPEAT else high)


def _anchored_finditer(pattern, text: str, start: int, end: int, anchor: "_Anchor", timeout: float):
    """finditer(pattern, text, start, end), trying the pattern only at offsets where a match
    can start (`anchor`): where one of its strings occurs, found by `str.find`, or (a run
    anchor) from where such a string occurs back over the run of the class before it.

    Exact: finditer's next match is the first offset at or after the last match's end where the
    pattern matches, and a match at an offset does not depend on where the search began
    (lookbehinds and `^` see the whole text; `prefix_literals` and `_run_then_literal` refuse
    `\\G`); no match is empty; every offset where a match can start is tried, in order. A
    pattern opening with a lookbehind otherwise makes the regex module test the lookbehind at
    every offset. Where the strings are common (a space) the plain search runs.
    """
    strings = anchor.present(text)
    if not strings:
        return
    sieves = [anchor.sieve(s) for s in strings] if anchor.after is not None and anchor.run is None else None
    if sieves and None not in sieves:
        # the places the loop below would keep, those after a character `after` allows, found
        # by one pass of the `regex` module a string (`_Anchor._sieve`): most places of a
        # space pair follow a full stop or stand in an indent, which the lookbehind refuses
        places = [m.start() for sieve in sieves for m in sieve.finditer(text, start, end)]
        if len(sieves) > 1:
            places = sorted(set(places))
        if places and places[0] == 0:
            del places[0]
        if places:
            yield from matches_at(pattern, text, places, start, end, timeout)
        return
    # where the strings are common, the plain search is cheaper than a loop over their places
    places = literal_starts(text, strings, start, end, most=(end - start) // 16)
    if places is None:
        yield from finditer(pattern, text, start, end, timeout)
        return
    if not places:
        return
    run = anchor.run
    if run is not None:
        # a match opens with `low` to `high` characters of the run's class, the last at the
        # place: it starts at the place, `low` - 1 back, or further back while the characters
        # before are the class's (and `high` allows); the earliest offsets first
        low, high = anchor.low, anchor.high
        starts = set()
        for place in places:
            first = place - low + 1
            if first < start:
                continue
            stop = start if high is None else max(start, place - high + 1)
            s = first
            starts.add(s)
            while s > stop and text[s - 1] in run:
                s -= 1
                starts.add(s)
        places = sorted(starts)
    elif len(strings) > 1:
        places = sorted(set(places))
    after = anchor.after
    if after is not None:
        # the lookbehind needs one character before the offset, of its class: an ASCII one
        # outside it rules the offset out
        if places[0] == 0:
            del places[0]
        places = [p for p in places if text[p - 1] >= "\x80" or text[p - 1] in after]
    yield from matches_at(pattern, text, places, start, end, timeout)
