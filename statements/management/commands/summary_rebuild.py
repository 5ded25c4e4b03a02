"""Recompute the monthly summary from the statements (after a restore or a raw SQL edit)."""

from django.core.management.base import BaseCommand

from statements.cache import bump_data_version
from statements.summary import summary_rebuild


class Command(BaseCommand):
    help = (
        "Recompute the monthly counts the timeline, speaker pages and the speakers index read. "
        "Every write keeps them current; this is for data changed behind the application's back."
    )

    def handle(self, *args, **options):
        rows = summary_rebuild()
        bump_data_version()
        self.stdout.write(f"Rebuilt the monthly summary: {rows} rows.")
