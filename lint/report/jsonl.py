"""JSON Lines: one finding a line, each object with the fields of the JSON format's findings
(`Finding.to_json`), nothing else: `jq`, log shippers and a cluster run's stream read it a
line at a time. A run on a cluster (`--cluster`) writes each draft's findings as its result
arrives, and the cross-draft findings at the end; `lines` is what both write."""

from __future__ import annotations

import json
from typing import Iterable

from lint.report import RunReport


def lines(findings: Iterable) -> str:
    return "".join(json.dumps(f.to_json(), ensure_ascii=False) + "\n" for f in findings)


def render(report: RunReport) -> str:
    return lines(report.findings)
