"""Web furniture in copy as it really arrives: the draft model (blocks however the copy was
pasted, a headline only when it is one) and hygiene.boilerplate's signals, runs, levels and fix.

Every draft here is written for these tests, in both paste formats: one block a line (a browser
copy into a plain editor) and blocks between blank lines.
"""

from __future__ import annotations

import pytest

from lint.packs import loader as packs
from lint.drafts.document import Document
from lint.engine.runner import Engine

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
            "The gunmen fled in two cars.\n")
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
def test_a_list_after_the_story_without_evidence_is_the_story_s(blank):
    # a story may end with its own list: with nothing that marks the lines as links, they stay
    blocks = ["Council shuts Elm Street library", LEDE, SECOND, THIRD,
              "Harbour ferry fares to rise in April", "Two hurt as lorry overturns on bypass",
              "School run parking fines double again", "Floodlights approved for county ground"]
    assert furniture(pasted(blocks, blank)) == []


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
    "Jobs",                       # a list's heading straight before prose is the story's subhead
    "In other news",
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
    from lint.drafts.reader import read_draft

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
              "Discussion Policy", "Sign in", "Report", "Star Commenter Badge", blurb, "Get a badge", "Sign in here"]
    findings, _ = Engine(BOILERPLATE).check_texts([pasted(blocks, blank)])
    assert [(f.line, f.end_line, str(f.severity), f.fix.safe) for f in findings] == [
        (line_of(blocks, 4, blank), line_of(blocks, 12, blank), "warning", False)]


@BOTH
def test_a_lone_paragraph_after_a_few_lines_of_furniture_is_left_to_the_desk(blank):
    # four lines of furniture may still be mid-story residue: the paragraph after them stays
    blurb = "Readers who post often and well can earn a badge that shows next to their name in every thread."
    blocks = ["Council shuts Elm Street library", LEDE, SECOND, THIRD, "Comments", "Show Comments",
              "Discussion Policy", "Star Commenter Badge", blurb, "Get a badge", "Sign in here"]
    findings = furniture(pasted(blocks, blank))
    assert [(f[0], f[1], f[2]) for f in findings] == [
        (line_of(blocks, 4, blank), line_of(blocks, 6, blank), "error"),
        (line_of(blocks, 10, blank), line_of(blocks, 10, blank), "error")]


@BOTH
def test_a_video_player_s_settings_before_the_lede_are_one_run(blank):
    player = ["Settings", "Full Screen", "Quality", "Auto", "High", "Low", "Captions", "Aa", "Aa", "Aa", "Back"]
    blocks = ["Council shuts Elm Street library", "By Tom Reed"] + player + [LEDE, SECOND]
    findings = furniture(pasted(blocks, blank))
    # from its first line with evidence ("Full Screen") to its last
    assert [(f[0], f[1], f[2]) for f in findings] == [(line_of(blocks, 3, blank), line_of(blocks, 12, blank), "error")]


@BOTH
def test_a_summary_s_points_after_a_share_bar_before_the_lede_stay(blank):
    blocks = ["Council shuts Elm Street library", "By Jane Hill", "Share", "Tweet", "Email", "Key points",
              "Council votes 6-3 to shut branch", "Closure due next spring", "Board to decide fate of archive",
              "Campaigners plan legal challenge", LEDE, SECOND, THIRD]
    findings = furniture(pasted(blocks, blank))
    assert [(f[0], f[1], f[2]) for f in findings] == [(line_of(blocks, 2, blank), line_of(blocks, 4, blank), "error")]


def test_only_sure_furniture_has_a_safe_fix():
    blocks = ["Council shuts Elm Street library", LEDE, "Aa", SECOND, THIRD, "Share", "Tweet"]
    findings, _ = Engine(BOILERPLATE).check_texts([pasted(blocks, True)])
    assert [(str(f.severity), f.fix.safe) for f in findings] == [("warning", False), ("error", True)]


# ---- whole drafts in styles the scraped pages lack: what a copy editor keeps stays silent ------

WIRE = [
    "Floods force thousands from homes in river valley",
    "MARLOW FALLS, Ore. (AP) — Floodwaters forced more than 3,000 people from their homes along the "
    "Carrow River on Wednesday as a second storm in a week pushed the river over its banks.",
    "The river crested at 24 feet, six feet above flood stage, the National Weather Service said.",
    "No one was hurt.",
    "\"We've never seen it come up this fast,\" said Dana Ortiz, who fled with her two dogs.",
    "Officials opened three shelters.",
    "More rain is expected Friday.",
    "___",
    "This story has been corrected to show the river crested at 24 feet, not 26.",
    "___",
    "Associated Press writer Luis Reyes in Portland contributed to this report.",
    "Share",
    "Tweet",
    "Email",
]

LIVE = [
    "Budget 2026: Chancellor sets out tax changes – as it happened",
    "Key events",
    "14:52 GMT",
    "The Chancellor has sat down after speaking for 71 minutes.",
    "Labour backbenchers cheered as she finished, while the Conservative benches were largely quiet.",
    "14:41 GMT",
    "Fuel duty frozen again",
    "The 5p cut in fuel duty will stay for another year, the Chancellor says, costing the Treasury £3bn.",
    "A spokesman for the RAC said drivers would welcome the news.",
    "Advertisement",
    "14.30 GMT",
    "Income tax thresholds",
    "Thresholds stay frozen until 2030.",
    "That means millions more people will pay the higher rate as wages rise, the Institute for Fiscal Studies says.",
    "14:12 GMT",
    "Growth forecast cut",
    "The Office for Budget Responsibility now expects the economy to grow by 1.1% this year, down from 1.5%.",
    "Updated at 14.15 GMT",
]

MAGAZINE = [
    "The last lighthouse keeper",
    "For thirty years Margaret Ellery kept the lamp at Hollin Point burning, long after the machines "
    "could have done it for her.",
    "She climbed the 112 steps every evening at dusk, and again before dawn, and she wrote down the "
    "weather in a ledger that now fills a shelf.",
    "“The sea doesn't care who is watching it. But I did.”",
    "When the board automated the light in 1998, she stayed on as caretaker, mending the paint and "
    "answering letters from children.",
    "Her favourite verse, copied in pencil inside the cover of the first ledger, is still there:",
    "Keep the lamp,",
    "mind the glass,",
    "count the ships",
    "as the long nights pass.",
    "What she kept in the lantern room",
    "a brass telescope",
    "two pairs of gloves",
    "a tin of peppermints",
    "her late husband's compass",
    "“I never once let it go dark”",
    "She died in March at 91. The light still turns, but no one writes down the weather any more.",
]

SPORT = [
    "Riverton 2-1 Ashford: late Okafor header sends hosts top",
    "Riverton went top of League Two after Sam Okafor headed in a stoppage-time winner against "
    "ten-man Ashford at Mill Lane.",
    "Ashford led at the break through Tom Hale's volley, but Jack Price levelled with a penalty after 58 minutes.",
    "\"We never stopped believing,\" Riverton manager Kate Dunn told BBC Radio Riverton.",
    "Line-ups",
    "Riverton: Walsh, Evans, Okafor, Grant, Little, Price, Moss (Hart 70), Doyle, Banks, Reid, Ward (Kerr 80).",
    "Subs not used: Dean, Fox, Lowe.",
    "Ashford: Pike, Hale, Cole, Mint, Short, Lamb, Rowe, Tait, Vine, Wood, Yates.",
    "Sent off: Cole (75).",
    "Attendance: 6,402",
    "Referee: John Marsh",
    "Match stats",
    "Possession",
    "58%",
    "42%",
    "Shots",
    "14",
    "6",
    "League Two top three",
    "Riverton",
    "12",
    "8",
    "3",
    "1",
    "27",
    "Ashford",
    "12",
    "8",
    "2",
    "2",
    "26",
    "Kingsbridge",
    "12",
    "7",
    "4",
    "1",
    "25",
]


@BOTH
@pytest.mark.parametrize("draft,furniture_at", [
    (WIRE, [(11, 13, "error")]),      # one-line paragraphs, "___" and a contributor line stay
    (LIVE, [(9, 9, "error")]),        # timestamps, one-line posts and subheads stay
    (MAGAZINE, []),                   # a pull quote, a verse and a list stay
    (SPORT, []),                      # line-ups, stats and a table pasted a cell a line stay
], ids=["wire", "live", "magazine", "sport"])
def test_a_whole_draft_keeps_every_line_a_copy_editor_would(blank, draft, furniture_at):
    findings = furniture(pasted(draft, blank))
    assert [(f[0], f[1], f[2]) for f in findings] == [
        (line_of(draft, first, blank), line_of(draft, last, blank), level) for first, last, level in furniture_at]


@BOTH
def test_a_chart_s_axis_is_furniture_but_a_table_row_is_not(blank):
    axis = ["100", "80", "60", "40", "20", "0"]
    row = ["Riverton", "12", "8", "3", "1", "27"]
    chart = furniture(pasted(["Council shuts Elm Street library", LEDE] + axis + [SECOND, THIRD], blank))
    assert [(f[0], f[1], f[2]) for f in chart] == [(line_of(axis, 2, blank), line_of(axis, 7, blank), "error")]
    assert furniture(pasted(["Council shuts Elm Street library", LEDE] + row + [SECOND, THIRD], blank)) == []


@BOTH
def test_the_headline_said_again_is_never_furniture(blank):
    blocks = ["Council shuts Elm Street library", LEDE, SECOND, THIRD, "Most Read", "1",
              "Council shuts Elm Street library", "2", "Harbour ferry fares to rise in April", "3",
              "Two hurt as lorry overturns on bypass"]
    findings = furniture(pasted(blocks, blank))
    # the most-read list goes in two pieces around the story's own headline
    assert [(f[0], f[1]) for f in findings] == [
        (line_of(blocks, 4, blank), line_of(blocks, 5, blank)), (line_of(blocks, 7, blank), line_of(blocks, 10, blank))]


@BOTH
def test_numbers_on_lines_of_their_own_rank_a_most_read_list_after_the_story_only(blank):
    ranked = ["1", "Harbour ferry fares to rise in April", "2", "Two hurt as lorry overturns on bypass", "3",
              "School run parking fines double again"]
    listicle = ["Council shuts Elm Street library", LEDE] + ranked + [SECOND, THIRD]
    assert furniture(pasted(listicle, blank)) == []
    after = ["Council shuts Elm Street library", LEDE, SECOND, THIRD] + ranked
    assert [(f[0], f[1], f[2]) for f in furniture(pasted(after, blank))] == [
        (line_of(after, 4, blank), line_of(after, 9, blank), "error")]


@BOTH
def test_a_pull_quote_shown_twice_and_a_story_s_closing_list_stay(blank):
    blocks = ["Council shuts Elm Street library", LEDE, "“It taught me to read”", SECOND, THIRD,
              "“It taught me to read”", "Key dates", "1911: Branch opens", "1962: Reading room added",
              "2024: Council votes to close"]
    assert furniture(pasted(blocks, blank)) == []


def test_a_number_a_name_or_a_subhead_in_three_different_stories_is_not_furniture():
    drafts = [pasted([f"Story {i} headline", f"The lede of story {i} says what happened on day {i}.", "Background",
                      f"The second paragraph of story {i} gives the background to what happened.", "Riverton", "2",
                      "Ashford Town", "1", "Associated Press"], True) for i in range(3)]
    findings, errors = Engine(BOILERPLATE).check_texts(drafts, ["a.txt", "b.txt", "c.txt"])
    assert not errors
    assert findings == []


@BOTH
def test_a_refrain_said_twice_inside_the_story_stays(blank):
    blocks = ["Council shuts Elm Street library", LEDE, "The children sang it at the last story hour:",
              "Open the door, open the book", "turn every page", "Open the door, open the book",
              "and read till it's dark", SECOND, THIRD]
    assert furniture(pasted(blocks, blank)) == []


@BOTH
def test_short_paragraphs_after_an_ad_marker_at_the_story_s_end_stay(blank):
    # wire copy ends with one-line paragraphs: the ad marker and the share bar go, the story stays
    blocks = ["Floods force thousands from homes", WIRE[1], WIRE[2], "Advertisement", "No one was hurt.",
              "More rain is expected Friday.", "Share", "Tweet"]
    text = pasted(blocks, blank)
    findings, _ = Engine(BOILERPLATE).check_texts([text])
    assert [(f.line, f.end_line, str(f.severity)) for f in findings] == [
        (line_of(blocks, 3, blank), line_of(blocks, 3, blank), "error"),
        (line_of(blocks, 6, blank), line_of(blocks, 7, blank), "error")]
    assert _apply(text, findings) == pasted(blocks[:3] + blocks[4:6], blank)


@BOTH
def test_a_last_paragraph_after_three_lines_of_residue_stays_the_story_s(blank):
    blocks = ["Council shuts Elm Street library", LEDE, SECOND, "Advertisement", "Continue reading the main story",
              "Image", THIRD, "Share", "Tweet"]
    findings = furniture(pasted(blocks, blank))
    assert [(f[0], f[1], f[2]) for f in findings] == [
        (line_of(blocks, 3, blank), line_of(blocks, 5, blank), "error"),
        (line_of(blocks, 7, blank), line_of(blocks, 8, blank), "error")]


@BOTH
def test_a_number_next_to_a_share_link_is_its_count(blank):
    blocks = ["Council shuts Elm Street library", LEDE, "Share", "0", SECOND, THIRD]
    assert [(f[0], f[1], f[2]) for f in furniture(pasted(blocks, blank))] == [
        (line_of(blocks, 2, blank), line_of(blocks, 3, blank), "error")]


@BOTH
def test_a_bar_of_links_alone_inside_the_story_stays_but_goes_with_other_furniture(blank):
    bar = "Price: £399 | Battery: 10 hours | Weight: 1.2kg"
    alone = ["Council shuts Elm Street library", LEDE, bar, SECOND, THIRD]
    assert furniture(pasted(alone, blank)) == []
    company = ["Council shuts Elm Street library", LEDE, "News | Sport | Weather", "Advertisement", SECOND, THIRD]
    assert [(f[0], f[1], f[2]) for f in furniture(pasted(company, blank))] == [
        (line_of(company, 2, blank), line_of(company, 3, blank), "error")]


@BOTH
def test_a_page_menu_above_the_headline_goes_and_the_headline_stays(blank):
    """A whole page pasted from its first line: the menu, then the story's headline and the
    share bar. The menu and the share bar are furniture; the headline (a title with nothing of
    its own, before the story) is never deleted with them."""
    blocks = ["Skip to content", "Menu", "Sections", "Library branch to close after roof fight",
              "Share this story", "Facebook", "WhatsApp", "Copy link", LEDE, SECOND, THIRD]
    text = pasted(blocks, blank)
    found = furniture(text)
    flagged = {line for first, last, _, _ in found for line in range(first, (last or first) + 1)}
    headline = line_of(blocks, 3, blank)
    assert headline not in flagged
    assert {line_of(blocks, k, blank) for k in (1, 2, 4, 5, 6, 7)} <= flagged
