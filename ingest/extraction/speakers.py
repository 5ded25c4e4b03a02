"""Who speaks: gazetteer of officials, title patterns, and coreference within a document."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from .types import GROUP, INSTITUTION, PERSON, SIDE_JOINT, SIDE_OTHER, SIDE_PK, SIDE_US

DATA = Path(__file__).parent / "data"
JOINT_STATEMENT = "United States–Pakistan joint statement"
JOINT_ORG = "Governments of the United States and Pakistan"

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


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker with the fields the pipeline stores."""

    name: str
    kind: str = PERSON
    org: str | None = None
    role: str | None = None
    side: str = SIDE_OTHER


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


@dataclass(frozen=True, slots=True)
class Official:
    """One gazetteer entry (person or institution)."""

    name: str
    kind: str
    role: str | None
    organization: str | None
    side: str
    aliases: tuple[str, ...]
    tenures: tuple[tuple[str | None, str | None, date | None, date | None], ...]

    def tenure_at(self, day: date | None) -> tuple[str | None, str | None] | None:
        """Return (role, organization) held on ``day``, or None if no tenure covers it."""
        for role, org, start, end in self.tenures:
            if day is None or ((start is None or start <= day) and (end is None or day <= end)):
                return role, org
        return None


@lru_cache(maxsize=1)
def gazetteer() -> tuple[Official, ...]:
    """Load ``data/officials.json`` (shared with the Django Speaker table) once."""
    rows = json.loads((DATA / "officials.json").read_text(encoding="utf-8"))
    result = []
    for row in rows:
        tenures = tuple(
            (
                t.get("role"),
                t.get("organization"),
                date.fromisoformat(t["start"]) if t.get("start") else None,
                date.fromisoformat(t["end"]) if t.get("end") else None,
            )
            for t in row.get("tenures", [])
        )
        result.append(
            Official(
                row["name"],
                row["kind"],
                row.get("role"),
                row.get("organization"),
                row.get("side", SIDE_OTHER),
                tuple(row.get("aliases", [])),
                tenures,
            )
        )
    return tuple(result)


def _alternation(names: list[str]) -> str:
    """Regex alternation of literal names, longest first so the longest wins."""
    return "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))


@lru_cache(maxsize=1)
def _tables() -> dict:
    """Build lookup tables and regexes from the gazetteer."""
    people = [o for o in gazetteer() if o.kind == PERSON]
    insts = [o for o in gazetteer() if o.kind != PERSON]
    by_name: dict[str, Official] = {}
    by_surname: dict[str, list[Official]] = {}
    for o in people:
        for n in (o.name, *o.aliases):
            by_name[n.lower()] = o
        by_surname.setdefault(o.name.split()[-1].lower(), []).append(o)
    inst_alias: dict[str, Official] = {}
    for o in insts:
        for n in (o.name, *o.aliases):
            inst_alias.setdefault(_fold(n), o)
    inst_names = [n for o in insts for n in (o.name, *o.aliases)]
    # Strip a leading article so "the Taliban" and "Taliban" are one alias.
    inst_names = [re.sub(r"^(?:the|The)\s+", "", n) for n in inst_names]
    return {
        "by_name": by_name,
        "by_surname": by_surname,
        "inst_alias": inst_alias,
        "person_re": re.compile(rf"\b(?=[A-Z])(?:{_alternation([n for n in by_name])})\b"),
        "inst_re": re.compile(
            rf"(?<![\w-])(?=[A-Zt])(?:[Tt]he\s+)?(?:{_alternation(inst_names)})(?![\w-])"
        ),
        "org_hint": _alternation(inst_names + _NATIONALITIES),
    }


_PK_TALIBAN_BEFORE = re.compile(r"(?:Pakistani|Pakistan|Pakistan's|Pakistan’s|-e-|-i-)\s*$")
_STATES = {
    "Government of Pakistan",
    "United States government",
    "Afghan Taliban government",
    "United States and Pakistan",
}
_NATIONALITIES = ["Pakistani", "American", "Afghan", "U.S.", "US", "Pakistan"]


def _fold(name: str) -> str:
    """Normalise a name for lookup: lower case, straight apostrophes, no leading article."""
    name = name.replace("’", "'").replace("\u00a0", " ").strip().lower()
    return re.sub(r"^the\s+", "", re.sub(r"\s+", " ", name))


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
_OUTLET = re.compile(
    r"\b(?:Reuters|Associated Press|AFP|Agence France|Dawn|Express Tribune|The News|Geo|VOA"
    r"|Voice of America|BBC|CNN|Al Jazeera|New York Times|Washington Post|Bloomberg|Guardian"
    r"|Tribune|Radio Pakistan|APP|Arab News|Anadolu|Xinhua|Times|News|Digest|Post|Herald)\b"
)
_ORG_WORD = re.compile(
    r"\b(?:Watch|Council|Institute|Commission|Agency|Ministry|Department|Office|Group|Center"
    r"|Centre|Foundation|Organi[sz]ation|Committee|Network|Association|Party|Court|Bank|Forum"
    r"|Union|Nations|Embassy|Consulate|Authority|Bureau|Service|Army|Police|Force|Corps)\b"
)
# Capitalised runs, allowing "for/of/and" inside organisation names ("Institute for Peace").
_CAPNAME = re.compile(rf"\b{_NAME_TOKEN}(?:\s+(?:(?:for|of|and|on)\s+)?{_NAME_TOKEN}){{1,5}}\b")


@lru_cache(maxsize=1)
def _person_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Title-before-name and name-then-title patterns, with an optional organisation."""
    org = _tables()["org_hint"]
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
    org = _tables()["org_hint"]
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
    t = _tables()
    # The title patterns are costly; most sentences carry no title at all.
    hint = _TITLE_HINT.search(view, start, end) and _TITLE_ONLY.search(view, start, end)
    titled = (before, after) if hint else ()
    for pattern in titled:
        for m in pattern.finditer(view, start, end):
            name = _clean_name(m.group("name"))
            if not name or (len(name.split()) < 2 and name.lower() not in _known_surnames()):
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
        if "Taliban" in m.group(0) and _PK_TALIBAN_BEFORE.search(
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
        found.append(Mention(m.start(), m.end(), INST, m.group(0), name=m.group("org")))
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
            m.group(0).lower() in _known_surnames() or m.group(0).lower() in known
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
        inst = _tables()["inst_re"].match(view, by.end(), end)
        if inst:
            org, stop = inst.group(0), inst.end()
            paren = re.match(r"\s*\([A-Z]{2,6}\)", view[stop:end])
            if paren:
                stop += paren.end()
    text = view[m.start() : stop]
    # The organisation may also precede: "the State Department's regional report".
    if org is None:
        inst = None
        for cand in _tables()["inst_re"].finditer(text):
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


@lru_cache(maxsize=1)
def _known_surnames() -> frozenset[str]:
    """Surnames of gazetteer people, lower-cased."""
    return frozenset(_tables()["by_surname"])


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


class Resolver:
    """Resolve mentions to speakers, remembering who was mentioned (for "he", "Miller"...)."""

    def __init__(self, ref_day: date | None) -> None:
        self.ref_day = ref_day
        self.people: dict[str, Speaker] = {}  # surname (lower) -> speaker
        self.last_person: Speaker | None = None
        self.last_by_role: dict[str, Speaker] = {}
        self.last_doc: dict[str, Speaker] = {}
        self.last_inst: Speaker | None = None
        self.recent_insts: list[Speaker] = []
        self.last_group: Speaker | None = None  # what "they" said refers to
        self.inst_words: dict[str, str] = {}  # canonical name -> how the text called it

    def note_document(self, key: str, speaker: Speaker) -> None:
        """Remember that "the <key>" (report, study...) now refers to ``speaker``."""
        for k in {key.lower(), "document"}:
            self.last_doc[k] = speaker
        self.last_inst = speaker

    def observe(self, mention: Mention) -> Speaker | None:
        """Resolve a mention seen in narration and remember named people and documents."""
        if mention.kind in (TITLED, NAMED, DOC):
            return self.resolve(mention)
        if mention.kind == INST:
            speaker = self._institution(mention)
            # States ("Pakistan", "Washington") are too frequent to be what "it" refers to.
            if speaker is not None and speaker.name not in _STATES:
                self._remember(speaker, mention)
            return speaker
        if mention.kind == CAPNAME and _looks_like_person(mention.name):
            # "Mara Lind, a researcher, …" introduces a surname for a later "Lind said";
            # it does not become "he" (places and events look alike in capitals).
            self.people.setdefault(mention.name.split()[-1].lower(), Speaker(mention.name, PERSON))
        return None

    def resolve(self, mention: Mention) -> Speaker | None:
        """Return the speaker a mention refers to, or None (vague or unknown)."""
        handler = {
            TITLED: self._titled,
            NAMED: self._named,
            INST: self._institution,
            DOC: self._document,
            GROUP_M: self._group,
            SURNAME: self._surname,
            PRONOUN: self._pronoun,
            ROLE_NOUN: self._role_noun,
            CAPNAME: self._capname,
        }[mention.kind]
        speaker = handler(mention)
        if speaker is not None:
            self._remember(speaker, mention)
        return speaker

    def _remember(self, speaker: Speaker, mention: Mention) -> None:
        if speaker.kind == PERSON:
            self.people[speaker.name.split()[-1].lower()] = speaker
            self.last_person = speaker
            for key in _role_keys(speaker.role):
                self.last_by_role[key] = speaker
        elif mention.kind == DOC or (speaker.role and speaker.kind == INSTITUTION):
            key = (mention.extra.get("doc") or speaker.role or "").lower()
            for k in {key, "document"}:
                self.last_doc[k] = speaker
            self.last_inst = speaker
        elif speaker.kind == INSTITUTION:
            self.last_inst = speaker
        if speaker.kind == INSTITUTION:
            self.recent_insts = [s for s in self.recent_insts if s.name != speaker.name][-8:]
            self.recent_insts.append(speaker)
            self.inst_words[speaker.name] = (
                self.inst_words.get(speaker.name, "") + " " + mention.text.lower()
            )

    def _person(self, name: str, role: str | None, org_hint: str | None) -> Speaker:
        official = _tables()["by_name"].get(name.lower())
        if official is None and name.lower() in self.people:
            return self.people[name.lower()]
        if official is None:
            surname_hits = _tables()["by_surname"].get(name.split()[-1].lower(), [])
            first = name.split()[0].lower()
            official = next((o for o in surname_hits if o.name.lower().startswith(first)), None)
        if official is not None:
            held = official.tenure_at(self.ref_day) or (official.role, official.organization)
            return Speaker(
                official.name,
                PERSON,
                held[1] or official.organization,
                held[0] or role,
                official.side,
            )
        org = self._org_from_hint(org_hint)
        side = org.side if org else _side_from_text(org_hint or "")
        return Speaker(name, PERSON, org.name if org else None, role, side)

    def _org_from_hint(self, hint: str | None) -> Speaker | None:
        if not hint:
            return None
        official = _tables()["inst_alias"].get(_fold(hint))
        if official is None:
            return None
        return Speaker(official.name, INSTITUTION, official.organization, None, official.side)

    def _titled(self, m: Mention) -> Speaker:
        return self._person(m.name, m.role, m.org_hint)

    def _named(self, m: Mention) -> Speaker:
        return self._person(m.name, None, None)

    def _surname(self, m: Mention) -> Speaker | None:
        key = m.name.lower()
        if key in self.people:
            return self.people[key]
        candidates = _tables()["by_surname"].get(key, [])
        dated = [o for o in candidates if o.tenure_at(self.ref_day) is not None]
        pick = dated[0] if len(dated) == 1 else (candidates[0] if len(candidates) == 1 else None)
        if pick is None:
            return None
        return self._person(pick.name, None, None)

    def _capname(self, m: Mention) -> Speaker | None:
        if _tables()["inst_alias"].get(_fold(m.name)):
            return self._institution(m)
        if _OUTLET.search(m.name):
            return None  # a news outlet relays statements; it is not the speaker
        if _ORG_WORD.search(m.name):
            return Speaker(m.name, INSTITUTION, m.name, None, SIDE_OTHER)
        return self._person(m.name, None, None)

    def _institution(self, m: Mention) -> Speaker | None:
        official = _tables()["inst_alias"].get(_fold(m.name))
        if official is None:
            return None
        if official.name == "United States and Pakistan":
            return Speaker(official.name, INSTITUTION, JOINT_ORG, None, SIDE_JOINT)
        return Speaker(
            official.name, INSTITUTION, official.organization, official.role, official.side
        )

    def _document(self, m: Mention) -> Speaker | None:
        doc = m.extra.get("doc", "")
        if "joint" in m.text.lower():
            return Speaker(JOINT_STATEMENT, INSTITUTION, JOINT_ORG, None, SIDE_JOINT)
        if m.org_hint:
            org = self._org_from_hint(m.org_hint)
            if org is None:
                return None
            return Speaker(org.name, INSTITUTION, org.name, m.doc_type or doc, org.side)
        # "the report" is the last report; only vaguer words ("the study", "the data",
        # "a summary") may refer to whatever document was last named.
        generic = doc in ("summary", "study", "data", "survey", "assessment", "findings")
        earlier = self.last_doc.get(doc) or (self.last_doc.get("document") if generic else None)
        if earlier is None and self.recent_insts:
            # "the report said" after "The Pakistan Institute for ... recorded": that institute.
            named = [s for s in self.recent_insts if s.name not in _STATES]
            if named:
                return replace(named[-1], role=m.doc_type or doc)
        return earlier

    def _group(self, m: Mention) -> Speaker:
        name = re.sub(r"^(?:[Tt]he)\s+", "", m.name)
        self.last_group = Speaker(name, GROUP, None, None, _side_from_text(name))
        return self.last_group

    def _pronoun(self, m: Mention) -> Speaker | None:
        low = m.text.lower()
        if low == "it":
            return self.last_inst
        if low == "they":
            return self.last_group
        return self.last_person

    def _role_noun(self, m: Mention) -> Speaker | None:
        if m.extra.get("institution"):
            word = (m.role or "").split()[0][:5]
            recent = [
                s
                for s in self.recent_insts
                if word in s.name.lower() or word in self.inst_words.get(s.name, "")
            ]
            if word in ("think", "insti", "cente", "centr"):
                recent = recent or [s for s in self.recent_insts if s.side != "other"]
            return recent[-1] if recent else None
        key = (
            (m.role or "")
            .replace("spokesman", "spokesperson")
            .replace("spokeswoman", "spokesperson")
        )
        found = self.last_by_role.get(key)
        if found is None and m.org_hint:
            # "the Foreign Office spokesperson" with nobody named: the office itself speaks.
            return self._org_from_hint(m.org_hint.rstrip("'’s "))
        return found


def _looks_like_person(name: str) -> bool:
    """Two or three capitalised words that are not an organisation, outlet or known alias."""
    words = name.split()
    if not 2 <= len(words) <= 3 or any(w[0].islower() for w in words):
        return False
    if _ORG_WORD.search(name) or _OUTLET.search(name):
        return False
    return _tables()["inst_alias"].get(_fold(name)) is None


def _role_keys(role: str | None) -> list[str]:
    """Role nouns that can refer back to someone with this title ("the spokesperson")."""
    if not role:
        return []
    low = role.lower()
    keys = [k for k in ("spokesperson", "minister", "ambassador", "envoy", "secretary") if k in low]
    return keys + ["official"]


def _side_from_text(text: str) -> str:
    """Guess the side from nationality words in a phrase ("Pakistani and U.S. officials")."""
    low = text.lower()
    us = bool(re.search(r"\bu\.s\.|\bus\b|american|united states|washington", low))
    pk = "pakistan" in low or "islamabad" in low
    if us and pk:
        return SIDE_JOINT
    if us:
        return SIDE_US
    if pk:
        return SIDE_PK
    if "afghan" in low or "taliban" in low:
        return "af"
    return SIDE_OTHER


def person_by_surname(surname: str, day: date | None) -> Speaker | None:
    """Find a gazetteer official by surname, preferring the one in office on ``day``.

    Used for briefing turns ("MR PRICE:"); returns None when nobody fits.
    """
    candidates = _tables()["by_surname"].get(surname.lower(), [])
    dated = [o for o in candidates if o.tenure_at(day) is not None]
    pick = dated[0] if dated else (candidates[0] if len(candidates) == 1 else None)
    if pick is None:
        return None
    held = pick.tenure_at(day) or (pick.role, pick.organization)
    return Speaker(pick.name, PERSON, held[1], held[0], pick.side)


def tenure_years(name: str) -> list[tuple[date | None, date | None]]:
    """Return the (start, end) tenures of a gazetteer person, empty if unknown."""
    official = _tables()["by_name"].get(name.lower())
    if official is None:
        return []
    return [(s, e) for _, _, s, e in official.tenures]


def official_in_office(organization: str, role_word: str, day: date | None) -> Speaker | None:
    """Return the gazetteer person holding a role (e.g. "Spokesperson") at ``organization``.

    Takes the canonical organisation, a word of the role and the day; None if nobody fits.
    """
    if day is None:
        return None
    for o in gazetteer():
        for role, org, start, end in o.tenures:
            if org != organization or role is None or role_word.lower() not in role.lower():
                continue
            if "deputy" in role.lower() and "deputy" not in role_word.lower():
                continue
            if (start is None or start <= day) and (end is None or day <= end):
                return Speaker(o.name, PERSON, org, role, o.side)
    return None
