"""Plain data returned by the extractor. No Django here: text and a date in, these out."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

# Speaker kinds and sides mirror the choices of statements.models.Speaker.
PERSON, INSTITUTION, GROUP = "person", "institution", "group"
SIDE_US, SIDE_PK, SIDE_JOINT, SIDE_AF, SIDE_OTHER = "us", "pk", "joint", "af", "other"

DAY, MONTH, YEAR, UNKNOWN = "day", "month", "year", "unknown"

# How a statement's speaker was found, from the surest to the least sure; editors review the
# least certain first.
TURN = "turn"  # a briefing transcript's labelled turn ("MR PRICE:")
ISSUED = "issued"  # a statement issued as a document, or reproduced whole in an article
NAMED = "named"  # a name, title or institution in the attribution itself
ACCORDING = "according"  # "according to X", "as per X"
SURNAME_REF = "surname"  # a surname introduced earlier in the document
DESCRIPTION = "description"  # "the spokesperson", "the minister", "the report"
PRONOUN_REF = "pronoun"  # he, she, it, they
CONTINUATION = "continuation"  # a quotation standing alone after someone's statement
INFERRED = "inferred"  # an institution inferred from an unnamed voice or a bare body
GROUP_REF = "group"  # an unnamed collective ("Pakistani officials")
ATTRIBUTION_CONFIDENCE = {
    TURN: 0.95,
    ISSUED: 0.85,
    NAMED: 0.9,
    ACCORDING: 0.85,
    SURNAME_REF: 0.85,
    DESCRIPTION: 0.7,
    PRONOUN_REF: 0.65,
    CONTINUATION: 0.6,
    INFERRED: 0.6,
    GROUP_REF: 0.5,
}


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker with the fields the pipeline stores."""

    name: str
    kind: str = PERSON
    org: str | None = None
    role: str | None = None
    side: str = SIDE_OTHER
    # The known person's full name when the text calls them by a shorter form of it
    # ("Asim Iftikhar" for "Asim Iftikhar Ahmad"); ``name`` keeps the text's form.
    canonical: str | None = None


@dataclass(slots=True)
class ExtractedStatement:
    """One attributed span: who said it, what, when, and where in the text."""

    speaker: str
    text: str
    start: int  # offsets into the text given to extract(); text == source[start:end]
    end: int
    direct: bool
    speaker_kind: str = PERSON
    speaker_org: str | None = None
    speaker_role: str | None = None
    speaker_side: str = SIDE_OTHER
    speaker_canonical: str | None = None  # the known full name, when the text shortens it
    said_on: str | None = None  # "YYYY-MM-DD", "YYYY-MM", "YYYY" or None
    date_precision: str = UNKNOWN
    # Where said_on comes from: "own" (the statement's own words), "speaker" (the same
    # speaker's dated remark), "briefing", "talks", "news day" (the day the article's clues
    # give its news), "document" (the document's date), "report period" (the month after the
    # period a report covers), "" when undated.
    date_basis: str = ""
    is_pledge: bool = False
    topics: list[str] = field(default_factory=list)
    armed_groups: list[str] = field(default_factory=list)
    about_pakistan: bool = False
    context: str = ""  # e.g. the journalist's question a briefing answer replies to
    # The speaker's own words: spans (offsets into the same text) inside text[start:end],
    # the inside of the quotation marks for a quotation, the reported clause otherwise.
    words: list[tuple[int, int]] = field(default_factory=list)
    # How sure the attribution is (0-1) and why: see ATTRIBUTION_CONFIDENCE.
    attribution: str = NAMED
    confidence: float = 0.9

    def as_dict(self) -> dict:
        """Return the statement as a JSON-ready dict (all fields, and the words as text)."""
        data = asdict(self)
        data["words"] = [list(span) for span in self.words]
        source = self.text
        data["words_text"] = " … ".join(
            source[s - self.start : e - self.start] for s, e in self.words
        )
        return data


@dataclass(slots=True)
class ExtractedStatistic:
    """An aggregate figure the document cites (CRSS, SATP...)."""

    value: float
    metric: str
    source: str | None = None
    period: str | None = None  # "2021", "2024-Q1", "2022-01/2022-04"
    start: int = 0
    end: int = 0

    def as_dict(self) -> dict:
        """Return the statistic as a JSON-ready dict; whole numbers print as integers."""
        data = asdict(self)
        if float(self.value).is_integer():
            data["value"] = int(self.value)
        return data


@dataclass(slots=True)
class ExtractedFigure:
    """One source's toll for an attack: killed, injured or hostages, with its sentence."""

    metric: str  # "killed" | "injured" | "hostages"
    value: int
    qualifier: str = ""  # "" | "at least" | "about" | "more than" | "up to"
    source: str = ""  # who the text gives it to ("police", "ISPR"), "" for the journalist
    start: int = 0  # the sentence that gives it
    end: int = 0


@dataclass(slots=True)
class ExtractedEvent:
    """An attack or incident the document reports, with the sentences that mention it."""

    name: str
    kind: str = "other"  # the choices of statements.event_models.EventKind
    target: str = "unknown"  # EventTarget
    occurred_on: str | None = None  # "YYYY-MM-DD", "YYYY-MM", "YYYY" or None
    date_precision: str = UNKNOWN
    country: str = "PK"
    province: str = ""
    district: str = ""
    place: str = ""
    armed_group: str | None = None
    group_basis: str = ""  # "claimed" | "blamed" | ""
    mentions: list[tuple[int, int]] = field(default_factory=list)  # sentence offsets
    figures: list[ExtractedFigure] = field(default_factory=list)

    def as_dict(self) -> dict:
        """Return the event as a JSON-ready dict."""
        data = asdict(self)
        data["mentions"] = [list(span) for span in self.mentions]
        return data


@dataclass(slots=True)
class Extraction:
    """Everything found in one document."""

    statements: list[ExtractedStatement] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)  # armed groups: TTP, ISIS-K...
    places: list[str] = field(default_factory=list)
    statistics: list[ExtractedStatistic] = field(default_factory=list)
    events: list[ExtractedEvent] = field(default_factory=list)  # attacks the document reports
    published_on: date | None = None  # given, or found in the text (dateline, caption)
    title: str = ""

    def as_dict(self) -> dict:
        """Return the extraction as the JSON object the CLI prints (without "file")."""
        return {
            "title": self.title,
            "published": self.published_on.isoformat() if self.published_on else None,
            "statements": [s.as_dict() for s in self.statements],
            "organizations": list(self.organizations),
            "places": list(self.places),
            "statistics": [s.as_dict() for s in self.statistics],
            "events": [e.as_dict() for e in self.events],
        }
