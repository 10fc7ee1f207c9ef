"""role-gender: one person called spokeswoman and later spokesman (or spokesperson).

Within one draft, each later role noun of a person is compared with the first gendered one
(`roles` in rules/data/titles.yaml): a man/woman clash is flagged whatever the nouns; a neutral
noun is flagged only against its own family ("spokesperson" after "spokeswoman").
"""

from __future__ import annotations


from lint.kinds.newsroom.people_base import PeopleKind, in_spans
from lint.model import Fix, Hit


def clash(first, later) -> bool:
    if first.gender == later.gender:
        return False
    if {first.gender, later.gender} == {"m", "f"}:
        return True
    return first.family is not None and first.family == later.family


class RoleGender(PeopleKind):
    """Message values: {person} (the fullest name used), {first} (the first role noun), {line}
    (where it stands). The fix (unsafe) puts the first role noun in."""

    name = "role-gender"
    message_values = ("person", "first", "line")

    def check(self, doc, spans, context):
        for person in self.named_people(doc, context):
            first = None
            for mention in person.mentions:
                role = mention.role
                if role is None or role.gender is None:
                    continue
                if first is None:
                    first = mention
                    continue
                if not clash(first.role, role):
                    continue
                start, end = mention.role_span
                if not in_spans(start, spans):
                    continue
                written = doc.text[start:end]
                replacement = first.role.noun
                if written[:1].isupper():
                    replacement = replacement[:1].upper() + replacement[1:]
                yield Hit(
                    start,
                    end,
                    {
                        "person": person.name,
                        "first": first.role.noun,
                        "line": doc.position(first.role_span[0])[0],
                    },
                    Fix(start, end, replacement, safe=False),
                )
