from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ConfigConfig(AppConfig):
    name = "config"
    verbose_name = "Site configuration"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
        from .roles import grant_administrators_everything

        # No sender: every app's post_migrate, so the permissions of apps listed after this
        # one (statements, ingest, ...) are granted too, once auth's handler has made them.
        post_migrate.connect(grant_administrators_everything, dispatch_uid="administrators-all")
