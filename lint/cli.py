"""The command line: `copydesk check`, `rules`, `explain`, `test-pack`.

Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 a usage, pack or
config error, or a draft or rule that could not be checked. User errors print one clear line
on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from pathlib import Path
from typing import List, Optional

from lint import __version__
from lint.model import CopydeskError, Severity

COMMANDS = ("check", "rules", "explain", "test-pack")
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors: exit 2 with one line, like every other error
        self.print_usage(sys.stderr)
        raise CopydeskError(f"{self.prog}: {message}")


def _comma_list(values: Optional[List[str]]) -> List[str]:
    out = []
    for value in values or []:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return out


def _jobs(value: str) -> Optional[int]:
    if value == "auto":
        return None
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"--jobs takes a number of processes (1 or more) or `auto`, not {value!r}")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="copydesk",
        description="An editorial copy-desk linter for news drafts.",
    )
    parser.add_argument("--version", action="version", version=f"copydesk {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    check = sub.add_parser("check", help="check drafts (the default command)")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files, folders (recursively) or - for stdin")
    check.add_argument("--format", choices=["text", "json"], default=None, help="output format (default: text)")
    check.add_argument("--select", action="append", metavar="PREFIXES", help="only these rules (dotted prefixes, comma-separated)")
    check.add_argument("--ignore", action="append", metavar="PREFIXES", help="skip these rules (dotted prefixes, comma-separated)")
    check.add_argument("--fail-on", choices=["error", "warning", "suggestion"], default=None, help="lowest level that fails the run (default: error)")
    check.add_argument("--pack", action="append", default=[], metavar="FILE", help="add a rule pack (repeatable); a pack named like a built-in one replaces it")
    check.add_argument("--stdin-filename", metavar="NAME", help="path to show (and format to use) for a draft read from -")
    check.add_argument("--timeout", type=float, default=None, metavar="SECONDS", help="time limit per pattern search on one draft")
    # -- perf: process pool (lint/parallel.py) --
    check.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N", help="processes checking drafts (default: auto; 1: no pool; always 1 under PRE_COMMIT=1)")
    # -- end perf --

    rules = sub.add_parser("rules", help="list every rule: id, level, what it flags")
    rules.add_argument("--pack", action="append", default=[], metavar="FILE", help="include a rule pack")

    explain = sub.add_parser("explain", help="show a rule's description and examples")
    explain.add_argument("rule", metavar="RULE")
    explain.add_argument("--pack", action="append", default=[], metavar="FILE", help="include a rule pack")

    test_pack = sub.add_parser("test-pack", help="run the examples of rule packs and report each failure")
    test_pack.add_argument("files", nargs="+", metavar="FILE")
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "check")
    try:
        args = build_parser().parse_args(argv)
        handler = {"check": cmd_check, "rules": cmd_rules, "explain": cmd_explain, "test-pack": cmd_test_pack}
        return handler[args.command](args)
    except CopydeskError as error:
        print(f"copydesk: {error}" if not str(error).startswith("copydesk") else str(error), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("copydesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `copydesk check ... | head`: the reader left; that is not our error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _use_color(stream) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def cmd_check(args) -> int:
    from lint import packs, reader
    from lint.engine import Engine
    from lint.kinds.base import Context
    from lint.report import RunReport, formats

    rules = packs.load_rules(args.pack)
    rules = packs.select_rules(rules, _comma_list(args.select), _comma_list(args.ignore))
    fail_on = Severity.parse(args.fail_on or "error")
    engine = Engine(rules, Context(timeout=args.timeout))

    paths = args.paths or ["."]
    files, problems = reader.find_drafts(paths)
    if "-" in files and not args.stdin_filename:
        args.stdin_filename = "-"
    # -- perf: phase 1 on a process pool when worth it (lint/parallel.py) --
    from lint import parallel

    load = functools.partial(_read_draft, args.stdin_filename)  # module-level: picklable for spawn
    jobs = parallel.plan_jobs(args.jobs, files)
    results = []
    for outcome in parallel.check_drafts(engine, files, load, (reader.DraftError,), jobs):
        if isinstance(outcome, reader.DraftError):
            problems.append(str(outcome))
        else:
            results.append(outcome)
    # -- end perf --
    findings, rule_errors = engine.finish(results)
    errors = problems + [str(e) for e in rule_errors]

    stream = sys.stdout
    report = RunReport(findings, errors, drafts=len(results), rules=rules, color=_use_color(stream))
    for message in errors:
        print(f"copydesk: {message}", file=sys.stderr)
    stream.write(formats()[args.format or "text"](report))
    stream.flush()
    if errors:
        return EXIT_ERROR
    if any(f.severity >= fail_on for f in findings):
        return EXIT_FINDINGS
    return EXIT_OK


def _read_draft(stdin_filename, path):  # -- perf: the loader pool workers call --
    from lint import reader

    if path == "-":
        return reader.read_stdin(sys.stdin.buffer.read(), stdin_filename)
    return reader.read_draft(path)


def cmd_rules(args) -> int:
    from lint import packs

    rules = packs.load_rules(args.pack)
    width = max(len(r.id) for r in rules)
    for rule in sorted(rules, key=lambda r: r.id):
        print(f"{rule.id:<{width}}  {str(rule.severity):<10}  {rule.summary}")
    return EXIT_OK


def cmd_explain(args) -> int:
    from lint import packs

    rules = {r.id: r for r in packs.load_rules(args.pack)}
    rule = rules.get(args.rule)
    if rule is None:
        close = [r for r in rules if args.rule in r]
        hint = f" (did you mean {', '.join(sorted(close)[:5])}?)" if close else " (see `copydesk rules`)"
        raise CopydeskError(f"no rule {args.rule!r}{hint}")
    out = [f"{rule.id}  ({rule.severity}, kind {rule.kind.name}, scope {rule.scope})", ""]
    out.append(rule.description or "(no description)")
    if rule.link:
        out += ["", f"More: {rule.link}"]
    out += ["", f"Message: {rule.message}", "", "Flagged:"]
    out += [_indent_example(e.drafts) for e in rule.fail]
    out += ["", "Not flagged:"]
    out += [_indent_example(e.drafts) for e in rule.passing]
    out += ["", f"Defined at {rule.source}"]
    print("\n".join(out))
    return EXIT_OK


def _indent_example(drafts) -> str:
    lines = []
    for i, draft in enumerate(drafts):
        prefix = "  - " if i == 0 else "    + "
        body = draft.rstrip("\n").split("\n")
        lines.append(prefix + body[0])
        lines.extend("    " + line for line in body[1:])
    return "\n".join(lines)


def cmd_test_pack(args) -> int:
    from lint import packs

    failed = 0
    for file in args.files:
        pack = packs.load_pack(Path(file), check_examples=False)
        failures = packs.run_examples(pack.rules)
        examples = sum(len(r.fail) + len(r.passing) for r in pack.rules)
        for failure in failures:
            print(failure)
        status = "all pass" if not failures else f"{len(failures)} failing"
        print(f"{file}: pack {pack.name!r}, {len(pack.rules)} rules, {examples} examples: {status}")
        failed += len(failures)
    return EXIT_FINDINGS if failed else EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
