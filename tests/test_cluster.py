"""Phase 1 on a Dask cluster (`--cluster`): the same findings as a local run, each once, even
when a worker dies mid-run; findings streamed a line at a time with `--format jsonl`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
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


def as_json(findings):
    return [f.to_json() for f in findings]


@pytest.fixture(scope="module")
def checker():
    return Checker.load(ROOT)


@pytest.fixture(scope="module")
def local_run(archive, checker):
    return checker.check_paths([str(archive)], jobs=1)


# The cluster runs in a child process: Dask's client leaves threads behind in the process that
# ran it, and a process with other threads never forks a pool (lint/engine/parallel.py), which
# later tests of this suite check
CHILD = """
import json, os, signal, sys
from distributed import Client, LocalCluster
from lint.api import Checker
from lint.engine import cluster


def main(archive, out, kill_after):
    checker = Checker.load(".")
    local = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50)
    client = Client(local)
    report = {}
    seen = []
    phase1 = cluster.ClusterPhase1(client, on_outcome=lambda outcome: seen.append(outcome.path))
    run = checker.check_paths([archive], phase1=phase1)
    report["plain"] = {"findings": [f.to_json() for f in run.findings], "errors": run.errors, "seen": seen, "rescheduled": phase1.rescheduled}

    pids = list(client.run(os.getpid).values())
    seen, killed = [], []

    def on_outcome(outcome):
        seen.append(outcome.path)
        if not killed and len(seen) >= kill_after:  # mid-run: most batches are still to come
            os.kill(pids[0], signal.SIGKILL)
            killed.append(len(seen))

    phase1 = cluster.ClusterPhase1(client, on_outcome=on_outcome)
    run = checker.check_paths([archive], phase1=phase1)
    report["killed"] = {"findings": [f.to_json() for f in run.findings], "errors": run.errors, "seen": seen, "killed": killed}
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(report, handle)
    client.close()
    local.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
"""


@pytest.fixture(scope="module")
def cluster_runs(archive, tmp_path_factory):
    """Two runs on a LocalCluster of 2 worker processes: a plain one, and one in which a
    worker is killed after the first 50 drafts' results came back."""
    folder = tmp_path_factory.mktemp("child")
    script, out = folder / "cluster_child.py", folder / "report.json"
    script.write_text(CHILD, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), COPYDESK_PROGRESS="0")
    done = subprocess.run([sys.executable, str(script), str(archive), str(out), "50"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(out.read_text(encoding="utf-8"))


@needs_corpus
def test_a_local_cluster_of_two_processes_finds_what_one_process_finds(local_run, cluster_runs):
    plain = cluster_runs["plain"]
    assert len(local_run.results) == DRAFTS
    assert plain["findings"] == as_json(local_run.findings)
    assert len(plain["findings"]) > 1000
    assert plain["errors"] == local_run.errors == []
    assert sorted(plain["seen"]) == sorted(local_run.paths)  # each draft's result arrived once
    assert plain["rescheduled"] == 0


@needs_corpus
def test_a_worker_killed_mid_run_loses_nothing_and_repeats_nothing(local_run, cluster_runs):
    killed = cluster_runs["killed"]
    assert killed["killed"] and killed["killed"][0] < DRAFTS // 2
    assert sorted(killed["seen"]) == sorted(local_run.paths)  # every draft once: none lost, none twice
    assert killed["findings"] == as_json(local_run.findings)
    assert killed["errors"] == []


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
