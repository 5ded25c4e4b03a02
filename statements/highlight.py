"""Split a document's text into plain and highlighted segments for display (escaped later)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .models import Statement


@dataclass(frozen=True)
class Segment:
    text: str
    statement: Statement | None = None


def segments(text: str, statements: Iterable[Statement]) -> list[Segment]:
    """The text cut at statement offsets; overlapping spans keep the first, by start."""
    parts: list[Segment] = []
    cursor = 0
    for statement in sorted(statements, key=lambda s: (s.start, -s.end)):
        start, end = max(statement.start, cursor), min(statement.end, len(text))
        if start >= end or statement.start < cursor:
            continue
        if start > cursor:
            parts.append(Segment(text[cursor:start]))
        parts.append(Segment(text[start:end], statement))
        cursor = end
    if cursor < len(text):
        parts.append(Segment(text[cursor:]))
    return parts
