"""The document model: one draft's prose, its structure, and exact positions.

Two strings matter:

- `source`: the draft as decoded from disk (BOM removed, line endings as they were). Every
  reported position, and every `match`, refers to it.
- `text`: the prose the rules read. For plain text it is `source` with CRLF/CR turned into LF;
  for Markdown or HTML it is the extracted prose. An `OffsetMap` takes a `text` offset back to
  `source`, so kinds never search the source again to find where a match was.

Structure (paragraphs, sentences, quotes, headline) is computed lazily on `text`, once.
"""

from __future__ import annotations

import bisect
import functools
import operator
from typing import List, Optional, Tuple

from lint.packs import tables
from lint.engine.patterns import lazy_compile
from lint.record import Record, field

Span = Tuple[int, int]
_FIRST = operator.itemgetter(0)  # a span's start, read in C
_START = operator.attrgetter("start")


class OffsetMap:
    """Maps offsets in the prose text to offsets in the source.

    Piecewise: `breaks` is a sorted list of (text_offset, source_offset[, source_end_before]).
    A text offset t maps to source_offset + (t - text_offset) of the last break at or before t.
    `source_end_before` says where the source of the text just before the break ends: the same
    as source_offset when one text character stands for several source characters (CRLF as LF,
    `&amp;` as `&`), earlier when the source skips something there (an HTML tag, Markdown
    markup). So a span ending at a break never swallows skipped markup. Characters an extractor
    made up (a paragraph break between two blocks) map to where the source resumes. The
    identity map has no breaks.
    """

    __slots__ = ("_text_starts", "_source_starts", "_source_ends")

    def __init__(self, breaks=None):
        if not breaks:  # the identity map (every plain-text draft with LF line ends)
            self._text_starts, self._source_starts, self._source_ends = [], [], []
            return
        self._text_starts = [b[0] for b in breaks]
        self._source_starts = [b[1] for b in breaks]
        self._source_ends = [b[2] if len(b) > 2 else b[1] for b in breaks]

    @property
    def identity(self) -> bool:
        return not self._text_starts

    def to_source(self, offset: int) -> int:
        if not self._text_starts:
            return offset
        i = bisect.bisect_right(self._text_starts, offset) - 1
        if i < 0:
            return offset
        return self._source_starts[i] + offset - self._text_starts[i]

    def end_to_source(self, offset: int) -> int:
        """Where a span ending at text `offset` ends in the source."""
        if not self._text_starts:
            return offset
        i = bisect.bisect_left(self._text_starts, offset)
        if i < len(self._text_starts) and self._text_starts[i] == offset:
            return self._source_ends[i]
        return self.to_source(offset)

    def span_to_source(self, start: int, end: int) -> Span:
        source_start = self.to_source(start)
        if end <= start:
            return source_start, source_start
        return source_start, max(source_start, self.end_to_source(end))


_LONE_CR = lazy_compile(r"\r(?!\n)")
_LINE_END = lazy_compile(r"\r\n|\r|\n")
_CR_LINE_END = lazy_compile(r"\r\n?")


def line_starts(source: str) -> List[int]:
    """Offsets where the lines of `source` start (lines end at LF; a CR before it is the
    line's last character, so columns of real characters are the same with CRLF)."""
    if "\r" in source and _LONE_CR.search(source):  # old Mac line ends: a lone CR ends a line too
        return [0] + [m.end() for m in _LINE_END.finditer(source)]
    starts = [0]
    append = starts.append
    find = source.find
    i = find("\n") + 1  # (the next line's start; 0 when no line end follows)
    while i:
        append(i)
        i = find("\n", i) + 1
    return starts


def normalize_newlines(source: str) -> Tuple[str, OffsetMap]:
    """LF-only text from source with CRLF or lone CR line ends, and the map back to source."""
    if "\r" not in source:
        return source, OffsetMap()
    breaks = []
    parts = []
    removed = 0
    position = 0
    for m in _CR_LINE_END.finditer(source):
        parts.append(source[position : m.start()])
        parts.append("\n")
        position = m.end()
        if m.end() - m.start() == 2:
            removed += 1
            # the text character after this line end sits `removed` characters earlier
            breaks.append((m.end() - removed, m.end()))
        # a lone CR becomes LF in place: same length, no break needed
    parts.append(source[position:])
    return "".join(parts), OffsetMap(breaks)


# A candidate sentence end: terminal punctuation, closing quotes or brackets, then space.
_SENTENCE_END = lazy_compile(r"[.!?]+[\"”’')\]]*(?=\s)")
_WORD_BEFORE = lazy_compile(r"(?:\p{L}+\.)*\p{L}+\.?$")


@functools.lru_cache(maxsize=None)
def _paragraph_breaks():
    r"""Paragraph breaks, `\n[ \t\u00a0]*\n`, in the standard `re` (its scan for a line end runs
    about half again as fast as `regex`'s). The break the paragraphs are defined by is
    `\n[ \t\u00a0]*\n\s*` as `regex` reads it; leaving out the white space after it gives the
    same paragraphs: each match still starts where that break starts (the leftmost place the
    two lines meet), the white space it leaves is stripped from the next paragraph (`isspace`
    takes all of `regex`'s `\s`), and a further break found in that white space only cuts off
    a piece of white space, which is dropped (tests/test_fast_paths.py). Spelling `\s` out as
    a class for `re` cost 3-8 ms of compiling at every start: its characters past U+00FF make
    `re` build a 64K-character map."""
    import re

    return re.compile("\n[ \t\u00a0]*\n").finditer


_OPENING_WORD = lazy_compile(r"\s+[\"“‘(\[]*(\S+?)[\s,.;:!?’”\"]")


_ASCII_BYTES = bytes(range(0x80))


class _cached:
    """`functools.cached_property` without its lock (Python before 3.12 takes an RLock on each
    first read, about a microsecond, some fifteen times a draft): the value is computed on the
    first read and kept in the instance's `__dict__`, which later reads find first (this is
    not a data descriptor). A Document is read by one thread."""

    def __init__(self, func):
        self.func, self.attrname, self.__doc__ = func, func.__name__, func.__doc__

    def __set_name__(self, owner, name):
        self.attrname = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.attrname] = self.func(instance)
        return value


class Quote(Record, frozen=True):
    """A quotation: from its opening mark to just after its closing mark.

    `closed` is false when the quote never closes; `paragraphs` counts the paragraphs it runs
    across (AP lets a full-sentence quote run on into a paragraph that opens with a quote mark).
    """

    start: int
    end: int
    closed: bool
    paragraphs: int = 1

    def __init__(self, start: int, end: int, closed: bool, paragraphs: int = 1):
        fields = self.__dict__  # (past the frozen __setattr__; no keyword dict made per quote)
        fields["start"], fields["end"], fields["closed"], fields["paragraphs"] = start, end, closed, paragraphs


class Document(Record):
    path: str
    source: str
    text: str = None  # type: ignore[assignment]
    offsets: OffsetMap = field(default_factory=OffsetMap)
    format: str = "text"
    metadata: dict = field(default_factory=dict)
    # a reader that knows the headline (front matter title) sets it; else it is computed
    headline_override: Optional[Span] = None
    # how the file was saved, so --fix writes it back the same way (lint/drafts/reader.py sets them)
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"  # "\n", "\r\n", "\r" or "mixed"

    def __init__(self, path: str, source: str, text: Optional[str] = None, offsets: Optional[OffsetMap] = None,
                 format: str = "text", metadata: Optional[dict] = None, headline_override: Optional[Span] = None,
                 encoding: str = "utf-8", bom: bool = False, newline: str = "\n"):
        self.path, self.source = path, source
        if text is None:
            text, offsets = normalize_newlines(source)
        self.text, self.offsets = text, OffsetMap() if offsets is None else offsets
        self.format, self.metadata = format, {} if metadata is None else metadata
        self.headline_override = headline_override
        self.encoding, self.bom, self.newline = encoding, bom, newline

    @classmethod
    def from_text(cls, source: str, path: str = "<text>") -> "Document":
        return cls(path=path, source=source)

    @_cached
    def utf8(self) -> bytes:
        """The text in UTF-8 (surrogatepass), for the kinds' bytewise passes (people, acronym,
        grade level, repeated words): encoded once a draft, whichever asks first."""
        return self.text.encode("utf-8", "surrogatepass")

    @_cached
    def beyond_ascii(self) -> str:
        """The draft's characters beyond ASCII, in order: its UTF-8 less the ASCII bytes (never
        part of a longer sequence), decoded. Once a draft, for the kinds that read them (repeated
        words, the acronyms' capitals outside ASCII)."""
        return self.utf8.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")

    @_cached
    def folded_text(self) -> str:
        """`prefilter_fold(text)`, for literal prefilters (`kinds.base.may_occur`) only: its
        offsets need not line up with `text` (`ß` folds to `ss`)."""
        text = self.text
        if text.isascii():
            return text.lower()  # (prefilter_fold's own fast path)
        return _fold_by_bytes(self.utf8) or prefilter_fold(text)

    # ---- positions -------------------------------------------------------------------

    @_cached
    def _line_starts(self) -> List[int]:
        return line_starts(self.source)

    def source_position(self, source_offset: int) -> Tuple[int, int]:
        """1-based (line, column) of a source offset; columns count characters."""
        line = bisect.bisect_right(self._line_starts, source_offset) - 1
        return line + 1, source_offset - self._line_starts[line] + 1

    def position(self, text_offset: int) -> Tuple[int, int]:
        return self.source_position(self.offsets.to_source(text_offset))

    # ---- structure -------------------------------------------------------------------

    @_cached
    def paragraphs(self) -> List[Span]:
        """Blocks of text separated by blank lines, without surrounding white space; in a
        draft with no blank line at all (pasted one block a line), its `blocks`."""
        spans = self._blank_line_paragraphs
        if len(spans) == 1 and "\n" in self.text[spans[0][0] : spans[0][1]]:
            blocks = self.blocks
            if len(blocks) > 1:
                return blocks
        return spans

    @_cached
    def _blank_line_paragraphs(self) -> List[Span]:
        spans = []
        text = self.text
        position = 0
        for m in _paragraph_breaks()(text):
            spans.append((position, m.start()))
            position = m.end()
        spans.append((position, len(text)))
        out = []
        for start, end in spans:
            if start < end and not text[start].isspace() and not text[end - 1].isspace():
                out.append((start, end))  # nothing to strip (most paragraphs): no copies
                continue
            left = text[start:end].lstrip()  # `str.strip` drops what `isspace` calls space
            if left:
                start = end - len(left)
                out.append((start, start + len(left.rstrip())))
        return out

    @_cached
    def lines(self) -> List[Span]:
        spans = []
        position = 0
        for line in self.text.split("\n"):
            end = position + len(line)
            spans.append((position, end))
            position = end + 1
        return spans

    @_cached
    def blocks(self) -> List[Span]:
        """The draft's blocks (headline, paragraph, subhead, a line of web furniture) however
        it was pasted: one block a line, blocks between blank lines, or paragraphs hard-wrapped
        at a margin. In a draft with no blank line that is not hard-wrapped every line is a
        block. Otherwise lines of one paragraph are one block when the draft is hard-wrapped and
        the line before reaches the margin, or when a line goes on in lower case from one that
        ends no sentence ("Comments\nwere closed."); any other line starts a block. Spans are
        stripped of white space at either edge."""
        text = self.text
        lines = self._content_lines
        width = _wrap_width(lines)
        # pasted one block a line (no blank line anywhere, not wrapped): every line is a block
        one_a_line = width is None and not any(new for _, _, new in lines[1:])
        blocks: List[Span] = []
        previous = None
        for start, end, new_paragraph in lines:
            if (previous is not None and not new_paragraph and not one_a_line
                    and _continues(text, previous, start, end, width)):
                blocks[-1] = (blocks[-1][0], end)
            else:
                blocks.append((start, end))
            previous = (start, end)
        return blocks

    @_cached
    def _content_lines(self) -> List[Tuple[int, int, bool]]:
        """(start, end, after a blank line) of every line with text, stripped."""
        text = self.text
        out = []
        blank = True
        line_end = -1
        append = out.append
        for line in text.split("\n"):  # the spans of `lines`
            n = len(line)
            line_end += n + 1
            if not n:
                blank = True
                continue
            if line[0].isspace() or line[-1].isspace():
                left = line.lstrip()  # `str.strip` drops what `isspace` calls space
                if not left:
                    blank = True
                    continue
                start = line_end - len(left)
                append((start, start + len(left.rstrip()), blank))
            else:
                append((line_end - n, line_end, blank))  # nothing to strip: no copies
            blank = False
        return out

    @_cached
    def headline(self) -> Optional[Span]:
        """What the reader said the headline is; else the first block when it is one line,
        another block follows, and it is shaped like a headline, not a lede: at most 25 words
        and no full stop at its end (a question or exclamation of at most 15 words is a
        headline too). With blank lines in the draft the first paragraph must be that line."""
        if self.headline_override is not None:
            return self.headline_override
        paragraphs = self._blank_line_paragraphs
        if len(paragraphs) >= 2:
            start, end = paragraphs[0]
        else:
            blocks = self.blocks
            if len(blocks) < 2:
                return None
            start, end = blocks[0]
            if self.text[blocks[1][0]].islower():
                return None  # the next line goes on with it: a wrapped sentence
        line = self.text[start:end]
        if "\n" in line or not headline_shaped(line):
            return None
        return start, end

    @_cached
    def body(self) -> Span:
        headline = self.headline
        start = 0
        if headline is not None and headline[0] == (self.paragraphs[0][0] if self.paragraphs else 0):
            start = headline[1]
        return start, len(self.text)

    # ---- the story inside the draft ------------------------------------------------------

    @_cached
    def prose_blocks(self) -> List[int]:
        """Indexes into `blocks` of the story's prose: blocks that read as sentences."""
        text = self.text
        headline = self.headline
        return [i for i, (start, end) in enumerate(self.blocks)
                if not (headline and start < headline[1] and end > headline[0]) and is_prose(text[start:end])]

    @_cached
    def last_prose(self) -> Optional[Span]:
        """The story's last prose block: what comes after it (`after_story`) is not the story."""
        prose = self.prose_blocks
        return self.blocks[prose[-1]] if prose else None

    @_cached
    def after_story(self) -> int:
        """Where what comes after the story starts: the end of its last prose block (the end
        of the text when it has none)."""
        last = self.last_prose
        return len(self.text) if last is None else last[1]

    @_cached
    def body_paragraphs(self) -> List[Span]:
        start = self.body[0]
        return [p for p in self.paragraphs if p[0] >= start]

    @_cached
    def sentences(self) -> List[Span]:
        return _split_paragraphs(self.text, self.paragraphs)

    def sentence_index(self, offset: int) -> int:
        """Index into `sentences` of the sentence holding `offset` (or the one before it)."""
        starts = self._sentence_starts
        return max(bisect.bisect_right(starts, offset) - 1, 0)

    @_cached
    def _sentence_starts(self) -> List[int]:
        return list(map(_FIRST, self.sentences))

    def paragraph_index(self, offset: int) -> int:
        return max(bisect.bisect_right(self._paragraph_starts, offset) - 1, 0)

    @_cached
    def _paragraph_starts(self) -> List[int]:
        return list(map(_FIRST, self.paragraphs))

    @_cached
    def quotes(self) -> List[Quote]:
        return find_quotes(self.text, self.paragraphs)

    def in_quote(self, offset: int) -> Optional[Quote]:
        """The quote holding `offset`, if any."""
        quotes = self.quotes
        i = bisect.bisect_right(self._quote_starts, offset) - 1
        if i >= 0 and quotes[i].start <= offset < quotes[i].end:
            return quotes[i]
        return None

    @_cached
    def _quote_starts(self) -> List[int]:
        return list(map(_START, self.quotes))

    def scope_spans(self, scope: str) -> List[Span]:
        """The spans of text a rule with this scope looks at, one at a time."""
        if scope == "draft":
            return [(0, len(self.text))]
        if scope == "body":
            return [self.body]
        if scope == "headline":
            return [self.headline] if self.headline else []
        if scope == "paragraph":
            return self.paragraphs
        if scope == "sentence":
            return self.sentences
        if scope == "line":
            return self.lines
        # structural scopes (heading, list, table, ...) read the draft's markup:
        # lint.drafts.scopes.scope_spans serves both kinds (the document model stays below it)
        raise ValueError(f"unknown scope {scope!r} (a structural scope: lint.drafts.scopes.scope_spans)")


_CLOSERS_AT_END = "\"”’')]»"
_INNER_SENTENCE_END = lazy_compile(r"\p{Ll}[.!?][\"”’')]*\s")
_WORDS = lazy_compile(r"[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*")


def _ends_sentence(text: str, end: int) -> bool:
    """Does the line ending at `end` end a sentence (or a clause: a colon, a semicolon)?"""
    end -= 1
    while end >= 0 and text[end] in _CLOSERS_AT_END:
        end -= 1
    return end >= 0 and text[end] in ".!?…:;"


def _wrap_width(lines) -> Optional[int]:
    """The margin a hard-wrapped draft was wrapped at, or None when it was not: at least four
    lines go on to another in their paragraph, most of them within a quarter of the longest
    such line, which is at most 100 characters."""
    going_on = [lines[i][1] - lines[i][0] for i in range(len(lines) - 1) if not lines[i + 1][2]]
    if len(going_on) < 4:
        return None
    going_on.sort()
    width = going_on[int(len(going_on) * 0.9)]
    if width > 100:
        return None
    near = sum(1 for n in going_on if n >= 0.75 * width)
    return width if near * 2 >= len(going_on) else None


def _continues(text: str, previous: Span, start: int, end: int, width: Optional[int]) -> bool:
    """Does the line start..end go on with the block of the line `previous`?"""
    if width is not None and previous[1] - previous[0] >= 0.75 * width and end - start >= 0.5 * width:
        return True  # the line before reached the margin, and this one is not a stray short line
    if width is not None and previous[1] - previous[0] >= 0.75 * width and _ends_sentence(text, end):
        return True  # the short last line of a wrapped paragraph
    if width is not None and previous[1] - previous[0] < 0.5 * width:
        return False  # a stray short line inside wrapped text ("Advertisement") stands alone
    return text[start].islower() and not _ends_sentence(text, previous[1])


def headline_shaped(line: str) -> bool:
    """A headline is short and has no full stop at its end; a lede is prose."""
    last = line.rstrip(_CLOSERS_AT_END)
    if last and last[-1] in ".…":
        return False  # whatever its words: a lede's first paragraph is not counted word by word
    words = len(_ascii_words()(line) if line.isascii() else _WORDS.findall(line))
    if not words or words > 25:
        return False
    if not last:
        return True
    if last[-1] in "!?":
        return words <= 15
    return True


@functools.lru_cache(maxsize=None)
def _ascii_words():
    """`_WORDS.findall` for ASCII text, in the standard `re` (about half the cost a call): on
    ASCII, `\\p{L}` and `\\p{N}` are the letters and digits, and `’` cannot occur."""
    import re

    return re.compile(r"[A-Za-z0-9]+(?:['.\-][A-Za-z0-9]+)*").findall


def is_prose(block: str) -> bool:
    """Does a block read as the story's prose: a sentence or more (at least eight words,
    ending a sentence, or ten with a sentence ending inside), or a long run of words (at
    least 20)?"""
    if len(block) > 400:
        return True
    words = len(block.split())  # white-space words: a dash alone counts, and costs a tenth
    if words >= 20:
        return True
    if words >= 8 and _ends_sentence(block, len(block)):
        return True
    # a sentence with something glued after it ("... said. [cq]", "... said. JEFF OK’D")
    return words >= 10 and _INNER_SENTENCE_END.search(block) is not None


def prefilter_fold(text: str) -> str:
    """Case folding under which every case-insensitive `regex` match of an ASCII literal stays a
    substring: `casefold()`, plus the Turkic i (`regex` matches `i` with `İ` and `ı`)."""
    if text.isascii():
        return text.lower()  # the same as casefold() on ASCII, and twice as fast (an ASCII fast path)
    text = text.casefold()
    if "\u0307" in text:
        text = text.replace("\u0307", "")  # casefold("İ") is "i" + a combining dot
    if "ı" in text:
        text = text.replace("ı", "i")
    return text


# every ASCII byte, deleted from a draft's UTF-8 to leave its other characters' sequences
_ASCII_BYTES = bytes(range(128))
# a non-ASCII character -> whether `prefilter_fold` leaves it as it is (one entry a distinct
# character a run meets: curly quotes, dashes, accented letters)
_FOLDS_TO_ITSELF: dict = {}


def _folds_to_itself(character: str) -> bool:
    same = _FOLDS_TO_ITSELF.get(character)
    if same is None:
        same = _FOLDS_TO_ITSELF[character] = character.casefold() == character and character not in "\u0307\u0131"
    return same


def _fold_by_bytes(utf8: bytes) -> Optional[str]:
    """`prefilter_fold` of the text whose UTF-8 (surrogatepass) is `utf8`, when every non-ASCII
    character in it folds to itself (curly quotes, dashes, no-break spaces, lower-case
    accented letters: most drafts); else None. Then the folding is the ASCII bytes lowered:
    `casefold()` maps each character on its own (no context), is `lower()` on ASCII, and
    leaves those characters alone, as `prefilter_fold`'s Turkic replacements do (U+0307 and
    U+0131 are never taken as folding to themselves); `bytes.lower` changes A-Z only, never a
    byte of a multi-byte sequence. A C pass each to find the other characters, lower and
    decode, and per distinct character a dictionary look-up and a `replace` of the few
    non-ASCII bytes left (a set of them past a few: a draft in another script)."""
    rest = utf8.translate(None, _ASCII_BYTES)  # whole sequences: ASCII bytes are never inside one
    if len(rest) * 8 > len(utf8):
        return None  # a draft in another script: `casefold()` itself costs less than a set of it
    for _ in range(8):
        if not rest:
            break
        lead = rest[0]
        sequence = rest[: 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4]
        if not _folds_to_itself(sequence.decode("utf-8", "surrogatepass")):
            return None
        rest = rest.replace(sequence, b"")
    else:
        if rest and not all(map(_folds_to_itself, set(rest.decode("utf-8", "surrogatepass")))):
            return None
    return utf8.lower().decode("utf-8", "surrogatepass")


SCOPES = ("line", "sentence", "paragraph", "draft", "headline", "body")


def split_sentences(text: str, start: int, end: int) -> List[Span]:
    """Sentence spans in text[start:end], AP-abbreviation aware (`Gen.`, `U.S.`, `p.m.`)."""
    return _split_paragraphs(text, [(start, end)])


@functools.lru_cache(maxsize=4)
def _longest_abbreviation(abbreviations: tuple) -> int:
    """The length of the longest word the splitter must look up (`tables.abbreviations`'
    never-end and may-end words, and an initial's two characters): a longer word is none."""
    never_end, may_end, _ = abbreviations
    return max(2, max(map(len, never_end), default=0), max(map(len, may_end), default=0))


@functools.lru_cache(maxsize=4)
def _abbreviation_ends(abbreviations: tuple) -> Tuple[frozenset, frozenset]:
    """(the two characters before the full stop of every never-end and may-end word of three
    characters or more, the letters of those of two): a word ending at a full stop can be one
    of them, or an initial (a capital and its stop), only where the two characters before the
    stop are one of the first, or the one before it is one of the second or a capital. Most
    sentence ends ("said.", "killed.", "today.") are none: their word is not even read."""
    words = [w for table in abbreviations[:2] for w in table]
    return frozenset(w[-3:-1] for w in words if len(w) >= 3), frozenset(w[0] for w in words if len(w) == 2)


def _split_paragraphs(text: str, paragraphs) -> List[Span]:
    """Sentence spans of every paragraph in `paragraphs` (sorted, disjoint spans), exactly
    `split_sentences` paragraph by paragraph, in one pass.

    One search for sentence ends (`_SENTENCE_END`'s matches, found with `str.find` and written
    out in the loop: no list of candidates made and read again) runs over all the paragraphs
    at once. Exact because
    paragraphs are separated (and ended) by white space only: a candidate (punctuation and
    closing marks, never white space) lies inside one paragraph, and one reaching that
    paragraph's end is dropped either way (per paragraph its `(?=\\s)` fails at the bound;
    here the empty rest of the paragraph drops it). Each candidate is judged against its own
    paragraph's bounds."""
    never_end, may_end, openers = abbreviations = tables.abbreviations()
    longest = _longest_abbreviation(abbreviations)
    tails, letters = _abbreviation_ends(abbreviations)
    opening_word = _OPENING_WORD.match
    spans: List[Span] = []
    append = spans.append
    if not paragraphs:
        return spans
    count = len(paragraphs)
    index = 0
    start, end = paragraphs[0]
    sentence_start = start
    scan_start = start
    scan_end = paragraphs[-1][1]
    position = scan_start  # where the last candidate ended
    for at in literal_starts(text, ".!?", scan_start, scan_end):
        # ---- is there a candidate (a match of `_SENTENCE_END`) at `at`, and where does it stop?
        if at < position:
            continue  # inside the run of the mark before: matched with it
        before = text[at - 1]  # (read once: the abbreviation test below reads it too)
        if before in ".!?" and at > scan_start:
            continue  # in a run of marks whose first failed: failing as it did
        stop = at + 1
        if stop < scan_end and text[stop] in " \n":
            pass  # most ends: one mark, then a space or a line end
        else:
            while stop < scan_end and text[stop] in ".!?":
                stop += 1
            while stop < scan_end and text[stop] in _CLOSERS:
                stop += 1
            if stop >= scan_end:
                continue  # `(?=\s)` fails at the end of the searched text
            c = text[stop]
            if c >= "\x80":
                m = _SENTENCE_END.match(text, at, scan_end)
                if m is None:
                    continue
                stop = m.end()
            elif c not in _ASCII_SPACE:
                continue
        position = stop
        # ---- the candidate at..stop, judged in its paragraph
        if at >= end:
            # past this paragraph: close it (and any without a candidate) up to its paragraph
            while True:
                if sentence_start < end:
                    append((sentence_start, end))
                index += 1
                start, end = paragraphs[index]
                sentence_start = start
                if at < end:
                    break
        if stop >= end:
            continue  # nothing follows in the paragraph: no sentence starts after it
        if ((text[at - 2 : at] in tails or before in letters or before.isupper())
                and text[at] == "." and (stop == at + 1 or text[at + 1] != ".") and at > start):
            # (the word can be an abbreviation or an initial: `_abbreviation_ends`; the two
            # characters may reach before the window, which only lets more words be read; that
            # test, which most stops fail, comes first: at the text's start its reads of
            # text[-1] and text[-2:0] are harmless, `at > start` deciding)
            # word = _word_before(text, low, at), for most stops without the call: a plain word
            # after a space: letters back to the last space in the window (or to the window's
            # start) are the whole word, since neither a space nor the window's edge lets it
            # reach further back (`_word_before`'s loop, in C)
            low = at - 30
            if low < start:
                low = start
            w = text.rfind(" ", low, at) + 1
            if w < low:
                w = low
            if w < at and text[w:at].isalpha():
                # a plain word longer than every abbreviation is none: not copied nor looked up
                word = text[w : at + 1] if at - w < longest else None
            else:
                word = _word_before(text, low, at)  # ("" when no letter precedes the stop)
            if word and len(word) <= longest:
                # "Kenneth F. McKenzie": a single capital is an initial
                if len(word) == 2 and word[0].isupper():
                    continue
                if word in never_end:
                    continue
                if word in may_end:
                    nxt = opening_word(text, stop, end)
                    if not nxt or nxt.group(1) not in openers:
                        continue
        # the next sentence must start with something that can start one (text[stop] is white
        # space: the candidate ends before it, and every `\s` is `isspace`)
        following = stop + 1
        while following < end:
            opening = text[following]  # (read once: the test below reads it too)
            if not opening.isspace():
                break
            following += 1
        else:
            continue  # only white space follows in the paragraph
        if opening.islower():
            continue
        append((sentence_start, stop))
        sentence_start = following
    while True:
        if sentence_start < end:
            append((sentence_start, end))
        index += 1
        if index == count:
            return spans
        start, end = paragraphs[index]
        sentence_start = start


_ASCII_SPACE = " \t\n\x0b\x0c\r"  # the ASCII characters `\s` matches (not \x1c-\x1f: isspace does)
_CLOSERS = "\"”’')]"  # what may follow the terminal punctuation in `_SENTENCE_END`


def _word_before(text: str, low: int, dot: int) -> str:
    """The abbreviation-like word ending in the full stop at `dot`, starting at `low` or later:
    letter runs joined by single dots (`U.S.`, `Gen.`, `p.m.`), or "" when a letter does not
    precede the dot. What `_WORD_BEFORE.search(text, low, dot + 1)` finds, without the regex:
    that search tried every start in the window and was the splitter's main cost."""
    start = dot - 1
    if start < low or not text[start].isalpha():
        return ""
    while True:
        while start - 1 >= low and text[start - 1].isalpha():
            start -= 1
        if start - 2 >= low and text[start - 1] == "." and text[start - 2].isalpha():
            start -= 2
            continue
        return text[start : dot + 1]


_QUOTE_MARKS = "“”\""  # the quotation marks quotes open and close with


def literal_starts(text: str, literals, start: int = 0, end: Optional[int] = None,
                   most: Optional[int] = None) -> Optional[List[int]]:
    """Where any of `literals` (non-empty strings) starts in text[start:end], in order (an
    offset once for each literal starting there): one `str.find` loop a literal, a memchr-like
    scan, which beats a regex's test of a class or an alternation at every offset many times.
    With `most`: None as soon as there are more places than that (a caller for whom a plain
    search is cheaper where the literals are common)."""
    if end is None:
        end = len(text)
    found: List[int] = []
    append = found.append
    find = text.find
    for literal in literals:
        i = find(literal, start, end)
        while i >= 0:
            append(i)
            if most is not None and len(found) > most:
                return None
            i = find(literal, i + 1, end)
    found.sort()
    return found


def _quote_marks(text: str, start: int, end: int) -> List[int]:
    """Offsets of the quotation marks (`_QUOTE_MARKS`) in text[start:end], in order."""
    return literal_starts(text, _QUOTE_MARKS, start, end)


def find_quotes(text: str, paragraphs: List[Span]) -> List[Quote]:
    """Quotation spans, curly or straight, following AP's paragraph rule.

    A quote left open at the end of a paragraph continues when the next paragraph opens with a
    quote mark; otherwise it ends, unclosed, at the end of its paragraph.

    One search for marks runs over all the paragraphs (sorted, disjoint spans); only paragraphs
    holding a mark are visited. Exact: nothing happens in a paragraph without a mark unless a
    quote is open there, and an open quote only runs on into a paragraph opening with a mark.
    """
    quotes: List[Quote] = []
    if not paragraphs:
        return quotes
    open_at: Optional[int] = None
    spanned = 1
    index = 0
    p_start, p_end = paragraphs[0]
    continuing = False
    for at in _quote_marks(text, p_start, paragraphs[-1][1]):
        if at >= p_end:
            # leaving paragraph `index` for a later one, which exists since it holds `at`
            if open_at is not None:
                if text[paragraphs[index + 1][0]] in "“\"":
                    spanned += 1
                else:
                    quotes.append(Quote(open_at, p_end, closed=False, paragraphs=spanned))
                    open_at = None
            index += 1
            while at >= paragraphs[index][1]:
                index += 1  # paragraphs without a mark, and no quote open in them
            p_start, p_end = paragraphs[index]
            continuing = open_at is not None
        if at < p_start:
            continue  # between the spans: never looked at
        mark = text[at]
        if continuing and at == p_start:
            continuing = False
            continue  # the reopening mark of a continued quote
        continuing = False
        if open_at is None:
            if mark == "”":
                # a closing mark with nothing open: a stray, recorded as a one-char quote
                quotes.append(Quote(at, at + 1, closed=False))
                continue
            open_at, spanned = at, 1
        elif mark == "“":
            # opened again before closing: the first one never closed
            quotes.append(Quote(open_at, at, closed=False, paragraphs=spanned))
            open_at, spanned = at, 1
        else:
            quotes.append(Quote(open_at, at + 1, closed=True, paragraphs=spanned))
            open_at = None
    if open_at is not None:
        # the next paragraph, if any, holds no mark, so it does not open with one
        quotes.append(Quote(open_at, p_end, closed=False, paragraphs=spanned))
    return quotes
