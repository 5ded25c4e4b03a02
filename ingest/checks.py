"""Start-up checks of the workers' timing settings, which must agree with each other."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Warning, register


@register()
def visibility_timeout_outlasts_a_held_task(app_configs, **kwargs) -> list[Warning]:
    """Redis gives a message to a second worker once its first has held it unacknowledged for
    the visibility timeout. A live worker holds one through a retry's countdown and then the
    run itself, so a shorter timeout runs tasks twice (harmless, but twice the work)."""
    if not settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        return []
    from .tasks import RETRY_BACKOFF_MAX, longest_time_limit

    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600)
    needed = RETRY_BACKOFF_MAX + longest_time_limit()
    if visibility > needed:
        return []
    return [
        Warning(
            f"CELERY_VISIBILITY_TIMEOUT is {visibility} s; it should exceed {needed} s (the "
            "longest retry countdown plus the longest hard time limit of the ingest tasks), or "
            "Redis hands tasks still running to a second worker.",
            id="ingest.W001",
        )
    ]
