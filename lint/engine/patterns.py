"""Module-level patterns, compiled once per machine rather than once per run.

The `regex` module's compiler is pure Python: the ~60 patterns the kinds define at module level
cost about 0.15 s to compile, most of a commit hook's budget. `lazy_compile` returns a stand-in
that compiles on first use, from a cache of compiled patterns (they pickle with their compiled
code) kept beside the pack cache and keyed by copydesk's code (lint/packs/cache.py). A pattern
compiled for the first time is added to that cache when the process exits.
"""

from __future__ import annotations

import atexit
import pickle
from typing import List, Optional, Sequence, Tuple

from lint.engine.rx import regex

_COMPILED: dict = {}  # (pattern, flags) -> compiled pattern
_state = {"loaded": False, "dirty": False}


# the compiled pattern's methods a stand-in takes as its own once compiled: unset, they fall
# through to __getattr__ (which compiles); set, they are a plain slot read, not an
# AttributeError caught and a __getattr__ call each time (70,000 look-ups over 5 MB of drafts)
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class _Deferred:
    """A stand-in that behaves as the compiled pattern `_compile` gives on its first use
    (finditer, search, pattern, groupindex, ...), its methods then taken as its own."""

    __slots__ = ("_compiled",) + _METHODS

    def _get(self):
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = self._compile()
            for name in _METHODS:
                setattr(self, name, getattr(compiled, name))
        return compiled

    def __getattr__(self, name):
        return getattr(self._get(), name)


class LazyPattern(_Deferred):
    """A `regex` pattern, compiled from the cache of compiled patterns (or compiled and added
    to it) on its first use; one of a `group` (`lazy_compile_all`) compiles the group's
    patterns the cache lacks with it."""

    __slots__ = ("_key", "_group")

    def __init__(self, pattern: str, flags: int = 0, group: Optional[Tuple[Tuple[str, int], ...]] = None):
        self._key = (pattern, flags)
        self._compiled = None
        self._group = group

    def _compile(self):
        if not _state["loaded"]:
            _load()
        compiled = _COMPILED.get(self._key)
        if compiled is None:
            for key in self._group or (self._key,):
                if key not in _COMPILED:
                    _COMPILED[key] = regex.compile(*key)
            compiled = _COMPILED[self._key]
            _changed()
        return compiled

    def __reduce__(self):  # pickles as its source; a process pool worker compiles its own
        return (LazyPattern, self._key + (self._group,))

    def __repr__(self) -> str:
        return f"lazy_compile({self._key[0]!r})"


def lazy_compile(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)


def lazy_compile_all(sources: Sequence[Tuple[str, int]]) -> List[LazyPattern]:
    """A lazy pattern for each (pattern, flags) of `sources`, compiled together: the first
    one a process uses that the cache lacks compiles every one of them it lacks.

    For patterns tried in an order that differs from process to process (the members of a
    set, whose order follows the string hashes, different in each process): used one by one,
    each run would meet a few patterns the runs before it did not, compile them (a
    millisecond each, in `regex`'s Python compiler, which must be imported for it) and write
    the cache again at its end; a run's pool children never write it. Together, the first
    run fills the cache for every later one."""
    group = tuple(dict.fromkeys(sources))
    return [LazyPattern(pattern, flags, group) for pattern, flags in sources]


class LazyStdPattern(_Deferred):
    """A standard-library `re` pattern, made on its first use (`std_compile`: from the cache of
    compiled patterns, else compiled and added to it): a pattern only a rare path uses (a
    fallback) need not cost every start-up."""

    __slots__ = ("_args",)

    def __init__(self, pattern, flags: int = 0):
        self._args = (pattern, flags)
        self._compiled = None

    def _compile(self):
        return std_compile(*self._args)

    def __reduce__(self):
        return (LazyStdPattern, self._args)

    def __repr__(self) -> str:
        return f"lazy_std_compile({self._args[0]!r})"


def lazy_std_compile(pattern, flags: int = 0) -> LazyStdPattern:
    return LazyStdPattern(pattern, flags)


def std_compile(pattern, flags: int = 0):
    """re.compile(pattern, flags) for a standard-library pattern made at import, from the
    cache of compiled patterns (which keeps a `re` pattern's compiled code, lint/engine/rx.py)
    when it is there: `re`'s compiler runs in Python, and the modules' own `re` patterns took
    8 million instructions of every start, before a pool forks."""
    if not _state["loaded"]:
        _load()
    key = ("re", pattern, flags)
    compiled = _COMPILED.get(key)
    if compiled is None:
        import re

        compiled = _COMPILED[key] = re.compile(pattern, flags)
        _changed()
    return compiled


def _changed() -> None:
    """A pattern was compiled: the cache is written again when the process exits."""
    if not _state["dirty"]:
        _state["dirty"] = True
        atexit.register(_save)


def preload() -> None:
    """Read the compiled-pattern cache now, if no pattern has been used yet."""
    if not _state["loaded"]:
        _load()


def _load() -> None:
    _state["loaded"] = True
    from lint.packs import cache as packcache

    path = packcache.patterns_file()
    if path is None:
        return
    try:
        with open(path, "rb") as handle:
            cached = pickle.load(handle)
            packcache.mark_used(handle)
        for key, compiled in cached.items():
            _COMPILED.setdefault(key, compiled)
    except Exception:  # noqa: BLE001 -- missing or unreadable: compile as needed
        pass


def _save() -> None:
    from lint.packs import cache as packcache

    try:
        path = packcache.patterns_file()
        if path is not None:
            packcache.write_atomic(path, dict(_COMPILED), prefix=packcache.PATTERNS_PREFIX)
    except Exception:  # noqa: BLE001 -- a read-only home, a full disk: no cache, same results
        pass
