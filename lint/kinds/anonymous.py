"""anonymous-source: an unnamed source (`a defense official said`) with no reason for anonymity.

The speaker is an indefinite phrase ending in a source noun (`a senior defense official`,
`two Iraqi militia officials`, `a person familiar with the talks`) that speaks (`said`,
`told`) or is cited (`according to a ...`, `said an official`). It is not reported when the
sentence or its paragraph gives a reason (`speaking on condition of anonymity because ...`,
`who was not authorized to speak publicly`), or when the phrase is an apposition to a name
(`Jessica McNulty, a Pentagon spokeswoman, said`; `a spokesman, John Kirby, said`). Later
references (`the official said`) are not reported: the first one is.
"""

from __future__ import annotations

from typing import List

import regex

from lint.kinds.base import Kind, OptionError, literal_pattern, search
from lint.kinds.sourcing_base import PhraseStarts, finditer_at, folded_words, phrases_pattern
from lint.model import Hit
from lint.patterns import lazy_compile

_COUNTS = r"(?:[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]everal|[Ss]ome)"
# words that end the modifiers before the noun: "in a statement the official said" is not one
_STOP = r"(?:the|this|that|these|those|his|her|their|its|and|or|but|in|on|at|to|for|with|by|from|as|said|told|was|is)"
_MODIFIER = rf"(?:(?!{_STOP}\b)[\p{{L}}.’'-]+\s+)"
# a name before the phrase: "Jessica McNulty, a Pentagon spokeswoman" (two capitalized
# words, so "a base in northern Iraq, a defense official said" is not taken for one)
_NAME_BEFORE = lazy_compile(r"\p{Lu}[\p{Ll}’'-]+\s+(?:\p{Lu}\.\s+)?\p{Lu}[\p{Ll}’'-]+,\s*$")
# a name after it: "a spokesman, John Kirby," / "a spokesman for the army, Col. Wayne Marotto,"
_NAME_AFTER = lazy_compile(r"[^,.;]{0,40},\s+(?:\p{Lu}[\p{L}.’'-]*\s+){0,3}\p{Lu}[\p{Ll}’'-]+\s*[,.]")
# Speed: the words before a noun (read backwards from it) among which a speaker phrase's count
# word starts: the count and up to four modifiers, each a run of these characters and spaces
_WORDS_BEFORE = lazy_compile(r"(?:[\p{L}.’'-]+\s+){1,5}", regex.REVERSE)
_WORD_BEFORE = lazy_compile(r"[\p{L}.’'-]+\s+", regex.REVERSE)
_COUNT_INITIALS = frozenset("AaOoTtFfSs")  # first letters of the count words in _COUNTS
_LETTERISH = lazy_compile(r"[\p{L}’']")  # what the speaker's lookbehind refuses


def _letterish(char: str) -> bool:
    """_LETTERISH.match(char), without the regex for ASCII (its only ASCII: letters and ')."""
    if char.isascii():
        return char.isalpha() or char == "'"
    return _LETTERISH.match(char) is not None


class AnonymousSource(Kind):
    """Options (lists of literal phrases; shipped in data/attribution.yaml):

    nouns    nouns that end an unnamed-speaker phrase (`official`, `source`, `spokesman`)
    people   phrases that are speakers only as a whole (`person familiar with`)
    verbs    speech verbs (`said`, `told`)
    reasons  phrases that give a reason for anonymity (`condition of anonymity`)
    """

    name = "anonymous-source"
    default_scope = "body"

    nouns: List[str] = ()
    people: List[str] = ()
    verbs: List[str] = ()
    reasons: List[str] = ()

    def __post_init__(self):
        for option in ("nouns", "verbs", "reasons"):
            if not getattr(self, option):
                raise OptionError(option, f"needs `{option}`, a list of phrases")
        nouns = literal_pattern(list(self.nouns))
        people = literal_pattern(list(self.people)).replace(r"\ ", r"\s+") if self.people else r"(?!)"
        verbs = literal_pattern(list(self.verbs))
        speaker = rf"(?P<who>(?<![\p{{L}}’'])(?:{_COUNTS}\s+{_MODIFIER}{{0,4}}?(?:{nouns})|{_COUNTS}\s+(?:{people})(?:\s+[\p{{L}}’'-]+){{1,4}}?)(?![\p{{L}}’'-]))"
        patterns = [
            # a defense official told ...; two officials, speaking ..., said; an official who ... said
            rf"{speaker}(?:\s*,[^,.;“”\"]{{1,80}},|\s+(?:who|with|from|at|in|for|of|close|familiar|briefed)\b[^.;“”\"]{{0,80}}?)?\s+(?:{verbs})\b",
            # said a senior official; according to a defense official
            rf"\b(?:(?:{verbs})|according\s+to)\s+{speaker}",
        ]
        self._set("_patterns", [regex.compile(p) for p in patterns])
        # whole words: literal_pattern holds nouns, people and verbs to word edges, and
        # `according\s+to` stands after \b and before \s+
        self._set("_noun_starts", PhraseStarts(self.nouns, False, True))
        self._set("_people_starts", PhraseStarts(self.people, False, True))
        self._set("_cited_starts", PhraseStarts(list(self.verbs) + ["according to"], False, True))
        self._set("_reasons", phrases_pattern(tuple(self.reasons)))

    def check(self, doc, spans, context):
        text = doc.text
        timeout = context.timeout_for(text)
        reasons = {}
        seen = set()
        words = folded_words(doc)
        for span_start, span_end in spans:
            starts = self._starts(text, span_start, span_end, words)
            for pattern, candidates in zip(self._patterns, starts):
                for m in finditer_at(pattern, text, candidates, span_start, span_end, timeout):
                    start, end = m.span("who")
                    if start in seen:
                        continue
                    seen.add(start)
                    if _NAME_BEFORE.search(text, max(0, start - 40), start):
                        continue
                    if _NAME_AFTER.match(text, end):
                        continue
                    paragraph = doc.paragraph_index(start)
                    if paragraph not in reasons:
                        p_start, p_end = doc.paragraphs[paragraph]
                        reasons[paragraph] = search(self._reasons, text, p_start, p_end, timeout) is not None
                    if reasons[paragraph]:
                        continue
                    yield Hit(start, end)

    def _starts(self, text, lo, hi, words=None):
        """Where each pattern can match in text[lo:hi]: every match holds a speaker phrase,
        which ends in a noun or holds a `people` phrase after its count word.

        The first pattern starts at the phrase's count word: among the five words before a
        noun, or the word before a `people` phrase (a count may follow `.` or `-` inside a
        word, as the speaker's lookbehind allows). The second starts at a speech verb or `according`.
        With no speaker phrase in the span, neither can match. `words`: the draft's
        `folded_words` (phrases whose words the draft lacks are not looked for), or None.
        """
        nouns, people = set(), set()
        self._noun_starts.starts(text, text, lo, hi, nouns, words)
        self._people_starts.starts(text, text, lo, hi, people, words)
        if not nouns and not people:
            return set(), set()
        counts = set()
        for anchor, before in ((nouns, _WORDS_BEFORE), (people, _WORD_BEFORE)):
            for q in anchor:
                m = before.match(text, lo, q)
                if m is None:
                    continue
                for i in range(m.start(), q):
                    # a count word starts here: its first letter, and no letter before it
                    if text[i] in _COUNT_INITIALS and not (i > 0 and _letterish(text[i - 1])):
                        counts.add(i)
        cited = set()
        self._cited_starts.starts(text, text, lo, hi, cited, words)
        return counts, cited
