"""A house registry learned from an archive: `copydesk people ARCHIVE -o registry.yaml`.

The drafts' phase-1 facts of `people.title-consistency` (the person-consistency kind: per
person named in full, the first branch, rank, formal post, middle initial, suffix and role noun
each draft gives, with the draft's date) are gathered per person; each person becomes a
registry entry (docs/registry.md) written with:

- the full name most drafts use, with the middle initial and suffix most drafts give;
- a role per rank and per formal post: one when the drafts agree; a sequence with dates when
  the forms follow each other in time (a promotion, a new post: `to` the last story with the
  old form, `from` the first with the new); else the most-used form, with the other forms
  commented `# REVIEW` for a desk (which drafts, when, how many);
- the branch most drafts give that the rank exists in (`Navy Gen.` cannot load: the Navy has
  no general), the others commented.

Every form used is counted in a comment: `# Gen.: 14 drafts, 2019-04-02 to 2021-08-30`.
The file loads with `--registry` as written; a desk reviews the comments and edits it.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Dict, Iterable, List, Optional, Tuple

from lint.kinds.newsroom import people
from lint.record import Record, field

RULE_KIND = "person-consistency"
ROLE_ATTRIBUTES = ("branch", "rank", "office")


class Use(Record):
    """One draft's use of a person: where, when, and the first of each attribute."""

    path: str
    date: Optional[str]
    name: str
    attributes: Dict[str, tuple]  # attribute -> (value, start, end, line, text)


class Form(Record):
    """One value of one attribute and the drafts that give it."""

    value: object
    uses: List[Use] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.uses)

    @property
    def dates(self) -> List[str]:
        return sorted(u.date for u in self.uses if u.date)

    @property
    def first_seen(self) -> Optional[str]:
        dates = self.dates
        return dates[0] if dates else None

    @property
    def last_seen(self) -> Optional[str]:
        dates = self.dates
        return dates[-1] if dates else None


class LearnedRole(Record):
    branch: Optional[str] = None
    rank: str = ""  # as AP abbreviates it
    title: str = ""
    start: Optional[str] = None
    end: Optional[str] = None
    note: str = ""  # a comment on the role's line: how many drafts, when


class LearnedPerson(Record):
    key: Tuple[str, str]
    name: str
    drafts: int
    dates: List[str]  # the dates of the drafts that name the person (undated ones left out)
    roles: List[LearnedRole] = field(default_factory=list)
    forms: List[str] = field(default_factory=list)  # every form used, counted: comments
    review: List[str] = field(default_factory=list)  # conflicts for a desk: comments


def person_rules(rules) -> List[str]:
    """The ids of the rules whose facts say who is who (kind person-consistency)."""
    return [r.id for r in rules if r.kind is not None and r.kind.name == RULE_KIND]


def gather(results, rule_ids: Iterable[str]) -> Dict[Tuple[str, str], List[Use]]:
    """Each person's uses, from phase-1 results (`DraftResult`s, local or from a cluster)."""
    rule_ids = list(rule_ids)
    out: Dict[Tuple[str, str], List[Use]] = {}
    for result in results:
        for rule_id in rule_ids:
            facts = result.facts.get(rule_id)
            if not facts:
                continue
            for key, name, attributes in facts["people"]:
                out.setdefault(tuple(key), []).append(
                    Use(result.path, facts.get("date"), name, {a[0]: a[1:] for a in attributes})
                )
            break  # one rule's facts per draft: a second rule of the kind says the same
    return out


class Learner:
    """Turns each person's uses into a registry entry, with the people tables' knowledge
    (which ranks a branch has, which forms are one post)."""

    def __init__(self, extractor: Optional[people.Extractor] = None):
        if extractor is None:
            extractor = people.extractor_for(*people.default_tables())
        self.extractor = extractor
        self.ranks = extractor.ranks
        self.titles = extractor.titles

    # ---- one person ------------------------------------------------------------------

    def learn(self, uses_by_person: Dict[Tuple[str, str], List[Use]], min_drafts: int = 1) -> List[LearnedPerson]:
        out = []
        for key, uses in uses_by_person.items():
            uses = sorted(uses, key=lambda u: (u.date or "", u.path))
            if len({u.path for u in uses}) < min_drafts:
                continue
            if not any(a in u.attributes for u in uses for a in ROLE_ATTRIBUTES):
                continue  # no branch, rank or post: nothing a registry would check but the name
            person = self.person(key, uses)
            if person is not None:
                out.append(person)
        return sorted(out, key=lambda p: (p.key[1], p.key[0], p.name))

    def person(self, key, uses: List[Use]) -> Optional[LearnedPerson]:
        dates = sorted(u.date for u in uses if u.date)
        learned = LearnedPerson(key, "", len(uses), dates)
        middle = self._pick(learned, "middle", uses, people.middles_agree, lambda v: " ".join(c + "." for c in v), "middle initial")
        suffix = self._pick(learned, "suffix", uses, lambda a, b: a == b, str, "suffix")
        learned.name = self._name(uses, middle, suffix)
        if self.extractor.parse_name(learned.name, 0, check_titles=False) is None:
            return None
        self._pick(learned, "gender", uses, lambda a, b: a == b, lambda v: {"m": "male", "f": "female"}.get(v, v), "role noun (spokesman/spokeswoman)")
        rank_roles = self._sequence(learned, "rank", uses)
        office_roles = self._sequence(learned, "office", uses)
        branch = self._branch(learned, uses, [r.rank for r in rank_roles])
        if branch is not None:
            if rank_roles:
                for role in rank_roles:
                    role.branch = branch
            else:
                learned.roles.append(LearnedRole(branch=branch))
        learned.roles.extend(rank_roles)
        learned.roles.extend(office_roles)
        return learned

    def _name(self, uses: List[Use], middle: Optional[str], suffix: Optional[str]) -> str:
        """The name most drafts write, with the chosen middle initial and suffix."""
        counts = Counter(u.name for u in uses)
        ranked = sorted(counts, key=lambda n: (-counts[n], -len(n), n))
        parsed = self.extractor.parse_name(ranked[0], 0, check_titles=False)
        if parsed is None or not parsed.first:
            return ranked[0]
        return people.Name(0, 0, parsed.first, middle or "", parsed.last, suffix or "").full

    # ---- attributes --------------------------------------------------------------------

    def _forms(self, attribute: str, uses: List[Use], agree=None) -> List[Form]:
        """The distinct values of `attribute` (values that agree are one form), most drafts first."""
        forms: List[Form] = []
        for use in uses:
            if attribute not in use.attributes:
                continue
            value = use.attributes[attribute][0]
            form = next((f for f in forms if f.value == value or (agree is not None and agree(f.value, value))), None)
            if form is None:
                form = Form(value)
                forms.append(form)
            form.uses.append(use)
        return sorted(forms, key=lambda f: (-f.count, f.first_seen or "9999", str(f.value)))

    def _pick(self, learned, attribute, uses, agree, show, noun) -> Optional[str]:
        """The most-used value of an attribute that cannot change (middle, suffix, role noun);
        the others are a conflict to review."""
        forms = self._forms(attribute, uses, agree)
        if not forms:
            return None
        if attribute == "middle":  # "H.W." and "W." agree: the fuller one
            longest = max(forms[0].uses, key=lambda u: len(u.attributes["middle"][0]))
            forms[0].value = longest.attributes["middle"][0]
        if len(forms) > 1:
            learned.review.append(self._conflict(noun, forms, show))
        if attribute != "gender":
            learned.forms.append(f"{noun}: " + "; ".join(f"{show(f.value)} ({self._count_note(f)})" for f in forms))
        return forms[0].value

    def _rank_form(self, keys) -> str:
        rank = self.ranks.ranks[keys[0]]
        return (rank.abbr or rank.words)[0]

    def _office_form(self, office: str) -> str:
        """The title a registry writes for a post: its fullest form ("Senator", not "Sen.")."""
        forms = [f for f, o in self.titles.office_of.items() if o == office]
        plain = [f for f in forms if not f.endswith(".")]
        return (plain or forms or [office])[0]

    def _show(self, attribute):
        if attribute == "rank":
            return self._rank_form
        if attribute == "office":
            return self._office_form
        return str

    def _sequence(self, learned, attribute, uses) -> List[LearnedRole]:
        """Roles for a rank or post: one per form when the forms follow each other in time
        (every draft of one before every draft of the next), else the most-used one."""
        if attribute == "rank":
            agree = lambda a, b: self.ranks.ranks_agree(a, b)  # noqa: E731
        else:
            agree = self.titles.same_post
        forms = self._forms(attribute, uses, agree)
        if not forms:
            return []
        show = self._show(attribute)
        noun = "rank" if attribute == "rank" else "title"
        learned.forms.append(f"{noun}: " + "; ".join(f"{show(f.value)} ({self._count_note(f)})" for f in forms))
        chosen = [forms[0]]
        if len(forms) > 1:
            in_time = sorted(forms, key=lambda f: f.first_seen or "")
            follows = all(f.count == len(f.dates) for f in forms) and all(
                a.last_seen < b.first_seen for a, b in zip(in_time, in_time[1:])
            )
            if follows:
                chosen = in_time
            else:
                learned.review.append(self._conflict(noun, forms, show))
        roles = []
        for i, form in enumerate(chosen):
            role = LearnedRole(note=self._count_note(form) if len(chosen) > 1 else "")
            if attribute == "rank":
                role.rank = show(form.value)
            else:
                role.title = show(form.value)
            if len(chosen) > 1:
                role.start = form.first_seen if i > 0 else None
                role.end = form.last_seen if i < len(chosen) - 1 else None
            roles.append(role)
        if len(chosen) > 1:
            steps = " -> ".join(f"{show(f.value)} ({f.first_seen} to {f.last_seen})" for f in chosen)
            learned.review.append(f"{noun} changed in time: {steps}; check the dates (the registry's from/to are the first and last stories seen)")
        return roles

    def _branch(self, learned, uses, rank_forms: List[str]) -> Optional[str]:
        """The branch most drafts give that has every learned rank; the others to review."""
        forms = self._forms("branch", uses, self.ranks.branches_agree)
        if not forms:
            return None
        ranks = [self.ranks.ranks_of(r) for r in rank_forms]

        def fits(branch) -> bool:
            return all(self.ranks.valid(branch, keys) for keys in ranks)

        learned.forms.append("branch: " + "; ".join(f"{f.value} ({self._count_note(f)})" for f in forms))
        fitting = [f for f in forms if fits(f.value)]
        if len(forms) > 1 or not fitting:
            why = {}
            for f in forms:
                if not fits(f.value):
                    bad = [r for r, keys in zip(rank_forms, ranks) if not self.ranks.valid(f.value, keys)]
                    why[f.value] = f"the {f.value} has no {' or '.join(bad)} rank"
            learned.review.append(self._conflict("branch", forms, str, why))
        return fitting[0].value if fitting else None

    # ---- comments ----------------------------------------------------------------------

    @staticmethod
    def _count_note(form: Form) -> str:
        """"3 drafts, 2024-03-12 to 2025-02-10", "2 drafts, undated", "2 drafts, 2025-09-01 and 1 undated" """
        return seen_note(form.count, form.dates)

    def _conflict(self, noun: str, forms: List[Form], show, why: Optional[dict] = None) -> str:
        why = why or {}
        parts = []
        for form in forms:
            example = form.uses[0]
            _value, _start, _end, line, text = example.attributes[_attribute_of(noun)]
            reason = f" -- {why[form.value]}" if form.value in why else ""
            parts.append(f"{show(form.value)} in {self._count_note(form)}, e.g. {example.path}:{line} “{text}”{reason}")
        return f"{noun} conflict: " + "; ".join(parts)


def seen_note(count: int, dates: List[str]) -> str:
    drafts = f"{count} draft{'s' if count != 1 else ''}"
    if not dates:
        return f"{drafts}, undated"
    span = dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"
    undated = count - len(dates)
    return f"{drafts}, {span}" + (f" and {undated} undated" if undated else "")


def _attribute_of(noun: str) -> str:
    return {
        "middle initial": "middle",
        "suffix": "suffix",
        "role noun (spokesman/spokeswoman)": "gender",
        "rank": "rank",
        "title": "office",
        "branch": "branch",
    }[noun]


# ---- writing the file --------------------------------------------------------------------

_PLAIN_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}


def scalar(value: str) -> str:
    """A YAML scalar for `value`: plain when that reads back as the same text, else quoted."""
    plain = (
        value
        and value.strip() == value
        and value.lower() not in _PLAIN_WORDS
        and value[0].isalpha()
        and all(c.isalnum() or c in " .'-’" for c in value)
        and not value[-1] == ":"
    )
    return value if plain else json.dumps(value, ensure_ascii=False)


def _comment_lines(text: str, indent: str, width: int = 100) -> List[str]:
    """`text` as `# ` comment lines no wider than `width` (continuations indented)."""
    words = text.split(" ")
    lines, line = [], indent + "# "
    for word in words:
        if len(line) + len(word) + 1 > width and line.strip() not in ("#", "#  "):
            lines.append(line.rstrip())
            line = indent + "#   "
        line += word + " "
    lines.append(line.rstrip())
    return lines


def render(learned: List[LearnedPerson], drafts: int, where: str) -> str:
    """The registry file's text: loads with `--registry` as it is."""
    reviews = sum(1 for p in learned if p.review)
    out = [
        f"# The people of {where}, learned by `copydesk people` from {drafts} draft{'s' if drafts != 1 else ''}:",
        f"# {len(learned)} people, {reviews} with forms to review.",
        "# Each entry is the form most drafts use; the forms counted below each name are what the",
        "# drafts used. `# REVIEW` marks a conflict: the entry keeps the most-used form that the",
        "# tables allow, the others are listed with their drafts. Check them, correct the entries,",
        "# then check with it: copydesk check --registry THIS_FILE DRAFTS (docs/registry.md).",
        "people:",
    ]
    if not learned:
        out[-1] = "people: []"
    for person in learned:
        out.append(f"  - name: {scalar(person.name)}")
        out.extend(_comment_lines(f"named in full in {seen_note(person.drafts, person.dates)}", "    "))
        for form in person.forms:
            out.extend(_comment_lines(form, "    "))
        for review in person.review:
            out.extend(_comment_lines(f"REVIEW {review}", "    "))
        if person.roles:
            out.append("    roles:")
            for role in person.roles:
                keys = [
                    (k, v)
                    for k, v in (("branch", role.branch), ("rank", role.rank), ("title", role.title), ("from", role.start), ("to", role.end))
                    if v
                ]
                for i, (k, v) in enumerate(keys):
                    lead = "      - " if i == 0 else "        "
                    text = v if k in ("from", "to") else scalar(v)
                    note = f"  # {role.note}" if i == 0 and role.note else ""
                    out.append(f"{lead}{k}: {text}{note}")
    return "\n".join(out) + "\n"
