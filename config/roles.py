"""The administrators group holds every permission, including those of models added later.

Migration statements/0002_roles created the group with the permissions that existed then; a
model added since (all of ``ingest``, for a start) gets its permissions from Django's own
post_migrate handler, after which this one adds them to the group. It runs after every
``migrate`` (and ``flush``), so a new model needs no data migration of its own.
"""

from __future__ import annotations

from django.apps import AppConfig
from django.apps.registry import Apps
from django.db import DEFAULT_DB_ALIAS, router

ADMINISTRATORS = "administrators"


def grant_administrators_everything(
    sender: AppConfig | None = None,
    *,
    apps: Apps | None = None,
    using: str = DEFAULT_DB_ALIAS,
    **kwargs,
) -> int:
    """Give the administrators group every permission it lacks; how many were added.

    Connected to post_migrate, which Django sends once per app after the auth app's handler
    has created that app's permissions, so the last call sees them all."""
    if apps is None:
        from django.apps import apps
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:  # auth not installed, or not migrated in this plan
        return 0
    if not router.allow_migrate_model(using, Group):
        return 0
    group = Group.objects.using(using).filter(name=ADMINISTRATORS).first()
    if group is None:  # the roles migration has not run (or was reversed): nothing to keep
        return 0
    missing = list(
        Permission.objects.using(using).exclude(group=group).values_list("pk", flat=True)
    )
    if missing:
        group.permissions.add(*missing)
    return len(missing)
