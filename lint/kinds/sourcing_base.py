"""What the sourcing kinds share: cue-word patterns built once, and attribution lookups.

A sentence "carries" an attribution when a cue (`said`, `told`, `according to`, ...) stands in
it. Kinds ask through `Attribution`, which caches the answer per sentence for one draft, so a
draft with many figures still costs one search per sentence at most.
"""

from __future__ import annotations

import functools
from typing import Dict, Tuple

import regex

from lint.kinds.base import literal_pattern, search


@functools.lru_cache(maxsize=64)
def phrases_pattern(phrases: Tuple[str, ...], ignorecase: bool = True):
    """One compiled alternation of literal phrases at word edges (cached by the phrase list)."""
    flags = regex.IGNORECASE if ignorecase else 0
    # a phrase's inner spaces match any run of white space ("according\nto")
    body = literal_pattern(list(phrases)).replace(r"\ ", r"\s+")
    return regex.compile(body, flags)


class Attribution:
    """Per-draft cache: does sentence i (or paragraph j) hold an attribution cue?"""

    def __init__(self, doc, cue_pattern, timeout: float):
        self.doc = doc
        self.cue = cue_pattern
        self.timeout = timeout
        self._sentences: Dict[int, bool] = {}
        self._paragraphs: Dict[int, bool] = {}

    def sentence(self, index: int) -> bool:
        found = self._sentences.get(index)
        if found is None:
            start, end = self.doc.sentences[index]
            found = search(self.cue, self.doc.text, start, end, self.timeout) is not None
            self._sentences[index] = found
        return found

    def paragraph(self, index: int) -> bool:
        found = self._paragraphs.get(index)
        if found is None:
            start, end = self.doc.paragraphs[index]
            found = search(self.cue, self.doc.text, start, end, self.timeout) is not None
            self._paragraphs[index] = found
        return found

    def near(self, offset: int) -> bool:
        """A cue in the sentence holding `offset`, or in the sentence just before or after it
        inside the same paragraph (`Ten died. Police said the blast ...`)."""
        doc = self.doc
        index = doc.sentence_index(offset)
        if self.sentence(index):
            return True
        paragraph = doc.paragraph_index(offset)
        for other in (index - 1, index + 1):
            if 0 <= other < len(doc.sentences):
                if doc.paragraph_index(doc.sentences[other][0]) == paragraph and self.sentence(other):
                    return True
        return False
