"""style.quotes keeps, by its text, each paragraph that (with no quotation carried into it) finds
nothing and carries nothing on. The same paragraph read after one whose quotation runs on into
it must still be judged with that quotation, whichever draft comes first, and every draft finds
what the plain path (COPYDESK_NO_PREFILTER=1: nothing kept) finds."""

from __future__ import annotations

import os

import pytest

from lint.engine.runner import Engine
from lint.kinds.newsroom import quote_balance
from lint.packs import loader as packs

RULES = [r for r in packs.load_rules() if r.id == "style.quotes"]

CLEAN = "The harbour master said on Friday: “We will rebuild the pier.” Work starts in May."
# a quotation left open at the end of a paragraph, and the next (the clean one) does not carry
# it on: flagged where it opened, as still open at the end of its paragraph
RUNS_ON = "“The storm took the end of the pier and two of the boats moored there.\n\n" + CLEAN + "\n"
ALONE = "Harbour reopens after storm\n\n" + CLEAN + "\n"
REOPENED = "“The storm took the end of the pier.\n\n“And we will rebuild it,” she said.\n\n" + CLEAN + "\n"


def _findings(texts):
    found, errors = Engine(RULES).check_texts(texts, [f"draft-{i}.txt" for i in range(len(texts))])
    assert not errors
    return [(f.path, f.line, f.column, f.match, f.message) for f in found]


def _plain(texts):
    before = os.environ.get("COPYDESK_NO_PREFILTER")
    os.environ["COPYDESK_NO_PREFILTER"] = "1"
    try:
        return _findings(texts)
    finally:
        if before is None:
            del os.environ["COPYDESK_NO_PREFILTER"]
        else:
            os.environ["COPYDESK_NO_PREFILTER"] = before


@pytest.mark.parametrize("order", [(ALONE, RUNS_ON, REOPENED), (RUNS_ON, ALONE, REOPENED), (REOPENED, ALONE, RUNS_ON)])
def test_a_clean_paragraph_is_still_judged_with_a_quotation_carried_into_it(order):
    quote_balance._CLEAN.clear()
    first = _findings(list(order))
    again = _findings(list(order))  # the clean paragraph is known now
    assert first == again == _plain(list(order))
    runs_on = f"draft-{order.index(RUNS_ON)}.txt"
    flagged = [f for f in first if f[0] == runs_on]
    assert [f[1:3] for f in flagged] == [(1, 1)]
    assert "still open at the end of its paragraph" in flagged[0][4]
    assert not [f for f in first if f[0] != runs_on]
