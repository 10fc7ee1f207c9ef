"""Web furniture in copy as it really arrives: the draft model (blocks however the copy was
pasted, a headline only when it is one) and hygiene.boilerplate's signals, runs, levels and fix.

Every draft here is written for these tests, in both paste formats: one block a line (a browser
copy into a plain editor) and blocks between blank lines.
"""

from __future__ import annotations

import pytest

from lint import packs
from lint.document import Document
from lint.engine import Engine

ALL_RULES = packs.load_rules()
BOILERPLATE = [r for r in ALL_RULES if r.id == "hygiene.boilerplate"]
SOURCING = [r for r in ALL_RULES if r.id == "sourcing.unattributed-figure"]


def pasted(blocks, blank):
    return ("\n\n" if blank else "\n").join(blocks) + "\n"


def line_of(blocks, index, blank):
    return index * 2 + 1 if blank else index + 1


def furniture(text, rules=BOILERPLATE):
    findings, errors = Engine(rules).check_texts([text])
    assert not errors
    return [(f.line, f.end_line, str(f.severity), f.match) for f in findings]


BOTH = pytest.mark.parametrize("blank", [False, True], ids=["one-block-a-line", "blank-lines"])

LEDE = ("RIVERTON — The county council voted 6-3 on Tuesday to close the Elm Street library branch "
        "next spring, ending a two-year fight over its leaking roof.")
SECOND = ("Councillor Amy Brandt, who voted against the plan, said the branch served more readers "
          "than any other in the county and deserved a new roof, not a padlock.")
THIRD = ("The library board will meet next month to decide what happens to the building's "
         "collection of local newspapers, a spokesman for the board said.")


# ---- the draft model ---------------------------------------------------------------------


def test_a_txt_draft_opening_with_its_lede_keeps_the_lede():
    """Issue 12 item 7: a lede is prose, so it is not taken as a headline and is checked."""
    text = ("Forty people were killed in the attack on the market in Riverton on Tuesday.\n\n"
            "The gunmen fled in two cars, witnesses said.\n")
    doc = Document.from_text(text)
    assert doc.headline is None
    assert doc.body[0] == 0
    findings, _ = Engine(SOURCING).check_texts([text])
    assert [(f.line, f.column, f.rule) for f in findings] == [(1, 1, "sourcing.unattributed-figure")]


def test_a_headline_is_short_and_unpunctuated():
    assert Document.from_text("Council shuts Elm Street library\n\nThe council voted.\n").headline == (0, 32)
    assert Document.from_text("Will the library close?\n\nThe council votes today.\n").headline == (0, 23)
    assert Document.from_text("The council voted to shut the library.\n\nIt was 6-3.\n").headline is None


@BOTH
def test_blocks_headline_and_story_end_whichever_way_it_was_pasted(blank):
    blocks = ["Council shuts Elm Street library", LEDE, "Advertisement", SECOND, THIRD, "Share", "Tweet", "Email"]
    doc = Document.from_text(pasted(blocks, blank))
    assert [doc.text[s:e] for s, e in doc.blocks] == blocks
    assert doc.text[slice(*doc.headline)] == "Council shuts Elm Street library"
    assert doc.text[slice(*doc.last_prose)] == THIRD
    assert doc.text[doc.after_story:].split() == ["Share", "Tweet", "Email"]
    # a draft with no blank line at all: its paragraphs are its blocks
    assert len(doc.paragraphs) == len(blocks)


def test_hard_wrapped_paragraphs_are_one_block_each():
    text = (
        "Library to close\n\n"
        "RIVERTON -- The county council voted 6-3 on Tuesday to close the Elm\n"
        "Street library branch next spring, ending a two-year fight over its\n"
        "leaking roof and the cost of fixing it.\n\n"
        "Councillor Amy Brandt, who voted against the plan, said the branch\n"
        "served more readers than any other in the county and deserved a new\n"
        "roof, not a padlock.\n"
    )
    doc = Document.from_text(text)
    assert len(doc.blocks) == 3
    assert furniture(text) == []


# ---- classes of furniture, both paste formats --------------------------------------------------


@BOTH
def test_share_bar_after_the_story_is_one_error_spanning_the_run(blank):
    blocks = ["Council shuts Elm Street library", LEDE, SECOND, THIRD, "Share", "Tweet", "Email", "Print"]
    text = pasted(blocks, blank)
    ((line, end_line, level, match),) = furniture(text)
    assert (line, end_line, level) == (line_of(blocks, 4, blank), line_of(blocks, 7, blank), "error")
    assert match.split() == ["Share", "Tweet", "Email", "Print"]


@BOTH
def test_related_headlines_after_the_story_go_with_their_heading(blank):
    blocks = ["Council shuts Elm Street library", LEDE, SECOND, THIRD, "More Stories",
              "Harbour ferry fares to rise in April", "Two hurt as lorry overturns on bypass",
              "School run parking fines double", "Floodlights approved for county ground"]
    findings = furniture(pasted(blocks, blank))
    assert [(f[0], f[1], f[2]) for f in findings] == [(line_of(blocks, 4, blank), line_of(blocks, 8, blank), "error")]


@BOTH
def test_a_long_list_of_headlines_after_the_story_is_worth_a_look(blank):
    blocks = ["Council shuts Elm Street library", LEDE, SECOND, THIRD,
              "Harbour ferry fares to rise in April", "Two hurt as lorry overturns on bypass",
              "School run parking fines double again", "Floodlights approved for county ground"]
    findings = furniture(pasted(blocks, blank))
    assert [(f[0], f[1], f[2]) for f in findings] == [(line_of(blocks, 4, blank), line_of(blocks, 7, blank), "warning")]


@BOTH
@pytest.mark.parametrize("residue,level", [
    ("ADVERTISEMENT", "error"),
    ("Ad", "error"),
    ("Continue reading the main story", "error"),
    ("Your video will play in 00:25", "error"),
    ("Photo credit: Jane Hill/Riverton Gazette", "error"),
    ("Font size:", "error"),
    ("|", "warning"),
    ("»", "warning"),
    ("1 / 5", "warning"),
    ("Undo", "warning"),
    ("Aa", "warning"),
    ("1,204 comments", "error"),
    ("Parking fines set to double in the new year … Read more", "error"),
    ("Bus lanes to open Bus lanes to open Bus lanes to", "warning"),
    ("Contact Tom Reed at tom.reed@gazette.example", "warning"),
    ("Credit Jane Hill", "warning"),
    ("ViewComments12", "warning"),
])
def test_residue_between_two_paragraphs(blank, residue, level):
    blocks = ["Council shuts Elm Street library", LEDE, residue, SECOND, THIRD]
    text = pasted(blocks, blank)
    assert furniture(text) == [(line_of(blocks, 2, blank), line_of(blocks, 2, blank), level, residue)]


@BOTH
def test_chart_tick_labels_between_paragraphs_are_one_run(blank):
    chart = ["Loans by year", "£40m", "£20m", "0", "’19", "’20", "’21", "’22"]
    blocks = ["Council shuts Elm Street library", LEDE] + chart + [SECOND, THIRD]
    findings = furniture(pasted(blocks, blank))
    # the axis goes; the chart's title at the run's edge reads as a subhead and stays
    assert [(f[0], f[1], f[2]) for f in findings] == [(line_of(blocks, 3, blank), line_of(blocks, 9, blank), "error")]


@BOTH
def test_counters_and_link_words_before_the_lede(blank):
    blocks = ["Council shuts Elm Street library", "By Tom Reed", "4 June 2024", "Share", "Tweet", "Email",
              LEDE, SECOND]
    findings = furniture(pasted(blocks, blank))
    assert [(f[0], f[1], f[2]) for f in findings] == [(line_of(blocks, 3, blank), line_of(blocks, 5, blank), "error")]


def test_the_same_line_in_three_different_stories_is_furniture():
    drafts = [pasted([f"Story {i} headline", f"The lede of story {i} says what happened on day {i}.",
                      "From the Gazette Network"], True) for i in range(3)]
    findings, errors = Engine(BOILERPLATE).check_texts(drafts, ["a.txt", "b.txt", "c.txt"])
    assert not errors
    assert [(f.path, f.line, str(f.severity)) for f in findings] == [
        ("a.txt", 5, "error"), ("b.txt", 5, "error"), ("c.txt", 5, "error")]
    assert "the same line stands in 2 other drafts" in findings[0].message


def test_furniture_inside_a_hard_wrapped_paragraph():
    text = (
        "Library to close\n\n"
        "RIVERTON -- The county council voted 6-3 on Tuesday to close the Elm\n"
        "Street library branch next spring, ending a two-year fight over its\n"
        "Advertisement\n"
        "leaking roof and the cost of fixing it, the council said on Tuesday.\n\n"
        "Councillor Amy Brandt, who voted against the plan, said the branch\n"
        "served more readers than any other in the county and deserved a new\n"
        "roof, not a padlock.\n"
    )
    assert furniture(text) == [(5, 5, "error", "Advertisement")]


# ---- messages and the fix ------------------------------------------------------------------------


def test_the_message_gives_the_evidence_and_what_to_do():
    text = pasted(["Council shuts Elm Street library", LEDE, SECOND, "Share", "Tweet"], False)
    (finding,) = Engine(BOILERPLATE).check_texts([text])[0]
    assert finding.message == (
        "2 lines, “Share” to “Tweet”, are web-page furniture pasted in with the story (2 short lines after "
        "the story's last paragraph; link text alone on a line): delete them")


@BOTH
def test_the_fix_deletes_the_run_and_keeps_paragraph_breaks(blank):
    blocks = ["Council shuts Elm Street library", LEDE, "Advertisement", "Continue reading the main story",
              SECOND, THIRD, "Share", "Tweet"]
    text = pasted(blocks, blank)
    findings, _ = Engine(BOILERPLATE).check_texts([text])
    assert _apply(text, findings) == pasted(["Council shuts Elm Street library", LEDE, SECOND, THIRD], blank)


def test_a_fix_never_glues_a_paragraph_to_the_next():
    # a blank line before the furniture, none after it: the paragraph break must stay
    text = f"Council shuts Elm Street library\n\n{LEDE}\n\nAdvertisement\n{SECOND}\n"
    findings, _ = Engine(BOILERPLATE).check_texts([text])
    assert _apply(text, findings) == f"Council shuts Elm Street library\n\n{LEDE}\n\n{SECOND}\n"


def _apply(text, findings):
    for f in sorted(findings, key=lambda f: f.fix.start, reverse=True):
        text = text[: f.fix.start] + f.fix.replacement + text[f.fix.end :]
    return text


# ---- must stay silent ----------------------------------------------------------------------------


@BOTH
@pytest.mark.parametrize("quiet", [
    "Why the branch matters",     # a subhead the story uses
    "Analysis",                   # a one-word subhead
    "By Tom Reed",                # a byline
    "RIVERTON, Vt. —",            # a dateline alone
    "Tuesday, 4 June 2024",       # a date
    "* * *",                      # section breaks
    "X X X",
    "2000 GMT",                   # a kick-off or broadcast time
    "20:00",
    "The old reading room in 1962 (Photo: Gazette archive)",  # a caption is copy
    "Facebook",                   # a network's name alone: an embed's label, a photo's credit
    "87",                         # a number alone: a score, a price
    "4 June 2024 • 2:15pm",       # a date and a time
    "Jane Hill | Riverton Gazette",  # a credit
])
def test_must_stay_silent_between_paragraphs(blank, quiet):
    blocks = ["Council shuts Elm Street library", LEDE, quiet, SECOND, THIRD]
    assert furniture(pasted(blocks, blank)) == []


@BOTH
def test_a_subhead_the_story_uses_twice_is_not_furniture(blank):
    blocks = ["Council shuts Elm Street library", LEDE, "What they said", SECOND, "What they said", THIRD]
    assert furniture(pasted(blocks, blank)) == []


@BOTH
def test_a_repeated_line_next_to_a_link_word_is_furniture_but_not_before_prose(blank):
    blocks = ["Council shuts Elm Street library", LEDE, "Watch the meeting live", "Play", SECOND, "Watch the meeting live", THIRD]
    findings = furniture(pasted(blocks, blank))
    # the player's label and button go as one run; the same label straight before prose is left
    assert [(f[0], f[1], f[2]) for f in findings] == [(line_of(blocks, 2, blank), line_of(blocks, 3, blank), "error")]


@BOTH
def test_a_list_inside_the_story_is_never_an_error(blank):
    blocks = ["Cup draw pairs Riverton with Ashford", LEDE, "The third-round draw in full:",
              "Riverton v Ashford", "Kingsbridge v Hollins Park", "Dunmore Town v Eastleigh Rovers",
              "Castlebury v Northfield", "The ties will be played on the weekend of 14 September, the league said."]
    assert [f for f in furniture(pasted(blocks, blank)) if f[2] == "error"] == []


@BOTH
def test_a_results_table_after_the_story_is_never_an_error(blank):
    blocks = ["Riverton win county title", LEDE, SECOND, "Final standings", "Riverton 24", "Ashford 19",
              "Kingsbridge 17", "Dunmore 12"]
    assert [f for f in furniture(pasted(blocks, blank)) if f[2] == "error"] == []


def test_seed_drafts_keep_their_findings(seeds):
    found = {}
    for name in ("draft-a.txt", "draft-b.txt"):
        doc = Document(path=name, source=(seeds / name).read_text(encoding="utf-8"))
        findings, _ = Engine(BOILERPLATE).run([doc])
        found[name] = [(f.line, f.end_line, str(f.severity)) for f in findings]
    assert found == {"draft-a.txt": [(35, 35, "error")], "draft-b.txt": [(63, 64, "error")]}


def test_a_level_set_in_the_config_rules_sure_and_doubtful_furniture_alike():
    from lint.model import Severity

    rules = packs.with_severity(BOILERPLATE, {"hygiene.boilerplate": Severity.WARNING})
    blocks = ["Council shuts Elm Street library", LEDE, "Aa", SECOND, THIRD, "Share", "Tweet"]
    findings = furniture(pasted(blocks, True), rules)
    # sure furniture takes the configured level; what is only worth a look stays a level lower
    assert [(f[0], f[2]) for f in findings] == [(5, "suggestion"), (11, "warning")]


def test_a_repeated_line_with_a_sentence_in_it_is_not_a_label():
    text = "Headline\n\nIt fell. More later\n\nIt fell. More later\n"
    assert furniture(text) == []


def test_numbers_in_a_markdown_or_html_table_are_the_story_s_data(tmp_path):
    from lint.reader import read_draft

    table_md = "| ward | votes |\n| --- | --- |\n| North | 1,204 |\n| South | 986 |\n| East | 1,377 |\n| West | 642 |\n"
    (tmp_path / "vote.md").write_text(f"# Ward results\n\n{LEDE}\n\n{table_md}\n{SECOND}\n", encoding="utf-8")
    rows = "".join(f"<tr><td>{w}</td><td>{n}</td></tr>" for w, n in [("North", "1,204"), ("South", "986"), ("East", "1,377")])
    (tmp_path / "vote.html").write_text(
        f"<h1>Ward results</h1><p>{LEDE}</p><table>{rows}</table><p>{SECOND}</p><p>Share</p><p>Tweet</p>\n", encoding="utf-8")
    docs = [read_draft(str(tmp_path / name)) for name in ("vote.md", "vote.html")]
    findings, errors = Engine(BOILERPLATE).run(docs)
    assert not errors
    # only the share bar after the HTML story
    assert [(f.path.rsplit("/", 1)[-1], f.match) for f in findings] == [("vote.html", "Share</p><p>Tweet")]


@BOTH
def test_a_last_paragraph_after_an_ad_marker_stays_the_story_s(blank):
    blocks = ["Council shuts Elm Street library", LEDE, SECOND, "Advertisement", THIRD, "Related", "More on the council"]
    findings, _ = Engine(BOILERPLATE).check_texts([pasted(blocks, blank)])
    assert [(f.line, f.end_line) for f in findings] == [
        (line_of(blocks, 3, blank), line_of(blocks, 3, blank)), (line_of(blocks, 5, blank), line_of(blocks, 6, blank))]
    assert all(f.fix.safe for f in findings)


@BOTH
def test_a_blurb_inside_the_furniture_after_the_story_is_worth_a_look_and_never_fixed_unasked(blank):
    blurb = "Readers who post often and well can earn a badge that shows next to their name in every thread."
    blocks = ["Council shuts Elm Street library", LEDE, SECOND, THIRD, "Comments", "Show Comments",
              "Discussion Policy", "Star Commenter Badge", blurb, "Get a badge", "Sign in here"]
    findings, _ = Engine(BOILERPLATE).check_texts([pasted(blocks, blank)])
    assert [(f.line, f.end_line, str(f.severity), f.fix.safe) for f in findings] == [
        (line_of(blocks, 4, blank), line_of(blocks, 10, blank), "warning", False)]


@BOTH
def test_a_video_player_s_settings_before_the_lede_are_one_run(blank):
    player = ["Settings", "Full Screen", "Quality", "Auto", "High", "Low", "Captions", "Aa", "Aa", "Aa", "Back"]
    blocks = ["Council shuts Elm Street library", "By Tom Reed"] + player + [LEDE, SECOND]
    findings = furniture(pasted(blocks, blank))
    assert [(f[0], f[1], f[2]) for f in findings] == [(line_of(blocks, 2, blank), line_of(blocks, 12, blank), "error")]


def test_only_sure_furniture_has_a_safe_fix():
    blocks = ["Council shuts Elm Street library", LEDE, "Aa", SECOND, THIRD, "Share", "Tweet"]
    findings, _ = Engine(BOILERPLATE).check_texts([pasted(blocks, True)])
    assert [(str(f.severity), f.fix.safe) for f in findings] == [("warning", False), ("error", True)]
