"""The people extractor's search for untitled names with initials or a suffix finds, line by
line (the suffix branch only on lines with "Jr." or "Sr."), what one search of the draft finds."""

from lint.kinds.newsroom import people

DRAFT = (
    "Strikes ordered\n\n"
    "Marine Gen. Kenneth F. McKenzie Jr. spoke at the U.S. base on Tuesday.\n\n"
    "George H.W. Bush and George W. Bush were both there, said Martin Luther King Jr. of Atlanta.\n\n"
    "The U.S. military said Robert T. Lang, the commander, and Juan de la Cruz Sr. would attend.\n\n"
    "Officials in Washington D.C. declined. Richard J. Donovan Correctional Facility is shut.\n\n"
    "No names here, only the U.S. and the U.K. and a Jr. high school.\n"
)


def _extractor():
    return people.extractor_for(*people.default_tables())


def test_line_by_line_search_finds_the_same_names():
    extractor = _extractor()
    for text in (DRAFT, DRAFT.replace("\n\n", "\n"), DRAFT.replace("Jr.", "Sr."), DRAFT.replace(" Jr.", "")):
        fast = [m.span() for m in extractor._initialed_matches(text, 10.0, True)]
        plain = [m.span() for m in extractor._initialed_matches(text, 10.0, False)]
        assert fast == plain
        assert fast  # the draft names people with initials


def test_suffixed_and_initialed_names_are_mentions():
    names = {m.name.full for m in _extractor().extract(DRAFT)}
    assert names == {
        "Kenneth F. McKenzie Jr.", "George H. W. Bush", "George W. Bush", "Martin King Jr.",
        "Robert T. Lang", "Juan de la Cruz Sr.",
    }  # (not "Richard J. Donovan": a place named for a person)


def _candidate_dots(text):
    confirm = people._INITIAL_DOT.match
    return [m.start() for m in people._INITIAL_DOT_CANDIDATE.finditer(text) if confirm(text, m.start())]


def test_candidate_dots_are_the_initial_dots():
    # `_initialed_matches` reads _INITIAL_DOT's dots off the standard library's candidates:
    # the same dots, over capitals, spaces of every kind, marks, suffixes and other scripts
    import random

    rng = random.Random(5)
    pieces = [
        "Kenneth", "F", "H", "W", "U", "S", "É", "Ł", "Σ", "ǅ", "é", "ß", "Jr", "Sr", "jr", "Mr",
        "Dr", "r", "J", "x", "2", "²", ".", ". ", " ", "  ", "\t", "\n", "\u00a0", "\u2003",
        "\u3000", "\x1c", "\u0301", "’", "'", "-", "_", ",", "K", "Ⅻ", "ℌ",
    ]
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        expected = [m.start() for m in people._INITIAL_DOT.finditer(text)]
        assert _candidate_dots(text) == expected, text
        found += bool(expected)
    assert found > 200
