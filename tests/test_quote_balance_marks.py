"""quote-balance finds every quotation mark of a draft once, by splitting the text at each mark
and summing the pieces' lengths: the offsets are exactly where the marks stand, in order, in
text of any width (Latin-1, curly quotes, emoji past the BMP)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.kinds.newsroom import quote_balance


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=list("“”\"„'’ ab\né😀\t"), max_size=40))
def test_the_marks_are_where_they_stand(text):
    balance = quote_balance._Balance(None, text)
    expected = [i for i, c in enumerate(text) if c in quote_balance._MARKS]
    assert balance.marks(0, len(text)) == expected
    # and a stretch of the draft gives the marks inside it only
    assert balance.marks(3, 9) == [i for i in expected if 3 <= i < 9]


def _quote_findings(texts):
    from lint.engine.runner import Engine
    from lint.packs import loader as packs

    rules = [r for r in packs.load_rules() if r.id == "style.quotes"]
    found, errors = Engine(rules).check_texts(texts, [f"draft-{i}.txt" for i in range(len(texts))])
    assert not errors
    return [(f.path, f.line, f.column, f.message) for f in found]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="“”\"„ab .,\n", max_size=40), min_size=1, max_size=4))
def test_paragraphs_of_paired_curly_marks_passed_over_find_what_the_plain_path_finds(paragraphs):
    # a paragraph whose marks pair up “” “” with nothing carried in is passed over in one
    # C-level comparison; what any draft gets is what the mark-by-mark reading gives it
    from conftest import plain

    texts = ["Vote count\n\n" + "\n\n".join(paragraphs) + "\n",
             "Vote count\n\n“He said it. ”“No,” she said. “It ran on.\n\n“And on.”\n\nShe said “yes”.\n"]
    assert _quote_findings(texts) == plain(lambda: _quote_findings(texts))
