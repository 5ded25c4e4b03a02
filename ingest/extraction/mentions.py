"""Stretches of text that may name a speaker: people, institutions, documents, descriptions.

Kinds, from most to least specific: a titled person ("Defense Minister Khawaja Asif"), a
gazetteer name, a document ("the Q2 report issued by CRSS"), a collective ("Pakistani
officials"), a joint subject ("both sides", "the two leaders"), an institution, an unnamed
voice ("a State Department spokesperson", "a police officer"), a description ("the
spokesperson", "the CENTCOM chief"), a capitalised run, a surname and a pronoun. Where
mentions overlap the longest wins.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .documents import DOC_WORD, documents
from .mention_kinds import (  # noqa: F401  (re-exported: the kinds belong with mentions)
    CAPNAME,
    DOC,
    GROUP_M,
    INST,
    JOINT,
    NAMED,
    PRONOUN,
    ROLE_NOUN,
    SURNAME,
    TITLED,
    UNNAMED,
    Mention,
)
from .officials import PK_TALIBAN_BEFORE, known_surnames, tables
from .organisations import initials_mentions, organisation_mentions
from .patterns import trie_alternation
from .states import (
    FOREIGN_MINISTRY,
    FOREIGN_MISSION,
    STATES_TOGETHER,
    country_of,
    foreign_ministry,
    mission_name,
)
from .titles import NAME, clean_name, norm_title, one_word_ok, person_patterns

_NATION = (
    r"Pakistani|Pakistan|U\.S\.|US|American|Afghan|Chinese|Indian|Iranian|Saudi|British|Turkish"
    r"|Qatari|Russian|Taliban|UN|EU|Western|Baloch|Balochistan|Punjab|Sindh|KP|Khyber"
    r"\s+Pakhtunkhwa|Quetta|Peshawar|Karachi|Lahore|Islamabad|Rawalpindi|Kabul"
)
_GROUP = re.compile(
    rf"\b(?:(?:{_NATION}|[Ss]enior|[Ss]ecurity|[Mm]ilitary|[Gg]overnment|[Ii]ntelligence"
    r"|[Pp]rovincial|[Ll]ocal|[Ff]ederal|[Pp]olice|[Ww]estern|[Dd]istrict|[Hh]ospital|[Rr]escue"
    r"|[Tt]op|[Aa]rmy|[Cc]ounter-?[Tt]errorism|[Oo]fficial|[Dd]iplomatic|[Ee]mbassy"
    r"|[Cc]ivilian|[Hh]ealth)\s+(?:and\s+)?){0,4}"
    r"(?:officials|authorities|diplomats|officers|sources|spokesmen|spokespersons|leaders"
    r"|lawmakers|legislators|chiefs)\b"
)
_JOINT = re.compile(
    r"\b(?:[Bb]oth|[Tt]he\s+(?:two|three|four)|[Aa]ll\s+(?:the\s+)?(?:three|four))\s+"
    r"(?i:(?:(?:foreign|defen[cs]e|interior|prime|army|finance)\s+)?(?:sides|leaders|countries"
    r"|nations|governments|ministers|delegations|parties|presidents|secretaries|chiefs"
    r"|neighbou?rs|premiers|officials|dignitaries|counterparts|participants|members))\b"
    r"|\b[Tt]he\s+(?:participants|quartet|trilateral|quadrilateral|[Dd]ialogue)\b"
)
# One side of talks speaking as its state: "the Pakistani delegation", "the U.S. side".
_SIDE_OF = re.compile(
    r"\b[Tt]he\s+(?P<nat>Pakistani|Pakistan|U\.S\.|US|American|United\s+States)\s+"
    r"(?:delegation|side)\b"
)
_STATE_OF_SIDE = {"pakistani": "Pakistan", "pakistan": "Pakistan"}
# "U.S.", "U.K.": letters of an abbreviation are no capitalised name.
_ABBREVIATION = re.compile(r"\b(?:[A-Z]\.){2,}")
# "The Shanghai Cooperation Organisation (SCO) Member States", "the member states".
_MEMBER_STATES = re.compile(
    r"\b(?:[Tt]he\s+)?(?P<org>(?:[A-Z][\w-]*\s+(?:of\s+|for\s+)?){1,5})?(?:\([A-Z]{2,6}\)\s+)?"
    r"[Mm]ember\s+(?:[Ss]tates|[Cc]ountries|[Nn]ations)\b"
)
# "his office said", "her spokesperson said": the person speaks through them.
_POSSESSIVE_VOICE = re.compile(
    r"\b(?P<pro>[Hh]is|[Hh]er|[Ii]ts)\s+(?:office|spokes(?:person|man|woman)|aides?"
    r"|press\s+(?:office|secretary|wing)|media\s+(?:office|wing)|team|camp)\b"
)

_INST_NOUN = re.compile(
    r"\b[Tt]he\s+(?:[\w-]+-based\s+|independent\s+|non-?profit\s+)?"
    r"(embassy|ministry|department|office|institute|portal|cent(?:er|re)|think\s+tank"
    r"|military|army|council|commission|agency|mission|consulate|government|administration"
    r"|monitoring\s+team|organi[sz]ation|watchdog|body|country)\b"
)
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey)\b")
# An institution speaking through an unnamed voice, as one mention: "a spokesperson for the
# State Department", "an official of the Foreign Office", "the Taliban government's spokesman".
_VOICE = r"spokes(?:person|man|woman)|press\s+secretary|representative|official"
_VOICE_FOR = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)\s+(?:(?:senior|top|chief|deputy|principal|official)\s+)?"
    rf"(?P<role>{_VOICE})\s+(?:for|of|from|at)\s+(?:the\s+)?(?:(?:Afghan|Pakistani|U\.S\.|US)\s+)?$"
)
_VOICE_OF = re.compile(
    r"(?:'s|’s)\s+(?:(?:senior|top|chief|deputy|principal|official)\s+)?"
    r"(?P<role>spokes(?:person|man|woman)|press\s+secretary)\b"
)
_ROLE_WORDS = (
    r"spokes(?:person|man|woman)|minister|ambassador|envoy|secretary|official|diplomat"
    r"|advis[eo]r|premier|president|chief|general|commander|representative|coordinator|officer"
    r"|director|head|governor|chairman|analyst|expert|statesman|spymaster|lawmaker|senator|IGP"
    r"|COAS|army\s+chief|Army\s+Chief"
    r"|chargé\s+d['’]affaires|charge\s+d['’]affaires|prime\s+minister|foreign\s+minister"
    r"|foreign\s+secretary|army\s+chief|chief\s+minister|press\s+secretary|FM|PM|CM|DG"
)
_ROLE_NOUN = re.compile(
    # "the spokesperson", and a bare "CM said" opening a sentence
    r"(?:\b[Tt]he\s+|(?<![\w.,;] )(?=(?:FM|PM|CM|DG)\b)"
    r"|\b(?=(?:Pakistan|Afghanistan|China|India)(?:'s|’s)\s+[a-z]))"
    r"(?P<org>(?:department|(?:foreign\s+|interior\s+)?ministry|State Department|Foreign Office"
    r"|Pakistan|Afghanistan|China|India"
    r"|foreign\s+office|FO|US|U\.S\."
    r"|Pentagon|White House|CENTCOM|ISPR|Taliban|UN|EU|Afghan|Pakistani|American|Chinese"
    r"|government|military|army|embassy)(?:'s|’s)?\s+)?"
    r"(?:(?i:top|senior|chief|former|current|visiting|federal|provincial|foreign|interior"
    r"|defen[cs]e|prime|deputy|principal|special|military|army|police|security|government"
    r"|information|finance|law|planning|railways?|home|religious\s+affairs|human\s+rights"
    r"|chief|state|regional|local|caretaker|interim|acting|visiting)\s+"
    r"|(?:U\.S\.|US|American|Pakistani|Afghan|Taliban|[A-Z]{2,4})\s+)*"
    rf"(?P<role>(?i:{_ROLE_WORDS}))\b"
)
_DG_OF = re.compile(
    r"\b(?:[Tt]he\s+)?(?:(?:DG|Director[- ]General)\s+(?P<org>ISPR|ISI|FIA|Rangers|NACTA|CTD)"
    r"|(?P<org2>ISPR|ISI|FIA|NACTA|CTD)\s+(?:DG|chief|Director[- ]General))\b"
)
_UNNAMED_WORDS = (
    r"spokes(?:person|man|woman)|official|statement|officer|diplomat|source|press\s+release"
)


@lru_cache(maxsize=1)
def _unnamed_voice() -> re.Pattern[str]:
    """ "a State Department spokesperson", "a police officer": an unnamed voice."""
    org = tables()["org_hint"]
    return re.compile(
        r"\b[Aa]n?\s+(?:(?:senior|top|high-ranking|junior|government|security|intelligence"
        r"|military|police|local|provincial|federal|district|diplomatic|rescue|hospital)\s+)*"
        rf"(?:(?P<org>{org})\s+)?(?:(?:senior|deputy|police|security|government)\s+)*"
        rf"(?P<role>{_UNNAMED_WORDS})\b"
    )


_GROUP_WORD = re.compile(
    r"officials|authorities|diplomats|officers|sources|spokes|leaders|lawmakers|legislators|chiefs"
)
_TITLE_WORDS = tuple(
    """spokes minist secretar ambassador envoy coordinator advis chief director dg president
    senator governor general gen. mr ms dr admiral adm colonel captain capt commander chairman
    head leader police ssp dig charg consul commissioner brig maj col lt. analyst expert premier
    professor speaker representative inspector officer marshal""".split()
)
OUTLET = re.compile(
    r"\b(?:Reuters|Associated Press|AFP|Agence France|Dawn|Express Tribune|The News|Geo|VOA"
    r"|Voice of America|BBC|CNN|Al Jazeera|New York Times|Washington Post|Bloomberg|Guardian"
    r"|Tribune|Radio Pakistan|APP|Arab News|Anadolu|Xinhua|Times|News|Digest|Post|Herald|PTI"
    r"|ANI|IANS|Press Trust|Online|NNI|INP|Samaa|ARY|Hum|Express|Nation|Observer|Today|TV)\b"
)
ORG_WORD = re.compile(
    r"\b(?:Watch|Council|Institute|Commission|Agency|Ministry|Department|Office|Group|Center"
    r"|Centre|Foundation|Organi[sz]ation|Committee|Network|Association|Party|Court|Bank|Forum"
    r"|Union|Nations|Embassy|Consulate|Authority|Bureau|Service|Army|Police|Force|Corps|Team"
    r"|Task|Mission|Secretariat|Directorate|Division|Command|League|Front|Movement|Assembly"
    r"|Senate|Parliament|Board|Portal|Index|Programme|Program|Federation|Society|Trust|Cell)\b"
)
_TITLE_WORD = re.compile(trie_alternation(list(_TITLE_WORDS)))
_CAPITAL_TITLE = re.compile(r"\b(?:PM|CM|FM)\s+[A-Z]")
_JOINT_WORD = re.compile(r"\b(?:both|two|three|four|all|dialogue)\b")
_POSSESSIVE_WORD = re.compile(r"\b(?:his|her|its)\b")
_MISSION_WORD = re.compile(r"embassy|commission|consulate")
_MINISTRY_WORD = re.compile(r"ministry|foreign office|mofa")
_DG_WORD = re.compile(r"\bdg\b|director|ispr|isi|fia|nacta|ctd")
_CAPNAME = re.compile(rf"\b{NAME}(?:\s+(?:(?:for|of|and|on)\s+)?{NAME})?\b")
_SURNAME = re.compile(r"\b[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?\b")


def find_mentions(
    view: str, start: int, end: int, known: frozenset[str] | set[str] = frozenset()
) -> list[Mention]:
    """Return the possible speaker mentions in ``view[start:end]``, longest first when nested.

    ``known`` holds lower-cased surnames already introduced in the document.
    """
    found: list[Mention] = []
    t = tables()
    low = view[start:end].lower()
    # The title patterns are costly; most sentences carry no title at all.
    if _TITLE_WORD.search(low) or _CAPITAL_TITLE.search(view, start, end):
        found += _titled(view, start, end, known)
    for m in t["person_re"].finditer(view, start, end):
        found.append(Mention(m.start(), m.end(), NAMED, m.group(0), name=m.group(0)))
    if DOC_WORD.search(low) or "“" in low:
        found += documents(view, start, end)
    for m in t["inst_re"].finditer(view, start, end):
        if "Taliban" in m.group(0) and PK_TALIBAN_BEFORE.search(
            view, max(start, m.start() - 12), m.start()
        ):
            continue  # "the Pakistani Taliban" is the TTP, not the Afghan government
        found.append(Mention(m.start(), m.end(), INST, m.group(0), name=m.group(0)))
    found += organisation_mentions(view, start, end)
    if "spokes" in low or "official" in low or "secretary" in low or "representative" in low:
        found += _voices_of(view, start, end, [m for m in found if m.kind == INST])
    if _GROUP_WORD.search(view, start, end):
        for m in _GROUP.finditer(view, start, end):
            found.append(Mention(m.start(), m.end(), GROUP_M, m.group(0), name=m.group(0)))
    # The rarer patterns run only where a word they need occurs (a measured gain).
    for m in _JOINT.finditer(view, start, end) if _JOINT_WORD.search(low) else ():
        found.append(Mention(m.start(), m.end(), JOINT, m.group(0), name=m.group(0)))
    for m in _SIDE_OF.finditer(view, start, end) if " side" in low or "delegation" in low else ():
        name = _STATE_OF_SIDE.get(m.group("nat").lower(), "the United States")
        found.append(Mention(m.start(), m.end(), INST, m.group(0), name=name))
    for m in _MEMBER_STATES.finditer(view, start, end) if "member" in low else ():
        org = (m.group("org") or "").strip()
        extra = {"org": org} if org else {}
        found.append(Mention(m.start(), m.end(), JOINT, m.group(0), name=m.group(0), extra=extra))
    for m in STATES_TOGETHER.finditer(view, start, end) if " and " in low else ():
        found.append(
            Mention(m.start(), m.end(), JOINT, m.group(0), name=m.group(0), extra={"states": 1})
        )
    for m in _POSSESSIVE_VOICE.finditer(view, start, end) if _POSSESSIVE_WORD.search(low) else ():
        pro = {"his": "he", "her": "she", "its": "it"}[m.group("pro").lower()]
        found.append(Mention(m.start(), m.end(), PRONOUN, m.group(0), extra={"as": pro}))
    for m in FOREIGN_MINISTRY.finditer(view, start, end) if _MINISTRY_WORD.search(low) else ():
        name = foreign_ministry(country_of(m.group("nat") or m.group("country")))
        extra = {"generated": 1}
        found.append(Mention(m.start(), m.end(), INST, m.group(0), name=name, extra=extra))
    missions = FOREIGN_MISSION.finditer(view, start, end) if _MISSION_WORD.search(low) else ()
    for m in missions:
        name = mission_name(m.group("kind"), m.group("nat"))
        extra = {"generated": 1}
        found.append(Mention(m.start(), m.end(), INST, m.group(0), name=name, extra=extra))
    for m in _ROLE_NOUN.finditer(view, start, end):
        role = re.sub(r"\s+", " ", m.group("role").lower())
        found.append(
            Mention(m.start(), m.end(), ROLE_NOUN, m.group(0), role=role, org_hint=m.group("org"))
        )
    for m in (
        _DG_OF.finditer(view, start, end) if _DG_WORD.search(low) else ()
    ):  # "DG ISPR said", "the ISPR DG"
        org = m.group("org") or m.group("org2")
        found.append(Mention(m.start(), m.end(), ROLE_NOUN, m.group(0), role="dg", org_hint=org))
    for m in _unnamed_voice().finditer(view, start, end):
        kind = INST if m.group("org") else UNNAMED
        name = m.group("org") or ""
        role = m.group("role").lower()
        extra = {"unnamed": 1, "role": role}
        found.append(Mention(m.start(), m.end(), kind, m.group(0), name=name, extra=extra))
    for m in _INST_NOUN.finditer(view, start, end):
        role = m.group(1).lower()
        extra = {"institution": True}
        found.append(Mention(m.start(), m.end(), ROLE_NOUN, m.group(0), role=role, extra=extra))
    for m in _PRONOUN.finditer(view, start, end):
        found.append(Mention(m.start(), m.end(), PRONOUN, m.group(0)))
    return _prune(found + _names(view, start, end, known))


def _voices_of(view: str, start: int, end: int, institutions: list[Mention]) -> list[Mention]:
    """The institutions in ``institutions`` that speak through an unnamed voice next to them."""
    found = []
    for m in institutions:
        before = _VOICE_FOR.search(view, max(start, m.start - 60), m.start)
        after = _VOICE_OF.match(view, m.end, end)
        voice = after or before
        if voice is None:
            continue
        first, last = (m.start, after.end()) if after else (before.start(), m.end)
        role = re.sub(r"\s+", " ", voice.group("role").lower())
        extra = {**m.extra, "unnamed": 1, "role": role}
        found.append(Mention(first, last, INST, view[first:last], name=m.name, extra=extra))
    return found


def _names(view: str, start: int, end: int, known: frozenset[str] | set[str]) -> list[Mention]:
    """Capitalised runs and the surnames of known or introduced people."""
    found = []
    abbreviations = [a.span() for a in _ABBREVIATION.finditer(view, start, end)]
    for m in _CAPNAME.finditer(view, start, end):
        name = clean_name(m.group(0))
        if name and not any(a < m.end() and m.start() < b for a, b in abbreviations):
            off = m.start() + m.group(0).find(name)
            kind = SURNAME if len(name.split()) == 1 else CAPNAME
            found.append(Mention(off, off + len(name), kind, name, name=name))
    found += initials_mentions(view, start, end, known)
    surnames = known_surnames()
    for m in _SURNAME.finditer(view, start, end):
        low = m.group(0).lower()
        if len(low) > 2 and (low in surnames or low in known):
            found.append(Mention(m.start(), m.end(), SURNAME, m.group(0), name=m.group(0)))
    return found


def _titled(view: str, start: int, end: int, known: frozenset[str] | set[str]) -> list[Mention]:
    """People written with a title before or after their name."""
    found = []
    title_re, rest_re, lead_re, after_re = person_patterns()
    low = view[start:end].lower()  # titles are matched whatever their case
    for t in title_re.finditer(low):
        t_start, t_end = start + t.start(), start + t.end()
        if t_end - t_start == 2 and not view[t_start:t_end].isupper():
            continue  # "pm", "cm", "fm" are titles in capitals only
        rest = rest_re.match(view, t_end, end)
        if rest is None:
            continue
        lead = lead_re.search(view, max(start, t_start - 90), t_start)
        m_start = lead.start() if lead is not None else t_start
        org = lead.group("org") if lead is not None else None
        mention = _person(view, m_start, rest, "name", view[t_start:t_end], org, known, False)
        if mention is not None:
            found.append(mention)
    for m in after_re.finditer(view, start, end):
        mention = _person(view, m.start(), m, "name", m.group("title"), m.group("org"), known, True)
        if mention is not None:
            found.append(mention)
    return found


def _person(
    view: str,
    m_start: int,
    m: re.Match[str],
    group: str,
    title: str,
    org: str | None,
    known: frozenset[str] | set[str],
    title_after: bool,
) -> Mention | None:
    """A titled person's mention, or None when the name is no name ("Minister said")."""
    name = clean_name(m.group(group))
    if not name:
        return None
    if len(name.split()) < 2 and not (
        one_word_ok(title) or name.lower() in known_surnames() or name.lower() in known
    ):
        return None
    name_end = m.start(group) + m.group(group).find(name) + len(name)
    stop = max(name_end, m.end("title")) if title_after else name_end
    return Mention(
        m_start, stop, TITLED, view[m_start:stop], name=name, role=norm_title(title), org_hint=org
    )


_RANK = {
    TITLED: 0,
    DOC: 1,
    NAMED: 2,
    GROUP_M: 3,
    JOINT: 3,
    INST: 4,
    UNNAMED: 5,
    ROLE_NOUN: 5,
    CAPNAME: 6,
    SURNAME: 7,
    PRONOUN: 8,
}


def _prune(found: list[Mention]) -> list[Mention]:
    """Keep the longest mention where several overlap (ties go to the more specific kind).

    A bare capitalised run never displaces a known name, institution, title or group in it.
    """
    known = [m for m in found if m.kind in (TITLED, NAMED, INST, DOC, GROUP_M, JOINT)]
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
