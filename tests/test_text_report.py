"""The text report a reporter acts on: what fails the check comes first, the summary says
which findings fail it, and the last line says what to do."""

from clitools import run

# an editor's note (error, no fix), furniture (error, safe fix), a doubled word (warning) and
# a double space (suggestion, safe fix)
STORY = (
    "Council closes the pool\n"
    "\n"
    "The the council voted 7-2 on Monday to close the pool, the clerk said. JEFF OK’D\n"
    "\n"
    "The pool  will reopen in May.\n"
    "\n"
    "Back to top button\n"
)


def write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


def test_errors_come_first_then_what_does_not_fail_then_what_to_do(tmp_path):
    write(tmp_path, "pool.txt", STORY)
    result = run(tmp_path, "check", "pool.txt")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [l.split(": ")[0] + " " + l.split()[1] for l in lines[:2]] == ["pool.txt:3:72 error", "pool.txt:7:1 error"]
    assert lines[2:4] == ["", "Not failing the check (warnings and suggestions):"]
    assert lines[4].startswith("pool.txt:3:1: warning hygiene.repeated-word")
    assert lines[5].startswith("pool.txt:5:9: suggestion hygiene.double-space")
    assert lines[6] == (
        "Found 2 errors, 1 warning, 1 suggestion in 1 of 1 draft. "
        "The 2 errors fail the check; the 1 warning and 1 suggestion do not."
    )
    assert lines[7] == "To pass: fix the 2 errors above, or run `copydesk check --fix pool.txt` to fix 1 of them safely."
    assert len(lines) == 8


def test_fail_on_warning_moves_warnings_to_the_top(tmp_path):
    write(tmp_path, "pool.txt", STORY)
    result = run(tmp_path, "check", "--fail-on", "warning", "pool.txt")
    lines = result.stdout.splitlines()
    assert "Not failing the check (suggestions):" in lines
    assert "The 2 errors and 1 warning fail the check; the suggestion does not." in lines[-2]
    assert lines[-1].startswith("To pass: fix the 2 errors and 1 warning above, or run `copydesk check --fix pool.txt`")


def test_a_passing_run_says_nothing_fails_and_gives_no_to_do(tmp_path):
    write(tmp_path, "pool.txt", "Council closes the pool\n\nThe the council voted 7-2 on Monday, the clerk said.\n")
    result = run(tmp_path, "check", "pool.txt")
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == (
        "Found 1 warning in 1 of 1 draft. The warning does not fail the check (only errors do)."
    )


def test_no_safe_fix_says_to_fix_by_hand(tmp_path):
    write(tmp_path, "a.txt", "Council closes the pool\n\nThe pool will close at TK p.m., the clerk said.\n")
    result = run(tmp_path, "check", "a.txt")
    assert result.stdout.splitlines()[-1] == "To pass: fix the error above (`copydesk explain RULE` says what each rule wants)."


def test_under_pre_commit_the_last_line_names_the_fix_hook_when_the_config_has_it(tmp_path):
    write(tmp_path, "pool.txt", STORY)
    result = run(tmp_path, "check", "pool.txt", env={"PRE_COMMIT": "1"})
    assert result.stdout.splitlines()[-1] == (
        "To commit: fix the 2 errors above, or run `copydesk check --fix pool.txt` "
        "to fix 1 of them safely, then `git add` the drafts again."
    )
    write(tmp_path, ".pre-commit-config.yaml", "repos:\n  - repo: local\n    hooks:\n      - id: copydesk-fix\n")
    result = run(tmp_path, "check", "pool.txt", env={"PRE_COMMIT": "1"})
    assert result.stdout.splitlines()[-1] == (
        "To commit: fix the 2 errors above, or run `pre-commit run --hook-stage manual copydesk-fix --files pool.txt` "
        "to fix 1 of them safely, then `git add` the drafts again."
    )


def test_many_fixable_drafts_are_not_listed_one_by_one(tmp_path):
    for n in range(5):
        write(tmp_path, f"s{n}.txt", f"Story {n}\n\nThe council met on Monday, the clerk said.\n\nBack to top button\n")
    result = run(tmp_path, "check", ".")
    assert result.stdout.splitlines()[-1] == (
        "To pass: fix the 5 errors above, or run `copydesk check --fix FILE...` to fix all of them safely."
    )
