"""boilerplate: web-page and CMS furniture pasted in with a story ("Back to top button").

Phase 1 reads the draft as blocks (`Document.blocks`: however it was pasted) and judges each
by its own evidence and its place (lint/kinds/newsroom/furniture.py): known phrases and prefixes, share bars,
link words, separators, counters, teasers, lines the draft repeats; inside the story, before
it, or after its last prose block. Furniture blocks that follow each other are one finding
spanning them, with one safe fix that deletes the run and keeps the paragraphs around it
apart. Sure furniture takes the rule's level; what the desk should only look at (`doubt`) is
a level lower. A known phrase on a line inside a hard-wrapped paragraph is found too, unless
the line starts the paragraph and the sentence goes on ("Comments\nwere closed.").

Phase 2: the same short, unpunctuated line standing verbatim in several *different* stories
(different headline and lede, so versions of one story don't count) is furniture; a line
already in a run of its draft counts as seen there but is reported with its run. A number or
a word alone, a name and a subhead are left out: many stories share a score, a team, a source.

The headline is never furniture.
"""

from __future__ import annotations

import bisect
from itertools import repeat
from operator import itemgetter
from typing import List

from lint.engine import digests
from lint.engine.rx import regex
from lint.kinds.newsroom import furniture
from lint.drafts.document import is_prose
from lint.kinds.base import Kind, OptionError, strip_span
from lint.engine.prefilter import prefilters_enabled
from lint.fixes.edit import space_around
from lint.model import Fix, Hit
from lint.engine.patterns import lazy_compile

# What may stand between furniture phrases on one line: spaces, bullets, pipes, arrows.
_SEPARATORS = r"[\s|•·›»<>/:,\-–—]"
_WORD = lazy_compile(r"[\p{L}\p{N}]+")
_CLOSING = ".!?\"”’)"
# How much of a line the quick reject reads (see `_first_words`)
_HEAD = 200


_normalize = furniture.normalize  # case, curly quotes and white space do not count


class Boilerplate(Kind):
    """Options:

    phrases     furniture phrases; a line made only of these is furniture
    parts       words that are furniture only in company ("Facebook", "Email"): a line of two
                or more of these (or with a phrase) is furniture; one alone is worth a look
    link_words  link text that is furniture alone on a line ("Print", "Home", "Photo")
    counter_words  what a counter counts ("comments": "941 comments" is furniture)
    separators  marks that are furniture alone on a line ("|", "»")
    suffixes    the link a teaser ends with ("Read more"): a line ending with one after an
                ellipsis, or with it twice, is a teaser for another story
    headings    phrases that head a list of links ("Most Popular", "Jobs"): straight before
                prose such a line is a subhead the story uses, not furniture
    prefixes    a short line starting with one of these is furniture ("Sign up for our")
    max_words   the most words a prefix line may have (default 15)
    min_drafts  a short unpunctuated line found verbatim in this many different stories in one
                run is furniture too (default 3; 0 turns the cross-draft signal off); never a
                number or a word alone, a name, or a subhead (a line straight before prose)
    shape_max_words  the most words such a repeated line may have (default 6)
    """

    name = "boilerplate"
    message_values = ("why", "what", "verb", "action")
    cross_draft = True
    default_scope = "body"

    phrases: List[str] = ()
    parts: List[str] = ()
    prefixes: List[str] = ()
    max_words: int = 15
    min_drafts: int = 3
    shape_max_words: int = 6
    link_words: List[str] = ()
    counter_words: List[str] = ()
    separators: str = "|»«+[]-–—•·/×>‹›"
    suffixes: List[str] = ()
    headings: List[str] = ()

    def __post_init__(self):
        if not self.phrases and not self.prefixes:
            raise OptionError("phrases", "needs `phrases` or `prefixes`")
        phrases = sorted({_normalize(p) for p in self.phrases}, key=len, reverse=True)
        parts = sorted({_normalize(p) for p in self.parts}, key=len, reverse=True)
        alternatives = [regex.escape(p) for p in phrases + parts]
        whole_line = rf"(?:{_SEPARATORS}*(?P<piece>{'|'.join(alternatives)})(?![\p{{L}}\p{{N}}]))+{_SEPARATORS}*"
        self._set("_line", regex.compile(whole_line))
        self._set("_phrases", frozenset(phrases))
        self._set("_headings", frozenset(_normalize(h) for h in self.headings))
        self._set("_prefixes", tuple(_normalize(p) for p in self.prefixes))
        self._set("_firsts", _first_words(phrases + parts, self._prefixes))
        self._set("_too_long", lazy_compile(rf"(?:[^\p{{L}}\p{{N}}]*+[\p{{L}}\p{{N}}]++){{{self.shape_max_words + 1}}}"))

    # ---- phase 1 ---------------------------------------------------------------------

    def _candidate_lines(self, doc, spans):
        """(start, end) of each non-empty line inside the scope, outside the headline: every
        line from the first that ends (at its newline) after a span's start to the last that
        starts (at its first character, white space included) before the span's end, stripped
        of white space at either edge (`Document._content_lines`)."""
        headline = doc.headline
        _, lines = _blocks_and_lines(doc)
        for span_start, span_end in spans:
            first, stop = _line_bounds(doc, span_start, span_end)
            for k in range(first, stop):
                start, end, _ = lines[k]
                if headline and headline[0] <= start < headline[1]:
                    continue
                yield start, end

    def _known_furniture(self, line: str, quick=None, search=None) -> bool:
        """`quick`: whether the quick reject may be used (computed when None); `search`:
        `_WORD.search`, looked up once by a caller that asks about many lines."""
        if quick is None:
            quick = self._firsts is not None and prefilters_enabled()
        if quick:
            # quick reject: the first word of a furniture line is the first word of a phrase,
            # part or prefix; most lines are prose, and normalizing a whole paragraph to learn
            # that was this kind's main cost
            head = line[:_HEAD].casefold()
            first = (search or _WORD.search)(head)
            if first is not None and first.end() < len(head):
                whole, partial = self._firsts
                if first.group() not in whole and not first.group().startswith(partial):
                    return False
        normalized = _normalize(line)
        m = self._line.fullmatch(normalized)
        if m:
            pieces = m.captures("piece")
            if any(p in self._phrases for p in pieces) or len(pieces) >= 2:
                return True
        if self._prefixes and normalized.startswith(self._prefixes):
            # the prefix ends where a word does ("image caption" does not start "image captions")
            whole = any(normalized.startswith(p) and (not p[-1].isalnum() or len(normalized) == len(p)
                                                      or not normalized[len(p)].isalnum())
                        for p in self._prefixes)
            return whole and len(_WORD.findall(normalized)) <= self.max_words
        return False

    def check(self, doc, spans, context):
        text = doc.text
        blocks, runs, inner = self._furniture(doc, spans)
        for run in runs:
            start, end = blocks[run.first][0], blocks[run.last][1]
            count = run.last - run.first + 1
            values = self._values(text, blocks, run, count)
            # a run that takes prose with it (a blurb between furniture after the story) is
            # worth a look, and its fix is not applied without --unsafe-fixes
            safe = not any(is_prose(text[slice(*blocks[k])]) for k in range(run.first, run.last + 1))
            if not safe:
                values["doubt"] = True
                values["action"] = "check them and delete them if they are not part of the story"
            # only what a copy editor deletes on sight is deleted by --fix
            yield Hit(start, end, values, _delete_span(text, start, end, safe=safe and not values.get("doubt")))
        for start, end in inner:
            values = {"why": "a web-page phrase", "what": f"“{text[start:end]}”", "verb": "is",
                      "action": "delete the line"}
            yield Hit(start, end, values, _delete_span(text, start, end))

    @staticmethod
    def _values(text, blocks, run, count):
        sure = run.level >= furniture.STRONG
        first = text[slice(*blocks[run.first])]
        if count == 1:
            what, verb = f"“{first}”", "is"
            action = "delete the line" if sure else "check it and delete it if it is not part of the story"
        else:
            last = text[slice(*blocks[run.last])]
            what, verb = f"{count} lines, “{_short(first)}” to “{_short(last)}”,", "are"
            action = "delete them" if sure else "check them and delete them if they are not part of the story"
        values = {"why": furniture.describe(run, count), "what": what, "verb": verb, "action": action}
        if not sure:
            values["doubt"] = True  # a level below the rule's: worth a look, not a sure delete
        return values

    def _furniture(self, doc, spans):
        """(blocks, runs, inner lines): the draft's blocks in scope (never the headline), the
        runs of furniture among them, and furniture lines inside a multi-line block; once per
        draft."""
        cached = doc.__dict__.get("_copydesk_furniture")
        if cached is not None and cached[0] == spans:
            return cached[1]
        text = doc.text
        blocks, texts, evidence, found = self.assess(doc, spans)
        runs = furniture.runs(found, evidence)
        flagged = {k for k, _, _ in found}
        inner = []
        # (a block of several lines is made of several of the draft's lines with text: when
        # there are as many blocks as such lines, every block is one line, and none is read)
        all_blocks, all_lines = _blocks_and_lines(doc)
        for i, (start, end) in enumerate(blocks if len(all_blocks) < len(all_lines) else ()):
            if i in flagged or "\n" not in texts[i]:
                continue
            # a hard-wrapped paragraph: a furniture line inside it, but not its first line
            # ("Comments\nwere closed." is a sentence)
            position = text.find("\n", start, end) + 1
            while 0 < position < end:
                line_end = text.find("\n", position, end)
                line_end = end if line_end < 0 else line_end
                line_start, line_stop = strip_span(text, position, line_end)
                if line_stop > line_start and self._known_furniture(text[line_start:line_stop]):
                    inner.append((line_start, line_stop))
                position = line_end + 1
        result = (blocks, runs, inner)
        doc.__dict__["_copydesk_furniture"] = (spans, result)
        return result

    def assess(self, doc, spans, how=None):
        """(blocks, texts, evidence, found): the draft's blocks in scope (never the headline),
        their texts, each block's own evidence, and the furniture blocks `furniture.judge`
        finds (`how`: see there)."""
        text = doc.text
        headline = doc.headline
        all_blocks, _ = _blocks_and_lines(doc)
        if len(spans) == 1:
            (span_start, span_end), = spans
            # the blocks the span overlaps, less those the headline overlaps: each a run of the
            # draft's blocks (in order, none overlapping another, so their starts and their ends
            # both grow), found by bisection instead of a test a block
            starts, ends = list(map(_FIRST, all_blocks)), list(map(_SECOND, all_blocks))
            first, stop = bisect.bisect_right(ends, span_start), bisect.bisect_left(starts, span_end)
            blocks = all_blocks[first:stop]
            if headline:
                cut, resume = bisect.bisect_right(ends, headline[0]), bisect.bisect_left(starts, headline[1])
                if cut < resume:
                    blocks = all_blocks[first:max(first, min(cut, stop))] + all_blocks[max(first, resume):stop]
        else:
            blocks = [(start, end) for start, end in all_blocks
                      if not (headline and start < headline[1] and end > headline[0])
                      and any(start < span_end and end > span_start for span_start, span_end in spans)]
        if doc.format != "text":
            # a cell of a Markdown or HTML table is the story's data, never furniture
            blocks = [b for b in blocks if not _in_table(doc, b[0])]
        texts = [text[s:e] for s, e in blocks]
        n = len(texts)
        signals = self._signals()
        strong = furniture.Evidence(furniture.STRONG, "a web-page phrase")
        quick = self._firsts is not None and prefilters_enabled()
        search = _WORD.search
        if quick:
            whole, partial = self._firsts
        known = self._known_furniture
        ends_sentence = furniture.ends_sentence
        evidence = [furniture.NONE] * n
        prose = [None] * n  # read as needed: most drafts are long paragraphs only
        pending = []  # short blocks that are not sentences of the story: their signals are read
        # each short block's own verdict, by its text (blocks repeat across drafts): (prose,
        # evidence), or (False, None) when its signals are still to be read here
        memo = self._memo("_block_memo_cache") if quick else None
        firsts_memo = self._memo("_first_word_cache") if quick else None
        remembered = memo.get if memo is not None else {}.get
        asked = []  # blocks whose evidence is that the draft repeats them, if it does
        carried = False  # whether a block was given evidence
        for i in [i for i, (s, e) in enumerate(blocks) if e - s <= 300]:
            t = texts[i]
            short = len(t) < _SHORT  # (only these are remembered: `_remember`)
            verdict = remembered(t) if short else None
            if verdict is not None:
                if verdict is _PROSE:
                    prose[i] = True
                elif verdict[0]:
                    prose[i] = True
                    evidence[i] = strong
                    carried = True
                elif verdict[1] is _ASK_REPEATED:
                    asked.append(i)
                else:
                    evidence[i] = verdict[1]
                    carried = carried or bool(verdict[1].level)
                continue
            # `is_prose(t)` for a block that ends a sentence (a block is stripped, and then
            # furniture's test implies the document's, which also counts :; and »), at most 300
            # characters here (is_prose's first test is for 400): eight words or more, as
            # `str.split` counts them; split at most seven times (not a list of every word to
            # count them: most short blocks are sentences)
            if ends_sentence(t) and len(words := t.split(None, 7)) == 8:
                prose[i] = True
                # a sentence of the story: only a known phrase or prefix can make it furniture
                if quick:
                    # `_known_furniture`'s quick reject, here without a call for each paragraph,
                    # read off the block's first word as `str.split` cuts it, by that word
                    # (`_first_rejects`)
                    token = words[0]
                    rejected = firsts_memo.get(token)
                    if rejected is None:
                        rejected = _first_rejects(token, whole, partial, search)
                        if len(token) < _SHORT:
                            if len(firsts_memo) >= 50000:
                                firsts_memo.clear()
                            firsts_memo[token] = rejected
                    if rejected is _UNKNOWN:
                        head = t[:_HEAD].casefold()
                        first = search(head)
                        rejected = (first is not None and first.end() < len(head)
                                    and first.group() not in whole and not first.group().startswith(partial))
                    if rejected:
                        if short and memo is not None:
                            _remember(memo, t, _PROSE)
                        continue
                if known(t, quick, search):
                    evidence[i] = strong
                    carried = True
                if short and memo is not None:
                    _remember(memo, t, _PROSE_KNOWN if evidence[i] is strong else _PROSE)
            else:
                pending.append(i)
        keys = []  # which blocks the draft repeats, read when a line's signals ask

        def repeated(i):
            # a repeated line straight before prose is a subhead the story uses again ("What they said")
            if not keys:
                keys.extend(furniture.repeated_lines(texts))
            if not keys[i]:
                return False
            if i + 1 < n:
                if prose[i + 1] is None:
                    prose[i + 1] = is_prose(texts[i + 1])
                return not prose[i + 1]
            return True

        if pending:
            evidence_of = signals.evidence
            if memo is None:
                for i in pending:
                    evidence[i] = evidence_of(texts[i], lambda i=i: repeated(i))
                carried = True  # (read below)
            else:
                for i in pending:
                    # read once with the draft's repeats left out: asked about them only when
                    # nothing else decides, and then the answer is theirs alone
                    ask = _Ask()
                    found = evidence_of(texts[i], ask)
                    _remember(memo, texts[i], (False, _ASK_REPEATED if ask.asked else found))
                    if ask.asked:
                        asked.append(i)
                    else:
                        evidence[i] = found
                        carried = carried or bool(found.level)
        if asked:
            asked.sort()
            for i in asked:
                if repeated(i):
                    evidence[i] = furniture.Evidence(furniture.MEDIUM, furniture.REPEATED)
                    carried = True
        if not carried or not any(e.level for e in evidence):
            # no block carries evidence: `settle` and `judge` find nothing
            return blocks, texts, evidence, []
        prose = [is_prose(t) if p is None else p for t, p in zip(texts, prose)]
        if self._headings:
            # a list's heading straight before prose is the story's subhead ("Jobs", "In other news")
            evidence = [furniture.NONE if e.level and i + 1 < len(texts) and prose[i + 1]
                        and _normalize(t) in self._headings else e
                        for i, (t, e) in enumerate(zip(texts, evidence))]
        evidence = furniture.settle(texts, evidence, signals.parts)
        found = furniture.judge(texts, prose, evidence, how)
        if headline:
            # the headline said again (a page's title over its story, the story in a most-read
            # list) is the story's own line, never deleted as furniture
            title = _normalize(text[headline[0] : headline[1]])
            found = [f for f in found if _normalize(texts[f[0]]) != title]
        return blocks, texts, evidence, found

    def _memo(self, name: str) -> "_Memo":
        """The rule's memo `name` (short blocks' evidence, or short lines' shapes), made on first use."""
        memo = self.__dict__.get(name)
        if memo is None:
            memo = _Memo()
            self._set(name, memo)
        return memo

    def _signals(self):
        signals = self.__dict__.get("_signals_cache")
        if signals is None:
            signals = furniture.Signals(self._known_furniture, self.parts, self.link_words, self.counter_words,
                                        self.separators, suffixes=self.suffixes)
            self._set("_signals_cache", signals)
        return signals

    # ---- phase 2: the same line in many different stories -----------------------------

    def facts(self, doc, context):
        if not self.min_drafts:
            return None
        text = doc.text
        lines = {}
        quick = self._firsts is not None and prefilters_enabled()
        search = _WORD.search
        body = doc.body
        blocks, runs, _ = self._furniture(doc, [body])
        taken = [(blocks[r.first][0], blocks[r.last][1]) for r in runs]
        starts = None
        # whether a line can be one (`_shared_shape`), by its text: lines repeat across drafts
        memo = self._memo("_line_memo_cache") if quick else None
        headline = doc.headline
        first, stop = _line_bounds(doc, *body)
        # `_candidate_lines`, but for lines with closing punctuation (`_shared_shape`'s first
        # test), passed over before they are cut out
        for start, end, _ in [line for line in _blocks_and_lines(doc)[1][first:stop] if text[line[1] - 1] not in _CLOSING]:
            if headline and headline[0] <= start < headline[1]:
                continue
            line = text[start:end]
            # its key (`_normalize`), or False when it cannot be one
            if memo is None:
                shaped = self._shared_shape(line, quick, search) and _normalize(line)
            else:
                shaped = memo.get(line) if len(line) < _SHORT else None
                if shaped is None:
                    shaped = self._shared_shape(line, quick, search) and _normalize(line)
                    _remember(memo, line, shaped)
            if not shaped:
                continue
            # a line already in a run of furniture here still counts as seen in this story
            seen_only = bool(taken) and any(s <= start < e for s, e in taken)
            if starts is None:
                starts = {b[0]: i for i, b in enumerate(blocks)}
            index = starts.get(start)
            if index is not None and index + 1 < len(blocks) and is_prose(text[slice(*blocks[index + 1])]):
                continue  # a subhead (a block straight before prose) may be any story's ("Background")
            fix = _delete_span(text, start, end)
            lines.setdefault(shaped, (start, end, fix.start, fix.end, line, seen_only))
        if not lines:
            return None
        blocks = _blocks_and_lines(doc)[0]
        lede = text[slice(*doc.body_paragraphs[0])] if doc.body_paragraphs else ""
        # a draft without a headline is told apart by its first blocks
        headline = text[slice(*doc.headline)] if doc.headline else " ".join(text[s:e] for s, e in blocks[:2])
        story = digests.sha1(_normalize(headline).encode()).hexdigest()[:12]
        lede_key = digests.sha1(_normalize(lede).encode()).hexdigest()[:12]
        return {"story": story, "lede": lede_key, "lines": lines}

    def _shared_shape(self, line: str, quick, search) -> bool:
        """Can the line (not empty) be a line many stories share: no closing punctuation, not
        known furniture, two to shape_max_words words, not a name?"""
        if line[-1] in _CLOSING or self._known_furniture(line, quick, search):
            return False
        # more than shape_max_words words (as `_WORD` counts them); a match stops there
        # instead of listing every word of a long line
        if self._too_long.match(line):
            return False
        if len(_WORD.findall(line)) < 2 or furniture.is_name(line):
            # a number or a word alone ("2", "Riverton"), a name ("Associated Press", "Kate
            # Dunn"): a score, a team, a source or a byline many stories share
            return False
        return True


    def judge(self, facts_by_path, context):
        if not self.min_drafts:
            return
        where = {}
        for path, facts in facts_by_path.items():
            if not facts:
                continue
            for line, span in facts["lines"].items():
                where.setdefault(line, []).append((path, span, facts))
        for line, places in where.items():
            stories = {f["story"] for _, _, f in places}
            ledes = {f["lede"] for _, _, f in places}
            if min(len(stories), len(ledes)) < self.min_drafts:
                continue
            for path, (start, end, fix_start, fix_end, original, seen_only), _ in places:
                if seen_only:
                    continue  # reported with its run
                others = len(places) - 1
                why = f"the same line stands in {others} other draft{'s' if others != 1 else ''}"
                values = {"why": why, "what": f"“{original}”", "verb": "is", "action": "delete the line"}
                yield path, Hit(start, end, values, Fix(fix_start, fix_end, "", safe=False))


# the lines and blocks whose verdicts are kept: short ones (web furniture, labels, subheads)
# repeat across an archive of real drafts; a sentence of a story does not
_SHORT = 60


class _Memo(dict):
    """Verdicts by text, kept for a run: a pickle of the kind (the pack cache, a worker) holds
    none of them."""

    def __reduce__(self):
        return (_Memo, ())


def _remember(memo: _Memo, text: str, verdict) -> None:
    if len(text) >= _SHORT:
        return  # a long line or block is kept only by a draft that repeats another
    if len(memo) >= 50000:
        memo.clear()
    memo[text] = verdict


_FIRST, _SECOND = itemgetter(0), itemgetter(1)
_UNKNOWN = object()  # `_first_rejects`: the first word is not in the block's first token


def _first_rejects(token: str, whole, partial, search):
    """Does the quick reject of `assess` hold for a block of eight or more words (as
    `str.split` counts them) whose first is `token`: is the first `_WORD` of its head, case
    folded, neither a piece's first word nor the start of a prefix's? _UNKNOWN when `token`,
    folded, holds no `_WORD` (the word is further on) or is too long to be all in the head.

    The same answer: the block starts with `token` (blocks are stripped) and white space
    after it, inside the head when the token is shorter than it; folding goes character by
    character and leaves white space as it is, so the folded head starts with the folded
    token and a character no `_WORD` holds. The head's first `_WORD` is then the token's, and
    it ends before the head does."""
    if len(token) >= _HEAD:
        return _UNKNOWN
    first = search(token.casefold())
    if first is None:
        return _UNKNOWN
    word = first.group()
    return word not in whole and not word.startswith(partial)


_ASK_REPEATED = object()  # the block's evidence is that the draft repeats it, if it does
_PROSE, _PROSE_KNOWN = (True, None), (True, True)  # a sentence of the story, a known phrase or not


class _Ask:
    """`Signals.evidence`'s `repeated`, standing in for the draft's: it says no, and whether it
    was asked."""

    __slots__ = ("asked",)

    def __init__(self):
        self.asked = False

    def __call__(self) -> bool:
        self.asked = True
        return False


def _blocks_and_lines(doc):
    """(`doc.blocks`, `doc._content_lines`), once per draft; for a draft whose paragraphs
    (between blank lines) each stand on one line, the paragraphs themselves, without the
    document's pass over every line (about a quarter of this kind's work).

    The same lists: a paragraph break (`\n[ \t\u00a0]*\n` and white space) holds only
    characters `str.isspace` calls space, and paragraphs are stripped with `str.strip`, so every
    other character of the draft is in a paragraph. When no paragraph holds a line break, each
    paragraph is the whole text of its own line, stripped as `_content_lines` strips it; the
    first line follows the draft's start, and each other follows a break, which holds a line of
    white space only: every line opens a paragraph (`True`), and `blocks`, which joins a line
    to the one before only when it does not, is those lines."""
    cache = doc.__dict__
    found = cache.get("_copydesk_boilerplate_blocks")
    if found is None:
        paragraphs = furniture.one_line_paragraphs(doc) if "blocks" not in cache else None
        if paragraphs is not None:
            found = (paragraphs, list(zip(map(_FIRST, paragraphs), map(_SECOND, paragraphs), repeat(True))))
        else:
            found = (doc.blocks, doc._content_lines)
        cache["_copydesk_boilerplate_blocks"] = found
    return found


def _line_bounds(doc, span_start: int, span_end: int):
    """(first, stop): the indexes in `doc._content_lines` of the lines a span takes (see
    `_candidate_lines`)."""
    _, lines = _blocks_and_lines(doc)
    text = doc.text
    count = len(lines)
    # the first line whose text ends after span_start, or the line before it when
    # span_start lies in that line's trailing white space (before its newline)
    k = 0
    while k < count and lines[k][1] <= span_start:
        k += 1
    if k > 0:
        line_end = text.find("\n", lines[k - 1][1])
        if (len(text) if line_end < 0 else line_end) > span_start:
            k -= 1
    # the first line from there that starts at or after span_end, its leading white space
    # (from the newline before it) too: line starts only grow, and so does where their
    # line begins
    stop = max(k, bisect.bisect_left(lines, (span_end,), k))
    while stop < count and text.rfind("\n", 0, lines[stop][0]) + 1 < span_end:
        stop += 1
    return k, stop


def _first_words(pieces, prefixes):
    """(whole, partial): the first word of every phrase, part and prefix, and the first words
    of prefixes that end inside their first word (`© 19` starts `© 1998`), which a line's first
    word may go on from. None when a piece has no word at all: no quick reject then."""
    whole, partial = set(), set()
    for piece in pieces:
        m = _WORD.search(piece)
        if m is None:
            return None
        whole.add(m.group())
    for prefix in prefixes:
        m = _WORD.search(prefix)
        if m is None:
            return None
        (partial if m.end() == len(prefix) else whole).add(m.group())
    return frozenset(whole), tuple(sorted(partial))


def _in_table(doc, offset: int) -> bool:
    """Does the text at `offset` come from a table cell of the Markdown or HTML source?"""
    source = doc.source
    at = doc.offsets.to_source(offset)
    line_start = source.rfind("\n", 0, at) + 1
    line_end = source.find("\n", at)
    line = source[line_start : len(source) if line_end < 0 else line_end].strip()
    if line.startswith("|") or line.endswith("|"):
        return True
    before = source[max(0, at - 200) : at].lower()
    cell = max(before.rfind("<td"), before.rfind("<th"))
    return cell >= 0 and cell > max(before.rfind("</td"), before.rfind("</th"), before.rfind("<p"))


def _short(line: str) -> str:
    line = " ".join(line.split())
    return line if len(line) <= 40 else line[:39] + "…"


def _delete_span(text: str, start: int, end: int, safe: bool = True) -> Fix:
    """Remove the lines start..end and the white space on one side of them, keeping the
    larger break: a run between two paragraphs leaves them two paragraphs, never one."""
    before, after = space_around(text, start, end)
    if before == 0:
        return Fix(0, after, "", safe=safe)  # the draft starts with furniture
    if after < len(text) and text.count("\n", before, start) > text.count("\n", end, after):
        return Fix(start, after, "", safe=safe)  # keep the break before, drop the one after
    return Fix(before, end, "", safe=safe)
