"""Phase 1 on several processes, when there are enough drafts to pay for it.

Phase 1 is a pure function of one draft and the compiled rules, so processes can run it in
any order. What crosses a process boundary is small on purpose:

- to a process: which batch of (index, path) to check next; never the drafts' text;
- back: one `DraftResult` per draft: its findings, the small facts of cross-draft kinds, rule
  errors, and a *detached* `Locator` (path + fingerprint, no text; see `engine.Locator`).

On Linux this process and forked children share the batches (`lint.engine.forked`): the children
inherit the engine (packs loaded and compiled once, here) and this process checks drafts
beside them instead of waiting. Elsewhere (macOS and Windows spawn; fork is unsafe on macOS)
a multiprocessing pool does, its workers getting the engine through the pool's initializer,
pickled once per worker (compiled `regex` patterns pickle with their compiled code, so nothing
is compiled again). `COPYDESK_POOL=multiprocessing` takes the pool on Linux too (tests use it).
Phase 2 merges the facts in this process, which re-reads a draft only to place a cross-draft
finding in it. Drafts that no other process brought back (one died) are checked here.

Copies of one draft (one story under other names, as newsroom repos and archives hold) are
checked once: phase 1 being pure, the others get that draft's result moved to their own path.
Drafts that may be copies (the same size and suffix: `possible_copies`) go to one process
together, which reads each and checks each distinct text once (`check_group`). Each copy is
still read, so its reading notices, inline suppressions and position map are its own.

Several processes stay off under pre-commit (`PRE_COMMIT=1`: pre-commit already runs hook
batches in parallel processes), for standard input, and for a handful of drafts, where
starting processes costs more than it saves. `--jobs N` chooses; the results are the same
either way, in order.
"""

from __future__ import annotations

import functools
import os
import sys
from typing import Callable, List, Optional, Sequence, Tuple

# Below this many drafts (or this many bytes) one process is as fast as a pool: forking and
# collecting results cost about as much as checking ~20 average news drafts.
AUTO_MIN_DRAFTS = 40
AUTO_MIN_BYTES = 200_000
# Each worker should get at least this many drafts, or another worker is not worth starting.
DRAFTS_PER_WORKER = 20
# Batches sent to workers (`plan_batches`): at most a chunk of drafts (CHUNK_DRAFTS), each a
# share of the work still to hand out, never under a FINAL_SHARE-th of the run's bytes a process.
BATCH_SHARE = 4
FINAL_SHARE = 128
# What a draft costs beside its bytes, in bytes of text that cost as much (reading it, its
# Document, each rule's call and setup, its result): checking a draft of n bytes took about
# as long as n + 2,000 bytes of text would at the per-byte rate (a fit over the batches of
# the benchmark's 1,143 distinct drafts). Without it the last batches, of the smallest drafts,
# held many of them and took several times what their bytes said, and one process waited
# for the other's last batch.
DRAFT_COST = 2_000
# At most this many batches: their numbers (4 bytes each) must fit the claims pipe of
# `lint.engine.forked` at once, and a pipe holds 64 KiB.
MAX_BATCHES = 8192
# Drafts of one size that go to one worker together (more are split: a folder of many
# different drafts of one size must not load a single worker; copies split apart are merely
# checked more than once).
MAX_GROUP = 32
# Drafts checked together, rule by rule (`Engine.check_documents`): enough for each rule's
# code and memos to stay warm in the processor's caches, few enough that the chunk's Documents
# stay small beside the process.
CHUNK_DRAFTS = 48
CHUNK_BYTES = 1_000_000


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def under_pre_commit(environ=None) -> bool:
    value = (os.environ if environ is None else environ).get("PRE_COMMIT", "")
    return value not in ("", "0")


def plan_jobs(requested: Optional[int], paths: Sequence[str], environ=None) -> int:
    """How many processes check these drafts: 1 means no pool.

    `requested` is --jobs (None: auto). PRE_COMMIT=1 and standard input always mean 1.
    """
    if under_pre_commit(environ) or "-" in paths or len(paths) < 2:
        return 1
    if requested is not None:
        return max(1, min(requested, len(paths)))
    cpus = available_cpus()
    if cpus < 2 or len(paths) < AUTO_MIN_DRAFTS or _total_bytes(paths, AUTO_MIN_BYTES) < AUTO_MIN_BYTES:
        return 1
    return max(1, min(cpus, len(paths) // DRAFTS_PER_WORKER))


def _size(path: str) -> Optional[int]:
    """The file's size; None for standard input or a file that cannot be looked at."""
    if path == "-":
        return None
    try:
        return os.stat(path).st_size
    except OSError:
        return None


def _total_bytes(paths: Sequence[str], enough: int) -> int:
    total = 0
    for path in paths:
        try:
            total += os.path.getsize(path)
        except OSError:
            continue
        if total >= enough:
            break
    return total


Outcome = object  # a DraftResult, or the reader's error (an exception) for that draft

# ---- the worker side ---------------------------------------------------------------------

_ENGINE = None
_LOAD: Optional[Callable] = None
_ERRORS: Tuple[type, ...] = ()
_ANNOTATE: Optional[Callable] = None


def _init_worker(engine, load, errors, annotate=None) -> None:
    global _ENGINE, _LOAD, _ERRORS, _ANNOTATE
    import signal

    # Ctrl-C is the parent's to handle (it stops the pool): no traceback from every worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _ENGINE, _LOAD, _ERRORS, _ANNOTATE = engine, load, errors, annotate


Group = List[Tuple[int, str]]  # (index in the run, path): drafts with the same bytes


def _check_batch(batch: List[Group]) -> List[Tuple[int, Outcome]]:
    return check_batch(_ENGINE, _LOAD, _ERRORS, _ANNOTATE, batch)


def check_batch(engine, load, errors, annotate: Optional[Callable], batch: List[Group]) -> List[Tuple[int, Outcome]]:
    """Phase 1 of a batch of groups (see `check_groups`)."""
    return check_groups(engine, load, errors, batch, annotate)


def check_group(engine, load, errors, group: Group, annotate: Optional[Callable] = None) -> List[Tuple[int, Outcome]]:
    """Phase 1 of one group of drafts that may be copies of each other (see `check_groups`)."""
    return check_groups(engine, load, errors, [group], annotate)


def check_groups(engine, load, errors, groups: List[Group], annotate: Optional[Callable] = None) -> List[Tuple[int, Outcome]]:
    """Phase 1 of groups of drafts that may be copies of each other (`possible_copies`): each
    distinct text (and format) of a group is checked once, and a draft whose reading shows a
    text already checked in its group takes that result (`Engine.same_result`). Each outcome
    is a DraftResult, or the reader's error (one of `errors`) for that draft.

    The drafts are read a chunk at a time (whole groups, until CHUNK_DRAFTS drafts or CHUNK_BYTES
    of text are to be checked) and each chunk is checked rule by rule (`Engine.check_documents`).

    `annotate(doc, result)`, when given, adds what the caller needs of the draft to the result
    (its inline suppressions, say) while the draft is still at hand, in the worker."""
    out: List[Tuple[int, Outcome]] = []
    reuse = _reuse_enabled()
    # the chunk read so far: (index, doc, place, copy): `place` is the draft's in `fresh` (the
    # drafts checked in full) or, for a copy, that of the draft it copies
    chunk: List[Tuple[int, object, int, bool]] = []
    fresh: list = []
    first: dict = {}  # (group number, format, text) -> place in `fresh`
    size = 0

    def flush() -> None:
        nonlocal size
        results = engine.check_documents(fresh)
        for index, doc, place, copy in chunk:
            result = engine.same_result(results[place], doc) if copy else results[place]
            if annotate is not None:
                annotate(doc, result)
            out.append((index, result))
        chunk.clear()
        fresh.clear()
        first.clear()
        size = 0

    for number, group in enumerate(groups):
        copies_possible = reuse and len(group) > 1
        for index, path in group:
            try:
                doc = load(path)
            except errors as error:
                out.append((index, error))
                continue
            key = (number, doc.format, doc.source)
            place = first.get(key) if copies_possible else None
            if place is not None:
                chunk.append((index, doc, place, True))
                continue
            if copies_possible:
                first[key] = len(fresh)
            chunk.append((index, doc, len(fresh), False))
            fresh.append(doc)
            size += len(doc.source)
        # (a chunk ends between groups, so every copy in a group takes its first draft's result)
        if len(fresh) >= CHUNK_DRAFTS or size >= CHUNK_BYTES:
            flush()
    if chunk:
        flush()
    return out


def _reuse_enabled() -> bool:
    from lint.engine.prefilter import prefilters_enabled

    return prefilters_enabled()


def possible_copies(paths: Sequence[str], sizes: Optional[Sequence[Optional[int]]] = None) -> List[Group]:
    """The drafts of a run in groups that may hold copies of each other (the same size and
    suffix, at most MAX_GROUP a group), in the order of their first member; `check_group`
    reads them and sees which are. Nothing is read here: the run pays one `stat` a draft.

    Standard input and files that cannot be looked at stay alone (the reader reports them).
    `sizes`: the paths' `_size`, when the caller has them already. The suffix counts because
    the same bytes as .md and as .txt are different drafts (`check_group` compares formats too).
    """
    if sizes is None:
        sizes = [_size(path) for path in paths]
    groups: List[Group] = []
    open_group = {}  # (size, suffix) -> the group being filled
    for index, path in enumerate(paths):
        size = sizes[index]
        if size is None:
            groups.append([(index, path)])
            continue
        key = (size, _suffix(path).lower())
        group = open_group.get(key)
        if group is None or len(group) >= MAX_GROUP:
            open_group[key] = group = []
            groups.append(group)
        group.append((index, path))
    return groups


def _suffix(path: str) -> str:
    """`os.path.splitext(path)[1]`, for most paths without its Python loop (a run makes one a
    draft, in this process, before any child starts): a last dot inside the file's name that
    does not open it starts the suffix; anything else is splitext's to say."""
    dot = path.rfind(".")
    start = path.rfind(os.sep) + 1
    if dot > start and path[start] != "." and not os.altsep:
        return path[dot:]
    return os.path.splitext(path)[1]


# ---- the parent side ---------------------------------------------------------------------


def _context():
    import multiprocessing  # only when a pool runs: it is slow to import for a commit hook

    # fork shares the compiled engine for free; macOS and Windows spawn (fork is unsafe
    # there), and so does a process with other threads running (a host such as an editor's
    # language server): a fork copies their locks in whatever state they are in
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods() and not _other_threads():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _forking() -> bool:
    """Whether phase 1 runs on forked children beside this process (Linux, one thread)
    rather than on a multiprocessing pool (macOS and Windows spawn, fork being unsafe on
    macOS; `COPYDESK_POOL=multiprocessing`; or other threads running, see `_context`)."""
    return (
        sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and os.environ.get("COPYDESK_POOL") != "multiprocessing"
        and not _other_threads()
    )


def _other_threads() -> bool:
    threading = sys.modules.get("threading")  # not imported: no other thread was started
    return threading is not None and threading.active_count() > 1


def check_drafts(
    engine, paths: Sequence[str], load: Callable, errors: Tuple[type, ...], jobs: int, annotate: Optional[Callable] = None,
    progress: Optional[Callable[[int], None]] = None,
) -> List[Outcome]:
    """Phase 1 of every draft, in the order of `paths`, on `jobs` processes.

    `progress(n, f)`, if given, is told each time n more drafts are done, with f phase-1
    findings among them (lint/cli/progress.py).

    `load(path) -> Document` reads a draft and raises one of `errors` for a draft that cannot
    be read (returned in its place, not raised). Results that come from another process get
    `load` on their locator, so phase 2 can re-read the few drafts it places findings in.
    """
    sizes = [_size(path) for path in paths]
    groups = possible_copies(paths, sizes)
    outcomes: List[Outcome] = [None] * len(paths)  # type: ignore[list-item]

    def place(pairs, from_elsewhere: bool) -> None:
        placed = found = 0
        for index, outcome in pairs:
            if from_elsewhere:
                locator = getattr(outcome, "locator", None)
                if locator is not None:
                    locator.reload = load
            if outcomes[index] is None:
                placed += 1
                found += len(getattr(outcome, "findings", ()))
            outcomes[index] = outcome
        if progress is not None and placed:
            progress(placed, found)

    if jobs > 1 and len(groups) > 1:
        batches = plan_batches(groups, sizes, jobs)
        if _forking():
            from lint.engine import forked

            engine.prepare()  # once here, inherited by every child
            forked.run(batches, functools.partial(check_batch, engine, load, errors, annotate), jobs, place)
        else:
            _on_pool(batches, engine, load, errors, annotate, jobs, place)
    # everything in one process; after a pool, whatever it did not bring back (a child that
    # died, or no pool to be had): checked here, where a failure shows as it would in one process
    missing = [group for group in groups if any(outcomes[index] is None for index, _ in group)]
    for batch in _in_order_batches(missing):
        place(check_groups(engine, load, errors, batch, annotate), False)
    return outcomes


def _in_order_batches(groups: List[Group]) -> List[List[Group]]:
    """The groups in order, about a chunk a batch: progress is told a batch at a time."""
    step = CHUNK_DRAFTS
    return [groups[i : i + step] for i in range(0, len(groups), step)]


def plan_batches(groups: List[Group], sizes: Sequence[Optional[int]], jobs: int) -> List[List[Group]]:
    """The groups in batches for `jobs` processes, handed out in order, each process taking the
    next batch when it is done with one.

    - The biggest drafts first, so no process is left with a long one at the end while the
      others idle; a big draft goes alone (results go back to their places, so the order of
      the run is unchanged).
    - A draft costs its bytes and DRAFT_COST more. Each batch holds about a
      (jobs * BATCH_SHARE)th of the cost still to hand out when it starts, and never less
      than a (jobs * FINAL_SHARE)th of the run's: big batches first,
      small ones at the end, so the processes finish within a small batch of each other
      (guided scheduling).
    - At most CHUNK_DRAFTS groups a batch: a batch is checked as one chunk, rule by rule
      (`check_groups`), and chunks of 16 drafts took about 5% more CPU than chunks of 48 over
      the distinct drafts (docs/performance.md); at most MAX_BATCHES batches."""
    work = sorted(groups, key=lambda group: -(sizes[group[0][0]] or 0))
    # a group costs its drafts' sizes: they are copies (each after the first reuses its result)
    # or drafts of the same length that are not (versions of a story with the same number of
    # characters), and which is known only when they are read; counting them all keeps the
    # last batches short either way
    costs = [((sizes[group[0][0]] or 0) + DRAFT_COST) * len(group) for group in work]
    total = remaining = sum(costs)
    floor = max(total // (jobs * FINAL_SHARE), 1, -(-total // MAX_BATCHES))
    most = max(CHUNK_DRAFTS, -(-len(work) // MAX_BATCHES))
    batches: List[List[Group]] = []
    batch: List[Group] = []
    filled = 0
    share = max(remaining // (jobs * BATCH_SHARE), floor)
    for group, size in zip(work, costs):
        if batch and (filled + size > share or len(batch) >= most):
            batches.append(batch)
            remaining -= filled
            batch, filled = [], 0
            share = max(remaining // (jobs * BATCH_SHARE), floor)
        batch.append(group)
        filled += size
    if batch:
        batches.append(batch)
    while len(batches) > MAX_BATCHES:  # both limits at once can overshoot: pair batches up
        batches = [sum(batches[i : i + 2], []) for i in range(0, len(batches), 2)]
    return batches


def _on_pool(batches, engine, load, errors, annotate, jobs, place) -> None:
    try:
        pool = _context().Pool(jobs, initializer=_init_worker, initargs=(engine, load, errors, annotate))
    except (OSError, ImportError):  # no semaphores or /dev/shm in some sandboxes: one process then
        return
    with pool:
        for pairs in pool.imap_unordered(_check_batch, batches):
            place(pairs, True)
