"""One scan per draft for every rule's triggers.

A rule's *triggers* are strings one of which must occur in a draft for the rule to find
anything there: an `existence` rule's tokens, or the literals every match of its patterns
needs (`lint.engine.prefilter.required_literals`); a `substitution` rule's literal keys, or
its regex keys' required literals. The kinds test them one at a time, each with its own
substring search over the draft (`kinds.base.may_occur`, `Requirement.may_match`); a house
pack of a hundred word-list rules (a Vale style) makes that a hundred passes over every
draft. Here every rule's triggers go into one multi-pattern automaton, scanned once per
draft (over the text, and over its folded text for case-insensitive ones), and the engine
skips a rule whose triggers are all absent: it would have returned at its own prefilter.

The scan is Aho-Corasick (`pyahocorasick`, the optional extra `copydesk[fast]`) when it is
installed and the packs gate on many strings (`AUTOMATON_MIN_STRINGS`); else one C-level
substring test per distinct string whose characters the draft all holds, each rule's stopping
at its first string found (the same answer: a string occurs or it does not).
`TRIGGER_SCAN=substring` or `aho-corasick` in the environment forces one (tests compare the two); `TRIGGER_SCAN=off` turns the gate off (to measure what it saves). The scan also says where each string occurs (`Fired.where`).

Only kinds whose check returns at exactly these tests are gated (`triggers_of`); any rule
with a trigger that cannot be stated (a non-ASCII case-insensitive token, a pattern without
required literals) runs on every draft, as does every cross-draft rule (its facts are kept
even where it finds nothing). `COPYDESK_NO_PREFILTER=1` turns the gate off with the other
prefilters, so a plain run shows any difference.
"""

from __future__ import annotations

import os
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from lint.drafts.document import literal_starts
from lint.engine.prefilter import prefilters_enabled

try:  # optional: pip install 'copydesk[fast]'
    import ahocorasick  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the machine
    ahocorasick = None

Trigger = Tuple[FrozenSet[str], bool]  # (strings, folded): one of them occurs, or no hit

# Below this many strings a substring test per string (CPython's `in`, a memchr-like scan at
# about 600 MB/s) beats one Aho-Corasick pass (about 80 MB/s, plus a Python step per match):
# the shipped packs gate two rules on 21 strings, and the automaton cost them more than the
# gate saved (docs/performance.md). A house pack of word lists has hundreds.
AUTOMATON_MIN_STRINGS = 64


def triggers_of(kind) -> Optional[List[Trigger]]:
    """The triggers of a rule's kind: a list of (strings, folded), one of which must be found
    for the rule to hit; None when they cannot be stated (the rule then always runs)."""
    name = getattr(kind, "name", "")
    if getattr(kind, "cross_draft", False):
        return None
    if name == "existence":
        return _existence(kind)
    if name == "substitution":
        return _substitution(kind)
    return None


def _literal(token: str, ignorecase: bool) -> Optional[Trigger]:
    """A literal phrase as `may_occur` tests it."""
    if not token:
        return None
    if not ignorecase:
        return frozenset([token]), False
    if not token.isascii():
        return None  # may_occur cannot tell: the rule always looks
    from lint.drafts.document import prefilter_fold

    return frozenset([prefilter_fold(token)]), True


def _requirement(requirement) -> Optional[Trigger]:
    if requirement is None:
        return None
    return frozenset(requirement.strings), bool(requirement.folded)


def _existence(kind) -> Optional[List[Trigger]]:
    # Existence.check returns when (no patterns and no token may occur) or its combined
    # requirement cannot match; either test alone gates it
    requirement = _requirement(getattr(kind, "_requirement", None))
    if requirement is not None:
        return [requirement]
    if kind.patterns:
        return None
    triggers = [_literal(t, kind.ignorecase) for t in kind.tokens if t]
    if not triggers or any(t is None for t in triggers):
        return None
    return triggers


def _substitution(kind) -> Optional[List[Trigger]]:
    # Substitution.check keeps a key whose literal may occur and whose requirement may match:
    # a key with neither test always stays, and then so does the rule
    out = []
    for (_pattern, _replacement, literal), needs in zip(kind._swaps, kind._requirements):
        if literal is not None:
            trigger = _literal(literal, kind.ignorecase)
        else:
            trigger = _requirement(needs)
        if trigger is None:
            return None
        out.append(trigger)
    return out or None


class Fired:
    """What one draft's scan found: which strings occur, and where (offsets of their ends,
    in the text or, for folded strings, in the folded text)."""

    __slots__ = ("found", "_where")

    def __init__(self, found: FrozenSet[Tuple[str, bool]], where: Optional[Dict[Tuple[str, bool], List[int]]] = None):
        self.found = found
        self._where = where

    def fires(self, triggers: Sequence[Trigger]) -> bool:
        found = self.found
        return any((s, folded) in found for strings, folded in triggers for s in strings)

    def where(self, string: str, folded: bool = False) -> List[int]:
        """Start offsets of `string` (a trigger) in the text (folded text when `folded`)."""
        if self._where is not None:
            return self._where.get((string, folded), [])
        return []


class TriggerScan:
    """Every gated rule's triggers, in one automaton per case (text, folded text)."""

    def __init__(self, rules, method: Optional[str] = None):
        self.gates: Dict[int, List[Trigger]] = {}
        for index, rule in enumerate(rules):
            triggers = triggers_of(rule.kind) if rule.kind is not None else None
            if triggers:
                self.gates[index] = triggers
        self.strings = {False: set(), True: set()}
        for triggers in self.gates.values():
            for strings, folded in triggers:
                self.strings[folded].update(strings)
        if method is None:
            method = os.environ.get("TRIGGER_SCAN")
        if method is None:
            count = len(self.strings[False]) + len(self.strings[True])
            method = "aho-corasick" if ahocorasick is not None and count >= AUTOMATON_MIN_STRINGS else "substring"
        if method == "aho-corasick" and ahocorasick is None:
            method = "substring"
        self.method = method
        self._build()

    def _build(self) -> None:
        self._automata = {}
        # each gate's strings with the characters each needs, for `_skipped_by_substring`
        self._gate_items = {
            index: [(s, folded, frozenset(s)) for strings, folded in triggers for s in sorted(strings)]
            for index, triggers in self.gates.items()
        }
        # the substring search's: each case's distinct characters, and (string, its characters)
        self._characters = {
            folded: (frozenset("".join(strings)), [(s, frozenset(s)) for s in sorted(strings)])
            for folded, strings in self.strings.items()
        }
        self._classes = _ClassPlan.of(self._gate_items)
        if self.method == "aho-corasick":
            for folded, strings in self.strings.items():
                if strings:
                    automaton = ahocorasick.Automaton()
                    for s in sorted(strings):
                        automaton.add_word(s, (s, len(s)))
                    automaton.make_automaton()
                    self._automata[folded] = automaton

    def __getstate__(self):  # the automata are rebuilt where the scan is unpickled (a worker)
        return {"gates": self.gates, "strings": self.strings, "method": self.method}

    def __setstate__(self, state) -> None:
        self.gates, self.strings, self.method = state["gates"], state["strings"], state["method"]
        if self.method == "aho-corasick" and ahocorasick is None:
            self.method = "substring"
        self._build()

    def __bool__(self) -> bool:
        return bool(self.gates)

    def scan(self, doc, where: bool = False) -> Fired:
        """The triggers found in the draft (with `where`: and their start offsets)."""
        found = set()
        positions: Optional[Dict[Tuple[str, bool], List[int]]] = {} if where else None
        for folded, strings in self.strings.items():
            if not strings:
                continue
            hay = doc.folded_text if folded else doc.text
            automaton = self._automata.get(folded)
            if automaton is not None:
                if positions is None:
                    for _end, (s, _n) in automaton.iter(hay):
                        found.add((s, folded))
                else:
                    for end, (s, n) in automaton.iter(hay):
                        found.add((s, folded))
                        positions.setdefault((s, folded), []).append(end - n + 1)
            else:
                # a string is looked for only when the text holds each of its characters: one
                # C-level test per distinct character (most drafts lack a tab or a no-break
                # space) spares most of the whole-text substring searches
                chars, items = self._characters[folded]
                present = {c for c in chars if c in hay}
                for s, needed in items:
                    if needed <= present and s in hay:
                        found.add((s, folded))
                        if positions is not None:
                            positions[(s, folded)] = literal_starts(hay, (s,))
        if positions is not None:
            for spots in positions.values():
                spots.sort()
        return Fired(frozenset(found), positions)

    def skipped(self, doc) -> FrozenSet[int]:
        """The indexes of the rules (as given) that cannot hit in this draft; none when the
        prefilters are off (COPYDESK_NO_PREFILTER=1)."""
        if not self.gates or self.method == "off" or not prefilters_enabled():
            return frozenset()
        if self.method == "substring":
            return self._skipped_by_substring(doc)
        fired = self.scan(doc)
        return frozenset(i for i, triggers in self.gates.items() if not fired.fires(triggers))

    def _skipped_by_substring(self, doc) -> FrozenSet[int]:
        """`skipped` with substring tests, each gate's stopping at the first string found: a
        rule runs as soon as one of its triggers is there, so the others need no search (the
        same answer as scanning for every string). Gates whose strings the draft's classes
        of characters decide (`_ClassPlan`) are tested on those first."""
        classes = self._classes
        if classes is not None:
            skipped = classes.skipped(doc)
            if classes.complete:
                return frozenset(skipped)
        else:
            skipped = []
        hays = {False: doc.text}
        present = {}
        for index, items in self._gate_items.items():
            if classes is not None and index in classes.gates:
                continue
            for s, folded, needed in items:
                hay = hays.get(folded)
                if hay is None:
                    hay = hays[folded] = doc.folded_text
                chars = present.get(folded)
                if chars is None:
                    chars = present[folded] = {c for c in self._characters[folded][0] if c in hay}
                if needed <= chars and s in hay:
                    break
            else:
                skipped.append(index)
        return frozenset(skipped)



class _ClassPlan:
    """The case-sensitive gates tested on the draft's characters reduced to classes: one pass
    (`bytes.translate` of its UTF-8) and one substring test for each distinct reduced string,
    not a test for each string and each of its characters.

    Characters are in one class when each may stand for the other at any place of any gate's
    string (the shipped packs: tab, space and no-break space; `,.:;`): a string over classes
    then stands for every string with those characters, and each of them belongs to the gate
    (changing one place at a time, each change keeps the string the gate's). So a draft holds
    one of a gate's strings exactly when its reduced UTF-8 holds one of the gate's reduced
    strings: an ASCII character is one byte, a non-ASCII one of the strings' characters is
    first replaced by a byte that UTF-8 never uses (0xF8-0xFF; a whole sequence, found only
    where that character is, as UTF-8 sequences never overlap), and every other byte becomes
    0, which no class is. For gates that are not case-sensitive, too many non-ASCII characters
    or classes: no plan (None), or the plan covers only some gates (`complete` false)."""

    __slots__ = ("gates", "complete", "_tests", "_replacements", "_table")

    def __init__(self, gates, complete, tests, replacements, table):
        self.gates, self.complete, self._tests = gates, complete, tests
        self._replacements, self._table = replacements, table

    @classmethod
    def of(cls, gate_items) -> Optional["_ClassPlan"]:
        planned = {index: [s for s, _folded, _needed in items] for index, items in gate_items.items()
                   if items and not any(folded for _s, folded, _needed in items)}
        if not planned:
            return None
        # a character's places in the strings, itself left out: characters with the same
        # places may stand for each other
        places: Dict[str, set] = {}
        for index, strings in planned.items():
            for s in strings:
                for j, c in enumerate(s):
                    places.setdefault(c, set()).add((index, s[:j], s[j + 1 :]))
        classes: Dict[frozenset, int] = {}
        code = {c: classes.setdefault(frozenset(p), len(classes) + 1) for c, p in sorted(places.items())}
        others = sorted(c for c in code if ord(c) >= 0x80)
        if len(classes) > 200 or len(others) > 8:
            return None
        table = bytearray(256)
        replacements = []
        for c, n in code.items():
            if ord(c) < 0x80:
                table[ord(c)] = n
        for i, c in enumerate(others):
            table[0xF8 + i] = code[c]
            replacements.append((c, c.encode("utf-8", "surrogatepass"), bytes([0xF8 + i])))
        tests = [(index, sorted({bytes(code[c] for c in s) for s in strings})) for index, strings in planned.items()]
        return cls(frozenset(planned), len(planned) == len(gate_items), tests, replacements, bytes(table))

    def skipped(self, doc) -> List[int]:
        """The planned gates none of whose strings the draft holds."""
        utf8 = doc.utf8
        if self._replacements:
            text = doc.text
            if not text.isascii():  # (an ASCII text holds none of them)
                for character, sequence, byte in self._replacements:
                    if character in text:  # one C scan of the text, not a search of its UTF-8
                        utf8 = utf8.replace(sequence, byte)
        reduced = utf8.translate(self._table)
        return [index for index, needles in self._tests if not any(n in reduced for n in needles)]
