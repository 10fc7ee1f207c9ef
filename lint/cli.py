"""The command line: `copydesk check`, `rules`, `explain`, `test-pack`.

Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 a usage, pack or
config error, or a draft or rule that could not be checked. User errors print one clear line
on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
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
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the drafts, then report what remains (stdin: print the fixed draft)")
    check.add_argument("--diff", action="store_true", help="print the fixes as a unified diff and change nothing (exit 1 if there is something to fix)")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, also apply fixes not marked safe")

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

    if args.unsafe_fixes and not (args.fix or args.diff):
        raise CopydeskError("--unsafe-fixes works with --fix or --diff")
    paths = args.paths or ["."]
    notices: List[str] = []
    files, problems = reader.find_drafts(paths, notices)
    if "-" in files and not args.stdin_filename:
        args.stdin_filename = "-"
    results = []
    docs = []
    stdin_doc = None
    for path in files:
        try:
            if path == "-":
                doc = stdin_doc = reader.read_stdin(sys.stdin.buffer.read(), args.stdin_filename, notices)
            else:
                doc = reader.read_draft(path, notices)
        except reader.DraftSkipped as skipped:
            notices.append(str(skipped))
            continue
        except reader.DraftError as error:
            problems.append(str(error))
            continue
        results.append(engine.check_document(doc))
        if args.fix or args.diff:
            docs.append(doc)
    findings, rule_errors = engine.finish(results)
    for message in notices:
        print(f"copydesk: notice: {message}", file=sys.stderr)
    if args.fix or args.diff:
        return _fix(args, engine, docs, findings, stdin_doc, problems + [str(e) for e in rule_errors], rules, fail_on)
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


def _fix(args, engine, docs, findings, stdin_doc, errors, rules, fail_on) -> int:
    """--fix / --diff: fix, re-check the whole run, report what remains (lint/fixer.py)."""
    from lint import fixer
    from lint.report import RunReport, formats

    outcomes, write_errors = fixer.run(
        docs, engine, findings, unsafe=args.unsafe_fixes, diff=args.diff, stdin_doc=stdin_doc
    )
    errors = errors + write_errors
    for message in errors:
        print(f"copydesk: {message}", file=sys.stderr)
    print(f"copydesk: {fixer.summary(outcomes, args.diff)}", file=sys.stderr)
    for outcome in outcomes:
        for why in outcome.unfixable:
            print(f"copydesk: notice: {why}", file=sys.stderr)
    if args.diff:
        sys.stdout.flush()
        if errors:
            return EXIT_ERROR
        return EXIT_FINDINGS if any(o.changed for o in outcomes) else EXIT_OK
    # what remains, checked across the run again (the fixed texts, as written)
    remaining, rule_errors = engine.run(o.fixed for o in outcomes)
    # the stdin draft's fixed text went to stdout: the report goes to stderr then
    stream = sys.stderr if stdin_doc is not None else sys.stdout
    report = RunReport(remaining, errors, drafts=len(outcomes), rules=rules, color=_use_color(stream))
    stream.write(formats()[args.format or "text"](report))
    stream.flush()
    if errors:
        return EXIT_ERROR
    if any(f.severity >= fail_on for f in remaining):
        return EXIT_FINDINGS
    return EXIT_OK


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
