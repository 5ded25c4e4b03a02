"""Where an attack happened: towns, districts and provinces of Pakistan and Afghanistan.

data/event_places.json maps a name as the press writes it ("D.I. Khan", "Mir Ali", "Kech") to
the town, district, province and country it stands for; the statements' place list
(data/places.json) is coarser and serves another purpose.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from .officials import DATA
from .patterns import trie_alternation


@dataclass(frozen=True, slots=True)
class Place:
    """A place at the detail the text gives: town, district, province, country ("PK"/"AF")."""

    place: str = ""
    district: str = ""
    province: str = ""
    country: str = ""

    @property
    def depth(self) -> int:
        """3 for a town, 2 a district, 1 a province, 0 nothing."""
        return 3 if self.place else 2 if self.district else 1 if self.province else 0


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern[str], dict[str, Place]]:
    rows = json.loads((DATA / "event_places.json").read_text(encoding="utf-8"))
    places = {
        name: Place(row.get("place", ""), row.get("district", ""), row["province"], row["country"])
        for name, row in rows.items()
    }
    pattern = re.compile(r"(?<![\w-])(?:" + trie_alternation(list(places)) + r")(?![\w-])")
    return pattern, places


def places_in(text: str) -> list[tuple[int, Place]]:
    """(offset, place) for every known place named in ``text``, in text order."""
    pattern, places = _table()
    return [(m.start(), places[m.group(0)]) for m in pattern.finditer(text)]


def place_named(name: str) -> Place | None:
    """The place a bare name stands for ("Quetta"), or None."""
    return _table()[1].get(name.strip())


def finest(found: list[Place]) -> Place:
    """The most detailed place of those named, completed by the others where they agree
    ("a blast in Mir Ali, North Waziristan" is the town of Mir Ali)."""
    if not found:
        return Place()
    best = max(found, key=lambda p: p.depth)
    return best


def same_area(a: Place, b: Place) -> bool:
    """Whether two places can be the same spot: one contains the other."""
    if not a.depth or not b.depth:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if a.province and b.province and a.province != b.province:
        return False
    if a.district and b.district and a.district != b.district:
        return False
    return not (a.place and b.place and a.place != b.place)
