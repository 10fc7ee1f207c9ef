"""The small value types every part of copydesk shares."""

from __future__ import annotations

import enum
import operator
from typing import Optional

from lint.record import Record, field


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
        # a look-up, not `self.name.lower()`: enum's `name` is a Python property, and a run
        # formats and counts every finding's level (3,500 calls over the distinct drafts)
        return _LEVEL_NAMES[self]


_LEVEL_NAMES = {level: level.name.lower() for level in Severity}


class Fix(Record, frozen=True):
    """Replace text[start:end] (offsets in the document's prose text) with `replacement`.

    Only `safe` fixes are applied by `--fix`; the rest need `--unsafe-fixes`.
    """

    start: int
    end: int
    replacement: str
    safe: bool = True

    def __init__(self, start: int, end: int, replacement: str, safe: bool = True):
        # the hot records write their __init__ out: Record's generic one costs 3 µs, not 1
        self.__dict__.update(start=start, end=end, replacement=replacement, safe=safe)  # past the frozen __setattr__

    def __reduce__(self):  # its values, not its __dict__: smaller and faster to load
        return (Fix, (self.start, self.end, self.replacement, self.safe))


class Hit(Record, frozen=True):
    """What a kind reports: a span of the document's prose text and the words for the message.

    `start`/`end` are character offsets into `Document.text`; the engine turns them into
    line and column once, and stamps rule id, severity and message on them.
    """

    start: int
    end: int
    values: dict = field(default_factory=dict)  # message template values beyond {match}
    fix: Optional[Fix] = None

    def __init__(self, start: int, end: int, values: Optional[dict] = None, fix: Optional[Fix] = None):
        self.__dict__.update(start=start, end=end, values={} if values is None else values, fix=fix)


class Finding(Record, frozen=True):
    """One problem at one place in one draft, as every report format sees it.

    Lines and columns are 1-based and count characters; end_column is exclusive. Findings
    compare, hash and sort by (path, line, column, rule).
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

    # written out, not Record's generic methods: a run makes and sorts thousands
    def __init__(self, path, line, column, rule, end_line, end_column, severity, message, match="", fix=None, start=0, end=0):
        self.__dict__.update(path=path, line=line, column=column, rule=rule, end_line=end_line, end_column=end_column,
                             severity=severity, message=message, match=match, fix=fix, start=start, end=end)

    def __reduce__(self):
        # its values, not its __dict__, and the level as a number: a pool child sends
        # thousands, and this loads in half the time
        return (_finding, (self.path, self.line, self.column, self.rule, self.end_line, self.end_column,
                           int(self.severity), self.message, self.match, self.fix, self.start, self.end))

    def _values(self) -> tuple:  # what ==, hashing and ordering compare
        return (self.path, self.line, self.column, self.rule)

    def __lt__(self, other):
        return self._values() < other._values() if other.__class__ is self.__class__ else NotImplemented

    def __le__(self, other):
        return self._values() <= other._values() if other.__class__ is self.__class__ else NotImplemented

    def __gt__(self, other):
        return self._values() > other._values() if other.__class__ is self.__class__ else NotImplemented

    def __ge__(self, other):
        return self._values() >= other._values() if other.__class__ is self.__class__ else NotImplemented

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


# the order findings sort in, as a key: sorted(findings, key=finding_order) compares tuples in
# C instead of calling Finding.__lt__ a dozen times a finding (the same order: both stable)
finding_order = operator.attrgetter("path", "line", "column", "rule")

_SEVERITIES = {int(level): level for level in Severity}


def _finding(path, line, column, rule, end_line, end_column, severity, message, match, fix, start, end) -> Finding:
    return Finding(path, line, column, rule, end_line, end_column, _SEVERITIES[severity], message, match, fix, start, end)


class CopydeskError(Exception):
    """An error that is the user's to fix (bad pack, bad config, bad path).

    The CLI prints str(error) and exits 2; no traceback.
    """
