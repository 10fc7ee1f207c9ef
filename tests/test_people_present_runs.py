"""The people extractor reads which title and appositive runs a draft may hold off the sourcing
kinds' `folded_words` (`Extractor._present_runs`): the same mentions as its own list of the
draft's runs (`Extractor._words`) and as the plain searches with every shortcut off."""

from conftest import plain

from lint.drafts.document import Document
from lint.kinds.newsroom import people
from lint.kinds.newsroom.sourcing_base import folded_words

DRAFTS = [
    # wire copy: ranks, branches, a qualifier, an appositive, a suffix
    "Strikes ordered\n\nNavy Gen. Kenneth F. McKenzie Jr. and then-Lt. Gen. Ann Ruiz spoke. Jessica "
    "McNulty, a Pentagon spokeswoman, said Army Adm. Lee Park and 1st Lt. Tom Hale would attend.\n\n"
    "Former President Joe Biden met Prime Minister Sir Keir Starmer. McNulty, the Pentagon "
    "spokesman, declined. Tom Hale, a retired Army general, and Ed Ray, a Navy admiral, agreed; "
    "Al Fox, an Air Force colonel, and Kim Yu, a Press secretary, did not.\n",
    # British broadcaster: day-month dates, titles in lower case, a spokesman for the Treasury
    "Budget row\n\nLONDON, 4 July — Chancellor Rachel Reeves and shadow Chancellor Mel Stride "
    "clashed. Tom Wells, a spokesman for the Treasury, said £12m was set aside. Cllr Ann Bright, "
    "chairwoman of the council, and Dr Amir Khan agreed.\n",
    # letters outside ASCII next to title words: nothing may start or end there
    "Odd copy\n\nGeneral\u212a Tom Ross met Gen\u212a. Amy Lo and \u212aGeneral Ed Ray; "
    "Generalſ Sam Poe, ſGen. Kim Yu, Navy\u212a Adm. Jo Bay, Marineſ Sgt. Al Fox. Ann Lee, "
    "a Navy\u212a spokesman, and Bo Li, a spokesmanſ, spoke; Mayor\u00e9 Di Ng and Mayor Zé Ruiz. "
    "Jo Bay, an Army generalſ, and Di Ng, a Navy \u212aadmiral, and Al Fox, an Army general.\n",
    # a Turkish dotted capital and a German sharp s: folding moves offsets, so no folded words
    # (the draft's own runs)
    "Ankara\n\nPresident \u0130lham Aliyev met Minister Ay\u015fe Kaya. Governor Ahmet \u0130nce spoke.\n",
    "Berlin\n\nChancellor Olaf Scholz met Minister Stra\u00dfe Kuhn, a Bundeswehr spokesman.\n",
    # wire copy: "U.S." and "US" before a branch (and "us" in the copy), a title before a
    # lower-case word, a particle, an initial late in a long line
    "Drills\n\nThey told us that US Navy Adm. Lee Park and former U.S. Army Gen. Ann Ruiz, with "
    "then-US Sen. Jo Bay, would attend. The President of France met President de Klerk and "
    "President  Ann Voss; Senator from Ohio Tom Hale declined, and late in the day, after the "
    "briefing at the base, Mary K. Ortiz and the Speaker spoke.\n",
]


def _extractor():
    return people.extractor_for(*people.default_tables())


def _found(mentions):
    return [(m.start, m.end, m.name.full, m.rank, m.office, m.role, m.appositive) for m in mentions]


def test_present_runs_give_the_same_mentions():
    extractor = _extractor()
    read_off = 0
    for source in DRAFTS:
        doc = Document(path="d.txt", source=source)
        text = doc.text
        folded = folded_words(doc)
        own = _found(extractor.extract(text, 10.0))
        assert own == _found(plain(extractor.extract, text, 10.0)), source
        if folded is not None:
            read_off += 1
            assert extractor._words(text) <= extractor._present_runs(folded) | extractor._words(text)
            assert _found(extractor.extract(text, 10.0, None, folded)) == own, source
        assert own  # every draft names someone
    assert read_off == len(DRAFTS) - 2  # all but the dotted capital and sharp s drafts


def test_present_runs_keep_every_run_that_stands_whole():
    extractor = _extractor()
    text = "Navy Gen. Ann Ruiz, 1st Lt. Tom Hale and Ed Ray, a Pentagon spokesman."
    doc = Document(path="d.txt", source=text + "\n")
    present = extractor._present_runs(folded_words(doc))
    assert {b"Navy", b"Gen", b"1st", b"Lt", b"spokesman"} <= present
    assert extractor._words(doc.text) <= present


def test_country_forms_titles_and_initials_on_a_wire_draft():
    # "U.S."/"US" are found by reading back from the branch's place, a title followed by a
    # lower-case word is not tried, a line is searched for initials from its first name on
    doc = Document(path="d.txt", source=DRAFTS[-1])
    found = _extractor().extract(doc.text, 10.0, None, folded_words(doc))
    assert [m.text for m in found] == [
        "US Navy Adm. Lee Park",
        "former U.S. Army Gen. Ann Ruiz",
        "then-US Sen. Jo Bay",
        "President de Klerk",
        "President Ann Voss",
        "Mary K. Ortiz",
    ]


def _kept_one_pass_at_a_time(extractor, folded):
    """What `_titled_matches` and `_appositive_matches` keep of `_present_runs(folded)`, each
    with its own tests (the code before `_present_lists`)."""
    words = extractor._present_runs(folded)
    titled = set()
    for run in extractor._first_runs_ascii & words:
        text_run = extractor._run_text[run]
        if any(p is None or p <= folded for p in extractor._element_pieces[text_run]):
            titled.add(text_run)
    appositive = {run for run in extractor._appositive_runs & words if extractor._appositive_may_use(run, folded)}
    return titled, appositive


def test_present_lists_keep_the_runs_each_pass_keeps():
    import random

    extractor = _extractor()
    assert extractor._present_by_piece is not None
    pieces = sorted(extractor._wanted_pieces | {p for w in extractor._rank_word_pieces if w for p in w})
    rng = random.Random(7)
    samples = [frozenset(), frozenset(pieces)] + [
        frozenset(rng.sample(pieces, rng.randint(1, 40))) for _ in range(3000)
    ]
    # and the words of each draft above, with and without one of them
    for source in DRAFTS:
        folded = folded_words(Document(path="d.txt", source=source))
        if folded:
            samples.append(folded)
            samples.extend(folded - {w} for w in folded)
    kept_somewhere = 0
    for folded in samples:
        titled, appositive = extractor._present_lists(folded)
        assert len(titled) == len(set(titled)) and len(appositive) == len(set(appositive))
        expected = _kept_one_pass_at_a_time(extractor, folded)
        assert (set(titled), set(appositive)) == expected, sorted(folded)
        kept_somewhere += bool(titled) + bool(appositive)
    assert kept_somewhere > 1000


def test_appositive_words_are_what_split_lists():
    """`_appositive_matches` counts the words between a comma and a role noun with `str.split`:
    no character a modifier may hold is white space to it, and it parts words at every
    character `_SP` matches (all of Unicode)."""
    import sys

    import regex

    token = regex.compile(r"[\p{L}\p{N}.’'&\-]")
    space = regex.compile(r"[^\S\n]")
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        assert not (c.isspace() and token.match(c)), hex(code)
        assert c.isspace() or not space.match(c), hex(code)


def test_appositive_with_the_most_words_before_its_role_noun():
    extractor = _extractor()
    # article, five modifiers, qualifier: seven words, the most an appositive holds
    seven = "Parks row\n\nJo Bay, a tall quiet local party press former spokesman, said it was over.\n"
    # six modifiers: no appositive (the modifiers stop at five)
    eight = "Parks row\n\nJo Bay, a tall quiet local city party press former spokesman, said it was over.\n"
    # a comma far before the role noun, and a nearer one
    both = ("Parks row\n\nWe met Tim Ode, who has worked in the parks for many long years, and Jo Bay, "
            "the\u00a0city\tspokeswoman, on Friday.\n")
    found = {}
    for name, source in (("seven", seven), ("eight", eight), ("both", both)):
        doc = Document(path="d.txt", source=source)
        text = doc.text
        mentions = extractor.extract(text, 10.0, None, folded_words(doc))
        assert _found(mentions) == _found(plain(extractor.extract, text, 10.0)), source
        found[name] = [(m.name.full, m.role.noun) for m in mentions if m.appositive]
    assert found == {"seven": [("Jo Bay", "spokesman")], "eight": [], "both": [("Jo Bay", "spokeswoman")]}
