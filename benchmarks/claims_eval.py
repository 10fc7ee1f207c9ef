"""How well `sourcing.unattributed-figure` tells unsourced claims from sourced ones.

    python benchmarks/claims_eval.py                 # 60 claims per family (fixed seed)
    python benchmarks/claims_eval.py --sample 0      # every generated claim (about 2 minutes)
    python benchmarks/claims_eval.py --misses        # also print what it gets wrong
    python benchmarks/claims_eval.py --read ../shared/corpus/wikinews   # findings to read

Claims are built from parts: subjects, verbs (active, passive, stative; past, perfect,
present, future), quantities in every spelling (digits, words, "dozens of", fractions,
percentages, money in $/£/€/yen/rupees with m/bn/million/billion), hedges, units and
currencies. Each claim is checked

- unsourced: alone in its paragraph, with a neighbouring paragraph that attributes nothing;
  it must be flagged (recall);
- attributed in the sentence, in the next sentence, in the next paragraph (as the lede, and
  further down with a sentence that points back at the figures), and inside a quotation whose
  speaker is named: none of these may be flagged (the false-flag rate).

The parts come in two sets: DESIGN, which the rule was built against, and HELD_OUT, written
apart and never used to tune the rule (other subjects, verbs, groups, sources and phrasings a
newsroom uses). Both are reported; the targets are recall >= 85% and at most 5% of attributed
controls flagged, on each set.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RULE = "sourcing.unattributed-figure"
RECALL_TARGET = 0.85
FALSE_FLAG_TARGET = 0.05

# ---- parts ------------------------------------------------------------------------------------
# Each family is a template over parts; a part set gives every slot of every family.

DESIGN = {
    "hedge": ["", "At least ", "More than ", "Nearly ", "Up to ", "Some "],
    "count": ["14", "1,200", "five", "twelve", "dozens of", "hundreds of", "about 300", "thousands of"],
    "people": ["people", "villagers", "passengers", "soldiers", "children"],
    "harmed": ["were killed", "have been injured", "are feared dead", "were wounded", "are missing", "died"],
    "harm_tail": [" in the floods", " after the blast", " overnight", ""],
    "agent": ["The blast", "The earthquake", "A landslide", "The attack"],
    "harm_verb": ["killed", "injured", "wounded"],
    "victim": ["a contractor", "a police officer", "a teenager"],
    "buildings": ["homes", "houses", "buildings", "shops"],
    "damaged": ["were destroyed", "have been damaged", "were flattened", "were flooded"],
    "residents": ["residents", "families", "tourists", "holidaymakers"],
    "displaced": ["were evacuated", "have been moved out of their homes", "are stranded",
                  "remain without power", "are stuck at the airport", "have been cut off"],
    "money_subject": ["The scheme", "The new hospital", "The repairs", "The contract"],
    "money_verb": ["will cost", "cost", "is worth", "has cost taxpayers", "needs"],
    "money": ["£12m", "£4.5bn", "$2bn", "$300 million", "3.4bn euros", "210bn yen", "75bn rupees",
              "€40m", "£850,000", "up to $2bn", "about £3m", "12 million pounds"],
    "money_tail": ["", " over ten years", " a year"],
    "setaside": ["Ministers have set aside {money} for flood defences.",
                 "The council has earmarked {money} for the new bridge."],
    "metric": ["Knife crime", "Hospital admissions", "The number of rough sleepers", "Rents",
               "Shoplifting"],
    "change_verb": ["rose", "fell", "increased", "dropped by", "jumped", "has risen by"],
    "change_size": ["4%", "12 per cent", "a fifth", "a third", "3,000", "nearly 40%", "15 percent"],
    "period": [" last year", " in March", " since 2019", ""],
    "multiplier": ["has doubled", "has halved", "tripled"],
    "share": ["40%", "62 per cent", "a third", "two-thirds", "one in five", "a quarter", "half"],
    "group": ["households", "nurses", "pupils", "small firms"],
    "predicate": ["cannot afford to heat their homes", "are considering quitting",
                  "have no access to a GP", "are in debt"],
    "counted": ["people were arrested", "flights were cancelled", "schools were closed",
                "people have tested positive"],
    "events": ["drone strikes", "rocket attacks", "arrests", "break-ins"],
    "event_verb": ["There have been {n} {e} since May.", "Police made {n} {e} over the weekend."],
    "source": ["police said", "the Office for National Statistics said", "the council said",
               "a spokesman for the Treasury said", "the Home Office said"],
    "according": ["police", "the Office for National Statistics", "the council", "the Home Office"],
    "speaker": ["Chief Constable Jo Hart", "Mayor Ana Ruiz", "Dr Priya Shah"],
    "next_sentence": ["{Source} said the figure could rise.", "That is according to {acc}.",
                      "The figures come from {acc}."],
    "next_paragraph": ["The figures, from {acc}, were published on Tuesday.",
                       "That is according to {acc}.", "{Source} said the numbers were provisional."],
    "context": ["The storm moved east overnight.", "The town has been hit hard this winter.",
                "Ministers will meet on Monday to discuss the situation."],
}

HELD_OUT = {
    "hedge": ["", "Almost ", "As many as ", "Around ", "Fewer than ", "An estimated "],
    "count": ["37", "4,500", "seven", "twenty", "scores of", "tens of thousands of", "roughly 80", "a dozen"],
    "people": ["migrants", "miners", "pilgrims", "schoolchildren", "workers"],
    "harmed": ["were hurt", "have been hospitalised", "drowned", "lost their lives", "were shot dead",
               "are presumed dead"],
    "harm_tail": [" when the boat capsized", " in the fighting", " on Saturday", ""],
    "agent": ["The explosion", "A stampede", "The bus crash", "The cyclone"],
    "harm_verb": ["killed", "injured", "wounding"],
    "victim": ["an aid worker", "a British soldier", "a firefighter"],
    "buildings": ["schools", "bridges", "farms", "churches"],
    "damaged": ["were swept away", "have been razed", "were burned", "collapsed"],
    "residents": ["patients", "students", "commuters", "villagers"],
    "displaced": ["were forced from their homes", "have fled", "are trapped", "are still without water",
                  "were displaced", "have been left homeless"],
    "money_subject": ["The bailout", "The flood defences", "The fraud", "The stadium"],
    "money_verb": ["will cost", "came to", "is valued at", "has cost the NHS", "runs to"],
    "money": ["£7.2m", "£1bn", "$450m", "€2.5bn", "90bn yen", "300 million rupees", "$12 billion",
              "£600,000", "more than £20m", "an estimated $3bn", "5bn dollars", "8m euros"],
    "money_tail": ["", " so far", " in total"],
    "setaside": ["The government has pledged {money} to rebuild the port.",
                 "The health board was handed {money} for extra beds."],
    "metric": ["Homelessness", "Burglaries", "Waiting times", "Sewage spills", "Fuel poverty"],
    "change_verb": ["climbed", "plunged", "soared", "grew by", "went up", "declined by"],
    "change_size": ["7%", "9 per cent", "a quarter", "half", "12,000", "almost 30%", "a tenth"],
    "period": [" this year", " in the past decade", " since the pandemic", ""],
    "multiplier": ["has trebled", "more than doubled", "has quadrupled"],
    "share": ["55%", "18 per cent", "three-quarters", "one in three", "a fifth", "nine in ten"],
    "group": ["renters", "care homes", "farmers", "GP surgeries"],
    "predicate": ["are behind on their bills", "say they feel unsafe", "rely on food banks",
                  "are short of staff"],
    "counted": ["homes were repossessed", "people were detained", "trains were delayed",
                "workers have been laid off"],
    "events": ["burglaries", "explosions", "protests", "shootings"],
    "event_verb": ["The city saw {n} {e} in a single week.", "Officers have logged {n} {e} this month."],
    "source": ["the Environment Agency said", "NHS England said", "the UN refugee agency said",
               "the fire service said", "the company told the BBC"],
    "according": ["the Environment Agency", "NHS England", "the UN refugee agency", "the fire service"],
    "speaker": ["Fire chief Tom Reilly", "Councillor Sarah Okafor", "Professor Lena Berg"],
    "next_sentence": ["{Source} gave the figure on Monday.", "The estimate is from {acc}.",
                      "{Source} said the total was still rising."],
    "next_paragraph": ["The data, compiled by {acc}, covers the past year.",
                       "The estimate comes from {acc}.", "{Source} said the total was still rising."],
    "context": ["Roads into the valley were closed on Friday.", "The village sits on a bend of the river.",
                "Talks between the two sides resume next week."],
}


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _claims(parts: Dict[str, List[str]]) -> Dict[str, List[str]]:
    """Every claim each family spells from `parts` (whole sentences, each ending in `.`)."""
    p = parts
    fam: Dict[str, List[str]] = {}
    fam["harm, passive and stative"] = [
        _cap(f"{h}{c} {who} {v}{t}.")
        for h, c, who, v, t in itertools.product(p["hedge"], p["count"], p["people"], p["harmed"], p["harm_tail"])
        if not (h and c.startswith(("about", "roughly", "a dozen", "dozens", "hundreds", "thousands", "scores", "tens")))
    ]
    fam["harm, active"] = [
        f"{a} {v} {h.lower()}{c} {who}{t}."
        for a, v, h, c, who, t in itertools.product(p["agent"], p["harm_verb"], p["hedge"], p["count"], p["people"], p["harm_tail"])
        if not (h and c.startswith(("about", "roughly", "a dozen", "dozens", "hundreds", "thousands", "scores", "tens")))
    ] + [f"{a} {v} {victim}{t}." for a, v, victim, t in itertools.product(p["agent"], p["harm_verb"], p["victim"], p["harm_tail"])]
    fam["damage"] = [
        _cap(f"{h}{c} {b} {v}{t}.")
        for h, c, b, v, t in itertools.product(p["hedge"], p["count"], p["buildings"], p["damaged"], p["harm_tail"])
        if not (h and c.startswith(("about", "roughly", "a dozen", "dozens", "hundreds", "thousands", "scores", "tens")))
    ]
    fam["displacement"] = [
        _cap(f"{h}{c} {r} {v}.")
        for h, c, r, v in itertools.product(p["hedge"], p["count"], p["residents"], p["displaced"])
        if not (h and c.startswith(("about", "roughly", "a dozen", "dozens", "hundreds", "thousands", "scores", "tens")))
    ]
    fam["money"] = [
        f"{s} {v} {m}{t}." for s, v, m, t in itertools.product(p["money_subject"], p["money_verb"], p["money"], p["money_tail"])
    ] + [tpl.format(money=m) for tpl, m in itertools.product(p["setaside"], p["money"])]
    fam["rises and falls"] = [
        f"{m} {v} {size}{t}." for m, v, size, t in itertools.product(p["metric"], p["change_verb"], p["change_size"], p["period"])
    ] + [f"{m} {v}{t}." for m, v, t in itertools.product(p["metric"], p["multiplier"], p["period"])]
    fam["shares and proportions"] = [
        _cap(f"{s} of {g} {pred}.") for s, g, pred in itertools.product(p["share"], p["group"], p["predicate"])
    ]
    fam["counts"] = [
        _cap(f"{h}{c} {what}.")
        for h, c, what in itertools.product(p["hedge"], p["count"], p["counted"])
        if not (h and c.startswith(("about", "roughly", "a dozen", "dozens", "hundreds", "thousands", "scores", "tens")))
    ] + [
        tpl.format(n=c, e=e) for tpl, c, e in itertools.product(p["event_verb"], p["count"], p["events"])
    ]
    return fam


# Figures that are not claims to source (market data, rates a central bank sets, published
# prices, a company's results, dates, thresholds, conversions, history): controls that must
# stay silent, unsourced as they are.
RECORD = {
    "design": [
        "The FTSE 100 fell 1.2% in early trading.",
        "Shares in the bank closed 4% higher.",
        "The pound rose 0.5% against the dollar.",
        "The Bank of England held interest rates at 5.25% on Thursday.",
        "Tickets cost £45 and go on sale on Friday.",
        "Pre-tax profits rose 12% to £1.2bn in the six months to June.",
        "The 4 July parade will go ahead despite the rain.",
        "Owners of 10% or more of the shares must declare their stake.",
        "The firm agreed to pay $100m (£80m) for its rival, its chief executive said.",
        "In 1987, a storm felled 15 million trees across the south of England; this year's storm, in 2024, was milder.",
    ],
    "held-out": [
        "The Nikkei 225 index slipped 2.1% by the close in Tokyo.",
        "Oil prices jumped 3% after the announcement, with Brent crude at $84 a barrel.",
        "The European Central Bank raised its main interest rate to 4%.",
        "A return fare to Glasgow is priced at £89.",
        "The retailer's annual revenue fell 6% to £8.9bn, and the dividend was cut by a third.",
        "Voting closes on 12 May, and results are expected on 14 May.",
        "Anyone earning £50,000 or more will pay the higher rate.",
        "The club paid 40m euros (£34m) for the striker, the club said.",
        "The 1953 flood killed 307 people in eastern England; the new barrier opened in 2023.",
        "Sterling fell 1% against the euro.",
    ],
}


@dataclass(frozen=True)
class Case:
    family: str
    setting: str  # "unsourced" or how it is attributed
    claim: str
    text: str


def _lower_first(s: str) -> str:
    # "Knife crime rose" -> "knife crime rose", but keep "The" lower only at the start
    return s[:1].lower() + s[1:]


def _cases(parts: Dict[str, List[str]], rng: random.Random, family: str, claim: str) -> List[Case]:
    """The claim unsourced and attributed every way, each a whole draft."""
    pick = rng.choice
    source = pick(parts["source"])
    acc = pick(parts["according"])
    speaker = pick(parts["speaker"])
    context = pick(parts["context"])
    head = "A hard winter for the valley\n\n"
    src_cap = _cap(source.rsplit(" ", 1)[0] if source.endswith(" said") else source.split(" told")[0])
    bare = claim[:-1]
    cases = [
        # unsourced: as the lede with a neutral paragraph after, and further down
        Case(family, "unsourced", claim, f"{head}{claim}\n\n{context}\n"),
        Case(family, "unsourced", claim, f"{head}{context}\n\n{claim}\n"),
        # in the sentence
        Case(family, "in the sentence", claim, f"{head}{context}\n\n{bare}, {source}.\n"),
        Case(family, "in the sentence", claim, f"{head}{context}\n\nAccording to {acc}, {_lower_first(claim)}\n"),
        # in the next sentence
        Case(family, "next sentence", claim,
             f"{head}{context}\n\n{claim} " + pick(parts["next_sentence"]).format(Source=src_cap, acc=acc) + "\n"),
        # in the next paragraph: after the lede, and further down
        Case(family, "next paragraph", claim,
             f"{head}{claim}\n\n" + pick(parts["next_paragraph"]).format(Source=src_cap, acc=acc) + "\n"),
        Case(family, "next paragraph", claim,
             f"{head}{context}\n\n{claim}\n\n" + pick(parts["next_paragraph"]).format(Source=src_cap, acc=acc) + "\n"),
        # inside a quotation with its speaker named
        Case(family, "quotation", claim, f"{head}{context}\n\n“{bare},” said {speaker}.\n"),
        Case(family, "quotation", claim, f"{head}{context}\n\n{speaker} said: “{claim}”\n"),
        Case(family, "quotation", claim,
             f"{head}{speaker} said the town had been hit hard.\n\n“{claim} It has been a terrible year.”\n"),
    ]
    return cases


def build(parts: Dict[str, List[str]], sample: int = 0, seed: int = 14) -> List[Case]:
    """Every case of every family (or a fixed-seed sample of `sample` claims per family)."""
    rng = random.Random(seed)
    cases = []
    name = "design" if parts is DESIGN else "held-out"
    for record in RECORD.get(name, ()):
        context = rng.choice(parts["context"])
        cases.append(Case("public record", "public record", record, f"A hard winter for the valley\n\n{context}\n\n{record}\n"))
        cases.append(Case("public record", "public record", record, f"A hard winter for the valley\n\n{record}\n\n{context}\n"))
    for family, claims in _claims(parts).items():
        claims = sorted(set(claims))
        if sample and len(claims) > sample:
            claims = rng.sample(claims, sample)
        for claim in claims:
            cases.extend(_cases(parts, rng, family, claim))
    return cases


def _rule():
    from lint.packs import loader as packs

    rules = packs.load_pack(ROOT / "rules" / "sourcing.yaml").rules
    return next(r for r in rules if r.id == RULE)


def flagged(rule, text: str, claim: str = "") -> bool:
    """Does the rule flag the draft (inside `claim`, when given)?"""
    from lint.drafts.document import Document
    from lint.kinds.base import Context

    doc = Document.from_text(text)
    hits = list(rule.kind.check(doc, doc.scope_spans(rule.scope), Context()))
    if not claim:
        return bool(hits)
    at = text.find(claim.split("“")[-1][:-1])
    return any(at <= h.start < at + len(claim) for h in hits)


@dataclass
class Score:
    recall: float
    false_flags: float
    claims: int
    controls: int
    by_family: Dict[str, Tuple[int, int]]
    by_setting: Dict[str, Tuple[int, int]]
    misses: List[Case]
    false_alarms: List[Case]


def evaluate(parts: Dict[str, List[str]], sample: int = 0, seed: int = 14) -> Score:
    rule = _rule()
    found = total = flags = controls = 0
    by_family: Dict[str, List[int]] = {}
    by_setting: Dict[str, List[int]] = {}
    misses, alarms = [], []
    for case in build(parts, sample, seed):
        if case.setting == "unsourced":
            hit = flagged(rule, case.text, case.claim)
            total += 1
            found += hit
            tally = by_family.setdefault(case.family, [0, 0])
            tally[0] += hit
            tally[1] += 1
            if not hit:
                misses.append(case)
        else:
            hit = flagged(rule, case.text)
            controls += 1
            flags += hit
            tally = by_setting.setdefault(case.setting, [0, 0])
            tally[0] += hit
            tally[1] += 1
            if hit:
                alarms.append(case)
    return Score(
        recall=found / total if total else 0.0,
        false_flags=flags / controls if controls else 0.0,
        claims=total,
        controls=controls,
        by_family={k: tuple(v) for k, v in by_family.items()},
        by_setting={k: tuple(v) for k, v in by_setting.items()},
        misses=misses,
        false_alarms=alarms,
    )


def report(name: str, score: Score, show: bool) -> str:
    lines = [
        f"{name}: recall {score.recall:.1%} of {score.claims} unsourced claims "
        f"(target >= {RECALL_TARGET:.0%}); false flags {score.false_flags:.1%} of {score.controls} "
        f"controls, attributed or public record (target <= {FALSE_FLAG_TARGET:.0%})",
    ]
    for family, (hit, n) in score.by_family.items():
        lines.append(f"  recall {family:28} {hit:5}/{n:<5} {hit / n:6.1%}")
    for setting, (hit, n) in score.by_setting.items():
        label = setting if setting == "public record" else f"attributed, {setting}"
        lines.append(f"  flagged: {label:35} {hit:5}/{n:<5} {hit / n:6.1%}")
    if show:
        for case in score.misses[:60]:
            lines.append(f"  MISS  {case.family}: {case.text!r}")
        for case in score.false_alarms[:60]:
            lines.append(f"  FLAG  {case.setting}: {case.text!r}")
    return "\n".join(lines)


def read_sample(folder: str, size: int = 40, seed: int = 14) -> List[str]:
    """A fixed-seed sample of the rule's findings over a folder of drafts (all of them when
    there are fewer), each with its sentence, for a person to judge (precision)."""
    from lint.drafts.document import Document
    from lint.kinds.base import Context

    rule = _rule()
    found = []
    for path in sorted(Path(folder).glob("*.txt")):
        doc = Document(path=str(path), source=path.read_text(encoding="utf-8"))
        for hit in rule.kind.check(doc, doc.scope_spans(rule.scope), Context()):
            start, end = doc.sentences[doc.sentence_index(hit.start)]
            line, column = doc.position(hit.start)
            found.append(f"{path.name}:{line}:{column} [{doc.text[hit.start:hit.end]}] ({hit.values['what']}) "
                         f"{doc.text[start:end].strip()}")
    if len(found) > size:
        found = random.Random(seed).sample(found, size)
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=60, help="claims per family (0: all)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--misses", action="store_true", help="print misses and false flags")
    parser.add_argument("--set", choices=("design", "held-out", "both"), default="both")
    parser.add_argument("--read", metavar="FOLDER", help="print a fixed-seed sample of findings over FOLDER")
    parser.add_argument("--size", type=int, default=40, help="findings to sample with --read")
    args = parser.parse_args(argv)
    if args.read:
        sample = read_sample(args.read, args.size, args.seed)
        print("\n".join(f"{i + 1:2}. {line}" for i, line in enumerate(sample)))
        return 0
    ok = True
    for name, parts in (("design", DESIGN), ("held-out", HELD_OUT)):
        if args.set not in (name, "both"):
            continue
        score = evaluate(parts, args.sample, args.seed)
        print(report(name, score, args.misses))
        ok &= score.recall >= RECALL_TARGET and score.false_flags <= FALSE_FLAG_TARGET
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
