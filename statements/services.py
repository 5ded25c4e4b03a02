"""Writes on the statements domain. Views, admin, tasks and the ingest pipeline call these."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify

from . import hooks
from .cache import bump_data_version
from .history import history_baseline, history_bulk, history_context
from .models import (
    ArmedGroup,
    Document,
    Side,
    Speaker,
    SpeakerAlias,
    SpeakerSlug,
    SpeakerTenure,
    Statement,
    Topic,
)
from .summary import cells_of_statements, summary_refresh


def _unique_slug(model, base: str, field: str = "slug") -> str:
    base = (slugify(base) or "item")[:180]
    slug, n = base, 2
    while model.objects.filter(**{field: slug}).exists() or (
        # A merged speaker's old slug stays with the speaker it now leads to.
        model is Speaker and SpeakerSlug.objects.filter(slug=slug).exists()
    ):
        slug, n = f"{base}-{n}", n + 1
    return slug


def speaker_find(*, name: str) -> Speaker | None:
    """The speaker called ``name``, by canonical name or by alias (case-insensitive)."""
    # Lower(...) = lower(name) rather than iexact, so the functional indexes serve the lookups.
    key = name.lower()
    found = Speaker.objects.alias(key=Lower("name")).filter(key=key).first()
    if found:
        return found
    alias = (
        SpeakerAlias.objects.select_related("speaker")
        .alias(key=Lower("alias"))
        .filter(key=key)
        .first()
    )
    return alias.speaker if alias else None


def speakers_find(*, names: Iterable[str]) -> dict[str, Speaker]:
    """Known speakers for many names at once (by name, then alias), keyed by lower-cased name.
    Two queries whatever the number of names; names not found are absent."""
    keys = {n.lower() for n in names if n}
    found = {
        s.name.lower(): s for s in Speaker.objects.alias(key=Lower("name")).filter(key__in=keys)
    }
    missing = keys - found.keys()
    if missing:
        aliases = (
            SpeakerAlias.objects.select_related("speaker")
            .alias(key=Lower("alias"))
            .filter(key__in=missing)
        )
        for alias in aliases:
            found.setdefault(alias.alias.lower(), alias.speaker)
    return found


def speaker_resolve(
    *,
    name: str,
    kind: str = Speaker.Kind.PERSON,
    role: str = "",
    organization: str = "",
    side: str = "other",
) -> Speaker:
    """Return the known speaker called ``name``, creating it from what the extractor found."""
    name = " ".join(name.split())[:200] or "Unknown speaker"
    found = speaker_find(name=name)
    if found:
        return found
    try:
        with transaction.atomic():
            return Speaker.objects.create(
                name=name,
                slug=_unique_slug(Speaker, name),
                kind=kind if kind in Speaker.Kind.values else Speaker.Kind.PERSON,
                role=(role or "")[:200],
                organization=(organization or "")[:200],
                side=side if side in Side.values else Side.OTHER,
            )
    except IntegrityError:  # another worker created it meanwhile
        return Speaker.objects.get(name__iexact=name)


def speaker_keep_old_slug(*, speaker: Speaker) -> None:
    """Before a speaker is saved with a new slug (an editor changed it): the old one keeps
    leading to them (old pages, filters, feeds); the new one is theirs alone."""
    if speaker.pk is None:
        return
    old = Speaker.objects.filter(pk=speaker.pk).values_list("slug", flat=True).first()
    if old is None or old == speaker.slug:
        return
    SpeakerSlug.objects.filter(slug=speaker.slug).delete()
    SpeakerSlug.objects.update_or_create(slug=old, defaults={"speaker": speaker})


def speaker_add_alias(*, speaker: Speaker, alias: str) -> None:
    alias = " ".join(alias.split())[:200]
    if not alias or alias.lower() == speaker.name.lower():
        return
    if not speaker.aliases.filter(alias__iexact=alias).exists():
        # Another worker may add the same alias meanwhile: the constraint keeps one.
        SpeakerAlias.objects.bulk_create(
            [SpeakerAlias(speaker=speaker, alias=alias)], ignore_conflicts=True
        )


def _vocabulary_rows(model, field: str, names: Iterable[str], limit: int) -> list:
    """Rows of a small vocabulary (topics, armed groups) for these names, case-insensitively,
    created on first use: one query for the known ones, a get_or_create per new one."""
    wanted = list(dict.fromkeys(n.strip() for n in names if n and n.strip()))
    if not wanted:
        return []
    known = {
        getattr(row, field).lower(): row
        for row in model.objects.alias(key=Lower(field)).filter(key__in=[n.lower() for n in wanted])
    }
    rows = []
    for name in wanted:
        row = known.get(name.lower())
        if row is None:
            row, _ = model.objects.get_or_create(
                **{field: name[:limit]}, defaults={"slug": _unique_slug(model, name)}
            )
            known[name.lower()] = row
        rows.append(row)
    return rows


def topics_for(names: Iterable[str]) -> list[Topic]:
    """Topic rows for these names, in order, created on first use."""
    return _vocabulary_rows(Topic, "name", names, 100)


def armed_groups_for(names: Iterable[str]) -> list[ArmedGroup]:
    """ArmedGroup rows for these short names, in order, created on first use."""
    return _vocabulary_rows(ArmedGroup, "short_name", names, 50)


def documents_lock(*, document_ids: Iterable[int | None]) -> None:
    """Hold these documents' rows (in id order) until the current transaction ends.

    The pipeline holds the same row lock while it replaces a document's statements, so an
    editor's write taken under it runs wholly before a re-extraction (which then reads the
    editor's review and keeps it) or wholly after it (on the statements it left).
    """
    ids = sorted({pk for pk in document_ids if pk})
    if ids:
        list(Document.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))


def statement_lock_for_edit(*, statement_id: int, document_id: int | None = None) -> bool:
    """Before an editor's save of a statement: lock its document (and ``document_id``, the one
    it is being moved to, if any), then tell whether the statement still exists. A statement
    a re-extraction removed meanwhile must not be saved again (that would bring back a row the
    document no longer yields, beside the new run's): the caller refuses the save."""
    current = Statement.objects.filter(pk=statement_id).values_list("document_id", flat=True)
    documents_lock(document_ids=[current.first(), document_id])
    return Statement.objects.filter(pk=statement_id).exists()


def statement_mark_edited(
    *, statement: Statement, changed: Iterable[str], editor: AbstractBaseUser, adding: bool = False
) -> None:
    """An editor's change makes the statement theirs: a re-extraction will not touch it. Sets,
    before the caller saves it, the edited status (unless the editor chose a status) and who
    reviewed it and when. ``changed``: the names of the fields the editor changed."""
    changed = list(changed)
    by_hand = (changed or adding) and "review_status" not in changed
    if by_hand and statement.review_status == Statement.Review.AUTO:
        statement.review_status = Statement.Review.EDITED
    if statement.review_status != Statement.Review.AUTO and (changed or not adding):
        statement.reviewed_by = editor
        statement.reviewed_at = timezone.now()


def statements_review(
    *, statements: QuerySet[Statement], status: str, reviewer: AbstractBaseUser, note: str = ""
) -> int:
    """Mark statements verified, edited or rejected by ``reviewer``; returns how many."""
    if status not in Statement.Review.values or status == Statement.Review.AUTO:
        raise ValueError(f"not a review status: {status!r}")
    fields = {"review_status": status, "reviewed_by": reviewer, "reviewed_at": timezone.now()}
    if note:
        fields["editor_note"] = note
    with transaction.atomic():
        # Under the documents' locks, so a re-extraction cannot drop them in between.
        documents_lock(document_ids=statements.order_by().values_list("document_id", flat=True))
        pks = list(statements.values_list("pk", flat=True))
        chosen = Statement.objects.filter(pk__in=pks)
        history_baseline(chosen)
        count = chosen.update(**fields, updated_at=timezone.now())
        summary_refresh(cells=cells_of_statements(chosen))
        history_bulk(chosen, user=reviewer, reason=f"Marked {status}.")
        # Each entry names its statement, whose name is its speaker's: read them at once.
        _log(reviewer, chosen.select_related("speaker"), CHANGE, f"Marked {status}.")
        bump_data_version()
    return count


def _log(user: AbstractBaseUser | None, queryset: QuerySet, flag: int, message: str) -> None:
    """Note the action in the admin's "Recent actions" (LogEntry), as the admin's forms do; the
    values before and after are in the object's history (statements/history.py)."""
    if user is not None and user.pk is not None and queryset.exists():
        LogEntry.objects.log_actions(user.pk, queryset, flag, change_message=message)


@transaction.atomic
def speakers_merge(
    *, into: Speaker, others: Iterable[Speaker], user: AbstractBaseUser | None = None
) -> int:
    """Fold ``others`` into ``into``: their statements, aliases (and names) and tenures move,
    then they are deleted. Returns how many statements moved.
    """
    others = [other for other in others if other.pk != into.pk]
    if not others:
        return 0
    pks = [other.pk for other in others]
    _log(user, Speaker.objects.filter(pk__in=pks), DELETION, f"Merged into {into.name}.")
    bump_data_version()
    moving = Statement.objects.filter(speaker_id__in=pks)
    history_baseline(moving)
    history_baseline(Speaker.objects.filter(pk=into.pk))
    moving_pks = list(moving.values_list("pk", flat=True))
    moved = moving.update(speaker=into, updated_at=timezone.now())
    merged = f"Speaker merged: {', '.join(o.name for o in others)} into {into.name}."
    history_bulk(Statement.objects.filter(pk__in=moving_pks), user=user, reason=merged)
    SpeakerTenure.objects.filter(speaker_id__in=pks).update(speaker=into)
    names = [other.name for other in others]
    names += SpeakerAlias.objects.filter(speaker_id__in=pks).values_list("alias", flat=True)
    SpeakerAlias.objects.filter(speaker_id__in=pks).delete()
    # Their slugs, and the ones they had themselves inherited, now lead to ``into``.
    SpeakerSlug.objects.filter(speaker_id__in=pks).update(speaker=into)
    SpeakerSlug.objects.bulk_create(
        [SpeakerSlug(slug=other.slug, speaker=into) for other in others], ignore_conflicts=True
    )
    SpeakerSlug.objects.filter(slug=into.slug).delete()  # its own slug is its own again
    for name in names:
        speaker_add_alias(speaker=into, alias=name)
    with history_context(user=user, reason=f"Merged into {into.name}."):
        Speaker.objects.filter(pk__in=pks).delete()  # their summary rows go with them
    # Their reports of one remark are now one speaker's: the clustering (ingest's) regroups
    # them before the summary is recounted, so the timeline shows the remark once.
    hooks.speakers_merged.send(sender=Speaker, into=into)
    summary_refresh(speakers=[into.pk])
    history_bulk(Speaker.objects.filter(pk=into.pk), user=user, reason=merged)
    _log(
        user,
        Speaker.objects.filter(pk=into.pk),
        CHANGE,
        f"Merged {', '.join(names[: len(others)])} into this speaker ({moved} statements moved).",
    )
    return moved


EDITABLE_IN_REVIEW = ("speaker", "said_on", "date_precision", "is_pledge")


def statement_edit(*, statement: Statement, reviewer: AbstractBaseUser, **fields) -> list[str]:
    """An editor's in-place correction of a statement (speaker, said_on, date_precision,
    is_pledge), under its document's lock: the statement becomes EDITED, theirs, and its
    history records each field's old and new value. Returns the changed fields' names
    (none: nothing is written);
    raises Statement.DoesNotExist when a re-extraction removed it meanwhile."""
    unknown = set(fields) - set(EDITABLE_IN_REVIEW)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    with transaction.atomic():
        if not statement_lock_for_edit(statement_id=statement.pk):
            raise Statement.DoesNotExist(f"statement {statement.pk} was removed")
        current = Statement.objects.select_related("speaker").get(pk=statement.pk)
        changed = []
        for name, new in fields.items():
            if getattr(current, name) != new:
                changed.append(name)
                setattr(current, name, new)
        if not changed:
            return []  # nothing to correct: the caller decides (the queue verifies it)
        before = cells_of_statements(Statement.objects.filter(pk=current.pk))
        current.review_status = Statement.Review.EDITED
        current.reviewed_by = reviewer
        current.reviewed_at = timezone.now()
        current._history_user = reviewer
        current._change_reason = "Edited in the review queue."
        current.save()
        after = cells_of_statements(Statement.objects.filter(pk=current.pk))
        summary_refresh(cells=before | after)
        message = f"Edited in the review queue: {', '.join(changed)} (see its history)."
        _log(reviewer, Statement.objects.filter(pk=current.pk), CHANGE, message)
        bump_data_version()
    statement.refresh_from_db()
    return changed
