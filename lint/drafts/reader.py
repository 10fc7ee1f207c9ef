"""Read drafts from disk or stdin into Documents, and find the drafts under a folder.

Drafts arrive as newsrooms save them. Decoding, in order:

- a byte-order mark says the encoding: UTF-8, UTF-16 (LE/BE) or UTF-32 (LE/BE);
- otherwise a NUL byte means the file is not text (an image, a Word .doc): skipped, a notice;
- otherwise UTF-8; failing that, Windows-1252 (what Word on Windows saves as "plain text"),
  with a notice naming the file, unless the bytes hold valid UTF-8 sequences too (then it is
  UTF-8 with a bad byte, and Windows-1252 would turn its curly quotes into mojibake);
- bytes nothing decodes give an error naming the file, line and byte offset.

What the user hears about, and whether it changes the exit status:

Notices (stderr, exit status unaffected): read as Windows-1252; not a text file (NUL bytes);
bigger than MAX_BYTES; not a regular file (a FIFO, a device); a broken symlink or link loop met
while walking a folder; a folder with no drafts; front matter that is not YAML; a parser
failure (the draft is then checked as plain text).

Errors (stderr, exit status 2, the other drafts are still checked): a path that does not
exist; permission denied; bytes that no supported encoding decodes (the message gives the line
and byte offset); a folder where a draft file was expected; a symlink loop or broken link named
on the command line.

Nothing at all: an empty draft (it is checked and has no findings).

Notices go to stderr and leave the exit status alone; errors make it 2 while every other draft
is still checked. The encoding, BOM and line-ending style are kept on the Document so that
`--fix` writes the file back exactly as it was saved.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import Iterator, List, Optional, Tuple

from lint.drafts.decode import BOM_FOR, Decoded, DraftError, DraftSkipped, decode  # noqa: F401 -- re-exported
from lint.drafts.document import Document

DRAFT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm")
# Bigger than any story; a file this size is a data dump, not a draft.
MAX_BYTES = 64 * 1024 * 1024

def newline_style(source: str) -> str:
    """"\\n", "\\r\\n", "\\r" (the one line ending used) or "mixed"."""
    if "\r" not in source:
        return "\n"  # LF alone, or no line end at all (then "\n" too, as below)
    crlf = source.count("\r\n")
    cr = source.count("\r") - crlf
    lf = source.count("\n") - crlf
    used = [style for style, n in (("\n", lf), ("\r\n", crlf), ("\r", cr)) if n]
    if len(used) > 1:
        return "mixed"
    return used[0] if used else "\n"


def document(path: str, decoded: Decoded, notices: Optional[list] = None, format: Optional[str] = None) -> Document:
    """A Document of the draft's format (by suffix unless given); a parser failure falls back
    to plain text with a notice instead of losing the draft."""
    from lint.drafts import formats

    format = format or formats.format_for(path)
    try:
        doc = formats.parse(path, decoded.text, format, notices)
    except Exception as error:  # noqa: BLE001 -- a parser bug must not cost the draft its check
        if notices is not None:
            notices.append(f"{path}: could not read it as {format} ({type(error).__name__}: {error}); checked as plain text")
        doc = Document(path=path, source=decoded.text)
    doc.encoding = decoded.encoding
    doc.bom = decoded.bom
    doc.newline = newline_style(decoded.text)
    if decoded.notice and notices is not None:
        notices.append(decoded.notice)
    return doc


# opened without blocking (a FIFO opens at once; it is then refused, as a device is, by its
# mode) and not inherited by processes this one starts
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def read_bytes(path: str) -> bytes:
    """The file's bytes: one `open`, `fstat` and `read` at the system level (a third of what
    `stat` and a Python file object cost, per draft of an archive). A file that does not open
    is looked at again the slow way, which says what is wrong with it."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError:
        return _read_bytes_looking(path)
    try:
        info = os.fstat(fd)
        _refuse(path, info)
        # the whole file, however the system splits the reads (and whatever it has grown to):
        # one byte more than its size is asked for, so a read that returns exactly its size
        # has met its end (a file that grew returns that byte too; a short read is read on),
        # and most drafts take one read, not a second that returns nothing
        data = os.read(fd, info.st_size + 1)
        if len(data) == info.st_size:
            return data
        chunks = [data]
        while chunks[-1]:
            chunks.append(os.read(fd, 1 << 20))
        return b"".join(chunks)
    except OSError as error:
        raise DraftError(f"{path}: cannot read: {error.strerror or error}") from None
    finally:
        os.close(fd)


def _refuse(path: str, info: os.stat_result) -> None:
    """Raise for what is not a draft to read: a folder, a pipe or device, a file too big."""
    if stat.S_ISDIR(info.st_mode):
        raise DraftError(f"{path}: is a folder, not a draft (name the folder to check the drafts in it)")
    if not stat.S_ISREG(info.st_mode):
        raise DraftSkipped(f"{path}: not a regular file (a pipe or device); skipped")
    if info.st_size > MAX_BYTES:
        raise DraftSkipped(
            f"{path}: {info.st_size // 1_000_000} MB is too big for a draft (limit {MAX_BYTES // 1_000_000} MB); skipped"
        )


def _read_bytes_looking(path: str) -> bytes:
    """`read_bytes` by `stat` first, then a Python file object: what a file that would not
    open gets, so every error says what it always said."""
    try:
        _refuse(path, os.stat(path))
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        if os.path.islink(path):
            raise DraftError(f"{path}: broken symbolic link (its target does not exist)") from None
        raise DraftError(f"{path}: no such file") from None
    except PermissionError:
        raise DraftError(f"{path}: permission denied (cannot read it)") from None
    except IsADirectoryError:
        raise DraftError(f"{path}: is a folder, not a draft") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise DraftError(f"{path}: symbolic link loop") from None
        raise DraftError(f"{path}: cannot read: {error.strerror or error}") from None


def read_draft(path: str, notices: Optional[list] = None, format: Optional[str] = None) -> Document:
    return document(path, decode(read_bytes(path), path), notices, format)


def read_stdin(data: bytes, name: str, notices: Optional[list] = None) -> Document:
    return document(name, decode(data, name), notices)


def find_drafts(paths: List[str], notices: Optional[list] = None) -> Tuple[List[str], List[str]]:
    """Expand folders (recursively, skipping hidden ones, installed packages and what git
    ignores: `_walk`) to draft files.

    Returns (files, problems). A file named on the command line is checked whatever its
    suffix; inside folders only draft suffixes count. Symlinked folders are not followed,
    so a link loop cannot trap the walk; a broken link met in a folder is a notice. A file
    reached twice (named twice, or by a link) is checked once.
    """
    files: List[str] = []
    problems: List[str] = []
    seen = set()

    def add(path: str, key: Optional[str] = None) -> None:
        if key is None:
            key = os.path.realpath(path) if path != "-" else "-"
        if key not in seen:
            seen.add(key)
            files.append(path)

    for given in paths:
        if given == "-":
            add(given)
        elif os.path.isdir(given):
            found = 0
            real_folder = os.path.join(os.path.realpath(given), "")  # (with a separator at its end)
            for path, relative, is_link in _walk(given, notices):
                # the walk never enters a linked folder, so below the folder's own real path
                # only a linked file can lead elsewhere: one realpath for the folder, not one
                # for each draft (each costs an lstat per component of the path)
                add(path, os.path.realpath(path) if is_link else real_folder + relative)
                found += 1
            if not found and notices is not None:
                notices.append(f"{given}: no drafts in this folder ({', '.join(DRAFT_SUFFIXES)})")
        elif os.path.lexists(given):
            add(given)
        else:
            problems.append(f"{given}: no such file or folder")
    return files, problems


# Folders a walk never enters: installed packages and caches, not drafts (hidden folders,
# `.git`, `.venv`, `.tox`, are skipped by their dot; a virtualenv of any name by its pyvenv.cfg)
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages", "bower_components"})


def _is_environment(path: str) -> bool:
    """A Python virtualenv (`pyvenv.cfg`) or conda environment (`conda-meta/`), whatever its name."""
    return os.path.isfile(os.path.join(path, "pyvenv.cfg")) or os.path.isdir(os.path.join(path, "conda-meta"))


class _Ignores:
    """What git ignores, as ruff honours it: the `.gitignore` of every folder from the
    repository's top (the folder holding `.git`) down to the one walked and below, and
    `.git/info/exclude`. A deeper file's patterns decide first; `!pattern` re-includes."""

    def __init__(self, folder: str, notices: Optional[list]):
        self.notices = notices
        self.specs: List[Tuple[str, object]] = []  # (folder, spec), outermost first
        self._pathspec = None
        top = _repository_top(folder)
        if top is not None:
            self._add(top, os.path.join(top, ".git", "info", "exclude"))
            folders = []
            here = folder
            while True:
                folders.append(here)
                if here == top:
                    break
                here = os.path.dirname(here)
            for above in reversed(folders[1:]):  # the walked folder's own is read by the walk
                self._add(above, os.path.join(above, ".gitignore"))
            if self.specs and self.ignored(folder, True):
                # a folder named on the command line is walked even if git ignores it (as a
                # file named there is checked): only its own .gitignore files count below it
                self.specs = []

    def enter(self, folder: str) -> int:
        """Read `folder`'s .gitignore, if any; returns how many specs to drop on leaving."""
        return self._add(folder, os.path.join(folder, ".gitignore"))

    def leave(self, added: int) -> None:
        if added:
            del self.specs[-added:]

    def ignored(self, path: str, is_folder: bool) -> bool:
        for base, spec in reversed(self.specs):
            relative = os.path.relpath(path, base).replace(os.sep, "/") + ("/" if is_folder else "")
            include = spec.check_file(relative).include
            if include is not None:
                return include
        return False

    def _add(self, folder: str, file: str) -> int:
        try:
            with open(file, encoding="utf-8", errors="replace") as handle:
                lines = handle.read().splitlines()
        except OSError:  # none there (the common case), or unreadable: nothing ignored by it
            return 0
        if self._pathspec is None:
            try:
                import pathspec  # only when there is a .gitignore to read
            except ImportError:
                if self.notices is not None and not any("pathspec" in n for n in self.notices):
                    self.notices.append(f"{file}: not read (the `pathspec` package is missing: pip install pathspec)")
                return 0
            self._pathspec = pathspec
        self.specs.append((folder, self._pathspec.GitIgnoreSpec.from_lines(lines)))
        return 1


def _repository_top(folder: str) -> Optional[str]:
    here = folder
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def _walk(folder: str, notices: Optional[list]) -> Iterator[Tuple[str, str, bool]]:
    """The drafts under `folder`: (path, path relative to the folder, is a symbolic link).

    Sorted by name, a folder's drafts before its subfolders'; hidden files and folders are
    skipped, and linked folders are not entered (so a link loop cannot trap the walk). Nor are
    installed packages (`node_modules`, virtualenvs: `SKIPPED_FOLDERS`), and what git ignores
    (`_Ignores`). One `scandir` a folder: the entries say what they are without a `stat` per
    draft."""
    ignores = _Ignores(os.path.abspath(folder), notices)

    def walk(path: str, relative: str) -> Iterator[Tuple[str, str, bool]]:
        try:
            with os.scandir(path) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            if notices is not None:
                notices.append(f"{error.filename or path}: cannot list the folder ({error.strerror}); skipped")
            return
        added = ignores.enter(os.path.abspath(path)) if any(e.name == ".gitignore" for e in entries) else 0
        folders = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_folder = entry.is_dir()  # a link to a folder counts as one, and is not entered
            except OSError:  # a link loop: a broken link, below
                is_folder = False
            if is_folder:
                if not entry.is_symlink() and name not in SKIPPED_FOLDERS and not _is_environment(entry.path):
                    if not (ignores.specs and ignores.ignored(os.path.abspath(entry.path), True)):
                        folders.append(entry)
                continue
            if not name.lower().endswith(DRAFT_SUFFIXES):
                continue
            if ignores.specs and ignores.ignored(os.path.abspath(entry.path), False):
                continue
            is_link = entry.is_symlink()
            if is_link and not os.path.exists(entry.path):
                if notices is not None:
                    notices.append(f"{entry.path}: broken symbolic link or link loop; skipped")
                continue
            # (concatenated, not os.path.join: a name from a listing holds no separator and
            # `relative` none at its end; a Python call a draft, 1 ms over a thousand drafts)
            yield entry.path, relative + name, is_link
        for entry in folders:
            yield from walk(entry.path, relative + entry.name + os.sep)
        ignores.leave(added)

    yield from walk(folder, "")
