from django.core.management.base import BaseCommand

from ingest.extraction import EXTRACTOR_VERSION
from ingest.services import document_retry
from statements.models import Document


class Command(BaseCommand):
    help = (
        "Run the extractor again on documents (all, or those extracted by an older version). "
        "Statements editors reviewed are kept as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument("--outdated", action="store_true", help="only older extractor output")

    def handle(self, *args, outdated, **options):
        documents = Document.objects.all()
        if outdated:
            documents = documents.exclude(extractor_version=EXTRACTOR_VERSION)
        count = 0
        for document in documents.only("pk").iterator():
            document_retry(document=document)
            count += 1
        self.stdout.write(f"Queued {count} documents for extraction ({EXTRACTOR_VERSION}).")
