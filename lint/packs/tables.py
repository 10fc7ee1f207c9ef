"""Data tables shipped in rules/data/ (abbreviations, phrase lists, ranks, cue words).

Tables are YAML so copy chiefs can edit them; a pack refers to one as `{table: NAME}` and the
document model reads the ones it needs (abbreviations) from here.
"""

from __future__ import annotations

import contextlib
import functools
from pathlib import Path


def rules_dir() -> Path:
    """The shipped packs: inside the installed package, or rules/ beside lint/ in a checkout."""
    here = Path(__file__).resolve().parent.parent  # lint/, from lint/packs/tables.py
    packaged = here / "rules"
    if (packaged / "hygiene.yaml").is_file():
        return packaged
    return here.parent / "rules"


def data_dir() -> Path:
    return rules_dir() / "data"


# -- perf: tables given by the pack cache (lint/packs/cache.py), and recording what was loaded --
_PRIMED: dict = {}
_RECORDERS: list = []


def prime(loaded: dict) -> None:
    """Tables already loaded, {(name, directory): value}: later loads return these."""
    _PRIMED.update(loaded)


@contextlib.contextmanager
def recording():
    """Collect every table loaded inside the block, {(name, directory): value}."""
    loaded: dict = {}
    _RECORDERS.append(loaded)
    try:
        yield loaded
    finally:
        _RECORDERS.remove(loaded)


def load_table(name: str, directory: str = "") -> object:
    """Load rules/data/NAME.yaml (or DIRECTORY/NAME.yaml); cached, since tables never change in a run."""
    value = _PRIMED[(name, directory)] if (name, directory) in _PRIMED else _load_table(name, directory)
    for loaded in _RECORDERS:
        loaded[(name, directory)] = value
    return value
# -- end perf --


@functools.lru_cache(maxsize=None)
def _load_table(name: str, directory: str = "") -> object:
    from lint.packs.yamlload import load_yaml_file

    folder = Path(directory) if directory else data_dir()
    return load_yaml_file(folder / f"{name}.yaml", "table")


@functools.lru_cache(maxsize=None)
def abbreviations() -> tuple:
    """(never_end, may_end, sentence_openers) from rules/data/abbreviations.yaml, as frozensets."""
    table = load_table("abbreviations")
    return (
        frozenset(table["never-end"]),
        frozenset(table["may-end"]),
        frozenset(table["sentence-openers"]),
    )
