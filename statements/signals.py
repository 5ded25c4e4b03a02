"""Single saves and deletes of what analysts' aggregates count invalidate those aggregates and
refresh the monthly summary cells they touch (bulk writers refresh theirs themselves)."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from . import summary
from .cache import bump_data_version
from .event_models import Event, EventFigure, Reaction
from .models import ArmedGroup, Speaker, Statement, Statistic, Topic


def _changed(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # fixtures being loaded
        return
    bump_data_version()


def _cells_before(sender, instance: Statement, raw: bool = False, **kwargs) -> None:
    """Where the statement counted before this save or delete (its old speaker and month,
    and its re-reports, whose visibility follows its own)."""
    wanted = not raw and instance.pk is not None and summary.signals_wanted()
    instance._summary_cells = (
        summary.cells_of_statements(Statement.objects.filter(pk=instance.pk)) if wanted else set()
    )


def _statement_saved(sender, instance: Statement, raw: bool = False, **kwargs) -> None:
    if raw or not summary.signals_wanted():
        return
    cells = getattr(instance, "_summary_cells", set())
    cells |= summary.cells_of_statements(Statement.objects.filter(pk=instance.pk))
    summary.summary_refresh(cells=cells)


def _statement_deleted(sender, instance: Statement, **kwargs) -> None:
    if summary.signals_wanted():
        summary.summary_refresh(cells=getattr(instance, "_summary_cells", set()))


def _labels_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    """A statement's topics or groups changed (or a topic's or group's statements)."""
    if not action.startswith("post_") or not summary.signals_wanted():
        return
    if not reverse:
        summary.summary_refresh(cells=summary.cells_of([(instance.speaker_id, instance.said_on)]))
    elif pk_set:
        rows = Statement.objects.filter(pk__in=pk_set).values_list("speaker_id", "said_on")
        summary.summary_refresh(cells=summary.cells_of(rows))
    else:  # every statement of a topic or group lost it
        summary.summary_rebuild()


def _speaker_renamed(sender, instance: Speaker, raw: bool = False, **kwargs) -> None:
    if not raw:
        from .services import speaker_keep_old_slug

        speaker_keep_old_slug(speaker=instance)


def connect() -> None:
    # Events too: the event pages' menus and the context page's tolls are cached.
    for model in (Statement, Speaker, Statistic, Topic, ArmedGroup, Event, EventFigure, Reaction):
        post_save.connect(_changed, sender=model, dispatch_uid=f"bump-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"bump-del-{model.__name__}")
    for through in (Statement.topics.through, Statement.armed_groups.through):
        m2m_changed.connect(_changed, sender=through, dispatch_uid=f"bump-m2m-{through.__name__}")
        m2m_changed.connect(
            _labels_changed, sender=through, dispatch_uid=f"summary-m2m-{through.__name__}"
        )
    pre_save.connect(_cells_before, sender=Statement, dispatch_uid="summary-pre-save")
    pre_save.connect(_speaker_renamed, sender=Speaker, dispatch_uid="speaker-old-slug")
    pre_delete.connect(_cells_before, sender=Statement, dispatch_uid="summary-pre-delete")
    post_save.connect(_statement_saved, sender=Statement, dispatch_uid="summary-save")
    post_delete.connect(_statement_deleted, sender=Statement, dispatch_uid="summary-delete")
