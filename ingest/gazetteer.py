"""Load the extractor's gazetteer of known officials into the Speaker table."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.db import transaction

from statements.history import history_paused
from statements.models import SpeakerTenure
from statements.services import speaker_add_alias, speaker_resolve

OFFICIALS = Path(__file__).parent / "extraction" / "data" / "officials.json"


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@transaction.atomic
@history_paused()  # an import, as the pipeline's writes: no history rows
def officials_load(path: Path = OFFICIALS) -> int:
    """Create or complete a Speaker for every gazetteer entry; returns how many entries."""
    if not path.exists():
        return 0
    entries = json.loads(path.read_text(encoding="utf-8"))
    for entry in entries:
        speaker = speaker_resolve(
            name=entry["name"],
            kind=entry.get("kind", "person"),
            role=entry.get("role") or "",
            organization=entry.get("organization") or "",
            side=entry.get("side", "other"),
        )
        for alias in entry.get("aliases", []):
            speaker_add_alias(speaker=speaker, alias=alias)
        for tenure in entry.get("tenures", []):
            SpeakerTenure.objects.get_or_create(
                speaker=speaker,
                role=tenure.get("role") or entry.get("role") or "",
                organization=tenure.get("organization") or entry.get("organization") or "",
                start_on=_day(tenure.get("start")),
                defaults={"end_on": _day(tenure.get("end"))},
            )
    return len(entries)
