"""person-consistency: one person, two branches, ranks, titles, middle initials or suffixes.

Three comparisons, each reported at the mention that disagrees:

- within one draft: each later mention against the first one carrying the same attribute
  (branch, rank, middle initial, formal office). A bare surname carries nothing, so AP's
  later references never conflict; the gender of role nouns is `role-gender`'s business.
- across the drafts of a run (phase 2): each draft's first reference against the other
  drafts', reported in every draft involved, naming the other draft (as the run names it,
  folder and all), its line and its date. Drafts with different dates (`lint.kinds.newsroom.dates`: front
  matter, a dateline or a date line) may show a promotion or a new post: a rank or office that
  differs between them is reported as a question ("changed post or an error?") naming the
  later draft. A dated draft's rank and post are compared with the dated drafts next to it in
  time (and the undated ones), so an archive where a post changed once is asked about once;
  between undated drafts it is a conflict.
- against the house registry (`Context.registry`): a person the registry knows is compared
  with it alone; the registry's roles held on the story's date (all of them when it has none)
  are the truth, and its `level: error` raises the finding to an error.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from lint.kinds.newsroom.dates import draft_date
from lint.kinds.newsroom.people_base import PeopleKind, in_spans
from lint.model import Hit
from lint.kinds.newsroom.people import Mention, middles_agree

ATTRIBUTE_NAMES = {
    "branch": "branch",
    "rank": "rank",
    "middle": "middle initial",
    "suffix": "suffix",
    "office": "title",
    "gender": "gender of the role noun",
}


def differ_phrase(attributes: List[str]) -> str:
    names = [ATTRIBUTE_NAMES[a] for a in dict.fromkeys(attributes)]
    if len(names) == 1:
        return f"{names[0]} differs"
    return ", ".join(names[:-1]) + f" and {names[-1]} differ"


class PersonConsistency(PeopleKind):
    """Options (besides ranks, titles):

    within    compare the mentions of one draft (default true)
    across    compare the drafts of one run (default true)
    registry  compare with the house registry when the run has one (default true)
    offices   compare formal posts (Sen., Gov., Mayor, Home Secretary: `offices` in the titles
              table) within a draft, across drafts and with the registry (default true)

    Message values: {there} (the other mention, or the registry's form), {where} ("at line 9",
    "in stories/draft-b.txt:29 (dated 2026-07-04, later than this draft's 2026-03-03)",
    "in the registry (people.yaml:4: ...)"), {differs} ("branch differs"), {person} (the
    fullest name used), {advice} (what to do: "check which is right and use it in every
    reference", or, between drafts of different dates, "check: changed post or an error? ...").
    """

    name = "person-consistency"
    message_values = ("there", "where", "differs", "person", "advice")
    cross_draft = True

    within: bool = True
    across: bool = True
    registry: bool = True
    offices: bool = True

    # ---- phase 1 -----------------------------------------------------------------------

    def check(self, doc, spans, context):
        registry = context.registry if self.registry else None
        date = _date_of(doc) if registry is not None else None
        for person in self.named_people(doc, context):
            entry = registry.lookup(person.key) if registry is not None else None
            if entry is not None:
                hits = self._against_registry(doc, person, entry, registry, date)
            elif self.within:
                hits = self._within(doc, person)
            else:
                continue
            for hit in hits:
                if in_spans(hit.start, spans):
                    yield hit

    def _value(self, doc, mention: Mention, attribute: str):
        if attribute == "branch":
            return mention.branch
        if attribute == "rank":
            return mention.rank if mention.rank and not mention.qualified else None
        if attribute == "middle":
            return mention.name.middle if mention.full_name and mention.name.middle else None
        if attribute == "office":
            return self._office(doc, mention)
        raise KeyError(attribute)

    def _office(self, doc, mention: Mention) -> Optional[str]:
        """The post a mention gives, when it is a current one to compare: named in full, not
        former/then-/-elect, not inside a quotation (a quote may speak of the past)."""
        if not (self.offices and mention.office and mention.full_name and not mention.qualified):
            return None
        if doc.in_quote(mention.start) is not None:
            return None
        return mention.office

    def _agree(self, attribute: str, a: Mention, b: Mention) -> bool:
        table = self.extractor.ranks
        if attribute == "branch":
            return table.branches_agree(a.branch, b.branch)
        if attribute == "rank":
            return table.ranks_agree(a.rank, b.rank, short_ok=not (a.full_name and b.full_name))
        if attribute == "middle":
            return middles_agree(a.name.middle, b.name.middle)
        return self.extractor.titles.same_post(a.office, b.office)

    def _within(self, doc, person):
        if len(person.mentions) < 2:
            return  # (a conflict is between two mentions)
        first: Dict[str, Mention] = {}
        for mention in person.mentions:
            if mention.branch is None and not mention.rank and not mention.name.middle and not mention.office:
                continue  # (each `_value` below is None: a bare surname, a role noun)
            conflicts: List[Tuple[str, Mention]] = []
            for attribute in ("branch", "rank", "middle", "office"):
                if self._value(doc, mention, attribute) is None:
                    continue
                ref = first.get(attribute)
                if ref is None:
                    first[attribute] = mention
                elif ref is not mention and not self._agree(attribute, ref, mention):
                    conflicts.append((attribute, ref))
            if conflicts:
                ref = min((r for _, r in conflicts), key=lambda r: r.start)
                line = doc.position(ref.start)[0]
                attributes = [a for a, r in conflicts if r is ref]
                yield Hit(
                    mention.start,
                    mention.end,
                    {
                        "there": ref.text,
                        "where": f"at line {line}",
                        "differs": differ_phrase(attributes),
                        "person": person.name,
                        "advice": conflict_advice(attributes),
                    },
                )

    def _against_registry(self, doc, person, entry, registry, date):
        table = self.extractor.ranks
        roles = entry.roles_on(date)
        offices = {r.office for r in roles if r.office}
        for mention in person.mentions:
            differs = []
            if mention.branch and any(r.branch for r in roles):
                if not any(r.branch and table.branches_agree(mention.branch, r.branch) for r in roles):
                    differs.append("branch")
            if mention.rank and not mention.qualified and any(r.rank for r in roles):
                if not any(r.rank and table.ranks_agree(mention.rank, r.rank, short_ok=not mention.full_name) for r in roles):
                    differs.append("rank")
            if mention.full_name and mention.name.middle and entry.middles:
                if not any(middles_agree(mention.name.middle, m) for m in entry.middles):
                    differs.append("middle")
            if mention.name.suffix and entry.suffix and mention.name.suffix != entry.suffix:
                differs.append("suffix")
            office = self._office(doc, mention) if offices else None
            if office and not any(self.extractor.titles.same_post(office, o) for o in offices):
                differs.append("office")
            if not differs:
                continue
            role = entry.shown_role(date)
            there = entry.name
            detail = ""
            if role is not None:
                rank = f"{role.rank_form} " if role.rank_form else ""
                branch = f"{role.branch} " if role.branch and rank else ""
                there = f"{branch}{rank}{entry.name}"
                detail = role.describe()
            where = f"in the house registry ({registry.where(entry)}{': ' + detail if detail else ''})"
            values = {
                "there": there,
                "where": where,
                "differs": differ_phrase(differs),
                "person": entry.name,
                "advice": "use the registry's form, or correct the registry if it is out of date",
            }
            if registry.level_for(entry) == "error":
                values["level"] = "error"
            yield Hit(mention.start, mention.end, values)

    # ---- phase 1 facts for phase 2 ------------------------------------------------------

    def facts(self, doc, context):
        """Per person named in full and not in the registry: the first reference of each
        attribute, as (attribute, value, start, end, line, text). Small and picklable."""
        if not self.across:
            return None
        registry = context.registry if self.registry else None
        out = []
        for person in self.named_people(doc, context):
            if registry is not None and registry.lookup(person.key) is not None:
                continue
            found = {}
            for mention in person.mentions:
                # each attribute's value (None: the mention gives none), in this order, for
                # the attributes no earlier mention gave; most mentions give one or none, so
                # only those are listed, and the line is looked up once, when there is one
                name = mention.name
                given = []
                if mention.office and "office" not in found:
                    office = self._office(doc, mention)
                    if office is not None:
                        given.append(("office", office))
                if mention.branch is not None and "branch" not in found:
                    given.append(("branch", mention.branch))
                if mention.rank and not mention.qualified and name.first and "rank" not in found:
                    given.append(("rank", mention.rank))
                if name.middle and name.first and "middle" not in found:
                    given.append(("middle", name.middle))
                if name.suffix and "suffix" not in found:
                    given.append(("suffix", name.suffix))
                role = mention.role
                if role and role.gender in ("m", "f") and "gender" not in found:
                    given.append(("gender", role.gender))
                if given:
                    line = doc.position(mention.start)[0]
                    for attribute, value in given:
                        found[attribute] = (value, mention.start, mention.end, line, mention.text)
            if found:
                out.append((person.key, person.name, tuple((a,) + v for a, v in found.items())))
        if not out:
            return None
        return {"date": _date_of(doc), "people": tuple(out)}

    # ---- phase 2 -----------------------------------------------------------------------

    def judge(self, facts_by_path, context):
        if not self.across:
            return
        by_person: Dict[Tuple[str, str], List[Tuple[str, Optional[str], dict, str]]] = {}
        for path, facts in facts_by_path.items():
            for key, name, attributes in facts["people"]:
                by_person.setdefault(key, []).append(
                    (path, facts["date"], {a[0]: a[1:] for a in attributes}, name)
                )
        for key, entries in by_person.items():
            if len(entries) < 2:
                continue
            yield from self._across(entries)

    def _values_agree(self, attribute: str, a, b) -> bool:
        table = self.extractor.ranks
        if attribute == "branch":
            return table.branches_agree(a, b)
        if attribute == "rank":
            return table.ranks_agree(a, b)
        if attribute == "middle":
            return middles_agree(a, b)
        if attribute == "office":
            return self.extractor.titles.same_post(a, b)
        return a == b

    def _across(self, entries):
        # (path, mention start) -> [(attribute, other path, other fact)]
        conflicts: Dict[Tuple[str, int], List[Tuple[str, str, tuple]]] = {}
        mention_of: Dict[Tuple[str, int], tuple] = {}
        names = {path: name for path, _date, _attrs, name in entries}
        dates = {path: date for path, date, _attrs, _name in entries}
        for attribute in ("branch", "rank", "office", "middle", "suffix", "gender"):
            holders = [(path, date, attrs[attribute]) for path, date, attrs, _name in entries if attribute in attrs]
            if len(holders) < 2:
                continue
            # one holder per distinct value keeps this linear in drafts, not quadratic
            by_value: Dict[object, List[tuple]] = {}
            for holder in holders:
                by_value.setdefault(holder[2][0], []).append(holder)
            if len(by_value) < 2:
                continue
            neighbours = self._date_neighbours(holders) if attribute in CHANGEABLE else {}
            undated: Dict[object, List[tuple]] = {}
            if neighbours:
                for holder in holders:
                    if not holder[1]:
                        undated.setdefault(holder[2][0], []).append(holder)
            for holder in holders:
                path, date, fact = holder
                if date and attribute in CHANGEABLE:
                    # a dated draft: against the drafts just before and after it in time, then
                    # the undated ones. An archive where a post changed once is asked about once
                    # (the last story with the old post, the first with the new), not in every
                    # story on either side; a post out of step with its neighbours is flagged
                    other = next(
                        (n for n in neighbours[path] if not self._values_agree(attribute, fact[0], n[2][0])), None
                    ) or self._first_disagreeing(attribute, fact[0], undated, by_value)
                else:
                    other = self._first_disagreeing(attribute, fact[0], by_value, by_value)
                if other is None:
                    continue
                place = (path, fact[1])
                mention_of[place] = fact
                conflicts.setdefault(place, []).append((attribute, other[0], other[2]))
        for (path, start), found in conflicts.items():
            fact = mention_of[(path, start)]
            _, other_path, other_fact = found[0]
            attributes = [a for a, p, f in found if p == other_path and f[1] == other_fact[1]]
            here, there = dates[path], dates[other_path]
            changed = bool(here and there and here != there) and all(a in CHANGEABLE for a in attributes)
            yield path, Hit(
                fact[1],
                fact[2],
                {
                    "there": other_fact[4],
                    "where": f"in {other_path}:{other_fact[3]}{dated(here, there)}",
                    "differs": differ_phrase(attributes),
                    "person": names[path],
                    "advice": changed_advice(attributes) if changed else conflict_advice(attributes, True, here, there),
                },
            )

    @staticmethod
    def _date_neighbours(holders) -> Dict[str, Tuple[tuple, ...]]:
        """For each dated holder's path, the dated holders just before and after it in time."""
        dated_holders = sorted((h for h in holders if h[1]), key=lambda h: (h[1], h[0]))
        out = {}
        for i, holder in enumerate(dated_holders):
            before = dated_holders[i - 1 : i] if i else []
            out[holder[0]] = tuple(before + dated_holders[i + 1 : i + 2])
        return out

    def _first_disagreeing(self, attribute, value, by_value, all_by_value):
        """The first holder of a value that disagrees with `value`, among `by_value`.

        Where each value is given by ESTABLISHED drafts or more, the drafts are no slip: a
        post that changed between undated stories, or two people of one name. Where only
        `value` is, its drafts are right and the few others are the ones reported."""
        mine = len(all_by_value.get(value, ()))
        for other_value, others in by_value.items():
            if other_value == value or self._values_agree(attribute, value, other_value):
                continue
            if mine >= ESTABLISHED:
                continue  # established here: the other drafts, established or not, are not this one's slip
            return others[0]
        return None


# what may change between two stories written on different days: a rank (promotion), a post
CHANGEABLE = ("rank", "office")
# drafts agreeing on a value that make it the run's established one: a draft among them is
# never reported; a value given by fewer drafts, against it, is
ESTABLISHED = 3


def dated(here: Optional[str], there: Optional[str]) -> str:
    """The other draft's date as the message gives it, after its path and line."""
    if not there:
        return " (no date)" if here else ""
    if not here:
        return f" (dated {there}; this draft has no date)"
    if there == here:
        return f" (also dated {there})"
    later = "later" if there > here else "earlier"
    return f" (dated {there}, {later} than this draft's {here})"


def conflict_advice(attributes: List[str], across: bool = False, here: Optional[str] = None, there: Optional[str] = None) -> str:
    """What to do about a conflict; `across` drafts, the dates of this draft and the other."""
    advice = "check which is right and use it in every reference"
    if "middle" in attributes:
        advice += ", or, if these are two people, tell them apart"
    changeable = [a for a in CHANGEABLE if a in attributes]
    if across and changeable and not (here and there):
        what = " or ".join(CHANGE_NOUN[a] for a in changeable)
        advice += f"; if the {what} changed between the stories, date them (front matter `date:` or a dateline)"
    return advice


CHANGE_NOUN = {"rank": "rank", "office": "post"}


def changed_advice(attributes: List[str]) -> str:
    what = "promotion" if attributes == ["rank"] else "changed post"
    noun = "rank" if attributes == ["rank"] else "title"
    return (
        f"check: {what} or an error? If it changed between the two dates, both can stand; "
        f"if not, use the right {noun} in both"
    )


def _date_of(doc) -> Optional[str]:
    """The story's date (`lint.kinds.newsroom.dates.draft_date`): front matter, a date line or a dateline."""
    return draft_date(doc)
