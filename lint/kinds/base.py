"""What every kind shares: option checking, pattern compiling, timed searches.

A kind is a class whose annotated attributes are its options (see `Kind`). `lint/packs/loader.py` builds it from a rule's
YAML; a wrong option name or type fails there with the pack's file and line. A kind's
`check(doc, spans, context)` yields `Hit`s (offsets in `doc.text`); the engine does the rest.

Cross-draft kinds set `cross_draft = True` and implement `facts(doc, context)` (phase 1: a
pure function of one draft, small and picklable) and `judge(facts_by_path, context)` (phase 2:
yields (path, Hit) pairs). Phase-2 hits point into drafts by their phase-1 offsets.
"""

from __future__ import annotations

import typing
from typing import Any, ClassVar, Dict, Iterator, List, Optional, Tuple

from lint.engine.patterns import lazy_compile
from lint.engine.rx import regex
from lint.model import Hit
from lint.record import Record, field

# Per-search budget for one rule on one draft, grown with the draft's size, so a pathological
# pattern fails that rule for that draft instead of hanging the run.
BASE_TIMEOUT_SECONDS = 2.0
TIMEOUT_SECONDS_PER_MB = 2.0


class OptionError(ValueError):
    """A rule's option is wrong; `option` names it so the loader can point at its line."""

    def __init__(self, option: str, message: str):
        super().__init__(message)
        self.option = option


class RuleTimeout(Exception):
    """A rule's pattern search ran out of time on one draft."""


class Context(Record):
    """Run-wide settings a kind may read: house choices, the people registry, the timeout."""

    house: Dict[str, Any] = field(default_factory=dict)
    registry: Any = None
    timeout: Optional[float] = None  # seconds per search; None = grown with the draft's size

    def timeout_for(self, text: str) -> float:
        if self.timeout is not None:
            return self.timeout
        return BASE_TIMEOUT_SECONDS + TIMEOUT_SECONDS_PER_MB * len(text) / 1_000_000


class Kind(Record, frozen=True):
    """A kind's options are the fields of a frozen record (lint/record.py): its annotated
    attributes, with their defaults. `Existence(tokens=[...])` sets them by name only, then
    calls `__post_init__`; they cannot be reassigned (`_set` caches derived values)."""

    name: ClassVar[str] = ""
    # names a rule's message template may use besides {match}
    message_values: ClassVar[Tuple[str, ...]] = ()
    cross_draft: ClassVar[bool] = False
    default_scope: ClassVar[str] = "draft"

    _noun: ClassVar[str] = "option"

    def __init__(self, **options):  # by name only
        super().__init__(**options)

    def prepare(self) -> None:
        """Load now what the first draft would otherwise load (a dictionary, an index). The
        engine calls it before forking, so every child starts with it (`Engine.prepare`)."""

    def check(self, doc, spans, context: Context) -> Iterator[Hit]:  # pragma: no cover
        return iter(())

    def facts(self, doc, context: Context):  # pragma: no cover
        return None

    def judge(self, facts_by_path: Dict[str, Any], context: Context):  # pragma: no cover
        return iter(())

    # ---- helpers for subclasses ------------------------------------------------------

    def _set(self, name: str, value) -> None:
        """Cache a derived value (compiled pattern) on the frozen instance."""
        object.__setattr__(self, name, value)


def option_fields(kind_class) -> Dict[str, Any]:
    """{option name: type} for a kind class; option names use dashes or underscores alike."""
    hints = typing.get_type_hints(kind_class)
    return {option: hints[option] for option in kind_class._fields if not option.startswith("_")}


def check_type(value, expected) -> bool:
    """Is `value` (from YAML) of the option type `expected`? Kept small on purpose."""
    origin = typing.get_origin(expected)
    args = typing.get_args(expected)
    if expected is Any:
        return True
    if origin is typing.Union:
        return any(check_type(value, a) for a in args)
    if expected is type(None):
        return value is None
    if expected is bool:
        return isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if expected is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if expected is str:
        return isinstance(value, str)
    if origin in (list, List, tuple, Tuple):
        if not isinstance(value, (list, tuple)):
            return False
        item = args[0] if args else Any
        return all(check_type(v, item) for v in value)
    if origin in (dict, Dict):
        if not isinstance(value, dict):
            return False
        key_type, value_type = args if args else (Any, Any)
        return all(check_type(k, key_type) and check_type(v, value_type) for k, v in value.items())
    if expected in (list, dict):
        return isinstance(value, expected)
    return isinstance(value, expected)


def compile_pattern(option: str, pattern: str, ignorecase: bool = False, flags: int = 0):
    """Compile a user's pattern (the `regex` module, so \\p{..} and timeouts work)."""
    if ignorecase:
        flags |= regex.IGNORECASE
    try:
        return regex.compile(pattern, flags | regex.MULTILINE)
    except regex.error as error:
        raise OptionError(option, f"bad regular expression {pattern!r}: {error}") from None


def literal_pattern(tokens: List[str], word_boundaries: bool = True) -> str:
    """One alternation of literal phrases, longest first, optionally held to word edges.

    Word edges are only asserted where the phrase itself starts or ends with a word character,
    so `[cq]` and `OK’D` still match.
    """
    parts = []
    for token in sorted(set(tokens), key=len, reverse=True):
        escaped = regex.escape(token)
        if word_boundaries:
            if token[:1].isalnum():
                escaped = r"(?<![\w])" + escaped
            if token[-1:].isalnum():
                escaped = escaped + r"(?![\w])"
        parts.append(escaped)
    return "|".join(parts) if parts else r"(?!)"


def needs_timeout(pattern) -> bool:
    """Whether a search with `pattern` could run away (and so needs its timeout).

    A pattern with no repeat anywhere (literals, classes, alternatives of them, anchors,
    lookarounds: most packs' word lists and swaps) cannot backtrack: each place in the text
    costs at most the pattern's own length, so a search is linear and finishes. Those run
    without `regex`'s timeout, whose clock costs two system calls on every call (about
    60,000 calls, a few percent of a run, over 5 MB of news). Anything the analysis cannot
    read (`regex`-only syntax, verbose patterns) keeps its timeout."""
    known = _NEEDS_TIMEOUT_BY_PATTERN.get(pattern)
    if known is None:
        key = (pattern.pattern, pattern.flags)
        known = _NEEDS_TIMEOUT.get(key)
        if known is None:
            known = _NEEDS_TIMEOUT[key] = not _repeat_free(pattern)
        _NEEDS_TIMEOUT_BY_PATTERN[pattern] = known
    return known


_NEEDS_TIMEOUT: Dict[tuple, bool] = {}
# the same answers keyed by the pattern object itself (a compiled pattern hashes and compares
# by its source and flags, a lazy stand-in by identity): one dictionary look-up a search, where
# the (source, flags) key costs a tuple and, for a lazy stand-in, two attribute reads that fall
# through to `__getattr__`
_NEEDS_TIMEOUT_BY_PATTERN: Dict[Any, bool] = {}


# What cannot add a repeat: escapes (`\?`, `\p{Lu}`) and group openers (`(?:`, `(?i)`, `(?<=`)
_NO_REPEAT_SYNTAX = lazy_compile(r"\\[pP]\{[^}]*\}|\\.|\(\?(?:[:=!>|]|<[=!]|P?<[^>]*>|[a-zA-Z-]+[:)])")


def _repeat_free(pattern) -> bool:
    """No `*`, `+`, `?` or `{` left once escapes and group openers are set aside: no repeat
    anywhere. A text test, not a parse (a parse per pattern cost a commit hook 30 ms), and
    on the safe side: a `?` or `{` anywhere else (`(?#`, `(?P=`, a class `[?!]`) keeps
    the timeout."""
    source = pattern.pattern
    if not isinstance(source, str) or pattern.flags & regex.VERBOSE:
        return False
    bare = _NO_REPEAT_SYNTAX.sub("", source)
    return not any(mark in bare for mark in "*+?{")


def _timed_out(pattern, timeout: float) -> RuleTimeout:
    return RuleTimeout(f"pattern {pattern.pattern[:60]!r} took longer than {timeout:.1f} s")


def finditer(pattern, text: str, start: int, end: int, timeout: float):
    """pattern.finditer over text[start:end] with a timeout; a timeout raises RuleTimeout.

    A pattern that needs no timeout gets the `regex` module's own iterator: no generator of
    ours stepped once a match."""
    if not needs_timeout(pattern):
        return pattern.finditer(text, start, end)
    return _timed_finditer(pattern, text, start, end, timeout)


def _timed_finditer(pattern, text: str, start: int, end: int, timeout: float):
    try:
        yield from pattern.finditer(text, start, end, timeout=timeout)
    except TimeoutError:
        raise _timed_out(pattern, timeout) from None


def search(pattern, text: str, start: int, end: int, timeout: float):
    if not needs_timeout(pattern):
        return pattern.search(text, start, end)
    try:
        return pattern.search(text, start, end, timeout=timeout)
    except TimeoutError:
        raise _timed_out(pattern, timeout) from None


def strip_span(text: str, start: int, end: int) -> Tuple[int, int]:
    """[start, end) narrowed to leave out white space at either edge."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def match(pattern, text: str, start: int, end: int, timeout: float):
    """pattern.match at `start` (lookbehinds still see before it) with a timeout."""
    if not needs_timeout(pattern):
        return pattern.match(text, start, end)
    try:
        return pattern.match(text, start, end, timeout=timeout)
    except TimeoutError:
        raise _timed_out(pattern, timeout) from None


def matches_at(pattern, text: str, offsets, start: int, end: int, timeout: Optional[float], match_at=None):
    """finditer(pattern, text, start, end) when every match starts at one of `offsets`
    (ascending, distinct): the pattern is matched at each offset at or after the end of the
    last match and before `end`, so the matches are finditer's, in order (a match at an offset
    does not depend on where the search began: lookbehinds and `^` see the whole text; an
    empty match moves the next try one character on, as finditer does).

    Each try is `match` (its timeout when the pattern could run away), or `match_at(text,
    offset, end)` when given (a kind's own untimed call for a pattern it builds in a fixed
    frame: `sourcing_base.finditer_at`)."""
    if match_at is None:
        # (decided once, not at every offset: most patterns need no timeout and are tried by
        # their own bound `match`)
        match_at = pattern.match if not needs_timeout(pattern) else (lambda text, s, e: match(pattern, text, s, e, timeout))
    resume = start
    for offset in offsets:
        if offset < resume:
            continue
        if offset >= end:
            return
        m = match_at(text, offset, end)
        if m is not None:
            yield m
            resume = m.end() if m.end() > m.start() else m.end() + 1


def may_occur(literal: str, doc, ignorecase: bool) -> bool:
    """False only when a literal-phrase pattern for `literal` surely cannot match in the draft:
    the literal is nowhere in its text. A C-level substring test, so a kind can skip the regex
    search of every span for a phrase the draft lacks. Case-insensitive, it compares folded
    text, and only for ASCII literals: the `regex` module's case-insensitive equivalents of
    ASCII letters (`K` Kelvin sign, `ſ`, `İ`, `ı`) are known and fixed; of others, not."""
    from lint.engine.prefilter import prefilters_enabled

    if not prefilters_enabled():
        return True
    if not ignorecase:
        return literal in doc.text
    if not literal.isascii():
        return True
    from lint.drafts.document import prefilter_fold

    folded = getattr(doc, "folded_text", None)
    return prefilter_fold(literal) in (folded if folded is not None else prefilter_fold(doc.text))


def line_span(text: str, offset: int) -> Tuple[int, int]:
    """The [start, end) of the line of text holding `offset`."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end
