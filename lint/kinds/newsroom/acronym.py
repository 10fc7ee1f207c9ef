"""acronym: an acronym used but never introduced, at its first use.

Introduced means the draft somewhere gives it with its full name: `Full Name (ABC)`,
`ABC (full name)`, or `full name, or ABC,`. The allow-list holds acronyms AP lets stand on
every reference (FBI, NATO, AIDS, ...). Capitals that are not acronyms stay silent: words
next to other words in capitals (a shouted phrase, `JEFF OK’D`, a headline set in capitals),
a dateline (`WASHINGTON —`), roman numerals (`World War II`), units (`KM`, `MW`) and a
two-letter state or country code after a place name (`Austin, TX`).
"""

from __future__ import annotations

import bisect
import functools
from typing import List

from lint.kinds.base import Kind, OptionError, finditer
from lint.drafts.document import Document, literal_starts
from lint.engine.prefilter import prefilters_enabled
from lint.model import Hit
from lint.engine.patterns import lazy_compile

_TOKEN = lazy_compile(
    r"(?<![\p{L}\p{N}&.’'/-])(?P<acr>\p{Lu}[\p{Lu}&]*\p{Lu})(?:s|’s|'s)?(?![\p{L}\p{N}]|-\p{N}|\.\p{L})"
)
_ROMAN = lazy_compile(r"(?:XL|XC|L?X{0,3})(?:IX|IV|V?I{0,3})")
_CAPS_WORD = lazy_compile(r"\p{Lu}[\p{Lu}’'.&-]*\p{Lu}")
_CAPS_BEFORE = lazy_compile(r"(?<![\p{L}])\p{Lu}[\p{Lu}’'.&-]*\p{Lu}[ \t]+$")
_CAPS_AFTER = lazy_compile(r"(?:s|’s|'s)?[ \t]+\p{Lu}[\p{Lu}’'.&-]*\p{Lu}(?![\p{Ll}])")
_PLACE_BEFORE = lazy_compile(r"\p{Lu}\p{Ll}+,\s*$")
_DATELINE = lazy_compile(r"[\p{Lu}\s.,’'-]*(?:\([A-Z]+\)\s*)?[–—-]")
# a dateline opening a paragraph: RIVERTON —, NORFOLK, Va. —, LONDON (Reuters) -,
# NEW YORK, March 3 (Reuters) -, PARIS, 4 July —, KYIV, Ukraine (AP) —, a story filed from
# two cities: SINGAPORE/LONDON, March 8 (Reuters) -, and a date with its year, as wires and
# other newsrooms write it: STOCKHOLM, March 3, 2026 (Reuters) -, EDMONTON, Alta., July 21,
# 2026 (CP) —
_DATELINE_OPENING = lazy_compile(
    r"\p{Lu}[\p{Lu}’'.-]*(?:(?:[^\S\n]+|[^\S\n]*/[^\S\n]*)\p{Lu}[\p{Lu}’'.-]*)*"
    r"(?:,[^\S\n]+[\p{L}\p{N}][\p{L}\p{N}.’' ]{0,28}?){0,3}"
    r"(?:[^\S\n]*\([\p{L}\p{N} .&’'-]{1,30}\))?[^\S\n]*[–—-]+[^\S\n]"
)
_MEDIA_BEFORE = lazy_compile(
    r"(?i:\b(?:broadcaster|network|channel|station|agency|newspaper|daily|tabloid|magazine|outlet|"
    r"website|television|radio|newswire|wire service))[^\S\n]+$"
)
# a currency written with a country's letters: NZ$26m, HK$ 4bn, A$, C$, US$
_CURRENCY_AFTER = lazy_compile(r"[^\S\n]?[$€£¥]")
_CONNECTOR = r"(?:[\s-]+(?:of|and|for|the|on|in|at|to|de|del|der|du|la|le|des|für|&))*[\s-]+"
# what an introduction looks like: (ABC) after a name, or ABC (full name), or ", or ABC,"
_IN_PARENS = lazy_compile(
    r"[(\[](?:[^()\[\]\n]{0,40}\s)?[“\"]?(\p{Lu}[\p{Lu}&\p{N}-]*\p{Lu})(?:s|’s|'s)?[”\"]?(?:\s+\p{Lu}\p{Ll}+)?\s*[)\]/,;]"
)
# ABC (full name), ABC [full name], ABC union (full name)
_BEFORE = r"(?<![\p{L}])(\p{Lu}[\p{Lu}&]*\p{Lu})(?:s|’s|'s)?\s+(?:\p{Ll}+\s+)?[(\[]{1,2}(?:the\s+)?\p{L}+[\s-]+\p{L}+"
_BEFORE_PARENS = lazy_compile(_BEFORE)
_OR_OPENING = r"(?:,|\bor|\bknown\s+as|\bcalled)\s+(?:the\s+)?[“\"]?"
_OR_NAMED = _OR_OPENING + r"(\p{Lu}[\p{Lu}&]*\p{Lu})[”\"]?(?:\s*[,)]|\s+for\s+short)"
_STANDS_FOR = r"(?<![\p{L}])(\p{Lu}[\p{Lu}&]*\p{Lu})\s+(?:stands|stood|is\s+short)\s+for"
_OR_FORM = lazy_compile(_OR_NAMED + "|" + _STANDS_FOR)
# the same where the second branch cannot match (no "stands", "stood" or "short" in the
# draft): the same matches, found several times faster than with the branch there
_OR_FORM_NAMED = lazy_compile(_OR_NAMED)
_STANDS_FOR_WORDS = ("stands", "stood", "short")
# matches at a place where _BEFORE_PARENS or _OR_FORM can capture an acronym: a match of
# either that starts there, or the opening of an _OR_NAMED match just before it
_CAPTURABLE = lazy_compile(rf"(?<={_OR_OPENING})|{_BEFORE}|{_STANDS_FOR}")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_SINGLE_CAPITALS = frozenset(bytes([c]) for c in range(65, 91))  # b"A" to b"Z"
# characters `_TOKEN`'s lookbehind refuses before a token (ASCII letters and digits, and &.’'/-)
_NO_TOKEN_AFTER = _ASCII_LETTERS | frozenset("0123456789&.’'/-")
_ASCII_UPPER_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ASCII_LETTER_BYTES = _ASCII_UPPER_BYTES + b"abcdefghijklmnopqrstuvwxyz"
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
        # the ASCII ones as bytes, to set aside runs of the draft's bytes (`_flaggable_tokens`)
        self._set("_allow_ascii", frozenset(a.encode("ascii") for a in self._allow if a.isascii()))
        # and the single capitals (most of a draft's runs: a sentence's or a name's first
        # letter), shorter than any acronym looked for: all set aside by one set difference
        self._set("_unwanted_ascii", self._allow_ascii | _SINGLE_CAPITALS)

    def check(self, doc, spans, context):
        text = doc.text
        timeout = context.timeout_for(text)
        # (_TOKEN, a fixed pattern of the module that cannot backtrack without end, runs with no
        # timeout: a timeout costs two clock system calls a call, and this runs once a sentence)
        fast = prefilters_enabled()
        if fast:
            located = self._located(text, spans, doc.utf8, doc)
            if located is not None:
                yield from self._judge_located(doc, text, spans, timeout, *located)
                return
        found_at = {}
        token_finditer = _TOKEN.finditer
        tokens = [(m.group("acr"), m) for start, end in spans for m in token_finditer(text, start, end)]
        needed = {acronym for acronym, m in tokens if len(acronym) >= self.min_length and acronym not in self._allow}
        # found only when needed (many drafts use only allowed acronyms), and only for these
        introduced = None
        lines = {}  # line start -> is the line mostly in capitals
        seen = set()
        for acronym, m in tokens:
            if acronym in seen or len(acronym) < self.min_length:
                continue
            if acronym in self._allow:
                continue
            if introduced is None:
                if fast:
                    introduced = _introduced_among(text, needed, timeout, found_at)
                else:
                    introduced = _introduced(text, timeout)
            if acronym in introduced:
                continue
            start, end = m.span("acr")
            if _ROMAN.fullmatch(acronym):
                continue
            if self._not_an_acronym(doc, text, start, end, acronym, lines):
                continue
            seen.add(acronym)  # this use decides: flagged, or spelled out nearby
            if _spelled_out(text, acronym, timeout):
                continue
            yield Hit(start, end)

    def _judge_located(self, doc, text, spans, timeout, wanted, places):
        """`check`'s findings from the acronyms `_located` lists: the same, acronym by acronym.

        `check` judges an acronym at its tokens in text order, and each judgement reads only
        that acronym, its place and the draft (`lines` keeps what a line's judgement found), so
        each acronym's tokens are judged here on their own, until one decides: an acronym is
        introduced or not whatever other acronyms the draft holds (`_introduced_among`), and
        the findings, one at a place, are given in text order, as `check` gives them. A token
        of an acronym stands at one of its places, so its tokens are the matches there whose
        acronym it is; they are matched only as far as they are read (most acronyms are
        decided at their first token), and not at all after a letter, a digit or one of
        &.’'/- (`_TOKEN`'s lookbehind refuses those)."""
        starts = [start for start, _ in spans]
        token_match = _TOKEN.match
        at = {}  # place -> the token there, (acronym, match), or None

        def tokens_of(acronym):
            for p in places[acronym]:
                if p and text[p - 1] in _NO_TOKEN_AFTER:
                    continue
                token = at.get(p, False)
                if token is False:
                    token = None
                    i = bisect.bisect_right(starts, p) - 1
                    if i >= 0 and p < spans[i][1]:
                        m = token_match(text, p, spans[i][1])
                        if m is not None:
                            token = (m.group("acr"), m)
                    at[p] = token
                if token is not None and token[0] == acronym:
                    yield token[1]

        firsts = {}  # acronym -> (its first token, the rest)
        for acronym in wanted:
            rest = tokens_of(acronym)
            first = next(rest, None)
            if first is not None:
                firsts[acronym] = (first, rest)
        if not firsts:
            return
        introduced = _introduced_among(text, set(firsts), timeout, places)
        lines = {}  # line start -> is the line mostly in capitals
        hits = []
        for acronym, (m, rest) in firsts.items():
            if acronym in introduced or _ROMAN.fullmatch(acronym):
                continue
            while m is not None:
                start, end = m.span("acr")
                if not self._not_an_acronym(doc, text, start, end, acronym, lines):
                    # this use decides: flagged, or spelled out nearby
                    if not _spelled_out(text, acronym, timeout):
                        hits.append((start, end))
                    break
                m = next(rest, None)
        for start, end in sorted(hits):
            yield Hit(start, end)

    def _flaggable_tokens(self, text, spans, data=None, found_at=None, doc=None):
        """The `_TOKEN` matches of the spans whose acronym `check` goes on to judge (not allowed,
        min_length or longer), as (acronym, match) in text order; None when this shortcut does
        not apply (then every match is listed, as without prefilters). `found_at`, when given,
        gets every place of each acronym looked for (`_located`)."""
        located = self._located(text, spans, data, doc)
        if located is None:
            return None
        wanted, places = located
        if found_at is not None:
            found_at.update(places)
        found = {}
        starts = [start for start, _ in spans]
        token_match = _TOKEN.match
        for acronym in wanted:
            for p in places[acronym]:
                if p not in found:
                    i = bisect.bisect_right(starts, p) - 1
                    if i >= 0 and p < spans[i][1]:
                        m = token_match(text, p, spans[i][1])
                        if m is not None:
                            acr = m.group("acr")
                            if acr in wanted:
                                found[p] = (acr, m)
        return [found[p] for p in sorted(found)]

    def _located(self, text, spans, data=None, doc=None):
        """(wanted, places): the acronyms whose tokens `check` may judge (not allowed, min_length
        or longer, standing in the draft as a run of capitals or a piece of one), each with
        every place where it stands (its `str.find` places, in order); None when this shortcut
        does not apply.

        An acronym opens a maximal run of capitals and "&" (its lookbehind allows no letter and
        no "&" before it). It is the run less its trailing "&"s, or ends before an "&" of the
        run: a shorter prefix is followed by a capital, which its lookahead refuses. Without a
        capital letter outside ASCII in the draft, the runs are A-Z and "&" only, read off in
        one bytes pass; with one (among the draft's non-ASCII characters, `_other_capital_runs`),
        the runs holding such capitals are added. `_TOKEN` is tried only where an acronym of these runs
        that is not allowed stands (one more wanted does no harm: a match is kept only if its
        acronym is wanted). A match never starts
        inside another (a token's letters, "&" and "’s" are no place its lookbehind allows), so
        the match at each place is the one `finditer` over its span finds there."""
        if not spans or any(spans[i][1] > spans[i + 1][0] for i in range(len(spans) - 1)):
            return None
        if data is None:
            data = text.encode("utf-8", "surrogatepass")
        if doc is None:
            doc = _Text(text, data)
        shortest = max(2, self.min_length)
        if "&" in text:
            runs = set(data.translate(_AZ_AMP_ONLY).split())
            _acronyms_of_runs(runs, b"&")
            runs.difference_update(self._unwanted_ascii)
        else:
            # (without an "&", the runs of A-Z and "&" are the runs of A-Z: the draft's own set,
            # shared with the other kinds that read its capitals)
            runs = capital_runs(doc) - self._unwanted_ascii
        # (the runs left are two characters or more, ASCII: decoded in one C-level pass)
        wanted = set(map(bytes.decode, runs)) if shortest == 2 else {run.decode("ascii") for run in runs if len(run) >= shortest}
        # (`_punctuation_only` is asked only while the characters beyond ASCII are not read:
        # once the repeated-word kind has read them, a search of them costs less)
        if not text.isascii() and ("beyond_ascii" in vars(doc) or not _punctuation_only(text, data)):
            # Capitals outside ASCII: the runs of [\p{Lu}&] that hold one are read off the text
            # around each of them, and their acronyms wanted too. (The bytes pass read the
            # other runs whole: a run of A-Z and "&" that stops at a non-ASCII character that
            # is no capital stops there in the text too. Where it stopped at such a capital, the
            # piece it read is wanted for nothing more than a few `str.find` calls.)
            others = _other_capital_runs(text, data, doc)
            if "&" in text:
                _acronyms_of_runs(others, "&")
            wanted.update(run for run in others if len(run) >= shortest and run not in self._allow)
        if not wanted:
            return wanted, {}
        # where each acronym stands: every str.find place, in order; with several acronyms,
        # read off the draft's runs of capitals in one pass (`_places_in_runs`) instead of a
        # search through the whole draft for each
        places = (_places_in_runs(text, data, wanted)
                  if len(wanted) >= (_INDEX_FROM if text.isascii() else _INDEX_FROM_OTHER) else {})
        for acronym in wanted:
            if acronym not in places:
                found = places[acronym] = []
                p = text.find(acronym)
                while p >= 0:
                    found.append(p)
                    p = text.find(acronym, p + 1)
        return wanted, places

    def _not_an_acronym(self, doc, text, start, end, acronym, lines) -> bool:
        # part of a proper name or a designator: Windows XP, Texas A&M, NT News, HR 6819, @POTUS
        if _NAME_BEFORE.search(text, max(0, start - 40), start) or _NAME_AFTER.match(text, end):
            return True
        if start > 0 and text[start - 1] in "@#":
            return True
        if _CURRENCY_AFTER.match(text, end):
            return True
        # a word shouted in a live commentary or a quotation: "GOAL!", "HOWZAT!"
        if text.startswith("!", end):
            return True
        # a news organisation named after what it is: "broadcaster NRK", "news agency ISNA",
        # "the news network RTHK" (its spelled-out name, often in another language, tells a
        # reader less than the descriptor does)
        if _MEDIA_BEFORE.search(text, max(0, start - 30), start):
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
        # a shouted word inside a quotation, spelled like a word ("TOGETHER", "NEVER"), or any
        # capitals in a quotation that is mostly capitals ("GET OUT NOW")
        quote = doc.in_quote(start) if any(m in text for m in "“\"") else None
        if quote is not None:
            if len(acronym) >= 4 and sum(c in _VOWELS for c in acronym) >= 0.25 * len(acronym):
                return True
            if _mostly_capitals(text[quote.start : quote.end]):
                return True
        # a speaker's initials opening an interview answer: "MS Although we used ..."
        paragraph_start = doc.paragraphs[doc.paragraph_index(start)][0]
        if start == paragraph_start and len(acronym) <= 3 and _LABEL_AFTER.match(text, end):
            return True
        # a line mostly in capitals (worked out once per line)
        line_start = text.rfind("\n", 0, start) + 1
        shouted = lines.get(line_start)
        if shouted is None:
            line_end = text.find("\n", end)
            shouted = lines[line_start] = _mostly_capitals(text[line_start : line_end if line_end >= 0 else len(text)])
        if shouted:
            return True
        # a dateline: WASHINGTON — / BAGHDAD (AP) — / NORFOLK, Va. — / LONDON (Reuters) -
        paragraph = doc.paragraphs[doc.paragraph_index(start)]
        if start - paragraph[0] < 40:
            if _DATELINE.match(text, end):
                return True
            dateline = _DATELINE_OPENING.match(text, paragraph[0], min(paragraph[1], paragraph[0] + 80))
            if dateline and dateline.end() > end:
                return True
        # Austin, TX
        if len(acronym) == 2 and _PLACE_BEFORE.search(text, max(0, start - 30), start):
            return True
        return False


# how many acronyms a draft must want before their places are read off its runs of capitals
# (`_places_in_runs`: about two or three searches through the draft, against one an acronym)
_INDEX_FROM = 3
# the same for a draft with characters outside ASCII, whose one pass first encodes the text to
# one byte a character (about as much again as the translate): a `str.find` loop an acronym
# is cheaper up to about five of them
_INDEX_FROM_OTHER = 6
# bytes.translate tables marking A-Z (and "&") as "A", every other byte a space
_AZ_MARK = bytes(65 if 65 <= c <= 90 else 32 for c in range(256))
_AZ_AMP_MARK = bytes(65 if 65 <= c <= 90 or c == 38 else 32 for c in range(256))


def _places_in_runs(text: str, data: bytes, wanted) -> dict:
    """{acronym: its places}, for the acronyms of `wanted` made of A-Z and "&" only: every
    offset where text.find finds it, in order (what a `str.find` loop lists).

    Such an acronym, two characters or more, stands only inside a maximal run of two or more
    of these characters, and every place of it inside such a run is one. The runs are read off
    the draft in one byte a character (its ASCII bytes, or the text encoded to ASCII with "?" for
    each other character: the same offsets, and no "?" is one of them), marked by
    one translate; each run's text is looked at once for every acronym it holds."""
    amp = "&" in text
    allowed = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ&" if amp else "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    mine = [a for a in wanted if allowed.issuperset(a)]
    places = {a: [] for a in mine}
    if not mine:
        return places
    if text.isascii():
        one_byte = data  # (UTF-8 of ASCII text is the text, a byte a character)
    else:
        one_byte = text.encode("ascii", "replace")
    marks = one_byte.translate(_AZ_AMP_MARK if amp else _AZ_MARK)
    find = marks.find
    held = {}  # a run's text -> [(acronym, offset in the run)]
    i = find(b"AA")  # (the first place of two marks after a space, or at 0: a run's start)
    while i >= 0:
        j = find(b" ", i)
        if j < 0:
            j = len(marks)
        run = text[i:j]
        inside = held.get(run)
        if inside is None:
            inside = held[run] = []
            for acronym in mine:
                k = run.find(acronym)
                while k >= 0:
                    inside.append((acronym, k))
                    k = run.find(acronym, k + 1)
        for acronym, k in inside:
            places[acronym].append(i + k)
        i = find(b"AA", j)
    return places


# bytes.translate table keeping A-Z and "&", every other byte a space
_AZ_AMP_ONLY = bytes(c if 65 <= c <= 90 or c == 38 else 32 for c in range(256))
# the same keeping A-Z only
_ONLY_AZ = bytes(c if 65 <= c <= 90 else 32 for c in range(256))


def capital_runs(doc) -> set:
    """The set of the draft's runs of A-Z (as bytes), once per draft, for the kinds that read
    its capitals (acronyms, desk notes, and existence through `draft_capitals`). A run of A-Z in
    the draft's UTF-8 is a run of A-Z in its text: no byte of a non-ASCII character is one of
    them."""
    cache = doc.__dict__
    runs = cache.get("_copydesk_capital_runs")
    if runs is None:
        runs = cache["_copydesk_capital_runs"] = set(doc.utf8.translate(_ONLY_AZ).split())
    return runs


def draft_capitals(doc) -> bytes:
    """The draft's runs of A-Z joined by single spaces, each once, once per draft: a run of A-Z
    of a string found in the draft stands inside one of them (its readers ask only that, so
    neither order nor repeats matter)."""
    cache = doc.__dict__
    caps = cache.get("_copydesk_capitals")
    if caps is None:
        caps = cache["_copydesk_capitals"] = b" ".join(capital_runs(doc))
    return caps


class _Text:
    """A stand-in document for `_flaggable_tokens` called with a text alone (tests)."""

    beyond_ascii = Document.beyond_ascii  # (the Document's own, read off `utf8`, kept once read)

    def __init__(self, text, data):
        self.text = text
        self.utf8 = data
_ASCII_BYTES = bytes(range(128))


def _punctuation_only(text: str, data: bytes) -> bool:
    """Are the draft's non-ASCII characters all U+2000-U+203F (curly quotes, dashes, ellipses,
    bullets: no letter), as in most drafts in English? `data` is `text` in UTF-8, where each of
    them is 0xE2 0x80 and one more byte, so it takes two bytes more than in `text`, and every other
    non-ASCII character at least one more; "\xe2\x80" stands only at the start of one of them
    (0xE2 only opens a character, 0x80 only goes on one). One count over the bytes, cheaper than
    `_other_capital_runs`' translate."""
    return len(data) - len(text) == 2 * data.count(b"\xe2\x80")


def _acronyms_of_runs(runs: set, amp) -> None:
    """In place: each run holding an "&" (`amp`, as str or bytes) replaced by the acronyms it
    can hold (see `Acronym._flaggable_tokens`): none when it opens with "&", else the run less
    its trailing "&"s and each prefix ending before an "&" that follows a capital."""
    for run in [run for run in runs if amp in run]:
        runs.discard(run)
        if run[:1] == amp:
            continue
        runs.add(run.rstrip(amp))
        runs.update(run[:k] for k in range(1, len(run)) if run[k : k + 1] == amp and run[k - 1 : k] != amp)


_CAPITAL = lazy_compile(r"\p{Lu}")


@functools.lru_cache(maxsize=10000)  # per character: a few hundred distinct ones in a run
def _in_capital_run(c: str) -> bool:
    """Is `c` in `_TOKEN`'s runs: "&" or a capital letter (\\p{Lu})?"""
    return c == "&" or _CAPITAL.fullmatch(c) is not None


def _other_capital_runs(text: str, data: bytes, doc=None) -> set:
    """The maximal runs of capitals (\\p{Lu}) and "&" in text that hold a capital outside
    ASCII (none in most drafts). Such capitals are found among the draft's non-ASCII characters
    (its UTF-8 with the ASCII bytes deleted: whole characters, decoded; each distinct one asked
    once), each place with `str.find`, and the run around it read out character by
    character."""
    # (the draft's own, `doc`: shared with the repeated-word kind, which reads them too)
    others = data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass") if doc is None else doc.beyond_ascii
    runs = set()
    if _CAPITAL.search(others) is None:
        # no capital among them (most drafts: accented small letters, symbols, another
        # script's caseless letters): one C-level search instead of a set of every character
        return runs
    n = len(text)
    for capital in set(others):
        if not _in_capital_run(capital):
            continue
        i = text.find(capital)
        while i >= 0:
            start = i
            while start and _in_capital_run(text[start - 1]):
                start -= 1
            end = i + 1
            while end < n and _in_capital_run(text[end]):
                end += 1
            runs.add(text[start:end])
            i = text.find(capital, end)  # (a later place inside this run is in this run)
    return runs


def _mostly_capitals(text: str) -> bool:
    """More than 0.6 of its letters (str.isalpha) in capitals (str.isupper)?

    Counted in two parts, which add up to the counts over every character: its ASCII
    characters as bytes (A-Z and a-z are the ASCII letters, A-Z the capitals among them: deleting
    them, C-level passes), and its other characters one by one (as few as a draft in English
    has curly quotes and dashes)."""
    data = text.encode("ascii", "ignore")  # (the ASCII characters, in order)
    letters = len(data) - len(data.translate(None, _ASCII_LETTER_BYTES))
    upper = len(data) - len(data.translate(None, _ASCII_UPPER_BYTES))
    if len(data) < len(text):
        others = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
        alpha = list(filter(str.isalpha, others))
        letters += len(alpha)
        upper += sum(map(str.isupper, alpha))
    return bool(letters) and upper > 0.6 * letters


def _spelled_out(text: str, acronym: str, timeout) -> bool:
    """Is the acronym used soon after the words it stands for, capitalised, in the same
    paragraph or one of the next two (the University of Southern Indiana. USI's gallery; my Pre
    University Course, PUC), or just before them (OECD [(Organisation for ...)])? The reader
    then sees what it is, brackets or not (AP avoids the brackets). A full name paragraphs
    away is no introduction. Only the text around the acronym's first uses is read."""
    letters = "".join(c for c in acronym if c.isalpha())
    if not 2 <= len(letters) <= 7 or not letters.isupper():
        return False
    p = text.find(acronym)
    for _ in range(_USES):
        if p < 0:
            return False
        # the same paragraph or the _PARAGRAPHS before it, at most _AFTER characters back (the
        # Federal Emergency Management Agency ... FEMA said: AP's way)
        low = max(0, p - _AFTER)
        cut = p
        for _ in range(_PARAGRAPHS + 1):
            cut = text.rfind("\n\n", low, cut)
            if cut < 0:
                break
        if cut >= 0:
            low = cut
        if _names_with(text, low, p, letters, timeout, lambda start, end: True):
            return True
        # just before its name: OECD [(Organisation for Economic Co-operation ...)]
        end = p + len(acronym)
        paragraph_end = text.find("\n\n", end)
        high = min(len(text), end + _NEAR + 120, paragraph_end if paragraph_end >= 0 else len(text))
        if _names_with(text, end, high, letters, timeout, lambda start, _: start - end <= _NEAR):
            return True
        p = text.find(acronym, p + 1)
    return False


_USES = 3  # how many of an acronym's first uses are looked at
_NEAR = 40  # characters: how close before its full name an acronym reads as introduced
_AFTER = 1500  # characters after the full name (and no further than _PARAGRAPHS paragraphs on)
_PARAGRAPHS = 2
_NAME_WORD = r"\p{Lu}[\p{Ll}’'][\p{L}’'-]*"
_NAME_RUN = lazy_compile(rf"(?<![\p{{L}}]){_NAME_WORD}(?:{_CONNECTOR}{_NAME_WORD})+(?![\p{{L}}])")
_NAME_WORDS = lazy_compile(_NAME_WORD)


def _names_with(text: str, start: int, end: int, letters: str, timeout, where) -> bool:
    """Is there, in text[start:end], a run of capitalised words (joined by spaces, hyphens or
    small words: of, and, for, the...) whose initials include `letters` in a row, at a place
    `where(name_start, name_end)` accepts?"""
    for letter in set(letters):
        # a letter no word there begins: the initials are the first letters of `_NAME_WORD`s,
        # each a capital followed by a small letter (\\p{Ll}, which `str.islower` calls small)
        # or an apostrophe, both inside text[start:end]; its few places are looked at
        i = text.find(letter, start, end)
        while i >= 0:
            if i + 1 < end and (text[i + 1].islower() or text[i + 1] in "’'"):
                break
            i = text.find(letter, i + 1, end)
        else:
            return False
    for m in finditer(_NAME_RUN, text, start, end, timeout):
        run = m.group()
        if not all(letter in run for letter in letters):
            continue  # (each letter begins a word of the run that has them as initials)
        words = list(_NAME_WORDS.finditer(text, m.start(), m.end()))
        initials = "".join(w.group()[0] for w in words)
        i = initials.find(letters)
        while i >= 0:
            if where(words[i].start(), words[i + len(letters) - 1].end()):
                return True
            i = initials.find(letters, i + 1)
    return False


def _introduced_among(text, needed, timeout, found_at=None) -> set:
    """What `_introduced` finds, as far as the acronyms of `needed` go (for them the answer is
    the same; of the others it may hold some), looking only near where they stand.

    An acronym is introduced when some match of a pattern, in a search over the whole draft,
    captures it; the capture is one of the places the acronym stands (found with str.find), so
    it is inside that match.

    `_IN_PARENS` matches start at an opening bracket and hold no other one: the match holding a
    place can only start at the nearest opening bracket before it, and matches at different
    brackets never overlap, so whether a bracket starts one does not depend on the rest of the
    draft.

    `_BEFORE_PARENS` and `_OR_FORM` matches never hold a ".": cut at each ".", the draft falls
    into sentences no match crosses, and a search over the whole draft finds in each sentence
    what a search of that sentence alone finds (lookbehinds and `\b` at its start see the same
    "." either way; a sentence is searched with its closing ".", so the pattern sees where it
    stops). A sentence is searched only when one of its places could be captured there: a match
    of `_BEFORE_PARENS` or `_STANDS_FOR` starts at the place, or the opening of an `_OR_NAMED`
    match ends there (`_CAPTURABLE`).

    No pattern captures an acronym right after a letter (a lookbehind, a bracket, white space
    or a quotation mark comes first), so places after an ASCII letter ("DOWN" for "WN") are
    left out."""
    # every opening bracket, in order: the last one before a place is found by bisection (the
    # same as the later of text.rfind("(", 0, i) and text.rfind("[", 0, i), without reading
    # back through the draft from each place)
    openings = literal_starts(text, "([")
    introduced = set()
    brackets = set()
    sentences = set()
    for acronym in sorted(needed):  # the order changes nothing: the answer is a union
        if acronym in introduced:
            continue
        found = found_at.get(acronym) if found_at else None  # (every place of the acronym)
        if found is None:
            found = literal_starts(text, (acronym,))
        places = [i for i in found if not (i and text[i - 1] in _ASCII_LETTERS)]
        for i in places:
            before = bisect.bisect_left(openings, i)
            bracket = openings[before - 1] if before else -1
            if bracket >= 0 and bracket not in brackets:
                brackets.add(bracket)
                m = _IN_PARENS.match(text, bracket)  # (fixed, bounded: no timeout needed)
                if m:
                    introduced.update(g for g in m.groups() if g)
        for i in places:
            if acronym in introduced:
                break
            if not _CAPTURABLE.match(text, i):  # (fixed, bounded: no timeout needed)
                continue
            end = text.find(".", i)
            sentence = (text.rfind(".", 0, i) + 1, end + 1 if end >= 0 else len(text))
            if sentence in sentences:
                continue
            sentences.add(sentence)
            # (`_STANDS_FOR` matches inside the sentence searched, so its words are looked for
            # there, not in the whole draft)
            or_form = (_OR_FORM if any(text.find(word, *sentence) >= 0 for word in _STANDS_FOR_WORDS)
                       else _OR_FORM_NAMED)
            for pattern in (_BEFORE_PARENS, or_form):
                for m in finditer(pattern, text, *sentence, timeout):
                    introduced.update(g for g in m.groups() if g)
    return introduced


def _introduced(text, timeout) -> set:
    """Every acronym the draft introduces (with its full name), anywhere in it."""
    introduced = set()
    stands = any(word in text for word in _STANDS_FOR_WORDS)
    for pattern in (_IN_PARENS, _BEFORE_PARENS, _OR_FORM if stands else _OR_FORM_NAMED):
        for m in finditer(pattern, text, 0, len(text), timeout):
            introduced.update(g for g in m.groups() if g)
    return introduced
