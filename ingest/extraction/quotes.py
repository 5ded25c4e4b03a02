"""Quotation spans: curly or straight marks, paired within a unit."""

from __future__ import annotations

_OPENERS = "“\u201e"
_CLOSER = "”"


def quote_spans(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return (open_mark, close_mark + 1) offsets of the quotations in ``view[start:end]``.

    Curly quotes pair by direction, straight quotes alternate; an unclosed quotation runs to
    ``end`` so a quote continuing into the next paragraph is still seen.
    """
    spans: list[tuple[int, int]] = []
    opened = -1
    for i in range(start, end):
        ch = view[i]
        if ch == "\n" and opened >= 0:
            # A quotation running over a paragraph break reopens on the next paragraph.
            spans.append((opened, i))
            opened = -1
        elif ch in _OPENERS:
            opened = i
        elif ch == _CLOSER and opened >= 0:
            spans.append((opened, i + 1))
            opened = -1
        elif ch == '"':
            if opened >= 0 and view[opened] == '"':
                spans.append((opened, i + 1))
                opened = -1
            elif opened < 0:
                opened = i
    if opened >= 0 and end - opened > 2:
        spans.append((opened, end))
    return [s for s in spans if _has_words(view, s)]


def _has_words(view: str, span: tuple[int, int]) -> bool:
    """A quotation must hold at least one word to count."""
    return any(ch.isalpha() for ch in view[span[0] : span[1]])


def outside_quotes(view: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """Return ``view[start:end]`` with quoted words blanked (marks kept), same length."""
    chars = list(view[start:end])
    for qs, qe in spans:
        for k in range(max(qs + 1, start), min(qe - 1, end)):
            if chars[k - start] != "\n":
                chars[k - start] = " "
    return "".join(chars)


def quoted_share(spans: list[tuple[int, int]], start: int, end: int) -> float:
    """Return the share of ``[start, end)`` covered by quotations."""
    if end <= start:
        return 0.0
    covered = sum(min(qe, end) - max(qs, start) for qs, qe in spans if qe > start and qs < end)
    return covered / (end - start)


def unclosed_at_end(view: str, start: int, end: int) -> bool:
    """Tell whether a paragraph leaves a curly quotation open (the quote runs on)."""
    depth = 0
    for ch in view[start:end]:
        if ch in _OPENERS:
            depth = 1
        elif ch == _CLOSER:
            depth = 0
    if depth:
        return True
    return view.count('"', start, end) % 2 == 1
