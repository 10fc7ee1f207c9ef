"""Draft formats: the prose of a Markdown or HTML draft, mapped back to its source.

`parse(path, source, format)` returns a Document. Plain text is the default; `.md` and
`.markdown` are Markdown; `.html` and `.htm` are HTML. `format_for(path)` picks by suffix.
"""

from __future__ import annotations

import os

from lint.drafts.document import Document

FORMATS = ("text", "markdown", "html")
_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


_MARKUP_ENDINGS = tuple(_SUFFIXES)


def format_for(path: str) -> str:
    if not path or not path[-9:].lower().endswith(_MARKUP_ENDINGS):
        return "text"  # (no markup suffix at its end: whatever splitext calls its suffix, not one of them)
    return _SUFFIXES.get(os.path.splitext(path)[1].lower(), "text")


def parse(path: str, source: str, format: str = None, notices: list = None) -> Document:
    """The Document for a draft's decoded source; `notices` collects what the user should hear."""
    format = format or format_for(path)
    if format == "markdown":
        from lint.drafts.formats import markdown

        return markdown.parse(path, source, notices)
    if format == "html":
        from lint.drafts.formats import html

        return html.parse(path, source, notices)
    return Document(path=path, source=source)
