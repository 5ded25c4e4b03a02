"""How speakers are written: the side nationality words give, a joint statement's name, a known
person's shortened name, and which people a description ("the premier") can refer back to."""

from __future__ import annotations

import re
from datetime import date

from rapidfuzz import fuzz

from .mentions import ORG_WORD, OUTLET
from .officials import JOINT_ORG, JOINT_STATEMENT, fold, tables
from .states import foreign_ministry, parties_name
from .types import INSTITUTION, SIDE_JOINT, SIDE_OTHER, SIDE_PK, SIDE_US, Speaker

# Role nouns and the words of a person's role they can refer back to.
ROLE_FITS = {
    "spokesperson": ("spokes", "press secretary"),
    "spokesman": ("spokes", "press secretary"),
    "spokeswoman": ("spokes", "press secretary"),
    "press secretary": ("press secretary", "spokes"),
    "premier": ("prime minister", "premier"),
    "prime minister": ("prime minister",),
    "foreign minister": ("foreign minister",),
    "chief minister": ("chief minister",),
    "diplomat": ("ambassador", "secretary of state", "envoy", "spokes", "foreign", "charg"),
    "chief": ("chief", "commander", "head", "director", "general", "coas"),
    "general": ("general", "commander", "chief of army staff", "director general"),
    "commander": ("commander", "general", "chief"),
    "official": ("",),
    "officer": ("police", "superintendent", "ssp", "officer", "inspector", "dig", "sho"),
    "head": ("head", "chief", "director", "chairman"),
    "envoy": ("envoy", "ambassador", "representative", "high commissioner", "charg"),
    "fm": ("foreign minister",),
    "pm": ("prime minister",),
    "cm": ("chief minister",),
    "dg": ("director general", "dg"),
    "igp": ("inspector general", "igp", "police chief"),
    "coas": ("chief of army staff", "coas", "army chief", "chief of the army staff"),
    "adviser": ("advis",),
    "advisor": ("advis",),
    "army chief": ("chief of army staff", "army chief", "coas"),
}


# A description's portfolio ("the interior minister"): the role it refers back to must hold it.
_PORTFOLIO = re.compile(
    r"\b(interior|home|foreign|defen[cs]e|information|finance|law|planning|railways?|religious"
    r"|human\s+rights|health|education|energy|commerce)\s+(minister|secretary|adviser|advisor)"
)
_SAME_PORTFOLIO = {"home": "interior", "defense": "defen", "defence": "defen"}


def portfolio(description: str) -> tuple[str, ...]:
    """The words a role must hold for a description with a portfolio: ("interior", "minister")
    for "the interior minister"; () when the description names none."""
    m = _PORTFOLIO.search(description.lower())
    if m is None:
        return ()
    area = m.group(1).split()[0]
    return (_SAME_PORTFOLIO.get(area, area), m.group(2)[:6])


def joint_from_text(text: str, default: str | None = None) -> Speaker:
    """The speaker of a joint statement named in the text ("the India-US joint statement");
    an unnamed one ("a joint statement") is the parties' the document is about."""
    name = re.sub(r"^(?:[Tt]he|[Aa]|[Ii]ts|[Tt]heir)\s+", "", text.strip())
    low = name.lower()
    if default and re.fullmatch(r"(?:joint|new|latest|separate|\s)*statement", low):
        return Speaker(default, INSTITUTION, default, "statement", SIDE_JOINT)
    if name.lower() in ("joint statement", "a joint statement") or (
        ("us" in low or "u.s." in low or "united states" in low or "american" in low)
        and "pakistan" in low
        and not re.search(r"india|china|afghan", low)
    ):
        return Speaker(JOINT_STATEMENT, INSTITUTION, JOINT_ORG, "statement", SIDE_JOINT)
    name = parties_name(name) or name
    return Speaker(name, INSTITUTION, name, "statement", SIDE_JOINT)


def before_taliban_rule(day: date | None) -> bool:
    """Tell whether a day falls before the Taliban took Kabul (15 August 2021)."""
    return day is not None and day < date(2021, 8, 15)


def looks_like_person(name: str) -> bool:
    """Two or three capitalised words that are not an organisation, outlet or known alias."""
    words = name.split()
    if not 2 <= len(words) <= 3 or any(w[0].islower() for w in words):
        return False
    if ORG_WORD.search(name) or OUTLET.search(name):
        return False
    return tables()["inst_alias"].get(fold(name)) is None


def side_from_text(text: str) -> str:
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


def shortened(name: str, canonical: str) -> bool:
    """Whether the text calls a known person by a form of their name that ends differently
    ("Asim Iftikhar" for "Asim Iftikhar Ahmad", "Imran Khan Niazi" for "Imran Khan"); a
    spelling variant of the same surname ("Baluch", "Zahra-Baloch") is no other form."""
    words = re.split(r"[\s-]+", fold(name))
    last = re.split(r"[\s-]+", fold(canonical))[-1]
    return len(words) > 1 and fuzz.ratio(words[-1], last) < 80


_BARE_MINISTRY = re.compile(
    r"(?i)(?:the\s+)?(?:foreign\s+ministry|ministry\s+of\s+foreign\s+affairs)"
)


def state_ministry(text: str, states_here: list[str]) -> Speaker | None:
    """ "China condemned the blast, the Foreign Ministry said": a bare foreign ministry in a
    sentence whose first state is another country's is that country's ministry."""
    first = states_here[0] if states_here else ""
    if not _BARE_MINISTRY.fullmatch(text) or not first.startswith("Government of "):
        return None
    if first == "Government of Pakistan":
        return None
    name = foreign_ministry(first.removeprefix("Government of "))
    return Speaker(name, INSTITUTION, name, None, SIDE_OTHER)
