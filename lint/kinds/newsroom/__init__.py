"""Newsroom kinds: checks that need a copy editor's knowledge (people and their titles, sourcing and attribution, web furniture, desk notes, acronyms, quotes) and the extractors they share."""
