"""The commit hook for real: a newsroom repo set up by `copydesk init`, hooks installed by
pre-commit from exactly what init wrote (no edits), and reporters' commits.

One repo and one pre-commit environment serve the whole module (installing copydesk into a
fresh environment takes 20-60 s); tests/newsroom.py explains the snapshot it installs from.
"""

import re
import subprocess
import sys

import pytest
from newsroom import ROOT, copydesk_command, git, newsroom_env, require_pre_commit, snapshot, snapshot_rev

from lint.packs.yamlload import load_yaml_file

pytestmark = pytest.mark.slow

# colleagues' stories, already in the repo: each has errors (a TK, furniture) and ends with the
# same web line, which the corpus comparison catches in a new draft
COLLEAGUES = {
    "drafts/council.md": "# Council passes budget\n\nThe council voted 7-2 on Monday to pass a budget of TK.\n\nMore From Our Network\n",
    "drafts/ferry.md": "# Ferry service resumes\n\nThe ferry ran again on Tuesday, the operator said. JEFF OK’D\n\nMore From Our Network\n",
    "drafts/school.txt": "School board delays vote\n\nThe board put off its vote until March, a spokeswoman said.\n\nBack to top button\n\nMore From Our Network\n",
}
CLEAN = "# Library opens late\n\nThe central library will open at noon on Saturday, the city said.\n"
TK = "# Mayor to speak\n\nThe mayor will speak at TK p.m. on Friday, her office said.\n"
WARNING = "# Bridge reopens\n\nThe the bridge reopened to traffic on Thursday, the county said.\n"
CROSS = "# Port strike ends\n\nDockworkers returned to work on Friday, the union said.\n\nMore From Our Network\n"
# furniture with the next paragraph straight under it, a double space (safe fixes) and a
# doubled word (not a safe fix: it stays for the reporter)
FIXME = (
    "# Storm damages harbor\n"
    "\n"
    "The storm hit the harbor  on Tuesday night, the port authority said.\n"
    "\n"
    "Back to top button\n"
    "Crews will inspect the the breakwater on Wednesday, the harbor master said.\n"
    "\n"
    "Nobody was hurt, the fire chief said.\n"
)


def write(repo, name, text):
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory):
    require_pre_commit()
    home = tmp_path_factory.mktemp("reporter")
    env = newsroom_env(home, [copydesk_command(home / "bin").parent])
    repo = home / "newsroom"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    init = subprocess.run(["copydesk", "init"], cwd=repo, capture_output=True, text=True, env=env)
    assert init.returncode == 0, init.stderr
    for name, text in COLLEAGUES.items():
        write(repo, name, text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "colleagues' stories and copydesk's setup", "--no-verify")
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, capture_output=True, text=True, env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    # a reporter's untracked notes, in and outside the drafts folder
    write(repo, "NOTES.md", "Call the harbor master back. TK\n")
    write(repo, "drafts/notes.txt", "Ideas\n\nAsk about the budget. CHECK WITH DESK\n")
    return repo, env


def commit(newsroom, *files, message="a story"):
    """Stage `files` and commit; a blocked commit is unstaged again. Returns (status, output)."""
    repo, env = newsroom
    git(repo, "add", *files)
    result = subprocess.run(["git", "commit", "-m", message], cwd=repo, capture_output=True, text=True, env=env, timeout=900)
    out = result.stdout + result.stderr
    if "An unexpected error has occurred" in out or "Installing environment" in out and result.returncode not in (0, 1):
        pytest.fail(f"pre-commit could not install the hook:\n{out}")
    if result.returncode != 0:
        git(repo, "reset", "-q")
    return result.returncode, out


def test_init_config_is_what_pre_commit_installs_from(newsroom):
    repo, _ = newsroom
    config = load_yaml_file(repo / ".pre-commit-config.yaml")
    [entry] = config["repos"]
    assert entry["repo"] == str(snapshot()) and entry["rev"] == snapshot_rev()
    assert [h["id"] for h in entry["hooks"]] == ["copydesk", "copydesk-fix"]  # never copydesk-corpus


def test_a_clean_draft_commits_while_other_drafts_and_notes_have_errors(newsroom):
    repo, _ = newsroom
    write(repo, "drafts/library.md", CLEAN)
    status, out = commit(newsroom, "drafts/library.md", "NOTES.md")  # NOTES.md is not a draft
    assert status == 0, out
    assert re.search(r"copydesk \(check drafts\)\.+Passed", out), out
    assert "Checked 1 draft: no findings." in out  # the hook's output shows (verbose)
    for other in [*COLLEAGUES, "NOTES.md", "drafts/notes.txt"]:
        assert f"{other}:" not in out  # no finding anywhere else


def test_a_draft_with_tk_is_blocked_with_what_to_do(newsroom):
    repo, _ = newsroom
    write(repo, "drafts/mayor.md", TK)
    status, out = commit(newsroom, "drafts/mayor.md")
    assert status == 1, out
    assert "drafts/mayor.md:3:25: error hygiene.editor-note “TK” looks like a note to editors left in the copy" in out
    assert "Found 1 error in 1 of 1 draft. The error fails the check." in out
    assert out.rstrip().endswith("To commit: fix the error above (`copydesk explain RULE` says what each rule wants).")
    assert not any(f"{name}:" in out for name in COLLEAGUES)
    (repo / "drafts" / "mayor.md").unlink()


def test_warnings_show_on_a_commit_that_passes(newsroom):
    repo, _ = newsroom
    write(repo, "drafts/bridge.md", WARNING)
    status, out = commit(newsroom, "drafts/bridge.md")
    assert status == 0, out
    assert "drafts/bridge.md:3:1: warning hygiene.repeated-word “The the”" in out
    assert "Found 1 warning in 1 of 1 draft. The warning does not fail the check (only errors do)." in out


def test_the_corpus_is_compared_but_never_reported(newsroom):
    repo, _ = newsroom
    write(repo, "drafts/port.md", CROSS)
    status, out = commit(newsroom, "drafts/port.md")
    assert status == 1, out
    assert "drafts/port.md:5:1: error hygiene.boilerplate “More From Our Network” is web-page furniture" in out
    assert "the same line stands in 3 other drafts" in out
    assert not any(f"{name}:" in out for name in COLLEAGUES)
    (repo / "drafts" / "port.md").unlink()


def test_one_summary_for_a_commit_of_many_drafts(newsroom):
    repo, _ = newsroom
    names = [f"drafts/brief-{n}.md" for n in range(8)]
    for n, name in enumerate(names):
        write(repo, name, f"# Brief {n}\n\nThe council meets on TK, the clerk said.\n")
    status, out = commit(newsroom, *names)
    assert status == 1, out
    assert out.count("Found ") == 1, out
    assert "Found 8 errors in 8 of 8 drafts." in out
    for name in names:
        (repo / name).unlink()


def test_copydesk_fix_does_what_the_guide_says_and_keeps_every_paragraph(newsroom):
    repo, env = newsroom
    path = write(repo, "drafts/storm.md", FIXME)
    git(repo, "add", "drafts/storm.md")  # as after a blocked commit: pre-commit sees the hook's changes
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--hook-stage", "manual", "copydesk-fix", "--files", "drafts/storm.md"],
        cwd=repo, capture_output=True, text=True, env=env, timeout=900,
    )
    out = result.stdout + result.stderr
    assert result.returncode == 1, out  # files changed: review them
    assert "copydesk: fixed 2 findings in 1 draft" in out
    assert path.read_text(encoding="utf-8") == (
        "# Storm damages harbor\n"
        "\n"
        "The storm hit the harbor on Tuesday night, the port authority said.\n"
        "\n"
        "Crews will inspect the the breakwater on Wednesday, the harbor master said.\n"
        "\n"
        "Nobody was hurt, the fire chief said.\n"
    )
    git(repo, "reset", "-q")
    # the doubled word is not a safe fix: it is reported, for the reporter to delete
    assert "drafts/storm.md:5:20: warning hygiene.repeated-word “the the”" in out
    path.unlink()


def test_manifest_hooks():
    hooks = {h["id"]: h for h in load_yaml_file(ROOT / ".pre-commit-hooks.yaml")}
    assert set(hooks) == {"copydesk", "copydesk-fix", "copydesk-corpus"}
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["types_or"] == ["markdown", "plain-text", "html"]
    assert hooks["copydesk"]["require_serial"] is True and hooks["copydesk"]["verbose"] is True
    assert hooks["copydesk-fix"]["entry"] == "copydesk check --fix"
    # the whole-corpus hook is for CI-style runs, never at commit time
    assert hooks["copydesk-corpus"]["stages"] == ["manual"] and hooks["copydesk-corpus"]["pass_filenames"] is False
