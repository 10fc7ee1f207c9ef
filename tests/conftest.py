"""Shared test helpers: run the CLI, find the shared corpus and seeds when present, run a
function with every prefilter off."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus" / "wikinews"


def run_cli(*args, input=None, cwd=None, env=None):
    """Run `python -m lint ARGS` as a user would; returns the CompletedProcess (text mode)."""
    full_env = dict(os.environ)
    full_env.pop("GITHUB_ACTIONS", None)
    full_env["NO_COLOR"] = "1"
    full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "lint", *map(str, args)],
        input=input,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd or ROOT,
        env=full_env,
        timeout=300,
    )


@pytest.fixture
def seeds():
    if not (SEEDS / "draft-a.txt").is_file():
        pytest.skip("the newsroom's sample drafts (../shared/seeds) are not present")
    return SEEDS


@pytest.fixture
def corpus_files():
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    if not files:
        pytest.skip("the shared corpus (../shared/corpus/wikinews) is not present")
    return files


def at(text, needle, nth=0):
    """1-based (line, column) of the nth occurrence of needle in text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start) + 1
    return line, start - (text.rfind("\n", 0, start) + 1) + 1


def plain(function, *args):
    """`function(*args)` with every prefilter and shortcut turned off (COPYDESK_NO_PREFILTER=1):
    what a fast path must agree with."""
    before = os.environ.get("COPYDESK_NO_PREFILTER")
    os.environ["COPYDESK_NO_PREFILTER"] = "1"
    try:
        return function(*args)
    finally:
        if before is None:
            del os.environ["COPYDESK_NO_PREFILTER"]
        else:
            os.environ["COPYDESK_NO_PREFILTER"] = before


def benchmark_module(name: str):
    """benchmarks/NAME.py, imported by path (the folder is no package); its folder goes on
    sys.path first, as when it runs, for the modules it imports beside it."""
    import importlib.util

    folder = str(ROOT / "benchmarks")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
