"""How precise each furniture signal of hygiene.boilerplate is on labelled pages.

    .venv/bin/python benchmarks/furniture_signals.py [--data DIR] [--folds 4] [--seed 13] [--show N]

Reads `<page>.txt` and `<page>.labels.tsv` (a label a line: `content` or `boilerplate`; by
default ../shared/corpus/scraped, skipped cleanly when absent) and checks every page in both
paste formats (one block a line; blank lines between blocks), as
../shared/tools/score_boilerplate.py does. Prints:

- precision and recall per fold: the pages split into folds by page (a fixed seed), each fold's
  pages checked together in one run (so the cross-draft signal sees only that fold's pages);
- per signal (the evidence a block carries on its own, `lint/kinds/newsroom/furniture.py`): how many article
  and furniture lines carry it, how many of those are flagged, and on how many pages the
  flagged article lines are;
- the same per judgement (where the block stands: after the story, inside it; run or lone);
- with --show, the article lines each signal flagged.

A signal whose flagged lines are below ~97% furniture, or whose furniture hits come from one
or two pages, is tuned to those pages: it needs a second signal or a place after the story.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from lint.packs import loader as packs  # noqa: E402
from lint.drafts.document import Document  # noqa: E402
from lint.engine.runner import Engine  # noqa: E402

DATA = HERE.parent.parent / "shared" / "corpus" / "scraped"
FORMATS = (("one block a line", False), ("blank-line blocks", True))


def load_pages(data: Path):
    pages = {}
    for txt in sorted(data.glob("*.txt")):
        tsv = data / f"{txt.stem}.labels.tsv"
        if not tsv.exists():
            continue
        lines = txt.read_text(encoding="utf-8").rstrip("\n").split("\n")
        labels = [l.split("\t")[1] for l in tsv.read_text(encoding="utf-8").splitlines() if l]
        pages[txt.stem] = (lines, labels)
    return pages


def paste(lines, blank: bool) -> str:
    return ("\n\n" if blank else "\n").join(lines) + "\n"


def page_line(n: int, blank: bool) -> int:
    return (n + 1) // 2 if blank else n


def last_line(f) -> int:
    """As the scorer reads a finding: a span ending at column 1 of a later line ends before it."""
    end, col = f.end_line or f.line, f.end_column or 2
    return max(f.line, end - 1 if col == 1 and end > f.line else end)


def flagged_lines(rules, pages, names, blank):
    """{(page, line)} flagged by one run of the rule over the pages `names` together."""
    texts = [paste(pages[n][0], blank) for n in names]
    findings, errors = Engine(rules).check_texts(texts, [f"{n}.txt" for n in names])
    if errors:
        sys.exit(f"rule errors: {errors[:3]}")
    out = {}
    for f in findings:
        stem = f.path[:-4]
        cross = "other draft" in f.message
        for n in range(f.line, last_line(f) + 1):
            out[(stem, page_line(n, blank))] = cross
    return out


def score(flagged, pages, names):
    hit = miss = false = 0
    for name in names:
        lines, labels = pages[name]
        for i, label in enumerate(labels, 1):
            on = (name, i) in flagged
            if label == "boilerplate":
                hit += on
                miss += not on
            else:
                false += on
    return hit, miss, false


def pct(a: int, b: int) -> str:
    return f"{a / b:6.1%}" if b else "     -"


def signal_table(rule, pages, blank, flagged):
    """Per signal and per judgement: [content carrying, furniture carrying, content flagged,
    furniture flagged, content lines flagged per page, furniture lines flagged per page,
    examples]."""
    kind = rule.kind
    signals = defaultdict(lambda: [0, 0, 0, 0, Counter(), Counter(), []])
    judgements = defaultdict(lambda: [0, 0, 0, 0, Counter(), Counter(), []])
    for name, (lines, labels) in pages.items():
        doc = Document.from_text(paste(lines, blank), f"{name}.txt")
        how = {}
        blocks, texts, evidence, found = kind.assess(doc, doc.scope_spans(rule.scope), how)
        seen = set()
        for k, (start, end) in enumerate(blocks):
            first, last = doc.position(start)[0], doc.position(max(start, end - 1))[0]
            for n in range(first, last + 1):
                line = page_line(n, blank)
                if line in seen or line > len(labels):
                    continue
                seen.add(line)
                furn = labels[line - 1] == "boilerplate"
                on = (name, line) in flagged
                keys = [(signals, evidence[k].why or "(no evidence of its own)")]
                if on:
                    judged = how.get(k) or ("cross-draft: same line in other drafts" if flagged[(name, line)]
                                            else "inside a hard-wrapped paragraph")
                    keys.append((judgements, judged))
                for table, key in keys:
                    row = table[key]
                    row[1 if furn else 0] += 1
                    if on:
                        row[3 if furn else 2] += 1
                        row[5 if furn else 4][name] += 1
                        if not furn:
                            row[6].append(f"{name}:{line}: {lines[line - 1][:70]}")
    return signals, judgements


def print_table(title, table, show):
    print(f"\n{title}")
    print(f"  {'':44} {'carry art':>9} {'carry furn':>10} {'flag art':>8} {'flag furn':>9} {'precision':>9}"
          f"  pages(art/furn)  top 2 pages' share of furniture flagged")
    for key, row in sorted(table.items(), key=lambda kv: -(kv[1][2] + kv[1][3])):
        art, furn, fart, ffurn, part, pfurn, examples = row
        print(f"  {key[:44]:44} {art:9d} {furn:10d} {fart:8d} {ffurn:9d} {pct(ffurn, fart + ffurn):>9}"
              f"  {len(part):>5}/{len(pfurn):<5}  {pct(sum(n for _, n in pfurn.most_common(2)), ffurn)}")
        for example in examples[:show]:
            print(f"      false  {example}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DATA), help="folder of <page>.txt and <page>.labels.tsv")
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--show", type=int, default=0, help="article lines to print per signal")
    args = ap.parse_args()
    data = Path(args.data)
    if not data.is_dir():
        print(f"no labelled pages at {data}: nothing to measure")
        return 0
    pages = load_pages(data)
    rules = [r for r in packs.load_rules() if r.id == "hygiene.boilerplate"]
    names = sorted(pages)
    random.Random(args.seed).shuffle(names)
    folds = [sorted(names[i :: args.folds]) for i in range(args.folds)]
    for label, blank in FORMATS:
        print(f"== {label}")
        total = [0, 0, 0]
        for i, fold in enumerate(folds):
            hit, miss, false = score(flagged_lines(rules, pages, fold, blank), pages, fold)
            total = [total[0] + hit, total[1] + miss, total[2] + false]
            print(f"  fold {i + 1} ({len(fold)} pages): precision {pct(hit, hit + false)} recall {pct(hit, hit + miss)}"
                  f"  ({false} article lines flagged)  {' '.join(fold)}")
        hit, miss, false = total
        print(f"  all folds: precision {pct(hit, hit + false)} recall {pct(hit, hit + miss)} ({false} article lines flagged)")
        flagged = flagged_lines(rules, pages, sorted(pages), blank)
        hit, miss, false = score(flagged, pages, sorted(pages))
        print(f"  all pages in one run: precision {pct(hit, hit + false)} recall {pct(hit, hit + miss)}")
        signals, judgements = signal_table(rules[0], pages, blank, flagged)
        print_table("per signal (a block's own evidence)", signals, args.show)
        print_table("per judgement (flagged lines only)", judgements, args.show)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
