"""The acronym kind's shortcut (`Acronym._flaggable_tokens`) lists the same tokens as the plain
scan of every span, and never misses a draft that could hold a capital outside ASCII."""

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.drafts.document import Document
from lint.kinds.newsroom import acronym
from lint.packs import loader

DRAFTS = [
    "Rockets hit base\n\nWASHINGTON — The BDSC was hit, the DoD said. NATO and the UN met.\n",
    "Cuts ahead\n\nThe NHS’s budget and the BBC's plans. AT&T and Texas A&M; R&D, AB&&CD and &XY, QQ&.\n",
    "Storm\n\nThe FEMA-led teams (FEMA) and “NOAA” reported to HQ. The XXX,XXX figure is TBC.\n",
    "Élection\n\nLe PÉTR et l’UE ont parlé. The ÀB team met ÅSK officials.\n",
    "Talks\n\nThe ΝΑΤΟ summit and the СБУ said so; the OECD (Organisation for Economic Co-operation).\n",
    "Prices\n\nNZ$26m for the ACCC. ABCs of the GOP’s plan: ICE, DHS, CBPs. 20°C, £12m, café, Zürich.\n",
    "Signs\n\nThe ℂ set and the Ⅷ legion: KPIs (key performance indicators) and a KPI.\n",
    "Runs\n\nThe ÉTATS-UNIS and TATS, XÉ and ÉX, ÀB&C and ÀB&&, &ÉZ, A&É, Ä& and ÖVP-Chef. ÉÉ ÉÉ.\n",
    "Mixed\n\nThe ΑΒ&ΓΔ and NATO’s ΝΑΤΟs; BBCÉ, ÉBBC and BBC; Ł and ŁÓDŹ, ĞÜ-ÇÖ, ǅX; IBMß.\n",
]


def _kind():
    return next(r for r in loader.load_rules() if r.id == "style.acronym").kind


def _plain(kind, text, spans):
    tokens = [(m.group("acr"), m.span()) for s, e in spans for m in acronym._TOKEN.finditer(text, s, e)]
    return [t for t in tokens if len(t[0]) >= kind.min_length and t[0] not in kind._allow]


def test_shortcut_lists_the_plain_scans_tokens():
    kind = _kind()
    used = 0
    for source in DRAFTS:
        doc = Document(path="d.txt", source=source)
        for spans in ([doc.body], [(0, len(doc.text))], doc.paragraphs):
            got = kind._flaggable_tokens(doc.text, spans)
            if got is None:
                continue
            used += 1
            assert [(a, m.span()) for a, m in got] == _plain(kind, doc.text, spans), source
    assert used == 3 * len(DRAFTS)  # the shortcut applied to every one


def test_shortcut_reads_runs_with_capitals_outside_ascii():
    kind = _kind()
    for source in ("Le PÉTR a parlé.\n", "The ΝΑΤΟ summit.\n", "The ℂ set.\n", "Der ÖVP-Chef.\n"):
        got = kind._flaggable_tokens(source, [(0, len(source))])
        assert [(a, m.span()) for a, m in got] == _plain(kind, source, [(0, len(source))])
    assert acronym._other_capital_runs("Le PÉTR, ÖVP&ÉU et l’UE.", "Le PÉTR, ÖVP&ÉU et l’UE.".encode()) == {
        "PÉTR", "ÖVP&ÉU"
    }


def test_no_capital_outside_ascii_is_missed():
    every = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000)
    capitals = set(regex.findall(r"\p{Lu}", every))
    assert capitals
    missed = [c for c in capitals if acronym._other_capital_runs(c, c.encode("utf-8")) != {c}]
    assert missed == []
    # and the characters news copy is full of hold none
    safe = "“”‘’—–…•€£°½éèüöñß\u00a0"
    assert acronym._other_capital_runs(safe, safe.encode("utf-8")) == set()


def _capitals_as_existence_makes_them(text):
    only_az = bytes(c if 65 <= c <= 90 else 32 for c in range(256))
    return b" ".join(text.encode("utf-8", "surrogatepass").translate(only_az).split())


def test_the_shared_capitals_hold_every_run_of_a_z_the_draft_holds_and_no_other():
    # acronym and desk-note make existence's capitals from the draft's set of runs: each run
    # once, in any order; what their readers ask (does a run of A-Z stand inside one?) is the
    # same answer, whichever kind made them first
    for text in DRAFTS + ["", "no capitals here", "A B\nC", "ABC ABC abc DEF\u00a0GHI"]:
        reference = _capitals_as_existence_makes_them(text)
        doc = Document(path="draft.txt", source=text)
        runs = acronym.capital_runs(doc)
        assert runs == set(reference.split())
        caps = acronym.draft_capitals(doc)
        assert sorted(caps.split()) == sorted(set(reference.split()))
        for probe in [b"A", b"AB", b"BC", b"NATO", b"TO", b"FEMA", b"ABCD", b"EF", b"BDSC", b"UE", b"DH"]:
            assert (probe in caps) == (probe in reference)
        # made from existence's own capitals when those came first
        first = Document(path="draft.txt", source=text)
        first.__dict__["_copydesk_capitals"] = reference
        assert acronym.capital_runs(first) == runs and acronym.draft_capitals(first) is reference


def _find_places(text, acronym_):
    places, p = [], text.find(acronym_)
    while p >= 0:
        places.append(p)
        p = text.find(acronym_, p + 1)
    return places


def test_places_read_off_the_runs_are_every_find_place():
    # overlapping places ("AAA" holds "AA" twice), pieces of longer runs ("NATO" in "NATOS"),
    # runs with "&", and offsets past non-ASCII characters (one "?" each in the ASCII copy)
    for text in DRAFTS + ["AAAA AA NATOS NATO’s USD US, “UK” AT&T T&T AT&&T — ÉU ✓ 𝐀 UK\n"]:
        wanted = {"AA", "NATO", "US", "USD", "UK", "AT&T", "T&T", "ÉU", "PÉTR", "BBC", "HQ", "FEMA"}
        data = text.encode("utf-8", "surrogatepass")
        got = acronym._places_in_runs(text, data, wanted)
        allowed = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ" + ("&" if "&" in text else ""))
        assert set(got) == {a for a in wanted if set(a) <= allowed}
        for a, places in got.items():
            assert places == _find_places(text, a), (text, a)


def test_share_of_capitals_counts_every_character():
    def plain(line):
        letters = sum(map(str.isalpha, line))
        upper = sum(map(str.isupper, filter(str.isalpha, line)))
        return bool(letters) and upper > 0.6 * letters

    samples = ["", "GET OUT NOW", "Get out now", "ÉTATS-UNIS ET UE", "les États-Unis", "Ⅷ Ⅸ AB", "ΣΑΣ σας",
               "BBC की रिपोर्ट", "NO WAY ’YES’ — OK", "\ud800AB", "ǅX ǅx", "ß ẞ SS"]
    for line in samples + [s + t for s in samples for t in samples]:
        assert acronym._mostly_capitals(line) == plain(line), line


def test_punctuation_only_drafts_are_told_apart():
    for text, expected in (("plain", True), ("“Quoted” — yes…", True), ("café", False), ("ÉU", False),
                           ("‘a’ \u2040", False), ("𝐀", False), ("x\u203f", True), ("\ud800", False)):
        data = text.encode("utf-8", "surrogatepass")
        assert acronym._punctuation_only(text, data) is expected, text


def _other_capital_runs_reference(text):
    """The runs `_other_capital_runs` lists, read the plain way: every maximal run of \\p{Lu}
    and "&" holding a capital outside ASCII."""
    return {run for run in regex.findall(r"[\p{Lu}&]+", text) if not run.replace("&", "").isascii()}


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["A", "É", "é", "Ö", "&", " ", "“", "—", "ℂ", "Ω", "ω", "ß", "x", "Ж", "ж", "ı", "İ", "\u00a0"]),
                max_size=40).map("".join))
def test_other_capital_runs_match_the_plain_reading(text):
    # (its gate: no \p{Lu} among the non-ASCII characters, no run to read)
    data = text.encode("utf-8", "surrogatepass")
    assert acronym._other_capital_runs(text, data) == _other_capital_runs_reference(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ &\n“”—éÉΩℂЖ\u00a0\U0001F600\ud800"), max_size=30))
def test_characters_beyond_ascii_are_read_once_for_both_kinds(text):
    # `Document.beyond_ascii`, shared by the repeated-word kind and this one: the draft's
    # non-ASCII characters in order, whichever kind asks first; the runs are the plain
    # reading's either way
    doc = Document(path="draft.txt", source=text)
    assert doc.beyond_ascii == "".join(c for c in doc.text if ord(c) > 0x7F)
    assert doc.beyond_ascii is doc.beyond_ascii
    runs = acronym._other_capital_runs(doc.text, doc.utf8, doc)
    assert runs == _other_capital_runs_reference(doc.text)


def test_shortcut_is_the_same_once_the_characters_beyond_ascii_are_read():
    # with the repeated-word kind's reading in the draft's cache, `_located` asks it instead of
    # `_punctuation_only`: the same tokens either way
    kind = _kind()
    for source in ("Le PÉTR a parlé.\n", "The “NATO” summit — ABC.\n", "The ℂ set, FBI…\n", "Der ÖVP-Chef.\n", "AB&C ÉU\n"):
        doc = Document(path="draft.txt", source=source)
        doc.beyond_ascii
        spans = [(0, len(doc.text))]
        got = kind._flaggable_tokens(doc.text, spans, doc.utf8, doc=doc)
        assert [(a, m.span()) for a, m in got] == _plain(kind, doc.text, spans)
