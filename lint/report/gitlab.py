"""GitLab Code Quality: a JSON array of issues; `fingerprint` is unique per finding."""

from __future__ import annotations

import json

from lint.report import RunReport

SEVERITY = {"error": "major", "warning": "minor", "suggestion": "info"}


def render(report: RunReport) -> str:
    issues = []
    for f, fingerprint in zip(report.findings, report.fingerprints()):
        issues.append(
            {
                "type": "issue",
                "check_name": f.rule,
                "description": f.message,
                "categories": ["Style"],
                "severity": SEVERITY[str(f.severity)],
                "fingerprint": fingerprint,
                "location": {
                    "path": report.repo_path(f.path),
                    "positions": {
                        "begin": {"line": f.line, "column": f.column},
                        "end": {"line": f.end_line, "column": f.end_column},
                    },
                },
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
