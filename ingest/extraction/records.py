"""Building statement records: spans trimmed to their words, whole-turn statements."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from . import dates as D
from .classify import about_pakistan, is_pledge, topics
from .mentions import GROUP_M, PRONOUN, ROLE_NOUN, SURNAME
from .reported import ACCORDING_TO, Attribution
from .types import (
    ACCORDING,
    ATTRIBUTION_CONFIDENCE,
    DAY,
    DESCRIPTION,
    GROUP_REF,
    INFERRED,
    NAMED,
    PRONOUN_REF,
    SURNAME_REF,
    TURN,
    UNKNOWN,
    ExtractedStatement,
    Speaker,
)
from .words import speaker_words

DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2}|[A-Z]{3,}(?:\s+[A-Z]{3,})?)"
    r"(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2})?(?:\s*\([A-Za-z ]+\))?\s*(?:[-–—:]|:)\s+",
    re.M,
)


@dataclass(slots=True)
class Draft:
    """A statement before dates are settled across the document."""

    stmt: ExtractedStatement
    speaker: Speaker
    own: D.Resolved | None
    briefing: bool
    standing: bool


def trim(text: str, start: int, end: int, first_in_para: bool) -> tuple[int, int]:
    """Strip blanks (and a leading dateline such as "WASHINGTON: ") from a span."""
    if first_in_para:
        m = DATELINE.match(text, start, end)
        if m and m.end() - start < 45:
            start = m.end()
    while start < end and text[start] in " \t\n\r\u00a0,;":
        start += 1
    while end > start and text[end - 1] in " \t\n\r\u00a0":
        end -= 1
    return start, end


def direct_statement(
    text: str,
    start: int,
    end: int,
    speaker: Speaker,
    day: date | None,
    context: str = "",
    basis: str = TURN,
) -> ExtractedStatement:
    """A whole turn or paragraph said by ``speaker`` on ``day``, classified.

    ``basis`` says how the speaker is known (a transcript's turn label, an issued statement).
    """
    body = text[start:end]
    return ExtractedStatement(
        speaker=speaker.name,
        text=body,
        start=start,
        end=end,
        direct=True,
        speaker_kind=speaker.kind,
        speaker_org=speaker.org,
        speaker_role=speaker.role,
        speaker_side=speaker.side,
        speaker_canonical=speaker.canonical,
        said_on=day.isoformat() if day else None,
        date_precision=DAY if day else UNKNOWN,
        is_pledge=is_pledge(body),
        topics=topics(body),
        about_pakistan=about_pakistan(body, context),
        context=context,
        words=speaker_words(text, start, end, []),
        attribution=basis,
        confidence=ATTRIBUTION_CONFIDENCE[basis],
    )


def attribution_basis(attr: Attribution) -> str:
    """How an attribution found its speaker (named, pronoun, description...), for confidence."""
    if attr.mode == ACCORDING_TO:
        return ACCORDING
    if attr.mention.extra.get("unnamed"):
        return INFERRED
    return _BASIS_OF_MENTION.get(attr.mention.kind, NAMED)


_BASIS_OF_MENTION = {
    SURNAME: SURNAME_REF,
    PRONOUN: PRONOUN_REF,
    ROLE_NOUN: DESCRIPTION,
    GROUP_M: GROUP_REF,
}
