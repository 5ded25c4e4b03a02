"""When something was said: date phrases found by regex, resolved against a reference date.

Short candidate strings go to dateparser (cached); whole texts never do, which keeps the cost
linear. Weekdays are resolved here because dateparser sends "Monday" said on a Monday a week
back, while news copy means the same day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from .types import DAY, MONTH, UNKNOWN, YEAR

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
    # the State Department's datelines print the month in capitals ("MARCH 12, 2024")
    "|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WD = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"

DATE_PHRASE = re.compile(
    rf"\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b"
    rf"|\b(?P<md_m>{_MONTHS})\.?\s+(?P<md_d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<md_y>(?:19|20)\d\d)\b)?"
    rf"|\b(?P<dm_d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<dm_m>{_MONTHS})\b(?:,?\s+(?P<dm_y>(?:19|20)\d\d)\b)?"
    rf"|\b(?P<my_m>{_MONTHS})\s+(?P<my_y>(?:19|20)\d\d)\b"
    rf"|\b(?P<mr_m>{_MONTHS})\s+(?P<mr_rel>this|last)\s+year\b"
    rf"|\b(?P<wd>{_WD})(?:'s|’s)?\b"
    r"|\b(?P<rel>(?i:today|yesterday|tonight|(?:earlier|later)\s+(?:this|last)\s+(?:week|month"
    r"|year)|(?:last|this|past)\s+(?:week|month|year)))\b"
    # "in August", "late May": a month named alone is the latest such month
    rf"|\b(?:[Ii]n|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-?)\s+(?P<mo>{_MONTHS})\b(?!\.?\s*\d)",
)
FULL_DATE = re.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
    rf"|[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS}),?\s+(?:19|20)\d\d"
    rf"|(?:19|20)\d\d-[01]\d-[0-3]\d)\b"
)
_YEAR_RE = re.compile(r"(?<![\d-])(?:19[5-9]\d|20[0-4]\d)(?![\d-])")
_PRECISION_LEN = {DAY: 10, MONTH: 7, YEAR: 4}


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference date and how much of it is known (day, month or year)."""

    day: date
    precision: str
    weak: bool = False  # inferred from dates the text mentions: only a lower bound


@dataclass(frozen=True, slots=True)
class Resolved:
    """A resolved date, its precision and whether its year was inferred rather than printed."""

    day: date
    precision: str
    inferred_year: bool = False

    def as_text(self) -> str:
        """Return "YYYY-MM-DD", "YYYY-MM" or "YYYY" at this date's precision."""
        return self.day.isoformat()[: _PRECISION_LEN[self.precision]]


_MONTH_NUMBER = {
    name.lower(): number
    for number, names in enumerate(
        (
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ),
        start=1,
    )
    for name in names
}
# A complete English date: "May 5 2022", "May 5, 2022", "5 May 2022", "Sept. 5, 2022".
_COMPLETE = re.compile(
    r"(?:(?P<m1>[A-Za-z]+)\.?\s+(?P<d1>\d{1,2}),?|(?P<d2>\d{1,2})\s+(?P<m2>[A-Za-z]+)\.?,?)"
    r"\s+(?P<y>\d{4})"
)


def _complete_date(phrase: str) -> date | None | bool:
    """A complete English date read directly (the common case, which needs no relative base),
    None when it names no real day ("February 30 2022"), False when it is not of that form."""
    m = _COMPLETE.fullmatch(phrase.strip())
    month = _MONTH_NUMBER.get((m["m1"] or m["m2"]).lower()) if m else None
    if month is None:
        return False
    try:
        return date(int(m["y"]), month, int(m["d1"] or m["d2"]))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _dateparser(phrase: str, base: date) -> date | None:
    """Parse a short phrase with dateparser relative to ``base`` (past preferred); cached.
    Complete dates ("May 5, 2022") are read without it: they are most of the calls."""
    complete = _complete_date(phrase)
    if complete is not False:
        return complete
    import dateparser  # imported lazily: its import costs ~0.3 s

    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["month"],
    }
    try:
        parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError, KeyError, AttributeError):
        return None
    return parsed.date() if parsed else None


def _base(ref: Ref) -> date:
    """Return the last day the reference allows (a year reference means up to 31 December)."""
    if ref.precision == YEAR:
        return date(ref.day.year, 12, 31)
    if ref.precision == MONTH:
        nxt = date(ref.day.year + ref.day.month // 12, ref.day.month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return ref.day


def resolve(match: re.Match[str], ref: Ref | None) -> Resolved | None:
    """Resolve one DATE_PHRASE match against ``ref``; None when the text does not pin it."""
    g = match.groupdict()
    try:
        if g["iso"]:
            return Resolved(date.fromisoformat(g["iso"]), DAY)
        if g["md_m"] or g["dm_m"]:
            month, day_s = (g["md_m"], g["md_d"]) if g["md_m"] else (g["dm_m"], g["dm_d"])
            year = g["md_y"] or g["dm_y"]
            if year:
                parsed = _dateparser(f"{month} {int(day_s)} {year}", date(2000, 1, 1))
                return Resolved(parsed, DAY) if parsed else None
            if ref is None:
                return None
            parsed = _dateparser(f"{month} {int(day_s)}", _base(ref))
            return Resolved(parsed, DAY, inferred_year=True) if parsed else None
        if g["my_m"]:
            parsed = _dateparser(f"{g['my_m']} {g['my_y']}", date(2000, 1, 1))
            return Resolved(parsed.replace(day=1), MONTH) if parsed else None
        if ref is None:
            return None
        ahead = _FUTURE.search(match.string, max(0, match.start() - 40), match.start())
        return _relative(g, ref, ahead is not None)
    except (ValueError, OverflowError):
        return None


# "slated for release on Tuesday", "will visit on Friday", "next Monday": counted forward.
_FUTURE = re.compile(
    r"(?i)\b(?:will|shall|slated|scheduled|set\s+to|due|expected\s+to|planned|upcoming|next"
    r"|later\s+this\s+week|is\s+to|are\s+to)\b[^.;]{0,30}$"
)


def _relative(g: dict[str, str | None], ref: Ref, ahead: bool = False) -> Resolved | None:
    """Resolve weekday and relative phrases; they need a reference pinned finely enough.
    ``ahead`` counts a weekday forward from the reference ("slated for release on Tuesday")."""
    base = _base(ref)
    if g["mr_m"]:
        parsed = _dateparser(f"{g['mr_m']} {base.year}", date(2000, 1, 1))
        if not parsed:
            return None
        year = base.year - (1 if g["mr_rel"] == "last" else 0)
        return Resolved(parsed.replace(year=year, day=1), MONTH)
    if g["mo"]:
        parsed = _dateparser(f"{g['mo']} {base.year}", date(2000, 1, 1))
        if not parsed or ref.precision == YEAR:
            return None
        later = parsed.month > base.month
        year = base.year + (1 if ahead and not later and parsed.month != base.month else 0)
        year -= 1 if later and not ahead else 0
        return Resolved(date(year, parsed.month, 1), MONTH, inferred_year=True)
    if g["wd"]:
        if ref.precision != DAY:
            return None
        if ahead:
            forward = (_WEEKDAYS.index(g["wd"].lower()) - base.weekday()) % 7
            return Resolved(base + timedelta(days=forward), DAY)
        back = (base.weekday() - _WEEKDAYS.index(g["wd"].lower())) % 7
        return Resolved(base - timedelta(days=back), DAY)
    rel = (g["rel"] or "").lower()
    if rel in ("today", "tonight"):
        return Resolved(base, DAY) if ref.precision == DAY else None
    if rel == "yesterday":
        return Resolved(base - timedelta(days=1), DAY) if ref.precision == DAY else None
    if rel.endswith("year"):
        year = base.year - (1 if rel.startswith(("last", "past")) else 0)
        return Resolved(date(year, 1, 1), YEAR)
    if ref.precision == YEAR:
        return None
    if rel.endswith("week"):
        shifted = base - timedelta(days=7 if rel.startswith(("last", "past")) else 0)
        return Resolved(shifted.replace(day=1), MONTH)
    if rel.endswith("month"):
        shifted = base.replace(day=1)
        if rel.startswith(("last", "past")):
            shifted = (shifted - timedelta(days=1)).replace(day=1)
        return Resolved(shifted, MONTH)
    return None


def full_dates(view: str, start: int = 0, end: int | None = None) -> list[tuple[int, date]]:
    """Return (offset, date) for every fully printed date ("May 5, 2022") in the range."""
    found = []
    for m in FULL_DATE.finditer(view, start, len(view) if end is None else end):
        phrase = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b|\bof\s+", "", m.group(0))
        parsed = _dateparser(phrase, date(2000, 1, 1))
        if parsed:
            found.append((m.start(), parsed))
    return found


def infer_reference(view: str, preferred: list[tuple[int, int]]) -> Ref | None:
    """Guess the document's reference date when no publication date is given.

    Takes the masked text and the (start, end) ranges of captions/datelines; returns a full
    date printed there, else the latest full date, month or year in the text, else None.
    """
    for start, end in preferred:
        dates = full_dates(view, start, end)
        if dates:
            return Ref(dates[0][1], DAY)
    dates = full_dates(view)
    if dates:
        return Ref(max(d for _, d in dates), DAY, weak=True)
    # "in August 2021" names an event; the text was written then or later, so keep the year.
    years = [int(y) for y in _YEAR_RE.findall(view)]
    if years:
        return Ref(date(max(years), 1, 1), YEAR, weak=True)
    return None


def precision_of(text: str | None) -> str:
    """Return the precision of a "YYYY[-MM[-DD]]" string."""
    if not text:
        return UNKNOWN
    return {10: DAY, 7: MONTH, 4: YEAR}.get(len(text), UNKNOWN)


_NUMERIC = re.compile(
    r"(?<![\d/])(?P<a>[01]?\d|3[01]|[12]\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)(?![\d/])"
)


def numeric_dates(view: str) -> list[tuple[int, date]]:
    """Return (offset, date) for "5/2/2011"-style dates ("2/20/24" in a transcription
    service's title: a two-digit year is of this century): month first as in US copy, day
    first when the first number cannot be a month."""
    found = []
    for m in _NUMERIC.finditer(view):
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        y += 2000 if y < 100 else 0
        month, day = (b, a) if a > 12 else (a, b)
        try:
            found.append((m.start(), date(y, month, day)))
        except ValueError:
            continue
    return found
