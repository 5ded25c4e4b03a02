"""Documents as speakers: "the report", "a statement issued by the Foreign Office", "ISPR's
statement", "a statement by the authority", a report titled in quotation marks "released by
the State Department"."""

from __future__ import annotations

import re
from functools import lru_cache

from .mention_kinds import DOC, Mention
from .officials import tables
from .patterns import trie_alternation

_DOC_WORDS = (
    r"report|statement|study|data|summary|survey|transcript|readout|communiqu[ée]|press release"
    r"|assessment|tweet|post|letter|message|memo|findings|index|analysis|press statement"
    r"|media note|declaration|version|readout|account|figures|statistics|database"
)
_DOC = re.compile(
    rf"(?:\b[Tt]he\s+|\b[Aa]n?\s+|\b[Ii]ts\s+|\b[Tt]heir\s+|\b[Hh]is\s+|\b[Hh]er\s+)?"
    r"(?:(?:latest|new|regional|annual|quarterly|monthly|recent|joint|same|official|full"
    rf"|separate|brief|[A-Z0-9][\w-]*)\s+){{0,4}}\b(?P<doc>(?i:{_DOC_WORDS}))\b"
)
# What "the <word>" with no earlier document may refer to: a vague word, whatever document
# was named last; an authored one, its author; a report's word, the one monitor a write-up
# covers.
GENERIC_DOCS = frozenset({"summary", "study", "data", "survey", "assessment", "findings", "index"})
AUTHORED_DOCS = frozenset({"tweet", "post", "letter", "message"})
REPORT_DOCS = frozenset(
    {"report", "figures", "statistics", "data", "database", "findings", "survey", "study", "index"}
)
# Whether a lower-cased sentence may name a document at all (a quick test before the patterns).
DOC_WORD = re.compile(
    trie_alternation(
        """report statement study data summary survey transcript readout communiqu release
        assessment tweet post letter message memo findings index analysis note declaration
        version account figures statistics database""".split()
    )
)
_DOC_BY = re.compile(
    r",?\s*(?:(?:issued|compiled|released|published|prepared|produced|put out)\s+)?(?:by|from)\s+",
    re.I,
)


@lru_cache(maxsize=1)
def _org_doc_pattern() -> re.Pattern[str]:
    """ "The State Department's regional report": a document named through its organisation."""
    org = tables()["org_hint"]
    return re.compile(
        rf"\b(?:[Tt]he\s+)?(?P<org>{org})(?:'s|’s)\s+(?:[\w-]+\s+){{0,3}}?"
        rf"(?P<doc>(?i:{_DOC_WORDS}))\b"
    )


def documents(view: str, start: int, end: int) -> list[Mention]:
    """Documents: "the report", "a statement issued by the Foreign Office", "ISPR's statement"."""
    found = [_doc_mention(view, m, end) for m in _DOC.finditer(view, start, end)]
    for m in _QUOTED_TITLE.finditer(view, start, end):
        doc = _doc_mention(view, m, end, "report")
        if doc.org_hint:
            found.append(doc)
    for m in _org_doc_pattern().finditer(view, start, end):
        doc_type = view[m.end("org") : m.end()].lstrip("'’s ").strip()
        found.append(
            Mention(
                m.start(),
                m.end(),
                DOC,
                m.group(0),
                org_hint=m.group("org"),
                doc_type=doc_type,
                extra={"doc": m.group("doc").lower()},
            )
        )
    return found


_BY_NOUN = re.compile(
    r"(?:the|its)\s+(authority|ministry|department|institute|organi[sz]ation|office|commission"
    r"|agency|council|embassy|think\s+tank|cent(?:er|re)|mission)\b"
)
# "The ‘Country Reports on Terrorism’, released by the State Department, said": a document
# known by its title in quotation marks (blanked here), then who released it.
_QUOTED_TITLE = re.compile(
    r"\b[Tt]he\s+“[^”]{3,120}”(?=,?\s*(?:issued|compiled|released|published|prepared)\s+by\s)"
)


def _doc_mention(view: str, m: re.Match[str], end: int, kind: str = "") -> Mention:
    """Build a document mention, extending it over "issued by ORG" when present."""
    stop = m.end()
    org = None
    by = _DOC_BY.match(view, stop, end)
    kind = kind or m.group("doc").lower()
    extra = {"doc": kind}
    if by:
        inst = tables()["inst_re"].match(view, by.end(), end)
        noun = _BY_NOUN.match(view, by.end(), end)
        if inst:
            org, stop = inst.group(0), inst.end()
            paren = re.match(r"\s*\([A-Z]{2,6}\)", view[stop:end])
            if paren:
                stop += paren.end()
        elif noun:  # "a statement by the authority": the institution named before
            extra["by_noun"], stop = noun.group(1).lower(), noun.end()
    text = view[m.start() : stop]
    # The organisation may also precede: "the State Department's regional report".
    if org is None:
        inst = None
        for cand in tables()["inst_re"].finditer(text):
            inst = cand
        if inst is not None:
            org = inst.group(0)
    doc_type = re.sub(
        r"^(?:the|an?|its|their|his|her)\s+", "", view[m.start() : m.end()], flags=re.I
    )
    if org:
        doc_type = re.sub(re.escape(org) + r"(?:'s|’s)?\s*", "", doc_type).strip() or kind
    doc_type = kind if "“" in doc_type else doc_type
    return Mention(
        m.start(),
        stop,
        DOC,
        text,
        org_hint=org,
        doc_type=doc_type.strip(),
        extra=extra,
    )
