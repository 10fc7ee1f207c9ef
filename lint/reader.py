"""Read drafts from disk or stdin into Documents, and find the drafts under a folder.

A file that cannot be read as a draft gives a `DraftError` with a message naming the file;
the CLI reports it and goes on with the other drafts.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator, List, Tuple

from lint.document import Document

DRAFT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm")
# Bigger than any story; a file this size is a data dump, not a draft.
MAX_BYTES = 64 * 1024 * 1024


class DraftError(Exception):
    """A draft that cannot be checked: `str()` is the message for the user."""


def decode(data: bytes, path: str) -> str:
    """Bytes to text: UTF-8 (a BOM is dropped); anything else is a clear error."""
    if b"\x00" in data[:8192]:
        raise DraftError(f"{path}: not a text file (it holds NUL bytes); skipped")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DraftError(
            f"{path}:{line}: not valid UTF-8 at byte {error.start} ({data[error.start:error.start + 1]!r}); save the draft as UTF-8"
        ) from None


def read_draft(path: str) -> Document:
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise DraftError(f"{path}: {size // 1_000_000} MB is too big for a draft (limit {MAX_BYTES // 1_000_000} MB); skipped")
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise DraftError(f"{path}: no such file") from None
    except PermissionError:
        raise DraftError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise DraftError(f"{path}: is a folder") from None
    except OSError as error:
        raise DraftError(f"{path}: cannot read: {error.strerror or error}") from None
    return Document(path=path, source=decode(data, path))


def read_stdin(data: bytes, name: str) -> Document:
    return Document(path=name, source=decode(data, name))


def find_drafts(paths: List[str]) -> Tuple[List[str], List[str]]:
    """Expand folders (recursively, skipping hidden ones) to draft files.

    Returns (files, problems). A file named on the command line is checked whatever its
    suffix; inside folders only draft suffixes count. Symlinked folders are not followed,
    so a link loop cannot trap the walk.
    """
    files: List[str] = []
    problems: List[str] = []
    for given in paths:
        if given == "-":
            files.append(given)
        elif os.path.isdir(given):
            files.extend(_walk(given))
        elif os.path.exists(given):
            files.append(given)
        else:
            problems.append(f"{given}: no such file or folder")
    return files, problems


def _walk(folder: str) -> Iterator[str]:
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith(".") or not name.lower().endswith(DRAFT_SUFFIXES):
                continue
            yield os.path.join(root, name)
