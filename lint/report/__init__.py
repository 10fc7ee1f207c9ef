"""Output formats: one small module each, all rendering the same `RunReport`.

`formats()` maps a --format name to a function `render(report) -> str`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Dict, List, Optional

from lint.engine import digests
from lint.engine.baseline import normalise
from lint.model import Finding, Severity
from lint.record import Record, field


class RunReport(Record):
    findings: List[Finding]
    errors: List[str] = field(default_factory=list)  # rule errors and unreadable drafts
    drafts: int = 0  # drafts checked
    rules: list = field(default_factory=list)  # the rules that ran (SARIF lists them)
    color: bool = False
    paths: List[str] = field(default_factory=list)  # the drafts checked (JUnit: one testcase each)
    # source text of the drafts that may carry findings: formats that need the flagged line
    # (byte columns, fingerprints) read it here instead of reading the file again
    sources: Dict[str, str] = field(default_factory=dict)
    fail_on: Severity = Severity.ERROR
    root: Optional[Path] = None  # the repository's top folder (CI formats want paths relative to it)
    # html: the phase-1 DraftResults (its people table reads the cross-draft rules' facts), and
    # what the page should say about itself (`copydesk report`: drafts not found, and so on)
    results: list = field(default_factory=list)
    notes: List[str] = field(default_factory=list)

    def line_text(self, finding: Finding, line: Optional[int] = None) -> str:
        """The text of the finding's first line (or of `line`), without its line end."""
        source = self.sources.get(finding.path, "")
        line = finding.line if line is None else line
        start = 0
        for _ in range(line - 1):
            start = source.find("\n", start) + 1
            if start == 0:
                return ""
        end = source.find("\n", start)
        return source[start : end if end >= 0 else len(source)].rstrip("\r")

    def repo_path(self, path: str) -> str:
        """`path` relative to the repository root, with `/` (as CI tools want it)."""
        if path == "-" or path.startswith("<"):
            return path
        root = self.root or repo_root()
        absolute = os.path.abspath(path)
        try:
            return Path(os.path.relpath(absolute, root)).as_posix()
        except ValueError:
            return Path(absolute).as_posix()

    def fingerprints(self) -> List[str]:
        """A stable id per finding: rule, repo path and the flagged line's text (white space
        collapsed), numbered when one key repeats. Lines inserted above do not change it."""
        seen: Dict[str, int] = {}
        out = []
        for f in self.findings:
            text = normalise(self.line_text(f))
            key = "\0".join((f.rule, self.repo_path(f.path), text))
            seen[key] = seen.get(key, 0) + 1
            out.append(digests.sha256(f"{key}\0{seen[key]}".encode("utf-8")).hexdigest()[:32])
        return out

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
        n = len(self.errors)
        errors = f"; {n} problem{'s' if n != 1 else ''} stopped a full check (see the messages above)" if n else ""
        if not parts:
            return f"Checked {drafts}: no findings{errors}."
        return f"Found {', '.join(parts)} in {flagged} of {drafts}{errors}."


def repo_root(start: Optional[str] = None) -> Path:
    """The nearest folder at or above `start` (the working directory) holding `.git`, else it."""
    here = Path(os.path.abspath(start or os.getcwd()))
    for folder in [here, *here.parents]:
        if (folder / ".git").exists():
            return folder
    return here


def formats():
    """{format name: render function}; only the module of the format asked for is imported
    (junit's XML library costs a commit hook time for nothing)."""
    import importlib

    def renderer(module):
        return lambda report: importlib.import_module(f"lint.report.{module}").render(report)

    return {name: renderer("json_format" if name == "json" else name) for name in FORMAT_NAMES}


FORMAT_NAMES = ("text", "json", "github", "sarif", "junit", "gitlab", "rdjson", "html", "jsonl")
# the formats that read the flagged lines (`RunReport.line_text`: byte columns, fingerprints);
# for the others the drafts' text need not come back from the pool workers
NEEDS_SOURCES = frozenset({"sarif", "gitlab", "rdjson", "html"})
