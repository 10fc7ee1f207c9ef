"""Text: `path:line:col: severity rule-id message`, one finding a line, then a summary."""

from __future__ import annotations

from lint.report import RunReport

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "suggestion": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def render(report: RunReport) -> str:
    lines = []
    for f in report.findings:
        severity = str(f.severity)
        if report.color:
            lines.append(
                f"{_BOLD}{f.path}:{f.line}:{f.column}:{_RESET} {_COLORS[severity]}{severity}{_RESET} "
                f"{_DIM}{f.rule}{_RESET} {f.message}"
            )
        else:
            lines.append(f"{f.path}:{f.line}:{f.column}: {severity} {f.rule} {f.message}")
    lines.append(report.summary_line())
    return "\n".join(lines) + "\n"
