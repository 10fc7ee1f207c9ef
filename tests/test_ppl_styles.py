"""The people rules and sourcing.anonymous on newsroom styles the other fixtures lack.

tests/fixtures/ppl-styles/ holds sets of drafts, each a run of one newsroom whose stories name
the same people on different dates: Australian (ABC-style date lines, ADF ranks), Indian
(PTI-style, "Lt Gen", "Army Commander"), Canadian (CP datelines, "Lt.-Gen.", RCMP ranks), a
markets wire (Reuters datelines, one family of executives), a US local TV site (Markdown front
matter, police chiefs promoted between stories) and Irish (RTÉ-style "Updated /" date lines,
Tánaiste). Each set is checked as one run, so titles are compared across its drafts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from lint.kinds.newsroom.dates import copy_date

ROOT = Path(__file__).resolve().parent.parent
STYLES = ROOT / "tests" / "fixtures" / "ppl-styles"
RULES = "people,sourcing.anonymous"

# (file, line, column, rule) of every finding of these rules, by set; each was read as a copy
# editor would: the anonymous sources are unnamed with no reason given; "Admiral Dean Jansen"
# against "General Dean Jansen" is one officer given two ranks; "Staff Sgt." and then "Sgt."
# Paul Tremblay is one Mountie given two ranks; spokeswoman or spokesman against spokesperson
# is one family of role nouns (the pack asks for one).
EXPECTED = {
    "au": [
        ("01-defence-review.txt", 21, 1, "sourcing.anonymous"),
        ("02-submarine-deal.txt", 19, 1, "sourcing.anonymous"),
        ("02-submarine-deal.txt", 27, 33, "people.title-consistency"),
        ("03-estimates.txt", 9, 1, "people.title-consistency"),
        ("03-estimates.txt", 23, 1, "sourcing.anonymous"),
    ],
    "biz": [
        ("01-bank-merger.txt", 13, 90, "sourcing.anonymous"),
        ("01-bank-merger.txt", 17, 1, "sourcing.anonymous"),
        ("02-bank-results.txt", 21, 1, "sourcing.anonymous"),
        ("03-tech-layoffs.md", 17, 19, "people.role-gender"),
        ("03-tech-layoffs.md", 27, 14, "sourcing.anonymous"),
    ],
    "ca": [
        ("01-arctic.txt", 17, 1, "sourcing.anonymous"),
        ("02-wildfire.txt", 13, 57, "people.title-consistency"),
    ],
    "ie": [
        ("01-budget.txt", 19, 1, "sourcing.anonymous"),
        ("02-defence-forces.txt", 15, 1, "sourcing.anonymous"),
    ],
    "in": [
        ("01-ladakh-talks.txt", 17, 1, "sourcing.anonymous"),
        ("01-ladakh-talks.txt", 19, 90, "sourcing.anonymous"),
        ("03-new-chief.txt", 13, 78, "sourcing.anonymous"),
    ],
    "tv": [
        ("02-new-chief.md", 21, 22, "people.role-gender"),
        ("02-new-chief.md", 23, 1, "sourcing.anonymous"),
    ],
}


def run_set(name):
    """(file, line, column, rule) of the set's findings, and their messages by (file, line)."""
    result = run_cli("check", "--select", RULES, "--format", "json", "--jobs", "1", STYLES / name)
    assert result.returncode in (0, 1), result.stderr
    findings = json.loads(result.stdout)["findings"]
    got = [(Path(f["path"]).name, f["line"], f["column"], f["rule"]) for f in findings]
    return got, {(Path(f["path"]).name, f["line"]): f["message"] for f in findings}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_exact_findings_of_each_set(name):
    got, _ = run_set(name)
    assert got == EXPECTED[name]


def test_no_rank_branch_error_on_other_forces():
    """Indian, Australian, Canadian and Irish forces: "Northern Army Commander Lt Gen Pratik
    Sharma" names the commander of an army, not a Commander rank; "Royal Australian Air Force
    Corporal", "British Army Lance Corporal" and "Royal Canadian Air Force Cpl." are ranks
    those forces have (all three were errors); "Wing Commander", "Group Captain", "Commodore",
    "Lt.-Gen." are left alone."""
    for name in EXPECTED:
        got, _ = run_set(name)
        assert [g for g in got if g[3] == "people.rank-branch"] == []


def test_deputy_prime_minister_who_is_also_defence_minister():
    """Australia's deputy prime minister is its defence minister: the two posts across the set's
    drafts are one person's (both were flagged); the admiral called a general still is."""
    got, messages = run_set("au")
    assert ("01-defence-review.txt", 9, 1, "people.title-consistency") not in got
    assert ("02-submarine-deal.txt", 7, 1, "people.title-consistency") not in got
    assert messages[("03-estimates.txt", 9)].startswith(
        "“General Dean Jansen” here, but “Admiral Dean Jansen” in "
    )
    assert "(dated 2026-06-18, earlier than this draft's 2026-06-24): the rank differs" in messages[("03-estimates.txt", 9)]


def test_dates_of_other_styles_are_read():
    """An RTÉ-style "Updated / Tuesday, 6 Oct 2026 14:52" line and a title-case dateline
    ("New Delhi, June 30, 2026 —") date their drafts; so do ABC and CP lines."""
    assert copy_date("Updated / Tuesday, 6 Oct 2026 14:52") == "2026-10-06"
    assert copy_date("New Delhi, June 30, 2026 —\n\nLt Gen Pratik Sharma was named.") == "2026-06-30"
    assert copy_date("Posted Mon 2 Mar 2026 at 5:12am") == "2026-03-02"
    assert copy_date("OTTAWA, March 9, 2026 (CP) — The federal government") == "2026-03-09"
    assert copy_date("The report, published 4 July 2026, found") is None


@pytest.mark.parametrize(
    "text",
    [
        "Aprİl 3, 2026",  # a capital dotted İ, which Unicode case folding makes an i
        "3 Aprİl 2026",
        "WASHINGTON, Aprİl 3, 2026 (AP) — The",
        "ſeptember 3, 2026",  # a long s, folded to s
        "Thurſday, Sept. 3, 2026",
        "Published 4 July 2026"[:0] + "Publiſhed 4 July 2026",
    ],
)
def test_month_and_weekday_words_are_english_in_ascii_case_only(text):
    assert copy_date(text) is None


def test_month_words_in_any_ascii_case_still_date():
    assert copy_date("LONDON, 4 JULY 2026 —") == "2026-07-04"
    assert copy_date("UPDATED: TUESDAY 3 MARCH 2026, 14:05 GMT") == "2026-03-03"
    assert copy_date("Published 4 July 2026 at 9:30 p.m.") == "2026-07-04"
