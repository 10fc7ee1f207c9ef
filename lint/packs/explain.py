"""`copydesk explain RULE`: what a rule flags, its examples, and its options with their shapes.

A copy chief copying a shipped rule into a house pack needs each option's name, the shape its
value takes in YAML (`groups`: a list of lists of texts) and the value the rule runs with, so
the options section lists every option of the rule's kind: name, shape, value in force (or
`(default)`), and what it does, from the kind's own documentation.
"""

from __future__ import annotations

import typing
from typing import Any, Dict, List

from lint.engine.patterns import lazy_compile

SHOWN_ITEMS = 6  # a longer list shows its first items and how many more
SHOWN_CHARS = 100

# "    name        what it does" (or "    max / min   ...") in a kind's docstring, and the
# lines indented further that carry on its description
_ENTRY = lazy_compile(r"^ {4}([a-z_]+(?: / [a-z_]+)*) {2,}(\S.*)$")
_MORE = lazy_compile(r"^ {6,}(\S.*)$")
_PLAIN = lazy_compile(r"[\p{L}\p{N}][\p{L}\p{N} .’'&-]*[\p{L}\p{N}.]|[\p{L}\p{N}]")


def options_section(rule) -> List[str]:
    """The lines of `explain`'s options section for `rule` (none for a kind without options)."""
    from lint.kinds.base import option_fields

    kind = rule.kind
    if kind is None:
        return []
    fields = option_fields(type(kind))
    if not fields:
        return []
    docs = option_docs(type(kind))
    defaults = getattr(type(kind), "_defaults", {})
    width = max(len(name.replace("_", "-")) for name in fields)
    out = [f"Options (keys of the rule in its pack: the shape each value takes = the value this rule runs with):"]
    for name, expected in fields.items():
        value = getattr(kind, name, None)
        default = name in defaults and _same(value, defaults[name])
        shown = show_value(value) + ("  (default)" if default else "")
        out.append(f"  {name:<{width}}  {shape(expected)} = {shown}")
        if docs.get(name):
            out.append(f"  {'':<{width}}  {docs[name]}")
    return out


def option_docs(kind_class) -> Dict[str, str]:
    """{option: its description} from the "Options:" lists of a kind's docstrings (and its
    base classes': the people kinds share `ranks` and `titles`)."""
    docs: Dict[str, str] = {}
    for cls in reversed(kind_class.__mro__):
        current: List[str] = []
        for line in (cls.__dict__.get("__doc__") or "").splitlines():
            entry = _ENTRY.match(line)
            if entry:
                current = [n.strip() for n in entry.group(1).split("/")]
                for name in current:
                    docs[name] = entry.group(2).strip()
                continue
            more = _MORE.match(line)
            if more and current:
                for name in current:
                    docs[name] += " " + more.group(1).strip()
                continue
            current = []
    return docs


def shape(expected) -> str:
    """An option type as a copy chief writes its value: `a list of lists of texts`."""
    return _noun(expected, plural=False)


def _noun(expected, plural: bool) -> str:
    origin = typing.get_origin(expected)
    args = typing.get_args(expected)
    if origin is typing.Union:
        kinds = [a for a in args if a is not type(None)]
        return " or ".join(_noun(a, plural) for a in kinds) + ("" if len(kinds) == len(args) else " (or nothing)")
    if origin in (list, tuple, List, typing.Tuple) or expected in (list, tuple):
        item = _noun(args[0], True) if args else "values"
        return f"lists of {item}" if plural else f"a list of {item}"
    if origin in (dict, Dict) or expected is dict:
        inner = f" of {_bare(args[0])} to {_bare(args[1])}" if args else ""
        return f"mappings{inner}" if plural else f"a mapping{inner}"
    singular, many = {
        str: ("text", "texts"),
        bool: ("true or false", "true/false values"),
        int: ("a whole number", "whole numbers"),
        float: ("a number", "numbers"),
        Any: ("any value", "values"),
    }.get(expected, (getattr(expected, "__name__", str(expected)), getattr(expected, "__name__", str(expected)) + "s"))
    return many if plural else singular


def _bare(expected) -> str:
    """The singular noun without its article: `text`, `list of texts` (a mapping's parts)."""
    noun = _noun(expected, plural=False)
    return noun[2:] if noun.startswith("a ") else noun


def show_value(value) -> str:
    """A value as it would be written in a pack (YAML flow style), cut short when long."""
    text = _flow(value)
    if len(text) > SHOWN_CHARS:
        text = text[: SHOWN_CHARS - 3].rstrip(", ") + "..."
    elif not (isinstance(value, (list, tuple)) and len(value) > SHOWN_ITEMS):
        return text
    return f"{text} ({len(value)} in all)" if isinstance(value, (list, tuple)) else text


def _flow(value) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return value if _PLAIN.fullmatch(value) and value not in ("true", "false") else _quoted(value)
    if isinstance(value, (list, tuple)):
        items = [_flow(v) for v in value[:SHOWN_ITEMS]]
        more = len(value) - SHOWN_ITEMS
        if more > 0:
            items.append(f"... {more} more")
        return "[" + ", ".join(items) + "]"
    if isinstance(value, dict):
        if len(value) > SHOWN_ITEMS or not all(isinstance(v, (str, int, float, bool)) for v in value.values()):
            keys = ", ".join(_flow(k) for k in list(value)[:SHOWN_ITEMS]) + (", ..." if len(value) > SHOWN_ITEMS else "")
            return f"a mapping of {len(value)} entries ({keys})"
        return "{" + ", ".join(f"{_flow(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    return type(value).__name__


def _quoted(text: str) -> str:
    if text.isprintable():  # single quotes keep backslashes as they are: 'US\$'
        return "'" + text.replace("'", "''") + "'"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def _same(value, default) -> bool:
    normal = (lambda v: list(v) if isinstance(v, tuple) else v)
    try:
        return normal(value) == normal(default)
    except Exception:  # noqa: BLE001 -- values that do not compare: not the default
        return False


def explain_text(rule) -> str:
    """The whole `copydesk explain` page of a rule: id, level, kind and scope, description,
    link, message, options, the examples it flags and does not flag, where it is defined."""
    kind = rule.kind.name if rule.kind is not None else "built into copydesk"
    out = [f"{rule.id}  ({rule.severity}, kind {kind}, scope {rule.scope})", ""]
    out.append(rule.description or "(no description)")
    if rule.link:
        out += ["", f"More: {rule.link}"]
    if kind == "vale":  # a Vale rule: its own YAML says what it does
        out += ["", f"Message: {rule.kind.check_object.message}"]
        options = rule.kind.explain_lines()
    else:
        out += ["", f"Message: {rule.message}"]
        options = options_section(rule)
    if options:
        out += [""] + options
    if rule.fail:
        out += ["", "Flagged:"] + [_indent_example(e.drafts) for e in rule.fail]
    if rule.passing:
        out += ["", "Not flagged:"] + [_indent_example(e.drafts) for e in rule.passing]
    out += ["", f"Defined at {rule.source}"]
    return "\n".join(out)


def _indent_example(drafts) -> str:
    lines = []
    for i, draft in enumerate(drafts):
        prefix = "  - " if i == 0 else "    + "
        body = draft.rstrip("\n").split("\n")
        lines.append(prefix + body[0])
        lines.extend("    " + line for line in body[1:])
    return "\n".join(lines)
