"""Which blocks of a draft are web furniture: the signals, and how a copy editor weighs them.

Every block of the draft (`Document.blocks`: a line of a page pasted one block a line, a
paragraph between blank lines) gets the evidence it carries on its own:

- strong: a known furniture phrase or prefix (`phrases`, `prefixes`), a bar of share links
  (two or more `parts`: "Share Tweet Email"), a counter with its label ("941 comments");
- medium: a link word alone on a line (`link_words`: "Print", "Share", "Photo"), a separator
  alone ("|", "»"), a slideshow counter ("1 / 5"), a link's text said twice;
- weak (medium, but inside the story only next to other evidence, `_WEAK`): a bar of links
  ("News | Sport | Weather", "More about badges | Request a badge"), a short line the draft
  repeats word for word (alone it is a refrain, a running head, a spec line; after the story
  a repeated line does not take the lines after it);
- medium only among their kind (`settle`): a number alone, in a chart's axis ("100", "80",
  "60", "40"; "’17", "’18", "’19") or a most-read list's ranks ("1", headline, "2"), never a
  score, a price or a table's cell; a network's name alone ("Facebook") next to another share
  link, never alone (a photo's credit, an embed's label).

Then position decides (the story is what lies between its first and last prose blocks):

- after the story's last prose block, a run with strong evidence, or with two medium lines,
  is deleted as one (error), from its first line with evidence, but for short sentences of
  the story among it ("Advertisement", "No one was hurt.", "Share"); one medium line is worth
  a look (warning); short lines without evidence are left alone (a story may end with its
  own list);
- inside the story or before it, a block with strong evidence is furniture (error), a run of
  three or more blocks mostly made of evidence is one finding (chart tick labels, a photo
  strip; error when three of them carry evidence; a line at the run's edge with no evidence
  of its own stays), and a lone block with medium evidence is worth a look (warning). A
  short line straight before prose without evidence of its own is a subhead, never
  furniture; datelines, bylines and dates carry no evidence, and section breaks (`* * *`,
  `X X X`) are not separators. The headline said again is the story's (boilerplate.py).
"""

from __future__ import annotations

from itertools import repeat
from operator import itemgetter
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from lint.drafts.document import is_prose
from lint.engine.prefilter import prefilters_enabled
from lint.engine.patterns import LazyPattern, lazy_compile

STRONG, MEDIUM = 2, 1

# digits with the marks charts and counters use around them: 0, 1 / 5, 3.5k, $915, ’18, 6.6%, +10
_COUNTER = lazy_compile(r"[\p{N}\s.,:/%+\-–$£€¥’'()#×xkKmMbB]*\p{N}[\p{N}\s.,:/%+\-–$£€¥’'()#×xkKmMbB]*")
# a clock time or a year alone ("20:00", "2000"): a kick-off time or a dateline, not a counter
_TIME_OR_YEAR = lazy_compile(r"\d{1,2}[:.]\d\d|\d{4}")
_LETTER_OR_DIGIT = lazy_compile(r"[\p{L}\p{N}]")
_WORD = lazy_compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)?")
# a section break: the same mark three times or more, spaced or not (* * *, ---, ###, X X X)
_SECTION_BREAK = lazy_compile(r"(?:(\S)\s*)(?:\1\s*){2,}")
# "941 comments", "2192 Shares", "1 of 24", "View comments941"
_NUMBER = lazy_compile(r"\d[\d.,]*[kKmM]?")
_LINK_BAR = lazy_compile(r"\s[|•·]\s")
# a slideshow's counter: "1 / 5", "3 of 24"
_SLIDE = lazy_compile(r"\d{1,3}\s*(?:/|of)\s*\d{1,3}")
_INTEGER = lazy_compile(r"\d{1,2}")
# a year in short form on a chart's axis ("’17", "'98"), and a number's value ("$1,204.5")
_SHORT_YEAR = lazy_compile(r"[’']\d\d")
_VALUE = lazy_compile(r"\d[\d,]*(?:\.\d+)?")
# a line in quote marks: a pull quote the page shows twice, not a link's label
_QUOTED = lazy_compile(r"[\"“‘'].*[\"”’']")
# a clock time: "2:15pm", "14:15", "2.15 p.m. ET"
_CLOCK = lazy_compile(r"\d{1,2}[:.]\d\d\s*(?i:[ap]\.?m\.?)?(?:\s+\p{Lu}{2,4})?")
# a byline: its name may stand again in a list of stories, and it is never furniture alone
_BYLINE = lazy_compile(r"(?i:by|por|par|von)\s+\p{Lu}")
# a date alone: "Sept. 25, 2018", "24 July 2015", "Sunday, October 18, 2020"
_DATE = lazy_compile(
    r"(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:\d{1,2}\s+)?"
    r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?"
    r"|(?:\d{1,2}\s+)(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}"
)
# a dateline: "RIVERTON —", "NORFOLK, Va. (AP) —"
_DATELINE = lazy_compile(r"\p{Lu}[\p{Lu}\s.,'’-]+(?:,\s+[\p{L}.]+)?(?:\s+\([^)]{1,20}\))?\s*[—–-]")
# a name alone (two or three capitalised words): a byline, a credit, a speaker
_NAME = lazy_compile(r"\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,2}")
# a sentence ending inside a line ("It fell. CHECK"): a line of the story, not a label
_INNER_STOP = lazy_compile(r"[.!?][\"”’')]*\s+\S")
# a contact or social line: an e-mail address or a handle alone ("@janehill")
_CONTACT = lazy_compile(r"[\w.+-]+@[\w-]+\.[\w.]+|^@\w+$")
# a photo credit alone: "Credit Jane Hill", "Photo: AP" (a caption ending with its credit is
# the caption's, and captions are copy)
_CREDIT = lazy_compile(r"(?:Credit|Photo|Photograph|Image|Picture)s?:?\s+\p{Lu}")
# words glued without a space where two links or a label and a name met: "CreditJane Doe",
# "ProfileFollowUnfollow", "View comments941"
_PIECE = lazy_compile(r"\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})|\d+")
# where two of those pieces meet in ASCII text ("eC", "w9", "9C", "DJo"): a line without one
# has no word of two pieces
_ASCII_JOIN = lazy_compile(r"[a-z][A-Z0-9]|[0-9][A-Za-z]|[A-Z](?:[0-9]|[A-Z][a-z])")


class Evidence:
    """What one block carries on its own: a level (0, MEDIUM, STRONG) and the reason."""

    __slots__ = ("level", "why")

    def __init__(self, level: int = 0, why: str = ""):
        self.level, self.why = level, why


NONE = Evidence()
# a number alone, and a share link alone ("Facebook"), before `settle` has seen their neighbours
_BARE_NUMBER = Evidence(MEDIUM, "a number alone")
_LONE_PART = Evidence(MEDIUM, "a share link alone")
AXIS = "chart labels"
SHARE_BAR = "share-bar links"
REPEATED = "a line the draft repeats"
BAR = "a bar of links"
# evidence that counts inside the story only next to other evidence (each was below 97%
# precision on labelled pages, carried by two pages: benchmarks/furniture_signals.py)
_WEAK = (REPEATED, BAR)
LINK_WORD = "link text alone on a line"
RANKED = "a ranked list's numbers"


def settle(texts: List[str], evidence: List[Evidence], parts: frozenset = frozenset()) -> List[Evidence]:
    """Numbers alone on a line are furniture only among others of their kind: three or more
    in a row are a chart's axis ("100", "80", "60", "’17", "’18"); small whole numbers that
    count up with one line between them are a most-read list's ranks ("1", headline, "2",
    headline); a number alone next to a share link (`parts`) is its count ("Share", "0"). A
    number alone anywhere else (a review's score, a price, a cell of a table pasted a cell a
    line) is the story's."""
    n = len(evidence)
    out = list(evidence)
    for k in range(n):
        if evidence[k] is _LONE_PART:
            # a share bar pasted a link a line: another share link or link word next to it
            # ("Facebook", "Twitter"); the same name twice is two photos' credits
            near = [m for m in (k - 1, k + 1) if 0 <= m < n
                    and (evidence[m] is _LONE_PART or evidence[m].why == LINK_WORD)
                    and _fold(texts[m]) != _fold(texts[k])]
            out[k] = Evidence(MEDIUM, SHARE_BAR) if near else NONE
    i = 0
    while i < n:
        if evidence[i] is not _BARE_NUMBER:
            i += 1
            continue
        j = i
        while j < n and evidence[j] is _BARE_NUMBER:
            j += 1
        axis = j - i >= 3 and _axis([texts[k] for k in range(i, j)])
        for k in range(i, j):
            if axis:
                out[k] = Evidence(MEDIUM, AXIS)
            elif _ranked(texts, evidence, k):
                out[k] = Evidence(MEDIUM, RANKED)
            elif j - i == 1 and any(0 <= m < n and out[m].level and _fold(texts[m]) in parts for m in (k - 1, k + 1)):
                out[k] = Evidence(MEDIUM, "a share count")  # "Share", "0"; not "More", "87"
            else:
                out[k] = NONE
        i = j
    return out


def _axis(labels: List[str]) -> bool:
    """Numbers in a row that read as a chart's axis, not a table's row pasted a cell a line:
    three years or more in short form ("’17", "’18", "’19"), or four or more numbers a round
    step apart ("80", "60", "40", "20"; five when the step is one). A table's row pasted a cell a
    line ("12", "7", "4", "1": played, won, drawn, lost) rarely steps so evenly."""
    years, values = 0, []
    for label in labels:
        label = label.strip()
        if _SHORT_YEAR.fullmatch(label):
            years += 1
            if years >= 3:
                return True
        else:
            years = 0
        m = _VALUE.search(label)
        values.append(float(m.group().replace(",", "")) if m else None)
    for start in range(len(values) - 2):
        a, b = values[start], values[start + 1]
        if a is None or b is None or a == b:
            continue
        step = b - a
        count, k = 2, start + 2
        while k < len(values) and values[k] is not None and abs(values[k] - values[k - 1] - step) < 1e-9:
            count, k = count + 1, k + 1
        if count >= (5 if abs(step) == 1 else 4) and _round_step(abs(step)) and a % step == 0:
            return True
    return False


def _round_step(step: float) -> bool:
    """A step an axis uses: 1, 2, 2.5 or 5 times a power of ten (20, 250, 0.5), never 3 or 4."""
    while step >= 10:
        step /= 10
    while step < 1:
        step *= 10
    return any(abs(step - m) < 1e-6 for m in (1, 2, 2.5, 5))


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _ranked(texts: List[str], evidence: List[Evidence], k: int) -> bool:
    """Is block k a rank (1 to 99) with the rank before it or after it two blocks away?"""
    text = texts[k].strip()
    if not _INTEGER.fullmatch(text):
        return False
    rank = int(text)
    for other, expected in ((k - 2, rank - 1), (k + 2, rank + 1)):
        if 0 <= other < len(texts) and evidence[other] is _BARE_NUMBER and texts[other].strip() == str(expected):
            return True
    return False


def _resolve_patterns() -> None:
    """The module's patterns compiled, in place of their lazy stand-ins: `evidence` reads a dozen
    of them for each short line, and each look-up through the stand-in costs a call."""
    names = globals()
    for name, value in list(names.items()):
        if isinstance(value, LazyPattern):
            names[name] = value._get()


class Signals:
    """The tables of the rule (lower-cased) and a test for known furniture lines."""

    def __init__(self, known: Callable[[str], bool], parts: Sequence[str], link_words: Sequence[str],
                 counter_words: Sequence[str], separators: str, bar_max_words: int = 12,
                 suffixes: Sequence[str] = ()):
        self.known = known
        self.parts = frozenset(p.casefold() for p in parts)
        self.link_words = frozenset(w.casefold() for w in link_words)
        self.counter_words = frozenset(w.casefold() for w in counter_words)
        self.separators = separators
        self.bar_max_words = bar_max_words
        self.suffixes = [[w.casefold() for w in _WORD.findall(x)] for x in suffixes]
        self._suffix_ends = frozenset(s[-1] for s in self.suffixes if s)
        _resolve_patterns()

    def evidence(self, line: str, repeated) -> Evidence:
        """`repeated`: whether the draft repeats the line, or a callable that tells (asked only
        when nothing else decides)."""
        if _SECTION_BREAK.fullmatch(line):
            return NONE  # * * *, X X X: the story's own section break
        if self.known(line):
            return Evidence(STRONG, "a web-page phrase")
        if not _LETTER_OR_DIGIT.search(line):
            if len(line) <= 5 and all(c in self.separators or c.isspace() for c in line) and not _SECTION_BREAK.fullmatch(line):
                return Evidence(MEDIUM, "a separator alone on a line")
            return NONE
        words = _WORD.findall(line)
        folded = [w.casefold() for w in words]
        if _COUNTER.fullmatch(line):
            if _TIME_OR_YEAR.fullmatch(line.strip()):
                return NONE
            if _SLIDE.fullmatch(line.strip()):
                return Evidence(MEDIUM, "a slideshow counter")
            # a number alone is a score, a price or a table's cell as often as a chart's
            # label: `settle` keeps it only among others of its kind
            return _BARE_NUMBER
        if len(words) <= 4 and _counted(line, folded, self.counter_words):
            return Evidence(STRONG, "a counter")
        if folded and len(folded) <= 6 and all(w in self.parts or w in self.link_words for w in folded):
            if sum(1 for w in folded if w in self.parts) >= 2:
                return Evidence(STRONG, SHARE_BAR)
            # a link word alone ("Print", "Share"); a network's name alone ("Facebook") is as
            # often a photo's credit or an embed's label: furniture next to another share link
            # (`settle`)
            if " ".join(folded) in self.link_words:
                return Evidence(MEDIUM, LINK_WORD)
            if len(folded) <= 2 and " ".join(folded) in self.parts:
                return _LONE_PART
        stripped = line.rstrip()
        if (len(words) <= self.bar_max_words and ("|" in line or "•" in line or "·" in line)
                and _LINK_BAR.search(line) and stripped[-1:] not in ".!?"):
            if self._bar(stripped):
                return Evidence(MEDIUM, BAR)
            return NONE
        # a doubled line says its first word again two words on or later
        if len(words) >= 2 and folded[0] in folded[2:] and _doubled(folded) and not _doubled_date(stripped):
            return Evidence(MEDIUM, "a link's text doubled")
        if self.teaser(stripped, folded):
            return Evidence(STRONG, "a teaser for another story")
        if len(words) <= 10 and "@" in stripped and _CONTACT.search(stripped):
            return Evidence(MEDIUM, "a contact or social line")
        if len(words) <= 6 and _CREDIT.match(stripped):
            return Evidence(MEDIUM, "a photo credit")
        if len(words) <= 8 and self._glued(line):
            return Evidence(MEDIUM, "link labels glued together")
        if (repeated and len(words) <= self.bar_max_words and stripped[-1:] not in ".!?…।:"
                and not _INNER_STOP.search(stripped) and not _SECTION_BREAK.fullmatch(line)
                and not protected(line) and not _NAME.fullmatch(stripped) and not _QUOTED.fullmatch(stripped)
                and (repeated is True or repeated())):
            return Evidence(MEDIUM, REPEATED)
        return NONE

    def teaser(self, line: str, folded: List[str]) -> bool:
        """A teaser for another story: it ends with its link, after an ellipsis or twice
        ("... it's difficult … Read more Read more")."""
        if not folded or folded[-1] not in self._suffix_ends:
            return False
        for suffix in self.suffixes:
            n = len(suffix)
            if n and folded[-n:] == suffix:
                before = folded[:-n]
                if before[-n:] == suffix:
                    return True
                if "…" in line or "..." in line:
                    return True
        return False

    def _bar(self, line: str) -> bool:
        """Links side by side ("More about badges | Request a badge", "News | Sport | Weather"):
        three links or more, or two with a link word among them. Two pieces alone are as often
        a caption's credit ("Jane Hill | Gazette") or a date and a time ("4 June 2024 • 2:15pm")."""
        pieces = [p.strip() for p in _LINK_BAR.split(line) if p.strip()]
        if len(pieces) >= 3:
            return True
        if any(_DATE.fullmatch(p.rstrip(".")) or _CLOCK.fullmatch(p) for p in pieces):
            return False
        words = {w.casefold() for p in pieces for w in _WORD.findall(p)}
        return bool(words & self.link_words)

    def _glued(self, line: str) -> bool:
        """Furniture words glued to the next word: "CreditJane Doe", "MarketsSponsored",
        "ViewComments12", "ProfileFollowUnfollow". Two pieces with a short furniture word are
        more likely a name ("PlayStation", "HomePod") and do not count."""
        if line.isascii() and not _ASCII_JOIN.search(line):
            return False  # no word of the line is made of two pieces
        for token in line.split():
            if not token.isalnum():
                continue  # "Facebook's", "e-mail": not glued words
            pieces = _PIECE.findall(token)
            if len(pieces) < 2:
                continue
            furniture = [p for p in pieces if p.casefold() in self.link_words or p.casefold() in self.parts
                         or p.casefold() in self.counter_words]
            if not furniture:
                continue
            if len(pieces) == 2 and not any(p.isdigit() for p in pieces) and max(len(p) for p in furniture) <= 4:
                continue
            return True
        return False


def protected(line: str) -> bool:
    """A byline, a dateline or a date alone: never furniture inside the story or before it."""
    line = line.strip()
    if len(line) > 80:
        return False
    return bool(_BYLINE.match(line) or _DATELINE.match(line) or _DATE.fullmatch(line.rstrip(".")))


def _doubled(folded: List[str]) -> bool:
    """The line says the same words again straight after: "Promoted Links Promoted Links", a
    headline link repeated ("How to Save How to Save How to S...")."""
    n = len(folded)
    half = n // 2
    if n % 2 == 0 and half >= 2 and folded[:half] == folded[half:]:
        return True
    for p in range(2, half + 1):
        if folded[p : 2 * p] == folded[:p] and len("".join(folded[:p])) >= 8:
            return True
    return False


def is_name(line: str) -> bool:
    """Two or three capitalised words alone: a name (a byline, a team, a source)."""
    return bool(_NAME.fullmatch(line.strip()))


def _doubled_date(line: str) -> bool:
    """A date said twice ("22 Dec, 2016 22 Dec, 2016"): the page's date, not a link."""
    half = len(line) // 2
    first, second = line[:half].strip(), line[half:].strip()
    return first == second and bool(_DATE.fullmatch(first.rstrip(".")) or _DATE.fullmatch(first.replace(",", "").rstrip(".")))


def _counted(line: str, folded: List[str], counter_words) -> bool:
    """A number with a counter's label: "941 comments", "2192 Shares", "1 of 24", "comments941"."""
    if not _NUMBER.search(line):
        return False
    letters = [w for w in folded if not w[:1].isdigit()]
    if not letters:
        return False
    return all(w.rstrip("0123456789") in counter_words for w in letters)


class Run:
    """Consecutive furniture blocks, reported (and deleted) as one."""

    __slots__ = ("first", "last", "level", "reasons", "after_story")

    def __init__(self, first: int, last: int, level: int, reasons: List[str], after_story: bool):
        self.first, self.last, self.level, self.reasons, self.after_story = first, last, level, reasons, after_story


def judge(texts: List[str], prose: List[bool], evidence: List[Evidence],
          how: Optional[Dict[int, str]] = None) -> List[Tuple[int, int, bool]]:
    """Furniture blocks as (index, level: True for error, after the story), from each block's
    text, whether it reads as prose, and its own evidence. Blocks with strong evidence are never
    the story's prose. `how`, when given, is filled with which judgement flagged each block
    (benchmarks/furniture_signals.py)."""
    n = len(texts)
    story = [prose[i] and evidence[i].level < STRONG for i in range(n)]
    if not any(story):
        # a short draft: its sentences are the story
        story = [evidence[i].level == 0 and ends_sentence(texts[i]) and len(_WORD.findall(texts[i])) >= 3
                 for i in range(n)]
    _absorb_stray_prose(story, evidence)
    prose_at = [i for i in range(n) if story[i]]
    first_prose = prose_at[0] if prose_at else n
    last_prose = prose_at[-1] if prose_at else -1
    flagged: Dict[int, Tuple[bool, bool]] = {}
    # a most-read list's ranks count after the story only: inside it, "1", "2" on lines of
    # their own may number the story's own list
    inside = [NONE if e.why == RANKED else e for e in evidence]
    i = 0
    while i < n:
        if story[i]:
            i += 1
            continue
        j = i
        while j < n and not story[j]:
            j += 1
        segment = range(i, j)  # blocks i..j-1, none of them prose
        branch = ""
        tail = i > last_prose
        ev = evidence if tail and prose_at else inside
        strong = [k for k in segment if ev[k].level >= STRONG]
        medium = [k for k in segment if ev[k].level == MEDIUM]
        if tail and prose_at:
            # from the first line with evidence to the end: what comes before it may still be
            # the story's (a credit line, a note on sources)
            evidenced = [k for k in segment if ev[k].level > 0]
            rest = range(evidenced[0], j) if evidenced else segment
            if strong or len(medium) >= 2:
                branch = "after: run with evidence"
                for k in rest:
                    if ev[k].level or prose[k] or not _sentence(texts[k]):
                        flagged[k] = (True, True)
            elif medium and len(rest) >= 3 and ev[medium[0]].why != REPEATED:
                # one line with evidence takes what follows it, unless its evidence is only
                # that the draft repeats it (a pull quote, a subhead before a story's list)
                branch = "after: run with one medium"
                for k in rest:
                    if ev[k].level or prose[k] or not _sentence(texts[k]):
                        flagged[k] = (False, True)
            else:
                # a line with evidence alone; short lines with no evidence after the last
                # paragraph are left alone: a story may end with its own list (key dates,
                # line-ups, a reading list)
                branch = "after: lone line"
                for k in strong:
                    flagged[k] = (True, True)
                for k in medium:
                    flagged[k] = (False, True)
        elif all(ev[k].why in _WEAK for k in strong + medium):
            pass  # lines said twice, bars of two links and nothing else: a refrain, a running head, a credit
        else:
            with_evidence = len(strong) + len(medium)
            last = j - 1
            # a short line straight before prose with no evidence of its own: a subhead
            body = list(segment)
            if j < n and body and ev[last].level == 0:
                body = body[:-1]
            # mostly evidence, or before the story a long stretch of short lines a quarter of
            # them furniture (a video player's settings): one run
            if ((len(body) >= 3 and with_evidence * 2 >= len(body))
                    or (j <= first_prose and len(body) >= 8 and with_evidence * 4 >= len(body))):
                sure = with_evidence >= 3
                branch = "inside: run"
                evidenced = [k for k in body if ev[k].level > 0]
                for k in body:
                    if ev[k].level == 0 and (protected(texts[k]) or ends_sentence(texts[k])):
                        continue  # a byline, a date or a sentence among them stays
                    if ev[k].level == 0 and j <= first_prose and _titled(texts[k]):
                        # before the story, a title with nothing of its own: the story's
                        # headline or standfirst after a page's menu, never deleted as furniture
                        continue
                    if ev[k].level == 0 and not evidenced[0] < k < evidenced[-1]:
                        # a line at the edge of the run with nothing of its own: a label, a
                        # list's item (a summary's points before the lede)
                        continue
                    flagged[k] = (sure or ev[k].level >= STRONG, False)
            else:
                branch = "inside: lone line"
                for k in strong:
                    flagged[k] = (True, False)
                for k in medium:
                    # medium evidence next to other furniture is sure; alone, worth a look
                    neighbours = [m for m in (k - 1, k + 1) if 0 <= m < n and ev[m].level > 0]
                    if not neighbours and ev[k].why in _WEAK:
                        continue
                    flagged[k] = (bool(neighbours) and len(segment) >= 2, False)
        if how is not None:
            for k in segment:
                if k in flagged:
                    how[k] = branch
        i = j
    return [(k, sure, after) for k, (sure, after) in sorted(flagged.items())]


def _absorb_stray_prose(story: List[bool], evidence: List[Evidence]) -> None:
    """The story ends with its last prose block that stands next to another (a story's
    paragraphs follow one another). A lone prose block after that end, with furniture both
    before and after it (a badge's blurb in a comments section), is not the story's."""
    n = len(story)
    core = [k for k in range(n) if story[k] and ((k > 0 and story[k - 1]) or (k + 1 < n and story[k + 1]))]
    if not core:
        return
    end = core[-1]
    evidence_after = [k for k in range(end + 1, n) if evidence[k].level > 0]
    if len(evidence_after) < 2:
        return
    for k in range(end + 1, evidence_after[-1]):
        # furniture has plainly begun: five lines of it between the story's end and here (an ad
        # marker, its label and a photo's label are mid-story residue before a last paragraph)
        if story[k] and sum(1 for m in evidence_after if m < k) >= 5:
            story[k] = False


def _sentence(text: str) -> bool:
    """A short paragraph of the story ("No one was hurt."), which may follow an ad marker
    after the story's last long paragraph: it ends with a full stop and is written in sentence
    case (a headline in a list of links is in title case, or ends without a stop). A long one
    among furniture after the story is a blurb (`_absorb_stray_prose`)."""
    words = _WORD.findall(text)
    if len(words) < 3 or text.rstrip().rstrip("\"”’')]")[-1:] != ".":
        return False
    capitals = sum(1 for w in words[1:] if w[:1].isupper())
    return capitals * 2 < len(words) - 1


def _titled(text: str) -> bool:
    """A headline's shape: four words or more (not a menu's one or two), not a row of figures."""
    return sum(1 for w in _WORD.findall(text) if w[:1].isalpha()) >= 4


def ends_sentence(text: str) -> bool:
    return text.rstrip().rstrip("\"”’')]")[-1:] in (".", "!", "?", "…")


def runs(found: List[Tuple[int, int, bool]], evidence: List[Evidence]) -> List[Run]:
    """Group flagged blocks that follow each other into runs."""
    out: List[Run] = []
    for index, sure, after in found:
        why = evidence[index].why
        if out and out[-1].last == index - 1:
            run = out[-1]
            run.last = index
            run.level = max(run.level, STRONG if sure else MEDIUM)
            run.after_story = run.after_story or after
            if why and why not in run.reasons:
                run.reasons.append(why)
        else:
            out.append(Run(index, index, STRONG if sure else MEDIUM, [why] if why else [], after))
    return out


def describe(run: Run, count: int) -> str:
    """The evidence in words, for the message."""
    reasons = list(run.reasons)
    if run.after_story and count > 1:
        reasons.insert(0, f"{count} short lines after the story's last paragraph")
    elif run.after_story and not reasons:
        reasons.append("a short line after the story's last paragraph")
    elif count > 1 and not run.after_story:
        reasons.insert(0, f"a run of {count} lines between paragraphs")
    if not reasons:
        reasons.append("a run of short lines")
    return "; ".join(reasons[:4])


def normalize(line: str) -> str:
    line = line.replace("’", "'").replace("‘", "'").replace("\u00a0", " ")
    return " ".join(line.split()).casefold()


def repeated_lines(texts: List[str]) -> List[bool]:
    """Which blocks stand word for word more than once in the draft."""
    counts: Dict[str, int] = {}
    keys = [normalize(t) if len(t) <= 200 else None for t in texts]
    for key in keys:
        if key:
            counts[key] = counts.get(key, 0) + 1
    return [bool(key) and counts[key] > 1 for key in keys]


_FIRST, _SECOND = itemgetter(0), itemgetter(1)


def one_line_paragraphs(doc):
    """The draft's paragraphs (between blank lines, `Document._blank_line_paragraphs`) when no
    paragraph holds a line break, else None (and None with the shortcuts off); once per draft.

    Then each paragraph is the whole text of its own line, stripped as the document strips a
    line (`str.strip`), and every other line is white space alone: a paragraph break
    (`\\n[ \\t\\u00a0]*\\n` and white space) holds only characters `str.isspace` calls space, and
    paragraphs are stripped with `str.strip`, so every other character of the draft is in a
    paragraph. (One C-level search for a line break a paragraph, memchr: no Python turn a line.)"""
    cache = doc.__dict__
    found = cache.get("_copydesk_one_line_paragraphs", False)
    if found is False:
        found = None
        if prefilters_enabled():
            paragraphs = doc._blank_line_paragraphs
            text = doc.text
            if max(map(text.find, repeat("\n"), map(_FIRST, paragraphs), map(_SECOND, paragraphs)), default=-1) < 0:
                found = paragraphs
        cache["_copydesk_one_line_paragraphs"] = found
    return found
