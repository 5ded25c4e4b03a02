"""The extractor: chrome masking, units, attribution, dates, classification, entities."""

from __future__ import annotations

from datetime import date

from .articles import article_statements
from .casualties import casualties
from .chrome import mask_chrome
from .claims import is_group_claim
from .entities import group_mentions, groups_between, places, upper_places
from .event_mentions import event_mentions
from .issued import is_release, issued_statements, issuer_of
from .quotes import normalize_quotes
from .reference import document_reference, report_month
from .sentences import BODY, BULLET, TITLE, paragraphs, sentence_units
from .statistics import statistics
from .transcripts import date_from_lead, header_people, speaker_of, transcript_statements
from .turns import monologue_start, turns
from .types import DAY, Extraction

EXTRACTOR_VERSION = "2.2.0"  # 2.2: attacks (events) with their tolls


def extract(text: str, published: date | None = None) -> Extraction:
    """Extract statements, groups, places, statistics and attacks from one document.

    Takes the document text and, if known, its publication date; returns an Extraction whose
    offsets index ``text`` exactly.
    """
    text = text if isinstance(text, str) else ""
    view = normalize_quotes(mask_chrome(text))
    paras = paragraphs(view, text)
    title = next((view[p.start : p.end].strip() for p in paras[:1] if p.kind == TITLE), "")
    ref, printed = document_reference(view, paras, published)
    result = Extraction(published_on=printed, title=title)
    transcript = turns(view, upper_places())
    monologue = monologue_start(view, [(p.start, p.end) for p in paras])
    units = sentence_units(view, paras)
    # Figures are read in the body and in bullet lists (a report's monthly breakdown).
    counted = (BODY, BULLET)
    body_index = {pi: n for n, pi in enumerate(i for i, p in enumerate(paras) if p.kind in counted)}
    sentences = [(u.start, u.end, body_index[u.para]) for u in units if u.para in body_index]
    result.statistics = statistics(view, sentences, ref.day.year if ref else None)
    report = report_month([s.period for s in result.statistics if s.period], ref)
    issuer = issuer_of(view, paras)
    if transcript or monologue is not None:
        # An article may lead into a quoted exchange: its own prose is still read as an article.
        body = monologue if monologue is not None else view.rfind("\n", 0, transcript[0].start)
        lead = [u for u in units if u.end <= body] if monologue is None else []
        result.statements = article_statements(text, view, paras, ref, lead) if lead else []
        known = [speaker_of(s) for s in result.statements] + header_people(
            view[: max(body, 0)], ref
        )
        answers = transcript_statements(text, view, transcript, ref, known, monologue)
        date_from_lead(answers, result.statements)
        result.statements += answers
    elif issuer is not None:
        result.statements = issued_statements(text, view, paras, ref, issuer, units)
    else:
        reposted = is_release(view, paras)  # a release whose issuer the header does not give
        result.statements = article_statements(
            text, view, paras, ref, units, report, None, reposted
        )
    if (
        (transcript or monologue is not None or issuer)
        and published is None
        and ref is not None
        and not ref.weak
    ):
        result.published_on = ref.day  # the header date of a transcript or statement
    day = ref.day.isoformat() if ref is not None and ref.precision == DAY else None
    known = {s.value for s in result.statistics}
    result.statistics += casualties(view, sentences, result.statements, day, known)
    # Armed groups are found once in the whole text (a bare "IS" needs its context), then
    # given to the statements whose spans hold them.
    mentions = group_mentions(view)
    result.organizations = groups_between(mentions, 0, len(view))
    result.statements = [s for s in result.statements if not is_group_claim(s, mentions)]
    for stmt in result.statements:
        stmt.armed_groups = groups_between(mentions, stmt.start, stmt.end)
    result.places = places(view)
    result.events = event_mentions(view, sentences, result.statements, ref, mentions)
    return result
