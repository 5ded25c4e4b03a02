"""Pages analysts read, one module per page family. Everything from documents is escaped."""

from .alerts import alert_delete, alert_save, alert_unsubscribe, alerts_page
from .compare import compare
from .context import statistics
from .documents import document_list
from .exports import export_csv, export_json
from .pages import document_detail, statement_detail
from .pledges import pledge_ledger
from .speaker_search import speaker_search
from .speakers import speaker_detail, speaker_list
from .timeline import timeline

__all__ = [
    "alert_delete",
    "alert_save",
    "alert_unsubscribe",
    "alerts_page",
    "compare",
    "document_detail",
    "document_list",
    "export_csv",
    "export_json",
    "pledge_ledger",
    "speaker_detail",
    "speaker_list",
    "speaker_search",
    "statement_detail",
    "statistics",
    "timeline",
]
