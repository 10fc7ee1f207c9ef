"""consistency's exceptions searched one alternative at a time (`existence._alternation`), each
pattern's own top-level alternatives standing on their own: the same spans as the whole
alternation's finditer, and the same findings as the plain code (COPYDESK_NO_PREFILTER=1)."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import plain
from lint.drafts.document import Document
from lint.kinds.base import Context
from lint.kinds.generic.consistency import Consistency, _branches, _top_level_split
from lint.kinds.generic.existence import _alternation

US_EXCEPTIONS = [r"US\$", r"U\.S\.A\.", r"\p{Lu}{2,}[ \t]+US\b|\bUS[ \t]+\p{Lu}{2,}"]
AP_EXCEPTIONS = [r"\(AP\)", r"\bAP(?:-NORC|\s+(?:Stylebook|[Pp]hoto|Images|[Pp]oll|[Ee]xclusive|[Ss]ources))\b"]

PIECES = ["US", "U.S.", "U.S.A.", "US$", "USCENTCOM", "NATO", "AP", "(AP)", "AP Photo", "AP-NORC", "the",
          "forces", "Army", "UK", "said", "$5", "|", "[", "]", "(", ")", "\\"]
GAPS = [" ", "  ", "\t", "\n", "\n\n", ", ", ". ", "/", "-", ""]
texts = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GAPS)), max_size=40).map(
    lambda items: "".join(p + g for p, g in items)
)


def test_top_level_split_cuts_only_outside_groups_and_classes():
    assert _top_level_split(r"a|b(?:c|d)|[|x]|\|e") == ["a", "b(?:c|d)", "[|x]", r"\|e"]
    assert _top_level_split(r"[]|]|x") == ["[]|]", "x"]
    assert _top_level_split(r"[^]|]|x") == ["[^]|]", "x"]
    assert _top_level_split(r"(a|b") is None
    assert _top_level_split(r"a)|b") is None
    assert _top_level_split(r"[a|b") is None
    assert _top_level_split(r"[[:alpha:]]|x") is None
    assert _branches([r"US\$", r"A|B"]) == [r"(?:US\$)", "(?:A)", "(?:B)"]


@settings(max_examples=600, deadline=None)
@given(texts, st.sampled_from([US_EXCEPTIONS, AP_EXCEPTIONS, US_EXCEPTIONS + AP_EXCEPTIONS]),
       st.integers(0, 30), st.integers(0, 300))
def test_the_split_alternation_finds_what_the_whole_one_finds(text, exceptions, start, end):
    kind = Consistency(groups=[["U.S.", "US"]], exceptions=exceptions)
    assert kind._exception_parts is not None
    start, end = min(start, len(text)), min(max(start, end), len(text))
    whole = [m.span() for m in kind._exceptions.finditer(text, start, end)]
    split = [m.span() for m in _alternation([p for p, _ in kind._exception_parts], text, start, end, 5.0)]
    assert split == whole


def _hits(text: str, exceptions):
    kind = Consistency(groups=[["U.S.", "US"], ["the AP", "AP"]], exceptions=exceptions)
    doc = Document.from_text(text)
    return [(h.start, h.end, h.values.get("expected")) for h in kind.check(doc, doc.scope_spans("draft"), Context())]


@settings(max_examples=400, deadline=None)
@given(texts, st.sampled_from([US_EXCEPTIONS, AP_EXCEPTIONS, US_EXCEPTIONS + AP_EXCEPTIONS]))
def test_consistency_with_split_exceptions_finds_what_the_plain_code_finds(text, exceptions):
    assert _hits(text, exceptions) == plain(_hits, text, exceptions)


def test_us_form_exceptions_on_a_draft():
    text = "Jets strike\n\nThe U.S. military paid US$5 million. NATO US forces left. US troops stayed.\n"
    hits = _hits(text, US_EXCEPTIONS)
    at = text.index("US troops")
    assert hits == [(at, at + 2, "U.S.")]
    assert hits == plain(_hits, text, US_EXCEPTIONS)


def test_exceptions_that_cannot_be_split_keep_the_whole_alternation():
    kind = Consistency(groups=[["U.S.", "US"]], exceptions=[r"(US)\1", r"US\$"])
    assert kind._exception_parts is None
    assert regex.compile(kind._exceptions.pattern)
