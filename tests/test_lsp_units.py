"""The language server's parts that need no client: position conversion, the copy desk,
and `copydesk lsp` without its extra (tests/test_lsp.py drives the server itself)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lint.lsp.positions import UTF8, UTF16, UTF32, Lines


def test_code_point_columns_become_each_encodings_units():
    # line 2: a curly quote (1 UTF-16 unit, 3 UTF-8 bytes) and an emoji (2 units, 4 bytes)
    source = "Headline\n“Win 🎉” he said and and left\n"
    lines = Lines(source)
    column = source.splitlines()[1].index("and and") + 1  # copydesk's 1-based code points
    offset = lines.offset(2, column)
    assert source[offset:offset + 7] == "and and"
    assert lines.position(offset, UTF32) == (1, column - 1)
    assert lines.position(offset, UTF16) == (1, column - 1 + 1)  # the emoji is two units
    assert lines.position(offset, UTF8) == (1, len("“Win 🎉” he said ".encode("utf-8")))
    for encoding in (UTF8, UTF16, UTF32):
        assert lines.to_offset(*lines.position(offset, encoding), encoding) == offset


def test_line_breaks_as_the_protocol_counts_them():
    # copydesk counts lines at LF only; the protocol also at CRLF (one break) and a lone CR
    source = "one\r\ntwo\rthree\nfour"
    lines = Lines(source)
    assert lines.position(source.index("two"), UTF16) == (1, 0)
    assert lines.position(source.index("three"), UTF16) == (2, 0)
    assert lines.position(source.index("four"), UTF16) == (3, 0)
    # the end of a CRLF line is before its CR
    assert lines.position(source.index("\n"), UTF16) == (0, 3)
    assert lines.to_offset(0, 99, UTF16) == 3  # past the end of a line: its end
    assert lines.to_offset(9, 0, UTF16) == len(source)
    # copydesk's line 2 is "three" after the lone CR: (2, 5) is "three"
    assert source[lines.offset(2, 5):].startswith("three")


def test_without_the_extra_it_says_how_to_install_it():
    code = "import sys; sys.modules['pygls'] = None; from lint.cli.main import main; sys.exit(main(['lsp']))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1  # one line
    assert "pip install 'copydesk[lsp]'" in done.stderr


def test_a_draft_the_engine_cannot_check_gives_one_diagnostic_at_line_one(tmp_path, monkeypatch):
    pytest.importorskip("lsprotocol")
    from lint import api
    from lint.lsp.desk import Desk
    from lint.lsp.diagnostics import diagnostics

    monkeypatch.chdir(tmp_path)

    def broken(self, doc, keep_source=True):
        raise RuntimeError("the reader gave up")

    monkeypatch.setattr(api.Checker, "check_document", broken)
    checked = Desk([str(tmp_path)]).check(str(tmp_path / "story.txt"), "A story.\n")
    found = diagnostics(checked.text, checked.findings, checked.errors, UTF16, [])
    assert len(found) == 1
    assert (found[0].range.start.line, found[0].range.start.character) == (0, 0)
    assert found[0].severity == 1  # error
    assert "copydesk could not check this draft" in found[0].message and "the reader gave up" in found[0].message


def test_hover_text_has_the_description_and_an_example_of_each():
    from lint import api
    from lint.lsp import hover

    checker = api.Checker.load()
    rule = hover.find_rule(checker.rules, "hygiene.repeated-word")
    text = hover.rule_markdown(rule, "“the the”: the word is doubled; delete one")
    assert text.startswith("**copydesk `hygiene.repeated-word`** (warning)")
    assert "Flags a word typed twice in a row" in text
    assert "Flagged:\n```text\nThe the militia fired rockets at the base.\n```" in text
    assert "Not flagged:\n```text\nHe said that that decision had had consequences.\n```" in text
    assert hover.find_rule(checker.rules, "copydesk.unused-suppression").id == "copydesk.unused-suppression"


@pytest.mark.parametrize(
    "name, text, expected",
    [
        # the first line of a paragraph: the comment on a line of its own above it
        ("a.md", "Title\n\nThe the vote was close.\n", "Title\n\n<!-- copydesk-disable-next-line hygiene.repeated-word -->\nThe the vote was close.\n"),
        # inside a paragraph: at the end of the line above, so the paragraph stays one
        ("b.md", "Title\n\nThe council met.\nThe the vote was close.\n",
         "Title\n\nThe council met. <!-- copydesk-disable-next-line hygiene.repeated-word -->\nThe the vote was close.\n"),
        # HTML: a line of its own, indented as the line is
        ("c.html", "<p>The council met.\n  The the vote was close.</p>\n",
         "<p>The council met.\n  <!-- copydesk-disable-next-line hygiene.repeated-word -->\n  The the vote was close.</p>\n"),
    ],
)
def test_ignore_this_line_keeps_the_paragraph(tmp_path, monkeypatch, name, text, expected):
    pytest.importorskip("lsprotocol")
    from lint.lsp import actions
    from lint.lsp.desk import Desk

    monkeypatch.chdir(tmp_path)
    desk = Desk([str(tmp_path)])
    checked = desk.check(str(tmp_path / name), text)
    found = [a for a in actions.quick_actions("file:///x", checked, 0, len(text), UTF16) if a.title.startswith("Ignore this finding on this line")]
    assert len(found) == 1
    (edit,) = found[0].edit.changes["file:///x"]
    lines = Lines(text)
    start = lines.to_offset(edit.range.start.line, edit.range.start.character, UTF16)
    end = lines.to_offset(edit.range.end.line, edit.range.end.character, UTF16)
    ignored = text[:start] + edit.new_text + text[end:]
    assert ignored == expected
    again = desk.check(str(tmp_path / name), ignored)
    assert [f.rule for f in again.findings] == []  # hidden, and the comment is used
