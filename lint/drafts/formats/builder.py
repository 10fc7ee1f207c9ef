"""Build a Document's prose `text` and its `OffsetMap` from pieces of a marked-up source.

An extractor (Markdown, HTML) cuts the source into *blocks* (a paragraph, a heading, a list
item, a table cell) made of *pieces*: a run of prose with the source span it came from.

- A piece whose text has the same length as its source span is verbatim: each text character
  maps to the source character at the same distance (most prose).
- A shorter piece stands for its whole source span (`&amp;` as `&`, `\\*` as `*`, a line end
  saved as CRLF as `\\n`, an inline code span or URL as one placeholder character): its first
  character maps to the span's start and a span ending after it ends where the source span ends.

Blocks are joined with a blank line, so paragraphs, the headline and line-based rules work as on
plain text. Source between pieces that is not white space (tags, Markdown markup, code blocks,
comments) is recorded in `skipped`: `--fix` never edits across it, so a fix cannot eat markup
or code.
"""

from __future__ import annotations

from lint.drafts.document import Document, OffsetMap
from lint.engine.patterns import lazy_compile

# Stands in the prose for something that is not prose but sits inside a sentence (inline code,
# a URL, an image): not a letter, digit, space or punctuation mark, so no rule reads it as a
# word, a sentence end or a double space.
PLACEHOLDER = "\ufffc"

# A bare URL in prose: not prose, replaced by the placeholder. Trailing sentence punctuation
# stays prose ("see example.com/page.").
_URL = lazy_compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"“”]*[^\s<>\"“”.,;:!?’')\]]")


class MarkupMap(OffsetMap):
    """An OffsetMap that also knows which source spans are markup, not prose."""

    __slots__ = ("skipped",)

    def __init__(self, breaks=None, skipped=()):
        super().__init__(breaks)
        self.skipped = list(skipped)


class Block:
    __slots__ = ("pieces", "tag")

    def __init__(self, tag: str = ""):
        self.pieces = []  # (text, source_start, source_end, opaque)
        self.tag = tag

    def add(self, text: str, start: int, end: int = None, opaque: bool = False) -> None:
        if not text:
            return
        if self.pieces and text[0] in " \t" and (end is None or end - start == len(text)):
            last_text, _, last_end, _ = self.pieces[-1]
            if last_end != start and last_text[-1] in " \t\u00a0":
                # "said <!-- note --> today": skipped markup between two spaces must not
                # leave a double space the rules would flag
                stripped = text.lstrip(" \t")
                start += len(text) - len(stripped)
                text = stripped
                if not text:
                    return
        self.pieces.append((text, start, start + len(text) if end is None else end, opaque))

    def add_prose(self, text: str, start: int) -> None:
        """Verbatim prose, with bare URLs turned into placeholders."""
        if "://" not in text and "www." not in text:
            self.add(text, start)
            return
        position = 0
        for m in _URL.finditer(text):
            self.add(text[position : m.start()], start + position)
            self.add(PLACEHOLDER, start + m.start(), start + m.end(), opaque=True)
            position = m.end()
        self.add(text[position:], start + position)

    def add_opaque(self, start: int, end: int) -> None:
        """Something inside a sentence that is not prose: one placeholder for its span."""
        if end > start:
            self.add(PLACEHOLDER, start, end, opaque=True)

    def text(self) -> str:
        return "".join(p[0] for p in self.pieces)

    def trimmed(self):
        """The pieces without white space at the block's edges (split pieces where needed)."""
        pieces = list(self.pieces)
        while pieces:
            text, start, end, opaque = pieces[0]
            stripped = text.lstrip()
            if stripped == text:
                break
            if not stripped:
                pieces.pop(0)
                continue
            cut = len(text) - len(stripped)
            if end - start == len(text):
                pieces[0] = (stripped, start + cut, end, opaque)
            break  # a compressed piece keeps its span; never split it
        while pieces:
            text, start, end, opaque = pieces[-1]
            stripped = text.rstrip()
            if stripped == text:
                break
            if not stripped:
                pieces.pop()
                continue
            if end - start == len(text):
                pieces[-1] = (stripped, start, start + len(stripped), opaque)
            break
        return pieces


def build_document(path: str, source: str, blocks, fmt: str, metadata: dict, headline_first: bool) -> Document:
    """The Document of a marked-up draft from its blocks; with `headline_first` the first block
    is the headline (front matter title, <h1>) and is linted as one."""
    text, offsets = assemble(blocks, source)
    headline = None
    if headline_first:
        end = text.find("\n\n")
        headline = (0, len(text) if end < 0 else end)
    return Document(
        path=path,
        source=source,
        text=text,
        offsets=offsets,
        format=fmt,
        metadata=metadata,
        headline_override=headline,
    )


def assemble(blocks, source: str):
    """(text, MarkupMap) from blocks in reading order; blocks are joined with a blank line.

    `source` is the text the pieces' offsets point into (used to tell white space from markup
    between pieces).
    """
    parts = []
    breaks = []
    skipped = []
    t = 0  # length of the text so far
    base_t, base_s = 0, 0  # the last break: text offset base_t maps to source base_s
    source_end = 0  # where the source of the text so far ends

    def set_break(at_text, at_source, end_before):
        nonlocal base_t, base_s
        if breaks and breaks[-1][0] == at_text:
            breaks[-1] = (at_text, at_source, breaks[-1][2])
        else:
            breaks.append((at_text, at_source, end_before))
        base_t, base_s = at_text, at_source

    def note_gap(start, end):
        if end > start and source[start:end].strip():
            skipped.append((start, end))

    first = True
    for block in blocks:
        pieces = block.trimmed()
        if not pieces:
            continue
        if not first:
            next_start = pieces[0][1]
            gap = source[source_end:next_start] if next_start >= source_end else None
            if gap is not None and not gap.strip():
                # only white space between the blocks: the blank line stands for it
                if base_s + t - base_t != source_end:
                    set_break(t, source_end, source_end)
                parts.append("\n\n")
                t += 2
                set_break(t, next_start, next_start)
                source_end = next_start
            else:
                # markup between the blocks: the made-up blank line maps to where prose resumes
                if gap is not None:
                    note_gap(source_end, next_start)
                set_break(t, next_start, source_end)
                parts.append("\n\n")
                t += 2
                set_break(t, next_start, next_start)
                source_end = next_start
        first = False
        for text, start, end, opaque in pieces:
            if base_s + t - base_t != start:
                if start >= source_end:
                    note_gap(source_end, start)
                set_break(t, start, source_end)
            if opaque:
                skipped.append((start, end))
            parts.append(text)
            t += len(text)
            source_end = end
    if breaks or parts:
        if base_s + t - base_t != source_end:
            set_break(t, source_end, source_end)
    # a map whose only break is (0, 0) is the identity
    if len(breaks) == 1 and breaks[0] == (0, 0, 0):
        breaks = []
    return "".join(parts), MarkupMap(breaks, skipped)


def translate(blocks, newline_map):
    """Pieces found in the LF-normalized source, moved to offsets in the real source.

    A verbatim piece that crosses a CRLF line end is split there; the `\\n` standing for
    `\\r\\n` becomes its own compressed piece.
    """
    if newline_map.identity:
        return blocks
    to_source, end_to_source = newline_map.to_source, newline_map.end_to_source
    for block in blocks:
        pieces = []
        for text, start, end, opaque in block.pieces:
            if opaque or end - start != len(text) or "\n" not in text:
                pieces.append((text, to_source(start), end_to_source(end), opaque))
                continue
            position = 0
            while position < len(text):
                i = text.find("\n", position)
                if i < 0:
                    i = len(text)
                if i > position:
                    s = to_source(start + position)
                    pieces.append((text[position:i], s, s + i - position, False))
                if i < len(text):
                    pieces.append(("\n", to_source(start + i), end_to_source(start + i + 1), False))
                position = i + 1
        block.pieces = pieces
    return blocks
