"""YAML loading for packs, tables and config: safe, words stay words, line numbers kept.

Plain YAML 1.1 turns `no`, `yes`, `on`, `off` into booleans, which silently breaks word lists;
here only `true` and `false` are booleans. Every mapping and list remembers the line it starts
on and the line of each key or item, so errors can say `file:line`.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from lint.model import CopydeskError


class LineDict(dict):
    """A dict that knows its line (`line`) and the line of each key (`key_lines`)."""

    line = 0
    key_lines: dict


class LineList(list):
    """A list that knows its line (`line`) and the line of each item (`item_lines`)."""

    line = 0
    item_lines: list


@functools.lru_cache(maxsize=None)
def _loader():
    """The loader class, built on first use: a run served from the pack cache never imports
    the YAML parser (lint/packs/cache.py)."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    # Drop YAML 1.1's yes/no/on/off booleans: keep only true/false.
    _Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    for first in "tTfF":
        _Loader.yaml_implicit_resolvers.setdefault(first, []).append(("tag:yaml.org,2002:bool", _BOOL))
    _Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
    _Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
    _Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
    return _Loader


_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


def _construct_mapping(loader, node):
    import yaml

    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain word", key_node.start_mark
            )
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader, node):
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


def _construct_timestamp(loader, node):
    # PyYAML raises a bare ValueError for `2020-13-01`; give it a line like any YAML error
    import yaml

    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as error:
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value!r} is not a real date ({error})", node.start_mark
        ) from None


def load_yaml(text: str, name: str):
    """Parse YAML text; a syntax error becomes a CopydeskError naming `name:line`."""
    import yaml

    try:
        return yaml.load(text, Loader=_loader())  # noqa: S506 -- _loader() is a SafeLoader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        problem = error.problem or error.context or "invalid YAML"
        raise CopydeskError(f"{name}:{line}: invalid YAML: {problem}") from None
    except yaml.YAMLError as error:
        raise CopydeskError(f"{name}: invalid YAML: {error}") from None


# What reading a YAML file had to say that is not an error (a pack saved as Windows-1252):
# `take_notices()` hands them to whoever reports (lint/api.py for `copydesk check` and `copydesk rules`).
_NOTICES: list = []


def read_text(path: Path, what: str = "file") -> str:
    """A YAML or config file's text, decoded as drafts are (lint/drafts/decode.py): a byte-order mark
    (UTF-8, UTF-16, UTF-32), else UTF-8, else Windows-1252 with a notice. Bytes nothing decodes
    are a CopydeskError naming the file, line and byte."""
    from lint.drafts import decode

    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise CopydeskError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CopydeskError(f"{path}: is a folder, not a {what}") from None
    except OSError as error:
        raise CopydeskError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        decoded = decode.decode(data, str(path), what)
    except decode.DraftError as error:
        raise CopydeskError(str(error)) from None
    if decoded.notice:
        _NOTICES.append(decoded.notice)
    return decoded.text


def take_notices() -> list:
    """The notices files read so far gave, once each (the list is emptied)."""
    out = list(_NOTICES)
    del _NOTICES[:]
    return out


def load_yaml_file(path: Path, what: str = "file"):
    return load_yaml(read_text(path, what), str(path))


def line_of(container, key, default: int = 0) -> int:
    """The line of `key` in a LineDict (or item index in a LineList), else the container's line."""
    if isinstance(container, LineDict):
        return container.key_lines.get(key, container.line)
    if isinstance(container, LineList) and isinstance(key, int) and key < len(container.item_lines):
        return container.item_lines[key]
    return getattr(container, "line", default)
