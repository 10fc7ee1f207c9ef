"""rank-branch: a rank the branch does not have ("Navy Gen.", "Army Adm.", "Coast Guard Gen.")."""

from __future__ import annotations


from lint.kinds.newsroom.people_base import PeopleKind, in_spans
from lint.model import Hit


def _article_list(names) -> str:
    """"an Army, Marine Corps or Air Force" """
    if not names:
        return "no"
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    return ("an " if text[:1] in "AEIOU" else "a ") + text


class RankBranch(PeopleKind):
    """Flags a branch followed by a rank that branch does not have. Needs no registry.

    Message values: {branch} (as the table names it: "Marine Corps"), {rank} (as written),
    {instead} (the equivalent rank of that branch, or the branches that have the rank).
    """

    name = "rank-branch"
    message_values = ("branch", "rank", "instead")

    def check(self, doc, spans, context):
        table = self.extractor.ranks
        for mention in self.mentions(doc, context):
            if not mention.branch or not mention.rank or not in_spans(mention.branch_span[0], spans):
                continue
            if table.valid(mention.branch, mention.rank):
                continue
            if table.other_force_before(doc.text, mention.branch_span[0]):
                continue  # "British Army Lance Corporal": another army's ranks
            holders = _article_list(table.branches_with(mention.rank))
            equivalent = table.equivalent(mention.branch, mention.rank)
            if equivalent:
                instead = (
                    f"the equivalent {mention.branch} rank is {equivalent}, or check the branch "
                    f"({mention.rank_form} is {holders} rank)"
                )
            else:
                instead = f"check the rank and the branch ({mention.rank_form} is {holders} rank)"
            yield Hit(
                mention.branch_span[0],
                mention.rank_span[1],
                {"branch": mention.branch, "rank": mention.rank_form, "instead": instead},
            )
