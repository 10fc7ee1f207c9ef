"""A progress bar on stderr for long runs, when stderr is a terminal and nobody else reads it.

Shown only when stderr is a terminal (never in pipes, files or CI: `CI` set, `TERM=dumb`, or
`COPYDESK_PROGRESS=0`), and only once a run has taken `COPYDESK_PROGRESS_DELAY` seconds
(default 1): a commit hook's run ends before it would appear. It is one line, redrawn in
place and wiped before the report is written, so it never mixes with the findings (which go
to stdout, or to a file). A timer redraws it every quarter second, so a single long draft
still shows the time going by. It shows drafts done, findings so far (phase 1's, before
suppressions), elapsed time, and, once a second has passed, the rate and the time left;
local runs and cluster runs (`--cluster`, lint/engine/cluster.py) feed it alike.

The timer is SIGALRM (`setitimer`), not a thread: the process pool forks only a process
without other threads (lint/engine/parallel.py), and forked children do not inherit the timer.
The bar is written with `os.write` on the file descriptor, never through `sys.stderr`'s
buffer, which a signal handler must not enter while the main code is writing to it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from typing import Callable, Iterator, Optional

TICK = 0.25  # seconds between redraws


def wanted(stream=None) -> bool:
    """Is a progress bar welcome on `stream` (stderr)?"""
    stream = stream if stream is not None else sys.stderr
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb" or os.environ.get("COPYDESK_PROGRESS", "") == "0":
        return False
    if not hasattr(signal, "setitimer"):  # Windows: no timer to redraw with
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _delay() -> float:
    try:
        return max(float(os.environ.get("COPYDESK_PROGRESS_DELAY", "1")), 0.0)
    except ValueError:
        return 1.0


class Bar:
    def __init__(self, total: int, fd: int, noun: str = "drafts"):
        self.total, self.fd, self.noun = total, fd, noun
        self.done = 0
        self.findings = 0
        self.started = time.monotonic()
        self.delay = _delay()
        self.shown = False

    def advance(self, count: int = 1, findings: int = 0) -> None:
        """`count` more drafts done, with `findings` findings (phase 1's, before the filter step)."""
        self.done += count
        self.findings += findings

    def draw(self, *_ignored) -> None:
        elapsed = time.monotonic() - self.started
        if elapsed < self.delay:
            return
        try:
            columns = os.get_terminal_size(self.fd).columns or 80  # 0: a terminal that gives no size
        except OSError:
            columns = 80
        done, total = min(self.done, self.total), max(self.total, 1)
        text = f" {done:,}/{self.total:,} {self.noun}, {self.findings:,} finding{'s' if self.findings != 1 else ''}, {_seconds(elapsed)}"
        if 0 < done < self.total and elapsed >= 1:
            rate = done / elapsed
            text += f", {rate:,.0f}/s, {_seconds((self.total - done) / rate)} left"
        width = max(min(columns - len(text) - 14, 40), 0)
        filled = width * done // total
        bar = f"[{'#' * filled}{'.' * (width - filled)}]" if width >= 5 else ""
        line = f"copydesk: {bar}{text}"[: max(columns - 1, 1)]
        try:
            os.write(self.fd, ("\r" + line + "\x1b[K").encode("utf-8", "replace"))
            self.shown = True
        except OSError:
            pass

    def wipe(self) -> None:
        if self.shown:
            try:
                os.write(self.fd, b"\r\x1b[K")
            except OSError:
                pass


def _seconds(elapsed: float) -> str:
    seconds = int(elapsed)
    return f"{seconds} s" if seconds < 60 else f"{seconds // 60} min {seconds % 60:02d} s"


@contextlib.contextmanager
def bar(total: int, noun: str = "drafts") -> Iterator[Optional[Callable[[int], None]]]:
    """`with bar(n) as advance:` -- `advance(k, f)` after k more are done, with f findings
    among them; None when no bar is wanted (pipes, CI), so the caller passes it on as "no
    progress to report"."""
    if total <= 0 or not wanted():
        yield None
        return
    shown = Bar(total, sys.stderr.fileno(), noun)
    try:
        previous = signal.signal(signal.SIGALRM, shown.draw)
    except ValueError:  # not the main thread: no signals here
        yield None
        return
    signal.setitimer(signal.ITIMER_REAL, TICK, TICK)
    try:
        yield shown.advance
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0, 0)
        signal.signal(signal.SIGALRM, previous)
        shown.draw()  # the last state (when the run was long enough to show one), then wiped
        shown.wipe()
