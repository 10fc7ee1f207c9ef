"""`copydesk check`: flags in, a report and an exit status out, through the library API.

    flags -> lint.api.Checker.load (config, packs, registry, house) -> Checker.check_paths
    (drafts, phase 1, corpus, phase 2, filter) -> --fix / --diff -> baseline -> format -> exit

Everything a front end shares lives in lint/api.py; this module holds only what the command
line adds: fixing files on disk, baselines, output formats and the exit status.
"""

from __future__ import annotations

import gc
import os
import sys

from lint.engine import suppress
from lint.model import CopydeskError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def check(args) -> int:
    from lint.api import Checker
    from lint.cli import progress
    from lint.report import NEEDS_SOURCES, RunReport, formats

    fixing = args.fix or args.diff
    if args.unsafe_fixes and not fixing:
        raise CopydeskError("--unsafe-fixes works with --fix or --diff")
    checker = Checker.load(
        config=getattr(args, "config", None),
        packs=args.pack,
        select=args.select,
        ignore=args.ignore,
        registry=getattr(args, "registry", None),
        timeout=args.timeout,
        fail_on=args.fail_on,
        vale_config=getattr(args, "vale_config", None),
    )
    import lint.cli

    if lint.cli.OWN_PROCESS:
        _tune_collector()
    name = _format_name(args)
    # the report read by people (the text format, not a fixed draft on stdout) may meet a
    # terminal that cannot show every character; everything else is data: UTF-8
    lint.cli.fit_stdout(human=name == "text" and not (fixing and "-" in args.paths))
    if "-" in args.paths and not args.stdin_filename:
        args.stdin_filename = "-"
    # ---- archives: phase 1 on a Dask cluster, findings streamed as they arrive (jsonl) ----
    phase1 = close = stream = None
    if getattr(args, "cluster", None):
        if fixing:
            raise CopydeskError("--cluster only checks: run --fix or --diff without it (they change drafts here)")
        from lint.engine import cluster

        if name == "jsonl" and not args.baseline and not args.write_baseline:
            from lint.report.jsonl import Stream

            stream = Stream(checker, _open_output(args))
        phase1, close = cluster.phase1_on(args.cluster, stream)
    # ---- end archives ----
    # phase 1 on a process pool when there are enough drafts (lint/engine/parallel.py); --fix
    # keeps the drafts themselves, so it checks in this process
    try:
        run = checker.check_paths(
            args.paths,
            jobs=getattr(args, "jobs", None),
            progress=progress.bar,  # on stderr, when it is a terminal (not in CI)
            keep_sources=name in NEEDS_SOURCES or bool(args.baseline) or bool(args.write_baseline),
            keep_documents=bool(fixing),
            stdin_filename=args.stdin_filename,
            phase1=phase1,
        )
    except BaseException:
        if stream is not None:
            stream.close()
        raise
    finally:
        if close is not None:
            close()
    if lint.cli.OWN_PROCESS:
        lint.cli.KEPT_TO_EXIT.append(run)
    findings, errors, sources = run.findings, run.errors, run.sources
    for message in run.notices:
        print(f"copydesk: notice: {message}", file=sys.stderr)

    if fixing:
        from lint.fixes import apply as fixer

        stdin_doc = next((d for d in run.documents if d.path == args.stdin_filename and "-" in args.paths), None)
        # fix only what survived the filters, then report what remains of the fixed drafts
        outcomes, write_errors = fixer.run(run.documents, checker.engine, findings, unsafe=args.unsafe_fixes, diff=args.diff, stdin_doc=stdin_doc)
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
        remaining, _ = checker.engine.run(fixed)
        found_suppressions = {d.path: s for d in fixed if (s := suppress.scan(d)) is not None}
        reported = set(run.paths)
        findings = checker.filter([f for f in remaining if f.path in reported], found_suppressions)
        sources.update({d.path: d.source for d in fixed})
    else:
        stdin_doc = None

    report = RunReport(
        findings,
        errors,
        drafts=len(run.results),
        rules=checker.rules + ([suppress.unused_rule()] if checker.report_unused and run.suppressions else []),
        paths=run.paths,
        sources=sources,
        fail_on=checker.fail_on,
        results=run.results if name == "html" else [],  # its people table
    )
    if lint.cli.OWN_PROCESS:
        lint.cli.KEPT_TO_EXIT.append((checker, report))
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

    if stream is not None:  # the drafts' own findings went out as they came: the rest now
        stream.finish(report.findings)
    elif args.output:
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
    if any(f.severity >= checker.fail_on for f in report.findings):
        return EXIT_FINDINGS
    return EXIT_OK


# A check allocates and frees many small containers a draft (matches' lists, spans, sets of
# words) and keeps few: the collector's default of a young collection every 700 more than were
# freed ran 214 times over the distinct drafts of benchmarks/run.py and took about 2% of the
# CPU, mostly to find nothing. One every 20,000 ran twice and took a third of that; cycles are
# still collected, a little later.
_YOUNG_THRESHOLD = 20_000


def _tune_collector() -> None:
    """What this command loaded (modules, packs, tables: kept to the end) is left out of every
    later collection (`gc.freeze`: it is not scanned again, and a forked process of the pool
    does not write to those pages to scan them), and young collections come less often."""
    import lint.cli

    gc.freeze()
    young, middle, old = lint.cli.COLLECTOR_THRESHOLDS or gc.get_threshold()
    gc.set_threshold(max(young, _YOUNG_THRESHOLD), middle, old)


def _use_color(stream) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _open_output(args):
    if not args.output:
        return sys.stdout
    try:
        return open(args.output, "w", encoding="utf-8")
    except OSError as error:
        raise CopydeskError(f"--output {args.output}: cannot write: {error.strerror or error}") from None


def _format_name(args) -> str:
    return args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
