"""The house registry of people: canonical names, variants, and the roles people held, with dates.

Format (see docs/registry.md):

    level: error            # optional: conflicts with this file are errors (default: warning)
    people:
      - name: Kenneth F. McKenzie Jr.
        variants: [Kenneth McKenzie, Frank McKenzie]
        roles:
          - {branch: Marine Corps, rank: Gen., title: commander of U.S. Central Command,
             from: 2019-03-28, to: 2022-04-01}

A bad file is a CopydeskError naming the file and line (the CLI exits 2).
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from lint.engine.rx import regex
from lint.kinds.newsroom import people
from lint.model import CopydeskError
from lint.engine.patterns import lazy_compile
from lint.record import Record
from lint.packs.yamlload import LineDict, LineList, line_of, load_yaml_file

TOP_KEYS = ("level", "description", "people")
PERSON_KEYS = ("name", "variants", "roles", "level", "note")
ROLE_KEYS = ("branch", "rank", "title", "from", "to")
LEVELS = ("error", "warning")
_DATE = lazy_compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class RegistryRole(Record, frozen=True):
    branch: Optional[str]  # canonical branch name
    rank: Tuple[str, ...]  # rank keys
    rank_form: str  # as the registry writes it: "Gen."
    title: str
    office: Optional[str]  # a compared office found in the title ("senator")
    start: Optional[str]  # ISO dates, inclusive
    end: Optional[str]
    line: int

    def held_on(self, date: str) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)

    def describe(self) -> str:
        """"commander of U.S. Central Command, 2019-03-28 to 2022-04-01" """
        parts = []
        if self.title:
            parts.append(self.title)
        if self.start or self.end:
            parts.append(f"{self.start or '…'} to {self.end or 'now'}")
        return ", ".join(parts)


class RegistryPerson(Record, frozen=True):
    name: str
    first: str
    middles: Tuple[str, ...]  # initials of the canonical name and variants that have them
    suffix: str
    roles: Tuple[RegistryRole, ...]
    level: Optional[str]
    line: int

    def roles_on(self, date: Optional[str]) -> Tuple[RegistryRole, ...]:
        """The roles held on `date`; all of them when the date is unknown or none fits."""
        if date:
            held = tuple(r for r in self.roles if r.held_on(date))
            if held:
                return held
        return self.roles

    def shown_role(self, date: Optional[str]) -> Optional[RegistryRole]:
        """The role to quote in a message: the one held on the date, else the latest."""
        roles = self.roles_on(date)
        if not roles:
            return None
        return max(roles, key=lambda r: (r.start or "", -r.line))


class Registry(Record, frozen=True):
    path: str
    level: str
    people: Tuple[RegistryPerson, ...]
    index: Dict[Tuple[str, str], RegistryPerson]

    def lookup(self, key: Tuple[str, str]) -> Optional[RegistryPerson]:
        return self.index.get(key)

    def where(self, person: RegistryPerson) -> str:
        return f"{self.path}:{person.line}"

    def level_for(self, person: RegistryPerson) -> str:
        return person.level or self.level


def load_registry(path, ranks_table=None, titles_table=None) -> Registry:
    """Read and check a registry file; every fault names the file and line.

    The file is named as the user gave it, or relative to the working directory when a config
    file's `registry:` made it absolute and it lies below there (`people.yaml:4`, never
    `/home/desk/newsroom/people.yaml:4`)."""
    path = shown_path(path)
    data = load_yaml_file(Path(path), "people list")
    if ranks_table is None or titles_table is None:
        ranks_table, titles_table = people.default_tables()
    extractor = people.extractor_for(ranks_table, titles_table)

    def fail(line, message):
        raise CopydeskError(f"{path}:{line}: {message}")

    if not isinstance(data, LineDict):
        fail(getattr(data, "line", 1) or 1, "a registry is a mapping with `people:` (a list of people)")
    for key in data:
        if key not in TOP_KEYS:
            fail(line_of(data, key), f"unknown key {key!r} (a registry has: {', '.join(TOP_KEYS)})")
    level = data.get("level", "warning")
    if level not in LEVELS:
        fail(line_of(data, "level"), f"`level` must be error or warning, not {level!r}")
    entries = data.get("people")
    if not isinstance(entries, LineList):
        fail(line_of(data, "people"), "`people:` must be a list of people, each with a `name`")
    found: List[RegistryPerson] = []
    index: Dict[Tuple[str, str], RegistryPerson] = {}
    index_lines: Dict[Tuple[str, str], int] = {}
    for i, entry in enumerate(entries):
        line = line_of(entries, i)
        person, keys = _person(entry, line, extractor, fail)
        found.append(person)
        for key in keys:
            if key in index and index[key] is not person:
                fail(line, f"{person.name!r} is also listed at line {index_lines[key]} ({key[0]} {key[1]}): one person, one entry")
            index[key] = person
            index_lines[key] = line
    return Registry(path, level, tuple(found), index)


def shown_path(path) -> str:
    """`path` for messages: relative to the working directory when it lies below it."""
    path = str(path)
    if not os.path.isabs(path):
        return path
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path
    return path if relative == os.pardir or relative.startswith(os.pardir + os.sep) else relative


def _person(entry, line, extractor, fail):
    if not isinstance(entry, LineDict):
        fail(line, "each person is a mapping with `name`, optional `variants` and `roles`")
    for key in entry:
        if key not in PERSON_KEYS:
            fail(line_of(entry, key), f"unknown key {key!r} (a person has: {', '.join(PERSON_KEYS)})")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        fail(line_of(entry, "name"), "a person needs a `name` (first and last name)")
    label = f"person {name!r}"
    parsed = _parse(name, extractor)
    if parsed is None:
        fail(line_of(entry, "name"), f"{label}: cannot read a first and last name in {name!r}")
    keys = [parsed.key]
    middles = [parsed.middle] if parsed.middle else []
    variants = entry.get("variants", [])
    if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
        fail(line_of(entry, "variants"), f"{label}: `variants` must be a list of names")
    for j, variant in enumerate(variants):
        other = _parse(variant, extractor)
        if other is None:
            fail(line_of(variants, j, line_of(entry, "variants")), f"{label}: cannot read a first and last name in variant {variant!r}")
        keys.append(other.key)
        if other.middle:
            middles.append(other.middle)
    level = entry.get("level")
    if level is not None and level not in LEVELS:
        fail(line_of(entry, "level"), f"{label}: `level` must be error or warning, not {level!r}")
    roles_node = entry.get("roles", [])
    if not isinstance(roles_node, list):
        fail(line_of(entry, "roles"), f"{label}: `roles` must be a list of roles (branch, rank, title, from, to)")
    roles = tuple(
        _role(role, line_of(roles_node, k, line_of(entry, "roles")), label, extractor, fail)
        for k, role in enumerate(roles_node)
    )
    person = RegistryPerson(
        name=" ".join(name.split()),
        first=parsed.first,
        middles=tuple(dict.fromkeys(middles)),
        suffix=parsed.suffix,
        roles=roles,
        level=level,
        line=line,
    )
    return person, list(dict.fromkeys(keys))


def _parse(name: str, extractor) -> Optional[people.Name]:
    text = " ".join(name.split())
    parsed = extractor.parse_name(text, 0, check_titles=False)
    if parsed is None or not parsed.first or parsed.end != len(text):
        return None
    return parsed


def _role(node, line, label, extractor, fail) -> RegistryRole:
    table = extractor.ranks
    if not isinstance(node, LineDict):
        fail(line, f"{label}: a role is a mapping with branch, rank, title, from, to")
    for key in node:
        if key not in ROLE_KEYS:
            fail(line_of(node, key), f"{label}: unknown role key {key!r} (a role has: {', '.join(ROLE_KEYS)})")
    if not any(node.get(k) for k in ("branch", "rank", "title")):
        fail(line, f"{label}: a role needs at least a branch, a rank or a title")
    branch = node.get("branch")
    if branch is not None:
        canonical = table.branch_of_name.get(branch) if isinstance(branch, str) else None
        if canonical is None:
            fail(line_of(node, "branch"), f"{label}: unknown branch {branch!r} (branches: {', '.join(table.branches)})")
        branch = canonical
    rank_form = node.get("rank") or ""
    ranks: Tuple[str, ...] = ()
    if rank_form:
        ranks = table.ranks_of(rank_form) if isinstance(rank_form, str) else ()
        if not ranks:
            fail(line_of(node, "rank"), f"{label}: unknown rank {rank_form!r} (write it as AP abbreviates it: Gen., Lt. Col., Adm., Sgt., ...)")
        if branch and not table.valid(branch, ranks):
            fail(line_of(node, "rank"), f"{label}: the {branch} has no {rank_form} rank")
    title = node.get("title") or ""
    if not isinstance(title, str):
        fail(line_of(node, "title"), f"{label}: `title` must be text")
    start = _date(node.get("from"), False, line_of(node, "from"), label, fail)
    end = _date(node.get("to"), True, line_of(node, "to"), label, fail)
    if start and end and end < start:
        fail(line_of(node, "to"), f"{label}: the role ends ({end}) before it starts ({start})")
    return RegistryRole(branch, ranks, rank_form, title, _office_in(title, extractor), start, end, line)


def _office_in(title: str, extractor) -> Optional[str]:
    """The compared office a free-text title names ("U.S. Senator from Ohio" -> senator)."""
    titles = extractor.titles
    best = None
    for form, office in titles.office_of.items():
        for m in regex.finditer(rf"(?<![\p{{L}}]){regex.escape(form)}(?![\p{{L}}])", title, regex.IGNORECASE):
            before = title[: m.start()].split()
            if before and before[-1].casefold() in titles.post_modifiers:
                # "deputy secretary of state" is another post: one no draft's post equals
                office = f"{before[-1].casefold()} {office}"
            if best is None or (m.start(), -len(form)) < best[0]:
                best = ((m.start(), -len(form)), office)
            break
    return best[1] if best else None


def _date(value, end: bool, line, label, fail) -> Optional[str]:
    """A date as YYYY-MM-DD; a year or a month stands for its first (or, as an end, last) day."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    m = _DATE.fullmatch(str(value).strip())
    if not m:
        fail(line, f"{label}: {value!r} is not a date (write YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day:
        try:
            return datetime.date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            fail(line, f"{label}: {value!r} is not a real date")
    if month:
        if not 1 <= int(month) <= 12:
            fail(line, f"{label}: {value!r} is not a real month")
        return f"{year}-{month}-{'31' if end else '01'}"
    return f"{year}-{'12-31' if end else '01-01'}"
