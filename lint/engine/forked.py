"""Run a list of batches on this process and forked children, each taking the next batch
when it is free (Linux; `lint.engine.parallel` uses a multiprocessing pool elsewhere).

Why not `multiprocessing.Pool`: with N workers the parent sits beside them handing out work
and collecting results on three threads of its own, so on a 2-core machine three processes
share two cores. Here the parent is one of the N: it checks drafts like the children, and
reads what they sent between its own batches.

- Claims: the batch numbers are written, four bytes each, into a pipe before any child
  exists, and its write end is closed. Each process reads four bytes to claim a batch; a read
  takes the pipe's lock, so two processes never get one number, and an empty pipe is the
  end of the work. Nothing can be left holding a lock by a child that dies.
- Results: each child writes a frame per batch to a pipe of its own (8-byte length, then
  the pickled results); the parent gathers the frames between its batches and, at the end,
  until every child closes its pipe. The pipe is widened to 1 MiB so a child does not stop
  on a full pipe while the parent is busy with a long batch.
- Failure: a child that dies (a crash, the OOM killer) just stops sending. Whatever its
  batches would have brought back is missing, and the caller checks those drafts itself.
  Ctrl-C, or an error in the parent, kills and reaps the children before it goes on.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from typing import Callable, Dict, List, Sequence

CLAIM = 4  # bytes of a batch number in the claims pipe
HEADER = 8  # bytes of a result frame's length


def run(batches: Sequence, check: Callable, processes: int, place: Callable) -> None:
    """check(batch) -> results, for every batch, on `processes` processes in all: this one
    and processes - 1 forked children. place(results, from_child) gets each batch's results,
    in this process, in no particular order; batches whose results never came (a child that
    died) are not placed at all."""
    claims = _claims_pipe(len(batches))
    if claims is None:  # no pipe big enough: the caller checks everything itself
        return
    children: Dict[int, _Inbox] = {}
    try:
        for _ in range(processes - 1):
            inbox, outbox = os.pipe()
            _widen(outbox)
            try:
                pid = os.fork()
            except OSError:  # out of processes: fewer children, this process does more
                os.close(inbox)
                os.close(outbox)
                break
            if pid == 0:  # the child: never returns
                os.close(inbox)
                _child(claims, outbox, batches, check)
            os.close(outbox)
            children[pid] = _Inbox(inbox)
        while True:
            number = _claim(claims)
            if number is None:
                break
            place(check(batches[number]), False)
            for box in children.values():
                for results in box.take(wait=False):
                    place(results, True)
        for box in children.values():
            for results in box.take(wait=True):
                place(results, True)
    finally:
        os.close(claims)
        for pid, box in children.items():
            if not box.closed:  # the parent stopped early: the child's work is not wanted
                _kill(pid)
            box.close()
            _reap(pid)


def _claims_pipe(count: int):
    """The read end of a pipe holding the numbers 0..count-1, its write end closed; None if
    the pipe cannot hold them all at once (a pipe may be a single page when the user has
    many: writing more would wait forever for a reader that is not there yet)."""
    numbers = b"".join(n.to_bytes(CLAIM, "little") for n in range(count))
    claims, claims_end = os.pipe()
    try:
        os.set_blocking(claims_end, False)
        written = os.write(claims_end, numbers) if numbers else 0
    except BlockingIOError:
        written = -1
    finally:
        os.close(claims_end)
    if written != len(numbers):
        os.close(claims)
        return None
    return claims


def _claim(claims: int):
    data = os.read(claims, CLAIM)
    if len(data) < CLAIM:  # the pipe is empty: nothing left to claim
        return None
    return int.from_bytes(data, "little")


def _child(claims: int, outbox: int, batches: Sequence, check: Callable) -> None:
    status = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        while True:
            number = _claim(claims)
            if number is None:
                break
            frame = pickle.dumps(check(batches[number]), pickle.HIGHEST_PROTOCOL)
            _write_all(outbox, len(frame).to_bytes(HEADER, "little") + frame)
        status = 0
    except BaseException:  # whatever failed is checked again in the parent, where it shows
        pass
    finally:
        os._exit(status)  # no exit handlers, no flushing the parent's buffers: not ours


class _Inbox:
    """The parent's end of one child's results pipe, and the bytes of a frame not yet whole."""

    def __init__(self, fd: int):
        self.fd = fd
        self.closed = False
        self.pending = bytearray()
        os.set_blocking(fd, False)

    def take(self, wait: bool) -> List:
        """The results of the frames that arrived; with `wait`, every frame until the child
        closes its end (it is done, or dead)."""
        if self.closed:
            return []
        if wait:
            os.set_blocking(self.fd, True)
        while True:
            try:
                data = os.read(self.fd, 1 << 20)
            except BlockingIOError:
                break
            if not data:
                self.closed = True
                break
            self.pending += data
        return list(self._frames())

    def _frames(self):
        pending = self.pending
        start = 0
        while len(pending) - start >= HEADER:
            size = int.from_bytes(pending[start : start + HEADER], "little")
            end = start + HEADER + size
            if end > len(pending):
                break
            yield pickle.loads(pending[start + HEADER : end])
            start = end
        del pending[:start]

    def close(self) -> None:
        os.close(self.fd)
        self.closed = True


def _widen(fd: int) -> None:
    """Let a results pipe hold up to 1 MiB (it holds 64 KiB): a child writes its results
    while this process is busy with a batch of its own, and one batch of a long draft's
    findings can fill 64 KiB, which would stop the child until this process reads."""
    try:
        import fcntl

        # fcntl names F_SETPIPE_SZ from Python 3.10; Linux's number for it is 1031
        setpipe_sz = getattr(fcntl, "F_SETPIPE_SZ", 1031 if sys.platform.startswith("linux") else None)
        if setpipe_sz is not None:
            fcntl.fcntl(fd, setpipe_sz, 1 << 20)
    except (ImportError, AttributeError, OSError):  # not Linux, or over the user's pipe quota
        pass


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _reap(pid: int) -> None:
    while True:
        try:
            os.waitpid(pid, 0)
            return
        except InterruptedError:
            continue
        except ChildProcessError:
            return
