"""Build a corpus of about 5 MB in which no long line repeats, for timing rules fairly.

    python benchmarks/unique_corpus.py OUT_DIR [--corpus DIR] [--mb 5]
    PYTHONPATH=. python benchmarks/rule_times.py OUT_DIR --triggers

benchmarks/run.py's "distinct drafts" copy the corpus until about 5 MB and make each copy
distinct with a version line, so whole-draft reuse is off; but every paragraph of an article
still appears in three or four drafts. A cache keyed by a paragraph's, sentence's or line's
text would pay off there only because of those copies, and a real archive of distinct stories
has nothing of the kind. Here copy k of an article swaps one pair of neighbouring lower-case
words in every line (a second pair once k runs past the line's pairs), so each line of a copy
differs from the same line of every other copy while the draft keeps its words, structure,
figures and names: what a rule costs per draft stays about the same, and only a memo of long
text stops paying. The first copy is the article as it is.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import DEFAULT_CORPUS  # noqa: E402

_WORD = re.compile(r"\b[a-z]{3,}\b")


def _swap(line: str, i: int) -> str:
    words = list(_WORD.finditer(line))
    if i + 1 >= len(words):
        return line
    a, b = words[i], words[i + 1]
    return line[: a.start()] + b.group() + line[a.end() : b.start()] + a.group() + line[b.end() :]


def perturb(text: str, k: int) -> str:
    """Copy k of `text`: in each line of three or more such words, a pair of them swapped."""
    out = []
    for line in text.split("\n"):
        pairs = len(_WORD.findall(line)) - 1
        if pairs >= 2:
            first = k % pairs
            line = _swap(line, first)
            second = (k // pairs) % pairs
            if k >= pairs and second != first:
                line = _swap(line, second)
        out.append(line)
    return "\n".join(out)


def build(source: Path, out: Path, target_bytes: int) -> int:
    files = sorted(source.glob("*.txt"))
    if not files:
        raise SystemExit(f"{source}: no .txt drafts")
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in files]
    out.mkdir(parents=True, exist_ok=True)
    total, k, count = 0, 0, 0
    while total < target_bytes:
        for name, text in texts:
            copy = text if k == 0 else perturb(text, k)
            (out / f"{k:02d}-{name}").write_text(copy, encoding="utf-8")
            total += len(copy.encode("utf-8"))
            count += 1
            if total >= target_bytes:
                break
        k += 1
    return count


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--mb", type=float, default=5.0)
    args = parser.parse_args(argv)
    count = build(args.corpus, args.out, int(args.mb * 1_000_000))
    print(f"{count} drafts in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
