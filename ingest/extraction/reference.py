"""The document's own date, against which "on Tuesday" and "yesterday" are counted.

In order: the publication date given by the caller; a date stamp in the page's head
("date 2024-11-09", "Published June 17, 2014", "By ANI Sunday, June 20, 2010", "Aired May 3,
2011", a line that is only a date; "Last Updated" only when nothing better is there, since a
later edit of the page moves it); a date in a caption or a dateline; a complete date in the
lead ("met in Islamabad on January 13, 2015"). These are firm. Otherwise the latest complete
date in the text, or the latest year, is a weak reference: only a lower bound.
"""

from __future__ import annotations

import re
from datetime import date

from . import dates as D
from .sentences import BODY, CAPTION, HEADLINE, TITLE, Paragraph
from .types import DAY, MONTH, YEAR

_HEAD_CHARS = 900  # a page's stamps sit in its first lines
_STAMP = re.compile(
    r"(?i)(?:^|\n)\W{0,3}(?:date|published(?:\s+on)?|posted(?:\s+on)?|first\s+published"
    r"|dated|aired|released|issued|created)\s*:?\s*"
)
_UPDATED = re.compile(r"(?i)(?:last\s+)?updated(?:\s+on)?\s*:?\s*")
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2}|[A-Z]{3,}(?:\s+[A-Z]{3,})?)"
    r"(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2})?(?:\s*\([A-Za-z ]+\))?\s*(?:[-–—:]|:)\s+",
)
_ONLY_DATE = re.compile(
    r"(?i)^\W*(?:(?:by\s+)?[\w .,'’-]{0,40}?)?(?:monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday)?,?\s*$"
)


def document_reference(
    view: str, paras: list[Paragraph], published: date | None
) -> tuple[D.Ref | None, date | None]:
    """Return the reference date and the publication day the text prints (if it prints one)."""
    if published is not None:
        return D.Ref(published, DAY), published
    stamped = _stamp(view)
    if stamped is not None:
        return D.Ref(stamped, DAY), stamped
    for p in paras[:8]:
        if p.kind not in (TITLE, HEADLINE, BODY, CAPTION) or p.start > _HEAD_CHARS:
            continue
        found = _whole_line_date(view, p)
        if found is not None:
            return D.Ref(found, DAY), found
    preferred = [(p.start, p.end) for p in paras if p.kind == CAPTION]
    preferred += [
        (p.start, min(p.end, p.start + 60))
        for p in paras[:6]
        if _DATELINE.match(view[p.start : p.end])
    ]
    preferred += _lead(paras)
    for start, end in preferred:
        dates = D.full_dates(view, start, end) or D.numeric_dates(view[start:end])
        if dates:
            return D.Ref(dates[0][1], DAY), None
    updated = _updated(view)
    if updated is not None:
        return D.Ref(updated, DAY), None
    weak = D.infer_reference(view, [])
    if weak is not None and weak.precision == YEAR:
        # "… held talks in Islamabad on August 12." in a text whose year is known.
        for start, end in _lead(paras):
            for m in D.DATE_PHRASE.finditer(view, start, end):
                if m.group("md_m") or m.group("dm_m"):
                    found = D.resolve(m, weak)
                    if found is not None and found.precision == DAY:
                        return D.Ref(found.day, DAY), None
    return weak, None


def _stamp(view: str) -> date | None:
    """A date right after "date", "Published", "Posted", "Aired"… in the page's head."""
    head = view[:_HEAD_CHARS]
    for m in _STAMP.finditer(head):
        found = D.full_dates(head, m.end(), min(len(head), m.end() + 40))
        if found and found[0][0] - m.end() <= 12:
            return found[0][1]
    return None


def _updated(view: str) -> date | None:
    """ "Last Updated 03 May 2018": a last resort, the page may have been edited later."""
    head = view[:_HEAD_CHARS]
    for m in _UPDATED.finditer(head):
        found = D.full_dates(head, m.end(), min(len(head), m.end() + 40))
        if found and found[0][0] - m.end() <= 12:
            return found[0][1]
    return None


def _whole_line_date(view: str, p: Paragraph) -> date | None:
    """A line that is only a date ("Sunday, June 20, 2010", "- June 11, 2025", "By ANI
    Sunday, June 20, 2010", "May 5, 2022")."""
    line = view[p.start : p.end]
    if len(line) > 80:
        return None
    found = D.full_dates(line)
    if not found:
        return None
    offset, day = found[0]
    before = line[:offset]
    after = line[offset:]
    rest = D.FULL_DATE.sub("", after, count=1)
    if _ONLY_DATE.match(before) and re.fullmatch(r"[\s,|·•\-–—0-9:apmAPMESTDUTCIST().]*", rest):
        return day
    return None


def _lead(paras: list[Paragraph]) -> list[tuple[int, int]]:
    """The first two body paragraphs' first 400 characters, where a lead dates its news."""
    return [(p.start, min(p.end, p.start + 400)) for p in paras if p.kind == BODY][:2]


def lead_day(view: str, paras: list[Paragraph], ref: D.Ref | None) -> date | None:
    """The day the lead's own words give its news ("… on Tuesday", "yesterday"), if any."""
    if ref is None or ref.weak or ref.precision != DAY:
        return None
    for start, end in _lead(paras):
        for m in D.DATE_PHRASE.finditer(view, start, end):
            resolved = D.resolve(m, ref)
            if resolved is not None and resolved.precision == DAY and resolved.day <= ref.day:
                return resolved.day
    return None


def report_month(periods: list[str], ref: D.Ref | None) -> D.Resolved | None:
    """When a report was released, if the text does not say: the month after the period its
    figures cover ("2018-10" -> November 2018; "2024-Q2" -> July 2024; "2015" -> January 2016),
    never after the document's own date."""
    # A whole year counts only when no shorter period of that year is given: "this year"
    # beside "January to April" is the same ongoing count, not a finished year.
    finer = {p[:4] for p in periods if len(p) > 4}
    ends = [_period_end(p) for p in periods if not (len(p) == 4 and p in finer)]
    ends = [e for e in ends if e is not None]
    if not ends:
        return None
    last = max(ends)
    month = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    if ref is not None and not ref.weak and month > ref.day:
        month = ref.day.replace(day=1)
    return D.Resolved(month, MONTH)


def _period_end(period: str) -> date | None:
    """The first day of a period's last month ("2024-Q2" -> 2024-06-01)."""
    last = period.split("/")[-1]
    quarter = re.fullmatch(r"(\d{4})-Q([1-4])", last)
    if quarter:
        return date(int(quarter[1]), 3 * int(quarter[2]), 1)
    month = re.fullmatch(r"(\d{4})-(\d{2})(?:-\d{2})?", last)
    if month:
        return date(int(month[1]), int(month[2]), 1) if "/" in period or len(last) == 7 else None
    year = re.fullmatch(r"\d{4}", last)
    return date(int(last), 12, 1) if year else None
