"""The process pool gives exactly what one process gives: findings, order, cross-draft findings.

No wall-clock assertions here (machines are shared and noisy): `benchmarks/run.py` times.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lint.cli import main as cli
from lint.engine import forked
from lint.packs import loader as packs
from lint.engine import parallel
from lint.drafts import reader
from lint.engine.runner import Engine
from lint.kinds.base import Context

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "drafts"


@pytest.fixture
def folder(tmp_path):
    """The fixture drafts, plus copies of them under new names (versions of the same stories,
    as a newsroom repo holds) and one draft that cannot be read."""
    out = tmp_path / "drafts"
    shutil.copytree(FIXTURES, out)
    for path in sorted(FIXTURES.glob("*.txt"))[:4]:
        shutil.copy(path, out / f"copy-{path.name}")
    (out / "broken.txt").write_bytes(b"Headline\n\nCaf\x81 owners said\n")  # neither UTF-8 nor Windows-1252
    return out


def run_cli(*args, env_extra=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PRE_COMMIT", None)
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "lint", "check", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def test_pool_output_is_identical_to_one_process(folder):
    one = run_cli("--jobs", "1", "--format", "json", str(folder))
    two = run_cli("--jobs", "2", "--format", "json", str(folder))
    assert one.returncode == two.returncode == 2  # findings, and one unreadable draft
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr
    assert "broken.txt:3: byte 0x81 at offset 13 is neither UTF-8 nor Windows-1252" in two.stderr
    findings = json.loads(two.stdout)["findings"]
    # cross-draft (phase 2) findings survive the pool, placed right even in a CRLF draft
    cross = [(Path(f["path"]).name, f["line"], f["column"]) for f in findings
             if f["rule"] == "hygiene.boilerplate" and "other draft" in f["message"]]
    assert ("storm-coast.txt", 9, 1) in cross
    assert ("copy-council-budget.txt", 11, 1) in cross
    assert ("library-hours-v1.txt", 6, 1) in cross
    # phase-1 findings too, with their fixes mapped to source offsets
    by_place = {(Path(f["path"]).name, f["line"], f["column"]): f for f in findings}
    assert by_place[("council-budget.txt", 6, 1)]["rule"] == "hygiene.repeated-word"
    assert by_place[("storm-coast.txt", 7, 18)]["match"] == "[cq]"
    assert [f["path"] for f in findings] == sorted(f["path"] for f in findings)


def _engine():
    return Engine(packs.load_rules(), Context())


def _paths(folder):
    files, problems = reader.find_drafts([str(folder)])
    assert not problems
    return files


@pytest.mark.parametrize("pool", ["fork", "multiprocessing"])
def test_pool_results_equal_single_process_results_in_process(folder, pool, monkeypatch):
    """Both ways of running on several processes: forked children beside this one (Linux) and
    the multiprocessing pool (macOS, Windows; COPYDESK_POOL=multiprocessing here)."""
    monkeypatch.setenv("COPYDESK_POOL", pool)
    engine = _engine()
    paths = _paths(folder)
    errors = (reader.DraftError,)
    single = parallel.check_drafts(engine, paths, reader.read_draft, errors, jobs=1)
    pooled = parallel.check_drafts(engine, paths, reader.read_draft, errors, jobs=2)
    assert len(single) == len(pooled) == len(paths)
    for path, a, b in zip(paths, single, pooled):
        if isinstance(a, reader.DraftError):
            assert isinstance(b, reader.DraftError) and str(a) == str(b)
            continue
        assert a.path == b.path == path
        assert a.findings == b.findings
        assert [f.message for f in a.findings] == [f.message for f in b.findings]
        assert a.facts == b.facts
        assert a.errors == b.errors
    done_single = engine.finish([r for r in single if not isinstance(r, reader.DraftError)])
    done_pooled = engine.finish([r for r in pooled if not isinstance(r, reader.DraftError)])
    assert done_pooled == done_single
    assert sum("other draft" in f.message for f in done_pooled[0]) >= 8


def test_a_pooled_locator_is_small_and_reloads_its_draft(folder):
    engine = _engine()
    path = str(folder / "storm-coast.txt")
    result = engine.check_document(reader.read_draft(path))
    assert result.locator is not None
    blob = pickle.dumps(result.locator)
    assert b"seawater" not in blob and len(blob) < 300
    detached = pickle.loads(blob)
    detached.reload = reader.read_draft
    rule = next(r for r in engine.rules if r.id == "hygiene.boilerplate")
    hit = next(iter(rule.kind.check(reader.read_draft(path), [(0, 10_000)], Context())))
    assert detached.finding(rule, hit) == result.locator.finding(rule, hit)


def test_a_draft_changed_before_phase_2_is_an_error_not_a_wrong_place(folder, monkeypatch):
    # every result from the multiprocessing pool comes back detached; with forked children,
    # those this process checked itself keep their text, as in one process
    monkeypatch.setenv("COPYDESK_POOL", "multiprocessing")
    engine = _engine()
    paths = _paths(folder)
    pooled = parallel.check_drafts(engine, paths, reader.read_draft, (reader.DraftError,), jobs=2)
    changed = folder / "school-board.txt"
    changed.write_text("Something else entirely\n\n" + changed.read_text(encoding="utf-8"), encoding="utf-8")
    findings, errors = engine.finish([r for r in pooled if not isinstance(r, reader.DraftError)])
    assert any(e.path == str(changed) and "changed during the run" in e.message for e in errors)
    assert not any(f.path == str(changed) and "other draft" in f.message for f in findings)


@pytest.fixture
def no_pool(monkeypatch):
    """Make starting other processes fail loudly (forked children or a multiprocessing pool),
    to prove a run did not start any."""

    def refuse(*args):
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(parallel, "_context", refuse)
    monkeypatch.setattr(forked, "run", refuse)


def test_jobs_1_is_honoured(folder, no_pool, monkeypatch, capsys):
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    monkeypatch.setattr(parallel, "available_cpus", lambda: 8)
    assert cli.main(["check", "--jobs", "1", str(folder)]) == 2
    assert "storm-coast.txt:9:1: error hygiene.boilerplate" in capsys.readouterr().out


def test_pre_commit_disables_the_pool_even_when_jobs_are_asked_for(folder, no_pool, monkeypatch, capsys):
    monkeypatch.setenv("PRE_COMMIT", "1")
    assert cli.main(["check", "--jobs", "2", str(folder)]) == 2
    assert "storm-coast.txt:9:1: error hygiene.boilerplate" in capsys.readouterr().out


def test_jobs_2_does_start_a_pool(folder, no_pool, monkeypatch):
    # the counterpart of the two tests above: without it they could pass with no pool at all
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    with pytest.raises(AssertionError, match="process pool was started"):
        cli.main(["check", "--jobs", "2", str(folder)])


def test_auto_jobs(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "available_cpus", lambda: 4)
    few = [str(p) for p in sorted(FIXTURES.glob("*.txt"))]
    assert parallel.plan_jobs(None, few, environ={}) == 1  # a handful of drafts: no pool
    many = []
    for i in range(120):
        path = tmp_path / f"draft-{i}.txt"
        path.write_text("Headline\n\n" + "The council met on Tuesday. " * 100, encoding="utf-8")
        many.append(str(path))
    assert parallel.plan_jobs(None, many, environ={}) == 4
    assert parallel.plan_jobs(None, many, environ={"PRE_COMMIT": "1"}) == 1
    assert parallel.plan_jobs(None, many + ["-"], environ={}) == 1  # standard input: one process
    assert parallel.plan_jobs(3, many, environ={}) == 3
    assert parallel.plan_jobs(8, many[:2], environ={}) == 2


def test_bad_jobs_value_is_a_usage_error(capsys):
    assert cli.main(["check", "--jobs", "0", str(FIXTURES)]) == 2
    assert "--jobs takes a number of processes" in capsys.readouterr().err


# ---- copies of one draft are checked once ------------------------------------------------


def test_copies_of_a_draft_are_checked_once_and_report_at_their_own_path(folder, monkeypatch):
    paths = _paths(folder)
    groups = parallel.possible_copies(paths)
    group_of = {path: n for n, group in enumerate(groups) for _, path in group}
    copies = [p for p in paths if Path(p).name.startswith("copy-")]
    assert len(copies) == 4
    for copy in copies:  # each copy-*.txt goes with its original
        assert group_of[copy] == group_of[str(Path(copy).with_name(Path(copy).name[len("copy-"):]))]
    # every path is in exactly one group, at its own index
    assert sorted(i for g in groups for i, _ in g) == list(range(len(paths)))

    engine = _engine()
    checked = []
    real = engine.check_documents
    monkeypatch.setattr(engine, "check_documents", lambda docs: checked.extend(d.path for d in docs) or real(docs))
    fast = parallel.check_drafts(engine, paths, reader.read_draft, (reader.DraftError,), jobs=1)
    assert len(checked) == len(paths) - 4 - 1  # broken.txt cannot be read
    monkeypatch.setenv("COPYDESK_NO_PREFILTER", "1")  # the plain path: every draft checked
    plain = parallel.check_drafts(engine, paths, reader.read_draft, (reader.DraftError,), jobs=1)
    for a, b in zip(fast, plain):
        if isinstance(a, reader.DraftError):
            assert str(a) == str(b)
            continue
        assert a.path == b.path
        assert a.findings == b.findings and all(f.path == a.path for f in a.findings)
        assert a.facts == b.facts and a.errors == b.errors
        assert (a.locator is None) == (b.locator is None)
    assert engine.finish([r for r in fast if not isinstance(r, reader.DraftError)]) == engine.finish(
        [r for r in plain if not isinstance(r, reader.DraftError)]
    )


def test_a_copy_keeps_its_own_notices_and_a_copy_in_another_format_is_checked_anew(tmp_path):
    draft = "Harbor talks stall\n\nThe caf\xe9 owners met on Tuesday. JEFF OK\u2019D\n\n# Load More\n"
    for name in ("a.txt", "b.txt", "c.md"):
        (tmp_path / name).write_bytes(draft.encode("cp1252"))
    result = run_cli("--format", "json", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), str(tmp_path / "c.md"))
    assert result.returncode == 1, result.stderr
    for name in ("a.txt", "b.txt", "c.md"):  # the reading notice names each file
        assert f"{tmp_path / name}:3: " in result.stderr
    found = {(Path(f["path"]).name, f["rule"], f["line"]) for f in json.loads(result.stdout)["findings"]}
    assert ("a.txt", "hygiene.editor-note", 3) in found and ("b.txt", "hygiene.editor-note", 3) in found
    # the same bytes read another way: in Markdown "# Load More" is a heading made of furniture
    assert ("c.md", "hygiene.boilerplate", 5) in found
    assert ("a.txt", "hygiene.boilerplate", 5) not in found and ("b.txt", "hygiene.boilerplate", 5) not in found
    groups = parallel.possible_copies([str(tmp_path / n) for n in ("a.txt", "b.txt", "c.md")])
    assert [len(g) for g in groups] == [2, 1]


def test_drafts_of_one_size_are_told_apart_and_each_text_is_checked_once(tmp_path, monkeypatch):
    """Same size, other words: a group of possible copies holds two stories, each copied; each
    story is checked once, and each draft gets its own story's findings."""
    one = "Harbor talks stall\n\nThe the union met on Tuesday. TK\n"
    two = "Harbor talks start\n\nThe union met on Tuesday , again\n"
    assert len(one.encode()) == len(two.encode())
    names = {"a.txt": one, "b.txt": two, "c.txt": one, "d.txt": two, "e.txt": one}
    for name, text in names.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    paths = [str(tmp_path / name) for name in names]
    assert [len(g) for g in parallel.possible_copies(paths)] == [5]
    engine = _engine()
    checked = []
    real = engine.check_documents
    monkeypatch.setattr(engine, "check_documents", lambda docs: checked.extend(d.path for d in docs) or real(docs))
    results = parallel.check_drafts(engine, paths, reader.read_draft, (reader.DraftError,), jobs=1)
    assert [Path(p).name for p in checked] == ["a.txt", "b.txt"]
    rules = [sorted(f.rule for f in r.findings) for r in results]
    assert rules[0] == rules[2] == rules[4] != rules[1] == rules[3]
    assert "hygiene.repeated-word" in rules[0] and "hygiene.space-before-punctuation" in rules[1]
    assert all(f.path == r.path for r in results for f in r.findings)


def test_a_folder_of_many_drafts_of_one_size_is_split_for_the_pool(tmp_path):
    paths = []
    for n in range(parallel.MAX_GROUP * 2 + 5):
        path = tmp_path / f"story-{n:03}.txt"
        path.write_text(f"Story {n:03}\n\nThe mayor spoke on Tuesday.\n", encoding="utf-8")
        paths.append(str(path))
    groups = parallel.possible_copies(paths)
    assert [len(g) for g in groups] == [parallel.MAX_GROUP, parallel.MAX_GROUP, 5]


# ---- forked children beside this process (lint/engine/forked.py) ------------------------------


def test_forked_children_and_this_process_share_the_batches_each_placed_once():
    import time

    me = os.getpid()

    def check(batch):
        time.sleep(0.005)  # long enough that every process gets some batches
        return [(n, os.getpid()) for n in batch]

    placed = []
    forked.run([[n] for n in range(60)], check, 3, lambda results, from_child: placed.append((results, from_child)))
    numbers = sorted(n for results, _ in placed for n, _ in results)
    assert numbers == list(range(60))  # every batch, exactly once
    pids = {pid for results, _ in placed for _, pid in results}
    assert me in pids and len(pids) == 3  # this process checked batches too, beside two children
    assert all(from_child == (pid != me) for results, from_child in placed for _, pid in results)


@pytest.mark.skipif(not parallel._forking(), reason="forked children: Linux")
def test_a_child_that_dies_leaves_its_drafts_to_this_process(folder, monkeypatch):
    engine = _engine()
    paths = _paths(folder)
    single = parallel.check_drafts(engine, paths, reader.read_draft, (reader.DraftError,), jobs=1)
    me = os.getpid()
    real = parallel.check_group

    def dies_in_a_child(*args, **kwargs):
        if os.getpid() != me:
            os._exit(9)  # as the OOM killer would leave it: no word, no results
        return real(*args, **kwargs)

    monkeypatch.setattr(parallel, "check_group", dies_in_a_child)
    pooled = parallel.check_drafts(engine, paths, reader.read_draft, (reader.DraftError,), jobs=2)
    assert [getattr(r, "path", str(r)) for r in pooled] == [getattr(r, "path", str(r)) for r in single]
    for a, b in zip(single, pooled):
        if not isinstance(a, reader.DraftError):
            assert a.findings == b.findings and a.facts == b.facts


def test_an_interrupt_here_kills_and_reaps_the_children(tmp_path):
    """Ctrl-C (or any error) in this process: the children are stopped and reaped, none is
    left running or as a zombie, and the interrupt goes on up."""
    me = os.getpid()

    def check(batch):
        if os.getpid() == me:
            (tmp_path / "waited").write_text("")
            raise KeyboardInterrupt
        (tmp_path / f"child-{os.getpid()}").write_text("")
        import time

        time.sleep(30)  # a child still busy when the interrupt comes
        return []

    with pytest.raises(KeyboardInterrupt):
        forked.run([[n] for n in range(10)], check, 3, lambda results, from_child: None)
    children = [int(p.name.split("-")[1]) for p in tmp_path.glob("child-*")]
    for pid in children:
        with pytest.raises(ChildProcessError):  # reaped: not ours any more
            os.waitpid(pid, os.WNOHANG)
        with pytest.raises(ProcessLookupError):  # and gone
            os.kill(pid, 0)


def test_batches_put_the_biggest_drafts_first_alone_and_fit_the_claims_pipe():
    groups = [[(n, f"d{n}.txt")] for n in range(20_000)]
    sizes = [n % 97 for n in range(20_000)]
    batches = parallel.plan_batches(groups, sizes, 2)
    assert len(batches) <= parallel.MAX_BATCHES
    assert sorted(i for batch in batches for group in batch for i, _ in group) == list(range(20_000))
    assert sizes[batches[0][0][0][0]] == 96 and sizes[batches[-1][-1][0][0]] == 0
    # a run of a few big drafts and many small ones: each big one is a batch of its own (a
    # long draft must not hold its batch's others back), the small ones share batches of at
    # most a chunk (a batch is checked as one chunk, rule by rule)
    sizes = [90_000] * 4 + [2_000] * 200
    groups = [[(n, f"d{n}.txt")] for n in range(len(sizes))]
    batches = parallel.plan_batches(groups, sizes, 2)
    assert [[sizes[g[0][0]] for g in b] for b in batches[:3]] == [[90_000]] * 3
    assert [sum(sizes[g[0][0]] == 90_000 for g in b) for b in batches[3:]] == [1] + [0] * (len(batches) - 4)
    assert all(len(b) <= parallel.CHUNK_DRAFTS for b in batches)
    # cost per batch (a draft costs its bytes and DRAFT_COST more): a share of what is left to
    # hand out when it starts (or the floor), so batches shrink towards the end and the
    # processes finish within a small batch of each other
    costs = [size + parallel.DRAFT_COST for size in sizes]
    total = sum(costs)
    floor = total // (2 * parallel.FINAL_SHARE)
    remaining = total
    for batch in batches:
        held = sum(costs[g[0][0]] for g in batch)
        if len(batch) > 1:
            assert held <= max(remaining // (2 * parallel.BATCH_SHARE), floor)
        remaining -= held
    held = [sum(costs[g[0][0]] for g in b) for b in batches]
    assert held[-2] <= floor and held[4] > 4 * floor
    # small drafts cost more than their bytes say: the last batches hold few of them
    assert len(batches[-2]) <= floor // (2_000 + parallel.DRAFT_COST)
    # far more drafts than batches may hold: paired up until they fit
    many = [[(n, "d.txt")] for n in range(40_000)]
    assert len(parallel.plan_batches(many, [0] * 40_000, 2)) <= parallel.MAX_BATCHES


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pipe sizes: Linux")
def test_a_childs_results_pipe_holds_a_long_drafts_findings():
    """The first batches hold the longest drafts: one batch's findings came to 268 KB on the
    benchmark's corpus, and a child that fills its pipe stops until this process, busy with
    its own batch, reads. The pipe is widened to 1 MiB where the system allows."""
    import fcntl

    inbox, outbox = os.pipe()
    try:
        forked._widen(outbox)
        # fcntl names F_GETPIPE_SZ from Python 3.10; Linux's number for it is 1032
        assert fcntl.fcntl(outbox, getattr(fcntl, "F_GETPIPE_SZ", 1032)) >= 1 << 20
    finally:
        os.close(inbox)
        os.close(outbox)


def test_with_other_threads_running_no_process_is_forked(folder, monkeypatch):
    """A host with threads of its own (an editor's language server, say) must not be forked:
    the children would inherit those threads' locks mid-use. The pool then spawns."""
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        assert not parallel._forking()
        assert parallel._context().get_start_method() == "spawn"
        monkeypatch.setattr(forked, "run", lambda *args: pytest.fail("forked with a thread running"))
        engine = _engine()
        paths = _paths(folder)
        single = parallel.check_drafts(engine, paths, reader.read_draft, (reader.DraftError,), jobs=1)
        spawned = parallel.check_drafts(engine, paths, reader.read_draft, (reader.DraftError,), jobs=2)
        # they came from spawned workers: detached locators, which only another process sends
        assert any(getattr(r, "locator", None) is not None and r.locator.source is None for r in spawned)
        for a, b in zip(single, spawned):
            if isinstance(a, reader.DraftError):
                assert str(a) == str(b)
            else:
                assert a.path == b.path and a.findings == b.findings and a.facts == b.facts
    finally:
        stop.set()
        thread.join()
    assert parallel._forking() == sys.platform.startswith("linux")


def test_the_engine_prepares_once_before_forking_so_children_inherit_it(folder, monkeypatch):
    """What every rule loads on its first draft (the CMU dictionary's index, the cue index,
    the compiled-pattern cache) is loaded once before the fork, not again in each child;
    a rule that cannot prepare is left to report its error when it runs."""
    from lint.engine import patterns
    from lint.kinds.generic import readability
    from lint.kinds.newsroom import sourcing_base

    engine = _engine()
    readability._cmu_index_state.clear()
    sourcing_base.cue_index.cache_clear()
    engine.prepare()
    assert "index" in readability._cmu_index_state
    assert sourcing_base.cue_index.cache_info().currsize >= 1
    assert patterns._state["loaded"]

    broken = next(r for r in engine.rules if r.kind.name == "metric")
    monkeypatch.setattr(type(broken.kind), "prepare", lambda self: 1 / 0)
    engine.prepare()  # no error: the rule reports it on its first draft

    calls = []
    real = engine.prepare
    monkeypatch.setattr(engine, "prepare", lambda: calls.append(os.getpid()) or real())
    if parallel._forking():
        parallel.check_drafts(engine, _paths(folder), reader.read_draft, (reader.DraftError,), jobs=2)
        assert calls == [os.getpid()]
    parallel.check_drafts(engine, _paths(folder), reader.read_draft, (reader.DraftError,), jobs=1)
    assert len(calls) <= 1  # one process: nothing to prepare ahead


# ---- drafts checked together, rule by rule -------------------------------------------------


def _same(a, b):
    assert a.path == b.path
    assert a.findings == b.findings and a.facts == b.facts and a.errors == b.errors
    assert (a.locator is None) == (b.locator is None)


def test_drafts_checked_together_get_what_each_gets_alone_rule_errors_included(folder):
    """Engine.check_documents runs rule by rule over the drafts; each draft's findings (in rule
    order), cross-draft facts and rule errors are what checking it alone gives, and a rule that
    breaks on one draft is reported for that draft only."""
    docs = [reader.read_draft(p) for p in _paths(folder) if not p.endswith("broken.txt")]
    assert len(docs) > 5
    engine = _engine()
    plan = engine._plan()
    index = next(i for i, entry in enumerate(plan) if entry[0].id == "hygiene.repeated-word")
    rule, check, scope, formats, facts_of = plan[index]
    victim = docs[2].path

    def breaks_on_one(doc, spans, context):
        if doc.path == victim:
            raise ValueError("boom")
        return check(doc, spans, context)

    plan[index] = (rule, breaks_on_one, scope, formats, facts_of)
    together = engine.check_documents(docs)
    alone = [engine.check_document(doc) for doc in docs]
    assert len(together) == len(docs)
    for a, b in zip(together, alone):
        _same(a, b)
    broken = [e for r in together for e in r.errors]
    assert [(e.path, e.rule) for e in broken] == [(victim, "hygiene.repeated-word")]
    assert "internal error ValueError: boom" in broken[0].message
    assert sum(len(r.findings) for r in together) > 10
    assert any(r.facts for r in together)


def test_chunks_of_any_size_give_the_same_outcomes(folder, monkeypatch):
    """Drafts are read and checked a chunk at a time; where the chunks end changes nothing, and
    a chunk ends between groups, so a copy always takes its group's result."""
    paths = _paths(folder)
    engine = _engine()
    whole = parallel.check_drafts(engine, paths, reader.read_draft, (reader.DraftError,), jobs=1)
    for drafts, size in ((1, 10**9), (2, 10**9), (48, 1)):
        monkeypatch.setattr(parallel, "CHUNK_DRAFTS", drafts)
        monkeypatch.setattr(parallel, "CHUNK_BYTES", size)
        small = _engine()
        checked = []
        real = small.check_documents
        monkeypatch.setattr(small, "check_documents", lambda docs: checked.extend(docs) or real(docs))
        chunked = parallel.check_drafts(small, paths, reader.read_draft, (reader.DraftError,), jobs=1)
        assert len(checked) == len(paths) - 4 - 1  # the copies reuse results; broken.txt is unread
        assert len(chunked) == len(whole) == len(paths)
        for a, b in zip(chunked, whole):
            if isinstance(a, reader.DraftError):
                assert str(a) == str(b)
            else:
                _same(a, b)


def test_a_drafts_suffix_is_the_one_splitext_reads():
    import os
    import random

    from lint.engine.parallel import _suffix

    rng = random.Random(4)
    paths = ["a.txt", "/x/y.md", ".hidden", "/x/.hidden", "/x/..md", "x", "/a.b/c", "a.b.c", "/", "", ".", "..", "x."]
    paths += ["".join(rng.choice("ab./") for _ in range(rng.randrange(0, 10))) for _ in range(5000)]
    for path in paths:
        assert _suffix(path) == os.path.splitext(path)[1], path
