"""Apply fixes to a draft's source text without ever corrupting it."""

from __future__ import annotations

from typing import Iterable, List, Tuple

from lint.model import Fix


def apply_fixes(source: str, fixes: Iterable[Fix], unsafe: bool = False) -> str:
    """Apply the fixes that are safe (or all, with `unsafe`), left to right.

    Overlapping fixes are not merged: the later one is left for the next pass (the caller
    re-checks and applies again), so no two edits ever touch the same characters.
    """
    chosen = select_fixes(fixes, unsafe)
    if not chosen:
        return source
    parts = []
    position = 0
    for fix in chosen:
        parts.append(source[position : fix.start])
        parts.append(fix.replacement)
        position = fix.end
    parts.append(source[position:])
    return "".join(parts)


def select_fixes(fixes: Iterable[Fix], unsafe: bool = False) -> List[Fix]:
    """The fixes to apply in one pass: allowed, in order, none overlapping another."""
    out: List[Fix] = []
    last_end = -1
    for fix in sorted({f for f in fixes if f.safe or unsafe}, key=_order):
        if fix.start < last_end or (fix.start == last_end and out and out[-1].start == out[-1].end == fix.start):
            continue
        out.append(fix)
        last_end = fix.end
    return out


def _order(fix: Fix) -> Tuple[int, int, str]:
    return fix.start, fix.end, fix.replacement
