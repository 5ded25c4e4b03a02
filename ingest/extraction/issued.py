"""Documents that are themselves statements: joint statements, press statements, media notes."""

from __future__ import annotations

import re

from . import dates as D
from .articles import article_statements
from .known_people import official_for
from .mentions import INST, NAMED, TITLED, find_mentions
from .officials import (
    JOINT_ORG,
    JOINT_STATEMENT,
    STATES,
)
from .resolver import Resolver
from .sentences import BODY, BULLET, Paragraph, Unit
from .states import joint_name, parties_together, title_parties
from .types import (
    INSTITUTION,
    ISSUED,
    PERSON,
    ExtractedStatement,
    Speaker,
)

_ISSUED_HEADER = re.compile(
    r"(?im)^\s*(?:joint\s+statement\b|media\s+note\b|press\s+statement\b"
    r"|office\s+of\s+the\s+spokesperson\b|begin\s+text\b|press\s+release\s*(?:no\b|$)"
    r"|no\.?\s*PR-?\s*\d+|for\s+immediate\s+release\b|SC/\d+|SG/SM/\d+|press\s+releases?\b"
    r"|\(?statement\s+by\b|statement\s+attributable\s+to\b)"
    r"|\bstatement\s+attributable\s+to\b|\bpress\s+release\s+regarding\b"
    r"|\bthe\s+following\s+(?:is\s+the\s+text|statement\s+was\s+(?:released|issued))"
)
# Who issues a release the header does not name in words: the ISPR by its numbering, the
# Security Council by its document symbol, the Foreign Office and the State Department by
# their house styles.
_ISPR = re.compile(r"(?i)\bPR-?\s*\d+/\d{2,4}-ISPR\b|\bISPR\b|inter[- ]services\s+public")
_UNSC = re.compile(r"(?m)^\s*SC/\d+|Security\s+Council\s+Press\s+Statement")
_FO = re.compile(
    r"(?i)foreign\s+affairs|foreign\s+office|\bmofa\b|^\s*islamabad\b[^\n]{0,30}$", re.M
)
_STATE_DEPT = re.compile(
    r"(?i)office\s+of\s+the\s+spokesperson|press\s+statement|media\s+note|department\s+of\s+state"
)
_BOILERPLATE = re.compile(
    r"(?i)^\s*(?:begin text|end text|###|for further information|media note|press statement"
    r"|office of the spokesperson|press release|joint statement|the text of the following"
    r"|the following (?:\w+\s+){0,4}?statement was (?:issued|released)|dated\s*:"
    r"|readout|the (?:below|following) is attributable to)\b"
    # a dateline alone on its line: "Rawalpindi - March 16, 2024:"
    r"|^\s*[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?\s*[-–—,:]\s*(?:[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+[A-Z][a-z]+,?\s+\d{4})\s*[:.]?\s*$"
)
# A readout tells what was said at a call or a meeting: only its sentences with a reporting
# verb are statements ("The Secretary underscored …"), never its narrative ("… spoke today").
_READOUT = re.compile(
    r"(?im)^\s*readout\b|\breadout\s+of\b|(?:'s|’s)\s+(?:phone\s+)?(?:call|calls|meeting)\s+with\b"
)
_BEGIN = re.compile(r"(?i)^\s*begin\s+text\b")
_END = re.compile(r"(?i)^\s*end\s+text\b")
_ISSUER_PERSON = re.compile(
    r"(?m)^\s*(?P<name>[A-Z][a-z]+(?:\s+[A-Z]\.?)?(?:\s+[A-Z][a-z]+){1,2}),\s+"
    r"(?P<role>(?:Principal\s+)?(?:Deputy\s+)?(?:Department\s+)?Spokesperson"
    r"|Secretary of State)\s*$"
)


def _header(view: str, paras: list[Paragraph]) -> str:
    """The first six lines, where a release says what it is and who issues it."""
    return view[: paras[min(len(paras), 6) - 1].end] if paras else ""


def is_release(view: str, paras: list[Paragraph]) -> bool:
    """Whether the header says the document is a release or statement (issuer known or not)."""
    header = _header(view, paras)
    return len(header) <= 1500 and _ISSUED_HEADER.search(header) is not None


def issuer_of(view: str, paras: list[Paragraph]) -> Speaker | None:
    """Return who issues the document when it is itself a statement (not an article about one)."""
    if not is_release(view, paras):
        return None
    header = _header(view, paras)
    low = header.lower()
    if "joint statement" in low or (
        "united states" in low and "pakistan" in low and "joint" in low
    ):
        # The parties its title names together ("… on the Pakistan-U.S. Dialogue"), else
        # every state of the header (a body's "the border with Afghanistan" is no party).
        lines = [view[p.start : p.end] for p in paras[:3]]
        named = [title_parties(line) for line in lines if parties_together(line)]
        name = named[0] if named else joint_name(header)
        org = JOINT_ORG if name == JOINT_STATEMENT else name
        return Speaker(name, INSTITUTION, org, "statement", "joint")
    person = _ISSUER_PERSON.search(header)
    if person is not None:
        name, role = person.group("name"), person.group("role")
        known = official_for(name, None, {})
        if known is not None:
            return Speaker(known.name, PERSON, known.organization, role, known.side)
        side = "us" if re.search(r"Secretary of State|Department", role) else "other"
        return Speaker(name, PERSON, None, role, side)
    if _ISPR.search(header):
        return _institution("Inter-Services Public Relations", "pk")
    if _UNSC.search(header):
        return _institution("UN Security Council", "other")
    named = _header_speaker(header)
    if named is not None:
        return named
    if _FO.search(header):
        return _institution("Pakistan Foreign Office", "pk")
    if _STATE_DEPT.search(header):
        return _institution("U.S. Department of State", "us")
    return None  # a release whose issuer the header does not give: read as an article


def _institution(name: str, side: str) -> Speaker:
    return Speaker(name, INSTITUTION, name, None, side)


# The issuer's own country speaking in its release ("The United States strongly condemns"
# in a State Department statement) is the issuer speaking.
_OWN_STATE = {"us": "United States government", "pk": "Government of Pakistan"}


def _header_speaker(header: str) -> Speaker | None:
    """Who the header says issues the statement: a person it names before any word about
    the event ("Statement by High Representative Federica Mogherini on the attack …", a name
    line above a title line; "by the Spokesman for UN Secretary-General António Guterres" is
    Guterres, whose words his spokesman gives), else an institution other than a state; a
    title about the event ("Attack on a Consulate in the North") names no issuer."""
    resolver = Resolver(None)
    people, institutions = [], []
    for m in find_mentions(header, 0, len(header)):
        line_start = header.rfind("\n", 0, m.start) + 1
        line_end = header.find("\n", m.end)
        line = header[line_start : line_end if line_end >= 0 else len(header)]
        if _EVENT_BEFORE.search(header, line_start, m.start):
            continue
        # a person issues the statement from a line of their own ("Hillary Rodham Clinton",
        # "Antony J. Blinken, Secretary of State") or a "Statement by …" line, not from a
        # headline about them ("Blinken speaks to Bilawal")
        alone = len(line.replace(m.text, " ").split()) <= 3 or _STATEMENT_BY.search(line)
        if m.kind in (TITLED, NAMED) and alone and (person := resolver.resolve(m)) is not None:
            people.append(person)
        elif m.kind == INST and (inst := resolver.resolve(m)) and inst.name not in STATES:
            institutions.append(inst)
    principal = [p for p in people if "spokes" not in (p.role or "").lower()]
    if principal or people:
        return (principal or people)[-1]
    if _SG_SPOKESPERSON.search(header):
        return _institution("UN Secretary-General", "other")  # the Secretary-General unnamed
    return institutions[0] if institutions else None


# Words about the event a title reports, before which a name in the header is the issuer.
_EVENT_BEFORE = re.compile(
    r"(?i)\b(?:attacks?|bombings?|blasts?|killings?|killed|strikes?|assault|condemns?|on|in|at)\b"
)
_STATEMENT_BY = re.compile(
    r"(?i)\b(?:statement|remarks|message|readout)\s+(?:by|from|of)\b|attributable"
)
_SG_SPOKESPERSON = re.compile(r"(?i)spokes\w+\s+for\s+the\s+secretary-general")


def issued_statements(
    text: str,
    view: str,
    paras: list[Paragraph],
    ref: D.Ref | None,
    issuer: Speaker,
    units: list[Unit],
) -> list[ExtractedStatement]:
    """An issued statement read sentence by sentence: what "both sides" or "they" reaffirmed
    is the issuer's, a named minister's words are the minister's, and a single issuer's
    paragraphs without a reporting verb are its own words (a joint statement's narrative
    sentences are not statements). Headers and "Begin text"/"End text" lines are skipped."""
    lines = [view[p.start : p.end] for p in paras]
    begin = next((i for i, line in enumerate(lines) if _BEGIN.match(line)), -1)
    end = next((i for i, line in enumerate(lines) if _END.match(line)), len(paras))
    kept = {
        i
        for i, p in enumerate(paras)
        if begin < i < end and p.kind in (BODY, BULLET) and not _BOILERPLATE.match(lines[i])
    }
    body = [u for u in units if u.para in kept]
    readout = _READOUT.search(_header(view, paras)) is not None
    found = article_statements(text, view, paras, ref, body, issuer=None if readout else issuer)
    own = {_OWN_STATE.get(issuer.side), issuer.name} - {None}
    if issuer.side != "joint":
        for stmt in found:
            if stmt.speaker in own and stmt.speaker_kind == INSTITUTION:
                # "The United States strongly condemns …" in its own statement
                stmt.speaker, stmt.speaker_kind = issuer.name, issuer.kind
                stmt.speaker_org, stmt.speaker_role = issuer.org, issuer.role
                stmt.speaker_side, stmt.speaker_canonical = issuer.side, issuer.canonical
                stmt.direct, stmt.attribution = True, ISSUED
                stmt.words = [(stmt.start, stmt.end)]
    return found
