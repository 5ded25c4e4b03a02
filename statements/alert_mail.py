"""The mail of a saved search's alert: plain text with an HTML alternative, every statement
with its speaker, the date said at its precision, the speaker's words and links, and a
one-click unsubscribe link (RFC 8058)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from .alert_models import SavedSearch
from .cards import said_when, shortened
from .models import DatePrecision, Statement

# The most statements one mail lists; the rest are counted, with the link to the search.
MAX_LISTED = 50


def absolute(path: str) -> str:
    """``path`` on the site as readers reach it (SITE_URL): mail is read away from the site."""
    return f"{settings.SITE_URL}{path}"


def _item(statement: Statement) -> dict:
    when = said_when(statement.said_on, statement.date_precision, "Date unknown")
    if statement.said_on and statement.date_precision == DatePrecision.UNKNOWN:
        when += " (approximate)"
    words, framing = statement.quotation
    document = statement.document
    return {
        "speaker": statement.speaker.name,
        "when": when,
        "words": words,
        "text": framing or statement.text if words else statement.text,
        "source": document.outlet.name if document.outlet else shortened(document.title, 80),
        "url": absolute(statement.get_absolute_url()),
    }


def _subject(search: SavedSearch, total: int, digest: bool) -> str:
    kind = {"daily": "Daily digest", "weekly": "Weekly digest"}.get(search.frequency, "Alert")
    # A header holds no line breaks (Django refuses them) nor other control characters.
    name = "".join(ch for ch in " ".join(search.name.split()) if ch.isprintable())
    noun = "statement" if total == 1 else "statements"
    return f"{kind if digest else 'Alert'}: {total} new {noun} for “{name}”"


def alert_message(
    search: SavedSearch, statements: list[Statement], *, total: int, digest: bool, token: str
) -> EmailMultiAlternatives:
    """The mail announcing ``statements`` (``total`` new ones in all) to ``search``'s owner."""
    unsubscribe = absolute(reverse("statements:alert_unsubscribe", args=[token]))
    context = {
        "search": search,
        "items": [_item(s) for s in statements],
        "total": total,
        "more": total - len(statements),
        "digest": digest,
        "search_url": absolute(search.timeline_url()),
        "alerts_url": absolute(reverse("statements:alerts")),
        "feed_url": absolute(search.feed_url()),
        "unsubscribe_url": unsubscribe,
    }
    message = EmailMultiAlternatives(
        subject=_subject(search, total, digest),
        body=render_to_string("statements/alerts/email.txt", context),
        to=[search.user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string("statements/alerts/email.html", context), "text/html"
    )
    return message
