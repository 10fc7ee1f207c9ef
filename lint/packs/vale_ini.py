"""A Vale configuration (`.vale.ini`): found as Vale finds it, read as Vale reads it.

Vale looks for `.vale.ini`, `_vale.ini`, `.vale` or `_vale` in the working folder and then in
each folder above it. The file is INI: global keys first (`StylesPath`, `MinAlertLevel`,
`Vocab`, `BasedOnStyles`, `Style.Rule = YES|NO|level`), then sections named by a glob
(`[*.md]`, `[*.{md,txt}]`, `[docs/*.md]`) whose keys apply to the files the glob matches; a
later section's keys win over an earlier one's, and a section's `BasedOnStyles` replaces the
styles chosen before it. `[formats]` maps an extension to another (`mdx = md`).

`ValeConfig.for_file(path)` says, for one draft, which styles and rules are on and the
ignore patterns that apply to it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from lint.engine.patterns import lazy_compile
from lint.engine.rx import regex
from lint.model import CopydeskError

CONFIG_NAMES = (".vale.ini", "_vale.ini", ".vale", "_vale")
LEVELS = ("suggestion", "warning", "error")
# keys whose values are lists: comma-separated (styles, vocabularies, scopes)
_LISTS = ("BasedOnStyles", "Vocab", "IgnoredScopes", "SkippedScopes", "IgnoredClasses", "Packages")
# keys whose every occurrence is one regular expression (a comma may be part of it)
_PATTERNS = ("BlockIgnores", "TokenIgnores", "IgnorePatterns")
_RULE_KEY = lazy_compile(r"^[^.\s]+\.[^\s]+$")


class Section:
    """The keys of one `[glob]` section, or of the global part (glob None)."""

    def __init__(self, glob: Optional[str], line: int):
        self.glob = glob
        self.line = line
        self.based_on: Optional[List[str]] = None  # None: not set here
        self.rules: Dict[str, str] = {}  # "Style.Rule" -> "YES" | "NO" | level
        self.block_ignores: List[str] = []
        self.token_ignores: List[str] = []
        self.settings: Dict[str, str] = {}
        self._pattern = _glob_pattern(glob) if glob else None

    def matches(self, relative: str) -> bool:
        if self._pattern is None:
            return True
        name = relative.replace(os.sep, "/")
        return bool(self._pattern.fullmatch(name) or self._pattern.fullmatch(name.rsplit("/", 1)[-1]))


class FileSettings:
    """What the Vale configuration turns on for one draft."""

    def __init__(self, styles: List[str], rules: Dict[str, str], block_ignores: List[str], token_ignores: List[str]):
        self.styles = styles
        self.rules = rules
        self.block_ignores = block_ignores
        self.token_ignores = token_ignores

    def enabled(self, rule_id: str) -> Tuple[bool, Optional[str]]:
        """(on, level override) for a rule id: an explicit `Style.Rule` setting first, then
        its style being one the draft is based on."""
        value = self.rules.get(rule_id)
        if value is not None:
            upper = value.upper()
            if upper == "NO":
                return False, None
            if upper == "YES":
                return True, None
            return True, value.lower()
        return rule_id.split(".", 1)[0] in self.styles, None


class ValeConfig:
    def __init__(self, path: Path):
        self.path = path
        self.root = path.parent
        self.globals = Section(None, 1)
        self.sections: List[Section] = []
        self.formats: Dict[str, str] = {}
        self.styles_path: Optional[Path] = None
        self.min_level = "warning"  # Vale's default
        self.vocab: List[str] = []
        self.skipped_scopes: List[str] = []
        self.ignored_scopes: List[str] = []
        self.ignored_classes: List[str] = []
        self._cache: Dict[str, FileSettings] = {}

    # ---- what a draft gets ------------------------------------------------------------

    def relative(self, path: str) -> str:
        try:
            return os.path.relpath(os.path.abspath(path), str(self.root.resolve()))
        except ValueError:
            return path

    def format_path(self, path: str) -> str:
        """The path as Vale matches it: its extension mapped by `[formats]`."""
        stem, ext = os.path.splitext(path)
        mapped = self.formats.get(ext.lstrip("."))
        return stem + "." + mapped if mapped else path

    def for_file(self, path: str) -> FileSettings:
        cached = self._cache.get(path)
        if cached is not None:
            return cached
        relative = self.format_path(self.relative(path))
        styles = list(self.globals.based_on or [])
        rules = dict(self.globals.rules)
        blocks = list(self.globals.block_ignores)
        tokens = list(self.globals.token_ignores)
        for section in self.sections:
            if not section.matches(relative):
                continue
            if section.based_on is not None:
                styles = list(section.based_on)
            rules.update(section.rules)
            blocks.extend(section.block_ignores)
            tokens.extend(section.token_ignores)
        settings = FileSettings(styles, rules, blocks, tokens)
        self._cache[path] = settings
        return settings

    def all_styles(self) -> List[str]:
        """Every style some section is based on, in order."""
        out: List[str] = []
        for section in [self.globals] + self.sections:
            for style in section.based_on or []:
                if style not in out:
                    out.append(style)
        return out

    def named_rules(self) -> List[str]:
        """Every `Style.Rule` some section turns on by name."""
        out: List[str] = []
        for section in [self.globals] + self.sections:
            for rule, value in section.rules.items():
                if value.upper() != "NO" and rule not in out:
                    out.append(rule)
        return out


def find_vale_config(start: Optional[Path] = None) -> Optional[Path]:
    """The nearest Vale configuration file to `start` (a folder), looking upwards."""
    here = Path(start or Path.cwd()).resolve()
    for folder in [here] + list(here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def read_vale_config(path) -> ValeConfig:
    """Parse a Vale configuration file; a fault names the file and line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as error:
        raise CopydeskError(f"{path}: cannot read the Vale configuration: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise CopydeskError(f"{path}: the Vale configuration is not UTF-8 text") from None
    cfg = ValeConfig(path)
    section = cfg.globals
    in_formats = False
    pending_key = None
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            name = line[1:-1].strip()
            in_formats = name == "formats"
            if not in_formats:
                section = Section(name, number)
                cfg.sections.append(section)
            pending_key = None
            continue
        if "=" not in line:
            if pending_key in _PATTERNS:  # a pattern continued on the next line
                _add(cfg, section, pending_key, line, number)
                continue
            raise CopydeskError(f"{path}:{number}: expected `key = value` or `[section]`, found {line!r}")
        key, value = (part.strip() for part in line.split("=", 1))
        pending_key = key
        if in_formats:
            cfg.formats[key.lstrip(".")] = value.lstrip(".")
            continue
        _add(cfg, section, key, value, number)
    if cfg.min_level not in LEVELS:
        raise CopydeskError(f"{path}: MinAlertLevel must be one of {', '.join(LEVELS)}, not {cfg.min_level!r}")
    if cfg.styles_path is None:
        cfg.styles_path = None  # only Vale's built-in rules
    return cfg


def _add(cfg: ValeConfig, section: Section, key: str, value: str, number: int) -> None:
    if value[:1] == value[-1:] and value[:1] in "\"'" and len(value) > 1:
        value = value[1:-1]
    if section is cfg.globals and key == "StylesPath":
        styles = Path(os.path.expanduser(value))
        cfg.styles_path = styles if styles.is_absolute() else (cfg.root / styles)
        return
    if section is cfg.globals and key == "MinAlertLevel":
        cfg.min_level = value.lower()
        return
    if key in _LISTS:
        items = [v.strip() for v in value.split(",") if v.strip()]
        if key == "BasedOnStyles":
            section.based_on = (section.based_on or []) + items if section.based_on is not None else items
        elif key == "Vocab":
            cfg.vocab.extend(i for i in items if i not in cfg.vocab)
        elif key == "SkippedScopes":
            cfg.skipped_scopes = items
        elif key == "IgnoredScopes":
            cfg.ignored_scopes = items
        elif key == "IgnoredClasses":
            cfg.ignored_classes.extend(items)
        else:
            section.settings[key] = value
        return
    if key in ("BlockIgnores", "IgnorePatterns"):  # IgnorePatterns: its old name
        section.block_ignores.extend(_patterns(value))
        return
    if key == "TokenIgnores":
        section.token_ignores.extend(_patterns(value))
        return
    if _RULE_KEY.match(key):
        upper = value.upper()
        if upper not in ("YES", "NO") and value.lower() not in LEVELS:
            raise CopydeskError(
                f"{cfg.path}:{number}: {key} = {value}: a rule is set to YES, NO or a level ({', '.join(LEVELS)})"
            )
        section.rules[key] = value
        return
    section.settings[key] = value


def _patterns(value: str) -> List[str]:
    """Ignore patterns as Vale lists them: several on one line are separated by `, ` between
    a closing and an opening parenthesis (a comma inside a pattern, as in `{2,}`, stays)."""
    return [p.strip() for p in regex.split(r"(?<=\))\s*,\s*(?=\()", value) if p.strip()]


def _glob_pattern(glob: str):
    """A Vale section glob as a regular expression: `*` and `**` match any run (slashes
    too, as Vale's globs do), `?` one character, `{a,b}` either, `[...]` a class; a leading
    `!` negates."""
    negate = glob.startswith("!")
    body = glob[1:] if negate else glob
    out = []
    i = 0
    depth = 0
    while i < len(body):
        c = body[i]
        if c == "*":
            while i + 1 < len(body) and body[i + 1] == "*":
                i += 1
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "{":
            depth += 1
            out.append("(?:")
        elif c == "}" and depth:
            depth -= 1
            out.append(")")
        elif c == "," and depth:
            out.append("|")
        elif c == "[":
            close = body.find("]", i + 1)
            if close < 0:
                out.append(regex.escape(c))
            else:
                inner = body[i + 1 : close]
                if inner.startswith("!"):
                    inner = "^" + inner[1:]
                out.append("[" + inner + "]")
                i = close
        else:
            out.append(regex.escape(c))
        i += 1
    pattern = "".join(out)
    if negate:
        pattern = f"(?!(?:{pattern})$).*"
    try:
        return regex.compile(pattern, regex.DOTALL)
    except regex.error:
        return regex.compile(regex.escape(glob))


class ValeLoad:
    def __init__(self):
        self.rules: list = []
        self.problems: List[str] = []
        self.notices: List[str] = []


def find_config(start=None, explicit: Optional[str] = None, configured: Optional[str] = None) -> Optional[Path]:
    """The Vale configuration to read: `explicit` (`--vale-config`), else the copydesk
    config's `vale:` setting, else the nearest `.vale.ini` (or `_vale.ini`, `.vale`, `_vale`)
    to `start`, looking upwards. None: there is none."""
    for chosen in (explicit, configured):
        if chosen:
            path = Path(chosen)
            if not path.is_file():
                raise CopydeskError(f"Vale configuration {chosen}: no such file")
            return path
    env = os.environ.get("VALE_CONFIG_PATH")
    if env and Path(env).is_file():
        return Path(env)
    return find_vale_config(start)
