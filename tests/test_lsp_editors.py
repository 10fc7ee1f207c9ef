"""Real editors on `copydesk lsp`: a headless Neovim (built-in LSP client) receives the
diagnostics of a draft, and the VS Code extension in editors/vscode builds to a .vsix.
Each is skipped when its editor or tool is not installed (.ci/run installs both)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures" / "lsp"
VSCODE = HERE.parent / "editors" / "vscode"


def server_command():
    script = Path(sys.executable).with_name("copydesk")
    return [str(script), "lsp"] if script.exists() else [sys.executable, "-m", "lint", "lsp"]


@pytest.mark.skipif(shutil.which("nvim") is None, reason="Neovim is not installed (apt-get install neovim)")
def test_neovim_receives_the_diagnostics(tmp_path):
    shutil.copytree(FIXTURES / "newsroom", tmp_path / "newsroom")
    out = tmp_path / "diagnostics.json"
    env = dict(os.environ, COPYDESK_NVIM_OUT=str(out), COPYDESK_LSP_CMD=json.dumps(server_command()),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_STATE_HOME=str(tmp_path / "state"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    subprocess.run(
        ["nvim", "--headless", "-n", "-i", "NONE", "-u", str(FIXTURES / "nvim" / "init.lua"), "harbour-strike.txt"],
        cwd=tmp_path / "newsroom", env=env, timeout=90, stdin=subprocess.DEVNULL, capture_output=True,
    )
    written = out.read_text(encoding="utf-8")
    assert not written.startswith("timeout"), written
    result = json.loads(written)
    assert result["uri"].endswith("/harbour-strike.txt")
    found = {(d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"],
              d["range"]["end"]["line"], d["range"]["end"]["character"]) for d in result["diagnostics"]}
    assert ("hygiene.editor-note", 4, 122, 4, 132) in found
    assert ("hygiene.boilerplate", 10, 0, 10, 18) in found
    # the other story in the folder: the cross-draft check works in a real editor too
    assert any(code == "people.title-consistency" for code, *_ in found)
    assert all(d["source"] == "copydesk" for d in result["diagnostics"])


def test_the_neovim_setup_is_the_documented_one():
    doc = (HERE.parent / "docs" / "editors.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Neovim"):]
    block = section[section.index("```lua\n") + len("```lua\n"):]
    block = block[: block.index("```")]
    init = (FIXTURES / "nvim" / "init.lua").read_text(encoding="utf-8")
    assert block in init


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed")
def test_the_vscode_extension_builds_to_a_vsix(tmp_path):
    work = tmp_path / "vscode"
    shutil.copytree(VSCODE, work, ignore=shutil.ignore_patterns("node_modules", "out", "*.vsix"))
    quiet = {"stdin": subprocess.DEVNULL, "capture_output": True, "text": True}
    installed = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=work, timeout=600, **quiet)
    if installed.returncode != 0 and "ENOTFOUND" in installed.stderr + installed.stdout:
        pytest.skip("npm cannot reach its registry")
    assert installed.returncode == 0, installed.stderr[-2000:]
    built = subprocess.run(
        ["npx", "--no-install", "@vscode/vsce", "package", "--allow-missing-repository", "-o", "copydesk.vsix"],
        cwd=work, timeout=600, **quiet,
    )
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    import zipfile

    with zipfile.ZipFile(work / "copydesk.vsix") as vsix:
        names = set(vsix.namelist())
        manifest = json.loads(vsix.read("extension/package.json"))
    assert "extension/out/extension.js" in names
    assert any(n.startswith("extension/node_modules/vscode-languageclient/") for n in names)
    assert manifest["contributes"]["configuration"]["properties"]["copydesk.path"]["default"] == "copydesk"
    assert not any(n.startswith("extension/src/") for n in names)
