"""Find the people a draft names: branch, rank or title, first name, initials, surname, suffix,
and the role nouns of appositives ("Jessica McNulty, a Pentagon spokeswoman,").

Three passes over the prose, each one compiled pattern, then a small name parser in Python:

1. titled mentions: an optional qualifier (former, then-, retired), an optional branch
   ("U.S. Army"), a rank, office, title or role noun, then a name:
   `Navy Gen. Kenneth McKenzie`, `Pentagon press secretary John Kirby`, `President Biden`;
2. untitled names with a middle initial or a suffix (`Kenneth F. McKenzie Jr.`): the shape is
   distinctive enough to be a person, and it is all the middle-initial check needs;
3. appositives after a name: `, a Pentagon spokeswoman,` / `, the Pentagon spokesman,` /
   `, a retired Army general,`.

People are grouped by full name (first + last); a surname-only mention (`McNulty, the
Pentagon spokesman`, `Gen. McKenzie`) joins the one person of that surname the draft names in
full, and is dropped when there is none or more than one. AP drops titles on later references,
so a bare surname never conflicts with anything.

The tables (ranks, branches, titles, role nouns, words that are never names) come from
`rules/data/ranks.yaml` and `rules/data/titles.yaml`; see those files.
"""

from __future__ import annotations

import functools
import os
from typing import Dict, FrozenSet, Iterable, List, Optional, Tuple

from lint.engine.patterns import lazy_compile, lazy_std_compile
from lint.engine.prefilter import prefilters_enabled
from lint.engine.rx import regex
from lint.kinds.base import finditer, match, search
from lint.kinds.newsroom.sourcing_base import AskedWords, az_words, folded_words
from lint.record import Record, field


def _asked_words(folded: str) -> "AskedWords":
    """`az_words`, registered as words asked of the draft's `folded_words` (which keeps only
    the draft's words some kind asks about: see `AskedWords`)."""
    return AskedWords(az_words(folded))


_SP = r"[^\S\n]+"  # spaces on one line
_PARTICLE = r"(?:al|el|bin|ibn|abu|da|de|di|du|del|della|der|den|dos|das|la|le|van|von|ter|ten)"
_WORD = rf"(?:{_PARTICLE}(?:-|{_SP}))*\p{{Lu}}[\p{{L}}\p{{M}}’'\-]*"
_NAME_PIECE = lazy_compile(
    rf"(?P<suffix>(?:Jr|Sr)\.|(?:II|III|IV)(?![\p{{L}}\p{{N}}]))|(?P<init>\p{{Lu}}\.)|(?P<word>{_WORD})"
)
_PIECE_GAP = lazy_compile(rf"{_SP}|,{_SP}(?=(?:Jr|Sr)\.|(?:II|III|IV)(?![\p{{L}}\p{{N}}]))")
_POSSESSIVE = ("’s", "'s", "’", "'")
_CAPITAL_NEXT = lazy_compile(r"[^\S\n]+\p{Lu}")
_RUN = lazy_compile(r"[\p{L}\p{N}]+")
_INITIAL_RUN = lazy_compile(r"(?:\p{Lu}\.)+")
# the word just before a title, on its line: "Deputy " / "shadow " / "Vice-"
_WORD_BEFORE = lazy_compile(r"(?<![\p{L}\p{N}])([\p{L}]+)(?:[^\S\n]+|-)\Z")
# the dot of a first name's first initial ("Kenneth F.": the `first` name, spaces, a capital
# and a dot, as `Extractor._initialed` has them) or after "Jr" / "Sr". A lookbehind before a
# literal ".": the search skips from dot to dot. ("the U.S." has no such dot.)
_INITIAL_DOT = lazy_compile(r"(?<=\p{Lu}[\p{Ll}\p{M}][\p{L}\p{M}’'\-]*[^\S\n]+\p{Lu}|[JS]r)\.")
# The dots _INITIAL_DOT may find, and a few more: a dot after white space and a letter other
# than a-z (a superset of a line space and \p{Lu}: str.isspace takes every [^\S\n], and every
# \p{Lu} is a letter), or after "Jr" / "Sr". The standard library's `re` scans a draft for
# these in about two thirds of the instructions `regex` takes for _INITIAL_DOT, and the few it
# finds ("the U.S.", "Jr.") are then matched with _INITIAL_DOT at their place.
_INITIAL_DOT_CANDIDATE = lazy_std_compile(r"\.(?:(?<=\s[^\W\d_a-z]\.)|(?<=[JS]r\.))")
# a run of letters and digits with a digit after a letter
_LETTER_THEN_DIGIT = lazy_compile(r"\p{L}.*\p{N}")
# `Extractor._read_word`'s verdicts on a word
_NOT_A_NAME = "not a name"
_SURNAME_OR_PLACE = "surname or place"
# bytes.translate table keeping ASCII letters and digits, every other byte a space (`_words`)
_RUNS_ONLY = bytes(c if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256))


class TableError(ValueError):
    """A people table (ranks, titles) is malformed; the message says where."""


# ---- tables ------------------------------------------------------------------------------


class Rank(Record, frozen=True):
    key: str
    abbr: Tuple[str, ...]
    words: Tuple[str, ...]
    grades: Tuple[str, ...]
    family: Optional[str]
    ambiguous: bool


class Branch(Record, frozen=True):
    name: str
    names: Tuple[str, ...]
    ranks: FrozenSet[str]
    like: Tuple[str, ...]


class RankTable:
    """Branches, their ranks, and the forms ranks are written in (from ranks.yaml)."""

    def __init__(self, table):
        if not isinstance(table, dict) or not isinstance(table.get("ranks"), dict) or not isinstance(table.get("branches"), dict):
            raise TableError("the ranks table needs `ranks:` and `branches:` mappings")
        self.ranks: Dict[str, Rank] = {}
        for key, info in table["ranks"].items():
            if not isinstance(info, dict):
                raise TableError(f"rank {key!r}: needs abbr, words, grades")
            self.ranks[key] = Rank(
                key,
                tuple(info.get("abbr") or ()),
                tuple(info.get("words") or ()),
                tuple(info.get("grades") or ()),
                info.get("family"),
                bool(info.get("ambiguous", False)),
            )
        self.not_in_appositive = frozenset(table.get("not-in-appositive") or ())
        self.other_forces = frozenset(table.get("other-forces") or ())
        self.branches: Dict[str, Branch] = {}
        self.branch_of_name: Dict[str, str] = {}
        for name, info in table["branches"].items():
            ranks = frozenset(info.get("ranks") or ())
            unknown = ranks - set(self.ranks)
            if unknown:
                raise TableError(f"branch {name!r}: unknown ranks {sorted(unknown)}")
            branch = Branch(name, tuple(info.get("names") or (name,)), ranks, tuple(info.get("like") or ()))
            self.branches[name] = branch
            for written in branch.names:
                self.branch_of_name[written] = name
        for branch in list(self.branches.values()):
            if branch.like:
                merged = set(branch.ranks)
                for other in branch.like:
                    merged |= self.branches[other].ranks
                self.branches[branch.name] = Branch(branch.name, branch.names, frozenset(merged), branch.like)
        # written form -> rank keys ("Capt." -> captain, navy-captain)
        self.by_abbr: Dict[str, Tuple[str, ...]] = {}
        self.by_word: Dict[str, Tuple[str, ...]] = {}
        for rank in self.ranks.values():
            for form in rank.abbr:
                self.by_abbr[form] = self.by_abbr.get(form, ()) + (rank.key,)
            for form in rank.words:
                self.by_word[form.lower()] = self.by_word.get(form.lower(), ()) + (rank.key,)

    def ranks_of(self, written: str) -> Tuple[str, ...]:
        return self.by_abbr.get(written) or self.by_word.get(written.lower(), ())

    def is_ambiguous(self, written: str) -> bool:
        """A spelled-out form that is also an everyday word ("Major", "Captain", "Commander")."""
        if written in self.by_abbr:
            return False
        return all(self.ranks[k].ambiguous for k in self.by_word.get(written.lower(), ()))

    def is_post_after(self, branch_written: str, written: str) -> bool:
        """Is a spelled-out rank that is also a role ("Commander") a post after this branch,
        which has no such rank? "Army Commander Lt Gen Vikum Perera", "Air Force Commander
        Air Marshal Zahid Babar": the commander of that force, not a rank written wrong."""
        keys = self.by_word.get(written.lower()) if written not in self.by_abbr else None
        if not keys or not all(k in self.not_in_appositive for k in keys):
            return False
        return not self.valid(self.branch_of_name[branch_written], keys)

    def other_force_before(self, text: str, start: int) -> bool:
        """Does the word before a branch name make it another country's force ("British Army",
        "Royal Australian Air Force"), whose ranks are not the U.S. branch's?"""
        end = len(text[:start].rstrip())
        begin = end
        while begin > 0 and text[begin - 1].isalpha():
            begin -= 1
        return text[begin:end] in self.other_forces

    def valid(self, branch: str, ranks: Iterable[str]) -> bool:
        allowed = self.branches[branch].ranks
        return any(r in allowed for r in ranks)

    def branches_with(self, ranks: Iterable[str]) -> List[str]:
        ranks = set(ranks)
        return [b.name for b in self.branches.values() if not b.like and b.ranks & ranks]

    def equivalent(self, branch: str, ranks: Iterable[str]) -> Optional[str]:
        """The branch's rank of the same pay grade, as AP abbreviates it ("Adm." for Navy Gen.)."""
        grades = {g for r in ranks for g in self.ranks[r].grades}
        allowed = self.branches[branch].ranks
        for key, rank in self.ranks.items():  # table order, so the answer never varies
            if key in allowed and grades & set(rank.grades):
                return (rank.abbr or rank.words)[0]
        return None

    def branches_agree(self, a: str, b: str) -> bool:
        if a == b:
            return True
        return b in self.branches[a].like or a in self.branches[b].like

    def ranks_agree(self, a: Tuple[str, ...], b: Tuple[str, ...], short_ok: bool = False) -> bool:
        """Same rank (any shared key); with short_ok a family form stands for its members."""
        if set(a) & set(b):
            return True
        if short_ok:
            families_a = {self.ranks[k].family or k for k in a}
            families_b = {self.ranks[k].family or k for k in b}
            # "Gen. McKenzie" after "Lt. Gen. Kenneth McKenzie": the short form is the family
            return bool((families_a & set(b)) or (families_b & set(a)))
        return False


class Role(Record, frozen=True):
    noun: str
    gender: Optional[str]
    family: Optional[str]


def _compatible_pairs(entries, offices) -> FrozenSet[FrozenSet[str]]:
    """The `compatible` entries as pairs of offices. An entry is a pair, or an office and a
    list of the offices held with it ([deputy-prime-minister, [defence-minister, ...]])."""
    pairs = set()
    for entry in entries:
        if not isinstance(entry, list) or len(entry) != 2 or not isinstance(entry[0], str):
            raise TableError(f"titles: each `compatible` entry is a pair of offices, not {entry!r}")
        one, others = entry
        others = others if isinstance(others, list) else [others]
        unknown = [o for o in [one, *others] if o not in offices]
        if unknown:
            raise TableError(f"titles: `compatible` names unknown offices {unknown} (offices: {', '.join(sorted(offices))})")
        pairs.update(frozenset((one, other)) for other in others)
    return frozenset(pairs)


class TitleTable:
    """Offices, other titles, role nouns, qualifiers and words that are never names."""

    def __init__(self, table):
        if not isinstance(table, dict):
            raise TableError("the titles table is a mapping with offices, titles, roles, qualifiers, not-names")
        self.office_of: Dict[str, str] = {}
        for office, forms in (table.get("offices") or {}).items():
            if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
                raise TableError(f"titles: office {office!r} needs a list of the forms it is written in")
            for form in forms:
                self.office_of[form] = office
        self.compatible: FrozenSet[FrozenSet[str]] = _compatible_pairs(table.get("compatible") or (), set(self.office_of.values()))
        self.post_modifiers = frozenset(w.casefold() for w in table.get("post-modifiers") or ())
        self.honorifics = tuple(table.get("honorifics") or ())
        self.titles = tuple(table.get("titles") or ())
        self.roles: Dict[str, Role] = {}
        for noun, info in (table.get("roles") or {}).items():
            info = info or {}
            self.roles[noun.lower()] = Role(noun.lower(), info.get("gender"), info.get("family"))
        self.qualifiers = tuple(table.get("qualifiers") or ())
        self.not_names = frozenset(table.get("not-names") or ())
        self.not_initials = frozenset(table.get("not-initials") or ())
        self.surname_or_place = frozenset(table.get("surname-or-place") or ())

    def same_post(self, a: str, b: str) -> bool:
        """One post, or two posts one person holds at once (`compatible`)."""
        return a == b or frozenset((a, b)) in self.compatible


# ---- mentions ------------------------------------------------------------------------------


class Name(Record):
    start: int
    end: int
    first: str
    middle: str  # initials only, letters without dots: "F", "HW"
    last: str
    suffix: str  # "Jr.", "Sr.", "II", ...

    def __init__(self, start: int, end: int, first: str, middle: str, last: str, suffix: str):
        # (written out: thousands a run; Record's generic __init__ costs three times as much)
        self.__dict__.update(start=start, end=end, first=first, middle=middle, last=last, suffix=suffix)
        # the person's key (folded first and last name; None without a first name), read
        # several times a name by the grouping and the rules: worked out once (not a field,
        # so not compared; no code changes a name's parts once it is made)
        self.__dict__["key"] = (fold(first), fold(last)) if first else None

    @property
    def full(self) -> str:
        parts = [self.first] if self.first else []
        parts += [c + "." for c in self.middle]
        parts.append(self.last)
        if self.suffix:
            parts.append(self.suffix)
        return " ".join(parts)


class Mention(Record):
    """One naming of a person. Offsets are into Document.text."""

    start: int
    end: int
    name: Name
    branch: Optional[str] = None  # canonical branch name
    branch_span: Optional[Tuple[int, int]] = None
    rank: Tuple[str, ...] = ()  # rank keys
    rank_form: str = ""  # as written: "Gen.", "general"
    rank_span: Optional[Tuple[int, int]] = None
    office: Optional[str] = None  # compared civilian office ("senator")
    title_form: str = ""
    role: Optional[Role] = None
    role_span: Optional[Tuple[int, int]] = None
    qualified: bool = False  # former, then-, retired, -elect: not the current title
    appositive: bool = False
    text: str = ""  # the mention as written, white space collapsed

    def __init__(
        self, start: int, end: int, name: Name, branch: Optional[str] = None,
        branch_span: Optional[Tuple[int, int]] = None, rank: Tuple[str, ...] = (), rank_form: str = "",
        rank_span: Optional[Tuple[int, int]] = None, office: Optional[str] = None, title_form: str = "",
        role: Optional[Role] = None, role_span: Optional[Tuple[int, int]] = None, qualified: bool = False,
        appositive: bool = False, text: str = "",
    ):
        # (written out, as Name's)
        self.__dict__.update(
            start=start, end=end, name=name, branch=branch, branch_span=branch_span, rank=rank,
            rank_form=rank_form, rank_span=rank_span, office=office, title_form=title_form, role=role,
            role_span=role_span, qualified=qualified, appositive=appositive, text=text,
        )

    @property
    def full_name(self) -> bool:
        return bool(self.name.first)


def fold(word: str) -> str:
    folded = _FOLDED.get(word)
    if folded is None:
        if len(_FOLDED) > 50000:
            _FOLDED.clear()
        folded = _FOLDED[word] = word.casefold().replace("’", "'")
    return folded


_FOLDED: Dict[str, str] = {}  # word -> fold(word): names recur within and across drafts


def _alternation(forms: Iterable[str]) -> str:
    """The forms as one pattern, factored into a trie: `P(?:resident|rime Minister)`.

    The same matches as `longest|...|shortest` (the forms sorted longest first), tried in the
    same order: the forms that match at an offset are prefixes of one another, and at each
    node of the trie the longer ones (its children) come before the one ending there. The
    `regex` module tries the alternatives of a flat alternation one by one at every offset it
    is matched at; in the trie, a character that starts no form fails at once."""
    root: dict = {}
    for form in set(forms):
        node = root
        for c in form:
            node = node.setdefault(c, {})
        node[""] = {}  # a form ends here
    return _trie_pattern(root)


def _trie_pattern(node: dict) -> str:
    branches = [regex.escape(c) + _trie_pattern(node[c]) for c in sorted(node) if c]
    if "" in node:
        branches.append("")  # after the longer forms
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def _both_cases(form: str) -> List[str]:
    return [form, form[:1].upper() + form[1:]] if form[:1].islower() else [form, form[:1].lower() + form[1:]]


class Extractor:
    """Compiled patterns for one pair of tables; `extract(text)` lists the mentions."""

    def __init__(self, ranks: RankTable, titles: TitleTable):
        self.ranks = ranks
        self.titles = titles
        branch_names = list(ranks.branch_of_name)
        self._title_forms: Dict[str, str] = {}  # written -> "rank" | "office" | "title" | "role"
        for form in ranks.by_abbr:
            self._title_forms[form] = "rank"
        for rank in ranks.ranks.values():
            for form in rank.words:
                self._title_forms[form] = "rank"
        for form in titles.office_of:
            self._title_forms[form] = "office"
        for form in titles.titles:
            self._title_forms.setdefault(form, "title")
        for noun in titles.roles:
            for form in _both_cases(noun):
                self._title_forms.setdefault(form, "role")
        quals = [q for base in titles.qualifiers for q in _both_cases(base)]
        qual = rf"(?P<qual>{_alternation(quals)})(?:(?<=-)|{_SP})"
        self._titled = regex.compile(
            rf"(?<![\p{{L}}\p{{N}}\-.’'])(?:{qual})?(?:(?:U\.S\.|US){_SP})?"
            rf"(?:(?P<branch>{_alternation(branch_names)}){_SP})?"
            rf"(?P<title>{_alternation(self._title_forms)})(?P<elect>-(?:elect|designate))?{_SP}"
            rf"(?=(?:{_PARTICLE}(?:-|{_SP}))*\p{{Lu}}[\p{{L}}\p{{M}}])"
        )
        # Where a titled mention can start. Its first element (qualifier, "U.S."/"US", branch or
        # title) opens with a run of letters and digits, and in the text that run is a whole
        # run: the lookbehind above allows no letter or digit before it, and what follows the
        # run is the element's next character (not a letter or digit, the run being maximal)
        # or, when the run is the whole element, "-" or a space. So a draft's matches all start
        # at a whole run that is the first run of some element; `_titled_matches` tries only
        # there instead of at every position (regex finds no literal prefix in this pattern).
        firsts = quals + ["U.S.", "US"] + branch_names + list(self._title_forms)
        leading = [_RUN.match(f) for f in firsts]
        self._first_runs: Optional[FrozenSet[str]] = (
            frozenset(m.group() for m in leading) if all(leading) else None
        )
        # every first run (the qualifiers' too), for `_read_word`; None when one has a digit after
        # a letter (a word's run, all letters, may then be only part of the text's run)
        self._title_runs = self._first_runs
        if self._title_runs is not None and any(_LETTER_THEN_DIGIT.search(run) for run in self._title_runs):
            self._title_runs = None
        self._words_read: Dict[str, tuple] = {}
        # the numbers of the titled pattern's groups, for `_titled_mention`
        self._titled_groups = tuple(self._titled.groupindex[g] for g in ("qual", "branch", "title", "elect"))
        # Runs that begin only qualifiers ("former", "then", "one" of "one-time": everyday words)
        # are not looked for: a qualifier stands just before the element that follows it (after
        # spaces, or right after its "-"), whose place is looked for; `_qualifier_starts` looks
        # back from there.
        self._qualifier_forms = tuple(sorted(set(quals)))
        self._hyphen_qualifiers = tuple(q for q in self._qualifier_forms if q.endswith("-"))
        if self._first_runs is not None:
            qualifier_only = {
                m.group() for m in leading[: len(quals)]
                if all(f in self._qualifier_forms for f, r in zip(firsts, leading) if r.group() == m.group())
            }
            # Likewise "U.S." and "US" (the pattern's `(?:U\.S\.|US){_SP}`): always followed by
            # spaces and the branch or title, whose place is looked for; `_titled_matches` looks
            # back from there (`_lead_starts`). Runs that begin only these ("US", "U") are not
            # looked for: "US" is also "us", in nearly every draft's folded words.
            country_only = {
                m.group() for m in leading[len(quals) : len(quals) + 2]
                if all(f in _COUNTRY_FORMS for f, r in zip(firsts, leading) if r.group() == m.group())
            }
            self._first_runs = self._first_runs - qualifier_only - country_only
        self._first_runs_ascii = _ascii_words(self._first_runs)
        # What can follow a first run in a match: the rest of its element, or, where the run is
        # the whole element, "-" (a qualifier's "-", "-elect") or a space
        self._after_first_run: Dict[str, FrozenSet[str]] = {}
        if self._first_runs is not None:
            for form, run in zip(firsts, leading):
                after = {form[run.end()]} if run.end() < len(form) else _ASCII_SPACES | {"-"}
                self._after_first_run[run.group()] = self._after_first_run.get(run.group(), frozenset()) | after
        # The elements each first run begins: a match at a whole run begins with one of them in
        # full ("Lt" only where "Lt. Gov." or "Lt. Gen." stands, "U" only where "U.S." does)
        self._elements_of_run: Dict[str, Tuple[str, ...]] = {}
        if self._first_runs is not None:
            for form, run in zip(firsts, leading):
                self._elements_of_run[run.group()] = self._elements_of_run.get(run.group(), ()) + (form,)
        # the a-z words, lower-cased, of each element of a run (None for an element with a
        # character outside ASCII), for `_titled_matches`
        self._element_pieces: Optional[Dict[str, Tuple[Optional[FrozenSet[bytes]], ...]]] = None
        if self._first_runs is not None:
            self._element_pieces = {
                run: tuple(_asked_words(form.lower()) if form.isascii() else None for form in elements)
                for run, elements in self._elements_of_run.items()
            }
        # Runs that are a title and begin no other element (no branch, qualifier, longer
        # title): a match using such a run's place has the run as its title (a form starting
        # there starts with the whole run), so after it "-elect", "-designate" or spaces, then a
        # capital or a particle. One space then an ASCII digit or lower-case letter that opens
        # no particle fails every match through that place (from it, or from a qualifier or
        # "U.S." before it): the place is neither tried nor read back from.
        self._bare_title_runs: FrozenSet[str] = frozenset(
            run for run, elements in self._elements_of_run.items()
            if all(form == run for form in elements) and self._title_forms.get(run) is not None
            and run not in ranks.branch_of_name and run not in self._qualifier_forms
            and run not in _COUNTRY_FORMS
        )
        # the runs one of whose elements has no a-z word that the run lacks (or a character
        # outside ASCII): present in `folded_words`, such a run passes `_titled_matches`' test
        self._sure_runs: FrozenSet[str] = frozenset()
        self._run_text: Dict[bytes, str] = {}
        if self._element_pieces is not None:
            self._sure_runs = frozenset(
                run for run, pieces in self._element_pieces.items()
                if any(p is None or p <= az_words(run.lower()) for p in pieces)
            )
        if self._first_runs_ascii is not None:
            self._run_text = {run: run.decode("ascii") for run in self._first_runs_ascii}
        # what the elements of a run all begin with ("Lt. G" for "Lt. Gen." and "Lt. Gov.")
        self._prefix_of_run: Dict[str, str] = {
            run: os.path.commonprefix(list(elements)) for run, elements in self._elements_of_run.items()
        }
        self._post_modifiers = tuple(sorted(titles.post_modifiers))  # (for `_may_end_with`)
        honorifics = _alternation(titles.honorifics) if titles.honorifics else r"(?!)"
        self._honorific_forms = tuple(titles.honorifics)
        self._honorific = regex.compile(rf"{honorifics}{_SP}(?=\p{{Lu}}[\p{{L}}\p{{M}}])")
        # untitled names with initials or a suffix
        first = r"\p{Lu}[\p{Ll}\p{M}][\p{L}\p{M}’'\-]*"
        self._initialed = regex.compile(
            rf"(?<![\p{{L}}\p{{N}}\-.’'])(?:{first}{_SP}\p{{Lu}}\.(?:[^\S\n]?\p{{Lu}}\.)*{_SP}(?={_WORD})"
            rf"|{first}{_SP}(?:{first}{_SP})?{_WORD},?{_SP}(?:Jr|Sr)\.)"
        )
        # its first branch alone: where no "Jr." or "Sr." stands, the second cannot match
        self._initialed_no_suffix = regex.compile(
            rf"(?<![\p{{L}}\p{{N}}\-.’'])(?:{first}{_SP}\p{{Lu}}\.(?:[^\S\n]?\p{{Lu}}\.)*{_SP}(?={_WORD}))"
        )
        rank_words = []
        for rank in ranks.ranks.values():
            if rank.key in ranks.not_in_appositive:
                continue
            rank_words.extend(w.lower() for w in rank.words)
        roles = [f for noun in titles.roles for f in _both_cases(noun)]
        appos_qual = _alternation(q.lower() for q in titles.qualifiers)
        self._appositive = regex.compile(
            rf",{_SP}(?:(?:a|an|the){_SP})?"
            rf"(?P<mods>(?:(?!(?:who|whose|which|that|and|or|but|his|her|their|its|said|told|says)\b)[\p{{L}}\p{{N}}.’'&\-]+{_SP}){{0,5}}?)"
            rf"(?:(?P<qual>{appos_qual})(?:(?<=-)|{_SP}))?"
            rf"(?:(?P<branch>{_alternation(branch_names)}){_SP}(?P<rank>{_alternation(rank_words)})|(?P<role>{_alternation(roles)}))"
            rf"(?=[^\S\n]*[,.;:)”\"]|{_SP}(?:for|at|of|with|in|and|who|to|from|on|since|based)\b|[^\S\n]*$)",
            regex.MULTILINE,
        )
        # Where an appositive can be. Its branch or role noun is preceded by white space or "-"
        # (after the comma, the article, a modifier or a qualifier) and followed by white space
        # (a branch, before its rank) or by what the closing lookahead allows: white space,
        # punctuation, the end of the line. So the first run of letters and digits of some branch
        # name or role noun is a whole run of the draft, on the match's line (a match never
        # crosses a line end). `_appositive_matches` searches only the lines holding one.
        leading = [_RUN.match(f) for f in branch_names + roles]
        self._appositive_runs = _ascii_words(frozenset(m.group() for m in leading) if all(leading) else None)
        # For `_appositive_matches` given the draft's `folded_words`: what each run's branch
        # names and role nouns need there, as (a-z words of the form, lower-cased, or None for a
        # form with a character outside ASCII; whether a rank word must follow: a branch's)
        self._appositive_needs: Optional[Dict[bytes, List[Tuple[Optional[FrozenSet[bytes]], bool]]]] = None
        self._rank_word_pieces = tuple(_asked_words(w) if w.isascii() else None for w in rank_words)
        # for `_has_rank_word`: (a rank word needs nothing: one not ASCII or with no a-z word,
        # the rank words of exactly one a-z word, as one set of them, the others' words)
        self._rank_word_tests = (
            any(p is None or not p for p in self._rank_word_pieces),
            frozenset(w for p in self._rank_word_pieces if p is not None and len(p) == 1 for w in p),
            tuple(p for p in self._rank_word_pieces if p is not None and len(p) > 1),
        )
        # The most words an appositive holds between its comma and its branch or role noun:
        # the article, five modifiers, the qualifier's words (see `_appositive_matches`)
        self._appositive_words = 1 + 5 + max((len(q.split()) for q in titles.qualifiers), default=0)
        if self._appositive_runs is not None:
            self._appositive_needs = {}
            for index, (form, run) in enumerate(zip(branch_names + roles, leading)):
                pieces = _asked_words(form.lower()) if form.isascii() else None
                need = (pieces, index < len(branch_names))
                self._appositive_needs.setdefault(run.group().encode("ascii"), []).append(need)
        self._wanted_runs = (self._first_runs_ascii or frozenset()) | (self._appositive_runs or frozenset())
        # The wanted runs by their a-z words, lower-cased ("Gen" by b"gen", "1st" by b"st"), for
        # `_present_runs`: a run whose words are all among the draft's `folded_words` may stand
        # whole in it; a run with no letter always may.
        self._runs_of_piece: Dict[bytes, List[bytes]] = {}
        self._pieces_of_run: Dict[bytes, FrozenSet[bytes]] = {}
        self._runs_without_piece = []
        for run in sorted(self._wanted_runs):
            pieces = _asked_words(run.decode("ascii").lower())
            self._pieces_of_run[run] = pieces
            if not pieces:
                self._runs_without_piece.append(run)
            for piece in pieces:
                self._runs_of_piece.setdefault(piece, []).append(run)
        self._wanted_pieces = frozenset(self._runs_of_piece)
        self._present_by_piece: Optional[Dict[bytes, tuple]] = None
        self._pieceless_checks: list = []
        if (
            self._first_runs_ascii is not None and self._element_pieces is not None
            and self._appositive_runs is not None and self._appositive_needs is not None
        ):
            self._present_by_piece = self._present_tables()
        self._home_pieces = frozenset(self._present_by_piece or ())
        # the name just before an appositive's comma
        self._name_before = regex.compile(
            rf"(?<![\p{{L}}\p{{N}}\-.’'])(?:{first}{_SP}(?:\p{{Lu}}\.(?:[^\S\n]?\p{{Lu}}\.)*{_SP})?)?{_WORD}(?:,?{_SP}(?:Jr|Sr)\.)?\Z"
        )

    def __getstate__(self):
        # (sent to each worker of a pool with the rules: without the per-word memo, which each
        # process fills for itself)
        state = self.__dict__.copy()
        state["_words_read"] = {}
        return state

    # ---- names -------------------------------------------------------------------------

    def parse_name(self, text: str, pos: int, check_titles: bool = True) -> Optional[Name]:
        """The person's name starting at `pos`, or None. Stops before words that are never
        names, before a title that starts another mention, after a possessive or a suffix."""
        pieces = []  # (kind, start, end)
        i = pos
        words_so_far = 0
        initials = 0
        words_after_initial = 0  # words after the first initial
        piece_at = _NAME_PIECE.match
        words_read = self._words_read
        while len(pieces) < 8:
            # _NAME_PIECE's match at i, read off the text where it opens with an ASCII capital
            # (`_ascii_piece`), else the `regex` call
            kind = None
            if text[i : i + 1] in _ASCII_CAPITALS:
                kind, end = _ascii_piece(text, i)
            if kind is None:
                m = piece_at(text, i)
                if not m:
                    break
                kind, end = m.lastgroup, m.end()
            start = i  # (a match at i starts there)
            if kind == "word":
                word = text[start:end]
                read = words_read.get(word)
                if read is None:
                    read = self._read_word(word)
                bare, possessive, verdict, may_title = read
                if verdict is _NOT_A_NAME:
                    break
                if verdict is _SURNAME_OR_PLACE:
                    if words_so_far != 1 or self._name_word_next(text, start + len(word)):
                        break  # "George Washington Bridge", "Doris Day Animal Foundation"
                    possessive = True  # a surname here ends the name ("Doris Day said")
                if check_titles and may_title:
                    # "Joe Biden Vice President Kamala Harris": a new mention starts here
                    titled = self._titled.match(text, start)
                    if titled and self.parse_name(text, titled.end(), False):
                        break
                if initials and words_after_initial >= 2:
                    # "Richard J. Donovan Correctional Facility": a place named for a person
                    return None
                pieces.append(("word", start, start + len(bare)))
                words_so_far += 1
                if initials:
                    words_after_initial += 1
                if possessive:
                    break
            elif kind == "init":
                if not pieces:
                    break
                # "U.S." after a name is not a middle initial
                run = _INITIAL_RUN.match(text, start)
                if run and run.group() in self.titles.not_initials:
                    break
                pieces.append(("init", start, end))
                initials += 1
            else:  # suffix
                if not pieces or pieces[-1][0] != "word":
                    break
                pieces.append(("suffix", start, end))
                break
            after = text[end : end + 1]
            if after == " " and text[end + 1 : end + 2] in _ASCII_ALNUM:
                # _PIECE_GAP's match, one space before a letter or a digit (no white space)
                i = end + 1
                if text[i] in _NOT_CAPITAL and text[i : i + 2] not in _PARTICLE_HEADS:
                    break  # (what _NAME_PIECE.match would find there: nothing)
                continue
            if after in _ASCII and after not in _ASCII_SPACES and after != ",":
                gap = None  # (_PIECE_GAP opens with white space or a comma)
            else:
                gap = _PIECE_GAP.match(text, end)
            if gap:
                i = gap.end()
            elif kind == "init" and text[end : end + 1].isupper():
                i = end  # "H.W."
            else:
                break
        while pieces and pieces[-1][0] == "init":
            pieces.pop()
        if not pieces:
            return None
        suffix = text[pieces[-1][1] : pieces[-1][2]] if pieces[-1][0] == "suffix" else ""
        if not initials and not suffix:
            words = pieces  # (most names: words alone, no list to filter)
        else:
            words = [p for p in pieces if p[0] == "word"]
            if not words:
                return None
        last = words[-1]
        first = words[0] if len(words) > 1 else None
        middle = ""
        if first is not None and initials:
            middle = "".join(text[s] for k, s, e in pieces if k == "init" and first[2] <= s < last[1])
        return Name(
            pieces[0][1], pieces[-1][2], text[first[1] : first[2]] if first else "", middle,
            text[last[1] : last[2]], suffix,
        )

    def _read_word(self, word: str):
        """What `parse_name` needs of a word, whatever stands around it (memoized per word):
        (bare word, possessive, verdict: _NOT_A_NAME, _SURNAME_OR_PLACE or None, may a titled
        mention start with it)."""
        bare = word
        possessive = False
        for tail in _POSSESSIVE:
            if word.endswith(tail) and len(word) > len(tail) + 1:
                bare, possessive = word[: -len(tail)], True
                break
        bare = bare.rstrip("-’'")
        verdict = None
        # (an ASCII word has a lower-case letter exactly when upper-casing changes it)
        if bare in self.titles.not_names or len(bare) < 2 or (
            bare == bare.upper() if bare.isascii() else not any(c.islower() for c in bare)
        ):
            verdict = _NOT_A_NAME
        elif bare in self.titles.surname_or_place:
            verdict = _SURNAME_OR_PLACE
        # A titled match starts at a whole run that is the first run of one of its elements
        # (see __init__); the word's first run is the text's there, but for digits after a word
        # all letters, which no first run of letters has.
        may_title = True
        if self._title_runs is not None:
            run = _RUN.match(word)
            may_title = run is None or run.group() in self._title_runs
        if len(self._words_read) > 50000:
            self._words_read.clear()
        read = self._words_read[word] = (bare, possessive, verdict, may_title)
        return read

    def _name_word_next(self, text: str, pos: int) -> bool:
        """Does a capitalized word that could belong to a name follow `pos`?"""
        gap = _CAPITAL_NEXT.match(text, pos)
        if not gap:
            return False
        nxt = _NAME_PIECE.match(text, gap.end() - 1)
        return bool(nxt and nxt.lastgroup == "word" and nxt.group() not in self.titles.not_names)

    # ---- mentions ----------------------------------------------------------------------

    def extract(
        self, text: str, timeout: float = 10.0, data: Optional[bytes] = None,
        folded: Optional[FrozenSet[bytes]] = None,
    ) -> List[Mention]:
        """The mentions of `text`; `data`, when given, is `text` in UTF-8 (`Document.utf8`), and
        `folded` the draft's `folded_words` (see `_present_runs`)."""
        fast = prefilters_enabled()
        words = None
        titled_runs = appositive_runs = None
        if fast:
            if folded is None:
                words = self._words(text, data)
            elif self._present_by_piece is not None:
                # (the runs both passes keep of `_present_runs(folded)`, found at once)
                titled_runs, appositive_runs = self._present_lists(folded)
            else:
                words = self._present_runs(folded)
        places: Dict[str, List[int]] = {}  # run -> where it stands whole (`_run_places`)
        mentions: List[Mention] = []
        for m in self._titled_matches(text, timeout, words, places, folded, folded is not None, titled_runs):
            if mentions and m.start() < mentions[-1].end:
                continue  # "Sir Keir Starmer" inside "Prime Minister Sir Keir Starmer"
            mention = self._titled_mention(text, m)
            if mention is not None:
                mentions.append(mention)
        # (the lists below are made when a match first needs them, from the mentions found
        # before it: most drafts have no initialed name or no appositive)
        taken = None
        for m in self._initialed_matches(text, timeout, fast):
            if taken is None:
                taken = [(mn.name.start, mn.name.end) for mn in mentions]  # (the titled ones)
            if any(s <= m.start() < e for s, e in taken):
                continue
            name = self.parse_name(text, m.start())
            if name is None or not name.first or not (name.middle or name.suffix):
                continue
            if _CAPITAL_NEXT.match(text, name.end):
                continue  # "George W. Bush Presidential Library": a thing named for a person
            mentions.append(Mention(name.start, name.end, name, text=_clean(text[name.start : name.end])))
        by_end = known = surnames = None
        for m in self._appositive_matches(text, timeout, words, places, folded, appositive_runs):
            if by_end is None:  # (from the titled and initialed mentions, in that order)
                by_end = {mn.name.end: mn.name for mn in mentions}
                known = {mn.name.key for mn in mentions if mn.name.key}
                surnames = {k[1] for k in known}
            mention = self._appositive_mention(text, m, by_end, known, surnames)
            if mention is not None:
                mentions.append(mention)
        mentions.sort(key=lambda mn: (mn.start, mn.appositive))
        return mentions

    def _words(self, text: str, data: Optional[bytes] = None) -> FrozenSet[bytes]:
        """Those of the runs the shortcuts look for that are whole runs of the draft.

        Every ASCII character but a letter or a digit, and every byte of a non-ASCII one (all
        >= 0x80 in UTF-8), turns into a space: split, the translated draft lists its whole ASCII
        runs of letters and digits. ASCII letters and digits are exactly the ASCII members of
        [\\p{L}\\p{N}], so an ASCII run is a whole run of the draft only if it is one of these.
        (surrogatepass: a lone surrogate encodes to bytes >= 0x80 too.)"""
        if data is None:
            data = text.encode("utf-8", "surrogatepass")
        return self._wanted_runs.intersection(data.translate(_RUNS_ONLY).split())

    def _present_runs(self, folded: FrozenSet[bytes]) -> FrozenSet[bytes]:
        """A superset of `_words`' answer, read off the draft's `folded_words` (the a-z runs of
        its case-folded text, one character for each of the text's: see `folded_words`), which
        the sourcing kinds build for every draft anyway, instead of listing the draft's runs.

        The shortcuts give the same matches with it. (1) A place where a match can use a wanted
        run (the first run of a titled mention's element, an appositive's branch or role noun:
        see __init__) has the run whole in [\\p{L}\\p{N}]: neither neighbour is a letter or a
        number. No such character case-folds into a-z (checked over all of Unicode in
        tests/test_fast_paths.py), and the run's letters fold to its lower case, so each of its
        a-z words, lower-cased, is a whole a-z run of the folded text: the run is kept here.
        (2) A run kept here that `_words` leaves out has no place `_whole_runs` or
        `_element_starts` yields (either would make it a whole ASCII run, one of `_words`), so
        it adds no start and no comma. (3) A run `_words` keeps and this leaves out has only
        places next to a non-ASCII letter or number (by 1): no match starts or uses it there, so
        the starts and commas it no longer gives were tried in vain; the searches at the others
        find the same matches in the same order."""
        present = list(self._runs_without_piece)
        pieces_of = self._pieces_of_run
        for piece in self._wanted_pieces & folded:
            for run in self._runs_of_piece[piece]:
                pieces = pieces_of[run]
                if len(pieces) == 1 or pieces <= folded:
                    present.append(run)
        return frozenset(present)

    def _present_tables(self) -> Dict[bytes, tuple]:
        """For `_present_lists`: each wanted run under one of its a-z words (its `home`, the
        least), as (titled runs sure to be kept, appositive runs sure to be kept, the other
        runs' tests), and the runs without a-z words' tests in `_pieceless_checks`. A test is
        (titled?, the run, its alternatives: (the a-z words the draft must hold: the run's and
        one element's or form's, whether a rank word must be there too))."""
        by_piece: Dict[bytes, tuple] = {}
        for run in sorted(self._wanted_runs):
            pieces = self._pieces_of_run[run]
            if pieces:
                home = min(pieces)
                sure_titled, sure_appositive, checks = by_piece.setdefault(home, ([], [], []))
            else:
                sure_titled, sure_appositive, checks = [], [], self._pieceless_checks
            single = len(pieces) == 1
            if run in self._first_runs_ascii:
                text_run = self._run_text[run]
                needs = {pieces if p is None else pieces | p for p in self._element_pieces[text_run]}
                if single and pieces in needs:
                    sure_titled.append(text_run)  # (home in the draft: so are all it needs)
                else:
                    checks.append((True, text_run, tuple((need, False) for need in sorted(needs, key=sorted))))
            if run in self._appositive_runs:
                alternatives = []
                for form_pieces, branch in self._appositive_needs[run]:
                    need = pieces if form_pieces is None else pieces | form_pieces
                    if (need, branch) not in alternatives:
                        alternatives.append((need, branch))
                if single and (pieces, False) in alternatives:
                    sure_appositive.append(run)
                else:
                    checks.append((False, run, tuple(alternatives)))
        return by_piece

    def _present_lists(self, folded: FrozenSet[bytes]) -> Tuple[List[str], List[bytes]]:
        """What `_titled_matches` keeps of `_present_runs(folded)` (the titled runs, as text)
        and `_appositive_matches` (the appositive runs, as bytes), in one pass over the draft's
        a-z words that are some run's `home` (see `_present_tables`).

        The same runs: a run is kept there when all its a-z words are in `folded` (so is its
        home, under which it is tried once) and, for the titled pass, all those of one of its
        elements (or one is not ASCII), for the appositives, all those of one of its branch
        names or role nouns (or one is not ASCII), and for a branch a rank word's. A run whose
        only a-z word is its home and that has an element or role noun needing no other word
        is kept at once; the others are tested here with those unions of words."""
        titled: List[str] = []
        appositive: List[bytes] = []
        by_piece = self._present_by_piece
        checks = None
        for piece in self._home_pieces & folded:
            sure_titled, sure_appositive, more = by_piece[piece]
            if sure_titled:
                titled += sure_titled
            if sure_appositive:
                appositive += sure_appositive
            if more:
                checks = more if checks is None else checks + more
        if self._pieceless_checks:
            checks = self._pieceless_checks if checks is None else checks + self._pieceless_checks
        if checks:
            rank_ok = None
            for is_titled, run, alternatives in checks:
                for need, with_rank in alternatives:
                    if need <= folded:
                        if with_rank:
                            if rank_ok is None:
                                rank_ok = self._has_rank_word(folded)
                            if not rank_ok:
                                continue
                        (titled if is_titled else appositive).append(run)
                        break
        return titled, appositive

    def _titled_matches(
        self, text: str, timeout: float, words: Optional[FrozenSet[bytes]] = None, places=None,
        folded: Optional[FrozenSet[bytes]] = None, present_runs: bool = False,
        present: Optional[List[str]] = None,
    ):
        """finditer(self._titled, text): the same matches, tried only where one can start.

        `folded`, when given, is the draft's `folded_words`: a run none of whose elements has
        all its a-z words there is not looked for. (A match's first element stands whole in
        it, between characters that are no letter or number: the lookbehind before it, and
        after it `_SP`, "-" or its own last character. So each a-z word of the element, lower
        cased, is a whole a-z run of the folded text, as in `_present_runs`. An element with a
        character outside ASCII is not judged so.)"""
        if self._first_runs is None or not prefilters_enabled():
            yield from finditer(self._titled, text, 0, len(text), timeout)
            return
        given = present is not None  # (`_present_lists`: the runs the tests below keep)
        if given:
            pass
        elif self._first_runs_ascii is not None:
            # the first runs are ASCII: the draft's ASCII words say which are whole runs in it
            words = self._words(text) if words is None else words
            as_text = self._run_text
            present = [as_text[run] for run in self._first_runs_ascii & words]
        else:
            present = self._first_runs.intersection(_RUN.findall(text))
        if folded is not None and self._element_pieces is not None and not given:
            pieces = self._element_pieces
            # `present_runs`: the words are `_present_runs(folded)`, whose runs have all their
            # a-z words in `folded`; a run with an element whose a-z words are among its own
            # (`_sure_runs`) passes the test below then without it
            sure = self._sure_runs if present_runs else ()
            present = [
                run for run in present
                if run in sure or any(p is None or p <= folded for p in pieces[run])
            ]
        starts = set()
        add = starts.add
        elements_of = self._elements_of_run
        for run in present:
            elements = elements_of[run]
            if run in elements:  # every place of the run begins an element
                # the run's whole places (kept in `places` for the appositives), those followed
                # by what may follow it
                after = self._after_first_run[run]
                n = len(run)
                found = _run_places(text, run, places)
                bare_title = run in self._bare_title_runs
                for i in found:
                    c = text[i + n : i + n + 1]
                    if c not in _ASCII or c in after:
                        if (
                            bare_title and c == " " and text[i + n + 1 : i + n + 2] in _NOT_CAPITAL
                            and text[i + n + 1 : i + n + 3] not in _PARTICLE_HEADS
                        ):
                            continue  # a lower-case word after the title: see _bare_title_runs
                        add(i)
            else:
                # a whole run that begins one of the elements: what they begin with looked for
                # with str.find (see _element_starts), not each place of the run
                starts.update(_element_starts(text, elements, self._prefix_of_run[run]))
        starts.update(self._lead_starts(text, starts))
        resume = 0  # finditer resumes after each match: matches never overlap
        titled = self._titled.match
        for i in sorted(starts):
            if i < resume:
                continue
            # (no timeout, as `parse_name` matches it: an alternation of the tables' words in a
            # fixed frame, which cannot backtrack without end; a timeout costs two clock system
            # calls a call)
            m = titled(text, i)
            if m is not None:
                yield m
                resume = m.end()

    def _lead_starts(self, text: str, starts) -> List[int]:
        r"""Where "U.S." or "US" ends, then spaces on the line, just before one of `starts` (a
        branch's or a title's place: the pattern's `(?:U\.S\.|US){_SP}`), and `_qualifier_starts`
        of the starts and those, reading back over the spaces before each start once. (A place
        the lookbehind refuses is tried in vain: no match.)"""
        forms = self._qualifier_forms
        hyphened = self._hyphen_qualifiers
        out = []
        countries = []
        for start in starts:
            at = _spaces_start(text, start)
            if at < start:
                if text.endswith(_COUNTRY_FORMS, 0, at):
                    countries.extend(at - len(form) for form in _COUNTRY_FORMS if text.endswith(form, 0, at))
                if text.endswith(forms, 0, at):
                    out.extend(at - len(form) for form in forms if text.endswith(form, 0, at))
            if hyphened and text.endswith(hyphened, 0, start):
                out.extend(start - len(form) for form in hyphened if text.endswith(form, 0, start))
        if countries:
            out.extend(countries)
            out.extend(self._qualifier_starts(text, countries))
        return out

    def _qualifier_starts(self, text: str, starts) -> List[int]:
        """Where a qualifier ends just before one of `starts`: after it, spaces (on the line) or
        nothing when it ends in "-" ("then-Lt. Gen."), as the pattern has it."""
        forms = self._qualifier_forms
        hyphened = self._hyphen_qualifiers
        out = []
        for start in starts:
            at = _spaces_start(text, start)
            if at < start and text.endswith(forms, 0, at):
                out.extend(at - len(form) for form in forms if text.endswith(form, 0, at))
            if hyphened and text.endswith(hyphened, 0, start):
                out.extend(start - len(form) for form in hyphened if text.endswith(form, 0, start))
        return out

    def _initialed_matches(self, text: str, timeout: float, fast: bool = True):
        """finditer(self._initialed, text), searching only the lines where a match can be.

        A match never crosses a line end, and holds either a first name, spaces and an initial
        (a capital letter and a dot) or "Jr." / "Sr.": a line with no such dot (_INITIAL_DOT)
        holds none. Each line is searched whole, its "\\n" included, and lookbehinds see before
        it, so the matches are the same."""
        if not fast:
            yield from finditer(self._initialed, text, 0, len(text), timeout)
            return
        lines: Dict[Tuple[int, int], List[int]] = {}  # line -> [its first dot, its last]
        suffixed = set()  # the lines with a "Jr." or "Sr."
        # (no timeout: _INITIAL_DOT is a literal "." behind a lookbehind whose repeats take
        # classes that share no character (letters, marks and ’'- / spaces), so the lookbehind
        # reads back over one word and its spaces at most, once a dot: a linear search, which
        # cannot run away; a timeout makes `regex` read the clock all along a draft's search)
        confirm = _INITIAL_DOT.match
        for candidate in _INITIAL_DOT_CANDIDATE.finditer(text):
            dot = candidate.start()
            if confirm(text, dot) is None:
                continue
            line = _line_span(text, dot)
            dots = lines.get(line)
            if dots is None:
                lines[line] = [dot, dot]
            else:
                dots[1] = dot
            if text[dot - 1] == "r":  # (the lookbehind's "[JS]r": a capital letter is no "r")
                suffixed.add(line)
        # A match of the second branch ends in "Jr." or "Sr.", a dot _INITIAL_DOT finds: on a line
        # without one, every match is the first branch's, and the search with that branch alone
        # finds the same matches without trying the second (names of up to three words ended by
        # a suffix) at every capital letter of the line.
        # On such a line, each match holds its first initial's dot, one _INITIAL_DOT finds, and
        # starts in the first name just before it (letters, marks, ’'-, no dot, no space): after
        # the line's first such dot unless it is that one, so at or after the last ASCII space
        # before the first dot's first name; and before the line's last such dot. The line is
        # searched from there, and no longer once a match ends past the last dot.
        for line in sorted(lines):
            if line in suffixed:
                yield from finditer(self._initialed, text, line[0], line[1], timeout)
                continue
            first_dot, last_dot = lines[line]
            end = first_dot - 1  # the capital of the initial; spaces before it
            while end > line[0] and _line_space(text[end - 1]):
                end -= 1
            pos = max(line[0], text.rfind(" ", line[0], end) + 1)
            while pos < last_dot:
                m = search(self._initialed_no_suffix, text, pos, line[1], timeout)
                if m is None:
                    break
                yield m
                pos = m.end()

    def _appositive_matches(
        self, text: str, timeout: float, words: Optional[FrozenSet[bytes]] = None, places=None,
        folded: Optional[FrozenSet[bytes]] = None, runs: Optional[List[bytes]] = None,
    ):
        """finditer(self._appositive, text), searching only the lines where a match can be: those
        with a comma and a whole run that starts a branch name or a role noun (see __init__).

        `folded`, when given, is the draft's `folded_words`: a run none of whose branch names
        or role nouns has all its a-z words there (a branch name, and one rank word too) is not
        looked for. (A match's branch name or role noun stands whole: after white space or "-",
        before white space (a branch's, then its rank word, lower case, then what the closing
        lookahead allows) or what that lookahead allows, none of it a letter or a number. So
        each a-z word of them, lower-cased, is a whole a-z run of the folded text, as in
        `_present_runs`.) A comma is still found from every match's own branch or role noun."""
        if runs is not None:
            pass  # (`_present_lists`: the runs the tests below keep)
        elif words is None or self._appositive_runs is None:
            yield from finditer(self._appositive, text, 0, len(text), timeout)
            return
        else:
            runs = self._appositive_runs & words
            if folded is not None and self._appositive_needs is not None:
                runs = [run for run in runs if self._appositive_may_use(run, folded)]
        # A match runs from its comma to its branch or role noun with no comma between (the
        # article, modifiers, qualifier and branch names hold none), on one line: its comma is
        # the last one before the place of that branch or role noun on the line. Each such comma
        # is matched where the search of its line would try it (in order, after the last match).
        # Between the comma and the branch or role noun stand white space and at most
        # `_appositive_words` words: the article (a, an, the), up to five modifiers (runs of
        # letters, numbers and .’'&-) and the qualifier, each a run of characters none of which
        # is white space to `str.split` (whose white space holds all of _SP's), parted by runs
        # of _SP. So `str.split` of what stands between lists exactly those words: a comma
        # with more words before a place is not that place's appositive (the match using that
        # place's run would have them all), and it is tried only when another place gives it.
        commas = set()
        rfind = text.rfind
        find = text.find
        most = self._appositive_words
        for run in runs:
            for i in _run_places(text, run.decode("ascii"), places):
                # the last comma before i, when no line end stands between (the last one on
                # i's line), without reading back to the line's start from each place
                comma = rfind(",", 0, i)
                if comma >= 0 and find("\n", comma, i) < 0:
                    if i - comma > 2 * most + 2 and len(text[comma + 1 : i].split(None, most)) > most:
                        continue  # (more than `most` words: split stops after `most` + 1)
                    commas.add(comma)
        resume = 0
        for comma in sorted(commas):
            if comma < resume:
                continue
            end = find("\n", comma)
            m = match(self._appositive, text, comma, end + 1 if end >= 0 else len(text), timeout)
            if m is not None:
                yield m
                resume = m.end()

    def _has_rank_word(self, folded: FrozenSet[bytes]) -> bool:
        """any(p is None or p <= folded for p in self._rank_word_pieces): the rank words of one
        a-z word tested by one set operation (`_rank_word_tests`)."""
        always, singles, several = self._rank_word_tests
        return always or not singles.isdisjoint(folded) or any(p <= folded for p in several)

    def _appositive_may_use(self, run: bytes, folded: FrozenSet[bytes]) -> bool:
        """Have the draft's folded words all that one of the run's branch names (with a rank
        word) or role nouns needs (see `_appositive_matches`)?"""
        for pieces, branch in self._appositive_needs[run]:
            if pieces is not None and not pieces <= folded:
                continue
            if not branch or self._has_rank_word(folded):
                return True
        return False

    def _titled_mention(self, text: str, m) -> Optional[Mention]:
        # (groups by number: by name, `regex` looks each name up again, a call)
        qual_group, branch_group, title_group, elect_group = self._titled_groups
        form, branch_written, qual, elect = m.group(title_group, branch_group, qual_group, elect_group)
        what = self._title_forms.get(form)
        if what == "rank":
            # (before the name is read, which neither test depends on)
            if self.ranks.is_ambiguous(form) and not (branch_written and form[:1].isupper()):
                return None  # "Major League", "Captain America"
            if branch_written and self.ranks.is_post_after(branch_written, form):
                return None  # "Army Commander Lt Gen Vikum Perera"
            if form[:1].islower():
                return None
        name_at = m.end()
        # (the honorific pattern opens with one of the forms, as written: where none starts,
        # it cannot match)
        if text.startswith(self._honorific_forms, name_at):
            honorific = self._honorific.match(text, name_at)
            if honorific:
                name_at = honorific.end()  # "Prime Minister Sir Keir Starmer"
        name = self.parse_name(text, name_at)
        if name is None:
            return None
        start = m.start()
        mention = Mention(start, name.end, name, qualified=bool(qual or elect))
        if what == "rank":
            mention.rank = self.ranks.ranks_of(form)
            mention.rank_form = form
            mention.rank_span = m.span(title_group)
            if branch_written:
                mention.branch = self.ranks.branch_of_name[branch_written]
                mention.branch_span = m.span(branch_group)
        else:
            title_start = m.start(title_group)
            if branch_written:
                # "Navy Secretary", "Army spokesman": the branch is the employer, not a rank's
                mention.start = title_start if not qual else start
            if what == "office" and not self._modified(text, start, title_start):
                mention.office = self.titles.office_of[form]
            mention.title_form = form
            role = self.titles.roles.get(form.lower())
            if role is not None:
                mention.role = role
                mention.role_span = (title_start, m.end(title_group))
        mention.text = _clean(text[mention.start : mention.end])
        return mention

    def _modified(self, text: str, start: int, title_start: int) -> bool:
        """Does a post modifier stand just before the office ("Deputy Foreign Minister", "shadow
        Chancellor", "Vice-Chancellor"), before the mention's `start` or its title's? Then it is
        another post, left uncompared."""
        modifiers = self._post_modifiers
        for at in (start, title_start) if title_start != start else (start,):
            if not _may_end_with(text, at, modifiers):
                continue  # (most offices: no modifier can be the word before)
            before = _word_before(text, at)
            if before is not None and before.casefold() in self.titles.post_modifiers:
                return True
        return False

    def _appositive_mention(self, text: str, m, by_end, known, surnames) -> Optional[Mention]:
        comma = m.start()
        name = by_end.get(comma)
        if name is None:
            line_start = text.rfind("\n", 0, comma) + 1
            before = self._name_before.search(text, max(line_start, comma - 80), comma)
            if before is None:
                return None
            name = self.parse_name(text, before.start())
            if name is None or name.end != comma:
                return None
            if name.key and name.key not in known and fold(name.last) in surnames:
                # "Later Hale, the spokesman": a sentence word before a surname the draft
                # already gave in full is not a first name
                name = Name(text.rfind(name.last, name.start, name.end), name.end, "", "", name.last, name.suffix)
        qualifiers = set(self.titles.qualifiers)
        qualified = bool(m.group("qual")) or any(w.lower() in qualifiers for w in m.group("mods").split())
        mention = Mention(name.start, m.end(), name, appositive=True, qualified=qualified)
        if m.group("role"):
            mention.role = self.titles.roles[m.group("role").lower()]
            mention.role_span = m.span("role")
        else:
            mention.branch = self.ranks.branch_of_name[m.group("branch")]
            mention.branch_span = m.span("branch")
            mention.rank = self.ranks.ranks_of(m.group("rank"))
            mention.rank_form = m.group("rank")
            mention.rank_span = m.span("rank")
        mention.text = _clean(text[mention.start : mention.end])
        return mention


_ASCII_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_ASCII_ALNUM = frozenset(_ASCII_LETTERS + "0123456789")
_ASCII = frozenset(map(chr, range(128)))
# the ASCII characters _SP matches: white space (\s, Unicode's White_Space) but "\n". Written
# out, not read off the pattern with 128 `regex.fullmatch` calls at import (each compiling
# `_SP`: start-up of every run); tests/test_people_fast_pieces.py holds it to the pattern.
# (Not `str.isspace`: that also takes the separators \x1c-\x1f, which \s does not.)
_ASCII_SPACES = frozenset("\t\x0b\x0c\r ")
# A `_NAME_PIECE` match opens with a capital (\p{Lu}: a suffix, an initial, a word) or with a
# particle, all lower case ("al", "van"): never at an ASCII digit or lower-case letter but
# where the first two letters of a particle stand
_NOT_CAPITAL = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")
_PARTICLE_HEADS = frozenset(particle[:2] for particle in _PARTICLE[3:-1].split("|"))


_COUNTRY_FORMS = ("U.S.", "US")  # what the titled pattern allows before a branch or title


def _whole_runs(text: str, run: str) -> List[int]:
    """Offsets where `run` (ASCII letters and digits) stands in text with no ASCII letter or
    digit either side: every place it is a whole run of [\\p{L}\\p{N}], and a few more."""
    n = len(run)
    found = []
    find = text.find
    i = find(run)
    while i >= 0:
        if not (i and text[i - 1] in _ASCII_ALNUM) and text[i + n : i + n + 1] not in _ASCII_ALNUM:
            found.append(i)
        i = find(run, i + 1)
    return found


def _run_places(text: str, run: str, places: Optional[Dict[str, List[int]]]) -> List[int]:
    """_whole_runs(text, run), kept in `places` (one draft's) for the next pass that asks."""
    if places is None:
        return _whole_runs(text, run)
    found = places.get(run)
    if found is None:
        found = places[run] = _whole_runs(text, run)
    return found


def _element_starts(text: str, elements: Tuple[str, ...], prefix: str):
    """The offsets of `_whole_runs(text, run)` followed by what may follow `run` (`after` in
    `Extractor.__init__`) where one of `elements` starts, when each
    is longer than `run`, its first run of letters and digits. The character after the run is
    then the element's next one: neither an ASCII letter nor a digit (the run is maximal) and in
    `after` (which holds it), so only the one before is tested. One search for `prefix`, what
    the elements all begin with, then a test of the elements where it stands."""
    i = text.find(prefix)
    while i >= 0:
        if not (i and text[i - 1] in _ASCII_ALNUM) and text.startswith(elements, i):
            yield i
        i = text.find(prefix, i + 1)


def _line_span(text: str, offset: int) -> Tuple[int, int]:
    """The [start, end) of the line holding offset, its "\\n" included."""
    end = text.find("\n", offset)
    return text.rfind("\n", 0, offset) + 1, (end + 1 if end >= 0 else len(text))


def _ascii_words(runs: Optional[FrozenSet[str]]) -> Optional[FrozenSet[bytes]]:
    """The runs as bytes, to compare with `Extractor._words`; None unless every one is ASCII."""
    if runs is None or not all(run.isascii() for run in runs):
        return None
    return frozenset(run.encode("ascii") for run in runs)


def _word_before(text: str, at: int) -> Optional[str]:
    """_WORD_BEFORE.search(text, max(0, at - 40), at), its word, or None, without the search.

    The pattern ends at `at` with its separator: "-", or the spaces that end the window (a
    word is no space). Before it, the word is the letters back to the first that is not one:
    the search tries each start from the window's, and only there does a match of the letters
    reach the separator; the lookbehind then wants neither a letter nor a number before it
    (a letter: the word goes on before the window)."""
    low = max(0, at - 40)
    if at <= low:
        return None
    end = at - 1
    if text[end] != "-":
        if not _before_is_line_space(text, end + 1):
            return None
        while end > low and _before_is_line_space(text, end):
            end -= 1
    start = end
    while start > low:
        # the ASCII letters back from `start` at once (they are all \p{L}; no other ASCII
        # character is), then a letter outside ASCII, one by one
        start = low + len(text[low:start].rstrip(_ASCII_LETTERS))
        if start > low and text[start - 1] >= "\x80" and _letter_or_number(text[start - 1]) == 1:
            start -= 1
        else:
            break
    if start == end or (start and _letter_or_number(text[start - 1])):
        return None
    return text[start:end]


def _may_end_with(text: str, at: int, words: Tuple[str, ...]) -> bool:
    """False only when `_word_before(text, at)`, case-folded, is surely none of `words` (case
    folded): a test of the same 40 characters in C instead of the walk back over them.

    The word stands in that window just before its separator, "-" or line spaces (all of them
    white space to `str.rstrip`), and is letters only: stripping the window's white space, then
    its "-", leaves the word at the end (with more before it). Case-folding works character by
    character, so the folded window ends with the folded word."""
    window = text[max(0, at - 40) : at].casefold().rstrip().rstrip("-")
    return window.endswith(words)


_LETTER = lazy_compile(r"\p{L}")
_NUMBER = lazy_compile(r"\p{N}")


@functools.lru_cache(maxsize=10000)  # per character: a few hundred distinct ones in a run
def _letter_or_number(c: str) -> int:
    """1 if `c` is a letter (\\p{L}), 2 if a number (\\p{N}), else 0."""
    return 1 if _LETTER.fullmatch(c) else 2 if _NUMBER.fullmatch(c) else 0


_ONE_SPACE = lazy_compile(r"[^\S\n]")


def _spaces_start(text: str, at: int) -> int:
    """Where the run of white space on the line that ends at `at` starts (`at` when none)."""
    while at and _before_is_line_space(text, at):
        at -= 1
    return at


@functools.lru_cache(maxsize=10000)
def _line_space(c: str) -> bool:
    """Does `c` match `_SP`'s class (white space but a line end)?"""
    return _ONE_SPACE.fullmatch(c) is not None


_ASCII_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ROMAN_SUFFIXES = ("II", "III", "IV")


def _ascii_piece(text: str, i: int):
    r"""(`_NAME_PIECE.match(text, i)`'s `lastgroup`, its end) where text[i] is an ASCII capital,
    or (None, None) where this cannot tell (the caller then calls the pattern).

    The capital opens no particle (all lower case), so the pattern's alternatives, in order:
    "Jr." or "Sr." (suffix); "II", "III" or "IV" not followed by a letter or a number (suffix);
    the capital and a dot (an initial); the capital and the run of [\p{L}\p{M}’'\-] after it
    (a word). The run is read as the ASCII letters after the capital (`lstrip`), where the
    character that stops them is ASCII and neither ' nor - (ASCII letters are the class's only
    other ASCII members): a character outside ASCII, ' or -, or no stop within 40 characters,
    is left to the pattern. A run of letters that is "II", "III" or "IV" followed by that stop,
    when it is no digit (\p{N}'s only ASCII members; letters were stripped), is the suffix (a
    longer run is no suffix: a letter follows the numeral)."""
    after = text[i + 1 : i + 2]
    if after == ".":
        return "init", i + 2
    if after == "r" and text[i + 2 : i + 3] == "." and text[i] in "JS":
        return "suffix", i + 3
    window = text[i + 1 : i + 41]
    rest = window.lstrip(_ASCII_LETTERS)
    stop = rest[:1]
    if not stop or stop >= "\x80" or stop == "'" or stop == "-":
        return None, None
    end = i + 1 + len(window) - len(rest)
    if end - i <= 3 and text[i:end] in _ROMAN_SUFFIXES and not ("0" <= stop <= "9"):
        return "suffix", end
    return "word", end


def _before_is_line_space(text: str, at: int) -> bool:
    """`_line_space(text[at - 1])`, read off a set for ASCII characters (`_ASCII_SPACES` holds
    the ASCII ones `_SP` matches), the call only for others."""
    c = text[at - 1]
    return c in _ASCII_SPACES if c < "\x80" else _line_space(c)


def _clean(s: str) -> str:
    return " ".join(s.split())


# ---- one extractor per pair of tables, one extraction per draft ---------------------------

_EXTRACTORS: Dict[Tuple[int, int], Tuple[object, object, Extractor]] = {}


def extractor_for(ranks_table, titles_table) -> Extractor:
    """The Extractor for these two tables, built once (tables are loaded once per run)."""
    key = (id(ranks_table), id(titles_table))
    hit = _EXTRACTORS.get(key)
    if hit is None or hit[0] is not ranks_table or hit[1] is not titles_table:
        extractor = Extractor(RankTable(ranks_table), TitleTable(titles_table))
        hit = (ranks_table, titles_table, extractor)  # keep the tables alive: ids stay unique
        _EXTRACTORS[key] = hit
    return hit[2]


def default_tables():
    from lint.packs import tables

    return tables.load_table("ranks"), tables.load_table("titles")


def mentions_of(doc, extractor: Extractor, timeout: float = 10.0) -> List[Mention]:
    """The draft's mentions, extracted once per draft and extractor (shared by every people rule)."""
    cache = doc.__dict__.setdefault("_people_mentions", {})
    found = cache.get(id(extractor))
    if found is None:
        folded = folded_words(doc)  # (the sourcing kinds' set of the draft's words, once per draft)
        found = extractor.extract(doc.text, timeout, None if folded is not None else doc.utf8, folded)
        cache[id(extractor)] = found
    return found




def people_of(doc, extractor: Extractor, timeout: float = 10.0) -> List["Person"]:
    """`group_people` of the draft's mentions, grouped once per draft and extractor (every people
    rule and the cross-draft facts read the same list; none of them changes it)."""
    cache = doc.__dict__.setdefault("_people_groups", {})
    found = cache.get(id(extractor))
    if found is None:
        found = group_people(mentions_of(doc, extractor, timeout), presorted=True)
        cache[id(extractor)] = found
    return found


# ---- people ------------------------------------------------------------------------------


class Person(Record):
    key: Tuple[str, str]
    name: str  # the fullest form the draft uses: "Kenneth F. McKenzie"
    mentions: List[Mention] = field(default_factory=list)

    def __init__(self, key: Tuple[str, str], name: str, mentions: Optional[List[Mention]] = None):
        self.key, self.name = key, name
        self.mentions = [] if mentions is None else mentions


def group_people(mentions: List[Mention], presorted: bool = False) -> List[Person]:
    """People named in full, each with every mention of them (surname-only ones joined).

    `presorted`: the mentions are in order of (start, appositive), as `Extractor.extract` lists
    them; a person's mentions then need sorting only when a surname-only one joined them (the
    others are appended in that order already, and the sort is stable)."""
    people: Dict[Tuple[str, str], Person] = {}
    joined = set()  # the people a surname-only mention joined
    surnames: Dict[str, set] = {}
    for mention in mentions:
        key = mention.name.key
        if key is None:
            continue
        person = people.get(key)
        full = mention.name.full
        if person is None:
            person = people[key] = Person(key, full)
        elif len(full) > len(person.name):
            person.name = full
        person.mentions.append(mention)
        surnames.setdefault(key[1], set()).add(key)
    for mention in mentions:
        if mention.name.key is not None:
            continue
        keys = surnames.get(fold(mention.name.last))
        if keys and len(keys) == 1:
            key = next(iter(keys))
            people[key].mentions.append(mention)
            joined.add(key)
    for key, person in people.items():
        if presorted and key not in joined:
            continue
        person.mentions.sort(key=lambda mn: (mn.start, mn.appositive))
    return list(people.values())


def middles_agree(a: str, b: str) -> bool:
    """Initials agree when one set is the other with some left out ("H.W." and "W.")."""
    if not a or not b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    it = iter(long)
    return all(c in it for c in short)
