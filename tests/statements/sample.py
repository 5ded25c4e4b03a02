"""An invented corpus for dashboard tests: fictional officials, invented remarks, many months.

Names and words are made up on purpose, so nothing here can be mistaken for a real quotation.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from statements.models import ArmedGroup, Outlet, SpeakerTenure, Statement, Statistic
from tests.factories import DocumentFactory, SpeakerFactory, StatementFactory, TopicFactory

SPEAKERS = [
    ("Alex Morgan", "alex-morgan", "Spokesperson", "Department of State", "us"),
    ("Jordan Hale", "jordan-hale", "Secretary", "Department of State", "us"),
    ("Sara Qadir", "sara-qadir", "Spokesperson", "Ministry of Foreign Affairs", "pk"),
    ("Imran Farooqi", "imran-farooqi", "Interior Minister", "Ministry of Interior", "pk"),
    ("Joint Working Group", "joint-working-group", "", "", "joint"),
]
TOPICS = ["border security", "terror financing", "counterterrorism cooperation"]
GROUPS = [("TTP", "ttp", "Tehrik-i-Taliban Pakistan"), ("ISIS-K", "isis-k", "Islamic State K")]
REMARKS = [
    "We will strengthen border security along the western frontier",
    "The two sides discussed counterterrorism cooperation in detail",
    "We remain committed to cutting off terror financing networks",
    "Attacks claimed by the {group} are unacceptable",
    "We will keep working with partners on border management",
    "There was a frank exchange on the security situation",
]


def build(months: int = 30, per_month: int = 2, start: dt.date = dt.date(2022, 1, 10)) -> dict:
    """Create speakers, topics, groups and ``months * per_month`` statements; return them."""
    speakers = [
        SpeakerFactory(name=n, slug=s, role=r, organization=o, side=side)
        for n, s, r, o, side in SPEAKERS
    ]
    SpeakerTenure.objects.create(
        speaker=speakers[0],
        role="Spokesperson",
        organization="Department of State",
        start_on=dt.date(2021, 5, 1),
    )
    topics = {name: TopicFactory(name=name) for name in TOPICS}
    groups = [ArmedGroup.objects.create(short_name=a, slug=b, full_name=c) for a, b, c in GROUPS]
    outlets = [Outlet.objects.create(name=f"Invented Times {i}") for i in range(3)]
    cycle = itertools.count()
    statements = []
    for m in range(months):
        year, month = start.year + (start.month - 1 + m) // 12, (start.month - 1 + m) % 12 + 1
        for k in range(per_month):
            i = next(cycle)
            remark = REMARKS[i % len(REMARKS)].format(group=groups[(i // 6) % 2].short_name)
            text = f"Intro sentence. {remark} (invented remark {i}). Closing words."
            document = DocumentFactory(
                text=text,
                title=f"Invented report {i}",
                outlet=outlets[i % 3],
                published_on=dt.date(year, month, 10 + k),
            )
            start_at = len("Intro sentence. ")
            statement = StatementFactory(
                document=document,
                speaker=speakers[i % len(speakers)],
                text=f"{remark} (invented remark {i}).",
                start=start_at,
                end=start_at + len(remark) + len(f" (invented remark {i})."),
                said_on=dt.date(year, month, 8 + k),
                direct=i % 3 != 1,
                is_pledge="will" in remark or "committed" in remark,
                review_status="verified" if i % 4 == 0 else "auto",
            )
            statement.topics.add(topics[_topic_of(remark)])
            if "{group}" in REMARKS[i % len(REMARKS)]:
                statement.armed_groups.add(groups[(i // 6) % 2])
            statements.append(statement)
    for year, value in ((2022, 970), (2023, 1524), (2024, 1612)):
        Statistic.objects.create(
            document=statements[0].document,
            source="CRSS",
            period=str(year),
            period_start=dt.date(year, 1, 1),
            period_end=dt.date(year, 12, 31),
            metric="violence-linked deaths",
            value=Decimal(value),
        )
    return {"speakers": speakers, "topics": topics, "groups": groups, "statements": statements}


def _topic_of(remark: str) -> str:
    if "border" in remark:
        return "border security"
    if "financing" in remark:
        return "terror financing"
    return "counterterrorism cooperation"


def add_report(statement: Statement) -> Statement:
    """The same remark printed by another outlet, folded into ``statement``."""
    document = DocumentFactory(text=statement.document.text, title="Invented reprint")
    return StatementFactory(
        document=document,
        speaker=statement.speaker,
        text=statement.text,
        start=statement.start,
        end=statement.end,
        said_on=statement.said_on,
        canonical=statement,
    )
