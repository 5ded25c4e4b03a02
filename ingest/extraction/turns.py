"""Speaking turns of a transcript: the label grammar of every house style.

Briefings label their turns in many ways: ``MR PRICE:``, ``MR. CROWLEY:``, ``MS. NULAND:``,
``REAR ADM. KIRBY:``, ``FOREIGN MINISTER KHAR:``, ``JAY CARNEY, WHITE HOUSE SPOKESMAN:`` then
``CARNEY:``, ``SPOKESPERSON:``, ``Answer:``, and questions as ``QUESTION:``, ``Q:``, ``Q.`` or a
bare ``Q`` before the question. Some briefings have no labels at all: the Foreign Office's
weekly briefing and the UN noon briefing are one monologue introduced by a header ("Transcript
of the Press Briefing by the Spokesperson …", "… noon briefing by <name>, Spokesman for the
Secretary-General"); ``monologue_start`` finds where such a body begins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Title words that may precede a surname in a label; they are dropped to find the name.
_TITLE_WORDS = (
    r"MR|MS|MRS|MISS|DR|SIR|MADAM|AMBASSADOR|SECRETARY|UNDER|ASSISTANT|DEPUTY|PRINCIPAL|ACTING"
    r"|SPECIAL|GENERAL|GEN|LT|LIEUTENANT|MAJOR|MAJ|COLONEL|COL|CAPTAIN|CAPT|ADMIRAL|ADM|REAR"
    r"|VICE|BRIG|BRIGADIER|COMMANDER|CMDR|SERGEANT|SGT|PRESIDENT|PRIME|FOREIGN|DEFENSE|DEFENCE"
    r"|INTERIOR|MINISTER|STATE|SENATOR|SEN|REPRESENTATIVE|REP|GOVERNOR|CHAIRMAN|CHAIR|PRESS"
    r"|SPOKESPERSON|SPOKESMAN|SPOKESWOMAN|ENVOY|COORDINATOR|DIRECTOR|ADVISER|ADVISOR|AIR|MARSHAL"
    r"|NATIONAL|SECURITY|FIELD|CHIEF|OF|THE|FOR|AND|TO|HIS|HER|EXCELLENCY|HON|HONOURABLE"
)
_TITLE_SET = frozenset(_TITLE_WORDS.split("|"))
QUESTION = "question"
ANSWER = "answer"  # an answer by "the spokesperson" of the briefing, unnamed in the label
NAMED = "named"
SKIP = "skip"
GROUP = "group"  # a background briefer: "SENIOR STATE DEPARTMENT OFFICIAL"

_QUESTION_LABEL = re.compile(
    r"(?i:QUESTION|Q\.?|REPORTER|JOURNALIST|PARTICIPANT|AUDIENCE\s+MEMBER"
    r"|(?:UNIDENTIFIED|UNKNOWN)\s+(?:FEMALE|MALE|SPEAKER|REPORTER|PARTICIPANT|JOURNALIST)"
    r"|(?:FEMALE|MALE)\s+REPORTER)"
)
_SKIP_LABEL = re.compile(r"(?i:MODERATOR|OPERATOR|INTERPRETER|TRANSLATOR|MC|HOST|ANCHOR)")
_ANSWER_LABEL = re.compile(
    r"(?i:ANSWER|A|SPOKES(?:PERSON|MAN|WOMAN)|SPOX|FO\s+SPOKES(?:PERSON|MAN|WOMAN))"
)
_UPPER_WORD = r"(?:Mc|Mac|O’|O')?[A-Z][A-Z.'’\-]*"
# A label: one to six capitalised words (with an optional ", ROLE"), or "Mr. Price", then ":".
_LABEL = re.compile(
    r"(?m)^[ \t\u00a0]*(?P<who>"
    rf"{_UPPER_WORD}(?:[ \t]+{_UPPER_WORD}){{0,5}}(?:,[ \t]+[A-Za-z][A-Za-z.'’\- ]{{1,60}}?)?"
    r"|(?:Mr|Ms|Mrs|Dr)\.?[ \t]+[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?"
    r"|Question|Answer|Spokesperson|Spokesman|Spokeswoman|Moderator)"
    r"[ \t]*:[ \t]*"
)
# The White House writes a question as a bare "Q" before it: "Q  Thank you, sir."
_BARE_Q = re.compile(r"(?m)^[ \t\u00a0]*(?P<who>Q)\.?[ \t]+(?=[A-Z“\"(‘'])")
# Transcription services: "Ned Price: (00:02)" or "Ned Price (00:02):" on its own line, any
# person, any case ("Speaker 3 (01:15):" too).
_TIMECODE = r"\(\d{1,2}:\d{2}(?::\d{2})?\)"
_TIMECODED = re.compile(
    r"(?m)^[ \t\u00a0]*(?P<who>[A-Z][\w.'’-]*(?:[ \t]+[A-Z0-9][\w.'’-]*){0,3})"
    rf"(?::[ \t]*{_TIMECODE}|[ \t]*{_TIMECODE}[ \t]*:)[ \t]*\n?"
)
# Foreign Office pages: "Question" and "Answer" alone on their lines.
_BARE_QA = re.compile(
    r"(?m)^[ \t\u00a0]*(?P<who>Question|Answer|QUESTION|ANSWER)"
    r"(?:[ \t]*:?[ \t]*\n|[ \t]+(?=[A-Z“]))"
)
# Words a dateline or a page section puts before a colon: never a speaker's label.
_NOT_A_LABEL = re.compile(
    r"(?i)^(?:update[ds]?|note|editor'?s?\s+note|read(?:\s+more|\s+also)?|also\s+read|related"
    r"|watch|photo|photos|source|sources|by|tags?|share|follow|published|posted|dated?"
    r"|caption|credit|disclaimer|warning|breaking|exclusive|opinion|analysis|comment|edit"
    r"|see\s+also|background|summary|key\s+points|highlights|keywords?|category|topics?)$"
)


@dataclass(slots=True)
class Turn:
    """One speaking turn: its label, what kind of turn it is, and the body's offsets."""

    who: str
    kind: str
    start: int
    end: int

    @property
    def name_words(self) -> list[str]:
        """The words of the label that name the person (titles and the ", ROLE" dropped)."""
        label = self.who.split(",")[0].replace(".", " ")
        words = label.split()
        while words and words[0].upper() in _TITLE_SET:
            words.pop(0)
        return words

    @property
    def role_words(self) -> str:
        """The title in the label ("FOREIGN MINISTER" of "FOREIGN MINISTER KHAR"), or the
        role after its comma ("WHITE HOUSE SPOKESMAN")."""
        head, _, tail = self.who.partition(",")
        if tail.strip():
            return tail.strip()
        words = head.replace(".", " ").split()
        titles = []
        for w in words:
            if w.upper() not in _TITLE_SET or w.upper() in ("MR", "MS", "MRS", "MISS", "DR"):
                break
            titles.append(w)
        return " ".join(titles)


def _kind(who: str, places: frozenset[str]) -> str | None:
    """Classify a label, or None when it is not a speaker label (a dateline, "Read more")."""
    bare = " ".join(who.split())
    if _QUESTION_LABEL.fullmatch(bare):
        return QUESTION
    if _SKIP_LABEL.fullmatch(bare):
        return SKIP
    if _ANSWER_LABEL.fullmatch(bare):
        return ANSWER
    if _NOT_A_LABEL.match(bare) or bare.upper() in places:
        return None
    if bare.upper().endswith("OFFICIAL") or bare.upper().endswith("OFFICIALS"):
        return GROUP
    if bare[:1].isupper() and (bare.isupper() or re.match(r"(?:Mr|Ms|Mrs|Dr)\b", bare)):
        return NAMED
    return None


def turns(view: str, places: frozenset[str] = frozenset()) -> list[Turn]:
    """Return the speaking turns of a transcript, or [] if the text is not one.

    ``places`` holds upper-cased place names ("WASHINGTON"), which in a dateline look like
    labels. A text is a transcript when it has an official's turn and a question's (or a
    moderator's), or at least three turns of labelled officials (two of them with a title or
    the same label twice), so that one dateline or one "Note:" never makes an article one.
    """
    marks = []
    for m in _LABEL.finditer(view):
        kind = _kind(m.group("who"), places)
        if kind is not None:
            marks.append((m.start(), m.end(), m.group("who").strip(), kind))
    for m in _BARE_Q.finditer(view):
        marks.append((m.start(), m.end(), "Q", QUESTION))
    for m in _BARE_QA.finditer(view):
        who = m.group("who").title()
        marks.append((m.start(), m.end(), who, QUESTION if who == "Question" else ANSWER))
    marks += _timecoded(view)
    marks = sorted({m[0]: m for m in marks}.values())
    questions = sum(1 for *_, k in marks if k in (QUESTION, SKIP))
    officials = [w for _, _, w, k in marks if k in (NAMED, ANSWER, GROUP)]
    repeated = len(officials) - len(set(officials))
    titled = sum(1 for w in officials if " " in w or "." in w)
    if not officials or len(marks) < 2:
        return []
    if not questions and not (len(officials) >= 3 and (repeated or titled >= 2)):
        return []
    result = []
    for i, (_, body, who, kind) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(view)
        while end > body and view[end - 1] in " \t\n\r\u00a0":
            end -= 1
        result.append(Turn(who, kind, body, max(body, end)))
    return result


def _timecoded(view: str) -> list[tuple[int, int, str, str]]:
    """Turns labelled "Name: (00:02)": the most frequent name is the briefer, the others are
    the reporters asking (a transcription service labels everyone by name)."""
    found = [(m.start(), m.end(), m.group("who").strip()) for m in _TIMECODED.finditer(view)]
    if len(found) < 2:
        return []
    counts: dict[str, int] = {}
    for *_, who in found:
        counts[who] = counts.get(who, 0) + 1
    briefer = max(counts, key=lambda w: (counts[w], len(w.split())))
    return [
        (s, e, who.upper() if who == briefer else "QUESTION", NAMED if who == briefer else QUESTION)
        for s, e, who in found
    ]


# Headers of briefings without labels: the Foreign Office's and the UN's.
_MONOLOGUE_HEADER = re.compile(
    r"(?i)(?:transcript\s+of\s+(?:the\s+)?(?:weekly\s+)?(?:press|media)\s+briefing\s+by"
    r"|near-verbatim\s+transcript\s+of\s+today'?’?s\s+noon\s+briefing\s+by"
    r"|(?:weekly|daily)\s+(?:press|media)\s+briefing\s+by\s+(?:the\s+)?spokes"
    # the Foreign Office's pages that open with the note alone
    r"|\[this\s+is\s+a\s+rush\s+transcript)"
)
# Lines between the header and the remarks: a date, a rush-transcript note, a greeting.
_PREAMBLE = re.compile(
    r"(?i)\s*(?:\[[^\]]*\]|\(?[A-Z][a-z]+day,?\s+\d|\d{1,2}\s+[A-Z][a-z]+,?\s+\d{4}"
    r"|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4}|view\s+video|share\b|printable|skip\s+to"
    r"|(?:assalam|bismillah|thanks?\s+(?:you\s+)?for\s+joining|welcome\b|ladies\s+and"
    r"|good\s+(?:afternoon|morning|evening))[^\n]{0,80}$)"
)


def monologue_start(view: str, paragraphs: list[tuple[int, int]]) -> int | None:
    """Where the body of a label-less briefing begins (after its header, date and greeting
    lines), or None when the text is not such a briefing. Takes the text and its paragraphs'
    (start, end)."""
    for i, (start, end) in enumerate(paragraphs[:8]):
        if _MONOLOGUE_HEADER.search(view, start, end):
            k = i + 1
            while k < len(paragraphs) and _PREAMBLE.match(view, *paragraphs[k]):
                k += 1
            return paragraphs[k][0] if k < len(paragraphs) else None
    return None


def display_name(words: list[str]) -> str:
    """Turn label words ("JAY", "CARNEY") into a name ("Jay Carney") for unknown speakers."""
    return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in words)
