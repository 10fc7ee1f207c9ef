"""said-verb: attribution verbs that editorialize (`noted`, `claimed`, `admitted`, `insisted`).

AP: `said` is neutral; `claimed` casts doubt, `admitted` implies guilt, `noted` and `revealed`
endorse. A verb counts only in an attribution: after a speaker (a name, a pronoun, an official)
and before `that`, a clause with no `that` (`he was`), a comma, a colon, `in a statement`,
`to reporters` or the sentence's end; or right after a closing quote (`”, noted Kirby.`).
`claimed responsibility`, `a noted author` and `was admitted to hospital` are not
attributions and are left alone, and so is an interview transcript's answer (the speaker's own
words, as a quotation is).
"""

from __future__ import annotations

from typing import List

from lint.engine.rx import regex
from lint.kinds.base import Kind, OptionError, literal_pattern
from lint.kinds.newsroom.sourcing_base import ASCII_WORD_CHARS, AskedWords, folded_words, transcript_start
from lint.model import Fix, Hit
from lint.engine.patterns import lazy_compile

# the word before the verb: any word but a passive auxiliary ("was admitted to hospital"),
# "as" ("as noted above") or a determiner ("my notes")
_SPEAKER = (
    r"(?<![\p{L}’'-])(?!(?:was|were|been|be|being|is|are|as|As|my|his|her|their|our|your|its|the|The|"
    r"a|an|these|those|this|that|and|or|all|any|some|no|such|many|both|other|false|earlier|previous)\b)[\p{L}’'-]+"
)
_AFTER = (
    r"(?=\s+that\b|\s*[,:]|\s+in\s+(?:a|an|his|her|their|the|its)\s+\p{L}+|"
    r"\s+to\s+(?:reporters|journalists|the\s+press|the\s+media)\b|"
    # a clause with no `that`: "admitted he was", "insisted they had", "claimed it would"
    # (a pronoun and an auxiliary open a clause; "claimed the title" opens none)
    r"\s+(?:he|she|they|we|I|it|there|you)\s+(?:was|were|is|are|had|has|have|would|will|could|"
    r"should|did|does|do|must|might|can|may)\b|"
    # "noted on Monday that", "claimed on Twitter, ..."; not "Figures revealed on Tuesday show"
    r"\s+on\s+\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)?\s*(?:that\b|[,.:;]))"
)
# "..., he noted." / "..., Kirby noted."
_TAIL_SPEAKER = r"(?:he|she|they|it|we|I|(?:\p{Lu}[\p{L}.’'-]*\s+){0,3}\p{Lu}[\p{Ll}’'-]+)"

# Where a match holding the verb found at v can start (read backwards from v; see _matches):
# the speaker word before `,? spaces` (first shape), or the last `,?!` before v with only
# quote marks, spaces, letters, periods, apostrophes and hyphens after it (the other shapes).
_WORD_BEFORE = lazy_compile(r"[\p{L}’'-]+,?\s+", regex.REVERSE)
# "the insurance claims that were rejected": a relative clause after a plural noun
_RELATIVE_THAT = lazy_compile(
    r"\s+that\s+(?:were|was|are|is|had|have|has|will|would|could|can|may|might|remain|remained|had)\b"
)
_PRONOUNS = frozenset("he she it they we i who which".split())
# things, not speakers: "Figures revealed in a report by the ONS show ..." (a participle)
_THINGS = frozenset(
    "figures details documents data papers files records results emails messages images photos "
    "pictures numbers statistics findings plans accounts minutes notes letters texts".split()
)
_OPENER_BEFORE = lazy_compile(r"[^”\"\s\p{L}.’'\-]", regex.REVERSE)


# what may follow a verb in the pattern's shapes: `\s*[,:.]` (a comma, colon or full stop),
# or white space and then `that`, `in`, `to`, `on`, a clause's pronoun (_AFTER) or a capital
# (`\s+\p{Lu}`)
_AFTER_VERB = (",", ":", ".")
_AFTER_VERB_WORDS = ("that", "in", "to", "on")
# the pronouns that open a clause with no `that` (_AFTER), each a whole word before white space
_CLAUSE_PRONOUNS = ("he", "she", "they", "we", "it", "there", "you")


def _nothing_a_verb_needs(text, end) -> bool:
    r"""Does text[end:] open with nothing any shape needs after its verb (see _AFTER_VERB)? Then
    no match has its verb end there. A character that is not `str.isspace` is not `\s`
    (tests/test_sourcing_fast_paths.py); after one space, a character that is no white space
    opens the next word. True only when sure; an ASCII letter is `\p{Lu}` when upper case."""
    after = text[end : end + 1]
    if after in _AFTER_VERB:
        return False
    if not after.isspace():
        return True  # (also the end of the text)
    if after != " ":
        return False
    nxt = text[end + 1 : end + 2]
    if not nxt:
        return True
    return (
        nxt.isascii()
        and not nxt.isspace()
        and not nxt.isupper()
        and nxt not in _AFTER_VERB
        and not text.startswith(_AFTER_VERB_WORDS, end + 1)
        # (`str.startswith` first, in C: most words after a verb open with no pronoun)
        and not (text.startswith(_CLAUSE_PRONOUNS, end + 1) and _clause_pronoun(text, end + 1))
    )


def _clause_pronoun(text, start) -> bool:
    """Does text[start:] open with one of _CLAUSE_PRONOUNS and white space? (`str.split`
    splits at white space: a word shorter than the stretch has white space after it; the
    longest pronoun, `there`, and one character after it fit in the stretch)"""
    stretch = text[start : start + 6]
    words = stretch.split(None, 1)
    return bool(words) and words[0] in _CLAUSE_PRONOUNS and len(words[0]) < len(stretch)


class SaidVerb(Kind):
    """Options:

    verbs        the loaded attribution verbs (`noted`, `claimed`, ...)
    replacement  the neutral verb the message and fix offer (default `said`)
    nouns_too    verbs that are also plural nouns (`claims`, `notes`): after a lowercase word
                 that is no pronoun, they count only before `that` opening a clause, never
                 before a comma or colon ("insurance claims, which ...", "claims that were")
    """

    name = "said-verb"
    message_values = ("expected",)
    default_scope = "body"

    verbs: List[str] = ()
    replacement: str = "said"
    nouns_too: List[str] = ()

    def __post_init__(self):
        if not self.verbs:
            raise OptionError("verbs", "needs `verbs`, a list of attribution verbs")
        verbs = literal_pattern(list(self.verbs)).replace(r"\ ", r"\s+")
        pattern = (
            rf"{_SPEAKER},?\s+(?P<verb>{verbs}){_AFTER}"
            rf"|[,?!][”\"]?\s+{_TAIL_SPEAKER}\s+(?P<verb>{verbs})\s*\.(?:\s|$)"
            rf"|[,?!][”\"]\s+(?P<verb>{verbs})\s+\p{{Lu}}"
            rf"|[,?!][”\"]\s+(?:\p{{Lu}}[\p{{L}}.’'-]*\s+){{0,3}}(?P<verb>{verbs})\s*[.,]"
        )
        self._set("_pattern", regex.compile(pattern))
        self._set("_nouns_too", frozenset(w.casefold() for w in self.nouns_too))
        # every match holds a verb, so it holds the verb's first word as written; with each
        # first word, that word folded to ASCII bytes when it is all letters (else None)
        first = sorted({v.split()[0] for v in self.verbs if v.split()})
        self._set("_first_words", tuple(first))
        self._set("_first_keys", tuple(
            w.casefold().encode() if w.isascii() and w.isalpha() else None for w in first
        ))
        # (the same, by key: the first words a draft's words leave, with one set operation)
        by_key = {}
        for word, key in zip(first, self._first_keys):
            if key is not None:
                by_key.setdefault(key, []).append(word)
        self._set("_first_by_key", by_key)
        self._set("_first_keyset", AskedWords(by_key))
        self._set("_first_unkeyed", tuple(w for w, key in zip(first, self._first_keys) if key is None))
        # the first words that are whole verbs, no verb going on past them (`noted`, not
        # `pointed` of `pointed out`): what follows one of them is what follows a verb
        multi = {v.split()[0] for v in self.verbs if len(v.split()) > 1}
        self._set("_whole_verbs", frozenset(w for w in first if w not in multi))

    def _matches(self, text, span_start, span_end, timeout, words=None):
        """finditer(self._pattern, text, span_start, span_end), tried only where a match can
        start: each shape's start is fixed by the verb it holds (read backwards from it).

        `words`: the draft's `folded_words`, or None. literal_pattern holds a verb to word
        edges (and its words apart by white space), so a first word the draft lacks as a word,
        or an occurrence glued to an ASCII letter, digit or `_`, holds no verb."""
        starts = set()
        if words is None:
            present = self._first_words
        else:
            by_key = self._first_by_key
            present = [w for key in self._first_keyset.intersection(words) for w in by_key[key]]
            present += self._first_unkeyed
        whole = self._whole_verbs
        for word in present:
            size = len(word)
            v = text.find(word, span_start, span_end)
            while v >= 0:
                if words is not None and (
                    text[v + size : v + size + 1] in ASCII_WORD_CHARS
                    or (v > 0 and text[v - 1] in ASCII_WORD_CHARS)
                ):
                    v = text.find(word, v + 1, span_end)
                    continue
                if word in whole and _nothing_a_verb_needs(text, v + size):
                    v = text.find(word, v + 1, span_end)
                    continue
                m = _WORD_BEFORE.match(text, span_start, v)
                if m is not None:
                    starts.add(m.start())
                m = _OPENER_BEFORE.search(text, span_start, v)
                if m is not None:
                    starts.add(m.start())
                v = text.find(word, v + 1, span_end)
        resume = span_start  # finditer resumes after each match: matches never overlap
        # (no timeout: the verbs are literal phrases in a fixed frame, which cannot backtrack
        # without end, and a timeout costs two clock system calls a match)
        match = self._pattern.match
        for start in sorted(starts):
            if start < resume:
                continue
            m = match(text, start, span_end)
            if m is not None:
                yield m
                resume = m.end()

    def _plural_noun(self, text, m, start, end) -> bool:
        """Is the verb at [start, end) a plural noun ("insurance claims, which ...")?"""
        if text[start:end].casefold() not in self._nouns_too:
            return False
        if _RELATIVE_THAT.match(text, end):
            return True
        before = text[m.start() : start].rstrip(" \t\n,")
        if m.start() == start or not before or before.casefold() in _PRONOUNS:
            return False  # a quote's tail ("”, notes Kirby.") or a pronoun speaker
        # a capital is a name's, unless the word opens the sentence ("Insurance claims, ...")
        opening = text[max(0, m.start() - 3) : m.start()].rstrip(" \t")
        if before[:1].isupper() and opening and opening[-1] not in ".!?”\"\n":
            return False
        return text[end:].lstrip(" \t")[:1] in (",", ":")

    @staticmethod
    def _participle(text, m, start, end) -> bool:
        """"Figures revealed in a report show ...": the verb after a thing, with no `that`,
        comma or colon after it, is a participle, not an attribution."""
        before = text[m.start() : start].rstrip(" \t\n,")
        if m.start() == start or before.casefold() not in _THINGS:
            return False
        return text[end:].lstrip(" \t")[:1] not in (",", ":") and not text[end:].lstrip().startswith("that")

    def check(self, doc, spans, context):
        text = doc.text
        timeout = context.timeout_for(text)
        words = folded_words(doc)
        for span_start, span_end in spans:
            for m in self._matches(text, span_start, span_end, timeout, words):
                start, end = m.span("verb")
                if doc.in_quote(start):
                    continue  # the speaker's own words
                if start >= transcript_start(doc):
                    continue  # an interview's answer: the speaker's own words too
                if self._plural_noun(text, m, start, end):
                    continue
                if self._participle(text, m, start, end):
                    continue
                replacement = self.replacement
                # present tense for present tense: "notes" -> "says"
                if text[end - 1] == "s" and replacement == "said":
                    replacement = "says"
                yield Hit(start, end, {"expected": replacement}, Fix(start, end, replacement, safe=False))
