"""The speaker filter's search box: speakers matching a few typed letters, vague collective
speakers ("Pakistani officials") apart from named people and institutions.

The speakers with something on the timeline, with their aliases, are read once and cached
until the data changes; each keystroke then filters that list in memory and costs no query.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cache import cached
from .models import Speaker, SpeakerAlias
from .summary_reads import speaker_totals

NAMED_LIMIT = 12
GROUP_LIMIT = 6


@dataclass(frozen=True)
class Found:
    slug: str
    name: str
    kind: str
    side: str
    side_label: str
    detail: str  # role and organisation
    total: int
    words: str  # name, aliases and organisation, lower-cased, for matching

    @property
    def is_group(self) -> bool:
        return self.kind == Speaker.Kind.GROUP


@dataclass
class Results:
    named: list[Found]
    groups: list[Found]
    more_named: int
    more_groups: int

    @property
    def count(self) -> int:
        return len(self.named) + len(self.groups)


def _index() -> list[Found]:
    totals = {row["speaker_id"]: row["total"] for row in speaker_totals()}
    aliases: dict[int, list[str]] = {}
    for speaker_id, alias in SpeakerAlias.objects.filter(speaker__in=totals).values_list(
        "speaker_id", "alias"
    ):
        aliases.setdefault(speaker_id, []).append(alias)
    found = []
    for speaker in Speaker.objects.filter(pk__in=totals).only(
        "pk", "slug", "name", "kind", "side", "role", "organization"
    ):
        detail = ", ".join(part for part in (speaker.role, speaker.organization) if part)
        words = " | ".join([speaker.name, *aliases.get(speaker.pk, []), speaker.organization])
        found.append(
            Found(
                slug=speaker.slug,
                name=speaker.name,
                kind=speaker.kind,
                side=speaker.side,
                side_label=str(speaker.get_side_display()),
                detail=detail,
                total=totals[speaker.pk],
                words=words.casefold(),
            )
        )
    return sorted(found, key=lambda f: (-f.total, f.name))


def speaker_index() -> list[Found]:
    """Every speaker with timeline rows, the most prolific first; cached."""
    return cached("speaker-finder", None, _index)


def find_speakers(q: str, exclude: set[str] = frozenset()) -> Results:
    """Speakers whose name, alias or organisation contains every typed word (all of them,
    most prolific first, when nothing is typed); ``exclude``: slugs already chosen."""
    words = q.casefold().split()[:6]
    matching = [
        f
        for f in speaker_index()
        if f.slug not in exclude and all(word in f.words for word in words)
    ]
    # A name that starts with what was typed comes first.
    if words:
        matching.sort(key=lambda f: not f.name.casefold().startswith(words[0]))
    named = [f for f in matching if not f.is_group]
    groups = [f for f in matching if f.is_group]
    return Results(
        named=named[:NAMED_LIMIT],
        groups=groups[:GROUP_LIMIT],
        more_named=max(0, len(named) - NAMED_LIMIT),
        more_groups=max(0, len(groups) - GROUP_LIMIT),
    )
