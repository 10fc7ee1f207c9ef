"""Progress on long runs: a bar on a terminal's stderr; nothing in pipes or CI; never on stdout."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT

pty = pytest.importorskip("pty")

DRAFT = "Council budget {n}\n\nThe council approved the budget on Tuesday. JEFF OK’D\n"


def _drafts(tmp_path, count=30):
    folder = tmp_path / "drafts"
    folder.mkdir()
    for n in range(count):
        (folder / f"story-{n:03d}.txt").write_text(DRAFT.format(n=n), encoding="utf-8")
    return folder


def _run(folder, stderr_on_terminal: bool, env=None):
    """`copydesk check FOLDER` with stdout a pipe and stderr a terminal (a pty) or a pipe."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS", "COPYDESK_PROGRESS")}
    full_env.update({"PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COPYDESK_PROGRESS_DELAY": "0", "TERM": "xterm"})
    full_env.update(env or {})
    command = [sys.executable, "-m", "lint", "check", str(folder), "--jobs", "1"]
    if not stderr_on_terminal:
        result = subprocess.run(command, capture_output=True, env=full_env, timeout=120)
        return result.stdout.decode(), result.stderr.decode()
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=follower, env=full_env)
        os.close(follower)
        follower = None
        stdout = process.stdout.read()
        process.wait(timeout=120)
        chunks = []
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:  # the terminal closed: all read
                break
            if not data:
                break
            chunks.append(data)
        return stdout.decode(), b"".join(chunks).decode("utf-8", "replace")
    finally:
        os.close(leader)
        if follower is not None:
            os.close(follower)


def test_a_terminal_gets_a_progress_bar_on_stderr_and_stdout_stays_clean(tmp_path):
    folder = _drafts(tmp_path)
    stdout, terminal = _run(folder, stderr_on_terminal=True)
    assert "copydesk: [" in terminal and "30/30 drafts, 30 findings" in terminal
    assert terminal.rstrip("\r\n").endswith("\x1b[K") or "\r\x1b[K" in terminal  # wiped before the report
    assert "drafts, " not in stdout and "\r" not in stdout and "\x1b" not in stdout
    assert "Found 30 errors in 30 of 30 drafts." in stdout


def test_no_bar_when_stderr_is_a_pipe(tmp_path):
    folder = _drafts(tmp_path)
    stdout, stderr = _run(folder, stderr_on_terminal=False)
    assert stderr == ""
    assert "Found 30 errors" in stdout


def test_no_bar_in_ci_even_on_a_terminal(tmp_path):
    folder = _drafts(tmp_path)
    _, terminal = _run(folder, stderr_on_terminal=True, env={"CI": "true"})
    assert "copydesk: [" not in terminal and "drafts, " not in terminal


def test_no_bar_for_a_run_shorter_than_the_delay(tmp_path):
    folder = _drafts(tmp_path, count=2)
    _, terminal = _run(folder, stderr_on_terminal=True, env={"COPYDESK_PROGRESS_DELAY": "30"})
    assert "copydesk: [" not in terminal


def test_the_bar_shows_findings_so_far_the_rate_and_the_time_left(monkeypatch):
    from lint.cli import progress

    written = []
    monkeypatch.setattr(progress.os, "write", lambda fd, data: written.append(data.decode()))
    monkeypatch.setattr(progress.os, "get_terminal_size", lambda fd: os.terminal_size((120, 24)))
    shown = progress.Bar(400, 2)
    shown.started -= 10  # ten seconds in
    shown.advance(100, 7)
    shown.advance(100, 1)
    shown.draw()
    assert " 200/400 drafts, 8 findings, 10 s, 20/s, 10 s left" in written[-1]
