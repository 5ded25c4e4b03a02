"""Armed groups (canonical names with aliases) and places named in a document."""

from __future__ import annotations

import json
import re
from functools import lru_cache

from .officials import DATA
from .patterns import trie_alternation

_PK_TALIBAN = re.compile(r"(?:Pakistan(?:i|'s|’s)?|Tehr[ie]e?k-[ie]-|Tehreek-e-|Tehrik-i-)\s*$")


@lru_cache(maxsize=1)
def _group_table() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str]]:
    """Build the alias regex for armed groups from data/armed_groups.json."""
    rows = json.loads((DATA / "armed_groups.json").read_text(encoding="utf-8"))
    alias: dict[str, str] = {}
    context: dict[str, str] = {}
    for row in rows:
        for a in row["aliases"]:
            alias[a.lower().replace("’", "'")] = row["name"]
        for a in row.get("context_aliases", []):
            context[a] = row["name"]
    pattern = re.compile(r"(?<![\w-])(?:" + trie_alternation(list(alias)) + r")(?![\w-])", re.I)
    ctx = re.compile(r"(?<![\w-])(?:" + trie_alternation(list(context)) + r")(?![\w-])")
    return pattern, alias | {k.lower(): v for k, v in context.items()}, ctx


_AQIS_AFFILIATE = re.compile(
    r"al[- ]Qa[e']?i?da\S*\s+(?:and\s+)?(?:its|’s|'s)\s+South\s+Asia(?:n)?\s+"
    r"(?:affiliate|branch|wing)",
    re.I,
)
_AFGHAN_CONTEXT = re.compile(r"Afghan|Khorasan|Pakistan", re.I)


def armed_groups(text: str) -> list[str]:
    """Return canonical armed-group names in order of first mention.

    "Taliban" alone is the Afghan Taliban unless written as the Pakistani Taliban/TTP; bare
    ISIS/IS/Islamic State counts as ISIS-K only near Afghanistan/Khorasan/Pakistan.
    """
    seen: list[str] = []
    for _, name in group_mentions(text):
        if name not in seen:
            seen.append(name)
    return seen


def groups_between(mentions: list[tuple[int, str]], start: int, end: int) -> list[str]:
    """Canonical names from ``group_mentions`` output that fall inside ``[start, end)``."""
    seen: list[str] = []
    for pos, name in mentions:
        if start <= pos < end and name not in seen:
            seen.append(name)
    return seen


# Apostrophes and hyphens written in other code points, folded for matching (same length).
_FOLD_MARKS = str.maketrans({"’": "'", "‘": "'", "\u2011": "-", "\u2010": "-", "\u00ad": "-"})


def group_mentions(text: str) -> list[tuple[int, str]]:
    """Return (offset, canonical name) for every armed-group mention, in text order."""
    pattern, alias, ctx = _group_table()
    text = text.translate(_FOLD_MARKS)
    found: list[tuple[int, str]] = []
    spans: list[tuple[int, int]] = []
    for m in pattern.finditer(text):
        key = m.group(0).lower()
        name = alias.get(key)
        if (
            name == "Afghan Taliban"
            and key == "taliban"
            and _PK_TALIBAN.search(text[: m.start()][-20:])
        ):
            continue
        if name:
            found.append((m.start(), name))
            spans.append((m.start(), m.end()))
    for m in ctx.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in spans):
            continue  # "Islamic State" inside "Islamic State Pakistan Province"
        window = text[max(0, m.start() - 120) : m.end() + 120]
        near = text[max(0, m.start() - 15) : m.end() + 15]
        if m.group(0) == "IS" and not re.search(r"[a-z]", near):
            continue  # "IS" in an all-capitals headline is the verb, not the group
        if _AFGHAN_CONTEXT.search(window):
            found.append((m.start(), alias[m.group(0).lower()]))
    for m in _AQIS_AFFILIATE.finditer(text):
        found.append((m.start(), "AQIS"))
    found.sort()
    return found


@lru_cache(maxsize=1)
def _place_table() -> tuple[re.Pattern[str], dict[str, str], frozenset[str]]:
    """Build the place regex from data/places.json (countries, regions, cities)."""
    raw = json.loads((DATA / "places.json").read_text(encoding="utf-8"))
    canon = {p: p for key in ("countries", "regions", "cities") for p in raw[key]}
    canon.update(raw["adjectives"])
    names = sorted(canon, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
    return pattern, canon, frozenset(raw["capitals_as_governments"])


# A place followed by a speech or policy verb stands for its government ("Islamabad maintains").
_GOV_VERB = re.compile(
    r"^(?:\s*(?:has|have|had|also|again|once|consistently|repeatedly|long|time|and))*\s+"
    r"(?:maintains|said|says|insists|accused|accuses|denies|claims|demanded|urged|issued"
    r"|reiterated|raised|wants|did|does|will|agreed|believes|alleges|rejected|called|asked|has)\b"
    r"|^\s+and\s+(?:Washington|Islamabad|Pakistan|Kabul)\b"
    r"|^,\s+(?:Washington|Islamabad)\s+agree",
)
_INSIDE_NAME = re.compile(
    r"^(?:'s|’s)?\s*(?:State\s+Department|Department|Foreign\s+Office|Institute|Terrorism\s+Portal"
    r"|Army|government|Government|military|authorities|officials|Embassy|exit|withdrawal)",
)


def places(text: str) -> list[str]:
    """Return places named in a locational sense, in order of first mention."""
    pattern, canon, govs = _place_table()
    seen: list[str] = []
    for m in pattern.finditer(text):
        name = m.group(0)
        after = text[m.end() : m.end() + 40]
        before = text[max(0, m.start() - 30) : m.start()]
        if name in govs and _GOV_VERB.search(after):
            continue
        if _INSIDE_NAME.match(after) or re.search(
            r"(?:Tehr\w+-\w-Taliban|[Gg]overnments? of|Taliban)\s*$", before
        ):
            continue
        place = canon[name]
        if place not in seen:
            seen.append(place)
    return seen


@lru_cache(maxsize=1)
def upper_places() -> frozenset[str]:
    """Place names in capitals ("WASHINGTON"), which datelines put before a colon."""
    raw = json.loads((DATA / "places.json").read_text(encoding="utf-8"))
    names = [p for key in ("countries", "regions", "cities") for p in raw[key]]
    extra = ["UNITED NATIONS", "NEW YORK", "LONDON", "BRUSSELS", "GENEVA", "MOSCOW", "TEHRAN"]
    return frozenset([n.upper() for n in names] + extra)
