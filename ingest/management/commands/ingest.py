"""Store documents from files, folders or a JSON Lines manifest, and process them."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ingest.errors import RejectedDocument
from ingest.readers import SUPPORTED, read_bytes
from ingest.services import document_create, url_fetch_request
from statements.models import Document


class Command(BaseCommand):
    help = (
        "Ingest documents: files (.txt/.html/.pdf), folders of them, http(s) addresses, or .jsonl "
        "manifests with one object per line: {file | text | url, title, outlet, published, kind}. "
        "A line with only a url is fetched by a worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--published", type=date.fromisoformat, default=None)
        parser.add_argument("--outlet", default="")
        parser.add_argument("--kind", default=Document.Kind.ARTICLE, choices=Document.Kind.values)

    def handle(self, *args, paths, published, outlet, kind, **options):
        self.defaults = {"published": published, "outlet": outlet, "kind": kind}
        self.counts: Counter[str] = Counter()
        items = [item for path in paths for item in self._items(path)]
        for number, (label, item) in enumerate(items, 1):
            outcome = self._ingest_one(item)
            self.counts[outcome.split(":")[0]] += 1
            self.stdout.write(f"[{number}/{len(items)}] {label}: {outcome}")
        summary = ", ".join(f"{self.counts[k]} {k}" for k in ("stored", "duplicate", "rejected"))
        if self.counts["queued"]:
            summary += f", {self.counts['queued']} queued for fetching"
        self.stdout.write(self.style.SUCCESS(f"Summary: {summary}."))

    def _items(self, path: Path):
        if str(path).startswith(("http:/", "https:/")):
            # Path() folds the double slash of a URL given on the command line.
            yield str(path), {"url": re.sub(r"^(https?):/+", r"\1://", str(path))}
        elif path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_file() and (child.suffix.lower() in SUPPORTED or not child.suffix):
                    yield str(child), {"file": child}
        elif path.suffix.lower() == ".jsonl":
            yield from self._manifest(path)
        elif path.is_file():
            yield str(path), {"file": path}
        else:
            raise CommandError(f"{path}: no such file or folder")

    def _manifest(self, path: Path):
        for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                yield f"{path}:{line_no}", {"error": f"invalid JSON ({error.msg})"}
                continue
            if not isinstance(item, dict):
                yield f"{path}:{line_no}", {"error": "a line must be a JSON object"}
                continue
            if "file" in item:
                item["file"] = (path.parent / item["file"]).resolve()
            yield f"{path}:{line_no}", item

    def _queue_url(self, item: dict) -> str:
        published = item.get("published") or self.defaults["published"]
        requested = url_fetch_request(
            url=str(item["url"]),
            title=item.get("title") or "",
            outlet=item.get("outlet") or self.defaults["outlet"],
            published_on=date.fromisoformat(published) if isinstance(published, str) else published,
            kind=item.get("kind") or self.defaults["kind"],
        )
        fetch = requested.fetch
        fetch.refresh_from_db()
        if fetch.document_id:
            outcome = "duplicate" if not requested.created or fetch.duplicate else "stored"
            return f"{outcome}: fetched as document {fetch.document_id}"
        if fetch.status == fetch.Status.FAILED:
            return f"rejected: {fetch.error}"
        return f"queued: fetch {fetch.pk} of {fetch.url} ({fetch.get_status_display().lower()})"

    def _ingest_one(self, item: dict) -> str:
        if "error" in item:
            return f"rejected: {item['error']}"
        try:
            if "file" in item:
                read = read_bytes(Path(item["file"]).read_bytes(), filename=Path(item["file"]).name)
            elif "text" in item:
                read = read_bytes(str(item["text"]).encode(), filename="text.txt")
            elif "url" in item:
                return self._queue_url(item)
            else:
                return "rejected: the manifest line has neither file, text nor url"
            published = item.get("published") or self.defaults["published"] or read.published_on
            if isinstance(published, str):
                published = date.fromisoformat(published)
            stored = document_create(
                text=read.text,
                title=item.get("title") or read.title,
                outlet=item.get("outlet") or self.defaults["outlet"] or read.outlet,
                url=item.get("url") or read.url,
                published_on=published,
                kind=item.get("kind") or self.defaults["kind"],
            )
        except RejectedDocument as error:
            return f"rejected: {error}"
        except (OSError, ValueError) as error:
            return f"rejected: {error}"
        document = stored.document
        if not stored.created:
            return f"duplicate: already stored as document {document.pk}"
        document.refresh_from_db()
        return f"stored: document {document.pk} ({document.get_status_display().lower()})"
