"""Attacks and incidents a document reports: kind, date, place, target, group and tolls.

A sentence mentions an attack when it names one ("a suicide bomber blew himself up", "gunmen
stormed", "the Jaffar Express hijacking") and pins it to something particular: a toll, a day,
a claim of responsibility or a name. Talk of attacks in general ("growing attacks", "240
terrorist incidents") is not an event. Later sentences that go on about the same attack (the
toll rose, a group claimed it, "the blast") are mentions of it too; a different place or day,
or "another blast", starts a new one. The tolls are the victims' figures of casualties.py,
each kept with its sentence and the source the text gives it.
"""

from __future__ import annotations

import re

from . import dates as D
from .casualties import figure_source, sentence_figures
from .entities import groups_between
from .event_places import Place, finest, places_in, same_area
from .types import DAY, UNKNOWN, ExtractedEvent, ExtractedFigure, ExtractedStatement

# Kinds, most particular first: a "suicide attack" is a suicide bombing, not an attack.
_KINDS = [
    (
        "suicide_bombing",
        r"suicide\s+(?:car\s+|truck\s+|vehicle[\s-]borne\s+)?(?:bomb(?:er|ers|ing|ings)?|blasts?|attacks?|attackers?|explosions?)"
        r"|blew\s+(?:him|her)self\s+up|detonated\s+(?:his|her)\s+(?:explosives?\s+)?vest"
        r"|exploded\s+(?:him|her)self",
    ),
    ("hijacking", r"hijack(?:ed|ing|ers?)?"),
    ("kidnapping", r"kidnapp(?:ed|ing)|abduct(?:ed|ion|ing)|took\s+[\w\s]{0,30}hostage"),
    (
        "rocket_attack",
        r"rockets?\s+(?:attacks?|fire|hit|struck|landed)|mortar\s+(?:shells?|attacks?)",
    ),
    ("targeted_killing", r"target(?:ed)?\s+killing|shot\s+dead|gunned\s+down|assassinat\w+"),
    (
        "bombing",
        r"bomb(?:ing|ings|s)?(?!\s+disposal)|blasts?|explosions?|IEDs?|improvised\s+explosive"
        r"|roadside\s+(?:bomb|mine)|landmine|grenade\s+attack",
    ),
    (
        "armed_assault",
        r"gunmen|stormed|opened\s+fire|ambush(?:ed)?|(?:terrorists|militants|insurgents)\s+attacked|armed\s+(?:attack|assault)|fire\s+raid"
        r"|raided|assault(?:ed)?|exchange\s+of\s+fire",
    ),
    ("other", r"(?:terrorist\s+|terror\s+|militant\s+)?attack(?:s|ed)?|massacre"),
]
_KEYWORDS = (
    "suicide",
    "hijack",
    "kidnap",
    "abduct",
    "hostage",
    "rocket",
    "mortar",
    "killing",
    "shot dead",
    "gunned",
    "assassinat",
    "bomb",
    "blast",
    "explosi",
    "ied",
    "landmine",
    "grenade",
    "gunmen",
    "stormed",
    "opened fire",
    "ambush",
    "raid",
    "assault",
    "attack",
    "massacre",
    "blew",
    "detonated",
    "exploded",
    "exchange of fire",
)
_TRIGGER = re.compile("|".join(f"(?P<{kind}>\\b(?:{rx})\\b)" for kind, rx in _KINDS), re.I)
# Figures and periods of many attacks: the statistics' business, not an event's.
_AGGREGATE = re.compile(
    r"(?i)\bincidents\b|\b\d+\s+(?:terrorist\s+|terror\s+|militant\s+)?attacks\b|%|per\s*cent"
    r"|\bquarter\b|\bfirst\s+half\b|\bvarious\s+attacks|\bmultiple\s+attacks|\bsuch\s+attacks"
)
_AGGREGATE_KEYS = ("incidents", "attacks", "%", "cent", "quarter", "first half")
_CLAIMED = re.compile(
    r"(?i)\bclaim(?:ed|s|ing)?\s+(?:the\s+)?(?:responsibility|the\s+(?:attack|blast|bombing)|it)"
    r"|\b(?:took|taken|take|accepted|owned)\s+(?:up\s+)?(?:responsibility|the\s+attack)"
)
_BLAMED = re.compile(
    r"(?i)\bblam(?:ed|es|ing)\b|\bbehind\s+the\b|\bresponsible\s+for\b|\bcarried\s+out\s+by\b"
    r"|\baccused\b|\bsuspected\b|\battributed\b|\bperpetrated\b"
)
_ATTACKERS = re.compile(r"(?i)\b(?:militants|terrorists|fighters|bombers?|insurgents)\b")
_SAYS = re.compile(r"(?i)\b(?:said|says|told|confirmed|according\s+to|stated|reported)\b")
_REACTED = re.compile(
    r"(?i)\b(?:condemn\w*|denounc\w*|deplor\w*|said|says|told|express\w*|offer\w*|announc\w*"
    r"|visited|held|were\s+held|mourn\w*)\b"
)
# "said on Saturday that the Turbat bombing …": the day of the saying, not of the attack.
_SAID_ON = re.compile(
    r"(?i)\b(?:said|says|told|stated|added|announced|condemned|confirmed|warned|visited)"
    r"(?:\s+\w+){0,3}?\s+(?:on\s+|late\s+|early\s+)?$"
)
_DENIED = re.compile(r"(?i)\bden(?:ied|ies|y)\b|\bdistanced\b|\bdisowned\b|\bcondemn")
_ANOTHER = re.compile(
    r"(?i)\b(?:another|second|separate|separately|earlier\s+(?:on|this|in)|a\s+day\s+(?:earlier|before))\b"
)
_BACK_REFERENCE = re.compile(
    r"(?i)\b(?:the|this|that|Friday's|Monday's|Tuesday's|Wednesday's|Thursday's|Saturday's"
    r"|Sunday's)\s+(?:suicide\s+|terrorist\s+|terror\s+|deadly\s+)?(?:attack|blast|bombing|explosion|assault|hijacking|incident"
    r"|ambush)\b|\bdeath\s+toll\b|\bthe\s+(?:injured|wounded|victims|bomber|attackers?)\b"
)
_TARGETS = [
    (
        "foreigners",
        r"Chinese\s+(?:nationals|engineers|citizens|workers)|foreign(?:ers|\s+nationals)",
    ),
    ("worship", r"mosques?|masjid|church(?:es)?|imambargah|shrines?|temples?|worshipp?ers"),
    ("police", r"police(?:men|man)?|constables?|levies|police\s+station|CTD"),
    (
        "security_forces",
        r"soldiers?|troops|army|Frontier\s+Corps|FC|security\s+forces|convoy|check\s*-?posts?"
        r"|checkpoints?|cantonment|military|personnel",
    ),
    ("officials", r"officials?|judges?|ministers?|lawmakers?|politicians?|rally|candidates?"),
    ("civilians", r"civilians|passengers|market|bazaar|students|school|university|wedding|bus"),
    ("infrastructure", r"pipeline|railway\s+track|power\s+(?:pylon|line|station)|tower|bridge"),
]
_TARGET = re.compile("|".join(f"(?P<{t}>\\b(?:{rx})\\b)" for t, rx in _TARGETS))
_SITE = re.compile(
    r"\b(mosque|church|imambargah|shrine|police\s+station|police\s+lines|check\s*-?post"
    r"|convoy|train|bus|market|bazaar|school|university|court|rally|procession|consulate"
    r"|airport|camp|cantonment|base)(?:e?s)?\b",
    re.I,
)
# "the Karachi University suicide bombing", "the Jaffar Express hijacking": a name the text
# gives the attack, capitalized words right before its noun.
_NAMED = re.compile(
    r"\b[Tt]he\s+(?P<name>(?:[A-Z][\w’'.-]*\s+){1,4}?)(?P<noun>(?:suicide\s+)?(?:bombing|attack"
    r"|blast)|hijacking|massacre|explosion|assault|siege)\b"
)
_NOUN = {
    "suicide_bombing": "suicide bombing",
    "bombing": "bombing",
    "armed_assault": "attack",
    "hijacking": "hijacking",
    "targeted_killing": "killing",
    "kidnapping": "kidnapping",
    "rocket_attack": "rocket attack",
    "other": "attack",
}
_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Za-z .]{2,30}?)\s*(?:,[^:–—-]{0,30})?\s*(?::|\s[–—-])\s"
)
_NOT_ATTACK_PLACE = {"Islamabad", "Rawalpindi"}  # datelines of ministries and the ISPR
_WINDOW = 4  # sentences after an attack's last mention in which "the blast" still means it


def event_mentions(
    view: str,
    sentences: list[tuple[int, int, int]],
    statements: list[ExtractedStatement],
    ref: D.Ref | None,
    groups: list[tuple[int, str]],
) -> list[ExtractedEvent]:
    """The attacks the body ``sentences`` ((start, end, paragraph) offsets into ``view``)
    report, each with the sentences that mention it and the figures they give; ``ref`` is
    the document's reference date, ``groups`` the armed-group mentions (offset, name)."""
    events: list[tuple[ExtractedEvent, list[Place], int]] = []  # event, places, last index
    dateline = _dateline_place(view, sentences)
    for index, (start, end, _) in enumerate(sentences):
        sentence = view[start:end]
        trigger = _trigger(sentence)
        # Most sentences name no attack and follow none: the cheap test first.
        if trigger is None and not (events and index - events[-1][2] <= _WINDOW):
            continue
        if _aggregate(sentence):
            continue
        figures = sentence_figures(sentence)
        if trigger is None and not figures:
            continue
        skip = _DATELINE.match(sentence) if index == 0 else None  # "QUETTA: ..." is no place
        lead = skip.end() if skip else 0
        here = [p for _, p in places_in(sentence[lead:])]
        when = _date(sentence, trigger, ref, lead) if trigger else None
        anchored = trigger is not None and bool(
            figures
            or (when and when.precision == DAY)
            or _CLAIMED.search(sentence)
            or _NAMED.search(sentence)
        )
        if anchored:
            target = _same_event(events, here, when, sentence, index)
        else:
            # Goes on about the attack just reported ("the blast", "the toll rose to 63")?
            target = next((e for e in reversed(events) if index - e[2] <= _WINDOW), None)
            if target is None or not (_BACK_REFERENCE.search(sentence) or figures):
                continue
            if here and target[1] and not any(same_area(p, q) for p in here for q in target[1]):
                continue
        if target is None:
            target = (ExtractedEvent(name="", kind=_kind(sentence)), [], index)
            events.append(target)
        event, places, _ = target
        events[events.index(target)] = (event, places + here, index)
        _add_sentence(event, view, start, end, trigger, when, figures, statements, groups)
    found = []
    for event, places, _ in events:
        _finish(event, places, dateline, view)
        found.append(event)
    return found


def _trigger(sentence: str) -> re.Match[str] | None:
    """The first attack word of the sentence. Substring tests (in C) find where one may
    start, so the regex runs from there, not from every position of every sentence."""
    low = sentence.lower()
    hits = [at for at in map(low.find, _KEYWORDS) if at >= 0]
    return _TRIGGER.search(sentence, max(0, min(hits) - 12)) if hits else None


def _aggregate(sentence: str) -> bool:
    low = sentence.lower()
    return any(k in low for k in _AGGREGATE_KEYS) and _AGGREGATE.search(sentence) is not None


def _kind(sentence: str) -> str:
    """The most particular kind of attack the sentence names ("suicide bombings" over
    "militant attacks")."""
    found = {k for m in _TRIGGER.finditer(sentence) for k, v in m.groupdict().items() if v}
    return next((k for k, _ in _KINDS if k in found), "other")


def _same_event(events, here, when, sentence, index):
    """The event of this document a sentence goes on about, if any: the same place and day
    (as far as both are known), and no "another" or "separate"."""
    if _ANOTHER.search(sentence):
        return None
    for entry in reversed(events):
        event, places, last = entry
        if here and places and not any(same_area(p, q) for p in here for q in places):
            continue
        known = event.occurred_on and when and event.date_precision == DAY == when.precision
        if known and when.as_text() != event.occurred_on:
            continue
        if not (here and places) and index - last > _WINDOW:
            continue
        return entry
    return None


def _date(
    sentence: str, trigger: re.Match[str] | None, ref: D.Ref | None, lead: int = 0
) -> D.Resolved | None:
    """The date phrase of the sentence nearest its attack word, resolved against the
    document's date; None when there is none or it does not resolve (or lies ahead)."""
    at = trigger.start() if trigger else 0
    found = []
    for m in D.DATE_PHRASE.finditer(sentence, lead):  # a dateline's date is the report's
        between = sentence[min(at, m.start()) : max(at, m.end())]
        said = _SAID_ON.search(sentence, max(0, m.start() - 40), m.start())
        if re.search(r"[.;!?”\"]\s", between) or _REACTED.search(between) or said:
            continue  # another clause's date ("We reiterate that today", "on Monday condemned")
        resolved = D.resolve(m, ref)
        if resolved is None:
            continue
        if ref is not None and resolved.day > D._base(ref):
            continue
        found.append((abs(m.start() - at), resolved))
    return min(found, key=lambda f: f[0])[1] if found else None


def _add_sentence(event, view, start, end, trigger, when, figures, statements, groups):
    sentence = view[start:end]
    event.mentions.append((start, end))
    if trigger is not None and event.kind == "other":
        event.kind = _kind(sentence)
    if when is not None and _finer(when.precision, event.date_precision):
        event.occurred_on, event.date_precision = when.as_text(), when.precision
    if event.target == "unknown":
        hit = _TARGET.search(sentence)
        if hit:
            event.target = next(t for t, v in hit.groupdict().items() if v)
    if not event.name:
        named = _NAMED.search(sentence)
        if named and not re.match(r"(?i)(?:same|latest|recent|last)\b", named.group("name")):
            event.name = " ".join(f"{named.group('name')} {named.group('noun')}".split())
    _add_group(event, sentence, groups_between(groups, start, end))
    for f_start, _, value, metric, qualifier in figures:
        pos = start + f_start
        # A quotation's speaker, or the one who "said" the reported clause holding it, gives
        # the figure; a toll in the journalist's framing of a condemnation is the journalist's.
        says = _SAYS.search(sentence) is not None
        speaker = next(
            (
                s
                for s in statements
                if (s.direct and s.start <= pos < s.end)
                or (says and any(a <= pos < b for a, b in s.words))
            ),
            None,
        )
        event.figures.append(
            ExtractedFigure(
                metric=metric,
                value=value,
                qualifier=qualifier,
                source=figure_source(sentence, speaker),
                start=start,
                end=end,
            )
        )


def _add_group(event: ExtractedEvent, sentence: str, names: list[str]) -> None:
    if not names or _DENIED.search(sentence):
        return
    if _CLAIMED.search(sentence):
        if event.group_basis != "claimed":
            event.armed_group, event.group_basis = names[0], "claimed"
    elif not event.armed_group and (_BLAMED.search(sentence) or _ATTACKERS.search(sentence)):
        event.armed_group, event.group_basis = names[0], "blamed"


def _finer(new: str, old: str) -> bool:
    order = [UNKNOWN, "year", "month", DAY]
    return order.index(new) > order.index(old)


def _dateline_place(view: str, sentences: list[tuple[int, int, int]]) -> Place | None:
    """The town of a dateline ("QUETTA: ..."), where a local report's attack happened."""
    if not sentences:
        return None
    m = _DATELINE.match(view[sentences[0][0] : sentences[0][1]])
    if m is None:
        return None
    name = m.group("city").strip().title()
    if name in _NOT_ATTACK_PLACE:
        return None
    found = places_in(name)
    return found[0][1] if found and found[0][0] == 0 else None


def _finish(event: ExtractedEvent, places: list[Place], dateline: Place | None, view: str) -> None:
    """Place, country and a name, once all its sentences are read."""
    where = finest(places) if places else (dateline or Place())
    event.place, event.district = where.place, where.district
    event.province = where.province
    text = " ".join(view[s:e] for s, e in event.mentions)
    event.country = where.country or ("AF" if re.search(r"Afghan", text) else "PK")
    if not event.name:
        label = (
            where.place
            or where.district
            or where.province
            or ("Afghanistan" if event.country == "AF" else "Pakistan")
        )
        site = _SITE.search(text)
        noun = _NOUN[event.kind]
        site_word = site.group(1).lower() if site else ""
        if site_word and site_word not in noun:
            noun = f"{site_word} {noun}"
        event.name = f"{label} {noun}"
    event.name = event.name[:200]
