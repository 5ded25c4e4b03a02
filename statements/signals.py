"""Single saves and deletes of what analysts' aggregates count invalidate those aggregates."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .cache import bump_data_version
from .models import ArmedGroup, Speaker, Statement, Statistic, Topic


def _changed(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # fixtures being loaded
        return
    bump_data_version()


def connect() -> None:
    for model in (Statement, Speaker, Statistic, Topic, ArmedGroup):
        post_save.connect(_changed, sender=model, dispatch_uid=f"bump-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"bump-del-{model.__name__}")
    for through in (Statement.topics.through, Statement.armed_groups.through):
        m2m_changed.connect(_changed, sender=through, dispatch_uid=f"bump-m2m-{through.__name__}")
