"""Seconds per rule over a directory of drafts (phase 1 only).

    PYTHONPATH=. python benchmarks/rule_times.py /work/shared/corpus/wikinews
"""
import time, glob, sys
from lint.packs import loader as packs
from lint.drafts.document import Document
from lint.kinds.base import Context
rules = packs.load_rules()
docs = [Document(path=p, source=open(p, encoding='utf-8').read()) for p in sorted(glob.glob(sys.argv[1] + '/*.txt'))]
for d in docs: d.paragraphs; d.sentences; d.quotes
ctx = Context()
for r in rules:
    t = time.perf_counter()
    for d in docs:
        list(r.kind.check(d, d.scope_spans(r.scope), ctx))
        if r.kind.cross_draft: r.kind.facts(d, ctx)
    print(f'{r.id:34} {time.perf_counter()-t:6.2f}')
