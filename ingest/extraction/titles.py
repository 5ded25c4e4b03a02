"""Titles and names: "State Department spokesperson Matthew Miller", "Gen. Kurilla",
"Quetta Senior Superintendent of Police (SSP) Operations Mohammad Baloch".

A title is a phrase from a vocabulary (spokesperson, minister, ambassador, ranks, police
titles, honorifics...), written in capitals or not; a name is a run of one to four capitalised
words (with hyphens, apostrophes, initials and particles such as "ul" or "bin"). A single-word
name is taken only after a rank or an honorific ("Gen. Kurilla", "Mr Toner") or when it is a
known surname.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .officials import tables

TITLE = (
    r"(?:(?:principal|deputy|chief|senior|official|acting|associate|foreign\s+office|fo)\s+)*"
    r"spokes(?:person|man|woman)"
    r"|(?:deputy\s+|principal\s+deputy\s+)?press\s+secretary"
    r"|(?:(?:federal|provincial|state|caretaker|interim|acting|former|deputy|junior)\s+)*"
    r"(?:defen[cs]e|foreign|interior|information|finance|home|prime|law|planning|railways?"
    r"|religious\s+affairs|human\s+rights|health|education|petroleum|energy|commerce"
    r"|external\s+affairs|parliamentary\s+affairs|kashmir\s+affairs)\s+minister"
    r"|minister\s+(?:of|for)\s+(?:state\s+(?:for\s+)?)?(?:[a-z][\w&'’]+(?:\s+(?:and\s+)?"
    r"[a-z][\w&'’]+){0,3})|(?:federal\s+|provincial\s+)?minister"
    r"|(?:additional\s+)?foreign\s+secretary|(?:deputy\s+)?secretary\s+of\s+(?:state|defen[cs]e"
    r"|homeland\s+security)|(?:defen[cs]e|interior|home|foreign|army|navy|air\s+force)"
    r"\s+secretary|(?:under|assistant|deputy)[- ]secretary(?:\s+of\s+state)?"
    r"|(?:under-|assistant-)?secretary[- ]general|secretary"
    r"|ambassador(?:-at-large)?|high\s+commissioner|charg[ée]\s+d['’]affaires|consul[- ]general"
    r"|deputy\s+chief\s+of\s+mission|(?:special|high)\s+(?:representative|envoy|assistant|adviser"
    r"|advisor)"
    r"|envoy|(?:counter-?terrorism\s+)?coordinator(?:\s+for\s+counter-?terrorism)?"
    r"|(?:national\s+security\s+)?advis[eo]r|chief\s+of\s+(?:the\s+)?(?:army|naval|air)\s+staff"
    r"|army\s+chief|coas|director[- ]general(?:\s+(?:of\s+)?(?:ispr|inter-services\s+public"
    r"\s+relations))?|dg\s+ispr|director|(?:vice\s+)?president|senator|sen\.|congress(?:wo)?man"
    r"|chief\s+minister|governor|chief\s+secretary|home\s+secretary"
    r"|(?:lieutenant|lt\.?|major|maj\.?)[\s-]*gen(?:eral|\.)?|general|gen\.|(?:brigadier|brig\.?)(?:[\s-]*gen(?:eral|\.)?)?"
    r"|colonel|col\.|lt\.?\s*col\.?|major|maj\.|captain|capt\.|(?:rear\s+|vice\s+)?admiral"
    r"|(?:rear\s+|vice\s+)?adm\.|air\s+(?:chief\s+)?marshal|commander|chairman|chairperson"
    r"|head|leader|chief|commissioner|deputy\s+commissioner|(?:deputy\s+|additional\s+)?"
    r"inspector[- ]general(?:\s+of\s+police)?|(?:senior\s+)?superintendent\s+of\s+police"
    r"|ssp|dig|igp|dpo|sho|mr\.?|ms\.?|mrs\.?|dr\.?|prof\.?|professor|analyst|expert"
    r"|researcher|scholar|premier|speaker"
    # the press's capitals for a premier, a chief minister, a foreign minister ("PM Shehbaz");
    # capitals only (mentions.py checks), so that "5 pm Monday" names nobody
    r"|pm|cm|fm"
)
ABBREVIATED = {"pm": "Prime Minister", "cm": "Chief Minister", "fm": "Foreign Minister"}
# Titles after which one word is a name ("Gen. Kurilla", "Mr Toner", "Ambassador Hale").
_ONE_WORD_OK = re.compile(
    r"(?i)(?:mr|ms|mrs|dr|prof|gen|general|lt|maj|brig|col|capt|captain|adm|admiral|ambassador"
    r"|secretary|minister|president|senator|sen|governor|envoy|commander|spokes\w+|head|chief"
    r"|premier|ssp|dig|sho|dpo|superintendent\s+of\s+police|director|chairman|pm|cm|fm)\.?$"
)
_LOWER = "a-zà-öø-ÿ"  # letters with accents ("António", "Stéphane")
_TOKEN = rf"(?:[A-Z]\.){{0,2}}\s?[A-ZÀ-Ö][{_LOWER}]+(?:[-'’](?!s\b)[A-Za-z][{_LOWER}]*)*"
_PARTICLE = r"(?:ul|ud|bin|al|el|de|da|van|von|e|ibn|abu)"
_WORD = rf"[A-ZÀ-Ö][{_LOWER}]+(?:[-'’](?!s\b)[A-Za-z][{_LOWER}]*)*"
NAME = rf"(?:[A-Z]\.\s?){{0,2}}{_WORD}(?:\s+(?:{_PARTICLE}[-\s]+)?(?:[A-Z]\.\s+)?{_WORD}){{0,3}}"
# Honorifics written before a name, not part of it.
HONORIFIC = (
    r"(?:Mawlavi|Maulvi|Maulana|Mullah|Sheikh|Haji|Hafiz|Qari|Syed|Sayed|Mian|Sardar|Nawabzada"
    r"|Makhdoom|Pir|Mufti|Allama|Begum|Malik)"
)
STOP_NAME = frozenset(
    """
    The A An In On At During When Despite While As But And State Department Office Foreign
    Ministry Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December He She It They We This That
    Pakistan Pakistani Afghanistan Afghan American United States Washington Islamabad Kabul
    Taliban However Responding According Earlier Later Meanwhile Also Speaking Asked Mr Ms Mrs
    General Gen Lt Maj Ambassador President Minister Secretary Senator Governor Chief Prime
    Defence Defense Interior Spokesperson Dr Envoy Army Police Operations Federal Provincial
    Foreign Deputy Senior Former Acting Caretaker Interim US U.S. UN ISPR Reuters Addressing
    Talking Following After Before Since Separately Besides Sources Officials Spokesman
    Spokeswoman Commander Admiral Captain Colonel Brigadier Major Rear Vice Premier Special
    Director Press Head Chairman Also Meanwhile Moreover Furthermore Referring Commenting
    Reacting Replying Regarding Replying Under Assistant Additional Joint Both Saudi Chinese
    Indian Iranian British Turkish Qatari Emirati National Security Council SSP DIG IG SHO DPO
    Professor Prof Brig Bureau Affairs Division Wing
    """.split()
)
CONNECTORS = frozenset({"for", "of", "and", "on"})
_NATIONALITIES = ["Pakistani", "American", "Afghan", "U.S.", "US", "Pakistan", "UN", "EU"]


@lru_cache(maxsize=1)
def person_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The patterns of a titled person, in parts so that matching stays cheap:

    * ``title``: a title anywhere (searched in the lower-cased text);
    * ``rest``: what follows a title up to the name ("(SSP) Operations", "of the Islamic
      Emirate of Afghanistan,", "Maulana"), anchored at the title's end;
    * ``lead``: what may stand before a title ("the State Department's", "Edhi Rescue
      Service"), anchored at the title's start;
    * ``after``: a name followed by its title ("Ned Price, the State Department spokesperson").
    """
    org = tables()["org_hint"] + "|" + "|".join(re.escape(n) for n in _NATIONALITIES)
    qualifier = r"(?:\s*\([A-Z]{2,6}\))?(?:\s+Operations|\s+Investigations|\s+Security)?"
    # "Spokesman of the Islamic Emirate of Afghanistan, Mawlavi Zabihullah Mujahid"
    of_org = (
        r"(?:\s+(?:of|for|at)\s+(?:the\s+)?[A-Z][\w'’.-]*"
        r"(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w'’.-]*){0,6})"
    )
    title = re.compile(rf"\b(?P<title>{TITLE})(?!\w)")
    # The phrase must end at a comma or before a name of two words or more, so that it never
    # swallows a first name ("Special Envoy for Pakistan and Afghanistan Marc Grossman").
    two_words = r"\s+(?:[A-Z]\.\s?)?[A-ZÀ-Ö][a-zà-ÿ]+\s+[A-ZÀ-Ö][a-zà-ÿ]"
    rest = re.compile(
        rf"{qualifier}(?:{of_org}(?:,|(?={two_words})))?,?\s+"
        rf"(?:(?i:mr|ms|mrs|dr|gen|general|lt\.?\s+gen|maj\.?\s+gen|rear\s+adm(?:iral)?"
        rf"|adm(?:iral)?|ambassador|brig|col|capt)\.?\s+)?(?:{HONORIFIC}\s+)?(?P<name>{NAME})"
    )
    lead = re.compile(
        rf"(?:\b(?:[Tt]he\s+)?(?P<org>{org})(?:'s|’s)?\s+)?(?:[A-Z][a-z]+\s+){{0,2}}$"
    )
    after = re.compile(
        rf"\b(?P<name>{NAME}),\s+(?:the\s+|a\s+|an\s+)?(?:(?P<org>{org})(?:'s|’s)?\s+)?"
        rf"(?P<title>(?i:{TITLE}))\b(?!,?\s+(?:Ambassador\s+)?[A-Z][a-z])"
    )
    return title, rest, lead, after


def clean_name(name: str) -> str:
    """Drop leading and trailing tokens that are not part of a person's name."""
    tokens = name.split()
    while tokens and (tokens[-1] in STOP_NAME or tokens[-1] in CONNECTORS):
        tokens.pop()
    while tokens and (tokens[0].rstrip(".") in STOP_NAME or tokens[0] in CONNECTORS):
        tokens.pop(0)
    return " ".join(tokens)


def one_word_ok(title: str) -> bool:
    """Tell whether a single word after this title is a name ("Gen. Kurilla")."""
    last = title.split()[-1] if title.split() else ""
    return bool(_ONE_WORD_OK.search(last)) or bool(_ONE_WORD_OK.search(title))


def norm_title(title: str) -> str:
    """Normalise a title for output ("spokesman" -> "Spokesperson", "gen." -> "General")."""
    title = re.sub(r"\s+", " ", title.strip())
    title = ABBREVIATED.get(title.lower(), title)
    title = re.sub(r"(?i)defence", "Defense", title)
    title = re.sub(r"(?i)^gen\.?$", "General", title)
    words = [w if w.lower() in ("of", "for") else w[:1].upper() + w[1:] for w in title.split()]
    text = " ".join(words)
    return re.sub(r"Spokes(?:man|woman)", "Spokesperson", text)
