"""Statement cards: what a card prints, worked out once per card in Python.

A timeline page shows 30 cards. Loading them as model instances (a statement, its speaker,
document and outlet, then its topics and groups by prefetch) and letting the template walk
their attributes cost more than all the page's SQL. Instead :func:`cards_of` reads the plain
values a card shows in three queries (the statements with their joined columns, then the
topics and the armed groups of those statements) and :func:`card` builds a dict the card
template only prints. :func:`card_of_instance` does the same for a statement already loaded
with ``with_card_data`` (the statement page). Text stays text: the template escapes it; only a
search headline is already safe HTML, ``<mark>`` alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.db.models import CharField, QuerySet, Value
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats
from django.utils.text import Truncator
from django.utils.translation import get_language

from . import search
from .dates import as_said
from .models import DatePrecision, Side, Statement
from .quotes import quotation
from .reports import with_outlets

QUOTES = "\"'“”‘’«»"
SENTINEL = "2147483647"
PLAIN_ARG = re.compile(r"[-a-zA-Z0-9_]+")
VERIFIED = {Statement.Review.VERIFIED, Statement.Review.EDITED}
SIDE_LABELS = {value: str(label) for value, label in Side.choices}
PRECISION_LABELS = {value: str(label).lower() for value, label in DatePrecision.choices}
REVIEW_LABELS = {value: str(label) for value, label in Statement.Review.choices}

# What a card shows, as value paths from the statement, in this order.
FIELDS = (
    "id",
    "text",
    "direct",
    "start",
    "words",
    "said_on",
    "date_precision",
    "is_pledge",
    "review_status",
    "document_id",
    "speaker__name",
    "speaker__slug",
    "speaker__role",
    "speaker__organization",
    "speaker__side",
    "document__title",
    "document__outlet__name",
    "document__published_on",
    "document__url",
    "outlets",
)
GROUP_FIELDS = ("armedgroup__slug", "armedgroup__short_name", "armedgroup__full_name")
KEYS = tuple(path.replace("__", "_") for path in FIELDS)


def is_quoted(text: str) -> bool:
    """Whether the text already opens with a quotation mark (so the card adds none)."""
    return bool(text) and text.lstrip()[:1] in QUOTES


def said_when(day: dt.date | None, precision: str, undated: str = "Undated") -> str:
    """When a statement was made, at the precision its source gives (day, month or year)."""
    if day is None:
        return undated
    if precision == DatePrecision.YEAR:
        return f"{day.year}"
    if precision == DatePrecision.MONTH:
        return f"{day:%B} {day.year}"
    return f"{day.day} {day:%b} {day.year}"


@lru_cache(maxsize=64)
def _reversed(urlconf: str | None, root: str, prefix: str, name: str, args: tuple) -> str:
    return reverse(name, urlconf=urlconf, args=args)


class Links:
    """The URL patterns cards (and exports) link to, looked up once for a batch of rows:
    ``reverse()`` for each pattern once per URL configuration and script prefix, then only the
    id or slug is filled in."""

    def __init__(self) -> None:
        self.where = (get_urlconf(), settings.ROOT_URLCONF, get_script_prefix())
        self.timeline = self.url("statements:timeline")
        self.speaker = self._around("statements:speaker")
        self.statement = self._around("statements:statement")
        self.document = self._around("statements:document")

    def _around(self, name: str) -> tuple[str, str, str]:
        before, _, after = _reversed(*self.where, name, (SENTINEL,)).partition(SENTINEL)
        return name, before, after

    def url(self, name: str) -> str:
        return _reversed(*self.where, name, ())

    @staticmethod
    def fill(pattern: tuple[str, str, str], arg: object) -> str:
        text = str(arg)
        if not PLAIN_ARG.fullmatch(text):  # anything reverse() would quote or reject
            return reverse(pattern[0], args=[arg])
        return f"{pattern[1]}{text}{pattern[2]}"


def shortened(text: str, limit: int) -> str:
    """``text`` as the ``truncatechars`` filter shortens it, looking up the ellipsis (a
    translation) only for a text that needs it."""
    return Truncator(text).chars(limit) if len(text) > limit else text


@lru_cache(maxsize=4096)
def _formatted(day: dt.date, fmt: str, language: str) -> str:
    return formats.date_format(day, fmt)


def date_label(day: dt.date, fmt: str) -> str:
    """``day`` as the ``date`` template filter formats it; each (day, format) worked out once."""
    return _formatted(day, fmt, get_language())


def card(
    row: dict,
    topics: list[tuple[str, str]],
    groups: list[tuple[str, str, str]],
    body: str | None = None,
    links: Links | None = None,
    q: str | None = None,
) -> dict:
    """What a card prints, from a statement's values (``KEYS``), its topics as (slug, name)
    and its groups as (slug, short name, full name); ``body`` replaces the text (a search
    headline, already safe HTML). ``links``: the URL patterns, when making many cards."""
    links = links or Links()
    said_on, precision = row["said_on"], row["date_precision"]
    published_on, text = row["document_published_on"], row["text"]
    timeline, source = links.timeline, row["document_outlet_name"] or row["document_title"]
    note = title = ""
    if said_on and precision != DatePrecision.DAY:
        title = PRECISION_LABELS.get(precision, precision)
        note = "date approximate" if precision == DatePrecision.UNKNOWN else f"to the {title}"
    quoted = is_quoted(text)
    role = row["speaker_role"]
    # The speaker's own words go inside the quotation marks, the framing around them below.
    words, framed = quotation(text, row["start"], row["words"], row["direct"])
    # In a search, the words and the framing with the query's terms marked.
    said = search.highlight_terms(words, q) if words and q else words
    framed = search.highlight_terms(framed, q) if framed and q else framed
    return {
        "pk": row["id"],
        "said_on": said_on,
        "pledge": row["is_pledge"],
        "day": said_on.isoformat() if said_on else "",  # sorts; the <time> gets "datetime"
        "datetime": as_said(said_on, precision),
        "period": precision,
        "when": said_when(said_on, precision, "Date unknown"),
        "precision": note,
        "precision_title": title,
        "speaker_url": links.fill(links.speaker, row["speaker_slug"]),
        "speaker": row["speaker_name"],
        "role": ", ".join(filter(None, [role, row["speaker_organization"]])) if role else "",
        "side": row["speaker_side"],
        "side_label": SIDE_LABELS.get(row["speaker_side"], row["speaker_side"]),
        "direct": row["direct"],
        "open": "" if quoted else "“",
        "close": "" if quoted else "”",
        "text": text,
        "body": body or text,
        "quote": said,
        "framing": framed,
        "cite": citation_of(row, said_on, precision),
        "cite_source": row.get("document_url") or "",
        "topics": [(f"{timeline}?topic={quote(slug, safe='/')}", name) for slug, name in topics],
        "groups": [
            (f"{timeline}?group={quote(slug, safe='/')}", full, short)
            for slug, short, full in groups
        ],
        "verified": REVIEW_LABELS[row["review_status"]] if row["review_status"] in VERIFIED else "",
        "outlets": row["outlets"] or 0,
        "statement_url": links.fill(links.statement, row["id"]),
        "source_url": f"{links.fill(links.document, row['document_id'])}#s{row['id']}",
        "source": shortened(source, 60) if source else "document",
        "published": date_label(published_on, "j M Y")
        if published_on and published_on != said_on
        else "",
        # A month heading before the card: set by the timeline's pages (queries.page_of).
        "new_month": False,
        "month_name": "",
    }


def citation_of(row: dict, said_on: dt.date | None, precision: str) -> str:
    """A citation of the statement, but for its URLs (the page adds them, absolute: the
    source's, then the statement's): speaker, role, when said (at its precision), outlet and
    the document's title. No quotation marks: those enclose a speaker's words only."""
    role = ", ".join(filter(None, [row["speaker_role"], row["speaker_organization"]]))
    who = f"{row['speaker_name']} ({role})" if role else row["speaker_name"]
    when = said_when(said_on, precision, "date unknown") if said_on else "date unknown"
    where = ": ".join(filter(None, [row["document_outlet_name"], row["document_title"]]))
    return ". ".join(part for part in [f"{who}, said {when}", where] if part) + "."


def _card_rows(ids: list[int]) -> QuerySet:
    return with_outlets(Statement.objects.filter(id__in=ids)).order_by().values_list(*FIELDS)


def _badges(ids: list[int]) -> QuerySet:
    """Topics as (statement, "topic", slug, name, name), armed groups as (statement, "group",
    slug, short name, full name)."""
    kind = CharField()
    topics = Statement.topics.through.objects.filter(statement_id__in=ids).values_list(
        "statement_id", Value("topic", kind), "topic__slug", "topic__name", "topic__name"
    )
    groups = Statement.armed_groups.through.objects.filter(statement_id__in=ids).values_list(
        "statement_id", Value("group", kind), *GROUP_FIELDS
    )
    return topics.order_by().union(groups.order_by(), all=True)


def cards_of(statements: QuerySet[Statement], q: str | None = None) -> list[dict]:
    """The cards of these statements (filtered, ordered and sliced by the caller), in their
    order, in three queries whatever their number: the page's ids, then by those ids the
    columns a card shows, then the topics and armed groups. With ``q`` (a search), each
    card's body is the highlighted text, and ``rank`` is kept for keyset paging.

    Three small queries cost less than one that aggregates the topics and groups into arrays:
    planning that one takes longer than running all three."""
    extra = ("rank", "headline_raw") if q and search.is_postgres() else ("rank",) if q else ()
    page = [
        dict(zip(("id", *extra), values, strict=True))
        for values in statements.values_list("id", *extra)
    ]
    if not page:
        return []
    ids = [found["id"] for found in page]
    columns = {values[0]: values for values in _card_rows(ids)}
    topics: dict[int, list] = defaultdict(list)
    groups: dict[int, list] = defaultdict(list)
    for pk, kind, slug, name, full_name in _badges(ids):
        if kind == "topic":
            topics[pk].append((slug, name))
        else:
            groups[pk].append((slug, name, full_name))
    cards, links = [], Links()
    for found in page:
        pk = found["id"]
        if pk not in columns:  # deleted between the two queries
            continue
        row = found | dict(zip(KEYS, columns[pk], strict=True))
        body = None
        if q:
            raw = row.get("headline_raw")
            body = (
                search.safe_headline(raw)
                if raw is not None
                else search.highlight_terms(row["text"], q)
            )
        by_name = sorted(topics[pk], key=lambda topic: topic[1])
        by_short_name = sorted(groups[pk], key=lambda group: group[1])
        made = card(row, by_name, by_short_name, body, links, q)
        made["rank"] = row.get("rank")
        cards.append(made)
    return cards


def card_of_instance(statement: Statement) -> dict:
    """The card of a statement loaded with ``with_card_data`` (speaker, document, outlet,
    topics, groups and ``outlets``)."""
    speaker, document = statement.speaker, statement.document
    row = {
        "id": statement.pk,
        "text": statement.text,
        "direct": statement.direct,
        "start": statement.start,
        "words": statement.words,
        "said_on": statement.said_on,
        "date_precision": statement.date_precision,
        "is_pledge": statement.is_pledge,
        "review_status": statement.review_status,
        "document_id": statement.document_id,
        "speaker_name": speaker.name,
        "speaker_slug": speaker.slug,
        "speaker_role": speaker.role,
        "speaker_organization": speaker.organization,
        "speaker_side": speaker.side,
        "document_title": document.title,
        "document_outlet_name": document.outlet.name if document.outlet else None,
        "document_published_on": document.published_on,
        "document_url": document.url,
        "outlets": getattr(statement, "outlets", None),
    }
    return card(
        row,
        [(t.slug, t.name) for t in statement.topics.all()],
        [(g.slug, g.short_name, g.full_name) for g in statement.armed_groups.all()],
        getattr(statement, "headline", None),
    )
