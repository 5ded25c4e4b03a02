"""Attribution: which speaker a unit's words belong to, through reporting verbs and phrases.

Frames found (``outside`` has quoted words blanked, so verbs inside quotes never count):

* SUBJECT: a speaker then a reporting verb ("Miller said", "the spokesperson, in a statement
  issued on Friday, strongly condemned"); the subject is the first speaker-like mention of
  the verb's clause whose words up to the verb are only adverbs, auxiliaries, a prepositional
  phrase or comma-enclosed asides; after "and" ("Obama decried the attack and said") the
  clause's own subject.
* INVERTED: a verb before its speaker after a quotation or a comma ("…,” said Miller").
* PARTICIPIAL: ", saying", ", adding that", "before adding" after a clause whose subject
  speaks.
* ACCORDING_TO: "according to X", "as per X", "in the words of X".
* NOMINAL: "X's insistence that …", "a tweet from X that …": a clause-sized statement.
"""

from __future__ import annotations

import re

from .attribution import (  # noqa: F401  (re-exported: callers import the frames from here)
    ACCORDING_TO,
    INVERTED,
    NOMINAL,
    PARTICIPIAL,
    SUBJECT,
    Attribution,
)
from .clauses import clause_start, glue_ok, subject_capable
from .lexicon import (
    DOCUMENT_FORMS,
    FORM_LEMMA,
    INVERTABLE,
    PARTICIPLE,
    STANDING,
    VERB,
    complement_ok,
)
from .mentions import (
    CAPNAME,
    DOC,
    GROUP_M,
    INST,
    JOINT,
    NAMED,
    PRONOUN,
    SURNAME,
    TITLED,
    Mention,
)
from .officials import STATES
from .resolver import Resolver
from .sourced import according, nominal, quoted_as
from .types import INSTITUTION

_HABITUAL = re.compile(
    r"\b(?:consistently|long|repeatedly|always|time\s+again|time\s+and\s+again|often)\b"
)
_WHO = re.compile(r",?\s+who\s+(?:also\s+|has\s+|had\s+|later\s+|then\s+|was\s+)*$")
_AFTER_QUOTE = re.compile(r"[”\"]\s*,?\s*$")
# Capitalised plural nouns that stand where a surname would ("…,” Residents said).
_PLURALS = frozenset(
    """Residents Witnesses Eyewitnesses Analysts Experts Critics Locals Villagers Survivors
    Relatives Doctors Rescuers Protesters Students Militants Elders Tribesmen Observers
    Diplomats Reporters Journalists Lawmakers Leaders Others Many Some Most Few Both Families
    Activists Officers Soldiers Troops Insurgents Commanders Investigators Prosecutors""".split()
)
_LEADING_ADVERBIAL = re.compile(
    r"\s*(?:[Ii]n|[Oo]n|[Aa]t|[Aa]fter|[Dd]uring|[Bb]efore|[Ff]ollowing|[Ss]peaking|[Aa]ddressing"
    r"|[Tt]alking|[Ww]riting|[Ii]n\s+a|[Ll]ater|[Ee]arlier)\b[^,]{0,80},\s*"
)
_AND_BEFORE = re.compile(r"\b(?:and|but|then)\s+(?:\w+ly\s+|also\s+|later\s+)*$")
# A passive or progressive verb ("was added", "is called", "was responding to") does not make
# its subject a speaker; a negated one ("did not mention") reports no words.
_BE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|not|n't|never|neither|nor)\s+(?:\w+ly\s+|also\s+|now\s+)*$"
)
_AGENT = re.compile(r"\s+(?:by|in)\s+")


def find_attributions(
    view: str, outside: str, start: int, end: int, mentions: list[Mention], resolver: Resolver
) -> list[Attribution]:
    """Find attributions in the unit ``view[start:end]``, best first.

    ``outside`` is the unit with quoted words blanked, so verbs inside quotes do not count.
    """
    found: list[Attribution] = []
    inside = [(m.start - start, m.end - start) for m in mentions]
    for vm in VERB.finditer(outside):
        if any(s <= vm.start() < e for s, e in inside):
            continue  # "the regional report noted": "report" here names, it does not say
        form = vm.group("verb")
        lemma = FORM_LEMMA[form]
        if not complement_ok(lemma, outside[vm.end() : vm.end() + 90]):
            continue
        v_s, v_e = start + vm.start(), start + vm.end()
        attr = _inverted(view, outside, start, v_s, v_e, form, mentions, resolver)
        if attr is None:
            attr = _subject(view, outside, start, v_s, v_e, form, mentions, resolver)
        if attr is not None:
            found.append(attr)
    found.extend(according(view, outside, start, mentions, resolver))
    found.extend(quoted_as(view, outside, start, mentions, resolver))
    found.extend(_participles(view, outside, start, mentions, resolver, found))
    found.extend(nominal(view, outside, start, end, mentions, resolver))
    order = {SUBJECT: 0, INVERTED: 0, NOMINAL: 1, ACCORDING_TO: 2, PARTICIPIAL: 3}
    found.sort(key=lambda a: (order[a.mode], a.cue_start))
    # "China condemned the blast …, the Foreign Ministry said", "Obama and Sharif reaffirmed
    # …, the White House said": the closing institution reports what they did.
    closing = [a for a in found[1:] if _closes(outside, start, a)]
    state = bool(found) and found[0].speaker.name in STATES
    if closing and found[0].mode == SUBJECT and (state or closing[0].mention.kind in (INST, DOC)):
        found = closing[:1] + [a for a in found if a is not closing[0]]
    return _according_first(outside, start, found)


_CLOSING_TAIL = re.compile(
    r"\s*(?:(?:on\s+\w+|in\s+a\s+(?:statement|tweet|post)|today|yesterday|late\s+\w+)\s*)?"
    r"[.!]?\s*$"
)


def _closes(outside: str, start: int, a: Attribution) -> bool:
    """Whether an attribution closes its sentence after a comma ("…, the ministry said.")."""
    first = min(a.cue_start, a.mention.start) - start
    last = max(a.cue_end, a.mention.end) - start
    return outside[:first].rstrip()[-1:] == "," and bool(_CLOSING_TAIL.fullmatch(outside[last:]))


def _according_first(outside: str, start: int, found: list[Attribution]) -> list[Attribution]:
    """ "As per the statement issued by the Foreign Office, both countries recognised …": a
    sentence opened by "according to" a document or an institution is that source's, when
    the subject inside it is only a collective, a state or a pronoun (a named person inside
    it speaks for themselves; an outlet is only a conduit)."""
    lead = next(
        (
            a
            for a in found
            if a.mode == ACCORDING_TO
            and outside[: a.cue_start - start].strip(" ,") == ""
            and a.mention.kind in (DOC, INST, TITLED, NAMED, SURNAME)
        ),
        None,
    )
    if lead is None:
        return found
    weak = (JOINT, GROUP_M, PRONOUN, INST)
    if lead.mention.kind in (TITLED, NAMED, SURNAME):
        # "According to Carrow, the UN report found …": she reports what it says.
        weak = (JOINT, GROUP_M, PRONOUN, INST, DOC)
    if all(a is lead or a.mention.kind in weak for a in found if a.mode in (SUBJECT, INVERTED)):
        return [lead] + [a for a in found if a is not lead]
    return found


# What may follow an inverted speaker ("…,” said Miller, adding …", "said Miller on Monday").
_INVERTED_END = re.compile(
    r"\s*(?:[.,;:!?)\]”\"—–-]|$|\((?:[A-Z]|$)|(?:in|on|at|during|while|when|after|before|told|to"
    r"|adding|according|who|as|and|but|from|of|for|via|with|late|earlier|today|yesterday"
    r"|issued|released|published|compiled|prepared|posted|quoted|cited"
    r"|this|last)\b)"
)


def _inverted(
    view: str,
    outside: str,
    start: int,
    v_s: int,
    v_e: int,
    form: str,
    mentions: list[Mention],
    resolver: Resolver,
) -> Attribution | None:
    """ "…,” said Miller" / "…, says the State Department" / "Said Miller: …"."""
    if form not in INVERTABLE:
        return None
    rel = v_s - start
    before = outside[max(0, rel - 6) : rel]
    if not (re.search(r"[”\",:]\s*$", before) or rel == 0 or outside[:rel].strip() == ""):
        return None
    for m in mentions:
        if m.start < v_e:
            continue
        gap = view[v_e : m.start]
        if not _INVERTED_END.match(view, m.end):
            break  # "…, said Pakistan would not …": the name opens the reported clause
        if gap.strip(" ,") == "" or re.fullmatch(r"\s+(?:on\s+\w+|today|yesterday)\s+", gap):
            speaker = resolver.resolve(m)
            if speaker is not None:
                return Attribution(speaker, m, v_s, v_e, INVERTED, form, clause_start=v_s)
        break
    return None


def _subject(
    view: str,
    outside: str,
    start: int,
    v_s: int,
    v_e: int,
    form: str,
    mentions: list[Mention],
    resolver: Resolver,
) -> Attribution | None:
    """Pair a verb with the subject of its clause (or, in the passive, with its agent)."""
    rel = v_s - start
    if _BE_BEFORE.search(outside, max(0, rel - 30), rel) and FORM_LEMMA[form] != "quote":
        return _agent(view, v_s, v_e, form, mentions, resolver)
    who = _WHO.search(outside, 0, rel)
    if who is not None:
        # "… Minister Jon Ekdal, who said …": the relative pronoun's antecedent speaks.
        for m in reversed([m for m in mentions if m.end <= start + who.start()]):
            if outside[m.end - start : who.start()].strip(" ,") == "":
                speaker = resolver.resolve(m)
                if speaker is not None:
                    return Attribution(speaker, m, v_s, v_e, SUBJECT, form)
            break
    clause = clause_start(outside, rel)
    candidates = [
        m
        for m in mentions
        # (a mention may straddle the clause's start: a document titled in quotation marks)
        if m.end > start + clause
        and m.end <= v_s
        and subject_capable(view, m)
        and (m.start >= start + clause or m.kind == DOC)
    ]
    ordered = [m for m in candidates if glue_ok(outside[m.end - start : rel])]
    # an appositive that lost its closing comma, as a last resort
    ordered += [m for m in candidates if glue_ok(outside[m.end - start : rel], loose=True)]
    if candidates and _AND_BEFORE.search(outside[:rel]):
        # "Obama decried the attack and said …": the clause's subject, which opens it (after
        # a leading adverbial at most), not an object met on the way.
        # A leading adverbial ("In his first tweet of the year, Trump …") holds no subject.
        lead = _LEADING_ADVERBIAL.match(outside, clause)
        after_lead = [m for m in candidates if not lead or m.start - start >= lead.end()]
        first = after_lead[0] if after_lead else candidates[0]
        opening = outside[clause : first.start - start]
        if re.fullmatch(r"[\W\d]*|[^,]{0,80},\s*", opening):
            ordered.append(first)
    chosen, speaker = None, None
    for m in ordered:
        speaker = resolver.resolve(m)
        if (
            speaker is None
            and m.kind == SURNAME
            and _AFTER_QUOTE.search(outside, 0, m.start - start)
            and m.name not in _PLURALS
        ):
            # "…,” White said in the statement: a surname the excerpt never introduced
            speaker = resolver.introduce(m.name)
        if speaker is not None or m.kind not in (SURNAME, CAPNAME):
            chosen = m
            break  # a vague subject ("analysts") ends the search; a stray capital does not
    if chosen is None or speaker is None:
        return None
    if form in DOCUMENT_FORMS and chosen.kind not in (DOC, INST, CAPNAME, GROUP_M, JOINT):
        return None  # people do not "find" or "record"; reports and institutions do
    if form in DOCUMENT_FORMS and form.endswith("s") and chosen.kind != DOC:
        return None  # "reports", "records", "shows": a noun unless a document "shows"
    if form in DOCUMENT_FORMS and (
        speaker.name in STATES or (chosen.kind == PRONOUN and speaker.kind != INSTITUTION)
    ):
        return None  # "Pakistan recorded 267 incidents": the country is where, not who
    glue = outside[chosen.end - start : rel]
    standing = form in STANDING or bool(_HABITUAL.search(glue))
    return Attribution(
        speaker, chosen, v_s, v_e, SUBJECT, form, standing, clause_start=start + clause
    )


def _agent(
    view: str, v_s: int, v_e: int, form: str, mentions: list[Mention], resolver: Resolver
) -> Attribution | None:
    """ "… has been observed by PICSS", "… were recorded by the report": the agent speaks."""
    by = _AGENT.match(view, v_e)
    if by is None or not re.search(r"(?:ed|en|own)$", form) or FORM_LEMMA[form] == "claim":
        return None  # "the violence is claimed by the TTP": a claim, never a statement
    m = next((m for m in mentions if by.end() <= m.start <= by.end() + 4), None)
    if m is None or m.kind not in (DOC, INST, CAPNAME, TITLED, NAMED, GROUP_M):
        return None
    if by.group(0).strip() == "in" and m.kind != DOC:
        return None  # "recorded in the report", not "recorded in Islamabad"
    speaker = resolver.resolve(m)
    if speaker is None:
        return None
    return Attribution(speaker, m, v_s, v_e, SUBJECT, form)


def _participles(
    view: str,
    outside: str,
    start: int,
    mentions: list[Mention],
    resolver: Resolver,
    found: list[Attribution],
) -> list[Attribution]:
    """ ", saying …", ", adding that …": the speaker is the subject of the clause before."""
    out = []
    for pm in PARTICIPLE.finditer(outside):
        if pm.group("verb") is None:
            continue  # a leading participle ("Reiterating that …, X said") waits for its verb
        p_s = start + pm.start("verb")
        if any(a.cue_start < p_s for a in found):
            continue  # the clause before already has its speaker: one statement
        before = [m for m in mentions if m.end <= p_s and subject_capable(view, m)]
        docs = [m for m in before if m.kind == DOC]
        for m in (docs[-1:] + before)[:3]:
            speaker = resolver.resolve(m)
            if speaker is not None:
                verb = pm.group("verb")
                out.append(Attribution(speaker, m, p_s, start + pm.end("verb"), PARTICIPIAL, verb))
                break
    return out
