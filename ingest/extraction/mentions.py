"""Stretches of text that may name a speaker: titles, names, institutions, documents."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .officials import PK_TALIBAN_BEFORE, known_surnames, tables

# Kinds of mention, from most to least specific.
TITLED, NAMED, INST, DOC, GROUP_M, SURNAME, PRONOUN, ROLE_NOUN, CAPNAME = (
    "titled",
    "named",
    "institution",
    "document",
    "group",
    "surname",
    "pronoun",
    "role",
    "capname",
)


@dataclass(slots=True)
class Mention:
    """A stretch of text that may name a speaker, before resolution."""

    start: int
    end: int
    kind: str
    text: str
    name: str = ""
    role: str | None = None
    org_hint: str | None = None
    doc_type: str | None = None
    extra: dict = field(default_factory=dict)


_TITLE = (
    r"(?:[Pp]rincipal\s+)?(?:[Dd]eputy\s+)?(?:[Cc]hief\s+)?[Ss]pokes(?:person|man|woman)"
    r"|[Pp]ress\s+[Ss]ecretary"
    r"|(?:[Dd]efen[cs]e|[Ff]oreign|[Ii]nterior|[Ii]nformation|[Ff]inance|[Hh]ome|[Pp]rime)\s+[Mm]inister"
    r"|(?:[Aa]dditional\s+)?[Ff]oreign\s+[Ss]ecretary|(?:[Dd]eputy\s+)?[Ss]ecretary\s+of\s+[Ss]tate"
    r"|(?:[Uu]nder|[Aa]ssistant)\s+[Ss]ecretary(?:\s+of\s+[Ss]tate)?|[Aa]mbassador"
    r"|[Ss]pecial\s+(?:[Rr]epresentative|[Ee]nvoy)|[Ee]nvoy|[Cc]oordinator\s+for\s+[Cc]ounter-?[Tt]errorism"
    r"|[Nn]ational\s+[Ss]ecurity\s+[Aa]dvis[eo]r|[Cc]hief\s+of\s+[Aa]rmy\s+[Ss]taff|[Aa]rmy\s+[Cc]hief"
    r"|[Dd]irector[- ][Gg]eneral(?:\s+ISPR)?|DG\s+ISPR|President|Senator|[Cc]hief\s+[Mm]inister"
    r"|Governor|General|Gen\.|Lt\.?\s+Gen\.?|[Mm]inister\s+of\s+[Ss]tate"
)
_TITLE_ONLY = re.compile(rf"\b(?:{_TITLE})\b")
_NAME_TOKEN = r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?"
_NAME = rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,3}}"
_STOP_NAME = {
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "During",
    "When",
    "Despite",
    "While",
    "As",
    "But",
    "And",
    "State",
    "Department",
    "Office",
    "Foreign",
    "Ministry",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "He",
    "She",
    "It",
    "They",
    "We",
    "This",
    "That",
    "Pakistan",
    "Pakistani",
    "Afghanistan",
    "Afghan",
    "American",
    "United",
    "States",
    "Washington",
    "Islamabad",
    "Kabul",
    "Taliban",
    "However",
    "Responding",
    "According",
    "Earlier",
    "Later",
    "Meanwhile",
    "Also",
    "Speaking",
    "Asked",
    "Mr",
    "Ms",
    "Mrs",
}
# Titles written before a name are not part of it ("General Asim Munir" -> "Asim Munir").
_STOP_NAME |= {
    "General",
    "Gen",
    "Lt",
    "Maj",
    "Ambassador",
    "President",
    "Minister",
    "Secretary",
    "Senator",
    "Governor",
    "Chief",
    "Prime",
    "Defence",
    "Defense",
    "Interior",
    "Spokesperson",
    "Dr",
    "Envoy",
}
_GROUP = re.compile(
    r"\b(?:(?:Pakistani|Pakistan|U\.S\.|US|American|Afghan|Chinese|Indian|Taliban|[Ss]enior|"
    r"[Ss]ecurity|[Mm]ilitary|[Gg]overnment|[Ii]ntelligence|[Pp]rovincial|[Ll]ocal|[Ff]ederal|"
    r"[Pp]olice|[Ww]estern)\s+(?:and\s+)?){1,4}(?:officials|authorities|diplomats|officers)\b"
)
_INST_NOUN = re.compile(
    r"\b[Tt]he\s+(embassy|ministry|department|office|institute|portal|cent(?:er|re)|think\s+tank"
    r"|military|army|council|commission|agency)\b"
)
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey)\b")
_ROLE_NOUN = re.compile(
    r"\b[Tt]he\s+(?P<org>(?:department|ministry|State Department|Foreign Office|FO|US|U\.S\.)"
    r"(?:'s|’s)?\s+)?(?:(?:prime|foreign|defen[cs]e|interior|deputy|principal|chief|senior)\s+)*"
    r"(spokes(?:person|man|woman)|minister|ambassador|envoy|secretary|official|diplomat)\b"
)
# "a State Department spokesperson said": an unnamed voice of a named institution.
_UNNAMED_VOICE = re.compile(
    r"\b[Aa]n?\s+(?:senior\s+)?(?P<org>State Department|US State Department|U\.S\. State Department"
    r"|Foreign Office|Pentagon|White House|Foreign Ministry|Interior Ministry|ISPR)\s+"
    r"(?:spokes(?:person|man|woman)|official|statement)\b"
)
_DOC_WORDS = (
    r"report|statement|study|data|summary|survey|transcript|readout|communiqu[ée]|press release"
    r"|assessment"
)
_DOC = re.compile(
    rf"(?:\b[Tt]he\s+|\b[Aa]\s+|\b[Ii]ts\s+|\b[Tt]heir\s+)?"
    rf"(?:(?:latest|new|regional|annual|quarterly|recent|joint|same|official|full|[A-Z0-9][\w-]*)\s+){{0,4}}"
    rf"\b(?P<doc>(?i:{_DOC_WORDS}))\b"
)
# Cheap pre-checks: the full patterns only run on sentences that contain their key words.
_DOC_WORD = re.compile(rf"(?i:{_DOC_WORDS})")
_GROUP_WORD = re.compile(r"officials|authorities|diplomats|officers")
_TITLE_HINT = re.compile(
    r"[Ss]pokes|[Mm]inister|[Ss]ecretary|[Aa]mbassador|[Ee]nvoy|[Cc]oordinator|[Aa]dvis|[Cc]hief"
    r"|[Dd]irector|DG\s|President|Senator|Governor|General|Gen\."
)
_DOC_BY = re.compile(
    r"\s*(?:(?:issued|compiled|released|published|prepared|produced|put out)\s+)?(?:by|from)\s+",
    re.I,
)
OUTLET = re.compile(
    r"\b(?:Reuters|Associated Press|AFP|Agence France|Dawn|Express Tribune|The News|Geo|VOA"
    r"|Voice of America|BBC|CNN|Al Jazeera|New York Times|Washington Post|Bloomberg|Guardian"
    r"|Tribune|Radio Pakistan|APP|Arab News|Anadolu|Xinhua|Times|News|Digest|Post|Herald)\b"
)
ORG_WORD = re.compile(
    r"\b(?:Watch|Council|Institute|Commission|Agency|Ministry|Department|Office|Group|Center"
    r"|Centre|Foundation|Organi[sz]ation|Committee|Network|Association|Party|Court|Bank|Forum"
    r"|Union|Nations|Embassy|Consulate|Authority|Bureau|Service|Army|Police|Force|Corps)\b"
)
# Capitalised runs, allowing "for/of/and" inside organisation names ("Institute for Peace").
_CAPNAME = re.compile(rf"\b{_NAME_TOKEN}(?:\s+(?:(?:for|of|and|on)\s+)?{_NAME_TOKEN}){{1,5}}\b")


@lru_cache(maxsize=1)
def _person_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Title-before-name and name-then-title patterns, with an optional organisation."""
    org = tables()["org_hint"]
    before = re.compile(
        rf"(?:\b(?:[Tt]he\s+)?(?P<org>{org})(?:'s|’s)?\s+)?\b(?P<title>{_TITLE})\b,?\s+"
        rf"(?:(?:Ambassador|Dr\.?|Mr\.?|Ms\.?|Mrs\.?)\s+)?(?P<name>{_NAME})"
    )
    after = re.compile(
        rf"\b(?P<name>{_NAME}),\s+(?:the\s+|a\s+)?(?:(?P<org>{org})(?:'s|’s)?\s+)?"
        rf"(?P<title>{_TITLE})\b(?!,?\s+(?:Ambassador\s+)?[A-Z][a-z])"
    )
    return before, after


@lru_cache(maxsize=1)
def _org_doc_pattern() -> re.Pattern[str]:
    """ "The State Department's regional report": a document named through its organisation."""
    org = tables()["org_hint"]
    return re.compile(
        rf"\b(?:[Tt]he\s+)?(?P<org>{org})(?:'s|’s)\s+(?:[\w-]+\s+){{0,3}}?(?P<doc>(?i:{_DOC_WORDS}))\b"
    )


def _clean_name(name: str) -> str:
    """Drop trailing tokens that are not part of a person's name (weekdays, "State"...)."""
    tokens = name.split()
    while tokens and (tokens[-1] in _STOP_NAME or tokens[-1] in _CONNECTORS):
        tokens.pop()
    while tokens and (tokens[0] in _STOP_NAME or tokens[0] in _CONNECTORS):
        tokens.pop(0)
    return " ".join(tokens)


_CONNECTORS = {"for", "of", "and", "on"}


def _norm_title(title: str) -> str:
    """Normalise a title for output ("spokesperson" -> "Spokesperson")."""
    title = re.sub(r"\s+", " ", title.strip())
    title = re.sub(r"(?i)defence", "Defense", title)
    words = [w if w in ("of", "for") else w[:1].upper() + w[1:] for w in title.split()]
    return (
        " ".join(words).replace("Spokesman", "Spokesperson").replace("Spokeswoman", "Spokesperson")
    )


def find_mentions(
    view: str, start: int, end: int, known: frozenset[str] | set[str] = frozenset()
) -> list[Mention]:
    """Return the possible speaker mentions in ``view[start:end]``, longest first when nested.

    ``known`` holds lower-cased surnames already introduced in the document.
    """
    found: list[Mention] = []
    before, after = _person_patterns()
    t = tables()
    # The title patterns are costly; most sentences carry no title at all.
    hint = _TITLE_HINT.search(view, start, end) and _TITLE_ONLY.search(view, start, end)
    titled = (before, after) if hint else ()
    for pattern in titled:
        for m in pattern.finditer(view, start, end):
            name = _clean_name(m.group("name"))
            if not name or (len(name.split()) < 2 and name.lower() not in known_surnames()):
                continue
            name_end = m.start("name") + m.group("name").find(name) + len(name)
            stop = max(name_end, m.end("title")) if pattern is after else name_end
            found.append(
                Mention(
                    m.start(),
                    stop,
                    TITLED,
                    view[m.start() : stop],
                    name=name,
                    role=_norm_title(m.group("title")),
                    org_hint=m.group("org"),
                )
            )
    for m in t["person_re"].finditer(view, start, end):
        found.append(Mention(m.start(), m.end(), NAMED, m.group(0), name=m.group(0)))
    has_doc = _DOC_WORD.search(view, start, end) is not None
    for m in _DOC.finditer(view, start, end) if has_doc else ():
        found.append(_doc_mention(view, m, end))
    for m in _org_doc_pattern().finditer(view, start, end) if has_doc else ():
        doc_type = view[m.end("org") : m.end()].lstrip("'’s ").strip()
        found.append(
            Mention(
                m.start(),
                m.end(),
                DOC,
                m.group(0),
                org_hint=m.group("org"),
                doc_type=doc_type,
                extra={"doc": m.group("doc").lower()},
            )
        )
    for m in t["inst_re"].finditer(view, start, end):
        if "Taliban" in m.group(0) and PK_TALIBAN_BEFORE.search(
            view, max(start, m.start() - 12), m.start()
        ):
            continue  # "the Pakistani Taliban" is the TTP, not the Afghan government
        found.append(Mention(m.start(), m.end(), INST, m.group(0), name=m.group(0)))
    has_group = _GROUP_WORD.search(view, start, end) is not None
    for m in _GROUP.finditer(view, start, end) if has_group else ():
        found.append(Mention(m.start(), m.end(), GROUP_M, m.group(0), name=m.group(0)))
    for m in _ROLE_NOUN.finditer(view, start, end):
        found.append(
            Mention(
                m.start(),
                m.end(),
                ROLE_NOUN,
                m.group(0),
                role=m.group(2).lower(),
                org_hint=m.group("org"),
            )
        )
    for m in _UNNAMED_VOICE.finditer(view, start, end):
        found.append(
            Mention(m.start(), m.end(), INST, m.group(0), name=m.group("org"), extra={"unnamed": 1})
        )
    for m in _INST_NOUN.finditer(view, start, end):
        found.append(
            Mention(
                m.start(),
                m.end(),
                ROLE_NOUN,
                m.group(0),
                role=m.group(1).lower(),
                extra={"institution": True},
            )
        )
    for m in _PRONOUN.finditer(view, start, end):
        found.append(Mention(m.start(), m.end(), PRONOUN, m.group(0)))
    for m in _CAPNAME.finditer(view, start, end):
        name = _clean_name(m.group(0))
        if name:
            off = m.start() + m.group(0).find(name)
            kind = SURNAME if len(name.split()) == 1 else CAPNAME
            found.append(Mention(off, off + len(name), kind, name, name=name))
    for m in re.finditer(r"\b[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?\b", view[start:end]):
        if len(m.group(0)) > 2 and (
            m.group(0).lower() in known_surnames() or m.group(0).lower() in known
        ):
            s = start + m.start()
            found.append(Mention(s, s + len(m.group(0)), SURNAME, m.group(0), name=m.group(0)))
    return _prune(found)


def _doc_mention(view: str, m: re.Match[str], end: int) -> Mention:
    """Build a document mention, extending it over "issued by ORG" when present."""
    stop = m.end()
    org = None
    by = _DOC_BY.match(view, stop, end)
    if by:
        inst = tables()["inst_re"].match(view, by.end(), end)
        if inst:
            org, stop = inst.group(0), inst.end()
            paren = re.match(r"\s*\([A-Z]{2,6}\)", view[stop:end])
            if paren:
                stop += paren.end()
    text = view[m.start() : stop]
    # The organisation may also precede: "the State Department's regional report".
    if org is None:
        inst = None
        for cand in tables()["inst_re"].finditer(text):
            inst = cand
        if inst is not None:
            org = inst.group(0)
    doc_words = view[m.start() : m.end()]
    doc_type = re.sub(r"^(?:the|a|its|their)\s+", "", doc_words, flags=re.I)
    if org:
        doc_type = re.sub(re.escape(org) + r"(?:'s|’s)?\s*", "", doc_type).strip() or m.group("doc")
    return Mention(
        m.start(),
        stop,
        DOC,
        text,
        org_hint=org,
        doc_type=doc_type.strip(),
        extra={"doc": m.group("doc").lower()},
    )


_RANK = {
    TITLED: 0,
    DOC: 1,
    NAMED: 2,
    GROUP_M: 3,
    INST: 4,
    ROLE_NOUN: 5,
    CAPNAME: 6,
    SURNAME: 7,
    PRONOUN: 8,
}


def _prune(found: list[Mention]) -> list[Mention]:
    """Keep the longest mention where several overlap (ties go to the more specific kind).

    A bare capitalised run never displaces a known name, institution, title or group in it.
    """
    known = [m for m in found if m.kind in (TITLED, NAMED, INST, DOC, GROUP_M)]
    found = [
        m
        for m in found
        if m.kind not in (CAPNAME, SURNAME)
        or all(m.end <= k.start or m.start >= k.end for k in known)
    ]
    found.sort(key=lambda x: (-(x.end - x.start), _RANK[x.kind], x.start))
    kept: list[Mention] = []
    for m in found:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    kept.sort(key=lambda x: x.start)
    return kept
