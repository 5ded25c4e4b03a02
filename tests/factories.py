import datetime as dt

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from statements.models import Document, Outlet, Speaker, Statement, Topic


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("secret-pass-123")


class OutletFactory(DjangoModelFactory):
    class Meta:
        model = Outlet

    name = factory.Sequence(lambda n: f"Outlet {n}")


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Document {n}")
    text = factory.Sequence(lambda n: f"Invented text number {n}. A spokesperson said things.")
    content_hash = factory.Sequence(lambda n: f"{n:064x}")
    published_on = dt.date(2024, 5, 15)
    status = Document.Status.DONE


class SpeakerFactory(DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker Number{n}")
    slug = factory.Sequence(lambda n: f"speaker-number{n}")
    role = "Spokesperson"
    side = "us"


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["name"]

    name = "border security"
    slug = factory.LazyAttribute(lambda o: o.name.replace(" ", "-"))


class StatementFactory(DjangoModelFactory):
    class Meta:
        model = Statement

    document = factory.SubFactory(DocumentFactory)
    speaker = factory.SubFactory(SpeakerFactory)
    text = "Invented text"
    start = 0
    end = 13
    direct = True
    said_on = dt.date(2024, 5, 15)
    date_precision = "day"
