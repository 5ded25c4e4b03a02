"""Which database errors are an outage (retry later) and which are a verdict (fail now).

Django raises ``OperationalError`` both for a database that went away and for errors that
will happen again on every attempt: "string is too long for tsvector" is psycopg's
``ProgramLimitExceeded`` (SQLSTATE 54000), which Django also maps to ``OperationalError``.
Retrying such an error only keeps a document "processing" for ever, so the tasks retry an
error only when ``is_outage`` says the database or the connection to it is what failed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DatabaseError, InterfaceError, OperationalError

# SQLSTATEs that say "the server or the connection", not "this statement":
#   class 08: connection exceptions;  class 53: insufficient resources (disk full, out of
#   memory, too many connections);  57P01-57P03: administrator or crash shutdown, cannot
#   connect now (starting up or shutting down);  class 40: deadlock or serialization failure,
#   which succeed when run again.
OUTAGE_CLASSES = ("08", "53", "40")
OUTAGE_STATES = {"57P01", "57P02", "57P03"}


class DatabaseOutage(Exception):
    """The database could not be reached or used; the task is retried with back-off."""


def sqlstate(error: BaseException) -> str | None:
    """The SQLSTATE of a database error (Django's wraps psycopg's as ``__cause__``)."""
    for candidate in (error, error.__cause__):
        state = getattr(candidate, "sqlstate", None)
        if state:
            return str(state)
    return None


def is_outage(error: BaseException) -> bool:
    """Whether ``error`` means the database was unreachable or unusable, not the data wrong.

    An ``InterfaceError`` is the connection itself (closed, broken). An ``OperationalError``
    with no SQLSTATE did not come from the server: the connection failed or was cut ("connection
    refused", "server closed the connection unexpectedly"). With a SQLSTATE, only the codes
    above are outages; everything else (54000 program limit exceeded, 57014 statement
    cancelled, ...) would fail the same way again.
    """
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    state = sqlstate(error)
    if state is None:
        return True
    return state[:2] in OUTAGE_CLASSES or state in OUTAGE_STATES


@contextmanager
def outages_retried() -> Iterator[None]:
    """Turn a database outage into ``DatabaseOutage``, the one error the tasks retry.

    Wraps the whole task body, its own bookkeeping included: when the database is down even
    the first query (counting the attempt) fails, and that must be retried too.
    """
    try:
        yield
    except DatabaseError as error:
        if is_outage(error):
            raise DatabaseOutage(f"{type(error).__name__}: {error}") from error
        raise
