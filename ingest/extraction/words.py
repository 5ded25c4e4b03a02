"""The speaker's own words inside a statement's sentence.

A statement keeps two spans: the sentence (where it came from, highlighted in the source) and
the speaker's words. For a quotation those are the words inside the quotation marks, never
the journalist's framing; for reported speech, the reported clause ("Miller said *that the
United States would …*"), without the attribution.
"""

from __future__ import annotations

import re

from .reported import ACCORDING_TO, INVERTED, NOMINAL, PARTICIPIAL, Attribution

_THAT = re.compile(r"[\s,]*(?:that\b|:)\s*")
# Words that still belong to the attribution after its verb ("told reporters on Monday that").
_AFTER_VERB = re.compile(
    r"(?:\s+(?:(?:to\s+)?(?:reporters|journalists|the\s+media|media(?:persons|men)?|newsmen"
    r"|lawmakers|the\s+(?:senate|house|committee|briefing|parliament|assembly|gathering|meeting)"
    r"|[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})\b"
    r"|(?:in|on|at|during|while|after|before|earlier|later|late|also|again|further|here"
    r"|today|yesterday|on\s+\w+day)\b[^,;:“]{0,60}?(?=\s+that\b|,|:)))*",
)
_TRAIL = " \t\n\r\u00a0.,;:"


def speaker_words(
    view: str,
    start: int,
    end: int,
    quotes: list[tuple[int, int]],
    attr: Attribution | None = None,
) -> list[tuple[int, int]]:
    """Return the spans of the speaker's own words within ``view[start:end]``.

    ``quotes`` are the quotation spans (marks included) of the unit; ``attr`` the attribution
    that made the statement, or None for a whole turn or paragraph (all of it is the speaker's).
    """
    inner = [(max(qs + 1, start), min(qe - 1, end)) for qs, qe in quotes if qs < end and qe > start]
    inner = [_strip(view, s, e) for s, e in inner]
    inner = [(s, e) for s, e in inner if e > s]
    if inner:
        return inner
    if attr is None:
        return [_strip(view, start, end)]
    return [_strip(view, *_reported_clause(view, start, end, attr))]


def _reported_clause(view: str, start: int, end: int, attr: Attribution) -> tuple[int, int]:
    """The reported clause of an indirect statement: what was said, not who said it."""
    subject_start = min(attr.mention.start, attr.cue_start)
    frame_end = max(attr.mention.end, attr.cue_end)
    if attr.mode == NOMINAL:
        that = re.search(r"\bthat\b", view[frame_end:end])
        return (frame_end + that.end(), end) if that else (frame_end, end)
    if attr.mode == ACCORDING_TO:
        # "According to X, …" or "…, according to X.": the longer side is what X said.
        comma = view.find(",", frame_end, end)
        after = (comma + 1 if comma >= 0 else frame_end, end)
        if after[1] - after[0] >= subject_start - start:
            return after
        return start, subject_start
    # The frame closes the sentence ("The attack was cowardly, the minister said."): the
    # words come before it. Likewise an inverted frame ("…, said the minister").
    closing = end - attr.cue_end < 45 and not re.search(r"\bthat\b", view[attr.cue_end : end])
    if attr.mode == INVERTED or (closing and _ends_clause(view, start, subject_start)):
        return start, subject_start
    cut = attr.cue_end
    if attr.mode != PARTICIPIAL:
        rest = _AFTER_VERB.match(view, cut, end)
        if rest and _THAT.match(view, rest.end(), end):
            cut = rest.end()
    that = _THAT.match(view, cut, end)
    return (that.end() if that else cut), end


def _ends_clause(view: str, start: int, stop: int) -> bool:
    """Tell whether the text before an attribution is a finished clause ("…, ")."""
    return view[start:stop].rstrip().endswith((",", "—", "–"))


def _strip(view: str, start: int, end: int) -> tuple[int, int]:
    """Trim blanks and closing punctuation from both ends of a span."""
    while start < end and view[start] in _TRAIL:
        start += 1
    while end > start and view[end - 1] in _TRAIL:
        end -= 1
    return start, end
