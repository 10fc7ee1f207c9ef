"""Baselines: record today's findings, report only new ones later.

A finding's key is (rule, path, the flagged line's text with white space collapsed), not its
line number, so inserting or deleting lines elsewhere in a draft does not bring old findings
back. Each key keeps a count: a draft that had the same problem twice on identical lines and
now has it three times reports one.

The file is JSON, sorted, so it diffs well in review:
    {"version": 1, "tool": "copydesk", "findings": [{"rule", "path", "line", "count"}, ...]}
Paths are relative to the baseline file's folder, so the file works from any working directory.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Tuple

from lint.model import CopydeskError, Finding

VERSION = 1
Key = Tuple[str, str, str]


def normalise(line: str) -> str:
    return " ".join(line.split())


def _path_key(path: str, folder: Path) -> str:
    if path == "-" or path.startswith("<"):
        return path
    absolute = os.path.abspath(path)
    try:
        return Path(os.path.relpath(absolute, folder)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(absolute).as_posix()


def keys(findings: Iterable[Finding], line_of: Callable[[Finding], str], folder: Path) -> List[Key]:
    return [(f.rule, _path_key(f.path, folder), normalise(line_of(f))) for f in findings]


def write(path: str, findings: List[Finding], line_of: Callable[[Finding], str]) -> int:
    """Write the baseline; return how many findings it holds."""
    folder = Path(os.path.abspath(path)).parent
    counts = Counter(keys(findings, line_of, folder))
    entries = [
        {"rule": rule, "path": p, "line": text, "count": n}
        for (rule, p, text), n in sorted(counts.items())
    ]
    document = {"version": VERSION, "tool": "copydesk", "findings": entries}
    import json  # here, not at the top: a run without a baseline should not pay for it

    try:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
    except OSError as error:
        raise CopydeskError(f"--write-baseline {path}: cannot write: {error.strerror or error}") from None
    return len(findings)


def read(path: str) -> Dict[Key, int]:
    import json

    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except FileNotFoundError:
        raise CopydeskError(f"--baseline {path}: no such file (write one with --write-baseline {path})") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CopydeskError(f"--baseline {path}: cannot read: {error}") from None
    except json.JSONDecodeError as error:
        raise CopydeskError(f"{path}:{error.lineno}: not a copydesk baseline (invalid JSON: {error.msg})") from None
    entries = document.get("findings") if isinstance(document, dict) else None
    if not isinstance(entries, list) or document.get("version") != VERSION:
        raise CopydeskError(f"{path}:1: not a copydesk baseline (version {VERSION}; write one with --write-baseline)")
    out: Dict[Key, int] = {}
    for entry in entries:
        try:
            key = (str(entry["rule"]), str(entry["path"]), normalise(str(entry["line"])))
            out[key] = out.get(key, 0) + int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError, AttributeError):
            raise CopydeskError(f"{path}: a baseline entry needs `rule`, `path`, `line` and `count`: {entry!r}") from None
    return out


def filter_new(path: str, findings: List[Finding], line_of: Callable[[Finding], str]) -> List[Finding]:
    """The findings the baseline at `path` does not account for (in their original order)."""
    remaining = read(path)
    folder = Path(os.path.abspath(path)).parent
    out = []
    for finding, key in zip(findings, keys(findings, line_of, folder)):
        if remaining.get(key, 0) > 0:
            remaining[key] -= 1
        else:
            out.append(finding)
    return out
