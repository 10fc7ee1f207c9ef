""""did you mean ...?" for a misspelt name: a setting, an option, a rule id, a house choice."""

from __future__ import annotations

from typing import Iterable


def did_you_mean(word, choices: Iterable, cutoff: float = 0.6) -> str:
    """"did you mean 'level'? " when one of `choices` is close to `word` (difflib), else ""."""
    if not isinstance(word, str):
        return ""
    import difflib  # only for a mistake: not worth importing on every run

    close = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=cutoff)
    return f"did you mean {close[0]!r}? " if close else ""
