"""The benchmark's own measures (benchmarks/run.py): what docs/performance.md reports must be
the command's, not the benchmark's. No timings are asserted (machines here are noisy)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
