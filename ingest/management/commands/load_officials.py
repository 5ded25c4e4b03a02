from django.core.management.base import BaseCommand

from ingest.gazetteer import officials_load


class Command(BaseCommand):
    help = "Load the gazetteer of known officials (ingest/extraction/data/officials.json)."

    def handle(self, *args, **options):
        count = officials_load()
        self.stdout.write(f"Loaded {count} known speakers.")
