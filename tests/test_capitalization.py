"""The capitalization kind and the newsroom headline-case rule (style.headline-case)."""

from __future__ import annotations

import pytest

from conftest import run_cli
from lint import api
from lint.kinds.generic import capitalization as cap


@pytest.mark.parametrize(
    "text, style, expected",
    [
        ("the fall of the house of usher", "AP", "The Fall of the House of Usher"),
        ("council votes to close libraries in kent", "AP", "Council Votes to Close Libraries in Kent"),
        ("what the polls say about the race", "AP", "What the Polls Say About the Race"),
        ("what the polls say about the race", "Chicago", "What the Polls Say about the Race"),
        ("storm hits: thousands without power", "AP", "Storm Hits: Thousands Without Power"),
    ],
)
def test_title_case_ap_and_chicago(text, style, expected):
    assert cap.title_case(text, style) == expected


def test_conforms_sentence_title_lower_upper_and_pattern():
    names = cap.exceptions_pattern(["Treasury", "Rishi Sunak"])
    assert cap.conforms("Treasury sets out plans", "$sentence", exceptions=names)
    assert cap.conforms("Rishi Sunak sets out plans", "$sentence", exceptions=names)
    assert not cap.conforms("Treasury Sets Out Spending Plans", "$sentence", exceptions=names)
    assert not cap.conforms("this starts in lower case", "$sentence")
    assert cap.conforms("Budget 2024: What it means", "$sentence", indicators=[":"])
    assert cap.conforms("Treasury Sets Out Spending Plans", "$title")
    assert not cap.conforms("Treasury sets out spending plans today", "$title")
    # threshold: a share of the words may be out of case
    assert cap.conforms("Council Votes on budget cuts", "$sentence", threshold=0.5)
    assert cap.conforms("all quiet", "$lower") and not cap.conforms("All quiet", "$lower")
    assert cap.conforms("NATO", "$upper")
    import regex

    assert cap.conforms("Q3 results", "custom", pattern=regex.compile(r"^Q[1-4]\b"))


def test_proper_nouns_are_the_words_a_body_capitalises_mid_sentence():
    text = "Storm hits coast\n\nA storm hit Kent on Sunday. The Met Office said the Environment Agency warned.\n"
    assert cap.proper_nouns(text, text.index("\n")) == ["Agency", "Environment", "Kent", "Met", "Office", "Sunday"]


def check(text, house=None, tmp_path=None):
    checker = api.Checker.load(tmp_path, select=["style.headline-case"])
    if house:
        checker.context.house.update(house)
    return checker.check_text(text, "draft.txt")


@pytest.mark.parametrize(
    "draft",
    [
        # a British broadcaster: names of the body, a title before a name
        "Chancellor Rachel Reeves sets out £12m plan for Kent\n\nThe Chancellor, Rachel Reeves, told MPs in Kent on Tuesday that the plan would cost £12m.\n",
        # wire copy with a dateline: a place and an agency as proper nouns
        "Nigeria and Benin join African Union trade bloc\n\nABUJA (Reuters) - Nigeria and Benin joined the African Union bloc on Sunday, officials said.\n",
        # a local paper: accents in the body, plain ASCII in the headline
        "Jaroslaw Kaczynski promises tougher sentences\n\nThe party leader, Jarosław Kaczyński, spoke in Warsaw.\n",
        "Prime Minister Akilisi Pohiva dies aged 78\n\nThe Tongan leader died in hospital in Auckland on Thursday.\n",
    ],
)
def test_headline_case_leaves_sentence_case_headlines_alone(draft, tmp_path):
    assert check(draft, tmp_path=tmp_path) == []


def test_headline_case_flags_title_case_under_ap_and_sentence_case_under_a_title_house(tmp_path):
    draft = "Council Votes To Close Three Branch Libraries\n\nThe council voted on Tuesday to close three libraries.\n"
    found = check(draft, tmp_path=tmp_path)
    assert [(f.rule, f.line, f.column) for f in found] == [("style.headline-case", 1, 1)]
    assert "sentence case" in found[0].message
    assert "“Council votes to close three branch libraries”" in found[0].message
    # a magazine desk: `house: {headline-case: title}`
    assert check(draft, {"headline-case": "title"}, tmp_path=tmp_path) == []
    found = check("Council votes to close three libraries\n\nThe council voted.\n", {"headline-case": "title"}, tmp_path=tmp_path)
    assert [f.rule for f in found] == ["style.headline-case"] and "title case" in found[0].message
    assert "“Council Votes to Close Three Libraries”" in found[0].message


def test_house_choice_is_validated(tmp_path):
    (tmp_path / "copydesk.yaml").write_text("house:\n  headline-case: shouting\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Council votes\n\nThe council voted.\n", encoding="utf-8")
    result = run_cli("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and "headline-case" in result.stderr


def test_people_of_the_registry_are_exceptions(tmp_path):
    from types import SimpleNamespace

    checker = api.Checker.load(tmp_path, select=["style.headline-case"])
    draft = "Trade Chief Okonjo-Iweala Warns On Tariffs\n\nThe trade chief said on Monday that tariffs would hurt growth.\n"
    assert [f.rule for f in checker.check_text(draft, "a.txt")] == ["style.headline-case"]
    # capitalised words the body never writes in lower case may be names: not held against it
    draft = "Storm hits Cornwall coast\n\nWaves flooded harbour roads overnight.\n"
    assert checker.check_text(draft, "a.txt") == []
    draft = "Okonjo-Iweala warns on tariffs\n\nShe spoke on Monday.\n"
    assert checker.check_text(draft, "a.txt") == []
    # names whose words the body also writes in lower case: only the registry tells
    draft = "Ngozi Okonjo-Iweala meets Hope Young\n\nThe two met on Monday; young traders said they had little hope of a deal.\n"
    assert [f.rule for f in checker.check_text(draft, "a.txt")] == ["style.headline-case"]
    checker.context.registry = SimpleNamespace(
        people=[SimpleNamespace(name="Ngozi Okonjo-Iweala"), SimpleNamespace(name="Hope Young")]
    )
    assert checker.check_text(draft, "a.txt") == []
