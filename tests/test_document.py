"""The document model: exact positions, paragraphs, sentences, quotes, headline."""

from __future__ import annotations

from lint.drafts.document import Document, split_sentences
from lint.engine.runner import Engine
from lint.packs import loader as packs


def sentences(text):
    doc = Document.from_text(text)
    return [doc.text[s:e] for s, e in doc.sentences]


def editor_note_findings(source):
    rule = next(r for r in packs.load_rules() if r.id == "hygiene.editor-note")
    findings, errors = Engine([rule]).check_texts([source])
    assert not errors
    return findings


def test_positions_count_characters_with_curly_quotes_and_dashes():
    source = "Headline — with a dash\n\n“Quote,” she said — then left. JEFF OK’D\n"
    (finding,) = editor_note_findings(source)
    # “Quote,” she said — then left. = 31 characters, whatever their UTF-8 length
    assert (finding.line, finding.column) == (3, 32)
    assert (finding.end_line, finding.end_column) == (3, 41)
    assert finding.match == "JEFF OK’D"


def test_positions_are_the_same_with_crlf_bom_and_no_final_newline():
    lf = "Headline\n\nThe official said. JEFF OK’D\n\nMore text."
    crlf = lf.replace("\n", "\r\n")
    for source in (lf, crlf, lf.rstrip("\n"), crlf + "\r\n"):
        (finding,) = editor_note_findings(source)
        assert (finding.line, finding.column, finding.end_column) == (3, 20, 29)
        assert finding.match == "JEFF OK’D"
        assert source[finding.start : finding.end] == "JEFF OK’D"


def test_crlf_offsets_map_back_to_the_source():
    doc = Document.from_text("ab\r\ncd\r\n\r\nef")
    assert doc.text == "ab\ncd\n\nef"
    start, end = doc.offsets.span_to_source(7, 9)
    assert doc.source[start:end] == "ef"
    assert doc.position(7) == (4, 1)
    # a span that ends on a line break takes the whole CRLF with it
    start, end = doc.offsets.span_to_source(0, 3)
    assert doc.source[start:end] == "ab\r\n"


def test_paragraphs_and_headline():
    doc = Document.from_text("The headline\n\nFirst paragraph\nwrapped.\n\n\nSecond one.\n")
    assert [doc.text[s:e] for s, e in doc.paragraphs] == [
        "The headline",
        "First paragraph\nwrapped.",
        "Second one.",
    ]
    assert doc.text[slice(*doc.headline)] == "The headline"
    assert [doc.text[s:e] for s, e in doc.body_paragraphs] == ["First paragraph\nwrapped.", "Second one."]


def test_no_headline_when_no_blank_line_follows():
    doc = Document.from_text("One line\nand another\n")
    assert doc.headline is None


def test_ap_abbreviations_do_not_end_sentences():
    assert sentences(
        "Navy Cmdr. Jessica McNulty spoke at 3 p.m. Friday. Marine Gen. Kenneth F. McKenzie agreed."
    ) == [
        "Navy Cmdr. Jessica McNulty spoke at 3 p.m. Friday.",
        "Marine Gen. Kenneth F. McKenzie agreed.",
    ]
    assert sentences("The U.S. military struck. It was the second time.") == [
        "The U.S. military struck.",
        "It was the second time.",
    ]
    assert sentences("Troops left the U.S. The base closed.") == ["Troops left the U.S.", "The base closed."]
    assert sentences("He arrived Jan. 5 with Sen. Ruiz and Dr. Hale.") == [
        "He arrived Jan. 5 with Sen. Ruiz and Dr. Hale."
    ]


def test_sentence_ends_inside_closing_quote():
    assert sentences("“We will act,” he said. “We are ready.” Then he left.") == [
        "“We will act,” he said.",
        "“We are ready.”",
        "Then he left.",
    ]


def test_quotes_curly_straight_and_across_paragraphs():
    text = (
        "Headline\n\n"
        "“The first part of a long quote.\n\n"
        "“And its second paragraph,” she said.\n\n"
        "He called it \"fine\" and left.\n\n"
        "She said the strikes “were necessary.\n\n"
        "Nothing else.\n"
    )
    doc = Document.from_text(text)
    quotes = [(doc.text[q.start : q.end], q.closed, q.paragraphs) for q in doc.quotes]
    assert quotes[0][1:] == (True, 2)
    assert quotes[0][0].startswith("“The first") and quotes[0][0].endswith("paragraph,”")
    assert quotes[1] == ("\"fine\"", True, 1)
    assert quotes[2] == ("“were necessary.", False, 1)
    inside = text.index("second paragraph")
    assert doc.in_quote(inside) is doc.quotes[0]
    assert doc.in_quote(text.index("Nothing")) is None


def test_split_sentences_respects_bounds():
    text = "Skip. One here. Two here. Skip."
    start = text.index("One")
    end = text.index(" Skip.")
    assert [text[s:e] for s, e in split_sentences(text, start, end)] == ["One here.", "Two here."]
