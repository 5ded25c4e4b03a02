"""An admin action's own page (merge speakers, merge events, split mentions): the admin's
frame around the editor's choices, with the selected rows carried through."""

from __future__ import annotations

from django.contrib.admin import ModelAdmin, helpers
from django.http import HttpRequest
from django.template.response import TemplateResponse


def action_page(
    model_admin: ModelAdmin, request: HttpRequest, template: str, title: str, **context
) -> TemplateResponse:
    """Render ``template`` in the admin's frame, titled ``title``, with ``context``."""
    frame = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "opts": model_admin.model._meta,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, template, {**frame, **context})
