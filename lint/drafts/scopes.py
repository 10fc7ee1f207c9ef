"""Structural scopes of a draft: its headings, list items, table cells, block quotes, image alt
text, links, inline code and raw markup, each as a block of text mapped to the source.

Rules that name a structural scope (Vale styles do: `heading.h2`, `list`, `table.cell`,
`~blockquote & ~heading`, `raw`, `alt`, `link`, `code`) read these blocks; nothing builds them
for a rule that does not ask (`scoped_blocks(doc)` is computed on first use and kept on the
Document).

A Markdown draft (markdown-it) and an HTML draft (the standard library's parser) are both read
as a stream of events (a tag opens, closes; text; a comment), and one walker turns the stream
into blocks the way Vale reads the HTML it renders: text gathers until a block-level tag
closes; the block's scope is the first block-level tag seen since the last block (`li` ->
`text.list`, `h2` -> `text.heading.h2`, `td` -> `text.table.cell`, `blockquote` ->
`text.blockquote`), else it is prose (`text`, split into `paragraph` and `sentence` blocks).
Text inside `pre`, `script`, `style`, `figure` is skipped; inline code is masked with `*` in the
prose (and read on its own as `code`); emphasis, strong text and links are read twice: in
their block and on their own (`emphasis`, `strong`, `link`). Image alt text is `text.attr.alt`.
The whole source is one `raw` block, and the prose blocks together one `summary` block.

A plain-text draft is one `text` block, with its `paragraph` and `sentence` blocks; its
headline (copydesk's) is also `text.heading.h1`.

Selectors (`scope_matches`) follow Vale's: a scope is a list of alternatives; an alternative
is parts joined by `&`; a part is dotted sections that must all be in the block's scope, or,
after `~`, must not be (a negated part never matches `raw` or `summary`).
"""

from __future__ import annotations

import bisect
import html as html_module
from html.parser import HTMLParser
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from lint.engine.patterns import lazy_compile
from lint.engine.rx import regex

SKIP_TAGS = ("script", "style", "pre", "figure", "noscript", "iframe")
SKIP_CLASSES = ("problematic", "pre", "code")
INLINE_TAGS = (
    "b", "big", "i", "small", "abbr", "acronym", "cite", "dfn", "em", "kbd", "strong", "a", "br",
    "img", "span", "sub", "sup", "code", "tt", "del",
)
MASKED_TAGS = ("tt", "code", "kbd")
TAG_SCOPES = {
    "th": "text.table.header",
    "td": "text.table.cell",
    "caption": "text.table.caption",
    "li": "text.list",
    "dd": "text.list",
    "dt": "text.list",
    "blockquote": "text.blockquote",
    "figcaption": "text.figure.caption",
    "strong": "strong",
    "b": "strong",
    "a": "link",
    "em": "emphasis",
    "i": "emphasis",
    "code": "code",
}
_PARAGRAPH_BREAK = lazy_compile(r"\n[ \t]*\n\s*")
_NEWLINE = lazy_compile(r"\n")
_ALT_ATTRIBUTE = lazy_compile(r"""\balt\s*=\s*(["']?)""")
_HEADING_TAG = lazy_compile(r"h[1-6]")
_PUNCT_STARTERS = ".?!,:;"
_VALE_COMMENT = lazy_compile(r"^\s*vale\s+(.+?)\s*$", regex.DOTALL)

EXTENSIONS = {"markdown": "md", "html": "html", "text": "txt"}


class ScopedBlock:
    """Text of one scope, with the source offset of each character (`starts`)."""

    __slots__ = ("scope", "text", "starts", "parent", "end", "_source")

    def __init__(self, scope: str, text: str, starts: List[int], parent: Optional[str] = None, end: int = 0):
        self.scope = scope
        self.text = text
        self.starts = starts
        self.parent = parent if parent is not None else scope
        self.end = end  # source offset where the block ends (comments before it apply)
        self._source = None

    def straddles(self, start: int, end: int) -> bool:
        """Does text[start:end] join two pieces the source holds on different lines (a list
        item's text and its nested list's)? Vale cannot place such a match, and says nothing."""
        starts = self.starts
        text = self.text
        for k in range(max(start, 0), min(end, len(starts)) - 1):
            if starts[k + 1] - starts[k] > 1 and text[k] != "\n" and text[k + 1] != "\n":
                if "\n" in self._source_gap(k):
                    return True
        return False

    def _source_gap(self, k: int) -> str:
        source = getattr(self, "_source", None)
        return source[self.starts[k] + 1 : self.starts[k + 1]] if source is not None else ""

    def source_span(self, start: int, end: int) -> Tuple[int, int]:
        """Source [start, end) of the block's text[start:end]."""
        starts = self.starts
        if not starts:
            return 0, 0
        if start >= len(starts):
            last = starts[-1] + 1
            return last, last
        begin = starts[start]
        if end <= start:
            return begin, begin
        return begin, max(begin, starts[min(end, len(starts)) - 1] + 1)


class DraftScopes:
    """A draft's structural blocks, its Vale comment switches and its block counts."""

    def __init__(self, blocks: List[ScopedBlock], comments: List[Tuple[int, str]], metrics: Dict[str, int]):
        self.blocks = blocks
        self.comments = comments  # (source offset, comment text), in order
        self.metrics = metrics
        self._comment_offsets = [c[0] for c in comments]

    def switches_before(self, offset: int) -> List[str]:
        """The Vale comments (`vale off`, `vale Style.Rule = NO`) met before `offset`."""
        return [text for _, text in self.comments[: bisect.bisect_left(self._comment_offsets, offset)]]


# ---- selectors -----------------------------------------------------------------------------


def parse_selector(scope) -> List[List[Tuple[bool, Tuple[str, ...]]]]:
    """A rule's `scope` (a string or a list) as alternatives of (negated, sections) parts."""
    values = [scope] if isinstance(scope, str) else list(scope or ["text"])
    out = []
    for value in values:
        parts = []
        for part in str(value).split("&"):
            part = part.strip()
            negated = part.startswith("~")
            if negated:
                part = part[1:].strip()
            parts.append((negated, tuple(s for s in part.split(".") if s)))
        out.append(parts)
    return out


def scope_matches(selector, block_scope: str, parent: Optional[str] = None) -> bool:
    target = set(block_scope.split("."))
    above = set((parent or block_scope).split("."))
    sized = "raw" in target or "summary" in target
    for parts in selector:
        ok = True
        for negated, sections in parts:
            if negated:
                if set(sections) <= above or sized:
                    ok = False
                    break
            elif not set(sections) <= target:
                ok = False
                break
        if ok:
            return True
    return False


# ---- events --------------------------------------------------------------------------------


class _Text:
    __slots__ = ("text", "starts")

    def __init__(self, text: str, starts: List[int]):
        self.text = text
        self.starts = starts


def _verbatim(text: str, start: int) -> _Text:
    return _Text(text, list(range(start, start + len(text))))


class _Walker:
    """Turns (kind, tag, attrs, text) events into ScopedBlocks, as Vale's HTML walker does."""

    def __init__(self, ext: str, skipped: Sequence[str] = SKIP_TAGS, masked: Sequence[str] = MASKED_TAGS,
                 classes: Sequence[str] = ()):
        self.ext = "." + ext
        self.skipped = tuple(skipped)
        self.masked = tuple(masked)
        self.classes = SKIP_CLASSES + tuple(classes)
        self._parent_class = False
        self.blocks: List[ScopedBlock] = []
        self.comments: List[Tuple[int, str]] = []
        self.metrics: Dict[str, int] = {}
        self.summary: List[ScopedBlock] = []
        self._text: List[str] = []
        self._starts: List[int] = []
        self._history: List[str] = []
        self._active = ""
        self._inline = False
        self._mask = False
        self._skip_tag: Optional[str] = None
        self._skip_depth = 0
        self._href = None
        self._last_offset = 0

    # events

    def start(self, tag: str, attrs: Dict[str, str], offset: int, alt: Optional[_Text] = None) -> None:
        self._last_offset = offset
        classes = (attrs.get("class") or "").split()
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth += 1
            return
        skip_class = any(c in self.classes for c in classes)
        self._parent_class = skip_class
        block_skip = skip_class and tag not in INLINE_TAGS
        if tag in self.skipped or block_skip:
            self._skip_tag, self._skip_depth = tag, 1
            self.metrics[tag] = self.metrics.get(tag, 0) + 1
            return
        if tag in ("em", "b") and self._history and self._history[-1] == "code":
            tag = "code"
        self._inline = tag in INLINE_TAGS
        self._mask = tag in self.masked
        self._history.append(tag)
        self._active = tag
        self._href = attrs.get("href")
        if tag == "img" and alt is not None and alt.text.strip() and "alt" not in self.skipped:
            self.blocks.append(ScopedBlock("text.attr.alt", alt.text, alt.starts, end=offset))

    def end(self, tag: str, offset: int) -> None:
        self._last_offset = offset
        self._parent_class = False
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth -= 1
                if self._skip_depth <= 0:
                    self._skip_tag = None
                    self._flush(offset)
            return
        if tag in INLINE_TAGS:
            self._active = ""
            return
        self._flush(offset)

    def text(self, piece: _Text) -> None:
        if self._skip_tag is not None:
            return
        # Vale reads each text node trimmed
        raw = piece.text
        left = len(raw) - len(raw.lstrip())
        right = len(raw.rstrip())
        if right <= left:
            return
        text, starts = raw[left:right], piece.starts[left:right]
        if self._active in TAG_SCOPES and self._active in INLINE_TAGS:
            scope = TAG_SCOPES[self._active]
            self.blocks.append(ScopedBlock(scope, text, starts, parent=self._parent(scope), end=starts[-1] + 1))
            self._active = ""
        masked = self._mask or self._parent_class or (self._href is not None and self._href == text)
        self._parent_class = False
        starter = text[0] in _PUNCT_STARTERS and not self._mask
        if masked:
            text = "".join(c if c == "\n" else "*" for c in text)
            self._mask = False
        if self._inline and not starter:
            self._text.append(" ")
            self._starts.append(starts[0])
        self._text.append(text)
        self._starts.extend(starts)

    def newline(self, offset: int) -> None:
        """A line break inside a paragraph: kept (Vale's text nodes hold it), not trimmed."""
        if self._skip_tag is None and self._text:
            self._text.append("\n")
            self._starts.append(offset)
            self._inline = False  # the next line's text follows the break, not a space

    def comment(self, text: str, offset: int) -> None:
        m = _VALE_COMMENT.match(text)
        if m:
            self.comments.append((offset, m.group(1).strip()))

    # blocks

    def _parent(self, scope: str) -> str:
        root = self._history[0] if self._history else ""
        if root in ("ul", "ol"):
            root = "li"
        elif root == "p":
            root = ""
        base = TAG_SCOPES.get(root, "")
        if not base and _HEADING_TAG.fullmatch(root):
            base = "text.heading." + root
        return ".".join(p for p in (base, scope) if p) + self.ext

    def _flush(self, offset: int) -> None:
        text = "".join(self._text)
        starts = self._starts
        self._text, self._starts = [], []
        history, self._history = self._history, []
        self._inline = False
        if not text.strip():
            return
        for tag in history:
            scope = TAG_SCOPES.get(tag)
            if (scope and tag not in INLINE_TAGS) or _HEADING_TAG.fullmatch(tag):
                if not scope:
                    scope = "text.heading." + tag
                stripped = text.lstrip(" ")
                cut = len(text) - len(stripped)
                block = ScopedBlock(scope + self.ext, stripped, starts[cut:], end=offset)
                self.blocks.append(block)
                name = scope[5:] if scope.startswith("text.") else scope
                self.metrics[name] = self.metrics.get(name, 0) + 1
                if scope in ("text.blockquote", "text.list"):
                    self.summary.append(block)
                return
        self.prose(text, starts, offset)

    def prose(self, text: str, starts: List[int], offset: int) -> None:
        block = ScopedBlock("text" + self.ext, text, starts, end=offset)
        self.blocks.append(block)
        self.summary.append(block)
        self.metrics["paragraph"] = self.metrics.get("paragraph", 0) + 1
        for start, end in _paragraphs(text):
            self.blocks.append(ScopedBlock("paragraph" + self.ext, text[start:end], starts[start:end], end=offset))
            for s, e in _sentences(text, start, end):
                self.blocks.append(ScopedBlock("sentence" + self.ext, text[s:e], starts[s:e], end=offset))

    def finish(self, source: str) -> DraftScopes:
        if self._text:
            self._flush(len(source))
        # summary: the prose blocks joined by blank lines; raw: the source itself
        text_parts: List[str] = []
        starts: List[int] = []
        for block in self.summary:
            if text_parts:
                text_parts.append("\n\n")
                last = starts[-1] if starts else 0
                starts.extend([last, last])
            text_parts.append(block.text)
            starts.extend(block.starts)
        summary = ScopedBlock("summary" + self.ext, "".join(text_parts), starts, end=len(source))
        raw = ScopedBlock("raw" + self.ext, source, list(range(len(source))), end=len(source))
        self.blocks.extend([summary, raw])
        for block in self.blocks:
            block._source = source
        return DraftScopes(self.blocks, self.comments, self.metrics)


def _paragraphs(text: str) -> List[Tuple[int, int]]:
    out = []
    position = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if text[position : m.start()].strip():
            out.append((position, m.start()))
        position = m.end()
    if text[position:].strip():
        out.append((position, len(text)))
    return out


def _sentences(text: str, start: int, end: int) -> List[Tuple[int, int]]:
    from lint.drafts.document import split_sentences

    return [(s, e) for s, e in split_sentences(text, start, end) if text[s:e].strip()]


# ---- Markdown ------------------------------------------------------------------------------

_CONTAINER_TAGS = {
    "blockquote_open": "blockquote", "blockquote_close": "blockquote",
    "bullet_list_open": "ul", "bullet_list_close": "ul",
    "ordered_list_open": "ol", "ordered_list_close": "ol",
    "list_item_open": "li", "list_item_close": "li",
    "table_open": "table", "table_close": "table",
    "thead_open": "thead", "thead_close": "thead",
    "tbody_open": "tbody", "tbody_close": "tbody",
    "tr_open": "tr", "tr_close": "tr",
    "th_open": "th", "th_close": "th",
    "td_open": "td", "td_close": "td",
}
_INLINE_PAIRS = {
    "em_open": "em", "em_close": "em",
    "strong_open": "strong", "strong_close": "strong",
    "s_open": "del", "s_close": "del",
    "link_open": "a", "link_close": "a",
}


def _markdown_events(walker: _Walker, source: str, ignored: List[Tuple[int, int]]) -> None:
    from lint.drafts.formats.markdown import _parser

    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(source)]

    def line_offset(line: int) -> int:
        return line_starts[line] if line < len(line_starts) else len(source)

    tokens = _parser().parse(source)
    cursor = 0
    cursor_map = None
    for token in tokens:
        kind = token.type
        offset = line_offset(token.map[0]) if token.map else cursor
        if kind in ("heading_open", "heading_close"):
            (walker.start(token.tag, {}, offset) if kind.endswith("open") else walker.end(token.tag, offset))
        elif kind in ("paragraph_open", "paragraph_close"):
            if not token.hidden:
                (walker.start("p", {}, offset) if kind.endswith("open") else walker.end("p", cursor))
        elif kind in _CONTAINER_TAGS:
            tag = _CONTAINER_TAGS[kind]
            if kind.endswith("_open"):
                walker.start(tag, {}, offset)
            else:
                walker.end(tag, cursor)
        elif kind in ("fence", "code_block"):
            walker.start("pre", {}, offset)
            walker.end("pre", line_offset(token.map[1]) if token.map else offset)
        elif kind == "html_block" and token.map:
            start, end = line_offset(token.map[0]), line_offset(token.map[1])
            _html_events(walker, source, start, end)
        elif kind == "inline":
            if token.map:
                region_start, region_end = line_offset(token.map[0]), line_offset(token.map[1])
                pos = cursor if cursor_map == tuple(token.map) else region_start
                cursor_map = tuple(token.map)
            else:
                region_start, region_end, pos = cursor, len(source), cursor
            cursor = _markdown_inline(walker, source, token.children or [], pos, region_end, ignored)
        if token.map and kind.endswith("_close") is False and kind != "inline":
            cursor = max(cursor, offset)


def _markdown_inline(walker: _Walker, source: str, children, pos: int, region_end: int, ignored) -> int:
    from lint.drafts.formats.markdown import _skip_label, _skip_link_tail

    i = 0
    while i < len(children):
        child = children[i]
        kind = child.type
        if kind == "text":
            if child.content:
                j = source.find(child.content, pos, region_end)
                if j >= 0:
                    walker.text(_mask_urls(_mask_ignored(_verbatim(child.content, j), ignored)))
                    pos = j + len(child.content)
        elif kind == "text_special":
            j = source.find(child.markup, pos, region_end) if child.markup else -1
            if j >= 0:
                walker.text(_Text(child.content, [j] * len(child.content)))
                pos = j + len(child.markup)
        elif kind == "softbreak" or kind == "hardbreak":
            j = source.find("\n", pos, region_end)
            if j >= 0:
                walker.newline(j)
                pos = j + 1
        elif kind == "code_inline":
            j = source.find(child.markup, pos, region_end)
            if j >= 0:
                inner = source.find(child.content, j + len(child.markup), region_end) if child.content else -1
                walker.start("code", {}, j)
                if inner >= 0:
                    walker.text(_verbatim(child.content, inner))
                    end = inner + len(child.content)
                else:
                    end = j + len(child.markup)
                close = source.find(child.markup, end, region_end)
                end = close + len(child.markup) if close >= 0 else end
                walker.end("code", end)
                pos = end
        elif kind == "html_inline":
            j = source.find(child.content, pos, region_end)
            if j >= 0:
                _html_events(walker, source, j, j + len(child.content), inline=True)
                pos = j + len(child.content)
        elif kind in _INLINE_PAIRS:
            tag = _INLINE_PAIRS[kind]
            if kind == "link_open" and child.markup == "autolink":
                j = source.find("<", pos, region_end)
                k = source.find(">", j + 1, region_end) if j >= 0 else -1
                walker.start("a", {"href": child.attrs.get("href", "")}, max(j, pos))
                if j >= 0 and k >= 0:
                    walker.text(_Text("*" * (k - j - 1), list(range(j + 1, k))))
                    pos = k + 1
                walker.end("a", pos)
                while i + 1 < len(children) and children[i].type != "link_close":
                    i += 1
            elif kind == "link_open":
                j = source.find("[", pos, region_end)
                walker.start("a", {"href": str(child.attrs.get("href", ""))}, max(j, pos))
                if j >= 0:
                    pos = j + 1
            elif kind == "link_close":
                j = source.find("]", pos, region_end)
                walker.end("a", max(j, pos))
                if j >= 0:
                    pos = _skip_link_tail(source, j + 1, region_end)
            else:
                j = source.find(child.markup, pos, region_end) if child.markup else -1
                (walker.start(tag, {}, max(j, pos)) if kind.endswith("_open") else walker.end(tag, max(j, pos)))
                if j >= 0:
                    pos = j + len(child.markup)
        elif kind == "image":
            j = source.find("![", pos, region_end)
            if j >= 0:
                label_end = _skip_label(source, j + 1, region_end)
                alt_text = source[j + 2 : label_end - 1]
                alt = _verbatim(alt_text, j + 2)
                walker.start("img", {"alt": alt_text}, j, alt=alt)
                pos = _skip_link_tail(source, label_end, region_end)
        i += 1
    return pos


_BARE_URL = lazy_compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>]*[^\s<>.,;:!?'\")\]]")


def _mask_urls(piece: _Text) -> _Text:
    """Bare URLs (GFM links them, and Vale masks a link whose text is its address)."""
    if "://" not in piece.text and "www." not in piece.text:
        return piece
    text = _BARE_URL.sub(lambda m: "*" * len(m.group()), piece.text)
    return _Text(text, piece.starts)


def _mask_ignored(piece: _Text, ignored) -> _Text:
    if not ignored:
        return piece
    chars = list(piece.text)
    for k, offset in enumerate(piece.starts):
        for start, end in ignored:
            if start <= offset < end and chars[k] != "\n":
                chars[k] = "*"
                break
    return _Text("".join(chars), piece.starts)


# ---- HTML ----------------------------------------------------------------------------------

_VOID = ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr")


class _HTMLEvents(HTMLParser):
    def __init__(self, walker: _Walker, source: str, start: int, end: int):
        super().__init__(convert_charrefs=False)
        self.walker = walker
        self.source = source
        self.base = start
        self.chunk = source[start:end]
        self._lines = [0] + [m.end() for m in _NEWLINE.finditer(self.chunk)]

    def _here(self) -> int:
        line, column = self.getpos()
        return self.base + self._lines[line - 1] + column

    def handle_starttag(self, tag, attrs):
        values = {k: (v or "") for k, v in attrs}
        offset = self._here()
        alt = None
        if tag == "img" and "alt" in values:
            raw = self.get_starttag_text() or ""
            m = _ALT_ATTRIBUTE.search(raw)
            if m:
                alt_text = values["alt"]
                alt = _verbatim(alt_text, offset + m.end())
        self.walker.start(tag, values, offset, alt=alt)
        if tag in _VOID and tag != "img":
            self.walker.end(tag, offset)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.walker.end(tag, self._here())

    def handle_data(self, data):
        self.walker.text(_verbatim(data, self._here()))

    def handle_entityref(self, name):
        offset = self._here()
        char = html_module.unescape(f"&{name};")
        self.walker.text(_Text(char, [offset] * len(char)))

    def handle_charref(self, name):
        offset = self._here()
        char = html_module.unescape(f"&#{name};")
        self.walker.text(_Text(char, [offset] * len(char)))

    def handle_comment(self, data):
        self.walker.comment(data, self._here())


def _html_events(walker: _Walker, source: str, start: int, end: int, inline: bool = False) -> None:
    parser = _HTMLEvents(walker, source, start, end)
    parser.feed(parser.chunk)
    parser.close()


# ---- entry point ---------------------------------------------------------------------------


def build_scopes(source: str, fmt: str, block_ignores: Iterable[str] = (), token_ignores: Iterable[str] = (),
                 markup=(None, None, ()), headline: Optional[Tuple[int, int]] = None) -> DraftScopes:
    """The structural blocks of a draft's `source` (LF line ends) in format `fmt`. `markup`:
    (tags whose content is skipped, inline tags masked, classes skipped), None for Vale's."""
    skipped, masked, classes = markup
    walker = _Walker(EXTENSIONS.get(fmt, "txt"), skipped or SKIP_TAGS, masked or MASKED_TAGS, classes or ())
    dropped = _spans(source, block_ignores)
    masked_spans = _spans(source, token_ignores)
    work = source
    if dropped:  # blocks ignored: blanked out (same offsets), read as nothing
        chars = list(work)
        for s, e in dropped:
            for k in range(s, e):
                if chars[k] != "\n":
                    chars[k] = " "
        work = "".join(chars)
    if fmt == "markdown":
        _markdown_events(walker, work, masked_spans)
    elif fmt == "html":
        _html_events(walker, work, 0, len(work))
        if walker._text:
            walker._flush(len(work))
    else:
        piece = _mask_ignored(_verbatim(work, 0), masked_spans)
        if headline is not None and headline[1] > headline[0]:
            s, e = headline
            walker.blocks.append(ScopedBlock("text.heading.h1." + walker.ext[1:], piece.text[s:e], piece.starts[s:e], end=e))
            walker.metrics["heading.h1"] = 1
        text = piece.text
        walker.prose(text, piece.starts, len(text))
    return walker.finish(source)


def _spans(source: str, patterns: Iterable[str]) -> List[Tuple[int, int]]:
    out = []
    for pattern in patterns:
        try:
            compiled = regex.compile(pattern, regex.MULTILINE)
        except regex.error:
            continue
        for m in compiled.finditer(source):
            if m.end() > m.start():
                out.append((m.start(), m.end()))
    return sorted(out)


def scoped_blocks(doc, block_ignores: Sequence[str] = (), token_ignores: Sequence[str] = (),
                  markup=(None, None, ())) -> DraftScopes:
    """The Document's structural blocks, built once per set of ignore patterns and kept."""
    key = (tuple(block_ignores), tuple(token_ignores), markup)
    cache = doc.__dict__.setdefault("_scoped_blocks", {})
    found = cache.get(key)
    if found is None:
        source = doc.source
        if "\r" in source:  # lone CR or CRLF: scopes read LF text, offsets still the source's
            found = _with_newlines(doc, key)
        else:
            found = build_scopes(source, doc.format, *key, headline=_headline_source(doc))
        cache[key] = found
    return found


def _headline_source(doc) -> Optional[Tuple[int, int]]:
    if doc.format != "text":
        return None
    try:
        span = doc.headline
    except Exception:  # noqa: BLE001 -- no headline is no heading scope
        return None
    if not span:
        return None
    return doc.offsets.span_to_source(*span)


def _with_newlines(doc, key) -> DraftScopes:
    """Blocks of a draft with CR line ends: built on LF text, offsets mapped to the source."""
    from lint.drafts.document import normalize_newlines

    text, offsets = normalize_newlines(doc.source)
    scopes = build_scopes(text, doc.format, *key)
    for block in scopes.blocks:
        block.starts = [offsets.to_source(s) for s in block.starts]
        block.end = offsets.to_source(block.end)
    scopes.comments = [(offsets.to_source(o), t) for o, t in scopes.comments]
    scopes._comment_offsets = [c[0] for c in scopes.comments]
    return scopes


# ---- structural scopes for copydesk's own kinds ------------------------------------------

# the sections a structural scope may name (Vale's names; `raw`, `code` and `alt` are not in
# the prose copydesk's kinds read, so only Vale rules take them)
PROSE_SECTIONS = frozenset(
    "text heading h1 h2 h3 h4 h5 h6 list table header cell caption blockquote link strong emphasis "
    "figure".split()
)
SOURCE_SECTIONS = frozenset("raw code alt attr summary".split())


def is_structural(scope) -> bool:
    """Is `scope` a structural selector copydesk's kinds can read (`heading.h2`,
    `list & ~blockquote`, `table.cell`)?"""
    if not isinstance(scope, str) or not scope.strip():
        return False
    try:
        selector = parse_selector(scope)
    except Exception:  # noqa: BLE001
        return False
    sections = {s for parts in selector for _, sec in parts for s in sec}
    return bool(sections) and sections <= PROSE_SECTIONS


def scope_spans(doc, scope: str) -> List[Tuple[int, int]]:
    """The spans of `doc.text` a rule with this scope looks at: the Document's own scopes
    (`draft`, `body`, `headline`, `paragraph`, `sentence`, `line`), else a structural one."""
    from lint.drafts.document import SCOPES

    if scope in SCOPES or not is_structural(scope):
        return doc.scope_spans(scope)
    return structural_spans(doc, scope)


def structural_spans(doc, scope: str) -> List[Tuple[int, int]]:
    """The spans of `doc.text` (the prose) that the structural scope `scope` selects, in order.
    Built from the draft's blocks on first use (nothing for drafts whose rules name none)."""
    cache = doc.__dict__.setdefault("_structural_spans", {})
    found = cache.get(scope)
    if found is not None:
        return found
    selector = parse_selector(scope)
    inverse = doc.__dict__.get("_source_to_text")
    if inverse is None:
        to_source = doc.offsets.to_source
        inverse = {}
        for t in range(len(doc.text)):
            inverse[to_source(t)] = t  # the last: blank lines an extractor adds map to where text resumes
        doc.__dict__["_source_to_text"] = inverse
    spans = []
    for block in scoped_blocks(doc).blocks:
        if not block.starts or not scope_matches(selector, block.scope, block.parent):
            continue
        if block.scope.startswith(("paragraph", "sentence", "summary", "raw")):
            continue  # the prose block itself stands for its paragraphs and sentences
        first = next((inverse[s] for s in block.starts if s in inverse), None)
        last = next((inverse[s] for s in reversed(block.starts) if s in inverse), None)
        if first is not None and last is not None and last >= first:
            spans.append((first, last + 1))
    spans = sorted(set(spans))
    cache[scope] = spans
    return spans
