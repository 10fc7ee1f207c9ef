"""consistency: either/or spellings; once a draft uses two, flag the one it should not."""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

from lint.kinds.base import Kind, OptionError, compile_pattern, finditer, literal_pattern, may_occur
from lint.kinds.required import requirement
from lint.model import Fix, Hit


def _may_match(needs, doc) -> bool:
    return needs is None or needs.may_match(doc)


@dataclass(frozen=True)
class Consistency(Kind):
    """Options:

    groups      list of groups; each group lists the spellings of one thing
                (`[Iran-backed, Iranian-backed]`)
    prefer      spellings that win whenever a group is mixed (house style beats the majority);
                with no preference the majority wins, and a tie goes to the first used
    house       name of a house setting (config `house:`) whose value is the preferred spelling
    regex       the spellings are regular expressions (default: literal phrases)
    ignorecase  match regardless of case
    fix         offer the preferred spelling as a fix (default true; applied with --unsafe-fixes)
    """

    name = "consistency"
    message_values = ("expected", "count", "expected_count")

    groups: List[List[str]] = None  # type: ignore[assignment]
    prefer: List[str] = ()
    house: Optional[str] = None
    regex: bool = False
    ignorecase: bool = False
    fix: bool = True

    def __post_init__(self):
        if not self.groups:
            raise OptionError("groups", "needs `groups`, a list of lists of spellings")
        compiled = []
        for group in self.groups:
            if len(group) < 2:
                raise OptionError("groups", f"group {list(group)} needs at least two spellings")
            compiled.append(
                [
                    compile_pattern(
                        "groups", variant if self.regex else literal_pattern([variant]), self.ignorecase
                    )
                    for variant in group
                ]
            )
        for preferred in self.prefer:
            if not any(preferred in group for group in self.groups):
                raise OptionError("prefer", f"{preferred!r} is in no group")
        self._set("_groups", compiled)

    def check(self, doc, spans, context):
        text = doc.text
        timeout = context.timeout_for(text)
        house_choice = context.house.get(self.house) if self.house else None
        # literal spellings the draft lacks cannot be found in any span: skip their searches,
        # and whole groups with fewer than two spellings present (they flag nothing)
        present = []
        for group in self.groups:
            here = [
                _may_match(requirement(v, self.ignorecase), doc) if self.regex else may_occur(v, doc, self.ignorecase)
                for v in group
            ]
            present.append(here if sum(here) >= 2 else None)
        for span_start, span_end in spans:
            for group, patterns, here in zip(self.groups, self._groups, present):
                if here is None:
                    continue
                found = [[] for _ in group]
                taken = set()
                for i, pattern in enumerate(patterns):
                    if not here[i]:
                        continue
                    for m in finditer(pattern, text, span_start, span_end, timeout):
                        # `Iranian-backed` must not also count as `Iran-backed` inside it
                        if any(m.start() < e and s < m.end() for s, e in taken):
                            continue
                        found[i].append(m.span())
                for i, spans_i in enumerate(found):
                    taken.update(spans_i)
                used = [i for i, f in enumerate(found) if f]
                if len(used) < 2:
                    continue
                chosen = self._choose(group, found, used, house_choice)
                for i in used:
                    if i == chosen:
                        continue
                    for start, end in found[i]:
                        fix = Fix(start, end, group[chosen], safe=False) if self.fix and not self.regex else None
                        yield Hit(
                            start,
                            end,
                            {
                                "expected": group[chosen],
                                "count": len(found[i]),
                                "expected_count": len(found[chosen]),
                            },
                            fix,
                        )

    def _choose(self, group, found, used, house_choice) -> int:
        for preferred in ([house_choice] if house_choice else []) + list(self.prefer):
            if preferred in group:
                return group.index(preferred)
        # majority; a tie goes to the spelling used first
        return max(used, key=lambda i: (len(found[i]), -found[i][0][0]))
