"""An upload whose text is already stored: what was kept, and what the editor typed differently
(an outlet, a date), offered as a correction of the stored document rather than dropped."""

from __future__ import annotations

from datetime import date

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import AbstractBaseUser
from django.utils.dateparse import parse_date

from statements.dates import within
from statements.models import Document

from .services import document_retry, outlet_for


def offered_corrections(
    document: Document, *, outlet: str = "", published_on: date | str | None = None
) -> dict:
    """What the duplicate said that the stored document does not: {"outlet": name,
    "published_on": date}, each only when given and different from what is stored."""
    offered: dict = {}
    outlet = " ".join((outlet or "").split())[:200]
    stored_outlet = document.outlet.name if document.outlet_id else ""
    if outlet and outlet.casefold() != stored_outlet.casefold():
        offered["outlet"] = outlet
    if isinstance(published_on, str):
        try:
            published_on = parse_date(published_on)
        except ValueError:
            published_on = None
    published_on = within(published_on)
    if published_on and published_on != document.published_on:
        offered["published_on"] = published_on
    return offered


def kept_message(document: Document, offered: dict) -> str:
    """What the editor is told on landing on the existing document."""
    kept = []
    kept.append(f"outlet {document.outlet.name}" if document.outlet_id else "no outlet")
    kept.append(
        f"published {document.published_on:%-d %B %Y}" if document.published_on else "no date"
    )
    message = (
        "This text is already stored: here is the existing document. Its title and details were "
        f"kept ({', '.join(kept)})."
    )
    if offered:
        message += " What you typed differently is offered below as a correction."
    return message


def document_correct(
    document: Document,
    *,
    outlet: str = "",
    published_on: date | None = None,
    user: AbstractBaseUser | None = None,
) -> list[str]:
    """Apply an offered correction; returns what changed. A new date re-extracts the document
    (statement dates are read against it; reviewed statements are kept)."""
    changed = []
    if outlet:
        document.outlet = outlet_for(outlet)
        changed.append(f"outlet set to {document.outlet.name}")
    if published_on and within(published_on) and published_on != document.published_on:
        document.published_on = published_on
        changed.append(f"publication date set to {published_on:%-d %B %Y}")
    if not changed:
        return changed
    document.save(update_fields=["outlet", "published_on"])
    if user is not None:
        LogEntry.objects.log_actions(
            user.pk,
            [document],
            CHANGE,
            change_message="; ".join(changed).capitalize() + " (typed on a duplicate upload).",
        )
    if any(item.startswith("publication") for item in changed):
        document_retry(document=document)
    return changed
