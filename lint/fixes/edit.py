"""Apply fixes to a draft's source text without ever corrupting it, or its paragraphing.

A fix never changes how the story is cut into paragraphs (or lines): two paragraphs are
never glued together, none is split, and a deleted line never leaves a blank line inside a
paragraph. `keep_paragraphs` enforces it for every fix, whatever rule made it:

- A deletion (a fix whose replacement is only white space, with the fixes touching it)
  leaves, between the text before and after it, the strongest break that stood there: a
  paragraph break if one did, else a line break if one did, else what the fix wrote. So
  deleting a furniture line that had the next paragraph straight under it keeps that
  paragraph apart from the one above.
- A fix that writes text must leave the same breaks as before: as strong at either edge, and
  as many paragraph breaks inside. One that does not is refused (left for the editor).
"""

from __future__ import annotations

from typing import Iterable, List, Tuple

from lint.engine.patterns import std_compile

from lint.model import Fix

_SPACE_RUN = std_compile(r"\s+")


def apply_fixes(source: str, fixes: Iterable[Fix], unsafe: bool = False) -> str:
    """Apply the fixes that are safe (or all, with `unsafe`), left to right.

    Overlapping fixes are not merged: the later one is left for the next pass (the caller
    re-checks and applies again), so no two edits ever touch the same characters. Every fix
    keeps the paragraphing (`keep_paragraphs`).
    """
    chosen, _ = keep_paragraphs(source, select_fixes(fixes, unsafe))
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


def line_breaks(space: str) -> int:
    """How strongly a run of white space separates the text around it: 0 (same line), 1 (a
    line break) or 2 (a paragraph break: a blank line). CRLF and CR count as one line end."""
    ends = space.count("\n") + space.count("\r") - space.count("\r\n")
    return min(ends, 2)


def _edges(text: str) -> Tuple[int, int, int]:
    """(break at the start, break at the end, paragraph breaks inside) of `text`."""
    core = text.strip()
    if not core:
        return line_breaks(text), line_breaks(text), 0
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    inside = sum(1 for run in _SPACE_RUN.findall(core) if line_breaks(run) == 2)
    return line_breaks(lead), line_breaks(trail), inside


def space_around(text: str, start: int, end: int) -> Tuple[int, int]:
    """(left, right): start..end widened over the white space on either side of it."""
    left = start
    while left > 0 and text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and text[right].isspace():
        right += 1
    return left, right


def keep_paragraphs(source: str, fixes: Iterable[Fix]) -> Tuple[List[Fix], List[Fix]]:
    """(fixes to apply, fixes refused): the non-overlapping `fixes`, rewritten where needed so
    that applying them keeps the source's paragraphing (see the module's docstring)."""
    ordered = sorted(fixes, key=_order)
    kept: List[Fix] = []
    refused: List[Fix] = []
    i = 0
    while i < len(ordered):
        # fixes with only white space between them act as one edit
        j = i + 1
        while j < len(ordered) and not source[ordered[j - 1].end : ordered[j].start].strip():
            j += 1
        cluster, i = ordered[i:j], j
        start, end = cluster[0].start, cluster[-1].end
        written = "".join(f.replacement + source[f.end : g.start] for f, g in zip(cluster, cluster[1:]))
        written += cluster[-1].replacement
        # the white space on either side of the edit belongs to it
        left, right = space_around(source, start, end)
        old = source[left:right]
        new = source[left:start] + written + source[end:right]
        text_before, text_after = left > 0, right < len(source)
        if not written.strip():
            # a deletion: only the separation between the text around it matters
            if text_before and text_after:
                runs = _SPACE_RUN.findall(old) or [""]
                want = max(line_breaks(run) for run in runs)
                if line_breaks(new) != want:
                    separator = next(run for run in runs if line_breaks(run) == want)
                    kept.append(Fix(left, right, separator, all(f.safe for f in cluster)))
                    continue
            kept.extend(cluster)
            continue
        old_edges, new_edges = _edges(old), _edges(new)
        same = old_edges[2] == new_edges[2]
        same = same and (not text_before or old_edges[0] == new_edges[0])
        same = same and (not text_after or old_edges[1] == new_edges[1])
        (kept if same else refused).extend(cluster)
    return sorted(kept, key=_order), refused
