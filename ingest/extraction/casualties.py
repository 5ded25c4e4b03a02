"""Casualty counts of single attacks and operations, with the source the text gives them.

"At least sixteen people were killed and 30 injured …, a police officer said", "killing seven
khwarij", "the death toll rose to 63": each figure is kept with its metric (killed, injured,
hostages, arrested…), the day it belongs to, and who the text attributes it to (the speaker
of the statement that carries it: ISPR, the police, an official), or no source when the
journalist gives it.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from . import dates as D
from .statistics import NUMBER_WORDS, document_source, source_name
from .types import DAY, ExtractedStatement, ExtractedStatistic

_WORDS = {**NUMBER_WORDS, "dozens": None, "scores": None}  # no count in "dozens"
_NUM = r"\d{1,3}(?:,\d{3})+|\d+|" + "|".join(w for w, v in _WORDS.items() if v)
_QUAL = r"at\s+least|over|more\s+than|nearly|almost|about|around|some|as\s+many\s+as|up\s+to"
_OUTCOME = (
    r"killed|dead|died|injured|wounded|martyred|hurt|abducted|kidnapped|arrested|detained"
    r"|captured|taken\s+hostage|held\s+hostage|hostages|lost\s+their\s+lives|embraced\s+martyrdom"
    r"|embraced\s+shahadat|sent\s+to\s+hell|neutrali[sz]ed|eliminated|perished|rescued"
)
# "16 people were killed", "seven khwarij were sent to hell", "30 injured", "six terrorists".
_COUNT_THEN_OUTCOME = re.compile(
    rf"(?:(?P<qual>{_QUAL})\s+)?(?<![\w.,-])(?P<num>{_NUM})(?![\w%-]|\.\d|,\d)"
    rf"(?P<who>(?:\s+(?!(?:and|with|while|but)\b)[^\W\d][\w’'/-]*){{0,4}}?)"
    rf"(?:,[^,.;“”]{{1,60}},)?\s+(?:\[?(?:were|was|have\s+been|had\s+been|got|are)\]?\s+)?"
    rf"(?P<outcome>{_OUTCOME})\b",
    re.I,
)
# "killing seven khwarij", "left 18 civilians dead", "the death toll rose to 63", "the number
# of dead in the bombing was 57", "gave the death toll as 61".
_OUTCOME_THEN_COUNT = re.compile(
    rf"\b(?P<outcome>killing|killed|injuring|injured|wounding|wounded|leaving|left"
    rf"|claimed\s+the\s+lives\s+of|(?:resulted\s+in\s+)?(?:the\s+)?deaths?\s+of"
    rf"|death\s+toll\s+(?:rose|climbed|reached|jumped|stood)\s+(?:to|at)"
    rf"|(?:death\s+toll|number\s+of\s+(?:martyrs|dead|deaths|fatalities|injured|wounded))"
    rf"(?:\s+[\w-]+){{0,4}}?\s+(?:was|is|stood\s+at|as|at|to))\s+"
    rf"(?:all\s+)?(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})(?![\w%-]|\.\d|,\d)"
    rf"(?P<who>(?:\s+[\w’'-]+){{0,3}}?)(?:\s+(?P<after>dead|injured|wounded))?\b",
    re.I,
)
# Who the text gives a toll to when no extracted statement carries it ("police said",
# "according to rescue officials"): bare sources are no statements, yet the figure is theirs.
_SOURCE_WHO = (
    r"ISPR|CTD|police(?:\s+officials?)?|officials?|doctors|rescuers|Rescue\s+1122"
    r"|hospital\s+(?:officials?|sources?|spokesperson)|rescue\s+(?:officials|workers)"
    r"|(?:district|local|security|government|police|(?:district\s+)?health)\s+(?:officials?|sources)"
    r"|the\s+military|the\s+army|the\s+provincial\s+government|the\s+interior\s+ministry"
)
_SOURCE = re.compile(
    rf"(?i)\b(?:according\s+to|told|confirmed\s+by)\s+(?:the\s+|a\s+)?(?P<who>{_SOURCE_WHO})\b"
    rf"|\b(?P<who2>{_SOURCE_WHO})\s+(?:said|say|says|told|confirmed|reported|put)\b"
)
_ANY_COUNT = re.compile(r"\d|\b(?:" + "|".join(_WORDS) + r")\b", re.I)
_NOT_PEOPLE = re.compile(
    r"(?i)\b(?:years?|months?|days?|hours?|km|kilometres?|kilometers?|miles?|percent|per\s+cent"
    r"|million|billion|dollars?|rupees?|houses?|vehicles?|posts?|districts?|provinces?|times)\b"
)


def casualties(
    view: str,
    sentences: list[tuple[int, int, int]],
    statements: list[ExtractedStatement],
    day: str | None,
    known: set[float],
) -> list[ExtractedStatistic]:
    """Casualty figures in the body ``sentences`` ((start, end, paragraph) offsets), each
    sourced to the statement that carries it; ``known`` holds the values already recorded
    as aggregates, which are not repeated."""
    _toll_matches.cache_clear()  # one document's sentences: no benchmark reads a warm cache
    found: list[ExtractedStatistic] = []
    seen = set(known)
    ref = D.Ref(date.fromisoformat(day), DAY) if day else None
    fallback = document_source(view)  # a report write-up's figures are the report's
    for start, end, _ in sentences:
        sentence = view[start:end]
        if not _ANY_COUNT.search(sentence):
            continue
        # (a part of a toll, "… including three Chinese nationals", is not a toll of its own)
        for m in _toll_matches(sentence):
            if _NOT_PEOPLE.search(m.group("who") or ""):
                continue
            value = _value(m.group("num"))
            if value is None or value in seen or (1900 <= value <= 2100):
                continue
            seen.add(value)
            pos = start + m.start("num")
            speaker = next((s for s in statements if s.start <= pos < s.end), None)
            found.append(
                ExtractedStatistic(
                    value=value,
                    metric=_metric(m),
                    source=figure_source(sentence, speaker) or fallback,
                    period=_attack_day(sentence, ref)
                    or (speaker.said_on if speaker and speaker.said_on else day),
                    start=pos,
                    end=start + m.end("num"),
                )
            )
    return found


@lru_cache(maxsize=512)
def _toll_matches(sentence: str) -> tuple[re.Match[str], ...]:
    """The figure patterns' matches in one sentence, read once for the statistics and again,
    from this cache, for the attack the sentence reports."""
    return (*_COUNT_THEN_OUTCOME.finditer(sentence), *_OUTCOME_THEN_COUNT.finditer(sentence))


def figure_source(sentence: str, speaker: ExtractedStatement | None) -> str:
    """Who the text gives a figure to: the statement's speaker, "police" in "police said",
    or nobody (""): the journalist's own figure."""
    if speaker is not None:
        return source_name(speaker)[:100]
    m = _SOURCE.search(sentence)
    if m is None:
        return ""
    who = " ".join(re.sub(r"(?i)^the\s+", "", m.group("who") or m.group("who2")).split())
    return who if who.isupper() else who.lower()


def _attack_day(sentence: str, ref: D.Ref | None) -> str | None:
    """The day the sentence gives its attack ("… in Quetta on Friday"), at its precision."""
    for m in D.DATE_PHRASE.finditer(sentence):
        resolved = D.resolve(m, ref)
        if resolved is not None:
            return resolved.as_text()
    return None


def _value(num: str) -> float | None:
    """ "1,234", "16" or "sixteen" as a number."""
    low = num.lower()
    if low in _WORDS:
        value = _WORDS[low]
        return float(value) if value else None
    return float(num.replace(",", ""))


def _metric(m: re.Match[str]) -> str:
    """ "militants killed", "people injured (at least)" from a figure's words."""
    outcome = re.sub(r"\s+", " ", m.group("outcome").lower())
    outcome = {
        "killing": "killed",
        "injuring": "injured",
        "wounding": "wounded",
    }.get(outcome, outcome)
    if "death" in outcome:
        outcome = "killed"
    if outcome.startswith("number of"):
        outcome = "injured" if re.search(r"injured|wounded", outcome) else "killed"
    if outcome.startswith(("leaving", "left", "death toll", "claimed")):
        outcome = (m.groupdict().get("after") or "killed").lower()
    who = re.sub(r"\s+", " ", (m.group("who") or "")).strip()
    metric = f"{who} {outcome}".strip()
    if m.group("qual"):
        qualifier = " ".join(m.group("qual").lower().split())
        metric += f" ({qualifier})"
    return metric


# The toll of one attack, for its event record: the victims' figures only (militants killed in
# the response are not the attack's toll), as killed, injured or hostages.
_VICTIM_METRIC = (
    ("hostages", re.compile(r"(?i)hostage|abducted|kidnapped")),
    ("injured", re.compile(r"(?i)injur|wound|hurt")),
    ("killed", re.compile(r"(?i)kill|dead|death|died|martyr|lives|shahadat|perished|claimed")),
)
_ATTACKERS = re.compile(
    r"(?i)\b(?:terrorists?|militants?|khwarij|kharijis?|attackers?|bombers?|insurgents?"
    r"|assailants?|gunmen|hijackers?|suspects?|miscreants|outlaws)\b"
)
_QUALIFIER = {
    "at least": "at least",
    "over": "more than",
    "more than": "more than",
    "nearly": "about",
    "almost": "about",
    "about": "about",
    "around": "about",
    "some": "about",
    "as many as": "up to",
    "up to": "up to",
}


def sentence_figures(sentence: str) -> list[tuple[int, int, int, str, str]]:
    """The victims' figures of one sentence: (start, end, value, metric, qualifier), offsets
    into ``sentence`` of the number; metric is killed, injured or hostages, qualifier one of
    "", "at least", "about", "more than", "up to". Militants' losses are left out."""
    if not _ANY_COUNT.search(sentence):
        return []
    found: list[tuple[int, int, int, str, str]] = []
    for m in _toll_matches(sentence):
        who = m.group("who") or ""
        if _NOT_PEOPLE.search(who) or _ATTACKERS.search(who):
            continue
        outcome = " ".join(m.group("outcome").lower().split())
        if outcome.startswith(("leaving", "left")):
            outcome = (m.groupdict().get("after") or "killed").lower()
        metric = next((name for name, rx in _VICTIM_METRIC if rx.search(outcome)), None)
        value = _value(m.group("num"))
        if metric is None or value is None or (1900 <= value <= 2100):
            continue
        qual = " ".join((m.group("qual") or "").lower().split())
        row = (m.start("num"), m.end("num"), int(value), metric, _QUALIFIER.get(qual, ""))
        if not any(f[2:4] == row[2:4] for f in found):
            found.append(row)
    # "took 400 passengers hostage", "kidnapped seven policemen", "the toll rose to 15"
    for rx, metric in ((_HOSTAGES, "hostages"), (_TAKEN, "hostages"), (_TOLL, "killed")):
        for m in rx.finditer(sentence):
            value = _value(m.group("num"))
            qual = " ".join((m.group("qual") or "").lower().split())
            if value is None or (1900 <= value <= 2100):
                continue
            if not any(f[2:4] == (int(value), metric) for f in found):
                found.append(
                    (m.start("num"), m.end("num"), int(value), metric, _QUALIFIER.get(qual, ""))
                )
    return sorted(found)


_TAKEN = re.compile(
    rf"\b(?:kidnapped|abducted)\s+(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})(?![\w%-]|\.\d|,\d)"
    rf"(?!\s+(?:years?|months?|days?|hours?)\b)",
    re.I,
)
_TOLL = re.compile(
    rf"\btoll\b(?:\s+[\w’'-]+){{0,6}}?\s+(?:rose|climbed|reached|jumped|stood|increased|has\s+risen"
    rf"|had\s+risen|risen)\s+(?:to|at)\s+(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})(?![\w%-]|\.\d|,\d)",
    re.I,
)
_HOSTAGES = re.compile(
    rf"\b(?:took|taken|taking|holding|held|seized)\s+(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})"
    rf"(?:\s+[\w-]+){{0,3}}?\s+(?:as\s+)?hostages?\b",
    re.I,
)
