"""anonymous-source: a source no reader can identify (`a defence official said`), with no reason.

A speaker phrase is a determiner, up to four modifiers and a noun: `a senior Labour source`,
`two Iraqi militia officials`, `an aide to the minister`; or a whole phrase, `a person
familiar with the talks`, `people close to the player`; or a bare plural, `Sources close to
the club`, `Labour sources`, `diplomats briefed on the talks` (a group with no determiner and
no such tail, `officials said`, is sourcing.vague's). It is a source when it speaks (`said`,
`told the BBC`) or is cited (`according to a source`, `citing people familiar with the matter`, `said a senior
official`). The phrase never runs across a sentence or paragraph break.

Not anonymous: a spokesperson speaks for an organisation on the record (`a Home Office
spokesman`, `a spokeswoman for Acme`, `a police spokesman`); only one whose organisation is
itself unnamed is reported (`a spokesman for one shop`, `an unnamed spokeswoman`). A phrase
that is an apposition to a name (`Jane Ruiz, a senior official, said`; `a senior official,
Jane Ruiz, said`), later references (`the official said`) and phrases inside a quotation are
not reported either.

AP asks that the story say why the source is not named. A reason in the paragraph or the next
one (`who was not authorized to speak publicly`, `spoke on condition of anonymity to discuss
the talks`) silences the phrase. Words of anonymity that give no reason (`spoke on condition
of anonymity`, `asked not to be named`) are reported themselves when their sentence speaks of a
source (`The official, who ...`; not a passer-by, `one resident, who did not want to be named`)
and no speaker phrase in their paragraph already is.
"""

from __future__ import annotations

import bisect
import itertools
from typing import List

from lint.engine.rx import regex
from lint.kinds.base import Kind, OptionError, literal_pattern
from lint.engine.prefilter import prefilters_enabled
from lint.kinds.newsroom.sourcing_base import PhraseStarts, finditer_at, folded_text, folded_words, phrases_pattern
from lint.model import Hit
from lint.engine.patterns import lazy_compile

# a determiner that introduces a new, counted speaker ("a", "two", "several", "a number of")
_DET = (
    r"(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|several|some|multiple|"
    r"a\s+number\s+of|a\s+few|a\s+couple\s+of|a\s+handful\s+of|a\s+pair\s+of|\d+)"
)
# words that end the modifiers before the noun ("in a statement the official said" is no phrase)
_STOP = (
    r"(?i:the|this|that|these|those|his|her|their|its|our|my|your|and|or|but|in|on|at|to|for|"
    r"with|by|from|as|of|said|says|say|told|tells|was|is|were|are|be|been|has|have|had|who|"
    r"which|according|reported|reports|citing|quoting|added|not|also|after|before|when|while|"
    r"if|than|then|there|it|he|she|they|we|i|a|an|other|another|same|such)"
)
_WORD_CHARS = r"[\p{L}\p{N}’'&-]"
# a modifier: a word, an abbreviation ("U.S.", "Gov."), never a word that ends a sentence
# ("statement." in "in a statement. A defense official")
_MODIFIER = (
    rf"(?:(?!{_STOP}(?!{_WORD_CHARS}))(?:(?:\p{{L}}\.){{2,}}(?:-{_WORD_CHARS}+)?|\p{{Lu}}\p{{Ll}}{{0,3}}\.|"
    rf"{_WORD_CHARS}+(?:\.{_WORD_CHARS}+)*)\s+)"
)
# no new speaker after these: "the sources said", "his aides said"
_NOT_AFTER = (
    r"(?<!(?<![\p{L}’'-])(?i:the|these|those|this|that|his|her|their|its|our|my|your|such|other|"
    r"both|all|any|no|whose|of|same|many)\s+)"
)
_START = r"(?<![\p{L}\p{N}’'&-])"
_END = r"(?![\p{L}\p{N}’'-])"
# what may follow the noun before the verb: "an aide to the minister", "a source close to the
# club", "an official who was at the talks" (no comma; a period only inside a word: "U.S.")
_TAIL = (
    r"\s+(?i:who|with|from|at|in|inside|within|for|of|on|to|close|familiar|briefed|based|working|"
    r"involved|knowledgeable)\b(?:[^,.;:!?“”\"()\[\]]|\.(?=\S))"
)
# after a bare plural: what makes it informants
_INFORMED = (
    r"\s+(?i:close\s+to|familiar\s+with|briefed\s+on|with\s+(?:direct\s+)?knowledge|aware\s+of|"
    r"involved\s+in|knowledgeable|within|inside)\b"
)
_AUX_WORDS = r"(?i:has|have|had|also|later|earlier|previously|then|would|separately|privately|publicly|reportedly|recently|yesterday|today)"
_AUX = rf"(?:{_AUX_WORDS}\s+)"
# a name before the phrase: "Jessica McNulty, a Pentagon spokeswoman" (two capitalized words, so
# "a base in northern Iraq, a defense official said" is not taken for one)
# "In London, a source said" is no name: its first word is no first name
_NAME_BEFORE = lazy_compile(
    r"(?<![\p{L}’'-])(?!(?:In|On|At|But|And|However|For|By|From|After|Before|During|Meanwhile|Earlier|Later|Last|"
    r"Next|This|That|Since|When|While|As|With|Without|Under|Over|Across|Outside|Inside|Near|Elsewhere|Also|Then|"
    r"Speaking|Separately|Still|Yet|So|Now|Today|Yesterday|Overnight)\s)"
    r"\p{Lu}[\p{Ll}’'-]+\s+(?:\p{Lu}\.\s+)?\p{Lu}[\p{Ll}’'-]+,\s*$"
)
# a name after it: "a spokesman, John Kirby," / "a senior official, Col. Wayne Marotto." /
# "an official named as Jane Ruiz"
_NAME_AFTER = lazy_compile(
    r"\s*[,—–]\s*(?:\p{Lu}[\p{L}.’'-]*\s+){0,3}\p{Lu}[\p{Ll}’'-]+\s*[,.—–]"
    r"|\s+(?:named|called|identified)\s+(?:as\s+)?\p{Lu}"
)
# an organisation that is itself unnamed: "a spokesman for one shop", "for a local firm"
_UNNAMED_ORG = lazy_compile(r"\s+(?i:for|of|at|from|with)\s+(?i:a|an|one|another|some|several)\b")
# a reason right after the words of anonymity: "... anonymity because", "... to discuss"
_REASON_LINK = lazy_compile(
    r"\s*,?\s*(?i:because|as|since|so|for|citing|given|due|fearing|lest|in\s+order|out\s+of|to\s+\p{L}+)\b"
)
# the first words of a paragraph that refer back to a source named just before: "The official",
# "Both sources", "He spoke", "They asked"
_BACK_REFERENCE = (
    r"[\"“]?(?:(?:The|These|Those|Both|All|Each|Neither)\s+(?:{_WORD_CHARS}+\s+){{0,3}}?(?:{nouns}|person|people)"
    r"|(?:He|She|They)\s+(?:spoke|speaks|speaking|asked|requested|declined|did|does|was|were|is|are|had|has|have)\b)"
)
# Speed: the words before a noun (read backwards from it) among which a phrase can start: a
# determiner of up to four words and up to four modifiers
_WORDS_BEFORE = lazy_compile(rf"(?:(?:{_WORD_CHARS}|\.)+\s+){{1,11}}", regex.REVERSE)
# a window's tokens, read backwards from its end: a window is tokens apart by white space
# (`_WORDS_BEFORE`), each token a maximal run of these characters whichever way it is read, so
# the first seven found from the end are the window's last seven, nearest first (a forward
# scan of the whole window, eleven tokens at most, read four that were then dropped)
_TOKEN_BACK = lazy_compile(rf"(?:{_WORD_CHARS}|\.)+", regex.REVERSE)
# the first words of the determiners in `_DET` (and digits)
_DET_WORDS = frozenset("a an one two three four five six seven eight nine ten several some multiple".split())
_WORD_CHAR = lazy_compile(r"[\p{L}\p{N}’'&-]")


def _word_char(char: str) -> bool:
    """_WORD_CHAR.match(char), without the regex for ASCII."""
    if char.isascii():
        return char.isalnum() or char in "'&-"
    return _WORD_CHAR.match(char) is not None

_NO_REASON = "is an unnamed source, and the story gives no reason for the anonymity"
_NO_REASON_SAID = "is an unnamed source: the story says so but not why"
_ACK_NO_REASON = "grants anonymity but gives no reason"


def _words_pattern(words) -> str:
    """literal_pattern(words) with its inner spaces as \\s+, its word edges asserted once
    around the whole alternation (the same matches when every entry starts and ends with a
    letter or digit: much faster to try)."""
    words = sorted(set(words), key=len, reverse=True)
    if not words:
        return r"(?!)"
    if not all(w[:1].isalnum() and w[-1:].isalnum() for w in words):
        return literal_pattern(words).replace(r"\ ", r"\s+")
    return r"(?<![\w])(?:" + "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in words) + r")(?![\w])"


def _with_capitals(words):
    """Each word as written and with a capital first letter ("sources", "Sources")."""
    out = []
    for w in words:
        out.append(w)
        if w[:1].islower():
            out.append(w[:1].upper() + w[1:])
    return out


class AnonymousSource(Kind):
    """Options (lists of literal words and phrases; shipped in data/sources.yaml):

    nouns              nouns no reader can identify, whatever stands before them (`official`)
    bare_plurals       those of them that are speakers with no determiner (`sources`)
    spokes             spokesperson nouns: anonymous only when their organisation is unnamed
    unnamed_modifiers  modifiers that make any of them anonymous (`unnamed`)
    not_people         a last modifier that makes the noun no person (`news sources`)
    people             phrases that are speakers as a whole (`person familiar with`)
    verbs              speech verbs (`said`, `told`)
    citing             what cites a phrase before it (`according to`, `citing`)
    inverted           speech verbs that stand before their speaker (`said a senior official`)
    anonymity          words that say the source is unnamed on purpose (`condition of anonymity`)
    reasons            a reason for it, anywhere in the paragraph or the next (`not authorized to`)
    """

    name = "anonymous-source"
    message_values = ("problem",)
    default_scope = "body"

    nouns: List[str] = ()
    bare_plurals: List[str] = ()
    spokes: List[str] = ()
    unnamed_modifiers: List[str] = ()
    not_people: List[str] = ()
    people: List[str] = ()
    verbs: List[str] = ()
    citing: List[str] = ()
    inverted: List[str] = ()
    anonymity: List[str] = ()
    reasons: List[str] = ()

    def __post_init__(self):
        for option in ("nouns", "verbs"):
            if not getattr(self, option):
                raise OptionError(option, f"needs `{option}`, a list of words")
        bare = [n for n in self.bare_plurals if n in self.nouns]
        # any plural stands bare before a tail that makes it informants: "officials familiar
        # with the talks", "diplomats briefed on the negotiations"
        plurals = [n for n in self.nouns if n.endswith("s") and n not in bare]
        informed = _words_pattern(_with_capitals(plurals))
        nouns = _words_pattern(_with_capitals(list(self.nouns) + list(self.spokes)))
        bare_nouns = _words_pattern(_with_capitals(bare))
        people = _words_pattern(_with_capitals(list(self.people)))
        verbs = _words_pattern(list(self.verbs))
        citing = _words_pattern(_with_capitals(list(self.citing)))
        inverted = _words_pattern(_with_capitals(list(self.inverted)))
        # the object of a whole phrase ("familiar with the talks"): up to four words, no verb
        obj = rf"(?:\s+(?!(?:{verbs}|{_AUX_WORDS})(?!{_WORD_CHARS}))(?:{_WORD_CHARS}|\.(?=\S))+){{1,4}}"
        speaker = (
            rf"(?P<who>{_START}(?:"
            rf"(?P<det>{_DET})\s+(?P<mods>{_MODIFIER}{{0,4}}?)(?P<noun>{nouns})"
            rf"|(?:(?P<det>{_DET})\s+(?P<mods>{_MODIFIER}{{0,2}}?)|{_NOT_AFTER})(?P<people>{people}){obj}"
            rf"|{_NOT_AFTER}(?P<mods>{_MODIFIER}{{0,3}}?)(?P<noun>{bare_nouns})"
            rf"|{_NOT_AFTER}(?P<mods>{_MODIFIER}{{0,3}}?)(?P<noun>{informed})(?={_INFORMED})"
            rf"){_END})"
        )
        patterns = [
            # a defence official told ...; two officials, speaking ..., said; an aide to the minister said
            rf"{speaker}(?P<tail>(?:{_TAIL}{{0,60}}?)?)(?:\s*,[^,.;:!?“”\"]{{1,80}},)?\s+{_AUX}{{0,2}}(?:{verbs})\b",
            # according to a senior official; citing sources close to ...; said a senior official.
            rf"{_START}(?:(?:{citing})\s+{speaker}(?P<tail>(?:{_TAIL}{{0,60}})?)"
            rf"|(?:{inverted})\s+{speaker}(?P<tail>(?:{_TAIL}{{0,60}})?)(?=\s*[,.;:!?”\"’)]|\s*$|\s+(?i:who|speaking)\b))",
        ]
        self._set("_patterns", [regex.compile(p) for p in patterns])
        # the words of anonymity count only for a source, not a passer-by ("one resident, who
        # did not want to be named, said")
        self._set("_source_word", regex.compile(rf"{nouns}|{people}|(?<![\w])(?:person|people)(?![\w])"))
        self._set("_back_reference", regex.compile(_BACK_REFERENCE.format(_WORD_CHARS=_WORD_CHARS, nouns=nouns)))
        self._set("_bare_words", tuple(_with_capitals(bare + plurals)))
        self._set("_spokes", frozenset(w.casefold() for w in self.spokes))
        self._set("_unnamed_mods", frozenset(w.casefold() for w in self.unnamed_modifiers))
        self._set("_not_people", frozenset(w.casefold() for w in self.not_people))
        # Speed: where a phrase's noun or whole phrase stands, and where a citing word does
        self._set("_noun_starts", PhraseStarts(_with_capitals(list(self.nouns) + list(self.spokes)), False, True))
        self._set("_people_starts", PhraseStarts(_with_capitals(list(self.people)), False, True))
        self._set("_noun_starts_i", PhraseStarts(list(self.nouns) + list(self.spokes), True, True))
        self._set("_people_starts_i", PhraseStarts(list(self.people), True, True))
        # a `people` phrase where one may start (its first words are found, not its last)
        self._set("_people_phrase", regex.compile(people))
        cited = _with_capitals(list(self.citing) + list(self.inverted))
        # where a speech verb may stand (as the first pattern holds it: as written, whole words
        # when every verb starts and ends with a letter or digit, as in `_words_pattern`)
        verb_words = list(self.verbs)
        verb_edges = all(w[:1].isalnum() and w[-1:].isalnum() for w in verb_words)
        self._set("_verb_starts", PhraseStarts(verb_words, False, verb_edges))
        self._set("_cited_starts", PhraseStarts(cited, False, True))
        # (in the folded text: one search per word, any case; more places, the same matches)
        self._set("_cited_starts_i", PhraseStarts(list(self.citing) + list(self.inverted), True, True))
        self._set("_reasons", phrases_pattern(tuple(self.reasons)) if self.reasons else None)
        self._set("_anonymity", phrases_pattern(tuple(self.anonymity)) if self.anonymity else None)
        self._set("_anonymity_starts", PhraseStarts(self.anonymity, True, True) if self.anonymity else None)
        # (held to word edges, as `phrases_pattern` holds a phrase that starts and ends with a
        # letter or digit)
        reasons_edged = all(r[:1].isalnum() and r[-1:].isalnum() for r in self.reasons)
        self._set("_reasons_starts", PhraseStarts(self.reasons, True, reasons_edged) if self.reasons else None)

    # ---- finding -----------------------------------------------------------------------

    def check(self, doc, spans, context):
        text = doc.text
        timeout = context.timeout_for(text)
        words = folded_words(doc)
        reasons = {}  # paragraph index -> does it (or the next one) give a reason
        acknowledged = {}  # paragraph index -> does it hold words of anonymity
        flagged_paragraphs = set()
        seen = set()
        hits = []
        for span_start, span_end in spans:
            starts = self._starts(text, span_start, span_end, words, folded_text(doc), doc)
            for pattern, candidates in zip(self._patterns, starts):
                for m in self._sentence_matches(doc, pattern, candidates, span_start, span_end, timeout):
                    start, end = m.span("who")
                    if start in seen:
                        continue
                    seen.add(start)
                    if not self._anonymous(m) or doc.in_quote(start):
                        continue
                    if _NAME_BEFORE.search(text, max(0, start - 40), start):
                        continue
                    if _NAME_AFTER.match(text, m.end("tail") if m.group("tail") else end):
                        continue
                    paragraph = doc.paragraph_index(start)
                    if self._reason_near(doc, paragraph, reasons, timeout):
                        continue
                    said = self._acknowledged(doc, paragraph, acknowledged, timeout)
                    flagged_paragraphs.add(paragraph)
                    if m.group("tail"):
                        end = m.end("tail")
                    hits.append(Hit(start, end, {"problem": _NO_REASON_SAID if said else _NO_REASON}))
            hits.extend(self._unexplained_anonymity(doc, span_start, span_end, words, reasons, flagged_paragraphs, timeout))
        hits.sort(key=lambda h: h.start)
        return iter(hits)

    def _anonymous(self, m) -> bool:
        """Is the speaker phrase of match m unidentifiable? A spokesperson is not, unless an
        unnamed-modifier says so or the organisation after it is itself unnamed."""
        words = [w.casefold() for w in (m.group("mods") or "").split()]
        if words and words[-1] in self._not_people:
            return False
        if self._unnamed_mods.intersection(words):
            return True
        noun = m.group("noun")
        if noun and noun.casefold() in self._spokes:
            tail = m.group("tail") or ""
            return _UNNAMED_ORG.match(tail) is not None
        return True

    def _sentence_matches(self, doc, pattern, candidates, lo, hi, timeout):
        """finditer_at(pattern, ...) inside each sentence of text[lo:hi]: a phrase never runs
        across a sentence or paragraph break."""
        by_sentence = {}
        for start in candidates:
            if lo <= start < hi:
                by_sentence.setdefault(doc.sentence_index(start), []).append(start)
        for index in sorted(by_sentence):
            s_start, s_end = doc.sentences[index]
            # (no timeout, whose clock costs about 4 µs a match: tried at one place inside one
            # sentence, a speaker pattern cannot backtrack without end. Each modifier, object
            # word and determiner is one run of characters without white space ended by `\s+`,
            # so the words split one way (up to a few readings of one token: `U.S.`); the
            # only choices are the bounded counts: modifiers {0,4}, the tail's characters
            # {0,60}, an aside's {1,80}, auxiliaries {0,2}: a few thousand steps at most.)
            yield from finditer_at(pattern, doc.text, by_sentence[index], max(lo, s_start), min(hi, s_end), None)

    def _reason_near(self, doc, paragraph, cache, timeout) -> bool:
        """Does the paragraph give a reason for anonymity, or the next one's first sentence
        when it refers back to the source ("The official spoke on condition of anonymity
        because ...")?"""
        found = cache.get(paragraph)
        if found is None:
            found = self._reason_in(doc, *doc.paragraphs[paragraph], timeout)
            if not found and paragraph + 1 < len(doc.paragraphs):
                p_start, p_end = doc.paragraphs[paragraph + 1]
                first = doc.sentences[doc.sentence_index(p_start)]
                if self._back_reference.match(doc.text, p_start, p_end):
                    found = self._reason_in(doc, p_start, min(p_end, first[1]), timeout)
            cache[paragraph] = found
        return found

    def _reason_in(self, doc, p_start, p_end, timeout) -> bool:
        text = doc.text
        # (`_reasons`, `_anonymity` and `_source_word` are literal phrases, white space between
        # words `\s+` followed by a literal, word edges as lookarounds: they cannot backtrack
        # without end, and run with no timeout, whose clock costs about 4 µs a call)
        if self._reasons is not None and _first(_phrase_matches(doc, self._reasons, self._reasons_starts, p_start, p_end)):
            return True
        if self._anonymity is not None:
            for m in _phrase_matches(doc, self._anonymity, self._anonymity_starts, p_start, p_end):
                if _REASON_LINK.match(text, m.end(), p_end):
                    return True
        return False

    def _acknowledged(self, doc, paragraph, cache, timeout) -> bool:
        found = cache.get(paragraph)
        if found is None:
            p_start, p_end = doc.paragraphs[paragraph]
            found = self._anonymity is not None and _first(
                _phrase_matches(doc, self._anonymity, self._anonymity_starts, p_start, p_end)
            )
            cache[paragraph] = found
        return found

    def _unexplained_anonymity(self, doc, lo, hi, words, reasons, flagged_paragraphs, timeout):
        """Words of anonymity with no reason, in a paragraph where no speaker was reported."""
        if self._anonymity_starts is None:
            return
        folded = folded_text(doc)
        text = doc.text
        if folded is not None:
            starts = set()
            self._anonymity_starts.starts(text, folded, lo, hi, starts, words)
            found = finditer_at(self._anonymity, text, starts, lo, hi, None)  # (no timeout: `_reason_in`)
        else:
            found = self._anonymity.finditer(text, lo, hi)
        for m in found:
            paragraph = doc.paragraph_index(m.start())
            if paragraph in flagged_paragraphs or doc.in_quote(m.start()):
                continue
            s_start, s_end = doc.sentences[doc.sentence_index(m.start())]
            if self._source_word.search(text, s_start, s_end) is None:
                continue
            if self._reason_near(doc, paragraph, reasons, timeout):
                continue
            flagged_paragraphs.add(paragraph)
            yield Hit(m.start(), m.end(), {"problem": _ACK_NO_REASON})

    def _starts(self, text, lo, hi, words=None, folded=None, doc=None):
        """Where each pattern can match in text[lo:hi].

        Every match holds a speaker phrase, which ends in a noun or holds a `people` phrase
        (the anchors). The first pattern starts at the phrase: at a determiner's first word
        among the seven words before an anchor (a determiner of up to three words, up to four
        modifiers), at any of the three words before a bare plural (its modifiers), or at the
        anchor itself; always at a word character with none just before it (`_START`), so
        also just after a period inside a word ("x.a source"). The second starts at a citing
        phrase among the eleven words before an anchor (a phrase of up to four words, a
        determiner of up to three and four modifiers fit there). With no anchor in the span,
        neither can match. `words`: the draft's `folded_words` (phrases whose words the draft
        lacks are not looked for), or None; `folded`: the draft's `folded_text`, or None.

        `doc` (the Document of `text`, or None): matches are then tried sentence by sentence
        (`_sentence_matches`), so a start is kept only where a match could end in its own
        sentence: a citing phrase before an anchor of that sentence, and (unless prefilters
        are off) a first-pattern start with a speech verb after it there (`_verb_starts`).
        """
        if folded is None:
            folded = text.casefold()
        if len(folded) == len(text):  # found in the folded text: one search per word, any case
            noun_starts, people_starts, cited_starts = self._noun_starts_i, self._people_starts_i, self._cited_starts_i
            haystack = folded
        else:
            noun_starts, people_starts, cited_starts = self._noun_starts, self._people_starts, self._cited_starts
            haystack = text
        nouns, people = set(), set()
        noun_starts.starts(text, haystack, lo, hi, nouns, words)
        people_starts.starts(text, haystack, lo, hi, people, words)
        # a `people` phrase is found by one of its words: the whole phrase must follow
        people_phrase = self._people_phrase.match
        people = {q for q in people if people_phrase(text, q, hi)}
        if not nouns and not people:
            return set(), set()
        anchors = sorted(nouns | people)

        sentences = None if doc is None else doc.sentences
        sentence_index = None if doc is None else doc.sentence_index

        def end_of(place):
            """Where a match that starts at `place` ends by: its sentence's end."""
            return hi if doc is None else min(hi, sentences[sentence_index(place)][1])

        windows = {}
        words_before = _WORDS_BEFORE.match

        def window_start(q):
            """The start of the window before anchor q: the eleven words a phrase may span."""
            w = windows.get(q)
            if w is None:
                m = words_before(text, lo, q)
                w = windows[q] = q if m is None else m.start()
            return w

        # every phrase starts in a window (windows need not start in order: "U.S.-official")
        verbs = None
        if doc is not None and prefilters_enabled():
            # every verb that may end a first-pattern match: in an anchor's window or after it
            # in its sentence. (The loop below asks only whether a verb stands after a start p
            # and before the end of p's sentence, for a p in the window of an anchor q: in
            # q's sentence, that stretch lies in [window start of q, end of q's sentence);
            # in an earlier one, in [window start of q, q). So the verbs of those stretches
            # answer as all the verbs would, and most of the draft is not searched.)
            verbs = set()
            for w_start, w_end in _merged(sorted((window_start(q), end_of(q)) for q in anchors)):
                self._verb_starts.starts(text, text, w_start, w_end, verbs, words)
            verbs = sorted(verbs)
        starts = set()
        bare = self._bare_words
        tokens_back = _TOKEN_BACK.finditer
        for q in anchors:
            w_start = window_start(q)
            if verbs is not None:
                q_end = end_of(q)
                if _last_before(verbs, q_end) <= w_start:
                    continue  # no verb after any start this anchor gives
                s_start = sentences[sentence_index(q)][0]
            found = [q]
            # (the window's last seven tokens, nearest first: only they can hold a start; a
            # window holds up to eleven)
            tokens = [t.span() for t in itertools.islice(tokens_back(text, w_start, q), 7)]
            is_bare = q in nouns and any(text.startswith(w, q) for w in bare)
            for distance, (t_start, t_end) in enumerate(tokens, 1):
                for p in _token_starts(text, t_start, t_end):
                    # a determiner (`_DET`): a whole word before white space, or digits
                    if (is_bare and distance <= 3) or text[p].isdigit() or text[p:t_end].casefold() in _DET_WORDS:
                        found.append(p)
            if verbs is None:
                starts.update(found)
                continue
            for p in found:
                # a verb after p in p's sentence
                if _last_before(verbs, q_end if p >= s_start else end_of(p)) > p:
                    starts.add(p)
        # a citing phrase stands in the window of an anchor after it in its sentence
        # (it ends before the speaker starts, so before its anchor)
        cited = set()
        found = set()
        # (so only the windows are searched: a citing phrase kept below starts in the window
        # of an anchor after it, and ends before that anchor, as its anchor word does)
        for w_start, w_end in _merged(sorted((window_start(q), q) for q in anchors)):
            cited_starts.starts(text, haystack, w_start, w_end, found, words)
        for c in found:
            end = end_of(c)
            i = bisect.bisect_right(anchors, c)
            while i < len(anchors) and anchors[i] < end:
                if window_start(anchors[i]) <= c:
                    cited.add(c)
                    break
                i += 1
        return starts, cited


def _phrase_matches(doc, pattern, finder, lo, hi):
    """pattern.finditer(doc.text, lo, hi) for a `phrases_pattern` (literal phrases, no timeout:
    `_reason_in`), tried only where `finder` (a PhraseStarts of its phrases) says one may
    start, when the folded text keeps offsets: every match starts at one of those places
    (finditer_at). An alternation of twenty phrases tried at every offset costs far more."""
    folded = folded_text(doc)
    if folded is None:
        return pattern.finditer(doc.text, lo, hi)
    starts = set()
    finder.starts(doc.text, folded, lo, hi, starts, folded_words(doc))
    return finditer_at(pattern, doc.text, starts, lo, hi, None)


def _first(matches) -> bool:
    """Does the iterator yield a match? (`search(...) is not None` for `_phrase_matches`)"""
    return next(iter(matches), None) is not None


def _merged(stretches):
    """Sorted [start, end) stretches, the overlapping and touching ones made one."""
    out = []
    for start, end in stretches:
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1][1] = end
        else:
            out.append([start, end])
    return out


def _last_before(places, end) -> int:
    """The last of the sorted `places` before `end`, or -1."""
    i = bisect.bisect_left(places, end)
    return places[i - 1] if i else -1


def _token_starts(text, start, end):
    """The places in one word of the window where a phrase may start: the word's start, and
    every word character just after a period inside it."""
    yield start
    i = text.find(".", start, end)
    while i >= 0:
        if i + 1 < end and _word_char(text[i + 1]):
            yield i + 1
        i = text.find(".", i + 1, end)
