"""Desk notes left in copy (hygiene.editor-note), the ones the desk should look at
(hygiene.possible-editor-note) and headings run onto a paragraph (hygiene.run-on-heading):
exact findings on drafts in several newsrooms' styles, in both paste formats, and the false
alarms that must stay silent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SEEDS, SHARED, at, run_cli
from lint.packs import loader as packs
from lint.engine.runner import Engine

FIXTURES = Path(__file__).parent / "fixtures" / "desk-notes"
NOTE, POSSIBLE, HEADING = "hygiene.editor-note", "hygiene.possible-editor-note", "hygiene.run-on-heading"
RULES = [r for r in packs.load_rules() if r.id in (NOTE, POSSIBLE, HEADING)]


def one_block_a_line(text: str) -> str:
    """The draft as a browser copy into a plain editor gives it: no blank lines."""
    return re.sub(r"\n[ \t]*\n+", "\n", text)


FORMATS = {"blank-line paragraphs": lambda text: text, "one block a line": one_block_a_line}


def findings(text: str):
    found, errors = Engine(RULES).check_texts([text])
    assert not errors
    return [(f.rule, f.line, f.column, f.match) for f in found]


def expected(text: str, wanted):
    """[(rule, line, column, match)] for (rule, match[, nth]) in `wanted`, placed in `text`."""
    out = []
    for rule, match, *nth in wanted:
        line, column = at(text, match, nth[0] if nth else 0)
        out.append((rule, line, column, match))
    return sorted(out, key=lambda f: (f[1], f[2], f[0]))


# ---- drafts in six newsrooms' styles, each with notes and copy that must stay silent ---------

FIXTURE_FINDINGS = {
    # wire: an Eds: advisory, a missing figure, (CQ), NOTE TO EDS, TK and an end mark; the
    # dateline NORFOLK, Va. (AP), NTSB, NATO and U.S. Navy stay silent
    "wire.txt": [
        (NOTE, "Eds:"),
        (NOTE, "XXX"),
        (NOTE, "(CQ)"),
        (NOTE, "NOTE TO EDS"),
        (NOTE, "TK"),
        (NOTE, "###"),
    ],
    # British broadcaster: [ED: ...], {NOTE: ...}, a —MIKE, desk sign-off, HOLD FOR LEGAL;
    # the subhead WHAT HAPPENS NEXT, 2000 GMT on its own line, "US", £12m stay silent
    "broadcaster.txt": [
        (NOTE, "[ED: check the date of approval with the council press office]"),
        (NOTE, "{NOTE: second flood was February 2021, confirm}"),
        (NOTE, "MIKE, desk"),
        (NOTE, "HOLD FOR LEGAL"),
    ],
    # local paper: instructions in capitals on lines of their own, [[...]], a mixed-case
    # sign-off after a name in capitals, tktk, a missing sum; the RIVERTON dateline and the
    # * * * break stay silent; a credit line run onto a paragraph is a warning
    "local.txt": [
        (NOTE, "$XX,XXX"),
        (NOTE, "CHECK SPELLING OF NAME"),
        (NOTE, "[[check this with legal]]"),
        (NOTE, "ADD QUOTE FROM MAYOR HERE"),
        (NOTE, "DANA ok'd"),
        (NOTE, "tktk"),
        (HEADING, "ADDITIONAL REPORTING"),
    ],
    # magazine: a headline and subhead in capitals, X X X, the film XXX and a shout inside a
    # quotation stay silent; {NOTE: ...}, a missing sum and [add quote ...] are notes; an
    # ordinary-case [Note: ...] is for the desk to look at
    "magazine.txt": [
        (POSSIBLE, "[Note: Dunning asked us not to print his home address]"),
        (NOTE, "{NOTE: photo desk has the portrait, caption TK}"),
        (NOTE, "XXX", 1),
        (NOTE, "[add quote from the council]"),
    ],
    # sports: a heading run onto the paragraph is a warning; XX minutes, a sign-off, TK TK and
    # a glued CHECK are notes; VAR, the stats lines and 2000 GMT stay silent
    "sports.txt": [
        (HEADING, "KEY MATCH STATS"),
        (NOTE, "XX"),
        (NOTE, "TOM OK'D"),
        (NOTE, "TK TK"),
        (NOTE, "CHECK"),
    ],
    # reader comments: LOL, OK and NO MORE TAXES in quoted comments stay silent; a bracketed
    # request, TK: and a request in capitals glued to the last paragraph are notes
    "comments.txt": [
        (NOTE, "[need source for this comment, which platform?]"),
        (NOTE, "TK"),
        (NOTE, "PLS CHECK ALL NAMES BEFORE PUBLISHING"),
    ],
}


@pytest.mark.parametrize("paste", FORMATS)
@pytest.mark.parametrize("name", sorted(FIXTURE_FINDINGS))
def test_fixture_drafts_exact_findings(name, paste):
    text = FORMATS[paste]((FIXTURES / name).read_text(encoding="utf-8"))
    assert findings(text) == expected(text, FIXTURE_FINDINGS[name])


def test_every_fixture_draft_is_checked():
    assert sorted(p.name for p in FIXTURES.glob("*.txt")) == sorted(FIXTURE_FINDINGS)


# ---- each class of note, in a draft of its own, in both paste formats ------------------------

HEAD = "Storm cuts power to coast\n\nSEABROOK — Thousands of homes lost power on Sunday, the utility said.\n\n"
TAIL = "\n\nCrews expect to restore service by Tuesday.\n"

CLASSES = [
    # notes in brackets addressed to the desk or telling it what to do
    ("double brackets", "The outage began at 2 a.m. [[check this with legal]] in the south.", NOTE, "[[check this with legal]]"),
    ("double round brackets", "The outage began at 2 a.m. ((need time from utility)).", NOTE, "((need time from utility))"),
    ("ED: in brackets", "The outage began at 2 a.m. [ED: confirm with utility]", NOTE, "[ED: confirm with utility]"),
    ("NOTE: in braces", "The outage began at 2 a.m. {NOTE: utility says 3 a.m.}", NOTE, "{NOTE: utility says 3 a.m.}"),
    ("desk verb in brackets", "Spokesman Carl Vey [check spelling] said crews were out.", NOTE, "[check spelling]"),
    ("angle brackets", "Crews were out early. <<insert quote from mayor>>", NOTE, "<<insert quote from mayor>>"),
    ("cq in brackets", "Spokesman Carl Vey [cq] said crews were out.", NOTE, "[cq]"),
    # CQ glued to a name, and CQ'd spellings
    ("(CQ)", "Spokesman Carl Vey (CQ) said crews were out.", NOTE, "(CQ)"),
    ("lower-case cq", "Spokesman Carl Vey cq said crews were out.", NOTE, "cq"),
    ("CQ after a name", "Spokesman Carl Vey CQ said crews were out.", NOTE, "CQ"),
    ("CQ'd", "Spokesman Carl Vey said crews were out. Name CQ'd with utility.", NOTE, "CQ'd"),
    # instructions in capitals on a line of their own, or glued to a paragraph
    ("instruction on its own line", "CHECK SPELLING OF NAME", NOTE, "CHECK SPELLING OF NAME"),
    ("add-quote line", "ADD QUOTE FROM MAYOR HERE", NOTE, "ADD QUOTE FROM MAYOR HERE"),
    ("need line", "NEED SOURCE FOR OUTAGE FIGURE", NOTE, "NEED SOURCE FOR OUTAGE FIGURE"),
    ("a verb and a verb", "About 40,000 homes were affected. NEEDS CONFIRMING", NOTE, "NEEDS CONFIRMING"),
    ("a verb shouted on its own line", "VERIFY!!!", NOTE, "VERIFY"),
    ("glued CHECK", "About 40,000 homes were affected. CHECK", NOTE, "CHECK"),
    ("instruction glued", "About 40,000 homes were affected. VERIFY FIGURE WITH UTILITY", NOTE, "VERIFY FIGURE WITH UTILITY"),
    ("pls", "About 40,000 homes were affected. pls check figure", NOTE, "pls check figure"),
    # sign-offs
    ("NAME OK'D", "Crews were out before dawn, the utility said. JEFF OK’D", NOTE, "JEFF OK’D"),
    ("name in capitals, mixed-case sign-off", "Crews were out before dawn, the utility said. DANA ok'd", NOTE, "DANA ok'd"),
    ("dash and desk", "Crews were out before dawn, the utility said. -- desk", NOTE, "desk"),
    ("slash sign-off", "Crews were out before dawn, the utility said. -- BEN/desk", NOTE, "BEN/desk"),
    ("dash sign-off", "Crews were out before dawn, the utility said. —MIKE, desk", NOTE, "MIKE, desk"),
    ("desk's name, then a word that signs off", "Crews were out before dawn, the utility said. LEGAL CLEARED", NOTE, "LEGAL CLEARED"),
    ("subbed", "Crews were out before dawn, the utility said. ROS SUBBED", NOTE, "ROS SUBBED"),
    ("desk OK", "Crews were out before dawn, the utility said. LEGAL OK", NOTE, "LEGAL OK"),
    ("desk to read", "LAWYERS TO READ", NOTE, "LAWYERS TO READ"),
    ("to come", "PICS TO COME", NOTE, "PICS TO COME"),
    ("addressee and an order", "NB check title of spokesman", NOTE, "NB"),
    ("note in double brackets opening a line", "((fix this graf))", NOTE, "((fix this graf))"),
    # to come, placeholders, advisories, end marks
    ("question marks for a figure", "Power will be back at ?? p.m., the utility said.", NOTE, "??"),
    ("XXX after the last sentence", "Power will be back soon, the utility said. XXX", NOTE, "XXX"),
    ("TK", "Power will be back by TK, the utility said.", NOTE, "TK"),
    ("TKTK", "Power will be back by TKTK, the utility said.", NOTE, "TKTK"),
    ("tktk", "Power will be back by tktk, the utility said.", NOTE, "tktk"),
    ("TK run", "Power will be back by TK TK TK, the utility said.", NOTE, "TK TK TK"),
    ("XXX people", "About XXX people were moved to shelters, officials said.", NOTE, "XXX"),
    ("XXX homes", "The storm left XXX homes without power, the utility said.", NOTE, "XXX"),
    ("$XX million", "Repairs will cost $XX million, the utility said.", NOTE, "$XX"),
    ("XX%", "Power was restored to XX% of customers, the utility said.", NOTE, "XX%"),
    ("XXX on its own line", "XXX", NOTE, "XXX"),
    ("NOTE TO EDS", "Crews were out early. NOTE TO EDS: casualty figure to follow.", NOTE, "NOTE TO EDS"),
    ("EDS:", "EDS: Adds quote from governor.", NOTE, "EDS"),
    ("Eds:", "Eds: Adds quote from governor.", NOTE, "Eds:"),
    ("HOLD FOR", "HOLD FOR RELEASE 6 P.M.", NOTE, "HOLD FOR RELEASE"),
    ("REFILE", "REFILE-Storm cuts power to coast", NOTE, "REFILE-"),
    ("wire change note", "(Adds quote from governor in paragraph 4)", NOTE, "(Adds quote from governor in paragraph 4)"),
    ("### end mark", "###", NOTE, "###"),
    ("-30- end mark", "-30-", NOTE, "-30-"),
    ("ENDS", "ENDS", NOTE, "ENDS"),
    ("end mark glued", "Crews were out before dawn, the utility said. ###", NOTE, "###"),
    # for the desk to look at
    ("ordinary-case note", "Crews were out early [Note: utility would not give a number].", POSSIBLE, "[Note: utility would not give a number]"),
    ("embargo line", "Embargoed until 00:01 Monday", POSSIBLE, "Embargoed until"),
    ("unclear XXX", "The utility's chief, XXX, declined to comment.", POSSIBLE, "XXX"),
    ("wiki link", "The storm hit [[Seabrook]] first.", POSSIBLE, "[[Seabrook]]"),
    ("a name and a word that may sign off", "Crews were out before dawn, the utility said. PLAN APPROVED", POSSIBLE, "PLAN APPROVED"),
    ("NB opening a line", "NB: times are local.", POSSIBLE, "NB"),
    ("name and OK", "Crews were out before dawn, the utility said. JEFF OK", POSSIBLE, "JEFF OK"),
    # a heading run onto a paragraph
    ("run-on heading", "Crews were out before dawn, the utility said. WHAT HAPPENS NEXT", HEADING, "WHAT HAPPENS NEXT"),
]


@pytest.mark.parametrize("paste", FORMATS)
@pytest.mark.parametrize("case", CLASSES, ids=[c[0] for c in CLASSES])
def test_each_class_of_note(case, paste):
    _, paragraph, rule, match = case
    text = FORMATS[paste](HEAD + paragraph + TAIL)
    assert findings(text) == expected(text, [(rule, match)])


# ---- what must stay silent (each seen as an error-level false alarm on clean copy) -----------

SILENT = [
    ("headline in capitals", "POLICE CHECK CARS AFTER BREAK-INS"),
    ("subhead in capitals", "WHAT THE UTILITY SAYS"),
    ("headline speaking to readers", "CHECK YOUR NAME ON THE VOTER ROLL"),
    ("headline with OK'D", "VACCINE OK’D FOR TEENS"),
    ("dateline", "RIVERTON — The council met on Monday."),
    ("state dateline", "NORFOLK, Va. — The council met on Monday."),
    ("byline in capitals", "By JANE DOE and OMAR HADDAD"),
    ("section break X X X", "X X X"),
    ("section break stars", "* * *"),
    ("kick-off time", "2000 GMT"),
    ("film titled XXX", "Vin Diesel starred in XXX, the 2002 spy film, before the sequels."),
    ("the film XXX", "The cinema showed the film XXX on Friday."),
    ("game titled XXX", "The studio's game XXX sold well in Japan."),
    ("Super Bowl XXX", "The Cowboys won Super Bowl XXX in 1996."),
    ("LOL in a reader's comment", "“This is the best news all year LOL,” one reader wrote."),
    ("OK in a reader's comment", "“OK, but who pays for it?” asked another."),
    ("a shout in a quotation", "“GET OUT NOW,” the firefighters shouted. “CHECK EVERY ROOM.”"),
    ("acronyms in prose", "NATO and the EU said the NTSB and FEMA would help, the U.S. Embassy said."),
    ("a designator", "The stormtrooper TK-421 was not at his post, the film's fans note."),
    ("a sentence opening with an advisory word", "Advisory committees will meet on Friday."),
    ("a button named in capitals", "Tap the CONFIRM button to finish the report."),
    ("capitals inside prose", "The sign read STOP in red letters, and the lights said CLOSED."),
    ("one word in capitals after the last sentence", "The striker scored in the final. AGAIN"),
    ("abbreviation then capitals", "Troops were sent from the U.S. NATO ALLIES followed."),
    ("Spanish abbreviation", "Todo sobre el asalto al Capitolio de EE. UU."),
    ("CQ the publication", "CQ Roll Call first reported the vote."),
    ("TK Maxx", "The TK Maxx store on the high street will close."),
    ("flight code", "Flight TK1878 landed safely in Istanbul."),
    ("Lawmakers OK'd", "Lawmakers OK’d the plan on Tuesday."),
    ("published update", "[Update: The utility replied after publication.]"),
    ("published editor's note", "[Editor’s note: This story has been corrected.]"),
    ("editor's note in capitals", "EDITOR’S NOTE: This story contains strong language."),
    ("sic", "“We was told nothing [sic],” he said."),
    ("quote insertion", "“They [the utility] told us nothing,” he said."),
    ("letters put into a quotation", "“We detect[ed] the fault at once,” the engineer said."),
    ("question put into a quotation", "“Why would I [get a legal notice?] — I built it myself,” he said."),
    ("omission in a quotation", "“We will rebuild [...] and we will be stronger,” she said."),
    ("parenthetical for readers", "Residents can report outages online (check the utility's website for details)."),
    ("Markdown heading pasted as text", "### What happens next"),
    ("hashtag", "Residents posted under #StormWatch all night."),
    ("temperature", "Temperatures fell to -30 C overnight."),
    ("speaker label", "((WN)) How long will repairs take?"),
    ("speaker label on its own line", "((Jo Marsh))"),
    ("TK MAXX in a headline in capitals", "TK MAXX TO CLOSE TEN STORES"),
    ("cq in an e-mail address", "Email cq@example.com for tickets."),
    ("slogan in capitals", "NEED TO KNOW"),
    ("imperative subhead with a pronoun", "FIX IT FOR GOOD"),
    ("tabloid headline", "Miley Cyrus -- Burglary Victim ... AGAIN"),
    ("please in prose", "The mayor asked residents to please check on elderly neighbours."),
    ("TBC in a fixture list", "Kick-off: TBC"),
    ("TBC in brackets", "Kick-off is at 3pm (TBC)."),
    ("a fact-check label", "FACT-CHECK: The claim about the dam is false"),
    ("pls in a quoted text message", "“pls call me when you land,” the text message read."),
    ("a numeral opening a sentence", "Rule XXX of the code applies to the utility."),
]


@pytest.mark.parametrize("paste", FORMATS)
@pytest.mark.parametrize("case", SILENT, ids=[c[0] for c in SILENT])
def test_must_stay_silent(case, paste):
    _, paragraph = case
    text = FORMATS[paste](HEAD + paragraph + TAIL)
    assert findings(text) == []


def test_a_heading_run_onto_a_paragraph_is_a_warning_that_says_what_it_is():
    text = "Cup final\n\nUnited won 2-1, a fair reflection of the result. KEY MATCH STATS\n\nPossession: 54%\n"
    found, _ = Engine(packs.load_rules()).check_texts([text])
    (finding,) = [f for f in found if "KEY MATCH STATS" in f.match]
    assert (finding.rule, str(finding.severity), finding.line, finding.column) == (HEADING, "warning", *at(text, "KEY"))
    assert finding.message == (
        "“KEY MATCH STATS” looks like a heading run onto the end of the paragraph by a bad paste: "
        "put it on its own line, or delete it"
    )


def test_a_possible_note_says_why_and_what_to_do():
    text = "Storm\n\nThe utility's chief, XXX, declined to comment.\n"
    found, _ = Engine(RULES).check_texts([text])
    (finding,) = found
    assert str(finding.severity) == "warning"
    assert finding.message == (
        "“XXX” may be a note to editors left in the copy (a placeholder for a missing figure or name, or a title): "
        "if it is, resolve it and delete it; if it belongs in the story, leave it"
    )


def test_a_desk_adds_its_own_words_without_python(tmp_path):
    # a copy of the shipped table beside a house pack, with the desk's own verb and addressee
    table = (Path(packs.tables.data_dir()) / "desk_notes.yaml").read_text(encoding="utf-8")
    table = table.replace("verbs:\n", "verbs:\n  - SNAG\n", 1).replace("addressees:\n", "addressees:\n  - NIGHTLEAD\n", 1)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "desk_notes.yaml").write_text(table, encoding="utf-8")
    (tmp_path / "house.yaml").write_text(
        "name: house\nrules:\n  notes:\n    kind: desk-note\n    level: error\n"
        "    message: \"“{match}”: a desk note\"\n    words: {table: desk_notes}\n"
        "    examples:\n      fail:\n        - text: \"Storm\\n\\nSNAG QUOTE FROM MAYOR\\n\\nThe storm hit.\\n\"\n"
        "          match: SNAG QUOTE FROM MAYOR\n        - text: \"The storm hit. NIGHTLEAD: run it at 6\\n\"\n"
        "          match: NIGHTLEAD\n      pass:\n        - \"SNAG OUR FREE GUIDE\\n\\nThe storm hit.\\n\"\n",
        encoding="utf-8",
    )
    result = run_cli("test-pack", str(tmp_path / "house.yaml"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all pass" in result.stdout


def test_a_wrong_report_option_names_the_file_and_line(tmp_path):
    (tmp_path / "house.yaml").write_text(
        "name: house\nrules:\n  notes:\n    kind: desk-note\n    level: error\n    message: \"{match}\"\n"
        "    words: {table: desk_notes}\n    report: notes\n    examples:\n      fail: [\"TK\\n\"]\n",
        encoding="utf-8",
    )
    result = run_cli("test-pack", str(tmp_path / "house.yaml"))
    assert result.returncode == 2
    assert "house.yaml:8: rule 'notes': `report` is one of note, possible, run-on-heading, not 'notes'" in result.stderr
    assert "Traceback" not in result.stderr


# ---- the newsroom's sample drafts and real web copy ---------------------------------------


def test_seed_drafts_keep_exactly_their_editor_note(seeds):
    texts = [(seeds / name).read_text(encoding="utf-8") for name in ("draft-a.txt", "draft-b.txt")]
    found, errors = Engine(RULES).check_texts(texts, ["draft-a.txt", "draft-b.txt"])
    assert not errors
    assert [(f.path, f.line, f.column, f.rule, f.match) for f in found] == [
        ("draft-a.txt", 9, 366, NOTE, "JEFF OK’D"),
    ]


SCRAPED = SHARED / "corpus" / "scraped"


@pytest.mark.parametrize("paste", FORMATS)
def test_no_note_findings_on_real_web_pages(paste):
    pages = sorted(SCRAPED.glob("*.txt")) if SCRAPED.is_dir() else []
    if not pages:
        pytest.skip("the scraped pages (../shared/corpus/scraped) are not present")
    # the pages come one block a line; blank-line paragraphs are the other paste
    texts = [p.read_text(encoding="utf-8") for p in pages]
    if paste == "blank-line paragraphs":
        texts = [t.replace("\n", "\n\n") for t in texts]
    found, errors = Engine(RULES).check_texts(texts, [p.name for p in pages])
    assert not errors
    assert [(f.path, f.line, f.rule, f.match) for f in found] == []
