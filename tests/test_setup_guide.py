"""docs/setup.md, run as written: every offline command of the guide, in order, in a new folder.

The guide's conventions (stated at its top): in ```console blocks, `$ ` starts a command and
the lines under it are output that must appear; `# exit N` after a command is its expected
exit status (else 0); an ```sh block is one script. Blocks whose info string says
`needs-network` talk to GitHub or the package index and are skipped here.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from clitools import ROOT, cli_env, shim

GUIDE = ROOT / "docs" / "setup.md"
FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```\s*$", re.M | re.S)


def blocks():
    for m in FENCE.finditer(GUIDE.read_text(encoding="utf-8")):
        info = m.group(1).split()
        if info and info[0] in ("console", "sh"):
            line = GUIDE.read_text(encoding="utf-8").count("\n", 0, m.start()) + 1
            yield info[0], "needs-network" in info[1:], m.group(2), line


def steps():
    """(command, expected status, expected output lines, guide line) in order."""
    for kind, network, body, line in blocks():
        if network:
            continue
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
    assert sum(1 for _ in steps()) >= 10


def test_setup_guide_commands_work_as_written(tmp_path):
    if not GUIDE.is_file():
        pytest.fail(f"{GUIDE} is missing")
    bin_dir = tmp_path / "bin"
    shim(bin_dir)
    # pre-commit comes from the Python running the tests (it is a test dependency)
    path = os.pathsep.join([str(bin_dir), str(Path(sys.executable).parent), os.environ.get("PATH", "/usr/bin:/bin")])
    env = cli_env({
        "PATH": path, "HOME": str(tmp_path), "LC_ALL": "C.UTF-8",
        "GIT_AUTHOR_NAME": "Reporter", "GIT_AUTHOR_EMAIL": "reporter@example.org",
        "GIT_COMMITTER_NAME": "Reporter", "GIT_COMMITTER_EMAIL": "reporter@example.org",
    })
    env.pop("PYTHONPATH")  # the shim sets it; a newsroom's shell has none
    cwd = tmp_path / "work"
    cwd.mkdir()
    try:
        import pre_commit  # noqa: F401
        have_pre_commit = True
    except ImportError:
        have_pre_commit = False
    for command, status, output, line in steps():
        if command.startswith("cd "):
            cwd = cwd / command[3:].strip()
            assert cwd.is_dir(), f"docs/setup.md:{line}: {command}: no such folder"
            continue
        if command.startswith("pre-commit") and not have_pre_commit:
            continue
        result = subprocess.run(["bash", "-c", command], cwd=cwd, capture_output=True, text=True, env=env, timeout=120)
        said = result.stdout + result.stderr
        assert result.returncode == status, f"docs/setup.md:{line}: `{command}` exited {result.returncode}, the guide says {status}:\n{said}"
        for expected in output:
            assert expected in said, f"docs/setup.md:{line}: `{command}` did not print:\n{expected}\nIt printed:\n{said}"
