"""copydesk as a library: the one path from a config to findings that every front end takes.

    from lint import api

    checker = api.Checker.load("drafts/")          # the config found from there, as the CLI finds it
    findings = checker.check_text(text, "drafts/strike.md")        # one draft (and its format)
    run = checker.check_paths(["drafts/"])         # many drafts; cross-draft rules judged over all
    fixed = checker.fix_text(text, "drafts/strike.txt").text       # safe fixes applied
    rule = checker.rule(findings[0].rule)          # its description and examples (a hover)
    print(api.explain(api.load_rules().find("hygiene.double-space")))  # copydesk explain
    api.check_pack("house.yaml").failures          # copydesk test-pack

The command line (`lint/cli/check.py`), and any editor, report or cluster front end, goes
through a `Checker`: the same config discovery, packs, registry and house choices, the same
engine, and the same filter step (select/ignore, per-file-ignores, inline suppressions).

A run has two phases. Phase 1 (`Checker.check_document`) is a pure function of one draft and
the packs: its `DraftResult` (findings, the small picklable facts of cross-draft rules, rule
errors) can be kept and moved between processes. Phase 2 (`Checker.judge`) merges the facts
of any set of drafts (the run's, an editor's workspace, a cluster's workers) and turns them
into findings; it then filters them. Findings are `lint.model.Finding` records, the objects
every output format renders. docs/api.md documents every name in `__all__`; the module's
other functions serve the CLI and the process pool (they are module-level to pickle).
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence

from lint.engine import suppress
from lint.model import CopydeskError, Finding, Severity, finding_order
from lint.packs import config as config_module
from lint.packs.loader import matches_prefix as _matches
from lint.record import Record, field

__all__ = [
    "Checker",
    "Run",
    "FixedText",
    "load_rules",
    "Rules",
    "explain",
    "check_pack",
    "PackCheck",
    "CopydeskError",
    "Finding",
    "Severity",
]


class Run(Record):
    """What checking many drafts gave: the findings left after the filter step, sorted, and
    what a front end should say besides them."""

    findings: List[Finding]
    errors: List[str]  # drafts or rules that could not be checked, broken packs: exit 2
    notices: List[str]  # said to the user; they do not change the outcome
    results: list  # phase-1 DraftResults of the drafts reported on, in order
    sources: Dict[str, str] = field(default_factory=dict)  # path -> text, for drafts a format needs
    suppressions: dict = field(default_factory=dict)  # path -> inline suppressions found
    documents: list = field(default_factory=list)  # the Documents, when asked to keep them (--fix)

    @property
    def paths(self) -> List[str]:
        return [r.path for r in self.results]


class FixedText(Record):
    """A draft's text after its fixes, and what could not be fixed."""

    text: str
    applied: int
    unfixable: List[str]

    @property
    def changed(self) -> bool:
        return self.applied > 0


class Rules(Record):
    """Every rule the packs define, for a rule list, an explain page or an editor's hover.

    Each rule (`lint.packs.loader.Rule`) carries `id`, `severity`, `summary` (the description's
    first sentence), `description`, `message`, `link`, its `fail` and `passing` examples (each
    an `Example` whose `drafts` are the example texts) and `source` (`file:line`)."""

    rules: list  # sorted by id; copydesk.unused-suppression included
    notices: List[str]  # said to the user (a pack replacing a built-in one, a Windows-1252 file)
    problems: List[str]  # broken packs and rules, left out: a front end says them (the CLI exits 2)

    def get(self, rule_id: str):
        """The rule `rule_id`, or None."""
        return next((r for r in self.rules if r.id == rule_id), None)

    def find(self, rule_id: str):
        """The rule `rule_id`; a CopydeskError naming the closest ids when there is none."""
        rule = self.get(rule_id)
        if rule is None:
            import difflib  # only for a mistake

            ids = [r.id for r in self.rules]
            close = sorted(r for r in ids if rule_id in r)[:5] or difflib.get_close_matches(rule_id, ids, n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else " (see `copydesk rules`)"
            raise CopydeskError(f"no rule {rule_id!r}{hint}")
        return rule


def load_rules(packs: Sequence = (), *, vale_config: Optional[str] = None) -> Rules:
    """The built-in packs plus the pack files `packs` (a pack named like a built-in one
    replaces it), and the rules of the Vale configuration that applies here (`vale_config`,
    else the config's `vale:`, else the nearest .vale.ini): every rule whether or not a config
    selects it, what `copydesk rules` lists and `copydesk explain` looks in. Raises
    CopydeskError for a config or a pack that cannot load at all."""
    from lint.packs import loader as pack_loader

    rule_set = pack_loader.load_rule_set([Path(p) for p in packs])
    vale = load_vale(config_module.load(None), None, vale_config)
    rules = sorted(rule_set.rules + vale.rules + [suppress.unused_rule()], key=lambda r: r.id)
    return Rules(rules, list(rule_set.notices) + vale.notices, list(rule_set.problems) + vale.problems)


def explain(rule) -> str:
    """A rule's `copydesk explain` page as plain text: level, kind, description, link, message,
    options with the values in force, the examples it flags and does not flag, where it is defined."""
    from lint.packs.explain import explain_text

    return explain_text(rule)


class PackCheck(Record):
    """What running one pack file's examples gave (`copydesk test-pack`)."""

    path: str
    name: str  # the pack's name
    rules: int  # rules that loaded
    examples: int  # their examples, pass and fail
    failures: List[str]  # "file:line: rule 'x': fail example was not flagged: ...", one per failing example
    broken: List[str]  # rules that could not load (not run), one message each

    @property
    def passed(self) -> bool:
        return not self.failures and not self.broken


def check_pack(path) -> PackCheck:
    """Load a pack file on its own and run every rule's examples. A broken rule is named in
    `broken` and the others still run; a file that is not a pack at all raises CopydeskError
    naming file and line."""
    from lint.packs import loader as pack_loader

    broken: List[tuple] = []
    pack = pack_loader.load_pack(Path(path), check_examples=False, problems=broken)
    failures = pack_loader.run_examples(pack.rules)
    examples = sum(len(r.fail) + len(r.passing) for r in pack.rules)
    return PackCheck(str(path), pack.name, len(pack.rules), examples, failures, [message for _, message in broken])


def split_prefixes(values: Optional[Iterable[str]]) -> List[str]:
    """`["a.b,c", " d "]` -> `["a.b", "c", "d"]`: rule prefixes as flags and settings give them."""
    out = []
    for value in values or []:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return out


class Checker:
    """Packs, config and house choices loaded once; drafts checked as often as needed.

    Build one with `Checker.load` (not the constructor); it is cheap to keep and safe to
    reuse. Its attributes say what it runs: `config`, `rules` (those selected), `known` (every
    loaded rule id), `fail_on`, `problems` (broken packs and rules, left out), `notices`,
    `engine`. Build a new one when the config or a pack changes.
    """

    def __init__(self, cfg, rules, known, fail_on, report_unused, unused_severity, problems, notices, context):
        from lint.engine.runner import Engine

        self.config = cfg
        self.rules = rules
        self.known = known
        self.fail_on = fail_on
        self.report_unused = report_unused
        self.unused_severity = unused_severity
        self.problems = problems
        self.notices = notices
        self.context = context
        self.engine = Engine(rules, context)

    # ---- building one ----------------------------------------------------------------

    @classmethod
    def load(
        cls,
        start=None,
        *,
        config: Optional[str] = None,
        packs: Sequence = (),
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        registry: Optional[str] = None,
        timeout: Optional[float] = None,
        fail_on: Optional[str] = None,
        vale_config: Optional[str] = None,
    ) -> "Checker":
        """A checker as `copydesk check` builds one: the config file `config`, else the nearest
        one to `start` (a draft or a folder; default: the working folder), else the defaults;
        its packs plus `packs`; `select`/`ignore` as the flags (they beat the config's); the
        registry `registry` or the config's. Raises CopydeskError for a config, flag or
        registry the user must fix; a broken pack only costs its rules (`problems`)."""
        from lint.packs import loader as pack_loader
        from lint.packs import tables
        from lint.packs.yamlload import take_notices

        where = None
        if start is not None:
            where = Path(start)
            if not where.is_dir():
                where = where.parent
        cfg = config_module.load(config, start=where)
        config_notices = take_notices()
        extra = list(cfg.pack_files()) + [Path(p) for p in packs]
        rule_set = pack_loader.load_rule_set(extra)
        rules = rule_set.rules
        config_module.check_house(cfg, rules, rule_set.broken)
        keep = cfg.builtin_packs()
        if keep is not None:
            builtin_dir = str(tables.rules_dir())
            builtin = {r.pack for r in rules if r.source.startswith(builtin_dir)}
            for name in keep:
                if name not in builtin:
                    raise CopydeskError(
                        f"{cfg.where('packs')}: no built-in pack {name!r} (built-in packs: {', '.join(sorted(builtin))}; "
                        f"`{config_module.ALL_BUILTIN}` keeps them all; a pack file ends in .yaml)"
                    )
            rules = [r for r in rules if r.pack in keep or not r.source.startswith(builtin_dir)]
        vale = load_vale(cfg, where, vale_config)  # a .vale.ini's styles, under Vale's rule ids
        rules = rules + vale.rules
        known = [r.id for r in rules]

        def check_prefixes(prefixes, *where_in_config, flag=None):
            for prefix in prefixes:
                if not any(_matches(r, prefix) for r in known + rule_set.broken + [suppress.RULE_ID]):
                    raise CopydeskError(
                        f"{flag or cfg.where(*where_in_config)}: {pack_loader.no_rule_matches(prefix, known + [suppress.RULE_ID])}"
                    )

        check_prefixes(cfg.select, "select")
        check_prefixes(cfg.ignore, "ignore")
        for prefix in cfg.severity:
            check_prefixes([prefix], "severity", prefix)
        for glob, prefixes in cfg.per_file_ignores.items():
            check_prefixes(prefixes, "per-file-ignores", glob)

        # flags beat config: `select` replaces the config's select; `ignore` adds to its ignore,
        # but a rule a flag selects by name stays on even if the config ignores its pack
        cli_select, cli_ignore = split_prefixes(select), split_prefixes(ignore)
        check_prefixes(cli_select, flag="--select")
        check_prefixes(cli_ignore, flag="--ignore")
        chosen = cli_select or cfg.select
        dropped = [p for p in cfg.ignore if not any(_matches(s, p) for s in cli_select)] + cli_ignore

        def pseudo(prefix):  # names copydesk.unused-suppression, not a pack rule
            return _matches(suppress.RULE_ID, prefix)

        pack_select = [p for p in chosen if not pseudo(p)]
        pack_ignore = [p for p in dropped if not pseudo(p)]
        # a prefix that names only broken rules (left out, reported) selects or ignores nothing
        live_select = [p for p in pack_select if any(_matches(r, p) for r in known)]
        live_ignore = [p for p in pack_ignore if any(_matches(r, p) for r in known)]
        if chosen and not live_select:
            rules = []
        else:
            rules = pack_loader.select_rules(rules, live_select, live_ignore)
        rules = pack_loader.with_severity(rules, cfg.severity)
        report_unused = (not chosen or any(pseudo(p) for p in chosen)) and not any(pseudo(p) for p in dropped)
        unused_severity = Severity.WARNING
        for prefix, level in sorted(cfg.severity.items(), key=lambda kv: len(kv[0])):
            if pseudo(prefix):
                unused_severity = level

        level = Severity.parse(fail_on) if fail_on else (cfg.fail_on or Severity.ERROR)
        from lint.kinds.base import Context

        context = Context(house=dict(cfg.house), registry=_registry(registry, cfg), timeout=timeout)
        notices = config_notices + rule_set.notices + take_notices() + vale.notices  # config, packs, people list
        problems = list(rule_set.problems) + vale.problems
        return cls(cfg, rules, known, level, report_unused, unused_severity, problems, notices, context)

    def rule(self, rule_id: str):
        """The rule a finding names (`finding.rule`), for its description and examples (an
        editor's hover); None for an id this checker does not run."""
        if rule_id == suppress.RULE_ID:
            return suppress.unused_rule()
        return next((r for r in self.rules if r.id == rule_id), None)

    def only(self, rule_ids: Iterable[str], *, registry: bool = True) -> "Checker":
        """This checker running only the rules `rule_ids` (of those it runs), with the same
        config and house choices; without the house registry when `registry` is false
        (`copydesk people` learns everyone, not only those a registry does not know)."""
        from lint.kinds.base import Context

        wanted = set(rule_ids)
        context = self.context
        if not registry and context.registry is not None:
            context = Context(house=context.house, registry=None, timeout=context.timeout)
        rules = [r for r in self.rules if r.id in wanted]
        return type(self)(
            self.config, rules, self.known, self.fail_on, False, self.unused_severity, self.problems, self.notices, context
        )

    # ---- one draft ---------------------------------------------------------------------

    def read(self, path: str, text: Optional[str] = None, format: Optional[str] = None, notices: Optional[list] = None):
        """The Document of a draft: read from `path`, or `text` shown as `path`. Its format is
        `format` (`text`, `markdown`, `html`) or the path's suffix. Raises
        `lint.drafts.reader.DraftError` for a file that cannot be read."""
        from lint.drafts import reader

        if text is None:
            doc = reader.read_draft(path, notices, format)
        else:
            doc = reader.document(path, reader.Decoded(text, "utf-8"), notices, format)
        return doc

    def check_document(self, doc, keep_source: bool = True):
        """Phase 1 of one draft: its `DraftResult`, with what the filter step needs of it."""
        result = self.engine.check_document(doc)
        annotate(doc, result, keep_source)
        return result

    def judge(self, results: list, report_on: Optional[Iterable[str]] = None):
        """Phase 2 over `results` (phase-1 results of any drafts), then the filter step.
        Returns (findings, errors): the findings of the drafts in `report_on` (default: all of
        `results`), sorted; errors as lines to show.

        A result that was pickled (from another process or machine) carries no text: to place
        a cross-draft finding in it, its draft is read again from its path, and a draft that
        changed since phase 1 is an error, not a misplaced finding."""
        results = list(results)
        for result in results:  # a result that came through pickle re-reads its draft to place a finding
            locator = result.locator
            if locator is not None and locator.source is None and locator.reload is None:
                locator.reload = functools.partial(read_draft, "-")
        findings, rule_errors = self.engine.finish(results)  # sorted
        if report_on is not None:
            reported = set(report_on)
            findings = [f for f in findings if f.path in reported]
            rule_errors = [e for e in rule_errors if e.path in reported or e.path == "(all drafts)"]
        errors = group_rule_errors(rule_errors)
        found = {r.path: r.extras["suppressions"] for r in results if (r.extras or {}).get("suppressions") is not None}
        return self.filter(findings, found, presorted=True), errors

    def filter(self, findings: List[Finding], suppressions: dict, presorted: bool = False) -> List[Finding]:
        """The one filter step: per-file-ignores, then inline suppressions; sorted.
        `presorted`: the findings come sorted (they stay so unless a suppression that hid
        nothing is reported: the sort is then made)."""
        findings = per_file_ignores(findings, self.config)  # a subset, in order
        ran = [r.id for r in self.rules]
        findings = suppress.apply(findings, suppressions, ran, self.known, report_unused=False)  # in order
        unused = suppress.unused(suppressions, ran, self.known, self.unused_severity) if self.report_unused else []
        if presorted and not unused:
            return findings
        return sorted(findings + unused, key=finding_order)

    def check_text(self, text: str, path: str = "draft.txt", format: Optional[str] = None, others: Iterable = ()) -> List[Finding]:
        """The findings of one draft's text, shown as `path`. `others`: phase-1 results of
        other drafts (from `check_document`) that cross-draft rules compare it with; a result
        for `path` itself among them (an editor's workspace, from before this edit) is left out."""
        result = self.check_document(self.read(path, text, format))
        findings, _ = self.judge([result, *(o for o in others if o.path != path)], report_on=[path])
        return findings

    def fix_text(self, text: str, path: str = "draft.txt", format: Optional[str] = None, unsafe: bool = False) -> FixedText:
        """The draft's text with the fixes of its findings applied (safe ones; all with
        `unsafe`), again until nothing changes, never losing a word or a paragraph break."""
        from lint.fixes import apply as fixer

        doc = self.read(path, text, format)
        findings, _ = self.judge([self.check_document(doc)], report_on=[path])
        outcome = fixer.fix_document(doc, findings, self.engine, unsafe)
        return FixedText(outcome.fixed.source, outcome.applied if outcome.changed else 0, list(outcome.unfixable))

    # ---- many drafts -------------------------------------------------------------------

    def find_drafts(self, paths: Sequence[str], notices: Optional[list] = None):
        """The drafts under `paths` (or, with none, the config's corpus, else here), the
        config's `exclude` dropped: (files, problems). Raises CopydeskError when none is found."""
        from lint.drafts import reader

        cfg = self.config
        given = list(paths)
        where = given or corpus_files(cfg) or (["."] if not cfg.corpus else [])
        files, problems = reader.find_drafts(where, notices)
        # "./a.txt" (from walking ".") shows as "a.txt", as other linters show it
        files = [f if f == "-" else os.path.normpath(f) for f in files if not excluded(f, cfg)]
        if not files and not problems:
            try:
                nothing_to_check(given, where, cfg)
            except CopydeskError as nothing:  # a broken pack is said too, not hidden behind it
                if not self.problems:
                    raise
                raise CopydeskError("\n".join(self.problems + [str(nothing)])) from None
        return files, problems

    def corpus_results(self, skip: Iterable[str] = ()) -> list:
        """Phase-1 results of the config's corpus drafts for the cross-draft rules only (the
        other stories a draft is compared with), `skip` left out."""
        from lint.drafts import reader
        from lint.engine.runner import Engine

        cross = [r for r in self.rules if r.kind.cross_draft]
        if not cross or not self.config.corpus:
            return []
        seen = {os.path.realpath(f) for f in skip if f != "-"}
        engine = Engine(cross, self.context)
        out = []
        for path in corpus_files(self.config):
            if os.path.realpath(path) in seen:
                continue
            try:
                out.append(engine.check_document(reader.read_draft(path)))
            except reader.DraftError as error:
                print(f"copydesk: note: corpus draft skipped: {error}", file=sys.stderr)
        return out

    def check_paths(
        self,
        paths: Sequence[str] = (),
        *,
        jobs: Optional[int] = None,
        progress: Optional[Callable] = None,
        keep_sources: bool = False,
        keep_documents: bool = False,
        stdin_filename: Optional[str] = None,
        phase1: Optional[Callable] = None,
    ) -> Run:
        """Check the drafts under `paths` (files, folders, `-` for standard input; none: the
        config's corpus): phase 1 on `jobs` processes (None: as many as pay), then phase 2
        with the config's corpus as the other stories, then the filter step.

        `keep_sources`: keep every draft's text (formats that quote lines, baselines);
        `keep_documents`: keep the Documents (to fix them); `progress`: a context manager
        factory `progress(total)` giving `advance(n, findings)` (lint/cli/progress.py's `bar`);
        `phase1`: what runs phase 1, with the signature of `lint.engine.parallel.check_drafts`
        (default: it; a Dask cluster's, `lint.engine.cluster.phase1_on`, runs it there)."""
        from lint.drafts import reader
        from lint.engine import parallel

        notices: List[str] = list(self.notices)
        files, problems = self.find_drafts(paths, notices)
        stdin_name = stdin_filename or "-"
        load = functools.partial(read_draft, stdin_name)  # module-level: picklable
        keep = functools.partial(annotate_keeping, keep_source=True) if keep_documents else functools.partial(annotate, keep_source=keep_sources)
        jobs = 1 if keep_documents else parallel.plan_jobs(jobs, files)
        run_phase1 = parallel.check_drafts if phase1 is None or keep_documents or "-" in files else phase1
        if progress is None:
            outcomes = run_phase1(self.engine, files, load, (reader.DraftError,), jobs, keep)
        else:
            with progress(len(files)) as advance:
                outcomes = run_phase1(self.engine, files, load, (reader.DraftError,), jobs, keep, advance)
        results, sources, suppressions, documents = [], {}, {}, []
        for outcome in outcomes:
            if isinstance(outcome, reader.DraftSkipped):
                notices.append(str(outcome))
                continue
            if isinstance(outcome, reader.DraftError):
                problems.append(str(outcome))
                continue
            extras = outcome.extras
            results.append(outcome)
            notices.extend(extras["notices"])
            if extras["suppressions"] is not None:
                suppressions[outcome.path] = extras["suppressions"]
            if extras["source"] is not None:
                sources[outcome.path] = extras["source"]
            if keep_documents:
                documents.append(extras["doc"])

        # other drafts to compare against (cross-draft rules only), reported on only when given
        others = self.corpus_results(files) if paths else []
        # (no others: every result's findings are reported, and judge need not filter them)
        findings, errors = self.judge(results + others, report_on=[r.path for r in results] if others else None)
        return Run(
            findings=findings,
            errors=list(self.problems) + problems + errors,
            notices=notices,
            results=results,
            sources=sources,
            suppressions=suppressions,
            documents=documents,
        )


# ---- module-level pieces: picklable for the process pool, and shared with the CLI ----------


def read_draft(stdin_filename, path):
    """Read one draft (the pool workers call it): its reading notices ride on the Document."""
    from lint.drafts import reader

    notices: List[str] = []
    if path == "-":
        doc = reader.read_stdin(sys.stdin.buffer.read(), stdin_filename, notices)
    else:
        doc = reader.read_draft(path, notices)
    doc.read_notices = notices
    return doc


def annotate(doc, result, keep_source: bool = True) -> None:
    """What the filter step and the formats need of a draft after phase 1, taken while the
    draft is at hand (in a pool worker, so the text itself need not travel back unless a
    finding needs it and the output reads flagged lines: `keep_source`)."""
    found = suppress.scan(doc)
    keep_text = keep_source and (bool(result.findings) or result.locator is not None or found is not None)
    result.extras = {
        "notices": getattr(doc, "read_notices", []),
        "suppressions": found,
        # formats and baselines read the flagged lines
        "source": doc.source if keep_text else None,
    }


def annotate_keeping(doc, result, keep_source: bool = True) -> None:
    annotate(doc, result, keep_source)
    result.extras["doc"] = doc


def load_vale(cfg, where, explicit: Optional[str] = None):
    """The rules of the Vale configuration that applies (lint/packs/vale.py): `explicit`
    (`--vale-config`), else the config's `vale:`, else the nearest `.vale.ini` to `where`;
    none when the config says `vale: false`. Loaded only when there is one."""
    # lint/packs/vale_ini.py finds it; lint/packs/vale.py (and its YAML parser) loads only
    # when there is one: most runs have none, and a commit hook must not pay for it
    from lint.packs import vale_ini

    if cfg.vale is False and not explicit:
        return vale_ini.ValeLoad()
    configured = str(cfg.vale) if cfg.vale else None
    path = vale_ini.find_config(where, explicit, configured)
    if path is None:
        return vale_ini.ValeLoad()
    from lint.packs import vale

    return vale.load_vale_rules(path)


def _registry(path, cfg):
    """The house people list for `Context.registry`: the given path beats the config's."""
    chosen = path or cfg.registry
    if chosen is None:
        return None
    from lint.packs.registry import load_registry  # only with a registry: most runs have none

    if not Path(chosen).is_file():
        where = "--registry" if path else cfg.where("registry")
        raise CopydeskError(f"{where}: registry {chosen}: no such file")
    return load_registry(str(chosen))


def excluded(path: str, cfg) -> bool:
    if not cfg.exclude or path == "-":
        return False
    rel = config_module.relative_to(path, cfg.root)
    return rel is not None and config_module.matches_any(rel, cfg.exclude)


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def corpus_files(cfg) -> List[str]:
    """The drafts the config's `corpus` globs name (relative to the config file), excludes dropped."""
    out = []
    for pattern in cfg.corpus:
        for path in sorted(cfg.root.glob(pattern)):
            if path.is_file() and not any(part.startswith(".") for part in path.relative_to(cfg.root).parts):
                shown = _display(path)
                if not excluded(shown, cfg):
                    out.append(shown)
    return list(dict.fromkeys(out))


def nothing_to_check(given: List[str], paths: List[str], cfg) -> None:
    """A run that found no draft to check fails (exit 2), naming where it looked: a CI job
    that checks nothing must not pass. Files named one by one that the config excludes (a
    commit of README.md under pre-commit) are not a failure."""
    from lint.drafts.reader import DRAFT_SUFFIXES

    if given and all(os.path.isfile(p) for p in given):
        return
    suffixes = ", ".join(DRAFT_SUFFIXES)
    if not given and cfg.corpus:
        raise CopydeskError(
            f"no drafts found: {cfg.where('corpus')}: the corpus ({', '.join(cfg.corpus)}, under "
            f"{_display(cfg.root)}) matches no draft. Point `corpus` at the drafts' folders, or name "
            f"them: copydesk check FOLDER"
        )
    looked = ", ".join(p for p in paths if not os.path.isfile(p)) or "."
    excluded_note = f" that {cfg.where('exclude')} does not exclude" if cfg.exclude else ""
    raise CopydeskError(f"no drafts found in {looked} (drafts are {suffixes} files{excluded_note}): name the drafts or their folders")


def group_rule_errors(rule_errors) -> List[str]:
    """One line per rule and message: a rule that fails on every draft says so once."""
    groups: Dict[tuple, List[str]] = {}
    for error in rule_errors:
        groups.setdefault((error.rule, error.message), []).append(error.path)
    out = []
    for (rule, message), paths in groups.items():
        if len(paths) == 1:
            out.append(f"{paths[0]}: rule {rule}: {message}")
        else:
            out.append(f"rule {rule}: {message} (on {len(paths)} drafts, the first {paths[0]})")
    return out


def per_file_ignores(findings: List[Finding], cfg) -> List[Finding]:
    if not cfg.per_file_ignores:
        return findings
    out = []
    cache: Dict[str, List[str]] = {}
    for f in findings:
        if f.path not in cache:
            rel = config_module.relative_to(f.path, cfg.root)
            cache[f.path] = [
                prefix
                for glob, prefixes in cfg.per_file_ignores.items()
                if rel is not None and config_module.matches_any(rel, [glob])
                for prefix in prefixes
            ]
        if not any(_matches(f.rule, prefix) for prefix in cache[f.path]):
            out.append(f)
    return out
