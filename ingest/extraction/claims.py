"""Claims of responsibility by armed groups are never statements (the annotation rules): a
group's spokesman saying its fighters carried out an attack reports a claim, not a position
of a government. The Afghan Taliban, who govern, are not such a group here."""

from __future__ import annotations

import re

from .types import ExtractedStatement

_VOICE = re.compile(r"(?i)\b(?:spokes(?:man|person|woman)|commander|chief|leader|statement)\b")
_CLAIM = re.compile(
    r"(?i)\b(?:claim(?:ed|s|ing)?|responsibility|carried\s+out|(?:was|were)\s+behind"
    r"|(?:fighters|militants|men|members|bombers?|attackers?|cadres|mujahideen)\s+"
    r"(?:had\s+|have\s+)?(?:attacked|targeted|stormed|struck|killed|carried|ambushed))\b"
)
_FIRST_VERB = re.compile(r"\b(?:said|says|told|claimed|added|stated|announced|warned|insisted)\b")
_GOVERNING = {"Afghan Taliban"}


def is_group_claim(stmt: ExtractedStatement, groups: list[tuple[int, str]]) -> bool:
    """Whether a statement is an armed group's claim: a group named with its voice where the
    speaker stands (before the reporting verb, or after a closing quotation mark), and words
    of claiming an attack."""
    text = stmt.text
    verb = _FIRST_VERB.search(text)
    closing = max(text.rfind("”"), text.rfind('"'))
    zones = [(stmt.start, stmt.start + (verb.start() if verb else min(len(text), 100)))]
    if closing >= 0:
        zones.append((stmt.start + closing, stmt.end))
    named = any(a <= pos < b and name not in _GOVERNING for pos, name in groups for a, b in zones)
    voiced = any(_VOICE.search(text, a - stmt.start, b - stmt.start) for a, b in zones)
    return named and voiced and bool(_CLAIM.search(text))
