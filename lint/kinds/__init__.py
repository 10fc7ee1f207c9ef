"""The kinds of rule, by the name a pack uses. An explicit registry: no plugins by magic."""

from lint.kinds.newsroom.acronym import Acronym
from lint.kinds.newsroom.anonymous import AnonymousSource
from lint.kinds.newsroom.boilerplate import Boilerplate
from lint.kinds.generic.capitalization import Capitalization
from lint.kinds.generic.conditional import Conditional
from lint.kinds.generic.consistency import Consistency
from lint.kinds.newsroom.desk_note import DeskNote
from lint.kinds.generic.existence import Existence
from lint.kinds.newsroom.figures import UnattributedFigure
from lint.kinds.generic.hyphenation import Hyphenation
from lint.kinds.generic.metric import Metric
from lint.kinds.generic.occurrence import Occurrence
from lint.kinds.newsroom.person_consistency import PersonConsistency
from lint.kinds.newsroom.quote_balance import QuoteBalance
from lint.kinds.newsroom.rank_branch import RankBranch
from lint.kinds.generic.repetition import Repetition
from lint.kinds.newsroom.role_gender import RoleGender
from lint.kinds.newsroom.said_verb import SaidVerb
from lint.kinds.generic.substitution import Substitution
from lint.kinds.newsroom.vague import VagueSource

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
        Capitalization,
        Boilerplate,
        DeskNote,
        UnattributedFigure,
        AnonymousSource,
        VagueSource,
        SaidVerb,
        Hyphenation,
        Acronym,
        QuoteBalance,
        # people (lint/kinds/newsroom/people.py extracts the mentions)
        RankBranch,
        PersonConsistency,
        RoleGender,
    )
}
