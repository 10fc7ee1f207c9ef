"""existence: flag every occurrence of a literal token or a pattern."""

from __future__ import annotations

import itertools
import re
from typing import List, Optional

from lint.kinds.base import (
    Kind,
    OptionError,
    compile_pattern,
    finditer,
    line_span,
    literal_pattern,
    matches_at,
    may_occur,
    search,
    strip_span,
)
from lint.engine.patterns import lazy_compile
from lint.engine.prefilter import Requirement, prefilters_enabled, requirement
from lint.kinds.newsroom.acronym import draft_capitals
from lint.model import Hit

try:  # the parser moved in Python 3.11
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_parse as _sre_parse  # type: ignore[no-redef]

# Syntax whose meaning changes when one alternative of the combined pattern is compiled alone:
# numbered or named group references (a group's number counts the groups of the alternatives
# before it), conditionals, recursion, branch resets, global inline flags (they apply to the
# whole pattern), and \G (the search's start). Any of these, and the alternation stays whole.
_UNSPLITTABLE = lazy_compile(r"\\[1-9gkG]|\(\?(?:P?[=>&(|R0-9+-]|[a-zA-Z0-9]*\))")


class Existence(Kind):
    """Options:

    tokens      literal phrases, held to word edges unless `nonword`
    patterns    regular expressions (the `regex` module); a group named `match` narrows the hit
    ignorecase  match regardless of case (default false: `TK` is a note, `tk` is not)
    nonword     do not hold tokens to word edges
    whole_line  the token or pattern must be the whole line, white space aside
    exceptions  patterns: a hit inside a match of one of these, on the same line, is not reported
    silent_if   patterns of what makes a hit the draft's own structure: in a draft where they
                match `silent_if_count` times or more (in the rule's scope), the rule says
                nothing (crossheads a story uses throughout are not stray subheads)
    silent_if_count  how many matches of `silent_if` silence the rule (default 2)
    """

    name = "existence"
    default_scope = "draft"

    tokens: List[str] = ()
    patterns: List[str] = ()
    ignorecase: bool = False
    nonword: bool = False
    whole_line: bool = False
    exceptions: List[str] = ()
    silent_if: List[str] = ()
    silent_if_count: int = 2

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
        self._set("_parts", None if self.whole_line else _split(alternatives, self.ignorecase))
        self._set(
            "_exceptions",
            [compile_pattern("exceptions", e, self.ignorecase) for e in self.exceptions],
        )
        silent = "|".join(f"(?:{p})" for p in self.silent_if)
        self._set("_silent_if", compile_pattern("silent_if", silent, self.ignorecase) if silent else None)
        if self.silent_if_count < 1:
            raise OptionError("silent_if_count", "must be 1 or more")
        # each exception's required literals: one the draft lacks can never match in it
        self._set("_exception_needs", [_minimal(requirement(e, self.ignorecase)) for e in self.exceptions])
        # a pattern whose every match is most of one line: the lines it can match, found first
        # (`_LineGate`)
        only = None if self.tokens or self.whole_line or len(self.patterns) != 1 or self.ignorecase else self.patterns[0]
        self._set("_line_gate", _LineGate.of(only) if only is not None else None)

    def check(self, doc, spans, context):
        text = doc.text
        timeout = context.timeout_for(text)
        if not self.patterns and not any(may_occur(t, doc, self.ignorecase) for t in self.tokens if t):
            return  # a token list the draft has none of
        if self._requirement is not None and not self._requirement.may_match(doc):
            return  # text every match needs is not in the draft
        excepted_on_line = {}  # line start -> the exceptions' match spans on that line
        exceptions, parts, gate = self._exceptions, None, None
        if prefilters_enabled():
            gate = self._line_gate
            exceptions = [e for e, needs in zip(exceptions, self._exception_needs) if needs is None or needs.present(doc)]
            if self._parts is not None:
                # the alternatives that can match in this draft (their own required literals)
                parts = [p for p, needs in self._parts if needs is None or needs.present(doc)]
        for span_start, span_end in spans:
            if gate is not None:
                found = gate.finditer(self._pattern, text, span_start, span_end, timeout)
            elif parts is None:
                found = finditer(self._pattern, text, span_start, span_end, timeout)
            else:
                found = _alternation(parts, text, span_start, span_end, timeout)
            for m in found:
                start, end = m.span("match") if "match" in m.re.groupindex and m.start("match") >= 0 else m.span()
                if self.whole_line:
                    start, end = strip_span(text, start, end)  # the words, not the space
                if end <= start:
                    continue
                if self._excepted(exceptions, text, start, end, timeout, excepted_on_line):
                    continue
                if self._silent_if is not None and self._structure(text, spans, timeout):
                    return
                yield Hit(start, end)

    def _structure(self, text, spans, timeout) -> bool:
        """Does the draft match `silent_if` `silent_if_count` times or more in these spans?"""
        count = 0
        for span_start, span_end in spans:
            for _ in finditer(self._silent_if, text, span_start, span_end, timeout):
                count += 1
                if count >= self.silent_if_count:
                    return True
        return False

    @staticmethod
    def _excepted(exceptions, text, start, end, timeout, cache) -> bool:
        if not exceptions:
            return False
        line_start, line_end = line_span(text, start)
        # a paragraph is one line in most drafts and may hold many hits: scan it once
        spans = cache.get(line_start)
        if spans is None:
            spans = cache[line_start] = [
                m.span() for exception in exceptions for m in finditer(exception, text, line_start, line_end, timeout)
            ]
        return any(s <= start and end <= e for s, e in spans)


def _split(alternatives: List[str], ignorecase: bool) -> Optional[list]:
    """[(compiled alternative, its Requirement or None)], or None when the alternation must stay
    whole: a single alternative, syntax whose meaning depends on the whole pattern, or an
    alternative that may match the empty string (finditer steps over those its own way)."""
    from lint.engine.prefilter import _UNSAFE, _neutralize

    # (_UNSAFE: `regex` syntax the standard parser below would misread, fuzzy matching among it)
    if len(alternatives) < 2 or any(_UNSPLITTABLE.search(a) or _UNSAFE.search(a) for a in alternatives):
        return None

    for alternative in alternatives:
        try:
            low, _high = _sre_parse.parse(_neutralize(alternative)).getwidth()
        except Exception:  # noqa: BLE001 -- syntax the standard parser does not know
            return None
        if low < 1:
            return None
    return [(compile_pattern("patterns", a, ignorecase), _minimal(requirement(a, ignorecase))) for a in alternatives]


class _Needs:
    """A Requirement's test (`may_match` with prefilters on), cheaper: a string holding another
    of the set is present only if that one is too, so it goes (`CONFIRMATION` after
    `CONFIRM`); and, against case-folded text, a string is looked for only when the text holds
    its ASCII characters that are not letters (folding makes such a character only from
    itself: tests/test_fast_paths.py checks every character), so most drafts need no folding."""

    __slots__ = ("strings", "folded", "anchors", "capitals")

    def __init__(self, needs: Requirement):
        strings = needs.strings
        self.strings = tuple(sorted(s for s in strings if not any(t != s and t in s for t in strings)))
        self.folded = needs.folded
        self.anchors = tuple(
            "".join(sorted({c for c in s if c.isascii() and not c.isalpha()})) for s in self.strings
        )
        # each string's runs of A-Z, looked for first in the draft's capitals (`draft_capitals`:
        # a run of A-Z in a string found in the draft stands in one of the draft's)
        self.capitals = tuple(tuple(r.encode("ascii") for r in _AZ_RUN.findall(s)) for s in self.strings)

    def present(self, doc) -> bool:
        text = doc.text
        if not self.folded:
            caps = None
            for s, runs in zip(self.strings, self.capitals):
                if runs:
                    if caps is None:
                        caps = draft_capitals(doc)
                    if not all(r in caps for r in runs):
                        continue  # a run of capitals the draft lacks: so it lacks the string
                if s in text:
                    return True
            return False
        strings = [s for s, anchor in zip(self.strings, self.anchors) if all(c in text for c in anchor)]
        if not strings:
            return False
        if "folded_text" not in getattr(doc, "__dict__", {}) and "\u0307" not in text:
            # not folded yet: a string opening with an anchor is looked for at that anchor's
            # few places instead of folding the whole draft (`_folded_at_anchor`)
            rest = []
            for s in strings:
                if s[:1] in _ANCHOR_CHARS and text.count(s[0]) <= 64:
                    if _folded_at_anchor(text, s):
                        return True
                else:
                    rest.append(s)
            if not rest:
                return False
            strings = rest
        folded = getattr(doc, "folded_text", None)
        if folded is None:
            from lint.drafts.document import prefilter_fold

            folded = prefilter_fold(text)
        return any(s in folded for s in strings)


# ASCII characters but letters: each folds only from itself, and to itself
_ANCHOR_CHARS = frozenset(chr(c) for c in range(128) if not chr(c).isalpha())


def _folded_at_anchor(text: str, s: str) -> bool:
    """Is the folded string `s` (its first character in _ANCHOR_CHARS) in prefilter_fold(text)?
    For a text without U+0307, the one character that folds to nothing.

    Folding goes character by character. `s[0]` in the folded text comes from that same
    character of the text, at some offset i; every character folds to one or more, so the
    rest of `s` comes from at most len(s) - 1 characters after it: prefilter_fold of
    text[i : i + len(s)] starts with `s` exactly when `s` is in the folded text there."""
    from lint.drafts.document import prefilter_fold

    n = len(s)
    i = text.find(s[0])
    while i >= 0:
        if prefilter_fold(text[i : i + n]).startswith(s):
            return True
        i = text.find(s[0], i + 1)
    return False


_AZ_RUN = lazy_compile(r"[A-Z]+")


def _minimal(needs: Optional[Requirement]) -> Optional[_Needs]:
    return None if needs is None else _Needs(needs)


def _alternation(parts, text: str, start: int, end: int, timeout: float):
    """finditer of the alternation `A|B|...` over text[start:end], searching each alternative on
    its own: the regex module cannot skip ahead to a literal one alternative needs when another
    may start anywhere, and one alternative alone often can. The alternation's next match is
    at the leftmost offset where any alternative matches, and there it is the first
    alternative's that matches (a match at an offset does not depend on where the search began:
    lookbehinds and ^ see the whole text; no match is empty, so each search starts at the end
    of the last match, as finditer's)."""
    ahead = [search(p, text, start, end, timeout) for p in parts]  # each one's next match
    while True:
        best = None
        for m in ahead:
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return
        yield best
        pos = best.end()
        for i, m in enumerate(ahead):
            if m is not None and m.start() < pos:
                ahead[i] = search(parts[i], text, pos, end, timeout)


class _LineGate:
    """The lines where a pattern's match can start, for a pattern whose every match starts at
    a line's start and runs on to the end of that line but for a tail its closing lookahead
    reads before the line break (`^[A-Z][^.!?\\n]*[^\\s.](?=[^\\S\\n]*\\n)`: a stray subhead).

    Such a line is the match's characters and the tail's: each is one that some item of the
    match or of the tail accepts (the `regex` module itself tells, character by character, for
    the ASCII characters and a few common marks beyond ASCII). A line holding a character none
    of them accepts (`forbidden`: for a subhead, a full stop, a digit or a quotation mark), or
    shorter than the match's fewest characters, or whose first character the match's first
    item refuses, holds no match. One search of the standard `re` (`starts`) finds the other
    line starts, in C; the pattern is tried only there. Most paragraphs of news hold a full
    stop: the `regex` module no longer reads its lookarounds at every one of them.
    """

    __slots__ = ("starts", "first_line")

    # the characters beyond ASCII tested besides the ASCII ones
    _MARKS_BEYOND_ASCII = "\u00a0“”‘’«»…–—¿¡·•"

    def __init__(self, starts, first_line):
        self.starts = starts  # `re`: a line break followed by a line that may hold a match
        self.first_line = first_line  # `re`: the same, at the text's start

    @classmethod
    def of(cls, pattern: str) -> Optional["_LineGate"]:
        """The gate for `pattern` (compiled case-sensitive, MULTILINE), or None when the pattern
        is not of that shape or the analysis cannot read it."""
        from lint.kinds.generic.substitution import marked_tree

        if "\\G" in pattern:
            return None
        parsed = marked_tree(pattern)
        if parsed is None:
            return None
        tree, properties = parsed
        try:
            low = tree.getwidth()[0]
        except Exception:  # noqa: BLE001 -- a width the parser cannot tell: no gate
            return None
        items = list(tree)
        consuming = [i for i, (op, _) in enumerate(items) if op not in _ZERO_WIDTH_OPS]
        if low < 1 or not consuming:
            return None
        first, last = consuming[0], consuming[-1]
        # the match starts at a line's start: `^` (MULTILINE, as every kind compiles) before it
        if (_sre.AT, _sre.AT_BEGINNING) not in items[:first]:
            return None
        accepts = []  # tests, one per item that consumes a character of the match or the tail
        if not _char_tests(items[first : last + 1], properties, accepts):
            return None
        # the tail: a lookahead at the match's end reading items up to a line break
        tail = None
        for op, av in items[last + 1 :]:
            if op is _sre.ASSERT and av[0] == 1:
                for index, (sub_op, sub_av) in enumerate(av[1]):
                    if sub_op is _sre.LITERAL and sub_av == 10:
                        tail = []
                        if not _char_tests(list(av[1])[:index], properties, tail):
                            tail = None
                        break
                if tail is not None:
                    break
        if tail is None:
            return None
        accepts.extend(tail)
        tested = [chr(c) for c in range(128)] + list(cls._MARKS_BEYOND_ASCII)
        forbidden = {c for c in tested if not any(test(c) for test in accepts)}
        if "\n" not in forbidden or len(forbidden) < 2:
            return None  # (a match may run over a line break, or nothing rules a line out)
        refused_first = set(forbidden)
        opening = _first_test(items[first], properties)
        if opening is not None:
            refused_first.update(c for c in tested if not opening(c))
        line = "[^%s][^%s]{%d,}\\n" % (_class_text(refused_first), _class_text(forbidden), low - 1)
        return cls(re.compile("\\n(?=%s)" % line), re.compile(line))

    def finditer(self, pattern, text: str, start: int, end: int, timeout: float):
        """finditer(pattern, text, start, end), the pattern tried only at the starts of lines
        that may hold a match, in order. Exact: every match starts at such a line's start (see
        the class); finditer's next match is the first of them at or after the last match's end
        where the pattern matches (a match at an offset does not depend on where the search
        began: lookbehinds and `^` see the whole text; no match is empty). A match in the span
        has its characters and its line break inside it (`end` is where the `regex` module's
        text ends), so `re` is held to the span too."""
        lines = (line.end() for line in self.starts.finditer(text, start - 1 if start else 0, end))
        if start == 0 and self.first_line.match(text, 0, end) is not None:
            lines = itertools.chain((0,), lines)
        yield from matches_at(pattern, text, lines, start, end, timeout)


def _class_text(chars) -> str:
    """The characters, written for the inside of a `re` class."""
    return "".join("\\x%02x" % ord(c) if c < "\x80" else re.escape(c) for c in sorted(chars))


def _char_tests(items, properties, out: list) -> bool:
    """Add to `out` a test for each item among `items` (a sequence of the standard parser's
    tree) that consumes a character, so that every character a match of the sequence consumes
    passes one of them; zero-width items consume none. False for anything else (a back
    reference, a conditional, an item the tests cannot be written for)."""
    from lint.engine.prefilter import _REPEATS

    for op, av in items:
        if op in _ZERO_WIDTH_OPS:
            continue
        if op in _REPEATS:
            if not _char_tests(list(av[2]), properties, out):
                return False
        elif op is _sre.SUBPATTERN:
            if av[1] or av[2]:
                return False  # (scoped flags)
            if not _char_tests(list(av[3]), properties, out):
                return False
        elif op is _sre.BRANCH:
            for branch in av[1]:
                if not _char_tests(list(branch), properties, out):
                    return False
        elif hasattr(_sre, "ATOMIC_GROUP") and op is _sre.ATOMIC_GROUP:
            if not _char_tests(list(av), properties, out):
                return False
        else:
            test = _one_char_test(op, av, properties)
            if test is None:
                return False
            out.append(test)
    return True


def _one_char_test(op, av, properties):
    """A test of one character for an item matching one character (a literal, a class, `.`),
    by the `regex` module itself; None for any other item."""
    from lint.kinds.generic.substitution import _class_source, compiled_class

    if op is _sre.ANY:
        return "\n".__ne__  # (`.` without DOTALL: inline flags are refused)
    if op is _sre.NOT_LITERAL:
        return chr(av).__ne__ if not 0xE000 <= av < 0xE000 + len(properties) else None
    cls = compiled_class(_class_source(op, av, properties))
    if cls is None:
        return None
    return lambda c: cls.fullmatch(c) is not None


def _first_test(item, properties):
    """A test every first character of `item`'s matches passes (an item matching one
    character, or a repeat of one at least once), or None."""
    from lint.engine.prefilter import _REPEATS

    op, av = item
    if op in _REPEATS:
        if av[0] < 1 or len(av[2]) != 1:
            return None
        op, av = list(av[2])[0]
    return _one_char_test(op, av, properties)


try:  # the parser's constants moved in Python 3.11
    from re import _constants as _sre  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _sre  # type: ignore[no-redef]

_ZERO_WIDTH_OPS = {_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT}
