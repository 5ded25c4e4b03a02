"""The admin's history pages, from django-simple-history: per change, who, when, why, and each
changed field's old and new value (statements/history.py records them).

Reverting is off (``SIMPLE_HISTORY_REVERT_DISABLED``): a revert would save an old version
around the checks an editor's save goes through (a statement's span in its document, the
document's lock), so the per-version pages and their URL are not offered either.
"""

from __future__ import annotations

from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper


class HistoryAdmin(SimpleHistoryAdmin):
    """For the admins of tracked models (before ``ModelAdmin`` in their bases)."""

    # Ours: the changes as a list of old -> new, without simple-history's inline style (CSP).
    object_history_template = "admin/statements/object_history.html"
    object_history_list_template = "admin/statements/history_list.html"
    history_list_per_page = 50

    def get_urls(self):
        urls = super().get_urls()
        return [url for url in urls if not (url.name or "").endswith("_simple_history")]

    def save_model(self, request, obj, form, change: bool) -> None:
        tracked = {field.name for field in self.model.history.model.tracked_fields}
        if change and not tracked.intersection(form.changed_data):
            # Saved as it was (only its inlines changed): no row saying nothing changed.
            obj.skip_history_when_saving = True
            try:
                super().save_model(request, obj, form, change)
            finally:
                del obj.skip_history_when_saving
            return
        if not getattr(obj, "_change_reason", ""):
            obj._change_reason = "Edited in the admin." if change else "Added in the admin."
        super().save_model(request, obj, form, change)

    def get_historical_record_context_helper(self, request, historical_record):
        return ChangeShown(self.model, historical_record, max_displayed_delta_change_chars=2000)


class ChangeShown(HistoricalRecordContextHelper):
    """Old and new values shown whole (a statement's text, not a shortened diff), an empty one
    as "(none)", and a speaker merged away since by the name it had."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        if value is None or value == "" or isinstance(value, DeletedObject) and value.pk is None:
            return "(none)"
        if isinstance(value, DeletedObject) and hasattr(value.model, "history"):
            last = value.model.history.filter(id=value.pk).order_by("-history_date").first()
            if last is not None:
                return f"{last.instance} (since merged or deleted)"
        return value
