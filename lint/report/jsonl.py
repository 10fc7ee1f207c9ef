"""JSON Lines: one finding a line, each object with the fields of the JSON format's findings
(`Finding.to_json`), nothing else: `jq`, log shippers and a cluster run's stream read it a
line at a time. A run on a cluster (`--cluster`) writes each draft's findings as its result
arrives, and the cross-draft findings at the end; `lines` is what both write."""

from __future__ import annotations

import json
import sys
from typing import Iterable

from lint.report import RunReport


def lines(findings: Iterable) -> str:
    return "".join(json.dumps(f.to_json(), ensure_ascii=False) + "\n" for f in findings)


def render(report: RunReport) -> str:
    return lines(report.findings)


class Stream:
    """`--format jsonl` on a cluster: each draft's findings written as its result arrives
    (after the filter step: per-file-ignores, inline suppressions), then, at the end, the
    findings only the whole run gives (cross-draft ones, unused suppressions). Each finding
    is written once; together they are the findings of the run, in another order."""

    def __init__(self, checker, handle):
        self.checker, self.handle = checker, handle
        self.sent = set()

    def __call__(self, outcome) -> None:
        from lint.api import per_file_ignores
        from lint.engine import suppress
        from lint.engine.runner import DraftResult, dedupe

        if not isinstance(outcome, DraftResult) or not outcome.findings:
            return
        found = (outcome.extras or {}).get("suppressions")
        findings = per_file_ignores(dedupe(outcome.findings), self.checker.config)
        findings = suppress.apply(
            findings, {outcome.path: found} if found is not None else {}, [r.id for r in self.checker.rules], self.checker.known, report_unused=False
        )
        if findings:
            self.sent.update(_key(f) for f in findings)
            self.handle.write(lines(findings))
            self.handle.flush()

    def finish(self, findings) -> None:
        self.handle.write(lines(f for f in findings if _key(f) not in self.sent))
        self.close()

    def close(self) -> None:
        if self.handle is sys.stdout:
            self.handle.flush()
        else:
            self.handle.close()


def _key(finding) -> tuple:
    return (finding.path, finding.line, finding.column, finding.rule, finding.end_line, finding.end_column)
