"""Alerts for saved searches: which new statements match, and sending each of them once.

A saved search is the timeline's filters as a normalised query string. A statement counts for
it when it is on the timeline (visible, and canonical: a remark several outlets reported is one
row, so it alerts once), matches the filters, was stored after the search was saved, and was
never announced to the search before (``AlertDelivery``; nor was any report folded into it).
"immediate" searches are checked for each document whose extraction finished
(``statements.tasks.send_immediate_alerts``); digests by Celery beat
(``statements.tasks.send_digests``). Nothing new, no mail.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.core import signing
from django.db import transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone

from .alert_mail import MAX_LISTED, alert_message
from .forms import NON_FILTER_PARAMS, StatementFilterForm
from .models import AlertDelivery, ArmedGroup, SavedSearch, Speaker, Statement, Topic
from .queries import apply_filters, in_timeline_order, timeline_base, with_card_data

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "statements.alerts.unsubscribe"


class UnsavableSearch(ValueError):
    """Filters that cannot be saved as they are; the message says why."""


def normalised_query(data: QueryDict) -> str:
    """The filters in ``data`` (a timeline query string) as the filter form cleans them, in
    one order: slugs for speakers (sorted, current ones after a merge), topics and groups;
    dates in ISO form; no paging, ordering or chart parameters. Raises UnsavableSearch for a
    speaker no one is, which would otherwise be dropped and widen the search."""
    form = StatementFilterForm(data)
    filters = form.filters()
    if unknown := form.unknown_speakers():
        raise UnsavableSearch(f"No speaker goes by “{unknown[0]}”.")
    pairs: list[tuple[str, str]] = []
    if q := filters.get("q"):
        pairs.append(("q", q))
    if speakers := [pk for pk in filters.get("speaker", []) if pk]:
        slugs = Speaker.objects.filter(pk__in=speakers).values_list("slug", flat=True)
        pairs += [("speaker", slug) for slug in sorted(slugs)]
    if side := filters.get("side"):
        pairs.append(("side", side))
    if topic := filters.get("topic"):
        pairs.append(("topic", Topic.objects.values_list("slug", flat=True).get(pk=topic)))
    if group := filters.get("group"):
        pairs.append(("group", ArmedGroup.objects.values_list("slug", flat=True).get(pk=group)))
    if outlet := filters.get("outlet"):
        pairs.append(("outlet", str(outlet)))
    pairs += [(name, "on") for name in ("pledges", "verified") if filters.get(name)]
    pairs += [(name, filters[name].isoformat()) for name in ("since", "until") if name in filters]
    query = urlencode(pairs)
    if len(query) > SavedSearch._meta.get_field("query").max_length:
        raise UnsavableSearch("These filters are too many to save: choose fewer speakers.")
    return query


def search_filters(search: SavedSearch) -> dict | None:
    """The saved filters, cleaned as the timeline cleans them; None when one of them no longer
    means anything (a topic deleted since): dropping it would widen the search."""
    form = StatementFilterForm(search.query_dict())
    filters = form.filters()
    if form.errors or form.unknown_speakers():
        logger.warning("saved search %s has filters that no longer apply", search.pk)
        return None
    return {k: v for k, v in filters.items() if k not in NON_FILTER_PARAMS}


def matching(search: SavedSearch, *, document_id: int | None = None) -> QuerySet[Statement]:
    """The timeline rows (canonical statements) matching ``search`` that are new to it: stored
    after it was saved, never announced to it, nor any report folded into them. Only those of
    document ``document_id`` when given."""
    filters = search_filters(search)
    if filters is None:
        return Statement.objects.none()
    delivered = AlertDelivery.objects.filter(saved_search=search).values("statement_id")
    statements = timeline_base()
    if document_id is not None:
        statements = statements.filter(document_id=document_id)
    statements = statements.filter(created_at__gt=search.created_at)
    statements = statements.exclude(pk__in=delivered).exclude(reports__in=delivered)
    return apply_filters(statements, filters, annotate=False)


def search_send(*, search_id: int, document_id: int | None = None, digest: bool = False) -> int:
    """Mail what is new for saved search ``search_id`` (in document ``document_id`` only, when
    given) and record it as sent; returns how many statements the mail announced (0: no mail).

    The search's row is locked while it is checked and mailed, so two workers never announce
    the same statement; the records are written in the same transaction as the mail is sent,
    so a mail that fails records nothing and goes out at the next check."""
    with transaction.atomic():
        search = (
            SavedSearch.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=search_id, active=True, user__is_active=True)
            .exclude(user__email="")
            .first()
        )
        if search is None:
            return 0
        new = list(in_timeline_order(matching(search, document_id=document_id)).values_list("pk"))
        if not new:
            return 0
        pks = [pk for (pk,) in new]
        listed = list(with_card_data(Statement.objects.filter(pk__in=pks[:MAX_LISTED])))
        AlertDelivery.objects.bulk_create(
            [AlertDelivery(saved_search=search, statement_id=pk) for pk in pks]
        )
        message = alert_message(
            search, listed, total=len(pks), digest=digest, token=unsubscribe_token(search)
        )
        message.send()
        search.last_sent_at = timezone.now()
        search.save(update_fields=["last_sent_at"])
    logger.info("alert for saved search %s: %s statement(s)", search_id, len(pks))
    return len(pks)


def alerts_for_document(*, document_id: int) -> int:
    """Mail the "as it happens" searches what document ``document_id`` brought them; returns
    how many mails went out."""
    searches = _due(SavedSearch.Frequency.IMMEDIATE)
    return sum(1 for pk in searches if search_send(search_id=pk, document_id=document_id))


def digests_send(*, frequency: str) -> int:
    """Mail each daily (or weekly) search what is new since its last digest; none when nothing
    is. Returns how many mails went out."""
    searches = _due(SavedSearch.Frequency(frequency))
    return sum(1 for pk in searches if search_send(search_id=pk, digest=True))


def _due(frequency: str) -> list[int]:
    return list(
        SavedSearch.objects.filter(frequency=frequency, active=True, user__is_active=True)
        .exclude(user__email="")
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def immediate_searches_exist() -> bool:
    """Whether any search waits for documents as they are extracted (else no task is sent)."""
    return SavedSearch.objects.filter(
        frequency=SavedSearch.Frequency.IMMEDIATE, active=True
    ).exists()


# Writes ---------------------------------------------------------------------------------------


def saved_search_create(*, user, name: str, frequency: str, data: QueryDict) -> SavedSearch:
    """Save the timeline filters in ``data`` for ``user``; raises UnsavableSearch."""
    return SavedSearch.objects.create(
        user=user, name=name, frequency=frequency, query=normalised_query(data)
    )


def saved_search_delete(*, user, pk: int) -> bool:
    """Delete ``user``'s saved search ``pk``; False when they have none by that id."""
    deleted, _ = SavedSearch.objects.filter(user=user, pk=pk).delete()
    return bool(deleted)


def unsubscribe_token(search: SavedSearch) -> str:
    """A signed token for the unsubscribe link of ``search``'s mail: no sign-in needed."""
    return signing.dumps(search.pk, salt=UNSUBSCRIBE_SALT, compress=True)


def search_of_token(token: str) -> SavedSearch | None:
    """The saved search an unsubscribe token was signed for; None when it was tampered with or
    the search is gone."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return SavedSearch.objects.filter(pk=pk).select_related("user").first()


def saved_search_unsubscribe(*, search: SavedSearch) -> None:
    """Stop the mail of ``search`` (its feed still answers)."""
    SavedSearch.objects.filter(pk=search.pk).update(active=False)
    search.active = False
