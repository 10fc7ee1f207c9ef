"""Text: `path:line:col: severity rule-id message`, one finding a line, then a summary.

What fails the run (findings at or above --fail-on) comes first; what does not (warnings and
suggestions, by default) comes after a line that says so. The summary says which of them
fail the run, and when something does, a last line says what to do: fix them, or let
`copydesk check --fix` apply the safe fixes (under pre-commit, the copydesk-fix hook).
"""

from __future__ import annotations

import os
import shlex
from typing import Dict, List

from lint.model import Finding, Severity
from lint.report import RunReport

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "suggestion": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"
# the command copydesk init's pre-commit config gives the copydesk-fix hook
PRE_COMMIT_FIX = "pre-commit run --hook-stage manual copydesk-fix --files"


def _line(report: RunReport, f: Finding) -> str:
    severity = str(f.severity)
    if report.color:
        return (
            f"{_BOLD}{f.path}:{f.line}:{f.column}:{_RESET} {_COLORS[severity]}{severity}{_RESET} "
            f"{_DIM}{f.rule}{_RESET} {f.message}"
        )
    return f"{f.path}:{f.line}:{f.column}: {severity} {f.rule} {f.message}"


def _counted(findings: List[Finding]) -> str:
    """"the 2 errors and 1 warning", "the error"."""
    if len(findings) == 1:
        return f"the {findings[0].severity}"
    counts: Dict[Severity, int] = {}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return "the " + " and ".join(f"{n} {level}{'s' if n != 1 else ''}" for level, n in sorted(counts.items(), reverse=True))


def _levels_failing(fail_on: Severity) -> str:
    return {Severity.ERROR: "errors", Severity.WARNING: "warnings and errors"}.get(fail_on, "every finding")


def verdict(report: RunReport, blocking: List[Finding], advice: List[Finding]) -> str:
    """The sentence after the counts: which findings fail the run."""
    if blocking and advice:
        one = len(blocking) == 1
        other = len(advice) == 1
        return (
            f"{_counted(blocking).capitalize()} {'fails' if one else 'fail'} the check; "
            f"{_counted(advice)} {'does' if other else 'do'} not."
        )
    if blocking:
        return f"{_counted(blocking).capitalize()} {'fails' if len(blocking) == 1 else 'fail'} the check."
    only = f"only {_levels_failing(report.fail_on)} do"
    if len(advice) == 1:
        return f"{_counted(advice).capitalize()} does not fail the check ({only})."
    return f"None of them fails the check ({only})."


def next_step(blocking: List[Finding]) -> str:
    """The last line: what to do to pass."""
    total = len(blocking)
    what = _counted(blocking)
    fixable = [f for f in blocking if f.fix is not None and f.fix.safe and f.path != "-"]
    under_pre_commit = os.environ.get("PRE_COMMIT") == "1"
    goal = "To commit" if under_pre_commit else "To pass"
    # the reporter may not have copydesk itself, only pre-commit's copy: name the fix hook
    # when the repo's pre-commit config has it (pre-commit runs hooks in the repo's top folder)
    fix_hook = under_pre_commit and _has_fix_hook()
    if not fixable:
        return f"{goal}: fix {what} above (`copydesk explain RULE` says what each rule wants)."
    paths = list(dict.fromkeys(f.path for f in fixable))
    files = " ".join(shlex.quote(p) for p in paths) if len(paths) <= 3 else "FILE..."
    command = f"{PRE_COMMIT_FIX} {files}" if fix_hook else f"copydesk check --fix {files}"
    share = "all of them" if len(fixable) == total else f"{len(fixable)} of them"
    then = ", then `git add` the drafts again" if under_pre_commit else ""
    return f"{goal}: fix {what} above, or run `{command}` to fix {share} safely{then}."


def _has_fix_hook() -> bool:
    try:
        with open(".pre-commit-config.yaml", encoding="utf-8") as handle:
            return "copydesk-fix" in handle.read()
    except (OSError, UnicodeDecodeError):
        return False


def render(report: RunReport) -> str:
    blocking = [f for f in report.findings if f.severity >= report.fail_on]
    advice = [f for f in report.findings if f.severity < report.fail_on]
    lines = [_line(report, f) for f in blocking]
    if blocking and advice:
        lines += ["", f"Not failing the check ({' and '.join(sorted({str(f.severity) + 's' for f in advice}, reverse=True))}):"]
    lines += [_line(report, f) for f in advice]
    summary = report.summary_line()
    if report.findings:
        summary += " " + verdict(report, blocking, advice)
    lines.append(summary)
    if blocking:
        lines.append(next_step(blocking))
    return "\n".join(lines) + "\n"
