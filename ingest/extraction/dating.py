"""When a statement was said: its own clue, the speaker's other dates, a briefing, the talks."""

from __future__ import annotations

import bisect
import re
from datetime import date, timedelta

from . import dates as D
from .lexicon import DOCUMENT_FORMS
from .officials import tenure_years
from .records import Draft
from .reported import (
    ACCORDING_TO,
    NOMINAL,
    PARTICIPIAL,
    Attribution,
)
from .sentences import BODY, Paragraph, Unit
from .statistics import report_sources
from .types import (
    DAY,
    MONTH,
    PERSON,
    UNKNOWN,
    YEAR,
    Speaker,
)

_LEADING_ADVERBIAL = re.compile(
    r"^(?:In|On|At|During|Earlier|Later|Last|Speaking|Addressing|Late|Early|Following|After)\b"
)
_CONTENT_START = re.compile(
    r"\b(?:the|a|an|his|her|its|their|this|these)\s+(?!(?:statement|briefing|press|news|weekly"
    r"|daily|regular|phone|telephone|video|interview|meeting|session|tweet|post|conference"
    r"|reporters|journalists|media|televised|joint|separate)\b|[A-Z])"
    r"|\b(?:it|he|she|they|we|Pakistan|Islamabad|Washington)\b(?=\s+\w+)"
    # "condemned the February 17 attack": the date of the event, not of the remark
    r"|\bthe\s+(?=(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\s+\d{1,2}(?:st|nd|rd|th)?,?\s+[a-z])"
)
THAT = re.compile(r"\bthat\b|[“\"]")


def briefing_info(
    view: str, paras: list[Paragraph], ref: D.Ref | None
) -> tuple[date | None, str | None]:
    """Return the date of a briefing named in a caption or headline, and its organisation."""
    for p in paras:
        if p.kind == BODY:
            continue
        line = view[p.start : p.end]
        if "briefing" not in line.lower():
            continue
        found = [d for _, d in D.full_dates(view, p.start, p.end)]
        if not found and ref is not None and ref.precision == DAY and not ref.weak:
            # "… addresses the weekly briefing on Thursday": a weekday against a known date.
            resolved = [D.resolve(m, ref) for m in D.DATE_PHRASE.finditer(line)]
            found = [r.day for r in resolved if r is not None and r.precision == DAY]
        if found:
            org = "U.S. Department of State" if "State" in line else None
            if "Foreign Office" in line or "foreign ministry" in line.lower():
                org = "Pakistan Foreign Office"
            return found[0], org
    return None, None


def date_zone(
    view: str, outside: str, u: Unit, attr: Attribution, spans: list[tuple[int, int]]
) -> str:
    """Return the attribution's own words (not the reported content) where a date may sit."""
    rel = lambda x: max(0, min(len(outside), x - u.start))  # noqa: E731
    parts = []
    m_start, cue_s, cue_e = attr.mention.start, attr.cue_start, attr.cue_end
    if attr.mode == ACCORDING_TO:
        # "according to X on Tuesday, …" or, closing the sentence, "…, according to X on
        # Tuesday.": the source and what follows it up to a comma or the sentence's end
        comma = outside.find(",", rel(attr.mention.end))
        stop = comma if comma >= 0 else min(len(outside), rel(attr.mention.end) + 45)
        return outside[rel(cue_s) : stop]
    if attr.mode == NOMINAL:
        return ""
    lead = outside[: rel(min(m_start, cue_s))]
    if _LEADING_ADVERBIAL.match(lead.lstrip()) and "," in lead:
        parts.append(lead[: lead.index(",")])
    first = min(m_start, cue_s)
    last = max(attr.mention.end, cue_e)
    parts.append(outside[rel(first) : rel(last)])
    after = outside[rel(last) :]
    closes_before = any(qe <= cue_s for _, qe in spans)
    if attr.verb in DOCUMENT_FORMS:
        pass  # "recorded 41 attacks in October": what follows a finding verb is the finding
    elif closes_before:
        # "…,” he said on Monday. “…": up to the next quotation or a reported clause
        stop = after.find("“")
        that = THAT.search(after)
        ends = [i for i in (stop, that.start() if that else -1) if i >= 0]
        parts.append(after[: min(ends)] if ends else after)
    else:
        # Only words that still belong to the attribution ("said on Thursday", "told a
        # briefing on Monday"), not the reported content ("said the attack on Tuesday …").
        stop = THAT.search(after)
        limit = min(stop.start() if stop else len(after), 45)
        content = _CONTENT_START.search(after, 0, limit)
        parts.append(after[: content.start() if content else limit])
    if attr.mode == PARTICIPIAL:
        parts.append(outside[rel(m_start) : rel(cue_s)])
    return " | ".join(parts)


def own_date(zone: str, ref: D.Ref | None, speaker: Speaker) -> D.Resolved | None:
    """Resolve the first date phrase of the attribution zone, checked against tenure."""
    for m in D.DATE_PHRASE.finditer(zone):
        resolved = D.resolve(m, ref)
        if (
            resolved is not None
            and resolved.precision == YEAR
            and _TITLE_BEFORE.search(zone, 0, m.start())
        ):
            continue  # "the 'Pakistan Security Report 2019'": a title's year, not a date
        if resolved is not None:
            return fit_tenure(resolved, speaker, ref)
    return None


_TITLE_BEFORE = re.compile(r"[A-Z][a-z]+[’'”]?\s*$")


def fit_tenure(resolved: D.Resolved, speaker: Speaker, ref: D.Ref | None) -> D.Resolved | None:
    """Keep a date only if the speaker held office then; shift an inferred year if that fits."""
    if speaker.kind != PERSON:
        return resolved
    if (
        ref is not None
        and ref.precision == DAY
        and not resolved.inferred_year
        and resolved.precision == DAY
        and timedelta(0) <= ref.day - resolved.day <= timedelta(days=14)
    ):
        return resolved  # "on Thursday" counted from the page's own day: the page knows best
    tenures = tenure_years(speaker.name)
    if not tenures:
        return resolved

    def inside(day: date) -> bool:
        """Tell whether ``day`` falls within one of the speaker's tenures."""
        return any((s is None or s <= day) and (e is None or day <= e) for s, e in tenures)

    if resolved.precision == YEAR:
        ok = any(
            (s is None or s.year <= resolved.day.year)
            and (e is None or resolved.day.year <= e.year)
            for s, e in tenures
        )
        return resolved if ok else None
    if inside(resolved.day):
        return resolved
    if resolved.inferred_year and ref is not None and ref.precision != DAY:
        for shift in range(1, 6):
            try:
                moved = resolved.day.replace(year=resolved.day.year + shift)
            except ValueError:
                continue
            if inside(moved):
                return D.Resolved(moved, resolved.precision, True)
    return None


_TALKS = r"(?:talks|dialogue|meeting|round\s+of\s+talks|summit|consultations)"
# "the May 10 bilateral dialogue", "Friday's talks", "talks held on May 10".
_TALKS_DATE = re.compile(
    rf"(?P<d>{D.DATE_PHRASE.pattern})(?:\s+\w+){{0,2}}\s+{_TALKS}\b"
    rf"|{_TALKS}\s+(?:held\s+)?on\s+(?P<d2>{D.DATE_PHRASE.pattern.replace('?P<', '?P<x')})"
)
# A statement reporting what the talks concluded or agreed carries the talks' date.
_TALKS_OUTCOME = re.compile(rf"\b(?:concluded|wrapped\s+up|ended)\b[^.]{{0,60}}{_TALKS}\b")


def talks_day(view: str, ref: D.Ref | None) -> date | None:
    """The single day of the talks an article reports, when it names one (else None)."""
    if ref is None or ref.precision != DAY:
        return None
    days = set()
    for m in _TALKS_DATE.finditer(view):
        phrase = D.DATE_PHRASE.search(m.group(0))
        resolved = D.resolve(phrase, ref) if phrase else None
        if resolved is not None and resolved.precision == DAY:
            days.add(resolved.day)
    return days.pop() if len(days) == 1 else None


def settle_dates(
    drafts: list[Draft],
    ref: D.Ref | None,
    briefing_day: date | None,
    briefing_org: str | None,
    talks_day: date | None = None,
    news_day: date | None = None,
    report: D.Resolved | None = None,
) -> None:
    """Fill said_on: the statement's own clue, else the speaker's other dated remark, the
    briefing, the talks, a report's release month; else, in a dated document, the day its
    clues give its news (``news_day``, the lead's "on Tuesday") or its own date; else the
    reference's month or year."""
    if ref is not None and ref.weak:
        # A reference guessed from mentioned dates is only a lower bound; a later date the
        # statements themselves pin down (via tenure) is a better one.
        own = [d.own.day for d in drafts if d.own is not None and d.own.precision != YEAR]
        if own and max(own).year >= ref.day.year:
            ref = D.Ref(max(own), MONTH, weak=True)
    dated: dict[str, list[int]] = {}
    for i, d in enumerate(drafts):
        if d.own is not None and not d.standing:
            dated.setdefault(d.speaker.name, []).append(i)
    main_day = _main_day(drafts, ref)
    firm = ref is not None and not ref.weak and ref.precision == DAY
    for i, d in enumerate(drafts):
        when, basis = _settle(d, i, drafts, dated, briefing_day, briefing_org, talks_day, report)
        if when is None and not d.standing:
            day = main_day.day if main_day else news_day or (ref.day if firm else None)
            if day is not None:
                when = fit_tenure(D.Resolved(day, DAY), d.speaker, ref)
                basis = "news day" if (main_day or news_day) else "document"
            elif ref is not None:
                precision = YEAR if ref.precision == YEAR or ref.weak else MONTH
                when = fit_tenure(D.Resolved(ref.day, precision), d.speaker, ref)
                basis = "document"
        d.stmt.said_on = when.as_text() if when else None
        d.stmt.date_precision = when.precision if when else UNKNOWN
        d.stmt.date_basis = basis if when else ""


def _settle(
    d: Draft,
    i: int,
    drafts: list[Draft],
    dated: dict[str, list[int]],
    briefing_day: date | None,
    briefing_org: str | None,
    talks_day: date | None,
    report: D.Resolved | None,
) -> tuple[D.Resolved | None, str]:
    """A statement's date from its own clue or a sure neighbour, with the basis, or None."""
    if d.standing:
        return None, ""
    if d.own is not None:
        return d.own, "own"
    inherited = _inherited(drafts, i, dated)
    if inherited is not None:
        return inherited, "speaker"
    if briefing_day is not None and _at_briefing(d, briefing_org):
        return D.Resolved(briefing_day, DAY), "briefing"
    if talks_day is not None and _TALKS_OUTCOME.search(d.stmt.text):
        return D.Resolved(talks_day, DAY), "talks"
    if report is not None and is_report_speaker(d.speaker):
        return report, "report period"
    return None, ""


_REPORT_ROLE = re.compile(r"(?i)report|data|index|survey|study|findings|assessment|review")


def is_report_speaker(speaker: Speaker) -> bool:
    """A think tank or a monitor speaking through its report (CRSS, PICSS, SATP...)."""
    if speaker.kind == PERSON:
        return False
    if _REPORT_ROLE.search(speaker.role or ""):
        return True
    return any(name in speaker.name for name in report_sources())


def _main_day(drafts: list[Draft], ref: D.Ref | None) -> D.Resolved | None:
    """The day most of an article's own date clues point to ("on Wednesday" …), if any.

    Only with a firm reference day: an article whose remarks are dated mostly reports that
    day's remarks, so its undated ones get that day rather than only the month.
    """
    if ref is None or ref.weak or ref.precision != DAY:
        return None
    days = [d.own.day for d in drafts if d.own is not None and d.own.precision == DAY]
    if not days:
        return None
    best = max(days, key=lambda day: (days.count(day), -days.index(day)))
    return D.Resolved(best, DAY)


def _inherited(drafts: list[Draft], i: int, dated: dict[str, list[int]]) -> D.Resolved | None:
    """The nearest own date of another statement by the same speaker, earlier ones first.

    ``dated`` maps a speaker to the indices of their statements with an own date (sorted).
    """
    indices = dated.get(drafts[i].speaker.name, [])
    if not indices:
        return None
    k = bisect.bisect_left(indices, i)
    j = indices[k - 1] if k > 0 else indices[k]
    return drafts[j].own


def _at_briefing(d: Draft, briefing_org: str | None) -> bool:
    """Tell whether a statement was made at the briefing a caption dates."""
    if d.briefing:
        return True
    role = (d.speaker.role or "").lower()
    org = d.speaker.org or d.speaker.name
    if briefing_org is None:
        return "spokes" in role
    return org == briefing_org and (d.speaker.kind != PERSON or "spokes" in role)
