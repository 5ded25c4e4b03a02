"""Fill the database with invented documents and statements, in bulk, for benchmarks."""

from __future__ import annotations

from itertools import islice

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify

from ingest.services import content_hash
from ingest.synthetic import corpus, speakers
from statements.cache import bump_data_version
from statements.models import (
    ArmedGroup,
    Document,
    Event,
    EventFigure,
    EventMention,
    Outlet,
    Reaction,
    Speaker,
    Statement,
    Topic,
)
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
        parser.add_argument(
            "--events",
            type=int,
            default=None,
            help="invented attacks the articles report (default: one per 20 statements, "
            "so 1M statements come with 50,000 events); 0 for none",
        )

    def handle(self, *args, documents, seed, statements_per_document, batch, events, **options):
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
        if events is None:
            events = documents * statements_per_document // 20
        self.events: dict[int, int] = {}  # invented attack serial -> Event id, while reported
        stream = corpus(
            seed, documents, statements_per_article=statements_per_document, events=events
        )
        done = 0
        while chunk := list(islice(stream, batch)):
            self._write(chunk)
            done += len(chunk)
            self.stdout.write(f"\r{done}/{documents} documents", ending="")
            self.stdout.flush()
        rows = summary_rebuild()  # bulk writes send no signals
        bump_data_version()
        self.stdout.write(
            f"\nGenerated {done} documents, {Event.objects.count()} events "
            f"({rows} monthly summary rows)."
        )

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
        self._write_events(docs, chunk, created)

    def _write_events(self, docs, chunk, created) -> None:
        """The attacks these documents report, their mentions, tolls and reactions, in bulk.
        An attack reported in two batches is created once (its id is remembered)."""
        fresh = {}
        for synthetic in chunk:
            e = synthetic.event
            if e is not None and e.serial not in self.events and e.serial not in fresh:
                group = (
                    self._lookup(self.groups, ArmedGroup, "short_name", e.group)
                    if e.group
                    else None
                )
                fresh[e.serial] = Event(
                    name=e.name,
                    slug=f"{slugify(e.name)}-{e.occurred_on:%Y-%m-%d}-{e.serial}",
                    occurred_on=e.occurred_on,
                    date_precision="day",
                    country=e.country,
                    province=e.province,
                    district=e.district,
                    place=e.place,
                    kind=e.kind,
                    target=e.target,
                    armed_group=group,
                    group_basis=e.group_basis,
                )
        Event.objects.bulk_create(fresh.values(), batch_size=2000)
        self.events.update({serial: event.pk for serial, event in fresh.items()})
        mentions, figures, reactions = [], [], []
        statements = iter(created)
        for doc, synthetic in zip(docs, chunk, strict=True):
            rows = [next(statements) for _ in synthetic.statements]
            if synthetic.event is None:
                continue
            event_id = self.events[synthetic.event.serial]
            start, end = synthetic.report
            mentions.append(EventMention(event_id=event_id, document=doc, start=start, end=end))
            figures += [
                EventFigure(
                    event_id=event_id,
                    document=doc,
                    metric=metric,
                    value=value,
                    qualifier=qualifier,
                    source=source,
                    start=start,
                    end=end,
                )
                for metric, value, qualifier, source in synthetic.figures
            ]
            reactions += [
                Reaction(statement=rows[index], event_id=event_id, basis=basis)
                for index, basis in synthetic.reactions
            ]
        EventMention.objects.bulk_create(mentions, batch_size=5000)
        EventFigure.objects.bulk_create(figures, batch_size=5000)
        Reaction.objects.bulk_create(reactions, batch_size=5000)
        if len(self.events) > 10_000:  # attacks far behind are reported no more
            for serial in list(self.events)[:-1000]:
                del self.events[serial]

    def _outlet(self, name: str) -> Outlet:
        if name not in self.outlets:
            self.outlets[name] = Outlet.objects.get_or_create(name=name)[0]
        return self.outlets[name]
