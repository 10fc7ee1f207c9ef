"""JSON: one object `{"version": 1, "findings": [...], "summary": {...}}` (a documented contract)."""

from __future__ import annotations

import json

from lint.report import RunReport

VERSION = 1


def render(report: RunReport) -> str:
    document = {
        "version": VERSION,
        "findings": [f.to_json() for f in report.findings],
        "summary": {
            "drafts": report.drafts,
            "findings": len(report.findings),
            **{f"{name}s": n for name, n in report.counts().items()},
            "problems": list(report.errors),
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
