"""Generic kinds: rules any prose linter has (existence, substitution, consistency, conditional, occurrence, repetition, metric, hyphenation), configured entirely from a pack."""
