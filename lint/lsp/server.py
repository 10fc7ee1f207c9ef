"""`copydesk lsp`: the language server (pygls), wired to the copy desk (`lint/lsp/desk.py`).

Checks run on one worker thread, one at a time, so the protocol stays responsive while a
draft is checked. A change waits for the debounce (`debounce` in the initialization options,
in milliseconds; default 300) and the latest text always wins: a check whose draft changed
meanwhile publishes nothing. Opening and saving check at once; closing clears.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, Optional

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from lint import __version__
from lint.lsp import actions, hover
from lint.lsp.desk import Checked, Desk, shown
from lint.lsp.diagnostics import diagnostics
from lint.lsp.positions import Lines

DEBOUNCE_SECONDS = 0.3
CONFIG_FILES = ("copydesk.yaml", ".copydesk.yaml", "pyproject.toml")
FORMATS = {"markdown": "markdown", "html": "html", "plaintext": "text"}
DRAFT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm")

log = logging.getLogger("copydesk.lsp")


class CopydeskServer(LanguageServer):
    def __init__(self):
        super().__init__("copydesk", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.desk = Desk()
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="copydesk-check")
        self.debounce = DEBOUNCE_SECONDS
        self.pending: Dict[str, asyncio.Task] = {}
        self.checked: Dict[str, Checked] = {}  # uri -> last published check
        self.shown: Dict[str, str] = {}  # config (or "") -> problems last shown
        self.resolve_edits = False

    # ---- helpers --------------------------------------------------------------------

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    def path_of(self, uri: str, language: Optional[str] = None) -> str:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path is None:  # an unsaved buffer: a name with the suffix of its language
            name = uri.rsplit("/", 1)[-1].replace(":", "-") or "untitled"
            suffix = {"markdown": ".md", "html": ".html"}.get(language or "", ".txt")
            path = name if name.endswith(DRAFT_SUFFIXES) else name + suffix
        return path

    def format_of(self, path: str, language: Optional[str]) -> Optional[str]:
        if path.lower().endswith(DRAFT_SUFFIXES):
            return None  # its suffix says, as on the command line
        return FORMATS.get(language or "")

    async def run(self, function, *args):
        return await asyncio.get_running_loop().run_in_executor(self.worker, function, *args)

    # ---- checking and publishing ----------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.pending[uri] = asyncio.ensure_future(self.check_later(uri, delay))

    async def check_later(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            document = self.workspace.text_documents.get(uri)
            if document is None:
                return
            version, text = document.version, document.source
            path = self.path_of(uri, document.language_id)
            checked = await self.run(self.desk.check, path, text, self.format_of(path, document.language_id))
            current = self.workspace.text_documents.get(uri)
            if current is None or current.version != version or current.source != text:
                return  # the draft changed meanwhile: its newer check publishes
            self.publish(uri, checked, version)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # noqa: BLE001 -- the server keeps running
            log.exception("check failed")
            self.window_log_message(types.LogMessageParams(types.MessageType.Error, f"copydesk: check failed: {error}"))
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]

    def publish(self, uri: str, checked: Checked, version: Optional[int] = None) -> None:
        self.say_problems(checked)
        self.checked[uri] = checked
        rules = checked.checker.rules if checked.checker is not None else []
        found = diagnostics(checked.text, checked.findings, checked.errors, self.encoding, rules)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=version))

    def say_problems(self, checked: Checked) -> None:
        """A config that cannot load or a broken pack: one message, not one per keystroke;
        said again only when it changes, and once more when it is gone."""
        key = (checked.entry.config if checked.entry is not None else None) or ""
        said = "\n".join(checked.problems)
        if self.shown.get(key, "") == said:
            return
        before = self.shown.get(key, "")
        self.shown[key] = said
        if said:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"copydesk: {said}"))
        elif before:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Info, "copydesk: the config and packs load again"))

    def recheck_open(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    async def after_save(self, uri: str) -> None:
        """A saved draft is read again for the others; the open drafts compared with it are judged again."""
        path = self.path_of(uri)
        await self.run(self.desk.saved, path)
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        await self.check_later(uri, 0)  # the saved draft first: the others are judged with its text
        rejudged = await self.run(self.desk.rejudge_open, shown(path))
        for other_uri, checked in list(self.checked.items()):
            if any(checked is r for r in rejudged):
                document = self.workspace.text_documents.get(other_uri)
                if document is not None and document.source == checked.text:
                    self.publish(other_uri, checked, document.version)


server = CopydeskServer()


@server.feature(types.INITIALIZE)
def initialize(ls: CopydeskServer, params: types.InitializeParams) -> None:
    options = params.initialization_options or {}
    if isinstance(options, dict) and isinstance(options.get("debounce"), (int, float)):
        ls.debounce = max(0.0, float(options["debounce"]) / 1000)
    roots = [to_fs_path(f.uri) for f in params.workspace_folders or []]
    if not roots and params.root_uri:
        roots = [to_fs_path(params.root_uri)]
    elif not roots and params.root_path:
        roots = [params.root_path]
    roots = [r for r in roots if r and os.path.isdir(r)]
    if roots:
        os.chdir(roots[0])  # paths show as `copydesk check` run from the workspace shows them
    ls.desk = Desk(roots)
    caps = params.capabilities
    resolve = caps.text_document and caps.text_document.code_action and caps.text_document.code_action.resolve_support
    ls.resolve_edits = bool(resolve and "edit" in (resolve.properties or []))


@server.feature(types.INITIALIZED)
async def initialized(ls: CopydeskServer, params: types.InitializedParams) -> None:
    caps = ls.client_capabilities
    watched = caps.workspace and caps.workspace.did_change_watched_files
    if watched and watched.dynamic_registration:
        patterns = ["**/copydesk.yaml", "**/.copydesk.yaml", "**/pyproject.toml", "**/*.yaml", "**/*.yml",
                    "**/*.txt", "**/*.md", "**/*.markdown", "**/*.html", "**/*.htm"]
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=p) for p in patterns]
        )
        try:
            await ls.client_register_capability_async(types.RegistrationParams(registrations=[
                types.Registration(id="copydesk-watch", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)
            ]))
        except Exception:  # noqa: BLE001 -- the modification times are compared before each check anyway
            log.info("the client did not take the file watchers")


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: CopydeskServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: CopydeskServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, ls.debounce)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
async def did_save(ls: CopydeskServer, params: types.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    path = ls.path_of(uri)
    if os.path.basename(path) in CONFIG_FILES or path.endswith((".yaml", ".yml")):
        await ls.run(ls.desk.forget)
        ls.recheck_open()
        return
    await ls.after_save(uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: CopydeskServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    task = ls.pending.pop(uri, None)
    if task is not None:
        task.cancel()
    checked = ls.checked.pop(uri, None)
    if checked is not None:
        ls.worker.submit(ls.desk.closed, checked.path)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
async def did_change_watched_files(ls: CopydeskServer, params: types.DidChangeWatchedFilesParams) -> None:
    settings = False
    for change in params.changes:
        path = to_fs_path(change.uri) or ""
        if os.path.basename(path) in CONFIG_FILES or path.endswith((".yaml", ".yml")):
            settings = True
        elif path.lower().endswith(DRAFT_SUFFIXES):
            if change.type == types.FileChangeType.Deleted:
                await ls.run(ls.desk.deleted, path)
            elif not any(to_fs_path(u) == path for u in ls.workspace.text_documents):
                await ls.run(ls.desk.saved, path)  # changed outside the editor
    if settings:
        await ls.run(ls.desk.forget)
        ls.recheck_open()


@server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
async def did_change_workspace_folders(ls: CopydeskServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
    roots = [to_fs_path(f.uri) for f in ls.workspace.folders.values()]
    await ls.run(ls.desk.set_roots, [r for r in roots if r and os.path.isdir(r)])


@server.command(actions.BASELINE_HINT)
def baseline_hint(ls: CopydeskServer, path: str, rule: str) -> None:
    ls.window_show_message(types.ShowMessageParams(types.MessageType.Info, actions.baseline_hint(str(path), str(rule))))


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL], resolve_provider=True),
)
async def code_action(ls: CopydeskServer, params: types.CodeActionParams):
    uri = params.text_document.uri
    checked = ls.checked.get(uri)
    document = ls.workspace.text_documents.get(uri)
    if checked is None or document is None or document.source != checked.text:
        return []  # not checked yet, or changed since: its next check brings the actions
    only = params.context.only
    out = []
    if not only or any(k == types.CodeActionKind.QuickFix or types.CodeActionKind.QuickFix.startswith(k) for k in only):
        lines = Lines(checked.text)
        start = lines.to_offset(params.range.start.line, params.range.start.character, ls.encoding)
        end = lines.to_offset(params.range.end.line, params.range.end.character, ls.encoding)
        out += actions.quick_actions(uri, checked, start, end, ls.encoding)
    wants_fix_all = not only or any(actions.FIX_ALL.startswith(k) for k in only)
    if wants_fix_all and actions.has_safe_fix(checked):
        if ls.resolve_edits:
            out.append(actions.fix_all_action(uri, None, data={"uri": uri, "version": document.version}))
        else:
            out.append(await fix_all(ls, uri, document))
    return out


async def fix_all(ls: CopydeskServer, uri: str, document) -> types.CodeAction:
    text = document.source
    path = ls.path_of(uri, document.language_id)
    fixed = await ls.run(ls.desk.fix_all, path, text, ls.format_of(path, document.language_id))
    edit = None if fixed is None else actions.whole_text_edit(Lines(text), text, fixed, ls.encoding)
    return actions.fix_all_action(uri, edit)


@server.feature(types.CODE_ACTION_RESOLVE)
async def resolve_code_action(ls: CopydeskServer, action: types.CodeAction) -> types.CodeAction:
    data = action.data if isinstance(action.data, dict) else {}
    uri = data.get("uri")
    document = ls.workspace.text_documents.get(uri) if uri else None
    if action.kind != actions.FIX_ALL or document is None:
        return action
    return await fix_all(ls, uri, document)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def on_hover(ls: CopydeskServer, params: types.HoverParams) -> Optional[types.Hover]:
    uri = params.text_document.uri
    checked = ls.checked.get(uri)
    document = ls.workspace.text_documents.get(uri)
    if checked is None or document is None or document.source != checked.text or checked.checker is None:
        return None
    lines = Lines(checked.text)
    at = lines.to_offset(params.position.line, params.position.character, ls.encoding)
    parts = []
    for finding in checked.findings:
        if actions.overlaps(lines, finding, at, at):
            rule = hover.find_rule(checked.checker.rules, finding.rule)
            if rule is not None:
                parts.append(hover.rule_markdown(rule, finding.message))
    if not parts:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)))


def serve() -> int:
    """Serve over standard input and output until the client says exit."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the protocol
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="copydesk lsp: %(message)s")
    server.start_io(stdin, stdout)
    return 0
