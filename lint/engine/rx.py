"""The `regex` module, imported only when a run needs more than its compiled patterns.

Importing `regex` runs its pure-Python part (`regex._regex_core` builds tables of every
Unicode property name at import): about 90 million instructions, 10-12 ms before a run's
first draft, a tenth of a commit hook's time and all of it before a pool's processes fork.
Yet most runs never compile a pattern: the packs' patterns and the kinds' module-level ones
come back compiled from copydesk's cache (lint/packs/cache.py, lint/engine/patterns.py), and a
compiled pattern needs only the C extension `regex._regex` to be rebuilt and run.

- `regex` here stands in for the module: its flags are plain numbers (the values `regex`
  gives them, held by tests/test_rx.py), anything else imports the real module on first use
  and is then the module's own attribute.
- The caches pickle compiled patterns with `dump`, which rebuilds each one from the C
  extension alone (`_rebuild`), loaded without the package (`extension`), instead of
  `regex`'s own pickling, whose unpickling imports the package. `dump` keeps standard `re`
  patterns as their compiled code too (`_rebuild_std`): `re` pickles a pattern as its source,
  which its pure-Python compiler would compile again at every start.

A rebuilt pattern is the same object type as one `regex.compile` gives, made by the same call
(`regex` unpickles its patterns by calling the extension's `compile` with the same data), so
it searches alike; the few methods that need the module's Python part (a `sub` with a string
template, `Match.expand`) import it themselves when called.
"""

from __future__ import annotations

import copyreg
import functools
import importlib.machinery
import importlib.util
import os
import pickle
import sys

# regex's flags (regex._regex_core.RegexFlag), as numbers: a pattern's flags are a number too
FLAGS = {
    "ASCII": 0x80, "A": 0x80,
    "BESTMATCH": 0x1000, "B": 0x1000,
    "DEBUG": 0x200, "D": 0x200,
    "DOTALL": 0x10, "S": 0x10,
    "ENHANCEMATCH": 0x8000, "E": 0x8000,
    "FULLCASE": 0x4000, "F": 0x4000,
    "IGNORECASE": 0x2, "I": 0x2,
    "LOCALE": 0x4, "L": 0x4,
    "MULTILINE": 0x8, "M": 0x8,
    "POSIX": 0x10000, "P": 0x10000,
    "REVERSE": 0x400, "R": 0x400,
    "TEMPLATE": 0x1, "T": 0x1,
    "UNICODE": 0x20, "U": 0x20,
    "VERBOSE": 0x40, "X": 0x40,
    "VERSION0": 0x2000, "V0": 0x2000,
    "VERSION1": 0x100, "V1": 0x100,
    "WORD": 0x800, "W": 0x800,
}


# what regex.escape escapes (regex._main._METACHARS), besides white space
_METACHARS = frozenset("()[]{}?*+|^$\\.-#&~")


def escape(pattern: str) -> str:
    """regex.escape(pattern) for a str (its defaults: special characters and white space
    escaped), without importing the module: patterns are made from pack words at run time
    (cue indexes, say), when nothing else needs it (tests/test_rx.py holds it to regex's)."""
    return "".join("\\" + c if c in _METACHARS or c.isspace() else c for c in pattern)


class _Module:
    """`regex`, imported when something other than a flag or `escape` of a str is first asked
    of it."""

    def __init__(self):
        self.__dict__.update(FLAGS)

    def escape(self, pattern, special_only=True, literal_spaces=False):
        if isinstance(pattern, str) and special_only and not literal_spaces:
            return escape(pattern)
        import regex

        return regex.escape(pattern, special_only, literal_spaces)

    def __getattr__(self, name):  # not a flag, not asked before: the real module's
        import regex

        value = getattr(regex, name)
        setattr(self, name, value)  # the next look-up is a plain attribute
        return value


regex = _Module()


def extension():
    """The C extension `regex._regex`, loaded without the `regex` package when the package is
    not imported yet (it is then registered under its own name, so a later `import regex`
    takes this module rather than loading the extension a second time)."""
    loaded = sys.modules.get("regex._regex")
    if loaded is not None:
        return loaded
    path = _extension_path()
    if path is None:  # an unusual install (a zip, say): the package's own import finds it
        import regex as module

        return module._regex
    loader = importlib.machinery.ExtensionFileLoader("regex._regex", path)
    spec = importlib.util.spec_from_file_location("regex._regex", path, loader=loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    sys.modules["regex._regex"] = module
    return module


@functools.lru_cache(maxsize=1)
def _extension_path():
    """Where the installed `regex` keeps its C extension (found, not imported); None if it is
    not a plain file in a folder."""
    spec = importlib.util.find_spec("regex")
    if spec is None or not spec.submodule_search_locations:
        return None
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    for folder in spec.submodule_search_locations:
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            if name.startswith("_regex.") and name.endswith(suffixes):
                return os.path.join(folder, name)
    return None


def stamp() -> tuple:
    """What identifies the installed `regex` for a cache key (its extension's path, size and
    modification time; its version would mean importing it)."""
    path = _extension_path()
    if path is None:
        import regex as module

        return ("regex", getattr(module, "__version__", "?"))
    info = os.stat(path)
    return (path, info.st_size, info.st_mtime_ns)


def _rebuild(*data):
    """A compiled pattern from its `_pickled_data`, as `regex` itself unpickles one."""
    pattern = extension().compile(*data)
    if type(pattern) not in copyreg.dispatch_table:
        # the package, when imported, says how its patterns pickle; until then this does
        # (a process pool or a Dask cluster pickles the engine's patterns to its workers)
        copyreg.pickle(type(pattern), _reduce)
    return pattern


def _reduce(pattern):
    return _rebuild, pattern._pickled_data


def _std_arguments(pattern):
    """What the standard library's `re` compiler gave `_sre.compile` for `pattern` (its
    pattern, flags, code, groups), by compiling it again with the call watched; None if that
    is not how this Python compiles (the same call from 3.9 to 3.13)."""
    import _sre

    try:
        from re import _compiler as compiler  # Python 3.11+
    except ImportError:  # 3.9, 3.10
        import sre_compile as compiler
    seen = []
    real = _sre.compile

    def watch(*arguments):
        seen.append(arguments)
        return real(*arguments)

    _sre.compile = watch
    try:
        again = compiler.compile(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 -- then it pickles as `re` pickles it
        return None
    finally:
        _sre.compile = real
    if len(seen) != 1 or (again.pattern, again.flags, again.groupindex) != (pattern.pattern, pattern.flags, pattern.groupindex):
        return None
    source, flags, code, groups, groupindex, indexgroup = seen[0]
    return source, flags, list(map(int, code)), groups, dict(groupindex), indexgroup  # (its opcodes are int subclasses)


def _rebuild_std(source, flags, arguments):
    """A standard-library `re` pattern from what its compiler gave `_sre.compile` (written by
    this Python: the caches are keyed by its version), without compiling it again: `re`'s
    compiler is pure Python, and the packs' few `re` patterns took 12 million instructions a
    start. Anything unexpected compiles it the usual way."""
    import _sre

    try:
        return _sre.compile(*arguments)
    except Exception:  # noqa: BLE001
        import re

        return re.compile(source, flags)


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj):
        kind = type(obj)
        if kind.__name__ == "Pattern" and kind.__module__ == "_regex":
            return _reduce(obj)
        if kind.__name__ == "Pattern" and kind.__module__ == "re":
            arguments = _std_arguments(obj)
            if arguments is not None:
                return _rebuild_std, (obj.pattern, obj.flags, arguments)
        return NotImplemented


def dump(payload, handle) -> None:
    """pickle.dump(payload, handle), with compiled `regex` patterns rebuilt on loading without
    importing the `regex` package (`_rebuild`), and standard `re` patterns without compiling
    them again (`_rebuild_std`)."""
    _Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL).dump(payload)
