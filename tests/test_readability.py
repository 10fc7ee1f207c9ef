"""Readability metrics: limits, and textstat working with no network (CONVENTIONS.md trap)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import ROOT
from lint import packs
from lint.engine import Engine

RULES = {r.id: r for r in packs.load_rules() if r.pack == "readability"}


def test_long_sentence_is_flagged_at_its_start():
    long_sentence = "The council " + "voted and argued and " * 25 + "adjourned."
    text = f"Budget vote\n\nA short one. {long_sentence} Another short one.\n"
    findings, _ = Engine([RULES["readability.sentence-length"]]).check_texts([text])
    assert [(f.line, f.column) for f in findings] == [(3, 14)]
    assert "runs 103 words (limit 70)" in findings[0].message


def test_grade_level_runs_offline():
    """textstat must not reach for the network (0.7.9+ downloads cmudict on first use)."""
    script = textwrap.dedent(
        """
        import socket
        def refuse(*args, **kwargs):
            raise OSError("network disabled for this test")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        from lint import packs
        from lint.engine import Engine
        rule = next(r for r in packs.load_rules() if r.id == "readability.grade-level")
        assert packs.run_examples([rule]) == [], packs.run_examples([rule])
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": "/nonexistent"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
