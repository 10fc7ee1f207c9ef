"""Bytes to text, as newsrooms save drafts, packs and config files.

Drafts (lint/drafts/reader.py) and the YAML files of packs, tables, the config and the people
registry (lint/packs/yamlload.py) are decoded the same way, here: a byte-order mark says the
encoding (UTF-8, UTF-16, UTF-32); else a NUL byte means the file is not text (skipped); else
UTF-8; else Windows-1252 with a notice (unless the bytes also hold valid UTF-8 sequences); bytes
nothing decodes are an error naming the file, line and byte offset.

It imports nothing from copydesk, so both the draft reader and the pack loader can use it
without one importing the other. Its two patterns are searched only for a file that is not
UTF-8, with the standard library's `re` (which caches them): nothing is compiled on the way in.
"""

from __future__ import annotations

import re
from typing import Optional

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
BOM_FOR = {encoding: bom for bom, encoding in _BOMS}
# a well-formed multi-byte UTF-8 sequence: its presence means the file is UTF-8
_UTF8_SEQUENCE = rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
# C0 controls other than tab, line feed, form feed and carriage return: not in prose
_CONTROL = r"[\x00-\x08\x0b\x0e-\x1f\x7f]"


class DraftError(Exception):
    """A draft that cannot be checked: `str()` is the message for the user (exit status 2)."""


class DraftSkipped(DraftError):
    """Not a draft (binary, huge, not a regular file): a notice; the exit status is unaffected."""


class Decoded:
    __slots__ = ("text", "encoding", "bom", "notice")

    def __init__(self, text: str, encoding: str, bom: bool = False, notice: Optional[str] = None):
        self.text, self.encoding, self.bom, self.notice = text, encoding, bom, notice


def decode(data: bytes, path: str, what: str = "draft") -> Decoded:
    """Bytes to text, with the encoding and BOM it was saved with (see the module's doc).

    `what` names the file in messages ("draft"; "pack", "people list" for YAML files)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding, bom=True)
            except UnicodeDecodeError as error:
                at = len(bom) + error.start
                raise DraftError(
                    f"{path}: not valid {_label(encoding)} at byte {at} ({data[at:at + 2]!r}), though it starts with a "
                    f"{_label(encoding)} byte-order mark; save the {what} again as UTF-8"
                ) from None
    nul = data.find(b"\x00", 0, 1 << 20)
    if nul >= 0:
        hint = ""
        if nul < 2 and len(data) % 2 == 0:
            hint = " (if it is UTF-16, save it with a byte-order mark, or as UTF-8)"
        raise DraftSkipped(f"{path}: not a text file (NUL byte at offset {nul}){hint}; skipped")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        bad = error.start
    line = data.count(b"\n", 0, bad) + 1
    where = f"{path}:{line}: byte 0x{data[bad]:02x} at offset {bad}"
    if not re.search(_UTF8_SEQUENCE, data):
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            other = "" if error.start == bad else f" (and byte 0x{data[error.start]:02x} at offset {error.start})"
            raise DraftError(f"{where}{other} is neither UTF-8 nor Windows-1252; save the {what} as UTF-8") from None
        if not re.search(_CONTROL, text):
            return Decoded(text, "cp1252", notice=f"{where} is not UTF-8: read as Windows-1252 (Word's encoding); consider saving as UTF-8")
    raise DraftError(f"{where} is not valid UTF-8 ({data[bad:bad + 4]!r}); save the {what} as UTF-8")


def _label(encoding: str) -> str:
    return {"utf-8": "UTF-8", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16", "utf-32-le": "UTF-32",
            "utf-32-be": "UTF-32", "cp1252": "Windows-1252"}.get(encoding, encoding)
