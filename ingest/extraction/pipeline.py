"""First honest extractor: direct quotations attributed with a "said" pattern."""

from __future__ import annotations

import re
from datetime import date

from .types import DAY, UNKNOWN, ExtractedStatement, Extraction

EXTRACTOR_VERSION = "0.1.0"

_QUOTE = re.compile(r"[\"“]([^\"“”]{8,}?)[\"”]")
_NAME = r"([A-Z][a-z]+(?: [A-Z][a-z]+){0,3})"
_AFTER = re.compile(
    r"^[,\s]*(?:said|stated|added)\s+" + _NAME + r"|^[,\s]*" + _NAME + r"\s+(?:said|stated|added)"
)


def extract(text: str, published: date | None = None) -> Extraction:
    """Return the direct quotations of ``text`` whose speaker is named right after them."""
    result = Extraction(published_on=published)
    for match in _QUOTE.finditer(text or ""):
        after = _AFTER.search(text[match.end() : match.end() + 80])
        if not after:
            continue
        speaker = after.group(1) or after.group(2)
        result.statements.append(
            ExtractedStatement(
                speaker=speaker,
                text=match.group(1),
                start=match.start(1),
                end=match.end(1),
                direct=True,
                said_on=published.isoformat() if published else None,
                date_precision=DAY if published else UNKNOWN,
            )
        )
    return result
