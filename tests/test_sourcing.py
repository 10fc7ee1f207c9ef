"""The sourcing pack: exact findings on realistic drafts, and what must stay silent."""

import subprocess
import sys
from pathlib import Path

import pytest

from lint.packs import loader as packs
from lint.engine.runner import Engine
from conftest import at, SEEDS, CORPUS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def rules():
    return packs.load_pack(ROOT / "rules" / "sourcing.yaml").rules


def findings(rules, text, rule=None):
    found, errors = Engine(rules).check_texts([text])
    assert not errors
    return [(f.rule, f.line, f.column, f.match) for f in found if rule is None or f.rule == rule]




DRAFT = """Jets strike militia depots in eastern Syria

DAMASCUS – American jets struck two depots used by Iran-backed militias on Tuesday, the Pentagon announced.

The depots stored rockets used in attacks on a base in northern Iraq, a defense official told reporters.

Militias have fired 14 rockets at the base since March. The base has no air defenses.

Three militia fighters were killed in the strikes, two militia commanders told Reuters. The commanders, speaking on condition of anonymity because they were not authorized to brief the media, said one depot burned for hours.

The Syrian Observatory for Human Rights reported that at least six fighters were killed.

In 2019, a rocket attack on the same base killed a contractor and wounded four soldiers.

Officials said the depots had been watched for weeks.

“We lost 12 of our brothers in one night,” militia spokesman Abu Hadi said.

Maj. Lena Ortiz, a coalition spokeswoman, noted in a statement that the strikes were limited. The strikes reportedly caused $2 million in damage.

The jets, two F-15Es from the 336th squadron, returned at 9:30 p.m. on Feb. 15, and a 19-year-old airman led the ground crew.
"""


def test_draft_findings_exact(rules):
    got = findings(rules, DRAFT)
    expected = [
        ("sourcing.anonymous", *at(DRAFT, "a defense official"), "a defense official"),
        ("sourcing.unattributed-figure", *at(DRAFT, "14 rockets"), "14 rockets"),
        ("sourcing.unattributed-figure", *at(DRAFT, "killed a contractor"), "killed a contractor"),
        ("sourcing.vague", *at(DRAFT, "Officials said"), "Officials said"),
        ("sourcing.said-verb", *at(DRAFT, "noted"), "noted"),
        ("sourcing.vague", *at(DRAFT, "reportedly"), "reportedly"),
    ]
    assert sorted(got) == sorted(expected)


@pytest.mark.parametrize(
    "sentence",
    [
        # attribution in the sentence, the one before, or the one after
        "Four fighters were killed in the strikes, two commanders told AP.",
        "The blast hit at dawn, police said. Nine people died.",
        "Nine people died. Police said the blast hit at dawn.",
        "At least five militiamen were killed, according to the Syrian Observatory.",
        # inside a quote whose speaker is named
        "“We lost 12 of our brothers,” spokesman Abu Hadi said.",
        # not figures: years, dates, times, ages, designators, compounds, scores, units
        "Congress moved to repeal the nearly two-decade-old war resolution.",
        "Two F-15E jets took off on Feb. 15 at 9:30 p.m. from Flight Line 3.",
        "The 19-year-old was hurt in 2020 after the 3-1 win.",
        "The patrol walked 12 miles before the attack.",
        "No one was hurt in the second blast.",
        "The archive counts events where four or more people are killed as mass shootings.",
        # vote shares are public record; a measure is not a claim
        "She received 3 percent of the vote in 2012.",
        "The bacteria grew in 80% nitrogen gas.",
        # money that is a price, fine or prize
        "The winning team received $10,000 and a trophy.",
        # court record
        "He is accused of killing two people in the attack.",
    ],
)
def test_unattributed_figure_silent(rules, sentence):
    text = f"Headline here\n\n{sentence}\n"
    assert findings(rules, text, "sourcing.unattributed-figure") == []


def test_figure_in_headline_is_not_flagged(rules):
    text = "Blast kills 40 in market\n\nA blast tore through the market on Friday, police said.\n"
    assert findings(rules, text, "sourcing.unattributed-figure") == []


def test_interview_transcript_is_attributed_by_its_labels(rules):
    text = (
        "Wikinews talks to a rescuer\n\nJo Ruiz leads a rescue team.\n\n"
        "((WN)) How many did you find?\n\n((Jo Ruiz)) We found 40 people dead in the first week.\n"
    )
    assert findings(rules, text, "sourcing.unattributed-figure") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The jets returned safely, according to a defense official who was not authorized to speak publicly.",
        "Navy Cmdr. Lena Ortiz, a Pentagon spokeswoman, told reporters the strikes were limited.",
        "A spokesman, John Kirby, said the strikes were limited.",
        "The defense official said the jets returned safely.",
        "In a statement the official said the jets returned safely.",
        "The strikes hit two depots, a defense official, who was not authorized to speak publicly, said.",
    ],
)
def test_anonymous_silent(rules, sentence):
    text = f"Headline here\n\n{sentence}\n"
    assert findings(rules, text, "sourcing.anonymous") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Two militia officials told AP the first strike hit a depot.",
        "Defense Secretary Lloyd Austin and other officials said the strikes were limited.",
        "The government said in a statement that taxes would rise.",
    ],
)
def test_vague_silent(rules, sentence):
    text = f"Headline here\n\n{sentence}\n"
    assert findings(rules, text, "sourcing.vague") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The group claimed responsibility for the attack.",
        "The noted author was admitted to hospital on Monday.",
        "Conway was elected to the society and admitted to the American Academy in 1992.",
        "Hers was the only identity disclosed.",
        "Saudi Arabia denied all claims that he was killed.",
        "“I could not support my notes, and I froze,” she said.",
    ],
)
def test_said_verb_silent(rules, sentence):
    text = f"Headline here\n\n{sentence}\n"
    assert findings(rules, text, "sourcing.said-verb") == []


def test_said_verb_fix_uses_tense():
    rules = packs.load_pack(ROOT / "rules" / "sourcing.yaml").rules
    found, _ = Engine(rules).check_texts(["Headline here\n\nThe mayor claims that the budget is balanced.\n"])
    (finding,) = [f for f in found if f.rule == "sourcing.said-verb"]
    assert finding.fix.replacement == "says"
    assert "use “says”" in finding.message


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed drafts not present")
def test_seed_drafts(rules):
    def run(name):
        doc_text = (SEEDS / name).read_text(encoding="utf-8")
        found, _ = Engine(rules).check_texts([doc_text])
        return [(f.rule, f.line, f.column) for f in found]

    a = run("draft-a.txt")
    assert ("sourcing.unattributed-figure", 33, 199) in a
    assert [f for f in a if f[0] == "sourcing.unattributed-figure"] == [
        ("sourcing.unattributed-figure", 17, 185),  # killed a contractor
        ("sourcing.unattributed-figure", 33, 199),  # wounding dozens of soldiers
    ]
    assert ("sourcing.said-verb", 27, 7) in a
    b = run("draft-b.txt")
    assert [f for f in b if f[0] == "sourcing.unattributed-figure"] == []
    # b:31 "a U.S. Embassy spokesperson" speaks for a named organisation: on the record
    assert [f[1] for f in b if f[0] == "sourcing.anonymous"] == [7, 29, 39]
    assert [f[1] for f in b if f[0] == "sourcing.vague"] == [1, 41]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not present")
def test_corpus_runs_clean_and_quiet(rules):
    from lint.drafts.document import Document

    docs = [Document(str(p), p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]
    found, errors = Engine(rules).run(docs)
    assert errors == []
    figures = [f for f in found if f.rule == "sourcing.unattributed-figure"]
    # measured 31 over 328 articles when tuned; a large jump means a precision regression
    assert len(figures) <= 0.2 * len(docs)


def test_test_pack_cli_passes():
    result = subprocess.run(
        [sys.executable, "-m", "lint", "test-pack", "rules/sourcing.yaml"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all pass" in result.stdout
