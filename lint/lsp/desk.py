"""The copy desk behind the language server: checkers, workspace drafts, checks and fixes.

Everything here runs on the server's one worker thread, through the library API
(`lint.api.Checker`); nothing here speaks the protocol.

- A `Checker` per config file, found from each draft's folder as `copydesk check` finds it,
  and loaded again when the config, one of its pack files or its registry changes on disk
  (their modification times are compared before every check, and the server drops them all on
  `workspace/didChangeWatchedFiles`). A config that cannot load, or a pack that is broken, is
  reported once (`Loaded.problems`); the draft is then checked with what loads.
- The other drafts of the workspace folder (or the config's `corpus`) are read once per
  checker, for the cross-draft rules only, and kept; a saved draft is read again. Open drafts
  take part with their live text.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from lint import api
from lint.model import CopydeskError, Finding
from lint.packs import config as config_module
from lint.record import Record, field

NOT_CHECKED = "copydesk could not check this draft"
MAX_DRAFTS = 5000  # other drafts read for the cross-draft rules, at most  # (lint/lsp/diagnostics.py shows it as an error)


def shown(path: str) -> str:
    """A path as copydesk shows it: relative to the working folder when under it."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return absolute if relative.startswith("..") else relative


class Loaded(Record):
    """One config's checker (None when the config cannot load), and what it depends on."""

    config: Optional[str]  # the config file (None: copydesk's defaults)
    checker: Optional[api.Checker]
    problems: List[str]  # a config that cannot load, broken packs: said to the user once
    stamp: Dict[str, Optional[int]]  # file -> modification time when loaded
    corpora: dict = field(default_factory=dict)  # workspace folder -> Corpus

    def fresh(self) -> bool:
        return all(_mtime(path) == when for path, when in self.stamp.items())


class Corpus:
    """Phase-1 results (cross-draft rules only) of a workspace's drafts on disk."""

    def __init__(self, checker: api.Checker, files: List[str], accepts):
        from lint.engine.runner import Engine

        self.engine = Engine([r for r in checker.rules if r.kind.cross_draft], checker.context)
        self.accepts = accepts  # path -> whether a new draft there belongs to this corpus
        self.results: Dict[str, object] = {}
        for path in files:
            self.refresh(path)

    def refresh(self, path: str) -> None:
        from lint.drafts import reader

        try:
            self.results[path] = self.engine.check_document(reader.read_draft(path))
        except (reader.DraftError, reader.DraftSkipped, OSError):
            self.results.pop(path, None)

    def drop(self, path: str) -> None:
        self.results.pop(path, None)


class Checked(Record):
    """One check of one draft's text: what the server publishes and acts on."""

    path: str
    text: str
    doc: object  # the Document (None when the draft could not be checked)
    result: object  # its phase-1 DraftResult (None likewise)
    findings: List[Finding]
    errors: List[str]  # the draft or a rule could not be checked: one diagnostic at line 1
    problems: List[str] = field(default_factory=list)  # config and pack problems to show
    checker: Optional[api.Checker] = None
    entry: Optional[Loaded] = None  # the config's checker it was checked with


class Desk:
    """The server's copy desk: what it knows of configs and drafts between checks."""

    def __init__(self, roots: List[str] = ()):
        self.roots = [os.path.abspath(r) for r in roots]
        self.loaded: Dict[Optional[str], Loaded] = {}
        self.open: Dict[str, Checked] = {}  # path -> last check of an open draft

    def set_roots(self, roots: List[str]) -> None:
        """The workspace folders changed: drafts are compared within the new ones."""
        self.roots = [os.path.abspath(r) for r in roots]
        for entry in self.loaded.values():
            entry.corpora.clear()

    # ---- configs and checkers -------------------------------------------------------

    def forget(self) -> None:
        """Load every config and pack again at the next check (they changed on disk)."""
        self.loaded.clear()

    def loaded_for(self, path: str) -> Loaded:
        folder = Path(os.path.abspath(path)).parent
        try:
            found = config_module.find_config(folder)
        except CopydeskError as error:  # a pyproject.toml that is not TOML
            return Loaded(None, None, [str(error)], {})
        key = str(found) if found is not None else None
        entry = self.loaded.get(key)
        if entry is None or not entry.fresh():
            entry = self._load(folder, key)
            self.loaded[key] = entry
        return entry

    def _load(self, folder: Path, key: Optional[str]) -> Loaded:
        watched = [key] if key else []
        try:
            checker = api.Checker.load(start=str(folder))
        except CopydeskError as error:
            return Loaded(key, None, [str(error)], _stamp(watched))
        cfg = checker.config
        watched += [str(p) for p in cfg.pack_files()]
        if cfg.registry is not None:
            watched.append(str(cfg.registry))
        return Loaded(key, checker, list(checker.problems), _stamp(watched))

    def root_of(self, path: str) -> Optional[str]:
        """The workspace folder holding `path` (the innermost), or None."""
        absolute = os.path.abspath(path)
        inside = [r for r in self.roots if absolute == r or absolute.startswith(r.rstrip(os.sep) + os.sep)]
        return max(inside, key=len) if inside else None

    def corpus(self, entry: Loaded, path: str) -> Optional[Corpus]:
        """The drafts on disk a draft is compared with (read on first use): the config's
        `corpus`, else the drafts of its workspace folder, else those beside it."""
        checker = entry.checker
        if checker is None or not any(r.kind.cross_draft for r in checker.rules):
            return None
        cfg = checker.config
        root = self.root_of(path)
        key = "corpus" if cfg.corpus else (root or os.path.dirname(os.path.abspath(path)))
        corpus = entry.corpora.get(key)
        if corpus is None:
            from lint.drafts import reader

            if cfg.corpus:
                files = [shown(f) for f in api.corpus_files(cfg)]
                listed = set(files)
                accepts = listed.__contains__
            elif root is not None:
                found, _ = reader.find_drafts([root])
                files = [shown(f) for f in found if not api.excluded(f, cfg)]
                prefix = root.rstrip(os.sep) + os.sep

                def accepts(p, prefix=prefix):
                    return os.path.abspath(p).startswith(prefix) and p.lower().endswith(reader.DRAFT_SUFFIXES) and not api.excluded(p, cfg)
            else:  # a draft opened outside any workspace: its folder only, not what lies below it
                folder = key
                files = sorted(shown(os.path.join(folder, n)) for n in os.listdir(folder)
                               if n.lower().endswith(reader.DRAFT_SUFFIXES) and os.path.isfile(os.path.join(folder, n)))

                def accepts(p, folder=folder):
                    return os.path.dirname(os.path.abspath(p)) == folder and p.lower().endswith(reader.DRAFT_SUFFIXES)
            if len(files) > MAX_DRAFTS:
                print(f"copydesk lsp: {len(files)} drafts in {key}: comparing with the first {MAX_DRAFTS} only", file=sys.stderr)
                files = files[:MAX_DRAFTS]
            corpus = Corpus(checker, files, accepts)
            entry.corpora[key] = corpus
        return corpus

    # ---- checking -------------------------------------------------------------------

    def check(self, path: str, text: str, format: Optional[str] = None) -> Checked:
        """Check an open draft's text (phase 1), then judge it with the other drafts."""
        path = shown(path)
        entry = self.loaded_for(path)
        checker = entry.checker
        if checker is None:
            self.open.pop(path, None)
            return Checked(path, text, None, None, [], [], list(entry.problems), None, entry)
        try:
            doc = checker.read(path, text, format)
            result = checker.check_document(doc)
        except Exception as error:  # noqa: BLE001 -- one draft must not stop the server
            self.open.pop(path, None)
            why = str(error) if isinstance(error, CopydeskError) else f"internal error {type(error).__name__}: {error}"
            return Checked(path, text, None, None, [], [f"{NOT_CHECKED}: {why}"], list(entry.problems), checker, entry)
        checked = Checked(path, text, doc, result, [], [], list(entry.problems), checker, entry)
        self.open[path] = checked
        self._judge(checked, entry)
        return checked

    def _judge(self, checked: Checked, entry: Loaded) -> None:
        others = self.others(checked.path, entry)
        findings, errors = checked.checker.judge([checked.result] + others, report_on=[checked.path])
        checked.findings = findings
        checked.errors = [f"copydesk could not run every rule on this draft: {e}" for e in errors]

    def others(self, path: str, entry: Loaded) -> list:
        """Phase-1 results of the drafts `path` is compared with: open ones as the editor
        holds them, the rest as saved."""
        corpus = self.corpus(entry, path)
        if corpus is None:
            return []
        live = {p: c.result for p, c in self.open.items() if p != path and c.checker is entry.checker and c.result is not None}
        out = [r for p, r in corpus.results.items() if p != path and p not in live]
        return out + list(live.values())

    def rejudge_open(self, skip: str) -> List[Checked]:
        """Judge the other open drafts again (a draft they are compared with changed)."""
        out = []
        for path, checked in list(self.open.items()):
            if path == skip or checked.result is None:
                continue
            entry = checked.entry
            if entry is None or self.loaded.get(entry.config) is not entry:
                continue  # its config changed: the server checks it again instead
            self._judge(checked, entry)
            out.append(checked)
        return out

    def saved(self, path: str) -> None:
        """A draft was saved: read it again for the drafts it is compared with."""
        path = shown(path)
        for entry in self.loaded.values():
            for corpus in entry.corpora.values():
                if path in corpus.results or (os.path.isfile(path) and corpus.accepts(path)):
                    corpus.refresh(path)

    def deleted(self, path: str) -> None:
        path = shown(path)
        for entry in self.loaded.values():
            for corpus in entry.corpora.values():
                corpus.drop(path)

    def closed(self, path: str) -> None:
        self.open.pop(shown(path), None)

    def fix_all(self, path: str, text: str, format: Optional[str] = None) -> Optional[str]:
        """The draft's text with every safe fix applied (None: nothing to fix)."""
        path = shown(path)
        checker = self.loaded_for(path).checker
        if checker is None:
            return None
        fixed = checker.fix_text(text, path, format)
        return fixed.text if fixed.changed else None


def _mtime(path: str) -> Optional[int]:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def _stamp(paths: List[str]) -> Dict[str, Optional[int]]:
    return {p: _mtime(p) for p in paths}


def fix_span(checked: Checked, finding: Finding) -> Optional[Tuple[int, int, str]]:
    """The source edit (start, end, replacement) that applies a finding's fix as `--fix`
    would (markup untouched, paragraphing kept), or None when it cannot be applied alone."""
    from lint.fixes.apply import allowed_fixes
    from lint.fixes.edit import keep_paragraphs

    if finding.fix is None or checked.doc is None:
        return None
    fixes = allowed_fixes(checked.doc, [finding], unsafe=True)
    if not fixes:
        return None
    chosen, _ = keep_paragraphs(checked.doc.source, fixes)
    if not chosen:
        return None
    fix = chosen[0]
    return fix.start, fix.end, fix.replacement
