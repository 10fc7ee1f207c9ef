"""Find and read copydesk's configuration; merge it with the command line.

Where: `--config FILE`, else the nearest of `copydesk.yaml`, `.copydesk.yaml` or a
`pyproject.toml` holding `[tool.copydesk]`, looking in the working directory and then each
folder above it (in one folder, that order). Paths in a config file are relative to the file.
Precedence: flags > config > defaults.

Every key is checked: an unknown key or a value of the wrong type is a `CopydeskError` that
names the file and line (`copydesk.yaml:7: ...`), and the CLI exits 2.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from lint.engine.rx import regex
from lint.model import CopydeskError, Severity
from lint.engine.patterns import lazy_compile
from lint.record import Record, field
from lint.packs.suggest import did_you_mean

CONFIG_NAMES = ("copydesk.yaml", ".copydesk.yaml", "pyproject.toml")

# key -> what it holds, for error messages; the checks live in _parse_value
KEYS = {
    "packs": "a list of built-in pack names (or `builtin` for all of them) and pack files",
    "select": "a list of rule-id prefixes",
    "ignore": "a list of rule-id prefixes",
    "severity": "a mapping of rule-id prefixes to error, warning or suggestion",
    "fail-on": "error, warning or suggestion",
    "per-file-ignores": "a mapping of file globs to lists of rule-id prefixes",
    "exclude": "a list of file globs",
    "registry": "the path of the house people list (a YAML file)",
    "corpus": "a list of file globs (other drafts to compare against)",
    "house": "a mapping of house-style choices to values (for example `us-form: U.S.`)",
    "vale": "the path of a Vale configuration (.vale.ini), or `false` to run no Vale styles",
}
ALL_BUILTIN = "builtin"


class Config(Record):
    """One config file's settings (or the defaults, when `file` is None)."""

    file: Optional[Path] = None
    root: Path = field(default_factory=Path.cwd)  # config-relative paths start here
    packs: Optional[List[str]] = None  # None: every built-in pack
    select: List[str] = field(default_factory=list)
    ignore: List[str] = field(default_factory=list)
    severity: Dict[str, Severity] = field(default_factory=dict)
    fail_on: Optional[Severity] = None
    per_file_ignores: Dict[str, List[str]] = field(default_factory=dict)
    exclude: List[str] = field(default_factory=list)
    # HOOK(registry): the house people list's path. lint/packs/registry.py loads it;
    # lint/api.py passes it on (a `--registry` flag beats it).
    registry: Optional[Path] = None
    corpus: List[str] = field(default_factory=list)
    house: Dict[str, Any] = field(default_factory=dict)
    vale: Any = None  # a Vale configuration's Path; False: none (not even a .vale.ini found nearby)
    lines: Dict[Tuple[str, ...], int] = field(default_factory=dict)  # (key[, subkey]) -> line

    def where(self, *key: str) -> str:
        """`file:line` of a key (or of a sub-key: `where("severity", "hygiene")`)."""
        if self.file is None:
            return "(command line)"
        line = self.lines.get(tuple(key)) or self.lines.get(tuple(key[:1])) or 1
        return f"{self.file}:{line}"

    def pack_files(self) -> List[Path]:
        return [self.root / p for p in self.packs or [] if _is_pack_file(p)]

    def builtin_packs(self) -> Optional[List[str]]:
        """The built-in packs to keep (None: all of them)."""
        if self.packs is None:
            return None
        names = [p for p in self.packs if not _is_pack_file(p)]
        return None if ALL_BUILTIN in names else names


def _is_pack_file(entry: str) -> bool:
    return entry.endswith((".yaml", ".yml")) or "/" in entry or os.sep in entry


# ---- finding the file -------------------------------------------------------------------


def find_config(start: Optional[Path] = None) -> Optional[Path]:
    """The nearest config file at or above `start` (the working directory)."""
    folder = Path(start or Path.cwd()).resolve()
    for candidate_dir in [folder, *folder.parents]:
        for name in CONFIG_NAMES:
            path = candidate_dir / name
            if not path.is_file():
                continue
            if name == "pyproject.toml" and not _has_tool_table(path):
                continue
            return path
    return None


# Every way TOML can give `tool` a `copydesk` key puts one of these in the text: a dotted key
# or table header (`[tool.copydesk]`, `tool.copydesk.select = ...`, `[ tool . "copydesk" ]`),
# an inline `tool = { ... }`, or a `[tool]` table and, after it, a line that starts with a
# `copydesk` key. A pyproject.toml that only names copydesk (a dependency, a console script
# `copydesk = "..."` under [project.scripts], a comment) has none, and is not parsed. Each of
# them starts its line (after spaces, `[` or a quote), so cutting comments off cannot hide one.
_TOOL_COPYDESK = lazy_compile(r"""tool["']?\s*\.\s*["']?copydesk|\btool["']?\s*=\s*\{""")
_TOOL_TABLE = lazy_compile(r"""^\s*\[\s*["']?tool["']?\s*\]""", regex.MULTILINE)
_COPYDESK_KEY = lazy_compile(r"""^\s*["']?copydesk["']?\s*[.=]""", regex.MULTILINE)
_COMMENT = lazy_compile(r"#[^\n]*")


def _may_configure(text: str) -> bool:
    if "copydesk" not in text:
        return False
    text = _COMMENT.sub("", text)
    if _TOOL_COPYDESK.search(text):
        return True
    table = _TOOL_TABLE.search(text)
    return table is not None and _COPYDESK_KEY.search(text, table.end()) is not None


def _has_tool_table(path: Path) -> bool:
    text = _read(path)
    # most pyproject.toml files: no need to parse (tomllib costs 10-15 ms to import and run)
    if not _may_configure(text):
        return False
    tool = _load_toml(path, text).get("tool")
    return isinstance(tool, dict) and "copydesk" in tool


def load(explicit: Optional[str] = None, start: Optional[Path] = None) -> Config:
    """The config for a run: `explicit` (--config) if given, else the nearest one, else defaults."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise CopydeskError(f"--config {explicit}: no such file")
    else:
        found = find_config(start)
        if found is None:
            return Config()
        path = Path(os.path.relpath(found))  # errors name it as the user would type it
    return load_file(path)


def load_file(path: Path) -> Config:
    path = Path(path)
    if path.name.endswith(".toml"):
        text = _read(path)
        data = _load_toml(path, text)
        tool = data.get("tool", {}) if isinstance(data, dict) else {}
        table = tool.get("copydesk") if isinstance(tool, dict) else None
        if table is None:
            raise CopydeskError(f"{path}:1: no [tool.copydesk] table")
        lines = _TomlLines(text, ("tool", "copydesk"))
        return _build(path, table, lines.top, lines.sub)
    from lint.packs.yamlload import LineDict, line_of, load_yaml

    data = load_yaml(_read(path), str(path))
    if data is None:  # an empty file: defaults
        return Config(file=path, root=path.parent.resolve())
    if not isinstance(data, LineDict):
        raise CopydeskError(f"{path}:{getattr(data, 'line', 1)}: the config is a mapping of settings ({', '.join(KEYS)})")

    def top(key):
        return line_of(data, key, 1)

    def sub(key, subkey):
        node = data.get(key)
        return line_of(node, subkey, top(key)) if isinstance(node, (LineDict, list)) else top(key)

    return _build(path, data, top, sub)


def _read(path: Path) -> str:
    """Decoded as drafts are (a BOM, UTF-8, else Windows-1252 with a notice): lint/packs/yamlload.py."""
    from lint.packs.yamlload import read_text

    return read_text(path, "config")


def toml_module():
    """The TOML parser: `tomllib` from Python 3.11, the `tomli` package (the same API) before."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.9 and 3.10: the `tomli` dependency (pyproject.toml)
        import tomli as tomllib
    return tomllib


def _load_toml(path: Path, text: str) -> dict:
    tomllib = toml_module()
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        m = regex.search(r"\(at line (\d+)", message)
        line = int(m.group(1)) if m else max(len(text.splitlines()), 1)  # "at end of document"
        raise CopydeskError(f"{path}:{line}: invalid TOML: {regex.sub(r' [(]at .*[)]$', '', message)}") from None


class _TomlLines:
    """Line numbers of keys in a TOML text (tomllib keeps none): `top(key)`, `sub(key, subkey)`.

    Reads table headers and `key = ...` lines; good for the shapes a config takes (tables,
    dotted and quoted keys, inline tables). Anything it cannot place falls back to the line
    of the enclosing table.
    """

    _HEADER = lazy_compile(r"^\s*\[\[?\s*(.+?)\s*\]\]?\s*(?:#.*)?$")
    _KEY = lazy_compile(r"""^\s*((?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=""")
    _PART = lazy_compile(r""""((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+)""")

    def __init__(self, text: str, base: Tuple[str, ...]):
        self.base = base
        self.lines: Dict[Tuple[str, ...], int] = {}
        table: Tuple[str, ...] = ()
        for number, line in enumerate(text.splitlines(), start=1):
            header = self._HEADER.match(line)
            if header and not self._KEY.match(line):
                table = self._parts(header.group(1))
                self.lines.setdefault(table, number)
                continue
            key = self._KEY.match(line)
            if key:
                full = table + self._parts(key.group(1))
                for i in range(len(table) + 1, len(full) + 1):
                    self.lines.setdefault(full[:i], number)
                # keys of an inline table on the same line
                rest = line[key.end():]
                if rest.lstrip().startswith("{"):
                    for inner in regex.finditer(r"""(?:[{,]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""", rest):
                        self.lines.setdefault(full + self._parts(inner.group(1)), number)

    def _parts(self, dotted: str) -> Tuple[str, ...]:
        return tuple(next(g for g in m.groups() if g is not None) for m in self._PART.finditer(dotted))

    def top(self, key: str) -> int:
        return self.lines.get(self.base + (key,)) or self.lines.get(self.base) or 1

    def sub(self, key: str, subkey: str) -> int:
        return self.lines.get(self.base + (key, str(subkey))) or self.top(key)


# ---- checking the settings ---------------------------------------------------------------


def _build(path: Path, data: dict, top, sub) -> Config:
    config = Config(file=path, root=path.parent.resolve())
    for key in data:
        config.lines[(key,)] = top(key)
    for key, value in data.items():
        where = f"{path}:{top(key)}"
        if key not in KEYS:
            hint = did_you_mean(str(key).replace("_", "-"), KEYS)
            raise CopydeskError(f"{where}: unknown setting {key!r} ({hint}settings: {', '.join(KEYS)})")

        def wrong(what=None, at=where, value=value, key=key):
            return CopydeskError(f"{at}: `{key}` must be {what or KEYS[key]}, not {_show(value)}")

        if key in ("select", "ignore", "corpus", "exclude", "packs"):
            items = _str_list(value)
            if items is None:
                raise wrong()
            if key in ("select", "ignore"):
                items = [i for item in items for i in _split(item)]
            setattr(config, key, items)
        elif key == "fail-on":
            config.fail_on = _level(value, wrong)
        elif key == "registry":
            if not isinstance(value, str) or not value.strip():
                raise wrong()
            config.registry = config.root / value
        elif key == "vale":
            if value is False:
                config.vale = False
            elif isinstance(value, str) and value.strip():
                config.vale = config.root / value
            else:
                raise wrong()
        elif key in ("severity", "per-file-ignores", "house"):
            if not isinstance(value, dict):
                raise wrong()
            for subkey, subvalue in value.items():
                at = f"{path}:{sub(key, subkey)}"
                config.lines[(key, str(subkey))] = sub(key, subkey)
                if not isinstance(subkey, str):
                    raise CopydeskError(f"{at}: `{key}`: {_show(subkey)} must be text")
                if key == "severity":
                    config.severity[subkey] = _level(
                        subvalue, lambda: CopydeskError(f"{at}: `severity` of {subkey!r} must be error, warning or suggestion, not {_show(subvalue)}")
                    )
                elif key == "per-file-ignores":
                    items = _str_list(subvalue)
                    if items is None:
                        raise CopydeskError(f"{at}: `per-file-ignores` of {subkey!r} must be a list of rule-id prefixes, not {_show(subvalue)}")
                    config.per_file_ignores[subkey] = [i for item in items for i in _split(item)]
                else:
                    if not isinstance(subvalue, (str, int, float, bool)):
                        raise CopydeskError(f"{at}: `house` choice {subkey!r} must be a word, number or true/false, not {_show(subvalue)}")
                    config.house[subkey] = subvalue
    return config


def check_house(config: Config, rules, broken=()) -> None:
    """Every `house:` choice names a setting that rules/data/house.yaml declares or a loaded rule
    reads (a rule's `house:` or `house_off:` option), and one of its values; else a
    CopydeskError at its line, with the closest.

    A setting no rule reads would silently do nothing: a typo (`us-fom`), or a value that is
    no form of the rule (`us-form: USA`) never chosen. `broken`: ids of rules left out (a
    broken pack): a setting may be theirs, so an unknown one is not an error then."""
    if not config.house:
        return
    from lint.packs.tables import load_table

    forms: Dict[str, Dict[str, None]] = {}  # setting -> the values it may take (in order)
    readers: Dict[str, List[str]] = {}  # setting -> the rules that read it
    declared = (load_table("house") or {}).get("choices") or {}
    for key, spec in declared.items():
        spec = spec or {}
        readers[key] = [str(r) for r in spec.get("rules") or []]
        forms[key] = dict.fromkeys(str(v) for v in spec.get("values") or [])
    for rule in rules:
        kind = rule.kind
        setting = getattr(kind, "house", None)
        if isinstance(setting, str):
            if rule.id not in readers.setdefault(setting, []):
                readers[setting].append(rule.id)
            if setting not in declared:  # a house pack's own setting: its forms are its values
                values = list(getattr(kind, "house_forms", None) or []) or [
                    form for group in (getattr(kind, "_labels", None) or getattr(kind, "groups", None) or [])
                    for form in group]
                forms.setdefault(setting, {}).update(dict.fromkeys(str(v) for v in values))
        for key in getattr(kind, "house_off", None) or {}:
            if rule.id not in readers.setdefault(key, []):
                readers[key].append(rule.id)
    for key, value in config.house.items():
        at = config.where("house", key)
        if key not in readers:
            if broken:
                continue
            hint = did_you_mean(key, readers)
            known = ", ".join(sorted(readers)) or "none: no loaded rule reads one"
            raise CopydeskError(f"{at}: unknown `house` setting {key!r} ({hint}house settings: {known})")
        allowed = list(forms.get(key, {}))
        if allowed and str(value) not in allowed:
            hint = did_you_mean(str(value), allowed, cutoff=0.5)
            who = ", ".join(readers[key]) or "no loaded rule"
            see = f"see `copydesk explain {readers[key][0]}`" if readers[key] else "see docs/house-style.md"
            raise CopydeskError(
                f"{at}: `house` choice {key!r} must be one of {', '.join(repr(f) for f in allowed)} "
                f"(read by {who}), not {_show(value)} ({hint}{see})"
            )


def _str_list(value) -> Optional[List[str]]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def _split(text: str) -> List[str]:
    return [p.strip() for p in text.split(",") if p.strip()]


def _level(value, wrong) -> Severity:
    if isinstance(value, str):
        try:
            return Severity.parse(value)
        except ValueError:
            pass
    raise wrong()


def _show(value) -> str:
    if isinstance(value, str):
        return repr(value)
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list" if not value or all(isinstance(v, str) for v in value) else "a list of mixed values"
    return f"{type(value).__name__} {value!r}"[:80]


# ---- paths and globs ----------------------------------------------------------------------


def glob_regex(pattern: str):
    """A `.gitignore`-style glob as a compiled regex over `/`-separated relative paths.

    `*` and `?` stay inside one folder, `**` crosses folders, a trailing `/` matches a folder
    and all below it, and a pattern with no `/` matches a file or folder name at any depth.
    """
    pattern = pattern.strip().replace(os.sep, "/")
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.lstrip("/")
    if pattern.endswith("/"):
        pattern += "**"
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        out.append({"*": "[^/]*", "?": "[^/]"}.get(c, regex.escape(c)))
        i += 1
    body = "".join(out)
    prefix = "" if anchored else "(?:.*/)?"
    # a match on a folder covers everything below it
    return regex.compile(f"^{prefix}{body}(?:/.*)?$")


def matches_any(relpath: str, patterns: List[str]) -> bool:
    return any(glob_regex(p).match(relpath) for p in patterns)


def relative_to(path: str, root: Path) -> Optional[str]:
    """`path` as a `/`-separated path relative to `root`, or None when it lies outside."""
    try:
        rel = Path(os.path.abspath(path)).relative_to(root)
    except ValueError:
        try:
            rel = Path(os.path.realpath(path)).relative_to(root.resolve())
        except ValueError:
            return None
    return rel.as_posix()
