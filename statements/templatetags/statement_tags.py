"""Small display helpers for statement cards."""

from django import template

register = template.Library()

QUOTES = "\"'“”‘’«»"


@register.filter
def is_quoted(text: str) -> bool:
    """Whether the text already opens with a quotation mark (so the card adds none)."""
    return bool(text) and text.lstrip()[:1] in QUOTES
