"""States as speakers: several states together, and other countries' foreign ministries."""

from __future__ import annotations

import re

from .officials import JOINT_STATEMENT

# "the Saudi Ministry of Foreign Affairs", "Saudi Arabia's Foreign Ministry", "the Foreign
# Ministry of Iraq": another country's foreign ministry (Pakistan's is in the gazetteer).
_COUNTRY_OF = {
    "Saudi": "Saudi Arabia", "Saudi Arabia": "Saudi Arabia", "Iraqi": "Iraq", "Iraq": "Iraq",
    "Iranian": "Iran", "Iran": "Iran", "Turkish": "Turkey", "Turkey": "Turkey",
    "Türkiye": "Turkey", "Turkiye": "Turkey", "Qatari": "Qatar", "Qatar": "Qatar",
    "Emirati": "United Arab Emirates", "UAE": "United Arab Emirates", "Russian": "Russia",
    "Russia": "Russia", "Japanese": "Japan", "Japan": "Japan", "French": "France",
    "France": "France", "German": "Germany", "Germany": "Germany", "Bangladeshi": "Bangladesh",
    "Bangladesh": "Bangladesh", "Egyptian": "Egypt", "Egypt": "Egypt", "Afghan": "Afghanistan",
    "Afghanistan": "Afghanistan", "Kuwaiti": "Kuwait", "Kuwait": "Kuwait", "Bahraini": "Bahrain",
    "Omani": "Oman", "Jordanian": "Jordan", "Malaysian": "Malaysia", "Indonesian": "Indonesia",
    "Uzbek": "Uzbekistan", "Kazakh": "Kazakhstan", "Tajik": "Tajikistan",
    "Sri Lankan": "Sri Lanka", "Nepalese": "Nepal", "Azerbaijani": "Azerbaijan",
    "Canadian": "Canada", "Australian": "Australia",
    "Italian": "Italy", "Spanish": "Spain", "Dutch": "Netherlands", "Norwegian": "Norway",
}  # fmt: skip
_COUNTRY_ALT = "|".join(sorted(_COUNTRY_OF, key=len, reverse=True))
_MINISTRY = r"(?:Ministry\s+of\s+Foreign\s+Affairs|[Ff]oreign\s+[Mm]inistry|Foreign\s+Office|MOFA)"
FOREIGN_MINISTRY = re.compile(
    rf"\b(?:[Tt]he\s+)?(?P<nat>{_COUNTRY_ALT})(?:'s|’s)?\s+{_MINISTRY}\b"
    rf"|\b(?:[Tt]he\s+)?{_MINISTRY}\s+of\s+(?:the\s+)?(?:Kingdom\s+of\s+|Republic\s+of\s+)?"
    rf"(?P<country>{_COUNTRY_ALT})\b"
)
# "China's embassy in Islamabad", "the Afghan Consulate in Peshawar", "the British High
# Commission": another country's mission (the US embassy is in the gazetteer).
_MISSION_OF = {**_COUNTRY_OF, "Chinese": "China", "China": "China", "Indian": "India",
               "India": "India", "British": "United Kingdom", "UK": "United Kingdom"}  # fmt: skip
_MISSION_ALT = "|".join(sorted(_MISSION_OF, key=len, reverse=True))
_MISSION = r"(?P<kind>[Ee]mbassy|[Hh]igh\s+[Cc]ommission|[Cc]onsulate(?:[- ][Gg]eneral)?)"
FOREIGN_MISSION = re.compile(
    rf"\b(?:[Tt]he\s+)?(?P<nat>{_MISSION_ALT})(?:'s|’s)?\s+{_MISSION}"
    rf"(?:\s+in\s+(?P<city>[A-Z][a-z]+))?\b"
)


def mission_name(kind: str, nat: str) -> str:
    """The speaker name of another country's mission ("Embassy of China")."""
    kind = " ".join(w.capitalize() for w in re.split(r"[\s-]+", kind))
    return f"{kind} of {_MISSION_OF[nat]}"


# "Pakistan, China and Afghanistan reiterated": several states speaking together.
_STATE = (
    r"(?:the\s+)?(?:United\s+States|US|U\.S\.|Pakistan|Afghanistan|China|India|Iran|Russia"
    r"|Saudi\s+Arabia|Turkey|Qatar|UAE|United\s+Arab\s+Emirates|Iraq|France|Britain|UK"
    r"|United\s+Kingdom|Islamabad|Washington|Kabul|Beijing|New\s+Delhi|Tehran|Moscow)"
)
STATES_TOGETHER = re.compile(rf"\b{_STATE}(?:\s*,\s*{_STATE})*,?\s+and\s+{_STATE}\b")


def country_of(word: str) -> str:
    """The country a nationality or country word names ("Saudi" -> "Saudi Arabia")."""
    return _COUNTRY_OF[word]


def foreign_ministry(country: str) -> str:
    """The speaker name of another country's foreign ministry (Pakistan's is the gazetteer's
    Foreign Office)."""
    return f"Ministry of Foreign Affairs of {country}"


_COUNTRIES = (
    ("United States", r"United\s+States|U\.S\.|\bUS\b|America"),
    ("Pakistan", r"Pakistan"),
    ("China", r"China|Chinese"),
    ("Afghanistan", r"Afghanistan"),
    ("India", r"India"),
    ("Iran", r"Iran"),
    ("Russia", r"Russia"),
    ("Turkey", r"Turkey|T[uü]rkiye"),
    ("Qatar", r"Qatar"),
    ("Saudi Arabia", r"Saudi"),
    ("United Kingdom", r"United\s+Kingdom|\bUK\b|Britain|British"),
)


def _countries(text: str) -> list[tuple[int, int, str]]:
    """Every mention of a state that can be a party to a joint statement, in text order."""
    return sorted(
        (m.start(), m.end(), name)
        for name, pattern in _COUNTRIES
        for m in re.finditer(pattern, text)
    )


def _statement_of(names: list[str]) -> str:
    """The joint statement of these parties: the fixed name for the United States and
    Pakistan alone, else the parties in the given order ("China–Pakistan joint statement")."""
    if set(names) <= {"United States", "Pakistan"}:
        return JOINT_STATEMENT
    return "–".join(names) + " joint statement"


def joint_name(header: str) -> str:
    """The name of a joint statement from the countries its header names, in their order
    ("China–Afghanistan–Pakistan joint statement")."""
    if re.search(r"(?i)quadrilateral\s+coordination\s+group", header):
        return "Quadrilateral Coordination Group joint statement"
    return _statement_of(list(dict.fromkeys(name for _, _, name in _countries(header))))


_BETWEEN_PARTIES = re.compile(r"[\s,&/–-]*(?:and\s+)?(?:the\s+)?")


def title_parties(title: str) -> str:
    """The joint statement of the states a headline names together ("China, Pakistan term …",
    "Pakistan and the US talk … in Afghanistan" names two parties, not three)."""
    return _statement_of(parties_together(title))


def parties_together(title: str) -> list[str]:
    """The first run of two or more states a line names together, or []."""
    runs: list[list[str]] = []
    last_end = None
    for start, end, name in _countries(title):
        if last_end is not None and _BETWEEN_PARTIES.fullmatch(title[last_end:start]):
            if name not in runs[-1]:
                runs[-1].append(name)
        else:
            runs.append([name])
        last_end = end
    return next((run for run in runs if len(run) > 1), [])


def parties_name(text: str) -> str | None:
    """A joint statement's name from the states its own name lists ("the India-US joint
    statement" -> "United States–India joint statement"): the United States first, the others
    in the text's order; None when it names fewer than two."""
    names = list(dict.fromkeys(name for _, _, name in _countries(text)))
    if len(names) < 2:
        return None
    if "United States" in names:
        names.remove("United States")
        names.insert(0, "United States")
    return _statement_of(names)
