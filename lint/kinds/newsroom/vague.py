"""vague-source: sourcing that names nobody (`reportedly`, `it is believed`, `officials said`).

Two lists of patterns: `always` is vague wherever it stands (`reportedly`, `it is believed`,
`the government says`); `unless_named` is vague only when no named person speaks in the same
sentence or the one before it in the paragraph (`officials said` after `Kirby said` is fine).
An `always` phrase is sourced when its sentence names its source (`attributed`: `according to
the fire service`), or names a speaker at its start or in its tail, who speaks for the whole
sentence (`Gardaí said the two men are believed to have ...`, `..., the fire service said`).
"""

from __future__ import annotations

from typing import List

from lint.kinds.base import Kind, OptionError, compile_pattern, finditer, search
from lint.engine.prefilter import prefilters_enabled
from lint.kinds.newsroom.sourcing_base import PatternStarts, finditer_at, folded_text, folded_words
from lint.model import Hit
from lint.engine.patterns import lazy_compile, lazy_std_compile

# A named speaker: First Last (with an optional initial) next to a speech verb, or a title
# and a surname.
_NAMED = lazy_compile(
    r"\p{Lu}[\p{Ll}’'-]+\s+(?:\p{Lu}\.\s+)?\p{Lu}[\p{Ll}’'-]+[^.;“”\"]{0,50}?\s(?:said|says|told|added)\b"
    r"|\b(?:said|says|told|added)\s+(?:[\p{Lu}][\p{L}.]*\s+){0,3}\p{Lu}[\p{Ll}’'-]+\s+\p{Lu}[\p{Ll}’'-]+"
)

# A speaker who speaks for the whole sentence: one before `said`, `says`, `told` in the
# sentence's first six words, or a tail after a comma that ends it (`..., the fire service
# said.`, `..., the Guardian reported.`, `..., police told the BBC.`). Standard `re` patterns
# (a word is `\w` run, Unicode letters and digits, with `’'.-`: faster to try than `regex`'s
# property classes), made on first use (only a sentence with a vague phrase asks); the words
# that make one no named speaker are asked in Python (`_speaker_named`).
_LEAD_SPEAKER = lazy_std_compile(r"[\s“\"‘']*((?:[\w’'.-]+\s+){1,6}?)(?:said|says|say|told)\b")
_TAIL_SPEAKER = lazy_std_compile(
    r",\s*((?:[\w’'.-]+\s+){1,6}?)(?:said|says|say|reported|told(?:\s+[\w’'.-]+){1,2})[\s”\"’']*[.!?]?[\s”\"’']*\Z"
)
# the verbs the two patterns need, as written (one search, in C, before either is tried)
_SPEECH_VERB = lazy_std_compile(r"said|say|told|reported")
# the word before the verb that makes it the vague phrase's own (`reportedly said`, `it was
# reported`, `is said to`) or a speaker no reader can name (officials, sources, reports: the
# sourcing rules' own business; `the government says`, a standing claim, flagged itself)
_NOT_A_NAMED_SPEAKER = frozenset(
    "is are was were been be being has have had it government officials sources reports media reportedly".split()
)
# words that make the lead the vague phrase itself (`It is understood the minister told ...`)
_VAGUE_WORDS = frozenset("reportedly believed understood thought rumoured rumored reported".split())


def _speaker_named(words) -> bool:
    """Do `words`, before a speech verb, name a speaker (see _NOT_A_NAMED_SPEAKER)?"""
    return bool(words) and words[-1].casefold() not in _NOT_A_NAMED_SPEAKER


class VagueSource(Kind):
    """Options:

    always        patterns that are vague sourcing wherever they stand
    unless_named  patterns that are vague only with no named speaker in the sentence or the
                  one before it in the same paragraph
    attributed    patterns that attribute a sentence to someone named ("according to the fire
                  service"): an `always` match in such a sentence is left alone
    ignorecase    match regardless of case (default true)
    """

    name = "vague-source"
    default_scope = "draft"

    always: List[str] = ()
    unless_named: List[str] = ()
    attributed: List[str] = ()
    ignorecase: bool = True

    def __post_init__(self):
        if not self.always and not self.unless_named:
            raise OptionError("always", "needs `always` or `unless-named`, lists of patterns")
        for option in ("always", "unless_named"):
            patterns = getattr(self, option)
            for p in patterns:
                compile_pattern(option, p, self.ignorecase)
            combined = "|".join(f"(?:{p})" for p in patterns) or r"(?!)"
            self._set(f"_{option}", compile_pattern(option, combined, self.ignorecase))
            # Speed: where a match can start, when the patterns are phrases (PatternStarts)
            self._set(f"_{option}_starts", PatternStarts.build(patterns, self.ignorecase) if patterns else None)
        for p in self.attributed:
            compile_pattern("attributed", p, self.ignorecase)
        combined = "|".join(f"(?:{p})" for p in self.attributed)
        self._set("_attributed", compile_pattern("attributed", combined, self.ignorecase) if combined else None)

    def check(self, doc, spans, context):
        text = doc.text
        timeout = context.timeout_for(text)
        fast = prefilters_enabled()
        for span_start, span_end in spans:
            for m in self._finditer(doc, self._always, fast and self._always_starts, span_start, span_end, timeout):
                if not self._attributed_sentence(doc, m.start(), timeout):
                    yield Hit(*m.span())
            unless = fast and self._unless_named_starts
            for m in self._finditer(doc, self._unless_named, unless, span_start, span_end, timeout):
                if not self._named_nearby(doc, m.start(), timeout):
                    yield Hit(*m.span())

    @staticmethod
    def _finditer(doc, pattern, phrase_starts, lo, hi, timeout):
        """finditer(pattern, doc.text, lo, hi); tried only where a match can start when the
        patterns are phrases (every match starts at one of their places: finditer_at)."""
        if phrase_starts:
            starts = phrase_starts.starts(doc.text, folded_text(doc), lo, hi, folded_words(doc))
            if starts is not None:
                return finditer_at(pattern, doc.text, starts, lo, hi, timeout)
        return finditer(pattern, doc.text, lo, hi, timeout)

    def _attributed_sentence(self, doc, offset, timeout) -> bool:
        """Does the sentence holding offset name its source ("..., according to the fire
        service"), or a speaker at its start or in its tail ("Police said ...", "..., the fire
        service said")?"""
        text = doc.text
        start, end = doc.sentences[doc.sentence_index(offset)]
        if self._attributed is not None and search(self._attributed, text, start, end, timeout) is not None:
            return True
        if _SPEECH_VERB.search(text, start, end) is None:
            return False  # (no speech verb: no speaker to ask about)
        lead = _LEAD_SPEAKER.match(text, start, end)
        if lead is not None and not text.startswith((" to be", " to have"), lead.end()):
            words = lead.group(1).split()
            if _speaker_named(words) and _VAGUE_WORDS.isdisjoint(w.casefold() for w in words):
                return True
        comma = text.rfind(",", start, end)
        # (the tail is after the sentence's last comma: none of its words holds one)
        tail = _TAIL_SPEAKER.match(text, comma, end) if comma >= 0 else None
        return tail is not None and _speaker_named(tail.group(1).split())

    def _named_nearby(self, doc, offset, timeout) -> bool:
        index = doc.sentence_index(offset)
        paragraph = doc.paragraph_index(offset)
        for i in (index, index - 1):
            if i < 0:
                continue
            start, end = doc.sentences[i]
            if doc.paragraph_index(start) != paragraph:
                continue
            # (no timeout, whose clock costs about 4 µs a call: `_NAMED` is runs of one class
            # each, apart by what the run before cannot hold, and one repeat of at most 50
            # characters; it cannot backtrack without end)
            if _NAMED.search(doc.text, start, end):
                return True
        return False
