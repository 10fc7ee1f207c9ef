"""Inline suppressions in Markdown and HTML drafts, applied in one place (the filter step).

    <!-- copydesk-disable hygiene.boilerplate -->    ... until ...
    <!-- copydesk-enable hygiene.boilerplate -->
    <!-- copydesk-disable-next-line hygiene -->      the next line only
    <!-- copydesk-disable-file people.title-consistency -->

Rule ids are dotted prefixes (several allowed, separated by spaces or commas); no id means
every rule. A suppression that suppresses nothing is itself reported, as
`copydesk.unused-suppression` (a warning). Plain text has no invisible comment, so nothing is
read from .txt drafts: a marker there would be published (use a baseline or per-file-ignores).

Directives are read from `doc.source` with a small scanner of its own, so this works before and
whatever the Markdown and HTML readers make of the prose. Comments inside Markdown code
(fenced blocks and `inline code`) are examples, not directives.
"""

from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Set, Tuple

from lint.engine.rx import regex
from lint.model import Finding, Severity
from lint.engine.patterns import lazy_compile
from lint.record import Record, field

RULE_ID = "copydesk.unused-suppression"
MARKUP_SUFFIXES = (".md", ".markdown", ".html", ".htm")

_DIRECTIVE = lazy_compile(
    r"<!--[ \t]*copydesk-(disable-next-line|disable-file|disable|enable)\b([^>]*?)[ \t]*-->"
)
_FENCE = lazy_compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_ID_SEPARATORS = lazy_compile(r"[\s,]+")
_CODE_SPAN = lazy_compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", regex.DOTALL)


class Directive(Record):
    action: str  # disable | enable | disable-next-line | disable-file
    ids: Tuple[str, ...]  # empty: every rule
    start: int  # source offsets of the comment
    end: int
    line: int
    column: int
    end_column: int
    used: Set[str] = field(default_factory=set)  # the ids (or "" for all) that hid something


class Region(Record):
    """Where one directive hides one id (or every rule, id ""): source offsets or one line."""

    directive: Directive
    prefix: str
    start: int = 0
    end: Optional[int] = None  # None: to the end of the draft
    line: Optional[int] = None  # disable-next-line: this line only

    def covers(self, finding: Finding) -> bool:
        if not _matches(finding.rule, self.prefix):
            return False
        if self.line is not None:
            return finding.line == self.line
        return self.start <= finding.start and (self.end is None or finding.start < self.end)


class Suppressions(Record):
    """One draft's directives and the regions they make."""

    path: str
    directives: List[Directive]
    regions: List[Region]


def applies_to(path: str) -> bool:
    return path.lower().endswith(MARKUP_SUFFIXES)


def scan(doc) -> Optional[Suppressions]:
    """The suppressions in a Markdown or HTML draft (None when it has none)."""
    source = doc.source
    # a Markdown or HTML draft by its suffix, or by the format it was read as (an editor's
    # unsaved buffer, a draft on stdin, checked through lint/api.py with `format=`)
    if not (doc.format in ("markdown", "html") or applies_to(doc.path)):
        return None  # (decided before a search of the draft: most drafts are plain text)
    if "copydesk-" not in source:
        return None
    markdown = doc.format == "markdown" or doc.path.lower().endswith((".md", ".markdown"))
    code = _code_spans(source) if markdown else []
    directives = []
    for m in _DIRECTIVE.finditer(source):
        if any(a <= m.start() < b for a, b in code):
            continue
        ids = tuple(i for i in _ID_SEPARATORS.split(m.group(2).strip()) if i)
        line, column = doc.source_position(m.start())
        _, end_column = doc.source_position(m.end())
        directives.append(Directive(m.group(1), ids, m.start(), m.end(), line, column, end_column))
    if not directives:
        return None
    regions: List[Region] = []
    open_regions: List[Region] = []
    for d in directives:
        prefixes = d.ids or ("",)
        if d.action == "disable-file":
            regions.extend(Region(d, p) for p in prefixes)
        elif d.action == "disable-next-line":
            regions.extend(Region(d, p, line=d.line + 1) for p in prefixes)
        elif d.action == "disable":
            for p in prefixes:
                region = Region(d, p, start=d.end)
                regions.append(region)
                open_regions.append(region)
        else:  # enable: closes the open regions it names (all of them when it names none)
            for region in list(open_regions):
                if not d.ids or region.prefix in d.ids:
                    region.end = d.start
                    open_regions.remove(region)
    return Suppressions(doc.path, directives, regions)


def _code_spans(source: str) -> List[Tuple[int, int]]:
    """Source spans of Markdown fenced code blocks and `inline code`."""
    spans = []
    fence = None
    fence_start = 0
    position = 0
    for line in source.splitlines(keepends=True):
        m = _FENCE.match(line)
        if fence is None and m:
            fence, fence_start = m.group(1), position
        elif fence is not None and m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
            spans.append((fence_start, position + len(line)))
            fence = None
        position += len(line)
    if fence is not None:
        spans.append((fence_start, len(source)))
    for m in _CODE_SPAN.finditer(source):
        if not any(a <= m.start() < b for a, b in spans):
            spans.append((m.start(), m.end()))
    return spans


def _matches(rule_id: str, prefix: str) -> bool:
    from lint.packs.loader import matches_prefix

    return not prefix or matches_prefix(rule_id, prefix)


def apply(
    findings: Iterable[Finding],
    suppressions: Dict[str, Suppressions],
    ran: Iterable[str],
    known: Iterable[str],
    report_unused: bool = True,
    severity: Severity = Severity.WARNING,
) -> List[Finding]:
    """Drop suppressed findings; add one finding per suppression that hid nothing.

    `ran` are the ids of the rules that ran, `known` every loaded rule's id: a directive naming
    a rule that exists but did not run (deselected) cannot be judged, so it is not reported;
    one naming no rule at all is (a typo hides nothing).
    """
    ran, known = list(ran), list(known)
    kept = []
    for finding in findings:
        entry = suppressions.get(finding.path)
        hidden = False
        if entry is not None:
            for region in entry.regions:
                if region.covers(finding):
                    region.directive.used.add(region.prefix)
                    hidden = True
        if not hidden:
            kept.append(finding)
    if report_unused:
        kept.extend(unused(suppressions, ran, known, severity))
    return kept


def unused(
    suppressions: Dict[str, Suppressions], ran: Iterable[str], known: Iterable[str], severity: Severity = Severity.WARNING
) -> List[Finding]:
    """One finding per suppression that hid nothing, once `apply` has run over the findings
    (it marks what each suppression hid)."""
    ran, known = list(ran), list(known)
    out: List[Finding] = []
    for entry in suppressions.values():
        out.extend(_unused(entry, ran, known, severity))
    return out


def _unused(entry: Suppressions, ran: List[str], known: List[str], severity: Severity) -> Iterable[Finding]:
    for d in entry.directives:
        if d.action == "enable":
            continue
        for prefix in d.ids or ("",):
            if prefix in d.used:
                continue
            if not any(_matches(r, prefix) for r in known):
                why = f"no rule matches {prefix!r} (see `copydesk rules`)"
            elif not any(_matches(r, prefix) for r in ran):
                continue  # the rule did not run this time: nothing to judge
            else:
                what = f"of {prefix}" if prefix else "of every rule"
                why = f"this suppression {what} hides nothing"
            yield Finding(
                path=entry.path,
                line=d.line,
                column=d.column,
                rule=RULE_ID,
                end_line=d.line,
                end_column=d.end_column,
                severity=severity,
                message=f"Unused `copydesk-{d.action}`: {why}; delete it (or fix the rule id)",
                match=f"copydesk-{d.action}",
                start=d.start,
                end=d.end,
            )


def unused_rule():
    """A Rule describing `copydesk.unused-suppression`, for formats that list rules (SARIF)."""
    from lint.packs.loader import Rule

    return Rule(
        id=RULE_ID,
        pack="copydesk",
        key="unused-suppression",
        kind=None,
        severity=Severity.WARNING,
        message="Unused copydesk-disable comment: delete it (or fix the rule id)",
        scope="draft",
        description=(
            "Flags a copydesk-disable comment in a Markdown or HTML draft that hides no finding: "
            "the problem it silenced was fixed, or the rule id is wrong. Delete the comment."
        ),
        link="",
        fail=(),
        passing=(),
        source="lint/engine/suppress.py",
    )
