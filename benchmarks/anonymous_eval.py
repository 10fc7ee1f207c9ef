"""An evaluation of sourcing.anonymous built from parts, with expected labels.

Each case is one short draft: a speaker phrase (determiner x modifier x role noun) placed in a
sentence (as its subject, after the clause, inverted, cited with "according to" or "citing",
after a sentence break), with a speech verb. The label follows the house's reading of
anonymity: a source is anonymous when no reader can identify it.

- an official, a source, an aide, an insider, a diplomat, a person familiar with the talks:
  anonymous whatever modifier stands before them (a Home Office official is still unnamed),
  with a determiner (a group with none, "officials said", "aides said", is sourcing.vague's;
  "sources" and "insiders" are informants by name and need none);
- a spokesman, spokeswoman or spokesperson speaks for an organisation on the record (a Home
  Office spokesman, a Labour spokeswoman, a spokesman for the Treasury), and is anonymous only
  when the organisation is itself unnamed (a spokesman for one shop, an unnamed spokeswoman).

Controls that must stay silent: the same anonymous phrases with a reason for the anonymity,
with the name in apposition, as a later reference (the official said), inside a quotation,
and the bare "officials said" (sourcing.vague's).

Run: python benchmarks/anonymous_eval.py  (prints precision and recall, overall and by part)
"""

from __future__ import annotations

import itertools
import sys
from collections import defaultdict
from pathlib import Path
from typing import List, NamedTuple, Optional

ROOT = Path(__file__).resolve().parent.parent
HEADLINE = "Plan dropped after talks"


class Case(NamedTuple):
    text: str  # the whole draft
    expected: Optional[str]  # the phrase the rule must report, or None (silent)
    parts: tuple  # (what, value) pairs, for the breakdown


# (determiner, modifier) -> the words before the noun; "" is no modifier
DETERMINERS = ["a", "one", "two", "several"]
MODIFIERS = {
    "none": "",
    "senior": "senior",
    "named org": "Home Office",
    "named company": "Acme",
    "party": "Labour",
    "us party": "Republican",
    "ministry": "defence ministry",
    "domain": "defense",
    "place": "Downing Street",
    "abbreviation": "U.S.",
    "number": "No 10",
}
# role noun -> (singular, plural, anonymous?)
ROLES = {
    "official": ("official", "officials", True),
    "source": ("source", "sources", True),
    "aide": ("aide", "aides", True),
    "insider": ("insider", "insiders", True),
    "diplomat": ("diplomat", "diplomats", True),
    "spokesman": ("spokesman", "spokesmen", False),
    "spokeswoman": ("spokeswoman", "spokeswomen", False),
    "spokesperson": ("spokesperson", "spokespeople", False),
}
VERBS = ["said", "told the BBC", "told Reuters", "confirmed", "has said", "added", "says"]
CLAIM = "the plan had been dropped"


def _article(det: str, following: str) -> str:
    if det != "a":
        return det
    return "an" if following[:1].lower() in "aeiou" and not following.startswith("U.") else "a"


def _phrase(det: str, modifier: str, role: str) -> str:
    singular, plural, _ = ROLES[role]
    noun = singular if det in ("a", "one") else plural
    words = " ".join(w for w in (modifier, noun) if w)
    return f"{_article(det, words)} {words}"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _positions(phrase: str, verb: str):
    """(position name, sentence, the phrase as it stands in the sentence)."""
    yield "subject", f"{_cap(phrase)} {verb} {CLAIM}.", _cap(phrase)
    yield "after clause", f"{_cap(CLAIM)}, {phrase} {verb}.", phrase
    if verb in ("said", "says", "added"):
        yield "inverted", f"{_cap(CLAIM)}, {verb} {phrase}.", phrase
    if verb == "said":
        yield "according to", f"{_cap(CLAIM)}, according to {phrase}.", phrase
        yield "citing", f"The BBC reported, citing {phrase}, that {CLAIM}.", phrase
        yield "after a break", f"The minister left in a statement. {_cap(phrase)} {verb} {CLAIM}.", _cap(phrase)
        yield "after a paragraph", f"The minister left in a statement.\n\n{_cap(phrase)} {verb} {CLAIM}.", _cap(phrase)


def _draft(body: str) -> str:
    return f"{HEADLINE}\n\n{body}\n"


def cases() -> List[Case]:
    out: List[Case] = []
    for det, (mod_name, modifier), role, verb in itertools.product(DETERMINERS, MODIFIERS.items(), ROLES, VERBS):
        anonymous = ROLES[role][2]
        if not anonymous and det != "a":
            continue  # "two spokesmen", "one spokesman": not how copy names an organisation's voice
        if det in ("two", "several") and verb in ("says", "has said"):
            verb = {"says": "say", "has said": "have said"}[verb]
        phrase = _phrase(det, modifier, role)
        for position, sentence, shown in _positions(phrase, verb):
            parts = (("determiner", det), ("modifier", mod_name), ("role", role), ("verb", verb), ("position", position))
            out.append(Case(_draft(sentence), shown if anonymous else None, parts))
    # a spokesperson whose organisation is named after the noun (on the record) or is unnamed
    for role, verb in itertools.product(("spokesman", "spokeswoman", "spokesperson"), VERBS):
        for org, anonymous in (
            ("for the Treasury", False), ("for Acme Corp", False), ("for the club", False),
            ("for the family", False), ("at the hospital", False), ("for one shop", True),
            ("for a local firm", True), ("for one of the banks", True), ("for another retailer", True),
        ):
            phrase = f"a {role} {org}"
            for position, sentence, shown in _positions(phrase, verb):
                parts = (("determiner", "a"), ("modifier", "org after" if not anonymous else "unnamed org after"),
                         ("role", role), ("verb", verb), ("position", position))
                out.append(Case(_draft(sentence), shown if anonymous else None, parts))
        for position, sentence, shown in _positions(f"an unnamed {role}", verb):
            parts = (("determiner", "a"), ("modifier", "unnamed"), ("role", role), ("verb", verb), ("position", position))
            out.append(Case(_draft(sentence), shown, parts))
    # phrases that are speakers as a whole, and bare plurals
    for phrase, verb in itertools.product(
        ("a person familiar with the talks", "two people familiar with the matter", "a person briefed on the plan",
         "people close to the player", "a source close to the club", "an aide to the minister",
         "a senior source at the club", "a source in the ministry"),
        VERBS,
    ):
        if phrase.split()[0] in ("two", "people") and verb in ("says", "has said"):
            verb = {"says": "say", "has said": "have said"}[verb]
        for position, sentence, shown in _positions(phrase, verb):
            parts = (("determiner", phrase.split()[0]), ("modifier", "tail"), ("role", "phrase"), ("verb", verb), ("position", position))
            out.append(Case(_draft(sentence), shown, parts))
    # more sentence shapes: after an opening adverb, with an aside, with "that", a verb's tense
    for template, phrase in itertools.product(
        ("But {p} said {C}.", "However, {p} told the BBC that {C}.", "{P}, speaking on Monday, said {C}.",
         "{P} said on Monday that {C}.", "{P} later told reporters {C}.", "{C}, {p} told the Times on Sunday.",
         "{C}, {p} said, adding that talks would resume.", "In London, {p} said {C}."),
        ("a former official", "a Conservative MP", "a senior minister", "a Treasury source", "a club insider",
         "an industry executive", "a Western diplomat", "a senior police source", "an official at the ministry"),
    ):
        body = template.format(P=_cap(phrase), p=phrase, C=CLAIM)
        shown = _cap(phrase) if body.startswith(_cap(phrase)) else phrase
        out.append(Case(_draft(body), shown, (("determiner", "a"), ("modifier", "mixed"), ("role", "mixed"),
                                              ("verb", "mixed"), ("position", "varied"))))
    for phrase in ("sources close to the player", "Labour sources", "industry insiders", "senior Treasury sources",
                   "sources within the party", "sources", "officials familiar with the matter",
                   "diplomats briefed on the talks", "aides close to the minister"):
        for verb in ("said", "say", "told the BBC", "have told the BBC"):
            sentence = f"{_cap(phrase)} {verb} {CLAIM}."
            parts = (("determiner", "bare"), ("modifier", "bare plural"), ("role", "plural"), ("verb", verb), ("position", "subject"))
            out.append(Case(_draft(sentence), _cap(phrase), parts))
            sentence = f"{_cap(CLAIM)}, according to {phrase}."
            parts = parts[:-1] + (("position", "according to"),)
            out.append(Case(_draft(sentence), phrase, parts))
    out.extend(_controls())
    return out


def _controls() -> List[Case]:
    """Anonymous phrases that must stay silent."""
    out = []
    reasons = [
        "{P}, who was not authorised to speak publicly, said {C}.",
        "{P}, who was not authorized to discuss the talks, told Reuters {C}.",
        "{C}, {p} said on condition of anonymity because they were not allowed to brief the press.",
        "{C}, {p} said. The source spoke on condition of anonymity to discuss private talks.",
        "{P} said {C}, speaking on condition of anonymity for fear of reprisals.",
        "{C}, {p} told the BBC.\n\nThe source, who spoke on condition of anonymity because the talks were private, said more would follow.",
    ]
    named = [
        "{P}, Jane Ruiz, said {C}.",
        "Jane Ruiz, {p}, said {C}.",
        "{C}, said {p}, Col. Wayne Marotto.",
    ]
    later = [
        "The official said {C}.",
        "The sources told the BBC {C}.",
        "His aides said {C}.",
        "Officials said {C}.",
        "US officials said {C}.",
        "Police said {C}.",
        "The minister issued a statement. A defence spokesman for the ministry said {C}.",
        "“{P} told me {C},” Ruiz said.",
        "A source of funding for the plan has been found.",
        "The company is a source of jobs for the town, the mayor said.",
        "The report, the official statement said, found {C}.",
        "An official visit to Paris was cancelled, the ministry said.",
        "He said a senior official had resigned over the plan.",
        "News sources reported {C}.",
        "Oil is a source of revenue for the region, the minister said.",
        "The ministry said an official had been suspended over the leak.",
        "Two officials were arrested on Monday, police said.",
        "An official inquiry said {C}.",
        "The official report said {C}.",
        "Ruiz said a source had leaked the memo.",
        "Ministers say {C}.",
        "A police spokesman said {C}.",
        "A government spokesman said {C}.",
        "A Ministry of Defence spokesman said {C}.",
        "A spokesperson for Downing Street said {C}.",
        "A spokeswoman for the company, which employs 300 people, said {C}.",
        "A senior official in the administration, Jane Ruiz, said {C}.",
        "Health Secretary Jane Ruiz told MPs {C}.",
        "The diplomat, Jane Ruiz, said {C}.",
        "Her aides said {C}.",
        "Aides said {C}.",
        "Western diplomats say {C}.",
        "One of the officials said {C}.",
        "The decision was a source of anger, campaigners said.",
    ]
    phrases = ["a senior official", "a defence source", "a Labour source", "an aide to the minister",
               "a person familiar with the talks"]
    for template, phrase in itertools.product(reasons + named, phrases):
        body = template.format(P=_cap(phrase), p=phrase, C=CLAIM)
        out.append(Case(_draft(body), None, (("control", "reason" if template in reasons else "named"),)))
    for template in later:
        body = template.format(P="A source", C=CLAIM)
        out.append(Case(_draft(body), None, (("control", "later, quoted or not a source"),)))
    return out


def evaluate(case_list=None):
    """{'tp', 'fp', 'fn', 'tn', 'by': {(part, value): counts}, 'misses': [...], 'false': [...]}."""
    sys.path.insert(0, str(ROOT))
    from lint.packs import loader as packs
    from lint.engine.runner import Engine

    case_list = case_list if case_list is not None else cases()
    rules = [r for r in packs.load_pack(ROOT / "rules" / "sourcing.yaml").rules if r.id == "sourcing.anonymous"]
    found, errors = Engine(rules).check_texts([c.text for c in case_list])
    assert not errors, errors
    by_draft = defaultdict(list)
    for f in found:
        by_draft[f.path].append(f.match)
    totals = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    by = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0, "tn": 0})
    misses, false = [], []
    for i, case in enumerate(case_list):
        got = by_draft.get(f"example-{i + 1}.txt", [])
        if case.expected is None:
            outcome = "fp" if got else "tn"
        elif case.expected in got:
            outcome = "tp"
            if len(got) > 1:
                totals["fp"] += len(got) - 1
        else:
            outcome = "fn"
            if got:
                totals["fp"] += len(got)  # a wrong span is a false alarm and a miss
        totals[outcome] += 1
        for part in case.parts:
            by[part][outcome] += 1
        if outcome == "fn":
            misses.append((case.text, got))
        elif outcome == "fp":
            false.append((case.text, got))
    return {**totals, "by": dict(by), "misses": misses, "false": false}


def _ratio(a, b):
    return a / b if b else 1.0


def main():
    result = evaluate()
    tp, fp, fn, tn = (result[k] for k in ("tp", "fp", "fn", "tn"))
    print(f"cases: {tp + fn} anonymous, {fp + tn} silent controls")
    print(f"precision {_ratio(tp, tp + fp):.3f}  recall {_ratio(tp, tp + fn):.3f}  (tp {tp}, fp {fp}, fn {fn}, tn {tn})")
    rows = sorted(result["by"].items())
    for (part, value), c in rows:
        print(f"  {part:10} {value:28} tp {c['tp']:4} fn {c['fn']:4} fp {c['fp']:4} tn {c['tn']:4}")
    for text, got in result["misses"][:15]:
        print("MISS", repr(text), got)
    for text, got in result["false"][:15]:
        print("FALSE", repr(text), got)


if __name__ == "__main__":
    main()
