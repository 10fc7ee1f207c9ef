"""desk-note: notes a desk left in the copy, found by their shape and the desk's words.

A note is never a word on its own: it is a shape (a bracket, a run of capitals, a sign-off glued
to the end of a paragraph, a line of its own) holding words from the desk's table
(rules/data/desk_notes.yaml: addressees, desk verbs and what they act on, sign-offs, end marks,
advisories, placeholders). Each finding is one of three classes, and a rule reports one:

- `note`: what a copy editor deletes without a second look ("[[check this with legal]]",
  "NOTE TO EDS:", "(CQ)", "JEFF OK’D", "CHECK SPELLING OF NAME" on a line of its own, "TK",
  "XXX people", "###", "-30-", "(Adds quote in paragraph 4)");
- `possible`: what the desk should look at ("[Note: ...]" in ordinary case, "Embargoed until",
  an XXX that is neither clearly a missing figure nor a title);
- `run-on-heading`: a heading in capitals pasted onto the end of a paragraph ("... the result.
  KEY MATCH STATS").

What stays silent, by shape: headlines, subheads and datelines in capitals (a line of capitals
is a desk instruction only when it starts with a desk verb and names what to act on, and never
when it speaks to the reader: "CHECK YOUR NAME ON THE ROLL"); acronyms and shouted words inside
prose; anything inside a quotation but placeholders and sign-offs; section breaks (`X X X`,
`* * *`); a title or numeral written XXX ("the film XXX", "Super Bowl XXX"); a single word in
capitals after the last sentence ("... AGAIN", "LOL"). The analysis runs once per draft and is
shared by the rules that report its classes.
"""

from __future__ import annotations

import re
from itertools import chain
from operator import gt
from typing import Dict, List, Optional, Tuple

from lint.engine import digests
from lint.engine.rx import regex
from lint.packs import tables
from lint.drafts.document import literal_starts
from lint.kinds.base import Kind, OptionError, line_span
from lint.kinds.newsroom.acronym import capital_runs, draft_capitals
from lint.engine.prefilter import prefilters_enabled
from lint.model import Hit
from lint.engine.patterns import LazyPattern, lazy_compile, std_compile
from lint.record import field

NOTE, POSSIBLE, HEADING = "note", "possible", "run-on-heading"
REPORTS = (NOTE, POSSIBLE, HEADING)

# the table's lists this kind reads (rules/data/desk_notes.yaml)
TABLE_KEYS = (
    "addressees", "note-words", "print-labels", "verbs", "soft-verbs", "alone", "never-prose", "objects", "reader-words",
    "signoffs", "weak-signoffs", "desk-names", "to-verbs", "end-marks", "advisories", "soft-advisories", "change-verbs", "count-words",
    "quantifiers", "title-cues",
)

# A word in capitals: letters and digits, an apostrophe or hyphen only between capitals
# ("OK’D", "DOUBLE-CHECK"); not part of a longer word ("OK’d", "NATO’s" are not).
_CAPS_WORD = r"\p{Lu}(?<![\p{L}\p{N}'’-]\p{Lu})[\p{Lu}\p{N}]*(?:['’-]\p{Lu}[\p{Lu}\p{N}]*)*(?![\p{L}\p{N}'’])"
# words in capitals one space apart: a run
_CAPS_RUN = lazy_compile(rf"{_CAPS_WORD}(?:[^\S\n]{{1,2}}{_CAPS_WORD})*")
_TOKEN = lazy_compile(_CAPS_WORD)
# where a word in capitals may start, for the `re` module (a search many times cheaper than
# _CAPS_RUN's): a character that may be \p{Lu} (A-Z, Latin-1's capitals, anything past U+00FF
# but the General Punctuation block, which holds no letter) not followed by a Latin-1 lower-case
# letter (each of a-z, ß-ö, ø-ÿ is \p{Ll}). A word in capitals starts with a \p{Lu} followed
# by a capital, a digit, an apostrophe or hyphen, or no letter at all: where this finds nothing
# in a stretch of text, _CAPS_RUN finds nothing there either.
# The class is written as what it leaves out (A-Z, U+00C0-U+00D6, U+00D8-U+00DE, U+0100-U+1FFF,
# U+2070-U+10FFFF are the characters not listed): the same characters, but the stdlib compiles
# a negated class of a few small ranges in a tenth of the time of one reaching U+10FFFF (0.7 ms
# against 7.5 ms, paid at every import, a commit hook's included). tests/test_desk_note_shortcuts.py
# holds it to the positive class over every code point.
_MAY_CAPS_CLASS = "[^\x00-@\\[-\u00bf\u00d7\u00df-\u00ff\u2000-\u206f]"
_MAY_CAPS = std_compile(_MAY_CAPS_CLASS + "(?![a-z\u00df-\u00f6\u00f8-\u00ff])")
# brackets: [[..]], ((..)), <<..>>, {..}, [..], and (..) opening with capitals, cq, ?? or a
# wire change verb (the table's): round brackets are print punctuation, judged only then
# each alternative with the character it opens with: a draft is searched with the alternatives whose
# character it holds, in this order (a pattern opening with "(" alone is searched many times faster)
_BRACKETS = (
    ("[", r"\[\[(?P<dsq>[^\[\]\n]{{1,200}})\]\]"),
    ("(", r"\(\((?P<drd>[^()\n]{{1,200}})\)\)"),
    ("<", r"<<(?P<dan>[^<>\n]{{1,200}})>>"),
    ("{", r"\{{(?P<brace>[^{{}}\n]{{1,200}})\}}"),
    ("[", r"\[(?P<sq>[^\[\]\n]{{1,200}})\]"),
    ("(", r"\((?P<rd>(?:[A-Z]{{2}}|[Cc]q|\?\?|(?:{change})\b)[^()\n]{{0,200}})\)"),
)
_BRACKET = "|".join(source for _, source in _BRACKETS)
_OPENERS = "[{(<"
# lower-case and mixed-case shapes, each searched only when the draft holds its literal:
# "tktk", "cq", "CQ’d", "pls check", "Eds:", "###", "-30-", "??", "-- desk"
_LOWER = (
    ("tk", ("tk",), lazy_compile(r"(?<![\p{L}\p{N}.@/])tk(?:[^\S\n]*tk)+(?![\p{L}\p{N}])")),
    ("cq", ("cq", b"CQ"), lazy_compile(r"(?<![\p{L}\p{N}.@/#-])(?:cq(?:['’]?e?d)?|CQ(?:['’]?[dD]|['’]?E[dD]|ed))(?![\p{L}\p{N}@])")),
    ("pls", ("pls", "plz", "Pls", b"PLS", b"PLZ"), lazy_compile(r"(?<![\p{L}])(?i:pls|plz)[^\S\n]+(?P<verb>\p{L}+(?:-\p{L}+)?)")),
    ("eds", ("Eds:",), lazy_compile(r"(?<![\p{L}\p{N}])Eds:")),
    ("hashes", ("###",), lazy_compile(r"(?<![#\w])#{3,}(?![#\w])")),
    ("thirty", ("30-", "30 -"), lazy_compile(r"(?<![\p{L}\p{N}-])-[^\S\n]?30[^\S\n]?-(?![\p{L}\p{N}-])")),
    ("queries", ("??",), lazy_compile(r"(?<!\S)\?{2,}(?!\S)")),
)
# the lower-case literals above, found in one pass (the plain path, COPYDESK_NO_PREFILTER=1)
_LOWER_FOUND = std_compile(  # (longest first, then in order: the same text in every process)
    "|".join(re.escape(l) for l in sorted({l for _, ls, _ in _LOWER for l in ls if isinstance(l, str)}, key=lambda l: (-len(l), l)))
)
# the fast path looks for each literal on its own: with a character it holds that prose holds
# seldom (a few times a draft), from that character's places (`_holds`: a one-character search,
# memchr, costs a small part of a search for the literal); else with `in` (a C-level search,
# cheaper than the `regex` module's); "30-" and "30 -" are one test
_LOWER_LITERALS = {
    literal: rare
    for literal, rare in (("tk", None), ("cq", "q"), ("pls", None), ("plz", "z"), ("Pls", "P"), ("Eds:", ":"),
                          ("###", "#"), ("??", "?"), ("30-", "3"), ("30 -", "3"))
}
_MERGED = {"30-": ("30-", "30 -"), "30 -": ("30-", "30 -")}
# what the request shape's literals ("pls", "plz", "Pls", "PLS", "PLZ") become in the draft's
# case-folded text (`Document.folded_text`, `prefilter_fold`): folding maps each of P, L, S, Z
# to its small letter one character at a time and deletes or changes no ASCII letter, so a draft
# holding one of them holds one of these in its folded text (a draft holding neither holds
# none of the five: the tests of the five are skipped)
_PLS_FOLDED = ("pls", "plz")
# either of them, found in one scan of the folded text where `in` made two: `re` reads the
# alternatives' common prefix and then a class of their last letters (it compiles them as
# "pl[sz]"), tried only where a "p" stands
_PLS_FOLDED_SEARCH = std_compile("|".join(map(re.escape, _PLS_FOLDED))).search
# how many places of the rare character `_holds` tries before it searches for the literals (a
# place costs a loop's turn in Python, about a twentieth of a search through a draft)
_PLACES = 8
_LAST_LOWER = lazy_compile(r"(?r)\p{Ll}")
_TAIL = 40  # how much of a long line's end is read for runs of capitals glued to it

# a missing figure: XXX, xxx, XX (with money or units), $XX, XX%, XX,XXX
_PLACEHOLDER = lazy_compile(
    r"(?<![\p{L}\p{N}.@/_-])(?P<cur>[$£€¥])?(?P<x>X{2,}|x{3,})(?P<more>(?:[,.:]X{2,})*)"
    r"(?P<suffix>%|m|bn|k)?(?![\p{L}\p{N}])"
)
_CQ_ONLY = lazy_compile(r"(?i:cq)(?:['’]?e?d)?")
_LETTERS = lazy_compile(r"[\p{L}]+")
_LABEL = lazy_compile(r"[\p{L}]+\s*[:—–-]")
_WORDS = lazy_compile(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*")
_TITLE_AFTER = lazy_compile(r"[:\-–][^\S\n]*\p{Lu}|-rated|[^\S\n]rated")
_NAME_AFTER = lazy_compile(r"[^\S\n]+\p{Lu}\p{Ll}")
_COLON_AFTER = lazy_compile(r"[^\S\n]*[:—–]")
_NEXT_WORD = lazy_compile(r"[^\S\n]+([\p{L}-]+)")
_COLON = lazy_compile(r"[^\S\n]*:")
# a word in capitals after one of these is a name or a label: "tap the CONFIRM button"
_DETERMINER_BEFORE = lazy_compile(r"(?i:\b(?:the|a|an|this|that|your|their|its|his|her|our|my))[^\S\n]+$")
_LABEL_END = lazy_compile(r"[^\S\n]*(?:[:—–-]|$)")
_NAME_BEFORE = lazy_compile(r"\p{Lu}\p{Ll}+[^\S\n]+$")
_CAP_AFTER = lazy_compile(r"[^\S\n]+\p{Lu}")
_PLACEHOLDER_ONLY = lazy_compile(r"(?:TK|tk|(?i:xx+)|#{3,}|\?{2,})(?:[^\S\n]+(?:TK|tk))*")
# each anchored at the end of the text before a run (often a long line), and searched from where a
# match can start (`_sentence_end`, `_close_end`, `_dash_end`)
_SENTENCE_END = lazy_compile(r"[.!?][”\"’')\]]*[^\S\n]+$")
_CLOSE_END = lazy_compile(r"\p{Ll}[^\S\n]*[)”\"][^\S\n]+$")
_DASH_END = lazy_compile(r"(?:^|\s)(?:—|–|--?)[^\S\n]*$")
_CLOSERS = "”\"’')]"
_WORD_BEFORE = lazy_compile(r"([\p{L}\p{N}][\p{L}\p{N}.'’-]*)[^\p{L}\p{N}]*$")
_WORD_AFTER = lazy_compile(r"^[^\S\n]*([\p{L}\p{N}%][\p{L}\p{N}'’-]*)")
_MORE_CAPS = lazy_compile(rf"(?:[^\S\n]+{_CAPS_WORD})+")
# quantifiers that are verbs or prepositions: enough before XXX, not before XX
_VERB_QUANTIFIERS = frozenset({"to", "by", "was", "were", "is", "are", "of", "cost", "costs", "rose", "fell", "killed", "injured", "hurt", "aged", "age"})
# a desk verb then one of these is a phrase or a slogan (NEED TO KNOW, FIX IT FOR GOOD), not an order
_PHRASAL = frozenset({"IT", "TO", "THE", "A", "AN", "THESE", "THOSE", "UP", "OUT", "IN", "ON", "OFF", "DOWN", "AWAY", "BACK"})
_LINE_START_FILLER = lazy_compile(r"^[^\S\n]*(?:[-–—•*>]+[^\S\n]*)?$")
# what a note to readers says after NOTE: or NB: (a recipe's "NOTE: The stew freezes well.", a
# listing's "NB: Prices correct at time of going to press."): whole sentences, the first word
# capitalised then lower case, four or more words, a full stop at the end. A desk's own notes
# in that place are fragments ("NB: times are local", "NOTE: figs from 2023, update").
_READER_NOTE = lazy_compile(r"[^\S\n]*:[^\S\n]+\p{Lu}\p{Ll}*+(?:[^\S\n]+[^\s]+){3,}[.!][”\"’')]*[^\S\n]*$")


def _caps(words) -> "_Phrases":
    return _Phrases(sorted({w.replace("’", "'").upper() for w in words}, key=len, reverse=True))


def _key(word: str) -> str:
    return word.replace("’", "'").upper()


class DeskNote(Kind):
    """Options:

    words   the desk's tables (a mapping of lists; `{table: desk_notes}` gives the shipped one)
    report  which class this rule reports: note (default), possible or run-on-heading
    """

    name = "desk-note"
    message_values = ("why",)
    default_scope = "draft"

    words: Dict[str, List[str]] = field(default_factory=dict, compare=False)
    report: str = NOTE

    def __post_init__(self):
        if self.report not in REPORTS:
            raise OptionError("report", f"`report` is one of {', '.join(REPORTS)}, not {self.report!r}")
        missing = [k for k in TABLE_KEYS if k not in self.words]
        if missing:
            raise OptionError("words", f"the table lacks {', '.join(missing)} (see rules/data/desk_notes.yaml)")
        for k in TABLE_KEYS:
            if not isinstance(self.words[k], list) or not all(isinstance(w, str) for w in self.words[k]):
                raise OptionError("words", f"`{k}` in the table must be a list of words")
        digest = digests.sha1(repr(sorted((k, tuple(self.words[k])) for k in TABLE_KEYS)).encode()).hexdigest()[:12]
        self._set("_cache_key", f"_copydesk_desk_notes_{digest}")
        self._set("_desk", _Desk.build(self.words, digest))

    def check(self, doc, spans, context):
        cache = doc.__dict__
        found = cache.get(self._cache_key)
        if found is None:
            if not _compiled:
                _compile_patterns()
            found = cache[self._cache_key] = _Analysis(doc, self._desk).run()
        for start, end, cls, why in found:
            if cls == self.report and any(s <= start and end <= e for s, e in spans):
                yield Hit(start, end, {"why": why})


_compiled: List[bool] = []


def _compile_patterns() -> None:
    """Put the compiled patterns in place of the module's stand-ins (lint/engine/patterns.py), once a
    draft is to be read: importing stays cheap, and the analysis's thousands of searches a run
    do not each go through the stand-in."""
    global _LOWER
    g = globals()
    for name, value in list(g.items()):
        if isinstance(value, LazyPattern):
            g[name] = value._get()
    _LOWER = tuple((kind, literals, pattern._get()) for kind, literals, pattern in _LOWER)
    # the fast path's tests for each shape, in its literals' order: (a literal looked for in the
    # draft's capitals, None, None), (None, None, a literal looked for with `in`), or (None, a rare
    # character, the literals with it and where each holds it, for `_holds`)
    _LOWER_PLAN[:] = [
        # (each test once: "30-" and "30 -" are one)
        (kind, pattern, tuple(dict.fromkeys(
            (literal, None, None) if isinstance(literal, bytes)
            else (None, _LOWER_LITERALS[literal], literal) if _LOWER_LITERALS[literal] is None
            else (None, _LOWER_LITERALS[literal],
                  tuple((l, l.index(_LOWER_LITERALS[literal])) for l in _MERGED.get(literal, (literal,))))
            for literal in literals)))
        for kind, literals, pattern in _LOWER
    ]
    _compiled.append(True)


_LOWER_PLAN: list = []


class _Desk:
    """The table, compiled once per table."""

    _built: Dict[str, "_Desk"] = {}

    @classmethod
    def build(cls, words, digest) -> "_Desk":
        desk = cls._built.get(digest)
        if desk is None:
            desk = cls._built[digest] = cls(words)
        return desk

    def plain_bracket(self, content: str) -> bool:
        """Does no desk word (in capitals), placeholder or TK open the bracket's content? The
        answer for each content is kept: drafts repeat theirs ((WN)), [...], [laughs])."""
        plain = self._plain.get(content)
        if plain is None:
            if len(self._plain) >= 4096:
                self._plain.clear()
            first_word = _LETTERS.match(content)
            plain = self._plain[content] = (
                (first_word is None or _key(first_word.group()) not in self.bracket_firsts)
                and not _PLACEHOLDER_ONLY.fullmatch(content) and "TK" not in content
            )
        return plain

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_plain"] = {}
        return state

    def bracket_group(self, opener: str) -> "re.Pattern":
        """`brackets`' alternatives opening with `opener`, in their order, compiled once: it
        opens with a literal, which the search skips to."""
        pattern = self._bracket_variants.get(opener)
        if pattern is None:
            pattern = self._bracket_variants[opener] = re.compile(
                "|".join(source for o, source in self._bracket_sources if o == opener)
            )
        return pattern

    def __init__(self, words):
        self._plain: Dict[str, bool] = {}
        w = {k: list(words[k]) for k in TABLE_KEYS}
        self.addressees = _caps(w["addressees"])
        self.note_words = frozenset(_caps(w["note-words"]))
        self.print_labels = tuple(sorted({p.replace("’", "'").casefold() for p in w["print-labels"]}, key=len, reverse=True))
        self.hard_verbs = _caps(w["verbs"])
        self.verbs = _caps(w["verbs"] + w["soft-verbs"])
        self.alone = frozenset(_caps(w["alone"]))
        self.never_prose = frozenset(_caps(w["never-prose"]))
        self.objects = frozenset(_caps(w["objects"]))
        self.reader_words = frozenset(_caps(w["reader-words"]))
        self.signoffs = _caps(w["signoffs"])
        self.weak_signoffs = _caps(w["weak-signoffs"])
        self.desk_names = frozenset(_caps(w["desk-names"]))
        self.to_verbs = frozenset(_caps(w["to-verbs"]))
        # a desk's name alone after a dash, ending a line: "... said. -- desk"
        names = sorted({n.casefold() for n in w["desk-names"]}, key=len, reverse=True)
        self.desk_dash = re.compile(
            r"(?:—|–|--?)[ \t]?(?P<desk>" + "|".join(re.escape(n) for n in names) + r")[ \t]*$", re.IGNORECASE | re.MULTILINE
        )
        # a match of desk_dash starts with its dash at most this many characters before the end of
        # its line, trailing spaces and tabs aside (a name matches as many characters as it has);
        # None: a name holds a line break, and the whole draft is searched at once
        self.dash_letter = all(n[-1:].isascii() and n[-1:].isalpha() for n in names)
        self.dash_window = None if any("\n" in n for n in names) else 3 + max((len(n) for n in names), default=0)
        self.end_marks = frozenset(" ".join(m.split()) for m in w["end-marks"])
        self.advisories = tuple(sorted(set(w["advisories"]), key=len, reverse=True))
        self.soft_advisories = tuple(sorted({a.casefold() for a in w["soft-advisories"]}, key=len, reverse=True))
        # one opening a line, looked for before reading the draft line by line
        firsts = {a.split()[0] for a in w["soft-advisories"] if a.split()}
        self.soft_firsts = tuple(sorted({v for f in firsts for v in (f, f.lower(), f.upper(), f[:1].upper() + f[1:].lower())}))
        # the characters a line soft_advisory is tried on can start with
        self.soft_starts = frozenset(f[:1] for f in self.soft_firsts) | {" ", "\t"}
        self.change_verbs = frozenset(w["change-verbs"])
        change = "|".join(re.escape(c) for c in sorted(self.change_verbs, key=len, reverse=True))
        self.brackets = re.compile(_BRACKET.format(change=change))
        self._bracket_sources = tuple((opener, source.format(change=change)) for opener, source in _BRACKETS)
        self._bracket_variants: Dict[str, "re.Pattern"] = {}
        self.change_verbs_upper = frozenset(_key(c.split()[0]) for c in w["change-verbs"] if c.split())
        self.count_words = frozenset(c.casefold() for c in w["count-words"])
        self.quantifiers = frozenset(q.casefold() for q in w["quantifiers"])
        self.title_cues = frozenset(t.casefold() for t in w["title-cues"])
        # a sign-off in any case after a name in capitals: "DANA ok'd", "—MIKE, desk"
        soft = sorted({s.casefold() for s in list(w["signoffs"]) + list(w["desk-names"]) + ["ok"]}, key=len, reverse=True)
        self.soft_signoff = regex.compile(
            r"^[^\S\n]*[,/]?[^\S\n]*(?:" + "|".join(regex.escape(s).replace("'", "['’]") for s in soft) + r")\.?[^\S\n]*$",
            regex.IGNORECASE,
        )
        # every single word some judgement of a lone word in capitals looks at
        self.single = frozenset(
            w for group in (self.addressees, self.note_words, self.verbs, self.alone, self.never_prose,
                            self.signoffs, self.desk_names) for w in group if " " not in w
        ) | {"OK", "CQ'D", "CQ'ED", "CQED"}
        # the first words a note in brackets can open with
        self.bracket_firsts = frozenset(
            p.split()[0] for group in (self.addressees, self.note_words, self.verbs, self.alone) for p in group
        ) | {"TK", "TKTK", "CQ", "XX", "XXX", "TBC", "TBD"} | {c for c in self.change_verbs_upper}
        # the single words' runs of A-Z, looked for in the draft's capitals (`_capitals`)
        runs = {max(regex.findall(r"[A-Z]+", w) or [""], key=len) for w in self.single}
        runs = {r for r in runs if len(r) >= 2}
        self.gate = frozenset(r.encode() for r in runs)
        # each advisory's runs of A-Z, each list once (UPDATE 1- ... UPDATE 5- are one)
        self.advisory_runs = tuple(dict.fromkeys(tuple(r.encode() for r in regex.findall(r"[A-Z]+", a)) for a in self.advisories))
        # their first runs, found in one search (None: no advisory has a run)
        firsts = sorted({runs[0] for runs in self.advisory_runs if runs}, key=len, reverse=True)
        self.advisory_firsts = re.compile(b"|".join(re.escape(f) for f in firsts)) if firsts else None
        self.advisory = regex.compile(
            r"^[^\S\n]*(?:" + "|".join(regex.escape(a) for a in self.advisories) + r")", regex.MULTILINE
        )


_START, _END = re.Match.start, re.Match.end
_FIRST_WORD_KINDS = frozenset({"sq", "brace", "rd", "drd"})
# the sign-offs `_Analysis.signoff` reads after other words in capitals
_OKD = frozenset({"OK'D", "OKD", "OK'ED", "OKED"})


class _Analysis:
    """One draft's notes: [(start, end, class, why)]."""

    def __init__(self, doc, desk: _Desk):
        self.doc, self.text, self.desk = doc, doc.text, desk
        self.found: List[Tuple[int, int, str, str]] = []
        self.taken: List[Tuple[int, int]] = []  # spans already judged a note
        self._first_line: Optional[int] = None
        self._caps_lines: Dict[int, bool] = {}
        # the shortcuts (searches skipped where they cannot find anything), off with
        # COPYDESK_NO_PREFILTER=1 to check they change nothing
        self.fast = prefilters_enabled()

    def run(self):
        text = self.text
        if not text or text.isspace():
            return []
        self.brackets()
        self.lower_shapes()
        self.advisories()
        self.placeholders()
        # runs of capitals: a desk word in capitals anywhere, and the whole draft is read;
        # else only short lines and the ends of lines (notes glued there, headings run on)
        whole = not self.desk.gate.isdisjoint(capital_runs(self.doc))
        if whole:
            self.scan_runs(0, len(text))
        self.lines_pass(scan_tails=not whole)
        self.found.sort()
        return self.found

    # ---- helpers ---------------------------------------------------------------------

    def add(self, start, end, cls, why):
        if any(s < end and start < e for s, e in self.taken):
            return
        self.taken.append((start, end))
        self.found.append((start, end, cls, why))

    def line_of(self, offset) -> Tuple[int, int]:
        return line_span(self.text, offset)

    def first_line_start(self) -> int:
        if self._first_line is None:
            text = self.text
            i = 0
            while i < len(text) and text[i].isspace():
                i += 1
            self._first_line = self.line_of(i)[0]
        return self._first_line

    def in_quote(self, offset) -> bool:
        return self.doc.in_quote(offset) is not None

    def caps_line(self, line_start, line_end) -> bool:
        """A line in capitals (a headline, a subhead, a shout): few lower-case letters."""
        known = self._caps_lines.get(line_start)
        if known is None:
            line = self.text[line_start:line_end]
            upper = sum(map(str.isupper, line))
            known = self._caps_lines[line_start] = upper >= 2 and sum(map(str.islower, line)) * 4 <= upper
        return known

    def glued_after_sentence(self, before: str) -> bool:
        """Does `before` (the line up to a run) end a sentence of prose, then a space?"""
        return _sentence_end(before) and any(c.islower() for c in before)

    def abbreviation_before(self, before: str) -> bool:
        """Is the full stop ending `before` an abbreviation's (U.S., EE. UU., Gen.)?"""
        m = _WORD_BEFORE.search(before.rstrip())
        if m is None:
            return False
        word = m.group(1)
        if not word.endswith("."):
            # _WORD_BEFORE keeps the dot only when it is inside the word; look at the text
            stripped = before.rstrip()
            if not stripped.endswith("."):
                return False
            word = word + "."
        never_end, may_end, _ = tables.abbreviations()
        core = word.rstrip(".")
        return word in never_end or word in may_end or "." in core or (len(core) <= 2 and core.isupper())

    # ---- brackets --------------------------------------------------------------------

    def brackets(self):
        text = self.text
        openers = "".join(c for c in _OPENERS if c in text)
        if not openers:
            return
        fast = self.fast
        desk = self.desk
        known_plain = desk._plain.get  # (plain_bracket's memo, read here without a call)
        for m in (self.bracket_matches(openers) if fast else desk.brackets.finditer(text)):
            kind = m.lastgroup
            content = m.group(kind).strip()
            if fast and kind in _FIRST_WORD_KINDS:
                plain = known_plain(content)
                if plain is None:
                    plain = desk.plain_bracket(content)
                # no desk word, placeholder or TK opens it: only a note in double round
                # brackets inside a line is judged further (bracket_verdict's first test), and
                # not a language marker, ((hi)): bracket_verdict returns None for one wherever
                # it stands (a plain content is no placeholder; its print-label test returns None
                # too). Asked first, before the tests below: each of them only passes a bracket
                # over too (most brackets are plain: interviews open hundreds of lines with ((WN)))
                if plain:
                    start = m.start()
                    if (kind != "drd" or not start or text[start - 1] == "\n"
                            or not text[text.rfind("\n", 0, start) + 1 : start].strip() or _language(content)):
                        continue
            if not content:
                continue
            start, end = m.span()
            # the characters either side ("" at either end of the text)
            before, after = text[start - 1] if start else "", text[end : end + 1]
            if kind == "drd" and (before == "(" or after == ")"):
                continue  # triple brackets: (((My Fellow Americans)))
            if before.isalnum() or after.isalnum():
                continue  # part of a word: letters put into a quotation ("detect[ed]")
            if kind == "rd" and not content.isupper() and content[:2] not in ("cq", "Cq", "??"):
                if content.split(None, 1)[0].rstrip(":,") not in desk.change_verbs:
                    continue  # ordinary brackets: only capitals, cq and change notes are judged
            verdict = self.bracket_verdict(kind, content, start)
            if verdict is not None:
                self.add(start, end, *verdict)

    def bracket_matches(self, openers: str):
        """What `brackets.finditer` finds, each group of alternatives by its opening character
        searched on its own: the next match is the leftmost of the groups' (at an offset only the
        group opening with the character there can match, and it tries its alternatives in
        their order), and each search starts where the last match ended, as finditer's."""
        text = self.text
        groups = [self.desk.bracket_group(o) for o in openers]
        if len(groups) == 1:
            return _finditer_at(groups[0], text, openers)
        # each group's matches, in order of their starts (no two groups' matches start at one
        # offset: each opens with its own character): when none starts before the one before
        # it ends, no search below would restart, and this is what it finds
        # (each group is tried only where its opening character stands, `_finditer_at`: over
        # the benchmark's drafts that costs less than the pattern's own pass; a draft opening
        # hundreds of lines with ((WN)), an interview, pays a match at each)
        found = sorted(chain.from_iterable([_finditer_at(g, text, o) for g, o in zip(groups, openers)]), key=_START)
        if not any(map(gt, map(_END, found), map(_START, found[1:]))):
            return found
        found = []
        ahead = [g.search(text) for g in groups]
        while True:
            best = None
            for m in ahead:
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return found
            found.append(best)
            pos = best.end()
            for i, m in enumerate(ahead):
                if m is not None and m.start() < pos:
                    ahead[i] = groups[i].search(text, pos)

    def bracket_verdict(self, kind, content, start) -> Optional[Tuple[str, str]]:
        desk = self.desk
        first_word = _LETTERS.match(content)
        if kind in _FIRST_WORD_KINDS and (first_word is None or _key(first_word.group()) not in desk.bracket_firsts):
            if not _PLACEHOLDER_ONLY.fullmatch(content) and "TK" not in content:
                if kind != "drd":
                    return None
                line_start, _ = self.line_of(start)
                if not self.text[line_start:start].strip():
                    return None  # a speaker label: ((WN)), ((Jo Marsh))
        line_start, _ = self.line_of(start)
        at_line_start = not self.text[line_start:start].strip()
        folded = content.replace("’", "'").casefold()
        if folded.startswith(desk.print_labels) and _label_ends(folded, desk.print_labels):
            return None  # a published note: [Update: ...], [Editor's note: ...]
        placeholder = _placeholder_only(content)
        if kind == "drd":
            if _language(content):
                return None  # a language marker: ((hi))
            if at_line_start and not (self.addressed(content) or self.instruction(content, any_case=True) or placeholder):
                return None  # a speaker label opening a paragraph: ((WN)) Did you ...?
            return NOTE, "a note in double brackets"
        if kind in ("dsq", "dan"):
            if self.addressed(content) or self.instruction(content, any_case=True) or placeholder:
                return NOTE, "a note in double brackets"
            if "|" in content or all(w[:1].isupper() for w in content.split()):
                return POSSIBLE, "double brackets: wiki-link markup or a note"
            return NOTE, "a note in double brackets"
        if kind == "rd":
            # round brackets are print punctuation: only a desk's own forms count
            if placeholder or _CQ_ONLY.fullmatch(content):
                return NOTE, "a desk mark in brackets"
            first = content.split()[0].rstrip(":,")
            if at_line_start and first in desk.change_verbs:
                return NOTE, "a wire change note"
            if _is_caps(content) and (self.addressed(content) or self.instruction(content, any_case=False)):
                return NOTE, "a note in brackets"
            return None
        # [..] and {..}
        if placeholder or _CQ_ONLY.fullmatch(content):
            return NOTE, "a desk mark in brackets"
        if self.addressed(content):
            return NOTE, "a note addressed to the desk"
        if self.instruction(content, any_case=True):
            return NOTE, "a desk instruction in brackets"
        first = _LETTERS.match(content)
        if first and _key(first.group()) in desk.note_words and _LABEL.match(content):
            if first.group().isupper() or kind == "brace":
                return NOTE, "a note in brackets"
            return POSSIBLE, "a bracketed note"
        return None

    def addressed(self, content) -> bool:
        """Does the content open with an addressee and a colon or dash ("ED: ...", "NOTE TO
        EDS - ...")? Addressees of more than one word need no colon."""
        head = _key(content)
        first = _LETTERS.match(head)
        if first is None:
            return False
        for parts in self.desk.addressees.by_first.get(first.group(), ()):
            a = " ".join(parts)
            if head.startswith(a):
                rest = content[len(a):]
                if not rest or rest[:1] in ":—–-," or (rest[:1].isspace() and rest.lstrip()[:1] in ":—–-"):
                    return True
                if " " in a and (rest[:1].isspace() or not rest[:1].isalnum()):
                    return True
        return False

    def instruction(self, content, any_case: bool) -> bool:
        """Does the content tell the desk to do something: a desk verb, then what to act on
        ("check spelling of name", "ADD QUOTE HERE"), or a verb that is a note alone
        ("check")? `any_case`: inside brackets, where case does not matter."""
        words = [_key(w) for w in _WORDS.findall(content)]
        if not words:
            return False
        if not any_case and not _is_caps(content):
            return False
        desk = self.desk
        if len(words) == 1:
            return words[0] in desk.alone and not content.rstrip().endswith(":")
        if words[0] in ("PLS", "PLZ", "PLEASE"):
            return _starts_with(words[1:], desk.verbs) > 0
        verb_len = _starts_with(words, desk.verbs if _is_caps(content) else desk.hard_verbs)
        if not verb_len:
            return False
        after = content.lstrip()[len(" ".join(content.split()[:verb_len])):].lstrip()
        if after.startswith(":") and words[0] not in desk.alone:
            return False  # a label ("UPDATE: ..."), not an order
        rest = words[verb_len:]
        if any(w in desk.reader_words for w in rest):
            return False
        return (any(w in desk.objects for w in rest) or (words[0] == "HOLD" and rest[:1] == ["FOR"])
                or (bool(rest) and rest[0] in desk.hard_verbs))  # NEEDS CONFIRMING, NEED CHECKING

    # ---- lower-case shapes -----------------------------------------------------------

    def lower_shapes(self):
        for kind, pattern in self._lower_shapes_present():
            if kind == "cq" and self.fast:
                matches = self._at_literals(pattern, ("cq", "CQ"))
            else:
                matches = pattern.finditer(self.text)
            for m in matches:
                self.lower_shape(kind, m)

    def _at_literals(self, pattern, literals) -> list:
        """What `pattern.finditer` finds, for a pattern whose every match starts with one of
        `literals` (after a look-behind, which sees the text before where a match is tried):
        tried only where one stands, the next at or after the last match's end. The `regex`
        module cannot skip ahead to a literal behind a look-behind, and "cq" is in every draft
        about an acquisition."""
        text = self.text
        found, end = [], 0
        for i in literal_starts(text, literals):
            if i >= end:
                m = pattern.match(text, i)
                if m is not None:
                    found.append(m)
                    end = m.end()
        return found

    def _lower_shapes_present(self):
        """The lower-case shapes whose literals the draft holds (a run of A-Z in its capitals,
        or the literal in its text): only those are searched for."""
        text, caps = self.text, self.capitals()
        if self.fast:
            # each literal on its own: its rare character first, then its places (`_LOWER_PLAN`)
            # (plain loops: a generator for each shape cost more than most of its tests)
            present = []
            # the draft's case-folded text, when another kind has already folded it (most
            # drafts: the trigger gate and the literal prefilters fold every draft): "pls"
            # and "plz" in it are a necessary condition of the request shape's five literals
            # (`_PLS_FOLDED`), one search instead of five tests
            folded = self.doc.__dict__.get("folded_text")
            for kind, pattern, tests in _LOWER_PLAN:
                if kind == "pls" and folded is not None and _PLS_FOLDED_SEARCH(folded) is None:
                    continue
                for in_caps, rare, literals in tests:
                    if in_caps is not None:
                        if in_caps in caps:
                            break
                    elif rare is None:
                        if literals in text:
                            break
                    elif rare in text and _holds(text, rare, literals):
                        break
                else:
                    continue
                present.append((kind, pattern))
            return present
        present = set(_LOWER_FOUND.findall(text))  # the plain path: every literal in one pass
        return [(kind, pattern) for kind, literals, pattern in _LOWER
                if any(literal in caps if isinstance(literal, bytes) else literal in present for literal in literals)]

    def lines_pass(self, scan_tails: bool):
        """What stands at the start or end of a line: end marks alone on a line, advisories
        opening one, a desk's name after a dash ending one, and (`scan_tails`) runs of
        capitals in a line's last characters or in a short line."""
        text = self.text
        desk = self.desk
        soft, soft_starts, end_marks = desk.soft_firsts, desk.soft_starts, desk.end_marks
        window = desk.dash_window if self.fast else None
        dash_letter = desk.dash_letter
        fast = self.fast
        # a line's tail is read where a run of capitals may stand (the plain path: where one does)
        may_caps = _MAY_CAPS.search if fast else _CAPS_RUN.search
        if window is None:
            for m in desk.desk_dash.finditer(text):
                self.desk_dash(m)
        line_start = 0
        for line in text.split("\n"):
            if not line:
                line_start += 1
                continue
            length = len(line)
            line_end = line_start + length
            if window is not None:
                # a desk's name after a dash ending the line: searched only when a dash stands
                # near the line's end (a line holds at most one match: it ends the line)
                # (a match starts at most `window` characters before the end of the line's
                # text, trailing spaces and tabs aside, and the pattern looks at nothing before
                # its start: the search starts there, not at the line's start)
                # (`dash_letter`: every name ends with an ASCII letter, which matches only a
                # letter in any case: K, the Kelvin sign, ſ, ı; a line ending otherwise holds none)
                last = line[-1]
                if last in " \t":
                    kept = len(line.rstrip(" \t"))
                elif dash_letter and not last.isalpha():
                    kept = 0  # (most lines: they end with a full stop)
                else:
                    kept = length
                if kept:
                    tail = line[kept - window : kept] if kept > window else line[:kept]
                    if (tail[-1].isalpha() or not dash_letter) and ("-" in tail or "—" in tail or "–" in tail):
                        m = desk.desk_dash.search(text, line_start + max(kept - window, 0), line_end)
                        if m is not None:
                            self.desk_dash(m)
            if length <= 24:
                stripped = line.strip()
                if stripped and " ".join(stripped.split()) in end_marks:
                    s = line_start + line.index(stripped[0])
                    self.add(s, s + len(stripped), NOTE, "an end mark")
            if (line[0] in soft_starts or not fast) and (line.startswith(soft) or (line[0] in " \t" and line.lstrip().startswith(soft))):
                self.soft_advisory(line_start, line_end)
            if scan_tails:
                if length <= 100:
                    low = line_start
                elif (tail.encode("ascii").islower() if (tail := line[-_TAIL:]).isascii() else tail.islower()):
                    # (an ASCII tail read as bytes: the same answer, a-z and A-Z its only cased
                    # characters, without str.islower's look-up of each character's case)
                    line_start = line_end + 1
                    continue  # no capital in the line's last characters: nothing glued there
                elif fast and "a" <= line[-_TAIL - 1] <= "z":
                    # the character before the window is a \p{Ll}: the last one ends at the
                    # window's start or after it, so `low` below is the window's start, and the
                    # loop stops there at once (that character is lower case): no reverse search
                    low = line_end - _TAIL
                else:
                    last = _LAST_LOWER.search(text, line_start, line_end)
                    low = min(last.end() if last else line_start, line_end - _TAIL)
                    while low > line_start and not text[low - 1].islower() and not text[low - 1] == "\n":
                        low -= 1  # back to the start of a run of capitals cut by the window
                if low < line_end:
                    # (the runs are searched for from the first place one may start: no match of
                    # _CAPS_RUN starts where _MAY_CAPS finds nothing, and its lookbehinds see
                    # the text before where the search starts)
                    first = may_caps(text, low, line_end)
                    if first is not None:
                        self.scan_runs(first.start(), line_end, (line_start, line_end))
            line_start = line_end + 1

    def desk_dash(self, m):
        text = self.text
        line_start = text.rfind("\n", 0, m.start()) + 1
        dash = text[line_start : m.start()]
        if self.glued_after_sentence(dash) or _close_end(dash):
            self.add(m.start("desk"), m.end("desk"), NOTE, "a sign-off")

    def lower_shape(self, kind, m):
        text = self.text
        start, end = m.span()
        line_start, line_end = self.line_of(start)
        before, after = text[line_start:start], text[end:line_end]
        if kind == "tk":
            self.add(start, end, NOTE, "to come")
        elif kind == "cq":
            self.add(start, end, NOTE, "a spelling check mark")
        elif kind == "pls":
            if _key(m.group("verb")) in self.desk.verbs and not self.in_quote(start):
                self.add(start, line_end if len(after) < 80 else end, NOTE, "a request to the desk")
        elif kind == "eds":
            if not before.strip() or self.glued_after_sentence(before):
                self.add(start, end, NOTE, "a wire advisory")
        elif kind == "hashes":
            if not before.strip() and after.strip():
                return  # a Markdown heading pasted as text: "### Key points"
            self.add(start, end, NOTE, "an end mark" if not after.strip() else "a placeholder")
        elif kind == "queries":
            self.add(start, end, NOTE, "a placeholder")
        elif kind == "thirty":
            if not after.strip() and (not before.strip() or _sentence_end(before)):
                self.add(start, end, NOTE, "an end mark")

    def advisories(self):
        text = self.text
        desk = self.desk
        caps = self.capitals()
        if self.fast and (desk.advisory_firsts is None or desk.advisory_firsts.search(caps) is None):
            return  # no advisory's first run of A-Z in the draft's capitals: the test below fails
        for runs in desk.advisory_runs:  # each advisory's runs of A-Z all in the draft's capitals
            if runs and all(r in caps for r in runs):
                break
        else:
            return
        if self.fast and not any(a in text for a in desk.advisories):
            return  # (a match holds one of them: the search below reads every line's start)
        for m in desk.advisory.finditer(text):
            start, end = m.span()
            while text[start].isspace():
                start += 1
            if text[end - 1].isalpha():
                more = _MORE_CAPS.match(text, end)
                end = more.end() if more else end  # HOLD FOR LEGAL, HOLD FOR RELEASE
            self.add(start, end, NOTE, "a wire advisory")

    def soft_advisory(self, line_start, line_end):
        """Embargoed until ..., Notes to editors: opening a line, for the desk to look at (the
        forms in capitals that are sure notes are found before this)."""
        text = self.text
        line = text[line_start:line_end]
        stripped = line.lstrip()
        if len(stripped) > 300:
            return
        folded = stripped.casefold()
        for a in self.desk.soft_advisories:
            if folded.startswith(a) and (len(folded) == len(a) or not folded[len(a)].isalnum()):
                if " " not in a and not _LABEL_END.match(folded, len(a)):
                    continue  # one word opening a sentence: "Advisory committees met ..."
                s = line_end - len(stripped)
                self.add(s, s + len(a), POSSIBLE, "an advisory for editors")
                return

    # ---- placeholders ----------------------------------------------------------------

    def placeholders(self):
        text = self.text
        if self.fast:
            # (a C-level `in` each: "X" first, which most drafts lack, searched with memchr;
            # the `regex` module's literal search cost half as much again as `in`)
            if not (("X" in text and "XX" in text) or "xxx" in text):
                return
        elif "XX" not in text and "xxx" not in text:
            return
        desk = self.desk
        for m in _PLACEHOLDER.finditer(text):
            start, end = m.span()
            x = m.group("x")
            line_start, line_end = self.line_of(start)
            before, after = text[line_start:start], text[end:line_end]
            if before.rstrip().endswith("[") and after.lstrip().startswith("]"):
                continue  # [XXX]: the bracket is the finding
            numeric = bool(m.group("cur") or m.group("suffix") or m.group("more"))
            prev = _WORD_BEFORE.search(before)
            prev_word = prev.group(1) if prev and before.endswith((" ", "\t")) or (prev and prev.end() == len(before)) else None
            nxt = _WORD_AFTER.match(after)
            next_word = nxt.group(1) if nxt else None
            if after.startswith("-year") or after.startswith("%"):
                numeric = True
            if not after.strip() and (not before.strip() or self.glued_after_sentence(before)):
                self.add(start, end, NOTE, "a placeholder")
                continue
            if self.title_cue(before, after, prev_word, next_word):
                continue
            if not numeric and prev_word and prev_word[:1].isupper() and not prev_word.isupper() and before.endswith(" "):
                opening = before[: len(before.rstrip()) - len(prev_word)]
                if opening.strip() and not _sentence_end(opening) and prev_word.casefold() not in desk.quantifiers:
                    continue  # a numeral after a name: Rule XXX of the code, Super Bowl XXX
            if not numeric and next_word and next_word.casefold() in desk.count_words:
                numeric = True
            if not numeric and prev_word and prev_word.casefold() in desk.quantifiers:
                # XX is a numeral too often (Super Bowl XX, XX chromosomes are): only after a
                # word that asks for a number
                numeric = len(x) >= 3 or prev_word.casefold() not in _VERB_QUANTIFIERS
            if not numeric and self.title_nearby(before, after):
                continue  # "a print of XXX, the 2002 action film"
            if not numeric and prev_word and prev_word[:1].isupper() and not prev_word.isupper() and before.endswith(" "):
                continue  # a numeral after a name: Super Bowl XXX, Louis XXX, Chapter XX
            if numeric:
                self.add(start, end, NOTE, "a placeholder for a missing figure")
            elif len(x) >= 3 and not self.caps_line(line_start, line_end):
                self.add(start, end, POSSIBLE, "a placeholder for a missing figure or name, or a title")

    def title_nearby(self, before, after) -> bool:
        """A title cue among the three words before or the five after."""
        near = _LETTERS.findall(before)[-3:] + _LETTERS.findall(after)[:5]
        return any(w.casefold() in self.desk.title_cues for w in near)

    def title_cue(self, before, after, prev_word, next_word) -> bool:
        """Is this XXX a title or a numeral by the words around it ("the film XXX", "XXX
        Corps"), or set off as one (“XXX”, XXX: Return of ..., XXX-rated)?"""
        cues = self.desk.title_cues
        if prev_word and prev_word.casefold().rstrip(".,") in cues:
            return True
        if next_word and next_word.casefold() in cues:
            return True
        if before.rstrip().endswith(("“", "‘", '"', "*", "_", "'")) or after.startswith(("”", "’", '"', "*", "_")):
            return True  # a title set off: “XXX”, *XXX*
        if _TITLE_AFTER.match(after):
            return True  # XXX: Return of Xander Cage, XXX-rated
        return False

    # ---- runs of capitals ------------------------------------------------------------

    def capitals(self) -> bytes:
        return draft_capitals(self.doc)

    def scan_runs(self, low, high, line=None):
        """Judge the runs of capitals in text[low:high] (`line`: the line holding it all)."""
        text = self.text
        desk = self.desk
        single = desk.single
        for m in _CAPS_RUN.finditer(text, low, high):
            start, end = m.span()
            line_start, line_end = line if line is not None else self.line_of(start)
            after = text[end:line_end]
            group = m.group()
            if len(after) > 40 and " " not in group and group.replace("’", "'").upper() not in single:
                continue  # one word in capitals inside a line, not a desk word: NATO, FBI
            if (group.isalnum() and group.isascii() and group not in single and group != "CQ"
                    and group not in _OKD and desk.soft_signoff.match(after) is None):
                # (the test below, before the tokens are listed: letters and digits alone are
                # one word, its own key)
                continue
            tokens = [(t.start(), t.end(), _key(t.group())) for t in _TOKEN.finditer(text, start, end)]
            if len(tokens) == 1:
                key = tokens[0][2]
                if (key not in desk.single and key != "CQ" and key not in _OKD
                        and desk.soft_signoff.match(after) is None):
                    # one word in capitals, no desk word, no sign-off after it: no judgement
                    # below reads it (each needs a desk word, a sign-off or two words)
                    continue
            before = text[line_start:start]
            # words never in prose: TK, REFILE
            self.never_prose(tokens)
            if self.addressee_run(tokens, before, after, start, end):
                continue
            if self.signoff(tokens, before, after, line_start, start, end):
                continue
            if self.cq_caps(tokens):
                continue
            if self.desk_instruction(tokens, before, after, line_start, line_end):
                continue
            self.run_on_heading(tokens, before, after, line_end)

    def never_prose(self, tokens):
        desk = self.desk
        i = 0
        while i < len(tokens):
            if tokens[i][2] not in desk.never_prose:
                i += 1
                continue
            j = i
            while j + 1 < len(tokens) and tokens[j + 1][2] in desk.never_prose:
                j += 1
            s, e = tokens[i][0], tokens[j][1]
            rest = self.text[e:]
            if tokens[j][2].startswith("TK") and (
                _NAME_AFTER.match(rest) or rest[:1] == "-" or (j + 1 < len(tokens) and self.caps_line(*self.line_of(s)))
            ):
                i = j + 1
                continue  # a name: TK Maxx, TK MAXX TO CLOSE STORES, TK-421
            self.add(s, e, NOTE, "to come" if tokens[i][2].startswith("TK") else "a desk mark")
            i = j + 1

    def addressee_run(self, tokens, before, after, start, end) -> bool:
        """NOTE TO EDS: ..., ED NOTE, DESK: ... (a one-word addressee needs its colon and to
        open a line or follow a sentence)."""
        desk = self.desk
        joined = " ".join(w for _, _, w in tokens)
        # an addressee the run is or starts with opens with the run's first word (longest first)
        for a in desk.addressees.by_first_joined.get(tokens[0][2], ()) if tokens else ():
            if joined == a or joined.startswith(a + " "):
                n = a.count(" ") + 1
                a_end = tokens[n - 1][1]
                rest = self.text[a_end:]
                colon = bool(_COLON_AFTER.match(rest))
                opens = not before.strip() or self.glued_after_sentence(before)
                verb_next = _NEXT_WORD.match(rest)
                ordered = bool(verb_next) and _key(verb_next.group(1)) in desk.hard_verbs and opens
                if n == 1 and not (colon and opens) and not ordered:
                    return False
                if n > 1 and not (colon or opens):
                    return False
                if self.in_quote(start):
                    return False
                self.add(tokens[0][0], a_end, NOTE, "a note addressed to the desk")
                return True
        words = [w for _, _, w in tokens]
        if (len(words) >= 3 and words[1] == "TO" and (words[0] in desk.desk_names or words[0] in desk.addressees
                                                       or words[0] in desk.objects)
                and (_starts_with(words[2:], desk.verbs) or words[2] in desk.to_verbs) and not self.in_quote(start)):
            self.add(tokens[0][0], tokens[-1][1], NOTE, "a note to the desk")  # LAWYERS TO READ, DESK TO CHECK
            return True
        if tokens and tokens[0][2] in desk.note_words and (not before.strip() or self.glued_after_sentence(before)):
            rest = self.text[tokens[0][1]:]
            verb_next = _NEXT_WORD.match(rest)
            if verb_next and _key(verb_next.group(1)) in desk.hard_verbs and len(tokens) <= 2:
                self.add(tokens[0][0], tokens[0][1], NOTE, "a note to the desk")  # NB check title
                return True
            if _COLON.match(rest) and len(tokens) == 1:
                line_rest = rest.split("\n", 1)[0]
                if self.instruction(line_rest.lstrip(" :"), any_case=True):
                    self.add(tokens[0][0], tokens[0][1], NOTE, "a note to the desk")
                elif not _READER_NOTE.match(line_rest):
                    self.add(tokens[0][0], tokens[0][1], POSSIBLE, "a note in capitals")
                return True
        return False

    def signoff(self, tokens, before, after, line_start, start, end) -> bool:
        """JEFF OK’D, DESK OKD, DANA ok'd, —MIKE, desk: a name in capitals signing the copy
        off at the end of a paragraph."""
        desk = self.desk
        words = [w for _, _, w in tokens]
        glued = self.glued_after_sentence(before) or _dash_end(before) or _close_end(before)
        alone = not before.strip() and line_start != self.first_line_start()
        if not (glued or alone or not before.strip()):
            return False
        joined = " ".join(words)
        if after.strip() and glued and words[-1] in ("OK'D", "OKD", "OK'ED", "OKED") and len(words) <= 3:
            if all(_is_name(w) for w in words[:-1]):
                # a sign-off with more copy after it (paragraphs run together): "... said. JEFF OK’D The"
                self.add(tokens[0][0], end, NOTE, "a sign-off")
                return True
        if after.strip():
            m = desk.soft_signoff.match(after)
            if m is None or not (glued or alone) or len(words) > 2:
                return False
            if not all(_is_name(w) for w in words):
                return False
            self.add(tokens[0][0], end + len(after.rstrip()), NOTE, "a sign-off")
            return True
        for s in desk.signoffs:
            if joined == s or joined.endswith(" " + s):
                names = words[: len(words) - s.count(" ") - 1]
                okd = s.startswith("OK")
                if len(names) > 2 or not all(_is_name(w) for w in names):
                    return False
                if not names and not okd:
                    return False
                if not (glued or alone):
                    # a line of its own that is the draft's first: a headline ("VACCINE OK’D")
                    return False
                if alone and not okd and not all(n in desk.desk_names for n in names):
                    return False
                self.add(tokens[0][0], end, NOTE, "a sign-off")
                return True
        for s in desk.weak_signoffs:
            if joined.endswith(" " + s) and (glued or alone):
                names = words[: len(words) - s.count(" ") - 1]
                if not names or len(names) > 2 or not all(_is_name(w) for w in names):
                    return False
                if " ".join(names) in desk.desk_names:
                    self.add(tokens[0][0], end, NOTE, "a sign-off")  # LEGAL CLEARED, DESK CHECKED
                elif glued and not self.in_quote(start):
                    # JEFF CHECKED, or a heading run on ("... the vote. PLAN APPROVED")
                    self.add(tokens[0][0], end, POSSIBLE, "a sign-off, or a heading run into the paragraph")
                else:
                    return False
                return True
        if words[-1] == "OK" and glued and 1 <= len(words) <= 3:
            names = words[:-1]
            if names and " ".join(names) in desk.desk_names:
                self.add(tokens[0][0], end, NOTE, "a sign-off")
                return True
            if names and all(_is_name(w) for w in names) and not self.in_quote(start):
                self.add(tokens[0][0], end, POSSIBLE, "a sign-off")
                return True
        return False

    def cq_caps(self, tokens) -> bool:
        for s, e, w in tokens:
            if w in ("CQ'D", "CQ'ED", "CQED"):
                self.add(s, e, NOTE, "a spelling check mark")
                return True
        if len(tokens) == 1 and tokens[0][2] == "CQ":
            # after a name, before lower case or punctuation: "Ruth Okonjo CQ said" (not CQ Roll Call,
            # not "according to CQ")
            s, e, _ = tokens[0]
            before = self.text[max(0, s - 30) : s]
            after = self.text[e : e + 3]
            if _NAME_BEFORE.search(before) and not _CAP_AFTER.match(after):
                self.add(s, e, NOTE, "a spelling check mark")
                return True
        return False

    def desk_instruction(self, tokens, before, after, line_start, line_end) -> bool:
        """CHECK SPELLING OF NAME, ADD QUOTE FROM MAYOR HERE, HOLD FOR LEGAL, and a desk verb
        that is a note alone (CHECK) on its own or as an island of capitals in prose."""
        desk = self.desk
        words = [w for _, _, w in tokens]
        verb_at = None
        for i, w in enumerate(words):
            if _starts_with(words[i:], desk.verbs):
                verb_at = i
                break
            if w not in ("PLS", "PLZ", "PLEASE", "NB", "NOTE"):
                break
        if verb_at is None or self.in_quote(tokens[0][0]):
            return False
        caps_line = self.caps_line(line_start, line_end)
        opens_line = bool(_LINE_START_FILLER.match(before))
        if caps_line and not opens_line:
            return False
        if len(words) == 1:
            if words[0] not in desk.alone:
                return False
            if after.lstrip().startswith(":"):
                return False  # a label: "FACT-CHECK: the claim is false"
            ends = not after.strip(" \t!?.")
            whole = opens_line and ends
            glued = self.glued_after_sentence(before) and ends
            island = not caps_line and not _CAP_AFTER.match(after) and not _DETERMINER_BEFORE.search(before)
            if whole and line_start == self.first_line_start() and self.body_follows(line_end):
                return False  # a one-word headline
            if whole or glued or island:
                self.add(tokens[0][0], tokens[0][1], NOTE, "a desk instruction")
                return True
            return False
        if not self.instruction(" ".join(words[verb_at:]), any_case=False):
            whole = opens_line and not after.strip() and line_start != self.first_line_start()
            if whole and _starts_with(words[verb_at:], desk.hard_verbs) and len(words) <= 6 and not any(
                w in desk.reader_words for w in words
            ) and not (len(words) > verb_at + 1 and words[verb_at + 1] in _PHRASAL):
                # TRIM TO FIT, CONFIRM BEFORE MOVING; or an imperative subhead ("ADD SOME COLOUR")
                self.add(tokens[0][0], tokens[-1][1], POSSIBLE, "a line in capitals that starts with a desk verb")
                return True
            return False
        self.add(tokens[0][0], tokens[-1][1], NOTE, "a desk instruction")
        return True

    def body_follows(self, line_end) -> bool:
        return bool(self.text[line_end:].strip())

    def run_on_heading(self, tokens, before, after, line_end):
        """A heading in capitals pasted onto the end of a paragraph: two or more words after
        the paragraph's last sentence, nothing after them."""
        if after.strip() or len(tokens) < 2:
            return
        letters = [w for _, _, w in tokens if any(c.isalpha() for c in w)]
        if len(letters) < 2 or max(len(w) for w in letters) < 3:
            return
        if not self.glued_after_sentence(before) or self.abbreviation_before(before):
            return
        if self.in_quote(tokens[0][0]):
            return
        following = self.text[line_end + 1 : line_end + 3].lstrip(" \t")
        if following[:1].islower():
            return  # a hard-wrapped sentence goes on
        self.add(tokens[0][0], tokens[-1][1], HEADING, "a heading run into the paragraph")


# Where a match of the patterns above can start in `before` (a line's text, no line break): a
# match ends the text, and str.rstrip() strips every space the patterns' [^\S\n] and \s match (and
# \x1c-\x1f besides), so a search from there finds what a search of the whole text finds (no
# pattern looks behind its start).

def _sentence_end(before: str) -> bool:
    j = len(before.rstrip())
    if j == len(before):
        return False  # no space ends it
    k = len(before[:j].rstrip(_CLOSERS))
    return _SENTENCE_END.search(before, max(k - 1, 0)) is not None


def _close_end(before: str) -> bool:
    j = len(before.rstrip())
    if j == len(before) or j == 0:
        return False
    i = len(before[: j - 1].rstrip())
    return _CLOSE_END.search(before, max(i - 1, 0)) is not None


def _dash_end(before: str) -> bool:
    j = len(before.rstrip())
    return _DASH_END.search(before, max(j - 3, 0)) is not None


def _finditer_at(pattern, text: str, opener: str) -> list:
    """list(pattern.finditer(text)) for a pattern whose every match opens with `opener` (one
    character, never an empty match): the pattern is matched at each place of it at or after
    the last match's end, found with `str.find` (memchr), instead of the search's own scan,
    which reads each character of the draft in `re`'s loop."""
    found, find, match = [], text.find, pattern.match
    i = find(opener)
    while i >= 0:
        m = match(text, i)
        if m is None:
            i = find(opener, i + 1)
        else:
            found.append(m)
            i = find(opener, m.end())
    return found


def _holds(text: str, rare: str, literals) -> bool:
    """Does `text` hold one of `literals`, given as (literal, where it holds `rare`)? Each place
    of `rare` in the text is tried (an occurrence of a literal at s has `rare` at s + where,
    and `rare` is in the text from offset `where` on); after `_PLACES` of them, the literals
    are searched for from there: the same answer as `literal in text`, for a few one-character
    searches where prose holds the character seldom."""
    find, starts = text.find, text.startswith
    i = find(rare)
    tried = 0
    while i >= 0:
        for literal, where in literals:
            if i >= where and starts(literal, i - where):
                return True
        tried += 1
        if tried == _PLACES:
            # (an occurrence starting before this place has its rare character at an earlier
            # place, already tried)
            return any(find(literal, max(i - where, 0)) >= 0 for literal, where in literals)
        i = find(rare, i + 1)
    return False


def _language(content: str) -> bool:
    """Is `content` a language marker, two or three ASCII lower-case letters ([a-z]{2,3}), read
    without a call into `regex`: ASCII letters, all lower case (islower: a cased one and no
    capital), two or three of them."""
    return 2 <= len(content) <= 3 and content.isascii() and content.isalpha() and content.islower()


def _is_caps(content: str) -> bool:
    """Letters, all in capitals."""
    return content.isupper()


def _is_name(word: str) -> bool:
    """A word that can be a name in capitals (JEFF, O'NEIL, MARY-ANN): letters, two or more."""
    return len(word) >= 2 and all(c.isalpha() or c in "'-" for c in word)


def _starts_with(words: List[str], phrases: "_Phrases") -> int:
    """How many of `words` the longest phrase in `phrases` they start with takes (0: none)."""
    if not words:
        return 0
    for parts in phrases.by_first.get(words[0], ()):
        if tuple(words[: len(parts)]) == parts:
            return len(parts)
    return 0


class _Phrases(tuple):
    """Phrases in capitals, longest first, with an index by first word (`_starts_with`)."""

    def __new__(cls, phrases):
        self = super().__new__(cls, phrases)
        self.set = frozenset(phrases)
        self.by_first = {}
        self.by_first_joined = {}  # the phrases as written, by first word, in their order
        for p in phrases:
            parts = tuple(p.split())
            if parts:
                self.by_first.setdefault(parts[0], []).append(parts)
                self.by_first_joined.setdefault(parts[0], []).append(p)
        return self

    def __contains__(self, word) -> bool:
        return word in self.set


def _label_ends(folded: str, labels) -> bool:
    for label in labels:
        if folded.startswith(label):
            rest = folded[len(label):]
            return not rest or not rest[0].isalnum()
    return False


def _placeholder_only(content: str) -> bool:
    return bool(_PLACEHOLDER_ONLY.fullmatch(content))
