"""`copydesk check --fix / --diff / --unsafe-fixes`: apply fixes to drafts, safely.

For each draft: take the fixes of the run's findings that are allowed (safe ones; all with
`--unsafe-fixes`), apply those that do not overlap (lint/fixes/edit.py), re-check the new text and
go again until nothing changes or MAX_PASSES is reached. Then the whole run is checked once
more, across drafts, and what remains is reported.

A fix is applied to the draft's source: in Markdown and HTML it never reaches into markup,
code or a URL the prose skipped (`MarkupMap.skipped`); a replacement is HTML-escaped in HTML,
gets the file's line ending, and must be encodable in the file's encoding, else that fix is
left for the editor. Files are written atomically (a temporary file in the same folder,
fsync, rename) in their encoding, with their BOM, line endings and mode; a file that does not
change is not touched, and one that changed on disk meanwhile is not overwritten.
"""

from __future__ import annotations

import bisect
import difflib
import html
import os
import stat
import sys
import tempfile
from typing import List, Optional, Tuple

from lint.drafts import formats
from lint.drafts import reader
from lint.drafts.document import Document
from lint.fixes.edit import apply_fixes, keep_paragraphs, select_fixes
from lint.model import Finding, Fix
from lint.record import Record, field

MAX_PASSES = 10


class Outcome(Record):
    """What fixing did to one draft."""

    original: Document
    fixed: Document
    applied: int = 0
    passes: int = 0
    unfixable: List[str] = field(default_factory=list)  # why some fixes were left alone

    @property
    def changed(self) -> bool:
        return self.fixed.source != self.original.source


def allowed_fixes(doc: Document, findings: List[Finding], unsafe: bool, why_not: Optional[list] = None) -> List[Fix]:
    """The fixes of `findings` (for this draft) that may be applied to its source."""
    skipped = sorted(getattr(doc.offsets, "skipped", ()) or ())
    starts = [s for s, _ in skipped]
    reach = []
    for _, end in skipped:
        reach.append(max(end, reach[-1]) if reach else end)
    out = []
    for finding in findings:
        fix = finding.fix
        if fix is None or finding.path != doc.path or not (fix.safe or unsafe):
            continue
        if not (0 <= fix.start <= fix.end <= len(doc.source)):
            continue
        if skipped and _touches_markup(fix, skipped, starts, reach):
            if why_not is not None:
                why_not.append(f"{doc.path}:{finding.line}:{finding.column}: {finding.rule}: the fix would change markup or code; fix it by hand")
            continue
        replacement = fix.replacement
        if doc.format == "html":
            replacement = html.escape(replacement, quote=False)
        if doc.newline in ("\r\n", "\r"):
            replacement = replacement.replace("\n", doc.newline)
        try:
            replacement.encode(doc.encoding)
        except UnicodeEncodeError:
            if why_not is not None:
                why_not.append(f"{doc.path}:{finding.line}:{finding.column}: {finding.rule}: the fix cannot be saved in {doc.encoding}; fix it by hand")
            continue
        out.append(Fix(fix.start, fix.end, replacement, fix.safe))
    return out


def _touches_markup(fix: Fix, skipped, starts, reach) -> bool:
    """Does the fix overlap a skipped source region? (`reach[i]`: furthest end of skipped[:i+1])"""
    # regions that start before the fix ends (before or at its point, for an insertion)
    i = bisect.bisect_left(starts, fix.end if fix.end > fix.start else fix.start)
    return i > 0 and reach[i - 1] > fix.start


def reparse(doc: Document, source: str) -> Document:
    """The same draft with a new source: same format, encoding, BOM and line-ending style."""
    new = formats.parse(doc.path, source, doc.format)
    new.encoding, new.bom, new.newline = doc.encoding, doc.bom, doc.newline
    return new


def fix_document(doc: Document, findings: List[Finding], engine, unsafe: bool = False) -> Outcome:
    """Apply fixes, re-check, again, until nothing changes (at most MAX_PASSES passes)."""
    outcome = Outcome(original=doc, fixed=doc)
    current = doc
    for _ in range(MAX_PASSES):
        why_not: List[str] = []
        selected = select_fixes(allowed_fixes(current, findings, unsafe, why_not), unsafe=True)
        # a fix never changes the paragraphing: deletions keep the break that stood there,
        # and a fix that would add or remove one is left for the editor
        chosen, refused = keep_paragraphs(current.source, selected)
        for fix in refused:
            line = current.source.count("\n", 0, fix.start) + 1
            rules = sorted({f.rule for f in findings if f.fix is not None and f.fix.start == fix.start})
            why_not.append(f"{current.path}:{line}: {', '.join(rules) or 'a fix'}: the fix would change the paragraphing; fix it by hand")
        outcome.unfixable = why_not
        if not chosen:
            break
        source = apply_fixes(current.source, chosen, unsafe=True)
        if source == current.source:
            break
        outcome.applied += len(selected) - len(refused)
        outcome.passes += 1
        current = reparse(current, source)
        findings, _ = engine.finish([engine.check_document(current)])
    outcome.fixed = current
    return outcome


def encode(doc: Document, source: Optional[str] = None) -> bytes:
    source = doc.source if source is None else source
    bom = reader.BOM_FOR.get(doc.encoding, b"") if doc.bom else b""
    return bom + source.encode(doc.encoding)


def unified_diff(outcome: Outcome) -> str:
    path = outcome.original.path
    old = outcome.original.source.splitlines(keepends=True)
    new = outcome.fixed.source.splitlines(keepends=True)
    out = []
    for line in difflib.unified_diff(old, new, fromfile=path, tofile=path):
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)


class WriteError(Exception):
    pass


def write_atomic(path: str, data: bytes, expected: bytes) -> None:
    """Replace the file's bytes: temp file in the same folder, fsync, rename; same mode.

    `expected` is what the file held when it was read: if it changed meanwhile, nothing is
    written (an editor saved it while we were checking).
    """
    real = os.path.realpath(path)
    try:
        with open(real, "rb") as handle:
            if handle.read() != expected:
                raise WriteError(f"{path}: changed on disk while copydesk was fixing it; not written (run again)")
        info = os.stat(real)
    except OSError as error:
        raise WriteError(f"{path}: cannot write the fixes: {error.strerror or error}") from None
    folder = os.path.dirname(real) or "."
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(real)}.", suffix=".copydesk")
    except OSError as error:
        raise WriteError(f"{path}: cannot write the fixes in {folder}: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, stat.S_IMODE(info.st_mode))
        try:
            os.chown(temp, info.st_uid, info.st_gid)
        except OSError:
            pass  # not ours to give away; the mode is what matters
        os.replace(temp, real)
    except BaseException as error:
        try:
            os.unlink(temp)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise WriteError(f"{path}: cannot write the fixes: {error.strerror or error}") from None
        raise
    try:  # make the rename itself durable
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def run(docs: List[Document], engine, findings: List[Finding], *, unsafe: bool, diff: bool,
        stdin_doc: Optional[Document] = None, stdout=None) -> Tuple[List[Outcome], List[str]]:
    """Fix every draft; write files (or print diffs, or the fixed stdin text).

    Returns (outcomes, errors). The draft read from stdin (`stdin_doc`) is never written: with
    --fix its fixed text goes to stdout (in its encoding), with --diff its diff does.
    """
    stdout = stdout or sys.stdout
    by_path = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    outcomes, errors = [], []
    for doc in docs:
        outcome = fix_document(doc, by_path.get(doc.path, []), engine, unsafe)
        outcomes.append(outcome)
        from_stdin = doc is stdin_doc
        if diff:
            if outcome.changed:
                stdout.write(unified_diff(outcome))
        elif from_stdin:
            stdout.flush()
            buffer = getattr(stdout, "buffer", None)
            if buffer is not None:
                buffer.write(encode(outcome.fixed))
                buffer.flush()
            else:
                stdout.write(outcome.fixed.source)
        elif outcome.changed:
            try:
                write_atomic(doc.path, encode(outcome.fixed), encode(outcome.original))
            except WriteError as error:
                errors.append(str(error))
                outcome.fixed = outcome.original
                outcome.applied = 0
    return outcomes, errors


def summary(outcomes: List[Outcome], diff: bool) -> str:
    fixed = sum(o.applied for o in outcomes if o.changed)
    drafts = sum(1 for o in outcomes if o.changed)
    verb = "would fix" if diff else "fixed"
    if not fixed:
        return "nothing to fix"
    return f"{verb} {fixed} finding{'s' if fixed != 1 else ''} in {drafts} draft{'s' if drafts != 1 else ''}"
