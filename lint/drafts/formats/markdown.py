"""Markdown drafts: the prose of a CommonMark document (tables included), mapped to its source.

markdown-it-py parses the draft (with mdit-py-plugins' front matter); block tokens carry their
source lines, and each inline token's children are found in those lines in order, so every
prose character maps to its exact source offset.

Prose: paragraphs, headings, list items, block quotes, table cells, link text, emphasis.
Not prose: YAML front matter (metadata; its `headline` or `title` becomes the draft's headline,
the first paragraph of the text, mapped to where it stands in the front matter), fenced and
indented code, inline code, images, URLs (autolinks, bare URLs, link targets), HTML comments
and tags. Prose inside an HTML block (`<div>...</div>`) is read as HTML.
"""

from __future__ import annotations

import datetime
import functools
from typing import List, Optional

import yaml
from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from mdit_py_plugins.front_matter import front_matter_plugin

from lint.drafts.document import Document, normalize_newlines
from lint.drafts.formats.builder import Block, build_document, translate
from lint.engine.patterns import lazy_compile
from lint.engine.rx import regex

_NEWLINE = lazy_compile(r"\n")


@functools.lru_cache(maxsize=None)
def _code_fence(markup: str):
    """The closing run of backticks of an inline code span opened by `markup` (a few lengths
    in all: kept, and compiled from the compiled-pattern cache)."""
    return lazy_compile(rf"(?<!`){regex.escape(markup)}(?!`)")
_EMPHASIS = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}
_HEADLINE_KEYS = ("headline", "title")


@functools.lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").use(front_matter_plugin).enable(["table", "strikethrough"])
    # keep escapes and entities as their own tokens (`text_special`), so we know their source
    md.disable("text_join")
    return md


def parse(path: str, source: str, notices: Optional[list] = None) -> Document:
    norm, newline_map = normalize_newlines(source)
    extractor = _Extractor(norm, notices, path)
    extractor.run()
    blocks = translate(extractor.blocks, newline_map)
    has_title = extractor.title_block is not None and extractor.title_block.trimmed()
    if has_title:
        blocks = [translate([extractor.title_block], newline_map)[0]] + blocks
    return build_document(path, source, blocks, "markdown", extractor.metadata, headline_first=bool(has_title))


class _Extractor:
    def __init__(self, norm: str, notices, path):
        self.norm = norm
        self.notices = notices
        self.path = path
        self.blocks: List[Block] = []
        self.metadata: dict = {}
        self.title_block: Optional[Block] = None
        self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(norm)]
        self._cursor_map = None
        self._cursor = 0

    def line_offset(self, line: int) -> int:
        if line < len(self._line_starts):
            return self._line_starts[line]
        return len(self.norm)

    def run(self) -> None:
        tag = ""
        for token in _parser().parse(self.norm):
            if token.type == "front_matter":
                self.front_matter(token)
            elif token.type == "heading_open":
                tag = token.tag
            elif token.type == "heading_close":
                tag = ""
            elif token.type == "inline":
                block = Block(tag)
                self.inline(token, block)
                self.blocks.append(block)
            elif token.type == "html_block" and token.map:
                self.html_block(token)
            # fence, code_block, hr, html comments: not prose

    # ---- front matter ----------------------------------------------------------------

    def front_matter(self, token) -> None:
        content = token.content
        start = self.line_offset(token.map[0] + 1) if token.map else 0
        if self.norm[start : start + len(content)] != content:
            found = self.norm.find(content)
            start = found if found >= 0 else start
        try:
            node = yaml.compose(content, Loader=yaml.SafeLoader)
            data = yaml.safe_load(content)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f" (front matter line {mark.line + 1})" if mark is not None else ""
            self._notice(f"front matter is not valid YAML{where}; read as metadata-free")
            return
        if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
            return
        self.metadata = {str(k): _plain(v) for k, v in data.items()}
        for wanted in _HEADLINE_KEYS:
            for key_node, value_node in node.value:
                if key_node.value == wanted and isinstance(value_node, yaml.ScalarNode) and value_node.value.strip():
                    self.title_block = self._scalar_block(value_node, start)
                    self.metadata.setdefault("title", value_node.value)
                    return

    def _scalar_block(self, node, base: int) -> Block:
        block = Block("title")
        value = node.value
        start, end = base + node.start_mark.index, base + node.end_mark.index
        raw = self.norm[start:end]
        if raw == value:
            block.add_prose(value, start)
        elif node.style in ("'", '"') and raw[1:-1] == value:
            block.add_prose(value, start + 1)
        else:
            # escapes or folded lines: the whole scalar stands for the value, as one span
            block.add(value.replace("\n", " "), start, end)
        return block

    def _notice(self, message: str) -> None:
        if self.notices is not None:
            self.notices.append(f"{self.path}: {message}")

    # ---- HTML blocks -----------------------------------------------------------------

    def html_block(self, token) -> None:
        from lint.drafts.formats import html

        start = self.line_offset(token.map[0])
        end = self.line_offset(token.map[1])
        for block in html.extract(self.norm[start:end]).blocks:
            block.pieces = [(t, s + start, e + start, o) for t, s, e, o in block.pieces]
            self.blocks.append(block)

    # ---- inline content --------------------------------------------------------------

    def inline(self, token, block: Block) -> None:
        norm = self.norm
        if token.map:
            region_start = self.line_offset(token.map[0])
            region_end = self.line_offset(token.map[1])
            # table cells share their row's lines: go on from the previous cell
            pos = self._cursor if self._cursor_map == tuple(token.map) else region_start
            self._cursor_map = tuple(token.map)
        else:
            region_start, region_end, pos = self._cursor, len(norm), self._cursor
        children = token.children or []
        i = 0
        while i < len(children):
            child = children[i]
            kind = child.type
            if kind == "text":
                if child.content:
                    j = norm.find(child.content, pos, region_end)
                    if j >= 0:
                        block.add_prose(child.content, j)
                        pos = j + len(child.content)
            elif kind == "text_special":
                j = norm.find(child.markup, pos, region_end) if child.markup else -1
                if j >= 0:
                    block.add(child.content, j, j + len(child.markup))
                    pos = j + len(child.markup)
            elif kind in ("softbreak", "hardbreak"):
                j = norm.find("\n", pos, region_end)
                if j >= 0:
                    block.add("\n", j)
                    pos = j + 1
            elif kind == "code_inline":
                j = norm.find(child.markup, pos, region_end)
                if j >= 0:
                    fence = _code_fence(child.markup)
                    close = fence.search(norm, j + len(child.markup), region_end)
                    end = close.end() if close else j + len(child.markup)
                    block.add_opaque(j, end)
                    pos = end
            elif kind == "html_inline":
                j = norm.find(child.content, pos, region_end)
                if j >= 0:
                    pos = j + len(child.content)
            elif kind in _EMPHASIS:
                j = norm.find(child.markup, pos, region_end) if child.markup else -1
                if j >= 0:
                    pos = j + len(child.markup)
            elif kind == "link_open" and child.markup == "autolink":
                j = norm.find("<", pos, region_end)
                k = norm.find(">", j + 1, region_end) if j >= 0 else -1
                if j >= 0 and k >= 0:
                    block.add_opaque(j, k + 1)
                    pos = k + 1
                while i + 1 < len(children) and children[i].type != "link_close":
                    i += 1
            elif kind == "link_open":
                j = norm.find("[", pos, region_end)
                if j >= 0:
                    pos = j + 1
            elif kind == "link_close":
                j = norm.find("]", pos, region_end)
                if j >= 0:
                    pos = _skip_link_tail(norm, j + 1, region_end)
            elif kind == "image":
                j = norm.find("![", pos, region_end)
                if j >= 0:
                    end = _skip_link_tail(norm, _skip_label(norm, j + 1, region_end), region_end)
                    block.add_opaque(j, end)
                    pos = end
            i += 1
        self._cursor = pos


def _skip_label(text: str, pos: int, end: int) -> int:
    """From a `[` at pos, the offset just after its matching `]`."""
    depth = 0
    i = pos
    while i < end:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return end


def _skip_link_tail(text: str, pos: int, end: int) -> int:
    """After a link's `]`: skip `(destination "title")` or `[label]`, if there."""
    if pos < end and text[pos] == "[":
        close = text.find("]", pos, end)
        return close + 1 if close >= 0 else pos
    if pos >= end or text[pos] != "(":
        return pos
    i = pos + 1
    while i < end and text[i] in " \t\n":
        i += 1
    result = parseLinkDestination(text, i, end)
    if result.ok:
        i = result.pos
        while i < end and text[i] in " \t\n":
            i += 1
        title = parseLinkTitle(text, i, end)
        if title.ok:
            i = title.pos
            while i < end and text[i] in " \t\n":
                i += 1
    if i < end and text[i] == ")":
        return i + 1
    close = text.find(")", pos, end)
    return close + 1 if close >= 0 else pos


def _plain(value):
    """Front matter values as plain, picklable data (dates as ISO strings)."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
