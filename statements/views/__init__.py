"""Pages analysts read, one module per page family. Everything from documents is escaped."""

from .compare import compare
from .context import statistics
from .exports import export_csv, export_json
from .pages import document_detail, statement_detail
from .pledges import pledge_ledger
from .speakers import speaker_detail, speaker_list
from .timeline import timeline

__all__ = [
    "compare",
    "document_detail",
    "export_csv",
    "export_json",
    "pledge_ledger",
    "speaker_detail",
    "speaker_list",
    "statement_detail",
    "statistics",
    "timeline",
]
