"""The reporting lexicon: verbs and phrases that say someone spoke, and the words that may
stand between a speaker and such a verb.

Verbs are listed by lemma and inflected here (said/says/say, urged/urges/urge), so that a new
verb is one word in one list. Some verbs report speech only with a complement ("called for",
"expressed concern", "offered condolences", "asked Pakistan to"); others only for documents
("the report found"). Present-tense stance verbs ("maintains", "believes") mark standing
positions, which carry no date.
"""

from __future__ import annotations

import re

from .patterns import trie_alternation

# Verbs that report speech by themselves.
SPEECH = """
    say tell add state note stress urge highlight affirm reaffirm reiterate emphasise emphasize
    underscore underline assert maintain claim believe allege deny warn insist explain announce
    acknowledge observe remark argue condemn pledge vow promise assure reassure welcome
    describe mention accuse agree resolve recognise recognize declare write tweet convey reject
    dismiss clarify reply respond inform contend term laud appreciate praise commend
    demand hope regret caution voice outline lament deplore denounce decry slam criticise
    criticize blame suggest propose recall reveal disclose signal indicate predict assess
    conclude admit concede threaten hail congratulate thank mourn sympathise sympathize complain
    protest retort counter opine urge stress disagree reaffirm guarantee testify
    caution label dub brand express underscore emphasise acknowledge stipulate elaborate elucidate
    recount narrate quip announce apologise apologize
    """.split()
# Verbs that report speech only with a complement after them.
WITH_COMPLEMENT = {
    # "called for", "called on X to", "called the attack a …"; not a phone call ("called
    # the prime minister to discuss", "called on the president" as a visit).
    "call": r"for\b|upon\b|on\s+(?:\S+\s+){1,6}?to\b|(?:it|this|that|them|the\s+\w+(?:\s+\w+)?)"
    r"\s+(?:(?:a|an|the|as)\b|“)",
    "offer": r"(?:\S+\s+){0,3}?(?:condolence|sympath|support|assurance|assistance|help|prayers"
    r"|thoughts|cooperation)",
    "extend": r"(?:\S+\s+){0,3}?(?:condolence|sympath|support|felicitation|greetings|thanks"
    r"|gratitude|cooperation|invitation)",
    "raise": r"(?:\S+\s+){0,2}?(?:concern|issue|question|objection|alarm|matter)",
    "share": r"(?:\S+\s+){0,2}?(?:concern|view|assessment|perspective|information)",
    "ask": r"(?:\S+\s+){1,4}?to\b|that\b",
    "request": r"(?:\S+\s+){1,4}?to\b|that\b",
    "press": r"(?:\S+\s+){1,4}?to\b|for\b",
    "encourage": r"(?:\S+\s+){1,4}?to\b",
    "advise": r"(?:\S+\s+){1,4}?(?:to|against)\b",
    "remind": r"(?:\S+\s+){1,4}?(?:that|of)\b",
    "pay": r"(?:\S+\s+){0,2}?tribute",
    "rule": r"out\b",
    "brush": r"aside\b",
    "point": r"out\b|to\b",
    "make": r"(?:it\s+)?clear\b",
    "hint": r"at\b|that\b",
    "refuse": r"to\s+(?:accept|acknowledge|rule|give|confirm|deny|accept)",
    "seek": r"(?:\S+\s+){0,3}?(?:support|cooperation|action|assistance|help|clarification)",
    "speak": r"(?:of|about)\b",
    "quote": r"as\s+saying\b",
    "put": r"(?:\S+\s+){0,4}?(?:at|the\s+(?:number|figure|toll))",
    "continue": r"[,.;:“]|$",
    "issue": r"(?:\S+\s+){0,3}?(?:statements?|warnings?|advisory|condemnations?|press\s+release)",
    "release": r"(?:\S+\s+){0,3}?(?:statements?|press\s+release|communiqu|message|video)",
    # "claimed responsibility" is an armed group's claim, never annotated
    "claim": r"(?!\s*(?:(?:the\s+)?responsibility|credit|(?:the|an|both|two)\s+(?:\S+\s+){0,2}?"
    r"(?:attacks?|bombings?|blasts?|killings?|assaults?|strikes?|ambush))\b)",
    "accept": r"(?:\S+\s+){0,3}?that\b",
    # officials' instructions are statements: "directed the officials to provide …"
    "instruct": r"(?:\S+\s+){1,6}?to\b|for\b|that\b",
    "direct": r"(?:\S+\s+){1,6}?to\b|that\b",
    "order": r"(?:\S+\s+){1,6}?to\b|(?:an?|the)\s+(?:inquiry|investigation|probe)",
    # "confirmed that …", "confirmed: …", "confirmed 12 deaths"; not "confirmed the death toll"
    "confirm": r"(?:\S+\s+){0,4}?(?:that\b|:|“)|(?:\S+\s+){0,2}?\d"
    r"|(?:\S+\s+){0,2}?\S+(?:'s|’s)\s+(?:death|killing|arrest|involvement|presence)\b"
    r"|the\s+(?:death|killing|arrest)\s+of\b"
    r"|(?:the|a|an)\s+(?:\S+\s+){0,3}?(?:was|were|had|has|is|are)\b",
    "post": r"(?:on|to)\s+(?:X|Twitter|Facebook|Instagram|social)|(?:\S+\s+){0,3}?that\b",
    # "briefed the visiting delegation on the inquiry", not "briefed reporters in the capital."
    "brief": r"(?:\S+\s+){0,4}?(?:on|about|that)\b",
    # "regards such strikes as a violation"
    "regard": r"(?:\S+\s+){1,5}?as\b",
    # "appealed to the nation to stand united", "appealed for calm"
    "appeal": r"(?:to|for)\b",
    # "recommends that the government …", "recommended the parliament to …"
    "recommend": r"(?:\S+\s+){0,4}?(?:that|to)\b",
}
# Findings: a report or an institution "found", "showed", "recorded"; not a person.
DOCUMENT_ONLY = """
    reveal identify find show record document estimate put report register observe list suggest
    indicate note count compile read
    """.split()
# Present-tense stance verbs: a standing position, not a dated remark.
STANDING = {
    "maintains", "maintain", "claims", "claim", "believe", "believes", "alleges", "allege",
    "denies", "deny", "insists", "accuses", "contends", "argues", "asserts", "holds", "says",
}  # fmt: skip
STANDING_ONLY_WITHOUT_DATE = {"says"}  # "X says" in a lead is a report of a remark, not a stance
# Verbs that may come before their subject after a quotation: "…,” said Miller.
INVERTABLE = {
    "said", "says", "added", "adds", "stated", "states", "noted", "notes", "continued",
    "explained", "told", "wrote", "warned", "asked", "insisted", "replied", "responded",
    "stressed", "remarked", "observed", "declared", "tweeted", "according", "read", "reads",
}  # fmt: skip
PARTICIPLES = """
    saying noting adding stressing emphasising emphasizing underscoring highlighting urging
    warning insisting agreeing pledging vowing reiterating calling arguing describing expressing
    reaffirming affirming terming declaring stating asserting maintaining explaining claiming
    accusing acknowledging assuring welcoming condemning demanding recalling pointing suggesting
    revealing observing cautioning blaming
    """.split()
_IRREGULAR = {
    "say": ("said", "says", "say"),
    "tell": ("told", "tells", "tell"),
    "write": ("wrote", "writes", "write"),
    "find": ("found", "finds", "find"),
    "show": ("showed", "shows", "show", "shown"),
    "put": ("put", "puts"),
    "make": ("made", "makes"),
    "seek": ("sought", "seeks"),
    "speak": ("spoke", "speaks"),
    "hold": ("held", "holds"),
    "read": ("read", "reads"),
    "label": ("labeled", "labelled", "labels"),
    "rule": ("ruled", "rules"),
    "pay": ("paid", "pays"),
}


def forms(lemma: str) -> tuple[str, ...]:
    """Past and present forms of a verb: "urge" -> urged, urges, urge."""
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma.endswith("e"):
        return lemma + "d", lemma + "s", lemma
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied", lemma[:-1] + "ies", lemma
    if lemma.endswith(("s", "sh", "ch", "x")):
        return lemma + "ed", lemma + "es", lemma
    if lemma in ("regret", "admit", "commit"):
        return lemma + "ted", lemma + "s", lemma
    return lemma + "ed", lemma + "s", lemma


def _alternation(words) -> str:
    return trie_alternation(list(words))  # a trie: hundreds of verb forms stay fast


FORM_LEMMA: dict[str, str] = {}
for _lemma in [*SPEECH, *WITH_COMPLEMENT, *DOCUMENT_ONLY]:
    for _form in forms(_lemma):
        FORM_LEMMA.setdefault(_form, _lemma)
# "He was of the view that …", a turn of the Pakistani press: an opinion voiced.
for _be in ("was", "is", "were", "are"):
    for _noun in ("view", "opinion"):
        FORM_LEMMA[f"{_be} of the {_noun}"] = "opine"
# Speech verbs also read as findings keep their speech meaning for people.
DOCUMENT_FORMS = {f for lemma in DOCUMENT_ONLY if lemma not in SPEECH for f in forms(lemma)}
VERB = re.compile(rf"\b(?P<verb>{_alternation(FORM_LEMMA)})\b")
PARTICIPLE = re.compile(
    rf"(?:,|\bbefore|\bwhile|\band)\s*(?P<verb>{_alternation(PARTICIPLES)})\b"
    r"|\b(?P<lead>(?:[Rr]eiterating|[Ss]tressing|[Ee]mphasi[sz]ing|[Uu]nderscoring|[Nn]oting"
    r"|[Hh]ighlighting|[Rr]eaffirming|[Cc]ondemning|[Ee]xpressing|[Ww]elcoming))\s+(?:that\b)?"
)


def complement_ok(lemma: str, after: str) -> bool:
    """Tell whether the words after a verb that needs a complement give it one."""
    pattern = WITH_COMPLEMENT.get(lemma)
    if pattern is None:
        return True
    after = re.sub(r"^\s*,[^,]{1,80},", " ", after)  # "extended, on behalf of X, the deepest …"
    return re.match(rf"\s*(?:{pattern})", after, re.I if lemma != "call" else 0) is not None


# Words that may stand between a subject and its reporting verb ("has also", "on Monday").
GLUE_WORDS = frozenset(
    """
    has have had was were is are also again once further repeatedly consistently always long
    time and today yesterday tonight recently earlier later previously then now however
    meanwhile jointly too both all reportedly subsequently separately similarly likewise
    moreover here there not did does do be been being
    strongly firmly categorically publicly openly formally officially personally monday tuesday
    wednesday thursday friday saturday sunday morning afternoon evening night week month year
    jr sr
    """.split()
)
# A prepositional phrase may stand there too ("in a statement issued on Friday").
GLUE_PREPOSITION = re.compile(
    r"(?i)(?:on|in|at|during|after|following|from|before|over|via|through|while|when|late|for|to"
    r"|early|last|this|earlier|upon|with|without|like|unlike|speaking|addressing|talking"
    r"|responding|replying|reacting|commenting|writing|posting)\b"
)
