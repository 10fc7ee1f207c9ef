"""Rule packs: load a pack's YAML, validate every part of it, and build Rule objects.

A pack error is the user's, so every message says where: `house.yaml:14: rule 'us-form':
unknown option 'swaps' (substitution takes: swap, regex, ...)`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

from lint.packs import tables
from lint.drafts.document import SCOPES
from lint.kinds import KINDS
from lint.kinds.base import OptionError, check_type, option_fields
from lint.model import CopydeskError, Severity
from lint.engine.patterns import lazy_compile
from lint.record import Record, replace
from lint.packs.suggest import did_you_mean
from lint.packs.yamlload import LineDict, LineList, line_of, load_yaml_file

PACK_KEYS = ("name", "description", "rules")
RULE_KEYS = ("kind", "level", "message", "scope", "description", "link", "examples", "formats")
DRAFT_FORMATS = ("text", "markdown", "html")
_NAME = lazy_compile(r"[a-z][a-z0-9-]*")


class Example(Record, frozen=True):
    """One example of a rule: a draft (or several, for cross-draft rules) and what to expect.

    `match`: for a fail example, the text a finding must flag; `fixed`: the draft after --fix.
    """

    drafts: Tuple[str, ...]
    line: int
    match: Optional[str] = None
    fixed: Optional[str] = None


class Rule(Record, frozen=True):
    id: str
    pack: str
    key: str
    kind: object
    severity: Severity
    message: str
    scope: str
    description: str
    link: str
    fail: Tuple[Example, ...]
    passing: Tuple[Example, ...]
    source: str  # "file:line", for errors
    formats: Tuple[str, ...] = ()  # draft formats the rule applies to; empty: every format

    @property
    def summary(self) -> str:
        """The description's first sentence, for `copydesk rules`."""
        from lint.drafts.document import (
            split_sentences,  # AP-aware: "U.S." and "Brig." do not end it
        )

        text = " ".join(self.description.split())
        sentences = split_sentences(text, 0, len(text))
        return text[slice(*sentences[0])] if sentences else text

    def render(self, match: str, values: dict) -> str:
        return self.message.format_map(_Values(match=match, **values))


class _Values(dict):
    def __missing__(self, key):  # validated at load time; belt and braces
        return "{" + key + "}"


class Pack(Record):
    name: str
    description: str
    path: Path
    rules: List[Rule]
    builtin: bool = False


def builtin_pack_paths() -> List[Path]:
    # (not Path.glob, which compiles a pattern for "*.yaml" at every start)
    folder = tables.rules_dir()
    return sorted(folder / name for name in os.listdir(folder) if name.endswith(".yaml") and (folder / name).is_file())


def load_pack(path: Path, builtin: bool = False, check_examples: bool = True, problems: Optional[List[Tuple[str, str]]] = None) -> Pack:
    """Load and validate one pack file; raise CopydeskError naming file and line on any fault.

    With a `problems` list, a broken rule (a bad option, an example it fails) is left out and
    its messages are added to `problems` instead, as (rule id, message) pairs: the pack's other
    rules still load. A fault of the whole pack (not YAML, no `name`, no `rules`) still raises.
    """
    path = Path(path)
    data = load_yaml_file(path, "pack")
    where = str(path)
    if not isinstance(data, LineDict):
        raise CopydeskError(f"{where}:1: a pack is a mapping with `name`, `description` and `rules`")
    for key in data:
        if key not in PACK_KEYS:
            raise CopydeskError(
                f"{where}:{line_of(data, key)}: unknown pack key {key!r} ({did_you_mean(key, PACK_KEYS)}a pack has: {', '.join(PACK_KEYS)})"
            )
    name = data.get("name")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise CopydeskError(
            f"{where}:{line_of(data, 'name')}: the pack needs a `name` of lower-case letters, digits and dashes (it starts every rule id)"
        )
    rules_node = data.get("rules")
    if not isinstance(rules_node, LineDict) or not rules_node:
        raise CopydeskError(f"{where}:{line_of(data, 'rules')}: the pack needs `rules`, a mapping of rule names to rules")
    rules = []
    for key, node in rules_node.items():
        line = line_of(rules_node, key)
        try:
            rules.append(_build_rule(path, name, str(key), node, line))
        except CopydeskError as error:
            if problems is None:
                raise
            problems.append((f"{name}.{key}", str(error)))
    if check_examples:
        if problems is None:
            failures = run_examples(rules)
            if failures:
                raise CopydeskError("\n".join(failures))
        else:
            working = []
            for rule in rules:
                failures = run_examples([rule])
                problems.extend((rule.id, failure) for failure in failures)
                if not failures:
                    working.append(rule)
            rules = working
    return Pack(name, str(data.get("description", "") or ""), path, rules, builtin)


def _build_rule(path: Path, pack: str, key: str, node, line: int) -> Rule:
    where = f"{path}:{line}: rule {key!r}"
    if not _NAME.fullmatch(key):
        raise CopydeskError(f"{where}: a rule name is lower-case letters, digits and dashes")
    if not isinstance(node, LineDict):
        raise CopydeskError(f"{where}: a rule is a mapping with `kind`, `level`, `message` and `examples`")

    def at(option):
        option_line = line_of(node, option) if option in node else line
        return f"{path}:{option_line}: rule {key!r}"

    kind_name = node.get("kind")
    if kind_name not in KINDS:
        raise CopydeskError(f"{at('kind')}: unknown kind {kind_name!r} ({did_you_mean(kind_name, KINDS)}kinds: {', '.join(sorted(KINDS))})")
    kind_class = KINDS[kind_name]
    fields = option_fields(kind_class)

    options = {}
    for option, value in node.items():
        if option in RULE_KEYS:
            continue
        field_name = str(option).replace("-", "_")
        if field_name not in fields:
            raise CopydeskError(
                f"{at(option)}: unknown option {option!r} ({did_you_mean(option, RULE_KEYS + tuple(fields))}"
                f"{kind_name} takes: {', '.join(RULE_KEYS + tuple(fields))})"
            )
        value = _resolve_table(value, path, at(option))
        if not check_type(value, fields[field_name]):
            from lint.packs.explain import shape  # only for a mistake

            raise CopydeskError(f"{at(option)}: option {option!r} must be {shape(fields[field_name])}, not {_show(value)}")
        options[field_name] = value
    try:
        kind = kind_class(**options)
    except OptionError as error:
        option = error.option if error.option in node else error.option.replace("_", "-")
        raise CopydeskError(f"{at(option)}: {error}") from None

    level = node.get("level")
    try:
        severity = Severity.parse(level)
    except ValueError:
        hint = did_you_mean(level, ("error", "warning", "suggestion")).replace("? ", "?")
        raise CopydeskError(f"{at('level')}: `level` must be error, warning or suggestion, not {_show(level)}{' (' + hint + ')' if hint else ''}") from None

    message = node.get("message")
    if not isinstance(message, str) or not message.strip():
        raise CopydeskError(f"{at('message')}: needs a `message` that tells the writer what to do")
    allowed = ("match",) + kind.message_values
    import string  # (only when packs are built: importing it compiles string.Template's pattern)

    try:
        names = [f for _, f, _, _ in string.Formatter().parse(message) if f is not None]
    except ValueError as error:
        raise CopydeskError(f"{at('message')}: bad message template: {error} (write {{{{ and }}}} for braces)") from None
    for field_name in names:
        if field_name not in allowed:
            raise CopydeskError(
                f"{at('message')}: the message names {{{field_name}}}, but {kind_name} fills in only {', '.join('{' + a + '}' for a in allowed)}"
            )

    scope = node.get("scope", kind.default_scope)
    if scope not in SCOPES and not _is_structural(scope):
        raise CopydeskError(
            f"{at('scope')}: unknown scope {_show(scope)} ({did_you_mean(scope, SCOPES)}scopes: {', '.join(SCOPES)}, "
            f"or a structural one: heading, heading.h1-h6, list, table, table.header, table.cell, blockquote, link, "
            f"with ~ and &; raw, code and alt are for Vale rules)"
        )
    for text_key in ("description", "link"):
        if text_key in node and not isinstance(node[text_key], str):
            raise CopydeskError(f"{at(text_key)}: `{text_key}` must be text")

    formats = node.get("formats", [])
    if not isinstance(formats, list) or any(f not in DRAFT_FORMATS for f in formats):
        raise CopydeskError(f"{at('formats')}: `formats` is a list of draft formats ({', '.join(DRAFT_FORMATS)}), not {_show(formats)}")

    fail, passing = _examples(node, at, kind)
    return Rule(
        id=f"{pack}.{key}",
        pack=pack,
        key=key,
        kind=kind,
        severity=severity,
        message=message.strip(),
        scope=scope,
        description=str(node.get("description", "") or "").strip(),
        link=str(node.get("link", "") or ""),
        fail=fail,
        passing=passing,
        source=f"{path}:{line}",
        formats=tuple(formats),
    )


def _examples(node, at, kind) -> Tuple[Tuple[Example, ...], Tuple[Example, ...]]:
    examples = node.get("examples")
    if not isinstance(examples, LineDict) or not examples.get("fail") or not examples.get("pass"):
        raise CopydeskError(
            f"{at('examples')}: needs `examples` with `fail:` (texts it must flag) and `pass:` (texts it must not)"
        )
    for key in examples:
        if key not in ("fail", "pass"):
            raise CopydeskError(f"{at('examples')}: examples have `fail` and `pass`, not {key!r}")
    out = {}
    for group in ("fail", "pass"):
        items = examples[group]
        if not isinstance(items, LineList):
            raise CopydeskError(f"{at('examples')}: `{group}` must be a list of example texts")
        parsed = []
        for index, item in enumerate(items):
            line = line_of(items, index)
            parsed.append(_example(item, line, group, at))
        out[group] = tuple(parsed)
    return out["fail"], out["pass"]


def _example(item, line: int, group: str, at) -> Example:
    def drafts_of(value):
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            return tuple(value)  # several drafts checked together (cross-draft rules)
        return None

    drafts = drafts_of(item)
    if drafts is not None:
        return Example(drafts, line)
    if isinstance(item, LineDict):
        unknown = set(item) - {"text", "drafts", "match", "fixed"}
        drafts = drafts_of(item.get("text", item.get("drafts")))
        if not unknown and drafts is not None:
            match, fixed = item.get("match"), item.get("fixed")
            if (match is None or isinstance(match, str)) and (fixed is None or isinstance(fixed, str)):
                return Example(drafts, line, match, fixed)
    raise CopydeskError(
        f"{at('examples').rsplit(':', 2)[0]}:{line}: a `{group}` example is a text, a list of drafts, or a mapping with `text` (and optional `match`, `fixed`)"
    )


def _resolve_table(value, pack_path: Path, where: str):
    """`{table: NAME}` or `{table: NAME, key: KEY}` -> the list or mapping in data/NAME.yaml."""
    if not (isinstance(value, dict) and "table" in value):
        return value
    unknown = set(value) - {"table", "key"}
    name = value.get("table")
    if unknown or not isinstance(name, str):
        raise CopydeskError(f"{where}: a table reference is {{table: NAME}} or {{table: NAME, key: KEY}}")
    local = pack_path.parent / "data" / f"{name}.yaml"
    folder = str(local.parent) if local.is_file() else ""
    try:
        table = tables.load_table(name, folder)
    except CopydeskError as error:
        raise CopydeskError(f"{where}: table {name!r}: {error}") from None
    if "key" in value:
        if not isinstance(table, dict) or value["key"] not in table:
            raise CopydeskError(f"{where}: table {name!r} has no key {value['key']!r}")
        table = table[value["key"]]
    return table


def _show(value) -> str:
    if isinstance(value, str):
        return repr(value)
    if value is None:
        return "nothing"
    noun = "list" if isinstance(value, list) else "mapping" if isinstance(value, dict) else type(value).__name__
    shown = repr(list(value) if isinstance(value, list) else dict(value) if isinstance(value, dict) else value)
    return f"{noun} {shown}"[:80]


# ---- examples ------------------------------------------------------------------------


def run_examples(rules: Iterable[Rule]) -> List[str]:
    """Run each rule's examples alone; return one message per failure (empty: all good)."""
    from lint.engine.runner import Engine  # the engine imports packs; import late

    failures = []
    for rule in rules:
        engine = Engine([rule])
        for example in rule.fail:
            findings, errors = engine.run(_example_documents(rule, example.drafts))
            where = f"{rule.source.rsplit(':', 1)[0]}:{example.line}: rule {rule.key!r}"
            if errors:
                failures.append(f"{where}: fail example raised an error: {errors[0]}")
            elif not findings:
                failures.append(f"{where}: fail example was not flagged: {_clip(example.drafts)}")
            elif example.match is not None and example.match not in [f.match for f in findings]:
                got = ", ".join(repr(f.match) for f in findings)
                failures.append(f"{where}: fail example flagged {got}, expected {example.match!r}")
            elif example.fixed is not None:
                from lint.fixes.edit import apply_fixes

                fixed = apply_fixes(example.drafts[0], [f.fix for f in findings if f.fix], unsafe=True)
                if fixed != example.fixed:
                    failures.append(f"{where}: fail example fixed to {fixed!r}, expected {example.fixed!r}")
        for example in rule.passing:
            findings, errors = engine.run(_example_documents(rule, example.drafts))
            where = f"{rule.source.rsplit(':', 1)[0]}:{example.line}: rule {rule.key!r}"
            if errors:
                failures.append(f"{where}: pass example raised an error: {errors[0]}")
            elif findings:
                f = findings[0]
                failures.append(
                    f"{where}: pass example was flagged at {f.line}:{f.column} ({f.match!r}): {_clip(example.drafts)}"
                )
    return failures


_EXAMPLE_SUFFIX = {"text": ".txt", "markdown": ".md", "html": ".html"}


def _example_documents(rule: Rule, drafts):
    """A rule's example drafts as Documents in the rule's first format (plain text when it
    names none), so a rule for `formats: [html]` is tried on HTML."""
    from lint.drafts import formats as draft_formats
    from lint.drafts.document import Document

    fmt = rule.formats[0] if rule.formats else "text"
    suffix = _EXAMPLE_SUFFIX[fmt]
    for i, text in enumerate(drafts):
        path = f"example-{i + 1}{suffix}"
        yield Document.from_text(text, path) if fmt == "text" else draft_formats.parse(path, text, fmt)


def _clip(drafts) -> str:
    text = " | ".join(" ".join(d.split()) for d in drafts)
    return repr(text if len(text) <= 90 else text[:87] + "...")


# ---- the set of packs a run uses -------------------------------------------------------


class RuleSet(Record):
    """The rules a run can use, and what loading the packs had to say.

    `problems`: broken packs and rules, each named with its file and line (they were left out;
    the run exits 2 after checking with the rest). `notices`: what the user should know and
    may leave as it is (a pack replacing a built-in one, a pack read as Windows-1252).
    `broken`: the ids of the rules left out (a `--select` naming one is not a typo).
    """

    rules: List[Rule]
    problems: List[str]
    notices: List[str]
    broken: List[str]


def load_rules(extra_packs: Iterable[Path] = (), builtin: bool = True) -> List[Rule]:
    """Built-in packs plus the user's; a user's pack named like a built-in one replaces it.
    Any broken pack or rule is a CopydeskError listing every problem (`load_rule_set` runs the
    rest instead)."""
    rule_set = load_rule_set(extra_packs, builtin)
    if rule_set.problems:
        raise CopydeskError("\n".join(rule_set.problems))
    return rule_set.rules


def load_rule_set(extra_packs: Iterable[Path] = (), builtin: bool = True) -> RuleSet:
    """Built-in packs plus the user's, leaving out (and naming) what is broken.

    Cached across runs when nothing they are built from changed (lint/packs/cache.py): the
    problems and notices are cached with the rules, so a cached run says them again.
    """
    from lint.packs import cache as packcache  # -- perf --

    extra_packs = [Path(p) for p in extra_packs]
    inputs = (builtin_pack_paths() if builtin else []) + extra_packs
    args = ("load_rule_set", tuple(str(p.resolve()) for p in extra_packs), builtin)
    return packcache.cached(args, inputs, lambda: _load_rule_set(extra_packs, builtin), keep=lambda rules: not rules.problems)


def _load_rule_set(extra_packs: List[Path], builtin: bool) -> RuleSet:
    from lint.packs.yamlload import take_notices

    take_notices()  # only what these packs' files say
    packs: Dict[str, Pack] = {}
    problems: List[str] = []
    notices: List[str] = []
    broken: List[str] = []
    if builtin:
        for path in builtin_pack_paths():
            pack = load_pack(path, builtin=True, check_examples=False)
            packs[pack.name] = pack
    for path in extra_packs:
        found: List[Tuple[str, str]] = []
        try:
            pack = load_pack(Path(path), problems=found)
        except CopydeskError as error:
            problems.append(f"{error} (the pack was not loaded; the other packs were)")
            continue
        problems.extend(f"{message} (rule {rule_id} was not run; the other rules were)" for rule_id, message in found)
        broken.extend(rule_id for rule_id, _ in found)
        existing = packs.get(pack.name)
        if existing is not None and not existing.builtin:
            problems.append(
                f"{path}:1: pack name {pack.name!r} is already used by {existing.path}; give one of them another "
                f"`name` (this pack was not loaded)"
            )
            continue
        if existing is not None:
            notices.append(
                f"{path}: pack {pack.name!r} replaces the built-in {pack.name!r} pack: its rules run instead of the "
                f"shipped ones (give it another `name` to run both)"
            )
        packs[pack.name] = pack  # a user's copy of a built-in pack replaces it
    rules = [rule for pack in packs.values() for rule in pack.rules]
    return RuleSet(rules, problems, take_notices() + notices, list(dict.fromkeys(broken)))


def matches_prefix(rule_id: str, prefix: str) -> bool:
    """Does a dotted prefix (`people`, `people.rank-branch`) name this rule id?"""
    return rule_id == prefix or rule_id.startswith(prefix.rstrip(".") + ".")


def no_rule_matches(prefix: str, rule_ids: Iterable[str]) -> str:
    """"no rule matches 'hygeine' (did you mean 'hygiene'? ...)": the closest pack or rule id."""
    rule_ids = list(rule_ids)
    pack_names = sorted({r.split(".", 1)[0] for r in rule_ids})
    hint = did_you_mean(prefix, pack_names + sorted(rule_ids))
    return f"no rule matches {prefix!r} ({hint}see `copydesk rules`; packs: {', '.join(pack_names)})"


def select_rules(rules: List[Rule], select=(), ignore=()) -> List[Rule]:
    """Keep rules matching a --select prefix (all when none) and no --ignore prefix."""

    def matches(rule_id, prefixes):
        return any(matches_prefix(rule_id, p) for p in prefixes)

    for prefix in list(select) + list(ignore):
        if not any(matches(r.id, [prefix]) for r in rules):
            raise CopydeskError(no_rule_matches(prefix, [r.id for r in rules]))
    return [
        r
        for r in rules
        if (not select or matches(r.id, select)) and not matches(r.id, ignore)
    ]


def with_severity(rules: List[Rule], overrides: Dict[str, Severity]) -> List[Rule]:
    """Rules with per-rule (or per-prefix) severity overrides from config applied."""
    if not overrides:
        return rules
    out = []
    for rule in rules:
        best = None
        for prefix, severity in overrides.items():
            if matches_prefix(rule.id, prefix):
                if best is None or len(prefix) > len(best[0]):
                    best = (prefix, severity)
        out.append(replace(rule, severity=best[1]) if best else rule)
    return out


def _is_structural(scope) -> bool:
    """lint/drafts/scopes.py's `is_structural`, imported only for a scope the document model
    does not have: the module brings Python's HTML parser, which most runs never need."""
    from lint.drafts.scopes import is_structural

    return is_structural(scope)
