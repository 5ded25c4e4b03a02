"""The grammar around a reporting verb: where its clause begins, which mentions can be its
subject (not after a preposition or inside a possessive), and which words may stand between
the subject and the verb (auxiliaries, adverbs, time phrases, a prepositional phrase, asides)."""

from __future__ import annotations

import re

from .lexicon import GLUE_PREPOSITION, GLUE_WORDS
from .mentions import NAMED, PRONOUN, ROLE_NOUN, TITLED, Mention

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


_TITLE_RUN = re.compile(r"Spokes|Secretary|Minister|Director|Bureau|Affairs|Office|Department")


def glue_ok(text: str, loose: bool = False) -> bool:
    """Tell whether the words between a subject and its verb may stand there.

    Comma-enclosed asides ("Dar, who is also deputy prime minister, said") are dropped first;
    then only auxiliaries, adverbs and time words may remain, or a prepositional phrase of a
    dozen words ("in a statement issued on Friday").
    """
    if len(text) > 220 or any(q in text for q in '"“”;'):
        return False
    rest = re.sub(r",[^,]{1,140}?,", " ", text)
    # An appositive whose closing comma the copy left out: "Mara Lind, a South Asia
    # analyst at an institute in the capital suggested …".
    if loose:
        rest = re.sub(r"^\s*,\s+(?:a|an|the|who|which)\b[^,]{1,100}$", " ", rest)
        # a title running on in capitals: "…, Assistant Secretary and Department
        # Spokesperson, Bureau of Public Affairs have said"
        run = re.match(r"(?:\s*(?:,|and|of|for|the|&)?\s*[A-Z][\w.'’-]*)+", rest)
        if run and "," in run.group(0) and _TITLE_RUN.search(run.group(0)):
            rest = rest[run.end() :]
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


def clause_start(outside: str, rel: int) -> int:
    """The unit-local offset where the clause holding offset ``rel`` begins."""
    start = 0
    for m in _CLAUSE_BREAK.finditer(outside, 0, rel):
        start = m.end()
    return start
