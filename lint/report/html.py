"""HTML: one self-contained page a copy chief reads in a browser (`--format html`).

The page needs nothing but itself: its CSS and script are inline (html_assets/report.css and
report.js, read here), the chart is inline SVG, and a Content-Security-Policy meta tag allows
no fetch, frame, font, image or form, and no script or style but the page's own (by their
SHA-256 hashes). It opens from disk, a CI artifact or an e-mail attachment, offline.

What is on it:

- the overview, written here as HTML: counts by level and a bar chart by rule (SVG), the drafts
  with the most errors, the rules that fire most, the people table of the cross-draft checks,
  and the problems that stopped a full check;
- every flagged draft as copy, worst first, each finding's span highlighted by level, its
  message and fix (before/after) beside it; drafts without findings listed, collapsed;
- filters (level, rule, pack, draft, a search box), keyboard navigation (j/n next finding, k/p
  previous, / to search) and the view kept in the URL fragment; the script builds these;
- the rules that fired, with their descriptions and examples from the packs.

Scale: each draft's text is in the page once, in one `<script type="application/json">` block
with the findings as compact arrays; the script draws a draft's copy only when it scrolls
into view, with DOM text nodes (never innerHTML of copy). Every `<`, `>` and `&` in that block
is written `\\u003c`, `\\u003e`, `\\u0026`, so no copy can close it. Everything else from the
drafts, packs and findings is escaped with `html.escape`; rule links are kept only when they
are http(s) URLs.

The people table: the facts the people rules of kind person-consistency keep of each draft in
phase 1 (each person named in full with a branch, rank, title, middle initial, suffix or
gendered role noun, and how each first reference was written), from `RunReport.results`.
It lists the people named in more than one draft or in more than one form, those with a
finding first.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import html
import json
import re
from bisect import bisect_left
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

from lint import __version__
from lint.drafts.document import line_starts
from lint.model import Finding
from lint.report import RunReport

LEVELS = ("error", "warning", "suggestion")
ASSETS = Path(__file__).with_name("html_assets")
PEOPLE_KIND = "person-consistency"
TOP = 20  # rows of the overview's tables and bars of its rule chart
PEOPLE_ROWS = 500  # the people table's longest list (most drafts first)
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")  # characters a browser counts as two


def render(report: RunReport) -> str:
    return Page(report).html()


# ---- what the page shows, as data -------------------------------------------------------------


class DraftView:
    """One flagged draft: its path, its text (None when it is not at hand, with `note` saying
    why), and its findings with their spans in the text as UTF-16 offsets (what a browser's
    strings count)."""

    def __init__(self, path: str, findings: List[Finding], source: Optional[str]):
        self.path = path
        self.findings = findings
        self.counts = {level: 0 for level in LEVELS}
        for f in findings:
            self.counts[str(f.severity)] += 1
        self.text: Optional[str] = None
        self.note = ""
        self.spans: List[Tuple[int, int]] = []
        if source is None:
            self.note = "The draft's text is not at hand (it was not found where the findings say it is), so only its findings are shown."
            return
        spans = _spans(source, findings)
        if spans is None:
            self.note = "The draft changed since it was checked (its text no longer matches the findings), so only its findings are shown."
            return
        self.text = source
        self.spans = _utf16_spans(source, spans)

    def order(self) -> tuple:
        return (-self.counts["error"], -self.counts["warning"], -self.counts["suggestion"], self.path)


def _before_after(f: Finding, text: Optional[str]) -> Tuple[Optional[str], str]:
    """A fix as (before, after): the flagged words and the same words fixed when the fix lies
    inside them ("first first" -> "first"), else the fix's own span and its replacement. A
    finding from stored JSON has no fix span (the output keeps only the replacement): (None,
    replacement)."""
    fix = f.fix
    if text is None or not f.end or fix.end > len(text):
        return None, fix.replacement
    if f.start <= fix.start <= fix.end <= f.end:
        return f.match, f.match[: fix.start - f.start] + fix.replacement + f.match[fix.end - f.start :]
    return text[fix.start : fix.end], fix.replacement


def _spans(source: str, findings: List[Finding]) -> Optional[List[Tuple[int, int]]]:
    """Each finding's (start, end) in `source`, in code points, from its line and column (what
    the JSON output keeps too); None when a finding's match is not the text there."""
    starts = line_starts(source)
    out = []
    for f in findings:
        if not (1 <= f.line <= len(starts) and 1 <= f.end_line <= len(starts)):
            return None
        start = starts[f.line - 1] + f.column - 1
        end = starts[f.end_line - 1] + f.end_column - 1
        if not 0 <= start <= end <= len(source) or (f.match and source[start:end] != f.match):
            return None
        out.append((start, end))
    return out


def _utf16_spans(source: str, spans: List[Tuple[int, int]]) -> List[Tuple[int, int]]:
    """Code-point offsets as UTF-16 ones: each character past U+FFFF before an offset adds one."""
    astral = [m.start() for m in _ASTRAL.finditer(source)] if not source.isascii() else []
    if not astral:
        return spans
    return [(s + bisect_left(astral, s), e + bisect_left(astral, e)) for s, e in spans]


def people_rows(results: Iterable, rules: Iterable, findings: Iterable[Finding] = ()) -> List[dict]:
    """The people table: from the phase-1 facts of the person-consistency rules in `results`
    (DraftResults), one row per person: name, forms (as written), drafts, and whether a finding
    of those rules marks one of their mentions. Only people named in more than one draft or in
    more than one form; flagged ones first, then by drafts."""
    ids = {r.id for r in rules if getattr(r.kind, "name", None) == PEOPLE_KIND}
    people: Dict[tuple, dict] = {}
    for result in results:
        for rule_id in ids:
            facts = (result.facts or {}).get(rule_id)
            if not facts:
                continue
            for key, name, attributes in facts["people"]:
                row = people.setdefault(tuple(key), {"name": name, "forms": {}, "drafts": {}, "flagged": False})
                if len(name) > len(row["name"]):
                    row["name"] = name
                row["drafts"][result.path] = None
                for attribute in attributes:
                    row["forms"][attribute[-1]] = None
    flagged_spans = {(f.path, f.match) for f in findings if f.rule in ids}
    rows = []
    for row in people.values():
        if len(row["drafts"]) < 2 and len(row["forms"]) < 2:
            continue
        row["forms"] = list(row["forms"])
        row["drafts"] = list(row["drafts"])
        row["flagged"] = any((path, form) in flagged_spans for path in row["drafts"] for form in row["forms"])
        rows.append(row)
    rows.sort(key=lambda r: (not r["flagged"], -len(r["drafts"]), r["name"]))
    return rows


# ---- the page -------------------------------------------------------------------------------


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def safe_link(url: str) -> Optional[str]:
    """`url` when it is an http(s) address (a pack's `link`), else None: no javascript: or data:."""
    url = (url or "").strip()
    return url if url.lower().startswith(("https://", "http://")) and not any(c in url for c in "\"'<> \n\t") else None


def json_for_script(value) -> str:
    """JSON that cannot end its `<script>` block or open a comment: <, > and & escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


class Page:
    def __init__(self, report: RunReport, title: str = "copydesk report"):
        self.report = report
        self.title = title
        self.rules = {}
        for rule in report.rules:
            self.rules.setdefault(rule.id, rule)
        missing = {f.rule for f in report.findings} - set(self.rules)
        if missing:
            from lint.engine.suppress import RULE_ID, unused_rule

            if RULE_ID in missing:
                self.rules[RULE_ID] = unused_rule()
        by_path: Dict[str, List[Finding]] = {}
        for f in report.findings:
            by_path.setdefault(f.path, []).append(f)
        self.drafts = sorted(
            (DraftView(path, sorted(found, key=lambda f: (f.line, f.column, f.rule)), report.sources.get(path)) for path, found in by_path.items()),
            key=DraftView.order,
        )
        self.clean = [p for p in dict.fromkeys(report.paths) if p not in by_path]
        self.fired = sorted({f.rule for f in report.findings})
        self.people = people_rows(getattr(report, "results", None) or [], self.rules.values(), report.findings)
        self.notes: List[str] = list(getattr(report, "notes", None) or [])

    # -- data for the script --

    def data(self) -> dict:
        rule_index = {rule_id: i for i, rule_id in enumerate(self.fired)}
        rules = []
        for rule_id in self.fired:
            rule = self.rules.get(rule_id)
            pack = rule.pack if rule is not None else rule_id.split(".")[0]
            rules.append([rule_id, pack])
        drafts, findings = [], []
        for d, view in enumerate(self.drafts):
            drafts.append([view.path, view.text, view.note])
            for i, f in enumerate(view.findings):
                start, end = view.spans[i] if view.text is not None else (0, 0)
                fix = 0
                if f.fix is not None:
                    fix = [*_before_after(f, view.text), 1 if f.fix.safe else 0]
                row = [d, rule_index[f.rule], LEVELS.index(str(f.severity)), start, end, f.line, f.column, f.message, fix]
                if view.text is None:
                    row.append(f.match)
                findings.append(row)
        return {"levels": list(LEVELS), "rules": rules, "drafts": drafts, "findings": findings}

    # -- HTML --

    def html(self) -> str:
        css = (ASSETS / "report.css").read_text(encoding="utf-8")
        script = (ASSETS / "report.js").read_text(encoding="utf-8")
        policy = (
            f"default-src 'none'; script-src {_hash(script)}; style-src {_hash(css)}; "
            "base-uri 'none'; form-action 'none'"
        )
        counts = self.report.counts()
        generated = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_e(policy)}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_e(self.title)}: {_e(self.report.summary_line())}</title>",
            f"<style>{css}</style></head><body>",
            '<header><h1>copydesk report</h1>',
            f'<p class="summary" id="summary">{_e(self.report.summary_line())}</p>',
            f'<p class="meta">copydesk {_e(__version__)}, {_e(generated)}. Keys: <kbd>j</kbd>/<kbd>n</kbd> next finding, '
            "<kbd>k</kbd>/<kbd>p</kbd> previous, <kbd>/</kbd> search.</p></header>",
            '<main>',
            self._overview(counts),
            self._filters(),
            '<section id="drafts" aria-label="Drafts"><h2>Drafts</h2>',
            '<p id="status" class="status" aria-live="polite"></p>',
            '<div id="draft-list"></div>',
            self._clean(),
            "</section>",
            self._rules(),
            "</main>",
            f'<script type="application/json" id="copydesk-data">{json_for_script(self.data())}</script>',
            f"<script>{script}</script>",
            "</body></html>",
        ]
        return "\n".join(p for p in parts if p) + "\n"

    def _overview(self, counts: dict) -> str:
        out = ['<section id="overview" aria-label="Overview"><h2>Overview</h2>', '<div class="levels">']
        for level in LEVELS:
            out.append(
                f'<a class="count lv-{level}" href="#levels={level}"><b>{counts[level]}</b> {level}{"s" if counts[level] != 1 else ""}</a>'
            )
        out.append(
            f'<span class="count"><b>{self.report.drafts}</b> draft{"s" if self.report.drafts != 1 else ""} checked, '
            f"<b>{len(self.drafts)}</b> with findings</span></div>"
        )
        for note in self.notes:
            out.append(f'<p class="note">{_e(note)}</p>')
        if self.report.errors:
            out.append(f'<details class="problems" open><summary>{_plural(len(self.report.errors), "problem")} stopped a full check</summary><ul>')
            out += [f"<li>{_e(message)}</li>" for message in self.report.errors]
            out.append("</ul></details>")
        if self.report.findings:
            out.append('<div class="columns">')
            out.append(f'<figure class="chart"><figcaption>Findings by rule</figcaption>{self._chart()}</figure>')
            out.append(self._worst_drafts())
            out.append("</div>")
        if self.people:
            out.append(self._people())
        out.append("</section>")
        return "\n".join(out)

    def _chart(self) -> str:
        by_rule: Dict[str, Dict[str, int]] = {}
        for f in self.report.findings:
            by_rule.setdefault(f.rule, {level: 0 for level in LEVELS})[str(f.severity)] += 1
        ranked = sorted(by_rule.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))[:TOP]
        most = max(sum(c.values()) for _, c in ranked)
        label_w, bar_w, row_h = 230, 300, 22
        height = row_h * len(ranked) + 4
        out = [
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Findings by rule" '
            f'viewBox="0 0 {label_w + bar_w + 60} {height}" width="{label_w + bar_w + 60}" height="{height}">'
        ]
        for row, (rule_id, levels) in enumerate(ranked):
            y = row * row_h + 2
            out.append(f'<a href="#rule={_e(rule_id)}"><text x="{label_w - 6}" y="{y + 15}" class="label">{_e(rule_id)}</text>')
            x = label_w
            for level in LEVELS:
                n = levels[level]
                if not n:
                    continue
                width = max(1.0, bar_w * n / most)
                out.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="{row_h - 6}" class="bar lv-{level}"><title>{_e(rule_id)}: {n} {level}{"s" if n != 1 else ""}</title></rect>')
                x += width
            out.append(f'<text x="{x + 5:.1f}" y="{y + 15}" class="n">{sum(levels.values())}</text></a>')
        out.append("</svg>")
        return "".join(out)

    def _worst_drafts(self) -> str:
        rows = []
        for view in self.drafts[:TOP]:
            c = view.counts
            rows.append(
                f'<tr><td><a href="#draft={_e(_fragment_value(view.path))}">{_e(view.path)}</a></td>'
                f'<td class="num">{c["error"]}</td><td class="num">{c["warning"]}</td><td class="num">{c["suggestion"]}</td></tr>'
            )
        by_rule: Dict[str, int] = {}
        for f in self.report.findings:
            by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
        rule_rows = []
        for rule_id, n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]:
            rule = self.rules.get(rule_id)
            level = str(rule.severity) if rule is not None else ""
            rule_rows.append(
                f'<tr><td><a href="#rule={_e(_fragment_value(rule_id))}">{_e(rule_id)}</a> '
                f'<a class="about" href="#rule-{_e(rule_id)}" title="what the rule wants">?</a></td>'
                f'<td>{_e(level)}</td><td class="num">{n}</td></tr>'
            )
        more = f"<p>The first {TOP} of {len(self.drafts)}.</p>" if len(self.drafts) > TOP else ""
        return (
            '<div class="tables"><table id="worst-drafts"><caption>Drafts with the most errors</caption>'
            "<thead><tr><th>Draft</th><th>Errors</th><th>Warnings</th><th>Suggestions</th></tr></thead><tbody>"
            + "".join(rows)
            + f"</tbody></table>{more}"
            '<table id="top-rules"><caption>Rules that fire most</caption><thead><tr><th>Rule</th><th>Level</th><th>Findings</th></tr></thead><tbody>'
            + "".join(rule_rows)
            + "</tbody></table></div>"
        )

    def _people(self) -> str:
        flagged_paths = {view.path for view in self.drafts}  # the drafts the page shows
        rows = []
        for row in self.people[:PEOPLE_ROWS]:
            drafts = ", ".join(
                f'<a href="#draft={_e(_fragment_value(p))}">{_e(p)}</a>' if p in flagged_paths else _e(p) for p in row["drafts"][:12]
            ) + (f" and {len(row['drafts']) - 12} more" if len(row["drafts"]) > 12 else "")
            forms = "<br>".join(_e(form) for form in row["forms"])
            flag = ' class="flagged"' if row["flagged"] else ""
            rows.append(f"<tr{flag}><td>{_e(row['name'])}</td><td>{forms}</td><td>{drafts}</td></tr>")
        more = f" (the first {PEOPLE_ROWS} of {len(self.people)})" if len(self.people) > PEOPLE_ROWS else ""
        flagged = sum(1 for r in self.people if r["flagged"])
        return (
            f'<details id="people" open><summary>People across drafts: {(f"{len(self.people)} people" if len(self.people) != 1 else "1 person")}'
            f'{", " + str(flagged) + " with a finding" if flagged else ""}{more}</summary>'
            "<p>People the cross-draft check compares (named in full with a rank, branch, title, middle initial, "
            "suffix or role), named in more than one draft or in more than one form; the first reference of each "
            "is shown as written. Rows marked have a finding.</p>"
            '<table><thead><tr><th>Person</th><th>Forms used</th><th>Drafts</th></tr></thead><tbody>'
            + "".join(rows)
            + "</tbody></table></details>"
        )

    def _filters(self) -> str:
        packs = sorted({self.rules[r].pack if r in self.rules else r.split(".")[0] for r in self.fired})
        levels = "".join(
            f'<label class="lv-{level}"><input type="checkbox" name="level" value="{level}" checked> {level}</label>' for level in LEVELS
        )
        rules = "".join(f'<option value="{_e(r)}">{_e(r)}</option>' for r in self.fired)
        pack_options = "".join(f'<option value="{_e(p)}">{_e(p)}</option>' for p in packs)
        drafts = "".join(f'<option value="{_e(v.path)}">{_e(v.path)}</option>' for v in sorted(self.drafts, key=lambda v: v.path))
        return (
            '<form id="filters" class="filters" role="search" aria-label="Filters">'
            f'<fieldset><legend>Level</legend>{levels}</fieldset>'
            f'<label>Rule <select id="f-rule"><option value="">all rules</option>{rules}</select></label>'
            f'<label>Pack <select id="f-pack"><option value="">all packs</option>{pack_options}</select></label>'
            f'<label>Draft <select id="f-draft"><option value="">all drafts</option>{drafts}</select></label>'
            '<label>Search <input id="f-q" type="search" placeholder="message, rule, draft or words" autocomplete="off"></label>'
            '<button type="button" id="f-reset">Show all</button>'
            "</form>"
        )

    def _clean(self) -> str:
        clean = self.clean
        unnamed = self.report.drafts - len(self.drafts) - len(clean)
        if not clean and unnamed <= 0:
            return ""
        items = "".join(f"<li>{_e(p)}</li>" for p in clean)
        note = (
            f"<p>{_plural(unnamed, 'more draft')} without findings {'were' if unnamed != 1 else 'was'} checked; "
            "the stored JSON output counts them but does not name them.</p>"
            if unnamed > 0
            else ""
        )
        total = len(clean) + max(unnamed, 0)
        return (
            f'<details id="clean" class="clean"><summary>{_plural(total, "draft")} without findings</summary>'
            f"<ul>{items}</ul>{note}</details>"
        )

    def _rules(self) -> str:
        if not self.fired:
            return ""
        out = ['<section id="rules" aria-label="Rules"><h2>Rules that fired</h2>']
        described = pack_descriptions(self.rules[r] for r in self.fired if r in self.rules)
        pack = None
        for rule_id in self.fired:
            rule = self.rules.get(rule_id)
            if rule is not None and rule.pack != pack:
                pack = rule.pack
                about = described.get(pack)
                out.append(f'<h3 class="pack">Pack {_e(pack)}</h3>' + (f'<p class="pack-about">{_e(about)}</p>' if about else ""))
            out.append(f'<details class="rule" id="rule-{_e(rule_id)}"><summary><code>{_e(rule_id)}</code>')
            if rule is None:
                out.append(" (not in the loaded packs: its description is not at hand)</summary></details>")
                continue
            out.append(f' <span class="lv lv-{rule.severity}">{rule.severity}</span> {_e(rule.summary)}</summary>')
            out.append(f"<p>{_e(' '.join(rule.description.split()) or '(no description)')}</p>")
            out.append(f"<p><b>Message:</b> {_e(rule.message)}</p>")
            link = safe_link(rule.link)
            if link:
                out.append(f'<p><b>More:</b> <a href="{_e(link)}" rel="noopener noreferrer">{_e(link)}</a></p>')
            elif rule.link:
                out.append(f"<p><b>More:</b> {_e(rule.link)}</p>")
            out.append(_examples("Flagged", rule.fail, "fail"))
            out.append(_examples("Not flagged", rule.passing, "pass"))
            out.append(f'<p class="meta">Pack {_e(rule.pack)}, defined at {_e(rule.source)}</p></details>')
        out.append("</section>")
        return "\n".join(out)


_RULES_KEY = re.compile(r"^rules\s*:", re.M)


def pack_descriptions(rules: Iterable) -> Dict[str, str]:
    """{pack name: its description}, read from the top of each rule's pack file (what comes
    before its `rules:` key, so a big pack is not parsed again); a pack that cannot be read so
    is left out."""
    out: Dict[str, str] = {}
    files = {}
    for rule in rules:
        files.setdefault(rule.pack, rule.source.rsplit(":", 1)[0])
    for pack, path in files.items():
        try:
            from lint.packs.yamlload import load_yaml, read_text

            text = read_text(Path(path), "rule pack")
            head = _RULES_KEY.split(text, 1)[0]
            top = load_yaml(head, path)
        except Exception:  # noqa: BLE001 -- a description is a nicety: the page goes on without it
            continue
        if isinstance(top, dict) and isinstance(top.get("description"), str):
            out[pack] = " ".join(top["description"].split())
    return out


def _examples(heading: str, examples, kind: str) -> str:
    if not examples:
        return ""
    shown = list(examples)[:6]
    items = "".join(
        "<li>" + "".join(f"<pre>{_e(draft.rstrip())}</pre>" for draft in example.drafts) + "</li>" for example in shown
    )
    more = f"<p>and {len(examples) - len(shown)} more (<code>copydesk explain</code> shows them all)</p>" if len(examples) > len(shown) else ""
    return f'<div class="examples {kind}"><b>{heading}:</b><ul>{items}</ul>{more}</div>'


def _fragment_value(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="/")


# ---- the same page from a stored `--format json` output (`copydesk report`) ---------------------


def report_from_json(json_path: str, packs=(), config: Optional[str] = None) -> RunReport:
    """A RunReport from the JSON output of `copydesk check --format json` (version 1), as
    `copydesk report` renders it. That output keeps the findings and the counts, not the copy
    nor the rules: each draft is read again from its path (relative to the working folder, as
    the check named it) when it is there and still matches its findings, else its findings are
    shown without copy and the page says so; the rules' descriptions and examples come from
    the packs the config (`config`, else the nearest one) and `packs` load; the people table
    from the drafts read again. Drafts without findings are counted, not named (the JSON does
    not name them). Raises CopydeskError for a file that is not such an output."""
    import os

    from lint.api import Checker
    from lint.drafts.reader import DraftError
    from lint.engine.runner import Engine
    from lint.model import CopydeskError, Fix, Severity

    try:
        with open(json_path, encoding="utf-8") as handle:
            stored = json.load(handle)
    except OSError as error:
        raise CopydeskError(f"{json_path}: cannot read: {error.strerror or error}") from None
    except (UnicodeDecodeError, ValueError) as error:
        raise CopydeskError(f"{json_path}: not JSON ({error}): give the output of `copydesk check --format json`") from None
    if not isinstance(stored, dict) or stored.get("version") != 1 or not isinstance(stored.get("findings"), list):
        raise CopydeskError(
            f"{json_path}: not a copydesk JSON report (version 1, with a list of findings): "
            "give the output of `copydesk check --format json -o FILE`"
        )
    findings = []
    for n, item in enumerate(stored["findings"], 1):
        try:
            fix = item.get("fix")
            findings.append(
                Finding(
                    str(item["path"]), int(item["line"]), int(item["column"]), str(item["rule"]),
                    int(item["end_line"]), int(item["end_column"]), Severity.parse(item["severity"]),
                    str(item["message"]), str(item.get("match", "")),
                    Fix(0, 0, str(fix["replacement"]), bool(fix.get("safe", True))) if isinstance(fix, dict) else None,
                )
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise CopydeskError(f"{json_path}: finding {n} is incomplete or malformed ({error}): the report needs path, line, column, end_line, end_column, rule, severity and message") from None
    summary = stored.get("summary") if isinstance(stored.get("summary"), dict) else {}
    checker = Checker.load(config=config, packs=list(packs))
    people = [r for r in checker.rules if getattr(r.kind, "name", None) == PEOPLE_KIND]
    engine = Engine(people, checker.context) if people else None
    paths = list(dict.fromkeys(f.path for f in findings))
    sources, results, missing = {}, [], []
    for path in paths:
        if path == "-" or not os.path.isfile(path):
            missing.append(path)
            continue
        try:
            doc = checker.read(path)
        except DraftError:
            missing.append(path)
            continue
        sources[path] = doc.source
        if engine is not None:
            results.append(engine.check_document(doc))
    notes = [f"Rendered from the stored JSON output {json_path}; each draft's copy was read again from its path."]
    if missing:
        shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
        notes.append(
            f"{_plural(len(missing), 'draft')} named in it {'were' if len(missing) != 1 else 'was'} not found from "
            f"{os.getcwd()} ({shown}): {'their' if len(missing) != 1 else 'its'} findings are shown without copy. "
            "Run `copydesk report` in the folder the check ran in."
        )
    drafts = summary.get("drafts")
    return RunReport(
        findings,
        [str(p) for p in summary.get("problems", []) if p] if isinstance(summary.get("problems"), list) else [],
        drafts=drafts if isinstance(drafts, int) else len(paths),
        rules=checker.rules,
        paths=paths,
        sources=sources,
        results=results,
        notes=notes,
    )
