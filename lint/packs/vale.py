"""Vale styles, run as they are: each `StylesPath/<Style>/<Rule>.yml` a copydesk rule.

`load_vale_rules(config_path)` reads a Vale configuration (lint/packs/vale_ini.py), loads every
rule of the styles it is based on and every rule it turns on by name, adds Vale's built-in
`Vale.Terms` and `Vale.Avoid` (from the vocabularies' accept.txt and reject.txt) and
`Vale.Repetition`, and returns copydesk `Rule`s with Vale's ids (`Google.WordList`), levels and
messages. Their kind (`ValeRule`) reads the draft's structural scopes (lint/drafts/scopes.py)
and applies Vale's semantics for each check type: existence, substitution, occurrence,
repetition, consistency, conditional, capitalization and metric. A check type copydesk does
not run (spelling, sequence, readability, script) is left out with a notice.

Vale rules carry no examples; `copydesk rules` says so.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import yaml

from lint.engine.rx import regex
from lint.kinds.base import Kind
from lint.model import CopydeskError, Fix, Hit, Severity
from lint.packs import vale_ini
from lint.packs.vale_ini import ValeLoad, find_config  # noqa: F401 -- where callers look

SUPPORTED = ("existence", "substitution", "occurrence", "repetition", "consistency", "conditional", "capitalization", "metric")
UNSUPPORTED = ("spelling", "sequence", "readability", "script")
DEFAULT_LEVEL = "warning"
NO_EXAMPLES = "a Vale rule: no examples"

BUILTIN_REPETITION = {
    "extends": "repetition",
    "message": "'%s' is repeated!",
    "level": "error",
    "alpha": True,
    "tokens": [r"[^\s]+"],
    "action": {"name": "edit", "params": ["truncate", " "]},
}


class SourceHit(Hit, frozen=True):
    """A Hit whose offsets are in the draft's source, not its prose text (a Vale rule reads
    scopes, such as raw markup and alt text, that are not in the prose)."""

    in_source = True


# ---- messages --------------------------------------------------------------------------------


def format_message(message: str, *subs: str) -> str:
    """Vale's message: each `%s` filled in turn from `subs` (the first again when they run out)."""
    if "%" not in message or not subs:
        return message.replace("%%", "%")
    out = []
    i = 0
    k = 0
    while i < len(message):
        if message.startswith("%s", i):
            out.append(subs[k] if k < len(subs) else subs[0])
            k += 1
            i += 2
        elif message.startswith("%%", i):
            out.append("%")
            i += 2
        else:
            out.append(message[i])
            i += 1
    return "".join(out)


def to_sentence(items: List[str], conjunction: str = "or") -> str:
    quoted = [f"'{i}'" for i in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    if len(quoted) == 2:
        return f"{quoted[0]} {conjunction} {quoted[1]}"
    return ", ".join(quoted[:-1]) + f", {conjunction} " + quoted[-1]


def _convert_message(message: str) -> str:
    for spec in ("'%s'", '"%s"'):
        if message.count(spec) == 2:
            message = message.replace(spec, "%s", 1)
    return message


def _is_phrase(text: str) -> bool:
    return all(c.isalpha() or c.isdigit() or c in " -" for c in text)


def _compile(pattern: str, where: str):
    pattern = _go_to_python(pattern)
    try:
        return regex.compile(pattern, regex.VERSION0)
    except regex.error as error:
        raise CopydeskError(f"{where}: bad regular expression {pattern!r}: {error}") from None


_GO_HEX = regex.compile(r"\\x\{([0-9A-Fa-f]{1,8})\}")


def _go_to_python(pattern: str) -> str:
    """Go spellings Python's `regex` reads otherwise (`(?P<name>` and `[[:alpha:]]` are the
    same in both): `\\z` ends the text; `\\x{e9}` is a code point."""
    pattern = pattern.replace(r"\z", r"\Z")
    if "\\x{" in pattern:
        pattern = _GO_HEX.sub(lambda m: "\\U%08x" % int(m.group(1), 16), pattern)
    return pattern


# ---- checks ----------------------------------------------------------------------------------


def _finditer(pattern, text: str, state: dict):
    """pattern.finditer(text) within the run's time limit for one search (a pattern that
    backtracks without end fails its rule on this draft, as copydesk's own rules do)."""
    from lint.kinds.base import finditer

    return finditer(pattern, text, 0, len(text), state.get("timeout") or 10.0)


class Alert:
    __slots__ = ("start", "end", "message", "replacement")

    def __init__(self, start: int, end: int, message: str, replacement: Optional[str] = None):
        self.start, self.end, self.message, self.replacement = start, end, message, replacement


class Check:
    """One Vale rule's check: `run(text, state)` gives Alerts in the text's offsets."""

    def __init__(self, definition: dict, where: str, accepted: List[str]):
        self.d = definition
        self.where = where
        self.message = str(definition.get("message", ""))
        self.ignorecase = bool(definition.get("ignorecase", False))
        self.nonword = bool(definition.get("nonword", False))
        action = definition.get("action") or {}
        self.action = action.get("name") if isinstance(action, dict) else None
        self.params = [str(p) for p in (action.get("params") or [])] if isinstance(action, dict) else []

    def run(self, text: str, state: dict) -> List[Alert]:  # pragma: no cover
        return []

    def _word(self, body: str) -> str:
        template = r"(?m)\b(?:%s)\b" if not self.nonword else r"(?m)(?:%s)"
        return template % body

    def _exceptions(self, exceptions: List[str], accepted: List[str], vocab: bool = True):
        terms = [str(e) for e in exceptions or []] + (list(accepted) if vocab else [])
        terms = sorted({t for t in terms if t}, key=len, reverse=True)
        if not terms:
            return None
        return _compile(r"(?m)\b(?:" + "|".join(terms) + r")\b", self.where)

    def _replacement(self, expected: Optional[str] = None) -> Optional[str]:
        if self.action != "replace":
            return None
        if self.params:
            return self.params[0]
        if expected:
            return expected.split("|")[0]
        return None


class Existence(Check):
    def __init__(self, d, where, accepted):
        super().__init__(d, where, accepted)
        tokens = [str(t) for t in d.get("tokens") or [] if str(t).strip()]
        raw = d.get("raw") or []
        raw = "".join(str(r) for r in (raw if isinstance(raw, list) else [raw]))
        word = not self.nonword and bool(tokens)
        template = (r"(?m)\b(?:%s)\b" if word else r"(?m)(?:%s)") % "|".join(tokens)
        if not tokens:
            template = ""
        pattern = template + raw if d.get("append") else raw + template
        if self.ignorecase:
            pattern = "(?i)" + pattern
        self.pattern = _compile(pattern, where)
        self.except_re = self._exceptions(d.get("exceptions"), accepted, vocab=d.get("vocab", True) and not self.nonword)

    def run(self, text, state):
        out = []
        for m in _finditer(self.pattern, text, state):
            if m.end() == m.start():
                continue
            observed = m.group().strip()
            if self.except_re is not None and self.except_re.search(observed):
                continue
            message = format_message(self.message, m.group())
            message = _expand_groups(message, m)
            out.append(Alert(m.start(), m.end(), message, self._replacement()))
        return out


def _expand_groups(message: str, m) -> str:
    if "$" not in message:
        return message

    def group(g):
        n = int(g.group(1))
        try:
            return m.group(n) or ""
        except (IndexError, regex.error):
            return g.group()

    return regex.sub(r"\$(\d+)", group, message)


class Substitution(Check):
    def __init__(self, d, where, accepted):
        super().__init__(d, where, accepted)
        swap = d.get("swap") or {}
        if not isinstance(swap, dict):
            raise CopydeskError(f"{where}: `swap` is a mapping of patterns to replacements")
        self.except_re = self._exceptions(d.get("exceptions"), accepted, vocab=d.get("vocab", True))
        # one alternation, longest key first, each key its own named group
        keys = sorted(((str(k), str(v)) for k, v in swap.items()), key=lambda kv: len(kv[0]), reverse=True)
        self.replacements = [v for _, v in keys]
        body = "|".join(f"(?P<vale{i}>{k})" for i, (k, _) in enumerate(keys))
        pattern = self._word(body) if keys else r"(?!)"
        if self.ignorecase:
            pattern = "(?i)" + pattern
        self.pattern = _compile(pattern, where)

    def _same(self, expected: str, observed: str) -> bool:
        if _is_phrase(expected):
            return expected == observed
        try:
            # case-sensitive even under `ignorecase` (as Vale compares): `mpl 2.0` is not `MPL 2.0`
            compiled = regex.compile("^(?:" + expected + ")$")
        except regex.error:
            return expected == observed
        return compiled.search(observed) is not None

    def run(self, text, state):
        out = []
        for m in _finditer(self.pattern, text, state):
            for i, expected in enumerate(self.replacements):
                start = m.start(f"vale{i}")
                if start < 0:
                    continue
                end = m.end(f"vale{i}")
                observed = text[start:end].strip()
                if "$" in expected:
                    expected = m.expand(regex.sub(r"\$(\d+)", lambda g: "\\g<%d>" % (int(g.group(1)) + _group_base(m, i)), expected))
                if self._same(expected, observed) or (self.except_re is not None and self.except_re.search(observed)):
                    break
                message = self.message
                shown = expected
                replacement = expected.split("|")[0]
                if self.action == "replace" and not self.params:
                    shown = to_sentence(expected.split("|"))
                    message = _convert_message(message)
                elif self.action == "replace":
                    replacement = self.params[0]
                out.append(Alert(start, end, format_message(message, shown, observed),
                                 replacement if self.action == "replace" else None))
                break
        return out


def _group_base(m, i: int) -> int:
    """The number of the named group `vale{i}` in the joined pattern: a key's own groups
    ($1, $2) count from there."""
    return m.re.groupindex[f"vale{i}"]


class Occurrence(Check):
    def __init__(self, d, where, accepted):
        super().__init__(d, where, accepted)
        token = str(d.get("token", ""))
        self.pattern = _compile(("(?i)" if self.ignorecase else "") + "(?:" + token + ")", where)
        self.max = int(d.get("max", 0) or 0)
        self.min = int(d.get("min", 0) or 0)

    def run(self, text, state):
        matches = [m for m in _finditer(self.pattern, text, state) if m.end() > m.start()]
        count = len(matches)
        if (self.max > 0 and count > self.max) or count < self.min:
            # Vale: at the scope's first match (or its start when nothing matched)
            if matches:
                first = matches[0]
                return [Alert(first.start(), first.end(), format_message(self.message, first.group()))]
            lead = len(text) - len(text.lstrip())
            return [Alert(lead, lead + 1, format_message(self.message, text.strip()))]
        return []


class Repetition(Check):
    def __init__(self, d, where, accepted):
        super().__init__(d, where, accepted)
        tokens = [str(t) for t in d.get("tokens") or []]
        self.pattern = _compile(("(?i)" if self.ignorecase else "") + "(" + "|".join(tokens) + ")", where)
        self.max = int(d.get("max", 0) or 0)
        self.alpha = bool(d.get("alpha", False))
        self.except_re = self._exceptions(d.get("exceptions"), accepted)  # accepted words may repeat

    def run(self, text, state):
        out = []
        previous = ""
        previous_start = 0
        count = 0
        for m in _finditer(self.pattern, text, state):
            current = m.group().strip()
            if self.ignorecase:
                hit = current.lower() == previous.lower() and current != ""
            else:
                hit = current == previous and current != ""
            hit = hit and (not self.alpha or current.isalpha())
            if hit:
                count += 1
            if hit and self.except_re is not None and self.except_re.search(current):
                hit = False
            if hit and count > self.max and "\n" not in text[previous_start : m.end()]:
                out.append(Alert(previous_start, m.end(), format_message(self.message, current)))
                count = 0
            previous = current
            previous_start = m.start()
        return out


class Consistency(Check):
    def __init__(self, d, where, accepted):
        super().__init__(d, where, accepted)
        either = d.get("either") or {}
        self.steps = []
        for i, (first, second) in enumerate(either.items()):
            body = f"(?P<a{i}>{first})|(?P<b{i}>{second})"
            pattern = self._word(body)
            if self.ignorecase:
                pattern = "(?i)" + pattern
            self.steps.append((i, _compile(pattern, where)))

    def run(self, text, state):
        seen = state.setdefault("consistency", set())
        out = []
        for i, pattern in self.steps:
            last = None
            for m in _finditer(pattern, text, state):
                for name in (f"a{i}", f"b{i}"):
                    if m.start(name) >= 0:
                        last = (m.start(name), m.end(name))
                        seen.add(name)
            if last is not None and f"a{i}" in seen and f"b{i}" in seen:
                said = text[last[0] : last[1]]
                # Vale places it where the block first holds that text
                first = regex.search(r"(?:^|\b|_)" + regex.escape(said) + r"(?:\b|_|$)", text) if said else None
                if first is not None:
                    at = first.start() + (1 if text[first.start()] == "_" and said[:1] != "_" else 0)
                else:
                    at = text.find(said)
                if at >= 0:
                    last = (at, at + len(said))
                out.append(Alert(last[0], last[1], format_message(self.message, said)))
        return out


class Conditional(Check):
    def __init__(self, d, where, accepted):
        super().__init__(d, where, accepted)
        self.first = _compile(("(?i)" if self.ignorecase else "") + str(d.get("first", "")), where)
        self.second = _compile(("(?i)" if self.ignorecase else "") + str(d.get("second", "")), where)
        terms = [str(e) for e in d.get("exceptions") or []] + list(accepted)
        terms = sorted(set(terms), key=len, reverse=True)
        self.except_re = _compile("|".join(terms), where) if terms else None

    def run(self, text, state):
        defined = state.setdefault("defined", [])
        for m in _finditer(self.second, text, state):
            groups = [g for g in m.groups() if g]
            if groups:
                defined.append(groups[0])
            elif m.re.groups >= 1:
                defined.append(m.group(1) or "")
        out = []
        for m in _finditer(self.first, text, state):
            s = m.group()
            if s in defined or (self.except_re is not None and self.except_re.search(s)):
                continue
            out.append(Alert(m.start(), m.end(), format_message(self.message, s)))
        return out


class Capitalization(Check):
    def __init__(self, d, where, accepted):
        super().__init__(d, where, accepted)
        from lint.kinds.generic import capitalization as cap

        self.cap = cap
        self.match = str(d.get("match", "$title"))
        self.style = str(d.get("style", "AP"))
        self.indicators = [str(i) for i in d.get("indicators") or []]
        threshold = d.get("threshold")
        self.threshold = float(threshold) if threshold is not None else None
        prefix = d.get("prefix")
        self.prefix = _compile(str(prefix), where) if prefix else None
        self.exceptions = cap.exceptions_pattern([str(e) for e in d.get("exceptions") or []] + list(accepted))
        self.pattern = None
        if self.match not in ("$title", "$sentence", "$lower", "$upper"):
            self.pattern = _compile(self.match, where)

    def run(self, text, state):
        subject = text
        if self.prefix is not None:
            m = self.prefix.match(subject)
            if m:
                subject = subject[m.end():]
        if self.pattern is not None:
            ok = self.pattern.search(subject) is not None or subject in [e for e in (self.d.get("exceptions") or [])]
        else:
            ok = self.cap.conforms(subject, self.match, self.style, self.exceptions, self.indicators, self.threshold)
        if ok:
            return []
        return [Alert(0, len(text), format_message(self.message, text))]


class Metric(Check):
    def __init__(self, d, where, accepted):
        super().__init__(d, where, accepted)
        self.formula = str(d.get("formula", ""))
        if not regex.fullmatch(r"[\w\s.+\-*/()%,]+", self.formula) or "__" in self.formula:
            raise CopydeskError(f"{where}: formula {self.formula.strip()!r}: names, numbers, + - * / ( ) and math functions only")
        self.condition = str(d.get("condition", ""))
        if not regex.fullmatch(r"\s*(?:[<>]=?|==|!=)\s*-?[\d.]+\s*", self.condition):
            raise CopydeskError(f"{where}: condition {self.condition!r}: a comparison and a number, such as '> 8'")

    def run(self, text, state):
        values = dict(_text_metrics(text))
        for name, count in (state.get("metrics") or {}).items():
            values[name.replace(".", "_")] = count
        import math

        # `heading.h2` is a name (heading_h2); `math.sqrt` a function
        formula = regex.sub(r"(?<=[A-Za-z_])(?<!\bmath)\.(?=[A-Za-z_0-9])", "_", self.formula)
        names = set(regex.findall(r"(?<![.\w])[A-Za-z_][A-Za-z_0-9]*", formula)) - {"math"}
        scope = {n: float(values.get(n, 0)) for n in names}
        scope["math"] = math
        try:
            value = float(eval(formula, {"__builtins__": {}}, scope))  # noqa: S307 -- names, math and arithmetic only
        except ZeroDivisionError:
            return []
        except Exception as error:  # noqa: BLE001
            raise CopydeskError(f"{self.where}: formula {self.formula!r}: {error}") from None
        if eval(f"{value!r} {self.condition}", {"__builtins__": {}}, {}):  # noqa: S307 -- checked shape
            return [Alert(0, 0, format_message(self.message, f"{value:.2f}"))]
        return []


def _text_metrics(text: str) -> Dict[str, float]:
    import textstat

    words = regex.findall(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*", text)
    syllables = [textstat.syllable_count(w) for w in words]
    from lint.drafts.document import split_sentences

    sentences = [s for s in split_sentences(text, 0, len(text)) if text[s[0]:s[1]].strip()]
    return {
        "words": len(words),
        "sentences": max(len(sentences), 1 if words else 0),
        "characters": sum(len(w) for w in words),
        "syllables": sum(syllables),
        "polysyllabic_words": sum(1 for s in syllables if s >= 3),
        "complex_words": sum(1 for s in syllables if s >= 3),
        "long_words": sum(1 for w in words if len(w) > 6),
        "paragraphs": len([p for p in regex.split(r"\n\s*\n", text) if p.strip()]),
    }


CHECKS = {
    "existence": Existence,
    "substitution": Substitution,
    "occurrence": Occurrence,
    "repetition": Repetition,
    "consistency": Consistency,
    "conditional": Conditional,
    "capitalization": Capitalization,
    "metric": Metric,
}
# where an alert with no span of its own (metric) is reported: the draft's first character
SIZED = ("metric",)


# ---- the kind --------------------------------------------------------------------------------


class ValeRule(Kind, frozen=True):
    """A Vale rule, run with Vale's semantics over the draft's structural scopes."""

    name = "vale"

    rule_id: str = ""
    extends: str = ""
    scope: Any = None
    level: str = DEFAULT_LEVEL
    check_object: Any = None
    setup: Any = None  # the ValeSetup (configuration, vocabularies) the rule came from

    def __post_init__(self):
        from lint.drafts.scopes import parse_selector

        self._set("_selector", parse_selector(self.scope))
        self._set("_matches", {})

    def check(self, doc, spans, context) -> Iterator[Hit]:
        from lint.drafts.scopes import scope_matches, scoped_blocks

        settings = self.setup.config.for_file(doc.path) if self.setup.config is not None else None
        level_override = None
        if settings is not None:
            on, level_override = settings.enabled(self.rule_id)
            if not on:
                return
            level = level_override or self.level
            if vale_ini.LEVELS.index(level) < vale_ini.LEVELS.index(self.setup.min_level):
                return
            scopes = scoped_blocks(doc, settings.block_ignores, settings.token_ignores, self.setup.markup)
        else:
            scopes = scoped_blocks(doc)
        state: dict = {"metrics": scopes.metrics, "timeout": context.timeout_for(doc.source)}
        matches = self._matches
        values = {"level": level_override} if level_override else {}
        for block in scopes.blocks:
            key = (block.scope, block.parent)
            ok = matches.get(key)
            if ok is None:
                ok = matches[key] = scope_matches(self._selector, block.scope, block.parent)
            if not ok or not block.text:
                continue
            sized = block.scope.startswith(("raw", "summary"))
            if not sized and self._switched_off(scopes.switches_before(block.end)):
                continue
            for alert in self.check_object.run(block.text, state):
                if self.extends in SIZED:
                    start, end = 0, 0
                elif block.straddles(alert.start, alert.end):
                    continue  # text joined across lines that the source never shows together
                else:
                    start, end = block.source_span(alert.start, alert.end)
                    if not sized and not _verbatim(block.text[alert.start : alert.end], doc.source[start:end]):
                        # the match spans markup (emphasis, an entity, masked code): Vale cannot
                        # find it in the source either and reports it at its line's start
                        start = doc.source.rfind("\n", 0, start) + 1
                        line_end = doc.source.find("\n", start)
                        end = min(end, line_end) if line_end >= 0 else end
                if not sized and scopes.comments and self._switched_off(scopes.switches_before(start)):
                    continue
                fix = Fix(start, end, alert.replacement, safe=False) if alert.replacement is not None else None
                yield SourceHit(start, end, dict(values, message=alert.message), fix)

    def explain_lines(self) -> List[str]:
        """The rule's definition as its .yml gives it, for `copydesk explain`."""
        text = yaml.safe_dump(self.check_object.d, sort_keys=False, allow_unicode=True).rstrip()
        return [f"Vale rule (extends {self.extends}, scope {self.scope}, level {self.level}):"] + ["  " + line for line in text.splitlines()]

    def _switched_off(self, switches: List[str]) -> bool:
        off = False
        style = self.rule_id.split(".", 1)[0]
        for switch in switches:
            lowered = switch.strip()
            if lowered == "off":
                off = True
            elif lowered == "on":
                off = False
            else:
                for part in lowered.split(","):
                    if "=" not in part:
                        continue
                    name, value = (p.strip() for p in part.split("=", 1))
                    if name in (self.rule_id, style):
                        off = value.upper() == "NO"
        return off


_SPACES = regex.compile(r"\s+")


def _verbatim(text: str, source: str) -> bool:
    """Does the source hold the matched text as it is (white space aside)?"""
    return text == source or _SPACES.sub("", text) == _SPACES.sub("", source)


class ValeSetup:
    """What the Vale rules of one configuration share."""

    def __init__(self, config: Optional[vale_ini.ValeConfig], accepted: List[str], rejected: List[str]):
        self.config = config
        self.accepted = accepted
        self.rejected = rejected
        self.min_level = config.min_level if config is not None else "warning"
        # how the draft's markup is read: tags skipped, inline tags masked, classes skipped
        self.markup = (
            tuple(config.skipped_scopes) if config is not None and config.skipped_scopes else None,
            tuple(config.ignored_scopes) if config is not None and config.ignored_scopes else None,
            tuple(config.ignored_classes) if config is not None else (),
        )


# ---- loading ---------------------------------------------------------------------------------


def _vocab(cfg: vale_ini.ValeConfig) -> Tuple[List[str], List[str]]:
    accepted: List[str] = []
    rejected: List[str] = []
    if cfg.styles_path is None:
        return accepted, rejected
    for name in cfg.vocab:
        for folder in (cfg.styles_path / "config" / "vocabularies" / name, cfg.styles_path / "Vocab" / name):
            if folder.is_dir():
                for filename, into in (("accept.txt", accepted), ("reject.txt", rejected)):
                    path = folder / filename
                    if path.is_file():
                        for line in path.read_text(encoding="utf-8").splitlines():
                            line = line.strip()
                            if line and not line.startswith("#") and line not in into:
                                into.append(line)
                break
    return accepted, rejected


def load_vale_rules(config_path) -> ValeLoad:
    """copydesk Rules for a Vale configuration file; a broken rule file is a problem (its
    rule left out), a rule of a check type copydesk does not run is a notice."""
    from lint.packs.loader import Rule

    cfg = vale_ini.read_vale_config(config_path)
    out = ValeLoad()
    accepted, rejected = _vocab(cfg)
    setup = ValeSetup(cfg, accepted, rejected)
    definitions: Dict[str, Tuple[dict, str]] = {}

    styles = cfg.all_styles()
    for style in styles:
        if style == "Vale":
            continue
        folder = cfg.styles_path / style if cfg.styles_path is not None else None
        if folder is None or not folder.is_dir():
            out.problems.append(f"{cfg.path}: BasedOnStyles names {style!r}, but there is no folder {folder or style} (StylesPath)")
            continue
        for path in sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml")):
            definitions.setdefault(f"{style}.{path.stem}", (None, str(path)))
    for rule_id in cfg.named_rules():
        style, _, name = rule_id.partition(".")
        if style == "Vale" or rule_id in definitions:
            continue
        if cfg.styles_path is None:
            continue
        for suffix in (".yml", ".yaml"):
            path = cfg.styles_path / style / (name + suffix)
            if path.is_file():
                definitions[rule_id] = (None, str(path))
                break

    builtins = {"Vale.Repetition": dict(BUILTIN_REPETITION)}
    if accepted:
        builtins["Vale.Terms"] = {
            "extends": "substitution", "message": "Use '%s' instead of '%s'.", "level": "error",
            "ignorecase": True, "swap": {(term.lower() if _is_phrase(term) else term): term for term in accepted}, "vocab": False,
        }
    if rejected:
        builtins["Vale.Avoid"] = {
            "extends": "existence", "message": "Avoid using '%s'.", "level": "error",
            "ignorecase": False, "tokens": list(rejected), "vocab": False,
        }
    for rule_id, definition in builtins.items():
        definitions[rule_id] = (definition, f"(built into Vale) {rule_id}")

    for rule_id, (definition, source) in definitions.items():
        try:
            if definition is None:
                definition = _read_rule(source)
            rule = _build(rule_id, definition, source, setup, Rule)
        except CopydeskError as error:
            out.problems.append(str(error))
            continue
        if rule is None:
            out.notices.append(
                f"{source}: Vale rule {rule_id} extends {definition.get('extends')!r}, a check copydesk does not run; left out"
            )
            continue
        out.rules.append(rule)
    return out


def _read_rule(path: str) -> dict:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = yaml.safe_load(handle)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise CopydeskError(f"{path}{line}: not valid YAML: {getattr(error, 'problem', None) or error}") from None
    except OSError as error:
        raise CopydeskError(f"{path}: cannot read: {error.strerror or error}") from None
    if not isinstance(data, dict):
        raise CopydeskError(f"{path}:1: a Vale rule is a mapping with `extends` and `message`")
    return data


def _build(rule_id: str, d: dict, source: str, setup: ValeSetup, Rule):
    extends = d.get("extends")
    if not extends:
        raise CopydeskError(f"{source}:1: a Vale rule needs `extends` (one of {', '.join(SUPPORTED + UNSUPPORTED)})")
    if extends in UNSUPPORTED:
        return None
    if extends not in CHECKS:
        raise CopydeskError(f"{source}: `extends: {extends}`: not a Vale check (one of {', '.join(SUPPORTED + UNSUPPORTED)})")
    if "message" not in d and extends != "metric":
        raise CopydeskError(f"{source}:1: a Vale rule needs a `message`")
    level = str(d.get("level", DEFAULT_LEVEL)).lower()
    settings = setup.config.globals.rules.get(rule_id) if setup.config is not None else None
    if settings and settings.lower() in vale_ini.LEVELS:
        level = settings.lower()
    if level not in vale_ini.LEVELS:
        raise CopydeskError(f"{source}: level {level!r}: one of {', '.join(vale_ini.LEVELS)}")
    check = CHECKS[extends](d, source, setup.accepted)
    scope = d.get("scope", "text")
    if extends == "metric" and "scope" not in d:
        scope = "summary"
    kind = ValeRule(rule_id=rule_id, extends=extends, scope=scope, level=level, check_object=check, setup=setup)
    description = str(d.get("description") or d.get("message") or "")
    return Rule(
        id=rule_id,
        pack=rule_id.split(".", 1)[0],
        key=rule_id.split(".", 1)[1],
        kind=kind,
        severity=Severity.parse(level),
        message="{message}",
        scope="draft",
        description=f"Vale {extends} rule, no examples: {description}",
        link=str(d.get("link") or ""),
        fail=(),
        passing=(),
        source=source,
    )


