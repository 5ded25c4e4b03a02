"""Display helpers for statement cards: their values are worked out here, in Python, once per
card, so the card template only prints them (a timeline page shows 30 cards)."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats
from django.utils.text import Truncator

register = template.Library()

QUOTES = "\"'“”‘’«»"
SENTINEL = "2147483647"
PLAIN_ARG = re.compile(r"[-a-zA-Z0-9_]+")


@register.filter
def is_quoted(text: str) -> bool:
    """Whether the text already opens with a quotation mark (so the card adds none)."""
    return bool(text) and text.lstrip()[:1] in QUOTES


@register.filter
def said_when(statement, undated: str = "Undated") -> str:
    """When a statement was made, at the precision its source gives (day, month or year)."""
    day = getattr(statement, "said_on", None)
    if day is None:
        return undated
    precision = getattr(statement, "date_precision", "day")
    if precision == "year":
        return f"{day.year}"
    if precision == "month":
        return day.strftime("%B %Y")
    return f"{day.day} {day.strftime('%b %Y')}"


@lru_cache(maxsize=64)
def _reversed(urlconf: str | None, root: str, prefix: str, name: str, args: tuple) -> str:
    return reverse(name, urlconf=urlconf, args=args)


def url_of(name: str, arg: object = None) -> str:
    """``reverse(name, args=[arg])`` for no argument, an id or a slug, resolving each pattern
    once per URL configuration and script prefix rather than once per card."""
    where = (get_urlconf(), settings.ROOT_URLCONF, get_script_prefix(), name)
    if arg is None:
        return _reversed(*where, ())
    text = str(arg)
    if not PLAIN_ARG.fullmatch(text):  # anything reverse() would quote or reject
        return reverse(name, args=[arg])
    before, _, after = _reversed(*where, (SENTINEL,)).partition(SENTINEL)
    return f"{before}{text}{after}"


def _precision(statement) -> tuple[str, str]:
    """The card's precision note and its title, or blanks when the day is known."""
    if not statement.said_on or statement.date_precision == "day":
        return "", ""
    label = str(statement.get_date_precision_display()).lower()
    note = "date approximate" if statement.date_precision == "unknown" else f"to the {label}"
    return note, label


@register.filter
def card(statement) -> dict:
    """What a statement card prints, from a statement loaded with its speaker, document,
    outlet, topics and armed groups (``with_card_data``). Text stays text: the template
    escapes it; only a search headline is already safe HTML (``<mark>`` alone)."""
    speaker, document = statement.speaker, statement.document
    said_on, published_on = statement.said_on, document.published_on
    timeline = url_of("statements:timeline")
    precision, precision_title = _precision(statement)
    outlets = getattr(statement, "outlets", None)
    quoted = is_quoted(statement.text)
    return {
        "pk": statement.pk,
        "pledge": statement.is_pledge,
        "day": said_on.isoformat() if said_on else "",
        "when": said_when(statement, "Date unknown"),
        "precision": precision,
        "precision_title": precision_title,
        "speaker_url": url_of("statements:speaker", speaker.slug),
        "speaker": speaker.name,
        "role": ", ".join(filter(None, [speaker.role, speaker.organization]))
        if speaker.role
        else "",
        "side": speaker.side,
        "side_label": speaker.get_side_display(),
        "direct": statement.direct,
        "open": "" if quoted else "“",
        "close": "" if quoted else "”",
        "body": getattr(statement, "headline", None) or statement.text,
        "topics": [
            (f"{timeline}?topic={quote(t.slug, safe='/')}", t.name) for t in statement.topics.all()
        ],
        "groups": [
            (f"{timeline}?group={quote(g.slug, safe='/')}", g.full_name, g.short_name)
            for g in statement.armed_groups.all()
        ],
        "verified": statement.get_review_status_display()
        if statement.review_status in ("verified", "edited")
        else "",
        "outlets": outlets or 0,
        "statement_url": url_of("statements:statement", statement.pk),
        "source_url": f"{url_of('statements:document', statement.document_id)}#s{statement.pk}",
        "source": Truncator(
            (document.outlet.name if document.outlet else "") or document.title or "document"
        ).chars(60),
        "published": formats.date_format(published_on, "j M Y")
        if published_on and published_on != said_on
        else "",
    }
