"""The command line as users run it: findings, exit codes, formats, subcommands."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, run_cli

HARBOR = ROOT / "examples" / "drafts" / "harbor-strike.txt"
CLEAN = ROOT / "examples" / "drafts" / "council-budget.txt"


def findings_of(stdout):
    """(path-name, line, column, rule) for each text-format finding line."""
    out = []
    for line in stdout.splitlines():
        parts = line.split(": ", 1)
        if len(parts) < 2 or parts[0].count(":") < 2:
            continue
        path, row, col = parts[0].rsplit(":", 2)
        rule = parts[1].split()[1]
        out.append((path.rsplit("/", 1)[-1], int(row), int(col), rule))
    return out


def test_seed_drafts_report_the_editor_note_and_boilerplate(seeds):
    result = run_cli("check", "--select", "hygiene", seeds / "draft-a.txt", seeds / "draft-b.txt")
    assert result.returncode == 1, result.stderr
    errors = [f for f in findings_of(result.stdout) if " error " in result.stdout]
    hygiene_errors = [
        f for f in findings_of(result.stdout) if f[3] in ("hygiene.editor-note", "hygiene.boilerplate")
    ]
    assert hygiene_errors == [
        ("draft-a.txt", 9, 366, "hygiene.editor-note"),
        ("draft-a.txt", 35, 1, "hygiene.boilerplate"),
        ("draft-b.txt", 63, 1, "hygiene.boilerplate"),  # In Other News / Load More: one run to 64
    ]
    assert ":63:1: error hygiene.boilerplate 2 lines, “In Other News” to “Load More”" in result.stdout
    assert errors  # and nothing else at error level from hygiene
    assert not [l for l in result.stdout.splitlines() if " error hygiene." in l and "editor-note" not in l and "boilerplate" not in l]


def test_readme_sample_draft():
    result = run_cli("check", HARBOR)
    assert result.returncode == 1
    assert sorted(findings_of(result.stdout)) == [
        ("harbor-strike.txt", 5, 289, "hygiene.editor-note"),
        ("harbor-strike.txt", 9, 1, "people.rank-branch"),
        ("harbor-strike.txt", 11, 28, "sourcing.unattributed-figure"),
        ("harbor-strike.txt", 15, 1, "hygiene.boilerplate"),
    ]
    assert "\nFound 3 errors, 1 warning in 1 of 1 draft. The 3 errors fail the check; the warning does not.\n" in result.stdout
    assert "“DANA OK’D” looks like a note to editors" in result.stdout


def test_clean_draft_exits_0_with_only_the_summary():
    result = run_cli("check", CLEAN)
    assert result.returncode == 0
    assert result.stdout == "Checked 1 draft: no findings.\n"
    assert result.stderr == ""


def test_fail_on_warning(tmp_path):
    draft = tmp_path / "story.txt"
    draft.write_text("Budget vote\n\nThe the council voted 7-2 on Tuesday.\n", encoding="utf-8")
    assert run_cli("check", draft).returncode == 0  # a warning does not fail by default
    result = run_cli("check", "--fail-on", "warning", draft)
    assert result.returncode == 1
    assert f"{draft}:3:1: warning hygiene.repeated-word" in result.stdout


def test_json_format_contract():
    result = run_cli("check", "--format", "json", HARBOR)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["version"] == 1
    first = data["findings"][0]
    assert first == {
        "path": str(HARBOR),
        "line": 5,
        "column": 289,
        "end_line": 5,
        "end_column": 298,
        "rule": "hygiene.editor-note",
        "severity": "error",
        "message": "“DANA OK’D” looks like a note to editors left in the copy: resolve it and delete it before publishing",
        "match": "DANA OK’D",
    }
    boilerplate = data["findings"][3]
    assert boilerplate["rule"] == "hygiene.boilerplate"
    assert boilerplate["fix"] == {"replacement": "", "safe": True}
    assert data["summary"]["drafts"] == 1
    assert data["summary"]["errors"] == 3
    assert data["summary"]["warnings"] == 1
    assert data["summary"]["problems"] == []


def test_stdin_with_stdin_filename():
    text = HARBOR.read_text(encoding="utf-8")
    result = run_cli("check", "-", "--stdin-filename", "desk/harbor.txt", input=text)
    assert result.returncode == 1
    assert result.stdout.startswith("desk/harbor.txt:5:289: error hygiene.editor-note")


def test_select_and_ignore_by_prefix():
    result = run_cli("check", "--select", "hygiene.boilerplate", HARBOR)
    assert [f[3] for f in findings_of(result.stdout)] == ["hygiene.boilerplate"]
    result = run_cli("check", "--select", "hygiene,people", "--ignore", "hygiene.editor-note", HARBOR)
    assert [f[3] for f in findings_of(result.stdout)] == ["people.rank-branch", "hygiene.boilerplate"]
    result = run_cli("check", "--select", "hygeine", HARBOR)
    assert result.returncode == 2
    assert "no rule matches 'hygeine'" in result.stderr


def test_folders_are_searched_and_missing_paths_are_errors(tmp_path):
    (tmp_path / "desk" / "politics").mkdir(parents=True)
    (tmp_path / "desk" / "politics" / "story.txt").write_text("Vote\n\nTK\n", encoding="utf-8")
    (tmp_path / "desk" / "notes.json").write_text("{}", encoding="utf-8")
    result = run_cli("check", tmp_path / "desk", tmp_path / "missing.txt")
    assert result.returncode == 2
    assert f"{tmp_path / 'missing.txt'}: no such file or folder" in result.stderr
    assert "story.txt:3:1: error hygiene.editor-note" in result.stdout
    assert "notes.json" not in result.stdout


def test_undecodable_bytes_are_a_clear_error_naming_file_and_byte(tmp_path):
    word = tmp_path / "word.txt"
    word.write_bytes(b"Headline\n\nCaf\xe9 owners said\n")  # Windows-1252, as Word saves it
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Headline\n\nCaf\x81 owners said\n")  # 0x81 is not a character in either
    result = run_cli("check", word, bad)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{word}:3: byte 0xe9 at offset 13 is not UTF-8: read as Windows-1252" in result.stderr
    assert f"{bad}:3: byte 0x81 at offset 13 is neither UTF-8 nor Windows-1252" in result.stderr


def test_rules_lists_every_rule_with_level():
    result = run_cli("rules")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    editor = next(l for l in lines if l.startswith("hygiene.editor-note"))
    assert editor.split()[1] == "error"
    assert "Flags notes left in copy" in editor
    # the one rule built into copydesk rather than a pack is listed and explained too
    assert any(l.startswith("copydesk.unused-suppression") and " warning " in l for l in lines)
    explained = run_cli("explain", "copydesk.unused-suppression")
    assert explained.returncode == 0
    assert "kind built into copydesk" in explained.stdout and "Flagged:" not in explained.stdout


def test_explain_shows_description_and_examples():
    result = run_cli("explain", "hygiene.boilerplate")
    assert result.returncode == 0
    assert "Flagged:" in result.stdout and "Not flagged:" in result.stdout
    assert "Back to top button" in result.stdout
    result = run_cli("explain", "boilerplate")
    assert result.returncode == 2
    assert "did you mean hygiene.boilerplate" in result.stderr


def test_usage_error_exits_2():
    result = run_cli("check", "--format", "yaml", HARBOR)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
    assert "Traceback" not in result.stderr


def test_default_command_is_check():
    result = run_cli(HARBOR)
    assert result.returncode == 1
    assert "hygiene.editor-note" in result.stdout


def test_explain_shows_each_option_its_shape_and_the_value_in_force():
    result = run_cli("explain", "style.us-form")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Options (keys of the rule in its pack" in out
    # the shape copy chiefs had to guess, and the value this rule runs with
    options = {line.split(None, 1)[0]: line.split(None, 1)[1] for line in out.splitlines()
               if line.startswith("  ") and not line.startswith("   ") and len(line.split(None, 1)) == 2}
    assert options["groups"] == "a list of lists of texts = [[U.S., US]]"
    assert options["house"] == "text (or nothing) = us-form"
    assert options["quotes"] == "true or false = false  (default)"
    # what each option does, from the kind's documentation
    assert "name of a house setting whose value is the preferred form" in out
    # a long table shows its first items and how many there are
    result = run_cli("explain", "hygiene.boilerplate")
    assert "  phrases          a list of texts = [Back to top, " in result.stdout
    assert " in all)\n" in result.stdout
    assert "  max_words        a whole number = 15  (default)\n" in result.stdout


def test_explain_suggests_a_close_rule_id():
    result = run_cli("explain", "hygiene.boilerplat")
    assert result.returncode == 2
    assert "no rule 'hygiene.boilerplat' (did you mean hygiene.boilerplate?)" in result.stderr


def test_a_wrong_type_names_the_shape_in_words(tmp_path):
    pack = tmp_path / "house.yaml"
    pack.write_text(
        "name: house\nrules:\n  us:\n    kind: consistency\n    level: warning\n    message: m\n"
        "    groups: [U.S., US]\n    examples:\n      fail: [a]\n      pass: [b]\n",
        encoding="utf-8",
    )
    result = run_cli("test-pack", pack)
    assert result.returncode == 2
    assert f"{pack}:7: rule 'us': option 'groups' must be a list of lists of texts, not list ['U.S.', 'US']" in result.stderr
    assert result.stdout.endswith("0 rules, 0 examples: 1 broken (not run, see above)\n")


def test_a_negative_or_zero_timeout_is_a_usage_error():
    for value in ("-5", "0", "nan", "soon"):
        result = run_cli("check", "--timeout", value, HARBOR)
        assert result.returncode == 2, value
        assert f"argument --timeout: give a number of seconds above 0 (for example 2 or 0.5), not '{value}'" in result.stderr
        assert result.stdout == "" and "Traceback" not in result.stderr
    assert run_cli("check", "--timeout", "0.5", HARBOR).returncode == 1


def test_fix_and_diff_together_are_refused_and_nothing_changes(tmp_path):
    draft = tmp_path / "story.txt"
    text = "Strikes\n\nBack to top button\n\nThe military struck.\n"
    draft.write_text(text, encoding="utf-8")
    result = run_cli("check", "--fix", "--diff", draft)
    assert result.returncode == 2
    assert "--fix and --diff do opposite things" in result.stderr
    assert result.stdout == ""
    assert draft.read_text(encoding="utf-8") == text


def test_a_select_typo_gets_the_closest_pack_or_rule():
    result = run_cli("check", "--select", "hygeine", HARBOR)
    assert result.returncode == 2
    assert "copydesk: --select: no rule matches 'hygeine' (did you mean 'hygiene'?" in result.stderr
    result = run_cli("check", "--ignore", "hygiene.boilerplat", HARBOR)
    assert "--ignore: no rule matches 'hygiene.boilerplat' (did you mean 'hygiene.boilerplate'?" in result.stderr


def test_the_collector_is_tuned_in_copydesks_own_process_only():
    # `copydesk check` (the console script's `run`) freezes what it loaded and collects the
    # young generation less often (lint/cli/check.py `_tune_collector`); a host calling
    # `main` (a test, an editor) keeps its own collector settings
    import gc
    import subprocess
    import sys

    from lint.cli.main import main

    before = gc.get_threshold(), gc.get_freeze_count()
    assert main(["check", "--select", "hygiene", str(CLEAN)]) in (0, 1)
    assert (gc.get_threshold(), gc.get_freeze_count()) == before
    probe = (
        "import atexit, gc, sys; import lint.cli.main as m;"
        "atexit.register(lambda: print('collector', gc.get_threshold()[0], gc.get_freeze_count() > 1000));"
        f"sys.argv = ['copydesk', 'check', '--select', 'hygiene', {str(CLEAN)!r}]; m.run()"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.splitlines()[-1] == "collector 20000 True", done.stdout + done.stderr


def test_a_parser_made_for_one_command_reads_and_speaks_as_the_whole_one(capsys):
    # a run builds only its command's subparser (lint/cli/main.py `build_parser`): the same
    # arguments, the same help, and a usage error still lists every command
    import pytest

    from lint.cli.main import COMMANDS, build_parser
    from lint.model import CopydeskError

    whole = build_parser()
    runs = {
        "check": ["--jobs", "2", "--format", "json", "a.txt"], "rules": [], "explain": ["style.acronym"],
        "test-pack": ["pack.yaml"], "init": [], "lsp": ["--stdio"], "report": ["findings.json"], "people": ["archive"],
    }
    assert sorted(runs) == sorted(COMMANDS)
    for command in COMMANDS:
        one = build_parser(command)
        argv = [command] + runs[command]
        assert one.parse_args(argv) == whole.parse_args(argv)
        assert list(_subparsers(one)) == [command]
        assert _subparsers(one)[command].format_help() == _subparsers(whole)[command].format_help()
    with pytest.raises(CopydeskError, match="unrecognized arguments: --bogus"):
        build_parser("check").parse_args(["check", "--bogus", "a.txt"])
    usage = capsys.readouterr().err
    assert usage.startswith("usage: copydesk")
    assert "check,rules,explain,test-pack,init,lsp,report,people" in usage.replace("\n", "").replace(" ", "")


def _subparsers(parser):
    import argparse

    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices


def test_the_run_is_kept_to_the_fast_exit_in_copydesks_own_process_only():
    # the console script ends with os._exit: what the run made is kept, not freed object by
    # object when `check` returns (lint/cli/__init__.py KEPT_TO_EXIT); a host calling `main`
    # (a test, an editor) keeps nothing
    import lint.cli
    from lint.cli.main import main

    assert main(["check", "--select", "hygiene", str(CLEAN)]) in (0, 1)
    assert lint.cli.KEPT_TO_EXIT == []
    lint.cli.OWN_PROCESS = True
    try:
        assert main(["check", "--select", "hygiene", str(CLEAN)]) in (0, 1)
        kept = list(lint.cli.KEPT_TO_EXIT)
    finally:
        lint.cli.OWN_PROCESS = False
        lint.cli.KEPT_TO_EXIT.clear()
    assert len(kept) == 2 and kept[0].results and kept[0].paths


def test_start_up_collects_rarely_and_a_command_without_settings_gets_the_old_thresholds(monkeypatch):
    # `run` raises the collector's young threshold for start-up (lint/cli/main.py); a command
    # that does not tune the collector itself (here `rules`; a language server runs for hours)
    # gets the thresholds back before it starts
    import atexit
    import gc

    import lint.cli
    import lint.cli.main as cli_main

    before = gc.get_threshold()
    seen = []

    def exit_now(status):
        raise SystemExit(status)

    monkeypatch.setattr(lint.cli, "OWN_PROCESS", False)
    monkeypatch.setattr(lint.cli, "COLLECTOR_THRESHOLDS", None)
    monkeypatch.setattr(cli_main, "cmd_rules", lambda args: seen.append(gc.get_threshold()) or 0)
    monkeypatch.setattr(cli_main, "main", _recording(cli_main.main, seen))
    monkeypatch.setattr(cli_main.os, "_exit", exit_now)
    monkeypatch.setattr(atexit, "_run_exitfuncs", lambda: None)
    monkeypatch.setattr(sys, "argv", ["copydesk", "rules"])
    try:
        with pytest.raises(SystemExit) as stop:
            cli_main.run()
    finally:
        gc.set_threshold(*before)
    assert stop.value.code == 0
    assert seen == [(cli_main.START_THRESHOLD,) + before[1:], before]


def _recording(main, seen):
    import gc

    def recorded(argv=None):
        seen.append(gc.get_threshold())  # as `run` left them, before the command starts
        return main(argv)

    return recorded


def test_check_in_its_own_process_sets_its_collector_from_the_thresholds_before_start_up():
    # `check` freezes what start-up made and raises the young threshold to its own
    # (lint/cli/check.py `_tune_collector`), from the thresholds the process had, not from
    # start-up's
    probe = (
        "import gc, sys\n"
        "import lint.cli.check as check\n"
        "tune = check._tune_collector\n"
        "def tuned():\n"
        "    tune()\n"
        "    print('thresholds', gc.get_threshold(), 'frozen', gc.get_freeze_count() > 0, file=sys.stderr)\n"
        "check._tune_collector = tuned\n"
        "from lint.cli.main import run\n"
        "sys.argv = ['copydesk', 'check', '--select', 'hygiene', sys.argv[1]]\n"
        "run()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(CLEAN)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode in (0, 1), done.stderr
    young, middle, old = _default_thresholds()
    assert f"thresholds ({max(young, 20000)}, {middle}, {old}) frozen True" in done.stderr


def _default_thresholds():
    done = subprocess.run([sys.executable, "-c", "import gc; print(*gc.get_threshold())"], capture_output=True, text=True)
    return tuple(int(n) for n in done.stdout.split())


def test_a_crash_is_an_error_exit_not_findings():
    # a bug of copydesk's (here: the check command itself raising) exits 2 with one line that
    # says so, never a traceback and never 1, which CI and pre-commit read as "findings"
    import subprocess
    import sys

    probe = (
        "import sys; import lint.cli.main as m\n"
        "def boom(args): raise KeyError('surprise')\n"
        "m.cmd_check = boom\n"
        f"sys.argv = ['copydesk', 'check', {str(CLEAN)!r}]; m.run()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert "copydesk: internal error at " in done.stderr and "KeyError: 'surprise'" in done.stderr
    assert "bug in copydesk" in done.stderr
    debug = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT,
                           env={**__import__("os").environ, "COPYDESK_DEBUG": "1"})
    assert debug.returncode == 2 and "Traceback" in debug.stderr


# a run in which `regex` cannot be imported (uninstalled, or its compiled part gone): the
# package is hidden from the import system, so neither `import regex` nor the engine's own
# loading of its extension (lint/engine/rx.py, which looks it up with find_spec) finds it
_WITHOUT_REGEX = (
    "import sys, importlib.util, runpy\n"
    "sys.modules['regex'] = None\n"
    "find_spec = importlib.util.find_spec\n"
    "importlib.util.find_spec = lambda name, *rest: None if name.split('.')[0] == 'regex' else find_spec(name, *rest)\n"
    "sys.argv = ['copydesk', 'check', {draft!r}]\n"
    "runpy.run_module('lint', run_name='__main__')\n"
)


@pytest.mark.parametrize("cache", ["warm", "cold"])
def test_a_missing_dependency_says_which_and_how_to_reinstall(tmp_path, cache):
    # a broken install is not "a bug in copydesk": the line names the package and the pip
    # command that puts it back, exit 2, no traceback; with the pack cache warm (patterns are
    # rebuilt from the extension alone) and cold (the packs are compiled with the module)
    import os

    env = {**os.environ, "COPYDESK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("COPYDESK_DEBUG", None)
    if cache == "warm":
        subprocess.run([sys.executable, "-m", "lint", "check", str(CLEAN)], capture_output=True, cwd=ROOT, env=env)
    done = subprocess.run([sys.executable, "-c", _WITHOUT_REGEX.format(draft=str(CLEAN))], capture_output=True,
                          text=True, cwd=ROOT, env=env)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert "Traceback" not in done.stderr and "bug in copydesk" not in done.stderr
    assert done.stderr.startswith("copydesk: the 'regex' package, which copydesk needs, could not be imported")
    assert "pip install 'regex>=2023.0'" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_the_dependency_table_names_every_dependency_of_pyproject():
    # lint/cli/main.py's DEPENDENCIES says how to reinstall each package copydesk imports: every
    # requirement pyproject.toml lists must be one of its answers, word for word, and the other
    # way round, so a changed pin cannot leave the message giving an old one
    from lint.cli.main import DEPENDENCIES

    try:
        import tomllib
    except ImportError:  # Python < 3.11
        import tomli as tomllib
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    requirements = {line.split(";")[0].strip() for line in listed}
    assert requirements == set(DEPENDENCIES.values())


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_output_that_cannot_encode_a_curly_quote_still_carries_every_finding(tmp_path, encoding):
    # a pipe whose encoding lacks “ (PYTHONIOENCODING, an ASCII locale, a Windows pipe) stopped
    # the run with an encoding error: JSON now goes out as UTF-8, the text report with escapes
    import os

    draft = tmp_path / "story.txt"
    draft.write_text("Headline\n\nThe mayor said the deal was done. JEFF OK’D\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COPYDESK_CACHE_DIR": str(tmp_path / "cache")}
    as_json = subprocess.run([sys.executable, "-m", "lint", "check", "--format", "json", str(draft)],
                             capture_output=True, cwd=ROOT, env=env)
    assert as_json.returncode == 1, as_json.stderr
    findings = json.loads(as_json.stdout.decode("utf-8"))["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == [("hygiene.editor-note", 3)]
    assert "“JEFF OK’D”" in findings[0]["message"]
    as_text = subprocess.run([sys.executable, "-m", "lint", "check", str(draft)], capture_output=True, cwd=ROOT, env=env)
    assert as_text.returncode == 1, as_text.stderr
    assert "error hygiene.editor-note \\u201cJEFF OK\\u2019D\\u201d" in as_text.stdout.decode("ascii")
