"""`copydesk init` and the GitHub composite action (action.yml)."""

import os
import subprocess
from pathlib import Path

from clitools import ROOT, cli_env, run, shim

from lint.yamlload import load_yaml_file

NOTE_DRAFT = "Storm damages harbor\n\nIt is too early to know, the harbor master said. JEFF OK’D\n"
FILES = ["copydesk.yaml", "people.yaml", ".pre-commit-config.yaml", ".github/workflows/copydesk.yml"]


def test_init_writes_a_working_setup(tmp_path):
    result = run(tmp_path, "init")
    assert result.returncode == 0, result.stderr
    for name in FILES:
        assert (tmp_path / name).is_file(), name
        assert f"wrote {name}" in result.stdout
    # the starter config is valid as written, and copydesk runs with it
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "storm.md").write_text(NOTE_DRAFT, encoding="utf-8")
    check = run(tmp_path, "check")
    assert check.returncode == 1, check.stderr
    assert check.stdout.startswith("drafts/storm.md:3:50: error hygiene.editor-note")
    # the pre-commit config names hooks this repo ships
    ours = {h["id"] for h in load_yaml_file(ROOT / ".pre-commit-hooks.yaml")}
    hooks = load_yaml_file(tmp_path / ".pre-commit-config.yaml")["repos"][0]["hooks"]
    assert {h["id"] for h in hooks} <= ours
    workflow = load_yaml_file(tmp_path / ".github" / "workflows" / "copydesk.yml")
    steps = workflow["jobs"]["copydesk"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[1]["uses"].startswith("copydesk/copydesk@")


def test_init_refuses_to_overwrite_and_says_which(tmp_path):
    (tmp_path / "people.yaml").write_text("ours\n", encoding="utf-8")
    result = run(tmp_path, "init")
    assert result.returncode == 2
    assert "will not overwrite people.yaml" in result.stderr and "nothing was written" in result.stderr
    assert not (tmp_path / "copydesk.yaml").exists()
    assert (tmp_path / "people.yaml").read_text(encoding="utf-8") == "ours\n"


def test_init_prints_a_snippet_when_pre_commit_config_exists(tmp_path):
    existing = "repos: []\n"
    (tmp_path / ".pre-commit-config.yaml").write_text(existing, encoding="utf-8")
    result = run(tmp_path, "init", "--hook-repo", "https://example.org/copydesk", "--rev", "v9")
    assert result.returncode == 0
    assert (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8") == existing
    assert "exists: left as it is" in result.stdout
    assert "  - repo: https://example.org/copydesk\n    rev: v9\n" in result.stdout


def _action_commands():
    action = load_yaml_file(ROOT / "action.yml")
    assert action["runs"]["using"] == "composite"
    return [s["run"] for s in action["runs"]["steps"] if "copydesk check" in (s.get("run") or "")]


def test_action_runs_the_cli_commands_that_work(tmp_path):
    commands = _action_commands()
    assert any("--format github" in c for c in commands) and any("--format sarif" in c for c in commands)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "storm.md").write_text(NOTE_DRAFT, encoding="utf-8")
    (tmp_path / "drafts" / "clean.txt").write_text("Budget\n\nThe council voted 7-2, the clerk said.\n", encoding="utf-8")
    shim(tmp_path / "bin")
    env = cli_env({"PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
                   "COPYDESK_ARGS": "--fail-on error", "COPYDESK_PATHS": "drafts"})
    sarif, github = [subprocess.run(["bash", "-c", c], cwd=tmp_path, capture_output=True, text=True, env=env) for c in commands]
    assert sarif.returncode == 0, sarif.stderr  # findings (exit 1) must not stop the upload step
    assert '"version": "2.1.0"' in (tmp_path / "copydesk.sarif").read_text(encoding="utf-8")
    assert github.returncode == 1
    assert github.stdout.startswith("::error file=drafts/storm.md,line=3,col=50,")
    # a config error (exit 2) stops the SARIF step too
    (tmp_path / "copydesk.yaml").write_text("nonsense: 1\n", encoding="utf-8")
    broken = subprocess.run(["bash", "-c", commands[0]], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert broken.returncode != 0 and "copydesk.yaml:1: unknown setting 'nonsense'" in broken.stderr


def test_init_workflow_uses_inputs_the_action_has():
    # the workflow init writes uses the action's inputs that exist
    from lint import init

    action = load_yaml_file(ROOT / "action.yml")
    workflow = init.WORKFLOW.format(action=init.ACTION, rev="v0")
    assert "sarif:" in workflow and "sarif" in action["inputs"]
    assert Path(ROOT / "action.yml").read_text(encoding="utf-8").count("copydesk check") >= 2
