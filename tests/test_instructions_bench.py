"""benchmarks/instructions.py counts what the engine really does: its phase-1 script, run
without valgrind, finds what `copydesk check` finds, and leaving one rule out leaves out that
rule's findings only. (Counting itself needs valgrind and minutes: not run here.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from conftest import benchmark_module

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ROOT / "tests" / "fixtures" / "desk-notes"


def _bench():
    return benchmark_module("instructions")


def _env(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT), COPYDESK_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("COPYDESK_NO_PREFILTER", None)
    return env


def _phase1_findings(tmp_path, which: str) -> int:
    child = tmp_path / "phase1.py"
    child.write_text(_bench().CHILD, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(child), str(DRAFTS), which], env=_env(tmp_path), cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return int(proc.stderr.split("findings")[-1].split()[0])


def _cli_findings(tmp_path) -> Counter:
    proc = subprocess.run([sys.executable, "-m", "lint", "check", "--jobs", "1", "--format", "json", str(DRAFTS)],
                          env=_env(tmp_path), cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode in (0, 1), proc.stderr
    return Counter(f["rule"] for f in json.loads(proc.stdout)["findings"])


def test_the_phase1_script_finds_what_the_cli_finds(tmp_path):
    by_rule = _cli_findings(tmp_path)
    # these drafts hold editor notes: the script must be doing the engine's work, not nothing
    assert by_rule["hygiene.editor-note"] > 0
    cross = {"people.title-consistency"}  # phase 2's: not in phase 1
    every = _phase1_findings(tmp_path, "all")
    assert every == sum(n for rule, n in by_rule.items() if rule not in cross)
    assert _phase1_findings(tmp_path, "none") == 0
    assert _phase1_findings(tmp_path, "without:hygiene.editor-note") == every - by_rule["hygiene.editor-note"]


def test_without_valgrind_it_says_so_and_counts_nothing(monkeypatch, capsys):
    bench = _bench()
    monkeypatch.setattr(bench.shutil, "which", lambda name: None)
    assert bench.main(["--drafts", "1"]) == 0
    assert "valgrind is not installed" in capsys.readouterr().out
