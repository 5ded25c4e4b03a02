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
from dataclasses import dataclass

from .lexicon import (
    DOCUMENT_FORMS,
    FORM_LEMMA,
    GLUE_PREPOSITION,
    GLUE_WORDS,
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
    ROLE_NOUN,
    SURNAME,
    TITLED,
    Mention,
)
from .officials import STATES
from .resolver import Resolver
from .types import INSTITUTION, Speaker

SUBJECT, INVERTED, PARTICIPIAL, ACCORDING_TO, NOMINAL = (
    "subject",
    "inverted",
    "participle",
    "according",
    "nominal",
)
ACCORDING = re.compile(
    r"\b(?:[Aa]ccording\s+to|[Aa]s\s+per|[Ii]n\s+the\s+words\s+of|[Qq]uoting)\s+"
)
# "according to PTI": an outlet or agency known by its initials.
_ACCORDING_ACRONYM = re.compile(r"\b[Aa]ccording\s+to\s+(?P<name>[A-Z]{2,6})\b(?!['’]s)")
_NOMINAL_NOUNS = (
    r"insistence|assertions?|claims?|denials?|assurances?|warnings?|pledges?|promises?"
    r"|contention|allegations?|statement|remarks|comments?|tweet|post|message|letter|demand"
    r"|announcement|acknowledg(?:e)?ment|admission|suggestion|proposal|position|stance|view"
    r"|argument|belief|call|reminder|threat"
)
NOMINAL_POSS = re.compile(
    rf"(?:'s|’s)\s+(?:\w+\s+){{0,2}}?(?P<noun>{_NOMINAL_NOUNS})\s+(?:on\s+\w+\s+)?that\b"
)
NOMINAL_FROM = re.compile(rf"\b(?P<noun>{_NOMINAL_NOUNS})\s+(?:from|by)\s+")
_HABITUAL = re.compile(
    r"\b(?:consistently|long|repeatedly|always|time\s+again|time\s+and\s+again|often)\b"
)
_WHO = re.compile(r",?\s+who\s+(?:also\s+|has\s+|had\s+|later\s+|then\s+|was\s+)*$")
_PREPOSITION_BEFORE = re.compile(
    r"(?:\b(?:in|at|from|of|with|between|to|for|by|against|on|into|over|about|or|and|than|among"
    r"|toward|towards|under|during|like|including|via|through|upon|behind"
    r"|beyond|amid|without|before)|(?:'s|’s))\s*$",
    re.I,
)
_POSSESSOR = re.compile(r"\b(?!(?:of|in|at|to|by)\b)[\w-]+(?:'s|’s)\s*$")
# Where the clause of a verb begins: after a semicolon, a closing quotation, a subordinating
# or coordinating word ("…, while Pakistan said", "…, shortly after Haley said").
_CLAUSE_BREAK = re.compile(
    r";|[”\"](?:\s*,)?|,\s+(?:and|but|while|whereas|as|after|shortly\s+after|soon\s+after"
    r"|before|when|since|even\s+as|although|though|which|where)\b|\b(?:while|whereas)\b"
    r"|:\s"
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
    clause_start: int = -1  # where the frame's own clause begins (a second speaker's clause)


def glue_ok(text: str, loose: bool = False) -> bool:
    """Tell whether the words between a subject and its verb may stand there.

    Comma-enclosed asides ("Dar, who is also deputy prime minister, said") are dropped first;
    then only auxiliaries, adverbs and time words may remain, or a prepositional phrase of a
    dozen words ("in a statement issued on Friday").
    """
    if len(text) > 220 or any(q in text for q in '"“”;'):
        return False
    rest = re.sub(r",[^,]{1,140}?,", " ", text)
    # An appositive whose closing comma the copy left out: "Daniel Markey, a South Asia
    # expert at the Council on Foreign Relations suggested …".
    if loose:
        rest = re.sub(r"^\s*,\s+(?:a|an|the|who|which)\b[^,]{1,100}$", " ", rest)
    rest = rest.strip(" ,\n\t\u00a0")
    # "in a statement on Monday, has strongly": each comma-separated piece is glue.
    return all(_glue_piece(piece) for piece in rest.split(","))


# Time phrases ("a day earlier", "two weeks ago") and an aside of manner ("while expressing
# his sympathy with the families") may stand between a subject and its verb.
_TIME_OR_MANNER = re.compile(
    r"\b(?:a|an|one|two|three|four|few|several|\d+)\s+(?:days?|weeks?|months?|years?|hours?)"
    r"\s+(?:earlier|later|ago|before|after)\b"
    r"|^\s*(?:while|whilst|after|before|when)\s+[a-z]+ing\b[^,]{0,100}$"
)


def _glue_piece(text: str) -> bool:
    """Auxiliaries, adverbs and time words, then at most one prepositional phrase."""
    words = _TIME_OR_MANNER.sub(" ", text).split()
    while words and (
        words[0].lower().strip("().") in GLUE_WORDS
        or words[0].lower().endswith("ly")
        or re.fullmatch(r"\([A-Z][A-Za-z]{1,8}\)", words[0])
    ):
        words.pop(0)
    if not words:
        return True
    if not GLUE_PREPOSITION.fullmatch(words[0]) or len(words) > 12:
        return False
    return all(
        w.lower() in GLUE_WORDS
        or not w.lower().endswith("ed")
        or w.lower() in _PP_VERBS
        or w[:1].isupper()  # "before the Senate Armed Services Committee"
        for w in words[1:]
    )


# Participles a prepositional phrase may hold ("in a statement issued on Friday").
_PP_VERBS = frozenset(
    {"issued", "released", "published", "posted", "held", "based", "aired", "televised"}
)


def subject_capable(view: str, m: Mention) -> bool:
    """A mention after a preposition ("talks in Washington") or a possessive one ("Pakistan's
    …") cannot be the subject of a verb."""
    if m.kind == PRONOUN:
        return view[m.end : m.end + 2] not in ("'s", "’s")
    if view[m.end : m.end + 2] in ("'s", "’s"):
        return False
    before = view[max(0, m.start - 20) : m.start]
    if m.kind in (TITLED, NAMED, ROLE_NOUN) and _POSSESSOR.search(before):
        return True  # "the alliance's Brig Gen Vance said": a person is the head of the phrase
    return not _PREPOSITION_BEFORE.search(before)


def _clause_start(outside: str, rel: int) -> int:
    """The unit-local offset where the clause holding offset ``rel`` begins."""
    start = 0
    for m in _CLAUSE_BREAK.finditer(outside, 0, rel):
        start = m.end()
    return start


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
    found.extend(_according(view, outside, start, mentions, resolver))
    found.extend(_participles(view, outside, start, mentions, resolver, found))
    found.extend(_nominal(view, outside, start, end, mentions, resolver))
    order = {SUBJECT: 0, INVERTED: 0, NOMINAL: 1, ACCORDING_TO: 2, PARTICIPIAL: 3}
    found.sort(key=lambda a: (order[a.mode], a.cue_start))
    return _according_first(outside, start, found)


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
            and a.mention.kind in (DOC, INST)
        ),
        None,
    )
    if lead is None:
        return found
    weak = (JOINT, GROUP_M, PRONOUN, INST)
    if all(a is lead or a.mention.kind in weak for a in found if a.mode in (SUBJECT, INVERTED)):
        return [lead] + [a for a in found if a is not lead]
    return found


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
    clause = _clause_start(outside, rel)
    candidates = [
        m
        for m in mentions
        if start + clause <= m.start and m.end <= v_s and subject_capable(view, m)
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
    if by is None or not re.search(r"(?:ed|en|own)$", form):
        return None
    m = next((m for m in mentions if by.end() <= m.start <= by.end() + 4), None)
    if m is None or m.kind not in (DOC, INST, CAPNAME, TITLED, NAMED, GROUP_M):
        return None
    if by.group(0).strip() == "in" and m.kind != DOC:
        return None  # "recorded in the report", not "recorded in Islamabad"
    speaker = resolver.resolve(m)
    if speaker is None:
        return None
    return Attribution(speaker, m, v_s, v_e, SUBJECT, form)


def _according(
    view: str, outside: str, start: int, mentions: list[Mention], resolver: Resolver
) -> list[Attribution]:
    """ "According to X", "as per X", "in the words of X": X is the speaker."""
    found = []
    for am in ACCORDING.finditer(outside):
        a_e = start + am.end()
        m = next((m for m in mentions if a_e <= m.start <= a_e + 4), None)
        if m is None:
            continue
        speaker = resolver.resolve(m)
        if speaker is None and m.kind == CAPNAME:
            # "according to PTI": an outlet is the source when nobody else is named.
            speaker = Speaker(m.name, INSTITUTION, m.name, "media", "other")
        if speaker is not None:
            cue = start + am.start()
            found.append(Attribution(speaker, m, cue, a_e, ACCORDING_TO, "according"))
    for am in _ACCORDING_ACRONYM.finditer(outside):
        cue = start + am.start()
        if any(a.cue_start == cue for a in found):
            continue
        name = am.group("name")
        speaker = Speaker(name, INSTITUTION, name, "media", "other")
        m = Mention(start + am.start("name"), start + am.end("name"), CAPNAME, name, name=name)
        found.append(Attribution(speaker, m, cue, m.start, ACCORDING_TO, "according"))
    return found


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


def _nominal(
    view: str, outside: str, start: int, end: int, mentions: list[Mention], resolver: Resolver
) -> list[Attribution]:
    """ "The Taliban's insistence that …", "a tweet from X that …": clause-sized statements."""
    found = []
    for nm in NOMINAL_POSS.finditer(outside):
        pos = start + nm.start()
        m = next((m for m in mentions if m.end == pos), None)
        if m is not None and (speaker := resolver.resolve(m)) is not None:
            found.append(_nominal_attr(outside, start, end, m, speaker, nm.end()))
    for nm in NOMINAL_FROM.finditer(outside):
        pos = start + nm.end()
        m = next((m for m in mentions if m.start == pos), None)
        if m is None:
            continue
        tail = re.match(r"[^.;:“”\"]{0,70}?\s+that\b", view[m.end : m.end + 90])
        if tail is None:
            continue
        speaker = resolver.resolve(m)
        if speaker is not None:
            found.append(_nominal_attr(outside, start, end, m, speaker, m.end - start))
    return found


def _nominal_attr(
    outside: str, start: int, end: int, m: Mention, speaker: Speaker, rel: int
) -> Attribution:
    """Build a nominal attribution whose span ends at the clause's closing comma."""
    comma = outside.find(",", rel)
    stop = start + comma if comma >= 0 else end
    return Attribution(speaker, m, m.start, m.end, NOMINAL, "nominal", True, (start, stop))


def is_joint(m: Mention) -> bool:
    """Tell whether a mention is a joint subject ("both sides", "the two leaders")."""
    return m.kind == JOINT
