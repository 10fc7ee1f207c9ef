"""The small value types every part of copydesk shares."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Optional


class Severity(enum.IntEnum):
    """suggestion < warning < error, so levels compare with < and >=."""

    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        try:
            return cls[str(name).upper()]
        except KeyError:
            raise ValueError(
                f"unknown level {name!r} (use error, warning or suggestion)"
            ) from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Fix:
    """Replace text[start:end] (offsets in the document's prose text) with `replacement`.

    Only `safe` fixes are applied by `--fix`; the rest need `--unsafe-fixes`.
    """

    start: int
    end: int
    replacement: str
    safe: bool = True


@dataclass(frozen=True)
class Hit:
    """What a kind reports: a span of the document's prose text and the words for the message.

    `start`/`end` are character offsets into `Document.text`; the engine turns them into
    line and column once, and stamps rule id, severity and message on them.
    """

    start: int
    end: int
    values: dict = field(default_factory=dict)  # message template values beyond {match}
    fix: Optional[Fix] = None


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place in one draft, as every report format sees it.

    Lines and columns are 1-based and count characters; end_column is exclusive.
    """

    path: str
    line: int
    column: int
    rule: str
    end_line: int = field(compare=False)
    end_column: int = field(compare=False)
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    match: str = field(compare=False, default="")
    fix: Optional[Fix] = field(compare=False, default=None)
    # character offsets in the source text; kept for --fix and for formats that want them
    start: int = field(compare=False, default=0)
    end: int = field(compare=False, default=0)

    def to_json(self) -> dict:
        out = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "match": self.match,
        }
        if self.fix is not None:
            out["fix"] = {"replacement": self.fix.replacement, "safe": self.fix.safe}
        return out


class CopydeskError(Exception):
    """An error that is the user's to fix (bad pack, bad config, bad path).

    The CLI prints str(error) and exits 2; no traceback.
    """
