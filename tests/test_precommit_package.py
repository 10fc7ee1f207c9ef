"""The day copydesk is published: a copydesk installed from a package index makes `copydesk
init` write a `repo: local` hook pinned to that version, and pre-commit installs it from the
index. The index here is this checkout's wheel in a folder pip searches (PIP_FIND_LINKS), next
to the real index for copydesk's dependencies.
"""

import os
import subprocess
import sys

import pytest
from newsroom import git, newsroom_env, precommit_home, require_pre_commit, snapshot

from lint import __version__
from lint.packs.yamlload import load_yaml_file

pytestmark = pytest.mark.slow


def test_a_copydesk_from_the_index_pins_its_version_and_pre_commit_installs_it(tmp_path):
    require_pre_commit()
    wheels = tmp_path / "index"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(snapshot())],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    env = newsroom_env(tmp_path, [tmp_path / "venv" / "bin"])
    env["PIP_FIND_LINKS"] = str(wheels)
    subprocess.run([sys.executable, "-m", "venv", str(tmp_path / "venv")], check=True)
    # as from an index (no direct URL recorded); `init` needs none of copydesk's dependencies
    installed = subprocess.run([str(tmp_path / "venv" / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps",
                                "--no-index", f"copydesk=={__version__}"], capture_output=True, text=True, env=env, timeout=900)
    assert installed.returncode == 0, installed.stderr

    repo = tmp_path / "newsroom"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    init = subprocess.run(["copydesk", "init"], cwd=repo, capture_output=True, text=True, env=env)
    assert init.returncode == 0, init.stderr
    [entry] = load_yaml_file(repo / ".pre-commit-config.yaml")["repos"]
    assert entry["repo"] == "local"
    assert {tuple(h["additional_dependencies"]) for h in entry["hooks"]} == {(f"copydesk=={__version__}",)}
    assert f'COPYDESK: "copydesk=={__version__}"' in (repo / ".github" / "workflows" / "copydesk.yml").read_text(encoding="utf-8")

    (repo / "drafts").mkdir()
    (repo / "drafts" / "mayor.md").write_text("# Mayor to speak\n\nThe mayor will speak at TK p.m. on Friday.\n", encoding="utf-8")
    git(repo, "add", "-A")
    env["PATH"] = os.pathsep.join([str(tmp_path / "venv" / "bin"), env["PATH"]])
    env["PRE_COMMIT_HOME"] = str(precommit_home())
    result = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--files", "drafts/mayor.md"],
                            cwd=repo, capture_output=True, text=True, env=env, timeout=900)
    out = result.stdout + result.stderr
    if result.returncode != 1 and "No matching distribution" in out:
        pytest.skip("the package index is not reachable for copydesk's dependencies")
    assert result.returncode == 1, out
    assert "drafts/mayor.md:3:25: error hygiene.editor-note “TK”" in out
