"""What the people kinds share: the rank and title tables, and one extraction per draft."""

from __future__ import annotations

from typing import List, Optional

from lint.kinds.newsroom import people
from lint.kinds.base import Kind, OptionError


class PeopleKind(Kind):
    """Options shared by every people kind:

    ranks   the branch and rank table (default: the shipped `{table: ranks}`)
    titles  the civilian title and role-noun table (default: the shipped `{table: titles}`)
    """

    ranks: Optional[dict] = None
    titles: Optional[dict] = None

    def __post_init__(self):
        default_ranks, default_titles = (None, None)
        if self.ranks is None or self.titles is None:
            default_ranks, default_titles = people.default_tables()
        ranks = self.ranks if self.ranks is not None else default_ranks
        titles = self.titles if self.titles is not None else default_titles
        try:
            extractor = people.extractor_for(ranks, titles)
        except people.TableError as error:
            raise OptionError("ranks" if "rank" in str(error) else "titles", str(error)) from None
        self._set("_extractor", extractor)

    @property
    def extractor(self) -> people.Extractor:
        return self._extractor  # type: ignore[attr-defined]

    def mentions(self, doc, context) -> List[people.Mention]:
        # (the draft's cached list when a people rule asked before: the timeout, which only
        # the extraction reads, is not worked out again)
        cache = doc.__dict__.get("_people_mentions")
        found = cache.get(id(self._extractor)) if cache is not None else None
        if found is not None:
            return found
        return people.mentions_of(doc, self.extractor, context.timeout_for(doc.text))

    def named_people(self, doc, context) -> List[people.Person]:
        """The people the draft names in full, each with its mentions (shared, read-only)."""
        cache = doc.__dict__.get("_people_groups")  # (as `mentions`)
        found = cache.get(id(self._extractor)) if cache is not None else None
        if found is not None:
            return found
        return people.people_of(doc, self.extractor, context.timeout_for(doc.text))


def in_spans(start: int, spans) -> bool:
    return any(s <= start < e for s, e in spans)
