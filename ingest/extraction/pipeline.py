"""The extractor: chrome masking, units, attribution, dates, classification, entities."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from datetime import date

from . import dates as D
from .chrome import mask_chrome
from .classify import about_pakistan, is_pledge, topics
from .entities import armed_groups, places
from .quotes import outside_quotes, quote_spans, quoted_share, unclosed_at_end
from .reported import (
    ACCORDING_TO,
    INVERTED,
    NOMINAL,
    PARTICIPIAL,
    SUBJECT,
    Attribution,
    find_attributions,
)
from .sentences import BODY, CAPTION, HEADLINE, TITLE, Paragraph, Unit, paragraphs, split_units
from .speakers import (
    DOC,
    JOINT_ORG,
    JOINT_STATEMENT,
    Mention,
    Resolver,
    Speaker,
    find_mentions,
    official_in_office,
    person_by_surname,
    tenure_years,
)
from .speakers import (
    INST as INST_MENTION,
)
from .statistics import statistics
from .transcripts import ANONYMOUS_ANSWER, display_name, turns
from .types import (
    DAY,
    GROUP,
    INSTITUTION,
    MONTH,
    PERSON,
    UNKNOWN,
    YEAR,
    ExtractedStatement,
    Extraction,
)

EXTRACTOR_VERSION = "1.1.0"

_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2}|[A-Z]{3,}(?:\s+[A-Z]{3,})?)"
    r"(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2})?(?:\s*\([A-Za-z ]+\))?\s*(?:[-–—:]|:)\s+",
    re.M,
)
_LEADING_ADVERBIAL = re.compile(
    r"^(?:In|On|At|During|Earlier|Later|Last|Speaking|Addressing|Late|Early|Following|After)\b"
)
_ATTRIBUTION_ONLY = re.compile(r"^[^\"“”]{0,160}$")
_CONTENT_START = re.compile(
    r"\b(?:the|a|an|his|her|its|their|this|these)\s+(?!(?:statement|briefing|press|news|weekly"
    r"|daily|regular|phone|telephone|video|interview|meeting|session|tweet|post|conference"
    r"|reporters|journalists|media|televised|joint|separate)\b|[A-Z])"
    r"|\b(?:it|he|she|they|we|Pakistan|Islamabad|Washington)\b(?=\s+\w+)"
)
_THAT = re.compile(r"\bthat\b|[“\"]")


@dataclass(slots=True)
class _Draft:
    """A statement before dates are settled across the document."""

    stmt: ExtractedStatement
    speaker: Speaker
    own: D.Resolved | None
    briefing: bool
    standing: bool


def extract(text: str, published: date | None = None) -> Extraction:
    """Extract statements, groups, places and statistics from one document.

    Takes the document text and, if known, its publication date; returns an Extraction whose
    offsets index ``text`` exactly.
    """
    text = text if isinstance(text, str) else ""
    view = mask_chrome(text)
    paras = paragraphs(view, text)
    title = next((view[p.start : p.end].strip() for p in paras[:1] if p.kind == TITLE), "")
    captions = [(p.start, p.end) for p in paras if p.kind == CAPTION]
    datelines = [
        (p.start, min(p.end, p.start + 60)) for p in paras[:6] if _DATELINE.match(view, p.start)
    ]
    # Short header lines ("May 5, 2022" under a transcript's title) date the document too.
    header = [(p.start, p.end) for p in paras[:5] if p.kind in (TITLE, HEADLINE)]
    preferred = captions + datelines + header
    ref = D.Ref(published, DAY) if published else D.infer_reference(view, preferred)
    result = Extraction(published_on=published or _printed_date(view, paras), title=title)
    transcript = turns(view)
    units = _units(view, paras)
    issuer = _issuer(view, paras)
    if transcript:
        # An article may lead into a quoted exchange: its own prose is still read as an article.
        lead = [u for u in units if u.end <= transcript[0].start]
        result.statements = _article_statements(text, view, paras, ref, lead) if lead else []
        answers = _transcript_statements(text, view, transcript, ref)
        _date_from_lead(answers, result.statements)
        result.statements += answers
    elif issuer is not None:
        result.statements = _issued_statements(text, view, paras, ref, issuer)
    else:
        result.statements = _article_statements(text, view, paras, ref, units)
    if (transcript or issuer) and published is None and ref is not None and not ref.weak:
        result.published_on = ref.day  # the header date of a transcript or statement
    body_index = {pi: n for n, pi in enumerate(i for i, p in enumerate(paras) if p.kind == BODY)}
    sentences = [(u.start, u.end, body_index[u.para]) for u in units if u.para in body_index]
    result.organizations = armed_groups(view)
    result.places = places(view)
    result.statistics = statistics(view, sentences, ref.day.year if ref else None)
    return result


# --- articles -------------------------------------------------------------------------------


_PUBLISHED_LINE = re.compile(r"(?i)^\W*(?:published|posted|updated|dated)?\s*(?:on|:)?\s*")


def _printed_date(view: str, paras: list[Paragraph]) -> date | None:
    """A header line that is only a date ("Published May 15, 2024") is the publication day."""
    for p in paras[:6]:
        if p.kind not in (TITLE, HEADLINE, BODY) or len(view[p.start : p.end].split()) > 8:
            continue
        line = view[p.start : p.end]
        found = D.full_dates(line)
        if found and not _PUBLISHED_LINE.sub("", line[: found[0][0]]).strip(" ,|-–—"):
            return found[0][1]
    return None


def _units(view: str, paras: list[Paragraph]) -> list[Unit]:
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
        opens = view[u.start : u.start + 1] in ("“", '"')
        return opens and unclosed_at_end(view, paras[prev.para].start, paras[prev.para].end)
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


def _briefing_info(
    view: str, paras: list[Paragraph], ref: D.Ref | None
) -> tuple[date | None, str | None]:
    """Return the date of a briefing named in a caption or headline, and its organisation."""
    for p in paras:
        if p.kind == BODY:
            continue
        line = view[p.start : p.end]
        if "briefing" not in line.lower():
            continue
        found = [d for _, d in D.full_dates(view, p.start, p.end)]
        if not found and ref is not None and ref.precision == DAY and not ref.weak:
            # "… addresses the weekly briefing on Thursday": a weekday against a known date.
            resolved = [D.resolve(m, ref) for m in D.DATE_PHRASE.finditer(line)]
            found = [r.day for r in resolved if r is not None and r.precision == DAY]
        if found:
            org = "U.S. Department of State" if "State" in line else None
            if "Foreign Office" in line or "foreign ministry" in line.lower():
                org = "Pakistan Foreign Office"
            return found[0], org
    return None, None


def _article_statements(
    text: str, view: str, paras: list[Paragraph], ref: D.Ref | None, units: list[Unit]
) -> list[ExtractedStatement]:
    """Find attributed statements in an article and settle their dates."""
    resolver = Resolver(ref.day if ref else None)
    briefing_day, briefing_org = _briefing_info(view, paras, ref)
    drafts: list[_Draft] = []
    last_unit_direct: tuple[int, Speaker] | None = None
    pending: tuple[int, _Draft] | None = None
    for idx, u in enumerate(units):
        spans = quote_spans(view, u.start, u.end)
        outside = outside_quotes(view, u.start, u.end, spans)
        known = set(resolver.people)
        mentions = [_shift(m, u.start) for m in find_mentions(outside, 0, len(outside), known)]
        if paras[u.para].kind != BODY:
            for m in mentions:
                resolver.observe(m)
            continue
        for m in mentions:
            if m.kind == INST_MENTION:
                resolver.observe(m)
        attrs = find_attributions(view, outside, u.start, u.end, mentions, resolver)
        _attach_document(attrs, mentions, resolver)
        made = _drafts_for_unit(text, view, outside, u, spans, attrs, ref, paras)
        extended = False
        # "Miller said:" closing a paragraph runs on into the next one.
        if (
            not made
            and pending is not None
            and pending[0] in (u.para, u.para - 1)
            and (pending[0] == u.para or view[: pending[1].stmt.end].rstrip().endswith(":"))
        ):
            _extend(text, pending[1], u.end)
            pending[1].stmt.direct = pending[1].stmt.direct or bool(spans)
            extended = True
        pending = None
        if made and attrs and _announces_more(outside, u.start, attrs[0]):
            pending = (u.para, made[-1])
        near = last_unit_direct is not None and idx - last_unit_direct[0] <= 2
        if extended:
            pass
        elif not made and spans and near and quoted_share(spans, u.start, u.end) >= 0.6:
            made = [_continuation(text, u, last_unit_direct[1])]  # type: ignore[index]
        for m in mentions:
            resolver.observe(m)
        drafts.extend(made)
        # A bare quotation right after someone's statement is theirs ("X said Y. “…”").
        if made and (made[-1].stmt.direct or made[-1].speaker.kind == PERSON):
            last_unit_direct = (idx, made[-1].speaker)
    _settle_dates(drafts, ref, briefing_day, briefing_org, _talks_day(view, ref))
    return [d.stmt for d in drafts]


def _attach_document(attrs: list[Attribution], mentions: list[Mention], resolver: Resolver) -> None:
    """An institution speaking "in a new report" speaks through that report: note it as such."""
    if not attrs or attrs[0].speaker.kind != INSTITUTION or attrs[0].mention.kind == DOC:
        return
    a = attrs[0]
    doc = next((m for m in mentions if m.kind == DOC and not m.org_hint), None)
    if doc is None:
        return
    a.speaker = replace(a.speaker, role=a.speaker.role or doc.doc_type)
    resolver.note_document(doc.extra.get("doc", "document"), a.speaker)


def _announces_more(outside: str, start: int, attr: Attribution) -> bool:
    """ "The report revealed alarming statistics." announces the next sentence's content."""
    if attr.mode not in (SUBJECT, INVERTED):
        return False
    rest = outside[attr.cue_end - start :]
    if rest.strip() == ":":
        return True  # "Miller said:" with the quotation in the next sentence or paragraph
    if any(q in outside for q in '“”"'):
        return False
    words = rest.split()
    short = 1 <= len(words) < 10 and words[0] not in (".", ":")
    return short and not _THAT.search(rest) and rest.rstrip().endswith((".", ":"))


def _extend(text: str, draft: _Draft, end: int) -> None:
    """Stretch a statement over the following sentence that carries its content."""
    stmt = draft.stmt
    while end > stmt.start and text[end - 1] in " \t\n\r\u00a0":
        end -= 1
    stmt.end = end
    stmt.text = text[stmt.start : end]
    stmt.topics = topics(stmt.text)
    stmt.armed_groups = armed_groups(stmt.text)
    stmt.about_pakistan = about_pakistan(stmt.text)
    stmt.is_pledge = is_pledge(stmt.text)


def _shift(m: Mention, offset: int) -> Mention:
    """Move a mention found in a unit-local string to document offsets."""
    return replace(m, start=m.start + offset, end=m.end + offset)


def _drafts_for_unit(
    text: str,
    view: str,
    outside: str,
    u: Unit,
    spans: list[tuple[int, int]],
    attrs: list[Attribution],
    ref: D.Ref | None,
    paras: list[Paragraph],
) -> list[_Draft]:
    """Turn a unit's attributions into one statement (two when a nominal clause leads)."""
    if not attrs:
        return []
    best = attrs[0]
    nominal = next((a for a in attrs if a.mode == NOMINAL), None)
    if nominal is not None and best.mode != NOMINAL and best.cue_start < nominal.mention.start:
        nominal = None  # "X rejected Y's claim that …": the claim is X's content, not Y's statement
    out = []
    if nominal is not None and nominal.span is not None:
        rest = [a for a in attrs if a.mode != NOMINAL and a.cue_start >= nominal.span[1]]
        out.append(_draft(text, view, outside, u, nominal.span, spans, nominal, ref, paras))
        if not rest:
            return out
        best = rest[0]
        span = (nominal.span[1] + 1, u.end)
    else:
        span = (u.start, u.end)
    out.append(_draft(text, view, outside, u, span, spans, best, ref, paras))
    return out


def _trim(text: str, start: int, end: int, first_in_para: bool) -> tuple[int, int]:
    """Strip blanks (and a leading dateline such as "WASHINGTON: ") from a span."""
    if first_in_para:
        m = _DATELINE.match(text, start, end)
        if m and m.end() - start < 45:
            start = m.end()
    while start < end and text[start] in " \t\n\r\u00a0,;":
        start += 1
    while end > start and text[end - 1] in " \t\n\r\u00a0":
        end -= 1
    return start, end


def _draft(
    text: str,
    view: str,
    outside: str,
    u: Unit,
    span: tuple[int, int],
    spans: list[tuple[int, int]],
    attr: Attribution,
    ref: D.Ref | None,
    paras: list[Paragraph],
) -> _Draft:
    """Build a statement draft for ``span`` attributed by ``attr``."""
    s, e = _trim(text, span[0], span[1], span[0] == paras[u.para].start)
    body = text[s:e]
    direct = any(qs < e and qe > s for qs, qe in spans)
    zone = _date_zone(view, outside, u, attr, spans)
    own = None if attr.standing else _own_date(zone, ref, attr.speaker)
    stmt = ExtractedStatement(
        speaker=attr.speaker.name,
        text=body,
        start=s,
        end=e,
        direct=direct,
        speaker_kind=attr.speaker.kind,
        speaker_org=attr.speaker.org,
        speaker_role=attr.speaker.role,
        speaker_side=attr.speaker.side,
        is_pledge=is_pledge(
            body,
            attr.mode == NOMINAL
            and "assurance" in view[s:e].lower()
            and "from" in view[s:e].lower(),
        ),
        topics=topics(body),
        armed_groups=armed_groups(body),
        about_pakistan=about_pakistan(body),
    )
    if attr.mode == NOMINAL:
        stmt.is_pledge = is_pledge(body, "assurance" in body.lower() and " from " in body)
    briefing = "briefing" in zone.lower()
    return _Draft(stmt, attr.speaker, own, briefing, attr.standing)


def _continuation(text: str, u: Unit, speaker: Speaker) -> _Draft:
    """A paragraph that is only a quotation continues the previous direct speaker."""
    s, e = _trim(text, u.start, u.end, False)
    stmt = _direct_statement(text, s, e, speaker, None)
    return _Draft(stmt, speaker, None, False, False)


def _date_zone(
    view: str, outside: str, u: Unit, attr: Attribution, spans: list[tuple[int, int]]
) -> str:
    """Return the attribution's own words (not the reported content) where a date may sit."""
    rel = lambda x: max(0, min(len(outside), x - u.start))  # noqa: E731
    parts = []
    m_start, cue_s, cue_e = attr.mention.start, attr.cue_start, attr.cue_end
    if attr.mode == ACCORDING_TO:
        comma = outside.find(",", rel(attr.mention.end))
        return outside[rel(cue_s) : comma if comma >= 0 else rel(attr.mention.end)]
    if attr.mode == NOMINAL:
        return ""
    lead = outside[: rel(min(m_start, cue_s))]
    if _LEADING_ADVERBIAL.match(lead.lstrip()) and "," in lead:
        parts.append(lead[: lead.index(",")])
    first = min(m_start, cue_s)
    last = max(attr.mention.end, cue_e)
    parts.append(outside[rel(first) : rel(last)])
    after = outside[rel(last) :]
    closes_before = any(qe <= cue_s for _, qe in spans)
    if closes_before:
        stop = after.find("“")
        parts.append(after if stop < 0 else after[:stop])
    else:
        # Only words that still belong to the attribution ("said on Thursday", "told a
        # briefing on Monday"), not the reported content ("said the attack on Tuesday …").
        stop = _THAT.search(after)
        limit = min(stop.start() if stop else len(after), 45)
        content = _CONTENT_START.search(after, 0, limit)
        parts.append(after[: content.start() if content else limit])
    if attr.mode == PARTICIPIAL:
        parts.append(outside[rel(m_start) : rel(cue_s)])
    return " | ".join(parts)


def _own_date(zone: str, ref: D.Ref | None, speaker: Speaker) -> D.Resolved | None:
    """Resolve the first date phrase of the attribution zone, checked against tenure."""
    for m in D.DATE_PHRASE.finditer(zone):
        resolved = D.resolve(m, ref)
        if resolved is not None:
            return _fit_tenure(resolved, speaker, ref)
    return None


def _fit_tenure(resolved: D.Resolved, speaker: Speaker, ref: D.Ref | None) -> D.Resolved | None:
    """Keep a date only if the speaker held office then; shift an inferred year if that fits."""
    if speaker.kind != PERSON:
        return resolved
    tenures = tenure_years(speaker.name)
    if not tenures:
        return resolved

    def inside(day: date) -> bool:
        """Tell whether ``day`` falls within one of the speaker's tenures."""
        return any((s is None or s <= day) and (e is None or day <= e) for s, e in tenures)

    if resolved.precision == YEAR:
        ok = any(
            (s is None or s.year <= resolved.day.year)
            and (e is None or resolved.day.year <= e.year)
            for s, e in tenures
        )
        return resolved if ok else None
    if inside(resolved.day):
        return resolved
    if resolved.inferred_year and ref is not None and ref.precision != DAY:
        for shift in range(1, 6):
            try:
                moved = resolved.day.replace(year=resolved.day.year + shift)
            except ValueError:
                continue
            if inside(moved):
                return D.Resolved(moved, resolved.precision, True)
    return None


_TALKS = r"(?:talks|dialogue|meeting|round\s+of\s+talks|summit|consultations)"
# "the May 10 bilateral dialogue", "Friday's talks", "talks held on May 10".
_TALKS_DATE = re.compile(
    rf"(?P<d>{D.DATE_PHRASE.pattern})(?:\s+\w+){{0,2}}\s+{_TALKS}\b"
    rf"|{_TALKS}\s+(?:held\s+)?on\s+(?P<d2>{D.DATE_PHRASE.pattern.replace('?P<', '?P<x')})"
)
# A statement reporting what the talks concluded or agreed carries the talks' date.
_TALKS_OUTCOME = re.compile(rf"\b(?:concluded|wrapped\s+up|ended)\b[^.]{{0,60}}{_TALKS}\b")


def _talks_day(view: str, ref: D.Ref | None) -> date | None:
    """The single day of the talks an article reports, when it names one (else None)."""
    if ref is None or ref.precision != DAY:
        return None
    days = set()
    for m in _TALKS_DATE.finditer(view):
        phrase = D.DATE_PHRASE.search(m.group(0))
        resolved = D.resolve(phrase, ref) if phrase else None
        if resolved is not None and resolved.precision == DAY:
            days.add(resolved.day)
    return days.pop() if len(days) == 1 else None


def _settle_dates(
    drafts: list[_Draft],
    ref: D.Ref | None,
    briefing_day: date | None,
    briefing_org: str | None,
    talks_day: date | None = None,
) -> None:
    """Fill said_on: own clue, else the speaker's other date, else the briefing, else a default."""
    if ref is not None and ref.weak:
        # A reference guessed from mentioned dates is only a lower bound; a later date the
        # statements themselves pin down (via tenure) is a better one.
        own = [d.own.day for d in drafts if d.own is not None and d.own.precision != YEAR]
        if own and max(own).year >= ref.day.year:
            ref = D.Ref(max(own), MONTH, weak=True)
    dated: dict[str, list[int]] = {}
    for i, d in enumerate(drafts):
        if d.own is not None and not d.standing:
            dated.setdefault(d.speaker.name, []).append(i)
    main_day = _main_day(drafts, ref)
    for i, d in enumerate(drafts):
        when: D.Resolved | None = d.own
        if d.standing:
            when = None
        elif when is None:
            when = _inherited(drafts, i, dated)
            if when is None and briefing_day is not None and _at_briefing(d, briefing_org):
                when = D.Resolved(briefing_day, DAY)
            if when is None and talks_day is not None and _TALKS_OUTCOME.search(d.stmt.text):
                when = D.Resolved(talks_day, DAY)
            if when is None and main_day is not None:
                when = _fit_tenure(main_day, d.speaker, ref)
            if when is None and ref is not None:
                precision = YEAR if ref.precision == YEAR else MONTH
                if ref.weak and ref.precision == DAY:
                    precision = YEAR
                when = _fit_tenure(D.Resolved(ref.day, precision), d.speaker, ref)
        d.stmt.said_on = when.as_text() if when else None
        d.stmt.date_precision = when.precision if when else UNKNOWN


def _main_day(drafts: list[_Draft], ref: D.Ref | None) -> D.Resolved | None:
    """The day most of an article's own date clues point to ("on Wednesday" …), if any.

    Only with a firm reference day: an article whose remarks are dated mostly reports that
    day's remarks, so its undated ones get that day rather than only the month.
    """
    if ref is None or ref.weak or ref.precision != DAY:
        return None
    days = [d.own.day for d in drafts if d.own is not None and d.own.precision == DAY]
    if not days:
        return None
    best = max(days, key=lambda day: (days.count(day), -days.index(day)))
    return D.Resolved(best, DAY)


def _inherited(drafts: list[_Draft], i: int, dated: dict[str, list[int]]) -> D.Resolved | None:
    """The nearest own date of another statement by the same speaker, earlier ones first.

    ``dated`` maps a speaker to the indices of their statements with an own date (sorted).
    """
    indices = dated.get(drafts[i].speaker.name, [])
    if not indices:
        return None
    k = bisect.bisect_left(indices, i)
    j = indices[k - 1] if k > 0 else indices[k]
    return drafts[j].own


def _at_briefing(d: _Draft, briefing_org: str | None) -> bool:
    """Tell whether a statement was made at the briefing a caption dates."""
    if d.briefing:
        return True
    role = (d.speaker.role or "").lower()
    org = d.speaker.org or d.speaker.name
    if briefing_org is None:
        return "spokes" in role
    return org == briefing_org and (d.speaker.kind != PERSON or "spokes" in role)


# --- statements issued as documents (joint statements, press statements, media notes) ---

_ISSUED_HEADER = re.compile(
    r"(?im)^\s*(?:joint\s+statement\b|media\s+note\b|press\s+statement\b"
    r"|office\s+of\s+the\s+spokesperson\b|begin\s+text\b|press\s+release\s+no\b"
    r"|the\s+following\s+(?:is\s+the\s+text|statement\s+was\s+released))"
)
_BOILERPLATE = re.compile(
    r"(?i)^\s*(?:begin text|end text|###|for further information|media note|press statement"
    r"|office of the spokesperson|press release|joint statement|the text of the following)\b"
)
_BEGIN = re.compile(r"(?i)^\s*begin\s+text\b")
_END = re.compile(r"(?i)^\s*end\s+text\b")
_ISSUER_PERSON = re.compile(
    r"(?m)^\s*(?P<name>[A-Z][a-z]+(?:\s+[A-Z]\.?)?(?:\s+[A-Z][a-z]+){1,2}),\s+"
    r"(?P<role>(?:Principal\s+)?(?:Deputy\s+)?(?:Department\s+)?Spokesperson"
    r"|Secretary of State)\s*$"
)


def _issuer(view: str, paras: list[Paragraph]) -> Speaker | None:
    """Return who issues the document when it is itself a statement (not an article about one)."""
    header = view[: paras[min(len(paras), 4) - 1].end] if paras else ""
    if not _ISSUED_HEADER.search(header) or len(header) > 1500:
        return None
    low = header.lower()
    if "joint statement" in low or (
        "united states" in low and "pakistan" in low and "joint" in low
    ):
        return Speaker(JOINT_STATEMENT, INSTITUTION, JOINT_ORG, "statement", "joint")
    person = _ISSUER_PERSON.search(header)
    if person is not None:
        found = person_by_surname(person.group("name").split()[-1], None)
        if found is not None and found.name == person.group("name"):
            return found
        return Speaker(person.group("name"), PERSON, None, person.group("role"), "other")
    if "foreign affairs" in low or "foreign office" in low:
        return Speaker(
            "Pakistan Foreign Office", INSTITUTION, "Pakistan Foreign Office", None, "pk"
        )
    return Speaker("U.S. Department of State", INSTITUTION, "U.S. Department of State", None, "us")


def _issued_statements(
    text: str, view: str, paras: list[Paragraph], ref: D.Ref | None, issuer: Speaker
) -> list[ExtractedStatement]:
    """Each body paragraph of an issued statement is the issuer's own words, dated with it."""
    day = ref.day if ref is not None and ref.precision == DAY else None
    out = []
    lines = [view[p.start : p.end] for p in paras]
    begin = next((i for i, line in enumerate(lines) if _BEGIN.match(line)), -1)
    for i, p in enumerate(paras):
        line = lines[i]
        if _END.match(line):
            break
        if i <= begin or p.kind != BODY or _BOILERPLATE.match(line) or len(line.split()) < 6:
            continue
        s, e = _trim(text, p.start, p.end, False)
        out.append(_direct_statement(text, s, e, issuer, day))
    return out


def _direct_statement(
    text: str, start: int, end: int, speaker: Speaker, day: date | None, context: str = ""
) -> ExtractedStatement:
    """A whole turn or paragraph said by ``speaker`` on ``day``, classified."""
    body = text[start:end]
    return ExtractedStatement(
        speaker=speaker.name,
        text=body,
        start=start,
        end=end,
        direct=True,
        speaker_kind=speaker.kind,
        speaker_org=speaker.org,
        speaker_role=speaker.role,
        speaker_side=speaker.side,
        said_on=day.isoformat() if day else None,
        date_precision=DAY if day else UNKNOWN,
        is_pledge=is_pledge(body),
        topics=topics(body),
        armed_groups=armed_groups(body),
        about_pakistan=about_pakistan(body, context),
        context=context,
    )


# --- briefing transcripts -------------------------------------------------------------------


# Floor management ("Go ahead.", "Thanks, everyone.") says nothing attributable.
_TRIVIAL_TURN = re.compile(
    r"(?is)^\W*(?:(?:yes|yeah|sure|okay|ok|all\s+right|go\s+ahead|thank\s+you|thanks"
    r"|next\s+question|please|great|good\s+(?:afternoon|morning)|everyone|all|very\s+much"
    r"|(?:one|last)\s+(?:more|question)|sir|ma'am|so|well)[\s,.!?:;-]*)*$"
    r"|^\W*(?:\S+\s+){0,3}\S*\W*$"
)


def _date_from_lead(answers: list[ExtractedStatement], lead: list[ExtractedStatement]) -> None:
    """An article's lead names and dates the exchange it quotes ("Falk said on Monday …")."""
    people = {s.speaker.split()[-1].lower(): s for s in lead if s.speaker_kind == PERSON}
    for a in answers:
        known = people.get(a.speaker.lower()) if " " not in a.speaker else None
        if known is not None:
            a.speaker, a.speaker_org = known.speaker, known.speaker_org
            a.speaker_role, a.speaker_side = known.speaker_role, known.speaker_side
    dated = {s.speaker: s.said_on for s in lead if s.date_precision == DAY and s.said_on}
    for a in answers:
        if a.speaker in dated:
            a.said_on = dated[a.speaker]


def _briefing_spokesperson(view: str, header: str, day: date | None) -> Speaker:
    """Who answers "Answer:" turns: the official the header names, else the one in office."""
    resolver = Resolver(day)
    for m in find_mentions(header, 0, len(header)):
        if m.kind == "titled":
            return resolver.resolve(m) or Speaker(m.name, PERSON, None, m.role)
    # "Question:/Answer:" transcripts are the Pakistan Foreign Office's format; the State
    # Department names its briefer ("MR MILLER:"), so only a US header points there.
    pakistan = not re.search(r"Department of State|State Department|Washington, D\.?C", header)
    org = "Pakistan Foreign Office" if pakistan else "U.S. Department of State"
    found = official_in_office(org, "Spokesperson", day)
    if found is not None:
        return found
    return Speaker(org, INSTITUTION, org, "briefing", "pk" if pakistan else "us")


def _transcript_statements(
    text: str, view: str, transcript: list, ref: D.Ref | None
) -> list[ExtractedStatement]:
    """Each official's turn is a direct statement dated with the briefing; questions are context."""
    header = view[: transcript[0].start] if transcript else ""
    found = D.full_dates(header) or D.full_dates(view, 0, min(len(view), 3000))
    day = ref.day if ref is not None and ref.precision == DAY else (found[0][1] if found else None)
    question = ""
    out = []
    anonymous = _briefing_spokesperson(view, header, day)
    for t in transcript:
        if t.is_question:
            question = text[t.start : t.end]
            continue
        if t.who in ("MODERATOR", "OPERATOR"):
            continue
        s, e = _trim(text, t.start, t.end, False)
        if e <= s or _TRIVIAL_TURN.match(text[s:e]):
            continue
        if t.who in ANONYMOUS_ANSWER:
            speaker = anonymous
        elif t.is_unnamed_official:
            org = "U.S. Department of State" if "STATE" in t.who else None
            speaker = Speaker(t.who.title(), GROUP, org, None, "us" if org else "other")
        else:
            speaker = person_by_surname(t.surname, day) or Speaker(display_name(t.surname), PERSON)
        out.append(_direct_statement(text, s, e, speaker, day, question[:2000]))
    return out
