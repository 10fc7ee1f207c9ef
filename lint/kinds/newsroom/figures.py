"""unattributed-figure: figures stated as fact with nobody giving them.

A figure is a number (digits, `£12m`, `3.4bn`, or a number word such as `five`, `dozens of`)
in one of a few shapes: a casualty count (`five people were killed`, `wounding dozens of
soldiers`, `killed a contractor`), damage or displacement (`300 homes were destroyed`, `2,000
homes are without power`), a sum of money (`$4 million`, `£12m`, `210bn yen`), a rise or fall
(`rose 4%`, `fell by a fifth`, `doubled`), a percentage, a proportion (`a third of households`)
or a count (`five drone strikes`, `40 people were arrested`).

It is sourced when an attribution cue (`said`, `told`, `according to`, ...) stands where a
reader takes it to cover the figure (`Attribution.reaches`): in its sentence, in the sentence
before or after in its paragraph, in the first sentence of the next paragraph (after the lede
any cue; further down one that points back at the figures, `The figures, from ...`), or in
the paragraph before when this one continues it (`Of those, ...`); or when it is inside a
quotation whose speaker is named in its paragraph or the one on either side.

Not figures, or not claims to source: years, dates (`Feb. 15`, `the 4 July parade`), times,
ages and hyphenated compounds (`12-year-old`), ordinals, scores, designators (`F-15`, `FTSE
100`, `Flight 17`), numbers followed by a unit, thresholds (`10% or more`), brackets (`incomes
below $10,000`), currency conversions in brackets, vote shares and court records; market
data, published prices and a company's results (`record_words`, and every sum in a results
story); every figure of a court story or of a story about a study its lede attributes; events
ten or more years before the latest year the draft names; everything in an interview
transcript (its speaker labels attribute it). One finding per sentence, at its first figure.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import List

from lint.drafts.document import literal_starts
from lint.engine.rx import regex
from lint.kinds.base import Kind, OptionError, finditer
from lint.kinds.newsroom.sourcing_base import (
    AskedWords,
    Attribution,
    PhraseStarts,
    az_words,
    cue_index,
    finditer_at,
    first_body_paragraph as _first_body_paragraph,
    folded_letters,
    folded_text,
    folded_words,
    phrases_pattern,
    transcript_start as _transcript_start,
)
from lint.model import Hit
from lint.engine.patterns import lazy_compile, std_compile

# Digits: 7, 1,200, 3.5; never glued to letters, hyphens, slashes, colons (F-15, 3-1, 9:30, 2/3).
_NUMBER = r"(?>\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_DIGITS = (
    rf"(?<![\p{{L}}\p{{N}}.,:/#-]){_NUMBER}"
    r"(?![\p{N}]|[-–/:]\p{N}|-\p{L}|(?:st|nd|rd|th)\b|\s?(?:a\.m\.|p\.m\.|am\b|pm\b))"
)
_SCALE = r"(?:\s+(?:million|billion|trillion|crore|lakh(?:\s+crore)?))?"  # (Rs 6.81 lakh crore)
# words after a number that make it a measure, not a count of people or events
_UNITS = lazy_compile(
    r"\s*(?:-|years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|"
    r"km|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|feet|foot|inches|kg|kilograms?|tons?|tonnes?|"
    r"degrees?|mph|times|o'clock)\b",
    regex.IGNORECASE,
)
_MONTHS = lazy_compile(
    r"(?:Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.?\s+$|(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+$"
)
# a word before a number that makes it a name or label: Flight 17, No. 5, Article 2, Route 66
_DESIGNATORS = lazy_compile(
    r"(?:No|Nos|Vol|Apt|Pt|Fig|Art|Sec)\.\s*$|\b(?:Article|Section|Chapter|Route|Highway|Interstate|Flight|Room|"
    r"Apartment|Suite|Unit|Gate|Platform|Channel|Page|Volume|Level|Category|Class|Phase|Stage|"
    r"Round|Game|Week|Episode|Season|Day|Lot|Track|Bus|Line|Pier|Terminal|Ward|District|"
    r"Precinct|Division|Brigade|Battalion|Regiment|Squadron|Corps|Amendment|Resolution|Bill|"
    r"Proposition|Measure|Number|Model|Mark|Windows|Version|iPhone|Galaxy|Apollo|Super Bowl|"
    r"Top|Group|Pool|Hall|Block|Building|Tower|Street|Avenue|Road|Mile|Exit|Lane|Figure|"
    r"FTSE|Nikkei|DAX|CAC|ASX|Sensex|Stoxx|S&P|Nasdaq|Fortune|Forbes)\s+$"
)
# a day-month date: "the 4 July parade", "on 14 February"
_MONTH_AFTER = lazy_compile(
    r"\s+(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?)"
)
# a sum in brackets right after another: "$100m (£80m)", "5bn yen (about £30m)"
_CONVERSION = lazy_compile(
    r"(?:\d|\b(?:m|bn|tn|k|million|billion|trillion|[\p{L}]+s|yen|yuan|won|rand))\s*\(\s*"
    r"(?:(?:about|around|approximately|approx\.|roughly|some|nearly|almost|over|more\s+than|c\.|or|equivalent\s+to)\s+)?"
    r"(?:[A-Z]{1,3})?\s*$"
)
_HALF_OF_TIME = lazy_compile(r"(?i:\b(?:first|second|the|latter|other|back|front|top|bottom|this|that)\s+$)")
_BRACKET = lazy_compile(r"(?i:\b(?:below|above|under|exceeding|upwards\s+of)\s+$)")
# the group a share counts speaking for itself: "55% of renters say", "a third of them told"
_RESPONDENTS = lazy_compile(
    r"(?:\s+[\p{L}’'-]+){0,4}?\s+(?:say|says|said|told|think|thinks|believe|believes|report|reported|"
    r"admit|admitted|feel|felt)\b"
)
_YEAR = lazy_compile(r"(?<![\p{L}\p{N}.,:/-])(?:1[89]\d\d|20\d\d)(?![\p{N}])")
# where a year can start: the first two digits of 1[89]\d\d|20\d\d (`_years`)
_YEAR_PAIRS = ("18", "19", "20")
_NO_ONE = lazy_compile(r"(?i:\b(?:no|every|any|some)\s+$)")
# "four or more people": a threshold in a definition, not a count
_THRESHOLD = lazy_compile(
    r"\s+(?:or\s+(?:more|fewer|less|above|over|higher|greater|below|under)|and\s+(?:above|over))\b"
)
# what may follow a percentage that states a claim ("12% of voters", "rose 5% in May");
# a percentage glued to another word is a measure or a modifier ("80% nitrogen", "a 20% tip")
_PERCENT_NEXT = lazy_compile(r"\s+(?P<word>[\p{L}\p{N}]+)")
_PERCENT_CLAIM_WORDS = frozenset(
    "of in to from than and or for on at by over since compared while with among "
    "increase decrease rise drop fall jump growth decline cut share stake chance majority "
    "rate higher lower more less last this lead margin year".split()
)


def _word_pattern(words: str):
    """(?i) one of `words` between word edges, and the words as draft words (`folded_words`):
    a draft that lacks all of them as words holds no match (a speed shortcut)."""
    words = words.split()
    # (each word ASCII letters: `_may_hold_in` compares them, folded, with the folded text)
    assert all(w.isascii() and w.isalpha() and w == w.casefold() for w in words)
    return lazy_compile(r"(?i)\b(?:" + "|".join(words) + r")\b"), AskedWords(w.encode() for w in words)


def _phrase_gate(phrases):
    """One a-z word of each phrase (its longest run of a-z, folded), as `AskedWords`: a draft
    whose words (`folded_words`) hold none of them holds none of the phrases where a pattern
    holds them to word edges (`_words`). None when a phrase is not ASCII or holds no a-z.

    Exact: each run of a-z of a phrase so held is a whole run of a-z of the folded text where
    it matches (see `folded_words`; its other characters, white space, `-`, `'`, are matched by
    themselves or by white space, never by a character that folds to a-z), so a draft word."""
    gate = []
    for phrase in phrases:
        runs = az_words(phrase.casefold()) if phrase.isascii() else None
        if not runs:
            return None
        gate.append(max(sorted(runs), key=len))
    return AskedWords(gate)


def _may_hold(keys, words) -> bool:
    """False when the draft's words (None: unknown) hold none of `keys`."""
    return words is None or not keys.isdisjoint(words)


def _may_hold_in(doc, keys, words, start, end) -> bool:
    """False when text[start:end] holds none of `keys` (a `_word_pattern`'s words) as a word.

    Exact for the pattern's matches: each is one of its words, ASCII letters between word
    edges, so a draft word (`folded_words`), and matched (?i) where the folded text holds that
    word, folded (`folded_text`): a word no draft word, or absent from the folded stretch, is
    not matched there. (`words` None: unknown, True.)"""
    if words is None:
        return True
    present = keys.intersection(words)
    if not present:
        return False
    folded = folded_text(doc)
    return any(folded.find(word.decode(), start, end) >= 0 for word in present)


# election results and vote shares are public record
_VOTE_WORDS, _VOTE_KEYS = _word_pattern(
    "vote votes voted voters turnout ballot ballots electorate election elections referendum seats "
    "matchup trailed trailing"
)
# a goal or a plan is not a claim of fact ("seeks to cut tariffs on 90 percent of goods")
_INTENT_WORDS, _INTENT_KEYS = _word_pattern("goal goals aim aims seek seeks target targets plan plans hope hopes")
# a court's record attributes itself ("accused of killing two", "ordered to pay $6 million")
_COURT_WORDS, _COURT_KEYS = _word_pattern(
    "accused charged convicted sentenced pleaded indicted acquitted restitution prosecuted jailed guilty"
)
_CURRENCY_SYMBOLS = "$€£¥₹"
# where a sum in rupees or rand written with letters can start (Rs 6,000, Rs.500, R95 billion):
# an R before a digit (the money shape itself asks for the rest, an R that opens a word among
# it). Tried at each R that `str.find` finds: a search of the draft for this pattern reads
# every character in Python's `re` loop (+0.2% of a whole run; with a lookbehind first, +6%).
_LETTER_CURRENCY = std_compile(r"R(?:s\.?\s?)?\d")
# Such an R opens a word (no letter or digit before it) and is followed by a digit, or by `s`
# and a dot, white space or a digit: the draft's folded a-z runs hold `r` or `rs` there. A draft
# with neither (most) has no R to look at.
_LETTER_CURRENCY_WORDS = AskedWords((b"r", b"rs"))
# Speed: from a number to the word a shape needs (a casualty verb, a noun, a currency, `%`),
# every character the shapes allow: letters, digits, white space, `’'-` ({word}), and `,` or
# `.` inside a number (1,200, 3.5: a digit follows). A needed word past the first other
# character (the reach) cannot be part of a match starting at the number.
_REACH = lazy_compile(r"(?:[\p{L}\p{N}\s’'\-]|[.,](?=\d))*+")
# _REACH on ASCII text, with the standard `re` (a tight loop over one byte class, where `regex`
# tests Unicode properties at each character): the ASCII characters _REACH's class holds,
# spelled out (tests/test_sourcing_fast_paths.py checks them against it), and ASCII digits
try:  # possessive (Python 3.11); before it, greedy gives the same match: nothing follows the
    # repeat, so its first success is its longest and it never backtracks into it
    _REACH_ASCII = std_compile(r"(?:[\t\n\x0b\x0c\r '\-0-9A-Za-z]|[.,](?=[0-9]))*+")
except re.error:
    _REACH_ASCII = std_compile(r"(?:[\t\n\x0b\x0c\r '\-0-9A-Za-z]|[.,](?=[0-9]))*")
# read backwards: the last character outside the first class of _REACH
_OUTSIDE_BEFORE = lazy_compile(r"[^\p{L}\p{N}\s’'\-]", regex.REVERSE)
_DIGIT = lazy_compile(r"\d")
# phrases the shapes spell with these only keep that true (ASCII letters, even under (?i),
# match letters only; digits match digits)
_PLAIN_PHRASE = lazy_compile(r"[A-Za-z0-9\s’'\-]+")
_DIGIT_START = lazy_compile(r"(?<![\p{L}\p{N}])\d")
# _DIGIT_START on ASCII text (its letters and numbers are A-Z, a-z, 0-9), with the standard
# `re`, the digit first so that the scan skips to digits in C (the lookbehind reads the
# character before it); tests/test_sourcing_fast_paths.py checks the two agree
_DIGIT_START_ASCII = std_compile(r"[0-9](?<![A-Za-z0-9][0-9])")



def _words(phrases) -> str:
    """One alternation of literal phrases held to word edges as a whole (much faster in the
    `regex` module than one lookaround pair per phrase); inner spaces match any white space."""
    parts = [regex.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(phrases), key=len, reverse=True)]
    return r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])" if parts else r"(?!)"


WHAT = {
    "casualty": "casualty count",
    "damage": "count of damage",
    "displaced": "count of people displaced or cut off",
    "money": "sum of money",
    "change": "rise or fall",
    "percent": "percentage",
    "proportion": "proportion",
    "count": "count",
}
# the shapes, in order of what a copy editor most wants sourced first
_PRIORITY = {what: i for i, what in enumerate(WHAT)}
# kinds of figure that a market report, a price list or a company's results state as public record
_RECORD_KINDS = frozenset(("money", "change", "percent", "proportion"))
# kinds whose attribution may set a sentence's own cue aside (`_attributed`: `55% of renters say`)
_OWN_CUE_KINDS = frozenset(("percent", "proportion"))


class _Phrases:
    """Literal phrases held to word edges, matched case-insensitively (`phrases_pattern`).

    `holds` asks whether a stretch of a draft holds one. With the draft's words known
    (prefilters on), it searches only for the phrases whose a-z words the stretch holds, each
    with its own small pattern, as `Attribution` does for cues (exact, for the same reason:
    each a-z word of a word-edged phrase is a whole a-z run of the folded stretch)."""

    def __init__(self, phrases):
        self.phrases = tuple(sorted(set(phrases)))
        self.pattern = phrases_pattern(self.phrases) if self.phrases else None
        self.index = cue_index(self.phrases) if self.phrases else None

    def holds(self, doc, start, end, words) -> bool:
        if self.pattern is None:
            return False
        text = doc.text
        folded = folded_text(doc) if words is not None else None
        if folded is None:
            return self.pattern.search(text, start, end) is not None
        anchors, by_anchor, wordless = self.index
        # (the stretch's words are some of the draft's: an anchor no draft word, or not in the
        # folded stretch, is no word of it; tested without splitting the stretch into words,
        # which costs an object and a hash a word. `words` holds only asked words, the
        # anchors, not the phrases' other words: the phrase's own pattern decides)
        find = folded.find
        for anchor in anchors.intersection(words):
            if find(anchor.decode(), start, end) < 0:
                continue
            for _, pattern in by_anchor[anchor]:
                if pattern.search(text, start, end) is not None:
                    return True
        return any(pattern.search(text, start, end) is not None for pattern in wordless)


class UnattributedFigure(Kind):
    """Options (each a list of literal phrases; the shipped ones live in data/attribution.yaml):

    cues                words that attribute a sentence (`said`, `told`, `according to`)
    casualty_verbs      `killed`, `wounding`, `dead`, ...
    casualty_nouns      `deaths`, `casualties`, `death toll`, ...
    victim_nouns        `contractor`, `soldier`: `killed a contractor` is a casualty count
    damage_verbs        `destroyed`, `damaged`, `flooded`: `300 homes were destroyed`
    displacement_verbs  `evacuated`, `stranded`, `without power`: `2,000 residents were evacuated`
    count_verbs         `arrested`, `infected`, `cancelled`: `40 people were arrested`
    event_nouns         `attacks`, `strikes`, `arrests`, ...
    change_verbs        `rose`, `fell`, `increased`: `rose 4%`, `fell by a fifth`
    multipliers         `doubled`, `halved`: a change with no number
    fractions           `a third of`, `one in five`: a proportion
    number_words        `five`, `dozens of`, ...
    hedges              `at least`, `more than`, ...
    currencies          `euros`, `yen`, `rupees`: `3.4bn euros`
    money_words         a sum of money counts only near one of these; empty: every sum counts
    record_words        market data, prices and results (`shares`, `interest rate`, `pre-tax
                        profits`, `tickets`): a sum, percentage or change in a sentence with one
                        of these is public record, not a claim to source
    results_words       a draft with one of these in its headline or first paragraph is a
                        results story: its sums of money are the company's own figures
    budget_words        a draft with one of these in its first paragraph (not `over budget`)
                        reports a budget: its sums of money are the budget's own, and so are
                        the percentages and changes of a sentence that names the budget
    study_words         a draft whose headline or first paragraph holds one of these and a cue
                        reports a study (`In findings published in Nature, scientists ...`);
                        a court story (`sentenced`, `jailed`, ... there) reports a case: either
                        way its figures are sourced
    continuations       openings (`Of those`, `Among them`) that make a paragraph continue the
                        one before, and share its attribution
    references          words that point back at figures (`the figures`, `according to`): a
                        cue in the next paragraph's first sentence attributes a figure further
                        down than the lede only with one of these
    inherit             attribution reaches from nearby: the sentence before or after, the next
                        paragraph's first sentence (the whole next one after the lede), the
                        paragraph before for a continuation (default true)
    """

    name = "unattributed-figure"
    message_values = ("what",)
    default_scope = "body"

    cues: List[str] = ()
    casualty_verbs: List[str] = ()
    casualty_nouns: List[str] = ()
    victim_nouns: List[str] = ()
    damage_verbs: List[str] = ()
    displacement_verbs: List[str] = ()
    count_verbs: List[str] = ()
    event_nouns: List[str] = ()
    change_verbs: List[str] = ()
    multipliers: List[str] = ()
    fractions: List[str] = ()
    number_words: List[str] = ()
    hedges: List[str] = ()
    currencies: List[str] = ()
    money_words: List[str] = ()
    record_words: List[str] = ()
    results_words: List[str] = ()
    budget_words: List[str] = ()
    study_words: List[str] = ()
    continuations: List[str] = ()
    references: List[str] = ()
    inherit: bool = True

    def __post_init__(self):
        for option in ("cues", "casualty_verbs", "number_words"):
            if not getattr(self, option):
                raise OptionError(option, f"needs `{option.replace('_', '-')}`, a list of phrases")
        # (a fraction, `a third of`, is found by its own shape, not read as a number)
        number_words = list(self.number_words)
        words = _words(number_words)
        hedge = _words(self.hedges)
        # a number, hedged or not: `14`, `1,200`, `3.4bn` (`£12m`, `3.4bn euros`), `five`,
        # `dozens of`, `at least 300`, `5 million`
        number = (
            rf"(?P<num>(?i:(?:{hedge})\s+)?(?:{_DIGITS}(?:(?:m|bn|tn)(?=\s))?{_SCALE}|(?i:{words})(?:\s+(?:million|billion))?))"
        )
        cas_verb = _words(self.casualty_verbs)
        cas_noun = _words(self.casualty_nouns)
        victims = _words(self.victim_nouns)
        damage = _words(self.damage_verbs)
        displaced = _words(self.displacement_verbs)
        events = _words(self.event_nouns)
        change = _words(self.change_verbs)
        multiplier = _words(self.multipliers)
        fraction = _words(self.fractions)
        currency = _words(self.currencies)
        word = r"[\p{L}’'-]+"
        aux = (
            r"(?:(?:were|was|are|is|have|has|had|been|being|left|reported|confirmed|feared|later|"
            r"remain|remained|remains|still|now|all|also|thought|believed|presumed|either)\s+){0,3}"
        )
        # a change and its size: `rose 4%`, `fell by a fifth`, `increased by more than 3,000`
        size = (
            rf"(?P<num>(?i:(?:{hedge})\s+)?(?:{_DIGITS}(?:\s?(?:%|(?i:percent|per\s+cent|per-cent)\b))?"
            rf"|(?i:{words})|(?i:half|a\s+third|a\s+quarter|a\s+fifth|a\s+tenth|two-thirds|two\s+thirds|"
            r"three-quarters|three\s+quarters)(?![\w-])))"
        )
        # Shapes that open with a number are written as what follows the number (a tail): the
        # number is read once at each place, and each tail tried from its end.
        # (what, tail, the words one of which the tail holds (PhraseStarts, a symbol)); what
        # "verb" is told by the verb the tail meets first (casualty, damage, displaced, count)
        verb_lists = (
            ("casualty", self.casualty_verbs), ("damage", self.damage_verbs),
            ("displaced", self.displacement_verbs), ("count", self.count_verbs),
        )
        verbs = "|".join(f"(?P<{what}>{_words(phrases)})" for what, phrases in verb_lists if phrases)
        tails = [
            # five people were killed; 300 homes were destroyed; hundreds of residents
            # evacuated; 2,000 homes are without power; 40 people were arrested
            ("verb", rf"(?:\s+{word}){{0,3}}?\s+{aux}(?:{verbs})",
             (PhraseStarts([p for _, phrases in verb_lists for p in phrases], False, True), "")),
            # 30 deaths; 12 civilian casualties
            ("casualty", rf"\s+(?:{word}\s+)?(?:{cas_noun})\b", (PhraseStarts(self.casualty_nouns, False, True), "")),
            # 300 million euros, 3.4bn euros, 210bn yen, 12m pounds
            ("money", rf"\s+(?:(?:million|billion|trillion)\s+)?(?:(?i:{currency})|"
                      r"(?<=(?:illion|\d(?:m|bn|tn))\s+)(?i:pounds)\b)",
             (PhraseStarts(list(self.currencies) + ["pounds"], True, True), "")),
            # 12%, 40 percent, five per cent
            ("percent", r"\s?(?:%|(?i:percent|per\s+cent|per-cent)\b)",
             (PhraseStarts(["percent", "per cent", "per-cent"], True), "%")),
            # five drone strikes, three rocket attacks
            ("count", rf"\s+(?:{word}\s+){{0,2}}?(?:{events})\b", (PhraseStarts(self.event_nouns, False, True), "")),
        ]
        # shapes found by scanning from a word (or a currency symbol), and where each can start
        # (shapes that start at the same words share one finder: its places are found once)
        cas_starts = PhraseStarts(self.casualty_verbs, True, True)
        damage_starts = PhraseStarts(self.damage_verbs, True, True)
        displaced_starts = PhraseStarts(self.displacement_verbs, True, True)
        shapes = [
            # killing one fighter; wounding dozens of soldiers; killed at least 12; killed a
            # contractor; wounding a British soldier (one pattern: one try at each verb)
            ("casualty", rf"(?i:{cas_verb})\s+(?:{number}(?:(?<=\bof)\s+{word})?|"
                         rf"(?P<num>an?)\s+(?:[\p{{L}}\p{{N}}’'-]+\s+){{0,2}}?(?i:{victims})"
                         r"(?!\s+(?:named|called|identified)\b))", cas_starts),
            # death toll rose to 40
            ("casualty", rf"(?i:death toll|toll)\b[^.;\n]{{0,40}}?\s{number}", PhraseStarts(["death toll", "toll"], True)),
            # destroying 300 homes; displaced thousands of people
            ("damage", rf"(?i:{damage})\s+{number}", damage_starts),
            ("displaced", rf"(?i:{displaced})\s+{number}", displaced_starts),
            # $4 million, US$5, CDN$11,000, £12m, up to $2bn; rupees and rand written with their
            # letters: Rs 6,000 crore, Rs.500, R95 billion, R4.5bn (a bare R only with a scale:
            # R2 is a road, a droid or a phone's model)
            ("money", rf"(?P<num>(?<![\p{{L}}\p{{N}}])(?:(?:(?:[A-Z]{{1,3}})?[$€£¥₹]|Rs\.?)\s?{_NUMBER}(?:(?:m|bn|tn|k)\b|{_SCALE})"
                      rf"|R{_NUMBER}(?:(?:m|bn|tn)\b|\s+(?:million|billion|trillion))))",
             None),
            # rose 4%; fell by a fifth; doubled
            ("change", rf"(?i:{change})\s+(?:(?i:by|to)\s+)?{size}", PhraseStarts(self.change_verbs, True, True)),
            ("change", rf"(?P<num>(?i:{multiplier}))", PhraseStarts(self.multipliers, True, True)),
            # a third of households; one in five adults
            ("proportion", rf"(?P<num>(?i:{fraction}))\s+{word}", PhraseStarts(self.fractions, True, True)),
        ]
        self._set("_number", regex.compile(number))
        self._set("_anchored", [(what, regex.compile(tail)) for what, tail, _ in tails])
        self._set("_anchored_needs", [needs for _, _, needs in tails])
        # each tail's needed words as a draft-word gate (`_phrase_gate`). The percent tail's
        # words are not held to word edges by `_words`, but by what stands around them: `\b`
        # after; before, the number's last digit, white space, or a scale word glued to them
        # (`{_SCALE}` and the number words' `million` have no edge after: `5 millionpercent`):
        # the run of a-z holding `percent` is `percent` or a scale word and `percent`, and
        # `per cent`, `per-cent` hold the run `cent`.
        verb_phrases = [p for _, phrases in verb_lists for p in phrases]
        percent_gate = AskedWords(
            [b"percent", b"cent"] + [scale + b"percent" for scale in (b"million", b"billion", b"trillion", b"crore", b"lakh")]
        )
        self._set("_anchored_gates", [
            _phrase_gate(verb_phrases), _phrase_gate(self.casualty_nouns),
            _phrase_gate(list(self.currencies) + ["pounds"]), percent_gate, _phrase_gate(self.event_nouns),
        ])
        self._set("_verb_kinds", tuple(what for what, phrases in verb_lists if phrases))
        # where the "verb" tail's verbs may stand, as the scanning shapes find them (any case:
        # more places to try, the same matches), and the count verbs, which no shape scans for
        self._set("_verb_finders", (cas_starts, damage_starts, displaced_starts, PhraseStarts(self.count_verbs, True, True)))
        # the best priority a tail's match can have (a "verb" is told by its verb)
        lowest = dict(_PRIORITY)
        lowest["verb"] = min(_PRIORITY[what] for what in self._verb_kinds)
        self._set("_lowest_priority", lowest)
        self._set("_scanning", [(what, regex.compile(p)) for what, p, _ in shapes])
        # where each scanning shape can start (None: money, found from its currency symbol)
        self._set("_scanning_starts", [starts for _, _, starts in shapes])
        # every finder of the scanning shapes and of the "verb" tail, once, with its phrases as a
        # draft-word gate (`_phrase_gate`; None: `toll`, not held to word edges), for `check`
        finders = []
        phrase_lists = [
            (cas_starts, self.casualty_verbs), (damage_starts, self.damage_verbs),
            (displaced_starts, self.displacement_verbs), (self._verb_finders[3], self.count_verbs),
            (shapes[-3][2], self.change_verbs), (shapes[-2][2], self.multipliers), (shapes[-1][2], self.fractions),
        ]
        for finder in [starts for _, _, starts in shapes] + list(self._verb_finders):
            if finder is not None and all(finder is not f for f, _ in finders):
                phrases = [phrases for f, phrases in phrase_lists if f is finder]
                finders.append((finder, _phrase_gate(phrases[0]) if phrases else None))
        self._set("_finders", tuple(finders))
        self._set("_start", regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:\d|(?i:{hedge}|{words}))"))
        self._set("_cues", tuple(self.cues))
        self._set("_cue", phrases_pattern(self._cues))
        self._set("_money_context", phrases_pattern(tuple(self.money_words)) if self.money_words else None)
        # (phrases_pattern holds its phrases to word edges)
        self._set("_money_starts", PhraseStarts(self.money_words, True, True))
        self._set("_record", _Phrases(self.record_words))
        self._set("_results", _Phrases(self.results_words))
        # (`£40m over budget` is a project's overrun, not the budget a story reports on; the
        # phrases alone first: a stretch without one needs no try of the lookbehind anywhere)
        self._set("_budget_phrases", _Phrases(self.budget_words))
        self._set("_budget", regex.compile(rf"(?<!\b(?:over|under|within|on)\s+){_words(self.budget_words)}", regex.IGNORECASE))
        self._set("_study", _Phrases(self.study_words))
        self._set("_cue_phrases", _Phrases(self.cues))
        self._set("_continuation", regex.compile(
            r"(?:\W{0,2})(?:" + _words(self.continuations) + r")", regex.IGNORECASE
        ) if self.continuations else None)
        self._set("_reference", phrases_pattern(tuple(self.references)) if self.references else None)
        # Speed: where each pattern can start, and the words without which a shape cannot
        # match at all (each shape holds one of them, as written in `shapes` above).
        # (`whole_words`: the shape holds the phrase to word edges: `_words`; `toll` and
        # `percent` are not: `atoll`, `5 millionpercent`)
        self._set("_number_starts", PhraseStarts(list(self.hedges) + number_words, True, True))
        plain = all(
            _PLAIN_PHRASE.fullmatch(phrase)
            for option in ("hedges", "number_words", "fractions", "casualty_verbs", "casualty_nouns",
                           "event_nouns", "damage_verbs", "displacement_verbs", "count_verbs", "currencies")
            for phrase in getattr(self, option)
        )
        self._set("_reach_gate", plain)

    def _scan(self, index, pattern, text, folded, lo, hi, timeout, words=None, found=None):
        """finditer(pattern, text, lo, hi) for the scanning shape `index`, tried only at the
        places it can start (a casualty verb, `toll`, up to three capitals before a currency
        symbol), or everywhere when case folding moved offsets. `found`: a dict that keeps the
        places of each finder for the other shapes that share it (same text, lo, hi, words)."""
        finder = self._scanning_starts[index]
        if found is not None and finder is not None and folded is not None:
            starts = found.get(id(finder))
            if starts is None:
                starts = found[id(finder)] = set()
                finder.starts(text, folded, lo, hi, starts, words)
            return finditer_at(pattern, text, starts, lo, hi, timeout)
        starts = set()
        if finder is None:
            for symbol in _CURRENCY_SYMBOLS:
                i = text.find(symbol, lo, hi)
                while i >= 0:
                    starts.update(range(max(lo, i - 3), i + 1))  # (?:[A-Z]{1,3})?[$€£¥₹]
                    i = text.find(symbol, i + 1, hi)
            letter_currency = _LETTER_CURRENCY.match
            i = text.find("R", lo, hi) if words is None or not _LETTER_CURRENCY_WORDS.isdisjoint(words) else -1
            while i >= 0:
                if letter_currency(text, i, hi):
                    starts.add(i)  # Rs 6,000 crore, R95 billion
                i = text.find("R", i + 1, hi)
        elif folded is None:
            return finditer(pattern, text, lo, hi, timeout)
        else:
            finder.starts(text, folded, lo, hi, starts, words)
        return finditer_at(pattern, text, starts, lo, hi, timeout)

    def _number_places(self, text, folded, lo, hi, timeout, words=None):
        """finditer(self._start, text, lo, hi), tried only at digits and number words."""
        if folded is None:
            return finditer(self._start, text, lo, hi, timeout)
        starts = {m.start() for m in _DIGIT_START.finditer(text, lo, hi)}
        self._number_starts.starts(text, folded, lo, hi, starts, words)
        return finditer_at(self._start, text, starts, lo, hi, timeout)

    def _gated_tries(self, anchored, text, folded, words, lo, hi, timeout, doc, found=None):
        """(start, what, pattern) for every anchored shape at every number in text[lo:hi], in
        that order, but only where one of the shape's needed words starts within the number's
        reach (_REACH): the shapes that are left out cannot match there.

        Each needed word at q is reachable from the numbers in [back, q] (`_reach_back`); the
        numbers are looked for only inside those stretches. A number found by a scan of the whole
        span lies in a stretch just as it would here: a stretch starts right after a character
        that no number holds, so no number found before it runs into it.

        `found`: the places of the scanning shapes' finders (`_scan`), which the "verb" tail
        shares.
        """
        shapes = []
        for what, pattern, needs, symbol in anchored:
            if what == "verb" and found is not None:
                # (the places the scanning shapes found: each verb is looked for once)
                places = set()
                for finder in self._verb_finders:
                    known = found.get(id(finder))
                    if known is None:
                        known = found[id(finder)] = set()
                        finder.starts(text, folded, lo, hi, known, words)
                    places |= known
                places = sorted(places)
            else:
                places = _need_places(needs, symbol, text, folded, lo, hi, words)
            stretches = _merge((_reach_back(text, lo, q), q) for q in places)
            if stretches[0]:
                shapes.append((what, pattern, stretches))
        if not shapes:
            return
        union = _merge(pair for *_, (firsts, lasts) in shapes for pair in zip(firsts, lasts))
        starts = set()
        ascii_text = text.isascii()
        digit_starts = _DIGIT_START_ASCII.finditer if ascii_text else _DIGIT_START.finditer
        for first, last in zip(*union):
            # (_DIGIT_START is one character and a lookbehind: no timeout, which costs two
            # clock system calls a call)
            starts.update(m.start() for m in digit_starts(text, first, last + 1))
        # number words and hedges are looked for inside the stretches only: a phrase of them
        # that starts in a stretch is spelled with characters _REACH takes (_reach_gate), so
        # it ends where the reach from the stretch's last place ends, or before
        # (in each stretch, only those that are words of the stretch: a number word or hedge
        # `_start` matches holds each of its words as a whole a-z run of the folded text, see
        # `folded_words`; `letters` is None when words is)
        words_at = set()
        # (the same reach, read by `re` when the text is ASCII: _REACH_ASCII)
        reach = _REACH_ASCII.match if ascii_text else _compiled().reach
        letters = folded_letters(doc)
        number_keys = self._number_starts._keys
        for first, last in zip(*union):
            reach_end = reach(text, last, hi).end()
            here = letters[first:reach_end].split()
            if number_keys.isdisjoint(here):
                if not self._number_starts._unkeyed_items:
                    continue
                here = ()
            self._number_starts.starts(text, folded, first, reach_end, words_at, frozenset(here))
        starts.update(i for i in words_at if _inside(union, i))
        for place in finditer_at(self._start, text, starts, lo, hi, timeout):
            start = place.start()
            for what, pattern, stretches in shapes:
                if _inside(stretches, start):
                    yield start, what, pattern

    def prepare(self) -> None:
        cue_index(self._cues)

    def check(self, doc, spans, context):
        text = doc.text
        # the shapes are literal phrases of the options in fixed frames, which cannot backtrack
        # without end: they run with no timeout (which costs two clock system calls a match)
        timeout = None
        folded = folded_text(doc)
        words = folded_words(doc) if folded is not None else None
        if self._sourced_story(doc, words):
            return  # a court story, or a study's: its figures are the record's, the study's
        attribution = Attribution(doc, self._cue, context.timeout_for(text), self._cues)
        transcript_from = _transcript_start(doc)
        # a shape whose words the draft lacks cannot match: leave it out for this draft
        anchored = [
            (what, pattern, needs, symbol)
            for (what, pattern), (needs, symbol), gate in zip(self._anchored, self._anchored_needs, self._anchored_gates)
            if folded is None
            or (symbol and symbol in text)
            or (not gate.isdisjoint(words) if gate is not None and words is not None else needs.present(text, folded, words))
        ]
        # with the draft's words known (prefilters on), a shape is tried at a number only when
        # one of its needed words starts within the number's reach (see _REACH)
        gate = words is not None and self._reach_gate
        # no money word in the draft: no sum of money is a claim
        money = words is None or self._money_starts.present(text, folded, words)
        # The finders (scanning shapes, the "verb" tail's verbs) none of whose phrases may occur
        # in the draft (`PhraseStarts.present`, a set operation on the draft's words and a `in`
        # for the few anchors that are no draft word): they find no place in any span, so their
        # shapes are not scanned and their places are known empty. (The money shape is found
        # from its currency symbols by `_scan` itself: testing for them first would read the
        # draft twice where one stands.)
        absent = ()
        if words is not None:
            # (keyed as `_scan`'s `found`, by the finder's id; None: the money shape)
            absent = {
                id(finder)
                for finder, gate in self._finders
                if (gate.isdisjoint(words) if gate is not None else not finder.present(text, folded, words))
            }
        for span_start, span_end in spans:
            candidates = {}
            end = min(span_end, transcript_from)

            # Where a cue covers a figure as it stands (`Attribution.near`: its sentence, or the
            # one before or after it in its paragraph; its sentence alone without `inherit`),
            # `_attributed` finds it sourced unless it is a percentage or a proportion whose
            # respondents speak right after it (`55% of renters say`: the cue may be theirs).
            # Such a figure is not judged as it comes, only put by (`deferred`): it matters only
            # if it would win its sentence over a candidate that is then flagged, which is asked
            # at the end. (Exact: the candidate is the first figure by priority and place that
            # `_is_claim_here` passes. If that is a put-by figure, it is sourced, and no later
            # candidate is flagged: the put-by one before it passes. Else it is the first of the
            # others that passes, flagged as before. A figure is dropped unjudged only when it
            # comes after a candidate, and candidates only move forward.)
            deferred = {}
            respondents = _RESPONDENTS.match
            # (what `_attributed` asks of a figure with no respondents after it, the quote aside)
            covered = attribution.near if self.inherit else (lambda offset: attribution.sentence(doc.sentence_index(offset)))

            def consider(m, what):
                # (a match that would not displace its sentence's candidate needs no judging:
                # `_is_claim` only answers, so asking it first would change nothing)
                index = doc.sentence_index(m.start())
                key = (_PRIORITY[what], m.start())
                if index in candidates and not key < candidates[index][0]:
                    return
                if covered(m.start()) and (
                    what not in _OWN_CUE_KINDS or respondents(text, m.end()) is None
                ):
                    deferred.setdefault(index, []).append((key, m, what))
                    return
                if self._is_claim_here(doc, m, what, words, money):
                    candidates[index] = (key, m.start(), m.end(), what)

            found = dict.fromkeys(absent, _NONE)
            for index, (what, pattern) in enumerate(self._scanning):
                if absent and id(self._scanning_starts[index]) in absent:
                    continue  # (money's finder, None, is no finder's id)
                for m in self._scan(index, pattern, text, folded, span_start, end, timeout, words, found):
                    consider(m, what)
            tries = ()
            if gate and anchored:
                tries = self._gated_tries(anchored, text, folded, words, span_start, end, timeout, doc, found)
            elif anchored:
                tries = (
                    (place.start(), what, tail)
                    for place in self._number_places(text, folded, span_start, end, timeout, words)
                    for what, tail, _, _ in anchored
                )
            numbers = {}  # a place -> the number read there (None: none)
            lowest = self._lowest_priority
            sentence_index = doc.sentence_index
            for start, what, tail in tries:
                if candidates:
                    # (a shape that cannot displace its sentence's candidate, even as the
                    # best kind it may turn out to be, need not be read: see `consider`)
                    held = candidates.get(sentence_index(start))
                    if held is not None and not (lowest[what], start) < held[0]:
                        continue
                if start not in numbers:
                    numbers[start] = self._number.match(text, start, end)
                number = numbers[start]
                if number is None:
                    continue
                m = tail.match(text, number.end(), end)
                if m is not None:
                    if what == "verb":
                        what = next(kind for kind in self._verb_kinds if m.group(kind) is not None)
                    consider(_Found(start, m.end(), number.span("num"), number.group("num")), what)
            for index in sorted(candidates):
                key, start, end, what = candidates[index]
                if self._attributed(doc, attribution, start, end, what):
                    continue
                if self._sentence_rules_out(doc, index, words):
                    continue  # (`_is_claim`'s tests of the whole sentence, asked last)
                if index in deferred and any(
                    other < key and self._is_claim_here(doc, m, kind, words, money) for other, m, kind in deferred[index]
                ):
                    continue  # (that figure wins the sentence, and its cue attributes it)
                yield Hit(start, end, {"what": WHAT[what]})

    def _is_claim(self, doc, m, what, words=None, money=True) -> bool:
        """Is this shape's match a claim that needs a source? `words`: the draft's
        `folded_words` (or None), `money`: whether a money word may be in the draft."""
        return self._is_claim_here(doc, m, what, words, money) and not self._sentence_rules_out(
            doc, doc.sentence_index(m.start()), words
        )

    def _sentence_rules_out(self, doc, index, words) -> bool:
        """The tests of `_is_claim` that read only the figure's sentence (`index`) and the
        draft, never the figure: a court's record (`accused of killing two`) or a fact of history
        (`In 1986, 31 people died`) in the sentence makes none of its figures a claim."""
        start, end = doc.sentences[index]
        if _sentence_holds(doc, _COURT, start, end, words, _compiled()):
            return True
        return _historical(doc, start, end)

    def _is_claim_here(self, doc, m, what, words=None, money=True) -> bool:
        """`_is_claim` but for `_sentence_rules_out`, which `check` asks last, only of a
        sentence whose candidate no cue covers.

        Exact: those tests rule out every figure of the sentence or none, so a sentence they
        rule out gets no candidate either way (no finding), and in any other sentence the two
        answer alike for every figure, so the same candidate wins there."""
        p = _compiled()
        text = doc.text
        num_start, num_end = m.span("num")
        number = m.group("num")
        before = text[max(0, num_start - 24) : num_start]
        if what != "money":
            if len(number) == 4 and number.isdigit() and 1000 <= int(number) <= 2100:
                return False  # a year (1,200 is a count)
            if p.months(before) or p.designators(before) or p.month_after(text, num_end):
                return False  # Feb. 15, the 4 July parade, Flight 17
            if what != "percent" and p.units(text, num_end):
                return False
            if number.lower().startswith("one") and p.no_one(before):
                return False  # "no one was hurt"
        elif p.conversion(text, max(0, num_start - 40), num_start):
            return False  # "$100m (£80m)": a conversion of the sum before it
        elif p.bracket(before):
            return False  # "incomes below $10,000": a bracket, not a sum anyone spent
        if p.threshold(text, num_end) or p.threshold(text, m.end()):
            return False  # "four or more people", "owners of 10% or more", "£50,000 or more"
        sentence_start, sentence_end = doc.sentences[doc.sentence_index(m.start())]
        # (the sentence's intent and vote words: once per sentence)
        if what in _RECORD_KINDS and _sentence_holds(doc, _INTENT, sentence_start, sentence_end, words, p):
            return False
        if what in _RECORD_KINDS and self._record_sentence(doc, sentence_start, sentence_end, words):
            return False  # market data, a price, a company's results: public record
        if what == "proportion" and p.half_of_time(before):
            return False  # "the second half of the year"
        if what == "percent":
            if text[m.end() : m.end() + 1] in ("-", "–"):
                return False  # "an 80%-20% mix": a measure
            nxt = p.percent_next(text, m.end())
            if nxt and nxt.group("word").lower() not in _PERCENT_CLAIM_WORDS:
                return False  # "80% nitrogen", "a 20% tip": a measure or a modifier
        if what in ("percent", "change") and _sentence_holds(doc, _VOTE, sentence_start, sentence_end, words, p):
            return False
        if what == "money" and self._results_story(doc, words):
            return False  # a results story: the company's own figures
        if what in _RECORD_KINDS and self._budget_story(doc, words) and (
            what == "money" or self._names_budget(doc, sentence_start, sentence_end, words)
        ):
            return False  # a budget story: the budget's own figures
        if what == "money" and self._money_context is not None:
            if not money or not self._money_context.search(text, sentence_start, sentence_end):
                return False  # a price, fine, prize or offer: not a claim that needs a source
        # (a court story's or a study's figures, the record's or the study's, are never asked
        # about: `check` reads no figure of such a story; a court's record in the sentence and
        # a fact of history are `_sentence_rules_out`)
        return True

    def _record_sentence(self, doc, start, end, words) -> bool:
        """Does text[start:end] (a sentence) hold a `record_words` phrase? (once per sentence)"""
        cache = doc.__dict__.setdefault("_copydesk_figures", {}).setdefault("record", {})
        found = cache.get(start)
        if found is None:
            found = cache[start] = self._record.holds(doc, start, end, words)
        return found

    def _sourced_story(self, doc, words) -> bool:
        """Does the headline or first body paragraph report a court case, or a study with its
        source (a study word and a cue)? (once per draft)"""

        def reports_case_or_study():
            text = doc.text
            for span in (doc.headline, _lede(doc)):
                if span is None:
                    continue
                if _may_hold_in(doc, _COURT_KEYS, words, span[0], span[1]) and _COURT_WORDS.search(text, span[0], span[1]):
                    return True
                if self._study.holds(doc, span[0], span[1], words) and self._cue_phrases.holds(doc, span[0], span[1], words):
                    return True
            return False

        return _once_a_draft(doc, "sourced-story", reports_case_or_study)

    def _results_story(self, doc, words) -> bool:
        """Does the headline or the first body paragraph speak of results (`results_words`)?
        (once per draft)"""
        return _once_a_draft(doc, "results-story", lambda: any(
            span is not None and self._results.holds(doc, span[0], span[1], words) for span in (doc.headline, _lede(doc))
        ))

    def _budget_story(self, doc, words) -> bool:
        """Does the first body paragraph report a budget (`budget_words`)? Not the headline:
        a label (`Budget passes`) does not say which of the story's sums the budget sets.
        (once per draft)"""

        def lede_names_budget():
            lede = _lede(doc)
            return lede is not None and self._names_budget(doc, *lede, words)

        return _once_a_draft(doc, "budget-story", lede_names_budget)

    def _names_budget(self, doc, start, end, words) -> bool:
        """Does text[start:end] name a budget (`budget_words`, not `over budget`)?"""
        return self._budget_phrases.holds(doc, start, end, words) and self._budget.search(doc.text, start, end) is not None

    def _attributed(self, doc, attribution, start, end=None, what=None) -> bool:
        quote = doc.in_quote(start)
        if quote is not None:
            # a quotation is someone's words: fine when its paragraph, the one it started in,
            # or the paragraph on either side (`She said:`, `..., she added.`) names who said them
            first = doc.paragraph_index(quote.start)
            here = doc.paragraph_index(start)
            for index in (here, first, first - 1, here + 1):
                if 0 <= index < len(doc.paragraphs) and attribution.paragraph(index):
                    return True
        own = None
        if what in ("percent", "proportion") and end is not None:
            speaking = _RESPONDENTS.match(doc.text, end)
            if speaking is not None:
                # "55% of renters say ...": the group speaks; a cue elsewhere may source it
                own = attribution.outside(doc.sentence_index(start), start, speaking.end())
        if not self.inherit:
            return attribution.sentence(doc.sentence_index(start)) if own is None else own
        return attribution.reaches(start, self._continues, self._refers, own)

    def _refers(self, doc, start, end) -> bool:
        """Does text[start:end] point back at figures (`The figures`, `according to`)?"""
        return self._reference is not None and self._reference.search(doc.text, start, end) is not None

    def _continues(self, doc, paragraph_start) -> bool:
        """Does the paragraph starting here continue the one before (`Of those, ...`)?"""
        return self._continuation is not None and self._continuation.match(doc.text, paragraph_start) is not None


class _Compiled:
    """The compiled methods of the module's patterns that `_is_claim` uses on every figure
    (looked up once, not through the lazy stand-ins on every call)."""

    def __init__(self):
        self.months = _MONTHS._get().search
        self.designators = _DESIGNATORS._get().search
        self.month_after = _MONTH_AFTER._get().match
        self.units = _UNITS._get().match
        self.no_one = _NO_ONE._get().search
        self.conversion = _CONVERSION._get().search
        self.bracket = _BRACKET._get().search
        self.threshold = _THRESHOLD._get().match
        self.half_of_time = _HALF_OF_TIME._get().search
        self.percent_next = _PERCENT_NEXT._get().match
        self.court = _COURT_WORDS._get().search
        self.intent = _INTENT_WORDS._get().search
        self.vote = _VOTE_WORDS._get().search
        self.outside_before = _OUTSIDE_BEFORE._get().search
        self.digit = _DIGIT._get().match
        self.reach = _REACH._get().match


@functools.lru_cache(maxsize=1)
def _compiled() -> _Compiled:
    return _Compiled()


_COURT, _INTENT, _VOTE = 0, 1, 2


def _sentence_holds(doc, which, start, end, words, p) -> bool:
    """Does text[start:end] (a sentence) hold a court word (`which` _COURT), an intent word
    (_INTENT) or a vote word (_VOTE)? (once per sentence and draft)"""
    cache = doc.__dict__.setdefault("_copydesk_figures", {}).setdefault("sentence-words", {})
    key = (which, start, end)
    found = cache.get(key)
    if found is None:
        keys, search = ((_COURT_KEYS, p.court), (_INTENT_KEYS, p.intent), (_VOTE_KEYS, p.vote))[which]
        found = cache[key] = _may_hold_in(doc, keys, words, start, end) and search(doc.text, start, end) is not None
    return found


def _historical(doc, start, end) -> bool:
    """Does text[start:end] name a year ten or more years before the latest the draft names?"""
    cache = doc.__dict__.setdefault("_copydesk_figures", {})
    old = cache.get("old-years")
    if old is None:
        # the years of the draft that are ten or more before its latest (once per draft)
        years = {int(y) for y in _years(doc.text, 0, len(doc.text))}
        old = cache["old-years"] = frozenset(y for y in years if y <= max(years) - 10) if years else frozenset()
    if not old:
        return False
    return any(int(y) in old for y in _years(doc.text, start, end))


def _years(text, start, end):
    """_YEAR.findall(text, start, end): `_YEAR` is tried only where `18`, `19` or `20` starts
    (every year starts with one; they cannot overlap, nor years: each place is tried).

    Speed: the places are found with `str.find` (C, memchr-fast), not with a scan for
    `1[89]|20`, which tests a character class at every character (about 50 instructions a
    character). Two of these pairs cannot overlap (a pair's second character, `8`, `9` or `0`,
    starts none), so finding each on its own finds every place a scan finds, and no other;
    they are tried in order, so the years come in the order of the text."""
    places = literal_starts(text, _YEAR_PAIRS, start, end)
    if not places:
        return places
    match = _YEAR.match
    found = []
    for i in places:
        m = match(text, i, end)
        if m is not None:
            found.append(m.group())
    return found


class _Found:
    """A number and the tail of its shape, read as one match (what `_is_claim` asks of one)."""

    __slots__ = ("_start", "_end", "_num", "_number")

    def __init__(self, start, end, num_span, number):
        self._start, self._end, self._num, self._number = start, end, num_span, number

    def start(self):
        return self._start

    def end(self):
        return self._end

    def span(self, group):
        return self._num

    def group(self, group):
        return self._number


def _need_places(needs, symbol, text, folded, lo, hi, words):
    """Sorted places in text[lo:hi] where one of a shape's needed words may start."""
    found = set()
    needs.starts(text, folded, lo, hi, found, words)
    if symbol:
        i = text.find(symbol, lo, hi)
        while i >= 0:
            found.add(i)
            i = text.find(symbol, i + 1, hi)
    return sorted(found)


def _reach_back(text, lo, q) -> int:
    """The first offset in [lo, q] from which q is within reach (see _REACH)."""
    p = _compiled()
    i = q
    while True:
        m = p.outside_before(text, lo, i)
        if m is None:
            return lo
        i = m.start()
        if not (text[i] in ".," and _digit_at(text, i + 1, p)):
            return i + 1


def _digit_at(text, i, p) -> bool:
    """_DIGIT.match(text, i): an ASCII character is a digit when `isdecimal` (`regex`'s Unicode,
    newer than Python's, is asked about the others)."""
    char = text[i : i + 1]
    if char.isascii():
        return char.isdecimal()
    return p.digit(text, i) is not None


def _merge(pairs):
    """Sorted, merged [first, last] stretches, as (firsts, lasts)."""
    firsts, lasts = [], []
    for first, last in sorted(pairs):
        if lasts and first <= lasts[-1] + 1:
            lasts[-1] = max(lasts[-1], last)
        else:
            firsts.append(first)
            lasts.append(last)
    return firsts, lasts


def _inside(stretches, i) -> bool:
    firsts, lasts = stretches
    k = bisect.bisect_right(firsts, i) - 1
    return k >= 0 and i <= lasts[k]


def _once_a_draft(doc, key: str, answer) -> bool:
    """answer(), asked once per draft: kept in the draft under `key` for the rule's later asks
    (a draft's story-wide answers: results, budget, court or study story)."""
    cache = doc.__dict__.setdefault("_copydesk_figures", {})
    found = cache.get(key)
    if found is None:
        found = cache[key] = answer()
    return found


def _lede(doc):
    """`doc.body_paragraphs[0]`, or None when the body has no paragraph."""
    paragraphs = doc.paragraphs
    first = _first_body_paragraph(doc)
    return paragraphs[first] if first < len(paragraphs) else None


_NONE = frozenset()  # a finder's places where it finds none
