"""`copydesk lsp` over the protocol: pytest-lsp starts the server as a subprocess and talks to
it as an editor would (open, edit, save, close, code actions, hover, watched files).

The drafts are in tests/fixtures/lsp/newsroom (copied to a temporary workspace per test):
a wire story with an editor's sign-off glued to a paragraph, a "Navy Gen." and a furniture
line; its follow-up calling the same man "Marine Gen."; a line with curly quotes and emoji.
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import os
import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")  # 1.x needs Python 3.10+: skipped on 3.9
from lsprotocol import types  # noqa: E402

pytestmark = pytest.mark.asyncio

FIXTURES = Path(__file__).parent / "fixtures" / "lsp" / "newsroom"
TIMEOUT = 30


def server_command():
    script = Path(sys.executable).with_name("copydesk")
    return [str(script), "lsp"] if script.exists() else [sys.executable, "-m", "lint", "lsp"]


@pytest.fixture
def workspace(tmp_path):
    root = tmp_path / "newsroom"
    shutil.copytree(FIXTURES, root)
    return root


def uri_of(path: Path) -> str:
    return path.resolve().as_uri()


@contextlib.asynccontextmanager
async def session(root: Path, encodings=None, **capabilities):
    env = dict(os.environ)
    config = pytest_lsp.ClientServerConfig(server_command=server_command(), server_env=env)
    client = await config.start()
    caps = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
        **capabilities,
    )
    result = await client.initialize_session(
        types.InitializeParams(
            capabilities=caps,
            root_uri=uri_of(root),
            workspace_folders=[types.WorkspaceFolder(uri=uri_of(root), name=root.name)],
            initialization_options={"debounce": 50},
        )
    )
    client.init_result = result
    try:
        yield client
    finally:
        await client.shutdown_session()
        await client.stop()


async def published(client, uri, after=None):
    """Wait for the next diagnostics of `uri` (after sending `after`)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    client.diagnostics.pop(uri, None)
    if after is not None:
        after()
    while uri not in client.diagnostics:
        if loop.time() > deadline:
            raise AssertionError(f"no diagnostics for {uri} in {TIMEOUT} s")
        await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), TIMEOUT)
    return list(client.diagnostics[uri])


def open_draft(client, path: Path, text=None, language="plaintext"):
    text = path.read_text(encoding="utf-8") if text is None else text
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri_of(path), language, 1, text)))


def spans(diagnostics):
    return [(d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character) for d in diagnostics]


def by_code(diagnostics, code):
    found = [d for d in diagnostics if d.code == code]
    assert found, f"no {code} in {spans(diagnostics)}"
    return found


def apply_edits(text: str, edits) -> str:
    """Apply TextEdits (UTF-16 positions, as the default client counts) to a text."""
    lines = text.splitlines(keepends=True) or [""]

    def offset(position):
        before = sum(len(line) for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = 0
        for index, ch in enumerate(line):
            if units >= position.character:
                return before + index
            units += 2 if ord(ch) > 0xFFFF else 1
        return before + len(line.rstrip("\r\n"))

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
        lines = text.splitlines(keepends=True) or [""]
    return text


async def test_open_gives_the_editor_note_at_its_exact_range(workspace):
    draft = workspace / "harbour-strike.txt"
    async with session(workspace) as client:
        diagnostics = await published(client, uri_of(draft), lambda: open_draft(client, draft))
        note = by_code(diagnostics, "hygiene.editor-note")[0]
        # line 5 of the draft, "... in a joint statement. PRIYA OK'D": columns 123-133 (1-based)
        assert (note.range.start.line, note.range.start.character, note.range.end.line, note.range.end.character) == (4, 122, 4, 132)
        assert note.severity == types.DiagnosticSeverity.Error
        assert note.source == "copydesk"
        assert "PRIYA OK'D" in note.message
        assert by_code(diagnostics, "hygiene.boilerplate")[0].range.start.line == 10
        # a suggestion is information, not a warning
        assert all(d.severity in (types.DiagnosticSeverity.Error, types.DiagnosticSeverity.Warning, types.DiagnosticSeverity.Information) for d in diagnostics)


async def test_edits_give_the_new_set_and_the_latest_text_wins(workspace):
    draft = workspace / "harbour-strike.txt"
    uri = uri_of(draft)
    async with session(workspace) as client:
        await published(client, uri, lambda: open_draft(client, draft))

        def change(version, line, start, end, text):
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangePartial(
                    range=types.Range(types.Position(line, start), types.Position(line, end)), text=text)],
            ))

        def burst():
            change(2, 4, 121, 132, "")  # delete " PRIYA OK'D"
            change(3, 6, 0, 9, "Army Gen.")  # Navy Gen. -> Army Gen.
            change(4, 2, 0, 0, "the the ")  # a doubled word at the start of line 3

        diagnostics = await published(client, uri, burst)
        codes = {d.code for d in diagnostics}
        # one check, of the last text: no note, no rank error, the new doubled word
        assert "hygiene.editor-note" not in codes
        assert "people.rank-branch" not in codes
        assert (("hygiene.repeated-word", 2, 0, 2, 7)) in spans(diagnostics)
        await asyncio.sleep(0.3)  # no stale check publishes after the latest one
        assert {d.code for d in client.diagnostics[uri]} == codes


@pytest.mark.parametrize(
    "encoding, columns",
    [
        # “a sell-out 🎉” ... “the best day of the year” 🙌 and and: two emoji before the match
        ("utf-16", (95, 102)),
        ("utf-32", (93, 100)),
        ("utf-8", (107, 114)),  # curly quotes 3 bytes each, emoji 4
    ],
)
async def test_ranges_in_every_position_encoding(workspace, encoding, columns):
    draft = workspace / "emoji-quotes.txt"
    line = draft.read_text(encoding="utf-8").splitlines()[2]
    start = line.index("and and")
    assert len(line[:start].encode("utf-8")) == 107 and len(line[:start].encode("utf-16-le")) // 2 == 95
    async with session(workspace, encodings=[encoding]) as client:
        assert client.init_result.capabilities.position_encoding == encoding
        diagnostics = await published(client, uri_of(draft), lambda: open_draft(client, draft))
        doubled = by_code(diagnostics, "hygiene.repeated-word")[0]
        assert (doubled.range.start.line, doubled.range.start.character, doubled.range.end.character) == (2, *columns)


async def test_a_utf16_client_by_default(workspace):
    draft = workspace / "emoji-quotes.txt"
    async with session(workspace) as client:
        assert client.init_result.capabilities.position_encoding == "utf-16"
        diagnostics = await published(client, uri_of(draft), lambda: open_draft(client, draft))
        assert ("hygiene.repeated-word", 2, 95, 2, 102) in spans(diagnostics)


async def test_code_action_fixes_the_furniture_line(workspace):
    draft = workspace / "harbour-strike.txt"
    uri = uri_of(draft)
    text = draft.read_text(encoding="utf-8")
    async with session(workspace) as client:
        diagnostics = await published(client, uri, lambda: open_draft(client, draft))
        furniture = by_code(diagnostics, "hygiene.boilerplate")[0]
        found = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri), range=furniture.range,
            context=types.CodeActionContext(diagnostics=[furniture], only=[types.CodeActionKind.QuickFix]),
        ))
        fixes = [a for a in found if isinstance(a, types.CodeAction) and a.is_preferred]
        assert len(fixes) == 1 and fixes[0].title.startswith("Delete “Share this article”")
        assert fixes[0].diagnostics[0].code == "hygiene.boilerplate"
        fixed = apply_edits(text, fixes[0].edit.changes[uri])
        assert "Share this article" not in fixed
        assert fixed == text.replace("\n\nShare this article\n", "\n")  # nothing else changes

        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
        ))
        after = await published(client, uri)
        assert "hygiene.boilerplate" not in {d.code for d in after}
        assert "hygiene.editor-note" in {d.code for d in after}


async def test_fix_all_and_ignore_this_line(workspace):
    story = workspace / "desk.md"
    text = "Council votes on budget\n\nThe council approved the the plan on Monday,  the mayor said.\n"
    story.write_text(text, encoding="utf-8")
    uri = uri_of(story)
    async with session(workspace) as client:
        diagnostics = await published(client, uri, lambda: open_draft(client, story, language="markdown"))
        assert {"hygiene.repeated-word", "hygiene.double-space"} <= {d.code for d in diagnostics}
        whole = types.Range(types.Position(0, 0), types.Position(3, 0))
        fix_all = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri), range=whole,
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.copydesk"]),
        ))
        assert len(fix_all) == 1 and fix_all[0].kind == "source.fixAll.copydesk"
        fixed = apply_edits(text, fix_all[0].edit.changes[uri])
        # the safe fix (one space) is applied; the doubled word's fix is not marked safe
        assert fixed == text.replace("Monday,  the", "Monday, the")

        doubled = by_code(diagnostics, "hygiene.repeated-word")[0]
        found = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri), range=doubled.range,
            context=types.CodeActionContext(diagnostics=[doubled]),
        ))
        ignore = [a for a in found if a.title.startswith("Ignore this finding on this line")]
        assert [a.title for a in ignore] == ["Ignore this finding on this line (hygiene.repeated-word)"]
        ignored = apply_edits(text, ignore[0].edit.changes[uri])
        assert "<!-- copydesk-disable-next-line hygiene.repeated-word -->\nThe council" in ignored
        after = await published(client, uri, lambda: client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=ignored)],
        )))
        codes = [d.code for d in after]
        assert "hygiene.repeated-word" not in codes and "copydesk.unused-suppression" not in codes
        assert "hygiene.double-space" in codes  # only that rule, only that line


async def test_fix_all_is_resolved_when_the_client_can(workspace):
    story = workspace / "desk.txt"
    text = "Council votes on budget\n\nThe council approved the plan on Monday,  the mayor said.\n"
    story.write_text(text, encoding="utf-8")
    uri = uri_of(story)
    resolving = types.TextDocumentClientCapabilities(code_action=types.CodeActionClientCapabilities(
        resolve_support=types.ClientCodeActionResolveOptions(properties=["edit"])))
    async with session(workspace, text_document=resolving) as client:
        await published(client, uri, lambda: open_draft(client, story))
        found = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri), range=types.Range(types.Position(0, 0), types.Position(0, 0)),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.copydesk"]),
        ))
        assert len(found) == 1 and found[0].edit is None  # the edit is made when it is chosen
        resolved = await client.code_action_resolve_async(found[0])
        assert apply_edits(text, resolved.edit.changes[uri]) == text.replace("Monday,  the", "Monday, the")


async def test_saving_a_draft_checks_the_drafts_compared_with_it(workspace):
    strike, followup = workspace / "harbour-strike.txt", workspace / "harbour-followup.txt"
    async with session(workspace) as client:
        first = await published(client, uri_of(strike), lambda: open_draft(client, strike))
        assert "Marine Gen. Harlan Brookfield" in by_code(first, "people.title-consistency")[0].message
        await published(client, uri_of(followup), lambda: open_draft(client, followup))
        agreed = followup.read_text(encoding="utf-8").replace("Marine Gen.", "Navy Gen.")
        followup.write_text(agreed, encoding="utf-8")  # as the editor saves it
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri_of(followup), version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=agreed)],
        ))
        after = await published(client, uri_of(strike), lambda: client.text_document_did_save(
            types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri_of(followup)))))
        codes = {d.code for d in after}
        assert "people.title-consistency" not in codes  # both stories now say Navy Gen.
        assert "people.rank-branch" in codes  # (which is its own error)


async def test_plain_text_offers_the_baseline(workspace):
    draft = workspace / "emoji-quotes.txt"
    uri = uri_of(draft)
    async with session(workspace) as client:
        diagnostics = await published(client, uri, lambda: open_draft(client, draft))
        doubled = by_code(diagnostics, "hygiene.repeated-word")[0]
        found = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri), range=doubled.range,
            context=types.CodeActionContext(diagnostics=[doubled]),
        ))
        hint = [a for a in found if a.title.startswith("Ignore this finding")]
        # (pygls's client reads a CodeAction with only a command as a Command: both are fine)
        assert len(hint) == 1 and getattr(hint[0], "edit", None) is None
        command = hint[0].command
        if isinstance(command, str):  # (and the nested command as the text of a dict)
            command = types.Command(**ast.literal_eval(command))
        assert command.command == "copydesk.baselineHint"
        await client.workspace_execute_command_async(types.ExecuteCommandParams(
            command=command.command, arguments=command.arguments))
        assert any("--write-baseline" in m.message and "emoji-quotes.txt" in m.message for m in client.messages)


async def test_hover_shows_the_rule(workspace):
    draft = workspace / "harbour-strike.txt"
    async with session(workspace) as client:
        await published(client, uri_of(draft), lambda: open_draft(client, draft))
        hover = await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri_of(draft)), position=types.Position(4, 125)))
        value = hover.contents.value
        assert "hygiene.editor-note" in value
        assert "Flags notes left in copy by a desk" in value  # the description
        assert "Flagged:" in value and "Not flagged:" in value  # one example of each
        nothing = await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri_of(draft)), position=types.Position(0, 2)))
        assert nothing is None


async def test_two_open_drafts_give_the_cross_draft_title_conflict(tmp_path):
    root = tmp_path / "desk"
    root.mkdir()
    first = root / "harbour-strike.txt"
    shutil.copy(FIXTURES / "harbour-strike.txt", first)
    second = root / "harbour-followup.txt"  # not saved yet: only the editor has it
    async with session(root) as client:
        opened = await published(client, uri_of(first), lambda: open_draft(client, first))
        assert "people.title-consistency" not in {d.code for d in opened}
        found = await published(client, uri_of(second), lambda: open_draft(client, second, (FIXTURES / "harbour-followup.txt").read_text(encoding="utf-8")))
        conflict = by_code(found, "people.title-consistency")[0]
        assert (conflict.range.start.line, conflict.range.start.character) == (4, 0)
        assert "Navy Gen. Harlan Brookfield" in conflict.message and "harbour-strike.txt:7" in conflict.message
        # the open draft is compared with the other one as the editor holds it
        again = await published(client, uri_of(first), lambda: client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri_of(first), version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=first.read_text(encoding="utf-8") + "\n")],
        )))
        conflict = by_code(again, "people.title-consistency")[0]
        assert "Marine Gen. Harlan Brookfield" in conflict.message and "harbour-followup.txt:5" in conflict.message

        cleared = await published(client, uri_of(second), lambda: client.text_document_did_close(
            types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri_of(second)))))
        assert cleared == []


BROKEN_PACK = """name: house
rules:
  walkout:
    kind: substitution
    level: warning
    message: "House style: “{expected}”"
    description: Flags walkout; the house writes walk-out.
    link: https://style.example.org/walk-out
    swap: {walkout: walk-out
"""

FIXED_PACK = BROKEN_PACK.replace("{walkout: walk-out", "{walkout: walk-out}").replace(
    "    swap:", "    examples:\n      fail: [\"The walkout began.\\n\"]\n      pass: [\"The walk-out began.\\n\"]\n    swap:")


async def test_a_broken_pack_says_so_once_then_recovers(workspace):
    (workspace / "copydesk.yaml").write_text("packs: [builtin, house.yaml]\n", encoding="utf-8")
    pack = workspace / "house.yaml"
    pack.write_text(BROKEN_PACK, encoding="utf-8")
    draft = workspace / "harbour-followup.txt"
    text = draft.read_text(encoding="utf-8").replace("after the walkout", "after the walkout")
    text = text.replace("Negotiators", "After the walkout, negotiators")
    uri = uri_of(draft)
    async with session(workspace) as client:
        diagnostics = await published(client, uri, lambda: open_draft(client, draft, text))
        # the built-in rules still run
        assert "people.title-consistency" in {d.code for d in diagnostics}
        for version in (2, 3):  # more checks: no more messages
            await published(client, uri, lambda: client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text + "\n" * version)],
            )))
        errors = [m for m in client.messages if m.type == types.MessageType.Error]
        assert len(errors) == 1, client.messages
        assert "house.yaml:" in errors[0].message

        pack.write_text(FIXED_PACK, encoding="utf-8")
        after = await published(client, uri, lambda: client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=uri_of(pack), type=types.FileChangeType.Changed)])))
        walkout = by_code(after, "house.walkout")[0]
        assert walkout.code_description.href == "https://style.example.org/walk-out"  # the rule's link
        assert by_code(after, "people.title-consistency")[0].code_description is None  # (no link)
        assert len([m for m in client.messages if m.type == types.MessageType.Error]) == 1

        # a config that cannot load: one message naming it and the line; fixed, all is back
        config = workspace / "copydesk.yaml"
        config.write_text("packs: [builtin, house.yaml]\nselect: [hygiene\n", encoding="utf-8")
        changed = types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=uri_of(config), type=types.FileChangeType.Changed)])
        broken = await published(client, uri, lambda: client.workspace_did_change_watched_files(changed))
        assert broken == []
        errors = [m for m in client.messages if m.type == types.MessageType.Error]
        assert len(errors) == 2 and "copydesk.yaml:" in errors[1].message
        config.write_text("packs: [builtin, house.yaml]\n", encoding="utf-8")
        back = await published(client, uri, lambda: client.workspace_did_change_watched_files(changed))
        assert {"house.walkout", "people.title-consistency"} <= {d.code for d in back}
        assert len([m for m in client.messages if m.type == types.MessageType.Error]) == 2
        assert client.messages[-1].type == types.MessageType.Info and "load again" in client.messages[-1].message
