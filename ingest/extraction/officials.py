"""The gazetteer: known officials and institutions, their aliases and tenures."""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from .patterns import trie_alternation
from .types import PERSON, SIDE_OTHER, Speaker

DATA = Path(__file__).parent / "data"
JOINT_STATEMENT = "United States–Pakistan joint statement"
JOINT_ORG = "Governments of the United States and Pakistan"


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
    gender: str = ""  # "f" or "m" where the gazetteer says, for "she" and "he"

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
                row.get("gender", ""),
            )
        )
    return tuple(result)


def _alternation(names: list[str]) -> str:
    """Regex alternation of literal names in which the longest wins (a trie: fast)."""
    return trie_alternation(names)


@lru_cache(maxsize=1)
def tables() -> dict:
    """Build lookup tables and regexes from the gazetteer."""
    people = [o for o in gazetteer() if o.kind == PERSON]
    insts = [o for o in gazetteer() if o.kind != PERSON]
    by_name: dict[str, Official] = {}
    by_surname: dict[str, list[Official]] = {}
    by_given: dict[str, list[Official]] = {}  # a word of the name before the surname
    for o in people:
        for n in (o.name, *o.aliases):
            by_name[n.lower()] = o
            for word in n.lower().split()[:-1]:
                if o not in by_given.setdefault(word, []):
                    by_given[word].append(o)
        by_surname.setdefault(o.name.split()[-1].lower(), []).append(o)
    inst_alias: dict[str, Official] = {}
    for o in insts:
        for n in (o.name, *o.aliases):
            inst_alias.setdefault(fold(n), o)
    inst_names = [n for o in insts for n in (o.name, *o.aliases)]
    # Strip a leading article so "the Taliban" and "Taliban" are one alias.
    inst_names = [re.sub(r"^(?:the|The)\s+", "", n) for n in inst_names]
    return {
        "person_names": sorted(by_name),
        "by_name": by_name,
        "by_surname": by_surname,
        "by_given": by_given,
        "inst_alias": inst_alias,
        "person_re": re.compile(
            rf"\b(?:{_alternation([n for o in people for n in (o.name, *o.aliases)])})\b"
        ),
        "inst_re": re.compile(
            rf"(?<![\w-])(?=[A-Zt])(?:[Tt]he\s+)?(?:{_alternation(inst_names)})(?![\w-])"
        ),
        "org_hint": _alternation(inst_names + NATIONALITIES),
    }


def holders(
    role_words: tuple[str, ...], day: date | None, org: str | None = None
) -> list[Official]:
    """The known people whose role on ``day`` (any day when None) holds all these words
    ("interior", "minist"), in ``org`` when given: who "the interior minister" or "the Foreign
    Office spokesperson" can be in a report of that day."""
    found = []
    for o in gazetteer():
        if o.kind != PERSON:
            continue
        held = [(r, g) for r, g, *_ in o.tenures] if day is None else [o.tenure_at(day)]
        for role, where in (h for h in held if h and h[0]):
            low = role.lower()
            fits = all(w in low for w in role_words) and not _SECOND.search(low)
            if fits and (not org or where == org):
                found.append(o)
                break
    return found


# A deputy is not who "the spokesperson" means.
_SECOND = re.compile(r"\b(?:deputy|additional|assistant|associate|acting|principal\s+deputy)\b")


PK_TALIBAN_BEFORE = re.compile(r"(?:Pakistani|Pakistan|Pakistan's|Pakistan’s|-e-|-i-)\s*$")
STATES = {
    "Government of Pakistan",
    "United States government",
    "Afghan Taliban government",
    "Government of Afghanistan",
    "United States and Pakistan",
    "Government of India",
    "Government of China",
    "Government of Iran",
    "Government of Saudi Arabia",
    "Government of the United Kingdom",
}
# Surnames that are also common words or clan names ("the West", "Baloch separatists",
# "Khan"): a bare one names a person only when the document introduced them.
COMMON_SURNAMES = frozenset(
    """west little white cook brown rice black green young baloch afridi bugti haqqani khan
    shah ali ahmed ahmad malik sharif hussain husain singh mehsud wazir rana chaudhry chaudhri
    bhutto zardari abbasi butt iqbal aziz akhtar javed munir bajwa gilani mahmood hassan
    rehman sadiq qureshi jan gul din islam noor nawaz asif raza abbas mir kakar lodhi akram
    hamid rashid omar umar rasool saeed hafeez""".split()
)
NATIONALITIES = ["Pakistani", "American", "Afghan", "U.S.", "US", "Pakistan"]


@lru_cache(maxsize=8192)  # the same few names are looked up in every sentence
def fold(name: str) -> str:
    """Normalise a name for lookup: lower case, straight apostrophes, no leading article."""
    name = name.replace("’", "'").replace("\u00a0", " ").strip().lower()
    return re.sub(r"^the\s+", "", re.sub(r"\s+", " ", name))


def person_by_surname(surname: str, day: date | None) -> Speaker | None:
    """Find a gazetteer official by surname, preferring the one in office on ``day``.

    Used for briefing turns ("MR PRICE:"); returns None when nobody fits.
    """
    candidates = tables()["by_surname"].get(surname.lower(), [])
    dated = [o for o in candidates if o.tenure_at(day) is not None]
    pick = dated[0] if dated else (candidates[0] if len(candidates) == 1 else None)
    if len(dated) > 1:  # two Khans in office that day: the label alone cannot tell
        pick = dated[0] if surname.lower() not in COMMON_SURNAMES else None
    if pick is None:
        return None
    held = pick.tenure_at(day) or (pick.role, pick.organization)
    return Speaker(pick.name, PERSON, held[1], held[0], pick.side)


def tenure_years(name: str) -> list[tuple[date | None, date | None]]:
    """Return the (start, end) tenures of a gazetteer person, empty if unknown."""
    official = tables()["by_name"].get(name.lower())
    if official is None:
        return []
    return [(s, e) for _, _, s, e in official.tenures]


@lru_cache(maxsize=1)
def known_surnames() -> frozenset[str]:
    """Surnames of gazetteer people, lower-cased, without those that are common words."""
    return frozenset(tables()["by_surname"]) - COMMON_SURNAMES


_FEMALE_TITLE = re.compile(r"(?i)\b(?:ms|mrs|miss|madam|madame|lady|begum)\b")
_MALE_TITLE = re.compile(r"(?i)\b(?:mr|sir)\b")
# Newspapers write "spokesman" for women too: a weak cue, after first names.
_FEMALE_ROLE = re.compile(r"(?i)\b(?:spokeswoman|chairwoman|congresswoman)\b")
# First names of women in this field's news, for "she" when no title says it.
_FEMALE_NAMES = frozenset(
    """
    victoria jen jennifer heather morgan marie jalina tammy karine sarah hillary condoleezza
    nancy alice nisha robin elizabeth adrienne emily sabrina natalie anne tehmina tasneem mumtaz
    hina sherry maleeha aisha marriyum nikki samantha linda kamala nabila catherine federica
    kaja ursula rosemary hua mao ayesha fatima benazir maryam shireen sana nighat kristi susan
    condi michele mary margaret tulsi kristen brooke wendy avril madeleine
    """.split()
)


def gender_of(mention_text: str, name: str) -> str:
    """ "f" or "m" for a person: an honorific in the mention, the gazetteer, a woman's first
    name, a feminine role word; else "m" for a full name, "" when nothing tells."""
    if _FEMALE_TITLE.search(mention_text):
        return "f"
    if _MALE_TITLE.search(mention_text):
        return "m"
    official = tables()["by_name"].get(name.lower())
    if official is not None and official.gender:
        return official.gender
    first = name.split()[0].lower() if name.split() else ""
    if first in _FEMALE_NAMES or _FEMALE_ROLE.search(mention_text):
        return "f"
    return "m" if official is not None or len(name.split()) > 1 else ""


@lru_cache(maxsize=4096)
def person_variant(name: str) -> Official | None:
    """A gazetteer person written another way: the first words of one person's name
    ("Mumtaz Zahra" for "Mumtaz Zahra Baloch"), or the same surname initial and a close
    spelling of the whole name ("Mathew Miller", "Shah Mehmood Qureshi"; rapidfuzz >= 88)."""
    from rapidfuzz import fuzz, process

    if len(name.split()) < 2:
        return None
    names = tables()["person_names"]
    prefix = " ".join(name.lower().split()) + " "
    at = bisect_left(names, prefix)
    longer = {tables()["by_name"][n].name for n in names[at : at + 8] if n.startswith(prefix)}
    if len(longer) == 1:
        return tables()["by_name"][names[at]]
    found = process.extractOne(name.lower(), names, scorer=fuzz.ratio, score_cutoff=88)
    if found is None:
        return None
    official = tables()["by_name"][found[0]]
    if official.name.split()[-1][:1].lower() != name.split()[-1][:1].lower():
        return None
    return official
