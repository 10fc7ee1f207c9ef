"""Code actions on copydesk's findings: a rule's fix, "Ignore this finding on this line",
and "Fix all safe findings" (`source.fixAll.copydesk`)."""

from __future__ import annotations

from typing import List, Optional

from lsprotocol import types

from lint.engine import suppress
from lint.lsp.desk import Checked, fix_span
from lint.lsp.diagnostics import diagnostic, span_range
from lint.lsp.positions import Lines
from lint.model import Finding

FIX_ALL = "source.fixAll.copydesk"
BASELINE_HINT = "copydesk.baselineHint"  # a command: says how to accept a finding in plain text
TITLE_CHARS = 40


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1].rstrip() + "…"


def overlaps(lines: Lines, finding: Finding, start: int, end: int) -> bool:
    a = lines.offset(finding.line, finding.column)
    b = max(lines.offset(finding.end_line, finding.end_column), a)
    return a <= end and start <= b


def fix_action(uri: str, checked: Checked, lines: Lines, finding: Finding, encoding: str, links) -> Optional[types.CodeAction]:
    span = fix_span(checked, finding)
    if span is None:
        return None
    start, end, replacement = span
    old = checked.text[start:end]
    if not replacement.strip():
        title = f"Delete “{_short(old)}”" if old.strip() else "Remove the extra space"
    else:
        title = f"Change to “{_short(replacement)}”"
    safe = finding.fix.safe
    edit = types.TextEdit(range=span_range(lines, start, end, encoding), new_text=replacement)
    return types.CodeAction(
        title=f"{title} ({finding.rule}{'' if safe else ', check it'})",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic(lines, finding, encoding, links)],
        is_preferred=safe,
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
    )


def ignore_action(uri: str, checked: Checked, lines: Lines, finding: Finding, encoding: str, links) -> types.CodeAction:
    """In Markdown and HTML: a `copydesk-disable-next-line` comment above the line. Plain
    text has no invisible comment: the action says how to use a baseline instead."""
    diag = [diagnostic(lines, finding, encoding, links)]
    if finding.rule == suppress.RULE_ID:
        title = "Delete this unused copydesk comment"
        start = lines.offset(finding.line, finding.column)
        end = lines.offset(finding.end_line, finding.end_column)
        edit = types.TextEdit(range=span_range(lines, start, end, encoding), new_text="")
        return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=diag,
                                edit=types.WorkspaceEdit(changes={uri: [edit]}))
    if not suppress.applies_to(checked.path):
        return types.CodeAction(
            title=f"Ignore this finding ({finding.rule}): plain text needs a baseline (how)",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=diag,
            command=types.Command(title="How to accept a finding in plain text", command=BASELINE_HINT,
                                  arguments=[checked.path, finding.rule]),
        )
    source = checked.text
    directive = f"<!-- copydesk-disable-next-line {finding.rule} -->"
    line_start = lines.offset(finding.line, 1)
    before = source[lines.offset(finding.line - 1, 1):line_start].rstrip("\r\n") if finding.line > 1 else ""
    if before.strip() and not checked.path.lower().endswith((".html", ".htm")):
        # inside a Markdown paragraph a comment line of its own would split it in two: the
        # comment goes at the end of the line above instead (it still names the next line)
        end = line_start - (len(source[:line_start]) - len(source[:line_start].rstrip("\r\n")))
        where = span_range(lines, end, end, encoding)
        comment = f" {directive}"
    else:
        indent = len(source[line_start:]) - len(source[line_start:].lstrip(" \t"))
        newline = "\r\n" if "\r\n" in source else "\n"
        comment = f"{source[line_start:line_start + indent]}{directive}{newline}"
        where = span_range(lines, line_start, line_start, encoding)
    return types.CodeAction(
        title=f"Ignore this finding on this line ({finding.rule})",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=diag,
        edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(range=where, new_text=comment)]}),
    )


def baseline_hint(path: str, rule: str) -> str:
    return (
        f"{path} is plain text: a copydesk comment there would be published. To accept this {rule} "
        f"finding, record today's findings in a baseline (copydesk check --write-baseline copydesk-baseline.json "
        f"{path}) and check with --baseline copydesk-baseline.json, or turn {rule} off for this draft "
        f"with per-file-ignores in the config."
    )


def whole_text_edit(lines: Lines, old: str, new: str, encoding: str) -> types.TextEdit:
    """One edit turning `old` into `new`, only over the part that changed."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    return types.TextEdit(range=span_range(lines, start, end_old, encoding), new_text=new[start:end_new])


def fix_all_action(uri: str, edit: Optional[types.TextEdit], data=None) -> types.CodeAction:
    action = types.CodeAction(title="Fix all safe copydesk findings", kind=FIX_ALL, data=data)
    if edit is not None:
        action.edit = types.WorkspaceEdit(changes={uri: [edit]})
    return action


def quick_actions(uri: str, checked: Checked, start: int, end: int, encoding: str) -> List[types.CodeAction]:
    """The fix and ignore actions of the findings overlapping source offsets start..end."""
    lines = Lines(checked.text)
    links = {r.id: r.link for r in (checked.checker.rules if checked.checker else []) if r.link}
    fixes, ignores = [], []
    for finding in checked.findings:
        if not overlaps(lines, finding, start, end):
            continue
        action = fix_action(uri, checked, lines, finding, encoding, links)
        if action is not None:
            fixes.append(action)
        ignores.append(ignore_action(uri, checked, lines, finding, encoding, links))
    fixes.sort(key=lambda a: not a.is_preferred)
    return fixes + ignores


def has_safe_fix(checked: Checked) -> bool:
    return any(f.fix is not None and f.fix.safe for f in checked.findings)
