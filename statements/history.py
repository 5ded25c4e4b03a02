"""Editors' history: every change an editor makes (admin forms and inlines, the review queue,
verify and reject, merges) is kept as a row of django-simple-history with the whole object, so
the admin's history page shows who, when, and each changed field's old and new value.

What the pipeline writes (bulk inserts and updates, re-extraction's deletes) is not recorded:
a million extracted statements would mean a million history rows nobody reads. So an editor's
change to a row the pipeline stored or changed since its last history row is preceded by a
*baseline* row, the row as it was stored (``BASELINE``), from which the editor's change is shown
as old -> new.

Writes that go around ``save()`` (``QuerySet.update`` in the review and merge services) record
their rows with ``history_bulk`` the same way: baselines first, then the new state.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator

from django.db.models import Model, QuerySet
from django.db.models.signals import pre_save
from django.utils import timezone
from simple_history.models import HistoricalRecords

BASELINE = "As stored by the extractor or an import, before an editor's change."

# (paused, user, reason) for the writes of the current thread or task.
_paused: contextvars.ContextVar[bool] = contextvars.ContextVar("history_paused", default=False)
_user: contextvars.ContextVar = contextvars.ContextVar("history_user", default=None)
_reason: contextvars.ContextVar[str] = contextvars.ContextVar("history_reason", default="")


@contextlib.contextmanager
def history_paused() -> Iterator[None]:
    """No history rows for the writes inside (the pipeline's)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


@contextlib.contextmanager
def history_context(*, user=None, reason: str = "") -> Iterator[None]:
    """The editor (when no request names one) and the reason recorded for the writes inside."""
    tokens = (_user.set(user), _reason.set(reason))
    try:
        yield
    finally:
        _user.reset(tokens[0])
        _reason.reset(tokens[1])


class EditorHistory(HistoricalRecords):
    """simple-history's records, paused for the pipeline, with the editor and the reason taken
    from ``history_context`` when given, and a baseline row before an object's first change."""

    def finalize(self, sender, **kwargs) -> None:
        super().finalize(sender, **kwargs)
        if sender is self.cls:
            pre_save.connect(self.pre_save, sender=sender, weak=False)

    def pre_save(self, instance: Model, raw: bool = False, **kwargs) -> None:
        if raw or instance.pk is None or _paused.get():
            return
        if hasattr(instance, "skip_history_when_saving"):
            return
        history_baseline(type(instance).objects.filter(pk=instance.pk))

    def post_save(self, instance, created, using=None, **kwargs) -> None:
        if not _paused.get():
            super().post_save(instance, created, using=using, **kwargs)

    def post_delete(self, instance, using=None, **kwargs) -> None:
        if not _paused.get():
            super().post_delete(instance, using=using, **kwargs)

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs) -> None:
        if not _paused.get():
            super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)

    def get_history_user(self, instance):
        if getattr(instance, "_history_user", None) is None and _user.get() is not None:
            return _user.get()
        return super().get_history_user(instance)

    def get_change_reason_for_object(self, instance, history_type, using) -> str:
        return super().get_change_reason_for_object(instance, history_type, using) or _reason.get()


def history_baseline(queryset: QuerySet) -> None:
    """Before an editor changes the rows of ``queryset``: a history row of their state now, by
    nobody, for each row that has none yet or whose last one is out of date (the pipeline or an
    import changed it since, unrecorded). So the editor's row is compared with what they saw."""
    model = queryset.model
    manager = model.history
    rows = list(queryset.order_by())
    if not rows:
        return
    fields = [field.attname for field in manager.model.tracked_fields]
    latest = {
        record.id: record
        for record in manager.filter(id__in=[row.pk for row in rows]).latest_of_each()
    }
    stale = [
        row
        for row in rows
        if row.pk not in latest
        or any(getattr(row, name) != getattr(latest[row.pk], name) for name in fields)
    ]
    for row in stale:
        row._history_user = None  # nobody: not the editor whose change follows
    if stale:
        manager.bulk_history_create(
            stale,
            update=True,
            default_change_reason=BASELINE,
            default_date=timezone.now() - dt.timedelta(microseconds=1),
        )


def history_bulk(queryset: QuerySet, *, user, reason: str) -> None:
    """After a ``QuerySet.update`` by an editor: a history row of each row's new state."""
    if _paused.get():
        return
    queryset.model.history.bulk_history_create(
        list(queryset.order_by()),
        update=True,
        default_user=user,
        default_change_reason=reason,
    )
