"""Organisations the gazetteer does not know, introduced by the text itself.

A think tank, a commission or a rights group is usually named once in full with its initials
("the Lahore Centre for Peace Research (LCPR)") and then by the initials alone ("the LCPR
said", "according to the LCPR report"). The full name is one institution mention, whatever
place name it opens with ("the Islamabad Policy Research Institute" is not Islamabad
speaking), and its initials refer back to it.
"""

from __future__ import annotations

import re

from .mention_kinds import INST, SURNAME, Mention

# Words an organisation's name ends with.
_HEAD = (
    r"Institute|Centre|Center|Council|Foundation|Forum|Commission|Network|Portal|Observatory"
    r"|Watch|Association|Society|Trust|Bureau|Board|Authority|Directorate|Committee|Academy"
    r"|Initiative|Project|Monitor|Tank"
)
_WORD = r"[A-Z][\w'’&.-]*"
ORG_NAME = re.compile(
    rf"\b(?:[Tt]he\s+)?(?P<name>{_WORD}(?:\s+(?:(?:for|of|on|and|in|&)\s+)?{_WORD}){{0,7}}?"
    rf"\s+(?:{_HEAD})(?:\s+(?:for|of|on)\s+{_WORD}(?:\s+(?:and\s+)?{_WORD}){{0,4}})?)"
    r"(?:\s+\((?P<acronym>[A-Z][A-Za-z]{1,7})\))?"
)
_HEAD_WORD = re.compile(rf"\b(?:{_HEAD})\b")
_ACRONYM = re.compile(r"\b[A-Z]{3,8}\b")


def organisation_mentions(view: str, start: int, end: int) -> list[Mention]:
    """Named organisations ending in a head word, as institution mentions that carry their
    full name and initials."""
    if not _HEAD_WORD.search(view, start, end):
        return []
    found = []
    for m in ORG_NAME.finditer(view, start, end):
        if len(m.group("name").split()) < 2:
            continue
        extra = {"org_name": 1, "acronym": m.group("acronym") or ""}
        found.append(
            Mention(m.start(), m.end(), INST, m.group(0), name=m.group("name"), extra=extra)
        )
    return found


def initials_mentions(
    view: str, start: int, end: int, known: frozenset[str] | set[str]
) -> list[Mention]:
    """Initials the text introduced for an organisation ("the LCPR said")."""
    return [
        Mention(m.start(), m.end(), SURNAME, m.group(0), name=m.group(0))
        for m in _ACRONYM.finditer(view, start, end)
        if m.group(0).lower() in known
    ]
