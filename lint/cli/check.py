"""`copydesk check` from start to end, as one pipeline (ARCHITECTURE.md):

    config (flags > config file > defaults) -> packs -> drafts (+ corpus) -> phase 1 -> phase 2
    -> filter (reported drafts, per-file-ignores, inline suppressions, baseline) -> sort
    -> report -> exit status

Every filter lives here, in one place; kinds never see config.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Dict, List

from lint.packs import config as config_module
from lint.engine import suppress
from lint.model import CopydeskError, Finding, Severity, finding_order
from lint.packs.loader import matches_prefix as _matches
from lint.record import Record

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Plan(Record):
    """What a run does, once flags and config are merged."""

    config: config_module.Config
    rules: list  # the rules that run
    known: List[str]  # every loaded rule id (a suppression naming none of them is a typo)
    fail_on: Severity
    report_unused: bool  # copydesk.unused-suppression is selected
    unused_severity: Severity
    problems: List[str]  # broken packs and rules (left out; the run exits 2)
    notices: List[str]  # what loading the config and packs had to say


def plan(args) -> Plan:
    from lint.packs import loader as packs
    from lint.packs import tables
    from lint.cli.main import _comma_list
    from lint.packs.yamlload import take_notices

    cfg = config_module.load(getattr(args, "config", None))
    config_notices = take_notices()
    extra = list(cfg.pack_files()) + [Path(p) for p in args.pack]
    rule_set = packs.load_rule_set(extra)
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
    known = [r.id for r in rules]

    def check_prefixes(prefixes, *where, flag=None):
        for prefix in prefixes:
            if not any(_matches(r, prefix) for r in known + rule_set.broken + [suppress.RULE_ID]):
                raise CopydeskError(f"{flag or cfg.where(*where)}: {packs.no_rule_matches(prefix, known + [suppress.RULE_ID])}")

    check_prefixes(cfg.select, "select")
    check_prefixes(cfg.ignore, "ignore")
    for prefix in cfg.severity:
        check_prefixes([prefix], "severity", prefix)
    for glob, prefixes in cfg.per_file_ignores.items():
        check_prefixes(prefixes, "per-file-ignores", glob)

    # flags beat config: --select replaces the config's select; --ignore adds to its ignore,
    # but a rule a flag selects by name stays on even if the config ignores its pack
    cli_select, cli_ignore = _comma_list(args.select), _comma_list(args.ignore)
    check_prefixes(cli_select, flag="--select")
    check_prefixes(cli_ignore, flag="--ignore")
    select = cli_select or cfg.select
    ignore = [p for p in cfg.ignore if not any(_matches(s, p) for s in cli_select)] + cli_ignore

    def pseudo(prefix):  # names copydesk.unused-suppression, not a pack rule
        return _matches(suppress.RULE_ID, prefix)

    pack_select = [p for p in select if not pseudo(p)]
    pack_ignore = [p for p in ignore if not pseudo(p)]
    # a prefix that names only broken rules (left out, reported) selects or ignores nothing
    live_select = [p for p in pack_select if any(_matches(r, p) for r in known)]
    live_ignore = [p for p in pack_ignore if any(_matches(r, p) for r in known)]
    if select and not live_select:
        rules = []
    else:
        rules = packs.select_rules(rules, live_select, live_ignore)
    rules = packs.with_severity(rules, cfg.severity)
    report_unused = (not select or any(pseudo(p) for p in select)) and not any(pseudo(p) for p in ignore)
    unused_severity = Severity.WARNING
    for prefix, level in sorted(cfg.severity.items(), key=lambda kv: len(kv[0])):
        if pseudo(prefix):
            unused_severity = level

    fail_on = Severity.parse(args.fail_on) if args.fail_on else (cfg.fail_on or Severity.ERROR)
    return Plan(cfg, rules, known, fail_on, report_unused, unused_severity, list(rule_set.problems), config_notices + rule_set.notices)


def _registry(args, cfg):
    """The house people list for `Context.registry`: --registry beats the config's `registry`."""
    path = getattr(args, "registry", None) or cfg.registry
    if path is None:
        return None
    from lint.packs.registry import load_registry  # only with a registry: most runs have none

    if not Path(path).is_file():
        where = "--registry" if getattr(args, "registry", None) else cfg.where("registry")
        raise CopydeskError(f"{where}: registry {path}: no such file")
    return load_registry(str(path))


def _excluded(path: str, cfg) -> bool:
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
                if not _excluded(shown, cfg):
                    out.append(shown)
    return list(dict.fromkeys(out))


def _nothing_to_check(given: List[str], paths: List[str], cfg) -> None:
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
    excluded = f" that {cfg.where('exclude')} does not exclude" if cfg.exclude else ""
    raise CopydeskError(f"no drafts found in {looked} (drafts are {suffixes} files{excluded}): name the drafts or their folders")


def _group_rule_errors(rule_errors) -> List[str]:
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


def read_draft(stdin_filename, path):
    """Read one draft (the loader pool workers call): its reading notices ride on the Document."""
    from lint.drafts import reader

    notices: List[str] = []
    if path == "-":
        doc = reader.read_stdin(sys.stdin.buffer.read(), stdin_filename, notices)
    else:
        doc = reader.read_draft(path, notices)
    doc.read_notices = notices
    return doc


def _annotate(doc, result, keep_source: bool = True) -> None:
    """What the pipeline needs of a draft after phase 1, taken while the draft is at hand
    (in a pool worker, so the text itself need not travel back unless a finding needs it and
    the output reads flagged lines: `keep_source`)."""
    found = suppress.scan(doc)
    keep_text = keep_source and (bool(result.findings) or result.locator is not None or found is not None)
    result.extras = {
        "notices": getattr(doc, "read_notices", []),
        "suppressions": found,
        # formats and baselines read the flagged lines
        "source": doc.source if keep_text else None,
    }


def _format_name(args) -> str:
    return args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")


def _keep_draft(doc, result) -> None:
    _annotate(doc, result)
    result.extras["doc"] = doc


def check(args) -> int:
    from lint.drafts import reader
    from lint.cli.main import _use_color
    from lint.engine.runner import Engine
    from lint.kinds.base import Context
    from lint.report import NEEDS_SOURCES, RunReport, formats

    fixing = args.fix or args.diff
    if args.unsafe_fixes and not fixing:
        raise CopydeskError("--unsafe-fixes works with --fix or --diff")
    p = plan(args)
    cfg = p.config
    context = Context(house=dict(cfg.house), registry=_registry(args, cfg), timeout=args.timeout)
    engine = Engine(p.rules, context)
    from lint.packs.yamlload import take_notices

    load_notices = p.notices + take_notices()  # config, packs, people list

    given = list(args.paths)
    paths = given or corpus_files(cfg) or (["."] if not cfg.corpus else [])
    notices: List[str] = list(load_notices)  # said on stderr; they do not change the exit status
    files, problems = reader.find_drafts(paths, notices)
    # "./a.txt" (from walking ".") shows as "a.txt", as other linters show it
    files = [f if f == "-" else os.path.normpath(f) for f in files if not _excluded(f, cfg)]
    if not files and not problems:
        try:
            _nothing_to_check(given, paths, cfg)
        except CopydeskError as nothing:  # a broken pack is said too, not hidden behind it
            if not p.problems:
                raise
            raise CopydeskError("\n".join(p.problems + [str(nothing)])) from None
    if "-" in files and not args.stdin_filename:
        args.stdin_filename = "-"

    # phase 1, on a process pool when there are enough drafts (lint/engine/parallel.py); --fix keeps
    # the drafts themselves, so it checks in this process
    from lint.engine import parallel

    load = functools.partial(read_draft, args.stdin_filename)  # module-level: picklable
    name = _format_name(args)
    keep_sources = name in NEEDS_SOURCES or bool(args.baseline) or bool(args.write_baseline)
    annotate = _keep_draft if fixing else functools.partial(_annotate, keep_source=keep_sources)
    jobs = 1 if fixing else parallel.plan_jobs(getattr(args, "jobs", None), files)
    results = []
    sources: Dict[str, str] = {}
    suppressions: Dict[str, suppress.Suppressions] = {}
    docs, stdin_doc = [], None  # kept only for --fix / --diff
    from lint.cli import progress

    with progress.bar(len(files)) as advance:  # on stderr, when it is a terminal (not in CI)
        outcomes = parallel.check_drafts(engine, files, load, (reader.DraftError,), jobs, annotate, advance)
    for outcome in outcomes:
        if isinstance(outcome, reader.DraftSkipped):
            notices.append(str(outcome))
            continue
        if isinstance(outcome, reader.DraftError):
            problems.append(str(outcome))
            continue
        result, extras = outcome, outcome.extras
        results.append(result)
        notices.extend(extras["notices"])
        if extras["suppressions"] is not None:
            suppressions[result.path] = extras["suppressions"]
        if extras["source"] is not None:
            sources[result.path] = extras["source"]
        if fixing:
            docs.append(extras["doc"])
            if extras["doc"].path == args.stdin_filename and "-" in files:
                stdin_doc = extras["doc"]

    # other drafts to compare against (cross-draft rules only), reported on only when given
    reported = {r.path for r in results}
    cross = [r for r in p.rules if r.kind.cross_draft]
    corpus_results = []
    if given and cfg.corpus and cross:
        seen = {os.path.realpath(f) for f in files if f != "-"}
        corpus_engine = Engine(cross, context)
        for path in corpus_files(cfg):
            if os.path.realpath(path) in seen:
                continue
            try:
                corpus_results.append(corpus_engine.check_document(reader.read_draft(path)))
            except reader.DraftError as error:
                print(f"copydesk: note: corpus draft skipped: {error}", file=sys.stderr)

    findings, rule_errors = engine.finish(results + corpus_results)
    findings = [f for f in findings if f.path in reported]
    errors = p.problems + problems + _group_rule_errors(
        [e for e in rule_errors if e.path in reported or e.path == "(all drafts)"]
    )

    for message in notices:
        print(f"copydesk: notice: {message}", file=sys.stderr)

    def keep(found, suppressions):
        """The one filter step: per-file-ignores, then inline suppressions."""
        found = _per_file_ignores(found, cfg)
        found = suppress.apply(found, suppressions, [r.id for r in p.rules], p.known, p.report_unused, p.unused_severity)
        return sorted(found, key=finding_order)

    findings = keep(findings, suppressions)
    if fixing:
        from lint.fixes import apply as fixer

        # fix only what survived the filters, then report what remains of the fixed drafts
        outcomes, write_errors = fixer.run(docs, engine, findings, unsafe=args.unsafe_fixes, diff=args.diff, stdin_doc=stdin_doc)
        problems += write_errors
        errors += write_errors
        print(f"copydesk: {fixer.summary(outcomes, args.diff)}", file=sys.stderr)
        for outcome in outcomes:
            for why in outcome.unfixable:
                print(f"copydesk: notice: {why}", file=sys.stderr)
        if args.diff:
            for message in errors:
                print(f"copydesk: {message}", file=sys.stderr)
            if errors:
                return EXIT_ERROR
            return EXIT_FINDINGS if any(o.changed for o in outcomes) else EXIT_OK
        fixed = [o.fixed for o in outcomes]
        remaining, _ = engine.run(fixed)
        found_suppressions = {d.path: s for d in fixed if (s := suppress.scan(d)) is not None}
        findings = keep([f for f in remaining if f.path in reported], found_suppressions)
        sources.update({d.path: d.source for d in fixed})

    report = RunReport(
        findings,
        errors,
        drafts=len(results),
        rules=p.rules + ([suppress.unused_rule()] if p.report_unused and suppressions else []),
        paths=[r.path for r in results],
        sources=sources,
        fail_on=p.fail_on,
    )
    for message in errors:
        print(f"copydesk: {message}", file=sys.stderr)

    if args.write_baseline:
        from lint.engine import baseline

        count = baseline.write(args.write_baseline, findings, report.line_text)
        print(f"copydesk: wrote {count} finding{'s' if count != 1 else ''} to the baseline {args.write_baseline}", file=sys.stderr)
        return EXIT_ERROR if errors else EXIT_OK
    if args.baseline:
        from lint.engine import baseline

        report.findings = baseline.filter_new(args.baseline, findings, report.line_text)

    if args.output:
        report.color = False
        try:
            with open(args.output, "w", encoding="utf-8") as handle:
                handle.write(formats()[name](report))
        except OSError as error:
            raise CopydeskError(f"--output {args.output}: cannot write: {error.strerror or error}") from None
    else:
        # with --fix on stdin the fixed draft went to stdout: the report goes to stderr
        stream = sys.stderr if (args.fix and stdin_doc is not None) else sys.stdout
        report.color = name == "text" and _use_color(stream)
        stream.write(formats()[name](report))
        stream.flush()
    if name == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        from lint.report import github

        try:
            with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as handle:
                handle.write(github.summary_markdown(report))
        except OSError as error:
            print(f"copydesk: cannot write the step summary: {error}", file=sys.stderr)

    if errors:
        return EXIT_ERROR
    if any(f.severity >= p.fail_on for f in report.findings):
        return EXIT_FINDINGS
    return EXIT_OK


def _per_file_ignores(findings: List[Finding], cfg) -> List[Finding]:
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
