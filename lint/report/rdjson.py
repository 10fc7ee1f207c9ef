"""reviewdog's rdjson: positions are 1-based lines and UTF-8 *byte* columns.

copydesk counts characters; news copy is full of curly quotes and dashes (3 bytes each in
UTF-8), so the columns are converted here, at the edge, from the flagged line's text.
"""

from __future__ import annotations

import json

from lint.report import RunReport

SEVERITY = {"error": "ERROR", "warning": "WARNING", "suggestion": "INFO"}


def byte_column(line_text: str, column: int) -> int:
    """1-based character column -> 1-based UTF-8 byte column on the same line."""
    return len(line_text[: column - 1].encode("utf-8")) + 1


def _position(report: RunReport, f, line: int, column: int) -> dict:
    text = report.line_text(f, line)
    return {"line": line, "column": byte_column(text, column)}


def render(report: RunReport) -> str:
    diagnostics = []
    for f in report.findings:
        diagnostic = {
            "message": f.message,
            "location": {
                "path": report.repo_path(f.path),
                "range": {
                    "start": _position(report, f, f.line, f.column),
                    "end": _position(report, f, f.end_line, f.end_column),
                },
            },
            "severity": SEVERITY[str(f.severity)],
            "code": {"value": f.rule},
        }
        if f.fix is not None and f.fix.safe:
            source = report.sources.get(f.path)
            if source is not None:
                diagnostic["suggestions"] = [{"range": _range_of(source, f.fix.start, f.fix.end), "text": f.fix.replacement}]
        diagnostics.append(diagnostic)
    document = {"source": {"name": "copydesk"}, "diagnostics": diagnostics}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _range_of(source: str, start: int, end: int) -> dict:
    """A fix's source offsets as rdjson positions (UTF-8 byte columns)."""

    def position(offset):
        line = source.count("\n", 0, offset) + 1
        line_start = source.rfind("\n", 0, offset) + 1
        return {"line": line, "column": len(source[line_start:offset].encode("utf-8")) + 1}

    return {"start": position(start), "end": position(end)}
