"""The benchmark's own measures (benchmarks/run.py): what docs/performance.md reports must be
the command's, not the benchmark's. No timings are asserted (machines here are noisy)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from conftest import benchmark_module

ROOT = Path(__file__).resolve().parent.parent


def _bench():
    return benchmark_module("run")


def test_peak_memory_is_the_commands_own_not_the_benchmarks(tmp_path):
    bench = _bench()
    ballast = bytearray(200 * 1024 * 1024)  # this process is big, as the benchmark is: 200 MB
    ballast[::4096] = b"x" * len(ballast[::4096])  # touched, so it is resident
    _, bare, code = bench.run_once([sys.executable, "-c", "pass"], None, tmp_path / "bare.out")
    assert code == 0 and bare < 60, bare  # a bare interpreter: about 10 MB, not this process's 200+
    _, big, code = bench.run_once(
        [sys.executable, "-c", "x = bytearray(120 * 1024 * 1024); x[::4096] = b'x' * len(x[::4096])"], None, tmp_path / "big.out"
    )
    assert code == 0 and 120 < big < 200, big
    _, _, code = bench.run_once([sys.executable, "-c", "raise SystemExit(3)"], None, tmp_path / "exit.out")
    assert code == 3
    assert bench.run_once.cpu >= 0
    del ballast


def _unique_corpus():
    return benchmark_module("unique_corpus")


def test_unique_corpus_copies_share_no_long_line_but_keep_their_words(tmp_path):
    """benchmarks/unique_corpus.py: the corpus that times rules with nothing to reuse. Every
    copy keeps the article's words and lines, and no line of three or more words repeats."""
    unique = _unique_corpus()
    source = tmp_path / "src"
    source.mkdir()
    article = ("Rebels seize the northern town\n\n"
               "Fighters from the rebel alliance took control of the town on Tuesday, residents said.\n\n"
               "The army said it had pulled back to protect civilians living near the front line.\n")
    (source / "story.txt").write_text(article, encoding="utf-8")
    count = unique.build(source, tmp_path / "out", 2_000)
    copies = [p.read_text(encoding="utf-8") for p in sorted((tmp_path / "out").glob("*.txt"))]
    assert count == len(copies) >= 8
    assert copies[0] == article  # the first copy is the article itself
    for copy in copies:
        assert copy.count("\n") == article.count("\n")
        assert sorted(re.findall(r"\w+", copy)) == sorted(re.findall(r"\w+", article))
    for index in (2, 4):  # the two prose lines
        lines = [copy.split("\n")[index] for copy in copies]
        assert len(set(lines)) == len(lines), lines
