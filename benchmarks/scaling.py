"""Scaling on 1x, 2x and 4x the distinct corpus, locally and on a Dask LocalCluster.

    python benchmarks/scaling.py                  # 1x 2x 4x, local (--jobs auto) and --cluster local:2
    python benchmarks/scaling.py --sizes 1 2 --runs 1

The distinct corpus is benchmarks/run.py's: the wikinews articles copied under new names until
about 5 MB, each copy made distinct (a version line of its own), so no draft can reuse
another's result. Each timing is a whole process (`python -m lint check DIR --format json -o
FILE`), the best of `--runs` (alternating), as wall time and as the CPU seconds of the
command and every process it started (steadier on a shared machine); the cluster's includes
starting it. The findings of the two ways
are compared (they must be the same). Prints a Markdown table for docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402  (benchmarks/run.py: build_corpus, make_distinct)

ROOT = bench.ROOT


def timed(args, out: Path) -> tuple:
    """(wall seconds, CPU seconds of the command and every process it started)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), COPYDESK_PROGRESS="0")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "lint", "check", *args, "--format", "json", "-o", str(out)], env=env, capture_output=True, text=True)
    took = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"copydesk failed ({done.returncode}): {done.stderr[-2000:]}")
    return took, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def findings(out: Path) -> list:
    return sorted(json.dumps(f, sort_keys=True) for f in json.loads(out.read_text(encoding="utf-8"))["findings"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = bench.build_corpus(bench.DEFAULT_CORPUS, tmp / "corpus", int(args.mb * 1_000_000))
        for size in args.sizes:
            folder = tmp / f"distinct-{size}x"
            for k in range(size):
                bench.make_distinct(files, folder, start=k * len(files) + 1)
            drafts = list(folder.iterdir())
            megabytes = sum(p.stat().st_size for p in drafts) / 1e6
            local_out, cluster_out = tmp / "local.json", tmp / "cluster.json"
            local_runs, cluster_runs = [], []
            for _ in range(args.runs):  # alternating, so a burst of load hits both alike
                local_runs.append(timed([str(folder)], local_out))
                cluster_runs.append(timed([str(folder), "--cluster", f"local:{args.workers}"], cluster_out))
            local, on_cluster = min(local_runs), min(cluster_runs)
            same = findings(local_out) == findings(cluster_out)
            rows.append((size, len(drafts), megabytes, local, on_cluster, same))
            print(f"{size}x: {len(drafts)} drafts, {megabytes:.1f} MB: local {local}, cluster {on_cluster}, same findings: {same}", file=sys.stderr)
    base_local, base_cluster = rows[0][3], rows[0][4]
    print("| corpus | drafts | MB | local (--jobs auto): wall, CPU | x of 1x (wall, CPU) | LocalCluster (2 processes): wall, CPU | x of 1x (wall, CPU) | same findings |")
    print("|---|---|---|---|---|---|---|---|")
    for size, count, mb, local, on_cluster, same in rows:
        print(
            f"| {size}x | {count:,} | {mb:.1f} | {local[0]:.1f} s, {local[1]:.1f} s | {local[0] / base_local[0]:.2f}, {local[1] / base_local[1]:.2f} "
            f"| {on_cluster[0]:.1f} s, {on_cluster[1]:.1f} s | {on_cluster[0] / base_cluster[0]:.2f}, {on_cluster[1] / base_cluster[1]:.2f} | {'yes' if same else 'NO'} |"
        )
    return 0 if all(r[5] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
