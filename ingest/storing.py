"""The one place where the extractor's output becomes rows.

``document_process`` runs the extractor on a stored document and replaces the document's
automatic statements in one transaction; statements an editor reviewed (verified, edited or
rejected) stay exactly as the editor left them, and the extractor's copy of them is dropped.
An automatic statement the new run finds again (same span, same speaker) is updated in place
and keeps its id, so its page, shared links and feed entry survive; one it no longer finds is
deleted and its id remembered (``RemovedStatement``), so its page answers "gone".
"""

from __future__ import annotations

import logging
import re
from datetime import date

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from statements import dates, summary
from statements.cache import (
    bump_data_version,
    close_invalidation_window,
    open_invalidation_window,
)
from statements.events import events_store_for_document
from statements.history import history_paused
from statements.models import (
    DatePrecision,
    Document,
    RemovedStatement,
    Speaker,
    Statement,
    Statistic,
)
from statements.queries import timeline_base
from statements.services import (
    armed_groups_for,
    speaker_add_alias,
    speaker_resolve,
    speakers_find,
    topics_for,
)
from statements.tasks import alerts_after_extraction

from .clustering import statements_cluster
from .enqueue import INVALIDATE_AGGREGATES, send
from .extraction import EXTRACTOR_VERSION, ExtractedStatement, ExtractedStatistic, extract
from .partial_dates import parse_partial_date, period_bounds

logger = logging.getLogger(__name__)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)


# The pipeline's writes are not editors' changes: they leave no history rows (a million
# extracted statements would be a million rows nobody reads); see statements/history.py.
@history_paused()
def document_process(*, document_id: int) -> Document:
    """Extract the statements of one document and store them; idempotent.

    Locks the document row, so two deliveries of the same task run one after the other and the
    second simply replaces what the first wrote.
    """
    Document.objects.filter(pk=document_id).update(
        status=Document.Status.PROCESSING, status_changed_at=timezone.now(), error=""
    )
    document = Document.objects.get(pk=document_id)
    text = document.text
    result = extract(text, document.published_on)
    with transaction.atomic(), summary.collecting(by_caller=True) as cells:
        _commit_without_waiting_for_disk()
        document = Document.objects.select_for_update().defer("text").get(pk=document_id)
        document.text = text  # the text the offsets refer to, without fetching it again
        # Read after the lock: an editor's save (which takes the same lock) either committed
        # before it, and its review status is seen here, or waits until this run commits.
        existing = list(document.statements.all())
        if existing:
            # The monthly summary cells this document counts in, before and after: refreshed
            # once, when the block ends, still inside the transaction.
            cells |= summary.cells_of_statements(document.statements.all())
        kept = [s for s in existing if s.review_status != Statement.Review.AUTO]
        spans = [(s.start, s.end) for s in kept]
        found = [f for f in result.statements if not _overlaps(f.start, f.end, spans)]
        groups = _by_name(
            armed_groups_for,
            [*result.organizations, *(n for item in found for n in item.armed_groups)],
        )
        earlier: dict[tuple[int, int, int], list[Statement]] = {}
        for s in existing:
            if s.review_status == Statement.Review.AUTO:
                earlier.setdefault((s.start, s.end, s.speaker_id), []).append(s)
        created, updated, labels = _store_statements(document, found, groups, earlier)
        # What the earlier run found and this one did not: gone, its id remembered.
        statements_remove(document=document, statements=[s for g in earlier.values() for s in g])
        # A first run has nothing of an earlier one to replace (two queries fewer).
        again = bool(existing) or document.processed_at is not None
        if again:
            document.statistics.all().delete()
        Statistic.objects.bulk_create(_statistic(document, s) for s in result.statistics)
        named = {groups[n.strip()] for n in result.organizations if n and n.strip()}
        if again:
            document.armed_groups.set(named)
        elif named:
            document.armed_groups.add(*named)
        document.places = list(result.places)
        if document.published_on is None and result.published_on:
            document.published_on = dates.within(result.published_on)
        if not document.title and result.title:
            document.title = result.title[:500]
        document.status = Document.Status.DONE
        document.error = ""
        document.extractor_version = EXTRACTOR_VERSION
        document.processed_at = document.status_changed_at = timezone.now()
        document.save(update_fields=PROCESSED_FIELDS)
        reviewed = [s for s in kept if s.review_status != Statement.Review.REJECTED]
        touched: set[tuple[int, int, date | None]] = set()
        statements_cluster(
            document=document, touched=touched, statements=reviewed + updated + created
        )
        # The attacks it reports, merged with other documents' reports; reactions linked.
        events_store_for_document(document, result.events)
        # The summary: cells of statements that were there before (and of others whose link
        # clustering changed) are recomputed; new statements are added to theirs.
        new = {s.pk for s in created}
        cells |= summary.cells_of((speaker, day) for pk, speaker, day in touched if pk not in new)
        cells |= summary.cells_of((s.speaker_id, s.said_on) for s in [*kept, *updated])
        # A new statement is a timeline row unless clustering made it a report of a visible one.
        linked = new & {pk for pk, _, _ in touched}
        if linked:
            linked -= set(timeline_base().filter(pk__in=linked).values_list("pk", flat=True))
        summary.count_created(
            (s.speaker_id, s.said_on, s.is_pledge, s.review_status, *labels[s.pk], s.date_precision)
            for s in created
            if s.pk not in linked
        )
        aggregates_changed()  # bulk writes above send no signals
        alerts_after_extraction(document_id=document.pk)  # saved searches, once committed
    return document


def aggregates_changed() -> None:
    """Invalidate the cached aggregates (counts, charts) for a document's new statements.

    One document alone invalidates them once it commits. A stream of documents (a backfill, a
    bulk upload) does not invalidate them once per document, which left readers recomputing
    every aggregate on every request: the first document of INGEST_INVALIDATION_SECONDS
    invalidates at once and opens a window; the rest wait for the window's end, when a task
    invalidates for all of them. Aggregates then lag a stream by at most that many seconds;
    the statement cards are read live. 0 invalidates after every document."""
    window = settings.INGEST_INVALIDATION_SECONDS
    if window <= 0:
        bump_data_version()
        return

    def committed() -> None:
        if not open_invalidation_window(window):
            return  # the open window's end counts this document too
        bump_data_version()
        try:
            send(INVALIDATE_AGGREGATES, countdown=window)
        except Exception:  # no broker: nothing would end the window, so end it now
            logger.warning("could not schedule the end of an invalidation window", exc_info=True)
            close_invalidation_window()

    transaction.on_commit(committed)


# What processing sets; the rest of the row (the text above all) is left as it is.
PROCESSED_FIELDS = [
    "places",
    "published_on",
    "title",
    "status",
    "error",
    "extractor_version",
    "processed_at",
    "status_changed_at",
]


def _commit_without_waiting_for_disk() -> None:
    """Let this transaction's commit return before its WAL reaches the disk (PostgreSQL only).

    A crash of the database server (not of a worker) can then lose the last fraction of a
    second of committed work (at most three times wal_writer_delay), never corrupt it: the
    database comes back as if those transactions had rolled back. That is safe here because
    everything this transaction writes can be written again: the document row and its
    PROCESSING status were committed durably before it (commits are ordered, so an older
    durable commit is never lost with a newer asynchronous one), and a document left
    PROCESSING is sent again by the stale-document sweep (``documents_requeue_stale``, on the
    beat schedule), whose re-run replaces whatever survived. The task's message is already
    acknowledged by then, so the sweep, not a redelivery, is what brings it back.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def document_fail(*, document_id: int, error: str) -> None:
    """Leave the document visible as failed, with its error, ready for a retry."""
    Document.objects.filter(pk=document_id).update(
        status=Document.Status.FAILED, error=error[:4000], status_changed_at=timezone.now()
    )


def statements_remove(*, document: Document, statements: list[Statement]) -> None:
    """Delete statements a re-extraction no longer finds, keeping their ids as removed from
    ``document``: their pages then answer "gone" with a link to the document."""
    if not statements:
        return
    pks = [s.pk for s in statements]
    RemovedStatement.objects.bulk_create(
        [RemovedStatement(statement_id=pk, document=document) for pk in pks],
        ignore_conflicts=True,
    )
    Statement.objects.filter(pk__in=pks).delete()


# What a re-extraction rewrites on a statement it finds again (same span, same speaker).
REFRESHED_FIELDS = [
    "text",
    "direct",
    "context",
    "said_on",
    "date_precision",
    "date_basis",
    "words",
    "attribution",
    "confidence",
    "is_pledge",
    "about_pakistan",
    "extractor_version",
]


def _store_statements(
    document: Document,
    found: list[ExtractedStatement],
    groups: dict[str, int],
    earlier: dict[tuple[int, int, int], list[Statement]],
) -> tuple[list[Statement], list[Statement], dict[int, tuple[list[int], list[int]]]]:
    """Store what the extractor found: speakers and topics resolved once per document;
    ``groups`` holds the armed groups' primary keys by name.

    A statement an earlier run found at the same span with the same speaker (in ``earlier``,
    by (start, end, speaker id)) is updated in place and keeps its id, so links to it live on;
    it is taken out of ``earlier``, which is left holding what this run did not find again.
    The rest are created in bulk. Returns the new statements, the ones found again, and the
    ids of each new one's topics and armed groups."""
    known = speakers_find(names=[_speaker_key(item) for item in found])
    speakers: dict[str, Speaker] = {}
    aliased: set[str] = set()
    rows, again, now = [], [], timezone.now()
    for item in found:
        key = _speaker_key(item)
        if key not in speakers:
            speakers[key] = known.get(key.lower()) or speaker_resolve(
                name=key,
                kind=item.speaker_kind,
                role=item.speaker_role or "",
                organization=item.speaker_org or "",
                side=item.speaker_side,
            )
        if item.speaker_canonical and item.speaker not in aliased:
            # The text's shorter form finds the same person next time.
            aliased.add(item.speaker)
            speaker_add_alias(speaker=speakers[key], alias=item.speaker)
        said_on, precision = parse_partial_date(item.said_on)
        body, end, words = _bounded(item, document.text)
        row = Statement(
            document=document,
            speaker=speakers[key],
            text=body,
            direct=item.direct,
            context=(item.context or "")[:MAX_STATEMENT_CHARS],
            start=item.start,
            end=end,
            said_on=said_on,
            date_precision=precision if said_on else DatePrecision.UNKNOWN,
            date_basis=item.date_basis if said_on else "",
            words=words,
            attribution=item.attribution,
            confidence=item.confidence,
            is_pledge=item.is_pledge,
            about_pakistan=item.about_pakistan,
            extractor_version=EXTRACTOR_VERSION,
        )
        same = earlier.get((item.start, end, row.speaker.pk))
        if same:
            old = same.pop(0)
            row.pk, row.created_at, row.canonical_id = old.pk, old.created_at, old.canonical_id
            row.updated_at = now if _fields(row) != _fields(old) else old.updated_at
            again.append((row, item))
        else:
            rows.append((row, item))
    created = Statement.objects.bulk_create([row for row, _ in rows])
    changed = [row for row, _ in again if row.updated_at == now]
    Statement.objects.bulk_update(changed, [*REFRESHED_FIELDS, "updated_at"], batch_size=500)
    # The found-again statements' topics and groups are set afresh, as the new ones' are.
    Statement.topics.through.objects.filter(statement_id__in=[r.pk for r, _ in again]).delete()
    Statement.armed_groups.through.objects.filter(
        statement_id__in=[r.pk for r, _ in again]
    ).delete()
    topics = _by_name(topics_for, [n for item in found for n in item.topics])
    topic_links, group_links, labels = [], [], {}
    for statement, item in [*again, *zip(created, [item for _, item in rows], strict=True)]:
        topic_ids = list(dict.fromkeys(topics[n.strip()] for n in item.topics if n.strip()))
        group_ids = list(dict.fromkeys(groups[n.strip()] for n in item.armed_groups if n.strip()))
        labels[statement.pk] = (topic_ids, group_ids)
        topic_links += [
            Statement.topics.through(statement_id=statement.pk, topic_id=pk) for pk in topic_ids
        ]
        group_links += [
            Statement.armed_groups.through(statement_id=statement.pk, armedgroup_id=pk)
            for pk in group_ids
        ]
    Statement.topics.through.objects.bulk_create(topic_links)
    Statement.armed_groups.through.objects.bulk_create(group_links)
    return created, [row for row, _ in again], labels


def _fields(statement: Statement) -> tuple:
    return tuple(getattr(statement, name) for name in REFRESHED_FIELDS)


# The longest statement stored, in characters. A real quotation or briefing answer is a few
# hundred; an unbroken 1.4 MB "answer" made a statement whose search vector passed
# PostgreSQL's 1 MB tsvector limit, which failed the whole document.
MAX_STATEMENT_CHARS = 5000
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)\]]*\s")


def _bounded(item: ExtractedStatement, text: str) -> tuple[str, int, list[list[int]]]:
    """The statement's text, end offset and word spans, cut to MAX_STATEMENT_CHARS.

    The cut falls at the last sentence end within the bound (else the last space, else the
    bound itself), so the statement still reads as whole sentences. The start is unchanged, and
    when the statement is the document's own text at its offsets (``text[start:end]``, as
    every extractor statement is) the end moves back by what was cut, so ``text[start:end]``
    is still exactly the stored text and the highlight in the source covers just that; word
    spans past the new end are dropped and the last one is clipped to it.
    """
    words = [[s, e] for s, e in item.words]
    if len(item.text) <= MAX_STATEMENT_CHARS:
        return item.text, item.end, words
    head = item.text[:MAX_STATEMENT_CHARS]
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(head)]
    cut = breaks[-1] if breaks else (head.rfind(" ") if " " in head else MAX_STATEMENT_CHARS)
    body = item.text[: cut or MAX_STATEMENT_CHARS].rstrip()
    end = item.end
    if text[item.start : item.end] == item.text:
        end = item.start + len(body)
        words = [[s, min(e, end)] for s, e in words if s < end]
    return body, end, words


def _speaker_key(item: ExtractedStatement) -> str:
    """The name a statement's speaker is stored under: the known full name when the text
    shortens it, else the name as written (spaces tidied)."""
    return " ".join((item.speaker_canonical or item.speaker).split())


def _by_name(resolve, names: list[str]) -> dict[str, int]:
    """Primary keys of the rows ``resolve`` finds or creates for these names, by name."""
    unique = list(dict.fromkeys(n.strip() for n in names if n and n.strip()))
    return {name: row.pk for name, row in zip(unique, resolve(unique), strict=True)}


def _statistic(document: Document, found: ExtractedStatistic) -> Statistic:
    start, end = period_bounds(found.period)
    return Statistic(
        document=document,
        source=(found.source or "")[:100],
        period=(found.period or "")[:40],
        period_start=start,
        period_end=end,
        metric=found.metric[:200],
        value=found.value,
        start=found.start,
        end=found.end,
    )
