"""CPU seconds per rule over a directory of drafts (phase 1 only).

    PYTHONPATH=. python benchmarks/rule_times.py /work/shared/corpus/wikinews
    PYTHONPATH=. python benchmarks/rule_times.py DIR --pack house.yaml --triggers

`--pack FILE` adds a pack (repeatable). `--triggers` skips, as the engine does, each rule whose
triggers a draft lacks (lint/engine/triggers.py), and shows the one scan per draft that decides
it as its own line, `(trigger scan)`. The sourcing kinds' per-draft word set (`folded_words`,
shared by people, acronyms and sourcing) is built first, on its own line.
"""
import argparse
import glob
import time
from pathlib import Path

from lint.drafts.document import Document
from lint.kinds.base import Context
from lint.packs import loader as packs

parser = argparse.ArgumentParser()
parser.add_argument("folder")
parser.add_argument("--pack", action="append", default=[])
parser.add_argument("--triggers", action="store_true")
args = parser.parse_args()
rules = packs.load_rules([Path(p) for p in args.pack]) if args.pack else packs.load_rules()
docs = [Document(path=p, source=open(p, encoding='utf-8').read()) for p in sorted(glob.glob(args.folder + '/*.txt'))]
for d in docs: d.paragraphs; d.sentences; d.quotes; d.folded_text
ctx = Context()
skipped = [frozenset()] * len(docs)
if args.triggers:
    from lint.engine.triggers import TriggerScan

    scan = TriggerScan(rules)
    t = time.process_time()
    skipped = [scan.skipped(d) for d in docs]
    print(f'{"(trigger scan, " + scan.method + ")":34} {time.process_time()-t:6.2f}')
# the sourcing kinds' per-draft word set, shared by people, acronyms and sourcing: built here,
# on its own line, so that no rule's time holds it (whichever rule asked first used to)
from lint.kinds.newsroom.sourcing_base import folded_words  # noqa: E402

t = time.process_time()
for d in docs:
    folded_words(d)
print(f'{"(shared word set)":34} {time.process_time()-t:6.2f}')
total = 0.0
for i, r in enumerate(rules):
    t = time.process_time()
    for d, skip in zip(docs, skipped):
        if i in skip:
            continue
        list(r.kind.check(d, d.scope_spans(r.scope), ctx))
        if r.kind.cross_draft: r.kind.facts(d, ctx)
    took = time.process_time() - t
    total += took
    print(f'{r.id:34} {took:6.2f}')
print(f'{"(all rules)":34} {total:6.2f}')
