"""Pledge or not, topics, and whether a statement is about Pakistan."""

from __future__ import annotations

import json
import re
from functools import lru_cache

from .officials import DATA

_PLEDGE = re.compile(
    r"\b(?:will\s+continue|we\s+will|we'll|we\s+shall|(?:we|they|it)\s+would\s+continue"
    r"|want(?:s|ed)?\s+to\s+(?:continue|work|keep|support|help|partner|cooperate)"
    r"|(?:we|to|will|shall|would)\s+continue\b"
    r"|continues?\s+to\s+(?:work|support|assist|cooperate|help|partner|engage|collaborate|stand)"
    r"|(?:will|would|shall)\s+not\s+(?:allow|permit|tolerate)|won't\s+allow"
    r"|stands?\s+ready|remains?\s+committed|(?:is|are|remain|remains)\s+committed\s+to"
    r"|commitment\s+to|committed\s+to|agreed|agreeing|agree\s+to|intention\s+to|intends?\s+to"
    r"|pledg(?:e|es|ed|ing)|vow(?:s|ed)?|promis(?:e|es|ed)|resolved\s+to|determined\s+to"
    r"|reiterat(?:e|ed|es|ing)\s+(?:(?:its|our|their|his|her|the)\s+)?(?:\w+\s+){0,2}"
    r"(?:support|commitment)"
    r"|reaffirm(?:s|ed|ing)?\s+(?:(?:its|our|their|his|her|the)\s+)?(?:\w+\s+){0,2}"
    r"(?:support|commitment)"
    r"|assurances?\s+of\s+(?:\w+\s+)?support|ongoing\s+support|continued\s+support"
    r"|(?:will|would|shall)\s+(?:also\s+|further\s+)?(?:provide|support|help|assist|work|stand"
    r"|remain|keep|strengthen|deepen|expand|enhance|cooperate|partner|increase|bolster"
    r"|step\s+up|intensify)\b"
    r"|assured\s+(?:\w+\s+){0,3}?(?:of|that)\b|offer(?:ed|s)?\s+to\s+(?:help|assist|support))",
    re.I,
)
# Evaluations and stressing importance are not commitments, even with "will" in them.
_NOT_PLEDGE = re.compile(
    r"\b(?:importance\s+of|recogni[sz]e[sd]?\s+that|important\s+to|need\s+(?:for|to))\b", re.I
)
_PAKISTAN = re.compile(
    r"\b(?:Pakistan\w*|Islamabad|Rawalpindi|Karachi|Lahore|Peshawar|Quetta|Balochistan"
    r"|Khyber\s+Pakhtunkhwa|KP|Waziristan|TTP|Tehr[ie]e?k-[ie]-Taliban|BLA|ISPR)\b",
    re.I,
)


def is_pledge(text: str, nominal_assurance: bool = False) -> bool:
    """Return True when ``text`` commits to or reaffirms future action or support.

    ``nominal_assurance`` marks "assurances from X that …" clauses, which are X's pledge.
    """
    if nominal_assurance:
        return True
    if _NOT_PLEDGE.search(text):
        return False
    return bool(_PLEDGE.search(text))


@lru_cache(maxsize=1)
def _topic_cues() -> dict[str, tuple[str, ...]]:
    """Load the topic vocabulary (label -> cue substrings) from data/topics.json."""
    raw = json.loads((DATA / "topics.json").read_text(encoding="utf-8"))
    return {label: tuple(c.lower() for c in cues) for label, cues in raw.items()}


def topics(text: str) -> list[str]:
    """Return the topic labels whose cue words occur in ``text`` (vocabulary order)."""
    low = text.lower().replace("’", "'")
    return [label for label, cues in _topic_cues().items() if any(c in low for c in cues)]


def about_pakistan(text: str, context: str = "") -> bool:
    """Tell whether a statement (or the question it answers) concerns Pakistan."""
    return bool(_PAKISTAN.search(text) or (context and _PAKISTAN.search(context)))
