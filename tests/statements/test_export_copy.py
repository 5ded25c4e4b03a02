"""The CSV export written by PostgreSQL's COPY (statements.views.csv_copy) is, byte for byte,
the CSV the Python writer makes of the same rows: awkward text, every date precision, the
speaker's own words from good and malformed spans, names sorted by code point, formulas."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import RequestFactory
from django.urls import reverse

from statements.models import ArmedGroup
from statements.views.exports import copied_lines, csv_lines
from tests.factories import (
    DocumentFactory,
    OutletFactory,
    SpeakerFactory,
    StatementFactory,
    TopicFactory,
)
from tests.statements import sample

pytestmark = pytest.mark.django_db

SENTENCE = '  Asif said, "We will, in time,\r\nfence the border\u00a0" — and\tthen left. '
# Offsets of the words (into a document in which the sentence starts at 100).
WORDS = [
    [[114, 150]],  # one span, ending in a no-break space
    [[133, 150], [126, 133]],  # two, given out of order, one ending in a line break
    [[100, 100 + len(SENTENCE)]],  # the whole sentence, spaces around it
    [[113.9, 121.2]],  # floats: cut as Python's int() cuts them
    [["113", "121"]],  # numbers as strings
    [[113, 500]],  # beyond the sentence: no words at all
    [[90, 120]],  # before it
    [[121, 113]],  # backwards
    [[113]],  # half a span
    [["a", "b"]],
    [None],
    [],
    {"start": 1},
    [[113, 121], [113, 121]],  # twice the same
]
AWKWARD = [
    SENTENCE,
    '=HYPERLINK("https://attacker.invalid")',
    "-5 killed, officials said",
    "\uff0bformula",
    'Quotes "inside", commas, and\nnew lines',
    "Ünïcödé · Urdu: پاکستان",
    "",
]


@pytest.fixture
def rows():
    outlet = OutletFactory(name="@Outlet, with comma")
    groups = [
        ArmedGroup.objects.create(short_name=name, slug=name.lower(), full_name=name)
        for name in ("ttp", "BLA", "Émir group", "al-Qaida")
    ]
    topics = [TopicFactory(name=n) for n in ("zeta", "Alpha", "éclair", "beta", "Zulu")]
    made = []
    for i, words in enumerate(WORDS):
        made.append(
            StatementFactory(
                text=SENTENCE,
                start=100,
                end=100 + len(SENTENCE),
                words=words,
                direct=i != 11,  # one reported: no own words
                document=DocumentFactory(outlet=outlet if i % 2 else None),
                said_on=dt.date(2024, 5, 15) - dt.timedelta(days=i),
            )
        )
    for i, text in enumerate(AWKWARD):
        speaker = SpeakerFactory(name=text or "Blank", role=text, organization=text)
        document = DocumentFactory(title=text, url=text and f"https://example.invalid/{i}")
        made.append(
            StatementFactory(
                text=text, end=max(len(text), 1), speaker=speaker, document=document, direct=False
            )
        )
    for statement, precision in zip(made, ["month", "year", "unknown", "day"], strict=False):
        statement.date_precision = precision
        statement.save()
    undated = made[-1]
    undated.said_on = None
    undated.save()
    made[0].topics.set(topics)
    made[0].armed_groups.set(groups)
    made[1].topics.set(topics[:2])
    sample.add_report(made[0])
    sample.add_report(made[0])
    return made


def _request():
    return RequestFactory().get(reverse("statements:export_csv"))


@pytest.mark.parametrize("filters", [{}, {"pledges": True}, {"q": "border"}])
def test_copy_writes_the_bytes_the_python_writer_writes(rows, filters):
    python = "".join(csv_lines(_request(), filters)).encode()
    copied = b"".join(copied_lines(_request(), filters))
    assert copied == python
    if not filters:
        assert python.count(b"\r\n") > len(WORDS) + len(AWKWARD)  # every row, and line breaks


def test_the_export_view_sends_the_copy(client, rows):
    response = client.get(reverse("statements:export_csv"))
    body = b"".join(response.streaming_content)
    header, _, rest = body.partition(b"\r\n")
    assert header.startswith("\ufeffid,said_on".encode())
    assert rest == "".join(csv_lines(_request(), {})).encode()
