"""acronym: an acronym used but never introduced, at its first use.

Introduced means the draft somewhere gives it with its full name: `Full Name (ABC)`,
`ABC (full name)`, or `full name, or ABC,`. The allow-list holds acronyms AP lets stand on
every reference (FBI, NATO, AIDS, ...). Capitals that are not acronyms stay silent: words
next to other words in capitals (a shouted phrase, `JEFF OK’D`, a headline set in capitals),
a dateline (`WASHINGTON —`), roman numerals (`World War II`), units (`KM`, `MW`) and a
two-letter state or country code after a place name (`Austin, TX`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List

from lint.kinds.base import Kind, OptionError, finditer
from lint.model import Hit
from lint.patterns import lazy_compile

_TOKEN = lazy_compile(
    r"(?<![\p{L}\p{N}&.’'/-])(?P<acr>\p{Lu}[\p{Lu}&]*\p{Lu})(?:s|’s|'s)?(?![\p{L}\p{N}]|-\p{N}|\.\p{L})"
)
_ROMAN = lazy_compile(r"(?:XL|XC|L?X{0,3})(?:IX|IV|V?I{0,3})")
_CAPS_WORD = lazy_compile(r"\p{Lu}[\p{Lu}’'.&-]*\p{Lu}")
_CAPS_BEFORE = lazy_compile(r"(?<![\p{L}])\p{Lu}[\p{Lu}’'.&-]*\p{Lu}[ \t]+$")
_CAPS_AFTER = lazy_compile(r"(?:s|’s|'s)?[ \t]+\p{Lu}[\p{Lu}’'.&-]*\p{Lu}(?![\p{Ll}])")
_PLACE_BEFORE = lazy_compile(r"\p{Lu}\p{Ll}+,\s*$")
_DATELINE = lazy_compile(r"[\p{Lu}\s.,’'-]*(?:\([A-Z]+\)\s*)?[–—-]")
# what an introduction looks like: (ABC) after a name, or ABC (full name), or ", or ABC,"
_IN_PARENS = lazy_compile(
    r"[(\[](?:[^()\[\]\n]{0,40}\s)?[“\"]?(\p{Lu}[\p{Lu}&\p{N}-]*\p{Lu})(?:s|’s|'s)?[”\"]?(?:\s+\p{Lu}\p{Ll}+)?\s*[)\]/,;]"
)
# ABC (full name), ABC [full name], ABC union (full name)
_BEFORE_PARENS = lazy_compile(
    r"(?<![\p{L}])(\p{Lu}[\p{Lu}&]*\p{Lu})(?:s|’s|'s)?\s+(?:\p{Ll}+\s+)?[(\[](?:the\s+)?\p{L}+[\s-]+\p{L}+"
)
_OR_NAMED = (
    r"(?:,|\bor|\bknown\s+as|\bcalled)\s+(?:the\s+)?[“\"]?(\p{Lu}[\p{Lu}&]*\p{Lu})[”\"]?(?:\s*[,)]|\s+for\s+short)"
)
_STANDS_FOR = r"(?<![\p{L}])(\p{Lu}[\p{Lu}&]*\p{Lu})\s+(?:stands|stood|is\s+short)\s+for"
_OR_FORM = lazy_compile(_OR_NAMED + "|" + _STANDS_FOR)
# the same where the second branch cannot match (no "stands", "stood" or "short" in the
# draft): the same matches, found several times faster than with the branch there
_OR_FORM_NAMED = lazy_compile(_OR_NAMED)
_STANDS_FOR_WORDS = ("stands", "stood", "short")
# a part of a hyphenated name or code: ABS-CBN, REGN-EB3, CNDD-FDD
_HYPHEN_NEIGHBOUR = lazy_compile(r"-[\p{L}\p{N}]")
_VOWELS = frozenset("AEIOU")
_LABEL_AFTER = lazy_compile(r"\s+\p{Lu}")
# a capitalised word just before (not opening a sentence) or after: the capitals are part of a name
_NAME_BEFORE = lazy_compile(
    r"(?<![.!?:“\"][^\S\n]*)(?<=[\p{L},][^\S\n]+)"
    r"(?!(?:The|A|An|In|On|At|Of|For|By|And|But|Or|To|From|With|That|This)[^\S\n])\p{Lu}\p{Ll}+[^\S\n]+$"
)
_NAME_AFTER = lazy_compile(r"(?:’s|'s)?\s+(?:\p{Lu}\p{Ll}+|\p{N})")
_OTHER_SCRIPT = lazy_compile(r"[^\p{Latin}\p{Common}\p{Inherited}]")


@dataclass(frozen=True)
class Acronym(Kind):
    """Options:

    allow      acronyms that need no introduction (data/acronyms.yaml)
    units      capitals that are units of measure (KM, MW, GB)
    words      ordinary words that turn up in capitals (TODAY, CHECK): not acronyms
    min_length shortest acronym to check (default 2)
    """

    name = "acronym"
    default_scope = "body"

    allow: List[str] = ()
    units: List[str] = ()
    words: List[str] = ()
    min_length: int = 2

    def __post_init__(self):
        if self.min_length < 2:
            raise OptionError("min_length", "must be 2 or more")
        self._set("_allow", frozenset(self.allow) | frozenset(self.units) | frozenset(self.words))

    def check(self, doc, spans, context):
        text = doc.text
        timeout = context.timeout_for(text)
        introduced = None  # found when first needed: many drafts use only allowed acronyms
        seen = set()
        for span_start, span_end in spans:
            for m in finditer(_TOKEN, text, span_start, span_end, timeout):
                acronym = m.group("acr")
                if acronym in seen or len(acronym) < self.min_length:
                    continue
                if acronym in self._allow:
                    continue
                if introduced is None:
                    introduced = _introduced(text, timeout)
                if acronym in introduced:
                    continue
                start, end = m.span("acr")
                if _ROMAN.fullmatch(acronym):
                    continue
                if self._not_an_acronym(doc, text, start, end, acronym):
                    continue
                seen.add(acronym)
                yield Hit(start, end)

    def _not_an_acronym(self, doc, text, start, end, acronym) -> bool:
        # part of a proper name or a designator: Windows XP, Texas A&M, NT News, HR 6819, @POTUS
        if _NAME_BEFORE.search(text, max(0, start - 40), start) or _NAME_AFTER.match(text, end):
            return True
        if start > 0 and text[start - 1] in "@#":
            return True
        # a speaker's initials as a label: "NG: This study started ..."
        if text.startswith(":", end) and start == doc.paragraphs[doc.paragraph_index(start)][0]:
            return True
        # capitals inside another script's text (a Hindi answer quoting CO)
        if _OTHER_SCRIPT.search(text, max(0, start - 20), min(len(text), end + 20)):
            return True
        # a neighbour in capitals, with only a space between: a shouted phrase, a sign-off
        # (JEFF OK’D); a list with commas (USCENTCOM, USSOCOM and SOF) is not one
        if _CAPS_BEFORE.search(text, max(0, start - 30), start) or _CAPS_AFTER.match(text, end):
            return True
        if _HYPHEN_NEIGHBOUR.match(text, end) or (start > 0 and text[start - 1] == "-"):
            return True
        # a shouted word inside a quotation: long and spelled like a word ("TOGETHER")
        if len(acronym) >= 5 and sum(c in _VOWELS for c in acronym) >= 0.3 * len(acronym) and doc.in_quote(start):
            return True
        # a speaker's initials opening an interview answer: "MS Although we used ..."
        paragraph_start = doc.paragraphs[doc.paragraph_index(start)][0]
        if start == paragraph_start and len(acronym) <= 3 and _LABEL_AFTER.match(text, end):
            return True
        # a line mostly in capitals
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        letters = [c for c in line if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
            return True
        # a dateline: WASHINGTON — / BAGHDAD (AP) —
        paragraph = doc.paragraphs[doc.paragraph_index(start)]
        if start - paragraph[0] < 40 and _DATELINE.match(text, end):
            return True
        # Austin, TX
        if len(acronym) == 2 and _PLACE_BEFORE.search(text, max(0, start - 30), start):
            return True
        return False


def _introduced(text, timeout) -> set:
    """Every acronym the draft introduces (with its full name), anywhere in it."""
    introduced = set()
    stands = any(word in text for word in _STANDS_FOR_WORDS)
    for pattern in (_IN_PARENS, _BEFORE_PARENS, _OR_FORM if stands else _OR_FORM_NAMED):
        for m in finditer(pattern, text, 0, len(text), timeout):
            introduced.update(g for g in m.groups() if g)
    return introduced
