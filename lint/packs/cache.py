"""A cache of loaded, validated and compiled packs, so a commit hook starts in milliseconds.

Loading packs means parsing YAML, checking every option and compiling every pattern: a cost
paid on every `copydesk` call, which under pre-commit is most of the time the call takes. The
result (the `Rule` list, with compiled `regex` patterns, which pickle with their compiled code)
is pickled under a key made of everything it was built from:

- copydesk's own code (every file under `lint/`: path, size, modification time),
- the pack files and every YAML file in the `data/` folders beside them,
- the Python, `regex` and copydesk versions, and the arguments of the load.

Any change to one of those makes a new key, so a stale cache cannot be read. The tables read
while loading (and the abbreviation list the sentence splitter needs) are stored with the rules,
so a cached run does not import the YAML parser at all.

Where: $COPYDESK_CACHE_DIR, else $XDG_CACHE_HOME/copydesk, else ~/.cache/copydesk.
COPYDESK_NO_CACHE=1 turns it off. A cache that cannot be read or written is ignored: the
packs are then loaded the slow way, with the same result.

A kind whose loading reads some other file must name it in `EXTRA_INPUTS` (or not be cached).
"""

from __future__ import annotations

import functools
import os
import pickle
import sys
import time
from pathlib import Path
from typing import Callable, Iterable, List

from lint.engine import digests, rx

PREFIX = "packs-"
PATTERNS_PREFIX = "patterns-"  # lint/engine/patterns.py: module-level patterns, keyed by the code alone
KEEP = 8  # cache files kept of each kind; the least recently used go when a new one is written
# A file a run reads has its modification time renewed when it is older than this, so that
# pruning, which goes by modification time, removes what no run has used for longest: a
# commit hook's cache, written once and read on every commit, must not be the first to go
# when other checkouts or configurations write theirs. (An hour: most runs only read it.)
REFRESH_SECONDS = 3600
EXTRA_INPUTS: List[Path] = []


def cache_dir() -> Path:
    if os.environ.get("COPYDESK_CACHE_DIR"):
        return Path(os.environ["COPYDESK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "copydesk"


def enabled() -> bool:
    return os.environ.get("COPYDESK_NO_CACHE", "") in ("", "0")


def _code_files() -> List[str]:
    """Every module of lint/, sorted. (os.scandir, not Path.rglob: this runs at every start,
    and rglob's Path objects cost ten times the walk, 2 ms of a commit hook's ~90.)"""
    root = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    found: List[str] = []
    folders = [root]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.name.endswith(".py") and entry.is_file():
                    found.append(entry.path)
                elif entry.name != "__pycache__" and entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
    found.sort()
    return found


def _data_files(pack_paths: Iterable[Path]) -> List[Path]:
    out = set()
    for path in pack_paths:
        path = Path(path)
        out.add(path)
        data = path.parent / "data"
        try:  # (not Path.glob, which compiles a pattern for "*.yaml" at every start)
            names = os.listdir(data)
        except OSError:  # no data folder
            continue
        out.update(data / name for name in names if name.endswith(".yaml") and (data / name).is_file())
    return sorted(out)


def _stamp(paths: Iterable[Path]) -> bytes:
    """Each file's path, size and modification time: what a cache key is made of."""
    lines = []
    for path in paths:
        try:
            stat = os.stat(path)
            lines.append(f"{os.path.abspath(path)}\0{stat.st_size}\0{stat.st_mtime_ns}\n")
        except OSError:
            lines.append(f"{path}\0missing\n")
    return "".join(lines).encode()


@functools.lru_cache(maxsize=1)
def _code_stamp() -> bytes:
    """copydesk's code and the versions it runs on, stamped once a process (both caches'
    keys start with it; the code does not change under a running process)."""
    from lint import __version__

    versions = repr((sys.version, rx.stamp(), __version__)).encode()
    return versions + b"\n" + _stamp(_code_files())


def key(args: tuple, pack_paths: Iterable[Path]) -> str:
    digest = digests.blake2b(digest_size=16)
    digest.update(repr(args).encode() + b"\n")
    digest.update(_code_stamp())
    digest.update(_stamp(_data_files(pack_paths) + list(EXTRA_INPUTS)))
    return digest.hexdigest()


def cached(args: tuple, pack_paths: Iterable[Path], build: Callable[[], object], keep: Callable[[object], bool] = lambda result: True):
    """`build()`'s result, from the cache when its inputs have not changed; a result `keep`
    refuses (packs with broken rules: about to be fixed) is built each time, never stored."""
    if not enabled():
        return build()
    from lint.packs import tables

    try:
        name = cache_dir() / f"{PREFIX}{key(args, list(pack_paths))}.pickle"
    except Exception:  # noqa: BLE001 -- no home folder, say: run without the cache
        return build()
    try:
        with open(name, "rb") as handle:
            result, loaded_tables = pickle.load(handle)
            mark_used(handle)
        tables.prime(loaded_tables)
        return result
    except Exception:  # noqa: BLE001 -- missing, unreadable or from another version: rebuild
        pass
    with tables.recording() as loaded_tables:
        result = build()
        tables.load_table("abbreviations")  # every check needs it: store it with the rules
    if not keep(result):
        return result
    try:
        _write(name, (result, loaded_tables))
    except Exception:  # noqa: BLE001 -- a read-only home, a full disk: run without the cache
        pass
    return result


def _derived_name(prefix: str, inputs: tuple, suffix: str) -> Path:
    digest = digests.blake2b(repr((inputs, sys.version)).encode(), digest_size=16).hexdigest()
    return cache_dir() / f"{prefix}{digest}{suffix}"


def derived(prefix: str, inputs: tuple, build: Callable[[], object]):
    """`build()`'s result, kept in the cache under `inputs` (what it is built from: a data
    file's path, size and modification time, and a format version) and the Python version.
    None when caching is turned off: the caller then does without. A cache that cannot be
    written costs a build each time, as the pack cache does."""
    if not enabled():
        return None
    try:
        name = _derived_name(prefix, inputs, ".pickle")
    except Exception:  # noqa: BLE001 -- no home folder, say
        return None
    try:
        with open(name, "rb") as handle:
            result = pickle.load(handle)
            mark_used(handle)
            return result
    except Exception:  # noqa: BLE001 -- missing, unreadable: build it
        pass
    result = build()
    try:
        _write(name, result, prefix)
    except Exception:  # noqa: BLE001 -- a read-only home, a full disk
        pass
    return result


def mapped(prefix: str, inputs: tuple, build: Callable[[], bytes]):
    """The bytes `build()` gives, kept in the cache as a file of their own (keyed as `derived`
    keys its results) and read back as a read-only memory map: nothing is read, copied or
    decoded up front, and the pages a process touches are the file's, shared with every other
    process that maps it (a forked pool's children too). None when caching is turned off; the
    built bytes themselves when the file cannot be written or mapped. The caller checks what it
    reads (a file cut short by a full disk maps too)."""
    if not enabled():
        return None
    import mmap

    try:
        name = _derived_name(prefix, inputs, ".bin")
    except Exception:  # noqa: BLE001 -- no home folder, say
        return None
    try:
        with open(name, "rb") as handle:
            mapping = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            mark_used(handle)
            return mapping
    except Exception:  # noqa: BLE001 -- missing, empty or unreadable: build it
        pass
    data = build()
    try:
        _write(name, data, prefix, raw=True)
        with open(name, "rb") as handle:
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except Exception:  # noqa: BLE001 -- a read-only home, a full disk: the bytes serve as they are
        return data


def patterns_file():
    """Where lint/engine/patterns.py keeps compiled module-level patterns (None: caching is off)."""
    if not enabled():
        return None
    return cache_dir() / f"{PATTERNS_PREFIX}{digests.blake2b(_code_stamp(), digest_size=16).hexdigest()}.pickle"


def mark_used(handle) -> None:
    """A run has read this cache file (an open file): renew its modification time if it is
    older than REFRESH_SECONDS (see there). A cache folder that cannot be written is left as
    it is."""
    try:
        if time.time() - os.fstat(handle.fileno()).st_mtime > REFRESH_SECONDS:
            os.utime(handle.name)
    except OSError:
        pass


def write_atomic(name: Path, payload, prefix: str = PREFIX) -> None:
    _write(name, payload, prefix)


def _write(name: Path, payload, prefix: str = PREFIX, raw: bool = False) -> None:
    """Write `payload` pickled (`raw`: bytes as they are) to `name` at once (a temporary file
    renamed), and remove the oldest files of its kind beyond KEEP."""
    name.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # only when the cache is written

    fd, temp = tempfile.mkstemp(dir=name.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            if raw:
                handle.write(payload)
            else:  # compiled patterns come back without importing the regex package
                rx.dump(payload, handle)
        os.replace(temp, name)
    except BaseException:
        os.unlink(temp)
        raise
    old = sorted(name.parent.glob(f"{prefix}*{name.suffix}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in old[KEEP:]:
        try:
            stale.unlink()
        except OSError:
            pass
