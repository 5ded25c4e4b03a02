"""Briefing transcripts: "MR PRICE:" / "QUESTION:" turns become answers with their question."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from . import dates as D
from .mentions import find_mentions
from .officials import (
    official_in_office,
    person_by_surname,
)
from .records import direct_statement, trim
from .resolver import Resolver
from .types import (
    DAY,
    GROUP,
    INSTITUTION,
    PERSON,
    ExtractedStatement,
    Speaker,
)

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


# Floor management ("Go ahead.", "Thanks, everyone.") says nothing attributable.
_TRIVIAL_TURN = re.compile(
    r"(?is)^\W*(?:(?:yes|yeah|sure|okay|ok|all\s+right|go\s+ahead|thank\s+you|thanks"
    r"|next\s+question|please|great|good\s+(?:afternoon|morning)|everyone|all|very\s+much"
    r"|(?:one|last)\s+(?:more|question)|sir|ma'am|so|well)[\s,.!?:;-]*)*$"
    r"|^\W*(?:\S+\s+){0,3}\S*\W*$"
)


def date_from_lead(answers: list[ExtractedStatement], lead: list[ExtractedStatement]) -> None:
    """An article's lead names and dates the exchange it quotes ("Falk said on Monday …")."""
    people = {s.speaker.split()[-1].lower(): s for s in lead if s.speaker_kind == PERSON}
    for a in answers:
        known = people.get(a.speaker.lower()) if " " not in a.speaker else None
        if known is not None:
            a.speaker, a.speaker_org = known.speaker, known.speaker_org
            a.speaker_role, a.speaker_side = known.speaker_role, known.speaker_side
    dated = {s.speaker: s.said_on for s in lead if s.date_precision == DAY and s.said_on}
    for a in answers:
        if a.speaker in dated:
            a.said_on = dated[a.speaker]


def _briefing_spokesperson(view: str, header: str, day: date | None) -> Speaker:
    """Who answers "Answer:" turns: the official the header names, else the one in office."""
    resolver = Resolver(day)
    for m in find_mentions(header, 0, len(header)):
        if m.kind == "titled":
            return resolver.resolve(m) or Speaker(m.name, PERSON, None, m.role)
    # "Question:/Answer:" transcripts are the Pakistan Foreign Office's format; the State
    # Department names its briefer ("MR MILLER:"), so only a US header points there.
    pakistan = not re.search(r"Department of State|State Department|Washington, D\.?C", header)
    org = "Pakistan Foreign Office" if pakistan else "U.S. Department of State"
    found = official_in_office(org, "Spokesperson", day)
    if found is not None:
        return found
    return Speaker(org, INSTITUTION, org, "briefing", "pk" if pakistan else "us")


def transcript_statements(
    text: str, view: str, transcript: list, ref: D.Ref | None
) -> list[ExtractedStatement]:
    """Each official's turn is a direct statement dated with the briefing; questions are context."""
    header = view[: transcript[0].start] if transcript else ""
    found = D.full_dates(header) or D.full_dates(view, 0, min(len(view), 3000))
    day = ref.day if ref is not None and ref.precision == DAY else (found[0][1] if found else None)
    question = ""
    out = []
    anonymous = _briefing_spokesperson(view, header, day)
    for t in transcript:
        if t.is_question:
            question = text[t.start : t.end]
            continue
        if t.who in ("MODERATOR", "OPERATOR"):
            continue
        s, e = trim(text, t.start, t.end, False)
        if e <= s or _TRIVIAL_TURN.match(text[s:e]):
            continue
        if t.who in ANONYMOUS_ANSWER:
            speaker = anonymous
        elif t.is_unnamed_official:
            org = "U.S. Department of State" if "STATE" in t.who else None
            speaker = Speaker(t.who.title(), GROUP, org, None, "us" if org else "other")
        else:
            speaker = person_by_surname(t.surname, day) or Speaker(display_name(t.surname), PERSON)
        out.append(direct_statement(text, s, e, speaker, day, question[:2000]))
    return out
