"""consistency: either/or forms of one thing used both ways in a draft (`US`/`U.S.`,
`Iran-backed`/`Iranian-backed`); flag the form the draft should not use.

Forms inside quotations are counted but never flagged (a quote is the
speaker's words: `US/coalition` in a quote stays), matches inside an `exceptions` pattern are
ignored (`US$`, `USCENTCOM`), and a form may be a regular expression with a literal
`replacement`. The form chosen: the house choice (`house:` names a key of the config's
`house:` settings), then `prefer`, then the majority outside quotations, then the first used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

from lint.kinds.base import (
    Kind,
    OptionError,
    compile_pattern,
    finditer,
    literal_pattern,
)
from lint.kinds.sourcing_base import folded_text
from lint.model import Fix, Hit


@dataclass(frozen=True)
class Consistency(Kind):
    """Options:

    groups       list of groups; each lists the forms of one thing (`[U.S., US]`)
    prefer       forms that win whenever their group is mixed
    house        name of a house setting whose value is the preferred form
    regex        forms are regular expressions (then `names` gives each a literal name)
    names        with `regex`: one list of literal names per group, the form shown and used as fix
    exceptions   patterns; a form inside a match of one of these is ignored
    quotes       also flag forms inside quotations (default false: count them, leave them)
    ignorecase   match regardless of case
    fix          offer the chosen form as a fix (default true; applied with --unsafe-fixes)
    """

    name = "consistency"
    message_values = ("expected", "count", "expected_count")
    default_scope = "draft"

    groups: List[List[str]] = None  # type: ignore[assignment]
    prefer: List[str] = ()
    house: Optional[str] = None
    regex: bool = False
    names: List[List[str]] = ()
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
        self._set("_groups", compiled)
        self._set("_labels", labels)
        # a literal form matches only where its text stands (case-folded with ignorecase)
        self._set("_needles", None if self.regex else [
            [form.casefold() if self.ignorecase else form for form in group] for group in self.groups
        ])

    def _present(self, doc):
        """Per group, the indexes of the forms that may occur in the draft (all with `regex`)."""
        everything = [list(range(len(labels))) for labels in self._labels]
        if self._needles is None:
            return everything
        haystack = doc.text
        if self.ignorecase:
            haystack = folded_text(doc)
            if haystack is None:
                return everything
        return [[i for i, needle in enumerate(group) if needle in haystack] for group in self._needles]

    def check(self, doc, spans, context):
        text = doc.text
        timeout = context.timeout_for(text)
        house_choice = context.house.get(self.house) if self.house else None
        # a group with fewer than two forms in the draft is never mixed: no need to look
        present = self._present(doc)
        if not any(len(forms) >= 2 for forms in present):
            return
        for span_start, span_end in spans:
            excluded = []
            if self._exceptions is not None:
                excluded = [m.span() for m in finditer(self._exceptions, text, span_start, span_end, timeout)]
            for labels, patterns, forms in zip(self._labels, self._groups, present):
                if len(forms) < 2:
                    continue
                found = [[] for _ in labels]  # (start, end, quoted)
                taken = []
                # longest forms first, so `Iranian-backed` is not also counted as something shorter
                order = sorted(forms, key=lambda i: -len(labels[i]))
                for i in order:
                    for m in finditer(patterns[i], text, span_start, span_end, timeout):
                        s, e = m.span()
                        if any(a <= s and e <= b for a, b in excluded):
                            continue
                        if any(s < b and a < e for a, b in taken):
                            continue
                        taken.append((s, e))
                        found[i].append((s, e, doc.in_quote(s) is not None))
                used = [i for i, f in enumerate(found) if f]
                if len(used) < 2:
                    continue
                chosen = self._choose(labels, found, used, house_choice)
                for i in used:
                    if i == chosen:
                        continue
                    for start, end, quoted in found[i]:
                        if quoted and not self.quotes:
                            continue
                        fix = Fix(start, end, labels[chosen], safe=False) if self.fix else None
                        yield Hit(
                            start,
                            end,
                            {"expected": labels[chosen], "count": len(found[i]), "expected_count": len(found[chosen])},
                            fix,
                        )

    def _choose(self, labels, found, used, house_choice) -> int:
        for preferred in ([house_choice] if house_choice else []) + list(self.prefer):
            if preferred in labels:
                return labels.index(preferred)

        def weight(i):
            outside = sum(1 for _, _, quoted in found[i] if not quoted)
            return (outside, len(found[i]), -found[i][0][0])

        return max(used, key=weight)
