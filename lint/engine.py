"""Run drafts through rules: phase 1 per draft, phase 2 across drafts.

Phase 1 (`check_document`) is a pure function of one draft and the rules: it returns the
draft's findings, the small facts cross-draft kinds collected, and any rule errors. Phase 2
(`judge`) merges facts from every draft of the run and turns them into findings. Kinds report
offsets; the engine alone turns them into lines, columns, messages and severities.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Tuple

from lint.document import Document
from lint.kinds.base import Context, RuleTimeout
from lint.model import Finding, Fix, Hit, Severity


@dataclass(frozen=True)
class RuleError:
    """A rule that could not finish on one draft (timeout, crash): reported, run goes on."""

    path: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: rule {self.rule}: {self.message}"


class Locator:
    """What phase 2 needs of a draft to place a finding: source text and offset map."""

    __slots__ = ("path", "_doc")

    def __init__(self, doc: Document):
        self._doc = doc
        self.path = doc.path

    def finding(self, rule, hit: Hit) -> Finding:
        doc = self._doc
        start, end = doc.offsets.span_to_source(hit.start, hit.end)
        line, column = doc.source_position(start)
        end_line, end_column = doc.source_position(end)
        match = doc.source[start:end]
        fix = None
        if hit.fix is not None:
            fix_start, fix_end = doc.offsets.span_to_source(hit.fix.start, hit.fix.end)
            fix = Fix(fix_start, fix_end, hit.fix.replacement, hit.fix.safe)
        return Finding(
            path=doc.path,
            line=line,
            column=column,
            rule=rule.id,
            end_line=end_line,
            end_column=end_column,
            severity=_severity(rule, hit),
            message=rule.render(doc.text[hit.start : hit.end], hit.values),
            match=match,
            fix=fix,
            start=start,
            end=end,
        )


def _severity(rule, hit: Hit) -> Severity:
    """The rule's level, raised when a kind says this finding is graver (`values["level"]`:
    people.title-consistency against a registry that says `level: error`)."""
    level = hit.values.get("level")
    if level is None:
        return rule.severity
    return max(rule.severity, Severity.parse(level))


@dataclass
class DraftResult:
    path: str
    findings: List[Finding] = field(default_factory=list)
    facts: Dict[str, object] = field(default_factory=dict)  # rule id -> that kind's facts
    errors: List[RuleError] = field(default_factory=list)
    locator: Optional[Locator] = None  # kept only when phase 2 may need it


class Engine:
    def __init__(self, rules, context: Optional[Context] = None):
        self.rules = list(rules)
        self.context = context or Context()
        self._cross = [r for r in self.rules if r.kind.cross_draft]

    # ---- phase 1 ---------------------------------------------------------------------

    def check_document(self, doc: Document) -> DraftResult:
        result = DraftResult(doc.path)
        locator = Locator(doc)
        for rule in self.rules:
            try:
                spans = doc.scope_spans(rule.scope)
                for hit in rule.kind.check(doc, spans, self.context):
                    result.findings.append(locator.finding(rule, hit))
                if rule.kind.cross_draft:
                    facts = rule.kind.facts(doc, self.context)
                    if facts:
                        result.facts[rule.id] = facts
            except RuleTimeout as error:
                result.errors.append(
                    RuleError(doc.path, rule.id, f"{error}; the rule was skipped for this draft (its pattern may backtrack without end)")
                )
            except Exception as error:  # noqa: BLE001 -- one broken rule must not stop the run
                result.errors.append(
                    RuleError(doc.path, rule.id, f"internal error {type(error).__name__}: {error}; the rule was skipped for this draft")
                )
        if result.facts:
            result.locator = locator
        return result

    # ---- phase 2 ---------------------------------------------------------------------

    def judge(self, results: Iterable[DraftResult]) -> Tuple[List[Finding], List[RuleError]]:
        results = list(results)
        locators = {r.path: r.locator for r in results if r.locator is not None}
        findings: List[Finding] = []
        errors: List[RuleError] = []
        for rule in self._cross:
            facts = {r.path: r.facts[rule.id] for r in results if rule.id in r.facts}
            if not facts:
                continue
            try:
                for path, hit in rule.kind.judge(facts, self.context):
                    findings.append(locators[path].finding(rule, hit))
            except Exception as error:  # noqa: BLE001
                errors.append(RuleError("(all drafts)", rule.id, f"internal error {type(error).__name__}: {error}"))
        return findings, errors

    # ---- whole runs --------------------------------------------------------------------

    def run(self, documents: Iterable[Document]) -> Tuple[List[Finding], List[RuleError]]:
        results = [self.check_document(doc) for doc in documents]
        return self.finish(results)

    def finish(self, results: List[DraftResult]) -> Tuple[List[Finding], List[RuleError]]:
        findings = [f for r in results for f in r.findings]
        errors = [e for r in results for e in r.errors]
        cross_findings, cross_errors = self.judge(results)
        return dedupe(findings + cross_findings), errors + cross_errors

    def check_texts(self, texts, paths=None) -> Tuple[List[Finding], List[RuleError]]:
        """Check strings as drafts (rule examples, tests)."""
        paths = paths or [f"example-{i + 1}.txt" for i in range(len(texts))]
        return self.run(Document.from_text(t, p) for t, p in zip(texts, paths))


def dedupe(findings: List[Finding]) -> List[Finding]:
    """Sorted by path, line, column, rule; one finding per rule per place."""
    seen = set()
    out = []
    for f in sorted(findings):
        key = (f.path, f.line, f.column, f.rule, f.end_line, f.end_column)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
