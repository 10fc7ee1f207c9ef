"""Instructions, not seconds: what copydesk's work costs, counted by valgrind, the same on
every run, so a change of a few percent can be judged on a busy machine.

    python benchmarks/instructions.py                       # this checkout: the whole CLI, phase 1
    python benchmarks/instructions.py --per-rule            # and each rule's marginal cost
    python benchmarks/instructions.py --against ../old      # another checkout beside this one

Times on a shared 2-core machine swing by 10-30% from minute to minute (docs/performance.md),
more than most changes being judged. valgrind's callgrind counts the instructions the
interpreter executes, which do not depend on the machine's load: two runs of one checkout
give the same count to within a hundredth of a percent (`PYTHONHASHSEED=0` fixes the order
of sets and dicts). Instructions are not time (cache misses and branch mispredictions do not
show), so the timing benchmarks (`run.py`, `compare.py`) still decide the targets; this says
whether a change did less work.

What it counts, over the first `--drafts` drafts (sorted by name) of `--corpus`:

- `cli`: a whole `python -m lint check --jobs 1` over them (interpreter start, packs, reading,
  phase 1, phase 2, output);
- `rules`: phase 1 alone, the engine's way (`Engine.check_documents` over chunks), the drafts'
  document properties built beforehand: a run with every rule minus a run with none;
- with `--per-rule`, each rule's marginal cost: every rule minus every rule but that one
  (rules that share work, such as the people rules' one extraction of names, each show only
  what they add).

Each checkout's bytecode is compiled first (as an install has it), and each count follows an
untimed run of the same command, which fills copydesk's caches (the pack cache, the CMU
dictionary's index) as a user's first run does. The checkouts' own code
runs (`PYTHONPATH`), with this interpreter, whose packages must include copydesk's
dependencies. valgrind must be installed (`apt-get install valgrind`); without it this says so
and exits 0.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews"

# what the child runs under valgrind: phase 1 of the chosen rules over the drafts, the
# engine's way, the document properties built first (so `rules` minus `none` is the rules')
CHILD = r"""
import sys
from pathlib import Path
from lint.packs import loader
from lint.engine.runner import Engine
from lint.kinds.base import Context
from lint.drafts.document import Document
folder, which = sys.argv[1], sys.argv[2]
rules = loader.load_rules()
if which == "none":
    rules = []
elif which.startswith("without:"):
    rules = [r for r in rules if r.id != which[len("without:"):]]
engine = Engine(rules, Context())
getattr(engine, "prepare", lambda: None)()
paths = sorted(Path(folder).glob("*.txt"))
docs = [Document(path=str(p), source=p.read_text(encoding="utf-8")) for p in paths]
for doc in docs:
    doc.paragraphs, doc.sentences, doc.quotes, doc.folded_text
    for scope in ("line", "sentence", "paragraph", "draft", "headline", "body"):
        doc.scope_spans(scope)
try:
    from lint.engine.parallel import CHUNK_DRAFTS
except ImportError:
    CHUNK_DRAFTS = 1
check = getattr(engine, "check_documents", None) or (lambda chunk: [engine.check_document(d) for d in chunk])
found = 0
for i in range(0, len(docs), CHUNK_DRAFTS):
    found += sum(len(result.findings) for result in check(docs[i : i + CHUNK_DRAFTS]))
print("findings", found, file=sys.stderr)
"""

_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def count(checkout: Path, command: list, cache: Path) -> int:
    """Instructions of `command` run with `checkout`'s code, after one untimed run."""
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(checkout), COPYDESK_CACHE_DIR=str(cache), CI="1")
    env.pop("COPYDESK_NO_CACHE", None)
    env.pop("COPYDESK_NO_PREFILTER", None)
    warm = subprocess.run(command, env=env, cwd=checkout, capture_output=True, text=True)
    if warm.returncode not in (0, 1):
        sys.exit(f"{checkout}: {' '.join(command[1:3])} failed (exit {warm.returncode}): {warm.stderr.strip()[-600:]}")
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        env=env, cwd=checkout, capture_output=True, text=True,
    )
    m = _REFS.search(proc.stderr)
    if m is None:
        sys.exit(f"{checkout}: valgrind gave no count: {proc.stderr.strip()[-600:]}")
    return int(m.group(1).replace(",", ""))


def rule_ids(checkout: Path) -> list:
    code = "from lint.packs import loader; print('\\n'.join(r.id for r in loader.load_rules()))"
    env = dict(os.environ, PYTHONPATH=str(checkout))
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=checkout, capture_output=True, text=True, check=True)
    return out.stdout.split()


def measure(checkout: Path, drafts: Path, child: Path, per_rule: bool, cache: Path) -> dict:
    python = sys.executable
    # an installed copydesk has its bytecode compiled; a checkout under PYTHONDONTWRITEBYTECODE
    # would recompile every module in every run, and the parser's work would be counted
    # (about 900 Mi of a 4,300 Mi run, measured)
    subprocess.run([python, "-m", "compileall", "-q", str(checkout / "lint")], check=True, stdout=subprocess.DEVNULL)
    counts = {"cli": count(checkout, [python, "-m", "lint", "check", "--jobs", "1", "--format", "json", str(drafts)], cache)}
    none = count(checkout, [python, str(child), str(drafts), "none"], cache)
    every = count(checkout, [python, str(child), str(drafts), "all"], cache)
    counts["rules"] = every - none
    if per_rule:
        for rule in rule_ids(checkout):
            counts[rule] = every - count(checkout, [python, str(child), str(drafts), "without:" + rule], cache)
    return counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="a folder of .txt drafts")
    parser.add_argument("--drafts", type=int, default=200, help="how many of its drafts (default 200)")
    parser.add_argument("--per-rule", action="store_true", help="each rule's marginal cost too (a run per rule)")
    parser.add_argument("--against", type=Path, help="another checkout, counted the same way beside this one")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind): nothing counted")
        return 0
    paths = sorted(args.corpus.glob("*.txt"))[: args.drafts] if args.corpus.is_dir() else []
    if not paths:
        print(f"no .txt drafts in {args.corpus}: nothing counted")
        return 0
    checkouts = [("this checkout", ROOT)] + ([("--against", args.against.resolve())] if args.against else [])
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        drafts = tmp / "drafts"
        drafts.mkdir()
        for path in paths:
            shutil.copyfile(path, drafts / path.name)
        child = tmp / "phase1.py"
        child.write_text(CHILD, encoding="utf-8")
        size = sum(p.stat().st_size for p in paths)
        print(f"{len(paths)} drafts, {size / 1e6:.2f} MB, from {args.corpus}; millions of instructions (Mi)")
        results = []
        for index, (label, checkout) in enumerate(checkouts):
            print(f"counting {label} ({checkout}) ...", file=sys.stderr, flush=True)
            results.append(measure(checkout, drafts, child, args.per_rule, tmp / f"cache-{index}"))
    names = list(results[0])
    for other in results[1:]:
        names += [n for n in other if n not in names]
    heads = ["what", "Mi"] if len(results) == 1 else ["what", "this checkout Mi", "--against Mi", "this / against"]
    print("| " + " | ".join(heads) + " |")
    print("|" + "|".join(["---"] + ["---:"] * (len(heads) - 1)) + "|")
    for name in names:
        cells = [f"{r[name] / 1e6:,.0f}" if name in r else "" for r in results]
        if len(results) == 2 and name in results[0] and name in results[1] and results[1][name] > 0:
            cells.append(f"{results[0][name] / results[1][name]:.3f}")
        elif len(results) == 2:
            cells.append("")
        print(f"| {name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
