"""News articles: sentence units, attributions, and the statements they make."""

from __future__ import annotations

import re
from dataclasses import replace

from . import dates as D
from .classify import about_pakistan, is_pledge, topics
from .clauses import subject_capable
from .continued import (
    BACKGROUND,
    announces_more,
    continuation,
    extend,
    first_person,
    owner_words,
    release_owner,
)
from .dating import briefing_info, date_zone, own_date, settle_dates, talks_day
from .mentions import DOC, Mention, find_mentions
from .mentions import INST as INST_MENTION
from .mentions import NAMED as NAMED_MENTION
from .mentions import SURNAME as SURNAME_MENTION
from .mentions import TITLED as TITLED_MENTION
from .officials import JOINT_STATEMENT
from .quotes import outside_quotes, quote_spans, quoted_share
from .records import Draft, attribution_basis, trim
from .reference import lead_day
from .reported import (
    INVERTED,
    NOMINAL,
    SUBJECT,
    Attribution,
    find_attributions,
)
from .resolver import Resolver
from .sentences import BODY, BULLET, Paragraph, Unit
from .states import title_parties
from .statistics import document_source
from .types import (
    ATTRIBUTION_CONFIDENCE,
    INSTITUTION,
    PERSON,
    ExtractedStatement,
    Speaker,
)
from .words import speaker_words


def article_statements(
    text: str,
    view: str,
    paras: list[Paragraph],
    ref: D.Ref | None,
    units: list[Unit],
    report: D.Resolved | None = None,
    issuer: Speaker | None = None,
    reposted: bool = False,
) -> list[ExtractedStatement]:
    """Find attributed statements in an article and settle their dates.

    ``report`` is when a report the article covers was presumably released (the month after
    the period of its figures), for its findings that carry no date of their own. ``issuer``
    is who issues the document when it is itself a statement: "both sides" and "they" are
    theirs, and a single issuer's unattributed paragraphs are its own words (a joint
    statement's narrative sentences are not statements).
    """
    resolver = Resolver(ref.day if ref else None, firm=ref is not None and not ref.weak)
    briefing_day, briefing_org = briefing_info(view, paras, ref)
    drafts: list[Draft] = []
    last_unit_direct: tuple[int, Speaker] | None = None
    pending: tuple[int, Draft] | None = None
    # Whose words the unattributed paragraphs are: the issuer of a statement, or an
    # institution whose press release an article reproduces ("According to a press release
    # issued by the ISPR, … ").
    owner = issuer if issuer is not None and issuer.side != "joint" else None
    unnamed: tuple[int, Draft] | None = None  # "a police officer said", to be named next
    resolver.note_text(view)
    # A text in the first person plural outside quotation marks ("We extend our deepest
    # condolences …") is a statement reposted whole, not a report about one.
    in_own_words = issuer is None and (reposted or first_person(view, units, paras))
    if issuer is not None:
        resolver.adopt_issuer(issuer)
    _document_context(view, paras, resolver)
    for idx, u in enumerate(units):
        spans = quote_spans(view, u.start, u.end)
        outside = outside_quotes(view, u.start, u.end, spans)
        known = set(resolver.people)
        read = paras[u.para].kind == BODY or (issuer and paras[u.para].kind == BULLET)
        found = find_mentions(outside, 0, len(outside), known)
        mentions = [_shift(m, u.start) for m in found]
        if not read:
            for m in mentions:
                resolver.observe(m)
            continue
        resolver.states_here = []
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
            extend(text, pending[1], u.end)
            pending[1].stmt.direct = pending[1].stmt.direct or bool(spans)
            extended = True
        pending = None
        if made and attrs and announces_more(outside, u.start, attrs[0]):
            pending = (u.para, made[-1])
        near = last_unit_direct is not None and idx - last_unit_direct[0] <= 2
        if extended:
            pass
        elif not made and spans and near and quoted_share(spans, u.start, u.end) >= 0.6:
            speaker = last_unit_direct[1]  # type: ignore[index]
            last = drafts[-1] if drafts else None
            if (
                last is not None
                and last.speaker == speaker
                and paras[u.para].start <= last.stmt.start
            ):
                extend(text, last, u.end)  # "…,” she said. “…”: one statement per paragraph
                last.stmt.words = speaker_words(
                    view,
                    last.stmt.start,
                    last.stmt.end,
                    quote_spans(view, last.stmt.start, last.stmt.end),
                )
            else:
                made = [continuation(text, u, speaker)]
        elif not made and owner is not None:
            if issuer is None and BACKGROUND.search(view, u.start, u.end):
                owner = None  # the journalist's background: the release has ended
            else:
                made = owner_words(text, view, u, owner, drafts, paras)
        if attrs and made and issuer is None:
            found = release_owner(view, u, attrs, mentions)
            lead = not drafts and all(paras[v.para].kind != BODY for v in units[:idx])
            if found is None and in_own_words and lead and attrs[0].mention.kind != DOC:
                found = attrs[0].speaker  # a statement reposted whole: its first speaker's
            if found is None and not spans and outside.rstrip().endswith(":"):
                found = attrs[0].speaker  # "Foreign Secretary Philip Hammond said:" + lines
            if found is not None:
                owner = found
            elif owner is not None and attrs[0].speaker.name != owner.name:
                owner = None  # someone else speaks now: the reproduced release has ended
        for m in mentions:
            resolver.observe(m)
        _note_salient(view, u, mentions, made, resolver)
        unnamed = _name_the_unnamed(unnamed, idx, mentions, made, resolver)
        drafts.extend(made)
        # A bare quotation right after someone's statement is theirs ("X said Y. “…”").
        if made and (made[-1].stmt.direct or made[-1].speaker.kind == PERSON):
            last_unit_direct = (idx, made[-1].speaker)
    # A narrative lead ("Obama yesterday called Zardari …") dates the news the article's
    # statements belong to; a lead that is itself a statement has its own clues.
    lead = next((p for p in paras if p.kind == BODY), None)
    spoken = lead is not None and any(lead.start <= d.stmt.start < lead.end for d in drafts)
    news_day = None if spoken else lead_day(view, paras, ref)
    talks = talks_day(view, ref)
    settle_dates(drafts, ref, briefing_day, briefing_org, talks, news_day, report)
    return [d.stmt for d in drafts]


def _attach_document(attrs: list[Attribution], mentions: list[Mention], resolver: Resolver) -> None:
    """A speaker speaking "in a statement" or "in a new report" speaks through that document:
    a later "the statement said" is theirs, and an institution's report becomes its role."""
    if not attrs or attrs[0].mention.kind == DOC:
        return
    a = attrs[0]
    doc = next((m for m in mentions if m.kind == DOC and not m.org_hint), None)
    if doc is None:
        return
    if a.speaker.kind == INSTITUTION:
        a.speaker = replace(a.speaker, role=a.speaker.role or doc.doc_type)
    resolver.note_document(doc.extra.get("doc", "document"), a.speaker)


_JOINT_TALK = re.compile(
    r"(?i)joint\s+(?:statement|communiqu)|trilateral|quadrilateral|foreign\s+ministers|dialogue"
    r"|both\s+sides|two\s+sides|counterpart"
)


def _document_context(view: str, paras: list[Paragraph], resolver: Resolver) -> None:
    """What a document's "both sides" and "a new report" mean: the joint statement of the
    parties its opening names (when they are not the United States and Pakistan alone), and
    the one monitor whose figures it reports."""
    head = " ".join(view[p.start : p.end] for p in paras[:6])
    title = view[paras[0].start : paras[0].end] if paras else ""
    if _JOINT_TALK.search(head):
        # The parties are the states the title names ("China, Pakistan term terrorism …").
        name = title_parties(title)
        if name != JOINT_STATEMENT and "–" in name:
            resolver.default_joint = name
    short = document_source(view)
    if short is not None:
        found = resolver.resolve(Mention(0, 0, INST_MENTION, short, name=short))
        if found is not None:
            resolver.default_report = found


def _note_salient(
    view: str, u: Unit, mentions: list[Mention], made: list[Draft], resolver: Resolver
) -> None:
    """Who "he" or "she" can mean next: this unit's speakers, else the person its sentence
    is about (the first person named in subject position)."""
    people = [resolver.resolve(m) for m in mentions if m.kind in (TITLED_MENTION, NAMED_MENTION)]
    resolver.note_pair([p for p in people if p is not None])
    if made:
        for d in made:
            resolver.note_salient(d.speaker)
        return
    for m in mentions:
        if m.kind in (TITLED_MENTION, NAMED_MENTION, SURNAME_MENTION) and subject_capable(view, m):
            speaker = resolver.resolve(m)
            if speaker is not None:
                resolver.note_salient(speaker)
            return


def _name_the_unnamed(
    unnamed: tuple[int, Draft] | None,
    idx: int,
    mentions: list[Mention],
    made: list[Draft],
    resolver: Resolver,
) -> tuple[int, Draft] | None:
    """ "…, a police officer said." then "Senior Superintendent Mohammad Baloch told …": the
    officer named in the next sentence or two is the one who spoke. Returns what is still
    waiting for a name."""
    if unnamed is not None and idx - unnamed[0] <= 2:
        draft = unnamed[1]
        for m in mentions:
            if m.kind != TITLED_MENTION:
                continue
            person = resolver.resolve(m)
            spokes = re.search(r"(?i)\bspokes(?:man|woman|person)\b", draft.stmt.text)
            if spokes and person is not None and "spokes" not in (person.role or "spokes"):
                continue  # "a Nato spokesman" is not the general named next
            if person is not None and _fits_voice(draft.speaker, person):
                draft.speaker = person
                draft.stmt.speaker, draft.stmt.speaker_kind = person.name, person.kind
                draft.stmt.speaker_org, draft.stmt.speaker_role = person.org, person.role
                draft.stmt.speaker_side = person.side
                draft.stmt.attribution = "description"
                draft.stmt.confidence = ATTRIBUTION_CONFIDENCE["description"]
                return None
    for d in made:
        if d.stmt.attribution in ("group", "inferred") and d.speaker.kind != PERSON:
            return idx, d
    return unnamed if unnamed is not None and idx - unnamed[0] <= 2 else None


def _fits_voice(voice: Speaker, person: Speaker) -> bool:
    """Whether a named person can be the unnamed voice ("a police officer", "a top State
    Department official"): the voice's institution or kind of office matches theirs."""
    words = set(re.findall(r"[a-z]+", (voice.name + " " + (voice.role or "")).lower()))
    held = ((person.role or "") + " " + (person.org or "")).lower()
    if words & {"police", "officer"}:
        return bool(re.search(r"police|superintendent|ssp|inspector|dig|officer|sho", held))
    if voice.kind == "institution":
        return voice.name.lower() in held or (person.org or "") == voice.name
    generic = {"a", "an", "the", "official", "officials", "senior", "top"}
    return bool((words - generic) & set(held.split()))


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
) -> list[Draft]:
    """Turn a unit's attributions into one statement (two when a nominal clause leads)."""
    if not attrs:
        return []
    best = attrs[0]
    if not spans and re.fullmatch(r"[\s,]*(?:that)?\s*", outside[best.cue_end - u.start :]):
        return []  # "the minister assured that" where the page is cut off: no words were given
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
    second = _second_speaker(view, span, best, attrs)
    if second is not None:
        cut, other = second
        out.append(_draft(text, view, outside, u, (span[0], cut), spans, best, ref, paras))
        out.append(
            _draft(text, view, outside, u, (other.clause_start, span[1]), spans, other, ref, paras)
        )
        return out
    out.append(_draft(text, view, outside, u, span, spans, best, ref, paras))
    for draft in out:
        if draft.own is None and not draft.standing:
            # "China condemned on Wednesday …, the Foreign Ministry said": the sentence's
            # other frame dates the remark the closing source reports.
            for other in attrs:
                found = own_date(date_zone(view, outside, u, other, spans), ref, draft.speaker)
                if found is not None:
                    draft.own = found
                    break
    return out


_SPLIT_AT = re.compile(
    r"(?:,\s*(?:shortly\s+|soon\s+|just\s+)?(?:after|while|whereas|but|and|as)|;|\bwhile|\bwhereas)\s*$"
)


def _second_speaker(
    view: str, span: tuple[int, int], best: Attribution, attrs: list[Attribution]
) -> tuple[int, Attribution] | None:
    """ "The White House said …, shortly after Haley said that …": a second speaker with a
    clause of their own makes a second statement; returns where the first one ends."""
    for other in attrs:
        if other.mode not in (SUBJECT, INVERTED) or other.speaker.name == best.speaker.name:
            continue
        if other.clause_start <= best.cue_start or other.clause_start - span[0] < 12:
            continue
        boundary = _SPLIT_AT.search(view, span[0], other.clause_start)
        if boundary is None or best.cue_start >= boundary.start():
            continue
        return boundary.start(), other
    return None


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
) -> Draft:
    """Build a statement draft for ``span`` attributed by ``attr``."""
    s, e = trim(text, span[0], span[1], span[0] == paras[u.para].start)
    body = text[s:e]
    direct = any(qs < e and qe > s for qs, qe in spans)
    zone = date_zone(view, outside, u, attr, spans)
    own = None if attr.standing else own_date(zone, ref, attr.speaker)
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
        speaker_canonical=attr.speaker.canonical,
        is_pledge=is_pledge(
            body,
            attr.mode == NOMINAL
            and "assurance" in view[s:e].lower()
            and "from" in view[s:e].lower(),
        ),
        topics=topics(body),
        about_pakistan=about_pakistan(body),
    )
    if attr.mode == NOMINAL:
        stmt.is_pledge = is_pledge(body, "assurance" in body.lower() and " from " in body)
    stmt.words = speaker_words(view, s, e, spans, attr)
    stmt.attribution = attribution_basis(attr)
    stmt.confidence = ATTRIBUTION_CONFIDENCE[stmt.attribution]
    briefing = "briefing" in zone.lower()
    return Draft(stmt, attr.speaker, own, briefing, attr.standing)
