"""What the sourcing kinds share: cue-word patterns built once, and attribution lookups.

A sentence "carries" an attribution when a cue (`said`, `told`, `according to`, ...) stands in
it. Kinds ask through `Attribution`, which caches the answer per sentence for one draft, so a
draft with many figures still costs one search per sentence at most.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import threading
from typing import Dict, FrozenSet, Iterable, Optional, Set, Tuple

from lint.engine.rx import regex
from lint.kinds.base import literal_pattern, matches_at, search
from lint.engine.prefilter import prefilters_enabled
from lint.engine.patterns import lazy_compile, lazy_compile_all


@functools.lru_cache(maxsize=64)
def phrases_pattern(phrases: Tuple[str, ...], ignorecase: bool = True):
    """One compiled alternation of literal phrases at word edges (cached by the phrase list)."""
    flags = regex.IGNORECASE if ignorecase else 0
    return regex.compile(_phrases_source(phrases), flags)


def _phrases_source(phrases) -> str:
    # a phrase's inner spaces match any run of white space ("according\nto")
    return literal_pattern(list(phrases)).replace(r"\ ", r"\s+")


class Attribution:
    """Per-draft cache: does sentence i (or paragraph j) hold an attribution cue?

    `cues`: the literal phrases `cue_pattern` was built from (`phrases_pattern(cues)`), or None.
    With them (and prefilters on), a sentence is searched only for the cues whose words it holds,
    each with its own small pattern, instead of with the whole alternation (much slower: it
    tries every cue at every offset).
    """

    def __init__(self, doc, cue_pattern, timeout: float, cues: Optional[Tuple[str, ...]] = None):
        self.doc = doc
        self.cue = cue_pattern
        # Literal phrases (`phrases_pattern`: an alternation of escaped words, white space
        # between them `\s+` followed by a literal, word edges as lookarounds) cannot backtrack
        # without end: at each offset a phrase costs its length and the white space runs it
        # crosses. With `cues`, no search runs with a timeout, whose clock costs about 4 µs a
        # call, and a draft asks about most of its sentences.
        self.timeout = None if cues is not None else timeout
        self._sentences: Dict[int, bool] = {}
        self._paragraphs: Dict[int, bool] = {}
        self._folded = None
        self._index = None
        if cues is not None and folded_words(doc) is not None:
            self._folded = folded_letters(doc)  # (its a-z runs are the folded text's)
            self._index = cue_index(tuple(cues))

    def _holds_cue(self, start: int, end: int) -> bool:
        """search(self.cue, text, start, end) is not None."""
        if self._index is None:
            if self.timeout is None:
                return self.cue.search(self.doc.text, start, end) is not None
            return search(self.cue, self.doc.text, start, end, self.timeout) is not None
        # Exact: the alternation matches in [start, end) where one of its phrases does (each
        # alternative holds its own word edges), and a phrase's a-z words, folded, are whole
        # a-z runs of the folded stretch (see `folded_words`): a phrase that lacks one of them
        # there cannot match there.
        anchors, by_anchor, wordless = self._index
        words = frozenset(self._folded[start:end].split())
        text = self.doc.text
        # (the patterns of `cue_index`: literal phrases, no timeout, see __init__)
        for anchor in anchors.intersection(words):
            for needed, pattern in by_anchor[anchor]:
                if needed <= words and pattern.search(text, start, end) is not None:
                    return True
        return any(pattern.search(text, start, end) is not None for pattern in wordless)

    def sentence(self, index: int) -> bool:
        found = self._sentences.get(index)
        if found is None:
            found = self._sentences[index] = self._holds_cue(*self.doc.sentences[index])
        return found

    def paragraph(self, index: int) -> bool:
        found = self._paragraphs.get(index)
        if found is None:
            found = self._paragraphs[index] = self._holds_cue(*self.doc.paragraphs[index])
        return found

    def near(self, offset: int, own: Optional[bool] = None) -> bool:
        """A cue in the sentence holding `offset`, or in the sentence just before or after it
        inside the same paragraph (`Ten died. Police said the blast ...`). `own`: whether
        the sentence itself counts as attributed, when the caller knows better (None: ask)."""
        doc = self.doc
        index = doc.sentence_index(offset)
        if self.sentence(index) if own is None else own:
            return True
        paragraph = doc.paragraph_index(offset)
        for other in (index - 1, index + 1):
            if 0 <= other < len(doc.sentences):
                if doc.paragraph_index(doc.sentences[other][0]) == paragraph and self.sentence(other):
                    return True
        return False

    def outside(self, index: int, lo: int, hi: int) -> bool:
        """A cue in sentence `index` outside text[lo:hi] (`55% of renters say ...`: the
        renters' `say` is part of the claim, not its source)."""
        start, end = self.doc.sentences[index]
        return (start < lo and self._holds_cue(start, lo)) or (hi < end and self._holds_cue(hi, end))

    def reaches(self, offset: int, continues=None, refers=None, own: Optional[bool] = None) -> bool:
        """Attribution as a reader takes it: `near`; or a cue in the first sentence of the next
        paragraph, after the lede, or, further down, when that sentence points back at the
        figures (`refers(doc, start, end)`: `The figures, from the statistics office, ...`,
        `..., according to the council`); or a cue in the paragraph before when this one
        continues it (`continues(doc, paragraph_start)`: `Of those, ...`). `own`: as for `near`."""
        if self.near(offset, own):
            return True
        doc = self.doc
        paragraphs = doc.paragraphs
        paragraph = doc.paragraph_index(offset)
        if paragraph + 1 < len(paragraphs):
            index = doc.sentence_index(paragraphs[paragraph + 1][0])
            if self.sentence(index):
                body = doc.body_paragraphs
                if (body and paragraphs[paragraph] == body[0]) or refers is None or refers(doc, *doc.sentences[index]):
                    return True
        if paragraph > 0 and continues is not None and continues(doc, paragraphs[paragraph][0]):
            return self.paragraph(paragraph - 1)
        return False


@functools.lru_cache(maxsize=16)
def cue_index(cues: Tuple[str, ...]):
    """For `Attribution`: (the anchor words, anchor -> [(the phrase's a-z words, its own
    pattern)], the patterns of phrases with no a-z word). A phrase's anchor is its longest
    a-z word, folded."""
    by_anchor: Dict[bytes, list] = {}
    wordless = []
    phrases = sorted(set(cues))
    # (phrases_pattern((cue,)) each, compiled at first use and kept in the compiled-pattern
    # cache: compiling ~100 cue patterns would cost each run more than they save. They are
    # tried in the order of a set's members, which differs from process to process: the
    # first one a process lacks compiles all it lacks, `lazy_compile_all`)
    patterns = lazy_compile_all([(_phrases_source((cue,)), regex.IGNORECASE) for cue in phrases])
    for cue, pattern in zip(phrases, patterns):
        needed = az_words(cue.casefold())
        if not needed:
            wordless.append(pattern)
            continue
        anchor = max(sorted(needed), key=len)
        by_anchor.setdefault(anchor, []).append((needed, pattern))
    return AskedWords(by_anchor), by_anchor, tuple(wordless)


# ---- trying a pattern only where it can start --------------------------------------------


def folded_text(doc) -> Optional[str]:
    """The draft's text case-folded, when folding keeps every offset (else None), once per draft.

    Where `regex` matches an ASCII letter case-insensitively, the text's character folds to
    that letter (simple folding; a character with a longer full folding, such as `ß` or `İ`,
    changes the length and turns this off), but for the dotless `ı`: `(?i)I` matches it, and
    it folds to itself, so it is made `i` here, as `prefilter_fold` makes it (a house pack's
    "(?i)Interior ministry" would otherwise never be tried at "ınterior ministry"). So a
    phrase matched with (?i) at an offset is found at the same offset of the folded text by a
    plain `str.find` of the folded phrase.
    """
    cache = doc.__dict__.setdefault("_copydesk_folded", {})
    if "text" not in cache:
        text = doc.text
        if text.isascii() or ("\u0130" not in text and "\u0131" not in text and "\u0307" not in text):
            # (the draft's prefilter folding, computed once for the literal prefilters, is
            # `casefold()` itself when the text holds none of these: see `_FOLD_DIFFERS`)
            folded = doc.folded_text
        else:
            folded = text.casefold().replace("\u0131", "i")
        cache["text"] = folded if len(folded) == len(text) else None
    return cache["text"]


# the characters whose case folding holds a combining dot above or a dotless i: only in a
# text with one of them does `Document.folded_text` (`prefilter_fold`) differ from `casefold()`
_FOLD_DIFFERS = ("\u0130", "\u0131", "\u0307")


# every byte that is not a-z becomes a space: what is left, split, is the draft's a-z words
_NOT_AZ = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


def az_words(folded: str) -> FrozenSet[bytes]:
    """The maximal runs of a-z in already case-folded text, as ASCII bytes (non-ASCII
    characters become `?`, then a space, like every other non-letter): a draft's words for
    `folded_words`, and the words a phrase needs for the checks that compare the two."""
    return frozenset(folded.encode("ascii", "replace").translate(_NOT_AZ).split())


ASCII_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


# every word some kind asks `folded_words` about (the union of every `AskedWords`): `_asked`,
# and the AskedWords made since it was last brought up to date (`asked_words`)
_asked: FrozenSet[bytes] = frozenset()
_pending: list = []
_pending_lock = threading.Lock()


class AskedWords(frozenset):
    """Words (a-z runs, folded, as ASCII bytes) a kind asks the draft's `folded_words` about.

    `folded_words` holds only the draft's words that some `AskedWords` holds: every set of
    words compared with it must be one of these (or hold only words one of these holds).
    Making one registers its words, also when it is unpickled with its rule (a frozenset
    pickles as a call of its class with its items).

    Registering is a list append: the union is taken once, when `folded_words` next asks
    (`asked_words`). Reading the pack cache makes about 620 of them, and merging each into
    the union as it came (a copy of the whole union, 850 words, each time) cost about 4 of the
    83 million instructions the cache took to read (valgrind), in every run before its first
    draft."""

    __slots__ = ()

    def __new__(cls, words=()):
        self = super().__new__(cls, words)
        _pending.append(self)
        return self


def asked_words() -> FrozenSet[bytes]:
    """Every word some kind asks `folded_words` about; the same set (`is`) until an
    AskedWords with a word it lacks is made."""
    global _asked
    if _pending:
        with _pending_lock:  # (a language server's worker thread may make rules meanwhile)
            batch = _pending[:]
            del _pending[: len(batch)]  # (one made since the copy stays for the next call)
            union = _asked.union(*batch)
            if len(union) != len(_asked):
                _asked = union
    return _asked


def folded_words(doc) -> Optional[FrozenSet[bytes]]:
    r"""The maximal runs of a-z in the draft's folded text (as ASCII bytes) that some kind asks
    about (`AskedWords`), once per draft; None when folding moved offsets or prefilters are off.

    A phrase held to word edges (`(?<![\w])`, `(?![\w])`, or white space between its words)
    stands between characters that are not `\w`; none of those folds to a-z (checked over all
    of Unicode in tests/test_fast_paths.py), so each of its all-letter words, folded, is one of
    these runs: a word missing here cannot be matched, in any case, anywhere in the draft.

    Speed: only the asked words are kept (an intersection with the draft's ~700 words, not a
    set of all of them); a question about an asked word gets the answer the whole set gives.
    """
    cache = doc.__dict__.setdefault("_copydesk_folded", {})
    asked = asked_words()
    if cache.get("asked") is not asked:
        if "letters" not in cache:
            folded = folded_text(doc)
            letters = None
            if folded is not None and prefilters_enabled():
                letters = _az_letters(doc, folded)
            cache["letters"] = letters
        letters = cache["letters"]
        cache["words"] = None if letters is None else asked.intersection(letters.split())
        cache["asked"] = asked
    return cache["words"]


# For `_az_letters`: each ASCII letter lowered and every other byte a space, and UTF-8's
# continuation bytes (0x80-0xBF), deleted: a character's UTF-8 sequence leaves one byte, a
# space when it is not ASCII
_UTF8_NOT_AZ = bytes(c | 32 if 65 <= c <= 90 or 97 <= c <= 122 else 32 for c in range(256))
_UTF8_CONTINUATION = bytes(range(0x80, 0xC0))
# the characters beyond ASCII that `folded_text` makes an a-z letter: `ſ` (s) and the Kelvin
# sign (k), which fold to one, and the dotless ı (i) (tests/test_sourcing_fast_paths.py checks
# all of Unicode)
_FOLDS_INTO_AZ = ("\u017f", "\u212a", "\u0131")


def _az_letters(doc, folded: str) -> bytes:
    """The folded text with every character but a-z made a space, as ASCII bytes (non-ASCII
    characters become `?`, then a space, like every other non-letter): `folded_letters`.
    `folded` is `folded_text(doc)`, not None: one character for each of the text's.

    Speed: read off the draft's UTF-8 (`Document.utf8`, encoded once a draft for the trigger
    scan and several kinds) by one translate, not by encoding the folded text (a character at a
    time when it is not ASCII) and translating that. The same bytes: folding keeps offsets
    here, so each character folds to one; an ASCII one to itself lowered, the table's; one
    beyond ASCII to a character beyond ASCII (a space either way), unless it is one of
    `_FOLDS_INTO_AZ`, which the draft is asked for among its few characters beyond ASCII."""
    text = doc.text
    if not text.isascii():
        beyond = doc.beyond_ascii
        if any(character in beyond for character in _FOLDS_INTO_AZ):
            return folded.encode("ascii", "replace").translate(_NOT_AZ)
    return doc.utf8.translate(_UTF8_NOT_AZ, _UTF8_CONTINUATION)


def folded_letters(doc) -> Optional[bytes]:
    """The draft's folded text with every character but a-z made a space, as ASCII bytes (one
    byte per character: offsets are the text's): `folded_words` before the split, so that the
    words of a stretch are `folded_letters(doc)[start:end].split()`. None when `folded_words`
    is."""
    cache = doc.__dict__.get("_copydesk_folded")
    if cache is None or "letters" not in cache:
        folded_words(doc)
        cache = doc.__dict__["_copydesk_folded"]
    return cache["letters"]


# words too common to find a phrase by (any anchor is exact; a rarer one is faster)
_COMMON = frozenset(
    "the their there them they than then that this these those with from more less into onto "
    "upon over under about after before other which were have been being within when "
    "where what some many much most very just only also still again your ours "
    # (and the words for people, in most news copy: `people aware of` is found by `aware`)
    "people person someone".split()
)


_ALONE = (None,)  # the readings of an anchor that is a whole phrase: no words before it
_ENDS = None  # (among an anchor's next words: a phrase that ends at the anchor)


class PhraseStarts:
    """Where one of a list of literal phrases can start, found without a regex scan.

    A phrase is found by its longest word (one `str.find` loop per distinct word, in the
    folded text when `ignorecase`); the words before it are read backwards from there, white
    space between words being any run of white space, as in `phrases_pattern` and
    `literal_pattern`.

    `whole_words`: the pattern that uses the phrases holds each of them to word edges (see
    `folded_words`). Then an anchor word that is not among the draft's `words` is not looked
    for, and a phrase glued to an ASCII letter, digit or `_` is no start.
    """

    def __init__(self, phrases: Iterable[str], ignorecase: bool, whole_words: bool = False):
        self.ignorecase = ignorecase
        self.whole_words = whole_words
        flags = regex.REVERSE | (regex.IGNORECASE if ignorecase else 0)
        befores: Dict[str, list] = {}
        afters: Dict[str, frozenset] = {}  # anchor -> the words after it in each of its phrases
        follows: Dict[str, set] = {}
        for phrase in sorted(set(phrases)):
            words = phrase.split()
            if not words:
                continue
            # the anchor: the longest word that is not a common little word (`lost their
            # lives` is found by `lives`, not `their`: far fewer places to read back from)
            j = max(
                range(len(words)),
                key=lambda i: (len(words[i]) >= 3 and words[i].casefold() not in _COMMON, len(words[i]), -i),
            )
            anchor = words[j].casefold() if ignorecase else words[j]
            before = "".join(regex.escape(w) + r"\s+" for w in words[:j]) if j else None
            if before not in befores.setdefault(anchor, []):
                befores[anchor].append(before)
            after = frozenset(w.casefold() if ignorecase else w for w in words[j + 1 :])
            afters[anchor] = after if anchor not in afters else afters[anchor] & after
            # the word right after the anchor in each of its phrases (_ENDS: a phrase ends there)
            nexts = follows.setdefault(anchor, set())
            if j + 1 < len(words):
                nexts.add(tuple(w.casefold() if ignorecase else w for w in words[j + 1 :]))
            else:
                nexts.add(_ENDS)
        # (anchor, the readings of the words before it (None: none), one reading that matches
        # where any of several does (or None), the anchor as a draft word (`folded_words`)
        # when it is all a-z once folded)
        self.items = []
        for anchor, readings in befores.items():
            key = anchor.casefold()
            key = key.encode() if whole_words and key.isascii() and key.isalpha() else None
            sources = [r for r in readings if r is not None]
            any_before = regex.compile("|".join(f"(?:{r})" for r in sources), flags) if len(sources) > 1 else None
            # (each reading as an alternation with a branch that never matches: the same
            # matches, but `regex` then does not first search the whole stretch back to `lo` for
            # the reading's literal words, which it does for a plain literal sequence in a
            # REVERSE match, and which costs the stretch's length whenever the reading fails)
            readings = tuple(None if r is None else regex.compile(f"(?:{r}|(?!))", flags) for r in readings)
            readings = _ALONE if readings == _ALONE else readings
            # when no phrase ends at the anchor: (the words one of which must follow it after
            # white space, the rest of each phrase as it reads with single spaces, the longest's
            # length); else None. Compared in the haystack, so under `ignorecase` only ASCII
            # words (whose folding is the folded text's, as the anchor's)
            rests = follows[anchor]
            if _ENDS in rests or (ignorecase and not all(w.isascii() for rest in rests for w in rest)):
                follow = None
            else:
                spelled = tuple(sorted(" " + " ".join(rest) for rest in rests))
                follow = (tuple(sorted({rest[0] for rest in rests})), spelled, max(map(len, spelled)))
            self.items.append((anchor, readings, any_before, key, follow))
        # Speed, for the anchors that are not draft words (looked for in every draft, where
        # most are absent: `two-thirds`, `death` of `death toll`, `percent`):
        # - with whole words, each a-z run of such an anchor is a draft word where the anchor
        #   starts a phrase (it stands between characters that are not `\w`, as each of its
        #   a-z runs does between its other characters: see `folded_words`): `_runs`;
        # - an anchor holding another (`percent`, `cent`), or whose every phrase holds
        #   another after it (`death toll`, `toll`), is no start in a stretch where that
        #   other one was looked for first and not found: `_requires`, and the order.
        unkeyed = [anchor for anchor, _, _, key, _ in self.items if key is None]
        self._requires: Dict[str, FrozenSet[str]] = {}
        for anchor in unkeyed:
            required = frozenset(
                other for other in unkeyed if other != anchor and (other in anchor or other in afters[anchor])
            )
            if required:
                self._requires[anchor] = required
        self._runs: Dict[str, FrozenSet[bytes]] = {}
        if whole_words:
            for anchor in unkeyed:
                runs = az_words(anchor.casefold())
                if runs:
                    self._runs[anchor] = AskedWords(runs)
        # (each required anchor first: none of them requires one that requires it)
        order = {anchor: len(self._requires.get(anchor, ())) for anchor in unkeyed}
        if any(required & self._requires.keys() for required in self._requires.values()):
            self._requires = {}  # (chains: not worth ordering)
        self.items.sort(key=lambda item: (item[3] is not None, order.get(item[0], 0) > 0))
        # for `present`: the anchors as draft words, and the anchors that are not draft words
        self._keys = AskedWords(key for _, _, _, key, _ in self.items if key is not None)
        self._unkeyed = tuple(anchor for anchor, _, _, key, _ in self.items if key is None)
        # for `starts`: the items by their draft word, and the items with none
        self._by_key: Dict[bytes, list] = {}
        for item in self.items:
            if item[3] is not None:
                self._by_key.setdefault(item[3], []).append(item)
        self._unkeyed_items = [item for item in self.items if item[3] is None]
        # (the same, when each draft word is one item's, or None)
        one = {key: found[0] for key, found in self._by_key.items() if len(found) == 1}
        self._one_by_key = one if len(one) == len(self._by_key) else None

    # the last draft's words and the items they leave (a draft asks several times); not
    # pickled with the rule
    _last = (None, None)

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_last", None)
        return state

    def present(self, text: str, folded: str, words: Optional[FrozenSet[bytes]] = None) -> bool:
        """Might any phrase occur? (its anchor word does)"""
        haystack = folded if self.ignorecase else text
        if words is None:
            return any(anchor in haystack for anchor, _, _, _, _ in self.items)
        # (one set operation in place of a look-up per anchor)
        if not self._keys.isdisjoint(words):
            return True
        runs = self._runs
        requires = self._requires
        if not requires:
            return any(anchor in haystack for anchor in self._unkeyed if anchor not in runs or runs[anchor] <= words)
        # (an anchor that requires one found missing is no start anywhere: see `starts`; the
        # required ones come first)
        missing = set()
        for anchor in self._unkeyed:
            if anchor in runs and not runs[anchor] <= words:
                continue
            if anchor in requires and not missing.isdisjoint(requires[anchor]):
                continue
            if anchor in haystack:
                return True
            missing.add(anchor)
        return False

    def starts(
        self, text: str, folded: str, lo: int, hi: int, into: Set[int], words: Optional[FrozenSet[bytes]] = None
    ) -> None:
        """Add to `into` every place in text[lo:hi] where a phrase may start (and some more).
        `words`: the draft's `folded_words`, or None (every anchor is looked for)."""
        haystack = folded if self.ignorecase else text
        edges = self.whole_words and words is not None
        items = self.items
        if words is not None:
            # an anchor that is not a word of this draft: no whole-word phrase holds it
            last_words, last_items = self._last
            if last_words is words:
                items = last_items
            else:
                one = self._one_by_key
                if one is not None:
                    # (each draft word one item: the look-ups in C)
                    items = list(map(one.__getitem__, self._keys.intersection(words)))
                else:
                    items = [item for key in self._keys.intersection(words) for item in self._by_key[key]]
                if self._unkeyed_items:
                    runs = self._runs
                    items = [item for item in self._unkeyed_items if item[0] not in runs or runs[item[0]] <= words] + items
                self._last = (words, items)
        requires = self._requires
        missing = set() if requires else None
        for anchor, readings, any_before, key, follow in items:
            size = len(anchor)
            if requires and key is None:
                if anchor in requires and not missing.isdisjoint(requires[anchor]):
                    continue
                i = haystack.find(anchor, lo, hi)
                if i < 0:
                    missing.add(anchor)
            else:
                i = haystack.find(anchor, lo, hi)
            if readings is _ALONE and follow is None:
                # (the phrase is its anchor alone: the loop below, with no reading back)
                find = haystack.find
                if edges:
                    while i >= 0:
                        if text[i + size : i + size + 1] not in ASCII_WORD_CHARS and not (
                            i > 0 and text[i - 1] in ASCII_WORD_CHARS
                        ):
                            into.add(i)
                        i = find(anchor, i + 1, hi)
                else:
                    while i >= 0:
                        into.add(i)
                        i = find(anchor, i + 1, hi)
                continue
            while i >= 0:
                if follow is not None:
                    # Every phrase goes on after its anchor: white space (`\s+`, or less),
                    # then the next word. A character that is not `str.isspace` is not `\s`
                    # (checked over all of Unicode in tests/test_sourcing_fast_paths.py), so
                    # no phrase continues past it. Where the text after the anchor, as far as
                    # the longest phrase reaches, holds no white space but single spaces
                    # (`isprintable`: every other white space character is not), a phrase
                    # reads there as spelled with single spaces; else, after one space and a
                    # character that is no white space, its next word must start there.
                    k = i + size
                    after = text[k : k + 1]
                    if not after.isspace():
                        i = haystack.find(anchor, i + 1, hi)
                        continue
                    firsts, spelled, reach = follow
                    ahead = text[k : k + reach]
                    if ahead.isprintable() and "  " not in ahead:
                        if not haystack.startswith(spelled, k):
                            i = haystack.find(anchor, i + 1, hi)
                            continue
                    elif after == " " and not text[k + 1 : k + 2].isspace() and not haystack.startswith(firsts, k + 1):
                        i = haystack.find(anchor, i + 1, hi)
                        continue
                # a whole-word anchor has no word character just after it ...
                if not (edges and text[i + size : i + size + 1] in ASCII_WORD_CHARS):
                    # (an alternation matches where one of its branches does)
                    none_before = any_before is not None and any_before.match(text, lo, i) is None
                    for before in readings:
                        if before is None:
                            start = i
                        elif none_before:
                            continue
                        else:
                            m = before.match(text, lo, i)
                            if m is None:
                                continue
                            start = m.start()
                        # ... and its phrase none just before it
                        if not (edges and start > 0 and text[start - 1] in ASCII_WORD_CHARS):
                            into.add(start)
                i = haystack.find(anchor, i + 1, hi)


def finditer_at(pattern, text: str, starts: Iterable[int], lo: int, hi: int, timeout: Optional[float]):
    """finditer(pattern, text, lo, hi) when every match starts at one of `starts`: the pattern
    is matched at those places only, in order, each match resuming the search after it
    (`kinds.base.matches_at`). `timeout` None: no timeout (a pattern its kind builds in a fixed
    frame that cannot backtrack without end; a timeout costs two clock system calls a match)."""
    return matches_at(pattern, text, sorted(starts), lo, hi, timeout, pattern.match if timeout is None else None)


# ---- where a phrase-like pattern can start -------------------------------------------------

_SEP = "sep"  # white space between words (\s+, \s, a space)
_EDGE = "edge"  # \b
_MAX_FORMS = 512
_SPACE = lazy_compile(r"\s")


class PatternStarts:
    """Where a match of one of several phrase-like patterns can start (`PhraseStarts`).

    A phrase-like pattern is literal words apart by white space (`\\s+`, `\\s`, a space), with
    alternatives, optional parts (`?`) and assertions (lookarounds, `\\b`, `^`). Spelling out
    its alternatives and optional parts gives a finite list of phrases, and every match of the
    pattern is one of them with some run of white space between words, so it starts where one
    of the phrases starts. The assertions are left out: that gives more phrases, never fewer.
    `build` returns None for any other pattern (a class, a repeat, a backreference, ...).
    """

    def __init__(self, whole: PhraseStarts, loose: PhraseStarts, ignorecase: bool):
        self.whole, self.loose, self.ignorecase = whole, loose, ignorecase

    @classmethod
    def build(cls, patterns: Iterable[str], ignorecase: bool) -> Optional["PatternStarts"]:
        from lint.engine.prefilter import _UNSAFE, _neutralize, _sre_parse

        state = {"i": ignorecase}
        phrases = []
        for pattern in patterns:
            if _UNSAFE.search(pattern):
                return None
            try:
                tree = _sre_parse.parse(_neutralize(pattern), re.IGNORECASE if ignorecase else 0)
            except Exception:  # noqa: BLE001 -- syntax the standard parser does not know
                return None
            if tree.state.flags & re.IGNORECASE:
                state["i"] = True
            forms = _expand(list(tree), state)
            if forms is None:
                return None
            for form in forms:
                phrase = _phrase(form)
                if phrase is None:
                    return None
                phrases.append(phrase)
        if not phrases:
            return None
        if state["i"] and not all(words.isascii() for words, _ in phrases):
            return None  # folded text stands for case-insensitive matching of ASCII only
        whole = [words for words, bounded in phrases if bounded]
        loose = [words for words, bounded in phrases if not bounded]
        return cls(PhraseStarts(whole, state["i"], True), PhraseStarts(loose, state["i"]), state["i"])

    def starts(self, text, folded, lo, hi, words) -> Optional[Set[int]]:
        """The places in text[lo:hi] where a match may start; None when they cannot be told
        (case-insensitive, and folding moved offsets)."""
        if self.ignorecase and folded is None:
            return None
        found: Set[int] = set()
        # (a finder with no phrase adds nothing)
        if self.whole.items:
            self.whole.starts(text, folded, lo, hi, found, words)
        if self.loose.items:
            self.loose.starts(text, folded, lo, hi, found, words)
        return found


def _expand(items, state) -> Optional[list]:
    """The token sequences (characters, _SEP, _EDGE) a parsed sequence spells out."""
    forms = [()]
    for op, av in items:
        alternatives = _expand_item(op, av, state)
        if alternatives is None:
            return None
        forms = [f + a for f in forms for a in alternatives]
        if len(forms) > _MAX_FORMS:
            return None
    return forms


def _expand_item(op, av, state) -> Optional[list]:
    from lint.engine.prefilter import _REPEATS, _sre

    if op is _sre.LITERAL:
        char = chr(av)
        return [(_SEP,)] if _SPACE.match(char) else [(char,)]
    if op is _sre.AT:
        return [(_EDGE,)] if av is _sre.AT_BOUNDARY else [()]
    if op in (_sre.ASSERT, _sre.ASSERT_NOT):
        return [()]
    if op is _sre.IN:
        if av == [(_sre.CATEGORY, _sre.CATEGORY_SPACE)]:
            return [(_SEP,)]
        if not all(kind is _sre.LITERAL for kind, _ in av):
            return None
        chars = [chr(value) for _, value in av]
        spaces = [bool(_SPACE.match(c)) for c in chars]
        if all(spaces):
            return [(_SEP,)]
        return None if any(spaces) else [(c,) for c in chars]
    if op is _sre.SUBPATTERN:
        _group, add_flags, _del_flags, inner = av
        if add_flags & re.IGNORECASE:
            state["i"] = True
        return _expand(list(inner), state)
    if hasattr(_sre, "ATOMIC_GROUP") and op is _sre.ATOMIC_GROUP:
        return _expand(list(av), state)
    if op is _sre.BRANCH:
        out = []
        for branch in av[1]:
            forms = _expand(list(branch), state)
            if forms is None:
                return None
            out += forms
        return out
    if op in _REPEATS:
        low, high, inner = av
        forms = _expand(list(inner), state)
        if forms is None:
            return None
        if forms and all(f == (_SEP,) for f in forms):  # \s+, \s*, [ \t]{1,3}
            return [(_SEP,)] if low >= 1 else [(), (_SEP,)]
        if (low, high) == (1, 1):
            return forms
        if (low, high) == (0, 1):
            return [()] + forms
    return None


def _phrase(form) -> Optional[Tuple[str, bool]]:
    """A token sequence as a phrase (its words apart by single spaces) and whether it is held
    to word edges: a \\b before its first character and after its last, each a letter or digit,
    or white space after it. None when it starts with white space or holds no character."""
    words, word = [], ""
    edge_before = edge_after = space_after = False
    for token in form:
        if token is _SEP:
            if not words and not word:
                return None  # a match that starts with white space
            if word:
                words.append(word)
                word = ""
            space_after = True
        elif token is _EDGE:
            if not words and not word:
                edge_before = True
            else:
                edge_after = True
        else:
            if edge_after or space_after:
                edge_after = space_after = False
            word += token
    if word:
        words.append(word)
    elif not words:
        return None
    if any(not w.isprintable() or any(c.isspace() for c in w) for w in words):
        return None  # PhraseStarts splits phrases at Python's white space, not the pattern's
    first, last = words[0][0], words[-1][-1]
    bounded = (
        edge_before
        and first.isascii()
        and first.isalnum()
        and (space_after or (edge_after and last.isascii() and last.isalnum()))
    )
    return " ".join(words), bounded


# an interview transcript: from the first paragraph opening with a speaker label on, every
# paragraph is somebody's answer, attributed by the label: ((WN)), ((Jo Smith)), Q:, A:
_SPEAKER_LABEL = lazy_compile(r"\(\([^()\n]{1,60}\)\)|[QA]:\s")
_LABEL_OPENINGS = ("((", "Q:", "A:")


def transcript_start(doc) -> int:
    """Where an interview transcript starts (its first labelled paragraph), or the end (once
    per draft: the figures and the said-verb rules both ask)."""
    cache = doc.__dict__.setdefault("_copydesk_sourcing", {})
    found = cache.get("transcript-start")
    if found is None:
        found = cache["transcript-start"] = _transcript_start(doc)
    return found


def _transcript_start(doc) -> int:
    text = doc.text
    # every label opens with `((`, `Q:` or `A:`: a paragraph that does not open with one of
    # them needs no pattern (one `startswith` a paragraph costs less than looking for the
    # three through the whole draft first)
    fast = prefilters_enabled()
    label = _SPEAKER_LABEL.match  # (looked up once, not once per paragraph)
    paragraphs = doc.paragraphs
    # (the body's paragraphs, `doc.body_paragraphs`, without building their list)
    for start, _ in itertools.islice(paragraphs, first_body_paragraph(doc), None):
        if (not fast or text.startswith(_LABEL_OPENINGS, start)) and label(text, start):
            return start
    return len(text)


def first_body_paragraph(doc) -> int:
    """The index in `doc.paragraphs` of `doc.body_paragraphs[0]` (the first paragraph starting
    at or after the body's start; len(paragraphs) when there is none): one bisect, not the list.
    (`(start,)` sorts before every paragraph `(start, end)` and after every earlier one.)"""
    return bisect.bisect_left(doc.paragraphs, (doc.body[0],))
