"""Compare the throughput of two copydesk installs on the same drafts, paired round by round.

    python benchmarks/compare.py --before /path/to/old/.venv/bin/python --after .venv/bin/python

Each interpreter must import its own copydesk (`pip install -e` of each checkout). The drafts
are the distinct-drafts corpus of benchmarks/run.py: the Wikinews articles copied until about
5 MB, each copy given its own version line so nothing is reused; each install keeps its own
pack cache, warmed by one untimed run, as a newsroom's machine would. Every round runs
`python -m lint check CORPUS --jobs 1 --format json --output FILE` with the two interpreters
back to back (in alternating order) and records after/before; the median of those per-round
ratios is steadier than a ratio of medians on a machine whose speed drifts from minute to
minute. Findings are not compared (the two installs may differ on purpose); their counts are
printed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import DEFAULT_CORPUS, build_corpus, make_distinct  # noqa: E402


def timed(python: str, corpus: Path, out: Path, cache: Path) -> float:
    # run from the corpus's folder: `python -m` puts the working directory first on sys.path,
    # and from a checkout both interpreters would import that checkout's lint/
    env = dict(os.environ, COPYDESK_CACHE_DIR=str(cache), CI="1")
    env.pop("COPYDESK_NO_CACHE", None)
    start = time.perf_counter()
    proc = subprocess.run([python, "-m", "lint", "check", str(corpus), "--jobs", "1", "--format", "json",
                           "--output", str(out)], env=env, capture_output=True, text=True, cwd=corpus.parent)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"{python}: exit {proc.returncode}: {proc.stderr.strip()[-400:]}")
    return elapsed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="interpreter with the old copydesk")
    parser.add_argument("--after", required=True, help="interpreter with the new copydesk")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    # the runs start in the corpus's folder: a relative interpreter path must not depend on it
    args.before, args.after = (os.path.abspath(p) if os.sep in p else p for p in (args.before, args.after))
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}: nothing to compare")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = build_corpus(args.corpus, tmp / "corpus", int(args.mb * 1_000_000))
        size = sum(p.stat().st_size for p in make_distinct(files, tmp / "distinct"))
        distinct = tmp / "distinct"
        outs = {"before": tmp / "before.json", "after": tmp / "after.json"}
        times = {"before": [], "after": []}
        caches = {side: tmp / f"cache-{side}" for side in outs}  # each its own, warmed first
        for side in outs:
            # an installed copydesk has its bytecode compiled; a checkout under
            # PYTHONDONTWRITEBYTECODE would recompile every module each run and time the compiler
            subprocess.run([getattr(args, side), "-c", "import compileall, os, lint; "
                            "compileall.compile_dir(os.path.dirname(lint.__file__), quiet=1)"],
                           check=True, stdout=subprocess.DEVNULL, cwd=tmp)
            timed(getattr(args, side), distinct, outs[side], caches[side])
        ratios = []
        for n in range(args.runs):
            order = ["before", "after"] if n % 2 == 0 else ["after", "before"]
            this = {}
            for side in order:
                this[side] = timed(getattr(args, side), distinct, outs[side], caches[side])
                times[side].append(this[side])
            ratios.append(this["after"] / this["before"])
        counts = {side: len(json.loads(outs[side].read_text())["findings"]) for side in outs}
    mb = size / 1e6
    for side in ("before", "after"):
        med = statistics.median(times[side])
        print(f"{side:6}  median {med:.3f} s  ({mb / med:.2f} MB/s)  min-max {min(times[side]):.3f}-{max(times[side]):.3f} s"
              f"  {counts[side]} findings")
    print(f"after/before, median of {args.runs} paired rounds: {statistics.median(ratios):.3f}"
          f"  (rounds: {', '.join(f'{r:.2f}' for r in ratios)})")
    print(f"corpus: {mb:.2f} MB of distinct drafts, --jobs 1, each install's own warm pack cache")
    return 0


if __name__ == "__main__":
    sys.exit(main())
