"""copydesk's findings as LSP diagnostics: range, severity, rule id, link, source."""

from __future__ import annotations

from typing import Dict, List, Optional

from lsprotocol import types

from lint.lsp.desk import NOT_CHECKED
from lint.lsp.positions import Lines
from lint.model import Finding, Severity

SOURCE = "copydesk"

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.SUGGESTION: types.DiagnosticSeverity.Information,
}


def finding_range(lines: Lines, finding: Finding, encoding: str) -> types.Range:
    start = lines.offset(finding.line, finding.column)
    end = max(lines.offset(finding.end_line, finding.end_column), start)
    return span_range(lines, start, end, encoding)


def span_range(lines: Lines, start: int, end: int, encoding: str) -> types.Range:
    (l1, c1), (l2, c2) = lines.position(start, encoding), lines.position(end, encoding)
    return types.Range(types.Position(l1, c1), types.Position(l2, c2))


def diagnostic(lines: Lines, finding: Finding, encoding: str, links: Dict[str, str]) -> types.Diagnostic:
    link = links.get(finding.rule)
    return types.Diagnostic(
        range=finding_range(lines, finding, encoding),
        message=finding.message,
        severity=SEVERITIES.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.rule,
        code_description=types.CodeDescription(href=link) if link else None,
        source=SOURCE,
    )


def at_line_one(message: str, severity=types.DiagnosticSeverity.Error) -> types.Diagnostic:
    """What cannot be put at a place (a draft or rule that could not be checked)."""
    return types.Diagnostic(
        range=types.Range(types.Position(0, 0), types.Position(0, 0)),
        message=message,
        severity=severity,
        source=SOURCE,
    )


def diagnostics(text: str, findings: List[Finding], errors: List[str], encoding: str, rules: Optional[list]) -> List[types.Diagnostic]:
    lines = Lines(text)
    links = {r.id: r.link for r in rules or [] if r.link}
    out = [diagnostic(lines, f, encoding, links) for f in findings]
    if errors:
        whole = any(e.startswith(NOT_CHECKED) for e in errors)
        out.insert(0, at_line_one("\n".join(errors), types.DiagnosticSeverity.Error if whole else types.DiagnosticSeverity.Warning))
    return out
