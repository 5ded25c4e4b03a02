"""Aggregate, period-based violence figures with their source ("267 incidents in 2021, SATP")."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from .officials import DATA
from .patterns import trie_alternation
from .types import ExtractedStatistic

# Numbers written as words, shared with the tolls of single attacks (casualties.py).
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100,
}  # fmt: skip
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + "|".join(NUMBER_WORDS)
_ANY_NUMBER = re.compile(r"\d|\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.I)
_QUAL = (
    r"at\s+least|over|more\s+than|less\s+than|fewer\s+than|about|around|nearly|almost"
    r"|as\s+many\s+as|up\s+to|some"
)
_METRIC_NOUN = (
    r"incidents|attacks|fatalities|deaths|people|civilians?|personnel|soldiers|injuries|injured"
    r"|killed|terrorists?|militants?|officers|policemen|DSPs|operations|casualties|cases|troops"
    r"|acts|persons|lives|wounded|insurgents|terrorists/insurgents|abductions|kidnappings"
    r"|arrests|bombings|blasts|suicide\s+attacks|officials"
)
FIGURE = re.compile(
    rf"(?:(?P<qual>{_QUAL})\s+)?(?<![\w.-])(?P<num>{_NUM})(?![\w-]|\.\d)"
    rf"(?:\s*(?P<pct>%|percent\b|per\s+cent\b)(?P<pct_of>\s+(?:of\s+)?(?:(?:all|the|total)\s+)*[\w-]+)?"
    rf"|\s+(?P<noun>(?:[\w-]+\s+){{0,2}}?(?:{_METRIC_NOUN})\b))",
    re.I,
)
_AMONG = re.compile(
    rf"\b(?:[Aa]mong|[Oo]f)\s+(?:the|these|those)\s+(?:{_NUM})\s+(?P<noun>[\w-]+),\s+"
    rf"(?P<num>{_NUM})\b"
)
# "rising from 41 in May to 58 in June", "37 attacks against 29 in March", "90 deaths
# as compared to 76 in April": a bare number set against a period, of the metric
# the sentence named before it.
_BARE_IN_PERIOD = re.compile(
    rf"\b(?:from|to|against|compared\s+(?:to|with)|versus|vs\.?)\s+(?P<num>{_NUM})"
    r"(?=\s+(?:in|during|for)\s+(?:the\s+month\s+of\s+)?[A-Z])"
)
_NOUN_BEFORE = re.compile(rf"\b(?:(?!(?:the|of|in)\b)[\w-]+\s+)?(?:{_METRIC_NOUN})\b", re.I)
# A percentage that falls ("a 52 per cent drop", "declined by 19 per cent") is negative.
_DOWN_AFTER = re.compile(
    r"\s*(?:[\w-]+\s+)?(?:drop|decline|decrease|fall|dip|reduction|plunge|slump)s?\b", re.I
)
_DOWN_BEFORE = re.compile(
    r"\b(?:declined|dropped|decreased|fell|down|plummeted|plunged|reduced|dipped|slumped"
    r"|lower)\s+(?:by\s+)?$",
    re.I,
)
_QUARTER = re.compile(
    r"\b(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+(?:of\s+)?(?P<y1>(?:19|20)\d\d)"
    r"|Q(?P<q>[1-4]),?\s*(?P<y2>(?:19|20)\d\d))\b",
    re.I,
)
_YEAR_PERIOD = re.compile(r"\b(?:in|during|of|for|since|year)\s+(?P<y>(?:19|20)\d\d)\b", re.I)
_THIS_YEAR = re.compile(
    r"\bthis\s+year\b(?:[^.]{0,80}?\b(?:first\s+|just\s+|past\s+)?(?P<n>\w+)\s+months\b)?", re.I
)
_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_SINGLE_EVENT = re.compile(
    r"\b(?:a|an|the|this|that|one)\s+(?:\w+\s+){0,2}(?:attack|bombing|blast|explosion|strike|raid"
    r"|ambush|assault|shooting|bomb|bomber|device|IED|grenade|gunfight|clash|encounter)\b",
    re.I,
)
_AGGREGATE = re.compile(
    r"\b(?:total|overall|recorded|compiled|data|report|according to|quarter|incidents|attacks"
    r"|fatalities|per\s*cent|percent|year-on-year)\b|%",
    re.I,
)
# "in October 2030", "during October" (the year the document's): a month's figures.
_MONTH_PERIOD = re.compile(
    rf"(?:\b(?P<in>in|during|for|through|throughout|of)\s+)?\b(?P<m>{_MONTH_NAMES})"
    r"(?:\s+(?P<y>(?:19|20)\d\d))?\b(?!\s+\d{1,2}\b)(?!\s+this\s+year)",
)
_MONTHS_ORDER = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_HALF = re.compile(r"\b(?P<h>first|second)\s+half\s+of\s+(?P<y>(?:19|20)\d\d)\b", re.I)
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_SOURCE_REF = re.compile(
    r"\b(?:[Tt]he|[Ii]ts)\s+(?:\w+\s+){0,2}(?:report|data|study|survey)\b|\bit\s+also\b"
)


@lru_cache(maxsize=1)
def _sources() -> tuple[re.Pattern[str], dict[str, str]]:
    """Statistics sources (data/stat_sources.json): one regex (a trie) over all their names,
    and each name's short name ("Pakistan Institute for Conflict and Security Studies" ->
    "PICSS")."""
    raw = json.loads((DATA / "stat_sources.json").read_text(encoding="utf-8"))
    short_of = {name: short for short, names in raw.items() for name in names}
    return re.compile(rf"\b(?:{trie_alternation(list(short_of))})\b"), short_of


def _source_in(text: str) -> str | None:
    """The short name of the first statistics source ``text`` names, if any."""
    pattern, short_of = _sources()
    found = pattern.search(text)
    return short_of[found.group(0)] if found else None


@dataclass(slots=True)
class _Period:
    label: str
    pos: int


# "up from 74 in September", "compared with 56 in March": the period a figure is compared
# with, not the one the sentence reports.
_COMPARED = re.compile(
    r"(?i)(?:\bfrom|\bthan|\bagainst|compared\s+(?:with|to)|as\s+against)\s+(?:[\w,.%]+\s+){0,3}"
    r"(?:in|during|of)?\s*$"
)


def _reported(periods: list[_Period], sentence: str) -> list[_Period]:
    """The periods a sentence reports on (those it compares with left out, unless only they)."""
    own = [p for p in periods if not _COMPARED.search(sentence, max(0, p.pos - 40), p.pos)]
    return own or periods


def _periods(sentence: str, ref_year: int | None) -> list[_Period]:
    """Period expressions in a sentence: quarters, years, "this year … four months"."""
    found = []
    for m in _QUARTER.finditer(sentence):
        q = _ORD[m.group("ord").lower()] if m.group("ord") else int(m.group("q"))
        found.append(_Period(f"{m.group('y1') or m.group('y2')}-Q{q}", m.start()))
    taken = [(m.start(), m.end()) for m in _QUARTER.finditer(sentence)]
    for m in _HALF.finditer(sentence):
        y = m.group("y")
        label = f"{y}-01/{y}-06" if m.group("h").lower() == "first" else f"{y}-07/{y}-12"
        found.append(_Period(label, m.start()))
        taken.append((m.start(), m.end()))
    months = [(m.start(), m.end()) for m in _MONTH_PERIOD.finditer(sentence) if m.group("y")]
    for m in _YEAR_PERIOD.finditer(sentence):
        if not any(s <= m.start("y") < e for s, e in taken + months):
            found.append(_Period(m.group("y"), m.start("y")))
    for m in _MONTH_PERIOD.finditer(sentence):
        year = m.group("y") or (str(ref_year) if ref_year and m.group("in") else None)
        if year and not any(s <= m.start() < e for s, e in taken):
            month = _MONTHS_ORDER.index(m.group("m").lower()[:3]) + 1
            found.append(_Period(f"{year}-{month:02d}", m.start()))
            taken.append((m.start(), m.end()))
    for m in _THIS_YEAR.finditer(sentence):
        # "in April this year" dates a release, it is not the period a figure covers.
        if ref_year is None or re.search(rf"(?:{_MONTH_NAMES})\s+$", sentence[: m.start()]):
            continue
        n = m.group("n")
        months = NUMBER_WORDS.get((n or "").lower()) or (int(n) if n and n.isdigit() else None)
        label = f"{ref_year}-01/{ref_year}-{months:02d}" if months else str(ref_year)
        found.append(_Period(label, m.start()))
    return sorted(found, key=lambda p: p.pos)


def _value(num: str) -> float:
    """Turn "1,234", "92", "-52" or "two" into a number."""
    low = num.lower().lstrip("-")
    sign = -1.0 if num.startswith("-") else 1.0
    return sign * (float(NUMBER_WORDS[low]) if low in NUMBER_WORDS else float(low.replace(",", "")))


def statistics(
    view: str, sentences: list[tuple[int, int, int]], ref_year: int | None
) -> list[ExtractedStatistic]:
    """Find figures in ``sentences`` ((start, end, paragraph) offsets into ``view``).

    A sentence counts when it names a period or a source, or continues one that did; a single
    attack's toll (no period, no source) is not a statistic.
    """
    result: list[ExtractedStatistic] = []
    last: tuple[int, str | None, str | None] | None = None  # (paragraph, source, period)
    # A write-up of one monitor's report: its figures are that monitor's wherever they stand.
    fallback = document_source(view)
    single = fallback is not None
    for start, end, para in sentences:
        sentence = view[start:end]
        if not _ANY_NUMBER.search(sentence):
            continue  # no figure and no period here: nothing to record or carry over
        periods = _periods(sentence, ref_year)
        named = _source_in(sentence)
        source = named
        refers_back = bool(_SOURCE_REF.search(sentence))
        continuing = last is not None and (para - last[0] <= 1 or single)
        if source is None and continuing and last is not None:
            own_period = periods[0].label if periods else None
            if refers_back or own_period is None or own_period == last[2]:
                source = last[1]
        if not periods and not source and not single and not (continuing and last and last[2]):
            continue
        source = source or fallback
        default_period = periods[0].label if periods else (last[2] if continuing and last else None)
        if _SINGLE_EVENT.search(sentence) and not _AGGREGATE.search(sentence):
            continue  # one attack's toll, even when the year is named
        figures = _figures(sentence, start, periods, default_period, source)
        if figures:
            result.extend(figures)
            main = _reported(periods, sentence)
            last = (para, source, main[0].label if main else figures[-1].period)
        elif periods or named:
            last = (para, source, default_period)
    return result


def _figures(
    sentence: str, offset: int, periods: list[_Period], default: str | None, source: str | None
) -> list[ExtractedStatistic]:
    """Extract the figures of one sentence with their metric and nearest period."""
    found = []
    for m in FIGURE.finditer(sentence):
        num = m.group("num")
        if re.fullmatch(r"(?:19|20)\d\d", num) and not m.group("pct"):
            continue
        sign = ""
        if m.group("pct"):
            metric = f"{(m.group('pct_of') or '').strip()} (%)".strip()
            falls = _DOWN_AFTER.match(sentence, m.end("pct")) or _DOWN_BEFORE.search(
                sentence[max(0, m.start() - 30) : m.start()]
            )
            sign = "-" if falls else ""
        else:
            metric = re.sub(r"\s+", " ", m.group("noun")).strip()
        if m.group("qual"):
            metric += f" ({re.sub(r'[ ]+', ' ', m.group('qual').lower())})"
        found.append(
            _stat(
                sign + num, metric, sentence, offset, m.start(), m.end(), periods, default, source
            )
        )
    for m in _BARE_IN_PERIOD.finditer(sentence):
        earlier = list(_NOUN_BEFORE.finditer(sentence, 0, m.start()))
        metric = re.sub(r"\s+", " ", earlier[-1].group(0)) if earlier else "figure"
        found.append(
            _stat(
                m.group("num"),
                metric,
                sentence,
                offset,
                m.start("num"),
                m.end("num"),
                periods,
                default,
                source,
            )
        )
    for m in _AMONG.finditer(sentence):
        found.append(
            _stat(
                m.group("num"),
                f"{m.group('noun')} (subset)",
                sentence,
                offset,
                m.start("num"),
                m.end("num"),
                periods,
                default,
                source,
            )
        )
    return found


def _stat(
    num: str,
    metric: str,
    sentence: str,
    offset: int,
    s: int,
    e: int,
    periods: list[_Period],
    default: str | None,
    source: str | None,
) -> ExtractedStatistic:
    """Build one statistic; its period is the one printed right after it, else the last before."""
    period = default
    after = [p for p in periods if e <= p.pos <= e + 25]
    before = _reported([p for p in periods if p.pos < s], sentence)
    quarters = [p for p in periods if "-Q" in p.label]
    if after:
        period = after[0].label
    elif quarters:
        period = quarters[-1].label
    elif before:
        period = before[-1].label
    elif periods:
        period = periods[0].label
    return ExtractedStatistic(
        value=_value(num),
        metric=metric,
        source=source,
        period=period,
        start=offset + s,
        end=offset + e,
    )


@lru_cache(maxsize=1)
def report_sources() -> frozenset[str]:
    """Full names of the monitors whose reports carry figures (data/stat_sources.json)."""
    raw = json.loads((DATA / "stat_sources.json").read_text(encoding="utf-8"))
    raw.pop("ISPR", None)  # a press office giving a day's toll, not a monitor's report
    return frozenset(n for names in raw.values() for n in names if len(n) > 6)


def source_name(stmt) -> str:
    """The short name of a statement's speaker as a figure's source ("ISPR", "CRSS", a
    person's name, "police officer")."""
    return _source_in(stmt.speaker) or stmt.speaker


@lru_cache(maxsize=4)  # asked by figures, tolls and attribution for the same text
def document_source(view: str) -> str | None:
    """The one monitor a write-up names (its figures are that monitor's), else None."""
    pattern, short_of = _sources()
    named = {short_of[m.group(0)] for m in pattern.finditer(view)}
    named.discard("ISPR")
    return named.pop() if len(named) == 1 else None
