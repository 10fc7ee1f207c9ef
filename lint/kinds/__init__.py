"""The kinds of rule, by the name a pack uses. An explicit registry: no plugins by magic."""

from lint.kinds.acronym import Acronym
from lint.kinds.anonymous import AnonymousSource
from lint.kinds.boilerplate import Boilerplate
from lint.kinds.conditional import Conditional
from lint.kinds.consistency import Consistency
from lint.kinds.desk_note import DeskNote
from lint.kinds.existence import Existence
from lint.kinds.figures import UnattributedFigure
from lint.kinds.hyphenation import Hyphenation
from lint.kinds.metric import Metric
from lint.kinds.occurrence import Occurrence
from lint.kinds.person_consistency import PersonConsistency
from lint.kinds.quote_balance import QuoteBalance
from lint.kinds.rank_branch import RankBranch
from lint.kinds.repetition import Repetition
from lint.kinds.role_gender import RoleGender
from lint.kinds.said_verb import SaidVerb
from lint.kinds.substitution import Substitution
from lint.kinds.vague import VagueSource

KINDS = {
    kind.name: kind
    for kind in (
        Existence,
        Substitution,
        Consistency,
        Conditional,
        Occurrence,
        Repetition,
        Metric,
        Boilerplate,
        DeskNote,
        UnattributedFigure,
        AnonymousSource,
        VagueSource,
        SaidVerb,
        Hyphenation,
        Acronym,
        QuoteBalance,
        # people (lint/people.py extracts the mentions)
        RankBranch,
        PersonConsistency,
        RoleGender,
    )
}
