from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "ingest"
    verbose_name = "Ingest"

    def ready(self) -> None:
        from statements.hooks import speakers_merged

        from . import (
            checks,  # noqa: F401  (registers the system checks)
            tasks,  # noqa: F401  (registers the tasks that enqueue sends by name)
        )
        from .clustering import speakers_merged as regroup

        # A merge of speakers regroups their re-reports at once (not at the next extraction).
        speakers_merged.connect(regroup, dispatch_uid="ingest-cluster-after-merge")
