"""Small display helpers for statement cards."""

from django import template

register = template.Library()

QUOTES = "\"'“”‘’«»"


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
