"""said-verb: attribution verbs that editorialize (`noted`, `claimed`, `admitted`, `insisted`).

AP: `said` is neutral; `claimed` casts doubt, `admitted` implies guilt, `noted` and `revealed`
endorse. A verb counts only in an attribution: after a speaker (a name, a pronoun, an official)
and before `that`, a comma, a colon, `in a statement`, `to reporters` or the sentence's end; or
right after a closing quote (`”, noted Kirby.`). `claimed responsibility`, `a noted author`
and `was admitted to hospital` are not attributions and are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List

import regex

from lint.kinds.base import Kind, OptionError, finditer, literal_pattern
from lint.model import Fix, Hit

# the word before the verb: any word but a passive auxiliary ("was admitted to hospital"),
# "as" ("as noted above") or a determiner ("my notes")
_SPEAKER = (
    r"(?<![\p{L}’'-])(?!(?:was|were|been|be|being|is|are|as|As|my|his|her|their|our|your|its|the|The|"
    r"a|an|these|those|this|that|and|or|all|any|some|no|such|many|both|other|false|earlier|previous)\b)[\p{L}’'-]+"
)
_AFTER = (
    r"(?=\s+that\b|\s*[,:]|\s+in\s+(?:a|an|his|her|their|the|its)\s+\p{L}+|"
    r"\s+to\s+(?:reporters|journalists|the\s+press|the\s+media)\b|\s+on\s+\p{Lu})"
)
# "..., he noted." / "..., Kirby noted."
_TAIL_SPEAKER = r"(?:he|she|they|it|we|I|(?:\p{Lu}[\p{L}.’'-]*\s+){0,3}\p{Lu}[\p{Ll}’'-]+)"


@dataclass(frozen=True)
class SaidVerb(Kind):
    """Options:

    verbs        the loaded attribution verbs (`noted`, `claimed`, ...)
    replacement  the neutral verb the message and fix offer (default `said`)
    """

    name = "said-verb"
    message_values = ("expected",)
    default_scope = "body"

    verbs: List[str] = ()
    replacement: str = "said"

    def __post_init__(self):
        if not self.verbs:
            raise OptionError("verbs", "needs `verbs`, a list of attribution verbs")
        verbs = literal_pattern(list(self.verbs)).replace(r"\ ", r"\s+")
        pattern = (
            rf"{_SPEAKER},?\s+(?P<verb>{verbs}){_AFTER}"
            rf"|[,?!][”\"]?\s+{_TAIL_SPEAKER}\s+(?P<verb>{verbs})\s*\.(?:\s|$)"
            rf"|[,?!][”\"]\s+(?P<verb>{verbs})\s+\p{{Lu}}"
            rf"|[,?!][”\"]\s+(?:\p{{Lu}}[\p{{L}}.’'-]*\s+){{0,3}}(?P<verb>{verbs})\s*[.,]"
        )
        self._set("_pattern", regex.compile(pattern))

    def check(self, doc, spans, context):
        text = doc.text
        timeout = context.timeout_for(text)
        for span_start, span_end in spans:
            for m in finditer(self._pattern, text, span_start, span_end, timeout):
                start, end = m.span("verb")
                if doc.in_quote(start):
                    continue  # the speaker's own words
                replacement = self.replacement
                # present tense for present tense: "notes" -> "says"
                if text[end - 1] == "s" and replacement == "said":
                    replacement = "says"
                yield Hit(start, end, {"expected": replacement}, Fix(start, end, replacement, safe=False))
