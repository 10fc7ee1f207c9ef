"""Which searches keep regex's timeout: only patterns that could run away (lint/kinds/base.py).

The timeout's clock costs two system calls a search, so patterns that cannot backtrack (no
repeat anywhere: word lists, swaps) run without it; everything else keeps it, and a runaway
pattern still stops with a rule error instead of hanging the run."""

import regex
import pytest

from lint.kinds.base import RuleTimeout, finditer, needs_timeout, search


@pytest.mark.parametrize(
    "pattern",
    [r"\b(?:utilize|irregardless)\b", r"(?i)\bin order to\b", r"\bthe the\b", r"\p{Lu}\.", r"a|b(?=c)"],
)
def test_patterns_without_repeats_run_without_a_timeout(pattern):
    assert needs_timeout(regex.compile(pattern)) is False


@pytest.mark.parametrize(
    "pattern",
    [r"(?:x+)+y", r"\b[A-Z]{2,}\b", r"(\w+) \1", r"colou?r", r"[[:alpha:]]+", r"(?x) a b", r"(?<=a+)b", r"a(?!b*c)"],
)
def test_patterns_with_a_repeat_or_syntax_the_analysis_cannot_read_keep_it(pattern):
    assert needs_timeout(regex.compile(pattern)) is True


def test_a_runaway_pattern_still_stops_with_a_rule_error():
    text = "a" * 40 + "b"
    with pytest.raises(RuleTimeout):
        list(finditer(regex.compile(r"(a|a)+$"), text, 0, len(text), 0.2))


def test_results_are_the_same_either_way():
    text = "We utilize it. Irregardless, we utilize it again."
    pattern = regex.compile(r"(?i)\b(?:utilize|irregardless)\b")
    assert not needs_timeout(pattern)
    assert [m.span() for m in finditer(pattern, text, 0, len(text), 1.0)] == [m.span() for m in pattern.finditer(text)]
    assert search(pattern, text, 10, len(text), 1.0).group() == "Irregardless"
