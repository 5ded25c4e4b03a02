"""Attribution: which speaker a unit's words belong to, via reporting verbs and phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .mentions import DOC, INST, PRONOUN, Mention
from .resolver import Resolver
from .types import Speaker

_SPEECH = (
    r"said|says|say|told|tells|added|adds|stated|states|noted|notes|stressed|stresses|urged|urges"
    r"|highlighted|highlights|affirmed|affirms|reaffirmed|reaffirms|reiterated|reiterates"
    r"|emphasi[sz]ed|emphasi[sz]es|underscored|underlined|asserted|asserts|maintained|maintains"
    r"|maintain|claimed|claims|claim|believe|believes|allege|alleges|alleged|denied|denies|deny"
    r"|warned|warns|insisted|insists|explained|announced|confirmed|acknowledged|pointed\s+out"
    r"|observed|remarked|argued|argues|expressed|condemned|condemns|pledged|pledges|vowed|vows"
    r"|promised|assured|reassured|welcomed|called\s+(?:for|on)|described|mentioned|reported"
    r"|accused|accuses|agreed|resolved|recogni[sz]ed|committed|declared|wrote|read|conveyed"
    r"|rejected|dismissed|clarified|replied|responded|informed|briefed|contended|termed"
    r"|lauded|appreciated|praised|demanded|hoped|regretted|cautioned|emphasised|stressed"
    r"|raised\s+(?:(?:its|their|his|her|the)\s+)?concerns?"
    r"|offer(?:ed|s)\s+(?:\S+\s+){0,2}?(?:condolences|support|assurances?|assistance|help|sympath\w*)"
)
_DOC_ONLY = r"revealed|identified|found|showed|shows|recorded|documented|estimated|put"
VERB = re.compile(rf"\b(?P<verb>{_SPEECH}|{_DOC_ONLY})\b")
_DOC_ONLY_SET = {
    "revealed",
    "identified",
    "found",
    "showed",
    "shows",
    "recorded",
    "documented",
    "estimated",
    "put",
}
# Verbs that may come before their subject: "…,” said Miller.
_INVERTABLE = {
    "said",
    "added",
    "stated",
    "noted",
    "continued",
    "explained",
    "told",
    "wrote",
    "warned",
    "says",
    "adds",
}
PARTICIPLE = re.compile(
    r",\s*(?P<verb>saying|noting|adding|stressing|emphasi[sz]ing|underscoring|highlighting|urging"
    r"|warning|insisting|agreeing|pledging|vowing|reiterating|calling|arguing|describing"
    r"|expressing|reaffirming|affirming)\b"
)
ACCORDING = re.compile(r"\b(?:[Aa]ccording\s+to|[Aa]s\s+per)\s+")
_NOMINAL_NOUNS = (
    r"insistence|assertions?|claims?|denials?|assurances?|warnings?|pledges?|promises?"
    r"|contention|allegations?"
)
NOMINAL_POSS = re.compile(rf"(?:'s|’s)\s+(?:\w+\s+)?(?P<noun>{_NOMINAL_NOUNS})\s+that\b")
NOMINAL_FROM = re.compile(rf"\b(?P<noun>{_NOMINAL_NOUNS})\s+(?:from|by)\s+")
# Present-tense or habitual verbs mark standing positions, which carry no date.
_STANDING = {
    "maintains",
    "maintain",
    "claims",
    "claim",
    "believe",
    "believes",
    "alleges",
    "allege",
    "denies",
    "deny",
    "insists",
    "accuses",
    "contends",
    "argues",
    "asserts",
}
_HABITUAL = re.compile(
    r"\b(?:consistently|long|repeatedly|always|time\s+again|time\s+and\s+again)\b"
)
_GLUE = re.compile(
    r"^(?:\s|,|\)|has\b|have\b|had\b|also\b|again\b|once\b|further\b|repeatedly\b|consistently\b"
    r"|always\b|long\b|time\b|and\b(?=\s+again)|today\b|yesterday\b|tonight\b|recently\b"
    r"|earlier\b|later\b|previously\b|then\b|now\b|however\b|meanwhile\b|jointly\b|mostly\b"
    r"|simultaneously\b|on\s+\w+\b|in\s+a\s+(?:statement|briefing|press\s+briefing|tweet|post)\b"
    r"|\w+ly\b|\w+day(?:'s|’s)?\b|\([A-Z]{2,8}\))*$"
)
_ASIDE = re.compile(
    r"^\s*,\s*(?:(?:who|which|a|an|the|also|now|then|himself|herself)\b[^,;]{1,90}"
    r"|for\s+(?:his|her|its|their)\s+part|in\s+turn|however|meanwhile|though),"
)
_WHO = re.compile(r",?\s+who\s+(?:also\s+|has\s+|had\s+|later\s+|then\s+)*$")
_PP = re.compile(r"^\s+(?:at|in|during|after|following|from)\s+[^,;:\"“”]{1,60}?\s*,?\s*$")
_PREPOSITION_BEFORE = re.compile(
    r"(?:\b(?:in|at|from|of|with|between|to|for|by|against|on|into|over|about|and|or)|(?:'s|’s))\s*$",
    re.I,
)

SUBJECT, INVERTED, PARTICIPIAL, ACCORDING_TO, NOMINAL = (
    "subject",
    "inverted",
    "participle",
    "according",
    "nominal",
)


@dataclass(slots=True)
class Attribution:
    """A speaker linked to a unit, with where the reporting cue sits."""

    speaker: Speaker
    mention: Mention
    cue_start: int
    cue_end: int
    mode: str
    verb: str
    standing: bool = False
    span: tuple[int, int] | None = None  # a clause narrower than the unit (nominal form)


def _glue_ok(text: str) -> bool:
    """Tell whether the words between a subject and its verb are only adverbs/auxiliaries.

    One comma-enclosed aside is allowed too ("Dar, who is also deputy prime minister, said").
    """
    if len(text) > 120 or any(q in text for q in '"“”'):
        return False
    aside = _ASIDE.match(text)
    if aside:
        text = text[aside.end() :]
    return len(text) <= 80 and bool(_GLUE.match(text) or _PP.match(text))


def _is_subject(view: str, unit_start: int, m: Mention) -> bool:
    """A mention right after a preposition ("talks in Washington") cannot be a subject."""
    if m.kind in (PRONOUN, DOC):
        return True
    return not _PREPOSITION_BEFORE.search(view[max(unit_start, m.start - 20) : m.start])


def find_attributions(
    view: str, outside: str, start: int, end: int, mentions: list[Mention], resolver: Resolver
) -> list[Attribution]:
    """Find attributions in the unit ``view[start:end]``, best first.

    ``outside`` is the unit with quoted words blanked, so verbs inside quotes do not count.
    """
    found: list[Attribution] = []
    for vm in VERB.finditer(outside):
        v_s, v_e = start + vm.start(), start + vm.end()
        verb = vm.group("verb").split()[0].lower()
        attr = _subject_or_inverted(view, outside, start, v_s, v_e, verb, mentions, resolver)
        if attr is not None:
            found.append(attr)
    for am in ACCORDING.finditer(outside):
        a_e = start + am.end()
        m = next((m for m in mentions if m.start == a_e or m.start == a_e + 4), None)
        if m is not None and (speaker := resolver.resolve(m)) is not None:
            found.append(
                Attribution(speaker, m, start + am.start(), a_e, ACCORDING_TO, "according")
            )
    for pm in PARTICIPLE.finditer(outside):
        p_s = start + pm.start("verb")
        before = [m for m in mentions if m.end <= p_s]
        docs = [m for m in before if m.kind == DOC]
        for m in (docs[-1:] + [b for b in before if _is_subject(view, start, b)])[:3]:
            speaker = resolver.resolve(m)
            if speaker is not None:
                found.append(
                    Attribution(speaker, m, p_s, start + pm.end(), PARTICIPIAL, pm.group("verb"))
                )
                break
    found.extend(_nominal(view, outside, start, end, mentions, resolver))
    order = {SUBJECT: 0, INVERTED: 0, NOMINAL: 1, ACCORDING_TO: 2, PARTICIPIAL: 3}
    found.sort(key=lambda a: (order[a.mode], a.cue_start))
    return found


def _subject_or_inverted(
    view: str,
    outside: str,
    start: int,
    v_s: int,
    v_e: int,
    verb: str,
    mentions: list[Mention],
    resolver: Resolver,
) -> Attribution | None:
    """Pair a verb with the subject before it, or (after a quote) the name after it."""
    rel_v = v_s - start
    after_quote = bool(re.search(r"[”\"][\s,]*$|,\s*$", outside[max(0, rel_v - 4) : rel_v]))
    if verb in _INVERTABLE and (after_quote or rel_v == 0):
        for m in mentions:
            if m.start >= v_e and not view[v_e : m.start].strip(" ,"):
                speaker = resolver.resolve(m)
                if speaker is not None:
                    return Attribution(speaker, m, v_s, v_e, INVERTED, verb)
                break
    who = _WHO.search(outside, 0, rel_v)
    if who is not None:
        # "… Minister Jon Ekdal, who said …": the relative pronoun's antecedent speaks.
        for m in reversed([m for m in mentions if m.end <= start + who.start()]):
            if outside[m.end - start : who.start()].strip(" ,") == "":
                speaker = resolver.resolve(m)
                if speaker is not None:
                    return Attribution(speaker, m, v_s, v_e, SUBJECT, verb)
            break
    if verb == "read" and not any(m.kind == DOC and 0 <= v_s - m.end < 3 for m in mentions):
        return None  # "read" reports speech only for documents: "the statement read"
    for m in reversed([m for m in mentions if m.end <= v_s]):
        glue = outside[m.end - start : rel_v]
        if not _glue_ok(glue):
            break
        if not _is_subject(view, start, m):
            continue
        if verb in _DOC_ONLY_SET and m.kind != DOC:
            return None
        speaker = resolver.resolve(m)
        if speaker is None:
            return None
        standing = verb in _STANDING or bool(_HABITUAL.search(glue))
        return Attribution(speaker, m, v_s, v_e, SUBJECT, verb, standing)
    return None


def _nominal(
    view: str, outside: str, start: int, end: int, mentions: list[Mention], resolver: Resolver
) -> list[Attribution]:
    """ "The Taliban's insistence that …", "assurances from X that …": clause-sized statements."""
    found = []
    for nm in NOMINAL_POSS.finditer(outside):
        pos = start + nm.start()
        m = next((m for m in mentions if m.end == pos), None)
        if m is not None and (speaker := resolver.resolve(m)) is not None:
            found.append(_nominal_attr(view, outside, start, end, m, speaker, nm.end()))
    for nm in NOMINAL_FROM.finditer(outside):
        pos = start + nm.end()
        m = next((m for m in mentions if m.start == pos), None)
        if m is None or not re.match(r"\s+that\b", view[m.end : m.end + 6]):
            continue
        speaker = resolver.resolve(m)
        if speaker is not None:
            found.append(_nominal_attr(view, outside, start, end, m, speaker, m.end - start))
    return found


def _nominal_attr(
    view: str, outside: str, start: int, end: int, m: Mention, speaker: Speaker, rel: int
) -> Attribution:
    """Build a nominal attribution whose span ends at the clause's closing comma."""
    comma = outside.find(",", rel)
    stop = start + comma if comma >= 0 else end
    return Attribution(speaker, m, m.start, m.end, NOMINAL, "nominal", True, (start, stop))


def is_institutional(speaker: Speaker) -> bool:
    """Tell whether a speaker is an institution or document rather than a person or group."""
    return speaker.kind == INST or speaker.kind == "institution"
