"""Phase 1 on a Dask cluster (`--cluster`): the same findings as a local run, each once, even
when a worker dies mid-run; findings streamed a line at a time with `--format jsonl`."""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
from pathlib import Path

import pytest

from clitools import ROOT, run
from lint.api import Checker
from lint.engine import cluster
from lint.model import CopydeskError

distributed = pytest.importorskip("distributed", reason="copydesk[cluster] (dask[distributed]) is not installed")

WIKINEWS = ROOT.parent / "shared" / "corpus" / "wikinews"
DRAFTS = 2000
ARCHIVE = Path("tests") / "fixtures" / "archive"

needs_corpus = pytest.mark.skipif(not WIKINEWS.is_dir(), reason="../shared/corpus/wikinews is absent")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """The wikinews corpus copied to 2,000 drafts, in folders of copies."""
    sources = sorted(p for p in WIKINEWS.rglob("*") if p.is_file() and p.suffix in (".txt", ".md", ".html"))
    folder = tmp_path_factory.mktemp("archive")
    for i in range(DRAFTS):
        source = sources[i % len(sources)]
        target = folder / f"copy-{i // len(sources)}" / source.name
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, target)
    return folder


@pytest.fixture(scope="module")
def checker():
    return Checker.load(ROOT)


@pytest.fixture(scope="module")
def local_run(archive, checker):
    started = time.monotonic()
    result = checker.check_paths([str(archive)], jobs=1)
    return result, time.monotonic() - started


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    local = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50)
    client = Client(local)
    yield client
    client.close()
    local.close()


def as_json(findings):
    return [f.to_json() for f in findings]


@needs_corpus
def test_a_local_cluster_of_two_processes_finds_what_one_process_finds(archive, checker, local_run, client):
    local, _took = local_run
    seen = []
    phase1 = cluster.ClusterPhase1(client, on_outcome=lambda outcome: seen.append(outcome.path))
    on_cluster = checker.check_paths([str(archive)], phase1=phase1)
    assert len(local.results) == DRAFTS
    assert as_json(on_cluster.findings) == as_json(local.findings)
    assert len(on_cluster.findings) > 1000
    assert on_cluster.errors == local.errors == []
    assert sorted(seen) == sorted(local.paths)  # each draft's result arrived once
    assert phase1.rescheduled == 0


@needs_corpus
def test_a_worker_killed_mid_run_loses_nothing_and_repeats_nothing(archive, checker, local_run, client):
    local, _took = local_run
    pids = list(client.run(os.getpid).values())
    seen = []
    killed = []

    def on_outcome(outcome):
        seen.append(outcome.path)
        if not killed and len(seen) >= 50:  # mid-run: most batches are still to come
            os.kill(pids[0], signal.SIGKILL)
            killed.append(len(seen))

    phase1 = cluster.ClusterPhase1(client, on_outcome=on_outcome)
    on_cluster = checker.check_paths([str(archive)], phase1=phase1)
    assert killed and killed[0] < DRAFTS // 2
    assert sorted(seen) == sorted(local.paths)  # every draft once: none lost, none twice
    assert as_json(on_cluster.findings) == as_json(local.findings)
    client.wait_for_workers(2, timeout=60)  # the nanny brings the worker back for the next test


def test_jsonl_streams_each_finding_once_with_the_fields_of_the_json_format():
    on_cluster = run(ROOT, "check", str(ARCHIVE), "--cluster", "local:1", "--format", "jsonl")
    local = run(ROOT, "check", str(ARCHIVE), "--jobs", "1", "--format", "json")
    assert on_cluster.returncode == local.returncode == 1, on_cluster.stderr
    lines = [json.loads(line) for line in on_cluster.stdout.splitlines()]
    expected = json.loads(local.stdout)["findings"]
    key = lambda f: (f["path"], f["line"], f["column"], f["rule"])  # noqa: E731
    assert sorted(lines, key=key) == sorted(expected, key=key)
    assert any(f["rule"] == "people.title-consistency" for f in lines)  # phase 2's, written at the end


def test_jsonl_without_a_cluster_is_the_json_findings_one_a_line():
    jsonl = run(ROOT, "check", str(ARCHIVE), "--format", "jsonl")
    json_run = run(ROOT, "check", str(ARCHIVE), "--format", "json")
    assert [json.loads(line) for line in jsonl.stdout.splitlines()] == json.loads(json_run.stdout)["findings"]


@pytest.mark.parametrize(
    "spec, said",
    [
        ("local:0", "`local:N` takes a number of worker processes (1 or more), not '0'"),
        ("nowhere", "give a scheduler address (tcp://host:8786), `local` or `local:N`"),
    ],
)
def test_a_bad_scheduler_is_a_clear_error(spec, said):
    with pytest.raises(CopydeskError, match="--cluster"):
        cluster.parse_scheduler(spec)
    done = run(ROOT, "check", str(ARCHIVE), "--cluster", spec)
    assert done.returncode == 2 and said in done.stderr and "Traceback" not in done.stderr


def test_fix_on_a_cluster_is_refused():
    done = run(ROOT, "check", str(ARCHIVE), "--cluster", "local:1", "--fix")
    assert done.returncode == 2
    assert "--cluster only checks" in done.stderr


def test_a_worker_elsewhere_reads_a_relative_path_under_the_runs_folder_and_keeps_its_name(tmp_path, monkeypatch):
    from lint.drafts import reader

    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text("The council met.\n", encoding="utf-8")
    monkeypatch.chdir(ROOT)  # the worker's own folder
    doc = cluster.read_from(str(tmp_path), reader.read_draft, os.path.join("drafts", "a.txt"))
    assert doc.path == os.path.join("drafts", "a.txt") and doc.source == "The council met.\n"
