"""Split a document's text into plain and highlighted segments for display (escaped later)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .models import Statement, Statistic


@dataclass(frozen=True)
class Segment:
    text: str
    statement: Statement | None = None
    # The first piece of its statement (it carries the statement's anchor, #s<pk>).
    first: bool = True
    # Inside a cited figure's span; ``anchors``: the ids of the figures starting here (f<pk>
    # for a statistic, t<pk> for an event's toll).
    figure: bool = False
    anchors: tuple[str, ...] = field(default_factory=tuple)


def segments(
    text: str,
    statements: Iterable[Statement],
    figures: Iterable[Statistic] = (),
    marks: Iterable[tuple[int, int, str]] = (),
) -> list[Segment]:
    """The text cut at statement offsets; overlapping spans keep the first, by start. Cited
    figures' spans, and ``marks`` (start, end, anchor id: an event's toll), cut it
    further, so that each has an anchor where it starts and is marked, inside a statement's
    highlight or not."""
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
    spans = [(f.start, min(f.end, len(text)), f"f{f.pk}") for f in figures]
    spans += [(start, min(end, len(text)), anchor) for start, end, anchor in marks]
    spans = [(s, e, pk) for s, e, pk in spans if 0 <= s < e]
    return _with_figures(parts, spans) if spans else parts


def _with_figures(parts: list[Segment], spans: list[tuple[int, int, str]]) -> list[Segment]:
    cuts = sorted({s for s, _, _ in spans} | {e for _, e, _ in spans})
    out: list[Segment] = []
    offset = 0
    for part in parts:
        start, end = offset, offset + len(part.text)
        points = [start, *(c for c in cuts if start < c < end), end]
        for i, (a, b) in enumerate(zip(points, points[1:], strict=False)):
            out.append(
                replace(
                    part,
                    text=part.text[a - start : b - start],
                    first=part.first and i == 0,
                    figure=any(s <= a and b <= e for s, e, _ in spans),
                    anchors=tuple(anchor for s, _, anchor in spans if s == a),
                )
            )
        offset = end
    return out
