"""The kinds of mention a text holds and the mention itself, shared by the modules that find
them (people and institutions in ``mentions``, documents in ``documents``)."""

from __future__ import annotations

from dataclasses import dataclass, field

TITLED, NAMED, INST, DOC, GROUP_M, SURNAME, PRONOUN, ROLE_NOUN, CAPNAME, JOINT, UNNAMED = (
    "titled",
    "named",
    "institution",
    "document",
    "group",
    "surname",
    "pronoun",
    "role",
    "capname",
    "joint",
    "unnamed",
)


@dataclass(slots=True)
class Mention:
    """A stretch of text that may name a speaker, before resolution."""

    start: int
    end: int
    kind: str
    text: str
    name: str = ""
    role: str | None = None
    org_hint: str | None = None
    doc_type: str | None = None
    extra: dict = field(default_factory=dict)
