"""Documents that are themselves statements: joint statements, press statements, media notes."""

from __future__ import annotations

import re

from . import dates as D
from .articles import article_statements
from .mentions import INST, TITLED, find_mentions
from .officials import (
    JOINT_ORG,
    JOINT_STATEMENT,
    STATES,
    person_by_surname,
)
from .resolver import Resolver
from .sentences import BODY, Paragraph, Unit
from .states import joint_name
from .types import (
    INSTITUTION,
    PERSON,
    ExtractedStatement,
    Speaker,
)

_ISSUED_HEADER = re.compile(
    r"(?im)^\s*(?:joint\s+statement\b|media\s+note\b|press\s+statement\b"
    r"|office\s+of\s+the\s+spokesperson\b|begin\s+text\b|press\s+release\s+no\b)"
    r"|\bthe\s+following\s+(?:is\s+the\s+text|statement\s+was\s+(?:released|issued))"
)
_BOILERPLATE = re.compile(
    r"(?i)^\s*(?:begin text|end text|###|for further information|media note|press statement"
    r"|office of the spokesperson|press release|joint statement|the text of the following)\b"
)
_BEGIN = re.compile(r"(?i)^\s*begin\s+text\b")
_END = re.compile(r"(?i)^\s*end\s+text\b")
_ISSUER_PERSON = re.compile(
    r"(?m)^\s*(?P<name>[A-Z][a-z]+(?:\s+[A-Z]\.?)?(?:\s+[A-Z][a-z]+){1,2}),\s+"
    r"(?P<role>(?:Principal\s+)?(?:Deputy\s+)?(?:Department\s+)?Spokesperson"
    r"|Secretary of State)\s*$"
)


def issuer_of(view: str, paras: list[Paragraph]) -> Speaker | None:
    """Return who issues the document when it is itself a statement (not an article about one)."""
    header = view[: paras[min(len(paras), 4) - 1].end] if paras else ""
    if not _ISSUED_HEADER.search(header) or len(header) > 1500:
        return None
    low = header.lower()
    if "joint statement" in low or (
        "united states" in low and "pakistan" in low and "joint" in low
    ):
        name = joint_name(header)
        org = JOINT_ORG if name == JOINT_STATEMENT else name
        return Speaker(name, INSTITUTION, org, "statement", "joint")
    person = _ISSUER_PERSON.search(header)
    if person is not None:
        found = person_by_surname(person.group("name").split()[-1], None)
        if found is not None and found.name == person.group("name"):
            return found
        return Speaker(person.group("name"), PERSON, None, person.group("role"), "other")
    named = _header_speaker(header)
    if named is not None:
        return named
    if "foreign affairs" in low or "foreign office" in low:
        return Speaker(
            "Pakistan Foreign Office", INSTITUTION, "Pakistan Foreign Office", None, "pk"
        )
    return Speaker("U.S. Department of State", INSTITUTION, "U.S. Department of State", None, "us")


def _header_speaker(header: str) -> Speaker | None:
    """Who the header says issues the statement: a titled person ("by the Spokesman for UN
    Secretary-General António Guterres": Guterres, whose words his spokesman gives), else
    an institution other than a state."""
    resolver = Resolver(None)
    people = []
    for m in find_mentions(header, 0, len(header)):
        if m.kind == TITLED:
            person = resolver.resolve(m)
            if person is not None:
                people.append(person)
        elif m.kind == INST and (inst := resolver.resolve(m)) and inst.name not in STATES:
            return inst
    principal = [p for p in people if "spokes" not in (p.role or "").lower()]
    return (principal or people or [None])[-1]


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
        if begin < i < end and p.kind == BODY and not _BOILERPLATE.match(lines[i])
    }
    body = [u for u in units if u.para in kept]
    return article_statements(text, view, paras, ref, body, issuer=issuer)
