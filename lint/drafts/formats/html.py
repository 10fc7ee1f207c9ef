"""HTML drafts (a story pasted from a CMS): the text nodes, mapped to their source positions.

The stdlib `html.parser` tokenizes; `getpos()` says where each text node, tag and entity
starts. Entities are decoded for the rules (`&amp;` reads as `&`) but stand for their whole
source span, so findings and fixes point at the source.

- `script`, `style`, `noscript`, `template`, `svg`, `iframe`, `object`, `pre` and everything
  in `head` but `title` are not prose; `code`, `kbd`, `samp` and bare URLs inside a sentence
  become one placeholder character (see `builder.PLACEHOLDER`).
- Block elements (`p`, `h1`-`h6`, `li`, `div`, `br`, `blockquote`, `td`, ...) end a paragraph.
- The headline is the first `h1`, or else `<title>`; it becomes the first paragraph of the
  text. When an `h1` is the headline, the `title` is metadata only (CMS titles carry the site's
  name).
"""

from __future__ import annotations

import html
from html.parser import HTMLParser
from typing import List, Optional

from lint.drafts.document import Document, normalize_newlines
from lint.drafts.formats.builder import Block, build_document, translate
from lint.engine.patterns import lazy_compile

SKIP = frozenset({"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "pre", "textarea", "select", "head"})
OPAQUE_INLINE = frozenset({"code", "kbd", "samp", "var"})
BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "title", "option",
        "button", "label", "legend", "img",
    }
)
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"})

# what html.parser takes for an entity or character reference
_ENTITY = lazy_compile(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][-.a-zA-Z0-9]*);?")
# what may stand in <head>; anything else means the body began without </head>
_NEWLINE = lazy_compile(r"\n")
_HEAD_CONTENT = frozenset({"title", "meta", "link", "style", "script", "base", "noscript", "template"})


class Extracted:
    def __init__(self):
        self.blocks: List[Block] = []
        self.title: Optional[Block] = None
        self.h1: Optional[Block] = None


class _Parser(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.result = Extracted()
        self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self._skip: List[str] = []  # open elements whose content is not prose
        self._opaque: Optional[tuple] = None  # (tag, start) of an open inline code element
        self._in_title = False
        self._block = Block()

    def _here(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    # ---- blocks ----------------------------------------------------------------------

    def _end_block(self) -> None:
        if self._block.pieces:
            self.result.blocks.append(self._block)
        self._block = Block()

    def _start_special(self, tag: str) -> None:
        self._end_block()
        self._block.tag = tag

    # ---- events ----------------------------------------------------------------------

    def handle_starttag(self, tag, attrs):
        self._start(tag, self._here(), self.get_starttag_text() or "")

    def handle_startendtag(self, tag, attrs):
        self._start(tag, self._here(), self.get_starttag_text() or "")
        self._end(tag, self._here())

    def _start(self, tag, start, raw):
        if self._skip == ["head"] and tag not in _HEAD_CONTENT:
            self._skip.pop()  # </head> is optional
        if tag == "title" and not self._skip_only_head():
            return
        if tag == "title":
            self._start_special("title")
            self._in_title = True
            return
        if self._skip:
            if tag in SKIP and tag not in VOID:
                self._skip.append(tag)
            return
        if tag in SKIP:
            self._skip.append(tag)
            return
        if self._opaque is not None:
            return
        if tag in OPAQUE_INLINE:
            self._opaque = (tag, start)
            return
        if tag == "h1" and self.result.h1 is None:
            self._start_special("h1")
            return
        if tag in BLOCKS:
            self._end_block()

    def _skip_only_head(self) -> bool:
        return self._skip in ([], ["head"])

    def handle_endtag(self, tag):
        self._end(tag, self._here())

    def _end(self, tag, start):
        if tag == "title" and self._in_title:
            self._in_title = False
            if self._block.pieces and self.result.title is None:
                self.result.title = self._block
            self._block = Block()
            return
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            elif tag in self._skip:  # unclosed children: close up to it
                del self._skip[self._skip.index(tag) :]
            return
        if self._opaque is not None:
            if tag == self._opaque[0]:
                close = self.text.find(">", start)
                end = close + 1 if close >= 0 else len(self.text)
                self._block.add_opaque(self._opaque[1], end)
                self._opaque = None
            return
        if tag == "h1" and self._block.tag == "h1":
            if self._block.pieces and self.result.h1 is None:
                self.result.h1 = self._block
                self.result.blocks.append(self._block)
            self._block = Block()
            return
        if tag in BLOCKS:
            self._end_block()

    def _prose_allowed(self) -> bool:
        return self._in_title or (not self._skip and self._opaque is None)

    def handle_data(self, data):
        if self._prose_allowed():
            self._block.add_prose(data, self._here())

    def _reference(self):
        if not self._prose_allowed():
            return
        start = self._here()
        m = _ENTITY.match(self.text, start)
        if not m:
            return
        raw = m.group()
        decoded = html.unescape(raw)
        if decoded == raw:  # not an entity after all: literal text
            self._block.add_prose(raw, start)
        else:
            self._block.add(decoded, start, m.end())

    def handle_entityref(self, name):
        self._reference()

    def handle_charref(self, name):
        self._reference()

    def finish(self) -> Extracted:
        self.close()
        if self._opaque is not None:  # never closed: the rest is code
            self._block.add_opaque(self._opaque[1], len(self.text))
            self._opaque = None
        if self._in_title and self._block.pieces and self.result.title is None:
            self.result.title = self._block
            self._block = Block()
        self._end_block()
        return self.result


def extract(text: str) -> Extracted:
    """Blocks of prose (offsets into `text`), the `<title>` block and the first `h1` block."""
    parser = _Parser(text)
    parser.feed(text)
    return parser.finish()


def parse(path: str, source: str, notices: Optional[list] = None) -> Document:
    norm, newline_map = normalize_newlines(source)
    result = extract(norm)
    blocks = result.blocks
    metadata = {}
    if result.title is not None:
        metadata["title"] = " ".join(result.title.text().split())
    headline = result.h1 or result.title
    if headline is not None and headline.trimmed():
        blocks = [headline] + [b for b in blocks if b is not headline]
    else:
        headline = None
    blocks = translate(blocks, newline_map)
    return build_document(path, source, blocks, "html", metadata, headline_first=headline is not None)
