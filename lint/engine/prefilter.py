"""Literal text a pattern cannot match without: a cheap test before an expensive search.

`required_literals(pattern, ignorecase)` returns a set of strings such that every match of the
pattern contains at least one of them, or None when it cannot tell. A kind can then skip a
draft (one C-level substring test per string) instead of running the regex over it: double
spaces need `"  "` (or a tab or no-break space pair) somewhere in the draft, a space before
punctuation needs `" ,"`, `" ."`, ... somewhere.

The analysis reads the pattern with the standard library's parser, which knows most of the
`regex` module's syntax; where the two differ (`\\p{..}` classes, POSIX classes, set operations,
fuzzy matching, named lists, version flags), it gives up (None) rather than guess, or treats
the construct as matching unknown text. It is conservative by design: any doubt, no
requirement. `COPYDESK_NO_PREFILTER=1` turns every prefilter off (the benchmark compares
findings with it, so a wrong requirement shows up as a difference there).
"""

from __future__ import annotations

import functools
import os
import re
from typing import FrozenSet, List, Optional, Set

from lint.engine.patterns import std_compile

try:  # the parser moved in Python 3.11
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

MAX_STRINGS = 64  # more alternatives than this: not worth testing each
MAX_CLASS = 8  # a character class of more characters is "unknown text"
MIN_LENGTH = 2  # a requirement of single characters (a space) skips nothing

# Syntax of the `regex` module the standard parser would misread instead of rejecting
_UNSAFE = std_compile(
    r"\[:\^?[a-z]+:\]"  # POSIX classes: [[:alpha:]]
    r"|--|&&|\|\||~~"  # set operations (V1)
    r"|\{\s*\d*\s*<?=?\s*[eids]"  # fuzzy matching: {e<=1}, {1<=e<=3}
    r"|\{[eids]"
)
_PROPERTY = std_compile(r"\\[pP](?:\{[^}]*\}|[A-Za-z])")


SWITCH = "COPYDESK_NO_PREFILTER"
# The rules ask this about 17 times a draft, and `os.environ.get` encodes the key and decodes
# the value in Python each time (2 µs: a tenth of a short draft's check). `os.environ` keeps
# its values in `_data` (CPython: encoded keys and values), which it updates on every
# assignment, so reading there sees `COPYDESK_NO_PREFILTER` set or removed mid-run (the tests
# do) at a dict lookup's cost. Where `_data` is not there, the plain lookup serves.
_ENVIRON = getattr(os.environ, "_data", None)
try:
    _SWITCH_KEY = os.environ.encodekey(SWITCH)  # type: ignore[attr-defined]
except AttributeError:
    _ENVIRON = None
_SWITCH_OFF = ("", "0", b"", b"0")  # values that leave the prefilters on


def prefilters_enabled() -> bool:
    if _ENVIRON is not None:
        value = _ENVIRON.get(_SWITCH_KEY)
        return value is None or value in _SWITCH_OFF
    return os.environ.get(SWITCH, "") in ("", "0")


@functools.lru_cache(maxsize=4096)
def required_literals(pattern: str, ignorecase: bool = False) -> Optional[FrozenSet[str]]:
    """Strings one of which every match contains; None when unknown.

    With `ignorecase` (or an inline `i` flag anywhere), the strings are case-folded and ASCII,
    to be looked for in folded text (`document.prefilter_fold`)."""
    if _UNSAFE.search(pattern):
        return None
    source = _neutralize(pattern)
    if source is None:
        return None
    try:
        tree = _sre_parse.parse(source, re.IGNORECASE if ignorecase else 0)
    except Exception:  # noqa: BLE001 -- syntax the standard parser does not know: no prefilter
        return None
    folded = ignorecase or bool(tree.state.flags & re.IGNORECASE) or _has_inline_i(pattern)
    found = _required(list(tree))
    if not found or min(len(s) for s in found) < MIN_LENGTH:
        return None
    if folded:
        if not all(s.isascii() for s in found):
            return None
        from lint.drafts.document import prefilter_fold

        found = {prefilter_fold(s) for s in found}
    return frozenset(found)


def _has_inline_i(pattern: str) -> bool:
    return bool(re.search(r"\(\?[a-zA-Z]*i[a-zA-Z]*[:)-]", pattern))


def _neutralize(pattern: str) -> Optional[str]:
    """`\\p{..}` (and `\\P{..}`) become `\\w`, a class of unknown characters to the analysis."""
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            m = _PROPERTY.match(pattern, i)
            if m:
                out.append(r"\w")
                i = m.end()
                continue
            out.append(pattern[i : i + 2])
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


# ---- the analysis ----------------------------------------------------------------------
#
# `_exact(items)`: the finite set of strings a sequence can match, or None.
# `_required(items)`: strings one of which any match of the sequence contains, or None.

_ZERO_WIDTH = {_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT}
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT} | ({_sre.POSSESSIVE_REPEAT} if hasattr(_sre, "POSSESSIVE_REPEAT") else set())


def _cross(a: Set[str], b: Set[str]) -> Optional[Set[str]]:
    if len(a) * len(b) > MAX_STRINGS:
        return None
    return {x + y for x in a for y in b}


def _class(av) -> Optional[Set[str]]:
    chars: Set[str] = set()
    for op, value in av:
        if op is _sre.LITERAL:
            chars.add(chr(value))
        elif op is _sre.RANGE and value[1] - value[0] < MAX_CLASS:
            chars.update(chr(c) for c in range(value[0], value[1] + 1))
        else:  # NEGATE, CATEGORY, big ranges
            return None
        if len(chars) > MAX_CLASS:
            return None
    return chars or None


def _exact_item(op, av) -> Optional[Set[str]]:
    if op is _sre.LITERAL:
        return {chr(av)}
    if op is _sre.IN:
        return _class(av)
    if op is _sre.SUBPATTERN:
        return _exact(list(av[-1]))
    if op is _sre.BRANCH:
        out: Set[str] = set()
        for branch in av[1]:
            e = _exact(list(branch))
            if e is None:
                return None
            out |= e
            if len(out) > MAX_STRINGS:
                return None
        return out
    if op in _REPEATS:
        low, high, item = av
        if low != high or low > 8:
            return None
        e = _exact(list(item))
        result = {""}
        for _ in range(low):
            if e is None or result is None:
                return None
            result = _cross(result, e)
        return result
    if hasattr(_sre, "ATOMIC_GROUP") and op is _sre.ATOMIC_GROUP:
        return _exact(list(av))
    return None


def _exact(items) -> Optional[Set[str]]:
    result: Optional[Set[str]] = {""}
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        e = _exact_item(op, av)
        if e is None or result is None:
            return None
        result = _cross(result, e)
    return result


def _best(candidates: List[Set[str]]) -> Optional[Set[str]]:
    good = [c for c in candidates if c and all(c)]
    if not good:
        return None
    return max(good, key=lambda c: (min(len(s) for s in c), -len(c)))


def _required_item(op, av) -> Optional[Set[str]]:
    """What one item requires on its own (a subpattern, a branch, a repeat at least once)."""
    if op is _sre.SUBPATTERN:
        return _required(list(av[-1]))
    if hasattr(_sre, "ATOMIC_GROUP") and op is _sre.ATOMIC_GROUP:
        return _required(list(av))
    if op is _sre.BRANCH:
        out: Set[str] = set()
        for branch in av[1]:
            r = _required(list(branch))
            if not r:
                return None
            out |= r
            if len(out) > MAX_STRINGS:
                return None
        return out
    if op in _REPEATS:
        low, _high, item = av
        if low < 1:
            return None
        return _required(list(item))
    return None


def _required(items) -> Optional[Set[str]]:
    """The most selective requirement among the sequence's runs of adjacent exact items.

    A run is consecutive items with finite expansions (zero-width assertions in between do not
    break it: they consume nothing). A repeat `X{m,n}` (m >= 1) may end a run with X^m (the
    text right after what precedes it starts with X^m) and start the next one with X^m (the
    text right before what follows ends with X^m), but never sits inside one.
    """
    candidates: List[Set[str]] = []
    run: Optional[Set[str]] = {""}

    def close():
        if run is not None and run != {""}:
            candidates.append(run)

    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        exact = _exact_item(op, av)
        if exact is not None:
            joined = _cross(run, exact) if run is not None else None
            if joined is None:  # too many strings: keep what we had, start again here
                close()
                run = exact
            else:
                run = joined
            continue
        if op in _REPEATS and av[0] >= 1:
            low, _high, item = av
            unit = _exact(list(item))
            power: Optional[Set[str]] = {""}
            for _ in range(min(low, 8)):
                power = _cross(power, unit) if (power is not None and unit is not None) else None
            if power is not None:
                ended = _cross(run, power) if run is not None else None
                if ended is not None:
                    candidates.append(ended)
                close()
                run = power
                continue
        close()
        inner = _required_item(op, av)
        if inner:
            candidates.append(inner)
        run = {""}
    close()
    return _best(candidates)


# ---- what a match starts with -------------------------------------------------------------


def case_sensitive_tree(pattern: str):
    """The standard parser's tree of a pattern it can read as `regex` does (`_neutralize`), when
    the pattern is surely case-sensitive and not verbose; None otherwise (or when unsure)."""
    if _UNSAFE.search(pattern) or _has_inline_i(pattern) or "\\G" in pattern:
        return None
    source = _neutralize(pattern)
    if source is None:
        return None
    try:
        tree = _sre_parse.parse(source)
    except Exception:  # noqa: BLE001 -- syntax the standard parser does not know: none
        return None
    if tree.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    return tree


@functools.lru_cache(maxsize=4096)
def prefix_literals(pattern: str) -> Optional[FrozenSet[str]]:
    """Non-empty strings one of which every match of a case-sensitive pattern starts with, or
    None when unknown (or the pattern is, or may be, case-insensitive).

    Zero-width items at the start (a lookbehind, `^`, `\\b`) consume nothing, so the strings
    come from the exact items after them, up to the first item that is not exact; a repeat
    `X{m,}` (m >= 1) ends them with X^m. `(?<=[\\p{L},;])[ \\t]{2,}(?=\\S)` starts with one of
    `"  "`, `" \\t"`, `"\\t "`, `"\\t\\t"`."""
    tree = case_sensitive_tree(pattern)
    if tree is None:
        return None
    run: Set[str] = {""}
    for op, av in tree:
        if op in _ZERO_WIDTH:
            if run == {""}:
                continue
            break
        exact = _exact_item(op, av)
        if exact is not None:
            joined = _cross(run, exact)
            if joined is None:
                break
            run = joined
            continue
        if op in _REPEATS and av[0] >= 1:
            unit = _exact(list(av[2]))
            power: Optional[Set[str]] = {""}
            for _ in range(min(av[0], 8)):
                power = _cross(power, unit) if (power is not None and unit is not None) else None
            joined = _cross(run, power) if power is not None else None
            if joined is not None:
                run = joined
        break
    if not all(run):
        return None
    return frozenset(run)


# ---- for kinds ---------------------------------------------------------------------------


class Requirement:
    """A compiled pattern's required literals, ready to test against a draft."""

    __slots__ = ("strings", "folded")

    def __init__(self, strings: FrozenSet[str], folded: bool):
        self.strings, self.folded = strings, folded

    def may_match(self, doc) -> bool:
        """False only when no match is possible in this draft."""
        if not prefilters_enabled():
            return True
        if self.folded:
            hay = getattr(doc, "folded_text", None)
            if hay is None:
                from lint.drafts.document import prefilter_fold

                hay = prefilter_fold(doc.text)
        else:
            hay = doc.text
            if len(self.strings) > 2:
                # one quick test per distinct character first (`" \\t"`, `"\\xa0 "`, ...: most
                # drafts have no tab): a string with an absent character is not there either
                absent = {c for c in {c for s in self.strings for c in s} if c not in hay}
                if absent:
                    return any(s in hay for s in self.strings if absent.isdisjoint(s))
        return any(s in hay for s in self.strings)


def requirement(pattern: str, ignorecase: bool = False) -> Optional[Requirement]:
    """The Requirement of a pattern (as a kind compiles it), or None when there is none."""
    strings = required_literals(pattern, ignorecase)
    if strings is None:
        return None
    return Requirement(strings, ignorecase or _has_inline_i(pattern) or _global_i(pattern))


def _global_i(pattern: str) -> bool:
    try:
        return bool(_sre_parse.parse(_neutralize(pattern)).state.flags & re.IGNORECASE)
    except Exception:  # noqa: BLE001
        return True
