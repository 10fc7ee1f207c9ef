"""Benchmark copydesk against proselint and its own targets; write docs/performance.md.

    python benchmarks/run.py                  # the full run (about 9 minutes, proselint included)
    python benchmarks/run.py --runs 3 --no-proselint --no-write   # a quick look

Every timing is a whole process (`python -m lint check ...`, interpreter start included), so
it is what a user waits for. What it measures, with the default packs:

- corpus: the articles in ../shared/corpus/wikinews/ (relative to the repo root), copied under
  new names until about 5 MB (a newsroom repo holds several versions of one story, so
  cross-draft checks see many drafts that repeat each other); a generated corpus of realistic
  drafts when that folder is absent;
- the same corpus twice over (scaling), and --jobs 1 vs --jobs 2 (the pool);
- the same again with every copy made distinct (a version line added to each): copydesk checks
  byte-identical copies once, so this is the engine's own throughput, with no copy to reuse;
- the pre-commit call: one process, two drafts, PRE_COMMIT=1;
- proselint over the same files in the same run (installed into .bench/venv on first use);
- peak memory: the largest RSS of the command and its workers (wait4), and for the pool also
  the summed RSS of all its processes, sampled from /proc in a separate untimed run.

It fails (exit 1) when the pool's findings differ from a single process's, or when a run of
copydesk fails. Timings only ever live here: the tests assert none.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import hashlib
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews"
CACHE = ROOT / ".bench"
DOC = ROOT / "docs" / "performance.md"
START, END = "<!-- benchmark:start -->", "<!-- benchmark:end -->"

# name: (target, how it is compared, unit)
TARGETS = {
    "ratio": "copydesk at least 20x faster than proselint on the corpus",
    "corpus": "the corpus (about 5 MB) in under 1 s on this machine",
    "scaled": "the corpus in under 1 s where proselint takes 19 s (the issue's machine): this machine's time scaled by 19 s / proselint's",
    "precommit": "two drafts under PRE_COMMIT=1 in under 0.3 s, interpreter start included",
    "memory": "peak memory under 150 MB on the corpus",
    "scaling": "twice the corpus takes at most 2.2x the time",
    "pool": "--jobs 2 at least 1.6x faster than --jobs 1 (on 2 cores)",
}


class BenchError(Exception):
    pass


# ---- corpora -----------------------------------------------------------------------------


def build_corpus(source: Path, out: Path, target_bytes: int, rounds=None) -> list:
    """Copy the source drafts under new names until `target_bytes` (or `rounds` full copies)."""
    out.mkdir(parents=True)
    drafts = sorted(p for p in source.glob("*.txt") if p.is_file())
    if not drafts:
        raise BenchError(f"{source}: no .txt drafts")
    total, copy, files = 0, 0, []
    while (rounds is None and total < target_bytes) or (rounds is not None and copy < rounds):
        for path in drafts:
            if rounds is None and total >= target_bytes:
                break
            dest = out / f"v{copy + 1:02d}-{path.name}"
            shutil.copyfile(path, dest)
            total += dest.stat().st_size
            files.append(dest)
        copy += 1
    return files


def make_distinct(files: list, out: Path, start: int = 1) -> list:
    """Copies of `files` in which no two drafts are alike: each ends with its own version line,
    as successive versions of a story differ (so none can reuse another's result)."""
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for n, path in enumerate(files, start):
        dest = out / f"d{n:05d}-{path.name}"
        text = path.read_bytes().rstrip(b"\r\n")
        dest.write_bytes(text + f"\n\nThis is version {n} of the story.\n".encode())
        made.append(dest)
    return made


def generate_corpus(out: Path, count: int = 330, seed: int = 7) -> None:
    """Realistic news drafts (headline, lede, quotes, figures, the odd note or furniture)."""
    rng = random.Random(seed)
    places = ["Springfield", "Riverside", "Lakewood", "Fairview", "Georgetown", "Madison", "Clinton"]
    bodies = ["city council", "school board", "county commission", "transit agency", "water district", "state senate"]
    people = ["Maria Ortega", "James Whitfield", "Dana Pruitt", "Kenneth Alvarez", "Priya Raman", "Tom Becker"]
    roles = ["spokeswoman", "spokesman", "chairwoman", "director", "council member", "police chief"]
    verbs = ["approved", "rejected", "delayed", "debated", "cut", "expanded"]
    things = ["budget", "bond measure", "parking plan", "bus routes", "library hours", "road repairs", "zoning change"]
    said = ["said", "told reporters", "said in a statement", "wrote in an email", "said Tuesday"]
    furniture = ["Back to top button", "In Other News", "Load More", "Advertisement", "Share this article"]
    out.mkdir(parents=True)
    for i in range(count):
        place, body, thing = rng.choice(places), rng.choice(bodies), rng.choice(things)
        person, role = rng.choice(people), rng.choice(roles)
        money = rng.randint(2, 90)
        lines = [f"{place} {body} {rng.choice(verbs)} {thing} after long debate", ""]
        lines.append(
            f"{place.upper()} - The {body} {rng.choice(verbs)} the {thing} on a {rng.randint(4, 9)}-{rng.randint(0, 3)} vote "
            f"on Tuesday, a decision that will cost about ${money} million over {rng.randint(2, 6)} years, {person}, "
            f"the {body}'s {role}, {rng.choice(said)}."
        )
        for _ in range(rng.randint(8, 16)):
            lines.append("")
            kind = rng.random()
            if kind < 0.3:
                lines.append(
                    f"“We heard from residents on every side of this, and we listened,” {person.split()[1]} {rng.choice(said)}. "
                    f"“Nobody got everything they wanted, but the {thing} is better for it.”"
                )
            elif kind < 0.6:
                lines.append(
                    f"The {thing} would affect about {rng.randint(1, 40) * 1000:,} residents, according to a report "
                    f"by the {rng.choice(bodies)}. Officials said {rng.randint(10, 90)}% of them had been notified, "
                    f"and that a second hearing was planned for {rng.choice(['March', 'April', 'June'])} {rng.randint(1, 28)}."
                )
            else:
                lines.append(
                    f"Critics of the plan, including several business owners in downtown {place}, said the {body} "
                    f"moved too fast and did not study the effect on traffic, parking and the small shops that line "
                    f"Main Street, where sales fell {rng.randint(2, 20)} percent last year."
                )
        if rng.random() < 0.15:
            lines[-1] += " TK"
        if rng.random() < 0.2:
            lines += ["", rng.choice(furniture)]
        (out / f"gen-{i:04d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---- running and measuring -----------------------------------------------------------------


def child_env(extra=None) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    for name in ("PRE_COMMIT", "NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS"):
        env.pop(name, None)
    env.update(extra or {})
    return env


# Runs one command for `run_once` and reports on it. It exists for the peak RSS: on Linux a
# process's `ru_maxrss` starts at the RSS of the process it was forked from (the kernel keeps
# the high-water mark across exec), so a command started straight from this benchmark, which
# holds tens of MB, would report at least that much: a bare `python -c pass` showed 50 MB.
# Started from this small launcher, a command's floor is the launcher's few MB. The launcher
# times the command itself, so its own start-up is not in the wall time.
_LAUNCHER = """
import os, sys, time
report, argv = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.posix_spawnp(argv[0], argv, os.environ)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
with open(report, "w") as out:
    out.write(repr((wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status))))
"""


def run_once(argv, env, stdout_path):
    """Wall seconds, peak RSS in MB (the process and its waited-for children), exit status,
    and CPU seconds (user + system, the process and its children)."""
    report = str(stdout_path) + ".run"
    launcher = [sys.executable, "-S", "-c", _LAUNCHER, report]
    with open(stdout_path, "wb") as out, open(str(stdout_path) + ".err", "wb") as err:
        subprocess.run(launcher + [str(a) for a in argv], cwd=ROOT, env=env, stdout=out, stderr=err, check=False)
    try:
        wall, maxrss, cpu, code = ast.literal_eval(Path(report).read_text())
    except (OSError, ValueError, SyntaxError) as error:
        raise BenchError(f"could not run {' '.join(map(str, argv))}: {error}") from None
    run_once.cpu = cpu
    return wall, maxrss / 1024, code


def tree_peak_rss(argv, env, stdout_path) -> float:
    """Peak of the summed RSS (MB) of a process and all its descendants, sampled from /proc."""
    if not Path("/proc/self/status").exists():
        return float("nan")
    with open(stdout_path, "wb") as out:
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.DEVNULL)
        peak = 0.0
        while proc.poll() is None:
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.005)
    return peak


def _tree_rss(pid: int) -> float:
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
            for task in Path(f"/proc/{p}/task").iterdir():
                children = (task / "children").read_text().split()
                todo.extend(int(c) for c in children)
        except (OSError, ValueError):
            continue
    return total


class Series:
    def __init__(self, name, walls, rss, cpus=()):
        self.name, self.walls, self.rss, self.cpus = name, walls, rss, list(cpus)

    @property
    def median(self):
        return statistics.median(self.walls)

    def span(self):
        return f"{min(self.walls):.3f}–{max(self.walls):.3f}"


class Case:
    """One command to time: `runs` timed runs after `warmup` untimed ones."""

    def __init__(self, name, argv, env, runs, warmup=1, ok=(0, 1)):
        self.name, self.argv, self.env, self.runs, self.warmup, self.ok = name, argv, env, runs, warmup, ok
        self.walls, self.rss, self.cpus, self.output = [], [], [], None


def measure_interleaved(cases, workdir) -> dict:
    """Run the cases round-robin, so a burst of load on a shared machine hits every series
    alike instead of one; every run of one command must print the same findings."""
    rounds = max(c.warmup + c.runs for c in cases)
    for r in range(rounds):
        for case in cases:
            if r >= case.warmup + case.runs:
                continue
            path = workdir / f"{case.name}.{r}.out"
            wall, peak, code = run_once(case.argv, case.env, path)
            if code not in case.ok:
                err = Path(str(path) + ".err").read_text(errors="replace")[-2000:]
                raise BenchError(f"{case.name}: {' '.join(map(str, case.argv))} exited {code}\n{err}")
            text = path.read_bytes()
            if case.output is None:
                case.output = text
            elif text != case.output:
                raise BenchError(f"{case.name}: two runs of the same command printed different findings")
            if r >= case.warmup:
                case.walls.append(wall)
                case.rss.append(peak)
                case.cpus.append(run_once.cpu)
        print(f"  round {r + 1}/{rounds} done", flush=True)
    return {c.name: Series(c.name, c.walls, c.rss, c.cpus) for c in cases}


def copydesk(*args):
    return [PYTHON[0], "-m", "lint", "check", *map(str, args)]


# The interpreter copydesk runs under: a virtualenv of its own with copydesk installed the
# regular way (`pip install .`, as pre-commit installs a hook and the README installs it), its
# dependencies with it. The timed code is still the checkout's (PYTHONPATH puts it first). A
# development install (`pip install -e .`) adds setuptools' import hook to every interpreter
# start (25-30 ms here), which no user's copydesk pays: it is not what is measured.
PYTHON = [sys.executable, "the interpreter running the benchmark"]

# the interpreter's installed packages, compiled where their bytecode is missing or stale
_COMPILE_PACKAGES = (
    "import compileall, sysconfig\n"
    "for key in ('purelib', 'platlib'):\n"
    "    compileall.compile_dir(sysconfig.get_paths()[key], quiet=2)\n"
)


def copydesk_python():
    """(python, note): .bench/copydesk-venv's interpreter, installing copydesk there when the
    venv is missing or pyproject.toml changed; sys.executable (and why) when that fails."""
    venv = CACHE / "copydesk-venv"
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    marker = venv / ".installed"
    stamp = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if python.exists() and marker.exists() and marker.read_text() == stamp:
        return str(python), f"`{_rel(python)}` (copydesk and its dependencies installed there with `pip install .`)"
    print("installing copydesk into .bench/copydesk-venv (first run, or pyproject.toml changed) ...", flush=True)
    try:
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300)
        subprocess.run([str(python), "-m", "pip", "install", "-q", str(ROOT)], check=True, capture_output=True, timeout=900)
        marker.write_text(stamp)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        detail = getattr(error, "stderr", b"") or b""
        last = detail.decode(errors="replace").strip().splitlines()[-1:] or [str(error)]
        return sys.executable, f"`{sys.executable}` (could not install copydesk into .bench/copydesk-venv: {last[0][:120]})"
    return str(python), f"`{_rel(python)}` (copydesk and its dependencies installed there with `pip install .`)"


# ---- proselint -------------------------------------------------------------------------------


def proselint_command():
    """[proselint, check] from .bench/venv, installing it on first use; (None, why) if it can't."""
    venv = CACHE / "venv"
    exe = venv / ("Scripts" if os.name == "nt" else "bin") / "proselint"
    if not exe.exists():
        print("installing proselint into .bench/venv (first run only) ...", flush=True)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300)
            pip = venv / ("Scripts" if os.name == "nt" else "bin") / "pip"
            subprocess.run([str(pip), "install", "-q", "proselint"], check=True, capture_output=True, timeout=600)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
            detail = getattr(error, "stderr", b"") or b""
            last = detail.decode(errors="replace").strip().splitlines()[-1:] or [str(error)]
            return None, f"could not install proselint: {last[0][:120]}"
    # its bytecode compiled, as for copydesk (see main): neither tool is timed compiling itself
    subprocess.run([str(exe.parent / "python"), "-c", _COMPILE_PACKAGES], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    version = subprocess.run([str(exe.parent / "python"), "-c",
                              "import importlib.metadata as m; print(m.version('proselint'))"],
                             capture_output=True, text=True).stdout.strip()
    return [str(exe), "check", "-o", "compact"], f"proselint {version or '?'}"


# ---- the machine -------------------------------------------------------------------------------


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "cpu": cpu,
        "cores": f"{os.cpu_count()} ({usable} usable)",
        "ram": ram,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "os": platform.platform(terse=True),
    }


def packs_in_use(env) -> str:
    out = subprocess.run([PYTHON[0], "-m", "lint", "rules"], cwd=ROOT, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise BenchError(f"copydesk rules failed: {out.stderr.strip()}")
    ids = [line.split()[0] for line in out.stdout.splitlines() if line.strip()]
    counts = {}
    for rule in ids:
        counts[rule.split(".")[0]] = counts.get(rule.split(".")[0], 0) + 1
    return ", ".join(f"{p} ({n} rules)" for p, n in sorted(counts.items()))


# ---- the run -------------------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .txt drafts (default: %(default)s)")
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size to build by copying (default: 5)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measurement (default: 5)")
    parser.add_argument("--proselint-runs", type=int, default=3, help="timed proselint runs (default: 3)")
    parser.add_argument("--no-proselint", action="store_true", help="skip proselint")
    parser.add_argument("--no-write", action="store_true", help="print the table, do not write docs/performance.md")
    args = parser.parse_args(argv)
    command = "python benchmarks/run.py" + ("" if not (argv or sys.argv[1:]) else " " + " ".join(argv or sys.argv[1:]))

    PYTHON[:] = copydesk_python()
    print(f"copydesk runs under {PYTHON[1]}", flush=True)
    # Installed copydesk has its bytecode compiled, and so do its dependencies (pip compiles
    # what it installs). Under PYTHONDONTWRITEBYTECODE neither the checkout nor a venv pip
    # filled then has any: every run would recompile every module (`regex`'s own Python
    # included, about 50 ms a start, measured) and time the compiler, which no user's run pays.
    subprocess.run([PYTHON[0], "-m", "compileall", "-q", str(ROOT / "lint")], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([PYTHON[0], "-c", _COMPILE_PACKAGES], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # the pack cache lives in .bench/cache: the warm-up run fills it, as a user's first run would
    env = child_env({"COPYDESK_CACHE_DIR": str(CACHE / "cache")})
    work = Path(tempfile.mkdtemp(prefix="copydesk-bench-"))
    try:
        return _run(args, command, env, work)
    except BenchError as error:
        print(f"benchmark FAILED: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(args, command, env, work: Path) -> int:
    source = args.corpus
    if source.is_dir() and any(source.glob("*.txt")):
        corpus_note = f"`{_rel(source)}` ({len(list(source.glob('*.txt')))} articles), copied under new names to about {args.mb:g} MB"
    else:
        source = work / "generated"
        generate_corpus(source)
        corpus_note = f"{args.corpus} is absent: 330 generated drafts, copied under new names to about {args.mb:g} MB"
    corpus = work / "corpus"
    files = build_corpus(source, corpus, int(args.mb * 1_000_000))
    nbytes = sum(p.stat().st_size for p in files)
    double = work / "corpus-x2"
    double.mkdir()
    for k in (1, 2):
        for p in files:
            shutil.copyfile(p, double / f"x{k}-{p.name}")
    distinct = work / "distinct"
    distinct_files = make_distinct(files, distinct)
    distinct_bytes = sum(p.stat().st_size for p in distinct_files)
    distinct2 = work / "distinct-x2"
    make_distinct(files, distinct2)
    make_distinct(files, distinct2, start=len(files) + 1)
    seeds = ROOT.parent / "shared" / "seeds"
    pair = [seeds / "draft-a.txt", seeds / "draft-b.txt"]
    if not all(p.is_file() for p in pair):
        pair = files[:2]

    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    packs = packs_in_use(env)
    print(f"corpus: {len(files)} drafts, {nbytes / 1e6:.2f} MB; packs: {packs}", flush=True)
    # The findings must not depend on the fast paths: the plain run (one process, every
    # prefilter off) against one process and against the pool, as JSON; then time.
    outputs = compare_fast_and_plain(corpus, env, work)
    n_findings = len(outputs["plain"]["findings"])
    cross = sum(1 for f in outputs["plain"]["findings"] if "other draft" in f["message"])
    print(f"findings identical: plain run, one process, pool: {n_findings} ({cross} cross-draft)", flush=True)
    n_distinct = len(compare_fast_and_plain(distinct, env, work)["plain"]["findings"])
    print(f"distinct drafts, findings identical: plain run, one process, pool: {n_distinct}", flush=True)

    precommit_env = dict(env, PRE_COMMIT="1")
    cases = [
        Case("corpus", copydesk(corpus), env, args.runs),
        Case("jobs1", copydesk("--jobs", "1", corpus), env, args.runs),
        Case("jobs2", copydesk("--jobs", "2", corpus), env, args.runs),
        Case("double", copydesk(double), env, args.runs),
        Case("distinct", copydesk(distinct), env, args.runs),
        Case("distinct_jobs1", copydesk("--jobs", "1", distinct), env, args.runs),
        Case("distinct_jobs2", copydesk("--jobs", "2", distinct), env, args.runs),
        Case("distinct_double", copydesk(distinct2), env, args.runs),
        Case("precommit", copydesk(*pair), precommit_env, args.runs * 2),
        Case("precommit_cold", copydesk(*pair), dict(precommit_env, COPYDESK_NO_CACHE="1"), args.runs),
        Case("python", [PYTHON[0], "-c", "pass"], env, args.runs * 2),
    ]
    proselint_note = "skipped (--no-proselint)"
    if not args.no_proselint:
        cmd, proselint_note = proselint_command()
        if cmd is None:
            print(proselint_note, flush=True)
        else:
            print(f"{proselint_note}: {args.proselint_runs} runs, interleaved with copydesk's", flush=True)
            cases.append(Case("proselint", cmd + [str(corpus)], env, args.proselint_runs, warmup=0, ok=(0, 1, 2)))
    rows = measure_interleaved(cases, work)
    outs = {c.name: c.output for c in cases}
    if not (outs["corpus"] == outs["jobs1"] == outs["jobs2"]):
        raise BenchError("text output differs between --jobs auto, 1 and 2")
    pool_tree = tree_peak_rss(copydesk("--jobs", "2", corpus), env, work / "tree.out")
    for key in rows:
        print(f"  {key:<15} median {rows[key].median:.3f} s  ({rows[key].span()})", flush=True)

    table = render(args, command, rows, nbytes, len(files), corpus_note, packs, pair, pool_tree,
                   proselint_note, n_findings, cross, load, distinct_bytes, n_distinct)
    print()
    print(table)
    if not args.no_write:
        write_doc(table)
        print(f"written to {_rel(DOC)}")
    return 0


def compare_fast_and_plain(folder: Path, env, work: Path) -> dict:
    """The findings must not depend on the fast paths: the plain run (one process, every
    prefilter and the reuse of identical copies off) against one process and the pool, as JSON."""
    outputs = {}
    for name, jobs, extra in (("plain", "1", {"COPYDESK_NO_PREFILTER": "1"}), ("jobs1", "1", {}), ("pool", "2", {})):
        path = work / f"compare-{folder.name}-{name}.json"
        _, _, code = run_once(copydesk("--format", "json", "--jobs", jobs, folder), dict(env, **extra), path)
        if code not in (0, 1):
            raise BenchError(f"copydesk --jobs {jobs} ({name}) exited {code}: {Path(str(path) + '.err').read_text()[-2000:]}")
        outputs[name] = json.loads(path.read_text(encoding="utf-8"))
    for name in ("jobs1", "pool"):
        if outputs[name] != outputs["plain"]:
            a, b = outputs["plain"]["findings"], outputs[name]["findings"]
            first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            raise BenchError(
                f"{folder.name}: the fast path ({name}) finds other things than the plain run: {len(a)} vs {len(b)} "
                f"findings; first difference at #{first}: {a[first] if first < len(a) else None} vs "
                f"{b[first] if first < len(b) else None}"
            )
    return outputs


def render(args, command, rows, nbytes, ndrafts, corpus_note, packs, pair, pool_tree, proselint_note, n_findings,
           cross, load, distinct_bytes, n_distinct):
    m = machine()
    mb = nbytes / 1e6
    corpus, jobs1, jobs2, double, pre = rows["corpus"], rows["jobs1"], rows["jobs2"], rows["double"], rows["precommit"]
    peak = max(corpus.rss + jobs1.rss + jobs2.rss)
    lines = [
        f"Measured {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC with `{command}`.",
        "",
        f"- machine: {m['cpu']}, {m['cores']} cores, {m['ram']} RAM, {m['os']}; {m['python']}",
        f"- copydesk: the checkout's code (`python -m lint check`), run by {PYTHON[1]}",
        f"- corpus: {ndrafts} drafts, {mb:.2f} MB: {corpus_note}",
        f"- packs: {packs}; {n_findings} findings on the corpus ({cross} cross-draft), identical in a plain run "
        f"(`--jobs 1`, `COPYDESK_NO_PREFILTER=1`), with `--jobs 1` and with `--jobs 2`",
        f"- distinct drafts: the same {ndrafts} drafts, each with its own version line added ({distinct_bytes / 1e6:.2f} MB), "
        f"so no draft is a copy of another and none reuses another's result; {n_distinct} findings, identical in the "
        f"same three runs",
        f"- pre-commit pair: {', '.join(_rel(p) for p in pair)}",
        f"- {args.runs} timed runs each after one warm-up run (pre-commit and bare interpreter: {args.runs * 2}; proselint: "
        f"{args.proselint_runs}, no warm-up), run round-robin; wall time of the whole process; load average before the run: {load}",
        "",
        "| what | median s | min–max s | CPU s (median) | throughput | peak RSS |",
        "|---|---:|---:|---:|---|---:|",
    ]

    def row(label, s, size=None, drafts=None):
        through = f"{size / s.median:.1f} MB/s, {drafts / s.median:,.0f} drafts/s" if size else ""
        cpu = statistics.median(s.cpus) if s.cpus else float("nan")
        lines.append(f"| {label} | {s.median:.3f} | {s.span()} | {cpu:.2f} | {through} | {max(s.rss):.0f} MB |")

    row("copydesk, corpus (`--jobs` auto)", corpus, nbytes / 1e6, ndrafts)
    row("copydesk, corpus, `--jobs 1`", jobs1, nbytes / 1e6, ndrafts)
    row("copydesk, corpus, `--jobs 2`", jobs2, nbytes / 1e6, ndrafts)
    row("copydesk, corpus twice over (auto)", double, 2 * nbytes / 1e6, 2 * ndrafts)
    dmb = distinct_bytes / 1e6
    row("copydesk, distinct drafts (auto)", rows["distinct"], dmb, ndrafts)
    row("copydesk, distinct drafts, `--jobs 1`", rows["distinct_jobs1"], dmb, ndrafts)
    row("copydesk, distinct drafts, `--jobs 2`", rows["distinct_jobs2"], dmb, ndrafts)
    row("copydesk, distinct drafts twice over (auto)", rows["distinct_double"], 2 * dmb, 2 * ndrafts)
    row("copydesk, 2 drafts, `PRE_COMMIT=1`", pre)
    row("the same, pack cache off (`COPYDESK_NO_CACHE=1`)", rows["precommit_cold"])
    row("bare interpreter (`python -c pass`)", rows["python"])
    if "proselint" in rows:
        row(f"{proselint_note}, corpus", rows["proselint"], nbytes / 1e6, ndrafts)
    else:
        lines.append(f"| proselint | – | – | – | {proselint_note} | – |")
    lines.append("")
    lines.append(f"Peak RSS is the largest single process (the command or one of its children, from `wait4`); "
                 f"all processes of a `--jobs 2` run together peaked at {pool_tree:.0f} MB (sampled from /proc).")
    lines.append("")

    verdicts = [("target", "measured", "met?")]
    if "proselint" in rows:
        ratio = rows["proselint"].median / corpus.median
        verdicts.append((TARGETS["ratio"], f"{ratio:.1f}x", _ok(ratio >= 20)))
    else:
        verdicts.append((TARGETS["ratio"], "not measured", "–"))
    per5 = corpus.median * 5e6 / nbytes
    verdicts.append((TARGETS["corpus"], f"{corpus.median:.2f} s ({per5:.2f} s per 5 MB)", _ok(per5 < 1.0)))
    if "proselint" in rows:
        scaled = per5 * 19 / rows["proselint"].median
        verdicts.append((TARGETS["scaled"], f"{scaled:.2f} s (proselint: {rows['proselint'].median:.1f} s here)", _ok(scaled < 1.0)))
    verdicts.append((TARGETS["precommit"], f"{pre.median:.3f} s", _ok(pre.median < 0.3)))
    verdicts.append((TARGETS["memory"], f"{peak:.0f} MB", _ok(peak < 150)))
    scale = double.median / corpus.median
    verdicts.append((TARGETS["scaling"], f"{scale:.2f}x", _ok(scale <= 2.2)))
    speedup = jobs1.median / jobs2.median
    verdicts.append((TARGETS["pool"], f"{speedup:.2f}x", _ok(speedup >= 1.6)))
    lines.append("| target | measured | met? |")
    lines.append("|---|---|---|")
    lines += [f"| {a} | {b} | {c} |" for a, b, c in verdicts[1:]]

    # the same targets where nothing can be reused: the engine's own speed
    d, d1, d2, dd = rows["distinct"], rows["distinct_jobs1"], rows["distinct_jobs2"], rows["distinct_double"]
    lines += ["", "The same targets over the distinct drafts (no copy to reuse):", "",
              "| target | measured | met? |", "|---|---|---|"]
    if "proselint" in rows:
        ratio = rows["proselint"].median / d.median  # proselint over the copies: it reuses nothing either
        lines.append(f"| {TARGETS['ratio']} | {ratio:.1f}x | {_ok(ratio >= 20)} |")
    per5 = d.median * 5e6 / distinct_bytes
    lines.append(f"| {TARGETS['corpus']} | {d.median:.2f} s ({per5:.2f} s per 5 MB) | {_ok(per5 < 1.0)} |")
    if "proselint" in rows:
        scaled = per5 * 19 / rows["proselint"].median
        lines.append(f"| {TARGETS['scaled']} | {scaled:.2f} s | {_ok(scaled < 1.0)} |")
    peak = max(d.rss + d1.rss + d2.rss + dd.rss)
    lines.append(f"| {TARGETS['memory']} | {peak:.0f} MB | {_ok(peak < 150)} |")
    lines.append(f"| {TARGETS['scaling']} | {dd.median / d.median:.2f}x | {_ok(dd.median / d.median <= 2.2)} |")
    lines.append(f"| {TARGETS['pool']} | {d1.median / d2.median:.2f}x | {_ok(d1.median / d2.median >= 1.6)} |")
    return "\n".join(lines)


def _ok(good: bool) -> str:
    return "yes" if good else "**no**"


def _rel(path: Path) -> str:
    try:
        return os.path.relpath(path, ROOT)
    except ValueError:
        return str(path)


def write_doc(table: str) -> None:
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Performance\n\n## Latest results\n\n" + START + "\n" + END + "\n"
    if START not in text or END not in text:
        text = text.rstrip("\n") + "\n\n## Latest results\n\n" + START + "\n" + END + "\n"
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    DOC.write_text(before + START + "\n" + table + "\n" + END + after, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
