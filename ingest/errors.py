"""What ingest raises when an input cannot become a document (imported by every ingest module,
importing none of them)."""

from __future__ import annotations


class RejectedDocument(ValueError):
    """The input cannot become a document; the message says why, for the editor.

    ``transient`` marks a failure a retry may mend (the network, a server's passing trouble, a
    time limit); any other comes back the same however often it is tried.
    """

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


class FetchError(RejectedDocument):
    """The page could not be fetched; the message says why, for the editor. ``status`` is the
    HTTP status a server answered with, when it answered."""

    status: int | None = None
