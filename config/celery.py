import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
@task_postrun.connect
def _close_old_connections(sender=None, **kwargs) -> None:
    """What Django does around each request, around each task: close database connections
    that failed or outlived CONN_MAX_AGE, and check the others before their next use
    (CONN_HEALTH_CHECKS). Celery's own fixup closes them after every task instead, unless
    CELERY_DB_REUSE_MAX is set (see settings): a new connection per document cost more than
    storing the document. Not for a task run eagerly, inside its caller's transaction."""
    from django.db import close_old_connections

    if not getattr(getattr(sender, "request", None), "is_eager", False):
        close_old_connections()
