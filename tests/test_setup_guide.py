"""docs/setup.md, run as written: every command of the guide, in order, in a new folder.

The guide's conventions (stated at its top): in ```console blocks, `$ ` starts a command and
the lines under it are output that must appear; `# exit N` after a command is its expected
exit status (else 0); an ```sh block is one script. Blocks whose info string says
`needs-network` download from the package index: they run too (pip and pre-commit install
copydesk and its dependencies), and the test skips if the index cannot be reached.

The folder the guide starts in holds `copydesk`, a clone of this checkout as it is on disk
(tests/newsroom.py), so `pip install ./copydesk` installs the code under test and `copydesk
init` pins that clone at its commit; pre-commit then installs the hook from exactly what init
wrote. `cd DIR` and `. DIR/bin/activate` change the folder and PATH of the commands after them,
as they would in a terminal.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from newsroom import GIT_IDENTITY, ROOT, precommit_home, require_pre_commit, snapshot

from lint.packs import loader as packs
from lint.engine.runner import Engine

pytestmark = pytest.mark.slow

GUIDE = ROOT / "docs" / "setup.md"
FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```\s*$", re.M | re.S)
NO_NETWORK = ("No matching distribution", "Could not find a version", "Network is unreachable",
              "Temporary failure in name resolution", "Failed to establish a new connection")


def blocks():
    text = GUIDE.read_text(encoding="utf-8")
    for m in FENCE.finditer(text):
        info = m.group(1).split()
        if info and info[0] in ("console", "sh"):
            line = text.count("\n", 0, m.start()) + 1
            yield info[0], "needs-network" in info[1:], m.group(2), line


def steps():
    """(command, expected status, expected output lines, guide line) in order."""
    for kind, _, body, line in blocks():
        if kind == "sh":
            yield body, 0, [], line
            continue
        current = None
        for offset, text in enumerate(body.splitlines(), start=1):
            if text.startswith("$ "):
                if current:
                    yield current
                command = text[2:]
                status = 0
                m = re.search(r"\s+#\s*exit\s+(\d+)\s*$", command)
                if m:
                    command, status = command[: m.start()], int(m.group(1))
                current = (command, status, [], line + offset)
            elif current and text.strip():
                current[2].append(text)
        if current:
            yield current


def test_guide_has_runnable_and_network_blocks():
    kinds = list(blocks())
    assert sum(1 for _, network, _, _ in kinds if network) >= 2
    commands = [command for command, _, _, _ in steps()]
    assert len(commands) >= 15
    # the whole path: install, init, the hook installed and blocking, the fix hook, a commit that passes
    for wanted in ("python -m pip install pre-commit ./copydesk", "copydesk init", "pre-commit install",
                   "pre-commit run --hook-stage manual copydesk-fix", "pre-commit autoupdate"):
        assert any(c.startswith(wanted) for c in commands), wanted
    # nothing in the guide names an address or a version that does not exist
    text = GUIDE.read_text(encoding="utf-8")
    assert "github.com/copydesk" not in text and "@v0.1.0" not in text and "copydesk@" not in text


def test_the_safe_fixes_the_guide_lists_are_the_safe_fixes_there_are():
    """docs/setup.md names the rules `--fix` fixes; each fail example of every rule says whether
    its fix is safe: the two lists are the same."""
    section = GUIDE.read_text(encoding="utf-8").split("The safe fixes", 1)[1].split("Everything else", 1)[0]
    listed = set(re.findall(r"`([a-z]+\.[a-z-]+)`", section))
    safe, unsafe = set(), set()
    for rule in packs.load_rules():
        engine = Engine([rule])
        for example in rule.fail:
            findings, _ = engine.check_texts(example.drafts)
            for f in findings:
                if f.fix is not None:
                    (safe if f.fix.safe else unsafe).add(rule.id)
    assert listed == safe
    assert "hygiene.repeated-word" in unsafe and "hygiene.repeated-word" not in listed


def test_setup_guide_commands_work_as_written(tmp_path):
    if not GUIDE.is_file():
        pytest.fail(f"{GUIDE} is missing")
    require_pre_commit()
    cwd = tmp_path / "work"
    cwd.mkdir()
    (cwd / "copydesk").symlink_to(snapshot(), target_is_directory=True)  # the newsroom's clone
    # a reporter's shell: no copydesk, no pre-commit, nothing of this test's Python on PATH
    path = [p for p in os.environ.get("PATH", "/usr/bin:/bin").split(os.pathsep) if Path(p) != Path(sys.executable).parent]
    env = dict(os.environ, **GIT_IDENTITY, HOME=str(tmp_path), PRE_COMMIT_HOME=str(precommit_home()),
               LC_ALL="C.UTF-8", NO_COLOR="1", PRE_COMMIT_COLOR="never", PIP_DISABLE_PIP_VERSION_CHECK="1")
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "PRE_COMMIT", "PYTHONPATH", "VIRTUAL_ENV", "COPYDESK_CACHE_DIR"):
        env.pop(name, None)
    env["PATH"] = os.pathsep.join(path)
    for command, status, output, line in steps():
        if command.startswith("cd "):
            cwd = cwd / command[3:].strip()
            assert cwd.is_dir(), f"docs/setup.md:{line}: {command}: no such folder"
            continue
        activate = re.fullmatch(r"(?:\.|source) (\S+)/bin/activate", command)
        if activate:
            venv = cwd / activate.group(1)
            assert (venv / "bin" / "python").exists(), f"docs/setup.md:{line}: {command}: no such environment"
            env["VIRTUAL_ENV"] = str(venv)
            env["PATH"] = os.pathsep.join([str(venv / "bin"), *path])
            continue
        result = subprocess.run(["bash", "-c", command], cwd=cwd, capture_output=True, text=True, env=env, timeout=900)
        said = result.stdout + result.stderr
        if result.returncode != status and any(s in said for s in NO_NETWORK):
            pytest.skip(f"docs/setup.md:{line}: `{command}` needs the package index, which is not reachable here")
        assert result.returncode == status, f"docs/setup.md:{line}: `{command}` exited {result.returncode}, the guide says {status}:\n{said}"
        for expected in output:
            assert expected in said, f"docs/setup.md:{line}: `{command}` did not print:\n{expected}\nIt printed:\n{said}"
