"""capitalization: a span of text (a headline, a heading) must be in one letter case.

`match` is `$title` (title case, `style: AP` or `Chicago` for which small words stay lower
case), `$sentence` (sentence case: the first word capitalised, the rest lower case unless
they are proper nouns), `$lower`, `$upper`, or a regular expression the whole text must match.
`exceptions` are words (or patterns) whose case is always right (proper nouns, brand names);
`indicators` are endings of a word after which the next word may be capitalised (`:`);
`threshold` is the share of words that must conform (Vale's default: 0.8).

The newsroom rule built on it (`rules/headlines.yaml`) also takes the draft's own proper
nouns as exceptions: a capitalised word the body uses capitalised mid-sentence is a name.
The functions here (`conforms`, `title_case`) are shared with Vale's `capitalization` rules.
"""

from __future__ import annotations

from typing import Iterator, List, Optional, Sequence

from lint.engine.patterns import lazy_compile, std_compile

from lint.engine.rx import regex
from lint.kinds.base import Kind, OptionError, compile_pattern
from lint.model import Hit

_WORD = lazy_compile(r"[\p{N}\p{L}*]+[^\s]*")
# _WORD on ASCII text, in the standard `re` (a call costs a fraction of a `regex` one): on ASCII,
# \p{N} and \p{L} are 0-9 and A-Za-z, and `regex`'s \s is these five and the space (not
# \x1c-\x1f, which `re` counts); tests/test_generic_fast.py checks it against _WORD
_WORD_ASCII = std_compile(r"[0-9A-Za-z*]+[^\t\n\x0b\x0c\r ]*")

# AP: articles, conjunctions and prepositions of three letters or fewer stay lower case
AP_SMALL = frozenset(
    "a an and as at but by en for if in nor of off on or per so the to up via vs v yet".split()
)
# Chicago: articles, coordinating conjunctions and every preposition stay lower case
CHICAGO_SMALL = AP_SMALL | frozenset(
    "about above across after against along amid among around before behind below beneath beside "
    "besides between beyond despite down during except inside into like near onto opposite out "
    "outside over past since than through throughout till toward towards under underneath unlike "
    "until unto upon versus with within without".split()
)


def title_case(text: str, style: str = "AP") -> str:
    """`text` in title case: every word capitalised but the style's small words, which are
    capitalised only first, last, or after a colon."""
    small = CHICAGO_SMALL if str(style).lower() == "chicago" else AP_SMALL
    words = list(_WORD.finditer(text))
    out = []
    position = 0
    after_colon = False
    for i, m in enumerate(words):
        word = m.group()
        out.append(text[position : m.start()])
        bare = word.lower().strip(".,;:!?\"'’”“()")
        edge = i == 0 or i == len(words) - 1 or after_colon
        if bare in small and not edge:
            out.append(word.lower() if word[:1].isupper() and word[1:].islower() else word)
        elif word[:1].islower():
            out.append(word[:1].upper() + word[1:])
        else:
            out.append(word)
        after_colon = word.endswith(":")
        position = m.end()
    out.append(text[position:])
    return "".join(out)


def _matches(pattern, word: str) -> bool:
    return pattern is not None and pattern.search(word) is not None


def title_conforms(text: str, style: str, exceptions, threshold: float) -> bool:
    expected = [m.group() for m in _WORD.finditer(title_case(text, style))]
    count = words = 0
    for i, m in enumerate(_WORD.finditer(text)):
        word = m.group()
        if i >= len(expected) or word == expected[i] or _matches(exceptions, word) or word == word.upper():
            count += 1
        words += 1
    return words == 0 or count / words > threshold


def sentence_conforms(text: str, indicators: Sequence[str], exceptions, threshold: float) -> bool:
    tokens = _sentence_tokens(text)
    if getattr(exceptions, "pattern", None):
        # an exception of several words counts as one word in its case
        tokens = _join_exceptions(text.rstrip("?!.:"), exceptions) or tokens
    return _tally_conforms(_sentence_tally(tokens, indicators), exceptions, threshold)


def _sentence_tokens(text: str) -> List[str]:
    stripped = text.rstrip("?!.:")
    return (_WORD_ASCII if stripped.isascii() else _WORD).findall(stripped)


# word -> its case, as bits: 1 upper (no lower-case letter), 2 lower (no capital), 4 written
# as a capitalised word (Word), each read on the word up to its first - (else ', else ’):
# a memo of single words (a headline's words recur from draft to draft)
_CASE_BITS: dict = {}


def _case_bits(word: str) -> int:
    bits = _CASE_BITS.get(word)
    if bits is None:
        w = word  # up to the first of these marks there is, tried in this order
        if "-" in w:
            w = w.partition("-")[0]
        elif "'" in w:
            w = w.partition("'")[0]
        elif "’" in w:
            w = w.partition("’")[0]
        bits = (w == w.upper()) | (w == w.lower()) << 1 | (w == w[:1].upper() + w[1:].lower()) << 2
        if len(_CASE_BITS) < 50_000:
            _CASE_BITS[word] = bits
    return bits


def _sentence_tally(tokens: List[str], indicators: Sequence[str]):
    """(how many words, how many are in sentence case whatever the exceptions, [(index, word)]
    of the others: each counts only as an exception; the first of them, when it is the first
    word, fails the headline unless it is one).

    A word is in case when it is in capitals (or has no letters), follows a word ending with
    an indicator, or is an exception; else the first word when capitalised (Word) and any
    later word in lower case. Exceptions only add words in case, so the words decided without
    them stay decided with any: a headline's words are read once for both of `check`'s tests."""
    ends = tuple(indicators)  # str.endswith(tuple): any of them
    count = 0
    undecided = []
    after_indicator = "".endswith(ends)  # (the first word follows nothing: an indicator "" only)
    for i, word in enumerate(tokens):
        bits = _case_bits(word)
        if bits & 1 or after_indicator or (bits & 2 if i else bits & 4):
            count += 1
        else:
            undecided.append((i, word))
        after_indicator = word.endswith(ends)
    return len(tokens), count, undecided


def _tally_conforms(tally, exceptions, threshold: float) -> bool:
    """`sentence_conforms` from a headline's `_sentence_tally` and the exceptions (tokens not
    joined: exceptions without a pattern, or a headline none of whose tokens they join)."""
    words, count, undecided = tally
    if words == 0:
        return True
    search = exceptions.search if exceptions is not None else None
    for i, word in undecided:
        if search is not None and search(word) is not None:
            count += 1
        elif i == 0:
            return False
    return count / words > threshold


def _join_exceptions(text: str, exceptions) -> List[str]:
    """The words of `text`, an exception's whole match standing as one word (`Axon Server`)."""
    combined = regex.compile(f"(?:{exceptions.pattern})|{_WORD.pattern}")
    return [m.group() for m in combined.finditer(text) if m.group().strip()]


def exceptions_pattern(exceptions: Sequence[str]):
    """One pattern for the exception words, longest first, held to word edges."""
    if not exceptions:
        return None
    ordered = sorted({e for e in exceptions if e}, key=len, reverse=True)
    try:
        return regex.compile(r"\b(?:" + "|".join(ordered) + r")\b")
    except regex.error:
        return regex.compile(r"\b(?:" + "|".join(regex.escape(e) for e in ordered) + r")\b")


def conforms(text: str, match: str, style: str = "AP", exceptions=None, indicators: Sequence[str] = (),
             threshold: Optional[float] = None, pattern=None) -> bool:
    """Is `text` in the case `match` asks for?"""
    if match == "$title":
        return title_conforms(text, style, exceptions, 0.8 if threshold is None else threshold)
    if match == "$sentence":
        return sentence_conforms(text, indicators, exceptions, 0.8 if threshold is None else threshold)
    if match == "$lower":
        return text == text.lower() or _matches(exceptions, text)
    if match == "$upper":
        return text == text.upper() or _matches(exceptions, text)
    if pattern is not None:
        return pattern.search(text) is not None or (exceptions is not None and exceptions.fullmatch(text) is not None)
    return True


_CAPITALISED = lazy_compile(r"\p{Lu}[\p{L}\p{N}'’&.-]*")
_SENTENCE_START = lazy_compile(r"(?:^|[.!?:;]|\n)[\"“‘'(\[\s]*$")


def proper_nouns(text: str, skip: int = 0) -> List[str]:
    """Capitalised words the text uses inside a sentence (not as its first word): the names
    the draft itself treats as proper nouns. `skip`: leave out text before this offset (the
    headline being checked)."""
    names = set()
    for m in _CAPITALISED.finditer(text, skip):
        before = text[max(skip, m.start() - 4) : m.start()]
        if m.start() == skip or _SENTENCE_START.search(before):
            continue
        word = m.group().rstrip(".'’-")
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        if len(word) > 1 or word.isupper():
            names.add(word)
    return sorted(names)


class Capitalization(Kind, frozen=True):
    """The headline (or each span of the scope) is in the case `match` names."""

    name = "capitalization"
    default_scope = "headline"
    message_values = ("case", "expected")

    match: str = "$sentence"
    style: str = "AP"
    exceptions: List[str] = ()
    indicators: List[str] = (":",)
    threshold: Optional[float] = None
    # the draft's own proper nouns (capitalised mid-sentence in its body) are exceptions too
    draft_names: bool = True
    # a capitalised word the body never writes in lower case, and not a short word (the, of,
    # with): it may be a name the body does not repeat ("Storm hits Cornwall coast"), so it
    # is not held against the headline; only words the draft itself lower-cases are
    unknown_names: bool = False
    # the house choice (rules/data/house.yaml) that picks the case: `sentence` or `title`
    house: Optional[str] = None
    house_forms: List[str] = ("sentence", "title")

    def __post_init__(self):
        if self.match not in ("$title", "$sentence", "$lower", "$upper"):
            self._set("_pattern", compile_pattern("match", self.match))
        else:
            self._set("_pattern", None)
        if str(self.style).lower() not in ("ap", "chicago"):
            raise OptionError("style", f"style is AP or Chicago, not {self.style!r}")
        if self.threshold is not None and not 0 <= self.threshold <= 1:
            raise OptionError("threshold", "threshold is a share of the words, between 0 and 1")
        # the formal titles before names, compiled with the pack (and kept in the pack cache
        # with it), not on the first headline of every run: the table's YAML and the pattern
        # cost 70 ms, a third of a commit hook's call
        self._set("_titles", _title_pattern() if self.draft_names else None)

    def _match_for(self, context) -> str:
        if self.house:
            choice = (context.house or {}).get(self.house)
            if choice in ("title", "title case", "$title"):
                return "$title"
            if choice in ("sentence", "sentence case", "$sentence"):
                return "$sentence"
        return self.match

    def check(self, doc, spans, context) -> Iterator[Hit]:
        match = self._match_for(context)
        listed = exceptions_pattern(list(self.exceptions)) if self.exceptions else None
        for start, end in spans:
            text = doc.text[start:end].strip()
            if not text:
                continue
            tally = None
            if match == "$sentence" and listed is None:
                # sentence case with no exceptions of the rule's own: the headline's words read
                # once (`_sentence_tally`), the names tried only on the words still out of case
                threshold = 0.8 if self.threshold is None else self.threshold
                tally = _sentence_tally(_sentence_tokens(text), self.indicators)
                if _tally_conforms(tally, None, threshold):
                    continue
            elif conforms(text, match, self.style, listed, self.indicators, self.threshold, self._pattern):
                continue  # most headlines: no need to gather the draft's names
            pending: List[str] = []
            sure, maybe = self._name_parts(doc, text, spans, context, pending)
            names = _WordSet(sure + maybe)
            names.also = listed
            if (_tally_conforms(tally, names, threshold) if tally is not None
                    else conforms(text, match, self.style, names, self.indicators, self.threshold, self._pattern)):
                continue  # (more names only make more words conform: no need for the accented ones)
            if pending:  # the words found among the body's accented names are names too
                accented = _named_accented(pending, doc.text[spans[-1][1] if spans else 0 :])
                if accented:
                    sure = sure + accented
                    names = _WordSet(sure + maybe)
                    names.also = listed
                    if (_tally_conforms(tally, names, threshold) if tally is not None
                            else conforms(text, match, self.style, names, self.indicators, self.threshold, self._pattern)):
                        continue
            case = "title case" if match == "$title" else "sentence case" if match == "$sentence" else match
            if match == "$title":
                expected = title_case(text, self.style)
            else:  # words kept only as possible names are lower-cased in the suggestion
                known = _WordSet(sure) if self.unknown_names else names
                known.also = listed
                expected = _sentence_case(text, known)
            lead = len(doc.text[start:end]) - len(doc.text[start:end].lstrip())
            yield Hit(start + lead, start + lead + len(text), {"case": case, "expected": expected})

    def _name_parts(self, doc, headline: str, spans, context, pending_out=None):
        """(`_names(..., maybe=False)`, what `_names(...)` adds to it), each computed once.

        With a `pending_out` list, the body's accented names are not looked at: the words left
        to look for there go into it (see `_named_accented`)."""
        sure: List[str] = []
        maybe: List[str] = []
        if self.draft_names:
            body = doc.text[spans[-1][1] if spans else 0 :]
            placed = _placed_words(headline)
            found, pending = _named_in_body_found(headline, body, placed)
            sure.extend(found)
            if pending_out is None:
                sure.extend(_named_accented(pending, body))
            else:
                pending_out.extend(pending)
            sure.extend(_titles_before_names(headline, self._titles))
            if self.unknown_names:
                maybe = _maybe_names(headline, body, placed)
        registry = getattr(context, "registry", None)
        if registry is not None:
            sure.extend(_registry_names(registry))
        return sure, maybe

    def _names(self, doc, headline: str, spans, context, maybe: bool = True) -> List[str]:
        """Words always in their right case here: the draft's own proper nouns (and their
        unaccented spellings), formal titles before a name in the headline, the registry's;
        with `maybe`, also the headline's words that may be names the body does not repeat."""
        sure, possible = self._name_parts(doc, headline, spans, context)
        return sure + possible if maybe else sure


class _WordSet:
    """Exceptions as a set of words (a draft's names): `search` like a compiled pattern's,
    without compiling one for every draft."""

    pattern = None

    def __init__(self, words):
        self.words = {w for w in words if w}
        self.also = None  # a rule's own `exceptions` pattern

    def search(self, word: str):
        bare = word.strip(".,;:!?\"'’”“()[]")
        for form in (bare, bare[:-2] if bare.endswith(("'s", "’s")) else None):
            if form and (form in self.words or _fold(form) in self.words):
                return True
        return self.also.search(word) if self.also is not None else None

    fullmatch = search


_TITLE_WORDS = None


def _title_pattern():
    """One pattern for every formal title of rules/data/titles.yaml followed by a name."""
    global _TITLE_WORDS
    if _TITLE_WORDS is None:
        from lint.packs.tables import load_table

        table = load_table("titles") or {}
        phrases = set()
        for ways in (table.get("offices") or {}).values():
            phrases.update(str(w) for w in ways or [])
        phrases.update(str(t) for t in table.get("titles") or [] if isinstance(t, str))
        phrases.update(str(h) for h in table.get("honorifics") or [])
        alternation = "|".join(regex.escape(p) for p in sorted(phrases, key=len, reverse=True))
        _TITLE_WORDS = regex.compile(r"\b(?:" + alternation + r")(?:\s+\p{Lu}[\p{L}'’.-]*){1,3}")
    return _TITLE_WORDS


def _titles_before_names(headline: str, titles=None) -> List[str]:
    """Formal titles written capitalised right before a name in the headline (AP capitalises
    them there: “Prime Minister Akilisi Pohiva”), and the name."""
    titles = titles or _title_pattern()
    return [w for m in titles.finditer(headline) for w in m.group().split()]


def _headline_words(headline: str, first: bool = False, placed=None) -> List[str]:
    """The headline's capitalised words (after its first, unless `first`), as `proper_nouns`
    writes a name; from `_placed_words(headline)` when given (read once for both uses)."""
    if placed is None:
        placed = _placed_words(headline)
    return [word for at, word in placed if at or first]


def _placed_words(headline: str):
    """[(offset, word)]: each capitalised word of the headline, as `proper_nouns` writes a name."""
    out = []
    for m in _CAPITALISED.finditer(headline):
        word = m.group().rstrip(".'’-")
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        out.append((m.start(), word))
    return out


def _found(word: str, text: str, mid_sentence: bool) -> bool:
    """`word` stands whole in `text` (no letter or digit right before or after it; a name's
    `'s` may follow), inside a sentence when `mid_sentence`. Looked up with `str.find` for
    the few words of one headline, not by listing every word of the draft."""
    end = len(word)
    at = text.find(word)
    while at != -1:
        before = text[at - 1] if at else ""
        after = text[at + end : at + end + 1]
        if not (before.isalnum() or (mid_sentence and before in "'’&.-")) and not after.isalnum():
            if not mid_sentence or (at and not _sentence_start(text[max(0, at - 4) : at])):
                return True
        at = text.find(word, at + 1)
    return False


# the `regex` module's \s: the characters `str.isspace` accepts but \x1c-\x1f
# (tests/test_capitalization.py checks every character)
_REGEX_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
_OPENERS_AND_SPACE = "\"“‘'([" + _REGEX_SPACE


def _sentence_start(before: str) -> bool:
    """`_SENTENCE_START.search(before) is not None`, without a call into the `regex` module:
    the pattern matches where the text, its openers and white space stripped from the end
    (`rest`), is empty (`^`) or ends with . ! ? : ; (the mark, then only openers and white
    space), or where a line break stands among what was stripped (the break, then only
    openers and white space: a break is white space itself)."""
    rest = before.rstrip(_OPENERS_AND_SPACE)
    return not rest or rest[-1] in ".!?:;" or "\n" in before[len(rest):]


# a capitalised word with a letter outside ASCII (Jarosław, Côte): few in English copy
_ACCENTED_NAME = lazy_compile(r"(?<![\p{L}\p{N}])\p{Lu}\p{L}*[^\x00-\x7F\P{L}]\p{L}*")


def _named_in_body(headline: str, body: str) -> List[str]:
    """The headline's capitalised words the body writes capitalised inside a sentence: names
    the draft itself treats as proper nouns (an unaccented spelling matches the accented one)."""
    found, pending = _named_in_body_found(headline, body)
    return found + _named_accented(pending, body)


def _named_in_body_found(headline: str, body: str, placed=None):
    """`_named_in_body` in two steps: (the words found by `str.find`, the words left to look
    for among the body's accented names), the second and costlier step being `_named_accented`."""
    found, pending = [], []
    for word in _headline_words(headline, True, placed):  # a first word like SpaceX too
        if len(word) < 2 and not word.isupper():
            continue
        if _found(word, body, True):
            found.append(word)
        elif not word.isascii() and _found(_fold(word), body, True):
            found.append(word)  # "Jarosław" in the headline, "Jaroslaw" in the body
        elif not body.isascii():  # "Jaroslaw" in the headline, "Jarosław" in the body
            pending.append(word)
    return found, pending


def _named_accented(words: List[str], body: str) -> List[str]:
    """The words whose unaccented spelling is one of the body's accented names'."""
    if not words:
        return []
    folded = {_fold(name) for name in _ACCENTED_NAME.findall(body)}
    return [word for word in words if _fold(word) in folded]


def _maybe_names(headline: str, body: str, placed=None) -> List[str]:
    """The headline's capitalised words (after its first) that may be names: neither a short
    word (articles, conjunctions, prepositions) nor a word the body writes in lower case."""
    out = []
    for word in _headline_words(headline, False, placed):
        lower = word.lower()
        if lower in CHICAGO_SMALL or word.isupper() or _found(lower, body, False):
            continue
        out.append(word)
    return out


class _FoldTable(dict):
    """`str.translate` table: each character to its unaccented form, worked out once."""

    def __missing__(self, char: int) -> str:
        import unicodedata

        c = chr(char)
        folded = c if c.isascii() else "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
        folded = folded.replace("ł", "l").replace("Ł", "L")
        self[char] = folded
        return folded


_FOLD = _FoldTable()


def _fold(word: str) -> str:
    if word.isascii():
        return word
    return word.translate(_FOLD)


def _sentence_case(text: str, exceptions) -> str:
    out = []
    position = 0
    for i, m in enumerate(_WORD.finditer(text)):
        word = m.group()
        out.append(text[position : m.start()])
        if i == 0 or word == word.upper() or _matches(exceptions, word):
            out.append(word[:1].upper() + word[1:] if i == 0 else word)
        else:
            out.append(word.lower())
        position = m.end()
    out.append(text[position:])
    return "".join(out)


def _registry_names(registry) -> List[str]:
    names = []
    for person in getattr(registry, "people", None) or []:
        for attr in ("name", "surname", "family"):
            value = getattr(person, attr, None)
            if isinstance(value, str):
                names.extend(value.split())
    return names
