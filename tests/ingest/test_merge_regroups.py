"""Merging two spellings of one official regroups their re-reports at once: one remark, one
timeline row (ingest's clustering, run through the statements.hooks.speakers_merged signal)."""

import datetime as dt

import pytest
from django.urls import reverse

from ingest.clustering import speaker_cluster
from statements.models import Statement
from statements.queries import timeline_base
from statements.services import speakers_merge
from tests.factories import DocumentFactory, OutletFactory, SpeakerFactory, StatementFactory

pytestmark = pytest.mark.django_db

REMARK = "We will close every remaining training camp along the border before winter comes."


def _report(speaker, day: int, text: str = REMARK, canonical=None) -> Statement:
    document = DocumentFactory(
        outlet=OutletFactory(), published_on=dt.date(2024, 5, day), text=text
    )
    return StatementFactory(
        document=document,
        speaker=speaker,
        text=text,
        end=len(text),
        said_on=dt.date(2024, 5, 14),
        canonical=canonical,
    )


def test_merging_two_spellings_makes_their_reports_of_one_remark_one_row(client, editor):
    full = SpeakerFactory(name="Jane Halvorsen")
    short = SpeakerFactory(name="J. Halvorsen")
    # Each spelling's remark is already one group of two outlets' reports (as clustering left it).
    first = _report(full, 14)
    first_copy = _report(full, 16, canonical=first)
    other = _report(short, 15)
    other_copy = _report(short, 17, canonical=other)
    unrelated = _report(short, 15, text="Talks with the neighbours resume in the spring.")
    assert timeline_base().filter(text=REMARK).count() == 2

    speakers_merge(into=full, others=[short], user=editor)

    links = dict(Statement.objects.values_list("pk", "canonical_id"))
    assert links[first.pk] is None
    assert links[first_copy.pk] == links[other.pk] == links[other_copy.pk] == first.pk
    assert links[unrelated.pk] is None
    assert list(timeline_base().filter(text=REMARK).values_list("pk", flat=True)) == [first.pk]
    page = client.get(reverse("statements:timeline")).content.decode()
    shown = [s.pk for s in (first, first_copy, other, other_copy)]
    assert [pk for pk in shown if reverse("statements:statement", args=[pk]) in page] == [first.pk]


def test_regrouping_a_speaker_is_idempotent_and_compares_only_other_documents():
    speaker = SpeakerFactory()
    document = DocumentFactory(text=REMARK + " " + REMARK)
    twice = [
        StatementFactory(document=document, speaker=speaker, text=REMARK, start=s, end=e)
        for s, e in ((0, len(REMARK)), (len(REMARK) + 1, 2 * len(REMARK) + 1))
    ]
    earlier = _report(speaker, 18)  # said on the 14th, the document's two on the 15th
    changed = speaker_cluster(speaker_id=speaker.pk)
    assert sorted(row.pk for row in changed) == sorted(s.pk for s in twice)
    assert speaker_cluster(speaker_id=speaker.pk) == []
    links = dict(Statement.objects.values_list("pk", "canonical_id"))
    assert links[earlier.pk] is None
    assert [links[s.pk] for s in twice] == [earlier.pk, earlier.pk]
