from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from ingest.services import documents_requeue_stale


class Command(BaseCommand):
    help = "Queue again documents left queued or processing (broker down, worker died)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--minutes",
            type=int,
            default=None,
            help="Age in minutes after which a document counts as stale "
            "(default: INGEST_STALE_AFTER_MINUTES).",
        )

    def handle(self, *args, minutes, **options):
        age = timezone.timedelta(minutes=minutes) if minutes is not None else None
        count = documents_requeue_stale(
            older_than=timezone.now() - (age if age is not None else settings.INGEST_STALE_AFTER)
        )
        self.stdout.write(f"Queued {count} stale documents again.")
