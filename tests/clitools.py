"""Helpers the integration tests share: run the CLI from this checkout, anywhere."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cli_env(extra=None) -> dict:
    """A small, predictable environment that imports `lint` from this checkout."""
    env = {"PYTHONPATH": str(ROOT), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "NO_COLOR": "1"}
    env.update(extra or {})
    return env


def run(cwd, *args, env=None):
    """`copydesk ARGS` (as `python -m lint`) in folder `cwd`, so config is found from there."""
    return subprocess.run(
        [sys.executable, "-m", "lint", *args], cwd=cwd, capture_output=True, text=True, env=cli_env(env), timeout=120
    )


def shim(folder: Path) -> Path:
    """A `copydesk` command in `folder` that runs this checkout's CLI: put `folder` on PATH to
    run documented shell commands as a newsroom developer types them."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "copydesk"
    script.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m lint "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    return script
