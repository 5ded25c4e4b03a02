"""Print what the extractor finds in files, without touching the database."""

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ingest.errors import RejectedDocument
from ingest.extraction import extract
from ingest.readers import read_bytes
from ingest.services import normalize_text


class Command(BaseCommand):
    help = "Run the extractor on files and print one JSON object per document (JSON Lines)."
    # Reads files and prints; needs neither the database nor production settings.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--published", type=date.fromisoformat, default=None)
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, files, published, **options):
        for path in files:
            try:
                read = read_bytes(path.read_bytes(), filename=path.name)
            except OSError as error:
                raise CommandError(f"{path}: {error.strerror or error}") from error
            except RejectedDocument as error:
                raise CommandError(str(error)) from error
            # The same normalization as a stored document, so offsets mean the same thing.
            result = extract(normalize_text(read.text), published or read.published_on)
            payload = {"file": str(path), **result.as_dict()}
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
