"""Briefing transcripts: "MR PRICE:" / "QUESTION:" turns become answers with their question."""

from __future__ import annotations

import re
from dataclasses import dataclass

TURN = re.compile(
    r"(?m)^[ \t\u00a0]*(?P<who>(?:MR|MS|MRS|DR|AMBASSADOR|SECRETARY|GENERAL|ADMIRAL)\.?[ \t]+"
    r"[A-Z][A-Z'’\-]+(?:[ \t]+[A-Z][A-Z'’\-]+)?|QUESTION|Question|Q|MODERATOR|OPERATOR"
    r"|PARTICIPANT|ANSWER|Answer|SPOKESPERSON|Spokesperson|A"
    r"|(?:SENIOR[ \t]+)?(?:[A-Z]{2,}[ \t]+){0,3}(?:OFFICIAL|MINISTER|COORDINATOR|DIRECTOR"
    r"|PRESIDENT)(?:[ \t]+[A-Z][A-Z'’\-]+)?)"
    r"[ \t]*:[ \t]*"
)
QUESTION_MARKERS = {"QUESTION", "Question", "Q", "PARTICIPANT"}
# Turns answered by "the spokesperson" of a briefing rather than by a named "MR X".
ANONYMOUS_ANSWER = {"ANSWER", "Answer", "SPOKESPERSON", "Spokesperson", "A"}
_SKIP = {"MODERATOR", "OPERATOR"}


@dataclass(slots=True)
class Turn:
    """One speaking turn: the marker's speaker label and the body's offsets."""

    who: str
    start: int
    end: int

    @property
    def is_question(self) -> bool:
        """Tell whether this turn is a journalist's question (never a statement)."""
        return self.who in QUESTION_MARKERS

    @property
    def is_unnamed_official(self) -> bool:
        """ "SENIOR STATE DEPARTMENT OFFICIAL": a background briefer, not a named person."""
        return self.who.endswith("OFFICIAL")

    @property
    def surname(self) -> str:
        """The surname in a marker like "MR PRICE" (title dropped), as written."""
        parts = self.who.replace(".", " ").split()
        return parts[-1] if len(parts) > 1 else ""


def turns(view: str) -> list[Turn]:
    """Return the speaking turns of a transcript, or [] if the text is not one.

    A text counts as a transcript when it has at least two official turns and a question.
    """
    marks = list(TURN.finditer(view))
    answers = [m for m in marks if m.group("who") not in QUESTION_MARKERS | _SKIP]
    questions = [m for m in marks if m.group("who") in QUESTION_MARKERS]
    if len(answers) < 2 or not questions:
        return []
    result = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(view)
        start = m.end()
        while end > start and view[end - 1] in " \t\n\r\u00a0":
            end -= 1
        if end > start:
            result.append(Turn(m.group("who").strip(), start, end))
    return result


def display_name(surname: str) -> str:
    """Turn "PRICE" into "Price" for speakers missing from the gazetteer."""
    return "-".join(p.capitalize() for p in surname.split("-"))
