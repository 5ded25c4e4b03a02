"""Attributions through a source or a noun rather than a reporting verb: "according to X",
"State media quoted X as saying", "X's insistence that …", "a tweet from X that …"."""

from __future__ import annotations

import re

from .attribution import ACCORDING_TO, NOMINAL, SUBJECT, Attribution
from .mentions import CAPNAME, Mention
from .resolver import Resolver
from .types import INSTITUTION, Speaker

ACCORDING = re.compile(
    r"\b(?:[Aa]ccording\s+to|[Aa]s\s+per|[Ii]n\s+the\s+words\s+of|[Qq]uoting)\s+"
)
# "according to PTI": an outlet or agency known by its initials.
_ACCORDING_ACRONYM = re.compile(r"\b[Aa]ccording\s+to\s+(?P<name>[A-Z]{2,6})\b(?!['’]s)")
_NOMINAL_NOUNS = (
    r"insistence|assertions?|claims?|denials?|assurances?|warnings?|pledges?|promises?"
    r"|contention|allegations?|statement|remarks|comments?|tweet|post|message|letter|demand"
    r"|announcement|acknowledg(?:e)?ment|admission|suggestion|proposal|position|stance|view"
    r"|argument|belief|call|reminder|threat"
)
NOMINAL_POSS = re.compile(
    rf"(?:'s|’s)\s+(?:\w+\s+){{0,2}}?(?P<noun>{_NOMINAL_NOUNS})\s+(?:on\s+\w+\s+)?that\b"
)
NOMINAL_FROM = re.compile(rf"\b(?P<noun>{_NOMINAL_NOUNS})\s+(?:from|by)\s+")
# "State media quoted the minister as saying …": the object speaks, the subject only relays.
_QUOTED = re.compile(r"\b(?:quoted|quoting|quotes)\s+")
_AS_SAYING = re.compile(r"\s+as\s+(?:saying|telling|having\s+said|stating)\b")


def according(
    view: str, outside: str, start: int, mentions: list[Mention], resolver: Resolver
) -> list[Attribution]:
    """ "According to X", "as per X", "in the words of X": X is the speaker."""
    found = []
    for am in ACCORDING.finditer(outside):
        a_e = start + am.end()
        m = next((m for m in mentions if a_e <= m.start <= a_e + 4), None)
        if m is None:
            continue
        speaker = resolver.resolve(m)
        if speaker is None and m.kind == CAPNAME:
            # "according to PTI": an outlet is the source when nobody else is named.
            speaker = Speaker(m.name, INSTITUTION, m.name, "media", "other")
        if speaker is not None:
            cue = start + am.start()
            found.append(Attribution(speaker, m, cue, a_e, ACCORDING_TO, "according"))
    for am in _ACCORDING_ACRONYM.finditer(outside):
        cue = start + am.start()
        if any(a.cue_start == cue for a in found):
            continue
        name = am.group("name")
        speaker = Speaker(name, INSTITUTION, name, "media", "other")
        m = Mention(start + am.start("name"), start + am.end("name"), CAPNAME, name, name=name)
        found.append(Attribution(speaker, m, cue, m.start, ACCORDING_TO, "according"))
    return found


def quoted_as(
    view: str, outside: str, start: int, mentions: list[Mention], resolver: Resolver
) -> list[Attribution]:
    """ "Radio Pakistan quoted Prime Minister Shehbaz Sharif as saying …"."""
    found = []
    for qm in _QUOTED.finditer(outside):
        m = next((m for m in mentions if m.start == start + qm.end()), None)
        if m is None or not (said := _AS_SAYING.match(view, m.end)):
            continue
        speaker = resolver.resolve(m)
        if speaker is not None:
            cue = start + qm.start()
            found.append(Attribution(speaker, m, cue, said.end(), SUBJECT, "quote"))
    return found


def nominal(
    view: str, outside: str, start: int, end: int, mentions: list[Mention], resolver: Resolver
) -> list[Attribution]:
    """ "The Taliban's insistence that …", "a tweet from X that …": clause-sized statements."""
    found = []
    for nm in NOMINAL_POSS.finditer(outside):
        pos = start + nm.start()
        m = next((m for m in mentions if m.end == pos), None)
        if m is not None and (speaker := resolver.resolve(m)) is not None:
            found.append(_nominal_attr(outside, start, end, m, speaker, nm.end()))
    for nm in NOMINAL_FROM.finditer(outside):
        pos = start + nm.end()
        m = next((m for m in mentions if m.start == pos), None)
        if m is None:
            continue
        tail = re.match(r"[^.;:“”\"]{0,70}?\s+that\b", view[m.end : m.end + 90])
        if tail is None:
            continue
        speaker = resolver.resolve(m)
        if speaker is not None:
            found.append(_nominal_attr(outside, start, end, m, speaker, m.end - start))
    return found


def _nominal_attr(
    outside: str, start: int, end: int, m: Mention, speaker: Speaker, rel: int
) -> Attribution:
    """Build a nominal attribution whose span ends at the clause's closing comma."""
    comma = outside.find(",", rel)
    stop = start + comma if comma >= 0 else end
    return Attribution(speaker, m, m.start, m.end, NOMINAL, "nominal", True, (start, stop))
