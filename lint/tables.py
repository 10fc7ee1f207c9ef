"""Data tables shipped in rules/data/ (abbreviations, phrase lists, ranks, cue words).

Tables are YAML so copy chiefs can edit them; a pack refers to one as `{table: NAME}` and the
document model reads the ones it needs (abbreviations) from here.
"""

from __future__ import annotations

import functools
from pathlib import Path


def rules_dir() -> Path:
    """The shipped packs: inside the installed package, or rules/ beside lint/ in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "rules"
    if (packaged / "hygiene.yaml").is_file():
        return packaged
    return here.parent / "rules"


def data_dir() -> Path:
    return rules_dir() / "data"


@functools.lru_cache(maxsize=None)
def load_table(name: str, directory: str = "") -> object:
    """Load rules/data/NAME.yaml (or DIRECTORY/NAME.yaml); cached, since tables never change in a run."""
    from lint.yamlload import load_yaml_file

    folder = Path(directory) if directory else data_dir()
    return load_yaml_file(folder / f"{name}.yaml")


@functools.lru_cache(maxsize=None)
def abbreviations() -> tuple:
    """(never_end, may_end, sentence_openers) from rules/data/abbreviations.yaml, as frozensets."""
    table = load_table("abbreviations")
    return (
        frozenset(table["never-end"]),
        frozenset(table["may-end"]),
        frozenset(table["sentence-openers"]),
    )
