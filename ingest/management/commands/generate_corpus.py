"""Fill the database with invented documents and statements, in bulk, for benchmarks."""

from __future__ import annotations

from itertools import islice

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify

from ingest.services import content_hash
from ingest.synthetic import corpus, speakers
from statements.cache import bump_data_version
from statements.models import ArmedGroup, Document, Outlet, Speaker, Statement, Topic
from statements.summary import summary_rebuild


class Command(BaseCommand):
    help = (
        "Generate N invented documents (news-like and transcript-like, invented speakers and "
        "outlets) with their statements, written in bulk straight into the statements' models."
    )

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--statements-per-document", type=int, default=10)
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, documents, seed, statements_per_document, batch, **options):
        import random

        cast = {s.name: s for s in speakers(random.Random(seed))}
        self.speakers = {
            name: Speaker.objects.get_or_create(
                name=name,
                defaults={"slug": slugify(name), "role": s.role, "side": s.side},
            )[0]
            for name, s in cast.items()
        }
        self.outlets: dict[str, Outlet] = {}
        self.topics: dict[str, Topic] = {}
        self.groups: dict[str, ArmedGroup] = {}
        stream = corpus(seed, documents, statements_per_article=statements_per_document)
        done = 0
        while chunk := list(islice(stream, batch)):
            self._write(chunk)
            done += len(chunk)
            self.stdout.write(f"\r{done}/{documents} documents", ending="")
            self.stdout.flush()
        rows = summary_rebuild()  # bulk writes send no signals
        bump_data_version()
        self.stdout.write(f"\nGenerated {done} documents ({rows} monthly summary rows).")

    def _lookup(self, cache: dict, model, field: str, name: str):
        if name not in cache:
            cache[name] = model.objects.get_or_create(
                **{field: name}, defaults={"slug": slugify(name)[:50]}
            )[0]
        return cache[name]

    @transaction.atomic
    def _write(self, chunk) -> None:
        docs = Document.objects.bulk_create(
            Document(
                kind=d.kind,
                title=d.title,
                outlet=self._outlet(d.outlet),
                published_on=d.published_on,
                text=d.text,
                content_hash=content_hash(d.text),
                status=Document.Status.DONE,
                extractor_version="synthetic",
            )
            for d in chunk
        )
        rows, sources = [], []
        for doc, synthetic in zip(docs, chunk, strict=True):
            for s in synthetic.statements:
                rows.append(
                    Statement(
                        document=doc,
                        speaker=self.speakers[s.speaker.name],
                        text=s.text,
                        direct=True,
                        start=s.start,
                        end=s.end,
                        said_on=s.said_on,
                        date_precision="day",
                        is_pledge=s.is_pledge,
                        about_pakistan=True,
                        extractor_version="synthetic",
                    )
                )
                sources.append(s)
        created = Statement.objects.bulk_create(rows, batch_size=2000)
        topic_links, group_links = [], []
        for statement, s in zip(created, sources, strict=True):
            for name in s.topics:
                topic = self._lookup(self.topics, Topic, "name", name)
                topic_links.append(
                    Statement.topics.through(statement_id=statement.pk, topic_id=topic.pk)
                )
            for name in s.groups:
                group = self._lookup(self.groups, ArmedGroup, "short_name", name)
                group_links.append(
                    Statement.armed_groups.through(
                        statement_id=statement.pk, armedgroup_id=group.pk
                    )
                )
        Statement.topics.through.objects.bulk_create(topic_links, batch_size=5000)
        Statement.armed_groups.through.objects.bulk_create(group_links, batch_size=5000)

    def _outlet(self, name: str) -> Outlet:
        if name not in self.outlets:
            self.outlets[name] = Outlet.objects.get_or_create(name=name)[0]
        return self.outlets[name]
