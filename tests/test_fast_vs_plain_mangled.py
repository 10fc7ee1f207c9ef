"""Every rule at once, on drafts mangled the way pasted copy gets mangled: the fast paths (the
prefilters, the trigger scan, each kind's shortcuts and per-word memos) find exactly what the
plain path (COPYDESK_NO_PREFILTER=1) finds, and no rule fails with an internal error.

The kinds' own tests hold each shortcut to its plain search on small generated text; this one
throws whole drafts at the engine: real paragraphs (the shared corpus when present, this file's
own otherwise) with odd characters dropped in (Turkic and Kelvin letters that change length or
fold oddly, combining marks, no-break spaces, CR line ends, CJK and Arabic digits), words cut
out, all-capitals and lower-case copies, paragraphs run together or split one block a line."""

from __future__ import annotations

import random

from conftest import CORPUS, SEEDS, plain
from lint.engine.runner import Engine
from lint.packs import loader as packs

RULES = packs.load_rules()

OWN = [
    "Rebels seize northern town",
    "BAMAKO, Mali — Fighters from the rebel alliance took control of the town on Tuesday, residents said.",
    "The army said it had pulled back to protect the 12,000 civilians living near the front line.",
    "At least 40 people were killed and about 3,000 were forced from their homes, according to the UN.",
    "A senior official, who spoke on condition of anonymity, said talks would resume. JEFF OK’D",
    "“We will not leave,” said Col. Amadou Diallo, a spokesman for the army. [CQ spelling]",
    "Navy Gen. Kenneth McKenzie visited the base. Marine Gen. Kenneth F. McKenzie left on Friday.",
    "Advertisement",
    "Back to top button",
    "Share\nTweet\nEmail\n|",
    "Prices rose 4.5% in the year to March, and the pound fell to $1.21 (£1 = €1.15).",
    "Sen. Jane Doe and Rep. Jane Doe spoke. The the vote was 5 - 4 .",
]

ODD = ["İ", "ı", "ß", "ﬁ", "\u212a", "ſ", "\u0307", "e\u0301", "“", "”", "’", "—", "–", "…", "\u00a0", "\t",
       "\r\n", "\r", "\u2028", "١٢٣", "中文字", "🙂", "Ⅳ", "½", "£", "€", "%", "(", ")", "[[", "]]", "TK",
       "CQ", "Gen.", "U.S.", "\n", "\n\n", "  ", "...", "3.5", "1,000", "bn", "said", "killed",
       "Lt. Gov.", "Advertisement", "|"]


def _pieces():
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))[:60]] if CORPUS.is_dir() else []
    texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] if SEEDS.is_dir() else []
    return [p for t in texts for p in t.split("\n\n")] + OWN


def _mangle(rng, text):
    out = list(text)
    for _ in range(rng.randint(0, 15)):
        out.insert(rng.randint(0, len(out)), rng.choice(ODD))
    if rng.random() < 0.2 and len(out) > 10:
        at = rng.randint(0, len(out) - 5)
        del out[at : at + rng.randint(1, 30)]
    return "".join(out)


def _drafts(seed, count):
    rng = random.Random(seed)
    pieces = _pieces()
    drafts = []
    for _ in range(count):
        parts = [_mangle(rng, rng.choice(pieces)) if rng.random() < 0.6 else rng.choice(pieces)
                 for _ in range(rng.randint(1, 8))]
        text = rng.choice(["\n\n", "\n", "\n\n\n", "\r\n\r\n", "\n \n"]).join(parts)
        shape = rng.random()
        if shape < 0.1:
            text = text.upper()
        elif shape < 0.15:
            text = text.lower()
        drafts.append(text)
    return drafts


def _findings(texts):
    found, errors = Engine(RULES).check_texts(texts, [f"draft-{i}.txt" for i in range(len(texts))])
    assert not errors, errors[:3]
    return [(f.path, f.rule, f.line, f.column, f.end_line, f.end_column, f.match, f.message) for f in found]


def test_mangled_drafts_find_what_the_plain_path_finds():
    for seed in (1, 2):
        drafts = _drafts(seed, 60)
        fast = _findings(drafts)
        assert fast, "the mangled drafts should give findings to compare"
        assert fast == plain(_findings, drafts), seed
