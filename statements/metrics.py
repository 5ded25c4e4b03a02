"""One vocabulary for the figures documents cite, and their periods as said.

Documents name the same measure many ways ("fatalities", "people killed", "violence-linked
deaths"): :func:`metric_of` maps each to one term, so figures of one measure form one series
with a trend. The mapping is applied when figures are shown and aggregated; the stored metric
stays as the document wrote it (shown beside the term).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

# (term, words any of which put a metric under it), checked in this order: the first match wins.
VOCABULARY: list[tuple[str, tuple[str, ...]]] = [
    ("people injured", ("injur", "wounded", "hurt")),
    ("suicide attacks", ("suicide",)),
    ("casualties", ("casualt",)),
    ("attacks", ("attack", "bombing", "blast", "explosion", "strike")),
    ("incidents", ("incident", "acts")),
    (
        "security personnel",
        ("soldier", "personnel", "troops", "policem", "officers", "police", "security forces"),
    ),
    ("civilians", ("civilian",)),
    ("militants", ("militant", "terrorist", "insurgent")),
    ("deaths", ("death", "fatalit", "killed", "lives", "dead", "killings")),
    ("abductions", ("abduct", "kidnap")),
    ("arrests", ("arrest",)),
    ("operations", ("operation",)),
]
# What a metric says beyond its measure: a qualifier the extractor adds ("(at least)").
_QUALIFIER = re.compile(r"\s*\((?!%)[^)]*\)\s*$")
_SPACES = re.compile(r"\s+")


def metric_of(raw: str) -> str:
    """The vocabulary's term for a metric as written; a share keeps its own name (with "%"),
    and a metric the vocabulary does not know is kept, tidied."""
    text = _SPACES.sub(" ", _QUALIFIER.sub("", raw or "")).strip().lower()
    if "%" in text:
        return text
    for term, words in VOCABULARY:
        if any(w in text for w in words):
            # "soldiers killed" and "soldiers martyred" are one measure, "soldiers" another.
            if term in KILLED_OF and any(w in text for w in _KILLED):
                return f"{term} killed"
            return term
    return text or "figure"


# Groups whose deaths are a measure of their own ("civilians killed"), not "deaths" overall.
KILLED_OF = {"security personnel", "civilians", "militants"}
_KILLED = ("killed", "death", "dead", "martyr", "lives", "fatalit")


def is_share(metric: str) -> bool:
    return "%" in metric


@dataclass(frozen=True)
class Period:
    """A figure's period from its first and last day: its kind, its label, its months."""

    start: dt.date | None
    end: dt.date | None

    @property
    def months(self) -> int:
        if not self.start:
            return 0
        end = self.end or self.start
        return (end.year - self.start.year) * 12 + end.month - self.start.month + 1

    @property
    def kind(self) -> str:
        """month, quarter, half, year, months (another span) or unknown."""
        if not self.start:
            return "unknown"
        n, first = self.months, self.start.month
        if n == 1:
            return "month"
        if n == 3 and first in (1, 4, 7, 10):
            return "quarter"
        if n == 6 and first in (1, 7):
            return "half"
        if n == 12 and first == 1:
            return "year"
        return "months"

    @property
    def label(self) -> str:
        """The period as said, never with a day: "2023", "Q1 2024", "May 2024", "Jan–Apr 2022"."""
        start, end = self.start, self.end or self.start
        if not start:
            return "Period not stated"
        kind = self.kind
        if kind == "year":
            return str(start.year)
        if kind == "quarter":
            return f"Q{(start.month - 1) // 3 + 1} {start.year}"
        if kind == "half":
            return f"{'First' if start.month == 1 else 'Second'} half of {start.year}"
        if kind == "month":
            return f"{calendar.month_name[start.month]} {start.year}"
        if start.year == end.year:
            return f"{start:%b}–{end:%b} {start.year}"
        return f"{start:%b} {start.year} – {end:%b} {end.year}"

    @property
    def month_keys(self) -> list[str]:
        """``YYYY-MM`` of every month the period covers."""
        if not self.start:
            return []
        keys, year, month = [], self.start.year, self.start.month
        for _ in range(self.months):
            keys.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return keys

    @property
    def sort_key(self) -> tuple:
        return (self.start or dt.date.max, -(self.months or 0))
