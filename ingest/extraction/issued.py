"""Documents that are themselves statements: joint statements, press statements, media notes."""

from __future__ import annotations

import re

from . import dates as D
from .officials import (
    JOINT_ORG,
    JOINT_STATEMENT,
    person_by_surname,
)
from .records import direct_statement, trim
from .sentences import BODY, Paragraph
from .types import (
    DAY,
    INSTITUTION,
    ISSUED,
    PERSON,
    ExtractedStatement,
    Speaker,
)

_ISSUED_HEADER = re.compile(
    r"(?im)^\s*(?:joint\s+statement\b|media\s+note\b|press\s+statement\b"
    r"|office\s+of\s+the\s+spokesperson\b|begin\s+text\b|press\s+release\s+no\b"
    r"|the\s+following\s+(?:is\s+the\s+text|statement\s+was\s+released))"
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
        return Speaker(JOINT_STATEMENT, INSTITUTION, JOINT_ORG, "statement", "joint")
    person = _ISSUER_PERSON.search(header)
    if person is not None:
        found = person_by_surname(person.group("name").split()[-1], None)
        if found is not None and found.name == person.group("name"):
            return found
        return Speaker(person.group("name"), PERSON, None, person.group("role"), "other")
    if "foreign affairs" in low or "foreign office" in low:
        return Speaker(
            "Pakistan Foreign Office", INSTITUTION, "Pakistan Foreign Office", None, "pk"
        )
    return Speaker("U.S. Department of State", INSTITUTION, "U.S. Department of State", None, "us")


def issued_statements(
    text: str, view: str, paras: list[Paragraph], ref: D.Ref | None, issuer: Speaker
) -> list[ExtractedStatement]:
    """Each body paragraph of an issued statement is the issuer's own words, dated with it."""
    day = ref.day if ref is not None and ref.precision == DAY else None
    out = []
    lines = [view[p.start : p.end] for p in paras]
    begin = next((i for i, line in enumerate(lines) if _BEGIN.match(line)), -1)
    for i, p in enumerate(paras):
        line = lines[i]
        if _END.match(line):
            break
        if i <= begin or p.kind != BODY or _BOILERPLATE.match(line) or len(line.split()) < 6:
            continue
        s, e = trim(text, p.start, p.end, False)
        out.append(direct_statement(text, s, e, issuer, day, basis=ISSUED))
    return out
