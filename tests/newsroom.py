"""A newsroom's setup for real: a git snapshot of this checkout, and one pre-commit home.

`snapshot()` is this checkout as it is on disk (tracked files and new, unignored ones) committed
in a fresh git repo: what a newsroom's clone of copydesk would be, so `copydesk init` run from
it pins a commit that exists, with the changes under test in it. The commit is made with a
fixed author and date, so the same files give the same commit, and every test of one pytest
run shares it and one PRE_COMMIT_HOME (`precommit_home()`): pre-commit builds copydesk's hook
environment once (20-60 s), not once a test.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# never copied into the snapshot: caches and tools, not copydesk
LEFT_OUT = (".cache-copydesk/", ".ci/node_modules/", ".venv/")
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Reporter", "GIT_AUTHOR_EMAIL": "reporter@example.org",
    "GIT_COMMITTER_NAME": "Reporter", "GIT_COMMITTER_EMAIL": "reporter@example.org",
    "GIT_AUTHOR_DATE": "2026-01-01T12:00:00+00:00", "GIT_COMMITTER_DATE": "2026-01-01T12:00:00+00:00",
}


def git(cwd, *args, env=None, check=True) -> subprocess.CompletedProcess:
    full = dict(os.environ, **GIT_IDENTITY, **(env or {}))
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=full)
    if check and result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed in {cwd}:\n{result.stdout}{result.stderr}")
    return result


def require_pre_commit() -> None:
    """Skip unless pre-commit, git and a git checkout of copydesk are here."""
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed in this Python (pip install pre-commit)")
    if shutil.which("git") is None:
        pytest.skip("git is not on PATH")
    if subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True).returncode != 0:
        pytest.skip(f"{ROOT} is not a git checkout")


@functools.lru_cache(maxsize=None)
def _scratch() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="copydesk-newsroom-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


@functools.lru_cache(maxsize=None)
def snapshot() -> Path:
    """This checkout's files, committed in a new repo (one per pytest run)."""
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").stdout.split("\0")
    target = _scratch() / "copydesk"
    for name in sorted(set(filter(None, listed))):
        source = ROOT / name
        if name.startswith(LEFT_OUT) or not source.is_file():
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name)
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "copydesk as it is on disk")
    return target


def snapshot_rev() -> str:
    return git(snapshot(), "rev-parse", "HEAD").stdout.strip()


@functools.lru_cache(maxsize=None)
def precommit_home() -> Path:
    home = _scratch() / "pre-commit-home"
    home.mkdir(exist_ok=True)
    return home


def newsroom_env(home: Path, path_first=()) -> dict:
    """The environment a reporter's shell has: copydesk from the snapshot (as `python -m lint`
    would run it from a clone), pre-commit from this Python, no CI variables."""
    env = dict(os.environ, **GIT_IDENTITY, HOME=str(home), PRE_COMMIT_HOME=str(precommit_home()),
               NO_COLOR="1", PRE_COMMIT_COLOR="never", LC_ALL="C.UTF-8")
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "PRE_COMMIT", "PYTHONPATH", "VIRTUAL_ENV"):
        env.pop(name, None)
    env["PATH"] = os.pathsep.join([*map(str, path_first), str(Path(sys.executable).parent), env.get("PATH", "/usr/bin:/bin")])
    return env


def copydesk_command(folder: Path) -> Path:
    """A `copydesk` in `folder` that runs the snapshot's copy (so `copydesk init` detects the
    snapshot, a git clone, as where it came from)."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "copydesk"
    script.write_text(f'#!/bin/sh\nPYTHONPATH="{snapshot()}" exec "{sys.executable}" -m lint "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    return script
