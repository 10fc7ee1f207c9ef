"""Run drafts through rules: phase 1 per draft, phase 2 across drafts.

Phase 1 (`check_document`) is a pure function of one draft and the rules: it returns the
draft's findings, the small facts cross-draft kinds collected, and any rule errors. Phase 2
(`judge`) merges facts from every draft of the run and turns them into findings. Kinds report
offsets; the engine alone turns them into lines, columns, messages and severities.
"""

from __future__ import annotations

import bisect
import operator
from typing import Dict, Iterable, List, Optional, Tuple

from lint.engine import digests
from lint.drafts.document import SCOPES, Document, line_starts
from lint.kinds.base import Context, RuleTimeout
from lint.model import CopydeskError, Finding, Fix, Hit, Severity, finding_order
from lint.record import Record, field


class RuleError(Record, frozen=True):
    """A rule that could not finish on one draft (timeout, crash): reported, run goes on."""

    path: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: rule {self.rule}: {self.message}"


class DraftChanged(Exception):
    """A detached locator re-read its draft and found other text than phase 1 checked."""


def _fingerprint(source: str) -> str:
    return digests.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class Locator:
    """What phase 2 needs of a draft to place a finding: source, prose text, offset map.

    It holds no Document (the draft's cached structure is dropped after phase 1), and it
    pickles *detached*: path and a fingerprint of the source, no text. A phase-1 result that
    comes back from a pool worker is therefore tiny; the parent sets `reload` (path ->
    Document, the reader the workers used) and a locator re-reads its draft only if phase 2
    places a finding in it, refusing text that changed since phase 1 (`DraftChanged`).
    """

    __slots__ = ("path", "source", "text", "offsets", "fingerprint", "reload", "_line_starts", "_doc")

    def __init__(self, doc: Optional[Document] = None, *, path: str = "", fingerprint: Optional[str] = None):
        self.reload = None
        self._line_starts = None
        self._doc = None  # during phase 1 (`Engine.check_documents`): the draft, to share its line starts
        self.fingerprint = fingerprint
        if doc is None:  # detached
            self.path, self.source, self.text, self.offsets = path, None, None, None
        else:
            self.path, self.source, self.text, self.offsets = doc.path, doc.source, doc.text, doc.offsets

    def __reduce__(self):
        fingerprint = self.fingerprint or _fingerprint(self.source)
        return (_detached_locator, (self.path, fingerprint))

    def _attach(self) -> None:
        if self.reload is None:
            raise DraftChanged("no way to re-read the draft to place a cross-draft finding")
        doc = self.reload(self.path)
        if _fingerprint(doc.source) != self.fingerprint:
            raise DraftChanged("the draft changed during the run; its cross-draft findings were skipped")
        self.source, self.text, self.offsets = doc.source, doc.text, doc.offsets

    def _position(self, source_offset: int) -> Tuple[int, int]:
        """1-based (line, column); columns count characters (as Document.source_position)."""
        starts = self._line_starts
        if starts is None:
            # the draft's own (`Document._line_starts`, which kinds placing things read too)
            # while phase 1 has it at hand: the same list, of the same source, made once
            doc = self._doc
            starts = self._line_starts = line_starts(self.source) if doc is None else doc._line_starts
        line = bisect.bisect_right(starts, source_offset) - 1
        return line + 1, source_offset - starts[line] + 1

    def finding(self, rule, hit: Hit) -> Finding:
        if self.source is None:
            self._attach()
        offsets = self.offsets
        in_source = getattr(hit, "in_source", False)  # a Vale rule's hit: offsets in the source
        start, end = (hit.start, hit.end) if in_source else offsets.span_to_source(hit.start, hit.end)
        line, column = self._position(start)
        end_line, end_column = self._position(end)
        fix = None
        if hit.fix is not None:
            fix_start, fix_end = (hit.fix.start, hit.fix.end) if in_source else offsets.span_to_source(hit.fix.start, hit.fix.end)
            fix = Fix(fix_start, fix_end, hit.fix.replacement, hit.fix.safe)
        return Finding(
            path=self.path,
            line=line,
            column=column,
            rule=rule.id,
            end_line=end_line,
            end_column=end_column,
            severity=_severity(rule, hit),
            message=rule.render(_shown(self.text[hit.start : hit.end], self.source[start:end], in_source), hit.values),
            match=self.source[start:end],
            fix=fix,
            start=start,
            end=end,
        )


def _shown(text: str, source: str, in_source: bool) -> str:
    """What `{match}` shows: the prose matched, or the source where the prose holds a
    placeholder for inline code or a URL (U+FFFC means nothing to a reader)."""
    return source if in_source or "\ufffc" in text else text


def _severity(rule, hit: Hit) -> Severity:
    """The rule's level, raised when a kind says this finding is graver (`values["level"]`:
    people.title-consistency against a registry that says `level: error`), or one level lower
    (never below suggestion) when the kind is in doubt (`values["doubt"]`: furniture the desk
    should look at), so a level set in the config still rules both."""
    severity = rule.severity
    if hit.values.get("doubt"):
        severity = Severity(max(int(severity) - 1, int(Severity.SUGGESTION)))
    level = hit.values.get("level")
    if level is None:
        return severity
    return max(severity, Severity.parse(level))


_DOCUMENT_SCOPES = frozenset(SCOPES)  # the Document's own: draft, body, headline, paragraph, ...


def _structural_spans(doc, scope: str):
    """A structural scope's spans (heading, list, table: lint/drafts/scopes.py), imported only
    by runs whose rules name one."""
    from lint.drafts.scopes import scope_spans

    return scope_spans(doc, scope)


def _moved(record, path: str):
    """`record.replace(record, path=path)` for a Finding or RuleError (frozen, no
    __post_init__, no slots), a tenth of its cost: copies of a draft move thousands."""
    moved = object.__new__(type(record))
    fields = moved.__dict__
    fields.update(record.__dict__)
    fields["path"] = path
    return moved


def _detached_locator(path: str, fingerprint: str) -> Locator:
    return Locator(path=path, fingerprint=fingerprint)


class DraftResult(Record):
    path: str
    findings: List[Finding] = field(default_factory=list)
    facts: Dict[str, object] = field(default_factory=dict)  # rule id -> that kind's facts
    errors: List[RuleError] = field(default_factory=list)
    locator: Optional[Locator] = None  # kept only when phase 2 may need it
    extras: Dict[str, object] = field(default_factory=dict)  # what the caller took of the draft

    def __init__(self, path: str, findings=None, facts=None, errors=None, locator: Optional[Locator] = None, extras=None):
        self.path = path
        self.findings = [] if findings is None else findings
        self.facts = {} if facts is None else facts
        self.errors = [] if errors is None else errors
        self.locator = locator
        self.extras = {} if extras is None else extras


class Engine:
    def __init__(self, rules, context: Optional[Context] = None):
        self.rules = list(rules)
        self.context = context or Context()
        self._cross = [r for r in self.rules if r.kind.cross_draft]
        self._triggers = None  # lint/engine/triggers.py: built on the first draft

    def _trigger_scan(self):
        """The one scan per draft for every rule's triggers (lint/engine/triggers.py)."""
        scan = self._triggers
        if scan is None:
            from lint.engine.triggers import TriggerScan

            scan = self._triggers = TriggerScan(self.rules)
        return scan

    def _skipped(self, doc: Document):
        """The rules (indexes) whose triggers the draft lacks: one scan for all of them."""
        scan = self._triggers if self._triggers is not None else self._trigger_scan()
        return scan.skipped(doc) if scan else ()

    # ---- phase 1 ---------------------------------------------------------------------

    def prepare(self) -> None:
        """Load what each rule loads on its first draft, and the compiled-pattern cache, now:
        before phase 1 forks, so the children inherit them instead of each loading them again
        (about 13 ms a process: the CMU dictionary's index, cue indexes, the pattern cache).
        Best effort: a rule that cannot prepare reports its error when it runs."""
        from lint.engine import patterns

        patterns.preload()
        self._trigger_scan()
        for rule in self.rules:
            try:
                rule.kind.prepare()
            except Exception:  # noqa: BLE001 -- the rule says what is wrong on its first draft
                pass

    def _plan(self) -> List[tuple]:
        """(rule, its kind's check, scope, formats, its kind's facts or None) for each rule, in
        order: what `check_document` looks up of every rule for every draft, looked up once."""
        plan = self.__dict__.get("_plan_cache")
        if plan is None:
            plan = self.__dict__["_plan_cache"] = [
                (rule, rule.kind.check, rule.scope, rule.formats, rule.kind.facts if rule.kind.cross_draft else None)
                for rule in self.rules
            ]
        return plan

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_plan_cache", None)  # bound methods: rebuilt by the worker that unpickles it
        return state

    def check_document(self, doc: Document) -> DraftResult:
        return self.check_documents([doc])[0]

    def check_documents(self, docs: List[Document]) -> List[DraftResult]:
        """Phase 1 of several drafts: for each, what `check_document` gives it, in order.

        The work runs rule by rule over the drafts, not draft by draft over the rules: each
        rule's code, tables and memos stay warm in the processor's caches while it goes over a
        few dozen drafts, which measured here about a fifth less CPU than switching among all
        the rules on every draft (docs/performance.md). A draft's findings still come in rule
        order, and nothing a rule computes for one draft depends on another."""
        context = self.context
        results = [DraftResult(doc.path) for doc in docs]
        locators = [Locator(doc) for doc in docs]
        for locator, doc in zip(locators, docs):
            locator._doc = doc
        # rules whose triggers a draft lacks (lint/engine/triggers.py)
        skips = [self._skipped(doc) for doc in docs]
        # each draft's spans of each scope, found once for the rules that share the scope (no
        # kind changes the list it is given)
        scoped = [{} for _ in docs]
        for index, (rule, check, scope, formats, facts_of) in enumerate(self._plan()):
            for doc, result, locator, skipped, spans_of in zip(docs, results, locators, skips, scoped):
                if (formats and doc.format not in formats) or index in skipped:
                    continue
                try:
                    spans = spans_of.get(scope)
                    if spans is None:
                        spans = spans_of[scope] = (
                            doc.scope_spans(scope) if scope in _DOCUMENT_SCOPES else _structural_spans(doc, scope)
                        )
                    for hit in check(doc, spans, context):
                        result.findings.append(locator.finding(rule, hit))
                    if facts_of is not None:
                        facts = facts_of(doc, context)
                        if facts:
                            result.facts[rule.id] = facts
                except RuleTimeout as error:
                    result.errors.append(
                        RuleError(doc.path, rule.id, f"{error}; the rule was skipped for this draft (its pattern may backtrack without end)")
                    )
                except CopydeskError as error:  # something the user can fix (a missing package, say)
                    result.errors.append(RuleError(doc.path, rule.id, f"{error}; the rule was skipped for this draft"))
                except Exception as error:  # noqa: BLE001 -- one broken rule must not stop the run
                    result.errors.append(
                        RuleError(doc.path, rule.id, f"internal error {type(error).__name__}: {error}; the rule was skipped for this draft")
                    )
        for result, locator in zip(results, locators):
            locator._doc = None  # a kept locator must not keep the draft's structure alive
            if result.facts:
                result.locator = locator
        return results

    def same_result(self, result: DraftResult, doc: Document) -> DraftResult:
        """The phase-1 result of `doc`, given the `result` of a draft with the same text and
        format (a copy under another name). Phase 1 is a pure function of those and the rules,
        so the findings, facts and rule errors are the same, moved to this draft's path; the
        locator is this draft's own."""
        path = doc.path
        return DraftResult(
            path,
            findings=[_moved(f, path) for f in result.findings],
            facts=result.facts,  # phase 2 only reads facts
            errors=[_moved(e, path) for e in result.errors],
            locator=Locator(doc) if result.locator is not None else None,
        )

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
                    try:
                        findings.append(locators[path].finding(rule, hit))
                    except DraftChanged as error:  # a detached locator could not re-read its draft
                        errors.append(RuleError(path, rule.id, str(error)))
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


_PLACE = operator.attrgetter("path", "line", "column", "rule", "end_line", "end_column")


def dedupe(findings: List[Finding]) -> List[Finding]:
    """Sorted by path, line, column, rule; one finding per rule per place."""
    ordered = sorted(findings, key=finding_order)
    places = list(map(_PLACE, ordered))  # (in C: no Python step a finding)
    if len(set(places)) == len(places):
        return ordered  # no place twice (the usual run): nothing to drop
    seen = set()
    out = []
    for f, key in zip(ordered, places):
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
