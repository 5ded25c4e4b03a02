"""Briefing transcripts: each substantive answer turn is one direct statement of the official.

Turns come from ``turns.py``. A label is resolved to a person by the first full label of the
same surname ("JAY CARNEY, WHITE HOUSE SPOKESMAN" makes a later "CARNEY" Jay Carney), by the
people the header or an article's lead names, by the gazetteer (surname and tenure on the
briefing's day), else it is written out as the label gives it. "Answer:" turns and label-less
monologues belong to the spokesperson the header names, else to the office that briefs.
Questions are never statements; the question an answer replies to is kept as its context.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import dates as D
from .mentions import ORG_WORD, TITLED, find_mentions
from .officials import person_by_surname
from .records import direct_statement, trim
from .resolver import Resolver
from .turns import ANSWER, GROUP, QUESTION, SKIP, Turn, display_name
from .types import DAY, INSTITUTION, PERSON, ExtractedStatement, Speaker
from .types import GROUP as GROUP_KIND

# Floor management, banter and no-comment turns say nothing attributable.
_PROCEDURAL = re.compile(
    r"(?i)\b(?:go\s+ahead|thank(?:s|\s+you)|good\s+(?:afternoon|morning|evening)|hello|hi\b"
    r"|welcome|next\s+question|(?:one|last)\s+(?:more|question)|with\s+that|over\s+to"
    r"|let\s+me\s+guess|take\s+(?:the|that|your)\s+question|get\s+back\s+to\s+you"
    r"|(?:not|n't)\s+(?:going\s+to|gonna|able\s+to|in\s+a\s+position\s+to)\s+"
    r"(?:comment|get\s+into|speculate|go\s+into|discuss|characteri[sz]e|preview|read\s+out)"
    r"|no\s+comment|refer\s+you\s+to|(?:don't|do\s+not)\s+have\s+(?:anything|any|a)\s+"
    r"(?:more|further|additional|update|comment|readout|details)|nothing\s+(?:more|further|new)"
    r"|(?:laughter|inaudible|crosstalk)|sorry|all\s+right|okay|sure|yeah|yes|no|please|sir"
    r"|let(?:'|’)?s\s+go\s+to|afternoon|morning|announcements?|ladies\s+and\s+gentlemen|(?:straight\s+)?to\s+"
    r"(?:your\s+)?questions|on\s+your\s+minds?"
    r"|ma'?am|everybody|everyone|there\s+you\s+go|appreciate\s+it|that's\s+a\s+mouthful"
    r"|(?:a\s+)?(?:couple|few)\s+(?:of\s+)?(?:things|items|updates)|at\s+the\s+top"
    r"|to\s+(?:start|kick)\s+(?:off|things\s+off|with))\b"
)
_WORD = re.compile(r"[A-Za-z’']+")
# A turn that opens by declining or deferring ("I'll take the question", "I'm not going to
# comment on …") says nothing more when it is short.
_DEFERS = re.compile(
    r"(?is)(?:^|\W)(?:(?:well|look|so|again|yeah|no),?\s+)?(?:I\s*(?:'|’)?(?:ll|m|am|will|would)\s+"
    r"(?:just\s+)?(?:(?:not\s+going\s+to|not\s+gonna)\s+(?:comment|get\s+into|speculate)"
    r"|take\s+(?:the|that|your)\s+question|refer\s+you|have\s+to\s+refer)"
    r"|I\s+(?:don't|do\s+not)\s+have\s+(?:anything|any\s+(?:comment|update|details))"
    r"|we\s*(?:'|’)?ll\s+(?:have\s+to\s+)?get\s+back\s+to\s+you)"
)
# Words of policy: a short turn without any is banter ("This thing has been there for days.").
_CONTENT = re.compile(
    r"(?i)\b(?:terror\w*|attack\w*|secur\w*|militar\w*|militan\w*|govern\w*|support\w*"
    r"|cooperat\w*|countr\w*|region\w*|peace|war|forces?|troops?|strikes?|operations?"
    r"|sanction\w*|aid|assist\w*|president|minister|secretary|pakistan\w*|afghan\w*|india\w*"
    r"|taliban|qa[e']?ida|isis|isil|daesh|border\w*|talks|dialogue|relation\w*|partner\w*"
    r"|all(?:y|ies)|condemn\w*|condolence\w*|killed|violen\w*|extrem\w*|nuclear|weapons?"
    r"|elections?|rights|law|justice|investigat\w*|intelligence|threats?|sovereign\w*|kashmir"
    r"|china|chinese|iran\w*|united\s+states|u\.s\.|washington|islamabad|kabul|visit\w*"
    r"|agreement|policy|economic|economy|trade|refugees?|humanitarian|crisis|conflict|deal"
    r"|commit\w*|concern\w*|stabil\w*|democra\w*|protest\w*|arrest\w*|prosecut\w*)\b"
)
_FO_HEADER = re.compile(
    r"(?i)foreign\s+office|foreign\s+affairs|mofa|islamabad|assalam|pakistan|spokesperson\s+on\s+"
)
# The State Department's own headers (a Foreign Office transcript may discuss the department).
_US_HEADER = re.compile(
    r"(?i)department\s+press\s+briefing|daily\s+press\s+briefing|washington,?\s+d\.?\s*c"
    r"|office\s+of\s+the\s+spokesperson"
)
_UN_HEADER = re.compile(r"(?i)secretary-general|united\s+nations|noon\s+briefing")
_HEADER_NAME = re.compile(
    r"\bby\s+(?:the\s+)?(?:(?:Press\s+Secretary|Spokes(?:person|man|woman))\s+)?"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}?)"
    r"(?=,|\s+(?:the\s+)?Spokes|\s+on\b|\s*$|\s+\()",
    re.M,
)


def trivial(body: str) -> bool:
    """Tell whether a turn is floor management, banter or a bare no-comment.

    A short turn (30 words or fewer) is trivial when its procedural phrases make up a third
    of it (half of it when it holds a word of policy); a very short one (10 or fewer) also
    when it has no word of policy at all ("Actually, I was watching NBC.").
    """
    words = _WORD.findall(body)
    if len(words) <= 5:
        return True
    if len(words) > 40:
        return False
    if len(words) <= 40 and _DEFERS.search(body[:80]):
        return True
    if len(words) > 30:
        return False
    covered = sum(len(_WORD.findall(m.group(0))) for m in _PROCEDURAL.finditer(body))
    policy = _CONTENT.search(body) is not None
    # with a word of policy in it, the procedure must make up half of the turn
    return covered * (2 if policy else 3) >= len(words) or (len(words) <= 10 and not policy)


def briefing_day(view: str, header: str, ref: D.Ref | None) -> date | None:
    """The briefing's day: a date its header prints (the most frequent, the earliest of equals:
    a repost's own date comes later), else the reference day."""
    found = [d for _, d in D.full_dates(header) or D.numeric_dates(header)]
    known = ref.day if ref is not None and ref.precision == DAY else None
    if found:
        best = min(found, key=lambda d: (-found.count(d), d))
        if known is None or ref.weak or timedelta(0) <= known - best <= timedelta(days=7):
            return best
    return known


def header_speaker(header: str, day: date | None) -> Speaker:
    """Who answers unlabelled or "Answer:" turns: the official the header names, else the
    office that briefs (the Foreign Office, the State Department, the UN spokesperson)."""
    resolver = Resolver(day)
    for m in find_mentions(header, 0, len(header)):
        if m.kind == TITLED:
            return resolver.resolve(m) or Speaker(m.name, PERSON, None, m.role)
    named = _HEADER_NAME.search(header)
    if named and (
        ORG_WORD.search(named.group("name")) or re.search(r"['’]s\b", named.group("name"))
    ):
        named = None  # "by the US State Department's Spokesperson": an office, not a name
    if named:
        name = named.group("name")
        known = person_by_surname(name.split()[-1], day)
        if known is not None and known.name.split()[0] == name.split()[0]:
            return known
        org = "United Nations" if _UN_HEADER.search(header) else None
        return Speaker(name, PERSON, org, "Spokesperson", "other" if org else "pk")
    if _UN_HEADER.search(header):
        return Speaker("United Nations", INSTITUTION, "United Nations", "briefing", "other")
    if _US_HEADER.search(header) and not _FO_HEADER.search(header):
        return Speaker("U.S. Department of State", INSTITUTION, "U.S. Department of State")
    # "Question:/Answer:" and label-less briefings are the Pakistan Foreign Office's format.
    return Speaker("Pakistan Foreign Office", INSTITUTION, "Pakistan Foreign Office", None, "pk")


class LabelResolver:
    """Resolve turn labels to speakers, linking short labels to the document's full ones."""

    def __init__(self, known: list[Speaker], day: date | None) -> None:
        self.day = day
        self.by_surname: dict[str, Speaker] = {}
        for s in known:
            if s.kind == PERSON:
                self.by_surname.setdefault(s.name.split()[-1].lower(), s)

    def speaker(self, turn: Turn, anonymous: Speaker) -> Speaker:
        """The speaker of an official's turn."""
        if turn.kind == ANSWER:
            return anonymous
        if turn.kind == GROUP:
            org = "U.S. Department of State" if "STATE" in turn.who.upper() else None
            return Speaker(
                display_name(turn.who.split()), GROUP_KIND, org, None, "us" if org else "other"
            )
        words = turn.name_words
        if not words:
            return anonymous
        key = words[-1].lower()
        if key in self.by_surname and len(words) == 1:
            return self.by_surname[key]
        found = person_by_surname(words[-1], self.day)
        if found is not None and (
            len(words) == 1
            or found.name.split()[0].lower() == key
            or found.name.split()[0].lower() == words[0].lower()
        ):
            speaker = found
        else:
            role = _role(turn.role_words)
            speaker = Speaker(display_name(words), PERSON, None, role)
        if key not in self.by_surname or len(words) > 1:
            self.by_surname[key] = speaker
        return speaker


def _role(words: str) -> str | None:
    """A label's title as a role ("FOREIGN MINISTER" -> "Foreign Minister")."""
    words = " ".join(
        w for w in words.replace(".", " ").split() if w.upper() not in ("MR", "MS", "MRS", "DR")
    )
    return words.title() or None


def transcript_statements(
    text: str,
    view: str,
    transcript: list[Turn],
    ref: D.Ref | None,
    known: list[Speaker],
    monologue: int | None = None,
) -> list[ExtractedStatement]:
    """Each official's turn is a direct statement dated with the briefing; questions are context.

    ``known`` are the speakers an article's lead or the header already named; ``monologue`` is
    where a label-less opening begins, which is one turn of the briefer.
    """
    first = _label_start(view, transcript[0]) if transcript else len(view)
    header = view[: min(first if monologue is None else monologue, 3000)]
    day = briefing_day(view, header, ref)
    anonymous = header_speaker(header, day)
    labels = LabelResolver(known, day)
    out = []
    if monologue is not None:
        label_start = _label_start(view, transcript[0]) if transcript else len(view)
        s, e = trim(text, monologue, label_start, False)
        if e > s and not trivial(text[s:e]):
            out.append(direct_statement(text, s, e, anonymous, day))
    question = ""
    for t in transcript:
        if t.kind == QUESTION:
            question = text[t.start : t.end]
            continue
        if t.kind == SKIP:
            continue
        speaker = labels.speaker(t, anonymous)  # also for a trivial turn: it names the label
        s, e = trim(text, t.start, t.end, False)
        if e <= s or trivial(text[s:e]):
            continue
        out.append(direct_statement(text, s, e, speaker, day, question[:2000]))
    return out


def _label_start(view: str, turn: Turn) -> int:
    """Where a turn's label begins (its line's start)."""
    return view.rfind("\n", 0, turn.start) + 1


def date_from_lead(answers: list[ExtractedStatement], lead: list[ExtractedStatement]) -> None:
    """An article's lead dates the exchange it quotes ("Falk said on Monday …")."""
    dated = {s.speaker: s.said_on for s in lead if s.date_precision == DAY and s.said_on}
    for a in answers:
        if a.speaker in dated:
            a.said_on = dated[a.speaker]
            a.date_precision = DAY


def speaker_of(stmt: ExtractedStatement) -> Speaker:
    """The speaker of an extracted statement, as the resolver gives speakers."""
    return Speaker(
        stmt.speaker, stmt.speaker_kind, stmt.speaker_org, stmt.speaker_role, stmt.speaker_side
    )


def header_people(header: str, ref: D.Ref | None) -> list[Speaker]:
    """People a transcript's header names with a title ("Press Secretary Jay Carney")."""
    resolver = Resolver(ref.day if ref is not None else None)
    found = []
    for m in find_mentions(header, 0, len(header)):
        if m.kind == TITLED:
            speaker = resolver.resolve(m)
            if speaker is not None and speaker.kind == PERSON:
                found.append(speaker)
    return found
