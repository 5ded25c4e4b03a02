"""A known person for a name as the text writes it: the full name or an alias, a spelling
variant or the first words of a name, a surname with a first name, the one person in office
with that surname or given name, or a misspelt surname of someone the text introduced."""

from __future__ import annotations

from datetime import date

from rapidfuzz import fuzz

from .officials import COMMON_SURNAMES, Official, holders, person_variant, tables
from .types import Speaker


def official_for(name: str, day: date | None, introduced: dict[str, Speaker]) -> Official | None:
    """The gazetteer person ``name`` refers to on ``day``; ``introduced`` holds the people the
    text introduced by surname, who win over a lone surname's gazetteer namesake."""
    official = tables()["by_name"].get(name.lower()) or person_variant(name)
    if official is not None or name.lower() in introduced:
        return official
    surname_hits = tables()["by_surname"].get(name.split()[-1].lower(), [])
    first = name.split()[0].lower()
    official = next((o for o in surname_hits if o.name.lower().startswith(first)), None)
    if official is None and " " not in name.strip() and name.lower() not in COMMON_SURNAMES:
        official = one_in_office(surname_hits, day)  # "Gen. Kurilla"
    return official


def one_in_office(candidates: list[Official], day: date | None) -> Official | None:
    """The one known person with a surname: the only one, or the only one in office."""
    dated = [o for o in candidates if o.tenure_at(day) is not None]
    return dated[0] if len(dated) == 1 else (candidates[0] if len(candidates) == 1 else None)


def given_name_in_office(name: str, role: str | None, day: date | None) -> Official | None:
    """ "Prime Minister Shehbaz": the one known person with that given name whose role on
    ``day`` holds the title's words."""
    if not role or day is None:
        return None
    words = role.lower().split()
    found = [
        o
        for o in tables()["by_given"].get(name.lower(), [])
        if all(w in ((o.tenure_at(day) or ("",))[0] or "").lower() for w in words)
    ]
    return found[0] if len(found) == 1 else None


def misspelt(key: str, introduced: dict[str, Speaker]) -> Speaker | None:
    """ "Shaqaat said" after "Hamza Shafqaat": a surname misspelt in the text is the one person
    introduced whose surname is that close (rapidfuzz ratio >= 85)."""
    if len(key) < 5:
        return None
    close = {
        p.name: p for k, p in introduced.items() if k[:1] == key[:1] and fuzz.ratio(k, key) >= 85
    }
    return next(iter(close.values())) if len(close) == 1 else None


def office_holder(
    options: list[tuple[str, ...]],
    day: date | None,
    named: set[str] | None,
    org: str | None = None,
    sides: set[str] | None = None,
) -> str | None:
    """The one known person whose role on ``day`` holds one of the ``options`` of words (in
    ``org`` when given), among those the document ``named`` (None: not restricted), narrowed
    to ``sides`` when several remain."""
    found = {
        o.name: o
        for words in options
        for o in holders(words, day, org)
        if named is None or o.name in named
    }
    candidates = list(found.values())
    if len(candidates) > 1 and sides:
        candidates = [o for o in candidates if o.side in sides]
    return candidates[0].name if len(candidates) == 1 else None
