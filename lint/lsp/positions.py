"""Between copydesk's positions and the editor's: exact, for every position encoding.

copydesk counts a draft's lines at line feeds and its columns in characters (code points,
1-based; `lint.model.Finding`). The Language Server Protocol counts lines at `\\n`, `\\r\\n`
and a lone `\\r`, and columns 0-based in the units the client and server agreed on
(`positionEncoding`): UTF-16 code units (the default: an emoji is two), UTF-8 bytes (a curly
quote is three) or UTF-32 code points. Both directions go through a source offset (a
character index into the draft's text), so a lone `\\r`, a CRLF or a character outside the
Basic Multilingual Plane lands where the editor shows it.
"""

from __future__ import annotations

import bisect
import re
from typing import List, Tuple

from lint.drafts.document import line_starts

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_LINE_BREAK = re.compile(r"\r\n?|\n")


def units(text: str, encoding: str) -> int:
    """How many units of `encoding` the text takes."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class Lines:
    """One draft's text with its line starts counted both ways."""

    def __init__(self, source: str):
        self.source = source
        self.copydesk_starts = line_starts(source)
        self.lsp_starts = _lsp_line_starts(source)

    def offset(self, line: int, column: int) -> int:
        """The source offset of copydesk's 1-based (line, column), clamped into the text."""
        starts = self.copydesk_starts
        line = min(max(line, 1), len(starts))
        return min(starts[line - 1] + max(column, 1) - 1, len(self.source))

    def position(self, offset: int, encoding: str) -> Tuple[int, int]:
        """The LSP (line, character) of a source offset."""
        offset = min(max(offset, 0), len(self.source))
        line = bisect.bisect_right(self.lsp_starts, offset) - 1
        start = self.lsp_starts[line]
        if offset > start and self.source[offset - 1] == "\r" and offset < len(self.source) and self.source[offset] == "\n":
            offset -= 1  # between CR and LF: the end of the line's text
        return line, units(self.source[start:offset], encoding)

    def to_offset(self, line: int, character: int, encoding: str) -> int:
        """The source offset of an LSP (line, character); past the end of a line: its end."""
        if line >= len(self.lsp_starts):
            return len(self.source)
        start = self.lsp_starts[max(line, 0)]
        end = self.lsp_starts[line + 1] if line + 1 < len(self.lsp_starts) else len(self.source)
        text = self.source[start:end].rstrip("\r\n")
        if encoding == UTF32:
            return start + min(character, len(text))
        count = 0
        for index, ch in enumerate(text):
            if count >= character:
                return start + index
            count += units(ch, encoding)
        return start + len(text)


def _lsp_line_starts(source: str) -> List[int]:
    return [0] + [m.end() for m in _LINE_BREAK.finditer(source)]
