"""Phase 1 on a Dask cluster: `copydesk check ARCHIVE --cluster SCHEDULER`.

SCHEDULER is a Dask scheduler's address (`tcp://host:8786`), or `local` / `local:N` for a
`LocalCluster` of N worker processes on this machine (default: one per CPU). It needs the
optional extra `copydesk[cluster]` (`dask[distributed]`); see docs/scale.md for Slurm and
Kubernetes.

What crosses the network is what crosses a process boundary in `lint.engine.parallel`:

- the engine (packs loaded and compiled here), once: scattered to every worker before the
  first task (`Client.scatter(..., broadcast=True)`), never sent with a task;
- to a worker: a batch of (index, path) groups; workers read the drafts themselves, so every
  worker must see the archive at the same paths (a shared file system); a relative path is
  read under the folder copydesk runs in, whatever the worker's own;
- back: one `DraftResult` per draft (findings, the small facts of cross-draft kinds, rule
  errors, a detached locator), as soon as its batch is done.

Phase 2 runs here, once, over every draft's facts; it re-reads only the drafts it places a
cross-draft finding in. A worker lost mid-run: the scheduler runs its batches again on
another worker; each draft's result is kept once, by its index in the run, so nothing is
reported twice; a batch that fails on every worker it is tried on (Dask gives up after a few)
is checked here instead. The findings are those of a local run, always: phase 1 is a pure
function of the draft and the rules.
"""

from __future__ import annotations

import functools
import os
from typing import Callable, List, Optional, Sequence, Tuple

from lint.engine import parallel
from lint.model import CopydeskError

INSTALL_HINT = "--cluster needs Dask: pip install 'copydesk[cluster]' (dask[distributed])"


def parse_scheduler(spec: str) -> Tuple[str, Optional[int]]:
    """("local", N or None) for `local` / `local:N`, else ("address", None)."""
    spec = spec.strip()
    if spec == "local":
        return "local", None
    if spec.startswith("local:"):
        count = spec[len("local:") :]
        if not count.isdigit() or int(count) < 1:
            raise CopydeskError(f"--cluster {spec}: `local:N` takes a number of worker processes (1 or more), not {count!r}")
        return "local", int(count)
    if "://" not in spec and ":" not in spec:
        raise CopydeskError(
            f"--cluster {spec}: give a scheduler address (tcp://host:8786), `local` or `local:N`"
        )
    return "address", None


def connect(spec: str):
    """(client, close): a Dask client for `spec`; `close()` shuts down what was started here."""
    where, workers = parse_scheduler(spec)
    try:
        import logging

        from distributed import Client, LocalCluster
    except ImportError:
        raise CopydeskError(INSTALL_HINT) from None
    if where == "local":
        count = workers or parallel.available_cpus()
        try:
            local = LocalCluster(
                n_workers=count,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        except Exception as error:  # noqa: BLE001 -- no processes or ports to be had here
            raise CopydeskError(f"--cluster {spec}: cannot start a local Dask cluster: {error}") from None
        client = Client(local)

        def close() -> None:
            client.close()
            local.close()

        return client, close
    try:
        client = Client(spec, timeout=30)
    except (OSError, TimeoutError) as error:
        raise CopydeskError(f"--cluster {spec}: cannot reach the Dask scheduler: {error}") from None
    return client, client.close


def worker_slots(client) -> int:
    """How many tasks the cluster runs at once (its workers' threads), at least 1."""
    try:
        return max(sum(client.nthreads().values()), 1)
    except Exception:  # noqa: BLE001
        return 1


# ---- the worker side ---------------------------------------------------------------------

_PREPARED = set()


def check_batch_on_worker(engine, load, errors, annotate, batch):
    """One batch on a worker: `lint.engine.parallel.check_batch`, the engine prepared once per
    worker process (the compiled-pattern cache, each rule's tables)."""
    if id(engine) not in _PREPARED:
        engine.prepare()
        _PREPARED.add(id(engine))
    return parallel.check_batch(engine, load, errors, annotate, batch)


def read_from(folder: str, load: Callable, path: str):
    """`load(path)` on a worker whose working folder is not this one's: a relative path is
    read under `folder` (where copydesk runs) and keeps the name the run gives it."""
    if os.path.isabs(path):
        return load(path)
    doc = load(os.path.join(folder, path))
    doc.path = path
    return doc


# ---- the client side ---------------------------------------------------------------------


class ClusterPhase1:
    """A callable with the signature of `lint.engine.parallel.check_drafts` that runs phase 1
    on a Dask cluster (`Checker.check_paths(..., phase1=...)`).

    `on_outcome(outcome)` is told each draft's outcome as it arrives (a DraftResult, or the
    reader's error), once per draft: the streaming output (`--format jsonl`) writes from it."""

    def __init__(self, client, on_outcome: Optional[Callable] = None):
        self.client = client
        self.on_outcome = on_outcome
        self.rescheduled = 0  # batches that failed on the cluster and were checked here

    def __call__(
        self,
        engine,
        paths: Sequence[str],
        load: Callable,
        errors: Tuple[type, ...],
        jobs: int,
        annotate: Optional[Callable] = None,
        progress: Optional[Callable[[int], None]] = None,
    ) -> List[object]:
        from distributed import as_completed

        sizes = [parallel._size(path) for path in paths]
        groups = parallel.possible_copies(paths, sizes)
        outcomes: List[object] = [None] * len(paths)

        def place(pairs, from_elsewhere: bool) -> None:
            placed = found = 0
            for index, outcome in pairs:
                if outcomes[index] is not None:
                    continue  # a batch run twice (its worker was lost after it was done): once only
                if from_elsewhere:
                    locator = getattr(outcome, "locator", None)
                    if locator is not None:
                        locator.reload = load
                outcomes[index] = outcome
                placed += 1
                found += len(getattr(outcome, "findings", ()))
                if self.on_outcome is not None:
                    self.on_outcome(outcome)
            if progress is not None and placed:
                progress(placed, found)

        batches = parallel.plan_batches(groups, sizes, worker_slots(self.client))
        shared = self.client.scatter(engine, broadcast=True, hash=False)
        remote_load = functools.partial(read_from, os.getcwd(), load)
        futures = {
            self.client.submit(check_batch_on_worker, shared, remote_load, errors, annotate, batch, pure=False): batch
            for batch in batches
        }
        failed = []
        for future in as_completed(list(futures)):
            if future.status == "finished":
                place(future.result(), True)
            else:  # lost on every worker it was tried on, or an error: checked here below
                failed.append(futures[future])
            future.release()
        self.rescheduled = len(failed)
        for batch in failed:
            for group in batch:
                if any(outcomes[index] is None for index, _ in group):
                    place(parallel.check_group(engine, load, errors, group, annotate), False)
        for group in groups:  # anything else the cluster did not bring back
            if any(outcomes[index] is None for index, _ in group):
                place(parallel.check_group(engine, load, errors, group, annotate), False)
        return outcomes


def phase1_on(spec: str, on_outcome: Optional[Callable] = None):
    """(phase1, close): phase 1 on the cluster `spec`, and what to call when the run is over."""
    client, close = connect(spec)
    return ClusterPhase1(client, on_outcome), close


def describe(spec: str) -> str:
    where, workers = parse_scheduler(spec)
    if where == "local":
        return f"a local Dask cluster of {workers or parallel.available_cpus()} processes"
    return f"the Dask scheduler at {spec}"
