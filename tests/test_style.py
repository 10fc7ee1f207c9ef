"""The style pack: exact findings on realistic drafts, house choices, and what must stay silent."""

import subprocess
import sys
from pathlib import Path

import pytest

from lint import packs
from lint.document import Document
from lint.engine import Engine
from lint.kinds.base import Context
from conftest import at, SEEDS, CORPUS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def rules():
    return packs.load_pack(ROOT / "rules" / "style.yaml").rules


def findings(rules, text, rule=None, context=None):
    found, errors = Engine(rules, context).check_texts([text])
    assert not errors
    return [(f.rule, f.line, f.column, f.match) for f in found if rule is None or f.rule == rule]




DRAFT = """US jets hit Iran-backed militia depots

WASHINGTON – The U.S. military struck two depots used by Iran-backed militias on Tuesday, the Pentagon said.

The depots stored drones used against US troops, said a spokesman for the U.S. Central Command.

Iranian-backed groups have launched 20 attacks since March, the spokesman said. The jets used precision-guided bombs.

“The strikes hit several hundred US/coalition targets,” the colonel said. A later raid used precision guided bombs.

The colonel said the raid “was necessary and limited.

“We will defend our people,” he said. The Joint Operations Command (JOC) approved it and the BDSC was spared.

He said CENTCOM and the JOC, the FBI and NATO were told. The author is well known. In the long term, she said, “it will work.”
"""


def test_draft_findings_exact(rules):
    got = findings(rules, DRAFT)
    expected = [
        ("style.us-form", *at(DRAFT, "US troops"), "US"),
        ("style.variants", *at(DRAFT, "Iranian-backed"), "Iranian-backed"),
        ("style.hyphenation", *at(DRAFT, "precision guided"), "precision guided"),
        ("style.quotes", *at(DRAFT, "“was necessary"), "“"),
        ("style.acronym", *at(DRAFT, "BDSC"), "BDSC"),
        ("style.acronym", *at(DRAFT, "CENTCOM"), "CENTCOM"),
    ]
    assert sorted(got) == sorted(expected)


def test_us_form_house_choice_wins(rules):
    context = Context(house={"us-form": "US"})
    got = findings(rules, DRAFT, "style.us-form", context)
    assert got == [
        ("style.us-form", *at(DRAFT, "U.S. military"), "U.S."),
        ("style.us-form", *at(DRAFT, "U.S. Central"), "U.S."),
    ]


def test_us_form_fix_and_message(rules):
    found, _ = Engine(rules).check_texts(["Jets strike\n\nThe U.S. jets and the U.S. Navy hit US ships.\n"])
    (finding,) = found
    assert finding.fix.replacement == "U.S." and not finding.fix.safe
    assert "use U.S. throughout the body" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "Strikes\n\nThe U.S. military struck. He covered USCENTCOM for the paper.\n",
        "Strikes\n\nThe U.S. paid US$5 million.\n",
        "Strikes\n\nThe U.S. team chanted LET US WIN.\n",
        # headlines are not the body: US there is AP style
        "US jets strike militias\n\nThe U.S. military struck.\n",
        # a quote is the speaker's words
        "Strikes\n\nThe U.S. base houses “several hundred US/coalition troops,” he said.\n",
    ],
)
def test_us_form_silent(rules, text):
    assert findings(rules, text, "style.us-form") == []


@pytest.mark.parametrize(
    "text",
    [
        # AP allows the AP on second reference
        "Strikes\n\nThe Associated Press reported it first. The AP said five died.\n",
        "BAGHDAD (AP) — Jets struck militias, the AP learned.\n",
        "Strikes\n\nThe AP Stylebook and the AP agree.\n",
        "Strikes\n\nJets hit Iran-backed militias. “Iranian-backed groups did it,” he said.\n",
    ],
)
def test_variants_silent(rules, text):
    assert findings(rules, text, "style.variants") == []


def test_variants_majority_outside_quotes(rules):
    text = "Strikes\n\nAn e-mail arrived. A second e-mail followed.\n\nShe sent an email on Monday.\n"
    assert findings(rules, text, "style.variants") == [("style.variants", 5, 13, "email")]


@pytest.mark.parametrize(
    "text",
    [
        "Strikes\n\nShe is a well-known author. The author is well known in Iraq.\n",
        "Strikes\n\nIt is a long-term plan. In the long term, it may fail.\n",
        "Strikes\n\nThey will follow up on Monday. The follow-up meeting is set.\n",
        "Strikes\n\nThe jets used precision-\nguided munitions and precision guided bombs.\n",
        "Strikes\n\nA highly-rated unit and a highly rated unit.\n",
        "Strikes\n\nShoppers may buy a one-pack bundle, one pack per order.\n",
        "Strikes\n\nThey sell different-different things and different different kinds.\n",
        "Strikes\n\nJean-Pierre Dupont met Jean Pierre Dupont.\n",
    ],
)
def test_hyphenation_silent(rules, text):
    assert findings(rules, text, "style.hyphenation") == []


def test_hyphenation_majority_wins(rules):
    text = "Strikes\n\nA long term plan. Another long term plan. A long-term plan.\n"
    assert findings(rules, text, "style.hyphenation") == [("style.hyphenation", *at(text, "long-term"), "long-term")]


@pytest.mark.parametrize(
    "text",
    [
        "Strikes\n\nWASHINGTON — The FBI said so.\n",
        "Strikes\n\nThe World War II bomb weighed 200 KG.\n",
        "Strikes\n\nThe rally in Austin, TX drew crowds.\n",
        "Strikes\n\nThe militias use unmanned aerial vehicle (UAV) attacks. The UAV hit.\n",
        "Strikes\n\nThe RMT union (National Union of Rail, Maritime and Transport Workers) objected.\n",
        "Strikes\n\nThey asked about Special Interest Groups (SIGs) and how SIG members vote.\n",
        "Strikes\n\nThey got a BPL card [below poverty line].\n",
        "Strikes\n\nBroadcaster ABS-CBN and drug REGN-EB3 were named.\n",
        "Strikes\n\n“We will get through this TOGETHER!” he wrote.\n",
        "Strikes\n\nThe chant was MAGA. MAGA stands for Make America Great Again.\n",
        "Strikes\n\nThe desk signed off. JEFF OK’D\n",
    ],
)
def test_acronym_silent(rules, text):
    assert findings(rules, text, "style.acronym") == []


def test_acronym_first_use_only(rules):
    text = "Strikes\n\nThe BDSC was hit.\n\nThe BDSC was hit again.\n"
    assert findings(rules, text, "style.acronym") == [("style.acronym", 3, 5, "BDSC")]


def test_quotes_stray_closing_and_unclosed(rules):
    text = "Strikes\n\nHe left.” Then he spoke.\n\n“It was hard, he said.\n\nThe end.\n"
    got = findings(rules, text, "style.quotes")
    assert got == [("style.quotes", 3, 9, "”"), ("style.quotes", 5, 1, "“")]


def test_quotes_full_sentence_run_on_is_fine(rules):
    text = "Strikes\n\n“These attacks are troubling,” he said, “And they go on.\n\n“The drone was part of that.”\n"
    assert findings(rules, text, "style.quotes") == []


def test_quotes_inches_are_not_quotes(rules):
    assert findings(rules, "Strikes\n\nThe 6'2\" guard scored.\n", "style.quotes") == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed drafts not present")
@pytest.mark.skipif(not (SEEDS / "draft-a.txt").is_file(), reason="sample drafts not present")
def test_seed_drafts(rules):
    def run(name):
        found, _ = Engine(rules).check_texts([(SEEDS / name).read_text(encoding="utf-8")])
        return [(f.rule, f.line, f.column, f.match) for f in found]

    a = run("draft-a.txt")
    us = [f for f in a if f[0] == "style.us-form"]
    # nine US in the body; two are inside Kirby's quotes and stay
    assert [f[1] for f in us] == [5, 11, 17, 19, 23, 27, 33]
    assert [f[1:] for f in a if f[0] == "style.variants"] == [(3, 60, "Iran-backed")]
    assert [f[1:3] for f in a if f[0] == "style.stray-subhead"] == [(21, 1)]
    b = run("draft-b.txt")
    assert ("style.hyphenation", 43, 94, "precision guided") in b
    assert ("style.acronym", 47, 113, "BDSC") in b
    quotes = [f[1] for f in b if f[0] == "style.quotes"]
    assert quotes == [55]  # 55: a partial quote left open; 49 runs on correctly
    assert ("style.variants", 39, 84, "Iranian-backed") in b


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not present")
def test_corpus_runs_clean(rules):
    docs = [Document(str(p), p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]
    found, errors = Engine(rules).run(docs)
    assert errors == []
    assert len([f for f in found if f.rule == "style.hyphenation"]) <= 0.1 * len(docs)
    # real subheads, score lines and prose that lost a full stop mid-paragraph stay silent
    assert [f for f in found if f.rule == "style.stray-subhead"] == []


def test_test_pack_cli_passes():
    result = subprocess.run(
        [sys.executable, "-m", "lint", "test-pack", "rules/style.yaml", "rules/sourcing.yaml"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# ---- stray-subhead: the word-count lookahead reads seven words, not the whole paragraph -------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_SUBHEAD_WAS = (
    r'^(?<=\n[^\S\n]*\n)(?=\p{Lu})(?=(?:\S+[^\S\n]+){6,}\S)(?!(?:\S+[^\S\n]+){20})\p{Lu}'
    r'[^\n.!?\d"“”]*[^\s.!?:;,"”’)\]…\d](?=[^\S\n]*\n[^\S\n]*\n\s*\S)'
)
_SUBHEAD_WORDS = st.sampled_from(["The", "threat", "of", "drones", "A", "b", "Main", "é", "Ölü"] * 4 + ["concern.", "5", "“x”", "x:"])
_SUBHEAD_LINES = st.lists(st.lists(_SUBHEAD_WORDS, min_size=4, max_size=24).map(" ".join), max_size=6).map(
    lambda lines: "Head\n\n" + "\n\n".join(lines) + "\n\nMore.\n"
)


@settings(max_examples=300, deadline=None)
@given(_SUBHEAD_LINES, st.sampled_from([" ", "  ", "\t", " \u00a0"]))
def test_stray_subhead_pattern_matches_what_the_unbounded_one_did(text, space):
    import regex

    from lint import packs

    text = text.replace(" ", space)
    (shipped,) = next(r for r in packs.load_rules() if r.id == "style.stray-subhead").kind.patterns
    now = regex.compile(shipped, regex.MULTILINE)
    was = regex.compile(_SUBHEAD_WAS, regex.MULTILINE)
    assert [m.span() for m in now.finditer(text)] == [m.span() for m in was.finditer(text)]
