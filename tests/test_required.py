"""Required literals: every match of a pattern contains one of them, or there are none."""

from __future__ import annotations

import sys

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.drafts.document import Document
from lint.engine.prefilter import requirement, required_literals


def test_what_patterns_require():
    assert required_literals(r"foo|bar") == {"foo", "bar"}
    assert required_literals(r"\bthe\s+the\b") == {"the"}
    assert required_literals(r"x{3,}") == {"xxx"}
    assert required_literals(r"[ \t]{2,}(?=\S)") == {"  ", " \t", "\t ", "\t\t"}
    assert required_literals(r"(?<=\p{L})[ ]+([,;]|\.(?!\d))") == {" ,", " ;", " ."}
    assert required_literals(r"colou?r") == {"colo"}
    assert required_literals(r"Gen\.|Adm\.", ignorecase=True) == {"gen.", "adm."}
    assert required_literals(r"\[(?i:CQ)\]") == {"[cq]"}  # an inline i: compared folded


def test_no_requirement_when_unsure():
    for pattern in [
        r"\p{Lu}+",  # no literal at all
        r"ab|c",  # one branch needs only one character
        r"(\w+) \1",  # a backreference
        r"[[:alpha:]]+ing",  # POSIX class: the standard parser would misread it
        r"(?:foo){e<=1}",  # fuzzy matching
        r"[[a-z]--[aeiou]]x",  # set operation
        r"(?V1)foo",  # a flag only `regex` knows
        r"Straße",  # non-ASCII, with ignorecase below
    ]:
        assert required_literals(pattern, ignorecase=pattern == "Straße") is None, pattern


PATTERNS = [
    (r"(?<![\p{L}\p{N}])(?:TK)+(?![\p{L}\p{N}])", False),
    (r"(?<=[\p{L}\p{N},;])[ \t\u00a0]{2,}(?=\S)", False),
    (r"(?<=[\p{L}\p{N}”’\")])[ \t\u00a0]+([,;:]|\.(?![.\p{N}]))(?=\s|$)", False),
    (r"\[(?i:cq)\]", False),
    (r"(?<![\p{L}])(?:ED NOTE|EDS? NOTE|NOTE TO EDS?|CHECK|VERIFY)(?![\p{L}])", False),
    (r"us army|u\.s\. army", True),
    (r"(?i)istanbul|kelvin", False),
    (r"ab(?:cd|e)+f", False),
    (r"x(?:yz){2}w?", True),
    (r"(?:a|b)c++d", False),
    (r"(?>ab|a)c", False),
]
# possessive quantifiers and atomic groups: the standard parser reads them from Python 3.11;
# before, such a pattern has no requirement (the rule runs on every draft, as without prefilters)
NEEDS_PYTHON_311 = {r"(?:a|b)c++d", r"(?>ab|a)c"} if sys.version_info < (3, 11) else set()
FRAGMENTS = ["TK", "tk", "TKTK", " ", "  ", "\t", "\u00a0", ",", ";", ".", ":", "a", "b", "c", "d", "e", "f", "x", "y",
             "z", "w", "[cq]", "[CQ]", "[Cq]", "ED NOTE", "EDS NOTE", "NOTE TO ED", "CHECK", "VERIFY", "US Army",
             "U.S. ARMY", "İstanbul", "ISTANBUL", "ıstanbul", "\u212aelvin", "KELVIN", "abcdf", "abef", "xyzyz", "xYZyZw",
             "acccd", "bcd", "abc", "ac", "”", "5", "\n"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("".join), st.sampled_from(PATTERNS))
def test_a_draft_without_the_required_text_has_no_match(text, case):
    pattern, ignorecase = case
    needs = requirement(pattern, ignorecase)
    if needs is None and pattern in NEEDS_PYTHON_311:
        return  # no prefilter: the rule searches every draft (slower, the same findings)
    assert needs is not None, pattern
    compiled = regex.compile(pattern, regex.MULTILINE | (regex.IGNORECASE if ignorecase else 0))
    if compiled.search(text):
        assert needs.may_match(Document.from_text(text)), (pattern, text)
