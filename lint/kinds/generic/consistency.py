"""consistency: either/or forms of one thing used both ways in a draft (`US`/`U.S.`,
`Iran-backed`/`Iranian-backed`); flag the form the draft should not use.

Forms inside quotations are counted but never flagged (a quote is the
speaker's words: `US/coalition` in a quote stays), matches inside an `exceptions` pattern are
ignored (`US$`, `USCENTCOM`), and a form may be a regular expression with a literal
`replacement`. The form chosen: the house choice (`house:` names a key of the config's
`house:` settings), then `prefer`, then the majority outside quotations, then the first used.
"""

from __future__ import annotations

from typing import Dict, List, Optional

from lint.kinds.base import (
    Kind,
    OptionError,
    compile_pattern,
    finditer,
    literal_pattern,
    match,
)
from lint.engine.prefilter import prefilters_enabled
from lint.kinds.generic.existence import _alternation, _split
from lint.kinds.newsroom.sourcing_base import AskedWords, az_words, folded_text, folded_words
from lint.model import Fix, Hit


class Consistency(Kind):
    """Options:

    groups        list of groups; each lists the forms of one thing (`[U.S., US]`)
    prefer        forms that win whenever their group is mixed
    house         name of a house setting whose value is the preferred form
    regex         forms are regular expressions (then `names` gives each a literal name)
    names         with `regex`: one list of literal names per group, the form shown and used as fix
    exceptions    patterns; a form inside a match of one of these is ignored
    quotes        also flag forms inside quotations (default false: count them, leave them)
    ignorecase    match regardless of case
    fix           offer the chosen form as a fix (default true; applied with --unsafe-fixes)
    proper_names  (literal forms) a form written in lower case in `groups` is a common
                   word; written with a capital inside a sentence or next to another capitalised
                   word it is part of a name (Spire Healthcare, Towards Zero, the Advisor) and
                   is neither counted nor flagged (default true)
    house_forms   house choice value -> the forms that win when the house makes that choice
                   (`spelling: british` -> [towards, per cent, ...])
    every         one finding at each use of a losing form (default false: one finding at its
                   first use, naming the other lines; its fix changes them all)
    """

    name = "consistency"
    message_values = ("expected", "count", "expected_count", "others", "expected_at")
    default_scope = "draft"

    groups: List[List[str]] = None  # type: ignore[assignment]
    prefer: List[str] = ()
    house: Optional[str] = None
    regex: bool = False
    names: List[List[str]] = ()
    proper_names: bool = True
    house_forms: Dict[str, List[str]] = None  # type: ignore[assignment]
    every: bool = False
    exceptions: List[str] = ()
    quotes: bool = False
    ignorecase: bool = False
    fix: bool = True

    def __post_init__(self):
        if not self.groups:
            raise OptionError("groups", "needs `groups`, a list of lists of forms")
        if self.regex and len(self.names) != len(self.groups):
            raise OptionError("names", "with `regex: true`, give `names`: one list of literal names per group")
        compiled = []
        for index, group in enumerate(self.groups):
            if len(group) < 2:
                raise OptionError("groups", f"group {list(group)} needs at least two forms")
            if self.regex and len(self.names[index]) != len(group):
                raise OptionError("names", f"group {list(group)} needs one name per form")
            compiled.append(
                [
                    compile_pattern("groups", form if self.regex else literal_pattern([form]), self.ignorecase)
                    for form in group
                ]
            )
        labels = [list(n) for n in self.names] if self.regex else [list(g) for g in self.groups]
        for preferred in self.prefer:
            if not any(preferred in group for group in labels):
                raise OptionError("prefer", f"{preferred!r} is in no group")
        exceptions = "|".join(f"(?:{e})" for e in self.exceptions)
        self._set("_exceptions", compile_pattern("exceptions", exceptions) if exceptions else None)
        # the same alternation, one alternative at a time (`existence._alternation`): the
        # `regex` module skips ahead to a literal an alternative opens with, which it cannot
        # do for the whole alternation when one alternative opens with a class (`\p{Lu}{2,}`)
        self._set("_exception_parts", _split(_branches(self.exceptions), False) if exceptions else None)
        self._set("_groups", compiled)
        self._set("_labels", labels)
        # a literal form matches only where its text stands (case-folded with ignorecase)
        self._set("_needles", None if self.regex else [
            [form.casefold() if self.ignorecase else form for form in group] for group in self.groups
        ])
        # Speed: a literal form's a-z words (its maximal runs of a-z, case-folded): a match,
        # folded, is the folded form at the same offsets, held to word edges where the form
        # starts or ends with a letter, so each of these runs is a whole a-z run of the folded
        # draft, one of its `folded_words`. A form with one of them missing cannot match.
        form_words = [] if self.regex else [
            [az_words(form.casefold()) for form in group]
            for group in self.groups
        ]
        # (looked up from the draft's side: which forms each word completes)
        by_word = {}
        for g, group in enumerate(form_words):
            for i, needed in enumerate(group):
                for word in needed:
                    by_word.setdefault(word, []).append((g, i))
        self._set("_by_word", by_word)
        self._set("_all_words", AskedWords(by_word))  # (the words it asks `folded_words` about)
        self._set("_form_words", form_words)
        self._set("_wordless", tuple(tuple(i for i, needed in enumerate(group) if not needed) for group in form_words))
        self._set("_wordless_pairs", {g: forms for g, forms in enumerate(self._wordless) if len(forms) >= 2})
        self._set("_needed", tuple(tuple(len(needed) for needed in group) for group in form_words))
        self._set("_everything", [(g, tuple(range(len(group)))) for g, group in enumerate(labels)])
        self._set("_all_needles", () if self._needles is None else tuple(n for group in self._needles for n in group))

    def _mixed(self, doc):
        """(group index, the indexes of its forms that may occur in the draft) for every group
        with two or more such forms (a group with fewer is never mixed: no need to look)."""
        if self._needles is None:
            return self._everything  # (regex forms)
        haystack = doc.text
        if self.ignorecase:
            haystack = folded_text(doc)
            if haystack is None:
                return self._everything
        words = folded_words(doc)  # None: unknown (prefilters off, or folding moved offsets)
        if words is None:
            candidates = [forms for _, forms in self._everything]
        else:
            # the forms all of whose words the draft holds (and those with none)
            seen = {}
            for word in self._all_words.intersection(words):
                for place in self._by_word[word]:
                    seen[place] = seen.get(place, 0) + 1
            # (only the groups a word of the draft completes a form of, and those with two or
            # more wordless forms, can have two: the others are not visited)
            candidates = self._wordless_pairs.copy()
            for (g, i), count in seen.items():
                if count == self._needed[g][i]:
                    candidates[g] = candidates.get(g, self._wordless[g]) + (i,)
            if not candidates:
                return ()
            if len(candidates) > 1:
                candidates = dict(sorted(candidates.items()))
            candidates = candidates.items()
        mixed = []
        for g, forms in candidates if words is not None else enumerate(candidates):
            if len(forms) >= 2:
                needles = self._needles[g]
                forms = [i for i in sorted(forms) if needles[i] in haystack]
                if len(forms) >= 2:
                    mixed.append((g, forms))
        return mixed

    def check(self, doc, spans, context):
        text = doc.text
        timeout = context.timeout_for(text)
        house_choice = context.house.get(self.house) if self.house else None
        if house_choice is not None and self.house_forms:
            house_choice = self.house_forms.get(str(house_choice), house_choice)
        mixed = self._mixed(doc)
        if not mixed:
            return
        # literal forms: each one's matches tried only where its text stands (`_literal_spans`),
        # in the draft or, with ignorecase, at the same offset of its folded text
        hay = None
        if self._needles is not None and prefilters_enabled():
            hay = folded_text(doc) if self.ignorecase else text
            if self.ignorecase and not all(n.isascii() for n in self._all_needles):
                hay = None  # (folded_text keeps the offsets of ASCII phrases' matches only)
        for span_start, span_end in spans:
            excluded = None  # the exceptions' spans, found when first needed
            for g, forms in mixed:
                labels, patterns = self._labels[g], self._groups[g]
                found = [[] for _ in labels]  # (start, end, quoted)
                taken = []
                # longest forms first, so `Iranian-backed` is not also counted as something shorter
                order = sorted(forms, key=lambda i: -len(labels[i]))
                if hay is None:
                    matches = [(i, [m.span() for m in finditer(patterns[i], text, span_start, span_end, timeout)])
                               for i in order]
                else:
                    needles = self._needles[g]
                    matches = [(i, _literal_spans(patterns[i], text, hay, needles[i], span_start, span_end, timeout))
                               for i in order]
                # skipping exceptions and overlaps only drops matches: fewer than two forms
                # matching at all is never a mix (and the exceptions need not be looked for)
                if sum(1 for _, spans_i in matches if spans_i) < 2:
                    continue
                if excluded is None:
                    excluded = []
                    if self._exception_parts is not None and prefilters_enabled():
                        # (an alternative opening with a literal is found by the `regex`
                        # module's own skip to it: no test of the draft first)
                        parts = [p for p, _ in self._exception_parts]
                        excluded = [m.span() for m in _alternation(parts, text, span_start, span_end, timeout)]
                    elif self._exceptions is not None:
                        excluded = [m.span() for m in finditer(self._exceptions, text, span_start, span_end, timeout)]
                for i, spans_i in matches:
                    common = self.proper_names and not self.regex and labels[i][:1].islower()
                    for s, e in spans_i:
                        if any(a <= s and e <= b for a, b in excluded):
                            continue
                        if any(s < b and a < e for a, b in taken):
                            continue
                        taken.append((s, e))
                        if common and _in_name(text, s, e):
                            continue
                        found[i].append((s, e, doc.in_quote(s) is not None))
                used = [i for i, f in enumerate(found) if f]
                if len(used) < 2:
                    continue
                chosen = self._choose(labels, found, used, house_choice)
                for i in used:
                    if i == chosen:
                        continue
                    flagged = [(start, end) for start, end, quoted in found[i] if self.quotes or not quoted]
                    if not flagged:
                        continue
                    values = {"expected": labels[chosen], "count": len(found[i]), "expected_count": len(found[chosen]),
                              "others": "", "expected_at": _lines_of(doc, found[chosen])}
                    if self.every:
                        for start, end in flagged:
                            fix = Fix(start, end, labels[chosen], safe=False) if self.fix else None
                            yield Hit(start, end, values, fix)
                        continue
                    # one finding, at the first use; its fix changes every flagged use
                    start, end = flagged[0]
                    fix = None
                    if self.fix:
                        first, last = flagged[0][0], flagged[-1][1]
                        parts, position = [], first
                        for s, e in flagged:
                            parts.append(text[position:s])
                            parts.append(labels[chosen])
                            position = e
                        parts.append(text[position:last])
                        fix = Fix(first, last, "".join(parts), safe=False)
                    values["others"] = _elsewhere(doc, flagged[1:])
                    yield Hit(start, end, values, fix)

    def _choose(self, labels, found, used, house_choice) -> int:
        house = list(house_choice) if isinstance(house_choice, (list, tuple)) else [house_choice] if house_choice else []
        for preferred in house + list(self.prefer):
            if preferred in labels:
                return labels.index(preferred)

        def weight(i):
            outside = sum(1 for _, _, quoted in found[i] if not quoted)
            return (outside, len(found[i]), -found[i][0][0])

        return max(used, key=weight)


def _literal_spans(pattern, text: str, hay: str, needle: str, start: int, end: int, timeout: float) -> list:
    """[m.span() for m in finditer(pattern, text, start, end)] for a literal form's pattern
    (`literal_pattern`: the form, perhaps between word-edge lookarounds), trying it only where
    `needle` (the form, case-folded with ignorecase) stands in `hay` (the text, or its folded
    text, which keeps every offset: `folded_text`). Exact: every match is the form's text at
    its offset, so it starts where the needle stands in `hay`; a match at an offset does not
    depend on where the search began (the lookarounds see the whole text); no match is empty,
    and the next is looked for from where the last ended, as finditer does."""
    if not needle:
        return [m.span() for m in finditer(pattern, text, start, end, timeout)]
    spans = []
    find = hay.find
    i = find(needle, start, end)
    while i >= 0:
        m = match(pattern, text, i, end, timeout)
        if m is not None and m.end() > m.start():
            spans.append(m.span())
            i = find(needle, m.end(), end)
        else:
            i = find(needle, i + 1, end)
    return spans


def _elsewhere(doc, spans) -> str:
    """" (and 2 more times: lines 11, 17)" for the later uses of a form; "" when none."""
    if not spans:
        return ""
    lines = []
    for start, _ in spans:
        line = doc.position(start)[0]
        if line not in lines:
            lines.append(line)
    shown = ", ".join(str(n) for n in lines[:8]) + (", ..." if len(lines) > 8 else "")
    times = "1 more time" if len(spans) == 1 else f"{len(spans)} more times"
    return f" (and {times}: line{'s' if len(lines) > 1 else ''} {shown})"


def _lines_of(doc, found) -> str:
    """" (line 3)", " (lines 3, 9)" or " (line 3, in a quotation)": where the chosen form stands."""
    lines = []
    for start, _, _ in found:
        line = doc.position(start)[0]
        if line not in lines:
            lines.append(line)
    shown = ", ".join(str(n) for n in lines[:6]) + (", ..." if len(lines) > 6 else "")
    return f" (line{'s' if len(lines) > 1 else ''} {shown})"


_OPENERS = "“\"‘'([—–-"


def _in_name(text: str, start: int, end: int) -> bool:
    """Is the common word at text[start:end] part of a name here? Written with a capital (or
    in capitals) inside a sentence (`the Advisor`, `Spire Healthcare`), or opening a sentence
    with a capitalised word after it (`Towards Zero is ...`)."""
    word = text[start:end]
    if not word[:1].isupper():
        return False
    if word.isupper() and len(word) > 1:
        return True
    # the word before, if the sentence does not start here
    i = start - 1
    while i >= 0 and text[i] in " \t" + _OPENERS:
        i -= 1
    # (a speaker label, "((WN)) Okay.", opens a sentence too)
    sentence_start = i < 0 or text[i] in ".!?:\n" or text[i - 1 : i + 1] == "))"
    if not sentence_start:
        return True
    # opening a sentence: a name when the next word is capitalised too
    j = end
    while j < len(text) and text[j] in " \t":
        j += 1
    return j < len(text) and j > end and text[j].isupper()


def _branches(patterns: List[str]) -> List[str]:
    """The alternatives of the alternation `(?:P1)|(?:P2)|...`, each pattern's own top-level
    alternatives (`A|B`) standing on their own: `(?:A|B)|(?:C)` is `A|B|C` (at each offset the
    first alternative that matches, in this order). A pattern this reading is unsure of (an
    unclosed class or group) stays whole; `_split` refuses what splitting would change."""
    out = []
    for pattern in patterns:
        parts = _top_level_split(pattern)
        out.extend(f"(?:{p})" for p in (parts if parts is not None else [pattern]))
    return out


def _top_level_split(pattern: str) -> Optional[List[str]]:
    """`pattern` cut at each `|` outside groups and classes, or None when unsure."""
    parts, depth, start, i, n = [], 0, 0, 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            # a class: to its closing `]` (a `]` first, or after `^`, is a literal)
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                if pattern[j] == "[":
                    return None  # (a nested set or a POSIX class: left whole)
                j += 2 if pattern[j] == "\\" else 1
            if j >= n:
                return None
            i = j + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return None
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    if depth != 0 or i > n:
        return None
    parts.append(pattern[start:])
    return parts
