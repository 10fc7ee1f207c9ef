"""Output formats: one small module each, all rendering the same `RunReport`.

FORMATS maps a --format name to a function `render(report) -> str`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List

from lint.model import Finding, Severity


@dataclass
class RunReport:
    findings: List[Finding]
    errors: List[str] = field(default_factory=list)  # rule errors and unreadable drafts
    drafts: int = 0  # drafts checked
    rules: list = field(default_factory=list)  # the rules that ran (SARIF lists them)
    color: bool = False

    def counts(self) -> dict:
        counts = {str(s): 0 for s in sorted(Severity, reverse=True)}
        for f in self.findings:
            counts[str(f.severity)] += 1
        return counts

    def summary_line(self) -> str:
        drafts = f"{self.drafts} draft{'s' if self.drafts != 1 else ''}"
        counts = self.counts()
        parts = [f"{n} {name}{'s' if n != 1 else ''}" for name, n in counts.items() if n]
        flagged = len({f.path for f in self.findings})
        errors = f"; {len(self.errors)} could not be checked fully" if self.errors else ""
        if not parts:
            return f"Checked {drafts}: no findings{errors}."
        return f"Found {', '.join(parts)} in {flagged} of {drafts}{errors}."


def formats():
    from lint.report import json_format, text

    return {"text": text.render, "json": json_format.render}
