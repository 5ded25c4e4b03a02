"""Markup built in Python where a template loop would cost too much (hundreds of rows)."""

from __future__ import annotations

import html
from collections.abc import Iterable

from django.utils.safestring import SafeString, mark_safe


def html_join(template: str, rows: Iterable[tuple]) -> SafeString:
    """``format_html_join("", template, rows)`` for long lists: every value is text and is
    escaped (quotes too) before it fills the template; only the template is markup. About
    three times faster than ``format_html`` per row, which matters for a decade of months."""
    escape = html.escape
    return mark_safe(  # noqa: S308 - every value is escaped above; the template is ours
        "".join(template.format(*[escape(str(value)) for value in row]) for row in rows)
    )
