"""Display helpers for statements; a card's values are worked out in :mod:`statements.cards`."""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

from .. import cards, dates
from ..markup import html_join

register = template.Library()


@register.filter
def is_quoted(text: str) -> bool:
    """Whether the text already opens with a quotation mark (so the card adds none)."""
    return cards.is_quoted(text)


@register.filter
def said_when(statement, undated: str = "Undated") -> str:
    """When a statement was made, at the precision its source gives (day, month or year)."""
    return cards.said_when(
        getattr(statement, "said_on", None), getattr(statement, "date_precision", "day"), undated
    )


@register.filter
def pair_when(pair: tuple | None, undated: str = "—") -> str:
    """A (first day, precision) pair at its precision: "15 May 2024", "May 2024", "2024"."""
    return cards.said_when(pair[0], pair[1], undated) if pair else undated


@register.filter
def pair_datetime(pair: tuple | None) -> str:
    """A (first day, precision) pair as a valid ``<time datetime>``: 2024, 2024-05, 2024-05-15."""
    return dates.as_said(pair[0], pair[1]) if pair else ""


@register.filter
def iso_said(statement) -> str:
    """A statement's date as its source gives it (``2024``, ``2024-05``, ``2024-05-15``)."""
    return dates.as_said(
        getattr(statement, "said_on", None), getattr(statement, "date_precision", "day")
    )


@register.filter
def card_list(statement) -> list[dict]:
    """The card of a statement loaded with ``with_card_data`` (see :mod:`statements.cards`),
    as a list of one for :func:`statement_cards`."""
    return [cards.card_of_instance(statement)]


@register.inclusion_tag("statements/_cards.html")
def statement_cards(card_list: list[dict]) -> dict:
    """Statement cards (dicts from :mod:`statements.cards`)."""
    return {"cards": card_list}


@register.filter
def options(field: BoundField) -> SafeString:
    """The ``<option>`` elements of a choice field, the submitted value selected."""
    submitted = field.value()
    chosen = "" if submitted is None else str(submitted)
    return html_join(
        '<option value="{}"{}>{}</option>',
        (
            (choice, " selected" if str(choice) == chosen else "", label)
            for choice, label in field.field.widget.choices
        ),
    )


@register.filter
def when_at(day, precision: str) -> str:
    """A date at the precision given beside it: "11 Mar 2025", "March 2025", "2025"."""
    return cards.said_when(day, precision, "Date unknown")


@register.filter
def iso_at(day, precision: str) -> str:
    """A date at its precision as a valid ``<time datetime>``: 2025, 2025-03, 2025-03-11."""
    return dates.as_said(day, precision)
