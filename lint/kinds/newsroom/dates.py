"""The date a draft was written for, so cross-draft checks can tell a changed post from an error.

Looked for in this order, and only at the top of the copy (a story's date sits there):

1. front matter `date:` (`2026-07-04`, or a date-time);
2. a date line of its own under the headline or byline: `March 3, 2026`, `4 July 2026`,
   `Published 4 July 2026`, `Updated: Tuesday 3 March 2026, 14:05 GMT`, `Updated / Tuesday,
   6 Oct 2026 14:52`, `2026-07-04`;
3. a dateline opening a paragraph: `WASHINGTON, March 3, 2026 (AP) —`, `LONDON, 4 July 2026 —`,
   `New Delhi, June 30, 2026 —`,
   or a paragraph opening with a weekday and a full date: `Monday, August 3, 2020 On Thursday, ...`.

US month-day (`March 3, 2026`, AP's `Sept. 3, 2026`) and British day-month (`3 March 2026`)
are both read; a date without a year, or a number-only date such as 03/04/2026 (which is
which?), is not a date here. The answer is ISO `YYYY-MM-DD`, or None.
"""

from __future__ import annotations

from typing import Optional

from lint.engine.patterns import lazy_compile
from lint.engine.rx import regex

# how far into the copy a date line or dateline can stand
HEAD_LINES = 12
HEAD_CHARS = 2000

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}


def _any_case(*words: str) -> str:
    """An alternation of `words` in any ASCII case ("[Aa][Pp][Rr][Ii][Ll]"), a space in one
    standing for any run of spaces. Not `(?i:...)`: Unicode case folding would take "Aprİl"
    (a dotted capital İ folds to i) or "ſept" (a long s) for a month, which MONTHS then lacks."""

    def letters(word: str) -> str:
        return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else regex.escape(c) for c in word).replace("\\ ", r"[^\S\n]+")

    return "(?:" + "|".join(letters(word) for word in words) + ")"


_MONTH = (
    r"(?P<month{n}>"
    + _any_case(
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec",
    )
    + r"\.?)"
)
_WEEKDAY = (
    r"(?:"
    + _any_case(
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
    )
    + r"\.?,?[^\S\n]+)"
)
_DATE = (
    rf"(?:{_MONTH.format(n=1)}[^\S\n]+(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?,?[^\S\n]+(?P<year1>(?:19|20)\d\d)"  # March 3, 2026
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?[^\S\n]+(?:of[^\S\n]+)?{_MONTH.format(n=2)},?[^\S\n]+(?P<year2>(?:19|20)\d\d)"  # 3 March 2026
    rf"|(?P<year3>(?:19|20)\d\d)-(?P<month3>\d\d)-(?P<day3>\d\d))"  # 2026-03-03
)
_TIME = rf"(?:[^\S\n]*(?:,|at|-|–|—|\||·)?[^\S\n]*\d{{1,2}}[:.]\d\d(?:[^\S\n]*{_any_case('am', 'pm', 'a.m.', 'p.m.')})?(?:[^\S\n]+(?:GMT|BST|UTC|CET|CEST|[ECMP][SD]?T))?)"
_STAMP = _any_case("first published", "published", "posted", "updated", "last updated", "last modified", "dated", "date")
# a line that is a date and little else
_DATE_LINE = lazy_compile(
    rf"^[^\S\n]*(?:(?:By[^\S\n][^\n|·•]{{1,60}}?)?[^\S\n]*[|·•][^\S\n]*)?(?:{_STAMP}(?:[^\S\n]*[:/])?[^\S\n]+(?:on[^\S\n]+)?)?{_WEEKDAY}?{_DATE}{_TIME}?[^\S\n]*\.?[^\S\n]*$",
    regex.MULTILINE,
)
# "Published 4 July 2026" opening a line or after a separator: "By Jane Doe | Published 4 July
# 2026, 09:00 | Updated ..." (never "the report, published 4 July 2026, found")
_STAMPED = lazy_compile(
    rf"(?:^|[|·•][^\S\n]*)[^\S\n]*(?=\p{{Lu}}){_STAMP}(?:[^\S\n]*[:/])?[^\S\n]+(?:on[^\S\n]+)?{_WEEKDAY}?{_DATE}", regex.MULTILINE
)
# a dateline: "WASHINGTON, March 3, 2026 (AP) —", "NORFOLK, Va., March 3, 2026 —", "LONDON, 4 July
# 2026 -", and in title case, as Indian and some European papers write it: "New Delhi, June 30, 2026 —"
_DATELINE = lazy_compile(
    rf"^[^\S\n]*\p{{Lu}}[\p{{L}}.'’\-]+(?:[^\S\n]+\p{{Lu}}[\p{{L}}.'’\-]+){{0,3}}(?:,[^\S\n]+\p{{Lu}}[\p{{L}}.]+(?:[^\S\n]+\p{{Lu}}[\p{{L}}.]+)?)?,[^\S\n]+{_WEEKDAY}?{_DATE}"
    rf"[^\S\n]*(?:\([^)\n]{{1,30}}\)[^\S\n]*)?[—–\-]",
    regex.MULTILINE,
)
# a paragraph opening with a weekday and a full date: "Monday, August 3, 2020 On Thursday, ..."
_WEEKDAY_OPENING = lazy_compile(rf"^[^\S\n]*{_WEEKDAY}{_DATE}\b", regex.MULTILINE)


def draft_date(doc) -> Optional[str]:
    """The draft's date as YYYY-MM-DD, or None (see the module's docstring)."""
    found = metadata_date(doc)
    if found:
        return found
    return copy_date(head(doc.text))


def metadata_date(doc) -> Optional[str]:
    """The front matter's `date:` as YYYY-MM-DD, or None."""
    value = doc.metadata.get("date") if getattr(doc, "metadata", None) else None
    if value is None:
        return None
    import datetime  # (here, not at import: a run with no dated draft never needs it)

    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value).strip()
    iso = _iso_prefix(text)
    if iso:
        return iso
    return copy_date(text)


def head(text: str) -> str:
    """The first HEAD_LINES lines of the copy, at most HEAD_CHARS characters."""
    end = min(len(text), HEAD_CHARS)
    chunk = text[:end]
    # (one split, not a find a line: the part after the last split is what the head leaves out)
    lines = chunk.split("\n", HEAD_LINES)
    if len(lines) <= HEAD_LINES:
        return chunk
    return chunk[: end - len(lines[-1])]


def copy_date(text: str) -> Optional[str]:
    """The first date line, stamped date or dateline in `text`, as YYYY-MM-DD.

    Each needs a year, so only the lines holding one are tried, each pattern at the line's
    start (a stamped date also after a separator)."""
    position = 0
    for m in _years(text):
        if m.start() < position:
            continue
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        position = end
        short = end - start <= SHORT_LINE  # a date line or byline, not a paragraph of prose
        for pattern in (_DATE_LINE, _DATELINE, _WEEKDAY_OPENING) if short else (_DATELINE, _WEEKDAY_OPENING):
            found = pattern.match(text, start, end)
            if found is not None:
                iso = _iso(found)
                if iso:
                    return iso
        for found in _STAMPED.finditer(text, start, end) if short else ():
            iso = _iso(found)
            if iso:
                return iso
    return None


# a date line, or a byline with a stamp, is never longer than this
SHORT_LINE = 160


_YEAR = lazy_compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _years(text: str):
    """_YEAR.finditer(text): the same matches, tried only where "19" or "20" stands (a match
    starts there; matches never overlap, a digit standing before any place inside one)."""
    places = []
    for century in ("19", "20"):
        i = text.find(century)
        while i >= 0:
            places.append(i)
            i = text.find(century, i + 1)
    year = _YEAR.match
    for i in sorted(places):
        m = year(text, i)
        if m is not None:
            yield m


def _iso(m) -> Optional[str]:
    groups = m.groupdict()
    for n in ("1", "2", "3"):
        year = groups.get("year" + n)
        if year is None:
            continue
        month = groups["month" + n]
        number = int(month) if month.isdigit() else MONTHS.get(month.rstrip(".").lower())
        return _valid(int(year), number, int(groups["day" + n]))
    return None


def _iso_prefix(text: str) -> Optional[str]:
    m = _ISO.match(text)
    if not m:
        return None
    return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))


_ISO = lazy_compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _valid(year: int, month: Optional[int], day: int) -> Optional[str]:
    if month is None:
        return None
    import datetime

    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None
