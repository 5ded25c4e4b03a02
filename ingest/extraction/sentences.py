"""Paragraphs and quote-aware sentence units, as offsets into the original text."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .quotes import unclosed_at_end

BODY, TITLE, HEADLINE, CAPTION, BULLET = "body", "title", "headline", "caption", "bullet"

_OPEN = "“\u201e"
_CLOSE = "”"
_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "sgt",
    "rep",
    "sen",
    "gov",
    "prof",
    "jr",
    "sr",
    "no",
    "vol",
    "vs",
    "etc",
    "inc",
    "co",
    "corp",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "govt",
    "amb",
    "adm",
    "brig",
}
_CAPTION = re.compile(
    r"\bin this (?:still|photo|picture|image|handout|file photo|video grab)\b|\bvideograb\b"
    r"|\bphoto\s*:|\bfile photo\b|\(photo\b|\bphotographed\b|\bscreen\s?grab\b|\bscreenshot\b"
    r"|\bphoto courtesy\b|[—–]\s*(?:Reuters|AFP|AP|APP|File|Photo|Twitter|X|YouTube)\b",
    re.I,
)
# "Spokesman Josh Earnest speaks at the daily briefing in Washington, Dec. 16, 2014."
_DATED_CAPTION = re.compile(
    r"\b(?:speaks|addresses|denounces|attends|gestures|listens|arrives|looks\s+on|poses|is\s+seen"
    r"|are\s+seen|shakes\s+hands|meets|talks)\b[^\n]{0,160},\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug"
    r"|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+(?:19|20)\d\d\.?$"
)
# "date 2031-03-06 LAKEPORT: Minister … said": a page's stamp before its lead, not a title.
_DATED_LEAD = re.compile(r"(?i)date\s+(?:19|20)\d\d-\d\d-\d\d\s+[A-Z][A-Za-z ,.()\d]{2,40}[:—–-]")
_BULLET = re.compile(r"^[\s\u00a0]*(?:[•·▪◦●\-*–]|\d+[.)])\s+")
_MAX_UNIT = 2000
_MAX_QUOTE_RUN = 3000  # an opening mark this far from any close is treated as stray


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One non-blank line: its offsets and what kind of block it is."""

    start: int
    end: int
    kind: str


@dataclass(slots=True)
class Unit:
    """A sentence (or a quotation spanning sentences) inside a paragraph."""

    start: int
    end: int
    para: int


def paragraphs(view: str, original: str | None = None) -> list[Paragraph]:
    """Split the masked text into non-blank lines and classify each (title, caption, body...).

    ``original`` (same length) lets captions be recognised by credits that masking removed.
    """
    result: list[Paragraph] = []
    pos = 0
    seen_title = False
    for line in view.split("\n"):
        raw = original[pos : pos + len(line)] if original is not None else line
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip(" \t\u00a0\r")
        if not stripped:
            continue
        start += len(line) - len(line.lstrip(" \t\u00a0\r"))
        end -= len(line) - len(line.rstrip(" \t\u00a0\r"))
        result.append(Paragraph(start, end, _kind(stripped, seen_title, result, view, raw)))
        seen_title = True
    if len(result) > 2 and result[-1].kind == HEADLINE and _cut_off(view, result):
        result[-1] = Paragraph(result[-1].start, result[-1].end, BODY)
    return result


def _cut_off(view: str, paras: list[Paragraph]) -> bool:
    """Whether the last line is body text cut off mid-sentence (a clipped page, an excerpt):
    a long run of words after body paragraphs, not a subhead closing the page."""
    line = view[paras[-1].start : paras[-1].end]
    words = line.split()
    return (
        any(p.kind == BODY for p in paras[:-1])
        and len(words) >= 8
        and re.search(r"\b(?:the|to|of|and|a|in|that|on|for|with)\b", line) is not None
        and "," in line
    )


def _captioned(raw: str, line: str) -> bool:
    """A photo caption: its credit or "in this photo" wording, or a photo's dated description
    (both patterns are tried only where a cheap test allows: most lines are neither)."""
    low = raw.lower()
    if (
        "photo" in low
        or "in this" in low
        or "grab" in low
        or "screenshot" in low
        or "—" in raw
        or "–" in raw
    ) and _CAPTION.search(raw):
        return True
    return line.rstrip(". ")[-4:].isdigit() and _DATED_CAPTION.search(line) is not None


def _kind(line: str, seen_title: bool, before: list[Paragraph], view: str, raw: str) -> str:
    """Decide whether a line is a title, headline, caption, bullet or body text."""
    words = line.split()
    bare = line.rstrip("\"”’'")
    # A subhead in quotation marks ("‘Continuation of targeting innocent people’") ends
    # with a mark but no sentence: it is a headline, not a quotation.
    ends_sentence = (bare[-1:] in ".!?…:," or line.endswith(").")) if bare else False
    if not seen_title and (not ends_sentence or len(words) <= 20) and not _DATED_LEAD.match(line):
        return TITLE
    if _BULLET.match(line):
        return BULLET
    if _captioned(raw, line):
        return CAPTION
    if not ends_sentence and len(words) <= 30:
        return HEADLINE
    # A line repeating an earlier title/headline is a subhead, not content.
    if any(view[p.start : p.end].strip() == line for p in before if p.kind in (TITLE, HEADLINE)):
        return HEADLINE
    return BODY


_SPECIAL = re.compile(r'[“„”"]|[.!?…]')


def split_units(view: str, start: int, end: int) -> list[Unit]:
    """Split ``view[start:end]`` into sentences, never inside an open quotation.

    Returns units with offsets into ``view`` (para index left at -1 for the caller to set).
    Only quote marks and sentence punctuation are visited, so the cost stays linear and small.
    """
    units: list[Unit] = []
    sent_start = start
    in_quote = False
    quote_opened = 0
    resume = start
    for m in _SPECIAL.finditer(view, start, end):
        i = m.start()
        if i < resume:
            continue
        ch = view[i]
        if ch in _OPEN:
            in_quote, quote_opened = True, i
        elif ch in _CLOSE:
            in_quote = False
        elif ch == '"':
            in_quote = not in_quote
            quote_opened = i
        if in_quote and i - quote_opened > _MAX_QUOTE_RUN:
            in_quote = False
        ends_inside = ch in _CLOSE + '"' and not in_quote and i > start and view[i - 1] in ".!?…"
        if i - sent_start > _MAX_UNIT:
            # No real sentence is this long (tables, run-on junk): cut at a space so the
            # per-sentence work stays bounded and the whole run stays linear.
            cut = view.rfind(" ", sent_start + 1, i)
            cut = cut if cut > sent_start else i
            units.append(Unit(sent_start, cut, -1))
            sent_start = cut
            in_quote = False
        if (ch in ".!?…" or ends_inside) and not in_quote and _is_boundary(view, i, end):
            stop = i + 1
            while stop < end and view[stop] in "\"”’')]":
                stop += 1
            units.append(Unit(sent_start, stop, -1))
            resume = stop
            while resume < end and view[resume] in " \t\u00a0":
                resume += 1
            sent_start = resume
    while end - sent_start > _MAX_UNIT:
        cut = view.rfind(" ", sent_start + 1, sent_start + _MAX_UNIT)
        cut = cut if cut > sent_start else sent_start + _MAX_UNIT
        units.append(Unit(sent_start, cut, -1))
        sent_start = cut
    if sent_start < end and view[sent_start:end].strip():
        units.append(Unit(sent_start, end, -1))
    return [u for u in units if view[u.start : u.end].strip()]


def _is_boundary(view: str, i: int, end: int) -> bool:
    """Tell whether the punctuation at ``i`` ends a sentence (not an abbreviation or decimal)."""
    j = i + 1
    while j < end and view[j] in "\"”’')]":
        j += 1
    if j >= end:
        return True
    if view[j] not in " \t\u00a0":
        return False
    while j < end and view[j] in " \t\u00a0":
        j += 1
    if j >= end:
        return True
    nxt = view[j]
    if not (nxt.isupper() or nxt.isdigit() or nxt in "\"“‘'("):
        return False
    if view[i] != ".":
        return True
    k = i
    while k > 0 and (view[k - 1].isalpha() or view[k - 1] == "."):
        k -= 1
    token = view[k:i]
    if token.lower() in _ABBREV:
        return False
    # Initialisms such as "U.S." or a single initial "J." rarely end a sentence in news copy.
    return not re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", token)


_ATTRIBUTION_ONLY = re.compile(r"^[^\"“”]{0,160}$")


def sentence_units(view: str, paras: list[Paragraph]) -> list[Unit]:
    """Sentence units of all paragraphs, with quotations running over paragraphs merged."""
    units: list[Unit] = []
    for pi, p in enumerate(paras):
        for u in split_units(view, p.start, p.end):
            u.para = pi
            units.append(u)
    merged: list[Unit] = []
    for u in units:
        prev = merged[-1] if merged else None
        if prev is not None and _continues(view, paras, prev, u):
            prev.end = u.end
            continue
        merged.append(u)
    return merged


def _continues(view: str, paras: list[Paragraph], prev: Unit, u: Unit) -> bool:
    """Tell whether unit ``u`` belongs to ``prev``: a quote running on, or a bare "he said."."""
    if paras[prev.para].kind != BODY or paras[u.para].kind != BODY:
        return False
    if prev.para != u.para:
        # The paragraph the previous unit ends in (a quotation may already run over several)
        # must leave its quotation open, and this one reopen it.
        last = paras[bisect.bisect_right([p.start for p in paras], prev.end - 1) - 1]
        opens = view[u.start : u.start + 1] in ("“", '"')
        return opens and unclosed_at_end(view, last.start, last.end)
    tail = view[prev.start : prev.end].rstrip()
    piece = view[u.start : u.end]
    if not tail.endswith(("”", '"', "”.", '".')) or not _ATTRIBUTION_ONLY.match(piece):
        return False
    words = piece.split()
    return (
        len(words) <= 14
        and " that " not in piece
        and bool(
            re.search(r"\b(?:said|says|added|stated|told|noted|explained|continued|wrote)\b", piece)
        )
    )
