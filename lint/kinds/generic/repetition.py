"""repetition: the same word twice in a row (`the the`)."""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from typing import List, Optional

from lint.kinds.base import Kind, OptionError, compile_pattern, finditer, match
from lint.engine.patterns import lazy_compile, lazy_std_compile, std_compile
from lint.engine.prefilter import prefilters_enabled
from lint.model import Fix, Hit

# Tokens that are letters, optionally joined by an apostrophe. For these, a cheap search with
# the standard library's `re` finds every place a doubled word can start, and the rule's exact
# pattern runs only there: the `regex` module tries its pattern at every position of the text
# otherwise, which made this rule the slowest of the hygiene pack (about 3 MB/s).
_WORD_TOKENS = frozenset({r"\p{L}+(?:['’]\p{L}+)?", r"\p{Latin}+(?:['’]\p{Latin}+)?"})
# A looser doubled word, searched in the case-folded draft: a run of "letter-ish" characters
# (ASCII letters, apostrophes, and anything neither ASCII nor white space: a superset of what
# either token above folds to), horizontal white space, the same run, and on either side no
# character of _EDGE (folded characters that only a word character, an apostrophe or a hyphen
# folds to: the rule's pattern refuses those at its edges too). Where the rule's pattern
# matches, this matches too, at the same offset (the folded text has the same length: checked),
# or, for a run of more than 64 characters, the second branch does. The bound keeps the search
# linear: from any offset it reads at most 65 run characters (and a run of spaces, which at
# most 64 offsets reach). tests/test_fast_paths.py checks the classes against every character.
_RUN = r"[^\s!-&(-/:-@\[-`{-~0-9]"
_EDGE_SET = r"0-9a-z_'’\-ß-öø-ÿα-ωа-яѐ-џ"
_EDGE = f"[{_EDGE_SET}]"
_EDGE_CHAR = lazy_std_compile(_EDGE)  # (these three: the paths `_doubled_word_offsets` cannot settle)
_PAIR = rf"(?:({_RUN}{{1,64}})[^\S\n]+\1(?!{_EDGE})|{_RUN}{{65}})"
_LOOSE_PAIR = lazy_std_compile(rf"(?<!{_EDGE}){_PAIR}")
# _LOOSE_PAIR after the character before it: the same matches past the text's first offset,
# found faster (the search skips to a character of the class instead of trying a lookbehind at
# every offset). Its run is captured in a lookahead, which never gives characters back (a
# possessive `{1,64}+` needs Python 3.11): a shorter run is followed by a run character, never
# by the white space the pair needs, so backtracking into the run could never match.
_LOOSE_PAIR_AFTER = lazy_std_compile(
    rf"[^{_EDGE_SET}](?:(?=({_RUN}{{1,64}}))\1[^\S\n]+\1(?!{_EDGE})|(?P<long>{_RUN}{{65}}))"
)


# Where the rule's pattern can match, found bytewise (tests/test_fast_paths.py). The draft's
# case-folded UTF-8 is mapped byte for byte (lengths kept): ASCII letters (lowered) and
# apostrophes stay, any other ASCII character becomes a space; a character beyond ASCII stays
# when a word or the pattern's edges may hold it (_KEPT), and becomes as many spaces as its
# bytes otherwise. Where the rule's pattern matches, its two words hold only bytes that stay,
# with spaces around them (what the pattern's edges and the gap between the words allow; a
# span's edges are checked apart), and
# fold to the same bytes (the loose pair below holds them, for words of 64 characters or fewer;
# a draft with a longer run is left to it): a byte-level doubled word, which `_DOUBLED_BYTES`
# finds, starts there. One quick search settles most drafts; in the others the pattern is
# tried only at the offsets it finds (each search resumes a byte after the last start, so
# overlapping ones are found too; words apart across punctuation or a line break are among
# them, and fail the pattern).
_WORD_BYTE_CLASS = rb"[a-z'\x80-\xff]"
# The mapped draft holds only spaces and bytes of _WORD_BYTE_CLASS, so a word byte is written
# `[^ ]` here: the same matches, and `re` reads a run of it in a tight loop (a class is tested
# byte by byte through its bitmap), a third less work. The gap is taken whole too: giving a
# space back leaves a space where the word must start, so that could never match.
try:  # a word taken whole: possessive (Python 3.11), or captured in a lookahead, which never gives back
    _DOUBLED_BYTES = std_compile(rb" ([^ ]++) ++\1(?![^ ])")
except re.error:
    _DOUBLED_BYTES = std_compile(rb" (?=([^ ]+))\1 +\1(?![^ ])")


def _byte_class(b: int) -> int:
    c = chr(b)
    if b >= 0x80 or c == "'" or "a" <= c <= "z":
        return b
    return b + 32 if "A" <= c <= "Z" else 0x20


_WORD_BYTES_TABLE = bytes(_byte_class(b) for b in range(256))
# the run class of _LOOSE_PAIR bytewise, "x" (ASCII letters, apostrophes, every byte beyond
# ASCII) or " ": 65 x in a row is where its second branch may match
_RUN_MASK = bytes(ord("x") if b >= 0x80 or chr(b) == "'" or chr(b).isalpha() else ord(" ") for b in range(256))
_LONG_RUN = b"x" * 65
_ASCII_BYTES = bytes(range(0x80))
# a character beyond ASCII that stays: one a word may hold (a letter, a Latin-script one such as
# Ⅰ, ’) or one the pattern's edges refuse (\w: a digit, a mark, a joiner), which so never
# stands next to a doubled word; every other one is blanked (its bytes, kept per character)
_KEPT = lazy_compile(r"[\w\p{L}\p{Latin}’]")
_BLANKS: dict = {}
# the ASCII characters a span may start after or end before: those mapped to a space
_SEPARATORS = frozenset(chr(b) for b in range(0x80) if _WORD_BYTES_TABLE[b] == 0x20)


def _doubled_word_offsets(text: str, spans, encoded: Optional[bytes] = None, doc=None) -> Optional[List[int]]:
    """The offsets, in order, where a match of the rule's pattern in a span may start (a
    superset: see _DOUBLED_BYTES), or None when this cannot tell (the loose pair's search then
    runs as before). `encoded`: the text's UTF-8 (surrogatepass), when the caller has it;
    `doc`: the draft, when the caller has it (its characters beyond ASCII, `Document.beyond_ascii`)."""
    if encoded is None:
        encoded = text.encode("utf-8", "surrogatepass")
    others = ()
    if not text.isascii():
        others = _distinct(encoded.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass") if doc is None
                           else doc.beyond_ascii)
    if not _apart(text, spans, doc, others):
        return None  # a span starts or ends next to a letter
    if others:
        joined = "".join(others)
        if joined.casefold() != joined:  # a character folding to another
            folded = text.casefold()
            if len(folded) != len(text):
                return None  # the plain search runs
            encoded = folded.encode("utf-8", "surrogatepass")
            others = _distinct(encoded.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))
        # (the bound of the loose pair's argument: in ASCII text none is needed, a word of the
        # rule's pattern being letters and apostrophes, each its own byte, lowered the same way)
        if _LONG_RUN in encoded.translate(_RUN_MASK):
            return None
    mapped = b" " + encoded.translate(_WORD_BYTES_TABLE)  # byte i + 1 is the draft's byte i
    for c in others:
        blank = _BLANKS.get(c)
        if blank is None:
            if len(_BLANKS) > 10_000:
                _BLANKS.clear()
            blank = _BLANKS[c] = b"" if _KEPT.match(c) else b" " * len(c.encode("utf-8", "surrogatepass"))
        if blank:
            mapped = mapped.replace(c.encode("utf-8", "surrogatepass"), blank)
    starts: List[int] = []
    found = _DOUBLED_BYTES.search(mapped)
    while found is not None:
        starts.append(found.start())  # the space before the word: the word's byte in the draft
        found = _DOUBLED_BYTES.search(mapped, found.start() + 1)
    if not others or not starts:
        return starts  # ASCII: a byte is a character
    offsets, offset, last = [], 0, 0
    for i in starts:  # bytes to characters, each stretch decoded once
        offset += len(encoded[last:i].decode("utf-8", "surrogatepass"))
        last = i
        offsets.append(offset)
    return offsets


_FIRST = operator.itemgetter(0)
_SECOND = operator.itemgetter(1)


def _apart(text: str, spans, doc, others) -> bool:
    """Does every span start after a character of `_SEPARATORS` (or at the text's start) and
    end before one (or at its end)? `others`: the text's distinct characters beyond ASCII."""
    if doc is not None and spans is doc.__dict__.get("paragraphs") and not any(map(str.isspace, others)):
        # the draft's paragraphs (the rule's scope), read without a look at each edge: only
        # white space (`str.isspace`) stands outside them (they are stripped, and white space
        # parts them, `Document.paragraphs`), and in a draft without white space beyond ASCII
        # that is ASCII white space, all of it in `_SEPARATORS`
        return True
    size = len(text)
    edges = set(map(text.__getitem__, filter(size.__gt__, map(_SECOND, spans))))
    edges.update(map(text.__getitem__, filter((-1).__lt__, map(operator.sub, map(_FIRST, spans), itertools.repeat(1)))))
    return edges <= _SEPARATORS


# how many distinct characters `_distinct` takes out one at a time before it hashes the rest
_FEW = 8


def _distinct(characters: str) -> set:
    """set(characters), for a draft's characters beyond ASCII: thousands of them (a curly
    apostrophe in every contraction) but a handful of distinct ones in most drafts. Each of the
    first few is taken out of the string with one `str.replace` (a C-level pass over a
    shrinking string) instead of hashing every character into the set; past `_FEW` of them
    (a draft in another script) the rest goes into the set as before."""
    found = set()
    for _ in range(_FEW):
        if not characters:
            return found
        first = characters[0]
        found.add(first)
        characters = characters.replace(first, "")
    found.update(characters)
    return found


def _next_loose(folded: str, pos: int, end: int):
    """_LOOSE_PAIR.search(folded, pos, end), sooner, as (its offset, whether its first branch
    matched), or None."""
    if pos == 0:
        m = _LOOSE_PAIR.match(folded, 0, end)
        if m is not None:
            return 0, m.group(1) is not None
        pos = 1
    m = _LOOSE_PAIR_AFTER.search(folded, pos - 1, end)
    return None if m is None else (m.start() + 1, m.group("long") is None)


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
        self._set("_prefilter", self.token in _WORD_TOKENS and self.ignorecase)

    def check(self, doc, spans, context):
        text = doc.text
        timeout = context.timeout_for(text)
        for m in self._matches(text, spans, timeout, doc):
            pair = " ".join(m.group().split()).lower()
            if pair in self._exceptions:
                continue
            if self.second == "lower" and not m.group(2)[:1].islower():
                continue
            # delete the second word and the space before it
            fix = Fix(m.end(1), m.end(2), "", safe=False)
            yield Hit(m.start(), m.end(), {}, fix)

    def _matches(self, text, spans, timeout, doc=None):
        """The pattern's matches in each span, left to right, as `finditer` over each span finds them."""
        if self._prefilter and prefilters_enabled():
            spans = spans if isinstance(spans, list) else list(spans)
            offsets = _doubled_word_offsets(text, spans, None if doc is None else doc.utf8, doc)
            if offsets is not None:
                if not offsets:
                    return  # (most drafts: no span need be visited)
                # finditer's matches: each starts at one of the offsets, so the first offset at
                # or after the end of the last match where the pattern matches gives the next
                for span_start, span_end in spans:
                    pos = span_start
                    for at in itertools.islice(offsets, bisect.bisect_left(offsets, span_start), None):
                        if at >= span_end:
                            break
                        if at < pos:
                            continue
                        m = match(self._pattern, text, at, span_end, timeout)
                        if m is not None:
                            yield m
                            pos = m.end()
                return
        folded = text.casefold() if self._prefilter and prefilters_enabled() else None
        if folded is None or len(folded) != len(text):  # folding `ß` moves offsets: plain search
            for span_start, span_end in spans:
                yield from finditer(self._pattern, text, span_start, span_end, timeout)
            return
        # one search of the whole draft settles most drafts: a span ending where _EDGE does not
        # follow (a paragraph ends at a line end) holds no loose pair the draft lacks
        ends_clear = all(end == len(text) or _EDGE_CHAR.match(folded, end) is None for _, end in spans)
        skip_to = 0
        if ends_clear:
            first = _next_loose(folded, 0, len(folded))
            if first is None:
                return
            # a loose pair a span holds is one of the whole draft too (the span's end is no
            # edge character), so none starts before the draft's first: search from there
            skip_to = first[0]
        for span_start, span_end in spans:
            if span_end <= skip_to:
                continue
            # try the pattern only where _LOOSE_PAIR matches (in the span, as the pattern sees
            # it): every match starts at one of those offsets, so the first offset at or after
            # the end of the last match where the pattern matches gives finditer's next match
            pos = max(span_start, skip_to)
            while True:
                loose = _next_loose(folded, pos, span_end)
                if loose is None:
                    break
                at, pair = loose
                if not pair:  # a very long run (CJK text has no spaces): plain search
                    yield from finditer(self._pattern, text, at, span_end, timeout)
                    break
                m = match(self._pattern, text, at, span_end, timeout)
                if m is not None:
                    yield m
                    pos = m.end()
                else:
                    pos = at + 1
