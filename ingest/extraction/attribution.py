"""An attribution: a speaker linked to a unit of text, with where its reporting cue sits, and
the frames it can come from (see :mod:`~ingest.extraction.reported`)."""

from __future__ import annotations

from dataclasses import dataclass

from .mentions import Mention
from .types import Speaker

SUBJECT, INVERTED, PARTICIPIAL, ACCORDING_TO, NOMINAL = (
    "subject",
    "inverted",
    "participle",
    "according",
    "nominal",
)


@dataclass(slots=True)
class Attribution:
    """A speaker linked to a unit, with where the reporting cue sits."""

    speaker: Speaker
    mention: Mention
    cue_start: int
    cue_end: int
    mode: str
    verb: str
    standing: bool = False
    span: tuple[int, int] | None = None  # a clause narrower than the unit (nominal form)
    clause_start: int = -1  # where the frame's own clause begins (a second speaker's clause)
